"""Every write of questionnaire answers: the page, the API and the demo all come through here.

A submission is scored, stored and safety-checked the same way whichever door it used: a safety
question answered above its lowest option (PHQ-9 question 9) records a SafetyFlag in the same
transaction as the answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from feelmap.accounts.services import person_data_changed
from feelmap.lib.validation import check_moment
from feelmap.safety.models import SafetyFlag

from .instruments import load_instrument
from .models import AssessmentResponse
from .records import safety_items_raised
from .schemas import completion_errors
from .scoring import Score, safety_flag, score


class CannotFinish(ValueError):
    """The answers are valid but too few to store as a finished questionnaire."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__(" ".join(m for messages in errors.values() for m in messages))


def _stored(answers: dict[int, int]) -> dict[str, int]:
    return {str(number): value for number, value in sorted(answers.items())}


def save_draft(user, key: str, answers: dict[int, int]) -> AssessmentResponse:
    """Keep half-finished answers so coming back resumes them (one draft per questionnaire)."""
    load_instrument(key)  # an unknown key fails here, before anything is written
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


def discard_draft(user, key: str) -> bool:
    """Forget the unfinished answers to one questionnaire; True when there were some."""
    deleted, _ = AssessmentResponse.objects.drafts().filter(owner=user, instrument=key).delete()
    return bool(deleted)


@dataclass(frozen=True)
class Completed:
    response: AssessmentResponse
    score: Score
    flagged: bool


def complete(
    user,
    key: str,
    answers: dict[int, int],
    *,
    when: datetime | None = None,
    allow_missing: bool = True,
) -> Completed:
    """Score and store a finished questionnaire, turning its draft (if any) into the answer.

    `answers` must hold only valid values (see `schemas.read_answers`). Raises CannotFinish when
    too few are answered (or any is missing and `allow_missing` is false): nothing is written.
    """
    instrument = load_instrument(key)
    problems = completion_errors(instrument, answers, allow_missing=allow_missing)
    if problems:
        raise CannotFinish(problems)
    now = check_moment(when) if when is not None else timezone.now()
    flagged = safety_flag(instrument, answers)
    with transaction.atomic():
        response = (
            AssessmentResponse.objects.drafts()
            .select_for_update()
            .filter(owner=user, instrument=key)
            .first()
        ) or AssessmentResponse(owner=user, instrument=key, started_at=now)
        if response.started_at > now:  # a response given a past time did not start later
            response.started_at = now
        response.answers = _stored(answers)
        response.completed_at = now
        result = response.rescore()
        response.save()
        if flagged:
            for number in safety_items_raised(instrument, answers):
                SafetyFlag.objects.create(owner=user, source=f"{key}-item{number}")
        person_data_changed(user.pk, kind="questionnaires")  # insights read finished questionnaires
    return Completed(response, result, flagged)


def save_schedule(user, choices: dict[str, tuple[int, bool]]) -> None:
    """Store how often each questionnaire is suggested (already validated by ScheduleForm)."""
    from .models import AssessmentSchedule

    with transaction.atomic():
        for key, (days, active) in choices.items():
            AssessmentSchedule.objects.update_or_create(
                owner=user, instrument=key, defaults={"interval_days": days, "active": active}
            )


def add_history(user, sittings: Iterable[tuple[str, dict[int, int], datetime, datetime]]) -> int:
    """Bulk-store finished questionnaires given as (key, answers, started, completed): the demo.

    Each is scored like any other; safety answers are not expected here (the demo never gives
    them), and one would raise ValueError rather than be stored without its flag.
    """
    rows: list[AssessmentResponse] = []
    for key, answers, started, completed in sittings:
        instrument = load_instrument(key)
        if safety_flag(instrument, answers):
            raise ValueError("Bulk history cannot carry a safety answer; use complete().")
        check_moment(completed)
        result = score(instrument, answers)
        rows.append(
            AssessmentResponse(
                owner=user,
                instrument=key,
                answers=_stored(answers),
                started_at=check_moment(started),
                completed_at=completed,
                total=result.total,
                subscales=dict(result.subscales),
                band=result.band.label if result.band else "",
                prorated=result.prorated,
            )
        )
    with transaction.atomic():
        AssessmentResponse.objects.bulk_create(rows, batch_size=500)
        person_data_changed(user.pk, kind="questionnaires")
    return len(rows)
