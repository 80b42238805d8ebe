"""Words a person has started using (moved here from the vocabulary pages: the lexicon knows
no person's data) and the freshness of the cached insights after every kind of write."""

import pytest
from django.utils import timezone

from feelmap.checkins.models import CheckIn, Label
from feelmap.checkins.services import mark_checkins_changed
from feelmap.insights import loaders

pytestmark = pytest.mark.django_db


def _checkin(owner, *words):
    checkin = CheckIn.objects.create(owner=owner, kind="quick", occurred_at=timezone.now())
    for position, word in enumerate(words, start=1):
        Label.objects.create(checkin=checkin, position=position, word=word)
    mark_checkins_changed(owner.pk)  # as every check-in service does
    return checkin


def _used(person):
    return {w.word: w.uses for w in loaders.insights_for(person).words_used}


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


def test_the_list_follows_every_new_changed_and_deleted_check_in(client, person):
    """The insights are cached under a stamp of the data; edits and deletes show at once."""
    from feelmap.accounts.models import ApiToken

    _token, raw = ApiToken.issue(person)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    url = "/api/v1/checkins"
    first = client.post(url, data={"labels": [{"word": "anxious"}]},
                        content_type="application/json", **auth).json()
    second = client.post(url, data={"labels": [{"word": "anxious"}]},
                         content_type="application/json", **auth).json()
    assert _used(person) == {"anxious": 2}
    client.patch(f"{url}/{first['id']}", data={"labels": [{"word": "calm"}]},
                 content_type="application/json", **auth)
    assert _used(person) == {"anxious": 1, "calm": 1}
    assert client.delete(f"{url}/{second['id']}", **auth).status_code in (200, 204)
    assert _used(person) == {"calm": 1}


def test_journal_practice_and_questionnaire_writes_change_the_stamp(person):
    import random

    from feelmap.assessments import demo as assessment_demo
    from feelmap.journal import demo as journal_demo
    from feelmap.practices import demo as practice_demo

    stamps = {loaders.stamp(person)}
    for module in (journal_demo, practice_demo, assessment_demo):
        module.generate(person, days=60, per_day=1, rng=random.Random(2),
                        progress=lambda *a: None)
        stamps.add(loaders.stamp(person))
    assert len(stamps) == 4


def test_every_write_to_check_ins_raises_the_persons_version(client, person, other_person):
    from feelmap.accounts.models import ApiToken, User
    from feelmap.practices.models import PracticeSession
    from feelmap.practices.services import delete_session

    def version(user):
        return User.objects.get(pk=user.pk).checkins_version

    _token, raw = ApiToken.issue(person)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    made = client.post("/api/v1/checkins", data={"labels": [{"word": "sad"}]},
                       content_type="application/json", **auth).json()
    assert version(person) == 1
    client.patch(f"/api/v1/checkins/{made['id']}", data={"labels": [{"word": "calm"}]},
                 content_type="application/json", **auth)
    assert version(person) == 2
    client.delete(f"/api/v1/checkins/{made['id']}", **auth)
    assert version(person) == 3
    before = CheckIn.objects.create(owner=person, kind="practice-before", occurred_at=timezone.now())
    session = PracticeSession.objects.create(owner=person, kind="breathing", pattern="resonance-6",
                                             started_at=timezone.now(), before_checkin=before)
    delete_session(session)
    assert version(person) == 4 and not CheckIn.objects.filter(pk=before.pk).exists()
    assert version(other_person) == 0
