"""The insights page: thin; the reading is in loaders.py, the drawing in presentation.py."""

from __future__ import annotations

from functools import lru_cache

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from . import loaders, presentation


@lru_cache(maxsize=512)
def word_url(word: str) -> str:
    return reverse("lexicon:word", args=[word.replace(" ", "-")])


def body_html(user) -> str:
    """The page's content, rendered once per change of the person's data and kept: it
    depends on nothing in the request."""
    key = loaders.stamp(user) + ":html"
    html = cache.get(key)
    if html is None:
        insights = loaders.insights_for_stamp(user, key.removesuffix(":html"))
        html = render_to_string("insights/_body.html",
                                presentation.page_context(insights, word_url))
        cache.set(key, html, timeout=loaders.CACHE_SECONDS)
    return html


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "insights/index.html", {"body": mark_safe(body_html(request.user))})  # noqa: S308
