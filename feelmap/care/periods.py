"""Pure date arithmetic for assignments: which period of a schedule a day falls in.

once: one period from the start to the due date; daily: each day; weekly: 7-day blocks
counted from the start. Nothing after the due date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive


def period_on(schedule: str, starts_on: date, due_on: date, day: date) -> Period | None:
    """The period containing `day`, or None before the start or after the due date."""
    if day < starts_on or day > due_on:
        return None
    if schedule == "once":
        return Period(starts_on, due_on)
    length = 1 if schedule == "daily" else 7
    index = (day - starts_on).days // length
    start = starts_on + timedelta(days=index * length)
    return Period(start, min(start + timedelta(days=length - 1), due_on))


def periods_until(schedule: str, starts_on: date, due_on: date, day: date) -> list[Period]:
    """Every period that has begun by `day` (the current one included), oldest first."""
    out: list[Period] = []
    cursor = starts_on
    last = min(day, due_on)
    while cursor <= last:
        found = period_on(schedule, starts_on, due_on, cursor)
        if found is None:  # pragma: no cover - cursor is always inside the range
            break
        out.append(found)
        cursor = found.end + timedelta(days=1)
    return out


def done_periods(periods: list[Period], moments: list[date], by_hand: set[date]) -> set[date]:
    """Start days of the periods that are done: marked by hand, or a completion inside."""
    done = {p.start for p in periods if p.start in by_hand}
    for p in periods:
        if any(p.start <= m <= p.end for m in moments):
            done.add(p.start)
    return done
