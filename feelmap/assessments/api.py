"""/api/v1/assessments: questionnaires, answers (scored on arrival) and score trends."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Status
from ninja.errors import HttpError, ValidationError

from feelmap.accounts.http import ApiRequest
from feelmap.accounts.models import User
from feelmap.lib.access import owned_or_404
from feelmap.lib.schemas import Error, ValidationErrorOut

from .instruments import KEYS, Instrument, Option, all_instruments, load_instrument
from .models import AssessmentResponse
from .records import completed_for, draft_for, safety_items_raised
from .report import change_scales
from .schedule import settings_for
from .schemas import (
    DraftAnswersIn,
    DraftOut,
    InstrumentKey,
    InstrumentOut,
    InstrumentSummaryOut,
    QuestionnaireResponseIn,
    QuestionnaireResponseOut,
    ResponseListFilter,
    ScheduleIn,
    ScheduleItemOut,
    ScoresFilter,
    ScoresOut,
    SubmittedResponseOut,
    completion_errors,
    read_answers,
)
from .scoring import meaningful_change, reliable_change
from .services import complete, discard_draft, save_draft, save_schedule

router = Router(tags=["assessments"])


# --- instruments -------------------------------------------------------------------------


def _summary(instrument: Instrument) -> dict[str, Any]:
    return {
        "key": instrument.key,
        "name": instrument.name,
        "short_name": instrument.short_name,
        "items": len(instrument.items),
        "timeframe": instrument.timeframe,
        "higher_is_better": instrument.higher_is_better,
        "what_it_measures": instrument.what_it_measures,
        "what_it_cannot_tell": instrument.what_it_cannot_tell,
    }


def _options(options: Iterable[Option]) -> list[dict[str, Any]]:
    return [{"value": o.value, "label": o.label, "code": o.code} for o in options]


def _detail(instrument: Instrument) -> dict[str, Any]:
    total = instrument.total
    return {
        **_summary(instrument),
        "instructions": instrument.instructions,
        "citation": instrument.citation,
        "licence": instrument.licence,
        "items": [
            {
                "number": item.number,
                "text": item.text,
                "options": _options(item.options),
                "reverse": item.reverse,
                "scored": item.scored,
                "optional": item.optional,
                "safety": item.safety,
                "code": item.code,
            }
            for item in instrument.items
        ],
        "subscales": [
            {"key": s.key, "label": s.label, "items": list(s.items), "method": s.method,
             "range": list(s.range), "description": s.description, "kind": s.kind}
            for s in instrument.subscales
        ],
        "total": None if total is None else {
            "label": total.label, "method": total.method, "range": list(total.range),
            "multiplier": total.multiplier, "code": total.code,
        },
        "bands": [
            {"min": b.min, "max": b.max, "label": b.label, "explanation": b.explanation}
            for b in instrument.bands
        ],
        "bands_source": instrument.bands_source,
        "missing_policy": {
            "rule": instrument.missing.rule,
            "explanation": instrument.missing.explanation,
            "source": instrument.missing.source,
        },
        "reliable_change": _change_params(instrument),
        "codes": dict(instrument.codes),
    }


def _change_params(instrument: Instrument) -> dict[str, Any]:
    meaningful = instrument.meaningful_change
    return {
        "note": instrument.reliable_change_note,
        "scales": {
            key: {"sd": p.sd, "reliability": p.reliability, "sd_source": p.sd_source,
                  "reliability_source": p.reliability_source}
            for key, p in instrument.reliable_change.items()
        },
        "meaningful_change": None if meaningful is None
        else {"points": meaningful.points, "source": meaningful.source},
    }


def _instrument_or_404(key: str) -> Instrument:
    if key not in KEYS:
        raise HttpError(404, f"No questionnaire {key!r}; known: {', '.join(KEYS)}.")
    return load_instrument(key)


@router.get("/instruments", response={200: list[InstrumentSummaryOut]})
def list_instruments(request: HttpRequest) -> list[dict[str, Any]]:
    """Every questionnaire Feelmap scores, with what it measures and what it cannot tell."""
    return [_summary(i) for i in all_instruments()]


@router.get("/instruments/{key}", response={200: InstrumentOut, 404: Error})
def get_instrument(request: HttpRequest, key: str) -> dict[str, Any]:
    """One questionnaire in full: exact items, options, scales, bands and policies."""
    return _detail(_instrument_or_404(key))


# --- responses -----------------------------------------------------------------------------


def _raise_for(errors: dict[str, list[str]]) -> None:
    """Field messages (as from `schemas.read_answers`) as the API's 422."""
    if errors:
        raise ValidationError(
            [
                {"loc": field.split("."), "msg": message, "type": "value_error"}
                for field, messages in errors.items()
                for message in messages
            ]
        )


