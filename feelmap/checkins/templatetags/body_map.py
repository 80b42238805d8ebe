"""`{% body_map bodymap %}`: the body map (checkins/_bodymap.html, a blank one from the cache) for a bodymap_context()."""

from django import template

register = template.Library()


@register.inclusion_tag("checkins/_bodymap.html")
def body_map(bodymap: dict) -> dict:
    return {"bodymap": bodymap}
