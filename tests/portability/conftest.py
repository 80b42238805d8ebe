"""A demo person with every kind of data Feelmap keeps, free text included."""

from __future__ import annotations

import random

import pytest


def _add_breathing(user) -> None:
    """The demo picks practice kinds at random around today's date, so on some days a short
    demo has no breathing session: make sure there is always one, through the service."""
    from feelmap.practices.models import PracticeSession
    from feelmap.practices.pacer import PATTERNS
    from feelmap.practices.schemas import PracticeSessionIn
    from feelmap.practices.services import record_session

    if PracticeSession.objects.filter(owner=user, kind="breathing").exists():
        return
    record_session(owner=user, data=PracticeSessionIn(
        kind="breathing", pattern=sorted(PATTERNS)[0], minutes=3,
        started_at="2026-01-04T08:00:00+00:00", ended_at="2026-01-04T08:03:00+00:00",
        completed_at="2026-01-04T08:03:00+00:00"))


def add_every_kind(user, *, days: int = 20) -> None:
    from feelmap.assessments import demo as assessments_demo
    from feelmap.assessments.models import AssessmentSchedule
    from feelmap.checkins import demo as checkins_demo
    from feelmap.checkins.services import draft_save, rating_set_save
    from feelmap.journal import demo as journal_demo
    from feelmap.journal.models import JournalDraft
    from feelmap.practices import demo as practices_demo
    from feelmap.practices.models import PracticePreferences
    from feelmap.safety.models import SafetyFlag
    from feelmap.saying import demo as saying_demo

    rng = random.Random(7)

    def quiet(*_args):
        return None

    from feelmap.program import demo as program_demo
    from feelmap.program.models import Booster, Enrollment

    for part in (checkins_demo, journal_demo, practices_demo, saying_demo, assessments_demo,
                 program_demo):
        part.generate(user, days=days, per_day=2, rng=rng, progress=quiet)
    user.display_name = "Wren — “quoted” ünïcode"
    user.save(update_fields=["display_name"])
    rating_set_save(owner=user, emotions=["calm", "sad", "angry"])
    draft_save(user, "full", {"note": "half a thought, with émoji 🌧"})
    JournalDraft.objects.create(owner=user, key="new", title="Draft title", body="Draft body\nline 2",
                                steps_json='["a", "b"]', minutes_spent=4)
    PracticePreferences.objects.update_or_create(
        owner=user, defaults={"style": "structured", "breathing_minutes": 5, "tone": True})
    AssessmentSchedule.objects.update_or_create(
        owner=user, instrument="phq9", defaults={"interval_days": 14})
    from feelmap.safety.services import save_plan

    save_plan(user, {"warning_signs": ["I stop answering messages"],
                     "reasons_for_living": ["my sister", "the garden"]}, True, based_on=None)
    SafetyFlag.objects.create(owner=user, source="note")
    from feelmap.heartbeat.models import HeartbeatSession, HeartbeatTrial

    beat = HeartbeatSession.objects.create(owner=user, kind="discrimination", source="simulated",
                                           started_at="2026-01-06T09:00:00+00:00", accuracy=0.75)
    HeartbeatTrial.objects.create(session=beat, position=1, confidence=60, delayed=True,
                                  said_delayed=False, seconds=1.5)
    HeartbeatTrial.objects.create(session=beat, position=2, confidence=80, delayed=None)
    _add_breathing(user)
    _add_care(user)
    if not Booster.objects.filter(owner=user).exists():
        Booster.objects.create(owner=user, enrollment=Enrollment.objects.filter(owner=user).first(),
                               which="any", completed_at="2026-01-05T10:00:00+00:00")


def _add_care(user) -> None:
    """A clinician link with a journal grant, a comment thread, a suggestion done once, and
    the audit rows they leave (made directly: linking needs clinic mode)."""
    from datetime import date

    from feelmap.accounts.models import User
    from feelmap.care.models import Assignment, AssignmentDone, AuditEntry, Comment, Grant, Link
    from feelmap.journal.models import JournalEntry

    viewer = User.objects.create_user(username=f"dr_of_{user.username}", password="x" * 12,
                                      role="clinician")
    link = Link.objects.create(person=user, viewer=viewer, role="clinician")
    Grant.objects.create(link=link, kind="journal", scope="all")
    entry = JournalEntry.objects.filter(owner=user).first()
    for by_person, body in ((False, "How was the walk?"), (True, "Better than I thought ☀")):
        Comment.objects.create(link=link, person=user, kind="journal", target=entry.public_id,
                               by_person=by_person, author_name="someone", body=body)
    made = Assignment.objects.create(link=link, person=user, what="practice", key="breathing",
                                     schedule="daily", starts_on=date(2026, 1, 1),
                                     due_on=date(2026, 1, 14), note="Two minutes")
    AssignmentDone.objects.create(assignment=made, period_start=date(2026, 1, 2))
    AuditEntry.objects.create(person=user, actor=viewer, actor_name=viewer.shown_name,
                              actor_role="clinician", action="linked")


@pytest.fixture
def rich_person(person):
    add_every_kind(person)
    return person