def _out(response: AssessmentResponse) -> dict[str, Any]:
    result = response.scored()
    return {
        "id": response.public_id,
        "instrument": response.instrument,
        "complete": response.is_complete,
        "started_at": response.started_at,
        "completed_at": response.completed_at,
        "answers": response.answers,
        "score": {
            "total": result.total,
            "total_range": list(result.total_range) if result.total_range else None,
            "subscales": result.subscales,
            "band": None if result.band is None
            else {"label": result.band.label, "explanation": result.band.explanation},
            "prorated": result.prorated,
            "missing": list(result.missing),
            "policy": result.policy,
        },
    }


@router.post("/responses", response={201: SubmittedResponseOut, 422: ValidationErrorOut})
def create_response(
    request: ApiRequest, payload: QuestionnaireResponseIn
) -> Status[dict[str, Any]]:
    """Submit a finished questionnaire; it is scored at once.

    Every scored question needs an answer unless `allow_missing` is true; even then at least
    half of them must be answered. A safety question answered above its lowest option (PHQ-9
    question 9) adds `"safety": {"flag": true, "crisis_url": "/help/"}`: please show crisis
    resources.
    """
    instrument = load_instrument(payload.instrument)
    answers, errors = read_answers(instrument, payload.answers)
    _raise_for(errors)
    _raise_for(completion_errors(instrument, answers, allow_missing=payload.allow_missing))
    done = complete(
        request.auth,
        payload.instrument,
        answers,
        when=payload.completed_at,
        allow_missing=payload.allow_missing,
    )
    body = _out(done.response)
    body["safety"] = (
        {"flag": True, "crisis_url": reverse("core:crisis")} if done.flagged else {"flag": False}
    )
    return Status(201, body)


@router.get("/responses", response={200: list[QuestionnaireResponseOut], 422: ValidationErrorOut})
def list_responses(request: ApiRequest, filters: Query[ResponseListFilter]) -> list[dict[str, Any]]:
    """Your answers, newest first (finished ones unless include_drafts is true)."""
    rows = AssessmentResponse.objects.filter(owner=request.auth)
    if not filters.include_drafts:
        rows = rows.completed()
    if filters.instrument:
        rows = rows.filter(instrument=filters.instrument)
    rows = rows.order_by("-completed_at", "-started_at")[filters.offset : filters.offset + filters.limit]
    return [_out(r) for r in rows]


@router.get("/responses/{response_id}", response={200: QuestionnaireResponseOut, 404: Error})
def get_response(request: ApiRequest, response_id: UUID) -> dict[str, Any]:
    """One of your answers; someone else's answers 404."""
    return _out(owned_or_404(AssessmentResponse, request.auth, response_id))


# --- scores --------------------------------------------------------------------------------


def _rci(instrument: Instrument, before: float | None, after: float | None,
         scale: str) -> dict[str, Any] | None:
    key = None if scale == "total" else scale
    found = reliable_change(instrument, before, after, key)
    if found is None:
        return None
    return {"change": found.change, "rci": round(found.rci, 3), "reliable": found.reliable,
            "direction": found.direction, "threshold": round(found.threshold, 2)}


