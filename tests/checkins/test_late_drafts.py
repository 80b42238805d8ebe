"""An autosave that reaches the server after its page's form was sent must not bring a draft
back. Each check-in page has an id, in a hidden `draft_page` sent with the form and with
every autosave; once the form was sent (the check-in saved, or its words let go), a draft from
that page is refused with 409 and nothing is stored. Other pages (another tab on the same
check-in) keep their drafts. The page's script also sends the form only after its autosaves
(browser test in test_browser_checkin.py); this is the server's half."""

from __future__ import annotations

import json
import re
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feelmap.accounts.models import SentPage
from feelmap.accounts.services import page_sent
from feelmap.checkins.models import CheckIn, Draft
from tests.conftest import bearer

pytestmark = pytest.mark.django_db

STALE = "The form on this page was already sent, so this draft is not kept."
SAVE = {"pleasantness": "2", "energy": "1", "label-1-word": "calm", "note": "fine"}


def _page(html: str) -> str:
    return re.search(r'name="draft_page" value="([0-9a-f-]{36})"', html).group(1)


def _server_draft(html: str):
    return json.loads(re.search(r'id="server-draft"[^>]*>(.*?)</script>', html, re.S).group(1))


def _autosave(client, key: str, note: str, page):
    state = {"fields": {"note": [note]}, "saved_at": "2026-01-01T00:00:00Z"}
    if page is not None:
        state["page"] = page
    return client.put(reverse("checkins:draft", args=[key]), data=json.dumps(state),
                      content_type="application/json")


def test_a_late_autosave_of_a_new_check_in_is_refused_after_the_save(person_client, person):
    page = _page(person_client.get(reverse("checkins:quick")).content.decode())
    other_tab = _page(person_client.get(reverse("checkins:quick")).content.decode())
    assert page != other_tab
    assert _autosave(person_client, "checkin-quick", "half a thought", page).status_code == 200
    saved = person_client.post(reverse("checkins:quick"), {**SAVE, "draft_page": page})
    assert saved.status_code == 302
    assert not Draft.objects.exists()  # the save cleared it

    late = _autosave(person_client, "checkin-quick", "fine", page)
    assert late.status_code == 409 and late.json()["detail"] == STALE
    assert not Draft.objects.exists()
    assert _server_draft(person_client.get(reverse("checkins:quick")).content.decode()) is None

    # Another tab, opened before the save, is still writing its own check-in: kept.
    assert _autosave(person_client, "checkin-quick", "my own", other_tab).status_code == 200
    assert json.loads(Draft.objects.get().payload)["fields"]["note"] == ["my own"]


def test_a_late_autosave_of_an_edit_is_refused_after_the_save(person_client, person):
    person_client.post(reverse("checkins:quick"), SAVE)
    checkin = CheckIn.objects.get()
    key = f"edit-{checkin.public_id}"
    url = reverse("checkins:edit", args=[checkin.public_id])
    page = _page(person_client.get(url).content.decode())
    assert _autosave(person_client, key, "changing it", page).status_code == 200
    saved = person_client.post(url, {**SAVE, "note": "changed", "version": str(checkin.version),
                                     "draft_page": page})
    assert saved.status_code == 302 and not Draft.objects.exists()

    assert _autosave(person_client, key, "changing it", page).status_code == 409
    assert not Draft.objects.exists()
    assert _server_draft(person_client.get(url).content.decode()) is None


def test_letting_the_words_go_on_the_conflict_page_refuses_its_late_autosaves(
        person_client, person):
    person_client.post(reverse("checkins:quick"), SAVE)
    checkin = CheckIn.objects.get()
    url = reverse("checkins:edit", args=[checkin.public_id])
    stale = person_client.post(url, {**SAVE, "note": "mine", "version": "7"})
    assert stale.status_code == 409
    page = _page(stale.content.decode())
    key = f"edit-{checkin.public_id}"
    assert _autosave(person_client, key, "mine", page).status_code == 200
    kept = person_client.post(url, {**SAVE, "action": "use-saved", "draft_page": page})
    assert kept.status_code == 302 and not Draft.objects.exists()
    assert _autosave(person_client, key, "mine", page).status_code == 409
    assert not Draft.objects.exists()


def test_without_a_page_a_draft_is_kept_as_before(person_client, person):
    person_client.post(reverse("checkins:quick"), SAVE)
    assert _autosave(person_client, "checkin-quick", "from a script", None).status_code == 200
    assert Draft.objects.get(key="checkin-quick")


@pytest.mark.parametrize("bad", ["yesterday", 5, ["x"]])
def test_a_page_that_is_not_an_id_is_refused_and_nothing_is_stored(person_client, bad):
    response = _autosave(person_client, "checkin-quick", "x", bad)
    assert response.status_code == 422 and response.json()["fields"]["page"]
    assert not Draft.objects.exists()


def test_one_persons_sent_page_is_not_anothers(person_client, person, other_person):
    page = uuid.uuid4()
    page_sent(other_person.pk, page)
    assert _autosave(person_client, "checkin-quick", "mine", str(page)).status_code == 200


def test_sent_pages_are_forgotten_after_a_day(person):
    old = uuid.uuid4()
    page_sent(person.pk, old)
    SentPage.objects.filter(page=old).update(sent_at=timezone.now() - timedelta(days=2))
    page_sent(person.pk, uuid.uuid4())
    assert not SentPage.objects.filter(page=old).exists()
    assert SentPage.objects.count() == 1


def test_the_api_refuses_a_late_draft_too(client, person):
    headers = bearer(person)
    page = uuid.uuid4()

    def put(body):
        return client.put("/api/v1/checkins/drafts/checkin-quick", data=json.dumps(body),
                          content_type="application/json", **headers)

    assert put({"payload": {"note": "x"}, "page": str(page)}).status_code == 200
    page_sent(person.pk, page)
    late = put({"payload": {"note": "y"}, "page": str(page)})
    assert late.status_code == 409 and late.json()["detail"] == STALE
    assert json.loads(Draft.objects.get().payload) == {"note": "x"}
    assert put({"payload": {"note": "z"}}).status_code == 200  # no page: kept as before
