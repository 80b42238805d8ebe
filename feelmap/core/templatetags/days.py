"""`{{ moment|day }}` ("4 Dec 2026") and `{{ moment|day_time }}` ("4 Dec 2026, 13:24"): a
moment in the current time zone, in the same words as Django's `date` filter with the formats
"j M Y" and "j M Y, H:i".

For lists that show many moments: the care dashboard shows up to 20 people, each with a last
activity and flags with their dates. Django's `date` reads its format and builds a formatter
for every value; here each day's words are worked out once per process (a day's words never
change) and the time is added to them. Measured in the care benchmark on PostgreSQL: about
70 µs a date with `date`, a tenth of that with these (bench/care_dashboard.py, docs/scale.md).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from django import template
from django.utils import formats
from django.utils.translation import get_language

register = template.Library()


@lru_cache(maxsize=4096)
def _cached(day: date, language: str | None) -> str:
    return formats.date_format(day, "j M Y")


def _words(day: date) -> str:
    """Month names are words of the active language (English only today): part of the key."""
    return _cached(day, get_language())


@register.filter(expects_localtime=True)
def day(value: datetime | date | None) -> str:
    """The day of a moment (already in the current time zone: `expects_localtime`)."""
    if value is None or value == "":
        return ""
    return _words(value.date() if isinstance(value, datetime) else value)


@register.filter(expects_localtime=True)
def day_time(value: datetime | None) -> str:
    """The day and the time (24-hour clock) of a moment (a datetime, not a date)."""
    if value is None or value == "":
        return ""
    return f"{_words(value.date())}, {value.hour:02d}:{value.minute:02d}"
