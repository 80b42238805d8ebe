"""Words a person has started using (moved here from the vocabulary pages: the lexicon knows
no person's data), the person's data version raised by every write the insights read, and the
cached insights never stale after any kind of write."""

import json
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from feelmap.accounts.models import ApiToken, User
from feelmap.assessments.forms import field_name
from feelmap.checkins.models import CheckIn
from feelmap.checkins.services import checkin_create, rating_set_save
from feelmap.checkins.validation import validate_checkin
from feelmap.insights import loaders

pytestmark = pytest.mark.django_db


def fresh(user):
    """The person as the next request loads them (with their current data version)."""
    return User.objects.get(pk=user.pk)


def version(user):
    return fresh(user).data_version


def _checkin(owner, *words):
    data, errors = validate_checkin({"labels": [{"word": w} for w in words]}, now=timezone.now())
    assert not errors, errors
    return checkin_create(owner=owner, data=data)


def _used(person):
    return {w.word: w.uses for w in loaders.insights_for(fresh(person)).words_used}


def test_it_lists_the_words_a_person_has_used_with_counts(person, other_person):
    _checkin(person, "anxious", "drained")
    _checkin(person, "anxious")
    _checkin(other_person, "furious")
    assert _used(person) == {"anxious": 2, "drained": 1}


def test_it_shows_them_on_the_insights_page_even_before_there_is_more(person_client, person):
    _checkin(person, "wistful")
    body = person_client.get("/insights/").content.decode()
    assert "There isn't enough here yet" in body
    assert "Words you have started using" in body and ">wistful</a>" in body
    for _ in range(3):
        _checkin(person, "wistful", "drained")
    body = person_client.get("/insights/").content.decode()
    table = body.split("Words you have started using, newest first")[1].split("</table>")[0]
    assert ">wistful</a>" in table and ">drained</a>" in table


def test_the_words_page_points_to_them(person_client):
    body = person_client.get("/words/").content.decode()
    assert 'href="/insights/#words"' in body
    assert "Words you have started using" not in body


@pytest.fixture
def api(client, person):
    _token, raw = ApiToken.issue(person)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    def call(method, url, payload=None):
        if payload is None:
            return getattr(client, method)(url, **auth)
        return getattr(client, method)(url, json.dumps(payload, default=str),
                                       content_type="application/json", **auth)

    return call


def test_the_list_follows_every_new_changed_and_deleted_check_in(api, person):
    url = "/api/v1/checkins"
    first = api("post", url, {"labels": [{"word": "anxious"}]}).json()
    second = api("post", url, {"labels": [{"word": "anxious"}]}).json()
    assert _used(person) == {"anxious": 2}
    api("patch", f"{url}/{first['id']}", {"labels": [{"word": "calm"}], "version": 0})
    assert _used(person) == {"anxious": 1, "calm": 1}
    assert api("delete", f"{url}/{second['id']}").status_code == 204
    assert _used(person) == {"calm": 1}


class Raised:
    """Checks that each write raised the person's version by at least one, and nobody else's;
    after each, the cached insights equal insights computed afresh from the database."""

    def __init__(self, person, other):
        self.person, self.other = person, other
        self.seen = version(person)
        self.other_seen = version(other)

    def __call__(self, what):
        now = version(self.person)
        assert now > self.seen, f"{what} did not raise the data version"
        self.seen = now
        assert version(self.other) == self.other_seen, f"{what} raised someone else's version"
        cached = loaders.insights_for(fresh(self.person))
        assert repr(cached) == repr(loaders.compute_for(fresh(self.person))), what
        return cached


def test_check_in_pages_and_api_raise_the_version_and_the_insights_follow(
        person_client, api, person, other_person):
    raised = Raised(person, other_person)
    loaders.insights_for(fresh(person))  # something cached under the first version
    assert person_client.post(reverse("checkins:quick"), {
        "pleasantness": "2", "energy": "1", "label-1-word": "calm"}).status_code == 302
    assert raised("page: quick check-in").checkins == 1
    checkin = CheckIn.objects.get(owner=person)
    assert person_client.post(reverse("checkins:edit", args=[checkin.public_id]),
                              {"label-1-word": "relaxed", "version": "0"}).status_code == 302
    assert [w.word for w in raised("page: edit").words_used] == ["relaxed"]
    assert person_client.post(reverse("checkins:delete", args=[checkin.public_id])).status_code \
        == 302
    assert raised("page: delete").checkins == 0
    made = api("post", "/api/v1/checkins", {"labels": [{"word": "sad"}]})
    assert made.status_code == 201
    assert raised("API: create").checkins == 1
    api("patch", f"/api/v1/checkins/{made.json()['id']}", {"labels": [{"word": "tender"}], "version": 0})
    assert [w.word for w in raised("API: edit").words_used] == ["tender"]
    assert api("delete", f"/api/v1/checkins/{made.json()['id']}").status_code == 204
    assert raised("API: delete").checkins == 0
    rating_set_save(owner=person, emotions=["sad", "calm", "anxious"])
    assert raised("rating set").rating_items


