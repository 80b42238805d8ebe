"""Questionnaires in a real browser: safety flow, one question per screen, resume, axe."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from feelmap.assessments.models import AssessmentResponse
from feelmap.assessments.services import complete
from feelmap.safety.models import SafetyFlag
from tests.conftest import assert_accessible, browser_login, hold_autosaves

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _choose(page, number: int, label: str) -> None:
    page.locator(f"#question-{number}").get_by_label(label, exact=True).check()


def test_it_takes_phq9_with_item_nine_and_lands_on_crisis_resources(logged_in_page, person):
    page = logged_in_page
    page.goto("/measures/phq9/")
    assert_accessible(page)
    for number in range(1, 9):
        _choose(page, number, "Several days")
    note = page.locator("[data-safety-note]")
    expect(note).to_be_hidden()
    _choose(page, 9, "Several days")
    expect(note).to_be_visible()
    expect(note.get_by_role("link", name="See who you can talk to now")).to_be_visible()
    page.get_by_role("button", name="See my results").click()
    page.wait_for_url("**/help/?from=phq9")
    expect(page.get_by_role("heading", level=1)).to_have_text("Support for thoughts of death or of hurting yourself")
    expect(page.get_by_text("Nobody monitors Feelmap.")).to_be_visible()
    expect(page.get_by_role("heading", name="Talk to someone now")).to_be_visible()
    assert page.locator(".resource").count() >= 1
    assert_accessible(page)
    assert SafetyFlag.objects.filter(owner=person, source="phq9-item9").count() == 1
    page.get_by_role("link", name="See your results").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your PHQ-9 result")
    assert_accessible(page)


def test_it_takes_who5_on_a_phone_one_question_per_screen_by_keyboard(phone_page, person):
    page = phone_page
    browser_login(page, person.username)
    page.goto("/measures/who5/")
    progress = page.locator("[data-progress]")
    expect(progress).to_have_text("Question 1 of 5")
    expect(page.locator("#question-1")).to_be_visible()
    expect(page.locator("#question-2")).to_be_hidden()
    expect(page.get_by_role("button", name="See my results")).to_be_hidden()
    assert_accessible(page)
    page.locator("#question-1 input").first.focus()
    for number in range(1, 6):
        if number > 1:
            page.keyboard.press("Tab")  # from the question into its options
        page.keyboard.press("Space")  # choose the focused option (first: "All of the time", 5)
        page.keyboard.press("ArrowDown")  # arrows move the choice down the list: 4
        page.keyboard.press("ArrowDown")  # 3, "More than half of the time"
        if number < 5:
            if number > 1:
                page.keyboard.press("Tab")  # Back
            page.keyboard.press("Tab")  # Next
            page.keyboard.press("Enter")
            expect(progress).to_have_text(f"Question {number + 1} of 5")
            expect(page.locator(f"#question-{number}")).to_be_hidden()
            expect(page.locator(f"#question-{number + 1}")).to_be_focused()
    expect(page.get_by_role("button", name="See my results")).to_be_visible()
    page.keyboard.press("Tab")  # Back
    page.keyboard.press("Tab")  # See my results
    page.keyboard.press("Enter")
    page.wait_for_url("**/measures/r/**")
    saved = AssessmentResponse.objects.get(owner=person, instrument="who5")
    assert saved.answer_map() == {n: 3 for n in range(1, 6)}
    assert saved.total == 60
    assert_accessible(page)


def test_it_resumes_a_half_finished_questionnaire_after_reload(logged_in_page, person):
    page = logged_in_page
    page.goto("/measures/gad7/")
    _choose(page, 1, "More than half the days")
    _choose(page, 2, "Nearly every day")
    expect(page.locator("[data-autosave-status]")).to_have_text("Your answers are saved.")
    page.reload()
    expect(page.get_by_text("Welcome back.")).to_be_visible()
    expect(page.locator("#question-1").get_by_label("More than half the days")).to_be_checked()
    expect(page.locator("#question-2").get_by_label("Nearly every day")).to_be_checked()
    draft = AssessmentResponse.objects.get(owner=person, instrument="gad7")
    assert draft.completed_at is None


def test_it_resumes_on_a_phone_at_the_first_unanswered_question(phone_page, person):
    from feelmap.assessments.services import save_draft

    save_draft(person, "gad7", {1: 1, 2: 1, 3: 0})
    browser_login(phone_page, person.username)
    phone_page.goto("/measures/gad7/")
    expect(phone_page.locator("[data-progress]")).to_have_text("Question 4 of 8")


def test_it_names_missing_questions_in_the_browser(logged_in_page):
    page = logged_in_page
    page.goto("/measures/who5/")
    _choose(page, 1, "5 – All of the time")
    page.get_by_role("button", name="See my results").click()
    expect(page.locator("#form-errors")).to_be_focused()
    expect(page.locator("#form-errors")).to_contain_text("4 questions have no answer yet")
    assert_accessible(page)


def test_every_questionnaire_page_is_accessible(logged_in_page, person):
    page = logged_in_page
    page.goto("/measures/")
    expect(page.get_by_text("Nothing here yet.")).to_be_visible()
    assert_accessible(page)
    now = timezone.now()
    for weeks, value in [(6, 2), (4, 2), (2, 1), (0, 1)]:
        complete(person, "gad7", {n: value for n in range(1, 8)}, when=now - timedelta(weeks=weeks))
    complete(person, "maia2", {n: 3 for n in range(1, 38)}, when=now - timedelta(weeks=4))
    last = complete(person, "maia2", {n: 4 for n in range(1, 38)}, when=now).response
    for url in ["/measures/", "/measures/gad7/history/", "/measures/maia2/history/",
                f"/measures/r/{last.public_id}/", "/measures/schedule/", "/measures/maia2/",
                "/measures/paq/history/"]:
        page.goto(url)
        assert_accessible(page)
    page.goto("/measures/gad7/history/")
    expect(page.locator("figure.trend svg")).to_have_count(1)
    page.goto("/measures/schedule/")
    page.get_by_label("Every how many days (PHQ-9)").fill("3")
    page.get_by_role("button", name="Save my schedule").click()
    expect(page.get_by_text("At least 7 days")).to_be_visible()
    assert_accessible(page)


def test_finishing_waits_for_an_autosave_still_on_its_way(logged_in_page, person):
    """An autosave still under way when the person finishes must reach the server first:
    handled after the finished answers, it would start a stray draft of them (seen on a loaded
    machine as two WHO-5 responses, one finished and one a draft)."""
    page = logged_in_page
    page.goto("/measures/who5/")
    # autosave requests kept waiting until the person has pressed "See my results"
    held, events = hold_autosaves(page, "**/measures/who5/autosave/")
    for number in range(1, 5):
        _choose(page, number, "3 – More than half of the time")
    with page.expect_request("**/measures/who5/autosave/"):
        _choose(page, 5, "3 – More than half of the time")
    page.get_by_role("button", name="See my results").click()
    for route in held:
        route.continue_()
    page.wait_for_url("**/measures/r/**")

    finished = events.index(("sent", "POST", page.url.split("/measures/")[0] + "/measures/who5/"))
    autosaves = [i for i, e in enumerate(events) if e[0] == "answered" and e[2].endswith("/autosave/")]
    assert autosaves and max(autosaves) < finished, events
    saved = AssessmentResponse.objects.get(owner=person, instrument="who5")
    assert saved.completed_at is not None and saved.total == 60
