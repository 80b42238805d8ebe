"""/api/v1/heartbeat: beats from camera frames, and the person's heartbeat sessions.

Sessions are fetched through ``owned_or_404`` (another person's id answers 404); input is the
schemas in schemas.py, and problems come back as 422 in the API's one error shape.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Status

from feelmap.accounts.http import ApiRequest
from feelmap.lib.access import owned_or_404
from feelmap.lib.schemas import Error, ValidationErrorOut

from . import services
from .analysis import analyze_camera
from .models import HeartbeatSession
from .schemas import (
    AnalysisOut,
    CameraSeriesIn,
    CountingIn,
    DiscriminationIn,
    GuessIn,
    SessionOut,
)

router = Router(tags=["heartbeat"])
MAX_PAGE = 200


@router.post("/analyze", response={200: AnalysisOut, 422: ValidationErrorOut})
def analyze(request: HttpRequest, series: CameraSeriesIn) -> dict[str, Any]:
    """Beats in camera frames (mean colour per frame); no number when the signal is poor."""
    return analyze_camera(series.t, series.r, series.g, series.b).as_dict()


@router.post("/counting", response={201: SessionOut, 422: ValidationErrorOut})
def create_counting(request: ApiRequest, data: CountingIn) -> Status[dict[str, Any]]:
    session = services.record_counting(request.user, data)
    return Status(201, services.session_as_dict(session))


@router.post("/guess", response={201: SessionOut, 422: ValidationErrorOut})
def create_guess(request: ApiRequest, data: GuessIn) -> Status[dict[str, Any]]:
    session = services.record_guess(request.user, data)
    return Status(201, services.session_as_dict(session))


@router.post("/discrimination", response={201: SessionOut, 422: ValidationErrorOut})
def create_discrimination(request: ApiRequest, data: DiscriminationIn) -> Status[dict[str, Any]]:
    session = services.record_discrimination(request.user, data)
    return Status(201, services.session_as_dict(session))


@router.get("/sessions", response={200: list[SessionOut]})
def list_sessions(request: ApiRequest, limit: int = 50) -> list[dict[str, Any]]:
    limit = max(1, min(limit, MAX_PAGE))
    found = HeartbeatSession.objects.history(request.user).prefetch_related("trials")[:limit]
    return [services.session_as_dict(s) for s in found]


@router.get("/sessions/{public_id}", response={200: SessionOut, 404: Error})
def get_session(request: ApiRequest, public_id: UUID) -> dict[str, Any]:
    session = owned_or_404(HeartbeatSession.objects.prefetch_related("trials"), request.user, public_id)
    return services.session_as_dict(session)


@router.delete("/sessions/{public_id}", response={204: None, 404: Error})
def delete_session(request: ApiRequest, public_id: UUID) -> Status[None]:
    services.delete_session(owned_or_404(HeartbeatSession, request.user, public_id))
    return Status(204, None)
