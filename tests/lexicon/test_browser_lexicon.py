"""The vocabulary pages in a real browser: browsing, keyboard search, accessibility."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until the element is focused, as a keyboard user would."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{selector} never received focus by Tab")


def test_it_browses_family_then_word_then_neighbour(page):
    page.goto("/words/")
    expect(page.get_by_role("heading", name="Feeling words", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Sadness", exact=True).click()
    expect(page).to_have_url(re.compile(r"/words/family/sadness/$"))
    expect(page.get_by_role("heading", name="The sadness family")).to_be_visible()
    assert_accessible(page)

    page.locator(".tree").get_by_role("link", name="lonely", exact=True).click()
    expect(page).to_have_url(re.compile(r"/words/lonely/$"))
    expect(page.get_by_text("unpleasant, low energy").first).to_be_visible()
    assert_accessible(page)

    comparison = page.locator("#neighbours + .neighbours")
    expect(comparison.get_by_role("link", name="Left out")).to_be_visible()
    comparison.get_by_role("link", name="Left out").click()
    expect(page).to_have_url(re.compile(r"/words/left-out/$"))
    expect(page.get_by_role("heading", name="Left out", level=1)).to_be_visible()

    page.get_by_text("One step broader").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/words/lonely/$"))
    expect(page.get_by_text("More precise words")).to_be_visible()


def test_it_searches_by_keyboard_alone(logged_in_page):
    page = logged_in_page
    page.goto("/words/search/")
    assert_accessible(page)
    tab_to(page, "#lexicon-q")
    page.keyboard.type("furi")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/words/search/\?q=furi"))
    expect(page.get_by_role("heading", name=re.compile(r"for “furi”"))).to_be_visible()
    assert_accessible(page)

    tab_to(page, ".results a")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/words/furious/$"))
    # Signed in, the main nav is there too.
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()


def test_it_offers_a_way_on_when_nothing_matches(page):
    page.goto("/words/search/?q=qwertyzzz")
    expect(page.get_by_role("heading", name=re.compile("No words match"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="tight").click()
    expect(page.get_by_text("Feelings people often notice as tightness")).to_be_visible()
    assert_accessible(page)


def test_it_shows_quadrants_with_words(page):
    page.goto("/words/quadrants/")
    for label in ["Pleasant, high energy", "Unpleasant, low energy"]:
        expect(page.get_by_role("heading", name=label, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="furious", exact=True)).to_be_visible()
    assert_accessible(page)


def test_it_answers_an_unknown_word_kindly(page):
    response = page.goto("/words/floobish/")
    assert response.status == 404
    expect(page.get_by_role("heading", name=re.compile("isn't in the word list"))).to_be_visible()
    expect(page.get_by_label("Find a word")).to_have_value("floobish")
    assert_accessible(page)


def test_it_fits_a_phone_screen(phone_page):
    phone_page.goto("/words/shut-down/")
    expect(phone_page.get_by_role("heading", name="Shut down", level=1)).to_be_visible()
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    assert_accessible(phone_page)


def test_it_tells_body_states_from_feelings_and_offers_help_beside_heavy_words(page):
    page.goto("/words/")
    expect(page.get_by_role("heading", name=re.compile("Body states: not feelings"))).to_be_visible()
    page.get_by_role("link", name="tired", exact=True).click()
    expect(page).to_have_url(re.compile(r"/words/tired/$"))
    expect(page.get_by_text("is a body state, not a feeling")).to_be_visible()
    comparison = page.locator("#neighbours + .neighbours")
    expect(comparison.get_by_role("link", name="Numb")).to_be_visible()
    assert_accessible(page)

    page.goto("/words/hopeless/")
    expect(page.get_by_text("Hopelessness is a feeling, not a forecast")).to_be_visible()
    page.get_by_role("link", name="see who you can talk to now").click()
    expect(page).to_have_url(re.compile(r"/help/$"))
