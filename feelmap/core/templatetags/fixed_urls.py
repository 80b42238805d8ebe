"""`{% fixed_url 'app:name' %}`: the URL of a page that takes no arguments.

Such URLs never change while the process runs, and reverse() is one of the dearer steps of a
page render, so each is worked out once. Loaded as a template builtin (see settings).
"""

from functools import lru_cache

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
@lru_cache(maxsize=256)
def fixed_url(name: str) -> str:
    return reverse(name)
