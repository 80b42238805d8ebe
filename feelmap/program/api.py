"""Program API: the person's path (state, start, a day done, move, stop, boosters), reminder
settings and the calendar feed address. Same schemas and services as the pages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from ninja import Router, Schema, Status

from feelmap.accounts.http import ApiRequest
from feelmap.accounts.models import User
from feelmap.lib.schemas import Error, ValidationErrorOut

from . import content, services, state
from .models import ReminderSettings
from .schemas import (
    BoosterOut,
    DayDone,
    DayOut,
    DueNote,
    ErrorOut,
    FeedOut,
    MoveWeek,
    ProgramOut,
    ReminderSettingsIn,
    ReminderSettingsOut,
    StartProgram,
)

router = Router(tags=["program"])


def _user(request: ApiRequest) -> User:
    """The token's (or session's) person, which ninja's auth puts on the request."""
    return request.auth


def _state(request: ApiRequest) -> dict:
    return state.program_state(_user(request))


@router.get("", response={200: ProgramOut})
def get_program(request: ApiRequest) -> dict[str, Any]:
    return _state(request)


@router.post("/start", response={201: ProgramOut, 409: ErrorOut, 422: ValidationErrorOut})
def start(request: ApiRequest, payload: StartProgram) -> Status[dict[str, Any]]:
    try:
        services.start_program(_user(request), state.tailoring_for(_user(request)),
                               start_week=payload.start_week)
    except services.ProgramError as exc:
        return Status(409, {"detail": str(exc)})
    return Status(201, _state(request))


@router.post("/days", response={201: DayOut, 409: ErrorOut, 422: ValidationErrorOut})
def day_done(request: ApiRequest, payload: DayDone) -> Status[dict[str, Any]]:
    try:
        record = services.record_day(_user(request), payload)
    except services.ProgramError as exc:
        return Status(409, {"detail": str(exc)})
    run = record.enrollment
    run.refresh_from_db()
    return Status(201, {"day": record.day, "week": record.week, "practice": record.practice,
                        "tried_with_someone": record.tried_with_someone,
                        "current_week": run.current_week, "finished": run.finished_at is not None})


@router.post("/week", response={200: ProgramOut, 409: ErrorOut, 422: ValidationErrorOut})
def move(request: ApiRequest, payload: MoveWeek) -> dict[str, Any] | Status[dict[str, Any]]:
    try:
        services.move_week(_user(request), payload.direction)
    except services.ProgramError as exc:
        return Status(409, {"detail": str(exc)})
    return _state(request)


@router.post("/stop", response={200: ProgramOut})
def stop(request: ApiRequest) -> dict[str, Any]:
    services.stop_program(_user(request))
    return _state(request)


@router.post("/boosters", response={201: BoosterOut})
def booster_done(request: ApiRequest) -> Status[dict[str, Any]]:
    from feelmap.lib.days import local_date, person_zone

    user = _user(request)
    done = services.record_booster(user)
    return Status(201, {"which": done.which, "title": "Booster",
                        "due_on": local_date(done.completed_at, person_zone(user)),
                        "done": True, "due_now": False})


@router.get("/due", response={200: list[DueNote]})
def due(request: ApiRequest) -> list[dict[str, Any]]:
    return state.due_notes(_user(request))


def _settings_out(found: ReminderSettings | None) -> dict:
    if found is None:
        return {"email_enabled": False, "email": "", "times": [], "days": [], "time_zone": "UTC",
                "quiet_start": None, "quiet_end": None, "purposes": [], "has_feed": False}
    return {
        "email_enabled": found.email_enabled, "email": found.email, "times": list(found.times),
        "days": list(found.days), "time_zone": found.time_zone,
        "quiet_start": found.quiet_start.strftime("%H:%M") if found.quiet_start else None,
        "quiet_end": found.quiet_end.strftime("%H:%M") if found.quiet_end else None,
        "purposes": list(found.purposes), "has_feed": bool(found.feed_hash),
    }


@router.get("/reminders", response={200: ReminderSettingsOut})
def get_reminders(request: ApiRequest) -> dict[str, Any]:
    return _settings_out(ReminderSettings.objects.filter(owner=_user(request)).first())


@router.put("/reminders", response={200: ReminderSettingsOut, 422: ValidationErrorOut})
def put_reminders(request: ApiRequest, payload: ReminderSettingsIn) -> dict[str, Any]:
    return _settings_out(services.save_reminder_settings(_user(request), payload))


@router.post("/reminders/feed", response={201: FeedOut})
def new_feed(request: ApiRequest) -> Status[dict[str, Any]]:
    """A new secret calendar address (the old one stops working); shown only in this answer."""
    token = services.rotate_feed(_user(request))
    return Status(201, {"url": request.build_absolute_uri(reverse("program:feed", args=[token]))})


@router.delete("/reminders/feed", response={204: None},
               summary="Turn the calendar address off")
def remove_feed(request: ApiRequest) -> Status[None]:
    """The secret calendar address stops working; POST /reminders/feed makes a new one."""
    services.remove_feed(_user(request))
    return Status(204, None)


class UnderstandingSummaryOut(Schema):
    slug: str
    title: str
    summary: str


class UnderstandingPageOut(UnderstandingSummaryOut):
    sections: list[dict[str, Any]]
    pairs: list[dict[str, Any]]
    links: list[dict[str, Any]]
    sources: list[dict[str, Any]]


@router.get("/understanding", response={200: list[UnderstandingSummaryOut]},
            summary="The understanding pages (what feelings are, how naming them helps)")
def understanding(request: ApiRequest) -> list[dict[str, Any]]:
    return [{"slug": p.slug, "title": p.title, "summary": p.summary}
            for p in content.load_pages().pages]


@router.get("/understanding/{slug}", response={200: UnderstandingPageOut, 404: Error},
            summary="One understanding page, with its sources")
def understanding_page(request: ApiRequest, slug: str) -> dict[str, Any] | Status[dict[str, Any]]:
    found = content.page(slug[:80])
    if found is None:
        return Status(404, {"detail": "There is no such page."})
    return found.model_dump(mode="json")
