"""The journal in a real browser: writing with naming help, autosave, prompts, the timer, and
axe-core on every journal page."""

import re
import time

import pytest
from playwright.sync_api import expect

from feelmap.journal import services
from feelmap.journal.models import JournalDraft, JournalEntry
from feelmap.journal.prompts import prompts_of_kind
from feelmap.journal.schemas import JournalEntryIn
from tests.conftest import BROWSER_TIMEOUT_MS, assert_accessible, hold_autosaves

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "Today was bad. I was angry at my boss, and the anger stayed. My chest is tight."


def wait_for_draft(page, person, condition):
    """The person's draft once the browser's autosave has stored what `condition` wants: the
    database is asked again until it has, for as long as a browser step may take."""
    deadline = time.monotonic() + BROWSER_TIMEOUT_MS / 1000
    while True:
        draft = JournalDraft.objects.filter(owner=person).first()
        if draft is not None and condition(draft):
            return draft
        if time.monotonic() > deadline:
            raise AssertionError("The draft was not saved in time.")
        page.wait_for_timeout(100)  # lets the browser's side run between two looks


def test_it_writes_an_entry_with_highlights_and_suggestions(logged_in_page, person):
    page = logged_in_page
    page.goto("/journal/")
    assert_accessible(page)
    page.get_by_role("link", name="Write your first entry").click()
    page.wait_for_url("**/journal/write/")
    assert_accessible(page)

    page.get_by_label("Your writing").fill(TEXT)
    naming = page.locator("#naming")
    # Emotion words already in the text, inflections included, in a read-only preview.
    marks = naming.locator("#used-preview mark")
    expect(marks).to_have_text(["angry", "anger"])
    expect(naming.locator("#used-list")).to_contain_text("angry")
    # A gentle "which kind?" for the vague word, and suggestions with definitions and reasons.
    expect(naming.locator("#vague-list")).to_contain_text("Which kind of bad?")
    suggestions = naming.locator("#suggest-list li")
    expect(suggestions.first).to_contain_text("Why:")
    assert_accessible(page)

    # Accept a precise alternative for "bad": it becomes a label, the text stays as written.
    naming.locator("#vague-list button", has_text="disappointed").click()
    labels = page.get_by_label("Feeling words for this entry (optional)")
    expect(labels).to_have_value(re.compile("disappointed"))
    expect(page.get_by_label("Your writing")).to_have_value(TEXT)
    expect(page.locator("#naming-status")).to_contain_text("Added “disappointed”")

    # Autosave reaches the server; a reload brings everything back.
    draft = wait_for_draft(page, person, lambda d: "disappointed" in d.labels)
    assert draft.body == TEXT
    page.reload()
    expect(page.get_by_label("Your writing")).to_have_value(TEXT)
    expect(labels).to_have_value(re.compile("disappointed"))

    page.get_by_role("button", name="Save entry").click()
    page.wait_for_url(re.compile(r"/journal/[0-9a-f-]{36}/$"))
    entry = JournalEntry.objects.get(owner=person)
    label = entry.labels.get()
    assert (label.word, label.added_from) == ("disappointed", "suggestion")
    assert page.locator(".entry-text mark").first.inner_text() == "angry"
    assert "disappointed" in page.locator("#labels").inner_text()
    assert_accessible(page)

    page.goto("/journal/")
    assert "disappointed" in page.locator(".entry-list").inner_text()
    assert_accessible(page)


def test_it_brings_back_unsaved_words_from_the_browser(logged_in_page, person):
    page = logged_in_page
    page.goto("/journal/write/")
    # The server is unreachable for drafts: the words stay in this browser.
    page.route("**/journal/draft", lambda route: route.abort())
    page.get_by_label("Your writing").fill("Words written while offline.")
    page.locator("#save-status").filter(has_text="kept in this browser").wait_for()
    page.unroute("**/journal/draft")
    page.reload()
    expect(page.get_by_label("Your writing")).to_have_value("Words written while offline.")
    wait_for_draft(page, person, lambda d: d.body == "Words written while offline.")


def test_saving_waits_for_an_autosave_still_on_its_way(logged_in_page, person):
    """An autosave still under way when the person saves must reach the server first: handled
    after the save, it would store a draft of the entry just saved, and the next visit would
    offer it back as unfinished."""
    page = logged_in_page
    page.goto("/journal/write/?free=1")
    # autosave requests kept waiting until the person has pressed "Save entry"
    held, events = hold_autosaves(page, "**/journal/draft")
    with page.expect_request("**/journal/draft"):
        page.get_by_label("Your writing").fill("Words the autosave is still carrying.")
    page.get_by_role("button", name="Save entry").click()
    for route in held:
        route.continue_()
    page.wait_for_url(re.compile(r"/journal/[0-9a-f-]{36}/$"))

    saved = next(i for i, e in enumerate(events)
                 if e[:2] == ("sent", "POST") and e[2].split("?")[0].endswith("/journal/write/"))
    autosaves = [i for i, e in enumerate(events) if e[0] == "answered" and e[2].endswith("/draft")]
    assert autosaves and max(autosaves) < saved, events
    assert JournalEntry.objects.get(owner=person).body == "Words the autosave is still carrying."
    assert not JournalDraft.objects.exists()
    page.goto("/journal/write/?free=1")
    expect(page.get_by_label("Your writing")).to_have_value("")
    expect(page.locator("#save-status")).to_have_text("")


