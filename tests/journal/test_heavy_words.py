"""Journal: choosing a heavy word (hopeless, worthless, despairing, self-loathing, unsafe) as an
entry's feeling word brings the gentle offer of help, in the write service, so the write page,
the entry page's "Add word", the edit page and the API all get it; and a heavy word highlighted
in the text gets its kind note and the way to help beside it."""

import json

import pytest
from django.urls import reverse

from feelmap.accounts.models import ApiToken
from feelmap.journal import analysis, services
from feelmap.journal.schemas import JournalAddLabelIn, JournalEntryIn
from feelmap.lexicon.vocabulary import load_vocabulary
from feelmap.safety.nudge import GENTLE_MESSAGE

pytestmark = pytest.mark.django_db
BASE = "/api/v1/journal"


def entry_with(person, body="A long day.", labels=()):
    return services.create_entry(owner=person, data=JournalEntryIn(body=body, labels=list(labels)))


@pytest.mark.parametrize("word", ["worthless", "hopeless", "despairing", "self-loathing", "unsafe"])
def test_a_heavy_word_chosen_brings_the_gentle_offer(person, word):
    assert entry_with(person, labels=["tired", word]).help_level == "gentle"


def test_other_words_bring_nothing_and_risk_words_stay_strong(person):
    assert entry_with(person, labels=["sad", "lonely"]).help_level == ""
    assert entry_with(person, "I want to kill myself.", ["hopeless"]).help_level == "strong"


def test_editing_keeps_quiet_about_a_word_already_there_but_not_a_new_one(person):
    entry = entry_with(person, labels=["hopeless"])
    services.update_entry(entry, data=JournalEntryIn(body="Changed.", labels=["hopeless"]))
    assert entry.help_level == ""
    services.update_entry(entry, data=JournalEntryIn(body="Changed.",
                                                     labels=["hopeless", "worthless"]))
    assert entry.help_level == "gentle"


def test_adding_one_heavy_word_to_an_entry_offers_help(person):
    entry = entry_with(person)
    assert services.add_label(entry, JournalAddLabelIn(word="sad")) and entry.help_level == ""
    assert services.add_label(entry, JournalAddLabelIn(word="self-loathing"))
    assert entry.help_level == "gentle"
    assert not services.add_label(entry, JournalAddLabelIn(word="self-loathing"))
    assert entry.help_level == ""


def test_the_pages_show_the_gentle_offer_with_the_crisis_link(person_client, person):
    written = person_client.post(reverse("journal:write"),
                                 {"body": "A long day.", "labels": "hopeless"}, follow=True)
    assert GENTLE_MESSAGE in written.content.decode()
    entry = entry_with(person)
    added = person_client.post(reverse("journal:add_label", args=[entry.public_id]),
                               {"word": "unsafe", "added_from": "own"}, follow=True)
    page = added.content.decode()
    assert GENTLE_MESSAGE in page and f'href="{reverse("core:crisis")}"' in page
    plain = person_client.post(reverse("journal:add_label", args=[entry.public_id]),
                               {"word": "calm", "added_from": "own"}, follow=True)
    assert GENTLE_MESSAGE not in plain.content.decode()


def test_the_api_says_so_too(client, person):
    _token, raw = ApiToken.issue(person)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    made = client.post(f"{BASE}/entries", json.dumps({"body": "A long day.",
                                                      "labels": ["despairing"]}),
                       content_type="application/json", **auth).json()
    assert (made["offer_help"], made["help_level"]) == (True, "gentle")
    url = f"{BASE}/entries/{made['id']}"
    same = client.patch(url, json.dumps({"body": "Still long.", "version": 0}),
                        content_type="application/json", **auth).json()
    assert (same["offer_help"], same["help_level"]) == (False, None)
    more = client.patch(url, json.dumps({"labels": ["despairing", "worthless"], "version": 1}),
                        content_type="application/json", **auth).json()
    assert (more["offer_help"], more["help_level"]) == (True, "gentle")


# --- the kind note beside a highlighted heavy word ------------------------------------------


def test_the_analysis_carries_the_kind_note_and_the_way_to_help():
    result = analysis.analyse("Today I felt hopeless, then calm. I'm not worthless.")
    heavy = load_vocabulary().get("hopeless")
    used = {item["word"]: item for item in result["words_used"]}
    assert used["hopeless"]["note"] == heavy.note and used["hopeless"]["offer_help"] is True
    assert used["calm"]["note"] is None and used["calm"]["offer_help"] is False
    # "not worthless" is a word the person used, but they said it is not how they feel
    assert "worthless" not in used


def test_the_entry_page_shows_the_note_and_the_crisis_link_beside_the_heavy_word(person_client,
                                                                              person):
    entry = entry_with(person, "Some mornings I feel hopeless. Later I was calm.")
    page = person_client.get(reverse("journal:entry", args=[entry.public_id])).content.decode()
    note = load_vocabulary().get("hopeless").note
    assert page.count('class="notice kind-note"') == 1
    assert note.replace("'", "&#x27;") in page
    start = page.index('id="used-title"')
    beside = page[start:]
    assert beside.index("hopeless") < beside.index("kind-note") < beside.index("calm")
    assert f'href="{reverse("core:crisis")}">see who you can talk to now</a>' in beside


def test_a_heavy_word_chosen_but_not_written_gets_its_note_with_the_words(person_client, person):
    entry = entry_with(person, "A long day.", ["worthless"])
    page = person_client.get(reverse("journal:entry", args=[entry.public_id])).content.decode()
    labels = page[page.index('id="labels-title"'):page.index("</section>",
                                                                page.index('id="labels-title"'))]
    assert 'class="notice kind-note"' in labels and "see who you can talk to now" in labels
