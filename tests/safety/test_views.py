"""The safety plan page and the crisis page's personal parts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from feelmap.safety.models import SafetyPlan
from feelmap.safety.plan import SECTION_KEYS
from feelmap.safety.services import save_plan

pytestmark = pytest.mark.django_db


def _plan_form(version: int = 0, shared: str = "false", **sections) -> dict[str, str]:
    """What the page posts: every box, the sharing choice and the version it was loaded with."""
    data = {key: "" for key in SECTION_KEYS}
    data.update(sections)
    data["shared_with_clinician"] = shared
    data["version"] = str(version)
    return data


def test_it_needs_a_login_for_the_plan(client):
    response = client.get(reverse("safety:plan"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_shows_every_section_with_guidance(person_client):
    body = person_client.get(reverse("safety:plan")).content.decode()
    assert "My warning signs" in body and "Making my surroundings safer" in body
    assert "What tells you a hard time is starting?" in body
    assert reverse("core:crisis") in body


def test_it_says_plainly_that_nobody_else_sees_the_plan(person_client):
    body = person_client.get(reverse("safety:plan")).content.decode()
    # No sharing choice on this page: who sees the plan is chosen per link on the Care page
    # (tests/care/test_linking.py checks the wording once a link shares it).
    assert "Share my safety plan" not in body and 'name="shared_with_clinician"' not in body
    assert "Only you. Nobody else can see it in Feelmap" in body
    assert "local mode" in body  # the test settings run in local mode: nobody to share with


def test_it_saves_the_plan_encrypted_and_ignores_a_posted_sharing_choice(person_client, person):
    data = _plan_form(warning_signs="I stop eating\nMy chest goes tight", people_to_ask="Sam 0123")
    data["shared_with_clinician"] = "on"
    response = person_client.post(reverse("safety:plan"), data)
    assert response.status_code == 302
    plan = SafetyPlan.objects.get(owner=person)
    assert plan.sections["warning_signs"] == ["I stop eating", "My chest goes tight"]
    assert plan.shared_with_clinician is False
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM safety_safetyplan")
        raw = cursor.fetchone()[0]
    assert "chest" not in raw and raw.startswith("fernet:")
    body = person_client.get(reverse("safety:plan")).content.decode()
    assert "I stop eating\nMy chest goes tight" in body


def test_it_refuses_an_overlong_answer_and_keeps_the_old_plan(person_client, person):
    save_plan(person, {"warning_signs": ["old"]}, False, based_on=None)
    data = _plan_form(version=1, coping_steps="x" * 400, warning_signs="new")
    response = person_client.post(reverse("safety:plan"), data)
    assert response.status_code == 400
    assert "under 301 characters" in response.content.decode()
    assert SafetyPlan.objects.get(owner=person).sections["warning_signs"] == ["old"]


def test_it_autosaves(person_client, person):
    response = person_client.post(reverse("safety:plan_autosave"), _plan_form(coping_steps="a walk"))
    assert response.status_code == 200 and response.json()["saved"] is True
    assert SafetyPlan.objects.get(owner=person).sections["coping_steps"] == ["a walk"]
    assert SafetyPlan.objects.get(owner=person).shared_with_clinician is False


def test_it_refuses_a_bad_autosave(person_client, person):
    response = person_client.post(reverse("safety:plan_autosave"), _plan_form(coping_steps="y" * 500))
    assert response.status_code == 422 and "coping_steps" in response.json()["fields"]
    assert not SafetyPlan.objects.exists()


def test_it_keeps_each_persons_plan_to_themselves(other_client, person):
    save_plan(person, {"warning_signs": ["private words"]}, True, based_on=None)
    assert "private words" not in other_client.get(reverse("safety:plan")).content.decode()
    assert "private words" not in other_client.get(reverse("core:crisis")).content.decode()


def test_it_shows_the_persons_plan_on_the_crisis_page(person_client, person):
    save_plan(person, {"people_to_ask": ["Call Sam"]}, False, based_on=None)
    body = person_client.get(reverse("core:crisis")).content.decode()
    assert "Call Sam" in body and "Nobody monitors Feelmap" in body
    assert reverse("safety:plan") in body


def test_it_shows_plan_guidance_to_someone_signed_out(client):
    body = client.get(reverse("core:crisis")).content.decode()
    assert "Nobody monitors Feelmap" in body
    assert "My warning signs" in body and reverse("safety:plan") in body


def test_it_still_shows_help_when_the_plan_cannot_be_read(person_client, person):
    save_plan(person, {"warning_signs": ["x"]}, False, based_on=None)
    SafetyPlan.objects.filter(owner=person).update(content="fernet:broken")
    response = person_client.get(reverse("core:crisis"))
    assert response.status_code == 200 and "Talk to someone now" in response.content.decode()


def test_it_falls_back_to_shipped_resources_when_the_override_is_broken(client, settings, tmp_path):
    broken = tmp_path / "resources.json"
    broken.write_text("{not json")
    settings.FEELMAP_CRISIS_RESOURCES_FILE = str(broken)
    response = client.get(reverse("core:crisis") + "?locale=GB")
    assert response.status_code == 200 and "116 123" in response.content.decode()


def test_it_ignores_an_unknown_from(client):
    body = client.get(reverse("core:crisis") + "?from=<script>").content.decode()
    assert "Support for thoughts of death or of hurting yourself" not in body and "<script>" not in body
