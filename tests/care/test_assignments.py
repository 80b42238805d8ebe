"""Assignments: a clinician suggests, it reaches the person's daily plan and Care page, and it
is done when the person does the linked thing or marks it by hand; the clinician sees status."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feelmap.care import assignments, services
from feelmap.care.models import Assignment, AuditEntry, Link
from feelmap.care.periods import Period, done_periods, period_on, periods_until
from feelmap.care.schemas import AssignmentIn
from feelmap.practices.models import PracticeSession

from .conftest import link

pytestmark = pytest.mark.django_db


def _assign(client, person, **values):
    data = {"what": "practice", "key_practice": "breathing", "schedule": "daily",
            "due_on": (timezone.localdate() + timedelta(days=6)).isoformat(), "note": ""}
    data.update(values)
    return client.post(reverse("care:assign", args=[person.public_id]), data)


def test_a_suggestion_reaches_the_home_plan_and_is_done_by_doing_it(client, person, clinician):
    link(person, clinician)
    client.force_login(clinician)
    assert _assign(client, person, note="Two minutes is plenty").status_code == 302
    made = Assignment.objects.get()
    assert AuditEntry.objects.filter(action="assigned", actor=clinician).exists()

    client.force_login(person)
    home = client.get("/").content.decode()
    assert "Suggested for you" in home and "Breathing" in home and "Two minutes is plenty" in home
    assert "Mark “Breathing” as done" in home
    assert "Breathing" in client.get(reverse("care:index")).content.decode()

    PracticeSession.objects.create(owner=person, kind="breathing", started_at=timezone.now())
    home = client.get("/").content.decode()
    assert "Done for today" in home and "Mark “Breathing” as done" not in home
    client.force_login(clinician)
    page = client.get(reverse("care:person", args=[person.public_id])).content.decode()
    assert "Done 1 of 1 days so far, done today" in page
    assert (made.what, made.key, made.schedule) == ("practice", "breathing", "daily")


def test_marking_done_by_hand(client, person, clinician):
    made = link(person, clinician)
    suggestion = services.assign(made, AssignmentIn(
        what="questionnaire", key="who5", schedule="once", due_on=timezone.localdate()))
    client.force_login(person)
    response = client.post(reverse("care:assignment_done", args=[suggestion.public_id]))
    assert response.status_code == 302
    status = assignments.status(suggestion)
    assert status["done_now"] and status["periods_done"] == 1


def test_a_trusted_person_cannot_assign_or_set_the_style(client, person, trusted):
    link(person, trusted, ["journal"])
    client.force_login(trusted)
    assert _assign(client, person).status_code == 404
    assert client.post(reverse("care:set_style", args=[person.public_id]),
                       {"style": "structured"}).status_code == 404
    assert not Assignment.objects.exists()
    page = client.get(reverse("care:person", args=[person.public_id])).content.decode()
    assert "Suggest something" not in page


def test_no_link_or_an_ended_link_cannot_assign(client, person, clinician):
    client.force_login(clinician)
    assert _assign(client, person).status_code == 404
    made = link(person, clinician)
    services.revoke(person, made)
    assert _assign(client, person).status_code == 404
    assert not Assignment.objects.exists()


def test_an_ended_link_takes_its_suggestions_out_of_the_plan(client, person, clinician):
    made = link(person, clinician)
    services.assign(made, AssignmentIn(what="practice", key="senses", schedule="once",
                                       due_on=timezone.localdate()))
    assert assignments.plan_items(person)
    services.revoke(person, made)
    assert assignments.plan_items(person) == []


def test_bad_suggestions_are_refused_with_a_message(client, person, clinician):
    link(person, clinician)
    client.force_login(clinician)
    bad = _assign(client, person, what="questionnaire", key_questionnaire="nope")
    assert bad.status_code == 400 and "Choose one of the questionnaires." in bad.content.decode()
    past = _assign(client, person, due_on="2001-01-01")
    assert past.status_code == 400 and "today or later" in past.content.decode()
    assert not Assignment.objects.exists()


def test_the_clinician_sets_the_style_and_the_person_can_change_it_back(client, person, clinician):
    from feelmap.practices.models import PracticePreferences

    link(person, clinician)
    client.force_login(clinician)
    client.post(reverse("care:set_style", args=[person.public_id]), {"style": "structured"})
    assert PracticePreferences.for_user(person).style == "structured"
    client.force_login(person)
    page = client.get(reverse("care:index")).content.decode()
    assert "dr_ash (clinician) set your path to <strong>structured</strong>" in page
    assert AuditEntry.objects.get(action="style").actor == clinician
    own = Link.objects.get(person=person)
    client.post(reverse("care:undo_style", args=[own.public_id]))
    assert PracticePreferences.for_user(person).style == "exploratory"
    assert "set your path to" not in client.get(reverse("care:index")).content.decode()


def test_periods():
    start, due = date(2026, 1, 1), date(2026, 1, 20)
    assert period_on("once", start, due, date(2026, 1, 5)) == Period(start, due)
    assert period_on("daily", start, due, date(2026, 1, 5)) == Period(date(2026, 1, 5), date(2026, 1, 5))
    assert period_on("weekly", start, due, date(2026, 1, 9)) == Period(date(2026, 1, 8), date(2026, 1, 14))
    assert period_on("weekly", start, due, date(2026, 1, 19)) == Period(date(2026, 1, 15), due)
    assert period_on("daily", start, due, date(2025, 12, 31)) is None
    assert period_on("daily", start, due, date(2026, 1, 21)) is None
    weeks = periods_until("weekly", start, due, date(2026, 1, 30))
    assert [p.start for p in weeks] == [date(2026, 1, 1), date(2026, 1, 8), date(2026, 1, 15)]
    assert done_periods(weeks, [date(2026, 1, 9)], {date(2026, 1, 15)}) == {
        date(2026, 1, 8), date(2026, 1, 15)}