@router.get("/scores", response={200: ScoresOut, 422: ValidationErrorOut})
def scores(request: ApiRequest, filters: Query[ScoresFilter]) -> dict[str, Any]:
    """Your score trend for one questionnaire, with reliable change against the first and
    previous scores (when the questionnaire has published values for it)."""
    instrument = load_instrument(filters.instrument)
    responses = list(completed_for(request.auth, instrument.key))
    scales = change_scales(instrument)

    def value(r: AssessmentResponse | None, scale: str) -> float | None:
        if r is None:
            return None
        return r.total if scale == "total" else (r.subscales or {}).get(scale)

    points = []
    for index, r in enumerate(responses):
        first = responses[0] if index else None
        previous = responses[index - 1] if index else None
        change = {}
        for scale in scales:
            change[scale] = {
                "from_first": _rci(instrument, value(first, scale), value(r, scale), scale)
                if first else None,
                "from_previous": _rci(instrument, value(previous, scale), value(r, scale), scale)
                if previous else None,
            }
        points.append({
            "id": r.public_id,
            "completed_at": r.completed_at,
            "total": r.total,
            "subscales": r.subscales,
            "band": r.band or None,
            "prorated": r.prorated,
            "reliable_change": change,
            "meaningful_change_from_previous": meaningful_change(instrument, previous.total, r.total)
            if previous is not None else None,
        })
    return {
        "instrument": instrument.key,
        "higher_is_better": instrument.higher_is_better,
        "reliable_change": _change_params(instrument),
        "points": points,
    }


# --- unfinished answers (what the page autosaves) -------------------------------------------


def _draft_out(draft: AssessmentResponse) -> dict[str, Any]:
    raised = bool(safety_items_raised(load_instrument(draft.instrument), draft.answer_map()))
    return {"instrument": draft.instrument, "answers": draft.answers,
            "started_at": draft.started_at, "saved_at": draft.updated_at, "safety": raised,
            "crisis_url": reverse("core:crisis") if raised else None}


@router.get("/drafts/{key}", response={200: DraftOut, 404: Error, 422: ValidationErrorOut},
            summary="Your unfinished answers to one questionnaire")
def get_draft(request: ApiRequest, key: InstrumentKey) -> dict[str, Any] | Status[dict[str, Any]]:
    draft = draft_for(request.auth, key)
    if draft is None:
        return Status(404, {"detail": "No unfinished answers to this questionnaire."})
    return _draft_out(draft)


@router.put("/drafts/{key}", response={200: DraftOut, 422: ValidationErrorOut},
            summary="Keep unfinished answers to one questionnaire")
def put_draft(request: ApiRequest, key: InstrumentKey, payload: DraftAnswersIn) -> dict[str, Any]:
    """Every answer given must be one of its question's choices; none need to be given yet.
    Finish with POST /responses (the draft becomes that answer)."""
    answers, errors = read_answers(load_instrument(key), payload.answers)
    _raise_for(errors)
    return _draft_out(save_draft(request.auth, key, answers))


@router.delete("/drafts/{key}", response={204: None, 404: Error, 422: ValidationErrorOut},
               summary="Forget unfinished answers to one questionnaire")
def delete_draft(request: ApiRequest, key: InstrumentKey) -> Status[dict[str, Any]] | Status[None]:
    if not discard_draft(request.auth, key):
        return Status(404, {"detail": "No unfinished answers to this questionnaire."})
    return Status(204, None)


# --- how often each questionnaire is suggested ---------------------------------------------


def _schedule(user: User) -> list[dict[str, Any]]:
    return [{"instrument": key, "interval_days": days, "active": active}
            for key, (days, active) in settings_for(user).items()]


@router.get("/schedule", response={200: list[ScheduleItemOut]},
            summary="How often each questionnaire is suggested")
def get_schedule(request: ApiRequest) -> list[dict[str, Any]]:
    return _schedule(request.auth)


@router.put("/schedule", response={200: list[ScheduleItemOut], 422: ValidationErrorOut},
            summary="Choose how often questionnaires are suggested")
def put_schedule(request: ApiRequest, payload: ScheduleIn) -> list[dict[str, Any]]:
    save_schedule(request.auth, {key: (item.interval_days, item.active)
                                 for key, item in payload.instruments.items()})
    return _schedule(request.auth)
