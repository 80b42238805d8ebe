"""Practice pages: the plan, each practice's forms, history, preferences and ownership."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from feelmap.checkins.models import BodySensation, CheckIn
from feelmap.practices.models import PracticePreferences, PracticeSession
from feelmap.practices.plan import choose_practice

pytestmark = pytest.mark.django_db


def _breathing(owner, **extra):
    fields = {"kind": "breathing", "pattern": "box", "minutes": 2, "started_at": timezone.now()}
    return PracticeSession.objects.create(owner=owner, **{**fields, **extra})


def _owned_urls(session):
    base = f"/practice/sessions/{session.public_id}"
    return [f"{base}/", f"{base}/breathe/", f"{base}/scan/", f"{base}/delete/"]


def test_it_shows_an_empty_state_and_the_three_practices(person_client):
    page = person_client.get("/practice/").content.decode()
    assert "No practices yet" in page
    for link in ("/practice/breathing/", "/practice/bodyscan/", "/practice/senses/"):
        assert link in page


def test_it_shows_todays_plan_with_its_reason(person_client, person):
    today = timezone.localdate()
    expected = choose_practice(today, "exploratory", [], [])
    with mock.patch("feelmap.practices.services.due_assessments", return_value=[]):
        page = person_client.get("/practice/").content.decode()
    assert expected.reason.replace("'", "&#x27;") in page


def test_it_follows_the_structured_style_from_preferences(person_client, person):
    PracticePreferences.objects.create(owner=person, style="structured")
    today = timezone.localdate()
    expected = choose_practice(today, "structured", [], [])
    with mock.patch("feelmap.practices.services.due_assessments", return_value=[]):
        page = person_client.get("/practice/").content.decode()
    assert "weekly plan" in expected.reason
    assert expected.reason.replace("'", "&#x27;") in page


def test_it_feeds_yesterdays_practice_into_the_plan(person_client, person):
    yesterday = timezone.now() - timedelta(days=1)
    PracticeSession.objects.create(owner=person, kind="senses", activity_id="music-hum", started_at=yesterday)
    today = timezone.localdate()
    expected = choose_practice(today, "exploratory", [(timezone.localtime(yesterday).date(), "senses")], [])
    with mock.patch("feelmap.practices.services.due_assessments", return_value=[]):
        page = person_client.get("/practice/").content.decode()
    assert expected.reason.replace("'", "&#x27;") in page


def test_it_lists_due_questionnaires(person_client):
    with mock.patch("feelmap.practices.services.due_assessments", return_value=["phq9"]):
        page = person_client.get("/practice/").content.decode()
    assert "Questionnaires ready for you" in page
    assert "PHQ-9" in page


def test_it_runs_a_breathing_practice_with_before_and_after(person_client, person):
    response = person_client.post("/practice/breathing/", {
        "pattern": "longer-exhale", "minutes": "1",
        "before-pleasantness": "-3", "before-energy": "3", "before-word": "anxious",
        "before-body-chest": ["tightness"], "before-body-chest-intensity": "6",
        "before-body-chest-side": "right",
    })
    session = PracticeSession.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{session.public_id}/breathe/")
    assert session.before_checkin.kind == "practice-before"
    assert session.before_checkin.labels.get().word == "anxious"
    sensation = session.before_checkin.sensations.get()
    assert (sensation.region, sensation.side) == ("chest", "right")
    page = person_client.get(response["Location"]).content.decode()
    assert 'id="pacer-schedule"' in page and "last-cycle-cut" in page
    response = person_client.post(response["Location"], {
        "completed": "yes", "elapsed_seconds": "60",
        "after-pleasantness": "2", "after-energy": "-2", "after-not_sure": "on",
    })
    session.refresh_from_db()
    assert session.completed and session.after_checkin.not_sure
    page = person_client.get(response["Location"]).content.decode()
    assert "Before: unpleasant, high energy, “anxious”" in page
    assert "after: pleasant, low energy" in page
    assert "Before: unpleasant, high energy" in person_client.get("/practice/").content.decode()


def test_it_keeps_a_stopped_breathing_practice_with_honest_words(person_client, person):
    session = _breathing(person, started_at=timezone.now() - timedelta(minutes=5))
    person_client.post(f"/practice/sessions/{session.public_id}/breathe/", {"completed": "no", "elapsed_seconds": "65"})
    session.refresh_from_db()
    assert session.completed_at is None and session.ended_at is not None
    page = person_client.get(f"/practice/sessions/{session.public_id}/").content.decode()
    assert "Stopped after about a minute of 2 — stopping when you need to is fine." in page


def test_it_explains_bad_breathing_choices_and_saves_nothing(person_client):
    page = person_client.post("/practice/breathing/", {
        "pattern": "gasp", "minutes": "11", "before-pleasantness": "9", "before-word": "blorp",
    }).content.decode()
    assert "Choose one of the patterns listed." in page
    assert "Choose a whole number of minutes from 1 to 10." in page
    assert "Ensure this value is less than or equal to 5" in page
    assert not PracticeSession.objects.exists() and not CheckIn.objects.exists()


def test_it_explains_an_unknown_word_and_saves_nothing(person_client):
    page = person_client.post("/practice/breathing/", {
        "pattern": "box", "minutes": "2", "before-word": "blorp",
    }).content.decode()
    assert "is not in the word list" in page
    assert not PracticeSession.objects.exists() and not CheckIn.objects.exists()


def test_it_asks_how_a_practice_ended_when_nobody_said(person_client, person):
    session = _breathing(person)
    page = person_client.post(f"/practice/sessions/{session.public_id}/breathe/", {}).content.decode()
    assert "Say whether you did the whole time or stopped early." in page
    session.refresh_from_db()
    assert session.ended_at is None


def test_it_logs_a_body_scan_as_a_bodyscan_checkin(person_client, person):
    response = person_client.post("/practice/bodyscan/", {"scan": "short"})
    session = PracticeSession.objects.get()
    page = person_client.get(response["Location"]).content.decode()
    assert "Settling in" in page and 'id="scan-data"' in page
    response = person_client.post(response["Location"], {
        "s1_quality": ["tension", "warmth"], "s1_intensity": "4",  # face
        "s4_nothing": "on",  # chest
        "completed": "yes",
    })
    session.refresh_from_db()
    checkin = session.scan_checkin
    assert checkin.kind == "bodyscan"
    assert sorted(BodySensation.objects.filter(checkin=checkin).values_list("region", "quality", "intensity")) == [
        ("face", "tension", 4), ("face", "warmth", 4)]
    assert session.quiet_regions == ["chest"] and session.completed
    page = person_client.get(response["Location"]).content.decode()
    assert "Nothing noticed in: Chest and heart" in page and "a real answer" in page


def test_it_takes_nothing_noticed_as_a_full_answer(person_client, person):
    person_client.post("/practice/bodyscan/", {"scan": "short"})
    session = PracticeSession.objects.get()
    person_client.post(f"/practice/sessions/{session.public_id}/scan/", {"s1_nothing": "on", "completed": "no"})
    session.refresh_from_db()
    assert session.nothing_noticed and session.scan_checkin.sensations.count() == 0
    assert session.completed_at is None


def test_it_refuses_a_contradictory_scan_answer(person_client, person):
    person_client.post("/practice/bodyscan/", {"scan": "long"})
    session = PracticeSession.objects.get()
    page = person_client.post(f"/practice/sessions/{session.public_id}/scan/", {
        "s1_quality": ["tension"], "s1_nothing": "on", "completed": "yes"}).content.decode()
    assert "Untick “Nothing noticed”" in page
    session.refresh_from_db()
    assert session.ended_at is None and not CheckIn.objects.exists()


def test_it_maps_long_scan_places_onto_the_body_map(person_client, person):
    person_client.post("/practice/bodyscan/", {"scan": "long"})
    session = PracticeSession.objects.get()
    page = person_client.get(f"/practice/sessions/{session.public_id}/scan/").content.decode()
    assert "Lower belly and gut" in page  # the lower belly and hips step logs into the belly region


def test_it_lists_senses_activities_by_category(person_client):
    page = person_client.get("/practice/senses/").content.decode()
    for heading in ("Music", "Movement", "Nature", "Art", "Touch", "Taste and smell"):
        assert f">{heading}</h2>" in page


def test_it_logs_what_was_noticed_in_a_senses_activity(person_client, person):
    page = person_client.get("/practice/senses/music-hum/").content.decode()
    assert "what did you notice" in page.lower() or "notice" in page
    response = person_client.post("/practice/senses/music-hum/", {"what_noticed": "A buzz in my lips."})
    session = PracticeSession.objects.get()
    assert session.what_noticed == "A buzz in my lips." and session.activity_id == "music-hum"
    assert "A buzz in my lips." in person_client.get(response["Location"]).content.decode()


def test_it_accepts_nothing_in_particular(person_client):
    person_client.post("/practice/senses/music-hum/", {"nothing_noticed": "on"})
    assert PracticeSession.objects.get().nothing_noticed


def test_it_asks_for_a_word_or_nothing_in_particular(person_client):
    page = person_client.post("/practice/senses/music-hum/", {}).content.decode()
    assert "tick “Nothing in particular”" in page
    assert not PracticeSession.objects.exists()


def test_it_offers_help_after_risky_words(person_client):
    response = person_client.post("/practice/senses/music-hum/", {"what_noticed": "I want to kill myself"}, follow=True)
    assert "people are ready to talk" in response.content.decode()


def test_it_answers_404_for_an_unknown_activity(person_client):
    assert person_client.get("/practice/senses/no-such-thing/").status_code == 404


def test_it_saves_preferences(person_client, person):
    response = person_client.post("/practice/preferences/", {
        "style": "structured", "breathing_pattern": "box", "breathing_minutes": "5", "tone": "on"})
    assert response.status_code == 302
    prefs = PracticePreferences.objects.get(owner=person)
    assert (prefs.style, prefs.breathing_pattern, prefs.breathing_minutes, prefs.tone, prefs.speech) == (
        "structured", "box", 5, True, False)
    page = person_client.get("/practice/breathing/").content.decode()
    assert 'value="box" id="id_pattern_2" required checked' in page or 'value="box"' in page


def test_it_explains_bad_preferences(person_client, person):
    page = person_client.post("/practice/preferences/", {
        "style": "chaotic", "breathing_pattern": "box", "breathing_minutes": "99"}).content.decode()
    assert "Some answers need another look" in page
    assert not PracticePreferences.objects.exists()


def test_it_deletes_a_session_and_its_practice_checkins(person_client, person):
    person_client.post("/practice/breathing/", {"pattern": "box", "minutes": "1", "before-word": "calm"})
    session = PracticeSession.objects.get()
    assert "can't be undone" in person_client.get(f"/practice/sessions/{session.public_id}/delete/").content.decode()
    person_client.post(f"/practice/sessions/{session.public_id}/delete/")
    assert not PracticeSession.objects.exists() and not CheckIn.objects.exists()


def test_it_answers_404_for_another_persons_session_on_every_page(client, person, other_person):
    mine = _breathing(person)
    client.force_login(other_person)
    for url in _owned_urls(mine):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"completed": "yes"}).status_code == 404, url
    assert PracticeSession.objects.filter(pk=mine.pk, ended_at__isnull=True).exists()


def test_it_sends_strangers_to_log_in(client):
    for url in ("/practice/", "/practice/breathing/", "/practice/senses/", "/practice/preferences/"):
        assert client.get(url)["Location"].startswith("/accounts/login/")


def test_it_keeps_the_plan_the_same_all_day(person_client, person):
    with mock.patch("feelmap.practices.services.due_assessments", return_value=[]):
        first = person_client.get("/api/v1/practices/plan").json()
        person_client.post("/practice/senses/music-hum/", {"nothing_noticed": "on"})
        second = person_client.get("/api/v1/practices/plan").json()
    assert first == second
    assert isinstance(date.today(), date)


def test_it_counts_full_checkins_and_journal_entries_in_the_plan(person):
    from feelmap.journal.models import JournalEntry
    from feelmap.practices.services import recent_practice

    yesterday = timezone.now() - timedelta(days=1)
    CheckIn.objects.create(owner=person, kind="full", occurred_at=yesterday)
    CheckIn.objects.create(owner=person, kind="quick", occurred_at=yesterday)
    JournalEntry.objects.create(owner=person, written_at=yesterday)
    day = timezone.localtime(yesterday).date()
    assert sorted(recent_practice(person, timezone.localdate())) == [(day, "checkin"), (day, "journal")]


def test_the_plan_sees_each_kinds_last_day_before_today_only(person, other_person):
    from feelmap.journal.models import JournalEntry
    from feelmap.practices.models import PracticeSession
    from feelmap.practices.services import recent_practice

    now = timezone.now()
    today = timezone.localdate()

    def day(delta):
        return timezone.localtime(now - timedelta(days=delta)).date()

    for days_ago in (9, 3):
        PracticeSession.objects.create(owner=person, kind="breathing", pattern="resonance-6",
                                       started_at=now - timedelta(days=days_ago))
    PracticeSession.objects.create(owner=person, kind="breathing", pattern="resonance-6",
                                   started_at=now)  # today: does not count yet
    PracticeSession.objects.create(owner=person, kind="bodyscan", started_at=now - timedelta(days=5))
    PracticeSession.objects.create(owner=other_person, kind="senses", started_at=now - timedelta(days=1))
    CheckIn.objects.create(owner=person, kind="full", occurred_at=now - timedelta(days=4))
    CheckIn.objects.create(owner=person, kind="quick", occurred_at=now - timedelta(days=2))
    JournalEntry.objects.create(owner=other_person, written_at=now - timedelta(days=1))
    assert sorted(recent_practice(person, today)) == sorted([
        (day(3), "breathing"), (day(5), "bodyscan"), (day(4), "checkin"),
    ])
    assert sorted(recent_practice(other_person, today)) == [(day(1), "journal"), (day(1), "senses")]
