"""The foundation in a real browser: sign up, log in and out, a failed login, the crisis page
by keyboard alone, and axe-core on every page on the way."""

import pytest
from playwright.sync_api import expect

from feelmap.accounts.models import User
from tests.conftest import PASSWORD, assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_signs_up_a_new_person_on_first_run(page):
    page.goto("/")
    assert page.url.endswith("/accounts/welcome/")
    assert_accessible(page)
    page.get_by_label("Username").fill("maya")
    page.get_by_label("What should Feelmap call you? (optional)").fill("Maya")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("The same password again").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.get_by_role("heading", name="Hello, Maya.").wait_for()
    assert User.objects.get(username="maya").password.startswith("argon2")
    assert_accessible(page)


def test_it_shows_sign_up_mistakes_next_to_the_fields(page):
    page.goto("/accounts/welcome/")
    page.get_by_label("Username").fill("maya")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("The same password again").fill("something else entirely")
    page.get_by_role("button", name="Create my account").click()
    page.get_by_role("alert").wait_for()
    assert "different" in page.locator(".has-error").inner_text()
    assert_accessible(page)
    assert not User.objects.exists()


def test_it_logs_in_and_out(page, person):
    browser_login(page, person.username)
    page.get_by_role("navigation", name="Main").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/accounts/login/")
    page.goto("/")
    assert page.url.endswith("/accounts/login/")


def test_it_fails_a_login_with_one_gentle_message(page, person):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(person.username)
    page.get_by_label("Password").fill("not the right one")
    page.get_by_role("button", name="Log in").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("don't match")
    expect(page.get_by_label("Username")).to_have_value(person.username)
    assert_accessible(page)


def test_it_reaches_the_crisis_page_by_keyboard_alone(page, person):
    browser_login(page, person.username)
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Need help now?":
            break
    assert page.evaluate("document.activeElement.textContent") == "Need help now?"
    page.keyboard.press("Enter")
    page.wait_for_url("**/help/")
    page.get_by_role("heading", name="Need help now?").wait_for()
    assert "Nobody monitors Feelmap" in page.content()
    assert_accessible(page)


def test_it_shows_a_friendly_not_found_page(page):
    page.goto("/nothing-here/")
    page.get_by_role("heading", name="We couldn't find that page").wait_for()
    assert_accessible(page)


def test_it_works_on_a_phone_sized_screen(phone_page, person):
    browser_login(phone_page, person.username)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page should not scroll sideways on a phone"
    assert_accessible(phone_page)
