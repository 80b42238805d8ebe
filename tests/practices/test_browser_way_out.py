"""Every body practice shows a way out before it starts and keeps it in reach while it runs:
stop at any time, open your eyes, feel your feet or hands on something solid, breathe normally
if dizzy, and the crisis link."""

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WAY_OUT = (
    "Stop at any time",
    "Open your eyes",
    "Feel your feet on the floor, or press your hands on something solid",
    "If you feel dizzy or light-headed, stop and breathe normally",
)


def assert_way_out(page, within=None):
    box = (within or page).locator("[data-way-out]").first
    expect(box).to_be_visible()
    for words in WAY_OUT:
        expect(box).to_contain_text(words)
    link = box.get_by_role("link", name="see who you can talk to now")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", "/help/")


def test_the_guided_body_scan_shows_a_way_out_before_and_during(logged_in_page):
    page = logged_in_page
    page.goto("/practice/bodyscan/")
    assert_way_out(page)
    page.get_by_label("Short (about 3 minutes)").check()
    page.get_by_role("button", name="Start the body scan").click()
    page.wait_for_url("**/scan/")
    assert_way_out(page)
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Next").click()
    assert_way_out(page)
    assert_accessible(page)


def test_breathing_shows_a_way_out_before_and_during(logged_in_page):
    page = logged_in_page
    page.clock.install()
    page.goto("/practice/breathing/")
    assert_way_out(page)
    page.get_by_label("Box breathing (4 – 4 – 4 – 4)").check()
    page.get_by_label("How long?").select_option("1")
    page.get_by_role("button", name="Start breathing").click()
    page.wait_for_url("**/breathe/")
    assert_way_out(page)
    # Only run_for moves the page's time on: real seconds a loaded machine spends between
    # steps would otherwise carry the pacer past the first phase.
    page.clock.pause_at(page.evaluate("Date.now()") + 1)
    page.get_by_role("button", name="Begin").click()
    page.clock.run_for(3000)
    expect(page.locator("#pacer-words")).to_have_text("Breathe in")
    assert_way_out(page, within=page.locator("#pacer"))
    page.clock.resume()  # axe-core waits on timers of its own
    assert_accessible(page)


def test_the_one_minute_scan_in_a_checkin_shows_a_way_out_before_and_during(logged_in_page):
    page = logged_in_page
    page.goto("/checkin/full/")
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("I'm not sure, or I feel numb").check()
    scan = page.locator("[data-bodyscan]")
    assert_way_out(page, within=scan)
    page.get_by_role("button", name="Start the one-minute body scan").click()
    page.get_by_text("1 of 7").wait_for()
    assert_way_out(page, within=scan)
    assert_accessible(page)
