"""The data page and the API: download each format, import, delete the account."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.contrib.sessions.models import Session

from feelmap.accounts.models import ApiToken, User
from feelmap.checkins.models import CheckIn
from feelmap.journal.models import JournalEntry
from feelmap.portability.exporting import write_json

pytestmark = pytest.mark.django_db


def _note(user, text="a note"):
    return CheckIn.objects.create(owner=user, occurred_at="2026-02-01T08:00:00+00:00", note=text)


def _export(user) -> bytes:
    out = io.StringIO()
    write_json(user, out)
    return out.getvalue().encode()


def test_the_page_is_linked_from_the_account_area_and_lists_counts(person_client, person):
    _note(person)
    home = person_client.get("/").content.decode()
    assert 'href="/accounts/data/"' in home
    page = person_client.get("/accounts/data/").content.decode()
    assert "Check-ins: 1" in page
    assert "coming" not in page


@pytest.mark.parametrize("fmt", ["json", "csv", "fhir"])
def test_each_format_downloads(person_client, person, fmt):
    _note(person, "only mine")
    response = person_client.get(f"/accounts/data/download/{fmt}/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    if fmt == "json":
        assert json.loads(body)["data"]["checkins"][0]["note"] == "only mine"
    elif fmt == "csv":
        assert "only mine" in zipfile.ZipFile(io.BytesIO(body)).read("checkins.csv").decode()
    else:
        assert json.loads(body)["resourceType"] == "Bundle"


def test_download_needs_sign_in_and_only_gives_ones_own(person, other_client):
    from django.test import Client

    _note(person, "private words")
    assert Client().get("/accounts/data/download/json/").status_code == 302
    body = b"".join(other_client.get("/accounts/data/download/json/").streaming_content)
    assert b"private words" not in body


def test_import_on_the_page_then_again_adds_nothing(person, other_client, other_person):
    _note(person, "carried over")
    data = _export(person)
    first = other_client.post("/accounts/data/import/",
                              {"file": io.BytesIO(data)}, format="multipart", follow=True)
    assert "Imported 1 records" in first.content.decode() or "Imported" in first.content.decode()
    again = other_client.post("/accounts/data/import/", {"file": io.BytesIO(data)}, follow=True)
    assert "already here" in again.content.decode()
    assert CheckIn.objects.filter(owner=other_person).count() == 1


def test_a_bad_import_on_the_page_explains_and_changes_nothing(person_client, person):
    response = person_client.post("/accounts/data/import/", {"file": io.BytesIO(b'{"format": 1')})
    assert response.status_code == 422
    assert "Nothing was imported" in response.content.decode()
    assert "cut short" in response.content.decode()
    assert not CheckIn.objects.exists()
    assert person_client.post("/accounts/data/import/", {}).status_code == 422


def test_delete_needs_the_typed_username(person_client, person):
    _note(person)
    response = person_client.post("/accounts/data/delete/", {"confirm": "someone"})
    assert response.status_code == 422
    assert "nothing was deleted" in response.content.decode()
    assert User.objects.filter(pk=person.pk).exists()


def test_delete_removes_everything_and_ends_sessions_and_tokens(client, person, other_person):
    _note(person)
    _note(other_person)
    JournalEntry.objects.create(owner=person, body="gone soon")
    _token, raw = ApiToken.issue(person)
    client.force_login(person)
    response = client.post("/accounts/data/delete/", {"confirm": person.username})
    assert response.status_code == 200
    assert "Your account is deleted" in response.content.decode()
    assert not User.objects.filter(username=person.username).exists()
    assert not CheckIn.objects.filter(owner_id=person.pk).exists()
    assert not JournalEntry.objects.exists()
    assert not ApiToken.objects.exists()
    assert CheckIn.objects.filter(owner=other_person).count() == 1
    assert not any(s.get_decoded().get("_auth_user_id") == str(person.pk)
                   for s in Session.objects.all())
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


# --- API -------------------------------------------------------------------------------------


def _auth(user) -> dict:
    _token, raw = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_api_export_import_and_delete(client, person, other_person):
    _note(person, "by the api")
    response = client.get("/api/v1/account/export?format=json", **_auth(person))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert json.loads(body)["counts"]["checkins"] == 1
    assert client.get("/api/v1/account/export?format=xml", **_auth(person)).status_code == 422

    headers = _auth(other_person)
    imported = client.post("/api/v1/account/import", {"file": io.BytesIO(body)}, **headers)
    assert imported.status_code == 200, imported.content
    assert imported.json()["added"]["checkins"] == 1
    bad = client.post("/api/v1/account/import", {"file": io.BytesIO(body[:-20])}, **headers)
    assert bad.status_code == 422
    assert bad.json()["problems"]

    wrong = client.post("/api/v1/account/delete", {"confirm": "nope"},
                        content_type="application/json", **headers)
    assert wrong.status_code == 422
    done = client.post("/api/v1/account/delete", {"confirm": other_person.username},
                       content_type="application/json", **headers)
    assert done.status_code == 200
    assert done.json()["removed"]["checkins"] == 1
    assert not User.objects.filter(pk=other_person.pk).exists()
    assert client.get("/api/v1/me", **headers).status_code == 401


def test_openapi_documents_the_new_operations(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert {"/api/v1/account/export", "/api/v1/account/import", "/api/v1/account/delete"} <= set(paths)
    assert "application/zip" in paths["/api/v1/account/export"]["get"]["responses"]["200"]["content"]
