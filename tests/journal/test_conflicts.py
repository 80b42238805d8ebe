"""Two tabs or two devices editing one journal entry: the second save, based on an older
version, changes nothing, answers 409 and shows both versions so the person chooses."""

import pytest
from django.urls import reverse

from feelmap.accounts.models import ApiToken
from feelmap.journal import services
from feelmap.journal.schemas import JournalEntryIn

pytestmark = pytest.mark.django_db

FIRST = "I felt angry and tired after the call."


def make(owner):
    return services.create_entry(owner=owner, data=JournalEntryIn(body=FIRST, labels=["angry"]))


def edit(client, entry, body, version, labels="angry"):
    return client.post(reverse("journal:edit", args=[entry.public_id]),
                       {"body": body, "labels": labels, "version": str(version)})


def test_the_second_tab_gets_both_versions_and_nothing_is_overwritten(person_client, person):
    entry = make(person)
    page = person_client.get(reverse("journal:edit", args=[entry.public_id])).content.decode()
    assert '<input type="hidden" name="version" value="0">' in page
    assert edit(person_client, entry, "Tab one: it was really about feeling ignored.", 0,
                "sad").status_code == 302

    second = edit(person_client, entry, "Tab two: I was mostly tired.", 0, "tired")
    assert second.status_code == 409
    html = second.content.decode()
    assert "This entry was also changed somewhere else" in html
    assert "Tab one: it was really about feeling ignored." in html  # the saved version
    assert html.count("Tab two: I was mostly tired.") >= 2  # this page's side and the form
    assert '<input type="hidden" name="version" value="1">' in html
    entry.refresh_from_db()
    assert entry.body == "Tab one: it was really about feeling ignored." and entry.version == 1
    assert [lb.word for lb in entry.labels.all()] == ["sad"]

    # "Keep the version on this page" sends the form again, now based on version 1.
    assert edit(person_client, entry, "Tab two: I was mostly tired.", 1, "tired").status_code == 302
    entry.refresh_from_db()
    assert entry.body == "Tab two: I was mostly tired." and entry.version == 2
    assert [lb.word for lb in entry.labels.all()] == ["tired"]


def test_a_word_added_on_the_entry_page_counts_as_a_change(person_client, person):
    entry = make(person)
    assert services.add_label(entry, services.JournalLabelIn(word="tense"))
    response = edit(person_client, entry, "Edited in an older tab.", 0)
    assert response.status_code == 409
    entry.refresh_from_db()
    assert entry.body == FIRST and {lb.word for lb in entry.labels.all()} == {"angry", "tense"}


def test_a_form_without_its_version_never_overwrites_unseen(person_client, person):
    entry = make(person)
    response = person_client.post(reverse("journal:edit", args=[entry.public_id]),
                                  {"body": "From a page with no version", "labels": ""})
    assert response.status_code == 409
    entry.refresh_from_db()
    assert entry.body == FIRST


def test_a_correction_keeps_the_version_the_page_was_loaded_with(person_client, person):
    entry = make(person)
    bad = edit(person_client, entry, "Fine words", 0, "notaword")
    assert bad.status_code == 200 and '<input type="hidden" name="version" value="0">' in bad.content.decode()


def test_the_api_answers_409_with_the_current_entry(client, person):
    entry = make(person)
    _token, raw = ApiToken.issue(person)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    url = f"/api/v1/journal/entries/{entry.public_id}"
    assert client.get(url, **auth).json()["version"] == 0
    first = client.patch(url, {"body": "Device one", "version": 0},
                         content_type="application/json", **auth)
    assert first.status_code == 200 and first.json()["version"] == 1
    stale = client.patch(url, {"body": "Device two", "version": 0},
                         content_type="application/json", **auth)
    assert stale.status_code == 409
    assert stale.json()["current"]["body"] == "Device one"
    assert stale.json()["current"]["version"] == 1
    assert "version 1" in stale.json()["detail"]
    entry.refresh_from_db()
    assert entry.body == "Device one"
    # Keeping this change is a deliberate second save on top of version 1.
    assert client.patch(url, {"body": "Device two", "version": 1},
                        content_type="application/json", **auth).json()["version"] == 2


@pytest.mark.parametrize("version", [{}, {"version": None}], ids=["left-out", "null"])
def test_the_api_answers_428_when_no_version_is_sent_and_changes_nothing(client, person, version):
    entry = make(person)
    _token, raw = ApiToken.issue(person)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    url = f"/api/v1/journal/entries/{entry.public_id}"
    response = client.patch(url, {"title": "From a script"} | version,
                            content_type="application/json", **auth)
    assert response.status_code == 428
    body = response.json()
    assert body["version"] == 0 and body["current"]["version"] == 0
    assert body["current"]["body"] == FIRST
    assert "`version`" in body["detail"] and '"version": 0' in body["detail"]
    entry.refresh_from_db()
    assert entry.title == "" and entry.version == 0
    again = client.patch(url, {"title": "From a script", "version": body["version"]},
                         content_type="application/json", **auth)
    assert again.status_code == 200 and again.json()["title"] == "From a script"
