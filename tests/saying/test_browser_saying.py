"""Saying it in a real browser: a role-play to its end with checks after each answer, the
builder (live sentence, free editing, checks, speak-aloud timer and ratings), saving, and
finding the practice in history; axe-core on every page."""

import re

import pytest
from playwright.sync_api import expect

from feelmap.saying.models import SayingPractice
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def say(page, text):
    said = page.locator(".transcript .turn-you")
    before = said.count()
    page.get_by_label("What would you say?").fill(text)
    page.get_by_role("button", name="Say it", exact=True).click()
    # The answer posts back to the same address: wait for the new page, which has one more
    # turn of yours, rather than for a load state the old page already has.
    expect(said).to_have_count(before + 1)
    expect(said.last).to_contain_text(text)
    page.wait_for_load_state()


def test_it_plays_a_conversation_builds_it_and_saves_it(logged_in_page, person):
    page = logged_in_page
    page.get_by_role("link", name="Practise saying it").click()
    page.wait_for_url("**/say/")
    assert_accessible(page)

    page.get_by_role("link", name="Late for dinner").click()
    page.wait_for_url("**/say/scenario/partner-late-again/")
    assert "Hey! Sorry, work ran over." in page.locator(".transcript").inner_text()
    assert_accessible(page)

    # Blame first: the other person gets defensive, and a gentle note explains why.
    say(page, "You always come home late.")
    expect(page.locator(".transcript")).to_contain_text("not like I do it on purpose")
    blame = page.locator(".finding-blame").first
    expect(blame).to_have_text(re.compile(r"^\s*“You always” and “you never” tend to start a debate"))
    # Then a feeling, then a request: the conversation ends warmly.
    say(page, "Sorry. I feel hurt and a bit lonely when dinner goes cold.")
    expect(page.locator(".turn-you .works").last).to_contain_text("You named “hurt” and “lonely”.")
    say(page, "Would you text me next time?")
    expect(page.get_by_role("heading", name="The conversation has ended")).to_be_visible()
    assert_accessible(page)

    # To the builder: what was said arrives as the text, with notes on it.
    page.get_by_role("button", name="Work on it in the builder").click()
    page.wait_for_url("**/say/build/")
    text = page.get_by_label("What you would say")
    expect(text).to_have_value(re.compile(r"^You always come home late\."))
    expect(page.locator("#checks .finding-blame")).to_have_count(1)
    assert_accessible(page)

    # The text is the person's own, so typing parts does not overwrite it...
    page.get_by_label("I feel …").fill("hurt")
    expect(text).to_have_value(re.compile(r"^You always come home late\."))
    # ...until they ask for it to be filled in from the parts; then it follows them live.
    page.get_by_role("button", name="Fill it in again from the parts").click()
    page.get_by_label("How much?").select_option("a bit")
    page.get_by_label("… when …").fill("dinner goes cold and I haven't heard from you")
    page.get_by_label("… because I need …").fill("to know you're safe")
    page.get_by_label("Would you …?").fill("send a quick text when you're running late")
    expect(text).to_have_value(
        "I feel a bit hurt when dinner goes cold and I haven't heard from you because I need "
        "to know you're safe. Would you send a quick text when you're running late?")
    # Free editing: the person's change stays.
    text.press("End")
    text.type(" Thank you.")
    page.get_by_label("I feel …").fill("worried")
    expect(text).to_have_value(re.compile(r"running late\? Thank you\.$"))
    expect(text).to_have_value(re.compile("a bit hurt"))

    page.get_by_role("button", name="Check it").click()
    # The check posts back to the same address; the page before it still showed the blame note.
    checks = page.locator("#checks")
    expect(page.locator("#checks .finding-blame")).to_have_count(0)
    expect(checks).to_contain_text("You asked for something the other person can do.")
    page.wait_for_load_state()
    assert_accessible(page)

    # Speak aloud: a timer (no sound kept), then how it felt and how clear it was.
    page.get_by_role("button", name="Start the timer").click()
    # Stop once the timer has shown a whole second (however long a loaded machine takes).
    expect(page.locator("[data-timer-value]")).to_have_text(re.compile(r"^0:(0[1-9]|[1-5][0-9])$"))
    page.get_by_role("button", name="Stop the timer").click()
    expect(page.locator("[data-timer-status]")).to_contain_text("You spoke for")
    page.get_by_role("group", name="How did it feel to say it?").get_by_label("4").check()
    page.get_by_role("group", name="How clear was it?").get_by_label("5 (very clear)").check()
    page.get_by_role("button", name="Save this practice").click()
    page.wait_for_url("**/say/*-*/")
    assert "Saved." in page.locator(".messages").inner_text()
    assert "coming in a later version" not in page.content()  # feedback exists now (care)
    assert_accessible(page)

    practice = SayingPractice.objects.get(owner=person)
    assert practice.text.endswith("Thank you.") and practice.scenario_id == "partner-late-again"
    assert practice.spoken_seconds >= 1 and (practice.felt, practice.clarity) == (4, 5)
    assert len(practice.answers) == 3

    page.get_by_role("link", name="Saved practices").click()
    page.wait_for_url("**/say/history/")
    entry = page.get_by_role("link", name="I feel a bit hurt when dinner goes cold")
    expect(entry).to_be_visible()
    assert_accessible(page)
    entry.click()
    expect(page.locator("h1")).to_contain_text("Late for dinner")


