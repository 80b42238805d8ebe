"""The `day` and `day_time` filters say a moment in the same words as Django's `date` filter with
"j M Y" and "j M Y, H:i", in the current time zone (across a change of clocks and a day that
differs between UTC and the zone), and say nothing for no moment."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone

BOTH = Template('{% load days %}{{ m|day }}|{{ m|day_time }}|{{ m|date:"j M Y" }}|'
                '{{ m|date:"j M Y, H:i" }}')


def _render(moment) -> list[str]:
    return BOTH.render(Context({"m": moment})).split("|")


@pytest.mark.parametrize("zone", ["UTC", "Europe/London", "America/Los_Angeles", "Asia/Kolkata",
                                  "Pacific/Kiritimati"])
def test_the_same_words_as_the_date_filter_in_every_zone(zone):
    start = datetime(2026, 3, 27, 22, 30, tzinfo=UTC)  # spans the change of clocks in Europe
    with timezone.override(ZoneInfo(zone)):
        for hours in range(0, 24 * 5, 7):
            ours_day, ours_time, theirs_day, theirs_time = _render(start + timedelta(hours=hours))
            assert (ours_day, ours_time) == (theirs_day, theirs_time)


def test_a_moment_late_in_the_evening_in_utc_is_the_next_day_further_east():
    moment = datetime(2026, 12, 31, 23, 5, tzinfo=UTC)
    with timezone.override(ZoneInfo("Asia/Kolkata")):
        assert _render(moment)[:2] == ["1 Jan 2027", "1 Jan 2027, 04:35"]
    with timezone.override(ZoneInfo("UTC")):
        assert _render(moment)[:2] == ["31 Dec 2026", "31 Dec 2026, 23:05"]


def test_no_moment_says_nothing_and_a_date_is_a_day():
    assert _render(None)[:2] == ["", ""]
    assert Template("{% load days %}{{ d|day }}").render(Context({"d": date(2027, 2, 1)})) \
        == "1 Feb 2027"