def test_journal_writes_raise_the_version_and_the_insights_follow(
        person_client, api, person, other_person):
    raised = Raised(person, other_person)
    loaders.insights_for(fresh(person))
    made = api("post", "/api/v1/journal/entries",
               {"body": "A long day.", "labels": ["disappointed"]})
    assert made.status_code == 201, made.content
    assert "disappointed" in {w.word for w in raised("journal: API create").words_used}
    entry_id = made.json()["id"]
    assert api("patch", f"/api/v1/journal/entries/{entry_id}",
               {"labels": ["calm"], "version": 0}).status_code == 200
    assert {w.word for w in raised("journal: API edit").words_used} == {"calm"}
    response = person_client.post(reverse("journal:add_label", args=[entry_id]), {"word": "tired"})
    assert response.status_code == 302
    assert {w.word for w in raised("journal: page adds a word").words_used} == {"calm", "tired"}
    response = person_client.post(reverse("journal:remove_label", args=[entry_id]),
                                  {"word": "calm"})
    assert response.status_code == 302
    assert {w.word for w in raised("journal: page removes a word").words_used} == {"tired"}
    assert person_client.post(reverse("journal:delete", args=[entry_id])).status_code == 302
    assert raised("journal: page delete").words_used == []


def test_practice_writes_raise_the_version_and_the_insights_follow(api, person, other_person):
    raised = Raised(person, other_person)
    loaders.insights_for(fresh(person))
    made = api("post", "/api/v1/practices/sessions", {
        "kind": "senses", "activity_id": "music-hum", "started_at": timezone.now().isoformat()})
    assert made.status_code == 201, made.content
    raised("practice: API record")
    url = f"/api/v1/practices/sessions/{made.json()['id']}"
    assert api("patch", url, {"what_noticed": "Warm hands.", "version": 0,
                              "completed_at": timezone.now().isoformat()}).status_code == 200
    raised("practice: API edit")
    assert api("delete", url).status_code == 204
    raised("practice: API delete")


def test_questionnaire_answers_raise_the_version_and_the_insights_follow(
        person_client, api, person, other_person):
    raised = Raised(person, other_person)
    loaders.insights_for(fresh(person))
    answers = {str(n): 1 for n in range(1, 9)} | {"9": 0}
    response = api("post", "/api/v1/assessments/responses",
                   {"instrument": "phq9", "answers": answers})
    assert response.status_code == 201, response.content
    raised("questionnaire: API")
    posted = {field_name(n): "1" for n in range(1, 9)} | {field_name(9): "0"}
    response = person_client.post(reverse("assessments:take", args=["phq9"]), posted)
    assert response.status_code in (200, 302), response.content[:300]
    raised("questionnaire: page")


def test_every_demo_writer_raises_the_version(person, other_person):
    from feelmap.assessments import demo as assessment_demo
    from feelmap.checkins import demo as checkin_demo
    from feelmap.journal import demo as journal_demo
    from feelmap.practices import demo as practice_demo

    raised = Raised(person, other_person)
    for module in (checkin_demo, journal_demo, practice_demo, assessment_demo):
        module.generate(person, days=60, per_day=1, rng=random.Random(2),
                        progress=lambda *a: None)
        raised(module.__name__)


def test_a_warm_view_reads_nothing_of_its_own(person):
    """The key comes from the user the request loaded anyway; nothing is computed twice."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _checkin(person, "calm")
    first = loaders.insights_for(fresh(person))
    user = fresh(person)
    with CaptureQueriesContext(connection) as queries:
        again = loaders.insights_for(user)
    assert len(queries.captured_queries) == 0 and repr(again) == repr(first)
