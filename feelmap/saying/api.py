"""Saying it over the API: scenarios and role-play, checks, builder seeds, saved practices and
the non-verbal cues practice. Same schemas and services as the pages; another person's
practice is always a 404.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Status

from feelmap.accounts.http import ApiRequest
from feelmap.lib.access import owned_or_404
from feelmap.lib.schemas import Error, ValidationErrorOut
from feelmap.lib.versions import version_needed

from . import services
from .cues import load_cues, score
from .models import SayingPractice
from .scenarios import Scenario, load_library, play
from .schemas import (
    CheckTextIn,
    ConversationOut,
    CueItemOut,
    CueScoreOut,
    CuesIn,
    PracticeIn,
    PracticeList,
    PracticeReplace,
    ReviewOut,
    RoleplayIn,
    SayingListParams,
    SayingPracticeConflictOut,
    SayingPracticeOut,
    SayingPracticeVersionNeededOut,
    ScenarioOut,
    SeedsOut,
)

router = Router(tags=["saying"])


def _scenario_out(scenario: Scenario) -> dict:
    library = load_library()
    goal = library.goals[scenario.goal]
    return {
        "id": scenario.id,
        "relation": scenario.relation,
        "relation_label": library.relations[scenario.relation],
        "goal": {"key": scenario.goal, "label": goal.label, "hint": goal.hint},
        "level": scenario.level,
        "level_label": scenario.level_label,
        "title": scenario.title,
        "other": scenario.other,
        "situation": scenario.situation,
        "opening": scenario.opening,
    }


def _practice_out(practice: SayingPractice) -> dict:
    return {
        "id": practice.public_id,
        "scenario_id": practice.scenario_id or None,
        "goal": practice.goal,
        "feeling": practice.feeling,
        "nuance": practice.nuance,
        "also": practice.also,
        "when": practice.when,
        "need": practice.need,
        "request": practice.request,
        "text": practice.text,
        "intensity": practice.intensity,
        "answers": practice.answers,
        "spoken_seconds": practice.spoken_seconds,
        "felt": practice.felt,
        "clarity": practice.clarity,
        "practised_at": practice.practised_at,
        "created_at": practice.created_at,
        "updated_at": practice.updated_at,
        "version": practice.version,
        "offer_help": getattr(practice, "offer_help", False),
    }


def _scenario_or_404(scenario_id: str) -> Scenario:
    scenario = load_library().get(scenario_id)
    if scenario is None:
        raise Http404("No such scenario.")
    return scenario


@router.get("/scenarios", response={200: list[ScenarioOut]})
def list_scenarios(request: HttpRequest) -> list[dict[str, Any]]:
    """The library, easy to hard."""
    return [_scenario_out(s) for s in load_library().graded()]


@router.get("/scenarios/{scenario_id}", response={200: ScenarioOut, 404: Error})
def get_scenario(request: HttpRequest, scenario_id: str) -> dict[str, Any]:
    return _scenario_out(_scenario_or_404(scenario_id))


@router.post("/scenarios/{scenario_id}/play",
             response={200: ConversationOut, 404: Error, 422: ValidationErrorOut})
def play_scenario(request: HttpRequest, scenario_id: str, payload: RoleplayIn) -> dict[str, Any]:
    """The conversation replayed from the person's answers so far (nothing is stored)."""
    scenario = _scenario_or_404(scenario_id)
    conversation = play(scenario, payload.answers)
    mine = [t for t in conversation.turns if t.speaker == "you"]
    last = services.review_text(mine[-1].text, goal=scenario.goal).as_dict() if mine else None
    return {
        "scenario": _scenario_out(scenario),
        "turns": [{"speaker": t.speaker, "text": t.text, "category": t.category}
                  for t in conversation.turns],
        "ended": conversation.ended,
        "last_review": last,
        "offer_help": bool(services.sounds_unsafe(*payload.answers)),
    }


