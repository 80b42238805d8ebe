"""Check-ins in a real browser: keyboard alone, mouse, touch, "not sure", drafts, axe-core."""

import re

import pytest
from playwright.sync_api import expect

from feelmap.checkins.models import CheckIn, Draft
from tests.conftest import assert_accessible, browser_login, hold_autosaves

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SAVED = re.compile(r"/checkin/[0-9a-f-]{36}/\?saved=(new|changed)$")


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_it_takes_a_full_check_in_by_keyboard_alone(logged_in_page, person):
    page = logged_in_page
    page.goto("/checkin/full/")
    assert_accessible(page)
    tab_to(page, '.bm-region[data-region="chest"]')
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.value") == "tension"
    page.keyboard.press("Tab")  # tightness
    page.keyboard.press("Space")
    page.locator("#body-r-chest [data-status]").filter(has_text="tightness").wait_for()
    assert page.get_by_role("link", name="Chest and heart: tightness").count() == 1
    tab_to(page, 'input[name="body-chest-side"]')  # the radio group: arrows choose
    page.keyboard.press("ArrowRight")
    page.locator("#body-r-chest [data-status]").filter(has_text="left side").wait_for()
    tab_to(page, "[data-step-next]")
    page.keyboard.press("Enter")
    page.get_by_text("Step 2 of 6").wait_for()
    assert_accessible(page)
    tab_to(page, "[data-ag-surface]")
    for key in ["ArrowLeft"] * 5 + ["ArrowUp"] * 3:
        page.keyboard.press(key)
    expect(page.locator("#id_pleasantness")).to_have_value("-2")
    expect(page.locator("#id_energy")).to_have_value("1.5")
    expect(page.locator("[data-ag-surface]")).to_have_attribute(
        "aria-valuetext", re.compile("unpleasant, high energy"))
    tab_to(page, "[data-step-next]")
    page.keyboard.press("Enter")
    tab_to(page, "#label-1-word")
    page.keyboard.type("worried")
    tab_to(page, "#label-1-intensity")
    page.keyboard.press("ArrowRight")
    assert_accessible(page)
    for _ in range(3):
        tab_to(page, "[data-step-next]")
        page.keyboard.press("Enter")
    tab_to(page, "#id_note")
    page.keyboard.type("Before the call.")
    tab_to(page, "[data-save]")
    page.keyboard.press("Enter")
    page.wait_for_url(SAVED)
    checkin = CheckIn.objects.get(owner=person)
    assert checkin.kind == "full" and checkin.note == "Before the call."
    assert (checkin.pleasantness, checkin.energy) == (-2, 1.5)
    label = checkin.labels.get()
    assert (label.word, label.intensity) == ("worried", 6)
    sensation = checkin.sensations.get()
    assert (sensation.quality, sensation.side) == ("tightness", "left")
    assert_accessible(page)


def test_it_takes_a_quick_check_in_by_mouse(logged_in_page, person):
    page = logged_in_page
    page.goto("/checkin/")
    assert_accessible(page)
    page.get_by_role("link", name="Start a quick check-in").click()
    # The grid takes a click only once its script has run: wait for the page to finish loading,
    # not just for the element to be parsed.
    page.wait_for_url("**/checkin/quick/")
    surface = page.locator("[data-ag-surface]")
    surface.wait_for()
    box = surface.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.75)
    expect(page.locator("[data-ag-readout]")).to_contain_text("pleasant, low energy")
    page.get_by_role("button", name="Calm", exact=True).click()
    page.locator('[data-wheel-words] button[data-word="relaxed"]').click()
    expect(page.locator("#label-1-word")).to_have_value("relaxed")
    page.locator('[data-wheel-words] button[data-word="at ease"]').click()  # a nuance replaces it
    expect(page.locator("#label-1-word")).to_have_value("at ease")
    assert_accessible(page)
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url(SAVED)
    checkin = CheckIn.objects.get(owner=person)
    assert checkin.kind == "quick" and checkin.pleasantness == 3 and checkin.energy == -2.5
    assert checkin.labels.get().word == "at ease"


def test_it_leads_from_not_sure_through_a_body_scan_to_suggestions(logged_in_page, person):
    page = logged_in_page
    page.goto("/checkin/full/")
    page.locator('.bm-region[data-region="stomach"]').click()
    page.locator("#body-r-stomach").get_by_label("Tension").check()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("I'm not sure, or I feel numb").check()
    page.get_by_role("button", name="Start the one-minute body scan").click()
    page.get_by_text("1 of 7").wait_for()
    page.get_by_role("button", name="Next", exact=True).first.click()  # feet
    page.locator("[data-scan-controls], .scan-controls").get_by_role("button", name="Next").click()  # belly
    page.get_by_role("button", name="emptiness in the belly").click()
    expect(page.locator("#body-r-belly").get_by_label("Emptiness")).to_be_checked()
    page.get_by_role("button", name="Stop the scan").click()
    first = page.locator("[data-suggestion-list] [data-suggested]").first  # below any question
    first.wait_for()
    word = first.inner_text().split("“")[1].rstrip("”")
    first.click()
    expect(page.locator("#label-1-word")).to_have_value(word)
    assert_accessible(page)
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url(SAVED)
    checkin = CheckIn.objects.get(owner=person)
    assert checkin.not_sure and checkin.labels.get().word == word
    assert set(checkin.sensations.values_list("quality", flat=True)) == {"tension", "emptiness"}


