"""POST /api/v1/heartbeat/recording: the page's "analyse a recorded file", over the API."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from feelmap.heartbeat import files
from feelmap.heartbeat.models import HeartbeatSession
from feelmap.heartbeat.synthetic import simulate_ppg

pytestmark = pytest.mark.django_db

URL = "/api/v1/heartbeat/recording"


def _rr(count: int = 20, ms: int = 800) -> SimpleUploadedFile:
    return SimpleUploadedFile("rr.txt", "\n".join([str(ms)] * count).encode(), "text/plain")


def test_rr_intervals_give_beats_and_rate(person_client):
    response = person_client.post(URL, {"recording": _rr()})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["bpm"] == 75.0  # 800 ms between beats
    assert data["quality"]["ok"] is True
    assert data["beats"] == len(data["beat_times"]) > 10
    assert not HeartbeatSession.objects.exists()  # nothing is saved


def test_a_ppg_csv_with_rate_and_window(person_client):
    sim = simulate_ppg(30, 30, 80, noise=0.1, seed=4)
    text = "ppg\n" + "\n".join(f"{v:.5f}" for v in sim.signal)
    upload = SimpleUploadedFile("pulse.csv", text.encode(), "text/csv")
    response = person_client.post(URL, {"recording": upload, "rate": "30", "start": "2",
                                        "end": "28"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["bpm"] == pytest.approx(80, abs=4)
    assert all(2 <= t <= 28 for t in data["beat_times"])


def test_a_bad_file_gets_the_pages_message(person_client):
    bad = SimpleUploadedFile("x.csv", b"time,pulse\n0,1\n", "text/csv")
    response = person_client.post(URL, {"recording": bad})
    assert response.status_code == 422
    message = response.json()["fields"]["recording"][0]
    assert message.startswith("No signal column: the header has time, pulse.")
    # The same words on the page.
    bad.seek(0)
    page = person_client.post("/heartbeat/file/", {"recording": bad, "kind": ""})
    assert message in page.content.decode().replace("&#x27;", "'")


def test_not_text_and_no_rate_are_explained(person_client):
    binary = SimpleUploadedFile("x.bin", b"\xff\xfe\x00\x81", "application/octet-stream")
    response = person_client.post(URL, {"recording": binary})
    assert response.status_code == 422
    assert response.json()["fields"]["recording"] == [
        "This is not a text file (CSV or one number a line)."]
    no_rate = SimpleUploadedFile("p.csv", b"ppg\n1\n2\n3\n", "text/csv")
    response = person_client.post(URL, {"recording": no_rate})
    assert "The sampling rate is unknown" in response.json()["fields"]["recording"][0]


def test_bad_options_and_a_missing_file_are_422_per_field(person_client):
    response = person_client.post(URL, {"recording": _rr(), "rate": "1", "kind": "sound"})
    assert response.status_code == 422
    assert {"rate", "kind"} <= set(response.json()["fields"])
    response = person_client.post(URL, {"kind": "rr"})
    assert response.status_code == 422
    assert "recording" in response.json()["fields"]
    # A window outside the recording: the analysis's own message.
    response = person_client.post(URL, {"recording": _rr(), "start": "100", "end": "200"})
    assert response.status_code == 422
    assert "outside the recording" in response.json()["fields"]["recording"][0]


def test_a_file_over_the_limit_is_413(person_client, monkeypatch):
    # The limit is 20 MB; a small limit keeps the test quick and exercises the same check.
    monkeypatch.setattr(files, "MAX_UPLOAD", 100)
    response = person_client.post(URL, {"recording": _rr(count=40)})  # 40 lines, 159 bytes
    assert response.status_code == 413
    assert response.json() == {"detail": "The file is larger than 100 bytes; send a shorter recording."}
    assert files.too_large_message(20 * 1024 * 1024) == (
        "The file is larger than 20 MB; send a shorter recording.")


def test_without_a_sign_in_it_is_401(client):
    response = client.post(URL, {"recording": _rr()})
    assert response.status_code == 401
    assert "detail" in response.json()


def test_with_a_token(client, person):
    from feelmap.accounts.models import ApiToken

    _token, raw = ApiToken.issue(person, "test")
    response = client.post(URL, {"recording": _rr(ms=1000)}, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200, response.content
    assert response.json()["bpm"] == 60.0


def test_the_document_describes_the_upload():
    from feelmap.api.urls import api

    operation = api.get_openapi_schema()["paths"]["/api/v1/heartbeat/recording"]["post"]
    body = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert "recording" in body.get("required", []) or "recording" in str(body)
    assert {"200", "413", "422", "401"} <= {str(code) for code in operation["responses"]}
