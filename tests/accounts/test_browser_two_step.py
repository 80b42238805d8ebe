"""Two-step sign-in in a real browser: a clinic clinician is sent to set it up, scans nothing
but reads the key off the page (the test computes the codes as an authenticator app would),
keeps the recovery codes, reaches Care, then signs in with a code and with a recovery code.
axe-core clean at each step; the page fixture fails on any CSP violation."""

from __future__ import annotations

import time

import pyotp
import pytest

from feelmap.accounts import twofactor
from tests.conftest import PASSWORD, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def clinic(settings):
    settings.CLINIC = True
    settings.FEELMAP_TWO_STEP_FOR_CLINICIANS = True


def _password_step(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def _log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    # Not wait_for_load_state: the page being left is loaded already, and a goto now would
    # cut the sign-out short.
    page.wait_for_url("**/accounts/login/")


def test_setup_then_sign_in_with_a_code_and_with_a_recovery_code(page, clinician, clinic):
    _password_step(page, clinician.username)
    page.get_by_role("heading", name="Set up two-step sign-in").wait_for()
    assert "/accounts/two-step/setup/" in page.url
    assert page.locator("svg.qr[role=img]").count() == 1
    assert_accessible(page)

    # Any other page sends the clinician back here until it is set up.
    page.goto("/care/")
    page.get_by_role("heading", name="Set up two-step sign-in").wait_for()

    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    totp = pyotp.TOTP(secret)
    page.get_by_label("Code from the app").fill("000000" if totp.now() != "000000" else "111111")
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    page.get_by_role("alert").wait_for()
    assert "does not match" in page.locator(".has-error").inner_text()
    assert_accessible(page)

    page.get_by_label("Code from the app").fill(totp.now())
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    page.get_by_role("heading", name="Two-step sign-in is on").wait_for()
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and twofactor.is_on(clinician)
    assert_accessible(page)
    page.get_by_role("link", name="I have kept them, continue").click()
    page.get_by_role("heading", name="Care and sharing", level=1).wait_for()

    _log_out(page)
    _password_step(page, clinician.username)
    page.get_by_role("heading", name="One more step").wait_for()
    assert_accessible(page)
    page.goto("/care/")  # not signed in yet: back to the sign-in page
    assert "/accounts/login/" in page.url
    page.goto("/accounts/login/two-step/")
    page.get_by_label("Code").fill("12345")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("alert").wait_for()
    assert_accessible(page)
    # The code the set-up used cannot be used again: the app's next code, as it would show
    # within 30 seconds (one step of drift is accepted).
    page.get_by_label("Code").fill(totp.at(time.time(), counter_offset=1))
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("navigation", name="Main").wait_for()
    page.goto("/care/")
    page.get_by_role("heading", name="Care and sharing", level=1).wait_for()

    _log_out(page)
    _password_step(page, clinician.username)
    page.get_by_role("heading", name="One more step").wait_for()
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("You signed in with a recovery code").wait_for()
    assert "9 left" in page.content()
    assert_accessible(page)
