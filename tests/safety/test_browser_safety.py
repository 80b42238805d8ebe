"""The safety plan and the crisis page in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from feelmap.safety.models import SafetyPlan
from feelmap.safety.services import save_plan
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_autosaves_the_safety_plan(logged_in_page, person):
    page = logged_in_page
    page.goto("/safety/plan/")
    assert_accessible(page)
    page.get_by_label("My warning signs").fill("I stop answering messages\nMy shoulders go tight")
    page.get_by_label("Share my safety plan with my clinician").check()
    expect(page.locator("[data-autosave-status]")).to_contain_text("Saved at")
    plan = SafetyPlan.objects.get(owner=person)
    assert plan.sections["warning_signs"] == ["I stop answering messages", "My shoulders go tight"]
    assert plan.shared_with_clinician is True
    page.reload()
    expect(page.get_by_label("My warning signs")).to_have_value(
        "I stop answering messages\nMy shoulders go tight"
    )


def test_it_reaches_the_plan_from_the_crisis_page(logged_in_page, person):
    save_plan(person, {"people_to_ask": ["Call Sam"]}, False, based_on=None)
    page = logged_in_page
    page.goto("/help/")
    expect(page.get_by_text("Call Sam")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change my safety plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My safety plan")


def test_it_shows_the_crisis_page_to_someone_signed_out(page):
    page.goto("/help/?locale=GB")
    expect(page.get_by_text("Nobody monitors Feelmap.")).to_be_visible()
    expect(page.get_by_role("link", name="Call 116 123 (Samaritans)")).to_be_visible()
    assert_accessible(page)