def test_it_shuffles_prompts_and_shows_reframing_steps(logged_in_page):
    page = logged_in_page
    page.goto("/journal/write/")
    page.get_by_role("link", name=re.compile("Give me one.*Another way to see it")).click()
    page.get_by_label("Situation").wait_for()
    for name in ("Thought", "Feeling", "Alternative"):
        expect(page.get_by_label(name, exact=True)).to_be_visible()
    first = page.locator("#prompt-title").inner_text()
    page.get_by_role("link", name="Another prompt like this").click()
    # Until the next page arrives the old one (and its title) is still there: wait for the change.
    expect(page.locator("#prompt-title")).not_to_have_text(first)
    expect(page.get_by_label("Situation")).to_be_visible()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Write without a prompt").click()
    page.get_by_role("heading", name="Start from a prompt, or just write").wait_for()


def test_it_shows_the_caution_and_runs_a_short_timer(logged_in_page):
    page = logged_in_page
    page.clock.install()
    prompt = prompts_of_kind("expressive")[0]
    page.goto(f"/journal/write/?prompt={prompt.id}")
    # Only run_for moves the page's time on: real seconds a loaded machine spends between
    # steps would otherwise leak into the minutes and seconds checked below.
    page.clock.pause_at(page.evaluate("Date.now()") + 1)
    expect(page.get_by_role("note", name="Before you start")).to_contain_text("professional")
    timer = page.locator("#timer")
    left = page.locator("#timer-left")
    status = page.locator("#timer-status")
    timer.get_by_label("5 minutes", exact=True).check()
    expect(left).to_have_text("5:00")
    timer.get_by_role("button", name="Start").click()
    expect(status).to_contain_text("Timer started: 5 minutes")
    page.clock.run_for(61_000)
    expect(left).to_have_text("3:59")
    timer.get_by_role("button", name="Pause").click()
    page.clock.run_for(30_000)
    expect(left).to_have_text("3:59")
    timer.get_by_role("button", name="Resume").click()
    page.clock.run_for(240_000)
    expect(left).to_have_text("0:00")
    expect(status).to_contain_text("That's 5 minutes")
    expect(status).to_contain_text("no rush")
    page.clock.resume()  # axe-core waits on timers of its own
    assert_accessible(page)


def test_it_edits_and_deletes_an_entry_by_keyboard(logged_in_page, person):
    entry = services.create_entry(owner=person, data=JournalEntryIn(body="Flat, tired."))
    page = logged_in_page
    page.goto(f"/journal/{entry.public_id}/")
    assert_accessible(page)
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Your writing").fill("Flat and tired, but a little relieved.")
    assert_accessible(page)
    page.get_by_role("button", name="Save changes").press("Enter")
    page.wait_for_url(f"**/journal/{entry.public_id}/")
    entry.refresh_from_db()
    assert entry.body == "Flat and tired, but a little relieved."
    page.get_by_role("link", name="Delete").click()
    expect(page.get_by_role("button", name="Yes, delete it")).to_be_visible()  # the next page is in
    assert_accessible(page)
    page.get_by_role("button", name="Yes, delete it").press("Enter")
    page.wait_for_url("**/journal/")
    assert not JournalEntry.objects.exists()


def test_it_works_on_a_phone_with_large_enough_targets(phone_page, person):
    from tests.conftest import browser_login

    page = phone_page
    browser_login(page, person.username)
    page.goto("/journal/write/?free=1")
    page.get_by_label("Your writing").fill("I feel off and kind of stressed today.")
    buttons = page.locator("#vague-list button")
    buttons.first.wait_for()
    for box in (b.bounding_box() for b in buttons.all()):
        assert box["height"] >= 44
    assert_accessible(page)


def test_two_tabs_on_one_entry_see_both_versions_and_choose(logged_in_page, person):
    """Tab one saves an edit; tab two, opened before it, saves its own: it is shown both
    versions, nothing is overwritten, and keeping its own is a deliberate second save."""
    entry = services.create_entry(owner=person, data=JournalEntryIn(body="The first words."))
    first = logged_in_page
    first.goto(f"/journal/{entry.public_id}/edit/")
    second = first.context.new_page()
    second.goto(f"/journal/{entry.public_id}/edit/")

    first.get_by_label("Your writing").fill("Written in the first tab.")
    first.get_by_role("button", name="Save changes").click()
    first.wait_for_url(f"**/journal/{entry.public_id}/")

    second.get_by_label("Your writing").fill("Written in the second tab.")
    second.get_by_role("button", name="Save changes").click()
    panel = second.locator("#entry-conflict")
    expect(panel).to_be_visible()
    expect(panel.locator(".version").nth(0)).to_contain_text("Written in the second tab.")
    expect(panel.locator(".version").nth(1)).to_contain_text("Written in the first tab.")
    expect(second.get_by_label("Your writing")).to_have_value("Written in the second tab.")
    entry.refresh_from_db()
    assert entry.body == "Written in the first tab."
    assert_accessible(second)

    second.get_by_role("button", name="Keep the version on this page").click()
    second.wait_for_url(f"**/journal/{entry.public_id}/")
    entry.refresh_from_db()
    assert entry.body == "Written in the second tab." and entry.version == 2

    # The first tab, now stale, chooses the saved version: nothing changes, no draft stays.
    first.goto(f"/journal/{entry.public_id}/edit/")
    first.evaluate("document.querySelector('input[name=version]').value = '1'")
    first.get_by_label("Your writing").fill("An old tab's words.")
    first.get_by_role("button", name="Save changes").click()
    expect(first.locator("#entry-conflict")).to_be_visible()
    first.get_by_role("button", name="Use the saved version").click()
    first.wait_for_url(f"**/journal/{entry.public_id}/")
    entry.refresh_from_db()
    assert entry.body == "Written in the second tab." and entry.version == 2
    assert not JournalDraft.objects.filter(owner=person, key=str(entry.public_id)).exists()
    second.close()
