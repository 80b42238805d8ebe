"""The insights page in a real browser: charts with text alternatives, keyboard, axe-core."""

from __future__ import annotations

import random

import pytest

from feelmap.checkins import demo as checkin_demo
from feelmap.practices import demo as practice_demo
from tests.conftest import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_data_charts_keyboard_and_accessibility(page, person):
    rng = random.Random(11)
    checkin_demo.generate(person, days=200, per_day=3, rng=rng, progress=lambda *a: None)
    practice_demo.generate(person, days=200, per_day=3, rng=rng, progress=lambda *a: None)
    browser_login(page, person.username)
    page.goto("/insights/")
    page.get_by_role("heading", name="Insights", level=1).wait_for()
    assert_accessible(page)
    # Every chart is an image with a name and a description, and is actually drawn.
    charts = page.locator("svg.chart, svg.atlas")
    assert charts.count() > 8
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert chart.get_attribute("role") == "img"
        title_id, desc_id = chart.get_attribute("aria-labelledby").split()
        assert page.locator(f"#{title_id}").text_content().strip()
        assert len(page.locator(f"#{desc_id}").text_content()) > 30
        box = chart.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 50
    # Line and bar charts come with the same numbers as a table, one click away.
    page.get_by_text("The numbers as a table").first.click()
    assert page.locator("details[open] table tbody tr").count() > 1
    # The wheel: keyboard reaches its words; Enter opens the word's page.
    page.get_by_role("link", name="Skip to the same words as a list").wait_for()
    segment = page.locator("svg.wheel a").first
    segment.focus()
    name = segment.get_attribute("aria-label")
    assert "family" in name
    page.keyboard.press("Tab")
    second = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert second and second != name
    page.keyboard.press("Enter")
    page.wait_for_url("**/words/**")
    assert page.locator("h1").text_content().strip().lower() in second.lower()


def test_an_empty_page_explains_what_will_appear(logged_in_page):
    page = logged_in_page
    page.goto("/insights/")
    page.get_by_text("There isn't enough here yet").wait_for()
    assert page.get_by_role("link", name="Check in").count() >= 1
    assert page.locator("svg.chart").count() == 0
    assert_accessible(page)
