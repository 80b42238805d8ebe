"""/api/v1/checkins: the same schema as the pages (schemas.py), the same writes (services.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import ValidationError
from pydantic import Field as PydField

from feelmap.accounts.http import ApiRequest
from feelmap.accounts.models import User
from feelmap.lib.access import owned_or_404
from feelmap.lib.person_cache import person_count
from feelmap.lib.schemas import Error, ValidationErrorOut
from feelmap.lib.validation import validate
from feelmap.lib.versions import version_needed

from . import calendar as month_calendar
from .choices import DEFAULT_RATINGS
from .models import CheckIn
from .schemas import (
    CheckInConflictOut,
    CheckInDraftIn,
    CheckInIn,
    CheckInList,
    CheckInOut,
    CheckInPatch,
    CheckInVersionNeededOut,
    ContrastAnswerIn,
    RatingSetIn,
)
from .serialize import checkin_to_api, checkin_to_dict
from .services import (
    CheckInConflict,
    StaleDraft,
    checkin_create,
    checkin_delete,
    checkin_update,
    contrast_answer_record,
    draft_clear,
    draft_load,
    draft_save,
    rating_emotions_for,
    rating_set_save,
)
from .validation import CheckInData, resolve_checkin, validate_rating_set

router = Router(tags=["checkins"])
MAX_PAGE_SIZE = 200


class CheckInListParams(Schema):
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)
    day: str | None = Field(None, max_length=10, description="Only this day (local time), like "
                            "2025-03-14: the timeline's day and the calendar's squares.")


def _refuse(errors: dict[str, list[str]]) -> ValidationError:
    return ValidationError([
        {"loc": name.split("."), "msg": message, "type": "value_error"}
        for name, messages in errors.items() for message in messages
    ])


def _resolved(user: User, checked: CheckInIn) -> CheckInData:
    """The vocabulary, body map and rating-set checks; their messages as the API's 422."""
    data, errors = resolve_checkin(checked, now=timezone.now(),
                                   rating_emotions=rating_emotions_for(user))
    if errors or data is None:
        raise _refuse(errors)
    return data


def _out(checkin: CheckIn) -> dict[str, Any]:
    level = checkin.help_level
    body = checkin_to_api(CheckIn.objects.with_details().get(pk=checkin.pk))
    body["offer_help"] = bool(level)
    body["help_level"] = level or None
    body["crisis_url"] = reverse("core:crisis") if level else None
    return body


def _owned(request: ApiRequest, checkin_id: str) -> CheckIn:
    return owned_or_404(CheckIn.objects.with_details(), request.auth, checkin_id)


@router.get("", response={200: CheckInList, 422: ValidationErrorOut},
            summary="List check-ins, newest first")
def list_checkins(request: ApiRequest, params: Query[CheckInListParams]) -> dict[str, Any]:
    rows = CheckIn.objects.for_owner(request.auth)
    if params.day is not None:
        day = month_calendar.parse_day(params.day)
        if day is None:
            raise _refuse({"day": ["Use a date like 2025-03-14, from the year 2000 until today."]})
        start, end = month_calendar.day_bounds(day)
        rows = rows.filter(occurred_at__gte=start, occurred_at__lt=end)
    paginator = Paginator(rows.with_details(), params.page_size)
    if params.day is None:  # the whole list: its count is kept per data version
        paginator.count = person_count("checkins", request.auth, rows)
    current = paginator.get_page(params.page)
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "results": [checkin_to_api(c) for c in current.object_list],
    }


@router.post("", response={201: CheckInOut, 422: ValidationErrorOut},
             summary="Create a check-in")
def create_checkin(request: ApiRequest, payload: CheckInIn) -> Status[dict[str, Any]]:
    """Save a check-in. If what was written sounds like the person may not be safe, the answer
    has `offer_help: true` and `crisis_url`: please show crisis resources."""
    checkin = checkin_create(owner=request.auth, data=_resolved(request.auth, payload))
    return Status(201, _out(checkin))


# --- the person's rating set, drafts and contrast answers (before "/{checkin_id}", which
# would otherwise take "ratings" or "drafts" for an id) -------------------------------------


class RatingSetOut(Schema):
    emotions: list[str] = PydField(description="The feelings a full check-in asks to rate.")
    standard: bool = PydField(description="True when these are the standard ten.")


def _rating_set(user: User) -> dict[str, Any]:
    emotions = list(rating_emotions_for(user))
    return {"emotions": emotions, "standard": tuple(emotions) == DEFAULT_RATINGS}


@router.get("/ratings", response={200: RatingSetOut},
            summary="The feelings a full check-in asks you to rate")
def get_rating_set(request: ApiRequest) -> dict[str, Any]:
    return _rating_set(request.auth)


@router.put("/ratings", response={200: RatingSetOut, 422: ValidationErrorOut},
            summary="Choose the feelings a full check-in asks you to rate")
