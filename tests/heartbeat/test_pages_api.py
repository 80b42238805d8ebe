"""Heartbeat pages, API and services with the database."""

import json

import pytest

from feelmap.heartbeat import protocol, services
from feelmap.heartbeat.models import HeartbeatSession
from feelmap.heartbeat.schemas import CountingIn

pytestmark = pytest.mark.django_db

NOW = "2026-01-05T10:00:00+00:00"


def _counting(**extra):
    body = {
        "started_at": NOW, "method": "schandry", "source": "simulated", "guess_bpm": 60,
        "trials": [
            {"seconds": 15, "recorded": 18, "counted": 10, "confidence": 10, "practice": True},
            {"seconds": 30, "recorded": 40, "counted": 30, "confidence": 50},
            {"seconds": 30, "recorded": 40, "counted": 40, "confidence": 90},
        ],
    }
    body.update(extra)
    return body


def test_record_counting_scores_without_the_practice_trial(person):
    session = services.record_counting(person, CountingIn.model_validate(_counting()))
    assert session.accuracy == pytest.approx(0.875)  # (0.75 + 1) / 2, Schandry
    assert session.sensibility == 70
    assert session.measured_bpm == 80.0  # 80 beats in 60 s
    assert session.guess_accuracy == pytest.approx(1 - 10 / 40)  # 30 guessed vs 40, twice
    assert session.trials.count() == 3


def test_api_counting_and_reading_back(person_client):
    response = person_client.post("/api/v1/heartbeat/counting", _counting(), content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["accuracy"] == pytest.approx(0.875) and len(data["trials"]) == 3
    listed = person_client.get("/api/v1/heartbeat/sessions").json()
    assert [s["id"] for s in listed] == [data["id"]]
    page = person_client.get(data["url"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "What this can and cannot say" in text and "simulated heartbeat" in text


def test_api_refuses_bad_input_with_messages_and_saves_nothing(person_client):
    bad = _counting(trials=[{"seconds": 30, "recorded": 0, "counted": 3, "confidence": 50}])
    response = person_client.post("/api/v1/heartbeat/counting", bad, content_type="application/json")
    assert response.status_code == 422
    assert "cannot be scored" in json.dumps(response.json())
    response = person_client.post("/api/v1/heartbeat/counting", _counting(guess_bpm=5, extra=1),
                                  content_type="application/json")
    assert response.status_code == 422
    assert set(response.json()["fields"]) >= {"guess_bpm", "extra"}
    assert not HeartbeatSession.objects.exists()


def test_other_people_get_404(person_client, other_person):
    mine = services.record_counting(other_person, CountingIn.model_validate(_counting()))
    assert person_client.get(f"/api/v1/heartbeat/sessions/{mine.public_id}").status_code == 404
    assert person_client.get(f"/heartbeat/sessions/{mine.public_id}/").status_code == 404
    assert person_client.delete(f"/api/v1/heartbeat/sessions/{mine.public_id}").status_code == 404
    assert person_client.post(f"/heartbeat/sessions/{mine.public_id}/delete/").status_code == 404
    assert HeartbeatSession.objects.count() == 1


def test_discrimination_and_guess_through_the_api(person_client):
    trials = [{"delayed": i % 2 == 0, "said_delayed": i % 3 == 0, "confidence": 10 * i} for i in range(10)]
    response = person_client.post("/api/v1/heartbeat/discrimination", {
        "started_at": NOW, "source": "camera", "feedback": False, "trials": trials,
    }, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["accuracy"] == 0.5 and response.json()["awareness"] is not None
    response = person_client.post("/api/v1/heartbeat/guess", {
        "started_at": NOW, "source": "strap", "guess_bpm": 60, "measured_bpm": 72.4,
    }, content_type="application/json")
    assert response.status_code == 201
    page = person_client.get(response.json()["url"]).content.decode()
    assert "12 beats a minute below the 72 measured" in page


def test_api_analyze_camera_series(person_client):
    from feelmap.heartbeat.synthetic import simulate_ppg

    sim = simulate_ppg(20, 30, 66, noise=0.1, seed=2)
    body = {"t": [i / 30 for i in range(sim.signal.size)],
            "r": [180 - 2 * v for v in sim.signal], "g": [40 - 0.5 * v for v in sim.signal],
            "b": [30.0] * sim.signal.size}
    data = person_client.post("/api/v1/heartbeat/analyze", body, content_type="application/json").json()
    assert data["quality"]["ok"] and abs(data["bpm"] - 66) < 3
    body["r"][0] = 999
    assert person_client.post("/api/v1/heartbeat/analyze", body, content_type="application/json").status_code == 422


def test_pages_render_and_index_shows_history_and_trend(person_client, person):
    services.record_counting(person, CountingIn.model_validate(_counting()))
    for url in ("/heartbeat/", "/heartbeat/count/", "/heartbeat/guess/", "/heartbeat/discriminate/",
                "/heartbeat/file/", "/heartbeat/count/?quick=1"):
        assert person_client.get(url).status_code == 200, url
    index = person_client.get("/heartbeat/").content.decode()
    assert "Counting scores" in index and "0.88" in index
    assert "/heartbeat/" in person_client.get("/practice/").content.decode()


def test_file_upload_page_analyses_without_saving(person_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rr = SimpleUploadedFile("rr.txt", ("\n".join(["800"] * 20)).encode())
    page = person_client.post("/heartbeat/file/", {"recording": rr, "kind": "", "rate": ""}).content.decode()
    assert "about 75.0 beats a minute" in page
    bad = SimpleUploadedFile("x.csv", b"time,pulse\n0,1\n")
    page = person_client.post("/heartbeat/file/", {"recording": bad, "kind": ""}).content.decode()
    assert "No signal column" in page
    assert not HeartbeatSession.objects.exists()


def test_protocol_plans():
    plan = protocol.counting_plan()
    assert sorted(plan["hart"]) == [25, 30, 35, 40, 45, 50] and plan["schandry"] == [25, 35, 45]
    disc = protocol.discrimination_plan()
    assert len(disc["delayed"]) == 16 and sum(disc["delayed"]) == 8


def test_delete_from_the_page(person_client, person):
    session = services.record_counting(person, CountingIn.model_validate(_counting()))
    response = person_client.post(f"/heartbeat/sessions/{session.public_id}/delete/")
    assert response.status_code == 302 and not HeartbeatSession.objects.exists()
