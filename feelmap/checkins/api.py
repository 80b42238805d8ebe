"""/api/v1/checkins: the same rules as the pages (validation.py), the same writes (services.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from ninja import Router, Schema

from feelmap.lib.access import owned_or_404

from .models import CheckIn
from .serialize import checkin_to_api, checkin_to_dict
from .services import checkin_create, checkin_delete, checkin_update, rating_emotions_for
from .validation import validate_checkin

router = Router(tags=["checkins"])
MAX_PAGE_SIZE = 200


class SensationIn(Schema):
    region: str
    quality: str
    intensity: int | None = None
    side: str = ""


class LabelIn(Schema):
    word: str
    own: bool = False
    intensity: int | None = None
    confidence: int | None = None


class CheckInPatch(Schema):
    """Every field optional; a PATCH changes only the fields it sends."""

    kind: str | None = None
    occurred_at: datetime | None = None
    pleasantness: float | None = None
    energy: float | None = None
    not_sure: bool | None = None
    sensations: list[SensationIn] | None = None
    labels: list[LabelIn] | None = None
    ratings: dict[str, int] | None = None
    doing: str | None = None
    doing_own: str | None = None
    with_whom: str | None = None
    with_whom_own: str | None = None
    where: str | None = None
    where_own: str | None = None
    trigger: str | None = None
    need: str | None = None
    note: str | None = None


class CheckInIn(CheckInPatch):
    kind: str | None = "quick"


def _invalid(errors: dict[str, list[str]]) -> JsonResponse:
    return JsonResponse({"detail": "Some values need another look. Nothing was saved.",
                         "fields": errors}, status=422)


def _clean(user, raw: dict[str, Any]):
    # null in JSON means "empty" for text; validation treats None the same as absent.
    raw = {k: ("" if v is None and k not in ("pleasantness", "energy", "occurred_at") else v)
           for k, v in raw.items()}
    return validate_checkin(raw, now=timezone.now(), rating_emotions=rating_emotions_for(user))


def _owned(request, checkin_id) -> CheckIn:
    return owned_or_404(CheckIn.objects.with_details(), request.auth, checkin_id)


@router.get("", summary="List check-ins, newest first")
def list_checkins(request, page: int = 1, page_size: int = 50):
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    paginator = Paginator(CheckIn.objects.for_owner(request.auth).with_details(), page_size)
    current = paginator.get_page(page)
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "results": [checkin_to_api(c) for c in current.object_list],
    }


@router.post("", summary="Create a check-in")
def create_checkin(request, payload: CheckInIn):
    data, errors = _clean(request.auth, payload.dict(exclude_none=True))
    if errors:
        return _invalid(errors)
    checkin = checkin_create(owner=request.auth, data=data)
    checkin = CheckIn.objects.with_details().get(pk=checkin.pk)
    return JsonResponse(checkin_to_api(checkin), status=201)


@router.get("/{checkin_id}", summary="One check-in")
def get_checkin(request, checkin_id: str):
    return checkin_to_api(_owned(request, checkin_id))


@router.patch("/{checkin_id}", summary="Change some fields of a check-in")
def patch_checkin(request, checkin_id: str, payload: CheckInPatch):
    checkin = _owned(request, checkin_id)
    raw = checkin_to_dict(checkin)
    raw.update(payload.dict(exclude_unset=True))
    data, errors = _clean(request.auth, raw)
    if errors:
        return _invalid(errors)
    checkin_update(checkin=checkin, data=data)
    return checkin_to_api(CheckIn.objects.with_details().get(pk=checkin.pk))


@router.delete("/{checkin_id}", summary="Delete a check-in")
def delete_checkin(request, checkin_id: str):
    checkin_delete(checkin=_owned(request, checkin_id))
    return HttpResponse(status=204)
