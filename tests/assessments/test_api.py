"""/api/v1/assessments: instruments, responses, scores, validation and ownership."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from feelmap.assessments.models import AssessmentResponse
from feelmap.assessments.services import complete, save_draft
from feelmap.safety.models import SafetyFlag

pytestmark = pytest.mark.django_db
BASE = "/api/v1/assessments"


def _post(client, auth, body):
    return client.post(f"{BASE}/responses", body, content_type="application/json", **auth)


def _phq9(**over):
    answers = {str(n): 1 for n in range(1, 9)} | {"9": 0}
    answers.update({str(k): v for k, v in over.items()})
    return {"instrument": "phq9", "answers": answers}


def test_it_needs_authentication(client):
    assert client.get(f"{BASE}/instruments").status_code == 401
    assert _post(client, {}, _phq9()).status_code == 401


def test_it_lists_the_instruments(client, auth):
    body = client.get(f"{BASE}/instruments", **auth).json()
    assert [i["key"] for i in body] == ["paq", "maia2", "phq9", "gad7", "who5"]
    assert all(i["what_it_cannot_tell"] for i in body)


def test_it_describes_one_instrument_exactly(client, auth):
    body = client.get(f"{BASE}/instruments/phq9", **auth).json()
    assert len(body["items"]) == 10 and body["items"][8]["safety"] is True
    assert body["items"][0]["options"][3] == {"value": 3, "label": "Nearly every day", "code": "LA6571-9"}
    assert body["reliable_change"]["scales"] == {}
    assert body["reliable_change"]["meaningful_change"]["points"] == 6
    assert body["missing_policy"]["rule"] == "prorate"
    assert client.get(f"{BASE}/instruments/tas20", **auth).status_code == 404


def test_it_scores_a_posted_response(client, auth, person):
    response = _post(client, auth, _phq9())
    body = response.json()
    assert response.status_code == 201
    assert body["score"]["total"] == 8 and body["score"]["band"]["label"] == "Mild"
    assert body["safety"] == {"flag": False, "crisis_url": None}
    assert AssessmentResponse.objects.get(owner=person).total == 8


def test_it_flags_item_nine_above_zero(client, auth, person):
    body = _post(client, auth, _phq9(**{"9": 2})).json()
    assert body["safety"] == {"flag": True, "crisis_url": "/help/"}
    assert SafetyFlag.objects.filter(owner=person, source="phq9-item9").count() == 1


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"3": 4}, "answers.3"),
        ({"3": "2"}, "answers.3"),
        ({"3": True}, "answers.3"),
        ({"12": 1}, "answers.12"),
        ({"x": 1}, "answers.x"),
    ],
)
def test_it_explains_each_bad_answer_and_saves_nothing(client, auth, answers, field):
    body = _phq9()
    body["answers"].update(answers)
    response = _post(client, auth, body)
    assert response.status_code == 422
    assert field in response.json()["fields"]
    assert not AssessmentResponse.objects.exists()


def test_it_names_each_missing_answer(client, auth):
    body = {"instrument": "who5", "answers": {"1": 3, "2": 3, "3": 3}}
    response = _post(client, auth, body)
    fields = response.json()["fields"]
    assert response.status_code == 422 and set(fields) == {"answers.4", "answers.5"}
    assert "allow_missing" in fields["answers.4"][0]
    assert not AssessmentResponse.objects.exists()


def test_it_scores_with_missing_answers_when_allowed(client, auth):
    body = _phq9()
    del body["answers"]["4"]
    body["allow_missing"] = True
    out = _post(client, auth, body).json()
    assert out["score"]["total"] == 8 and out["score"]["prorated"]  # 7/8 * 9 = 7.875 and out["score"]["missing"] == [4]


def test_it_refuses_an_unknown_instrument_and_a_future_time(client, auth):
    assert "instrument" in _post(client, auth, {"instrument": "tas20", "answers": {}}).json()["fields"]
    body = _phq9()
    body["completed_at"] = (timezone.now() + timedelta(days=2)).isoformat()
    assert "completed_at" in _post(client, auth, body).json()["fields"]


def test_it_lists_own_responses_only(client, auth, person, other_person):
    complete(person, "gad7", {n: 1 for n in range(1, 8)})
    complete(other_person, "gad7", {n: 3 for n in range(1, 8)})
    save_draft(person, "who5", {1: 2})
    body = client.get(f"{BASE}/responses", **auth).json()
    assert [r["score"]["total"] for r in body] == [7]
    drafts = client.get(f"{BASE}/responses?include_drafts=true", **auth).json()
    assert len(drafts) == 2
    assert client.get(f"{BASE}/responses?instrument=nope", **auth).status_code == 422


def test_it_answers_404_for_another_persons_response(client, auth, other_auth, person):
    done = complete(person, "phq9", {n: 0 for n in range(1, 10)}).response
    draft = save_draft(person, "who5", {1: 1})
    assert client.get(f"{BASE}/responses/{done.public_id}", **auth).status_code == 200
    assert client.get(f"{BASE}/responses/{done.public_id}", **other_auth).status_code == 404
    assert client.get(f"{BASE}/responses/{draft.public_id}", **other_auth).status_code == 404
    scores = client.get(f"{BASE}/scores?instrument=phq9", **other_auth).json()
    assert scores["points"] == []


def test_it_gives_the_trend_with_reliable_change(client, auth, person):
    now = timezone.now()
    complete(person, "gad7", {n: 2 for n in range(1, 8)}, when=now - timedelta(days=28))
    complete(person, "gad7", {n: 2 for n in range(1, 7)} | {7: 1}, when=now - timedelta(days=14))
    complete(person, "gad7", {n: 1 for n in range(1, 8)}, when=now)
    body = client.get(f"{BASE}/scores?instrument=gad7", **auth).json()
    totals = [p["total"] for p in body["points"]]
    assert totals == [14, 13, 7]
    last = body["points"][-1]["reliable_change"]["total"]
    assert last["from_first"]["reliable"] is True and last["from_first"]["direction"] == "better"
    assert last["from_previous"]["change"] == -6
    assert body["points"][1]["reliable_change"]["total"]["from_previous"]["reliable"] is False
    assert body["reliable_change"]["scales"]["total"]["reliability"] == 0.83
    assert client.get(f"{BASE}/scores", **auth).status_code == 422


def test_it_has_no_rci_where_none_is_published(client, auth, person):
    now = timezone.now()
    complete(person, "who5", {n: 2 for n in range(1, 6)}, when=now - timedelta(days=14))
    complete(person, "who5", {n: 4 for n in range(1, 6)}, when=now)
    body = client.get(f"{BASE}/scores?instrument=who5", **auth).json()
    point = body["points"][-1]
    assert point["reliable_change"]["total"]["from_previous"] is None
    assert point["meaningful_change_from_previous"] == "better"


def test_it_refuses_a_session_write_without_csrf(person):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(person)
    response = strict.post(f"{BASE}/responses", _phq9(), content_type="application/json")
    assert response.status_code in (401, 403)
    assert not AssessmentResponse.objects.exists()
