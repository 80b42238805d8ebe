"""Two tabs or two devices editing one saying-it practice: the second save, based on an older
version, changes nothing, answers 409 and shows both versions so the person chooses."""

import pytest
from django.urls import reverse

from feelmap.accounts.models import ApiToken
from feelmap.saying import services
from feelmap.saying.models import SayingPractice
from feelmap.saying.schemas import PracticeIn

pytestmark = pytest.mark.django_db

FIRST = "I feel hurt when you're late. Would you text me?"


def make(owner):
    return services.create_practice(owner=owner, data=PracticeIn(text=FIRST))


def edit(client, practice, text, version, **more):
    return client.post(reverse("saying:edit", args=[practice.public_id]),
                       {"action": "save", "goal": "express", "text": text,
                        "version": str(version), **more})


def test_the_second_tab_gets_both_versions_and_nothing_is_overwritten(person_client, person):
    practice = make(person)
    page = person_client.get(reverse("saying:edit", args=[practice.public_id])).content.decode()
    assert '<input type="hidden" name="version" value="0">' in page
    assert edit(person_client, practice, "Tab one: I feel let down.", 0).status_code == 302

    second = edit(person_client, practice, "Tab two: I feel worried.", 0, need="to know")
    assert second.status_code == 409
    html = second.content.decode()
    assert "This practice was also changed somewhere else" in html
    assert "Tab one: I feel let down." in html  # the saved version
    assert html.count("Tab two: I feel worried.") >= 2  # this page's side and the form
    assert "to know" in html
    assert '<input type="hidden" name="version" value="1">' in html
    assert "Keep the version on this page" in html and "Use the saved version" in html
    assert reverse("saying:detail", args=[practice.public_id]) in html
    practice.refresh_from_db()
    assert practice.text == "Tab one: I feel let down." and practice.version == 1

    # "Keep the version on this page" sends the form again, now based on version 1.
    assert edit(person_client, practice, "Tab two: I feel worried.", 1).status_code == 302
    practice.refresh_from_db()
    assert practice.text == "Tab two: I feel worried." and practice.version == 2


def test_a_form_without_its_version_never_overwrites_unseen(person_client, person):
    practice = make(person)
    response = person_client.post(reverse("saying:edit", args=[practice.public_id]),
                                  {"action": "save", "goal": "express", "text": "From a page with no version"})
    assert response.status_code == 409
    practice.refresh_from_db()
    assert practice.text == FIRST and practice.version == 0


def test_checking_and_correcting_keep_the_version_the_page_was_loaded_with(person_client, person):
    practice = make(person)
    url = reverse("saying:edit", args=[practice.public_id])
    checked = person_client.post(url, {"action": "check", "text": "I feel calm.", "version": "0"})
    assert '<input type="hidden" name="version" value="0">' in checked.content.decode()
    bad = person_client.post(url, {"action": "save", "text": "I feel calm.", "felt": "9",
                                   "version": "0"})
    assert bad.status_code == 422
    assert '<input type="hidden" name="version" value="0">' in bad.content.decode()


def test_a_new_practice_needs_no_version(person_client, person):
    response = person_client.post(reverse("saying:build"), {"action": "save", "goal": "express", "text": FIRST})
    assert response.status_code == 302
    assert SayingPractice.objects.get(owner=person).version == 0


@pytest.fixture
def api(client, person):
    _token, raw = ApiToken.issue(person)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    def call(method, url, payload=None):
        if payload is None:
            return getattr(client, method)(url, **auth)
        return getattr(client, method)(url, payload, content_type="application/json", **auth)

    return call


def test_the_api_answers_409_with_the_current_practice(api, person):
    practice = make(person)
    url = f"/api/v1/say/practices/{practice.public_id}"
    assert api("get", url).json()["version"] == 0
    first = api("put", url, {"text": "Device one", "version": 0})
    assert first.status_code == 200 and first.json()["version"] == 1
    stale = api("put", url, {"text": "Device two", "version": 0})
    assert stale.status_code == 409
    assert stale.json()["current"]["text"] == "Device one"
    assert stale.json()["current"]["version"] == 1
    assert "version 1" in stale.json()["detail"]
    practice.refresh_from_db()
    assert practice.text == "Device one"
    # Keeping this change is a deliberate second save on top of version 1.
    kept = api("put", url, {"text": "Device two", "version": 1})
    assert kept.status_code == 200 and kept.json()["version"] == 2
    assert api("get", url).json()["text"] == "Device two"


@pytest.mark.parametrize("version", [{}, {"version": None}], ids=["left-out", "null"])
def test_the_api_answers_428_when_no_version_is_sent_and_changes_nothing(api, person, version):
    practice = make(person)
    url = f"/api/v1/say/practices/{practice.public_id}"
    response = api("put", url, {"text": "From a script"} | version)
    assert response.status_code == 428
    body = response.json()
    assert body["version"] == 0 and body["current"]["version"] == 0
    assert body["current"]["text"] == FIRST
    assert "`version`" in body["detail"] and '"version": 0' in body["detail"]
    practice.refresh_from_db()
    assert practice.text == FIRST and practice.version == 0


def test_the_document_requires_version_and_lists_409_and_428(client):
    document = client.get("/api/v1/openapi.json").json()
    put = document["paths"]["/api/v1/say/practices/{practice_id}"]["put"]
    assert {"200", "409", "422", "428"} <= set(put["responses"])
    schemas = document["components"]["schemas"]
    assert "version" in schemas["PracticeReplace"]["required"]
    assert "version" in schemas["SayingPracticeOut"]["required"]
