"""GET /api/v1/lexicon, GET /api/v1/lexicon/{word} and POST /api/v1/suggest."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from feelmap.accounts.models import ApiToken
from feelmap.lexicon.vocabulary import FAMILY_KEYS, load_vocabulary

pytestmark = pytest.mark.django_db

VOCAB = load_vocabulary()


@pytest.fixture
def api(person):
    """A client that sends a bearer token, the way scripts use the API."""
    _token, raw = ApiToken.issue(person)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def post(client, data, **extra):
    body = data if isinstance(data, str) else json.dumps(data)
    return client.post("/api/v1/suggest", body, content_type="application/json", **extra)


# ---------------------------------------------------------------- auth


@pytest.mark.parametrize("url", ["/api/v1/lexicon", "/api/v1/lexicon/sad"])
def test_it_refuses_the_vocabulary_without_auth(client, url):
    assert client.get(url).status_code == 401


def test_it_refuses_suggestions_without_auth(client):
    assert post(client, {"text": "my chest is tight"}).status_code == 401


def test_it_refuses_suggestions_with_a_wrong_token(client):
    response = post(client, {"text": "hi"}, HTTP_AUTHORIZATION="Bearer fm_not_a_token")
    assert response.status_code == 401


def test_it_answers_a_signed_in_browser_with_its_csrf_token(person):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(person)
    assert browser.get("/api/v1/lexicon/sad").status_code == 200
    # Session auth enforces CSRF on writes: without the token the POST is refused.
    assert post(browser, {"text": "tired"}).status_code in (401, 403)
    browser.get("/words/")  # sets the csrf cookie
    token = browser.cookies["csrftoken"].value
    assert post(browser, {"text": "tired"}, HTTP_X_CSRFTOKEN=token).status_code == 200


# ---------------------------------------------------------------- lexicon


def test_it_answers_the_whole_vocabulary(api):
    data = api.get("/api/v1/lexicon").json()
    assert [f["key"] for f in data["families"]] == list(FAMILY_KEYS)
    assert len(data["words"]) == len(VOCAB)
    first = data["words"][0]
    for field in ["word", "slug", "family", "level", "parent", "children", "definition",
                  "pleasantness", "energy", "quadrant", "sensations", "neighbours",
                  "example", "forms"]:
        assert field in first
    sensation = first["sensations"][0]
    assert set(sensation) == {"region", "region_label", "quality", "quality_label"}
    assert first["neighbours"][0]["difference"]


def test_it_filters_by_family(api):
    data = api.get("/api/v1/lexicon", {"family": "numb"}).json()
    assert data["words"] and {w["family"] for w in data["words"]} == {"numb"}
    assert len(data["words"]) == len(VOCAB.words_in_family("numb"))


def test_it_searches_best_first(api):
    data = api.get("/api/v1/lexicon", {"q": "anger"}).json()
    assert data["words"][0]["word"] == "angry"


def test_it_combines_family_and_search(api):
    data = api.get("/api/v1/lexicon", {"q": "tired", "family": "numb"}).json()
    assert all(w["family"] == "numb" for w in data["words"])


def test_it_answers_422_for_an_unknown_family(api):
    response = api.get("/api/v1/lexicon", {"family": "glee"})
    assert response.status_code == 422
    body = response.json()
    assert "family" in body["fields"]
    assert "joy" in body["fields"]["family"][0]


def test_it_answers_422_for_an_overlong_search(api):
    response = api.get("/api/v1/lexicon", {"q": "x" * 500})
    assert response.status_code == 422
    assert "q" in response.json()["fields"]


def test_it_answers_one_word_by_slug(api):
    data = api.get("/api/v1/lexicon/shut-down").json()
    assert data["word"] == "shut down" and data["slug"] == "shut-down"
    assert data["family"] == "numb"


def test_it_answers_a_word_for_another_form(api):
    assert api.get("/api/v1/lexicon/anger").json()["word"] == "angry"


def test_it_answers_404_for_an_unknown_word(api):
    response = api.get("/api/v1/lexicon/floobish")
    assert response.status_code == 404
    assert "floobish" in response.json()["detail"]


# ---------------------------------------------------------------- suggest


def test_it_suggests_words_best_first(api):
    response = post(api, {"text": "my chest is tight and I can't sit still", "top": 3})
    assert response.status_code == 200
    found = response.json()["suggestions"]
    assert 1 <= len(found) <= 3
    for s in found:
        assert set(s) == {"word", "family", "score", "why"}
        assert s["family"] in FAMILY_KEYS
    scores = [s["score"] for s in found]
    assert scores == sorted(scores, reverse=True)


def test_it_uses_sensations_and_affect(api):
    response = post(api, {
        "text": "",
        "sensations": [{"region": "chest", "quality": "tightness", "intensity": 8}],
        "affect": {"pleasantness": -3, "energy": 4},
        "top": 5,
    })
    assert response.status_code == 200
    found = response.json()["suggestions"]
    assert found and any("chest" in s["why"] or "grid" in s["why"] for s in found)


def test_it_answers_an_empty_list_for_nothing_to_go_on(api):
    response = post(api, {"text": ""})
    assert response.status_code == 200
    assert response.json() == {"suggestions": []}


def test_it_copes_with_emoji_and_other_languages(api):
    for text in ["😶‍🌫️😶", "Je suis très triste aujourd'hui", "我很难过"]:
        assert post(api, {"text": text}).status_code == 200


def test_it_accepts_the_longest_text(api):
    response = post(api, {"text": ("I feel tired and heavy today. " * 700)[:20_000]})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": "x", "top": 0}, "top"),
        ({"text": "x", "top": 21}, "top"),
        ({"text": "x", "top": "many"}, "top"),
        ({"text": "x", "top": 2.5}, "top"),
        ({"text": "x", "top": True}, "top"),
        ({"text": "x" * 20_001}, "text"),
        ({"text": 42}, "text"),
        ({"sensations": [{"region": "elbow", "quality": "ache"}]}, "sensations.0.region"),
        ({"sensations": [{"region": "chest", "quality": "sparkly"}]}, "sensations.0.quality"),
        ({"sensations": [{"region": "chest", "quality": "ache", "intensity": 11}]},
         "sensations.0.intensity"),
        ({"sensations": [{"region": "chest"}]}, "sensations.0.quality"),
        ({"sensations": [{"region": "chest", "quality": "ache"}] * 31}, "sensations"),
        ({"affect": {"pleasantness": 9, "energy": 0}}, "affect.pleasantness"),
        ({"affect": {"pleasantness": 0, "energy": "high"}}, "affect.energy"),
    ],
)
def test_it_answers_422_with_a_message_per_field(api, data, field):
    response = post(api, data)
    assert response.status_code == 422, response.content
    body = response.json()
    assert field in body["fields"], body
    message = body["fields"][field][0]
    assert message and "Value error" not in message


def test_it_reports_every_bad_field_at_once(api):
    response = post(api, {"text": 3, "top": 99, "affect": {"pleasantness": 7, "energy": -8}})
    assert set(response.json()["fields"]) >= {"text", "top", "affect.pleasantness",
                                               "affect.energy"}


def test_it_refuses_a_body_that_is_not_json(api):
    response = post(api, "this is not json")
    assert 400 <= response.status_code < 500


def test_it_lists_its_endpoints_in_the_openapi_document(api):
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/lexicon", "/api/v1/lexicon/{word}", "/api/v1/suggest"} <= set(paths)


def test_it_marks_body_states_and_finds_them_by_search(api):
    data = api.get("/api/v1/lexicon/tired").json()
    assert data["kind"] == "body state" and data["family"] == "body"
    found = api.get("/api/v1/lexicon", {"q": "tired"}).json()
    assert "tired" in [w["word"] for w in found["words"]]
    listed = api.get("/api/v1/lexicon").json()
    assert "tired" not in [w["word"] for w in listed["words"]]  # the full list is feelings
    assert all(w["kind"] == "feeling" for w in listed["words"])
    shame = next(f for f in listed["families"] if f["key"] == "shame")
    assert shame["roots"] == ["ashamed", "guilty"]


def test_it_carries_the_kind_note_and_help_flag(api):
    data = api.get("/api/v1/lexicon/hopeless").json()
    assert data["offer_help"] is True and data["note"]
