"""Month calendar arithmetic, in the person's time zone. Pure apart from the current zone."""

from __future__ import annotations

import calendar as stdlib_calendar
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

MONTH_NAMES = stdlib_calendar.month_name


EARLIEST_YEAR = 2000  # check-ins are from 2000 on (see feelmap.lib.validation.Moment)


def parse_day(text: str) -> date | None:
    """A day from "2025-03-14", from 2000 until a year from now; None for anything else."""
    try:
        day = date.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    if not EARLIEST_YEAR <= day.year <= timezone.localdate().year + 1:
        return None
    return day


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def day_bounds(day: date) -> tuple[datetime, datetime]:
    return _start_of(day), _start_of(day + timedelta(days=1))


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    first = date(year, month, 1)
    after = date(year + month // 12, month % 12 + 1, 1)
    return _start_of(first), _start_of(after)


def count_by_day(times: Iterable[datetime]) -> Counter[date]:
    return Counter(timezone.localtime(t).date() for t in times)


def _shift(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + step
    return index // 12, index % 12 + 1


def month_view(year: int, month: int, counts: Counter[date], today: date) -> dict[str, Any]:
    """Weeks of days (Monday first) with a count each, and the neighbouring months."""
    weeks = []
    for week in stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([
            {"date": d, "count": counts.get(d, 0) if d.month == month else 0,
             "in_month": d.month == month, "is_today": d == today, "future": d > today}
            for d in week
        ])
    prev_y, prev_m = _shift(year, month, -1)
    next_y, next_m = _shift(year, month, 1)
    return {
        "year": year, "month": month, "title": f"{MONTH_NAMES[month]} {year}",
        "weeks": weeks, "total": sum(counts.values()),
        "days_with_entries": sum(1 for d, c in counts.items() if c and d.month == month),
        "prev": {"year": prev_y, "month": prev_m, "title": f"{MONTH_NAMES[prev_m]} {prev_y}"},
        "next": {"year": next_y, "month": next_m, "title": f"{MONTH_NAMES[next_m]} {next_y}"},
        "weekdays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    }
