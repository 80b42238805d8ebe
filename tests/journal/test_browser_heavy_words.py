"""A heavy word highlighted in the journal (hopeless, worthless...) gets its kind note and the
way to help beside it, while writing and on the saved entry; choosing it as a feeling word
brings the gentle offer of help. axe-core on both pages."""

import re

import pytest
from playwright.sync_api import expect

from feelmap.journal.models import JournalEntry
from feelmap.lexicon.vocabulary import load_vocabulary
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "Some mornings I feel hopeless about work. By the evening I was calm again."


def test_a_heavy_word_gets_its_kind_note_and_the_crisis_link(logged_in_page, person):
    page = logged_in_page
    note = load_vocabulary().get("hopeless").note
    page.goto("/journal/write/?free")
    page.get_by_label("Your writing").fill(TEXT)

    # While writing: the note sits with "hopeless" in the words used, not with "calm".
    used = page.locator("#used-list > li")
    expect(used).to_have_count(2)
    hopeless = used.filter(has_text="hopeless")
    expect(hopeless.locator(".kind-note")).to_contain_text(note)
    expect(hopeless.get_by_role("link", name="see who you can talk to now")).to_have_attribute(
        "href", re.compile(r"/help/$"))
    expect(used.filter(has_text="calm").locator(".kind-note")).to_have_count(0)
    assert_accessible(page)

    # Choosing it as a feeling word, then saving: the gentle offer, and the note on the entry.
    hopeless.get_by_role("button", name=re.compile("Add")).click()
    page.get_by_role("button", name="Save entry").click()
    page.wait_for_url(re.compile(r"/journal/[0-9a-f-]{36}/$"))
    assert JournalEntry.objects.get(owner=person).labels.get().word == "hopeless"
    offer = page.locator(".message.safety.gentle")
    expect(offer).to_be_visible()
    expect(offer.get_by_role("link", name="See who you can talk to now")).to_be_visible()
    words_used = page.locator("section", has=page.locator("#used-title"))
    expect(words_used.locator(".kind-note")).to_have_count(1)
    expect(words_used.locator(".kind-note")).to_contain_text(note)
    expect(words_used.get_by_role("link", name="see who you can talk to now")).to_have_attribute(
        "href", re.compile(r"/help/$"))
    expect(page.locator(".entry-text mark", has_text="hopeless")).to_be_visible()
    assert_accessible(page)
