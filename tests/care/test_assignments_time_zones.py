"""Suggestions ("Suggested for you", due dates, "Done N of M days") follow the person's own
date in their time zone, whoever looks: the person on their home page or the clinician.
The server runs in UTC; `django.utils.timezone.now` is patched to a moment at which the
person's date differs from UTC's."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
from django.urls import reverse

from feelmap.care import assignments, services
from feelmap.care.models import AssignmentDone
from feelmap.care.schemas import AssignmentIn
from feelmap.practices.models import PracticeSession

from .conftest import link

pytestmark = pytest.mark.django_db

CASES = [
    ("Pacific/Auckland", datetime(2026, 3, 10, 11, 30, tzinfo=UTC), date(2026, 3, 11)),
    ("America/Los_Angeles", datetime(2026, 3, 10, 3, 0, tzinfo=UTC), date(2026, 3, 9)),
]


def _at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _suggest(made, starts_on, due_on, schedule="daily"):
    with mock.patch("django.utils.timezone.localdate", return_value=starts_on):
        # the clinician's form checks dates against its own "today"; that is not what is tested
        data = AssignmentIn(what="practice", key="breathing", schedule=schedule,
                            starts_on=starts_on, due_on=due_on)
    return services.assign(made, data)


@pytest.mark.parametrize(("zone", "moment", "today"), CASES)
def test_due_today_overdue_and_done_today_on_the_persons_clock(
        client, person, clinician, zone, moment, today):
    person.time_zone = zone
    person.save(update_fields=["time_zone"])
    made = link(person, clinician)
    due_today = _suggest(made, today - timedelta(days=2), today)
    was_due_yesterday = _suggest(made, today - timedelta(days=2), today - timedelta(days=1))
    with _at(moment):
        open_now = assignments.for_person(person)
        assert [item["assignment"] for item in open_now] == [due_today]
        assert open_now[0]["open_today"] and not open_now[0]["overdue"]
        assert not open_now[0]["done_now"]
        assert assignments.status(was_due_yesterday)["overdue"] is True
        assert assignments.status(due_today)["periods_so_far"] == 3

        # Done by doing it, now: that is the person's today, so today's period is done.
        PracticeSession.objects.create(owner=person, kind="breathing", started_at=moment)
        status = assignments.status(due_today)
        assert status["done_now"] and status["periods_done"] == 1

        client.force_login(person)
        home = client.get("/").content.decode()
        assert "Suggested for you" in home and "Done for today" in home
        client.force_login(clinician)
        page = client.get(reverse("care:person", args=[person.public_id])).content.decode()
        assert "Done 1 of 3 days so far, done today" in page


@pytest.mark.parametrize(("zone", "moment", "today"), CASES)
def test_marking_done_by_hand_marks_the_persons_today(person, clinician, zone, moment, today):
    person.time_zone = zone
    person.save(update_fields=["time_zone"])
    made = link(person, clinician)
    suggestion = _suggest(made, today - timedelta(days=1), today + timedelta(days=5))
    with _at(moment):
        services.mark_done(person, suggestion)
        assert AssignmentDone.objects.get().period_start == today
        assert assignments.status(suggestion)["done_now"] is True
    # A suggestion that starts on the person's today is open for them already (or still).
    starting = _suggest(made, today, today + timedelta(days=5))
    with _at(moment):
        assert starting in [item["assignment"] for item in assignments.for_person(person)]
