"""The personal safety plan page, with autosave and a choice when two saves cross."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from feelmap.accounts.http import SignedInRequest
from feelmap.lib.sharing import sharing_available, viewers_of
from feelmap.lib.validation import validate

from .forms import SafetyPlanForm
from .models import SafetyPlan
from .plan import SECTIONS
from .schemas import SafetyPlanFormIn
from .services import PlanConflict, save_plan

INCOMPLETE = (
    "Nothing was saved: this save did not include your whole plan. Please reload the page "
    "and try again; what was saved before is unchanged."
)


def _read(post: QueryDict) -> tuple[SafetyPlanFormIn | None, dict[str, list[str]]]:
    """The posted plan, checked by the same schema as the API (every box and the version)."""
    # A page loaded before the sharing choice was taken away may still post it: ignored.
    ignored = {"csrfmiddlewaretoken", "shared_with_clinician"}
    data: dict[str, Any] = {k: post.getlist(k)[-1] for k in post if k not in ignored}
    missing = [name for name in SafetyPlanFormIn.model_fields if name not in data]
    if missing:
        return None, {"_": [INCOMPLETE]}
    return validate(SafetyPlanFormIn, data)


def _versions(sections: dict[str, list[str]]) -> dict[str, Any]:
    return {"sections": [{"title": s.title, "answers": sections.get(s.key, [])} for s in SECTIONS]}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return redirect("safety:plan")


@login_required
def plan(request: SignedInRequest) -> HttpResponse:
    """Write the plan. The page carries the crisis link itself, so saving it never triggers
    the "this sounds hard" nudge: a safety plan is meant to name hard things."""
    current = SafetyPlan.objects.for_person(request.user)
    # Who can see the plan is chosen per link on the Care page; this page only tells it.
    context: dict[str, Any] = {"plan": current, "sharing_available": sharing_available(),
                               "viewers": viewers_of(request.user, "safety_plan")}
    if request.method != "POST":
        form = SafetyPlanForm(initial=SafetyPlanForm.initial_for(current))
        return render(request, "safety/plan.html", {**context, "form": form})

    change, errors = _read(request.POST)
    data = request.POST.copy()
    status = 400
    if change is not None:
        try:
            save_plan(
                request.user, change.sections(), current.shared_with_clinician,
                based_on=change.version,
            )
        except PlanConflict as conflict:
            # Both versions side by side; pressing Save again keeps the one on the page.
            saved = conflict.current
            data["version"] = str(saved.version)
            context["plan"] = saved
            context["conflict"] = {
                "mine": _versions(change.sections()),
                "saved": _versions(saved.sections),
                "when": saved.updated_at,
            }
            status = 409
        else:
            messages.success(request, "Your safety plan is saved. It is always on the help page.")
            return redirect("safety:plan")
    form = SafetyPlanForm(data)
    form.is_valid()
    for field, field_errors in errors.items():
        for message in field_errors:
            form.add_error(field if field in form.fields else None, message)
    return render(request, "safety/plan.html", {**context, "form": form}, status=status)


@login_required
@require_POST
def autosave(request: SignedInRequest) -> HttpResponse:
    """Called by plan.js while the person types: same checks as the Save button."""
    change, errors = _read(request.POST)
    if change is None:
        return JsonResponse({"saved": False, "fields": errors}, status=422)
    stored = SafetyPlan.objects.for_person(request.user)
    try:
        saved = save_plan(
            request.user, change.sections(), stored.shared_with_clinician, based_on=change.version
        )
    except PlanConflict as conflict:
        current = conflict.current
        return JsonResponse(
            {
                "saved": False,
                "conflict": True,
                "current": {
                    "version": current.version,
                    "at": timezone.localtime(current.updated_at).strftime("%H:%M"),
                    "sections": [
                        {"key": s.key, "title": s.title, "answers": current.sections[s.key]}
                        for s in SECTIONS
                    ],
                },
            },
            status=409,
        )
    return JsonResponse(
        {"saved": True, "at": timezone.localtime().strftime("%H:%M"), "version": saved.version}
    )
