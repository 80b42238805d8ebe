"""/api/v1/practices: sessions (CRUD, per-field 422s, ownership), plan, activities, schedule."""

import json
from unittest import mock

import pytest
from django.utils import timezone

from feelmap.accounts.models import ApiToken
from feelmap.checkins.models import CheckIn
from feelmap.practices.models import PracticeSession
from feelmap.practices.pacer import schedule_as_dict

pytestmark = pytest.mark.django_db
BASE = "/api/v1/practices"


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def _patch(client, url, data):
    return client.patch(url, json.dumps(data), content_type="application/json")


def _session(owner, **extra):
    fields = {"kind": "senses", "activity_id": "music-hum", "started_at": timezone.now()}
    return PracticeSession.objects.create(owner=owner, **{**fields, **extra})


def test_it_records_a_breathing_session_with_linked_checkins(person_client, person):
    before = CheckIn.objects.create(owner=person, kind="practice-before", occurred_at=timezone.now(),
                                    pleasantness=-3, energy=3)
    response = _post(person_client, f"{BASE}/sessions", {
        "kind": "breathing", "pattern": "box", "minutes": 2,
        "completed_at": timezone.now().isoformat(), "before_checkin": str(before.public_id),
    })
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["completed"] is True and body["before_checkin"] == str(before.public_id)
    assert body["summary"].startswith("Finished all 2 minutes. Before: unpleasant, high energy")
    assert PracticeSession.objects.get().before_checkin == before


def test_it_gives_a_message_per_field_and_saves_nothing(person_client, other_person):
    response = _post(person_client, f"{BASE}/sessions", {
        "kind": "breathing", "pattern": "gasp", "minutes": 11, "scan": "short",
        "started_at": "yesterday", "nothing_noticed": "maybe", "quiet_regions": ["tail"],
        "after_checkin": "not-an-id", "what_noticed": "x" * 5001,
    })
    assert response.status_code == 422
    fields = response.json()["fields"]
    assert set(fields) == {"pattern", "minutes", "scan", "started_at", "nothing_noticed",
                           "quiet_regions", "after_checkin", "what_noticed"}
    assert not PracticeSession.objects.exists()


def test_it_refuses_to_link_someone_elses_checkin(person_client, other_person):
    theirs = CheckIn.objects.create(owner=other_person, occurred_at=timezone.now())
    response = _post(person_client, f"{BASE}/sessions", {
        "kind": "senses", "activity_id": "music-hum", "after_checkin": str(theirs.public_id),
    })
    assert response.status_code == 422
    assert response.json()["fields"] == {"after_checkin": ["None of your check-ins has this id."]}
    assert not PracticeSession.objects.exists()


def test_it_refuses_unknown_fields_and_kinds(person_client):
    # Every problem at once: the unknown field and the unknown kind (before, only the field).
    response = _post(person_client, f"{BASE}/sessions", {"kind": "yoga", "colour": "blue"})
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"kind", "colour"}
    response = _post(person_client, f"{BASE}/sessions", {"kind": "yoga"})
    assert "kind" in response.json()["fields"]


def test_it_requires_the_details_of_each_kind(person_client):
    fields = _post(person_client, f"{BASE}/sessions", {"kind": "bodyscan"}).json()["fields"]
    assert set(fields) == {"scan"}
    fields = _post(person_client, f"{BASE}/sessions", {"kind": "senses", "activity_id": "nope"}).json()["fields"]
    assert set(fields) == {"activity_id"}
    fields = _post(person_client, f"{BASE}/sessions", {"kind": "breathing", "minutes": 2.0, "pattern": "box"}).json()["fields"]
    assert set(fields) == {"minutes"}


