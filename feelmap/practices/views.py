"""Practice pages: thin views over forms, the pure pacer/scan/plan modules and services."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_http_methods

from feelmap.accounts.http import SignedInRequest
from feelmap.lib.access import owned_or_404
from feelmap.lib.person_cache import person_key
from feelmap.lib.validation import validate
from feelmap.safety.nudge import offer_help

from . import activities, bodyscan, pacer, services
from .forms import (
    BodyScanSetupForm,
    BreathingSetupForm,
    FinishForm,
    MiniCheckInForm,
    NoticedForm,
    PreferencesForm,
    ScanLogForm,
)
from .models import PracticeKind, PracticePreferences, PracticeSession
from .schemas import BreathingFinishIn, NoticedIn, PracticeSessionIn, PreferencesIn


@login_required
def index(request: SignedInRequest) -> HttpResponse:
    plan = services.todays_plan(request.user)
    return render(
        request,
        "practices/index.html",
        {
            "plan": services.plan_as_dict(plan),
            "due": services.due_assessment_names(plan.due),
            # The history is read and rendered by `{% practice_history %}`, inside a fragment
            # kept until the person's data changes.
            "history_key": person_key("practice-history", request.user),
            "patterns": pacer.PATTERNS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    posted = request.POST if request.method == "POST" else None
    prefs = PracticePreferences.for_user(request.user)
    form = PreferencesForm(posted, instance=prefs)
    if request.method == "POST" and form.is_valid():
        # The form reads the posted values; the write is the service the API uses too.
        services.save_preferences(request.user, PreferencesIn.model_validate(
            {name: form.cleaned_data[name] for name in PreferencesIn.model_fields}))
        messages.success(request, "Your practice preferences are saved.")
        return redirect("practices:index")
    return render(request, "practices/preferences.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def breathing(request: HttpRequest) -> HttpResponse:
    posted = request.POST if request.method == "POST" else None
    prefs = PracticePreferences.for_user(request.user)
    initial = {
        "pattern": request.GET.get("pattern")
        if request.GET.get("pattern") in pacer.PATTERNS
        else prefs.breathing_pattern,
        "minutes": prefs.breathing_minutes,
    }
    form = BreathingSetupForm(posted, initial=initial)
    before = MiniCheckInForm(posted, prefix="before", kind="practice-before")
    if request.method == "POST":
        data, errors = validate(PracticeSessionIn, {
            "kind": PracticeKind.BREATHING,
            "pattern": request.POST.get("pattern"),
            "minutes": request.POST.get("minutes"),
            "started_at": timezone.now(),
        })
        if before.is_valid() and data is not None:
            session = services.start_breathing(
                request.user, data=data, before=before.cleaned_data.get("checkin")
            )
            return redirect("practices:breathe", public_id=session.public_id)
        form.show(errors)
    return render(
        request,
        "practices/breathing.html",
        {
            "form": form,
            "before": before,
            "patterns": pacer.patterns_as_dict(),
            "words": services.feeling_words(),
        },
    )


def _running(request: HttpRequest, kind: str, public_id: UUID) -> PracticeSession | None:
    """The person's session of this kind while it runs; None once it has ended (its page is
    the record then); 404 for someone else's."""
    session = owned_or_404(PracticeSession.objects.filter(kind=kind), request.user, public_id)
    return session if session.ended_at is None else None