def put_rating_set(request: ApiRequest, payload: RatingSetIn) -> dict[str, Any]:
    """2 to 20 vocabulary words; send the standard ten to go back to them."""
    chosen, problems = validate_rating_set(payload.emotions)
    if problems:
        raise _refuse({"emotions": problems})
    rating_set_save(owner=request.auth, emotions=chosen)
    return _rating_set(request.auth)


DraftKey = Annotated[str, Path(pattern=r"^[a-z0-9-]{1,80}$",
                               description="Which form: 'quick', 'full', 'edit-<check-in id>'...")]


class CheckInDraftOut(Schema):
    payload: Any = None
    saved_at: datetime


@router.get("/drafts/{key}", response={200: CheckInDraftOut, 404: Error},
            summary="An unfinished check-in form")
def get_draft(request: ApiRequest, key: DraftKey) -> dict[str, Any] | Status[dict[str, Any]]:
    found = draft_load(request.auth, key)
    if found is None:
        return Status(404, {"detail": "No draft."})
    return found


@router.put("/drafts/{key}",
            response={200: CheckInDraftOut, 409: Error, 422: ValidationErrorOut},
            summary="Keep an unfinished check-in form")
def put_draft(request: ApiRequest, key: DraftKey,
              payload: CheckInDraftIn) -> dict[str, Any] | Status[dict[str, Any]]:
    try:
        saved = draft_save(request.auth, key, payload.payload, page=payload.page)
    except StaleDraft as stale:
        return Status(409, {"detail": str(stale)})
    except RecursionError:
        raise _refuse({"payload": ["This draft is nested too deeply to keep."]}) from None
    except ValueError as exc:
        raise _refuse({"payload": [str(exc)]}) from None
    return draft_load(request.auth, saved.key) or {"payload": None, "saved_at": saved.updated_at}


@router.delete("/drafts/{key}", response={204: None, 422: ValidationErrorOut},
               summary="Forget an unfinished check-in form")
def delete_draft(request: ApiRequest, key: DraftKey) -> Status[None]:
    draft_clear(request.auth, key)
    return Status(204, None)


class ContrastAnswerOut(Schema):
    family_a: str
    family_b: str
    chosen: str


@router.post("/contrast", response={201: ContrastAnswerOut, 422: ValidationErrorOut},
             summary="Answer \"more like X, or more like Y?\"")
def answer_contrast(request: ApiRequest, payload: ContrastAnswerIn) -> Status[dict[str, Any]]:
    """Kept so later suggestions lean toward the family chosen ("not_sure" leans nowhere). Get
    the turned suggestions from the page's script or POST /api/v1/suggest."""
    contrast_answer_record(owner=request.auth, data=payload)
    return Status(201, payload.model_dump())


@router.get("/{checkin_id}", response={200: CheckInOut, 404: Error}, summary="One check-in")
def get_checkin(request: ApiRequest, checkin_id: str) -> dict[str, Any]:
    return checkin_to_api(_owned(request, checkin_id))


CONFLICT = (
    "This check-in was changed since version {based_on} (another tab, device or script saved "
    "version {current}). Nothing was overwritten: `current` is the saved check-in. To keep your "
    "change anyway, send it again with version {current}."
)


@router.patch("/{checkin_id}", response={200: CheckInOut, 404: Error, 409: CheckInConflictOut,
                                          422: ValidationErrorOut, 428: CheckInVersionNeededOut},
              summary="Change some fields of a check-in")
def patch_checkin(request: ApiRequest, checkin_id: str, payload: CheckInPatch) -> dict[str, Any] | Status[dict[str, Any]]:
    """Send the fields to change and `version`, the check-in's version when you read it. 409:
    it was changed since (the answer holds the saved check-in); 428: no `version` was sent (the
    answer holds the saved check-in and its version). Neither changes anything."""
    checkin = _owned(request, checkin_id)
    if payload.version is None:
        return Status(428, {"detail": version_needed("check-in", checkin.version),
                            "version": checkin.version, "current": checkin_to_api(checkin)})
    merged = checkin_to_dict(checkin)
    merged.update(payload.changes())
    checked, errors = validate(CheckInIn, merged)  # the whole check-in, as it would be stored
    if checked is None:
        raise _refuse(errors)
    data = _resolved(request.auth, checked)
    try:
        return _out(checkin_update(checkin=checkin, data=data, based_on=payload.version))
    except CheckInConflict as conflict:
        detail = CONFLICT.format(based_on=payload.version, current=conflict.current.version)
        return Status(409, {"detail": detail, "current": checkin_to_api(conflict.current)})


@router.delete("/{checkin_id}", response={204: None, 404: Error}, summary="Delete a check-in")
def delete_checkin(request: ApiRequest, checkin_id: str) -> Status[None]:
    checkin_delete(checkin=_owned(request, checkin_id))
    return Status(204, None)