@router.post("/check", response={200: ReviewOut, 422: ValidationErrorOut})
def check_text(request: HttpRequest, payload: CheckTextIn) -> dict[str, Any]:
    """The gentle checks on a text (nothing is stored)."""
    return services.review_text(payload.text, goal=payload.goal,
                                intensity=payload.intensity).as_dict()


@router.get("/seeds", response={200: SeedsOut})
def seeds(request: ApiRequest) -> dict[str, Any]:
    """Recent feeling words, triggers and needs from the person's check-ins."""
    found = services.seeds_for(request.auth)
    return {"feelings": found.feelings, "triggers": found.triggers, "needs": found.needs}


@router.get("/practices", response={200: PracticeList, 422: ValidationErrorOut})
def list_practices(request: ApiRequest, params: Query[SayingListParams]) -> dict[str, Any]:
    practices = services.practices_for(request.auth)
    page = practices[params.offset : params.offset + params.limit]
    return {"count": practices.count(), "items": [_practice_out(p) for p in page]}


@router.post("/practices", response={201: SayingPracticeOut, 422: ValidationErrorOut})
def create_practice(request: ApiRequest, payload: PracticeIn) -> Status[dict[str, Any]]:
    practice = services.create_practice(owner=request.auth, data=payload)
    return Status(201, _practice_out(practice))


@router.get("/practices/{practice_id}", response={200: SayingPracticeOut, 404: Error})
def get_practice(request: ApiRequest, practice_id: str) -> dict[str, Any]:
    return _practice_out(owned_or_404(SayingPractice, request.auth, practice_id))


CONFLICT = (
    "This practice was changed since version {based_on} (another tab, device or script saved "
    "version {current}). Nothing was overwritten: `current` is the saved practice. To keep "
    "your change anyway, send it again with version {current}."
)


@router.put("/practices/{practice_id}",
            response={200: SayingPracticeOut, 404: Error, 409: SayingPracticeConflictOut,
                      422: ValidationErrorOut, 428: SayingPracticeVersionNeededOut})
def replace_practice(
    request: ApiRequest, practice_id: str, payload: PracticeReplace
) -> dict[str, Any] | Status[dict[str, Any]]:
    """Send the whole practice and `version`, the practice's version when you read it. 409: it
    was changed since (the answer holds the saved practice); 428: no `version` was sent (the
    answer holds the saved practice and its version). Neither changes anything."""
    practice = owned_or_404(SayingPractice, request.auth, practice_id)
    if payload.version is None:
        return Status(428, {"detail": version_needed("practice", practice.version),
                            "version": practice.version, "current": _practice_out(practice)})
    try:
        saved = services.update_practice(practice, data=payload, based_on=payload.version)
    except services.PracticeConflict as conflict:
        detail = CONFLICT.format(based_on=payload.version, current=conflict.current.version)
        return Status(409, {"detail": detail, "current": _practice_out(conflict.current)})
    return _practice_out(saved)


@router.delete("/practices/{practice_id}", response={204: None, 404: Error})
def delete_practice(request: ApiRequest, practice_id: str) -> Status[None]:
    services.delete_practice(owned_or_404(SayingPractice, request.auth, practice_id))
    return Status(204, None)


@router.get("/cues", response={200: list[CueItemOut]})
def list_cues(request: HttpRequest) -> list[dict[str, Any]]:
    """The non-verbal cue items, without their answers."""
    return [{"id": i.id, "channel": i.channel, "description": i.description,
             "options": list(i.options)} for i in load_cues().items]


@router.post("/cues", response={200: CueScoreOut, 422: ValidationErrorOut})
def score_cues(request: HttpRequest, payload: CuesIn) -> dict[str, Any]:
    """Score chosen words against the usual readings, with explanations (nothing is stored)."""
    result = score(load_cues().items, payload.answers)
    return {
        "right": result.right,
        "answered": result.answered,
        "total": result.total,
        "items": [{"id": m.item.id, "chosen": m.chosen, "answer": m.item.answer,
                   "right": m.right, "explanation": m.item.explanation} for m in result.marked],
    }
