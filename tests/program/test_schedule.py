"""Quiet hours, time zones and daylight-saving days for reminder times (pure)."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from feelmap.program.schedule import (
    backoff_seconds,
    in_quiet_hours,
    local_moment,
    occurrences,
    parse_time,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(("at", "start", "end", "quiet"), [
    (time(23, 0), time(22, 0), time(7, 0), True),
    (time(6, 59), time(22, 0), time(7, 0), True),
    (time(7, 0), time(22, 0), time(7, 0), False),
    (time(12, 0), time(22, 0), time(7, 0), False),
    (time(13, 30), time(13, 0), time(14, 0), True),
    (time(14, 0), time(13, 0), time(14, 0), False),
    (time(3, 0), None, None, False),
    (time(3, 0), time(5, 0), time(5, 0), False),
])
def test_quiet_hours_wrap_past_midnight(at, start, end, quiet):
    assert in_quiet_hours(at, start, end) is quiet


def test_a_reminder_keeps_its_wall_clock_time_across_the_spring_change():
    # Europe/London moved from GMT to BST on Sunday 29 March 2026.
    found = occurrences([time(8, 30)], range(1, 8), LONDON,
                        datetime(2026, 3, 28, tzinfo=UTC), datetime(2026, 3, 31, tzinfo=UTC))
    assert found == [datetime(2026, 3, 28, 8, 30, tzinfo=UTC),
                     datetime(2026, 3, 29, 7, 30, tzinfo=UTC),
                     datetime(2026, 3, 30, 7, 30, tzinfo=UTC)]


def test_a_time_skipped_by_the_clock_change_moves_forward_and_a_repeated_one_counts_once():
    moment = local_moment(datetime(2026, 3, 29).date(), time(1, 30), LONDON)
    assert moment.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 02:30 BST
    autumn = occurrences([time(1, 30)], [7], LONDON, datetime(2026, 10, 24, tzinfo=UTC),
                         datetime(2026, 10, 26, tzinfo=UTC))
    assert autumn == [datetime(2026, 10, 25, 0, 30, tzinfo=UTC)]  # the first 01:30 (BST)


def test_days_are_the_persons_days_not_utcs():
    # 20:00 on Monday in New York (EDT) is Tuesday 00:00 UTC; only Mondays are chosen.
    found = occurrences([time(20, 0)], [1], NEW_YORK, datetime(2026, 6, 1, tzinfo=UTC),
                        datetime(2026, 6, 10, tzinfo=UTC))
    assert found == [datetime(2026, 6, 2, 0, 0, tzinfo=UTC), datetime(2026, 6, 9, 0, 0, tzinfo=UTC)]


def test_no_times_or_no_days_means_no_reminders():
    start, end = datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 6, 9, tzinfo=UTC)
    assert occurrences([], [1], LONDON, start, end) == []
    assert occurrences([time(9, 0)], [], LONDON, start, end) == []


def test_times_are_parsed_plainly():
    assert parse_time("8:05") == time(8, 5)
    for bad in ("25:00", "8", "08:5", "noon", "08:30:00"):
        with pytest.raises(ValueError, match="like 08:30"):
            parse_time(bad)


def test_backoff_doubles_and_is_capped():
    assert [backoff_seconds(n) for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert backoff_seconds(20) == 3600
