"""Suggestions ("Suggested for you", due dates, "Done N of M days") follow the person's own
date in their time zone, whoever looks: the person on their home page or the clinician.
The server runs in UTC; `django.utils.timezone.now` is patched to a moment at which the
person's date differs from UTC's."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from unittest import mock

import pytest
from django.urls import reverse

from feelmap.accounts.models import ApiToken
from feelmap.care import assignments, services
from feelmap.care.models import Assignment, AssignmentDone
from feelmap.care.schemas import AssignmentIn
from feelmap.lib.days import person_zone
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
    """A suggestion made at noon of the day it starts, on the person's clock (its dates are
    checked against the person's today when it is made)."""
    made_at = datetime.combine(starts_on, time(12), tzinfo=person_zone(made.person))
    with _at(made_at.astimezone(UTC)):
        data = AssignmentIn(what="practice", key="breathing", schedule=schedule,
                            starts_on=starts_on, due_on=due_on)
        return services.assign(made, data)


def _api_assign(client, clinician, person, payload):
    _token, raw = ApiToken.issue(clinician)
    return client.post(f"/api/v1/care/people/{person.public_id}/assignments",
                       data=json.dumps(payload), content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.mark.parametrize(("zone", "moment", "today"), CASES)
def test_the_clinicians_due_date_is_checked_against_the_persons_today(
        client, person, clinician, zone, moment, today):
    """The server's date (UTC) is a day off the person's: a due date of the person's today is
    taken, one of their yesterday is refused, on the page and through the API alike."""
    person.time_zone = zone
    person.save(update_fields=["time_zone"])
    link(person, clinician)
    server_today = moment.date()
    assert server_today != today
    page_url = reverse("care:assign", args=[person.public_id])
    form = {"what": "practice", "key_practice": "breathing", "schedule": "daily", "note": ""}
    yesterday = (today - timedelta(days=1)).isoformat()
    with _at(moment):
        client.force_login(clinician)
        refused = client.post(page_url, {**form, "due_on": yesterday})
        assert refused.status_code == 400
        assert "The due date must be today or later" in refused.content.decode()
        by_api = _api_assign(client, clinician, person, {
            "what": "practice", "key": "breathing", "schedule": "once", "due_on": yesterday})
        assert by_api.status_code == 422
        assert by_api.json()["fields"] == {
            "due_on": ["The due date must be today or later, and not before the start."]}
        assert not Assignment.objects.exists()

        assert client.post(page_url, {**form, "due_on": today.isoformat()}).status_code == 302
        by_api = _api_assign(client, clinician, person, {
            "what": "practice", "key": "senses", "schedule": "once", "due_on": today.isoformat(),
            "starts_on": (today - timedelta(days=7)).isoformat()})
        assert by_api.status_code == 201, by_api.json()
        a_week_and_a_day = _api_assign(client, clinician, person, {
            "what": "practice", "key": "senses", "schedule": "once", "due_on": today.isoformat(),
            "starts_on": (today - timedelta(days=8)).isoformat()})
        assert a_week_and_a_day.json()["fields"] == {
            "starts_on": ["Choose a start within the last week or the coming year."]}
        a_year_on = _api_assign(client, clinician, person, {
            "what": "practice", "key": "senses", "schedule": "once",
            "due_on": (today + timedelta(days=367)).isoformat()})
        assert a_year_on.json()["fields"] == {"due_on": ["Choose a due date within a year."]}
    made = Assignment.objects.order_by("id")
    assert [(a.starts_on, a.due_on) for a in made] == [
        (today, today), (today - timedelta(days=7), today)]


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
