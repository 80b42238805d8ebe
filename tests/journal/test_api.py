"""Journal API: entries and prompts, 422 per field, 404 for anyone else's entry."""

import json
import uuid

import pytest

from feelmap.accounts.models import ApiToken
from feelmap.journal.models import JournalEntry
from feelmap.journal.prompts import load_prompts, prompts_of_kind

pytestmark = pytest.mark.django_db

BASE = "/api/v1/journal"


@pytest.fixture
def api(client, person):
    _token, raw = ApiToken.issue(person)
    return Caller(client, raw)


@pytest.fixture
def other_api(client, other_person):
    _token, raw = ApiToken.issue(other_person)
    return Caller(client, raw)


class Caller:
    def __init__(self, client, raw):
        self.client, self.auth = client, f"Bearer {raw}"

    def __call__(self, method, url, payload=None, **params):
        kwargs = {"HTTP_AUTHORIZATION": self.auth}
        if payload is not None:
            kwargs.update(data=json.dumps(payload), content_type="application/json")
        elif params:
            kwargs["data"] = params
        return getattr(self.client, method)(url, **kwargs)


def create(api, **payload):
    payload.setdefault("body", "I felt let down and a bit angry.")
    response = api("post", f"{BASE}/entries", payload)
    assert response.status_code == 201, response.content
    return response.json()


def test_it_creates_and_reads_an_entry(api):
    prompt = prompts_of_kind("labeling")[0]
    made = create(api, title="Evening", prompt_id=prompt.id, minutes_spent=7,
                  labels=["Anger", {"word": "disappointed", "added_from": "suggestion"}])
    assert made["prompt_title"] == prompt.title
    assert made["labels"] == [
        {"word": "angry", "family": "anger", "added_from": "own"},
        {"word": "disappointed", "family": "sadness", "added_from": "suggestion"},
    ]
    got = api("get", f"{BASE}/entries/{made['id']}").json()
    assert got["body"] == "I felt let down and a bit angry." and got["minutes_spent"] == 7


def test_it_lists_only_my_entries_newest_first(api, other_api):
    create(api, body="first", written_at="2024-01-01T09:00:00Z")
    create(api, body="second", written_at="2024-02-01T09:00:00Z")
    create(other_api, body="not mine")
    data = api("get", f"{BASE}/entries").json()
    assert data["count"] == 2
    assert [e["body"] for e in data["items"]] == ["second", "first"]
    page = api("get", f"{BASE}/entries", limit=1, offset=1).json()
    assert [e["body"] for e in page["items"]] == ["first"]
    assert api("get", f"{BASE}/entries", limit=0).status_code == 422


def test_it_answers_422_per_field_and_saves_nothing(api):
    response = api("post", f"{BASE}/entries", {
        "body": "", "prompt_id": "no-such-prompt", "labels": ["zorbled"],
        "minutes_spent": 9999, "written_at": "2999-01-01T00:00:00Z",
    })
    assert response.status_code == 422
    fields = response.json()["fields"]
    assert set(fields) >= {"body", "prompt_id", "labels", "minutes_spent", "written_at"}
    assert "zorbled" in fields["labels"][0]
    assert not JournalEntry.objects.exists()


def test_it_answers_422_for_wrong_types(api):
    response = api("post", f"{BASE}/entries", {"body": 3, "labels": [{"word": "sad",
                                                                     "added_from": "magic"}]})
    assert response.status_code == 422
    assert "fields" in response.json()
    assert not JournalEntry.objects.exists()


def test_it_patches_only_what_is_given(api):
    made = create(api, title="Keep me", labels=["sad"])
    response = api("patch", f"{BASE}/entries/{made['id']}", {"body": "Now calmer.", "version": 0})
    assert response.status_code == 200
    data = response.json()
    assert data["body"] == "Now calmer." and data["title"] == "Keep me"
    assert [lb["word"] for lb in data["labels"]] == ["sad"]
    data = api("patch", f"{BASE}/entries/{made['id']}", {"labels": ["calm"], "version": 1}).json()
    assert [lb["word"] for lb in data["labels"]] == ["calm"]


def test_it_refuses_a_bad_patch_and_changes_nothing(api):
    made = create(api)
    response = api("patch", f"{BASE}/entries/{made['id']}", {"body": "", "labels": ["nope"], "version": 0})
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"body", "labels"}
    entry = JournalEntry.objects.get()
    assert entry.body == "I felt let down and a bit angry."


def test_it_deletes_an_entry(api):
    made = create(api)
    assert api("delete", f"{BASE}/entries/{made['id']}").status_code == 204
    assert not JournalEntry.objects.exists()


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_it_answers_404_for_someone_elses_entry(api, other_api, method):
    made = create(api)
    payload = {"body": "taken over"} if method == "patch" else None
    response = other_api(method, f"{BASE}/entries/{made['id']}", payload)
    assert response.status_code == 404
    assert JournalEntry.objects.get().body == "I felt let down and a bit angry."


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_it_answers_404_for_unknown_ids(api, method):
    payload = {"body": "x"} if method == "patch" else None
    for entry_id in (uuid.uuid4(), "not-a-uuid"):
        assert api(method, f"{BASE}/entries/{entry_id}", payload).status_code == 404


def test_it_needs_authentication(client):
    assert client.get(f"{BASE}/entries").status_code == 401
    assert client.get(f"{BASE}/prompts").status_code == 401


def test_it_lists_the_prompt_library(api):
    data = api("get", f"{BASE}/prompts").json()
    assert len(data["prompts"]) == len(load_prompts())
    assert set(data["kinds"]) == {"expressive", "labeling", "narrative", "reframing", "body"}
    only = api("get", f"{BASE}/prompts", kind="reframing").json()["prompts"]
    assert only and all(p["kind"] == "reframing" and len(p["steps"]) >= 4 for p in only)
    assert api("get", f"{BASE}/prompts", kind="nonsense").status_code == 422


def test_it_works_for_a_signed_in_browser_with_csrf(person, client):
    client.force_login(person)
    assert client.get(f"{BASE}/entries").status_code == 200