def test_the_cues_practice_and_speech_to_text_offer(logged_in_page):
    page = logged_in_page
    page.goto("/say/cues/")
    assert_accessible(page)
    page.locator("fieldset.cue").first.get_by_label("scared").check()
    page.get_by_role("button", name="See how I did").click()
    expect(page.locator("#cue-result")).to_contain_text("matched the usual reading")
    expect(page.locator("fieldset.cue").first).to_contain_text("Yes, scared.")
    page.wait_for_load_state()
    assert_accessible(page)

    page.goto("/say/build/")
    # Headless Chromium cannot turn speech into text on the device, so it is not offered,
    # and the page says why.
    # The page asks the browser asynchronously: wait for its answer, then check nothing is offered.
    note = page.locator("[data-listen-note]")
    expect(note).to_have_text(re.compile("^Speech-to-text is not offered here: this browser"))
    expect(page.locator("[data-listen]")).to_be_hidden()


PARTS = [
    {"feeling": "hurt", "nuance": "a bit", "when": "you left.", "need": "warning",
     "request": "Could you tell me first?"},
    {"feeling": "relieved", "also": "sad", "nuance": "very"},
    {"feeling": "not sure yet", "when": "people ask"},
    {"feeling": "I don\u2019t know"},
    {"when": "plans change", "need": "some notice"},
    {"request": "call me"},
    {},
]


def test_the_page_builds_the_same_sentence_as_the_server(logged_in_page):
    from feelmap.saying.builder import compose

    page = logged_in_page
    page.goto("/say/build/")
    built = page.evaluate(
        "async (parts) => { const m = await import('/static/saying/builder.js');"
        " return parts.map((p) => m.compose(p)); }", PARTS)
    assert built == [compose(**p) for p in PARTS]


def test_two_tabs_on_one_practice_see_both_versions_and_choose(logged_in_page, person):
    """Tab one saves an edit; tab two, opened before it, saves its own: it is shown both
    versions, nothing is overwritten, and keeping its own is a deliberate second save."""
    from feelmap.saying import services
    from feelmap.saying.schemas import PracticeIn

    practice = services.create_practice(owner=person, data=PracticeIn(text="The first words."))
    first = logged_in_page
    first.goto(f"/say/{practice.public_id}/edit/")
    second = first.context.new_page()
    second.goto(f"/say/{practice.public_id}/edit/")

    first.get_by_label("What you would say").fill("Said in the first tab.")
    first.get_by_role("button", name="Save changes").click()
    first.wait_for_url(f"**/say/{practice.public_id}/")

    second.get_by_label("What you would say").fill("Said in the second tab.")
    second.get_by_role("button", name="Save changes").click()
    panel = second.locator("#practice-conflict")
    expect(panel).to_be_visible()
    expect(panel.locator(".version").nth(0)).to_contain_text("Said in the second tab.")
    expect(panel.locator(".version").nth(1)).to_contain_text("Said in the first tab.")
    expect(second.get_by_label("What you would say")).to_have_value("Said in the second tab.")
    practice.refresh_from_db()
    assert practice.text == "Said in the first tab."
    assert_accessible(second)

    second.get_by_role("button", name="Keep the version on this page").click()
    second.wait_for_url(f"**/say/{practice.public_id}/")
    practice.refresh_from_db()
    assert practice.text == "Said in the second tab." and practice.version == 2

    # The first tab, now stale, chooses the saved version: nothing changes.
    first.goto(f"/say/{practice.public_id}/edit/")
    first.evaluate("document.querySelector('input[name=version]').value = '1'")
    first.get_by_label("What you would say").fill("An old tab's words.")
    first.get_by_role("button", name="Save changes").click()
    expect(first.locator("#practice-conflict")).to_be_visible()
    first.get_by_role("link", name="Use the saved version").click()
    first.wait_for_url(f"**/say/{practice.public_id}/")
    expect(first.locator("body")).to_contain_text("Said in the second tab.")
    practice.refresh_from_db()
    assert practice.text == "Said in the second tab." and practice.version == 2
    second.close()
