"""The breathing pacer in a real browser, with Playwright's clock standing in for real minutes."""

import pytest
from playwright.sync_api import expect

from feelmap.practices.models import PracticeSession
from tests.conftest import BROWSER_TIMEOUT_MS, assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _start_box_minute(page):
    page.goto("/practice/breathing/")
    assert_accessible(page)
    page.get_by_label("Box breathing (4 – 4 – 4 – 4)").check()
    page.get_by_label("How long?").select_option("1")
    page.locator("#id_before-pleasantness").fill("-3")
    page.locator("#id_before-energy").fill("3")
    page.get_by_label("One word for how you feel").first.fill("anxious")
    page.get_by_role("button", name="Start breathing").click()
    page.wait_for_url("**/breathe/")


def test_it_runs_a_minute_of_box_breathing_and_shows_what_changed(logged_in_page):
    page = logged_in_page
    page.clock.install()
    _start_box_minute(page)
    expect(page.locator("#after-form")).to_be_hidden()
    assert_accessible(page)
    # Only run_for moves the page's time on: real seconds a loaded machine spends between
    # steps would otherwise carry the pacer past the phase being checked.
    page.clock.pause_at(page.evaluate("Date.now()") + 1)
    page.get_by_role("button", name="Begin").click()
    page.clock.run_for(100)  # let the first animation frame run on the installed clock
    words = page.locator("#pacer-words")
    expect(words).to_have_text("Breathe in")
    page.clock.run_for(1900)
    small = page.locator("#pacer-shape").evaluate("e => e.style.transform")
    page.clock.run_for(2100)
    expect(words).to_have_text("Hold gently")
    big = page.locator("#pacer-shape").evaluate("e => e.style.transform")
    assert small != big and big == "scale(1)"
    page.clock.run_for(4000)
    expect(words).to_have_text("Breathe out")
    # Jump most of the minute at once: the pacer reads the time, so it lands on the right phase.
    page.clock.fast_forward(52_000)
    page.clock.run_for(500)
    expect(words).to_contain_text("Time's up")  # 60 s is 3¾ box cycles
    expect(page.locator("#after-form")).to_be_visible()
    expect(page.get_by_label("I did the whole time")).to_be_checked()
    expect(page.locator('input[name="elapsed_seconds"]')).to_have_value("60")
    page.clock.resume()  # the rest does not depend on time; axe-core waits on timers of its own
    page.locator("#id_after-pleasantness").fill("2")
    page.locator("#id_after-energy").fill("-2")
    page.get_by_label("Not sure / numb — that's a real answer").check()
    page.get_by_role("button", name="Save and see what changed").click()
    page.get_by_role("heading", name="What changed").wait_for()
    text = page.locator(".change").inner_text()
    assert text.startswith("Before: unpleasant, high energy, “anxious”")
    assert "after: pleasant, low energy" in text
    assert PracticeSession.objects.get().completed
    assert_accessible(page)


def test_it_pauses_and_stops_early_by_keyboard(logged_in_page):
    page = logged_in_page
    page.clock.install()
    _start_box_minute(page)
    # Hold the clock still between steps: on a loaded machine the real time the key presses
    # take would otherwise leak into the elapsed seconds this test checks to the second.
    page.clock.pause_at(page.evaluate("Date.now()") + 1)
    begin = page.get_by_role("button", name="Begin")
    begin.focus()
    page.keyboard.press("Enter")
    page.clock.run_for(10_000)
    page.keyboard.press("Tab")  # Begin is disabled now; focus moves on to Pause
    page.get_by_role("button", name="Pause").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#pacer-words")).to_contain_text("Paused")
    page.clock.fast_forward(30_000)  # paused time does not count
    page.clock.run_for(100)
    page.get_by_role("button", name="Resume").focus()
    page.keyboard.press("Enter")
    page.clock.run_for(5_000)
    page.get_by_role("button", name="Stop").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#pacer-words")).to_contain_text("Stopped")
    expect(page.get_by_label("I stopped early")).to_be_checked()
    expect(page.locator('input[name="elapsed_seconds"]')).to_have_value("15")
    expect(page.locator("#after-heading")).to_be_focused()
    page.get_by_role("button", name="Save and see what changed").click()
    page.get_by_text("stopping when you need to is fine").wait_for()
    assert PracticeSession.objects.get().completed_at is None


def test_it_shows_a_calm_text_count_when_less_motion_is_preferred(browser, live_server, person):
    context = browser.new_context(base_url=live_server.url, reduced_motion="reduce")
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    page = context.new_page()
    try:
        browser_login(page, person.username)
        page.clock.install()
        _start_box_minute(page)
        # Only run_for moves the page's time on: the count below changes every second.
        page.clock.pause_at(page.evaluate("Date.now()") + 1)
        calm = page.get_by_label("Show a calm text count instead of the moving shape")
        expect(calm).to_be_checked()
        expect(page.locator(".pacer-stage")).to_be_hidden()
        page.get_by_role("button", name="Begin").click()
        page.clock.run_for(1200)
        count = page.locator("#pacer-count")
        expect(count).to_be_visible()
        expect(count).to_have_text("Breathe in · 3")
        page.clock.run_for(3000)
        expect(count).to_have_text("Hold gently · 4")
        page.clock.resume()  # axe-core waits on timers of its own
        assert_accessible(page)
        calm.uncheck()
        expect(page.locator(".pacer-stage")).to_be_visible()
        expect(count).to_be_hidden()
    finally:
        context.close()


def test_it_offers_a_tone_that_is_off_by_default(logged_in_page):
    page = logged_in_page
    _start_box_minute(page)
    tone = page.get_by_label("Play a soft tone when the breath changes")
    expect(tone).not_to_be_checked()
    tone.check()
    page.get_by_role("button", name="Begin").click()
    page.get_by_role("button", name="Stop").click()
    expect(page.locator("#after-form")).to_be_visible()
