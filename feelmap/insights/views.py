"""The insights page: thin; the reading is in loaders.py, the drawing in presentation.py and
templatetags/insights_page.py."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from feelmap.accounts.http import SignedInRequest

from . import loaders


@login_required
def index(request: SignedInRequest) -> HttpResponse:
    return render(request, "insights/index.html", {
        "insights_key": loaders.cache_key(request.user),
        "cache_seconds": loaders.CACHE_SECONDS,
    })
