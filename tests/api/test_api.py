import pytest

from feelmap.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def test_it_answers_me_with_a_token(client, person):
    _token, raw = ApiToken.issue(person)
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    data = response.json()
    assert data["username"] == person.username
    assert data["id"] == str(person.public_id)
    assert data["role"] == "person"


def test_it_refuses_a_missing_wrong_or_revoked_token(client, person):
    from django.utils import timezone

    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer fm_made_up").status_code == 401
    token, raw = ApiToken.issue(person)
    token.revoked_at = timezone.now()
    token.save()
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_it_answers_me_for_a_signed_in_browser(person_client, person):
    assert person_client.get("/api/v1/me").json()["username"] == person.username


def test_it_publishes_an_openapi_document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Feelmap API"
    assert "/api/v1/me" in schema["paths"]


def test_it_keeps_a_field_named_body_in_422_messages(person_client):
    response = person_client.post("/api/v1/journal/entries", {"body": 3}, content_type="application/json")
    assert response.status_code == 422
    assert "body" in response.json()["fields"]
