"""/api/v1/safety: the check and the person's safety plan."""

from __future__ import annotations

import pytest

from feelmap.safety.models import SafetyPlan
from feelmap.safety.plan import SECTION_KEYS
from feelmap.safety.services import save_plan

pytestmark = pytest.mark.django_db
BASE = "/api/v1/safety"


def _check(client, auth, text):
    return client.post(f"{BASE}/check", {"text": text}, content_type="application/json", **auth)


def test_it_checks_text_with_the_app_detector(client, auth):
    risky = _check(client, auth, "I want to end my life").json()
    assert risky["risk"] is True and risky["reason"]
    assert _check(client, auth, "the meeting killed me").json() == {"risk": False, "reason": None}


def test_it_refuses_a_missing_or_huge_text(client, auth):
    response = client.post(f"{BASE}/check", {}, content_type="application/json", **auth)
    assert response.status_code == 422 and "text" in response.json()["fields"]
    assert _check(client, auth, "a" * 100_001).status_code == 422


def test_it_needs_authentication(client):
    assert _check(client, {}, "hello").status_code == 401
    assert client.get(f"{BASE}/plan").status_code == 401


def _full(version=0, shared=False, **sections):
    return {"sections": {key: [] for key in SECTION_KEYS} | sections,
            "shared_with_clinician": shared, "version": version}


def test_it_gives_an_empty_plan_with_guidance(client, auth):
    body = client.get(f"{BASE}/plan", **auth).json()
    assert body["sections"]["warning_signs"] == [] and body["updated_at"] is None
    assert body["version"] == 0
    assert body["guide"][0]["title"] == "My warning signs"


def test_it_replaces_the_plan(client, auth, person):
    body = _full(shared=True, warning_signs=["I stop eating", "  "], coping_steps=["walk", "shower"])
    out = client.put(f"{BASE}/plan", body, content_type="application/json", **auth).json()
    assert out["sections"]["warning_signs"] == ["I stop eating"]
    assert out["sections"]["coping_steps"] == ["walk", "shower"]
    assert out["shared_with_clinician"] is True and out["version"] == 1
    plan = SafetyPlan.objects.get(owner=person)
    assert plan.sections["coping_steps"] == ["walk", "shower"]


def test_it_explains_bad_sections_and_changes_nothing(client, auth, person):
    save_plan(person, {"warning_signs": ["old"]}, False, based_on=None)
    body = _full(version=1, warning_signs=["new"], nonsense=["x"], coping_steps=["y" * 400])
    response = client.put(f"{BASE}/plan", body, content_type="application/json", **auth)
    fields = response.json()["fields"]
    assert response.status_code == 422
    assert set(fields) == {"sections.nonsense", "sections.coping_steps"}
    assert SafetyPlan.objects.get(owner=person).sections["warning_signs"] == ["old"]


def test_it_keeps_plans_apart(client, auth, other_auth, person):
    save_plan(person, {"warning_signs": ["mine"]}, True, based_on=None)
    body = client.get(f"{BASE}/plan", **other_auth).json()
    assert body["sections"]["warning_signs"] == [] and body["shared_with_clinician"] is False
    client.put(f"{BASE}/plan", _full(), content_type="application/json", **other_auth)
    assert SafetyPlan.objects.get(owner=person).sections["warning_signs"] == ["mine"]
