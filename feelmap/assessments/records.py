"""Reading a person's questionnaire answers: drafts, finished ones, comparisons.

Every write lives in `services.py`.
"""

from __future__ import annotations

from .instruments import Instrument
from .models import AssessmentResponse
from .report import Comparison, change_scales, compare


def safety_items_raised(instrument: Instrument, answers: dict[int, int]) -> list[int]:
    """Safety questions answered above their lowest option (PHQ-9 question 9)."""
    return [
        item.number
        for item in instrument.safety_items
        if item.number in answers and answers[item.number] > item.min_value
    ]


def draft_for(user, key: str) -> AssessmentResponse | None:
    return AssessmentResponse.objects.drafts().filter(owner=user, instrument=key).first()


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
