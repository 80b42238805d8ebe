"""PATCH /api/v1/checkins/{id} takes back what GET gave: the owner edits one field of the body
they read; another person sending the same body to the same address gets 404, changing nothing."""

import pytest

from feelmap.accounts.models import ApiToken
from feelmap.checkins.models import CheckIn

pytestmark = pytest.mark.django_db
URL = "/api/v1/checkins"


def _auth(user):
    _token, raw = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def shown(client, person):
    auth = _auth(person)
    created = client.post(URL, data={
        "kind": "full", "pleasantness": -2, "energy": 3, "note": "Before the meeting.",
        "sensations": [{"region": "chest", "quality": "tightness", "intensity": 8}],
        "labels": [{"word": "worried", "intensity": 6, "confidence": 60}],
    }, content_type="application/json", **auth).json()
    body = client.get(f"{URL}/{created['id']}", **auth).json()
    # GET's shape, read-only parts included: id, times, a label's family and level.
    assert {"id", "created_at", "updated_at"} <= set(body)
    assert body["labels"][0]["family"] == "fear"
    return created["id"], body, auth


def test_the_owner_can_send_back_what_get_returned_with_one_change(client, shown):
    checkin_id, body, auth = shown
    body["note"] = "After the meeting."
    body["offer_help"], body["help_level"], body["crisis_url"] = False, None, None
    response = client.patch(f"{URL}/{checkin_id}", data=body, content_type="application/json",
                            **auth)
    assert response.status_code == 200, response.content
    saved = response.json()
    assert saved["note"] == "After the meeting."
    assert saved["labels"][0]["word"] == "worried" and saved["labels"][0]["family"] == "fear"
    assert saved["sensations"][0]["region"] == "chest"


def test_read_only_fields_in_the_body_are_ignored(client, shown):
    checkin_id, body, auth = shown
    body["id"] = "00000000-0000-4000-8000-000000000000"
    body["created_at"] = "2001-01-01T00:00:00+00:00"
    body["labels"][0]["family"] = "joy"
    response = client.patch(f"{URL}/{checkin_id}", data=body, content_type="application/json",
                            **auth)
    assert response.status_code == 200, response.content
    checkin = CheckIn.objects.get(public_id=checkin_id)
    assert str(checkin.public_id) == checkin_id and checkin.created_at.year > 2001
    assert response.json()["labels"][0]["family"] == "fear"


def test_another_person_sending_the_owners_body_gets_404_and_changes_nothing(
        client, shown, other_person):
    checkin_id, body, _auth_owner = shown
    body["note"] = "someone else was here"
    response = client.patch(f"{URL}/{checkin_id}", data=body, content_type="application/json",
                            **_auth(other_person))
    assert response.status_code == 404
    assert CheckIn.objects.get(public_id=checkin_id).note == "Before the meeting."


def test_unknown_fields_are_still_refused(client, shown):
    checkin_id, body, auth = shown
    body["colour"] = "blue"
    response = client.patch(f"{URL}/{checkin_id}", data=body, content_type="application/json",
                            **auth)
    assert response.status_code == 422
