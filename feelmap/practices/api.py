"""/api/v1/practices: practice sessions, today's plan, the activity library and the pacer schedule.

Every session is fetched through ``owned_or_404`` (another person's id answers 404). Input is
checked field by field before anything is written; problems come back as 422 with a message
per field, in the API's one error shape.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import ValidationError
from pydantic import ConfigDict

from feelmap.lexicon.body import load_body_catalogue
from feelmap.lib.access import owned_or_404
from feelmap.safety.nudge import offer_help_if_needed

from . import activities, bodyscan, pacer, services
from .forms import NOTICED_MAX
from .models import CHECKIN_LINKS, PracticeKind, PracticeSession

router = Router(tags=["practices"])

FUTURE_GRACE = timedelta(minutes=5)  # device clocks disagree a little
MAX_PAGE = 200
MAX_SECONDS = 24 * 3600

FIELDS = (
    "kind",
    "pattern",
    "minutes",
    "scan",
    "activity_id",
    "started_at",
    "ended_at",
    "completed_at",
    "what_noticed",
    "nothing_noticed",
    "quiet_regions",
    *CHECKIN_LINKS,
)


class SessionIn(Schema):
    """All optional here so that each problem gets its own plain message below."""

    model_config = ConfigDict(extra="forbid")
    kind: Any = None
    pattern: Any = None
    minutes: Any = None
    scan: Any = None
    activity_id: Any = None
    started_at: Any = None
    ended_at: Any = None
    completed_at: Any = None
    what_noticed: Any = None
    nothing_noticed: Any = None
    quiet_regions: Any = None
    before_checkin: Any = None
    after_checkin: Any = None
    scan_checkin: Any = None


# ---------------------------------------------------------------- validation


class _Errors(dict):
    def add(self, name: str, message: str) -> None:
        self.setdefault(name, []).append(message)


def _moment(value: Any, name: str, now: datetime, errors: _Errors) -> datetime | None:
    if value in (None, ""):
        return None
    moment = value
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            moment = None
    if not isinstance(moment, datetime):
        errors.add(name, "Give a date and time in ISO 8601, like 2025-03-14T18:30:00Z.")
        return None
    if moment.tzinfo is None:
        moment = timezone.make_aware(moment)
    if moment > now + FUTURE_GRACE:
        errors.add(name, "This time is in the future. Use now or a time that has passed.")
        return None
    return moment


def _checkin(value: Any, name: str, owner, errors: _Errors):
    if value in (None, ""):
        return None
    from feelmap.checkins.models import CheckIn

    try:
        key = uuid.UUID(str(value))
    except ValueError:
        errors.add(name, "Give the id of one of your check-ins, or null.")
        return None
    found = CheckIn.objects.filter(owner=owner, public_id=key).first()
    if found is None:
        errors.add(name, "None of your check-ins has this id.")
    return found


def clean_session(raw: dict[str, Any], owner, now: datetime) -> tuple[dict[str, Any], _Errors]:
    """Check a complete set of session fields; clean values and a message per bad field."""
    errors = _Errors()
    out: dict[str, Any] = {}
    kind = raw.get("kind")
    if kind not in PracticeKind.values:
        errors.add("kind", f"Kind must be one of: {', '.join(PracticeKind.values)}.")
    out["kind"] = kind
    for name in ("pattern", "scan", "activity_id"):
        value = raw.get(name) or ""
        if not isinstance(value, str):
            errors.add(name, "This must be text.")
            value = ""
        out[name] = value
    out["minutes"] = raw.get("minutes")
    if kind == PracticeKind.BREATHING:
        if out["pattern"] not in pacer.PATTERNS:
            errors.add("pattern", f"Choose a breathing pattern: {', '.join(pacer.PATTERNS)}.")
        try:
            out["minutes"] = pacer.check_minutes(out["minutes"])
        except ValueError:
            errors.add("minutes", "Minutes must be a whole number from 1 to 10.")
    else:
        if out["pattern"]:
            errors.add("pattern", "Only a breathing practice has a pattern.")
        if out["minutes"] is not None:
            errors.add("minutes", "Only a breathing practice has a length in minutes.")
    if kind == PracticeKind.BODYSCAN and out["scan"] not in bodyscan.load_scans():
        errors.add("scan", f"Choose a body scan: {', '.join(bodyscan.load_scans())}.")
    elif kind != PracticeKind.BODYSCAN and out["scan"]:
        errors.add("scan", "Only a body scan has a scan script.")
    if kind == PracticeKind.SENSES and activities.by_id(out["activity_id"]) is None:
        errors.add("activity_id", "Choose an activity id from /api/v1/practices/activities.")
    elif kind != PracticeKind.SENSES and out["activity_id"]:
        errors.add("activity_id", "Only a senses practice has an activity.")

    for name in ("ended_at", "completed_at"):
        out[name] = _moment(raw.get(name), name, now, errors)
    # Without a start time, the session started at its end (or now): never after it ended.
    given = [m for m in (out["ended_at"], out["completed_at"]) if m is not None]
    out["started_at"] = _moment(raw.get("started_at"), "started_at", now, errors) or min(
        [now, *given]
    )
    for name in ("ended_at", "completed_at"):
        if out[name] is not None and out[name] < out["started_at"]:
            errors.add(name, "This is before the practice started.")
        elif out[name] is not None and out[name] - out["started_at"] > timedelta(
            seconds=MAX_SECONDS
        ):
            errors.add(name, "A practice can last at most a day.")
    if out["completed_at"] is not None and out["ended_at"] is None:
        out["ended_at"] = out["completed_at"]

    text = raw.get("what_noticed") or ""
    if not isinstance(text, str):
        errors.add("what_noticed", "This must be text.")
        text = ""
    text = text.strip()
    if len(text) > NOTICED_MAX:
        errors.add(
            "what_noticed", f"This is {len(text):,} characters; the limit is {NOTICED_MAX:,}."
        )
    out["what_noticed"] = text
    nothing = raw.get("nothing_noticed")
    if nothing is not None and not isinstance(nothing, bool):
        errors.add("nothing_noticed", "This must be true or false.")
    out["nothing_noticed"] = bool(nothing) and not text

    quiet = raw.get("quiet_regions") or []
    body = load_body_catalogue()
    if not isinstance(quiet, list) or not all(
        isinstance(r, str) and body.has_region(r) for r in quiet
    ):
        errors.add("quiet_regions", "Give a list of body region keys (see /api/v1/lexicon).")
        quiet = []
    out["quiet_regions"] = list(dict.fromkeys(quiet))
    for name in CHECKIN_LINKS:
        out[name] = _checkin(raw.get(name), name, owner, errors)
    return out, errors


def _raise(errors: _Errors) -> None:
    raise ValidationError(
        [{"loc": [name], "msg": m} for name, msgs in errors.items() for m in msgs]
    )


def _current(session: PracticeSession) -> dict[str, Any]:
    data = {name: getattr(session, name) for name in FIELDS if name not in CHECKIN_LINKS}
    for name in CHECKIN_LINKS:
        linked = getattr(session, name)
        data[name] = linked.public_id if linked else None
    return data


def session_to_api(session: PracticeSession) -> dict[str, Any]:
    def iso(value):
        return value.isoformat() if value else None

    item = services.describe(session)
    return {
        "id": str(session.public_id),
        "kind": session.kind,
        "title": item["title"],
        "pattern": session.pattern or None,
        "minutes": session.minutes,
        "scan": session.scan or None,
        "activity_id": session.activity_id or None,
        "started_at": iso(session.started_at),
        "ended_at": iso(session.ended_at),
        "completed_at": iso(session.completed_at),
        "completed": session.completed,
        "what_noticed": session.what_noticed,
        "nothing_noticed": session.nothing_noticed,
        "quiet_regions": list(session.quiet_regions or []),
        **{
            name: str(getattr(session, name).public_id) if getattr(session, name) else None
            for name in CHECKIN_LINKS
        },
        "summary": " ".join(p for p in (item["duration"], item["change"]) if p),
        "created_at": iso(session.created_at),
        "updated_at": iso(session.updated_at),
    }


def _save(session: PracticeSession, clean: dict[str, Any]) -> PracticeSession:
    for name, value in clean.items():
        setattr(session, name, value)
    with transaction.atomic():
        session.save()
    return session


# ---------------------------------------------------------------- endpoints


@router.get("/sessions", summary="Your practice sessions, newest first")
def list_sessions(request, limit: int = 50, offset: int = 0, kind: str | None = None):
    errors = _Errors()
    if not 1 <= limit <= MAX_PAGE:
        errors.add("limit", f"Limit must be from 1 to {MAX_PAGE}.")
    if offset < 0:
        errors.add("offset", "Offset must be 0 or more.")
    if kind is not None and kind not in PracticeKind.values:
        errors.add("kind", f"Kind must be one of: {', '.join(PracticeKind.values)}.")
    if errors:
        _raise(errors)
    qs = PracticeSession.objects.history(request.auth)
    if kind:
        qs = qs.filter(kind=kind)
    total = qs.count()
    return {"count": total, "results": [session_to_api(s) for s in qs[offset : offset + limit]]}


@router.post("/sessions", response={201: dict}, summary="Record a practice session")
def create_session(request, payload: SessionIn):
    clean, errors = clean_session(
        payload.model_dump(exclude_unset=True), request.auth, timezone.now()
    )
    if errors:
        _raise(errors)
    session = _save(PracticeSession(owner=request.auth), clean)
    offer_help_if_needed(request, session.what_noticed)
    return Status(201, session_to_api(session))


@router.get("/sessions/{session_id}", summary="One practice session")
def get_session(request, session_id: str):
    return session_to_api(
        owned_or_404(PracticeSession.objects.history(request.auth), request.auth, session_id)
    )


@router.patch("/sessions/{session_id}", summary="Change some fields of a session")
def update_session(request, session_id: str, payload: SessionIn):
    session = owned_or_404(PracticeSession, request.auth, session_id)
    changes = payload.model_dump(exclude_unset=True)
    if "kind" in changes and changes["kind"] != session.kind:
        _raise(_Errors(kind=["A session's kind can't change; record a new session instead."]))
    merged = {**_current(session), **changes}
    clean, errors = clean_session(merged, request.auth, timezone.now())
    if errors:
        _raise(errors)
    _save(session, clean)
    if "what_noticed" in changes:
        offer_help_if_needed(request, session.what_noticed)
    return session_to_api(session)


@router.delete("/sessions/{session_id}", response={204: None}, summary="Delete a session")
def delete_session(request, session_id: str):
    services.delete_session(owned_or_404(PracticeSession, request.auth, session_id))
    return Status(204, None)


@router.get("/plan", summary="Today's suggested practice and why")
def plan(request):
    return services.plan_as_dict(services.todays_plan(request.auth))


@router.get("/activities", summary="The senses re-awakening library")
def activity_library(request, category: str | None = None):
    if category is not None and category not in activities.CATEGORIES:
        _raise(_Errors(category=[f"Category must be one of: {', '.join(activities.CATEGORIES)}."]))
    items = activities.by_category(category) if category else activities.load_activities()
    return {
        "categories": [
            {"key": c.key, "label": c.label, "description": c.description}
            for c in activities.CATEGORIES.values()
        ],
        "activities": [a.as_dict() for a in items],
        "based_on": activities.BASED_ON,
    }


@router.get("/breathing/schedule", summary="Every phase of a breathing session")
def breathing_schedule(request, pattern: str = pacer.DEFAULT_PATTERN, minutes: str = "3"):
    errors = _Errors()
    if pattern not in pacer.PATTERNS:
        errors.add("pattern", f"Choose a breathing pattern: {', '.join(pacer.PATTERNS)}.")
    try:
        whole = pacer.check_minutes(int(minutes)) if minutes.strip().isdigit() else None
    except ValueError:
        whole = None
    if whole is None:
        errors.add("minutes", "Minutes must be a whole number from 1 to 10.")
    if errors:
        _raise(errors)
    return pacer.schedule_as_dict(pattern, whole)


@router.get("/breathing/patterns", summary="The breathing patterns and what they are based on")
def breathing_patterns(request):
    return pacer.patterns_as_dict()
