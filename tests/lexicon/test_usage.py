import pytest
from django.utils import timezone

from feelmap.checkins.models import CheckIn, Label
from feelmap.lexicon.usage import words_in_use

pytestmark = pytest.mark.django_db


def _checkin(owner, *words):
    checkin = CheckIn.objects.create(owner=owner, kind="quick", occurred_at=timezone.now())
    for position, word in enumerate(words, start=1):
        Label.objects.create(checkin=checkin, position=position, word=word)
    return checkin


def test_it_lists_the_words_a_person_has_used_with_counts(person, other_person):
    _checkin(person, "anxious", "drained")
    _checkin(person, "anxious")
    _checkin(other_person, "furious")
    used = {w.word: w.uses for w in words_in_use(person)}
    assert used == {"anxious": 2, "drained": 1}


def test_it_shows_them_on_the_words_page(person_client, person):
    _checkin(person, "wistful")
    body = person_client.get("/words/").content.decode()
    assert "Words you have started using" in body
    assert "wistful" in body.split("Words you have started using")[1].split("Families")[0]


def test_it_explains_the_empty_list(person_client):
    body = person_client.get("/words/").content.decode()
    assert "see your own vocabulary grow" in body


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_is_accessible_with_words_in_use(logged_in_page, person):
    from tests.conftest import assert_accessible

    _checkin(person, "wistful", "drained")
    logged_in_page.goto("/words/")
    logged_in_page.get_by_role("heading", name="Words you have started using").wait_for()
    assert logged_in_page.get_by_role("link", name="wistful").count() >= 1
    assert_accessible(logged_in_page)


def test_the_list_follows_every_new_changed_and_deleted_check_in(client, person):
    """words_in_use caches the check-in part; edits and deletes must show at once."""
    from feelmap.accounts.models import ApiToken

    _token, raw = ApiToken.issue(person)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    url = "/api/v1/checkins"

    def used():
        return {w.word: w.uses for w in words_in_use(person)}

    first = client.post(url, data={"labels": [{"word": "anxious"}]},
                        content_type="application/json", **auth).json()
    second = client.post(url, data={"labels": [{"word": "anxious"}]},
                         content_type="application/json", **auth).json()
    assert used() == {"anxious": 2}
    client.patch(f"{url}/{first['id']}", data={"labels": [{"word": "calm"}]},
                 content_type="application/json", **auth)
    assert used() == {"anxious": 1, "calm": 1}
    assert client.delete(f"{url}/{second['id']}", **auth).status_code in (200, 204)
    assert used() == {"calm": 1}


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
