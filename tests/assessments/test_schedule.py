"""When questionnaires are due: the pure rule and the per-person query."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from feelmap.assessments.models import AssessmentSchedule
from feelmap.assessments.schedule import DEFAULT_INTERVALS, due_instruments, due_status
from feelmap.assessments.services import complete, save_draft

TODAY = date(2025, 3, 15)


def test_it_uses_two_and_four_week_defaults():
    assert DEFAULT_INTERVALS == {"phq9": 14, "gad7": 14, "who5": 14, "paq": 28, "maia2": 28}


def test_it_is_due_when_never_answered():
    status = due_status("phq9", interval_days=14, active=True, last_date=None, today=TODAY)
    assert status.due and status.next_date == TODAY


def test_it_is_due_exactly_when_the_interval_has_passed():
    before = due_status("phq9", interval_days=14, active=True,
                        last_date=TODAY - timedelta(days=13), today=TODAY)
    on = due_status("phq9", interval_days=14, active=True,
                    last_date=TODAY - timedelta(days=14), today=TODAY)
    assert not before.due and before.next_date == TODAY + timedelta(days=1)
    assert on.due
    assert "Next in 1 day " in before.describe(TODAY)


def test_it_is_never_due_when_turned_off():
    status = due_status("paq", interval_days=28, active=False, last_date=None, today=TODAY)
    assert not status.due and status.next_date is None
    assert "off" in status.describe(TODAY)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


@pytest.mark.django_db
def test_it_lists_due_questionnaires_for_a_person(person, other_person):
    complete(person, "phq9", {n: 0 for n in range(1, 10)}, when=_at(TODAY - timedelta(days=3)))
    complete(person, "gad7", {n: 0 for n in range(1, 8)}, when=_at(TODAY - timedelta(days=20)))
    complete(person, "paq", {n: 1 for n in range(1, 25)}, when=_at(TODAY - timedelta(days=20)))
    save_draft(person, "who5", {1: 2})  # a draft is not an answer
    AssessmentSchedule.objects.create(owner=person, instrument="maia2", interval_days=28, active=False)
    assert due_instruments(person, TODAY) == ["gad7", "who5"]
    # someone else's answers change nothing for them
    assert due_instruments(other_person, TODAY) == ["paq", "maia2", "phq9", "gad7", "who5"]


@pytest.mark.django_db
def test_it_follows_a_changed_interval(person):
    complete(person, "gad7", {n: 0 for n in range(1, 8)}, when=_at(TODAY - timedelta(days=20)))
    AssessmentSchedule.objects.create(owner=person, instrument="gad7", interval_days=21)
    assert "gad7" not in due_instruments(person, TODAY)
    assert "gad7" in due_instruments(person, TODAY + timedelta(days=1))


@pytest.mark.django_db
def test_it_makes_demo_history_on_the_schedule_without_safety_answers(person):
    import random

    from feelmap.assessments import demo
    from feelmap.assessments.models import AssessmentResponse

    calls = []
    demo.generate(person, days=120, per_day=3, rng=random.Random(3),
                  progress=lambda *a: calls.append(a))
    rows = AssessmentResponse.objects.filter(owner=person)
    counts = {k: rows.filter(instrument=k).count() for k in DEFAULT_INTERVALS}
    assert counts == {"phq9": 9, "gad7": 9, "who5": 9, "paq": 5, "maia2": 5}
    assert all(r.answers["9"] == 0 for r in rows.filter(instrument="phq9"))
    phq = [r.total for r in rows.filter(instrument="phq9").order_by("completed_at")]
    assert sum(phq[:3]) > sum(phq[-3:])  # slowly improving
    who = [r.total for r in rows.filter(instrument="who5").order_by("completed_at")]
    assert sum(who[:3]) < sum(who[-3:])
    assert calls[-1][1] == calls[-1][2]