def test_it_lists_sessions_newest_first_with_paging(person_client, person, other_person):
    now = timezone.now()
    old = _session(person, started_at=now - timezone.timedelta(days=2))
    new = _session(person, started_at=now)
    _session(other_person)
    body = person_client.get(f"{BASE}/sessions?limit=1").json()
    assert body["count"] == 2 and [r["id"] for r in body["results"]] == [str(new.public_id)]
    body = person_client.get(f"{BASE}/sessions?limit=1&offset=1").json()
    assert [r["id"] for r in body["results"]] == [str(old.public_id)]
    assert person_client.get(f"{BASE}/sessions?limit=0").status_code == 422
    assert person_client.get(f"{BASE}/sessions?kind=breathing").json()["count"] == 0


def test_it_patches_and_revalidates_the_whole_session(person_client, person):
    session = _session(person)
    url = f"{BASE}/sessions/{session.public_id}"
    response = _patch(person_client, url, {"what_noticed": "Cold fingers.", "completed_at": timezone.now().isoformat(), "version": 0})
    assert response.status_code == 200 and response.json()["version"] == 1
    assert response.json()["what_noticed"] == "Cold fingers." and response.json()["completed"]
    response = _patch(person_client, url, {"kind": "breathing", "version": 1})
    assert response.status_code == 422 and "kind" in response.json()["fields"]
    response = _patch(person_client, url, {"ended_at": "2001-01-01T00:00:00Z", "version": 1})
    assert response.json()["fields"] == {"ended_at": ["This is before the practice started."]}
    session.refresh_from_db()
    assert session.what_noticed == "Cold fingers." and session.ended_at is not None


def test_it_deletes_a_session(person_client, person):
    session = _session(person)
    assert person_client.delete(f"{BASE}/sessions/{session.public_id}").status_code == 204
    assert not PracticeSession.objects.exists()


def test_it_keeps_a_quick_checkin_a_client_linked(person_client, person):
    quick = CheckIn.objects.create(owner=person, kind="quick", occurred_at=timezone.now())
    session = _session(person, kind="breathing", activity_id="", pattern="box", minutes=1, before_checkin=quick)
    person_client.delete(f"{BASE}/sessions/{session.public_id}")
    assert CheckIn.objects.filter(pk=quick.pk).exists()


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_it_answers_404_for_another_persons_session(other_client, person, method):
    session = _session(person)
    url = f"{BASE}/sessions/{session.public_id}"
    if method == "get":
        response = other_client.get(url)
    else:
        response = getattr(other_client, method)(
            url, json.dumps({"what_noticed": "mine now", "version": 0}), content_type="application/json"
        )
    assert response.status_code == 404
    session.refresh_from_db()
    assert session.what_noticed == ""


def test_it_answers_404_for_a_malformed_id(person_client):
    assert person_client.get(f"{BASE}/sessions/not-a-uuid").status_code == 404


def test_it_needs_authentication(client):
    assert client.get(f"{BASE}/sessions").status_code == 401
    assert client.get(f"{BASE}/plan").status_code == 401


def test_it_works_with_a_token(client, person):
    _token, raw = ApiToken.issue(person, "test")
    response = client.get(f"{BASE}/sessions", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_it_gives_todays_plan_with_its_reason(person_client):
    with mock.patch("feelmap.practices.services.due_assessments", return_value=["gad7"]):
        body = person_client.get(f"{BASE}/plan").json()
    assert body["kind"] in {"breathing", "bodyscan", "senses", "journal", "checkin"}
    assert body["reason"] and body["due"] == ["gad7"]


def test_it_lists_activities_by_category(person_client):
    body = person_client.get(f"{BASE}/activities").json()
    assert len(body["activities"]) >= 20 and len(body["categories"]) == 6
    music = person_client.get(f"{BASE}/activities?category=music").json()["activities"]
    assert music and all(a["category"] == "music" for a in music)
    assert person_client.get(f"{BASE}/activities?category=jazz").status_code == 422


def test_it_serves_the_breathing_schedule(person_client):
    body = person_client.get(f"{BASE}/breathing/schedule?pattern=box&minutes=2").json()
    assert body == json.loads(json.dumps(schedule_as_dict("box", 2)))
    response = person_client.get(f"{BASE}/breathing/schedule?pattern=gasp&minutes=2.5")
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"pattern", "minutes"}
