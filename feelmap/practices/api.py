"""/api/v1/practices: practice sessions, today's plan, the activity library and the pacer schedule.

Every session is fetched through ``owned_or_404`` (another person's id answers 404). Bodies are
the input schemas in schemas.py (the pages use the same ones); problems come back as 422 with
a message per field, in the API's one error shape. Writes go through services.py.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import ValidationError

from feelmap.accounts.http import ApiRequest
from feelmap.lib.access import owned_or_404
from feelmap.lib.person_cache import person_count
from feelmap.lib.readable import readable_page
from feelmap.lib.schemas import Error, ValidationErrorOut
from feelmap.lib.validation import errors_by_field
from feelmap.lib.versions import version_needed

from . import activities, pacer, services
from .models import CHECKIN_LINKS, PracticePreferences, PracticeSession
from .schemas import (
    ActivityLibrary,
    ActivityParams,
    BreathingPatternOut,
    BreathingScheduleOut,
    PlanOut,
    PracticeSessionConflictOut,
    PracticeSessionIn,
    PracticeSessionList,
    PracticeSessionOut,
    PracticeSessionPatch,
    PracticeSessionVersionNeededOut,
    PreferencesIn,
    PreferencesOut,
    ScheduleParams,
    SessionListParams,
)

router = Router(tags=["practices"])


def _invalid(fields: dict[str, list[str]]) -> Status:
    return Status(422, {"detail": "Some values need another look.", "fields": fields})


def session_to_api(session: PracticeSession) -> dict:
    item = services.describe(session)
    return {
        "id": session.public_id,
        "kind": session.kind,
        "title": item["title"],
        "pattern": session.pattern or None,
        "minutes": session.minutes,
        "scan": session.scan or None,
        "activity_id": session.activity_id or None,
        "started_at": session.started_at,
        "ended_at": session.ended_at,
        "completed_at": session.completed_at,
        "completed": session.completed,
        "what_noticed": session.what_noticed,
        "nothing_noticed": session.nothing_noticed,
        "quiet_regions": list(session.quiet_regions or []),
        **{
            name: getattr(session, name).public_id if getattr(session, name) else None
            for name in CHECKIN_LINKS
        },
        "summary": " ".join(p for p in (item["duration"], item["change"]) if p),
        "created_at": session.created_at,
        "updated_at": session.updated_at,
        "version": session.version,
        "offer_help": session.offer_help,
        "help_level": session.help_level or None,
    }


@router.get(
    "/sessions",
    response={200: PracticeSessionList, 422: ValidationErrorOut},
    summary="Your practice sessions, newest first",
)
def list_sessions(request: ApiRequest, params: Query[SessionListParams]) -> dict[str, Any]:
    qs = PracticeSession.objects.history(request.auth)
    if params.kind:
        qs = qs.filter(kind=params.kind)
    rows = readable_page(qs, params.offset, params.limit)
    count = person_count(f"practice-sessions:{params.kind or 'all'}", request.auth, qs)
    return {"count": count, "results": [session_to_api(s) for s in rows]}


@router.post(
    "/sessions",
    response={201: PracticeSessionOut, 422: ValidationErrorOut},
    summary="Record a practice session",
)
def create_session(request: ApiRequest, payload: PracticeSessionIn) -> Status[dict[str, Any]]:
    try:
        session = services.record_session(owner=request.auth, data=payload)
    except services.LinkProblem as problem:
        return _invalid(problem.fields)
    return Status(201, session_to_api(session))


@router.get(
    "/sessions/{session_id}",
    response={200: PracticeSessionOut, 404: Error},
    summary="One practice session",
)
def get_session(request: ApiRequest, session_id: str) -> dict[str, Any]:
    return session_to_api(
        owned_or_404(PracticeSession.objects.history(request.auth), request.auth, session_id)
    )


CONFLICT = (
    "This session was changed since version {based_on} (another tab, device or script saved "
    "version {current}). Nothing was overwritten: `current` is the saved session. To keep "
    "your change anyway, send it again with version {current}."
)


@router.patch(
    "/sessions/{session_id}",
    response={200: PracticeSessionOut, 404: Error, 409: PracticeSessionConflictOut,
              422: ValidationErrorOut, 428: PracticeSessionVersionNeededOut},
    summary="Change some fields of a session (checked again as a whole)",
)
def update_session(
    request: ApiRequest, session_id: str, payload: PracticeSessionPatch
) -> dict[str, Any] | Status[dict[str, Any]]:
    """Send the fields to change and `version`, the session's version when you read it. 409:
    it was changed since (the answer holds the saved session); 428: no `version` was sent (the
    answer holds the saved session and its version). Neither changes anything."""
    session = owned_or_404(PracticeSession.objects.history(request.auth), request.auth, session_id)
    if payload.version is None:
        return Status(428, {"detail": version_needed("session", session.version),
                            "version": session.version, "current": session_to_api(session)})
    changes = payload.model_dump(exclude_unset=True)
    changes.pop("version", None)  # what the change was based on, not part of the session
    if "kind" in changes and changes["kind"] != session.kind:
        return _invalid({"kind": ["A session's kind can't change; record a new session instead."]})
    try:
        data = PracticeSessionIn.model_validate(services.merged_session(session, changes))
        services.update_session(session, data=data, based_on=payload.version)
    except ValidationError as exc:
        return _invalid(errors_by_field(exc))
    except services.LinkProblem as problem:
        return _invalid(problem.fields)
    except services.SessionConflict as conflict:
        detail = CONFLICT.format(based_on=payload.version, current=conflict.current.version)
        return Status(409, {"detail": detail, "current": session_to_api(conflict.current)})
    return session_to_api(session)


@router.delete(
    "/sessions/{session_id}",
    response={204: None, 404: Error},
    summary="Delete a session",
)
def delete_session(request: ApiRequest, session_id: str) -> Status[None]:
    services.delete_session(owned_or_404(PracticeSession, request.auth, session_id))
    return Status(204, None)


@router.get("/plan", response={200: PlanOut}, summary="Today's suggested practice and why")
def plan(request: ApiRequest) -> dict[str, Any]:
    return services.plan_as_dict(services.todays_plan(request.auth))


@router.get(
    "/activities",
    response={200: ActivityLibrary, 422: ValidationErrorOut},
    summary="The senses re-awakening library",
)
def activity_library(request: HttpRequest, params: Query[ActivityParams]) -> dict[str, Any]:
    category = params.category
    items = activities.by_category(category) if category else activities.load_activities()
    return {
        "categories": [
            {"key": c.key, "label": c.label, "description": c.description}
            for c in activities.CATEGORIES.values()
        ],
        "activities": [a.as_dict() for a in items],
        "based_on": activities.BASED_ON,
    }


@router.get(
    "/breathing/schedule",
    response={200: BreathingScheduleOut, 422: ValidationErrorOut},
    summary="Every phase of a breathing session",
)
def breathing_schedule(request: HttpRequest, params: Query[ScheduleParams]) -> dict[str, Any]:
    return pacer.schedule_as_dict(params.pattern, params.minutes)


@router.get(
    "/breathing/patterns",
    response={200: dict[str, BreathingPatternOut]},
    summary="The breathing patterns and what they are based on",
)
def breathing_patterns(request: HttpRequest) -> dict[str, Any]:
    return pacer.patterns_as_dict()


def _preferences_out(prefs: PracticePreferences) -> dict[str, Any]:
    return {"style": prefs.style, "breathing_pattern": prefs.breathing_pattern,
            "breathing_minutes": prefs.breathing_minutes, "tone": prefs.tone,
            "speech": prefs.speech, "updated_at": prefs.updated_at if prefs.pk else None}


@router.get("/preferences", response={200: PreferencesOut},
            summary="How practices are offered to you (defaults until saved)")
def get_preferences(request: ApiRequest) -> dict[str, Any]:
    return _preferences_out(PracticePreferences.for_user(request.auth))


@router.put("/preferences", response={200: PreferencesOut, 422: ValidationErrorOut},
            summary="Choose how practices are offered (every choice at once)")
def put_preferences(request: ApiRequest, payload: PreferencesIn) -> dict[str, Any]:
    return _preferences_out(services.save_preferences(request.auth, payload))
