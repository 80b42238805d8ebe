"""Drafts kept in the browser belong to one signed-in session: on a shared computer the next
person never sees them, after a sign-out, after a timeout, or if a key was left behind."""

import json

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "A private thing about my sister"


def stored(page) -> str:
    """Everything in this browser's localStorage, keys and values, as one string."""
    return page.evaluate("() => JSON.stringify(Object.entries(window.localStorage))")


def wait_until_stored(page, text: str) -> None:
    page.wait_for_function("(text) => JSON.stringify(Object.entries(localStorage)).includes(text)",
                           arg=text)


def test_it_forgets_a_checkin_draft_at_sign_out(page, person, other_person):
    browser_login(page, person.username)
    page.goto("/checkin/quick/")
    page.locator("#id_note").fill(SECRET)
    wait_until_stored(page, SECRET)
    # The key names the session's random id, never the person.
    keys = json.loads(stored(page))
    assert all(person.username not in key for key, _ in keys)

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/accounts/login/**")
    assert SECRET not in stored(page)

    browser_login(page, other_person.username)
    page.goto("/checkin/quick/")
    assert page.locator("#id_note").input_value() == ""
    assert page.locator("[data-draft-notice]").is_hidden()
    assert SECRET not in stored(page)


def test_it_forgets_a_journal_draft_when_the_session_times_out(page, person, other_person):
    browser_login(page, person.username)
    page.goto("/journal/write/")
    # The server can't be reached, so the words are kept only in this browser.
    page.route("**/journal/draft", lambda route: route.abort())
    page.get_by_label("Your writing").fill(SECRET)
    page.locator("#save-status").filter(has_text="kept in this browser").wait_for()
    assert SECRET in stored(page)
    page.unroute("**/journal/draft")

    # The session ends without a sign-out (idle or absolute limit): the next page is sign-in.
    Session.objects.all().delete()
    page.goto("/journal/write/")
    page.wait_for_url("**/accounts/login/**")
    assert SECRET not in stored(page)

    browser_login(page, other_person.username)
    page.goto("/journal/write/")
    assert page.get_by_label("Your writing").input_value() == ""
    assert SECRET not in stored(page)


def test_it_ignores_and_deletes_drafts_of_another_session(page, person):
    browser_login(page, person.username)
    page.goto("/checkin/")
    # Left behind by another session, and by the old key names from before drafts were scoped.
    page.evaluate(
        """(text) => {
            const old = JSON.stringify({fields: {note: [text]}, saved_at: new Date().toISOString()});
            localStorage.setItem("feelmap:someone-else:draft:checkin-quick", old);
            localStorage.setItem("feelmap-draft:checkin-quick", old);
            localStorage.setItem("feelmap.journal.draft.new",
                                 JSON.stringify({savedAt: Date.now(), data: {body: text}}));
        }""",
        SECRET,
    )
    page.goto("/checkin/quick/")
    assert page.locator("#id_note").input_value() == ""
    assert page.locator("[data-draft-notice]").is_hidden()
    page.goto("/journal/write/")
    assert page.get_by_label("Your writing").input_value() == ""
    assert SECRET not in stored(page)


def test_it_still_brings_back_the_same_sessions_draft(page, person):
    browser_login(page, person.username)
    page.goto("/journal/write/")
    page.route("**/journal/draft", lambda route: route.abort())
    page.get_by_label("Your writing").fill(SECRET)
    page.locator("#save-status").filter(has_text="kept in this browser").wait_for()
    page.unroute("**/journal/draft")
    page.reload()
    expect(page.get_by_label("Your writing")).to_have_value(SECRET)
