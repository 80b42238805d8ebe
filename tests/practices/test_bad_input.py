"""Issue 10 and 12 for practice sessions: one rule set with bounds and enums in the schema,
strict booleans, clear 4xx instead of 500, and lists that survive an unreadable row."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from feelmap.api.urls import api
from feelmap.practices import activities, bodyscan, pacer, services
from feelmap.practices.models import PracticeSession
from feelmap.practices.schemas import (
    ActivityParams,
    PracticeSessionIn,
    ScheduleParams,
)

pytestmark = pytest.mark.django_db
BASE = "/api/v1/practices"


def _post(client, url, data):
    body = data if isinstance(data, str) else json.dumps(data)
    return client.post(url, body, content_type="application/json")


def _senses(owner, **extra):
    data = PracticeSessionIn(kind="senses", activity_id="music-hum", **extra)
    return services.record_session(owner=owner, data=data)


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["started_at", "ended_at", "completed_at"])
@pytest.mark.parametrize(
    "value", ["0001-01-01T00:00:00+00:30", "1999-06-01T00:00:00Z", "9999-12-31T23:00:00-14:00"]
)
def test_api_refuses_moments_out_of_range(person_client, field, value):
    response = _post(person_client, f"{BASE}/sessions",
                     {"kind": "senses", "activity_id": "music-hum", field: value})
    assert response.status_code == 422
    assert field in response.json()["fields"]
    assert not PracticeSession.objects.exists()


def test_the_database_refuses_moments_out_of_range(person):
    for field in ("started_at", "ended_at", "completed_at"):
        values = {"started_at": timezone.now(), field: datetime(1990, 1, 1, tzinfo=UTC)}
        with pytest.raises(IntegrityError), transaction.atomic():
            PracticeSession.objects.create(owner=person, kind="senses",
                                           activity_id="music-hum", **values)


def test_a_patch_cannot_move_a_session_out_of_range(person_client, person):
    session = _senses(person)
    response = person_client.patch(f"{BASE}/sessions/{session.public_id}",
                                   json.dumps({"started_at": "0001-01-01T00:00:00+00:30", "version": 0}),
                                   content_type="application/json")
    assert response.status_code == 422
    session.refresh_from_db()
    assert session.started_at.year >= 2000


def test_the_senses_page_replaces_an_odd_start_time_with_now(person_client, person):
    response = person_client.post("/practice/senses/music-hum/", {
        "what_noticed": "warm", "started_at": "0001-01-01 00:00:00",
    })
    assert response.status_code == 302
    assert PracticeSession.objects.get().started_at.year >= 2000


# --- types, bounds and enums in the schema ------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "senses", "activity_id": "music-hum", "nothing_noticed": 1}, "nothing_noticed"),
        ({"kind": "senses", "activity_id": "music-hum", "nothing_noticed": "true"},
         "nothing_noticed"),
        ({"kind": "breathing", "pattern": "box", "minutes": True}, "minutes"),
        ({"kind": "breathing", "pattern": "box", "minutes": 2.5}, "minutes"),
        ({"kind": "breathing", "pattern": "box", "minutes": 0}, "minutes"),
    ],
)
def test_api_is_strict_about_booleans_and_whole_numbers(person_client, payload, field):
    response = _post(person_client, f"{BASE}/sessions", payload)
    assert response.status_code == 422
    assert list(response.json()["fields"]) == [field]


@pytest.mark.parametrize("body", ["[1, 2]", '"x"', "null"])
def test_api_body_must_be_an_object(person_client, body):
    assert _post(person_client, f"{BASE}/sessions", body).status_code == 422
    assert not PracticeSession.objects.exists()


def test_the_schema_documents_bounds_and_choices_from_the_content():
    schema = PracticeSessionIn.model_json_schema()
    props = schema["properties"]
    assert schema["additionalProperties"] is False
    assert props["pattern"]["anyOf"][0]["enum"] == list(pacer.PATTERNS)
    assert props["scan"]["anyOf"][0]["enum"] == list(bodyscan.load_scans())
    assert props["minutes"]["anyOf"][0] == {"type": "integer", "minimum": 1, "maximum": 10}
    assert props["nothing_noticed"]["type"] == "boolean"
    assert props["what_noticed"]["maxLength"] == 5000
    category = ActivityParams.model_json_schema()["properties"]["category"]["anyOf"][0]
    assert category["enum"] == list(activities.CATEGORIES)
    assert ScheduleParams.model_json_schema()["properties"]["minutes"]["maximum"] == 10


def test_openapi_has_no_free_form_session_fields_and_declares_status_codes():
    doc = api.get_openapi_schema()
    body = doc["components"]["schemas"]["PracticeSessionIn"]
    assert all(prop for prop in body["properties"].values())
    assert all(("type" in p) or ("anyOf" in p) or ("$ref" in p) or ("enum" in p)
               for p in body["properties"].values())
    sessions = doc["paths"]["/api/v1/practices/sessions"]
    assert {"201", "422"} <= set(map(str, sessions["post"]["responses"]))
    one = doc["paths"]["/api/v1/practices/sessions/{session_id}"]
    assert {"200", "404", "409", "422", "428"} <= set(map(str, one["patch"]["responses"]))
    assert {"204", "404"} <= set(map(str, one["delete"]["responses"]))
    journal = doc["paths"]["/api/v1/journal/entries"]
    assert {"201", "422"} <= set(map(str, journal["post"]["responses"]))
    assert "JournalLabelIn" in doc["components"]["schemas"]


# --- text ---------------------------------------------------------------------------------


def test_api_cleans_lone_surrogates_and_direction_overrides(person_client):
    response = _post(person_client, f"{BASE}/sessions",
                     '{"kind": "senses", "activity_id": "music-hum", '
                     '"what_noticed": "warm\\ud800 \\u202ehands\\u0000"}')
    assert response.status_code == 201, response.content
    assert PracticeSession.objects.get().what_noticed == "warm hands"


def test_the_senses_page_strips_control_characters(person_client):
    person_client.post("/practice/senses/music-hum/", {"what_noticed": "a\u202eb\x07c"})
    assert PracticeSession.objects.get().what_noticed == "abc"


# --- paging -------------------------------------------------------------------------------


@pytest.mark.parametrize("offset", ["99999999999999999999", "-1", "1000001", "x"])
def test_api_refuses_an_offset_out_of_range(person_client, offset):
    response = person_client.get(f"{BASE}/sessions", {"offset": offset})
    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["offset"]


# --- an unreadable row --------------------------------------------------------------------


def _corrupt(session):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE practices_practicesession SET what_noticed = %s WHERE id = %s",
                       ["fernet:not-a-token", session.pk])


def test_the_practice_page_and_list_survive_an_unreadable_session(person_client, person):
    now = timezone.now()
    _senses(person, started_at=now - timedelta(days=2), what_noticed="kept one")
    broken = _senses(person, started_at=now - timedelta(days=1), what_noticed="lost")
    _senses(person, started_at=now - timedelta(hours=1), what_noticed="kept two")
    _corrupt(broken)
    assert person_client.get("/practice/").status_code == 200
    body = person_client.get(f"{BASE}/sessions").json()
    assert [r["what_noticed"] for r in body["results"]] == ["kept two", "kept one"]


# --- one write path, with the safety check inside ----------------------------------------


def test_api_says_when_to_offer_help(person_client):
    risky = _post(person_client, f"{BASE}/sessions", {
        "kind": "senses", "activity_id": "music-hum",
        "what_noticed": "I want to kill myself, I can't go on.",
    })
    assert risky.status_code == 201
    assert (risky.json()["offer_help"], risky.json()["help_level"]) == (True, "strong")
    calm = _post(person_client, f"{BASE}/sessions",
                 {"kind": "senses", "activity_id": "music-hum",
                  "what_noticed": "Cold fingers and a slow breath."})
    assert (calm.json()["offer_help"], calm.json()["help_level"]) == (False, None)


def test_every_page_write_goes_through_the_service(person_client, monkeypatch):
    calls = []
    real = services.record_sessions

    def spy(**kwargs):
        calls.append([d.kind for d in kwargs["items"]])
        return real(**kwargs)

    monkeypatch.setattr(services, "record_sessions", spy)
    person_client.post("/practice/breathing/", {"pattern": "box", "minutes": "1",
                                                "before-not_sure": "on"})
    person_client.post("/practice/bodyscan/", {"scan": "short"})
    person_client.post("/practice/senses/music-hum/", {"nothing_noticed": "on"})
    assert calls == [["breathing"], ["bodyscan"], ["senses"]]
    assert PracticeSession.objects.count() == 3


def test_the_breathing_page_refuses_a_boolean_trick_and_saves_nothing(person_client):
    response = person_client.post("/practice/breathing/", {"pattern": "box", "minutes": "2.0"})
    assert response.status_code == 200
    assert "Choose a whole number of minutes from 1 to 10." in response.content.decode()
    assert not PracticeSession.objects.exists()
