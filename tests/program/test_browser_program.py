"""The path in a real browser: read an explanation page, start, do a day, see progress;
reminder settings; axe-core finds no serious problems."""

import re

import pytest
from playwright.sync_api import expect

from feelmap.program.models import ProgramDay, ReminderSettings
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_read_a_page_start_the_path_do_a_day_and_see_progress(logged_in_page, person):
    page = logged_in_page
    page.get_by_role("link", name="Your path").first.click()
    page.wait_for_url("**/path/")
    assert_accessible(page)
    page.get_by_role("link", name="Understanding pages").click()
    page.get_by_role("link", name="Numbness as protection").click()
    expect(page.get_by_role("heading", name="Why feeling again can be uncomfortable at first")).to_be_visible()
    expect(page.get_by_role("heading", name="Sources")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Your path", exact=True).last.click()
    page.get_by_role("button", name="Start the path").click()
    # The form posts back to /path/, the address the page already has: wait for what the new
    # page says, not for the address.
    expect(page.get_by_text("You're on the path.")).to_be_visible()
    expect(page.get_by_role("heading", name="Week 1: Noticing the body")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("One senses activity").check()
    page.get_by_label("What you noticed (optional)").fill("Warmth in my hands")
    page.get_by_role("button", name="Mark today's practice done").click()
    expect(page.get_by_text(re.compile(r"Today['’]s practice is noted\."))).to_be_visible()
    progress = page.locator("section.progress")
    expect(progress).to_contain_text("1 practice day in all")  # whitespace-normalised
    assert ProgramDay.objects.get(owner=person).practice == "senses"
    assert_accessible(page)
    # The home page's plan follows the path now.
    page.goto("/")
    expect(page.get_by_text("Week 1: Noticing the body").first).to_be_visible()
    assert_accessible(page)
    page.goto("/path/understand/pairs/")
    expect(page.get_by_role("heading", name="Tired or Numb?")).to_be_visible()
    assert_accessible(page)


def test_reminder_settings_save_and_show_problems(logged_in_page, person):
    page = logged_in_page
    page.goto("/path/reminders/")
    assert_accessible(page)
    page.get_by_label("Times (your local time, comma-separated)").fill("8:30, 26:00")
    page.get_by_role("button", name="Save reminders").click()
    expect(page.get_by_role("alert").filter(has_text="like 08:30")).to_be_visible()
    assert_accessible(page)
    assert not ReminderSettings.objects.filter(owner=person).exists()
    page.get_by_label("Times (your local time, comma-separated)").fill("8:30, 19:00")
    page.get_by_label("Saturday").uncheck()
    page.get_by_label("Time zone").select_option("Europe/Paris")
    page.get_by_role("button", name="Save reminders").click()
    # Saved and back on the same address: the message says the write has happened.
    expect(page.get_by_text("Reminder settings saved.")).to_be_visible()
    found = ReminderSettings.objects.get(owner=person)
    assert found.times == ["08:30", "19:00"] and 6 not in found.days
    assert found.time_zone == "Europe/Paris"
    page.get_by_role("button", name="Make a calendar address").click()
    address = page.get_by_label("Your calendar address (shown once: copy it now)")
    expect(address).to_have_value(re.compile(r"\.ics$"))
    assert_accessible(page)
