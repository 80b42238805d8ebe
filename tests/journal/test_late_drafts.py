"""An autosave that reaches the server after its page's form was sent must not bring a draft
back. Each write page has an id, in a hidden `draft_page` sent with its forms and with every
autosave; once a form was sent (the entry saved, or the draft cleared), a draft from that page
is refused with 409 and nothing is stored. Other pages keep their drafts. The page's script
also sends the form only after its autosaves (browser test in test_browser_journal.py); this
is the server's half."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from django.urls import reverse

from feelmap.accounts.services import page_sent
from feelmap.journal.models import JournalDraft, JournalEntry
from tests.conftest import bearer

pytestmark = pytest.mark.django_db

STALE = "The form on this page was already sent, so this draft is not kept."


def _page(html: str) -> str:
    pages = set(re.findall(r'name="draft_page" value="([0-9a-f-]{36})"', html))
    assert len(pages) == 1  # the entry's form and the "clear the draft" form: one page
    return pages.pop()


def _autosave(client, key: str, body: str, page):
    draft = {"key": key, "body": body, "title": "", "labels": "", "steps": []}
    if page is not None:
        draft["page"] = page
    return client.post(reverse("journal:draft"), json.dumps(draft),
                       content_type="application/json")


def test_a_late_autosave_of_a_new_entry_is_refused_after_the_save(person_client, person):
    page = _page(person_client.get(reverse("journal:write")).content.decode())
    other_tab = _page(person_client.get(reverse("journal:write")).content.decode())
    assert _autosave(person_client, "new", "half written", page).status_code == 200
    saved = person_client.post(reverse("journal:write"), {"body": "finished", "draft_page": page})
    assert saved.status_code == 302 and not JournalDraft.objects.exists()

    late = _autosave(person_client, "new", "finished", page)
    assert late.status_code == 409 and late.json()["detail"] == STALE
    assert not JournalDraft.objects.exists()
    again = person_client.get(reverse("journal:write")).content.decode()
    assert "Draft restored" not in again and "finished</textarea>" not in again
    assert "Carry on writing" not in person_client.get(reverse("journal:index")).content.decode()

    # Another tab, opened before the save, is still writing its own entry: kept.
    assert _autosave(person_client, "new", "the other tab", other_tab).status_code == 200
    assert JournalDraft.objects.get().body == "the other tab"


def test_a_late_autosave_of_an_edit_is_refused_after_the_save(person_client, person):
    person_client.post(reverse("journal:write"), {"body": "first words"})
    entry = JournalEntry.objects.get()
    key = str(entry.public_id)
    url = reverse("journal:edit", args=[entry.public_id])
    page = _page(person_client.get(url).content.decode())
    assert _autosave(person_client, key, "second words", page).status_code == 200
    saved = person_client.post(url, {"body": "second words", "version": str(entry.version),
                                     "draft_page": page})
    assert saved.status_code == 302 and not JournalDraft.objects.exists()

    assert _autosave(person_client, key, "second words", page).status_code == 409
    assert not JournalDraft.objects.exists()
    assert "Draft restored" not in person_client.get(url).content.decode()


def test_a_late_autosave_after_clearing_the_draft_is_refused(person_client, person):
    page = _page(person_client.get(reverse("journal:write")).content.decode())
    assert _autosave(person_client, "new", "never mind", page).status_code == 200
    cleared = person_client.post(reverse("journal:discard_draft"),
                                 {"key": "new", "draft_page": page})
    assert cleared.status_code == 302 and not JournalDraft.objects.exists()
    assert _autosave(person_client, "new", "never mind", page).status_code == 409
    assert not JournalDraft.objects.exists()


def test_without_a_page_a_draft_is_kept_as_before(person_client, person):
    person_client.post(reverse("journal:write"), {"body": "finished"})
    assert _autosave(person_client, "new", "from a script", None).status_code == 200
    assert JournalDraft.objects.get().body == "from a script"


@pytest.mark.parametrize("bad", ["yesterday", 5, ["x"]])
def test_a_page_that_is_not_an_id_is_refused_and_nothing_is_stored(person_client, bad):
    response = _autosave(person_client, "new", "x", bad)
    assert response.status_code == 422 and response.json()["fields"]["page"]
    assert not JournalDraft.objects.exists()


def test_the_api_refuses_a_late_draft_too(client, person):
    headers = bearer(person)
    page = uuid.uuid4()

    def put(body):
        return client.put("/api/v1/journal/drafts", data=json.dumps(body),
                          content_type="application/json", **headers)

    assert put({"key": "new", "body": "x", "page": str(page)}).status_code == 200
    page_sent(person.pk, page)
    late = put({"key": "new", "body": "y", "page": str(page)})
    assert late.status_code == 409 and late.json()["detail"] == STALE
    assert JournalDraft.objects.get().body == "x"
    assert put({"key": "new", "body": "z"}).status_code == 200  # no page: kept as before
