import pytest

from feelmap.accounts.models import ApiToken
from feelmap.checkins.models import CheckIn

pytestmark = pytest.mark.django_db
URL = "/api/v1/checkins"


@pytest.fixture
def auth(person):
    _token, raw = ApiToken.issue(person)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, auth, body):
    return client.post(URL, data=body, content_type="application/json", **auth)


def test_it_creates_and_reads_a_check_in(client, auth):
    response = post(client, auth, {
        "kind": "full", "pleasantness": -2, "energy": 3,
        "sensations": [{"region": "chest", "quality": "tightness", "intensity": 8}],
        "labels": [{"word": "worried", "intensity": 6, "confidence": 60}],
        "ratings": {"anxious": 5}, "note": "Before the meeting.",
    })
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["labels"][0] == {"word": "worried", "own": False, "intensity": 6,
                                    "confidence": 60, "family": "fear", "level": 2}
    fetched = client.get(f"{URL}/{created['id']}", **auth).json()
    assert fetched["note"] == "Before the meeting." and fetched["ratings"] == {"anxious": 5}


def test_it_answers_422_with_a_message_per_field_and_stores_nothing(client, auth):
    response = post(client, auth, {
        "pleasantness": 7, "energy": 0,
        "sensations": [{"region": "wing", "quality": "tightness"}],
        "labels": [{"word": "a"}, {"word": "b"}, {"word": "c"}, {"word": "d"}],
        "note": "x" * 5001,
    })
    assert response.status_code == 422
    fields = response.json()["fields"]
    assert set(fields) >= {"pleasantness", "sensations.0.region", "labels", "note"}
    assert not CheckIn.objects.exists()


def test_it_answers_422_for_wrong_types(client, auth):
    response = post(client, auth, {"labels": [{"word": "sad", "intensity": "lots"}]})
    assert response.status_code == 422
    assert "fields" in response.json()
    assert not CheckIn.objects.exists()


def test_it_lists_newest_first_with_pages(client, auth):
    for hour in ("2025-01-01T08:00:00+00:00", "2025-01-03T08:00:00+00:00", "2025-01-02T08:00:00+00:00"):
        assert post(client, auth, {"occurred_at": hour}).status_code == 201
    data = client.get(f"{URL}?page_size=2", **auth).json()
    assert data["count"] == 3 and data["pages"] == 2
    assert [r["occurred_at"][:10] for r in data["results"]] == ["2025-01-03", "2025-01-02"]


def test_it_patches_only_what_is_sent_and_refuses_bad_patches(client, auth):
    created = post(client, auth, {"labels": [{"word": "sad"}], "note": "keep me"}).json()
    url = f"{URL}/{created['id']}"
    response = client.patch(url, data={"pleasantness": 1, "energy": -1},
                            content_type="application/json", **auth)
    assert response.status_code == 200
    assert response.json()["note"] == "keep me" and response.json()["labels"][0]["word"] == "sad"
    bad = client.patch(url, data={"labels": [{"word": "notaword"}]},
                       content_type="application/json", **auth)
    assert bad.status_code == 422 and "labels.0.word" in bad.json()["fields"]
    assert client.get(url, **auth).json()["labels"][0]["word"] == "sad"


def test_it_deletes(client, auth):
    created = post(client, auth, {}).json()
    assert client.delete(f"{URL}/{created['id']}", **auth).status_code == 204
    assert client.get(f"{URL}/{created['id']}", **auth).status_code == 404
    assert client.get(f"{URL}/not-a-uuid", **auth).status_code == 404


def test_it_needs_authentication(client):
    assert client.get(URL).status_code == 401
