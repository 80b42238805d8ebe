"""The API operations that cover what the pages already let a person do (docs/api.md):
each does what its page does, through the same service, and a refusal changes nothing."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from feelmap.accounts.models import ApiToken
from tests.digest import person_digest

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(person) -> Client:
    client = Client()
    _token, raw = ApiToken.issue(person, label="tests")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return client


def _send(client: Client, method: str, url: str, body=None):
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def _refused_unchanged(client, person, method, url, body, status=422):
    before = person_digest(person)
    response = _send(client, method, url, body)
    assert response.status_code == status, response.content
    assert person_digest(person) == before
    return response.json()


# --- tokens --------------------------------------------------------------------------------


def test_tokens_are_listed_without_their_values_and_revoked(api, person):
    listed = api.get("/api/v1/tokens").json()
    assert [t["label"] for t in listed] == ["tests"]
    assert "token" not in listed[0] and listed[0]["status"] == "active"
    other, raw = ApiToken.issue(person, label="laptop")
    assert api.delete(f"/api/v1/tokens/{other.public_id}").status_code == 204
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert api.delete(f"/api/v1/tokens/{other.public_id}").status_code == 204  # again: harmless


def test_another_persons_token_is_a_404(api, other_person):
    theirs, raw = ApiToken.issue(other_person)
    assert api.delete(f"/api/v1/tokens/{theirs.public_id}").status_code == 404
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def test_a_token_cannot_make_tokens_but_the_session_can(api, person, person_client):
    body = _refused_unchanged(api, person, "post", "/api/v1/tokens", {"label": "more"}, 403)
    assert "cannot make more tokens" in body["detail"]
    made = person_client.post("/api/v1/tokens", {"label": "phone", "days": 30},
                              content_type="application/json")
    assert made.status_code == 201
    raw = made.json()["token"]
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    _refused_unchanged(person_client, person, "post", "/api/v1/tokens", {"days": 9999})


# --- check-ins -----------------------------------------------------------------------------


def test_the_rating_set_is_read_changed_and_checked(api, person):
    start = api.get("/api/v1/checkins/ratings").json()
    assert start["standard"] is True and len(start["emotions"]) == 10
    changed = api.put("/api/v1/checkins/ratings", {"emotions": ["calm", "anxious", "calm"]},
                      content_type="application/json")
    assert changed.status_code == 200
    assert changed.json() == {"emotions": ["calm", "anxious"], "standard": False}
    body = _refused_unchanged(api, person, "put", "/api/v1/checkins/ratings",
                              {"emotions": ["calm", "zorbled"]})
    assert "zorbled" in body["fields"]["emotions"][0]


def test_checkin_drafts_are_kept_read_and_forgotten(api, person):
    assert api.get("/api/v1/checkins/drafts/quick").status_code == 404
    saved = _send(api, "put", "/api/v1/checkins/drafts/quick",
                  {"payload": {"note": "half\x00 written", "energy": 2}})
    assert saved.status_code == 200
    assert saved.json()["payload"] == {"note": "half written", "energy": 2}
    assert api.get("/api/v1/checkins/drafts/quick").json()["payload"]["energy"] == 2
    _refused_unchanged(api, person, "put", "/api/v1/checkins/drafts/Not%20a%20key",
                       {"payload": {}})
    _refused_unchanged(api, person, "put", "/api/v1/checkins/drafts/quick",
                       {"payload": {"note": "x" * 300_000}})
    assert api.delete("/api/v1/checkins/drafts/quick").status_code == 204
    assert api.get("/api/v1/checkins/drafts/quick").status_code == 404


def test_a_contrast_answer_is_kept_or_refused(api, person):
    from feelmap.checkins.models import ContrastAnswer

    answer = {"family_a": "anger", "family_b": "fear", "chosen": "fear"}
    assert _send(api, "post", "/api/v1/checkins/contrast", answer).status_code == 201
    assert ContrastAnswer.objects.filter(owner=person, chosen="fear").count() == 1
    _refused_unchanged(api, person, "post", "/api/v1/checkins/contrast",
                       {**answer, "chosen": "joy"})


# --- journal -------------------------------------------------------------------------------


@pytest.fixture
def entry_id(api) -> str:
    made = _send(api, "post", "/api/v1/journal/entries", {"body": "A long day at work."})
    assert made.status_code == 201
    return made.json()["id"]


def test_words_are_added_to_and_taken_off_an_entry(api, person, entry_id):
    url = f"/api/v1/journal/entries/{entry_id}/labels"
    added = _send(api, "post", url, {"word": "tired", "added_from": "own"})
    assert added.status_code == 201
    assert [lb["word"] for lb in added.json()["labels"]] == ["tired"]
    assert _send(api, "post", url, {"word": "tired"}).status_code == 200  # already there
    heavy = _send(api, "post", url, {"word": "hopeless"})
    assert heavy.json()["offer_help"] is True
    _refused_unchanged(api, person, "post", url, {"word": "zorbled"})
    assert api.delete(f"{url}/tired").status_code == 204
    assert api.delete(f"{url}/tired").status_code == 204  # already off: nothing to do
    assert [lb["word"] for lb in api.get(f"/api/v1/journal/entries/{entry_id}").json()["labels"]] \
        == ["hopeless"]
    _refused_unchanged(api, person, "delete",
                       "/api/v1/journal/entries/00000000-0000-0000-0000-000000000000/labels/x",
                       None, 404)


def test_journal_drafts_for_a_new_and_an_edited_entry(api, person, entry_id):
    new = _send(api, "put", "/api/v1/journal/drafts", {"body": "Still writing"})
    assert new.status_code == 200 and new.json()["key"] == "new"
    edit = _send(api, "put", "/api/v1/journal/drafts", {"key": entry_id, "title": "Day"})
    assert edit.json()["key"] == entry_id
    assert api.get("/api/v1/journal/drafts/new").json()["body"] == "Still writing"
    _refused_unchanged(api, person, "put", "/api/v1/journal/drafts",
                       {"key": "00000000-0000-0000-0000-000000000000", "body": "x"}, 404)
    _refused_unchanged(api, person, "put", "/api/v1/journal/drafts", {"minutes_spent": -1})
    assert api.delete(f"/api/v1/journal/drafts/{entry_id}").status_code == 204
    assert api.get(f"/api/v1/journal/drafts/{entry_id}").status_code == 404


def test_naming_help_reads_the_text_and_stores_nothing(api, person):
    before = person_digest(person)
    found = _send(api, "post", "/api/v1/journal/analyse", {"text": "I was so angry, then bad."})
    assert found.status_code == 200
    assert "angry" in [w["word"] for w in found.json()["words_used"]]
    assert person_digest(person) == before


# --- practices, questionnaires, program, safety ------------------------------------------


def test_practice_preferences(api, person):
    assert api.get("/api/v1/practices/preferences").json()["updated_at"] is None
    saved = _send(api, "put", "/api/v1/practices/preferences",
                  {"style": "structured", "breathing_minutes": 5, "tone": True})
    assert saved.status_code == 200
    assert saved.json()["style"] == "structured" and saved.json()["breathing_minutes"] == 5
    body = _refused_unchanged(api, person, "put", "/api/v1/practices/preferences",
                              {"breathing_minutes": 60})
    assert body["fields"]["breathing_minutes"] == ["Minutes must be a whole number from 1 to 10."]
    _refused_unchanged(api, person, "put", "/api/v1/practices/preferences", {"tone": "yes"})


def test_questionnaire_drafts_resume_and_finish(api, person):
    assert api.get("/api/v1/assessments/drafts/phq9").status_code == 404
    kept = _send(api, "put", "/api/v1/assessments/drafts/phq9", {"answers": {"1": 2, "2": 1}})
    assert kept.status_code == 200
    assert kept.json()["answers"] == {"1": 2, "2": 1} and kept.json()["safety"] is False
    flagged = _send(api, "put", "/api/v1/assessments/drafts/phq9", {"answers": {"9": 1}})
    assert flagged.json()["safety"] is True and flagged.json()["crisis_url"]
    _refused_unchanged(api, person, "put", "/api/v1/assessments/drafts/phq9",
                       {"answers": {"1": 7}})
    _refused_unchanged(api, person, "put", "/api/v1/assessments/drafts/nope", {"answers": {}})
    assert api.delete("/api/v1/assessments/drafts/phq9").status_code == 204
    assert api.delete("/api/v1/assessments/drafts/phq9").status_code == 404


def test_questionnaire_schedule(api, person):
    start = {row["instrument"]: row for row in api.get("/api/v1/assessments/schedule").json()}
    assert set(start) == {"paq", "maia2", "phq9", "gad7", "who5"}
    changed = _send(api, "put", "/api/v1/assessments/schedule",
                    {"instruments": {"gad7": {"interval_days": 30, "active": False}}})
    rows = {row["instrument"]: row for row in changed.json()}
    assert rows["gad7"] == {"instrument": "gad7", "interval_days": 30, "active": False}
    assert rows["phq9"] == start["phq9"]
    _refused_unchanged(api, person, "put", "/api/v1/assessments/schedule",
                       {"instruments": {"gad7": {"interval_days": 2}}})


def test_the_calendar_feed_can_be_turned_off(api, person):
    from feelmap.program.models import ReminderSettings

    url = api.post("/api/v1/program/reminders/feed").json()["url"]
    assert Client().get(url.removeprefix("http://testserver")).status_code == 200
    assert api.delete("/api/v1/program/reminders/feed").status_code == 204
    assert ReminderSettings.objects.get(owner=person).feed_hash == ""
    assert Client().get(url.removeprefix("http://testserver")).status_code == 404


def test_understanding_pages(api):
    pages = api.get("/api/v1/program/understanding").json()
    assert pages and {"slug", "title", "summary"} <= set(pages[0])
    one = api.get(f"/api/v1/program/understanding/{pages[0]['slug']}").json()
    assert one["sections"] and one["sources"]
    assert api.get("/api/v1/program/understanding/no-such-page").status_code == 404


def test_crisis_services_by_country(api):
    uk = api.get("/api/v1/safety/crisis?locale=en-GB").json()
    assert uk["locale"] == "GB" and uk["resources"]
    assert all(r["label"] for r in uk["resources"] if r["href"])
    assert ["GB", uk["locale_name"]] in uk["locales"]
    assert api.get("/api/v1/safety/crisis").json()["resources"]


def test_checkins_of_one_day(api, person):
    for when in ("2025-03-14T09:00:00+00:00", "2025-03-15T09:00:00+00:00"):
        assert _send(api, "post", "/api/v1/checkins",
                     {"kind": "quick", "occurred_at": when, "pleasantness": 1, "energy": 1,
                      "labels": [{"word": "calm"}]}).status_code == 201
    day = api.get("/api/v1/checkins?day=2025-03-14").json()
    assert day["count"] == 1 and day["results"][0]["occurred_at"].startswith("2025-03-14")
    assert api.get("/api/v1/checkins").json()["count"] == 2
    assert api.get("/api/v1/checkins?day=1999-01-01").status_code == 422
    assert api.get("/api/v1/checkins?day=soon").status_code == 422
