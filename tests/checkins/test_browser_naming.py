"""The naming widget in a real browser: body states are not feelings; heavy words come with care."""

import re

import pytest
from playwright.sync_api import expect

from feelmap.checkins.models import CheckIn
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SAVED = re.compile(r"/checkin/[0-9a-f-]{36}/\?saved=(new|changed)$")


def test_it_says_tired_is_a_body_state_and_still_lets_you_keep_it(logged_in_page, person):
    page = logged_in_page
    page.goto("/checkin/quick/")
    search = page.locator("[data-wheel-search]")
    search.fill("tired")
    note = page.locator(".body-state")
    expect(note.first).to_contain_text("“tired” is a body state, not a feeling")
    expect(note.first).to_contain_text("numb:")  # how it differs from numb
    assert_accessible(page)
    note.first.get_by_role("button", name="Add “tired” anyway").click()
    expect(page.locator("#label-1-word")).to_have_value("tired")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url(SAVED)
    label = CheckIn.objects.get(owner=person).labels.get()
    assert (label.word, label.family, label.is_own) == ("tired", "body", False)


def test_it_starts_shame_from_ashamed_and_guilty_and_cares_for_heavy_words(logged_in_page):
    page = logged_in_page
    page.goto("/checkin/quick/")
    page.get_by_role("button", name="Shame", exact=True).click()
    words = page.locator("[data-wheel-words]")
    expect(words.locator('button[data-word="guilty"]')).to_be_visible()
    expect(words.locator('button[data-word="remorseful"]')).to_be_visible()
    page.locator("[data-wheel-search]").fill("hopeless")
    words.locator('button[data-word="hopeless"]').click()
    expect(words.get_by_text("Hopelessness is a feeling, not a forecast")).to_be_visible()
    expect(words.get_by_role("link", name="see who you can talk to now")).to_have_attribute(
        "href", re.compile(r"/help/$"))
    assert_accessible(page)


def test_the_whole_wheel_is_another_way_in_by_keyboard(logged_in_page, person):
    page = logged_in_page
    page.goto("/checkin/quick/")
    whole = page.locator("[data-wheel-whole]")
    summary = whole.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")  # opens the disclosure
    expect(whole.locator("svg.wheel")).to_be_visible()
    assert_accessible(page)
    segment = whole.locator('a[data-word="apprehensive"]')
    expect(segment).to_have_attribute("href", "/words/apprehensive/")
    segment.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#label-1-word")).to_have_value("apprehensive")
    expect(page.locator("[data-naming-status]")).to_have_text("Added apprehensive.")
    expect(page).to_have_url(re.compile(r"/checkin/quick/$"))  # chosen, not followed
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url(SAVED)
    assert CheckIn.objects.get(owner=person).labels.get().word == "apprehensive"


def test_without_scripts_a_wheel_word_opens_its_page(browser, live_server, person):
    from tests.conftest import browser_login

    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    browser_login(page, person.username)
    page.goto("/checkin/quick/")
    page.locator("[data-wheel-whole] summary").click()
    page.locator('[data-wheel-whole] a[data-word="apprehensive"]').click()
    page.wait_for_url(re.compile(r"/words/apprehensive/$"))
    context.close()
