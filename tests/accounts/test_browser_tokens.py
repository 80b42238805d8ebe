"""The API tokens page in a real browser: reached from the account area, a token made and shown
once, a mistake explained, a token revoked; axe-core clean at each step."""

import pytest

from feelmap.accounts.models import ApiToken
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_makes_shows_once_and_revokes_a_token(logged_in_page, person):
    page = logged_in_page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="API tokens").click()
    page.get_by_role("heading", name="API tokens", level=1).wait_for()
    assert "no API tokens" in page.content()
    assert_accessible(page)

    page.get_by_label("Works for how many days (optional)").fill("0")
    page.get_by_role("button", name="Make a token").click()
    page.get_by_role("alert").wait_for()
    assert "from 1 to 365" in page.locator(".has-error").inner_text()
    assert_accessible(page)
    assert not ApiToken.objects.exists()

    page.get_by_label("Name (optional)").fill("my notebook")
    page.get_by_label("Works for how many days (optional)").fill("7")
    page.get_by_role("button", name="Make a token").click()
    page.get_by_role("heading", name="Your new token").wait_for()
    raw = page.get_by_label("Token", exact=True).input_value()
    assert ApiToken.objects.for_raw(raw).label == "my notebook"
    assert_accessible(page)

    page.goto("/accounts/tokens/")
    assert raw not in page.content()
    page.get_by_role("button", name="Revoke my notebook").click()
    page.get_by_text("no longer works").wait_for()
    assert page.get_by_role("cell", name="Revoked").count() == 1
    assert ApiToken.objects.for_raw(raw) is None
    assert_accessible(page)
