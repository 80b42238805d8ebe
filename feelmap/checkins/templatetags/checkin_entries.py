"""`{% checkin_entries rows heading=2 %}`: the cards of a list of check-ins.

List pages show up to twenty cards, and on our reference machine each value a template
renders costs about 3 µs, most of it in Django's lazy-string checks around escape(). Here
each card is one string format with every value passed through html.escape, which is what
Django's escape() runs underneath. Rows come from checkins.listing: plain strings only, so
escaping every value is right.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

CARD = (
    '<article class="entry card">\n'
    '  <h{level} class="entry-title"><a href="{url}">{when}</a> <span class="kind">{kind}</span></h{level}>\n'
    '  <dl class="entry-facts">\n'
    "    <dt>Words</dt><dd>{words}</dd>{affect}{body}\n"
    "  </dl>\n"
    "</article>\n"
)


def card(entry: dict, level: int) -> str:
    affect = f"<dt>Grid</dt><dd>{escape(entry['affect'])}</dd>" if entry["affect"] else ""
    body = f"<dt>Body</dt><dd>{escape(entry['body'])}</dd>" if entry["body"] else ""
    return CARD.format(level=level, url=escape(entry["url"]), when=escape(entry["when"]),
                       kind=escape(entry["kind"]), words=escape(entry["words"]),
                       affect=affect, body=body)


@register.simple_tag
def checkin_entries(rows: list[dict], heading: int = 3) -> str:
    level = min(max(int(heading), 2), 6)
    return mark_safe("".join(card(entry, level) for entry in rows))  # noqa: S308 (escaped above)