def _already_finished(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The session has ended (in another tab or device, or just now): its record. A finish
    sent from this page changed nothing, and the person is told so rather than left to
    think their answers were saved."""
    if request.method == "POST":
        messages.info(request, "This practice was already finished in another tab or device, "
                      "so nothing from this page was saved. Here is the saved record.")
    return redirect("practices:session", public_id=public_id)


@login_required
@require_http_methods(["GET", "POST"])
def breathe(request: HttpRequest, public_id: UUID) -> HttpResponse:
    posted = request.POST if request.method == "POST" else None
    session = _running(request, PracticeKind.BREATHING, public_id)
    if session is None:
        return _already_finished(request, public_id)
    finish = FinishForm(posted)
    after = MiniCheckInForm(posted, prefix="after", kind="practice-after")
    if request.method == "POST":
        elapsed = request.POST.get("elapsed_seconds") or None
        data, errors = validate(BreathingFinishIn, {
            "completed": {"yes": True, "no": False}.get(request.POST.get("completed", "")),
            **({"elapsed_seconds": elapsed} if elapsed is not None else {}),
        })
        if after.is_valid() and data is not None:
            try:
                services.finish_breathing(session, finish=data,
                                          after=after.cleaned_data.get("checkin"))
            except services.SessionConflict:
                return _already_finished(request, public_id)
            return redirect("practices:session", public_id=session.public_id)
        finish.show(errors)
    prefs = PracticePreferences.for_user(request.user)
    assert session.minutes is not None  # every breathing session is started with a length  # nosec B101  # type narrowing
    return render(
        request,
        "practices/breathe.html",
        {
            "session": session,
            "finish": finish,
            "after": after,
            "schedule": pacer.schedule_as_dict(session.pattern, session.minutes),
            "pattern": pacer.PATTERNS[session.pattern],
            "tone_default": prefs.tone,
            "words": services.feeling_words(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def bodyscan_start(request: HttpRequest) -> HttpResponse:
    posted = request.POST if request.method == "POST" else None
    initial = {
        "scan": request.GET.get("scan") if request.GET.get("scan") in ("short", "long") else "short"
    }
    form = BodyScanSetupForm(posted, initial=initial)
    if request.method == "POST":
        data, errors = validate(PracticeSessionIn, {
            "kind": PracticeKind.BODYSCAN,
            "scan": request.POST.get("scan"),
            "started_at": timezone.now(),
        })
        if data is not None:
            session = services.record_session(owner=request.user, data=data)
            return redirect("practices:scan", public_id=session.public_id)
        form.show(errors)
    return render(
        request,
        "practices/bodyscan.html",
        {
            "form": form,
            "scans": bodyscan.load_scans(),
            "based_on": bodyscan.BASED_ON,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def scan(request: HttpRequest, public_id: UUID) -> HttpResponse:
    posted = request.POST if request.method == "POST" else None
    session = _running(request, PracticeKind.BODYSCAN, public_id)
    if session is None:
        return _already_finished(request, public_id)
    script = bodyscan.scan(session.scan)
    steps = services.scan_steps(script)
    form = ScanLogForm(posted, steps=steps)
    if request.method == "POST" and form.is_valid():
        try:
            services.finish_bodyscan(session, form.cleaned_data)
        except services.SessionConflict:
            return _already_finished(request, public_id)
        return redirect("practices:session", public_id=session.public_id)
    prefs = PracticePreferences.for_user(request.user)
    return render(
        request,
        "practices/scan.html",
        {
            "session": session,
            "script": script,
            "steps": form.step_fields(),
            "form": form,
            "scan_data": script.as_dict(),
            "speech_default": prefs.speech,
        },
    )


@login_required
def senses(request: HttpRequest) -> HttpResponse:
    groups = [
        {"category": category, "activities": activities.by_category(key)}
        for key, category in activities.CATEGORIES.items()
    ]
    return render(
        request, "practices/senses.html", {"groups": groups, "based_on": activities.BASED_ON}
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity(request: HttpRequest, activity_id: str) -> HttpResponse:
    from feelmap.checkins.services import draft_clear, draft_load

    posted = request.POST if request.method == "POST" else None
    found = activities.by_id(activity_id)
    if found is None:
        raise Http404("No such activity.")
    draft_key = f"senses-{found.id}"
    form = NoticedForm(posted, initial={"started_at": timezone.now()})
    if request.method == "POST":
        now = timezone.now()
        noticed, errors = validate(NoticedIn, {
            "what_noticed": request.POST.get("what_noticed", ""),
            "nothing_noticed": bool(request.POST.get("nothing_noticed")),
        })
        data = None
        if noticed is not None:
            data, errors = validate(PracticeSessionIn, {
                "kind": PracticeKind.SENSES,
                "activity_id": found.id,
                "started_at": _page_started_at(request.POST.get("started_at", ""), now),
                "ended_at": now,
                "completed_at": now,
                "what_noticed": noticed.what_noticed,
                "nothing_noticed": noticed.nothing_noticed,
            })
        if data is not None:
            with transaction.atomic():
                session = services.record_session(owner=request.user, data=data)
                draft_clear(request.user, draft_key)
            offer_help(request, session.help_level)
            return redirect("practices:session", public_id=session.public_id)
        form.show(errors)
    return render(
        request,
        "practices/activity.html",
        {
            "activity": found,
            "category": activities.CATEGORIES[found.category],
            "form": form,
            "draft_key": draft_key,
            "fresh": request.method == "GET",
            "server_draft": draft_load(request.user, draft_key),
        },
    )


def _page_started_at(raw: str, now):
    """When the page was opened (its hidden field); a stale or odd time means now."""
    try:
        started = parse_datetime(raw.strip())
    except ValueError:
        started = None
    if started is not None and timezone.is_naive(started):
        started = timezone.make_aware(started)
    if started is None or started > now or now - started > timedelta(days=1):
        return now
    return started


@login_required
def session_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    session = owned_or_404(PracticeSession.objects.history(request.user), request.user, public_id)
    return render(
        request,
        "practices/session.html",
        {
            "session": session,
            "item": services.describe(session),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_session(request: HttpRequest, public_id: UUID) -> HttpResponse:
    session = owned_or_404(PracticeSession.objects.history(request.user), request.user, public_id)
    if request.method == "POST":
        services.delete_session(session)
        messages.success(request, "That practice record is deleted.")
        return redirect("practices:index")
    return render(
        request, "practices/delete.html", {"session": session, "item": services.describe(session)}
    )
