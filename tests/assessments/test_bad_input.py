"""Issue 12: inputs that used to crash or store nonsense are refused with a message."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from feelmap.assessments.models import AssessmentResponse
from feelmap.assessments.services import CannotFinish, complete

pytestmark = pytest.mark.django_db
BASE = "/api/v1/assessments"


def _post(client, auth, body):
    return client.post(f"{BASE}/responses", body, content_type="application/json", **auth)


def _phq9(**extra):
    return {"instrument": "phq9", "answers": {str(n): 1 for n in range(1, 9)} | {"9": 0}, **extra}


@pytest.mark.parametrize("key", ["²", "٣", "1" * 5000, "-1", "", "1e2", "0x3"])
def test_a_strange_answer_key_answers_422_and_stores_nothing(client, auth, key):
    body = _phq9()
    body["answers"][key] = 1
    response = _post(client, auth, body)
    assert response.status_code == 422
    assert any(field.startswith("answers") for field in response.json()["fields"])
    assert not AssessmentResponse.objects.exists()


@pytest.mark.parametrize(
    "when",
    ["0001-01-01T00:00:00+00:30", "1999-12-31T23:59:59Z", "9999-12-31T23:59:59-14:00",
     "2020-01-01T00:00:00"],
)
def test_completed_at_is_a_bounded_moment(client, auth, when):
    response = _post(client, auth, _phq9(completed_at=when))
    assert response.status_code == 422
    assert "completed_at" in response.json()["fields"]
    assert not AssessmentResponse.objects.exists()


def test_a_past_completed_at_in_range_is_kept(client, auth, person):
    response = _post(client, auth, _phq9(completed_at="2024-05-01T09:30:00+02:00"))
    assert response.status_code == 201
    saved = AssessmentResponse.objects.get(owner=person)
    assert saved.completed_at == datetime(2024, 5, 1, 7, 30, tzinfo=UTC)
    assert saved.started_at <= saved.completed_at


@pytest.mark.parametrize(
    "query",
    ["offset=99999999999999999999", "offset=-1", "limit=0", "limit=501", "limit=99999999999999999999",
     "instrument=tas20", "include_drafts=perhaps"],
)
def test_list_parameters_out_of_range_answer_422(client, auth, query):
    response = client.get(f"{BASE}/responses?{query}", **auth)
    assert response.status_code == 422
    assert response.json()["fields"]


def test_the_largest_allowed_offset_answers_an_empty_page(client, auth):
    response = client.get(f"{BASE}/responses?offset=1000000", **auth)
    assert response.status_code == 200 and response.json() == []


def test_no_answers_with_allow_missing_is_refused_not_stored_as_complete(client, auth):
    response = _post(client, auth, {"instrument": "phq9", "answers": {}, "allow_missing": True})
    assert response.status_code == 422
    message = response.json()["fields"]["answers"][0]
    assert "at least 5 of the 9 questions" in message
    assert not AssessmentResponse.objects.exists()


def test_half_the_answers_with_allow_missing_is_scored(client, auth):
    answers = {str(n): 1 for n in range(1, 6)}
    response = _post(client, auth, {"instrument": "phq9", "answers": answers, "allow_missing": True})
    assert response.status_code == 201
    assert response.json()["complete"] is True
    too_few = {str(n): 1 for n in range(1, 5)}
    response = _post(client, auth, {"instrument": "phq9", "answers": too_few, "allow_missing": True})
    assert response.status_code == 422


def test_the_service_refuses_too_few_answers_whoever_calls_it(person):
    with pytest.raises(CannotFinish):
        complete(person, "phq9", {}, allow_missing=True)
    with pytest.raises(CannotFinish):
        complete(person, "who5", {1: 3}, allow_missing=False)
    assert not AssessmentResponse.objects.exists()


def test_the_page_keeps_too_few_answers_as_a_draft_and_offers_no_finish(person_client, person):
    url = reverse("assessments:take", args=["phq9"])
    response = person_client.post(url, {"q1": "1", "action": "finish"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "at least 5 of the 9 questions" in body
    assert 'value="finish"' not in body
    saved = AssessmentResponse.objects.get(owner=person)
    assert saved.completed_at is None and saved.answer_map() == {1: 1}


def test_the_database_refuses_a_time_before_2000(person):
    row = AssessmentResponse(
        owner=person, instrument="gad7", answers={}, started_at=datetime(2020, 1, 1, tzinfo=UTC),
        completed_at=datetime(1999, 1, 1, tzinfo=UTC),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


@pytest.mark.django_db(transaction=True)
def test_the_migration_repairs_rows_stored_out_of_range(person):
    """Rows written before the bound existed (year 1, or far ahead) are moved to the time the
    row was stored, and then the CHECK constraint holds."""
    from tests.migration_helpers import across_migration

    with across_migration(("assessments", "0001_responses_and_schedules"),
                          ("assessments", "0003_response_times_from_2000")) as state:
        OldResponse = state.apps.get_model("assessments", "AssessmentResponse")
        stored = datetime(2025, 6, 1, 12, tzinfo=UTC)
        ancient = OldResponse.objects.create(
            owner_id=person.pk, instrument="gad7", answers={},
            started_at=datetime(1, 1, 1, tzinfo=UTC), completed_at=datetime(1, 1, 2, tzinfo=UTC),
        )
        future = OldResponse.objects.create(
            owner_id=person.pk, instrument="who5", answers={}, started_at=stored,
            completed_at=datetime(9999, 12, 30, tzinfo=UTC),
        )
        fine = OldResponse.objects.create(
            owner_id=person.pk, instrument="phq9", answers={}, started_at=stored,
            completed_at=stored,
        )
        OldResponse.objects.filter(pk__in=[ancient.pk, future.pk]).update(created_at=stored)

    rows = {r.pk: r for r in AssessmentResponse.objects.all()}
    assert rows[ancient.pk].started_at == stored and rows[ancient.pk].completed_at == stored
    assert rows[future.pk].completed_at == stored
    assert rows[fine.pk].completed_at == stored
