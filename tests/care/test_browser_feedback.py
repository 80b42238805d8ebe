"""In a real browser: a clinician comments on a shared journal entry and the person replies
from the entry's own page; a clinician's suggestion reaches the person's plan and is marked
done. axe-core clean on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from feelmap.journal.models import JournalEntry
from tests.conftest import BROWSER_TIMEOUT_MS, assert_accessible, browser_login

from .conftest import link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_feedback_thread_in_context(page, browser, live_server, person, clinician):
    entry = JournalEntry.objects.create(owner=person, title="Tuesday", body="I felt heavy after the call")
    link(person, clinician, ["journal"])
    other = browser.new_context(base_url=live_server.url)
    other.set_default_timeout(BROWSER_TIMEOUT_MS)
    doc = other.new_page()
    try:
        browser_login(doc, clinician.username)
        doc.goto(f"/care/people/{person.public_id}/journal/")
        doc.get_by_role("link", name="Comment on “Tuesday”").click()
        expect(doc.get_by_label("Your comment")).to_be_visible()  # the entry's page has loaded
        assert_accessible(doc)
        doc.get_by_label("Your comment").fill("What helped a little, afterwards?")
        doc.get_by_role("button", name="Send comment").click()
        expect(doc.get_by_text("Sent. river sees it next to this entry.")).to_be_visible()

        browser_login(page, person.username)
        page.goto(f"/journal/{entry.public_id}/")
        expect(page.get_by_role("heading", name="Conversation with dr_ash")).to_be_visible()
        expect(page.get_by_text("What helped a little, afterwards?")).to_be_visible()
        assert_accessible(page)
        page.get_by_label("Your reply to dr_ash").fill("A walk, and telling my sister")
        page.get_by_role("button", name="Send reply").click()
        expect(page.get_by_text("Your reply is sent to dr_ash.")).to_be_visible()
        expect(page.get_by_text("A walk, and telling my sister")).to_be_visible()
        assert_accessible(page)

        doc.reload()
        expect(doc.get_by_text("A walk, and telling my sister")).to_be_visible()
        assert_accessible(doc)

        page.get_by_role("button", name="Delete this conversation").click()
        expect(page.get_by_text("The conversation with dr_ash about this is deleted.")).to_be_visible()
        doc.reload()
        expect(doc.get_by_text("A walk, and telling my sister")).to_have_count(0)
    finally:
        other.close()


def test_a_suggestion_reaches_the_persons_plan(page, browser, live_server, person, clinician):
    link(person, clinician)
    other = browser.new_context(base_url=live_server.url)
    other.set_default_timeout(BROWSER_TIMEOUT_MS)
    doc = other.new_page()
    try:
        browser_login(doc, clinician.username)
        doc.goto(f"/care/people/{person.public_id}/")
        assert_accessible(doc)
        doc.get_by_label("A practice").check()
        doc.get_by_label("Which practice").select_option("senses")
        doc.get_by_label("Every day").check()
        due = (timezone.localdate() + timedelta(days=7)).isoformat()
        doc.get_by_label("Due date (until when, for daily or weekly)").fill(due)
        doc.get_by_label("A note for river (optional)").fill("Five minutes outside counts")
        doc.get_by_role("button", name="Suggest it").click()
        expect(doc.get_by_text("It is in river's plan for today.")).to_be_visible()
        expect(doc.get_by_role("cell", name="Done 0 of 1 days so far")).to_be_visible()
        assert_accessible(doc)

        browser_login(page, person.username)
        page.goto("/")
        plan = page.get_by_role("region", name="Suggested for you")
        expect(plan.get_by_role("link", name="Senses activity")).to_be_visible()
        expect(plan.get_by_text("Five minutes outside counts")).to_be_visible()
        assert_accessible(page)
        plan.get_by_role("button", name="Mark “Senses activity” as done").click()
        expect(page.get_by_text("Marked as done.")).to_be_visible()
        expect(page.get_by_role("region", name="Suggested for you").get_by_text("Done for today.")).to_be_visible()
        assert_accessible(page)

        doc.reload()
        expect(doc.get_by_role("cell", name="Done 1 of 1 days so far, done today")).to_be_visible()
    finally:
        other.close()
