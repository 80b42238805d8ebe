"""Rows for lists of check-ins (timeline, check-in home): one page, newest first.

Plain ORM: the page's check-ins with only the columns a card shows, their words and body marks
prefetched (three queries whatever the page size), and no count (see `Page`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from .models import BodySensation, CheckIn, Label

MAX_PAGE = 10_000  # far past any real history; keeps OFFSET arithmetic sane for odd URLs
CARD_FIELDS = ("id", "public_id", "occurred_at", "kind", "pleasantness", "energy", "not_sure")


@dataclass
class Page:
    """One page of a list, newest first.

    There is no total: counting years of check-ins costs more than building the page, and a
    person pages through recent ones (the calendar is the way to an older day). One extra row
    is fetched to know whether an older page exists.
    """

    rows: list[dict[str, Any]]
    number: int
    size: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def page_of(owner, *, number: object = 1, size: int = 20, start: datetime | None = None,
            end: datetime | None = None) -> Page:
    try:
        number = max(1, min(int(str(number)), MAX_PAGE))
    except (TypeError, ValueError):
        number = 1
    found = CheckIn.objects.filter(owner=owner)
    if start is not None and end is not None:
        found = found.filter(occurred_at__gte=start, occurred_at__lt=end)
    found = found.only(*CARD_FIELDS).prefetch_related(
        Prefetch("labels", queryset=Label.objects.only(
            "checkin_id", "word", "own_word", "is_own", "intensity")),
        Prefetch("sensations", queryset=BodySensation.objects.only(
            "checkin_id", "region", "quality", "side")),
    ).order_by("-occurred_at", "-id")
    offset = (number - 1) * size
    checkins = list(found[offset:offset + size + 1])
    return Page([card(c) for c in checkins[:size]], number, size, has_next=len(checkins) > size)


def _number(value: float) -> str:
    return f"{value:g}".replace("-", "−")


def card(checkin: CheckIn) -> dict[str, Any]:
    """What a card of a list shows, as text (the template escapes it)."""
    labels = list(checkin.labels.all())
    words = ", ".join(f"{lab.text} ({lab.intensity}/10)" if lab.intensity is not None else lab.text
                      for lab in labels)
    if not words:
        words = "Not sure / numb" if checkin.not_sure else "No word"
    elif checkin.not_sure:
        words += " · also not sure"
    affect = ""
    if checkin.pleasantness is not None and checkin.energy is not None:
        affect = (f"{checkin.affect_label} "
                  f"({_number(checkin.pleasantness)}, {_number(checkin.energy)})")
    return {
        "public_id": checkin.public_id,
        "occurred_at": timezone.localtime(checkin.occurred_at),
        "kind": checkin.get_kind_display(),
        "words": words,
        "affect": affect,
        "body": checkin.body_summary,
    }
