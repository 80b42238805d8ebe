"""The safety plan and the crisis page in a real browser."""

from __future__ import annotations

import re

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
    expect(page.locator("#who-sees-it")).to_contain_text("Nobody else can see it")
    expect(page.locator("[data-autosave-status]")).to_contain_text("Saved at")
    plan = SafetyPlan.objects.get(owner=person)
    assert plan.sections["warning_signs"] == ["I stop answering messages", "My shoulders go tight"]
    assert plan.shared_with_clinician is False
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


def test_a_second_tab_sees_both_versions_and_chooses(logged_in_page, person):
    """Two tabs on the plan: the first saves, the second (stale) autosaves and is shown both
    versions; it can keep the saved one or its own, and nothing is lost unseen."""
    page = logged_in_page
    page.goto("/safety/plan/")
    stale = page.context.new_page()
    stale.goto("/safety/plan/")

    page.get_by_label("My warning signs").fill("written in the first tab")
    expect(page.locator("[data-autosave-status]")).to_contain_text("Saved at")

    stale.get_by_label("My warning signs").fill("written in the second tab")
    panel = stale.locator("#plan-conflict")
    expect(panel).to_be_visible()
    expect(panel.locator("[data-conflict-saved]")).to_contain_text("written in the first tab")
    expect(panel.locator("[data-conflict-mine]")).to_contain_text("written in the second tab")
    assert SafetyPlan.objects.get(owner=person).sections["warning_signs"] == [
        "written in the first tab"
    ]
    assert_accessible(stale)

    # "Use the saved version" puts the saved words in the boxes and changes nothing stored.
    stale.get_by_role("link", name="Use the saved version").click()
    expect(panel).to_be_hidden()
    expect(stale.get_by_label("My warning signs")).to_have_value("written in the first tab")

    # The first tab saves again; the second tab types, sees the conflict, keeps its own.
    page.get_by_label("My warning signs").fill("first tab, later")
    # The status still reads "Saved at" from the first save, so wait for the new version
    # itself (the autosave waits for a pause in typing; a loaded machine can take seconds).
    expect(page.locator("input[name=version]")).to_have_value("2", timeout=20_000)
    expect(page.locator("[data-autosave-status]")).to_contain_text("Saved at")
    stale.get_by_label("Things I can do on my own").fill("a walk")
    expect(panel).to_be_visible()
    stale.get_by_role("button", name="Keep the version on this page").click()
    expect(panel).to_be_hidden()
    expect(stale.locator("[data-autosave-status]")).to_contain_text("Saved at")
    plan = SafetyPlan.objects.get(owner=person)
    assert plan.sections["warning_signs"] == ["written in the first tab"]
    assert plan.sections["coping_steps"] == ["a walk"]
    assert plan.version == 3
    stale.close()


def _write_journal_entry(page, text: str) -> None:
    page.goto("/journal/write/")
    page.get_by_label("Your writing").fill(text)
    page.get_by_role("button", name="Save entry").click()
    page.wait_for_url(re.compile(r"/journal/[0-9a-f-]{36}/$"))


def test_an_everyday_note_shows_no_alarm_and_a_risk_note_offers_help(logged_in_page):
    page = logged_in_page
    _write_journal_entry(
        page, "Cut my thumb chopping onions, and these new shoes are killing me. "
        "Only 12 more sleeps until the holiday!"
    )
    expect(page.locator(".message.safety")).to_have_count(0)
    expect(page.get_by_role("alert")).to_have_count(0)

    _write_journal_entry(page, "I don't want to be here anymore. I've made my plan.")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("people are ready to talk")
    expect(alert.get_by_role("link", name="See who you can talk to now")).to_be_visible()
    assert_accessible(page)

    _write_journal_entry(page, "My friend says she wants to kill herself.")
    gentle = page.locator(".message.safety.gentle")
    expect(gentle).to_contain_text("help is one click away")
    expect(gentle.get_by_role("link", name="See who you can talk to now")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)
    assert_accessible(page)
