"""`{% checkin_entries rows heading=2 %}`: the cards of a list of check-ins
(checkins/_entries.html), with their headings at the level the page needs."""

from django import template

register = template.Library()


@register.inclusion_tag("checkins/_entries.html")
def checkin_entries(rows: list[dict], heading: int = 3) -> dict:
    return {"entries": rows, "level": min(max(int(heading), 2), 6)}
