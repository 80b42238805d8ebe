"""Reading and writing a person's questionnaire answers: drafts, completion, comparisons.

Views and the API both come through here, so a submission is validated, scored, stored and
safety-checked the same way whichever door it used.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from feelmap.accounts.services import person_data_changed
from feelmap.safety.models import SafetyFlag

from .instruments import Instrument, load_instrument
from .models import AssessmentResponse
from .report import Comparison, change_scales, compare
from .scoring import Score, safety_flag


def missing_required(instrument: Instrument, answers: dict[int, int]) -> tuple[int, ...]:
    """Scored questions without an answer (optional ones, like PHQ-9 question 10, never count)."""
    return tuple(
        item.number
        for item in instrument.items
        if item.scored and not item.optional and item.number not in answers
    )


def safety_items_raised(instrument: Instrument, answers: dict[int, int]) -> list[int]:
    """Safety questions answered above their lowest option (PHQ-9 question 9)."""
    return [
        item.number
        for item in instrument.safety_items
        if item.number in answers and answers[item.number] > item.min_value
    ]


def _stored(answers: dict[int, int]) -> dict[str, int]:
    return {str(number): value for number, value in sorted(answers.items())}


def draft_for(user, key: str) -> AssessmentResponse | None:
    return AssessmentResponse.objects.drafts().filter(owner=user, instrument=key).first()


def save_draft(user, key: str, answers: dict[int, int]) -> AssessmentResponse:
    """Keep half-finished answers so coming back resumes them (one draft per questionnaire)."""
    for _attempt in range(2):
        try:
            with transaction.atomic():
                draft = (
                    AssessmentResponse.objects.drafts()
                    .select_for_update()
                    .filter(owner=user, instrument=key)
                    .first()
                )
                if draft is None:
                    draft = AssessmentResponse(owner=user, instrument=key, started_at=timezone.now())
                draft.answers = _stored(answers)
                draft.save()
                return draft
        except IntegrityError:  # two autosaves raced to create the draft; the second retries
            continue
    raise RuntimeError("Could not save the draft.")


@dataclass(frozen=True)
class Completed:
    response: AssessmentResponse
    score: Score
    flagged: bool


def complete(user, key: str, answers: dict[int, int], *, when=None) -> Completed:
    """Score and store a finished questionnaire, turning its draft (if any) into the answer.

    `answers` must already be valid (see `scoring.check_answers`). A safety question answered
    above its lowest option records a SafetyFlag in the same transaction.
    """
    instrument = load_instrument(key)
    flagged = safety_flag(instrument, answers)
    now = when or timezone.now()
    with transaction.atomic():
        response = (
            AssessmentResponse.objects.drafts()
            .select_for_update()
            .filter(owner=user, instrument=key)
            .first()
        ) or AssessmentResponse(owner=user, instrument=key, started_at=now)
        response.answers = _stored(answers)
        response.completed_at = now
        result = response.rescore()
        response.save()
        person_data_changed(user.pk)
        if flagged:
            for number in safety_items_raised(instrument, answers):
                SafetyFlag.objects.create(owner=user, source=f"{key}-item{number}")
    return Completed(response, result, flagged)


def completed_for(user, key: str):
    return AssessmentResponse.objects.completed().filter(owner=user, instrument=key).order_by(
        "completed_at", "id"
    )


def _value(response: AssessmentResponse, scale: str) -> float | None:
    return response.total if scale == "total" else (response.subscales or {}).get(scale)


def comparisons_for(response: AssessmentResponse) -> list[Comparison]:
    """This score against the person's first and previous ones (when they exist)."""
    instrument = response.definition
    earlier = list(
        completed_for(response.owner, response.instrument).filter(
            completed_at__lt=response.completed_at
        )
    )
    if not earlier:
        return []
    targets = [("first", earlier[0])]
    if len(earlier) > 1:
        targets.append(("previous", earlier[-1]))
    found: list[Comparison] = []
    for against, before in targets:
        for scale in change_scales(instrument):
            item = compare(
                instrument,
                against=against,
                scale=scale,
                before=_value(before, scale),
                after=_value(response, scale),
                when=before.completed_at,
            )
            if item is not None:
                found.append(item)
    return found
