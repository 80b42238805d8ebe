"""Reminder times as pure functions: occurrences in a person's time zone, and quiet hours.

Times are wall-clock times in the person's zone, so an 08:30 reminder stays at 08:30 across a
daylight-saving change. A time that does not exist on a spring-forward day (02:30 in most of
Europe) moves forward by the gap; a repeated time on a fall-back day is taken once, the first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def in_quiet_hours(moment: time, start: time | None, end: time | None) -> bool:
    """Whether a local time falls in [start, end), which may wrap past midnight (22:00-07:00)."""
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def local_moment(day: date, at: time, zone: ZoneInfo) -> datetime:
    """`day` at wall-clock `at` in `zone`, aware; a time skipped by DST moves forward."""
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=zone, fold=0)
    # A time in a spring-forward gap does not survive a round trip through UTC.
    round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        later, earlier = first.replace(fold=1).utcoffset(), first.replace(fold=0).utcoffset()
        assert later is not None and earlier is not None  # a ZoneInfo always knows its offset  # nosec B101  # type narrowing
        gap = later - earlier
        return (naive + abs(gap)).replace(tzinfo=zone) if gap else first
    return first


def occurrences(
    times: Sequence[time],
    weekdays: Iterable[int],
    zone: ZoneInfo,
    start: datetime,
    end: datetime,
) -> list[datetime]:
    """Every reminder moment (UTC) in [start, end): `weekdays` are ISO (1 = Monday)."""
    days = set(weekdays)
    if not times or not days or end <= start:
        return []
    first_day = start.astimezone(zone).date() - timedelta(days=1)
    last_day = end.astimezone(zone).date() + timedelta(days=1)
    found: list[datetime] = []
    day = first_day
    while day <= last_day:
        if day.isoweekday() in days:
            for at in times:
                moment = local_moment(day, at, zone).astimezone(UTC)
                if start <= moment < end:
                    found.append(moment)
        day += timedelta(days=1)
    return sorted(set(found))


def parse_time(text: str) -> time:
    """"08:30" -> time(8, 30); ValueError with a plain message otherwise."""
    try:
        hours, minutes = text.strip().split(":")
        if len(hours) > 2 or len(minutes) != 2:
            raise ValueError
        return time(int(hours), int(minutes))
    except ValueError:
        raise ValueError(f"Use a time like 08:30 (got {text!r}).") from None


def backoff_seconds(attempts: int) -> int:
    """Wait before retry number `attempts` (1, 2, …): 1 min, 2, 4, … capped at an hour."""
    return int(min(60 * 2 ** max(attempts - 1, 0), 3600))
