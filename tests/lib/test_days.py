"""A person's "today" in their own time zone (feelmap.lib.days), without a database."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from feelmap.lib.days import day_starts, local_date, person_today, person_zone, zone_named

# 11:30 UTC on 10 March 2026: already the 11th in Auckland (UTC+13, summer time), still the
# 10th in Los Angeles (04:30, UTC-7). 03:00 UTC the same day: the 9th in Los Angeles.
LATE = datetime(2026, 3, 10, 11, 30, tzinfo=UTC)
EARLY = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)


def test_today_is_the_persons_own_date():
    auckland = SimpleNamespace(time_zone="Pacific/Auckland")
    los_angeles = SimpleNamespace(time_zone="America/Los_Angeles")
    assert person_today(auckland, LATE) == date(2026, 3, 11)
    assert person_today(los_angeles, LATE) == date(2026, 3, 10)
    assert person_today(auckland, EARLY) == date(2026, 3, 10)
    assert person_today(los_angeles, EARLY) == date(2026, 3, 9)


def test_no_zone_or_an_unknown_one_means_the_servers(settings):
    settings.TIME_ZONE = "UTC"
    for user in (SimpleNamespace(time_zone=""), SimpleNamespace(time_zone="Mars/Olympus"),
                 SimpleNamespace(time_zone="../etc/passwd"), object()):
        assert person_today(user, LATE) == date(2026, 3, 10)
    assert zone_named(None) == zone_named("")


def test_a_day_starts_at_local_midnight():
    zone = person_zone(SimpleNamespace(time_zone="Pacific/Auckland"))
    start = day_starts(date(2026, 3, 11), zone)
    assert start == datetime(2026, 3, 10, 11, 0, tzinfo=UTC)
    assert local_date(start, zone) == date(2026, 3, 11)
    assert local_date(start, ZoneInfo("UTC")) == date(2026, 3, 10)
