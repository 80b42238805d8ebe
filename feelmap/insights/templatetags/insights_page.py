"""`{% insights_body user %}`: the insights page's content, from the person's cached insights.

The page wraps it in `{% cache %}` keyed by `loaders.cache_key` (person, data version, day),
so a view with nothing changed neither draws the charts nor renders this template: measured
in bench/insights.py, drawing and rendering alone cost 5 to 9 times a trivial page.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from feelmap.lexicon.views import word_slug

from .. import loaders, presentation

register = template.Library()


def word_url(word: str) -> str:
    return reverse("lexicon:word", args=[word_slug(word)])


@register.inclusion_tag("insights/_body.html")
def insights_body(user: Any) -> dict[str, Any]:
    return presentation.page_context(loaders.insights_for(user), word_url)
