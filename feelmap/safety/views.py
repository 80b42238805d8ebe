"""The personal safety plan page, with autosave."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from feelmap.lib.sharing import viewers_of

from .forms import SafetyPlanForm
from .models import SafetyPlan


def _sharing(request, form) -> bool | None:
    """The old per-plan sharing flag, kept only when a client still sends it; who can see the
    plan is decided by the person's links on the Care page (see feelmap.lib.sharing)."""
    return form.cleaned_data["shared_with_clinician"] if "shared_with_clinician" in request.POST else None


@login_required
def index(request):
    return redirect("safety:plan")


@login_required
def plan(request):
    """Write the plan. The page carries the crisis link itself, so saving it never triggers
    the "this sounds hard" nudge: a safety plan is meant to name hard things."""
    current = SafetyPlan.objects.for_person(request.user)
    if request.method == "POST":
        form = SafetyPlanForm(request.POST)
        if form.is_valid():
            SafetyPlan.objects.save_for(
                request.user, form.cleaned_data["plan"], _sharing(request, form)
            )
            messages.success(request, "Your safety plan is saved. It is always on the help page.")
            return redirect("safety:plan")
        status = 400
    else:
        form = SafetyPlanForm(initial=SafetyPlanForm.initial_for(current))
        status = 200
    viewers = viewers_of(request.user, "safety_plan")
    return render(request, "safety/plan.html",
                  {"form": form, "plan": current, "viewers": viewers}, status=status)


@login_required
@require_POST
def autosave(request):
    """Called by plan.js while the person types: same checks as the Save button."""
    form = SafetyPlanForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"saved": False, "fields": form.errors}, status=422)
    SafetyPlan.objects.save_for(
        request.user, form.cleaned_data["plan"], _sharing(request, form)
    )
    return JsonResponse({"saved": True, "at": timezone.localtime().strftime("%H:%M")})
