"""Rows for lists of check-ins (timeline, landing page), built once in Python.

Lists are the pages people open most, with years of entries behind them. Four flat queries
(count, check-ins, their words, their body marks) and plain dicts: no model instances, no
per-row queries, and the free text the list does not show is never decrypted.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from feelmap.lexicon.body import load_body_catalogue
from feelmap.lexicon.vocabulary import quadrant_of
from feelmap.lib.crypto import decrypt
from feelmap.lib.rows import aware_datetime

from .models import BodySensation, CheckIn, Kind, Label

KIND_LABELS = dict(Kind.choices)
PLACEHOLDER = "00000000-0000-0000-0000-000000000000"
# English names from tables: strftime's are slower and follow the machine's locale.
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
MAX_PAGE = 10_000  # far past any real history; keeps OFFSET arithmetic sane for odd URLs
CHECKIN = CheckIn._meta.db_table
LABEL = Label._meta.db_table
SENSATION = BodySensation._meta.db_table


@dataclass
class Page:
    """One page of a list, newest first.

    There is no total: counting years of check-ins costs more than building the page, and a
    person pages through recent ones (the calendar is the way to an older day). One extra row
    is fetched to know whether an older page exists.
    """

    rows: list[dict[str, str]]
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


# Plain SQL on purpose: these few simple, portable SELECTs run on every list page, and the
# ORM's per-query overhead was most of the timeline's cost with five years of entries.
def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _where(owner_id: int, start: datetime | None, end: datetime | None) -> tuple[str, list]:
    sql, params = "owner_id = %s", [owner_id]
    if start is not None and end is not None:
        sql += " AND occurred_at >= %s AND occurred_at < %s"
        # Stored the way the ORM stores them, so the comparison is exact at the boundaries.
        params += [connection.ops.adapt_datetimefield_value(start),
                   connection.ops.adapt_datetimefield_value(end)]
    return sql, params


def page_of(owner_id: int, *, number: object = 1, size: int = 20, start: datetime | None = None,
            end: datetime | None = None) -> Page:
    where, params = _where(owner_id, start, end)
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    number = min(number, MAX_PAGE)
    # Only table names and %s placeholders are put into the SQL text; values go as parameters.
    found = _fetch(
        f"SELECT id, public_id, occurred_at, kind, pleasantness, energy, not_sure FROM {CHECKIN} "  # noqa: S608
        f"WHERE {where} ORDER BY occurred_at DESC, id DESC LIMIT %s OFFSET %s",
        [*params, size + 1, (number - 1) * size],
    )
    entries = [
        {"id": r[0], "public_id": uuid.UUID(str(r[1])), "occurred_at": aware_datetime(r[2]), "kind": r[3],
         "pleasantness": r[4], "energy": r[5], "not_sure": bool(r[6])}
        for r in found[:size]
    ]
    return Page(rows(entries), number, size, has_next=len(found) > size)


def _number(value: float) -> str:
    return f"{value:g}".replace("-", "−")


def describe(entry: dict[str, Any], labels: list[tuple], marks: list[tuple], url: str,
             zone=None) -> dict[str, str]:
    """One row of text. Pure: `labels` are (text, intensity), `marks` (region label, quality)."""
    words = ", ".join(f"{text} ({intensity}/10)" if intensity is not None else text
                      for text, intensity in labels)
    if not words:
        words = "Not sure / numb" if entry["not_sure"] else "No word"
    elif entry["not_sure"]:
        words += " · also not sure"
    affect = ""
    if entry["pleasantness"] is not None and entry["energy"] is not None:
        label = quadrant_of(entry["pleasantness"], entry["energy"]).label
        affect = f"{label} ({_number(entry['pleasantness'])}, {_number(entry['energy'])})"
    regions: dict[str, list[str]] = {}
    for region, quality in marks:
        regions.setdefault(region, []).append(quality.replace("-", " "))
    when = timezone.localtime(entry["occurred_at"], zone)
    return {
        "url": url,
        "when": f"{DAY_NAMES[when.weekday()]} {when.day} {MONTH_NAMES[when.month - 1]} "
                f"{when.year}, {when.hour:02d}:{when.minute:02d}",
        "kind": KIND_LABELS.get(entry["kind"], entry["kind"]),
        "words": words,
        "affect": affect,
        "body": "; ".join(f"{r}: {', '.join(q)}" for r, q in regions.items()),
    }


@lru_cache(maxsize=1)
def _detail_url_template() -> str:
    return reverse("checkins:detail", args=[PLACEHOLDER])


def rows(entries: list[dict[str, Any]]) -> list[dict[str, str]]:
    ids = [e["id"] for e in entries]
    labels: dict[int, list[tuple]] = defaultdict(list)
    marks: dict[int, list[tuple]] = defaultdict(list)
    if ids:
        placeholders = ", ".join(["%s"] * len(ids))
        found = _fetch(f"SELECT checkin_id, word, own_word, is_own, intensity FROM {LABEL} "  # noqa: S608
                       f"WHERE checkin_id IN ({placeholders}) ORDER BY position, id", ids)
        for checkin_id, word, own_word, is_own, intensity in found:
            labels[checkin_id].append((decrypt(own_word) if is_own and own_word else word, intensity))
        body = load_body_catalogue()
        found = _fetch(f"SELECT checkin_id, region, quality, side FROM {SENSATION} "  # noqa: S608
                       f"WHERE checkin_id IN ({placeholders}) ORDER BY id", ids)
        for checkin_id, region, quality, side in found:
            name = body.region(region).label if body.has_region(region) else region
            marks[checkin_id].append((f"{name} ({side})" if side else name, quality))
    template = _detail_url_template()
    zone = timezone.get_current_timezone()
    return [
        describe(e, labels[e["id"]], marks[e["id"]],
                 template.replace(PLACEHOLDER, str(e["public_id"])), zone)
        for e in entries
    ]
