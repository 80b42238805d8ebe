"""/api/v1/checkins: the same schema as the pages (schemas.py), the same writes (services.py)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError

from feelmap.lib.access import owned_or_404
from feelmap.lib.schemas import Error, ValidationErrorOut
from feelmap.lib.validation import validate

from .models import CheckIn
from .schemas import CheckInIn, CheckInList, CheckInOut, CheckInPatch
from .serialize import checkin_to_api, checkin_to_dict
from .services import checkin_create, checkin_delete, checkin_update, rating_emotions_for
from .validation import CheckInData, resolve_checkin

router = Router(tags=["checkins"])
MAX_PAGE_SIZE = 200


class ListParams(Schema):
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


def _refuse(errors: dict[str, list[str]]) -> ValidationError:
    return ValidationError([
        {"loc": name.split("."), "msg": message, "type": "value_error"}
        for name, messages in errors.items() for message in messages
    ])


def _resolved(user, checked: CheckInIn) -> CheckInData:
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


def _owned(request, checkin_id) -> CheckIn:
    return owned_or_404(CheckIn.objects.with_details(), request.auth, checkin_id)


@router.get("", response={200: CheckInList, 422: ValidationErrorOut},
            summary="List check-ins, newest first")
def list_checkins(request, params: Query[ListParams]):
    paginator = Paginator(CheckIn.objects.for_owner(request.auth).with_details(), params.page_size)
    current = paginator.get_page(params.page)
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "results": [checkin_to_api(c) for c in current.object_list],
    }


@router.post("", response={201: CheckInOut, 422: ValidationErrorOut},
             summary="Create a check-in")
def create_checkin(request, payload: CheckInIn):
    """Save a check-in. If what was written sounds like the person may not be safe, the answer
    has `offer_help: true` and `crisis_url`: please show crisis resources."""
    checkin = checkin_create(owner=request.auth, data=_resolved(request.auth, payload))
    return Status(201, _out(checkin))


@router.get("/{checkin_id}", response={200: CheckInOut, 404: Error}, summary="One check-in")
def get_checkin(request, checkin_id: str):
    return checkin_to_api(_owned(request, checkin_id))


@router.patch("/{checkin_id}", response={200: CheckInOut, 404: Error, 422: ValidationErrorOut},
              summary="Change some fields of a check-in")
def patch_checkin(request, checkin_id: str, payload: CheckInPatch):
    checkin = _owned(request, checkin_id)
    merged = checkin_to_dict(checkin)
    merged.update(payload.changes())
    checked, errors = validate(CheckInIn, merged)  # the whole check-in, as it would be stored
    if checked is None:
        raise _refuse(errors)
    data = _resolved(request.auth, checked)
    return _out(checkin_update(checkin=checkin, data=data))


@router.delete("/{checkin_id}", response={204: None, 404: Error}, summary="Delete a check-in")
def delete_checkin(request, checkin_id: str):
    checkin_delete(checkin=_owned(request, checkin_id))
    return Status(204, None)
