"""Program API: state, start, a day done, moving, stopping, boosters, due notes."""

import pytest

from feelmap.accounts.models import ApiToken
from feelmap.program import content

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, person):
    _token, raw = ApiToken.issue(person)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    def call(method, path, data=None):
        kwargs = dict(auth)
        if data is not None:
            kwargs.update(data=data, content_type="application/json")
        return getattr(client, method)(f"/api/v1/program{path}", **kwargs)

    return call


def test_it_needs_authentication(client):
    assert client.get("/api/v1/program").status_code == 401


def test_a_person_without_a_path(api):
    data = api("get", "").json()
    assert data["active"] is False and data["weeks"] == 8 and data["style"] == "exploratory"


def test_start_do_a_day_move_and_stop(api):
    started = api("post", "/start", {"start_week": 2})
    assert started.status_code == 201
    body = started.json()
    assert body["current_week"] == 2 and body["week"]["stage"] == "body"
    assert body["reasons"] and body["week"]["practice"]["minutes"] == 10
    assert api("post", "/start", {}).status_code == 409
    assert api("get", "/due").json() == [
        {"kind": "program", "text": "Whenever you are ready: today's step of week 2.",
         "url": "/path/"}]
    key = content.week(2).choices[0].key
    day = api("post", "/days", {"practice": key, "tried_with_someone": True})
    assert day.status_code == 201 and day.json()["practice"] == key
    assert api("post", "/days", {"practice": "made-up"}).status_code == 409
    bad = api("post", "/days", {"practice": key, "tried_with_someone": "yes"})
    assert bad.status_code == 422 and "tried_with_someone" in bad.json()["fields"]
    state = api("get", "").json()
    assert state["done_today"] and state["practice_days"] == 1
    assert api("post", "/week", {"direction": "next"}).json()["current_week"] == 3
    assert api("post", "/week", {"direction": "up"}).status_code == 422
    assert api("get", "/due").json() == []  # today's step is done
    assert api("post", "/stop").json()["active"] is False


def test_an_unbuilt_feature_is_marked_coming(api, monkeypatch):
    from feelmap.program import content as program_content

    real = program_content.feature_link
    monkeypatch.setattr(program_content, "feature_link",
                        lambda key: None if key == "sharing" else real(key))
    week = api("post", "/start", {"start_week": 8}).json()["week"]
    assert week["with_someone_coming"] is True and week["with_someone_url"] is None
    share = [c for c in week["choices"] if c["key"] == "share-app"][0]
    assert share["coming"] is True and share["url"] is None


def test_a_booster_can_be_taken_any_time(api):
    response = api("post", "/boosters")
    assert response.status_code == 201 and response.json()["which"] == "any"


def test_the_openapi_document_lists_the_program(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/program" in paths and "/api/v1/program/reminders" in paths
