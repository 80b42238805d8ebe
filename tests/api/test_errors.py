"""Every answer under /api/ is JSON: 401 without a valid token, 413, 404 and 500 too."""

from __future__ import annotations

import logging

import pytest
from django.test import Client, override_settings

from feelmap.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("header", [None, "Bearer fm_made_up", "Basic abc", "Bearer "])
def test_a_write_without_a_valid_token_answers_401_json_not_a_csrf_failure(client, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.post(
        "/api/v1/checkins", {"note": "x"}, content_type="application/json", **extra
    )
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "token" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_signed_in_page_script_still_needs_its_csrf_token(person):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(person)
    response = browser.put(
        "/api/v1/safety/plan", {"sections": {}}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")


def test_an_unknown_api_path_answers_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_page_outside_the_api_keeps_its_html_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_too_large_answers_413_json(client, person):
    _token, raw = ApiToken.issue(person)
    response = client.post(
        "/api/v1/safety/check", {"text": "a" * 5000}, content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_an_unexpected_error_answers_500_json_and_is_logged(client, person, monkeypatch, caplog):
    from feelmap.safety import api as safety_api

    def broken(text):
        raise RuntimeError("boom")

    monkeypatch.setattr(safety_api, "check", broken)
    _token, raw = ApiToken.issue(person)
    with caplog.at_level(logging.ERROR, logger="feelmap.api"):
        response = client.post(
            "/api/v1/safety/check", {"text": "hello"}, content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {raw}",
        )
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert "Nothing was changed" in response.json()["detail"]
    assert any("boom" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


def test_an_error_outside_an_operation_answers_json_under_api(person, monkeypatch):
    """A middleware failing before the API runs: Django's 500 view answers JSON for /api/."""
    from feelmap.api import errors

    request_factory = Client(raise_request_exception=False)
    monkeypatch.setattr(
        "feelmap.api.auth.ApiToken.objects.for_raw",
        lambda raw: (_ for _ in ()).throw(RuntimeError("database went away")),
    )
    response = request_factory.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer fm_anything")
    assert response.status_code == 500
    assert response.json() == {"detail": errors.SERVER_ERROR}


def test_the_openapi_document_lists_the_shared_error_answers(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"Error", "ValidationErrorOut"} <= set(schema["components"]["schemas"])
    put_plan = schema["paths"]["/api/v1/safety/plan"]["put"]["responses"]
    for status in ("401", "413", "422", "500"):
        assert status in put_plan, status
    assert put_plan["401"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
