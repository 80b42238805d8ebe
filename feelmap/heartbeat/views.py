"""Heartbeat pages: thin views; the tasks run in the page's script, which saves through the
API (the same services), and a recorded file is analysed here without saving anything."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from feelmap.lib.access import owned_or_404
from feelmap.lib.validation import validate

from . import feedback, files, protocol, services
from .analysis import analyze_upload
from .models import HeartbeatSession, TaskKind
from .schemas import FileAnalyzeIn

HISTORY_LIMIT = 30


def _trend(sessions: list[HeartbeatSession], kind: str) -> list[HeartbeatSession]:
    """Oldest first, the scored sessions of one kind, for the trend table."""
    return [s for s in reversed(sessions) if s.kind == kind and s.accuracy is not None]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    sessions = list(HeartbeatSession.objects.history(request.user)[:HISTORY_LIMIT])
    return render(request, "heartbeat/index.html", {
        "history": sessions,
        "counting_trend": _trend(sessions, TaskKind.COUNTING),
        "discrimination_trend": _trend(sessions, TaskKind.DISCRIMINATION),
    })


def _quick(request: HttpRequest) -> bool:
    return request.GET.get("quick") == "1"


@login_required
def count(request: HttpRequest) -> HttpResponse:
    return render(request, "heartbeat/count.html", {
        "plan": protocol.counting_plan(quick=_quick(request)),
        "quick": _quick(request),
    })


@login_required
def guess(request: HttpRequest) -> HttpResponse:
    return render(request, "heartbeat/guess.html", {
        "seconds": protocol.GUESS_SECONDS_QUICK if _quick(request) else protocol.GUESS_SECONDS,
    })


@login_required
def discriminate(request: HttpRequest) -> HttpResponse:
    return render(request, "heartbeat/discriminate.html", {
        "plan": protocol.discrimination_plan(quick=_quick(request)),
        "quick": _quick(request),
    })


@login_required
@require_http_methods(["GET", "POST"])
def file_upload(request: HttpRequest) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    result = None
    if request.method == "POST":
        options, errors = validate(FileAnalyzeIn, {k: request.POST.get(k, "") for k in ("kind", "rate", "start", "end")})
        upload = request.FILES.get("recording")
        if upload is None:
            errors.setdefault("recording", []).append("Choose a file to analyse.")
        elif upload.size is not None and upload.size > files.MAX_UPLOAD:
            errors.setdefault("recording", []).append(files.too_large_message())
        if options is not None and upload is not None and not errors:
            try:
                result = analyze_upload(upload.read(), kind=options.kind or None, rate=options.rate,
                                        start=options.start, end=options.end).as_dict()
            except ValueError as exc:  # RecordingError included
                errors.setdefault("recording", []).append(str(exc))
    return render(request, "heartbeat/file.html", {"errors": errors, "result": result,
                                                   "posted": request.POST})


@login_required
def session_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    session = owned_or_404(HeartbeatSession.objects.prefetch_related("trials"), request.user, public_id)
    trials = list(session.trials.all())
    words: list[str] = []
    if session.kind == TaskKind.COUNTING and session.accuracy is not None:
        scored = [t for t in trials if not t.practice]
        words = feedback.counting_words(session.accuracy, session.method, session.guess_accuracy,
                                        session.awareness, len(scored))
    elif session.kind == TaskKind.DISCRIMINATION and session.accuracy is not None:
        words = feedback.discrimination_words(session.accuracy, len(trials), session.awareness)
    elif session.kind == TaskKind.GUESS and session.guess_bpm and session.measured_bpm:
        words = feedback.guess_words(session.guess_bpm, session.measured_bpm)
    return render(request, "heartbeat/session.html", {
        "session": session, "trials": trials, "words": words,
    })


@login_required
@require_POST
def delete(request: HttpRequest, public_id: str) -> HttpResponse:
    session = owned_or_404(HeartbeatSession, request.user, public_id)
    services.delete_session(session)
    messages.success(request, "That heartbeat session is deleted.")
    return redirect("heartbeat:index")
