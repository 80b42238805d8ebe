"""Issue 12: a save can neither wipe the plan, nor overwrite newer words unseen, nor race."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from feelmap.accounts.models import ApiToken
from feelmap.safety.models import SafetyPlan
from feelmap.safety.plan import SECTION_KEYS
from feelmap.safety.services import PlanConflict, save_plan

pytestmark = pytest.mark.django_db
PLAN = "/api/v1/safety/plan"


@pytest.fixture
def saved(person):
    return save_plan(person, {"warning_signs": ["my words"]}, True, based_on=None)


def _form(version, **sections):
    data = {key: "" for key in SECTION_KEYS} | sections
    return data | {"version": str(version)}


def _api_body(version, **sections):
    return {"sections": {key: [] for key in SECTION_KEYS} | sections,
            "shared_with_clinician": False, "version": version}


# --- the page's autosave -----------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"warning_signs": ""},
        {key: "" for key in SECTION_KEYS},  # no version
        {key: "" for key in SECTION_KEYS if key != "coping_steps"} | {"version": "1"},
        _form(1) | {"extra": "x"},
    ],
    ids=["empty", "one-section", "no-version", "one-box-missing", "unknown-field"],
)
def test_an_autosave_without_the_whole_plan_is_refused_and_changes_nothing(
    person_client, saved, body
):
    response = person_client.post(reverse("safety:plan_autosave"), body)
    assert response.status_code == 422
    assert response.json()["saved"] is False
    plan = SafetyPlan.objects.get(pk=saved.pk)
    assert plan.sections["warning_signs"] == ["my words"] and plan.shared_with_clinician
    assert plan.version == 1


def test_an_empty_autosave_says_why_in_plain_words(person_client, saved):
    message = person_client.post(reverse("safety:plan_autosave"), {}).json()["fields"]["_"][0]
    assert "Nothing was saved" in message and "unchanged" in message


def test_an_autosave_from_a_stale_tab_answers_409_with_the_saved_plan(person_client, saved):
    url = reverse("safety:plan_autosave")
    first = person_client.post(url, _form(1, warning_signs="newer words"))
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = person_client.post(url, _form(1, warning_signs="older tab"))
    assert stale.status_code == 409
    body = stale.json()
    assert body["conflict"] is True and body["current"]["version"] == 2
    assert body["current"]["sections"][0] == {
        "key": "warning_signs", "title": "My warning signs", "answers": ["newer words"]
    }
    assert SafetyPlan.objects.get(pk=saved.pk).sections["warning_signs"] == ["newer words"]
    # Choosing "keep the version on this page" sends it again based on the saved version.
    kept = person_client.post(url, _form(2, warning_signs="older tab"))
    assert kept.status_code == 200
    assert SafetyPlan.objects.get(pk=saved.pk).sections["warning_signs"] == ["older tab"]


def test_the_page_has_no_sharing_choice_and_keeps_what_is_stored(person_client, person):
    # Until sharing exists the page offers no choice; a stale tab that still posts one is
    # ignored, and whatever is stored (only the API can set it) stays as it was.
    save_plan(person, {"warning_signs": ["mine"]}, True, based_on=None)
    response = person_client.post(
        reverse("safety:plan_autosave"),
        _form(1) | {"shared_with_clinician": ["false"]},
    )
    assert response.status_code == 200
    assert SafetyPlan.objects.get(owner=person).shared_with_clinician is True


# --- the page without JavaScript ----------------------------------------------------------


def test_a_stale_form_post_shows_both_versions_and_keeps_the_saved_one(person_client, saved):
    save_plan(saved.owner, {"warning_signs": ["from my phone"]}, False, based_on=1)
    response = person_client.post(reverse("safety:plan"), _form(1, warning_signs="from my laptop"))
    body = response.content.decode()
    assert response.status_code == 409
    assert "Your plan was also changed somewhere else" in body
    assert "<dd>from my phone</dd>" in body and "<dd>from my laptop</dd>" in body
    assert 'name="version" value="2"' in body  # Save again = keep the version on the page
    assert SafetyPlan.objects.get(pk=saved.pk).sections["warning_signs"] == ["from my phone"]
    again = person_client.post(reverse("safety:plan"), _form(2, warning_signs="from my laptop"))
    assert again.status_code == 302
    assert SafetyPlan.objects.get(pk=saved.pk).sections["warning_signs"] == ["from my laptop"]


def test_an_empty_form_post_is_refused_with_a_message(person_client, saved):
    response = person_client.post(reverse("safety:plan"), {})
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert SafetyPlan.objects.get(pk=saved.pk).sections["warning_signs"] == ["my words"]


# --- the API ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"sections": {}},
        {"sections": {"warning_signs": []}, "shared_with_clinician": False, "version": 1},
        {"sections": {key: [] for key in SECTION_KEYS}, "version": 1},
        {"sections": {key: [] for key in SECTION_KEYS}, "shared_with_clinician": 1, "version": 1},
        {"sections": {key: "text" for key in SECTION_KEYS}, "shared_with_clinician": False,
         "version": 1},
        {"sections": {key: [] for key in SECTION_KEYS}, "shared_with_clinician": False,
         "version": -1},
    ],
)
def test_a_put_without_the_whole_plan_is_refused(client, auth, saved, body):
    response = client.put(PLAN, body, content_type="application/json", **auth)
    assert response.status_code == 422
    assert SafetyPlan.objects.get(pk=saved.pk).sections["warning_signs"] == ["my words"]


def test_a_stale_put_answers_409_with_the_saved_plan(client, auth, saved):
    response = client.put(PLAN, _api_body(0, warning_signs=["old"]), content_type="application/json",
                          **auth)
    assert response.status_code == 409
    body = response.json()
    assert body["current"]["version"] == 1
    assert body["current"]["sections"]["warning_signs"] == ["my words"]
    assert "version 1" in body["detail"]
    ok = client.put(PLAN, _api_body(1, warning_signs=["new"]), content_type="application/json",
                    **auth)
    assert ok.status_code == 200 and ok.json()["version"] == 2


@pytest.mark.parametrize("version", [{}, {"version": None}], ids=["left-out", "null"])
def test_a_put_without_a_version_answers_428_with_the_saved_plan(client, auth, saved, version):
    body = _api_body(0, warning_signs=["from a script"])
    del body["version"]
    response = client.put(PLAN, body | version, content_type="application/json", **auth)
    assert response.status_code == 428
    answer = response.json()
    assert answer["version"] == 1 and answer["current"]["version"] == 1
    assert answer["current"]["sections"]["warning_signs"] == ["my words"]
    assert '"version": 1' in answer["detail"]
    assert SafetyPlan.objects.get(pk=saved.pk).sections["warning_signs"] == ["my words"]
    ok = client.put(PLAN, body | {"version": answer["version"]}, content_type="application/json",
                    **auth)
    assert ok.status_code == 200 and ok.json()["sections"]["warning_signs"] == ["from a script"]


def test_before_the_first_save_a_428_says_version_0(client, auth):
    body = _api_body(0, warning_signs=["first words"])
    del body["version"]
    response = client.put(PLAN, body, content_type="application/json", **auth)
    assert response.status_code == 428 and response.json()["version"] == 0
    assert not SafetyPlan.objects.exists()


def test_text_that_no_database_can_store_is_cleaned_not_a_crash(client, auth, person):
    body = _api_body(0, warning_signs=["a\ud800b", "left\u202eright", "nul\x00here"])
    response = client.put(PLAN, body, content_type="application/json", **auth)
    assert response.status_code == 200
    assert response.json()["sections"]["warning_signs"] == ["ab", "leftright", "nulhere"]


def test_the_service_refuses_a_stale_version(person, saved):
    with pytest.raises(PlanConflict) as raised:
        save_plan(person, {"warning_signs": ["x"]}, False, based_on=0)
    assert raised.value.current.version == 1
    assert SafetyPlan.objects.get(pk=saved.pk).sections["warning_signs"] == ["my words"]


@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_first_saves_make_one_plan_and_no_error(person):
    """Issue 12: on PostgreSQL 10 concurrent first PUTs gave 3 x 500 (IntegrityError)."""
    _token, raw = ApiToken.issue(person)
    start = threading.Barrier(10)
    statuses: list[int] = []
    lock = threading.Lock()

    def put(n: int) -> None:
        client = Client()
        try:
            start.wait(timeout=30)
            response = client.put(
                PLAN, _api_body(0, warning_signs=[f"writer {n}"]), content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {raw}",
            )
            with lock:
                statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=put, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [200] + [409] * 9
    plan = SafetyPlan.objects.get(owner=person)
    assert plan.version == 1 and plan.sections["warning_signs"][0].startswith("writer ")