def test_it_brings_back_a_draft_after_a_reload(logged_in_page, person):
    page = logged_in_page
    page.goto("/checkin/quick/")
    page.locator("#id_pleasantness").fill("-1")
    page.locator("#id_energy").fill("-3")
    page.locator("#label-1-word").fill("wistful")
    page.locator("#id_note").fill("Half-written thought")
    page.get_by_text("Draft saved").wait_for()
    assert Draft.objects.filter(owner=person, key="checkin-quick").exists()
    # "Draft saved" may be from a save made between two of the fills above (the autosave waits
    # for a pause in typing, and a loaded machine pauses): wait for the save that has it all.
    page.wait_for_function(
        "(text) => JSON.stringify(Object.entries(localStorage)).includes(text)",
        arg="Half-written thought")
    page.reload()
    page.get_by_text("We brought back what you started").wait_for()
    expect(page.locator("#id_note")).to_have_value("Half-written thought")
    expect(page.locator("#label-1-word")).to_have_value("wistful")
    expect(page.locator("[data-ag-readout]")).to_contain_text("unpleasant, low energy")
    assert_accessible(page)
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url(SAVED)
    assert not Draft.objects.exists()
    page.goto("/checkin/quick/")
    assert page.locator("#id_note").input_value() == ""
    assert page.locator("[data-draft-notice]").is_hidden()


def test_saving_waits_for_an_autosave_still_on_its_way(logged_in_page, person):
    """An autosave still under way when the person saves must reach the server first: handled
    after the save, it would store a draft of what was just saved, and the next visit would
    offer it back ("We brought back what you started")."""
    page = logged_in_page
    page.goto("/checkin/quick/")
    # autosave requests kept waiting until the person has pressed "Save check-in"
    held, events = hold_autosaves(page, "**/checkin/draft/checkin-quick/")
    page.locator("#label-1-word").fill("wistful")
    with page.expect_request("**/checkin/draft/checkin-quick/"):
        page.locator("#id_note").fill("Half-written thought")
    page.get_by_role("button", name="Save check-in").click()
    for route in held:
        route.continue_()
    page.wait_for_url(SAVED)

    saved = events.index(("sent", "POST", page.url.split("/checkin/")[0] + "/checkin/quick/"))
    autosaves = [i for i, e in enumerate(events) if e[0] == "answered" and "/draft/" in e[2]]
    assert autosaves and max(autosaves) < saved, events
    assert CheckIn.objects.get(owner=person).note == "Half-written thought"
    assert not Draft.objects.exists()
    page.goto("/checkin/quick/")
    assert page.locator("#id_note").input_value() == ""
    assert page.locator("[data-draft-notice]").is_hidden()


def test_it_shows_timeline_calendar_detail_and_delete_pages(logged_in_page, person):
    page = logged_in_page
    page.goto("/checkin/timeline/")
    page.get_by_text("No check-ins yet").wait_for()
    assert_accessible(page)
    page.goto("/checkin/quick/")
    page.locator("#label-1-word").fill("calm")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url(SAVED)
    assert_accessible(page)
    page.goto("/checkin/timeline/")
    assert "calm" in page.locator(".entries").inner_text()
    assert_accessible(page)
    page.goto("/checkin/calendar/")
    page.get_by_text("1 check-in", exact=True).wait_for()
    assert_accessible(page)
    page.goto("/checkin/ratings/")
    assert_accessible(page)
    page.goto("/checkin/calendar/")
    page.get_by_role("link", name="Previous month").click()
    page.get_by_text("No check-ins this month").wait_for()
    checkin = CheckIn.objects.get()
    page.goto(f"/checkin/{checkin.public_id}/")
    page.get_by_role("link", name="Delete…").click()
    expect(page.get_by_role("button", name="Yes, delete it")).to_be_visible()  # the next page is in
    assert_accessible(page)
    page.get_by_role("button", name="Yes, delete it").click()
    page.wait_for_url("**/checkin/")
    assert not CheckIn.objects.exists()


def test_it_shows_validation_messages_accessibly(logged_in_page):
    page = logged_in_page
    page.goto("/checkin/full/")
    page.get_by_role("button", name="Next").click()
    page.locator("#id_pleasantness").fill("9")
    page.locator("#id_energy").fill("0")
    page.get_by_role("button", name="Save check-in").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("from -5 to 5")
    page.wait_for_load_state()  # the answer page is in; its script picks the step to show
    expect(page.locator("#step-affect")).to_be_visible()  # the step with the problem is shown
    expect(page.locator("#id_pleasantness")).to_have_value("9")  # nothing typed is lost
    assert_accessible(page)
    assert not CheckIn.objects.exists()


def test_it_works_on_a_phone_by_touch(phone_page, person):
    page = phone_page
    browser_login(page, person.username)
    page.goto("/checkin/quick/")
    surface = page.locator("[data-ag-surface]")
    surface.wait_for()
    box = surface.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.25)
    expect(page.locator("[data-ag-readout]")).to_contain_text("unpleasant, high energy")
    page.locator("#label-1-word").tap()
    page.locator("#label-1-word").fill("wobbly")  # not in the word list: kept as own word
    page.locator("#label-1-word").press("Tab")
    page.get_by_role("button", name="Save check-in").tap()
    page.wait_for_url(SAVED)
    checkin = CheckIn.objects.get(owner=person)
    assert checkin.pleasantness < 0 < checkin.energy
    label = checkin.labels.get()
    assert label.is_own and label.own_word == "wobbly"
    assert_accessible(page)
