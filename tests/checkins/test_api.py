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
    assert set(fields) >= {"pleasantness", "labels", "note"}
    # The shape first, then what only the vocabulary and the body map know.
    response = post(client, auth, {"sensations": [{"region": "wing", "quality": "tightness"}],
                                   "labels": [{"word": "notaword"}]})
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"sensations.0.region", "labels.0.word"}
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
    response = client.patch(url, data={"pleasantness": 1, "energy": -1, "version": 0},
                            content_type="application/json", **auth)
    assert response.status_code == 200
    assert response.json()["note"] == "keep me" and response.json()["labels"][0]["word"] == "sad"
    bad = client.patch(url, data={"labels": [{"word": "notaword"}], "version": 1},
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


@pytest.mark.parametrize("body", ["[1, 2]", '"x"', "null", "3", "true"])
def test_the_body_must_be_an_object(client, auth, body):
    response = client.post(URL, data=body, content_type="application/json", **auth)
    assert response.status_code == 422
    assert not CheckIn.objects.exists()


def test_true_is_not_a_number_and_1_is_not_true(client, auth):
    response = post(client, auth, {"pleasantness": True, "energy": 1,
                                   "labels": [{"word": "sad", "own": 1}], "not_sure": "yes"})
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"pleasantness", "labels.0.own", "not_sure"}
    assert not CheckIn.objects.exists()


def test_unknown_fields_are_refused(client, auth):
    response = post(client, auth, {"mood": 3, "labels": [{"word": "sad", "colour": "blue"}]})
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"mood", "labels.0.colour"}


def test_a_lone_surrogate_is_removed_not_a_crash(client, auth):
    response = client.post(URL, data='{"note": "a\\ud800b", "labels": [{"word": "x\\udfff", '
                                     '"own": true}]}', content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    assert response.json()["note"] == "ab"
    assert CheckIn.objects.get().labels.get().own_word == "x"


def test_control_characters_are_removed_from_what_is_stored(client, auth):
    created = post(client, auth, {"note": "safe\u202e txt\x00", "where_own": "\x07office"}).json()
    assert created["note"] == "safe txt" and created["where_own"] == "office"


def test_dates_before_2000_or_in_the_future_are_refused(client, auth):
    for when in ("0001-01-01T00:00:00+00:30", "1999-12-31T00:00:00Z", "2999-01-01T00:00:00Z"):
        response = post(client, auth, {"occurred_at": when})
        assert response.status_code == 422 and "occurred_at" in response.json()["fields"]
    assert not CheckIn.objects.exists()


def test_risky_words_in_a_note_offer_help_through_the_api_too(client, auth):
    calm = post(client, auth, {"note": "A walk in the park."}).json()
    assert calm["offer_help"] is False and calm["crisis_url"] is None
    risky = post(client, auth, {"note": "I want to kill myself."}).json()
    assert risky["offer_help"] is True and risky["crisis_url"] == "/help/"


def test_the_openapi_document_names_and_bounds_the_check_in_schemas(client):
    doc = client.get("/api/v1/openapi.json").json()
    schemas = doc["components"]["schemas"]
    assert "CheckInLabelIn" in schemas
    label = schemas["CheckInLabelIn"]["properties"]
    assert label["own"]["type"] == "boolean"
    assert {"maximum": 10, "minimum": 0, "type": "integer"} in label["intensity"]["anyOf"]
    checkin = schemas["CheckInIn"]
    assert checkin["additionalProperties"] is False
    assert checkin["properties"]["kind"]["enum"][0] == "quick"
    post_op = doc["paths"]["/api/v1/checkins"]["post"]
    assert "201" in post_op["responses"] and "200" not in post_op["responses"]
