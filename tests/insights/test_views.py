"""The insights page and API: empty state, content from demo data, freshness and cost."""

from __future__ import annotations

import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from feelmap.accounts.models import ApiToken
from feelmap.checkins import demo as checkin_demo
from feelmap.practices import demo as practice_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_person(person):
    rng = random.Random(4)
    checkin_demo.generate(person, days=240, per_day=3, rng=rng, progress=lambda *a: None)
    practice_demo.generate(person, days=240, per_day=3, rng=rng, progress=lambda *a: None)
    return person


def test_nav_leads_to_insights_not_to_the_coming_soon_page(person_client):
    home = person_client.get("/").content.decode()
    assert 'href="/insights/"' in home
    assert person_client.get("/soon/insights/").status_code == 404


def test_signed_out_people_are_sent_to_log_in(client):
    response = client.get("/insights/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_person_with_no_data_sees_what_will_appear_and_when(person_client):
    page = person_client.get("/insights/").content.decode()
    assert "There isn't enough here yet" in page
    assert "After 3 check-ins" in page and "after 10 check-ins with the optional ratings" in page
    assert "You have 0 check-ins so far" in page
    assert "<svg" not in page


def test_demo_data_shows_every_part_with_text_alternatives(person_client, demo_person):
    page = person_client.get("/insights/").content.decode()
    for heading in ("This week", "Your words", "Feelings wheel", "Granularity",
                    "Your body atlas", "Sensations and the feelings", "Patterns",
                    "Before and after practices"):
        assert heading in page, heading
    # Every drawn chart names itself and describes itself.
    charts = re.findall(r'<svg class="(?:chart|atlas)"[^>]*aria-labelledby="([^" ]+) ([^"]+)"',
                        page)
    assert len(charts) > 8
    for title, desc in charts:
        assert f'id="{title}"' in page and f'id="{desc}"' in page
    # Granularity is shown with its formula, for both valences.
    assert "ICC(C,k)" in page and "granularity = 1 − max(ICC, 0)" in page
    assert page.count("out of 1 (ICC") == 2
    # The wheel: every vocabulary word is a link to its page, some are filled in.
    from feelmap.lexicon.vocabulary import load_vocabulary

    words = load_vocabulary().words
    wheel = page[page.index('<svg class="wheel"'):page.index("</svg>", page.index('class="wheel"'))]
    assert wheel.count("<a href=") == len(words)
    assert 'href="/words/shut-down/"' in wheel
    assert "used" in wheel and "not used yet" in wheel
    # No inline style anywhere (the CSP forbids it).
    assert "style=" not in page


def test_the_page_shows_a_new_check_in_at_once(person_client, demo_person):
    before = person_client.get("/insights/").content.decode()
    count = int(re.search(r"from (\d+) check-ins", before).group(1))
    response = person_client.post(
        "/api/v1/checkins", content_type="application/json",
        data={"kind": "quick", "pleasantness": 2, "energy": -2, "labels": [{"word": "serene"}]})
    assert response.status_code == 201, response.content
    after = person_client.get("/insights/").content.decode()
    assert f"from {count + 1} check-ins" in after


def test_a_warm_view_costs_no_query_more_than_a_trivial_page(person_client, demo_person):
    person_client.get("/insights/")
    person_client.get("/soon/care/")
    with CaptureQueriesContext(connection) as trivial:
        person_client.get("/soon/care/")
    with CaptureQueriesContext(connection) as warm:
        person_client.get("/insights/")
    # The cache key is the person's data version, loaded with the signed-in user anyway.
    assert len(warm.captured_queries) == len(trivial.captured_queries)


def test_another_persons_data_is_never_shown(client, demo_person, other_person):
    client.force_login(other_person)
    page = client.get("/insights/").content.decode()
    assert "There isn't enough here yet" in page


def test_api_answers_every_measure_with_its_schema(client, demo_person):
    _token, raw = ApiToken.issue(demo_person)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    data = client.get("/api/v1/insights", **auth).json()
    assert data["enough_data"] is True and data["checkins"] > 500
    current = {g["valence"]: g for g in data["granularity"]["current"]}
    assert set(current) == {"negative", "positive"}
    assert 0 <= current["negative"]["score"] <= 1
    assert current["negative"]["score"] == pytest.approx(1 - max(current["negative"]["icc"], 0))
    assert data["translation"][0]["families"][0]["low"] <= \
        data["translation"][0]["families"][0]["estimate"] <= \
        data["translation"][0]["families"][0]["high"]
    assert data["patterns"]["practice_effects"][0]["kind"] == "breathing"
    for part in ("granularity", "words", "atlas", "translation", "patterns", "summary"):
        response = client.get(f"/api/v1/insights/{part}", **auth)
        assert response.status_code == 200, part
    assert client.get("/api/v1/insights/summary", **auth).json() == data["summary"]
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/insights" in schema["paths"] and "InsightsOut" in str(schema)


def test_api_for_a_person_with_no_data(client, person):
    _token, raw = ApiToken.issue(person)
    data = client.get("/api/v1/insights", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    assert data["enough_data"] is False and data["checkins"] == 0
    negative = data["granularity"]["current"][0]
    assert negative["score"] is None and negative["needed"] == 10
    assert client.get("/api/v1/insights").status_code == 401


def test_heartbeat_sessions_show_as_a_trend_with_a_table_and_a_plain_sentence(
        person_client, demo_person):
    from feelmap.heartbeat import demo as heartbeat_demo
    from feelmap.heartbeat.models import HeartbeatSession

    page = person_client.get("/insights/").content.decode()
    assert "Nothing here yet. If you try a" in page and 'id="heartbeat-counting' not in page
    heartbeat_demo.generate(demo_person, days=240, per_day=3, rng=random.Random(3),
                            progress=lambda *a: None)
    counted = HeartbeatSession.objects.filter(owner=demo_person, kind="counting").count()
    assert counted >= 10
    page = person_client.get("/insights/").content.decode()  # the services raised the version
    assert 'aria-labelledby="heartbeat-counting-t heartbeat-counting-d"' in page
    assert f"Over {counted} heartbeat counting sessions, your accuracy averaged" in page
    assert "Heartbeat counting sessions as a table" in page
    assert "they describe one task on one day, not you" in page
    for word in ("better", "worse", "improv", "poor", "fail"):
        assert word not in page.split('id="heartbeat-h"')[1].split("</section>")[0].lower()
    token = ApiToken.issue(demo_person, label="t")[1]
    found = person_client.get("/api/v1/insights/patterns",
                              HTTP_AUTHORIZATION=f"Bearer {token}").json()["heartbeat"]
    assert {h["kind"] for h in found} == {"counting", "discrimination"}
    counting = next(h for h in found if h["kind"] == "counting")
    assert len(counting["sessions"]) == counted and 0 <= counting["last_mean"] <= 1.2
