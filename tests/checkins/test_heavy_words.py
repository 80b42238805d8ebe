"""Choosing a heavy word (hopeless, worthless, despairing, self-loathing, unsafe: the vocabulary
words with a kind note and the way to help) brings the gentle offer of help, in the write service,
so the page, the API and every other way in get it."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from feelmap.accounts.models import ApiToken
from feelmap.checkins.services import checkin_create, checkin_update
from feelmap.checkins.validation import validate_checkin
from feelmap.lexicon.vocabulary import load_vocabulary
from feelmap.safety.nudge import GENTLE_MESSAGE

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 3, 14, 18, 30, tzinfo=UTC)
HEAVY = ("worthless", "hopeless", "despairing", "self-loathing", "unsafe")


def clean(**raw):
    data, errors = validate_checkin(raw, now=NOW)
    assert errors == {}
    return data


def test_the_heavy_words_are_the_ones_the_vocabulary_marks():
    vocabulary = load_vocabulary()
    assert {w.word for w in vocabulary.words if w.offer_help} == set(HEAVY)


@pytest.mark.parametrize("word", HEAVY)
def test_choosing_a_heavy_word_brings_the_gentle_offer(person, word):
    checkin = checkin_create(owner=person, data=clean(labels=[{"word": "tired"}, {"word": word}]))
    assert checkin.help_level == "gentle"


def test_other_words_and_a_plain_note_bring_nothing(person):
    checkin = checkin_create(owner=person, data=clean(labels=[{"word": "sad"}, {"word": "lonely"}],
                                                      note="A slow day."))
    assert checkin.help_level == ""


def test_a_heavy_word_typed_as_ones_own_word_counts_too(person):
    checkin = checkin_create(owner=person, data=clean(labels=[{"word": "Hopeless", "own": True}]))
    assert checkin.help_level == "gentle"


def test_clear_words_of_risk_stay_the_strong_offer(person):
    checkin = checkin_create(owner=person, data=clean(labels=[{"word": "hopeless"}],
                                                      note="I want to kill myself"))
    assert checkin.help_level == "strong"


def test_editing_something_else_does_not_ask_again_but_a_new_heavy_word_does(person):
    checkin = checkin_create(owner=person, data=clean(labels=[{"word": "hopeless"}]))
    again = checkin_update(checkin=checkin, data=clean(labels=[{"word": "hopeless"}],
                                                       note="Added a note later."))
    assert again.help_level == ""
    more = checkin_update(checkin=again, data=clean(labels=[{"word": "hopeless"},
                                                            {"word": "worthless"}]))
    assert more.help_level == "gentle"


def test_the_page_shows_the_gentle_offer_with_the_crisis_link(person_client):
    response = person_client.post(reverse("checkins:quick"),
                                  {"label-1-word": "worthless"}, follow=True)
    page = response.content.decode()
    assert GENTLE_MESSAGE in page
    assert 'class="message safety gentle"' in page and 'role="alert"' not in page
    assert f'href="{reverse("core:crisis")}"' in page


def test_the_api_says_so_too(client, person):
    _token, raw = ApiToken.issue(person)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    heavy = client.post("/api/v1/checkins", data={"labels": [{"word": "despairing"}]},
                        content_type="application/json", **auth).json()
    assert (heavy["offer_help"], heavy["help_level"], heavy["crisis_url"]) == (
        True, "gentle", reverse("core:crisis"))
    calm = client.post("/api/v1/checkins", data={"labels": [{"word": "content"}]},
                       content_type="application/json", **auth).json()
    assert (calm["offer_help"], calm["help_level"]) == (False, None)
    url = f"/api/v1/checkins/{heavy['id']}"
    noted = client.patch(url, data={"note": "later", "version": 0}, content_type="application/json", **auth)
    assert noted.status_code == 200 and noted.json()["offer_help"] is False
    added = client.patch(url, data={"labels": [{"word": "despairing"}, {"word": "unsafe"}], "version": 1},
                         content_type="application/json", **auth)
    assert (added.json()["offer_help"], added.json()["help_level"]) == (True, "gentle")


def test_the_script_and_the_server_partial_say_the_same_words():
    """checkins/care.js (the check-in's naming, the journal's write page) and
    checkins/_care_note.html (the journal's entry page) must not drift apart."""
    from pathlib import Path

    import feelmap.checkins as app

    root = Path(app.__file__).parent
    script = (root / "static/checkins/care.js").read_text(encoding="utf-8")
    partial = (root / "templates/checkins/_care_note.html").read_text(encoding="utf-8")
    help_text = "If it is very heavy right now, or you might not be safe, you don't have to carry it alone: "
    link = "see who you can talk to now"
    assert f'HELP_TEXT = "{help_text}"' in script and f'HELP_LINK = "{link}"' in script
    assert f"{help_text}<a href=\"{{% url 'core:crisis' %}}\">{link}</a>." in partial
    for name in ("checkins/naming.js", "journal/naming.js"):
        path = root.parent / name.split("/")[0] / "static" / name
        assert "careNote(" in path.read_text(encoding="utf-8"), name
