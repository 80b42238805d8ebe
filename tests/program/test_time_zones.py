"""The path's "today" is the person's date in their own time zone, not the server's.

The server runs in UTC (tests/settings). Each case is a server moment at which the person's
calendar date differs from UTC's: Auckland is already on the next day, Los Angeles still on
the one before. `django.utils.timezone.now` is patched to that moment.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
from django.urls import reverse

from feelmap.lib.days import person_today
from feelmap.program import content, services, state
from feelmap.program.models import Enrollment, ProgramDay
from feelmap.program.schemas import DayDone, ReminderSettingsIn
from feelmap.program.tailoring import Tailoring

pytestmark = pytest.mark.django_db
START = Tailoring(1, (), ("no_results",))

CASES = [
    # zone, server moment (UTC), the person's date then
    ("Pacific/Auckland", datetime(2026, 3, 10, 11, 30, tzinfo=UTC), date(2026, 3, 11)),
    ("America/Los_Angeles", datetime(2026, 3, 10, 3, 0, tzinfo=UTC), date(2026, 3, 9)),
]


def _at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _in_zone(person, zone):
    person.time_zone = zone
    person.save(update_fields=["time_zone"])


@pytest.mark.parametrize(("zone", "moment", "today"), CASES)
def test_a_day_done_is_the_persons_today_and_counts_as_done_today(person, zone, moment, today):
    _in_zone(person, zone)
    assert moment.date() != today
    services.start_program(person, START, when=moment - timedelta(days=3))
    with _at(moment):
        assert person_today(person) == today
        assert any(n["kind"] == "program" for n in state.due_notes(person))
        services.record_day(person, DayDone(practice=content.week(1).practice.key))
        assert ProgramDay.objects.get().day == today
        assert state.program_state(person)["done_today"] is True
        assert not any(n["kind"] == "program" for n in state.due_notes(person))
    # The person's next day (one day later at the same moment) is a new day, not yet done.
    with _at(moment + timedelta(days=1)):
        assert state.program_state(person)["done_today"] is False


@pytest.mark.parametrize(("zone", "moment", "today"), CASES)
def test_yesterday_on_the_persons_clock_is_not_today(person, zone, moment, today):
    _in_zone(person, zone)
    services.start_program(person, START, when=moment - timedelta(days=3))
    practice = content.week(1).practice.key
    services.record_day(person, DayDone(practice=practice), day=today - timedelta(days=1))
    with _at(moment):
        assert state.program_state(person)["done_today"] is False
        assert state.due_notes_kind(person, "program")


@pytest.mark.parametrize(("zone", "moment", "today"), CASES)
def test_a_booster_comes_due_on_the_persons_date(person, zone, moment, today):
    _in_zone(person, zone)
    # Finished 30 days before this moment: on the person's clock, 30 days before their today.
    finished = moment - timedelta(days=30)
    Enrollment.objects.create(owner=person, started_at=finished - timedelta(days=60),
                              week_started_at=finished, finished_at=finished)
    with _at(moment):
        first = state.booster_list(person, person_today(person))[0]
        assert (first.which, first.due_on, first.due_now) == ("1m", today, True)
        assert state.due_notes_kind(person, "booster")
    with _at(moment - timedelta(days=1)):
        assert not state.due_notes_kind(person, "booster")


def test_the_reminders_page_sets_the_persons_zone(person_client, person):
    response = person_client.post(reverse("program:reminders"), {
        "times": "08:30", "days": ["1", "2"], "time_zone": "Pacific/Auckland",
        "quiet_start": "", "quiet_end": "", "purposes": ["checkin"]})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.time_zone == "Pacific/Auckland"
    # An API call that leaves the zone out keeps it.
    services.save_reminder_settings(person, ReminderSettingsIn(times=["09:00"], days=[1]))
    person.refresh_from_db()
    assert person.time_zone == "Pacific/Auckland"
