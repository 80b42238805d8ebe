"""The contrast question in a real browser: asked when two families are close, answered by
keyboard, kept, and the suggestions turn toward the answer; axe-core finds nothing serious."""

import pytest
from playwright.sync_api import expect

from feelmap.checkins.models import ContrastAnswer
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CLOSE = "I got the job but I will have to move away from my family"


def test_it_asks_more_like_sad_or_happy_and_learns_from_the_answer(logged_in_page, person):
    page = logged_in_page
    page.goto("/checkin/quick/")
    page.locator("#id_note").fill(CLOSE)
    page.get_by_label("I'm not sure, or I feel numb").check()
    page.get_by_role("button", name="Suggest words").click()
    question = page.get_by_role("group", name="More like sad, or more like happy?")
    expect(question).to_be_visible()
    added = page.locator("[data-suggestion-list] [data-suggested]")
    expect(added.first).to_have_attribute("data-suggested", "sad")
    assert_accessible(page)

    happy = question.get_by_role("button", name="More like “happy”")
    happy.focus()
    page.keyboard.press("Enter")
    expect(question).to_have_count(0)  # asked and answered
    expect(added.first).to_have_attribute("data-suggested", "happy")
    expect(page.locator("[data-naming-status]")).to_have_text(
        "Thank you. Words closer to “happy” are now first.")
    expect(added.first).to_be_focused()
    assert_accessible(page)
    kept = ContrastAnswer.objects.get(owner=person)
    assert (kept.family_a, kept.family_b, kept.chosen) == ("sadness", "joy", "joy")


def test_not_sure_is_a_fine_answer(logged_in_page, person):
    page = logged_in_page
    page.goto("/checkin/quick/")
    page.locator("#id_note").fill(CLOSE)
    page.get_by_label("I'm not sure, or I feel numb").check()
    page.get_by_role("button", name="Suggest words").click()
    question = page.get_by_role("group", name="More like sad, or more like happy?")
    question.get_by_role("button", name="Not sure").click()
    expect(question).to_have_count(0)
    added = page.locator("[data-suggestion-list] [data-suggested]")
    expect(added.first).to_have_attribute("data-suggested", "sad")
    expect(page.locator("[data-naming-status]")).to_have_text(
        "Thank you. Not sure is a fine answer.")
    assert ContrastAnswer.objects.get(owner=person).chosen == ""
