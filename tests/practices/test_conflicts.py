"""Two tabs, two devices or a script changing one practice session: a change based on an
older version changes nothing. The API answers 409 (stale) or 428 (no version) with the saved
session; a practice page finishing a session another tab already finished says so and keeps
nothing from this page."""

import json

import pytest
from django.utils import timezone

from feelmap.checkins.models import CheckIn
from feelmap.practices import services
from feelmap.practices.models import PracticeSession
from feelmap.practices.schemas import BreathingFinishIn

pytestmark = pytest.mark.django_db
BASE = "/api/v1/practices"


def _senses(owner):
    return PracticeSession.objects.create(owner=owner, kind="senses", activity_id="music-hum",
                                          started_at=timezone.now(), what_noticed="Warm tea.")


def _breathing(owner):
    return PracticeSession.objects.create(owner=owner, kind="breathing", pattern="box",
                                          minutes=2, started_at=timezone.now())


def _patch(client, url, data):
    return client.patch(url, json.dumps(data), content_type="application/json")


def test_the_api_answers_409_with_the_current_session(person_client, person):
    session = _senses(person)
    url = f"{BASE}/sessions/{session.public_id}"
    assert person_client.get(url).json()["version"] == 0
    first = _patch(person_client, url, {"what_noticed": "Device one", "version": 0})
    assert first.status_code == 200 and first.json()["version"] == 1
    stale = _patch(person_client, url, {"what_noticed": "Device two", "version": 0})
    assert stale.status_code == 409
    assert stale.json()["current"]["what_noticed"] == "Device one"
    assert stale.json()["current"]["version"] == 1
    assert "version 1" in stale.json()["detail"]
    session.refresh_from_db()
    assert session.what_noticed == "Device one" and session.version == 1
    # Keeping this change is a deliberate second save on top of version 1.
    kept = _patch(person_client, url, {"what_noticed": "Device two", "version": 1})
    assert kept.status_code == 200 and kept.json()["version"] == 2
    session.refresh_from_db()
    assert session.what_noticed == "Device two"


@pytest.mark.parametrize("version", [{}, {"version": None}], ids=["left-out", "null"])
def test_the_api_answers_428_when_no_version_is_sent_and_changes_nothing(
    person_client, person, version
):
    session = _senses(person)
    url = f"{BASE}/sessions/{session.public_id}"
    response = _patch(person_client, url, {"what_noticed": "From a script"} | version)
    assert response.status_code == 428
    body = response.json()
    assert body["version"] == 0 and body["current"]["version"] == 0
    assert body["current"]["what_noticed"] == "Warm tea."
    assert "`version`" in body["detail"] and '"version": 0' in body["detail"]
    session.refresh_from_db()
    assert session.what_noticed == "Warm tea." and session.version == 0


def test_the_document_requires_version(client):
    document = client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert "version" in schemas["PracticeSessionPatch"]["required"]
    assert "version" in schemas["PracticeSessionOut"]["required"]


def test_finishing_a_session_another_tab_already_finished_says_so(person_client, person):
    session = _breathing(person)
    url = f"/practice/sessions/{session.public_id}/breathe/"
    first = person_client.post(url, {"completed": "yes", "elapsed_seconds": "60"})
    assert first.status_code == 302
    session.refresh_from_db()
    ended, version = session.ended_at, session.version
    assert version == 1
    checkins = CheckIn.objects.filter(owner=person).count()
    second = person_client.post(url, {"completed": "no", "elapsed_seconds": "5",
                                      "after-pleasantness": "2", "after-energy": "-2"},
                                follow=True)
    assert "already finished in another tab or device" in second.content.decode()
    session.refresh_from_db()
    assert (session.ended_at, session.version, session.completed) == (ended, version, True)
    assert CheckIn.objects.filter(owner=person).count() == checkins


def test_a_finish_based_on_an_older_version_keeps_nothing(person):
    stale = _breathing(person)
    fresh = PracticeSession.objects.get(pk=stale.pk)
    services.finish_breathing(fresh, finish=BreathingFinishIn(completed=True))
    after = BreathingFinishIn(completed=False)
    with pytest.raises(services.SessionConflict) as conflict:
        services.finish_breathing(stale, finish=after)
    assert conflict.value.current.version == 1 and conflict.value.current.completed
    stale.refresh_from_db()
    assert stale.completed and stale.version == 1
