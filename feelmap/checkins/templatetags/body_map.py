"""`{% body_map bodymap %}`: the body map (checkins/_bodymap.html) for a bodymap_context().

A blank body map is the same markup for everyone (twenty regions, each with every sensation:
the largest part of the check-in and practice forms), so it is rendered once per field
prefix and kept. A body map with marks or errors is rendered each time.
"""

from functools import lru_cache

from django import template
from django.template.loader import render_to_string

from feelmap.checkins.components import bodymap_context

register = template.Library()
TEMPLATE = "checkins/_bodymap.html"


@lru_cache(maxsize=16)
def _blank(prefix: str) -> str:
    return render_to_string(TEMPLATE, {"bodymap": bodymap_context(prefix)})


@register.simple_tag
def body_map(bodymap: dict) -> str:
    if bodymap["blank"]:
        return _blank(bodymap["prefix"])  # already a SafeString from the template
    return render_to_string(TEMPLATE, {"bodymap": bodymap})
