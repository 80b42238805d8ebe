import pytest
from django.utils import timezone

from feelmap.checkins.models import CheckIn, Label
from feelmap.core.usage import words_in_use

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
    """Edits and deletes show at once."""
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
