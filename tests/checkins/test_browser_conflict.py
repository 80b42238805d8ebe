"""Two tabs editing one check-in, in a real browser: the later save is shown both versions,
nothing is lost, and the person chooses; axe-core on the conflict page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from feelmap.checkins.models import CheckIn, Draft
from feelmap.checkins.services import checkin_create
from feelmap.checkins.validation import validate_checkin
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _checkin(person) -> CheckIn:
    data, errors = validate_checkin(
        {"kind": "quick", "pleasantness": 1, "energy": 0, "labels": [{"word": "calm"}],
         "note": "The first words."},
        now=timezone.now())
    assert data is not None, errors
    return checkin_create(owner=person, data=data)


def _watch_csp(page) -> list[str]:
    """The `page` fixture checks its own tab; a second tab is watched the same way."""
    found: list[str] = []
    page.on("console", lambda msg: found.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text else None)
    return found


def _fill(page, selector: str, value: str) -> None:
    """Fill a field of the edit page, stepping with Next to the station that holds it."""
    field = page.locator(selector)
    for _ in range(8):
        if field.is_visible():
            field.fill(value)
            return
        page.get_by_role("button", name="Next").click()
    raise AssertionError(f"No step shows {selector}")


def test_two_tabs_on_one_check_in_see_both_versions_and_choose(logged_in_page, person):
    checkin = _checkin(person)
    edit_url, detail_url = f"/checkin/{checkin.public_id}/edit/", f"/checkin/{checkin.public_id}/"
    first = logged_in_page
    first.goto(edit_url)
    second = first.context.new_page()
    csp = _watch_csp(second)
    second.goto(edit_url)

    _fill(first, "#id_note", "Written in the first tab.")
    first.get_by_role("button", name="Save changes").click()
    first.wait_for_url(f"**{detail_url}?saved=changed")

    # The second tab, opened before that save, writes its own answers; its autosave reaches
    # the server before it saves (a draft from version 0 must not undo the choice later).
    _fill(second, "#label-1-word", "tired")
    _fill(second, "#id_note", "Written in the second tab.")
    expect(second.locator("[data-draft-status]")).to_contain_text("Draft saved")
    second.get_by_role("button", name="Save changes").click()

    panel = second.locator("#checkin-conflict")
    expect(panel).to_be_visible()
    expect(panel).to_be_focused()
    expect(panel).to_contain_text("Nothing has been overwritten")
    mine, saved = panel.locator("[data-conflict-mine]"), panel.locator("[data-conflict-saved]")
    expect(mine).to_contain_text("Written in the second tab.")
    expect(mine).to_contain_text("tired")
    expect(saved).to_contain_text("Written in the first tab.")
    expect(saved).to_contain_text("calm")
    expect(panel).to_contain_text("2 parts are not the same")
    # This tab's words are still in the form, based now on the saved version, and no old
    # draft was put back over them.
    expect(second.locator("#id_note")).to_have_value("Written in the second tab.")
    expect(second.locator("#label-1-word")).to_have_value("tired")
    expect(second.locator("input[name=version]")).to_have_value("1")
    expect(second.locator("[data-draft-notice]")).to_be_hidden()
    checkin.refresh_from_db()
    assert (checkin.note, checkin.version) == ("Written in the first tab.", 1)
    assert_accessible(second)

    # The first tab opens the edit page again (version 1) before the second tab chooses.
    first.goto(edit_url)
    second.get_by_role("button", name="Keep the version on this page").click()
    second.wait_for_url(f"**{detail_url}?saved=changed")
    checkin.refresh_from_db()
    assert (checkin.note, checkin.version) == ("Written in the second tab.", 2)
    assert [lab.text for lab in checkin.labels.all()] == ["tired"]
    assert not Draft.objects.filter(owner=person, key=f"edit-{checkin.public_id}").exists()

    # The first tab is now the stale one: it writes, sees the conflict, keeps the saved one.
    _fill(first, "#id_note", "An old tab's words.")
    expect(first.locator("[data-draft-status]")).to_contain_text("Draft saved")
    first.get_by_role("button", name="Save changes").click()
    expect(first.locator("#checkin-conflict [data-conflict-saved]")).to_contain_text(
        "Written in the second tab.")
    expect(first.locator("#checkin-conflict [data-conflict-mine]")).to_contain_text(
        "An old tab's words.")
    assert_accessible(first)
    first.get_by_role("button", name="Use the saved version").click()
    first.wait_for_url(f"**{detail_url}?saved=kept")
    expect(first.get_by_role("status")).to_contain_text("You kept the saved version")
    checkin.refresh_from_db()
    assert (checkin.note, checkin.version) == ("Written in the second tab.", 2)
    # The words let go do not come back the next time the edit page opens.
    assert not Draft.objects.filter(owner=person, key=f"edit-{checkin.public_id}").exists()
    first.goto(edit_url)
    expect(first.locator("#id_note")).to_have_value("Written in the second tab.")
    expect(first.locator("[data-draft-notice]")).to_be_hidden()
    second.close()
    assert not csp, f"Content-Security-Policy violations: {csp}"
