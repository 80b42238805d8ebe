"""/api/v1/safety: the risk-language check and the person's own safety plan."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from feelmap.accounts.http import ApiRequest
from feelmap.lib.schemas import ValidationErrorOut
from feelmap.lib.versions import version_needed

from .detector import check
from .models import SafetyPlan
from .plan import SECTIONS
from .resources import ResourcesFileError
from .schemas import (
    SafetyPlanConflictOut,
    SafetyPlanIn,
    SafetyPlanOut,
    SafetyPlanVersionNeededOut,
)
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


@router.put("/plan", response={200: SafetyPlanOut, 409: SafetyPlanConflictOut,
                               422: ValidationErrorOut, 428: SafetyPlanVersionNeededOut})
def put_plan(request: ApiRequest, payload: SafetyPlanIn) -> dict[str, Any] | Status[dict[str, Any]]:
    """Replace your safety plan: every section (a list of answers, `[]` for none), the sharing
    choice, and `version`, the version you read (0 before the first save). If the plan has
    been saved since, the answer is 409 with the saved plan; without `version`, 428 with the
    saved plan and its version. Neither changes anything."""
    if payload.version is None:
        plan = SafetyPlan.objects.for_person(request.auth)
        return Status(428, {"detail": version_needed("safety plan", plan.version),
                            "version": plan.version, "current": plan_out(plan)})
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


class ResourceOut(Schema):
    name: str
    kind: str
    how: str
    number: str | None
    url: str | None
    keyword: str | None
    hours: str
    description: str
    reviewed_on: str
    href: str | None
    label: str


class CrisisParams(Schema):
    locale: str = Field("", max_length=35, description="A country or language tag: GB, en-GB, de.")


class CrisisOut(Schema):
    locale: str = Field(description="The country whose services these are (GB, DE...).")
    locale_name: str
    resources: list[ResourceOut]
    locales: list[list[str]] = Field(description="Every country there are services for: "
                                     "[code, name] pairs.")


@router.get("/crisis", response={200: CrisisOut, 422: ValidationErrorOut},
            summary="Who to contact now: crisis services for a country")
def crisis(request: HttpRequest, params: Query[CrisisParams]) -> dict[str, Any]:
    """The same services as the help page. `locale` like en-GB or de; without it, the one this
    installation is set up for (or the international list)."""
    from django.conf import settings

    from .resources import all_locales, resolve_locale, resources_for

    chosen = params.locale or settings.FEELMAP_CRISIS_LOCALE or None
    override = settings.FEELMAP_CRISIS_RESOURCES_FILE or None
    try:
        resolved = resolve_locale(chosen, override_path=override)
        found, locales = resources_for(chosen, override_path=override), all_locales(override)
    except ResourcesFileError:  # a broken override never hides the shipped help
        resolved, found, locales = resolve_locale(chosen), resources_for(chosen), all_locales()
    return {"locale": resolved, "locale_name": dict(locales).get(resolved, resolved),
            "resources": [r.as_dict() for r in found],
            "locales": [[code, name] for code, name in locales]}
