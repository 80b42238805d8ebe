"""Two tabs or two devices editing one check-in: an edit based on an older version changes
nothing, answers 409 and shows both versions; the API answers 409 with the current one."""

import pytest
from django.urls import reverse

from feelmap.accounts.models import ApiToken
from feelmap.checkins.models import CheckIn
from feelmap.checkins.services import draft_load, draft_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def checkin(person_client):
    person_client.post(reverse("checkins:quick"), {
        "pleasantness": "2", "energy": "1", "label-1-word": "calm", "note": "fine"})
    return CheckIn.objects.get()


def edit(client, checkin, word, note, version):
    return client.post(reverse("checkins:edit", args=[checkin.public_id]),
                       {"label-1-word": word, "note": note, "version": str(version)})


def test_the_second_tab_sees_both_versions_and_nothing_is_overwritten(person_client, checkin):
    page = person_client.get(reverse("checkins:edit", args=[checkin.public_id])).content.decode()
    assert '<input type="hidden" name="version" value="0">' in page
    assert edit(person_client, checkin, "relaxed", "Phone: after the walk", 0).status_code == 302

    stale = edit(person_client, checkin, "tired", "Laptop: long day", 0)
    assert stale.status_code == 409
    html = stale.content.decode()
    assert "This check-in was also changed somewhere else" in html
    assert "Phone: after the walk" in html and "relaxed" in html  # the saved side
    assert "Laptop: long day" in html  # this page's side (and still in the form)
    assert '<input type="hidden" name="version" value="1">' in html
    checkin.refresh_from_db()
    assert checkin.note == "Phone: after the walk" and checkin.version == 1
    assert checkin.labels.get().word == "relaxed"

    # Keeping this page's version is a deliberate second save on top of version 1.
    assert edit(person_client, checkin, "tired", "Laptop: long day", 1).status_code == 302
    checkin.refresh_from_db()
    assert checkin.note == "Laptop: long day" and checkin.version == 2


def test_every_part_is_compared_and_the_different_ones_are_named(person_client, checkin):
    """A difference only in where the person was, or how strong a word felt, is visible."""
    url = reverse("checkins:edit", args=[checkin.public_id])
    assert person_client.post(url, {"label-1-word": "calm", "label-1-intensity": "4",
                                    "pleasantness": "2", "energy": "1", "note": "fine",
                                    "where": "home", "version": "0"}).status_code == 302
    stale = person_client.post(url, {"label-1-word": "Calm", "label-1-intensity": "8",
                                     "pleasantness": "2", "energy": "1", "note": "fine",
                                     "where": "work", "version": "0"})
    assert stale.status_code == 409
    html = stale.content.decode()
    assert "2 parts are not the same" in html
    assert "calm (strength 8 of 10)" in html and "calm (strength 4 of 10)" in html
    assert "Work or school" in html and "Home" in html
    # Same answers on both sides are not called different ("Calm" is stored as "calm").
    assert html.count("(not the same)") == 4  # two lines, on both sides
    assert "data-fresh" not in html  # the page's answers are not replaced by an older draft


def test_use_the_saved_version_lets_this_pages_answers_and_draft_go(person_client, person,
                                                                     checkin):
    assert edit(person_client, checkin, "relaxed", "Phone", 0).status_code == 302
    draft_save(person, f"edit-{checkin.public_id}", {"fields": {"note": ["Laptop"]}})
    assert edit(person_client, checkin, "tired", "Laptop", 0).status_code == 409
    chose = person_client.post(reverse("checkins:edit", args=[checkin.public_id]),
                               {"label-1-word": "tired", "note": "Laptop", "version": "1",
                                "action": "use-saved"})
    assert chose.status_code == 302 and chose["Location"].endswith("?saved=kept")
    checkin.refresh_from_db()
    assert checkin.note == "Phone" and checkin.version == 1
    assert draft_load(person, f"edit-{checkin.public_id}") is None
    page = person_client.get(chose["Location"]).content.decode()
    assert "You kept the saved version" in page


def test_a_form_without_its_version_never_overwrites_unseen(person_client, checkin):
    response = person_client.post(reverse("checkins:edit", args=[checkin.public_id]),
                                  {"label-1-word": "tired", "note": "old page"})
    assert response.status_code == 409
    checkin.refresh_from_db()
    assert checkin.note == "fine"


def test_the_api_answers_409_with_the_current_check_in(client, person, checkin):
    _token, raw = ApiToken.issue(person)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    url = f"/api/v1/checkins/{checkin.public_id}"
    assert client.get(url, **auth).json()["version"] == 0
    first = client.patch(url, {"note": "Device one", "version": 0},
                         content_type="application/json", **auth)
    assert first.status_code == 200, first.content
    assert first.json()["version"] == 1
    stale = client.patch(url, {"note": "Device two", "version": 0},
                         content_type="application/json", **auth)
    assert stale.status_code == 409
    body = stale.json()
    assert body["current"]["note"] == "Device one" and body["current"]["version"] == 1
    checkin.refresh_from_db()
    assert checkin.note == "Device one"
    assert client.patch(url, {"note": "Device two", "version": 1},
                        content_type="application/json", **auth).json()["version"] == 2


@pytest.mark.parametrize("version", [{}, {"version": None}], ids=["left-out", "null"])
def test_the_api_answers_428_when_no_version_is_sent_and_changes_nothing(
        client, person, checkin, version):
    _token, raw = ApiToken.issue(person)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    url = f"/api/v1/checkins/{checkin.public_id}"
    assert client.patch(url, {"note": "Phone", "version": 0}, content_type="application/json",
                        **auth).status_code == 200
    response = client.patch(url, {"note": "A script"} | version,
                            content_type="application/json", **auth)
    assert response.status_code == 428
    body = response.json()
    assert body["version"] == 1 and body["current"]["version"] == 1
    assert body["current"]["note"] == "Phone"
    assert "`version`" in body["detail"] and '"version": 1' in body["detail"]
    checkin.refresh_from_db()
    assert checkin.note == "Phone" and checkin.version == 1
    # Sending the version the 428 gave is a knowing save on top of it.
    again = client.patch(url, {"note": "A script", "version": body["version"]},
                         content_type="application/json", **auth)
    assert again.status_code == 200 and again.json()["version"] == 2


def test_another_persons_check_in_is_404_before_any_talk_of_versions(
        client, other_person, checkin):
    _token, raw = ApiToken.issue(other_person)
    response = client.patch(f"/api/v1/checkins/{checkin.public_id}", {"note": "mine"},
                            content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 404 and "version" not in response.json()
    checkin.refresh_from_db()
    assert checkin.note == "fine"
