"""Practice models, the words shown for a session, and the demo history."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from feelmap.checkins.models import CheckIn
from feelmap.lexicon.body import load_body_catalogue
from feelmap.practices import bodyscan, demo
from feelmap.practices.models import PracticePreferences, PracticeSession
from feelmap.practices.services import (
    MiniCheck,
    affect_words,
    change_words,
    describe,
    duration_words,
    scan_steps,
)


def test_it_words_the_affect_grid():
    assert affect_words(-0.6, 0.8) == "unpleasant, high energy"
    assert affect_words(0.6, -0.8) == "pleasant, low energy"
    assert affect_words(0.0, 0.0) == "neither pleasant nor unpleasant, medium energy"
    assert affect_words(None, None) == ""


def test_it_words_a_before_and_after_change():
    before = MiniCheck(pleasantness=-0.6, energy=0.8, label="anxious", region="Chest")
    after = MiniCheck(pleasantness=0.6, energy=-0.8)
    text = change_words(before, after)
    assert text.startswith("Before: unpleasant, high energy, “anxious”, noticed in the chest;")
    assert "after: pleasant, low energy, feeling word: not sure." in text
    assert change_words(None, None) == ""
    assert "after: not recorded" in change_words(before, None)


def test_it_words_a_stopped_session_honestly_and_kindly():
    start = timezone.now()
    assert duration_words(start, start + timedelta(minutes=2), False, 5) == (
        "Stopped after about 2 minutes of 5 — stopping when you need to is fine."
    )
    assert duration_words(start, start + timedelta(minutes=5), True, 5) == "Finished all 5 minutes."
    assert duration_words(start, start + timedelta(seconds=20), False) .startswith("Stopped after less than a minute")
    assert duration_words(start, None, False) == "Not finished yet."


def test_it_maps_every_scan_step_to_a_body_map_region():
    body = load_body_catalogue()
    for script in bodyscan.load_scans().values():
        for step, original in zip(scan_steps(script), script.steps, strict=True):
            if original.region is None:
                assert step["region"] is None
            else:
                assert body.has_region(step["region"]), original.region


@pytest.mark.django_db
def test_it_reads_preferences_without_writing(person):
    prefs = PracticePreferences.for_user(person)
    assert prefs.pk is None and prefs.style == "exploratory" and prefs.tone is False
    assert not PracticePreferences.objects.exists()


@pytest.mark.django_db
def test_it_encrypts_what_was_noticed(person):
    from django.db import connection

    session = PracticeSession.objects.create(
        owner=person, kind="senses", activity_id="music-hum", started_at=timezone.now(),
        what_noticed="a buzz in my lips",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT what_noticed FROM practices_practicesession WHERE id = %s", [session.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("fernet:") and "buzz" not in stored
    assert PracticeSession.objects.get().what_noticed == "a buzz in my lips"


@pytest.mark.django_db
def test_it_generates_five_years_of_demo_history(person):
    # How long this takes is a figure of bench/insights.py ("demo part"), not a test.
    calls = []
    demo.generate(person, days=5 * 365, per_day=3, rng=random.Random(3),
                  progress=lambda label, done, total: calls.append((done, total)))
    sessions = PracticeSession.objects.filter(owner=person)
    count = sessions.count()
    assert 0.4 * 5 * 365 < count < 0.6 * 5 * 365
    assert calls[-1] == (5 * 365, 5 * 365)
    breathing = sessions.filter(kind="breathing").first()
    assert breathing.before_checkin.kind == "practice-before"
    assert breathing.after_checkin.kind == "practice-after"
    scans = sessions.filter(kind="bodyscan", scan_checkin__isnull=False)
    assert scans.exists()
    assert CheckIn.objects.filter(kind="bodyscan", sensations__isnull=False).exists()
    assert sessions.filter(completed_at__isnull=True).exists()  # some were stopped early
    item = describe(PracticeSession.objects.history(person).filter(kind="breathing").first())
    assert item["change"].startswith("Before:")
