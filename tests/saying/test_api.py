"""Saying it over the API: scenarios and play, checks, seeds, practices (create, read, replace,
delete) with 422 per field and 404 for anyone else's, and the cues practice."""

import json
import uuid

import pytest

from feelmap.accounts.models import ApiToken
from feelmap.saying.models import SayingPractice

pytestmark = pytest.mark.django_db

BASE = "/api/v1/say"


class Caller:
    def __init__(self, client, raw):
        self.client, self.auth = client, f"Bearer {raw}"

    def __call__(self, method, url, payload=None):
        kwargs = {"HTTP_AUTHORIZATION": self.auth}
        if payload is not None:
            kwargs.update(data=json.dumps(payload), content_type="application/json")
        return getattr(self.client, method)(url, **kwargs)


@pytest.fixture
def api(client, person):
    return Caller(client, ApiToken.issue(person)[1])


@pytest.fixture
def other_api(client, other_person):
    return Caller(client, ApiToken.issue(other_person)[1])


def test_it_needs_a_token(client):
    assert client.get(f"{BASE}/scenarios").status_code == 401


def test_it_lists_scenarios_and_plays_one(api):
    scenarios = api("get", f"{BASE}/scenarios").json()
    assert len(scenarios) >= 30 and scenarios[0]["level"] == 1
    one = api("get", f"{BASE}/scenarios/partner-late-again").json()
    assert one["goal"]["key"] == "express" and one["opening"].startswith("Hey!")
    played = api("post", f"{BASE}/scenarios/partner-late-again/play",
                 {"answers": ["I feel hurt.", "Would you text me?"]}).json()
    assert played["ended"] is True
    assert [t["category"] for t in played["turns"] if t["speaker"] == "you"] == [
        "feeling", "request"]
    assert played["last_review"]["has_request"] is True
    assert api("get", f"{BASE}/scenarios/nope").status_code == 404
    assert api("post", f"{BASE}/scenarios/partner-late-again/play",
               {"answers": [""]}).status_code == 422


def test_it_checks_a_text(api):
    review = api("post", f"{BASE}/check", {"text": "You always make me feel bad.",
                                           "goal": "support"}).json()
    kinds = [f["kind"] for f in review["findings"]]
    assert "blame" in kinds and "vague" in kinds and "missing-request" in kinds
    assert review["category"] == "blame"
    bad = api("post", f"{BASE}/check", {"text": "", "intensity": 12, "extra": 1})
    assert bad.status_code == 422
    assert set(bad.json()["fields"]) == {"text", "intensity", "extra"}


def test_practices_round_trip(api, person):
    created = api("post", f"{BASE}/practices", {
        "goal": "boundary", "feeling": "tense", "when": "calls come after ten",
        "need": "quiet evenings", "request": "call before nine", "intensity": 6,
        "practised_at": "2026-01-05T19:00:00+00:00"})
    assert created.status_code == 201
    body = created.json()
    assert body["text"] == ("I feel tense when calls come after ten because I need quiet "
                            "evenings. Would you call before nine?")
    assert body["offer_help"] is False
    url = f"{BASE}/practices/{body['id']}"
    assert api("get", url).json()["intensity"] == 6
    assert api("get", f"{BASE}/practices").json()["count"] == 1
    replaced = api("put", url, {"goal": "express", "text": "I feel calm now.", "version": 0})
    assert replaced.status_code == 200 and replaced.json()["text"] == "I feel calm now."
    assert replaced.json()["version"] == 1
    assert api("delete", url).status_code == 204
    assert SayingPractice.objects.filter(owner=person).count() == 0


def test_bad_practices_are_refused_per_field(api):
    response = api("post", f"{BASE}/practices", {
        "text": "hi", "felt": 0, "practised_at": "1999-01-01T00:00:00+00:00",
        "scenario_id": "nope"})
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"felt", "practised_at", "scenario_id"}
    assert SayingPractice.objects.count() == 0


def test_another_persons_practice_is_a_404(api, other_api):
    created = api("post", f"{BASE}/practices", {"text": "I feel shy."}).json()
    url = f"{BASE}/practices/{created['id']}"
    assert other_api("get", url).status_code == 404
    assert other_api("put", url, {"text": "taken", "version": 0}).status_code == 404
    assert other_api("delete", url).status_code == 404
    assert other_api("get", f"{BASE}/practices/{uuid.uuid4()}").status_code == 404
    assert api("get", url).json()["text"] == "I feel shy."


def test_risky_words_come_back_with_an_offer_of_help(api):
    body = api("post", f"{BASE}/practices", {"text": "I want to kill myself"}).json()
    assert body["offer_help"] is True
    played = api("post", f"{BASE}/scenarios/oneself-numb/play",
                 {"answers": ["I want to kill myself"]}).json()
    assert played["offer_help"] is True


def test_seeds_and_cues(api):
    assert api("get", f"{BASE}/seeds").json() == {"feelings": [], "triggers": [], "needs": []}
    items = api("get", f"{BASE}/cues").json()
    assert "answer" not in items[0]
    scored = api("post", f"{BASE}/cues", {"answers": {items[0]["id"]: items[0]["options"][0]}})
    assert scored.status_code == 200 and scored.json()["answered"] == 1
