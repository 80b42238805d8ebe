"""The insights page: thin; the reading is in loaders.py, the drawing in presentation.py."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from . import loaders, presentation


def word_url(word: str) -> str:
    return reverse("lexicon:word", args=[word.replace(" ", "-")])


@login_required
def index(request: HttpRequest) -> HttpResponse:
    insights = loaders.insights_for(request.user)  # type: ignore[arg-type]
    return render(request, "insights/index.html", presentation.page_context(insights, word_url))
