"""Care fixtures: clinic mode, a trusted person, and one record of every kind for `person`."""

from __future__ import annotations

import pytest
from django.utils import timezone

from feelmap.care import services
from feelmap.care.models import Link
from feelmap.care.schemas import GrantsIn, JoinIn
from tests.conftest import _make_user

# One marker per kind, each present only in that kind's record.
MARKERS = {
    "checkins": "marker-checkin-note",
    "journal": "marker-journal-body",
    "practices": "marker-practice-noticed",
    "questionnaires": "marker-band-words",
    "saying": "marker-saying-text",
    "safety_plan": "marker-safety-answer",
}


@pytest.fixture(autouse=True)
def clinic(settings):
    settings.CLINIC = True


@pytest.fixture
def trusted(db):
    return _make_user("sam_friend")


@pytest.fixture
def shared_data(person):
    from feelmap.assessments.models import AssessmentResponse
    from feelmap.checkins.models import CheckIn
    from feelmap.journal.models import JournalEntry
    from feelmap.practices.models import PracticeSession
    from feelmap.safety.services import save_plan
    from feelmap.saying.models import SayingPractice

    now = timezone.now()
    CheckIn.objects.create(owner=person, occurred_at=now, note=MARKERS["checkins"])
    JournalEntry.objects.create(owner=person, title="A day", body=MARKERS["journal"])
    PracticeSession.objects.create(owner=person, kind="breathing", started_at=now,
                                   what_noticed=MARKERS["practices"])
    AssessmentResponse.objects.create(owner=person, instrument="who5", started_at=now,
                                      completed_at=now, total=12, band=MARKERS["questionnaires"])
    SayingPractice.objects.create(owner=person, feeling="uneasy", text=MARKERS["saying"])
    save_plan(person, {"warning_signs": [MARKERS["safety_plan"]]}, False, based_on=None)
    return MARKERS


def link(person, viewer, kinds=()) -> Link:
    """Link through the real code flow, then share `kinds`."""
    _code, raw = services.create_code(person)
    made = services.join(viewer, JoinIn(code=raw))
    if kinds:
        made = services.set_grants(person, made, GrantsIn(kinds=list(kinds)))
    return made
