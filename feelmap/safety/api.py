"""/api/v1/safety: the risk-language check and the person's own safety plan."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import ValidationError

from feelmap.accounts.http import ApiRequest

from .detector import check
from .models import SafetyPlan
from .plan import SECTIONS, validate_plan

router = Router(tags=["safety"])


class CheckIn(Schema):
    text: str = Field(..., max_length=100_000)


class CheckOut(Schema):
    risk: bool
    reason: str | None


@router.post("/check", response=CheckOut)
def safety_check(request: HttpRequest, payload: CheckIn) -> dict[str, Any]:
    """The same detector the app uses after notes are saved. The text is not stored or logged."""
    found = check(payload.text)
    return {"risk": found.risk, "reason": found.reason or None}


def _plan_out(plan: SafetyPlan) -> dict[str, Any]:
    return {
        "sections": plan.sections,
        "shared_with_clinician": plan.shared_with_clinician,
        "updated_at": plan.updated_at if plan.pk else None,
        "guide": [
            {"key": s.key, "title": s.title, "guidance": s.guidance, "prompts": list(s.prompts),
             "optional": s.optional}
            for s in SECTIONS
        ],
    }


class PlanIn(Schema):
    sections: dict[str, Any]
    shared_with_clinician: bool | None = None


@router.get("/plan")
def get_plan(request: ApiRequest) -> dict[str, Any]:
    """Your safety plan (every section, empty ones too) and the guidance for each section."""
    return _plan_out(SafetyPlan.objects.for_person(request.auth))


@router.put("/plan")
def put_plan(request: ApiRequest, payload: PlanIn) -> dict[str, Any]:
    """Replace your safety plan. Sections left out become empty; each is a list of answers."""
    errors: list[dict[str, Any]] = []
    cleaned: dict[str, list[str]] = {}
    for key, value in payload.sections.items():
        try:
            cleaned[key] = validate_plan({key: value})[key]
        except ValueError as exc:
            errors.append({"loc": ["sections", str(key)], "msg": str(exc), "type": "value_error"})
    if errors:
        raise ValidationError(errors)
    plan = validate_plan(cleaned)  # every section present
    return _plan_out(
        SafetyPlan.objects.save_for(request.auth, plan, payload.shared_with_clinician)
    )
