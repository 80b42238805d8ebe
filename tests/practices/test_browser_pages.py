"""Practice landing page, senses library and activity, preferences: in a real browser."""

import pytest
from playwright.sync_api import expect

from feelmap.practices.models import PracticePreferences, PracticeSession
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_the_plan_the_practices_and_an_empty_history(logged_in_page):
    page = logged_in_page
    page.goto("/practice/")
    page.get_by_role("heading", name="Practice", exact=True).wait_for()
    assert page.locator(".plan .reason").inner_text()
    assert "No practices yet" in page.content()
    assert_accessible(page)


def test_it_does_a_senses_activity_and_lists_it_in_history(logged_in_page):
    page = logged_in_page
    page.goto("/practice/senses/")
    assert_accessible(page)
    page.get_by_role("link", name="Hum and feel it").click()
    page.get_by_role("heading", name="Hum and feel it").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    page.get_by_role("alert").wait_for()  # neither words nor "nothing in particular"
    assert_accessible(page)
    page.get_by_label("What did you notice?").fill("A buzz in my lips and cheeks.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("A buzz in my lips and cheeks.").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Back to practices").click()
    page.get_by_role("link", name="Hum and feel it").wait_for()
    assert_accessible(page)
    assert PracticeSession.objects.get().what_noticed == "A buzz in my lips and cheeks."


def test_it_saves_preferences_by_keyboard(logged_in_page, person):
    page = logged_in_page
    page.goto("/practice/preferences/")
    assert_accessible(page)
    page.get_by_label("Structured: a fixed weekly rhythm").focus()
    page.keyboard.press("Space")
    page.get_by_label("Usual breathing pattern").select_option("box")
    page.get_by_label("Read body scan steps aloud (if your browser can)").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save preferences").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/practice/")
    prefs = PracticePreferences.objects.get(owner=person)
    assert (prefs.style, prefs.breathing_pattern, prefs.speech) == ("structured", "box", True)
    from django.utils import timezone

    from feelmap.practices.plan import choose_practice

    expected = choose_practice(timezone.localdate(), "structured", [], [])
    assert page.locator(".plan .reason").inner_text() == expected.reason


def test_it_confirms_before_deleting_a_record(logged_in_page, person):
    from django.utils import timezone

    session = PracticeSession.objects.create(owner=person, kind="senses", activity_id="music-hum",
                                             started_at=timezone.now(), nothing_noticed=True)
    page = logged_in_page
    page.goto(f"/practice/sessions/{session.public_id}/")
    assert "Nothing in particular" in page.content()
    page.get_by_role("link", name="Delete this practice record").click()
    page.get_by_role("heading", name="Delete this practice record?").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, delete it").click()
    page.get_by_text("That practice record is deleted.").wait_for()
    assert not PracticeSession.objects.exists()


def test_it_works_on_a_phone(phone_page, person):
    from tests.conftest import browser_login

    browser_login(phone_page, person.username)
    phone_page.goto("/practice/breathing/")
    assert_accessible(phone_page)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400


def test_it_keeps_what_was_typed_after_a_reload(logged_in_page):
    page = logged_in_page
    page.goto("/practice/senses/music-hum/")
    page.get_by_label("What did you notice?").fill("My lips buzzed")
    page.get_by_text("Draft saved").wait_for()
    page.reload()
    expect(page.get_by_label("What did you notice?")).to_have_value("My lips buzzed")
    page.get_by_text("We brought back what you started").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    page.get_by_text("My lips buzzed").wait_for()
    from feelmap.checkins.models import Draft

    assert not Draft.objects.exists()
