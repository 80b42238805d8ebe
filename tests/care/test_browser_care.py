"""Linking by code, sharing one kind, the clinician reading it, and revoking, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from feelmap.journal.models import JournalEntry
from tests.conftest import BROWSER_TIMEOUT_MS, assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_link_share_read_and_revoke(page, browser, live_server, person, clinician):
    JournalEntry.objects.create(owner=person, title="Tuesday", body="I felt heavy after the call")
    browser_login(page, person.username)
    page.goto("/care/")
    assert_accessible(page)
    page.get_by_role("button", name="Make a code").click()
    code = page.get_by_label("Your code").input_value()
    assert len(code) == 12
    assert_accessible(page)

    other = browser.new_context(base_url=live_server.url)
    other.set_default_timeout(BROWSER_TIMEOUT_MS)
    doc = other.new_page()
    try:
        browser_login(doc, clinician.username)
        doc.goto("/care/join/")
        assert_accessible(doc)
        doc.get_by_label("Code").fill(code)
        doc.get_by_role("button", name="Link").click()
        expect(doc.get_by_role("heading", level=1)).to_have_text("river")
        expect(doc.get_by_text("has not chosen to share anything yet")).to_be_visible()
        assert_accessible(doc)

        page.goto("/care/")
        page.get_by_label("Journal", exact=True).check()
        page.get_by_role("button", name="Save what dr_ash can see").click()
        expect(page.get_by_text("dr_ash can now see: journal.")).to_be_visible()
        assert_accessible(page)

        doc.reload()
        doc.locator("#main").get_by_role("link", name="Journal").click()
        expect(doc.get_by_text("I felt heavy after the call")).to_be_visible()
        assert_accessible(doc)
        journal_url = doc.url

        page.get_by_role("button", name="End the link with dr_ash").click()
        expect(page.get_by_text("The link with dr_ash has ended")).to_be_visible()
        expect(page.get_by_role("cell", name="Looked at your journal")).to_be_visible()
        assert_accessible(page)

        response = doc.goto(journal_url)
        assert response is not None and response.status == 404
        expect(doc.get_by_text("I felt heavy after the call")).to_have_count(0)
    finally:
        other.close()


def test_the_clinician_downloads_a_progress_report(page, person, clinician, tmp_path):
    from feelmap.assessments.models import AssessmentResponse
    from tests.care.conftest import link
    from tests.pdf_tools import pdf_text

    for day, total in ((3, 14), (17, 9)):
        AssessmentResponse.objects.create(owner=person, instrument="phq9",
                                          started_at=f"2026-02-{day:02d}T09:00:00+00:00",
                                          completed_at=f"2026-02-{day:02d}T09:05:00+00:00",
                                          total=total)
    link(person, clinician, ["questionnaires"])
    browser_login(page, clinician.username)
    page.goto(f"/care/people/{person.public_id}/")
    page.get_by_label("First day").fill("2026-02-01")
    page.get_by_label("Last day").fill("2026-02-28")
    assert_accessible(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the progress report").click()
    saved = tmp_path / "report.pdf"
    info.value.save_as(saved)
    text = " ".join(pdf_text(saved.read_bytes()).split())
    assert "Progress report: river" in text
    assert "First 14, latest 9." in text
    assert "Check-ins" not in text


def test_the_clinician_sees_the_newest_safety_flags_and_follows_to_all_of_them(page, clinician):
    from tests.care.test_dashboard import _flagged_people

    _flagged_people(clinician, 7)
    browser_login(page, clinician.username)
    page.goto("/care/")
    box = page.get_by_role("region", name="New safety flags")
    expect(box.get_by_role("listitem")).to_have_count(5)
    expect(box.get_by_text("The 5 most recent of 7 people with a new flag")).to_be_visible()
    expect(box.get_by_role("link", name="What the flags mean")).to_have_attribute("href", "#flags-heading")
    expect(page.get_by_role("term")).to_have_count(4)  # what the flags mean, said once
    assert_accessible(page)
    box.get_by_role("link", name="See all 7 people with new safety flags").click()
    expect(page.get_by_text("Only the people with a new safety flag, newest first: 7 of 7.")).to_be_visible()
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(8)  # the heading row and the seven people, newest first
    expect(rows.nth(1)).to_contain_text("f06")
    assert_accessible(page)
    page.get_by_role("button", name="Mark “Question 9 of the PHQ-9” for f06 as seen").click()
    expect(page.get_by_text("Marked as seen: question 9 of the phq-9 for f06.")).to_be_visible()
    expect(page.get_by_text("newest first: 6 of 7.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Show everyone").click()
    expect(page.get_by_text("7 people share with you.")).to_be_visible()
