"""/api/v1/safety: the risk-language check and the person's own safety plan."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from feelmap.accounts.http import ApiRequest
from feelmap.lib.schemas import ValidationErrorOut

from .detector import check
from .models import SafetyPlan
from .plan import SECTIONS
from .schemas import SafetyPlanConflictOut, SafetyPlanIn, SafetyPlanOut
from .services import PlanConflict, save_plan

router = Router(tags=["safety"])


class CheckIn(Schema):
    text: str = Field(..., max_length=100_000)


class CheckOut(Schema):
    risk: bool
    reason: str | None


@router.post("/check", response={200: CheckOut, 422: ValidationErrorOut})
def safety_check(request: HttpRequest, payload: CheckIn) -> dict[str, Any]:
    """The same detector the app uses after notes are saved. The text is not stored or logged."""
    found = check(payload.text)
    return {"risk": found.risk, "reason": found.reason or None}


def plan_out(plan: SafetyPlan) -> dict[str, Any]:
    return {
        "sections": plan.sections,
        "shared_with_clinician": plan.shared_with_clinician,
        "version": plan.version,
        "updated_at": plan.updated_at if plan.version else None,
        "guide": [
            {"key": s.key, "title": s.title, "guidance": s.guidance, "prompts": list(s.prompts),
             "optional": s.optional}
            for s in SECTIONS
        ],
    }


CONFLICT = (
    "Your safety plan was changed since version {based_on} (another tab, device or script "
    "saved version {current}). Nothing was overwritten: `current` is the saved plan. To keep "
    "your version anyway, send it again with version {current}."
)


@router.get("/plan", response={200: SafetyPlanOut})
def get_plan(request: ApiRequest) -> dict[str, Any]:
    """Your safety plan (every section, empty ones too), its version and the guidance."""
    return plan_out(SafetyPlan.objects.for_person(request.auth))


@router.put("/plan", response={200: SafetyPlanOut, 409: SafetyPlanConflictOut, 422: ValidationErrorOut})
def put_plan(request: ApiRequest, payload: SafetyPlanIn) -> dict[str, Any] | Status[dict[str, Any]]:
    """Replace your safety plan: every section (a list of answers, `[]` for none), the sharing
    choice, and `version`, the version you read (0 before the first save). If the plan has
    been saved since, the answer is 409 with the saved plan and nothing changes."""
    try:
        plan = save_plan(
            request.auth,
            payload.sections.model_dump(),
            payload.shared_with_clinician,
            based_on=payload.version,
        )
    except PlanConflict as conflict:
        detail = CONFLICT.format(based_on=payload.version, current=conflict.current.version)
        return Status(409, {"detail": detail, "current": plan_out(conflict.current)})
    return plan_out(plan)
