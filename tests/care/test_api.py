"""The care API: the person's codes, links, grants, ending a link, and the audit list."""

from __future__ import annotations

import json

import pytest

from feelmap.accounts.models import ApiToken
from feelmap.care.models import Link

from .conftest import link

pytestmark = pytest.mark.django_db


def call(client, user, method, url, payload=None):
    _t, raw = ApiToken.issue(user)
    kwargs = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    if payload is not None:
        kwargs.update(data=json.dumps(payload), content_type="application/json")
    return getattr(client, method)(f"/api/v1/care{url}", **kwargs)


def test_code_join_grants_revoke_and_audit(client, person, clinician, shared_data):
    made = call(client, person, "post", "/codes")
    assert made.status_code == 201
    joined = call(client, clinician, "post", "/join", {"code": made.json()["code"]})
    assert joined.status_code == 201 and joined.json()["role"] == "clinician"
    link_id = joined.json()["id"]
    links = call(client, person, "get", "/links").json()
    assert [(x["viewer"], x["kinds"]) for x in links] == [("dr_ash", [])]
    changed = call(client, person, "put", f"/links/{link_id}/grants", {"kinds": ["journal"]})
    assert changed.status_code == 200 and changed.json()["kinds"] == ["journal"]
    client.force_login(clinician)
    assert client.get(f"/care/people/{person.public_id}/journal/").status_code == 200
    ended = call(client, person, "post", f"/links/{link_id}/revoke")
    assert ended.status_code == 200 and ended.json()["revoked_at"] and ended.json()["kinds"] == []
    assert client.get(f"/care/people/{person.public_id}/journal/").status_code == 404
    audit = call(client, person, "get", "/audit").json()
    assert {"read", "linked", "sharing", "revoked"} == {e["action"] for e in audit}
    read = next(e for e in audit if e["action"] == "read")
    assert (read["actor"], read["kind"]) == ("dr_ash", "journal")


def test_bad_input_is_refused_and_changes_nothing(client, person, clinician):
    made = link(person, clinician, ["journal"])
    response = call(client, person, "put", f"/links/{made.public_id}/grants", {"kinds": ["secrets"]})
    assert response.status_code == 422 and "kinds.0" in response.json()["fields"]
    response = call(client, clinician, "post", "/join", {"code": "ZZZZ-ZZZZ-ZZ"})
    assert response.status_code == 422 and "does not work" in response.json()["detail"]
    assert Link.objects.get().kinds == ["journal"]


@pytest.mark.parametrize("method,url,payload", [
    ("put", "/links/{id}/grants", {"kinds": ["journal", "checkins"]}),
    ("post", "/links/{id}/revoke", None),
])
def test_another_persons_link_is_404(client, person, other_person, clinician, method, url, payload):
    made = link(person, clinician, ["journal"])
    for stranger in (other_person, clinician):
        response = call(client, stranger, method, url.format(id=made.public_id), payload)
        assert response.status_code == 404
    assert Link.objects.get().kinds == ["journal"] and Link.objects.get().revoked_at is None
    assert call(client, other_person, "get", "/links").json() == []
    assert call(client, other_person, "get", "/audit").json() == []


def test_the_api_needs_a_token(client):
    assert client.get("/api/v1/care/links").status_code == 401


def test_local_mode_makes_no_codes(client, person, settings):
    settings.CLINIC = False
    assert call(client, person, "post", "/codes").status_code == 404
