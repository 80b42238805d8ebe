"""The data page in a real browser: reached from the account area, a download, an import
(a bad file explained, a good one added), and deleting the account; axe-core clean."""

from __future__ import annotations

import io
import json

import pytest

from feelmap.accounts.models import User
from feelmap.checkins.models import CheckIn
from feelmap.portability.exporting import write_json
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_download_and_import(logged_in_page, person, other_person, tmp_path):
    CheckIn.objects.create(owner=person, occurred_at="2026-03-01T08:00:00+00:00", note="mine")
    CheckIn.objects.create(owner=other_person, occurred_at="2026-03-02T08:00:00+00:00", note="theirs")
    page = logged_in_page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Your data").click()
    page.get_by_role("heading", name="Your data", level=1).wait_for()
    assert_accessible(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Everything, as one JSON file").click()
    saved = tmp_path / "mine.json"
    info.value.save_as(saved)
    assert json.loads(saved.read_text())["data"]["checkins"][0]["note"] == "mine"

    broken = tmp_path / "broken.json"
    broken.write_text(saved.read_text()[:100])
    page.get_by_label("Feelmap file (.json)").set_input_files(str(broken))
    page.get_by_role("button", name="Import").click()
    page.get_by_role("alert").wait_for()
    assert "Nothing was imported" in page.get_by_role("alert").inner_text()
    assert_accessible(page)

    out = io.StringIO()
    write_json(other_person, out)
    theirs = tmp_path / "theirs.json"
    theirs.write_text(out.getvalue())
    page.get_by_label("Feelmap file (.json)").set_input_files(str(theirs))
    page.get_by_role("button", name="Import").click()
    page.get_by_text("Imported 1 records").wait_for()
    assert_accessible(page)
    assert sorted(c.note for c in CheckIn.objects.filter(owner=person)) == ["mine", "theirs"]


def test_delete_account(logged_in_page, person):
    CheckIn.objects.create(owner=person, occurred_at="2026-03-01T08:00:00+00:00", note="bye")
    page = logged_in_page
    page.goto("/accounts/data/")
    page.get_by_label("To confirm, type your username").fill("not me")
    page.get_by_role("button", name="Delete my account and everything in it").click()
    page.get_by_text("nothing was deleted").wait_for()
    assert_accessible(page)
    assert User.objects.filter(pk=person.pk).exists()

    page.get_by_label("To confirm, type your username").fill(person.username)
    page.get_by_role("button", name="Delete my account and everything in it").click()
    page.get_by_role("heading", name="Your account is deleted").wait_for()
    assert_accessible(page)
    assert not User.objects.filter(pk=person.pk).exists()
    assert not CheckIn.objects.exists()
    page.goto("/accounts/data/")
    assert "/accounts/login/" in page.url


def test_download_the_pdf_summary(logged_in_page, person, tmp_path):
    from tests.pdf_tools import pdf_text

    for day in range(1, 6):
        CheckIn.objects.create(owner=person, occurred_at=f"2026-03-0{day}T08:00:00+00:00",
                               pleasantness=1.0, energy=-1.0)
    page = logged_in_page
    page.goto("/accounts/data/")
    page.get_by_label("First day").fill("2026-03-01")
    page.get_by_label("Last day").fill("2026-03-31")
    assert_accessible(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the PDF summary").click()
    saved = tmp_path / "summary.pdf"
    info.value.save_as(saved)
    assert info.value.suggested_filename.endswith(".pdf")
    text = " ".join(pdf_text(saved.read_bytes()).split())
    assert "Period: 01 March 2026 to 31 March 2026" in text
    assert "5 check-ins on 5 of the 31 days" in text
