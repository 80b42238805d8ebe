"""The personal safety plan page, with autosave."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from feelmap.accounts.http import SignedInRequest

from .forms import SafetyPlanForm
from .models import SafetyPlan


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return redirect("safety:plan")


@login_required
def plan(request: SignedInRequest) -> HttpResponse:
    """Write the plan. The page carries the crisis link itself, so saving it never triggers
    the "this sounds hard" nudge: a safety plan is meant to name hard things."""
    current = SafetyPlan.objects.for_person(request.user)
    if request.method == "POST":
        form = SafetyPlanForm(request.POST)
        if form.is_valid():
            SafetyPlan.objects.save_for(
                request.user, form.cleaned_data["plan"], form.cleaned_data["shared_with_clinician"]
            )
            messages.success(request, "Your safety plan is saved. It is always on the help page.")
            return redirect("safety:plan")
        status = 400
    else:
        form = SafetyPlanForm(initial=SafetyPlanForm.initial_for(current))
        status = 200
    return render(request, "safety/plan.html", {"form": form, "plan": current}, status=status)


@login_required
@require_POST
def autosave(request: SignedInRequest) -> HttpResponse:
    """Called by plan.js while the person types: same checks as the Save button."""
    form = SafetyPlanForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"saved": False, "fields": form.errors}, status=422)
    SafetyPlan.objects.save_for(
        request.user, form.cleaned_data["plan"], form.cleaned_data["shared_with_clinician"]
    )
    return JsonResponse({"saved": True, "at": timezone.localtime().strftime("%H:%M")})
