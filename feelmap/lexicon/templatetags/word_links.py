"""`{{ word|word_url }}`: the address of a vocabulary word's page.

The vocabulary pages link up to 191 words each; reverse() per link was most of their render
time, and the addresses never change while the process runs.
"""

from functools import lru_cache

from django import template
from django.urls import reverse

register = template.Library()


@register.filter
@lru_cache(maxsize=1024)
def word_url(word: str) -> str:
    from feelmap.lexicon.views import word_slug

    return reverse("lexicon:word", args=[word_slug(str(word))])
