"""The guided body scan in a real browser: keyboard steps, logging sensations, auto-advance."""

import re

import pytest
from playwright.sync_api import expect

from feelmap.checkins.models import BodySensation
from feelmap.practices.models import PracticeSession
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _start(page, scan="Short (about 3 minutes)"):
    page.goto("/practice/bodyscan/")
    assert_accessible(page)
    page.get_by_label(scan).check()
    page.get_by_role("button", name="Start the body scan").click()
    page.wait_for_url("**/scan/")


def test_it_logs_sensations_region_by_region_with_the_keyboard(logged_in_page):
    page = logged_in_page
    _start(page)
    progress = page.locator("#scan-progress")
    expect(progress).to_have_text("Step 1 of 10: Settling in")
    speech = page.get_by_label("Read each step aloud")  # offered where speech synthesis exists
    expect(speech).to_be_visible()
    expect(speech).not_to_be_checked()
    assert_accessible(page)
    page.keyboard.press("ArrowRight")
    expect(progress).to_have_text("Step 2 of 10: Face and cheeks")
    assert page.evaluate("document.activeElement.textContent") == "Face and cheeks"
    face = page.locator("#step-1")
    face.get_by_label("Tension").check()
    face.get_by_label("Warmth").check()
    face.get_by_label("How strong?").fill("6")
    face.get_by_label("Tension").focus()
    page.keyboard.press("ArrowRight")  # arrows move between steps from a checkbox too
    expect(progress).to_have_text(re.compile("^Step 3 of 10"))
    page.keyboard.press("ArrowLeft")
    expect(progress).to_have_text(re.compile("^Step 2 of 10"))
    expect(face.get_by_label("Tension")).to_be_checked()
    page.get_by_role("button", name="Next").click()
    page.locator("#step-2").get_by_label("Nothing noticed here — that's a fine answer").check()
    for _ in range(7):
        page.get_by_role("button", name="Next").click()
    expect(progress).to_have_text("Step 10 of 10: Closing")
    expect(page.get_by_role("button", name="Next")).to_be_disabled()
    assert_accessible(page)
    page.get_by_role("button", name="Save the body scan").click()
    page.get_by_role("heading", name="What you noticed").wait_for()
    assert "Face and cheeks: tension (strength 6 of 10)" in page.content()
    assert "Nothing noticed in: Jaw and mouth" in page.content()
    assert_accessible(page)
    session = PracticeSession.objects.get()
    assert session.completed and session.quiet_regions == ["jaw"]
    assert sorted(BodySensation.objects.filter(checkin=session.scan_checkin).values_list("quality", flat=True)) == [
        "tension", "warmth"]


def test_it_moves_on_by_itself_and_pauses(logged_in_page):
    page = logged_in_page
    page.clock.install()
    _start(page)
    page.clock.pause_at(page.evaluate("Date.now()") + 1)  # only run_for moves time on
    progress = page.locator("#scan-progress")
    page.get_by_label("Move on by itself when each step's time is up").check()
    page.clock.run_for(25_500)  # the opening step lasts 25 s
    expect(progress).to_have_text(re.compile("^Step 2 of 10"))
    page.get_by_role("button", name="Pause guide").click()
    page.clock.run_for(60_000)
    expect(progress).to_have_text(re.compile("^Step 2 of 10"))
    page.get_by_role("button", name="Resume guide").click()
    page.clock.run_for(15_500)
    expect(progress).to_have_text(re.compile("^Step 3 of 10"))


def test_it_saves_a_scan_stopped_early_kindly(logged_in_page):
    page = logged_in_page
    _start(page, "Long (about 10 minutes)")
    page.get_by_role("button", name="Next").click()
    page.locator("#step-1").get_by_label("Tingling").check()
    page.get_by_role("button", name="Stop here and save").click()
    page.get_by_role("heading", name="What you noticed").wait_for()
    assert "stopping when you need to is fine" in page.content()
    session = PracticeSession.objects.get()
    assert session.completed_at is None and session.scan_checkin.sensations.get().region == "head"
