"""Questionnaire answers in and out: the one rule set for the page, the API and the demo.

`QuestionnaireResponseIn` is the shape of a submission. Its answers are checked against the questionnaire
itself by `answer_errors()` (which question numbers exist, which values each allows, how many
must be answered), so the page and the API give the same message for the same mistake.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Annotated, Any, Literal, get_args
from uuid import UUID

from ninja import Schema
from pydantic import Field, StrictBool, WithJsonSchema

from feelmap.lib.validation import NOT_BOOL_OR_FLOAT, InputSchema, Moment, said

from .instruments import KEYS, Instrument
from .schedule import MAX_INTERVAL_DAYS, MIN_INTERVAL_DAYS

InstrumentKey = Literal["paq", "maia2", "phq9", "gad7", "who5"]
assert set(get_args(InstrumentKey)) == set(KEYS), "InstrumentKey must list every questionnaire"  # nosec B101  # import-time consistency check of content

# A finished questionnaire needs at least this share of its scored questions answered. Fewer
# answers tell too little, and storing them as "done" would hide that, for example, the PHQ-9
# safety question was never asked. What is answered so far can always be kept as a draft.
MIN_ANSWERED_FRACTION = 0.5
MAX_QUESTION_DIGITS = 3  # no questionnaire has 1000 questions; longer keys are refused early

# The answer values are checked against each question's own options by `answer_errors()`, so
# a wrong one is reported under its question ("answers.3"); the document says what is allowed.
AnswerValue = Annotated[
    Any,
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0, "maximum": 10}, {"type": "null"}]}),
]


class QuestionnaireResponseIn(InputSchema):
    """A finished questionnaire: answers by question number ("1", "2", …)."""

    instrument: InstrumentKey
    answers: dict[str, AnswerValue] = Field(max_length=200)
    allow_missing: StrictBool = False
    completed_at: Moment | None = None


class ResponseListFilter(InputSchema):
    instrument: InstrumentKey | None = None
    include_drafts: bool = False  # a query string says "true", never JSON true
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000)


class ScoresFilter(InputSchema):
    instrument: InstrumentKey


def question_number(raw: str) -> int | None:
    """"3" -> 3; anything that is not a short run of ASCII digits -> None (never an exception:
    "²" is a digit to Python's `isdigit` but not to `int`, and 5000 digits overflow it)."""
    if not raw or len(raw) > MAX_QUESTION_DIGITS or not raw.isascii() or not raw.isdigit():
        return None
    return int(raw)


def required_items(instrument: Instrument) -> list[int]:
    return [i.number for i in instrument.items if i.scored and not i.optional]


def minimum_answers(instrument: Instrument) -> int:
    """How many scored questions a finished response must answer (at least one)."""
    return max(1, math.ceil(len(required_items(instrument)) * MIN_ANSWERED_FRACTION))


def read_answers(
    instrument: Instrument, raw: dict[str, Any]
) -> tuple[dict[int, int], dict[str, list[str]]]:
    """Answers by question number, and a message for each key or value that is not allowed."""
    items = {item.number: item for item in instrument.items}
    answers: dict[int, int] = {}
    errors: dict[str, list[str]] = {}
    for key, value in raw.items():
        where = f"answers.{key[:20]}"
        number = question_number(key)
        if number not in items:
            errors.setdefault(where, []).append(
                f"{instrument.short_name} has no question {key[:20]!r}; questions are "
                f"numbered 1 to {len(items)}."
            )
            continue
        if value is None:
            continue
        item = items[number]
        if isinstance(value, bool) or not isinstance(value, int) or value not in item.values:
            allowed = ", ".join(f"{o.value} ({o.label})" for o in item.options)
            errors.setdefault(where, []).append(f"Not one of the answers; choose one of {allowed}.")
            continue
        answers[number] = value
    return answers, errors


def missing_required(instrument: Instrument, answers: dict[int, int]) -> tuple[int, ...]:
    """Scored questions without an answer (optional ones, like PHQ-9 question 10, never count)."""
    return tuple(
        item.number
        for item in instrument.items
        if item.scored and not item.optional and item.number not in answers
    )


def too_few_message(instrument: Instrument, answered: int) -> str:
    needed = minimum_answers(instrument)
    total = len(required_items(instrument))
    return (
        f"Please answer at least {needed} of the {total} questions to finish "
        f"(so far: {answered}). What you have answered can be saved to finish later."
    )


def completion_errors(
    instrument: Instrument, answers: dict[int, int], *, allow_missing: bool
) -> dict[str, list[str]]:
    """What stops these (already valid) answers from being stored as a finished response."""
    missing = missing_required(instrument, answers)
    if not missing:
        return {}
    if not allow_missing:
        return {
            f"answers.{number}": [
                "This question needs an answer. To score with it left out, send "
                f"allow_missing: true. {instrument.missing.explanation}"
            ]
            for number in missing
        }
    answered = sum(1 for number in required_items(instrument) if number in answers)
    if answered < minimum_answers(instrument):
        return {"answers": [too_few_message(instrument, answered)]}
    return {}


# --- output ----------------------------------------------------------------------------------


class InstrumentSummaryOut(Schema):
    key: str
    name: str
    short_name: str
    items: int
    timeframe: str
    higher_is_better: bool
    what_it_measures: str
    what_it_cannot_tell: str


class AnswerOptionOut(Schema):
    value: int
    label: str
    code: str | None


class QuestionOut(Schema):
    number: int
    text: str
    options: list[AnswerOptionOut]
    reverse: bool
    scored: bool
    optional: bool
    safety: bool
    code: str | None


class MeasureSubscaleOut(Schema):
    key: str
    label: str
    items: list[int]
    method: str
    range: list[float]
    description: str
    kind: str


class MeasureTotalOut(Schema):
    label: str
    method: str
    range: list[float]
    multiplier: float
    code: str | None


class MeasureBandOut(Schema):
    min: float
    max: float
    label: str
    explanation: str


class MissingPolicyOut(Schema):
    rule: str
    explanation: str
    source: str


class ChangeScaleOut(Schema):
    sd: float
    reliability: float
    sd_source: str
    reliability_source: str


class MeaningfulChangeOut(Schema):
    points: float
    source: str


class ChangeParamsOut(Schema):
    note: str
    scales: dict[str, ChangeScaleOut]
    meaningful_change: MeaningfulChangeOut | None


class InstrumentOut(Schema):
    key: str
    name: str
    short_name: str
    timeframe: str
    higher_is_better: bool
    what_it_measures: str
    what_it_cannot_tell: str
    instructions: str
    citation: str
    licence: str
    items: list[QuestionOut]
    subscales: list[MeasureSubscaleOut]
    total: MeasureTotalOut | None
    bands: list[MeasureBandOut]
    bands_source: str
    missing_policy: MissingPolicyOut
    reliable_change: ChangeParamsOut
    codes: dict[str, str]


class MeasureBandLabelOut(Schema):
    label: str
    explanation: str


class MeasureScoreOut(Schema):
    total: float | None
    total_range: list[float] | None
    subscales: dict[str, float | None]
    band: MeasureBandLabelOut | None
    prorated: bool
    missing: list[int]
    policy: str


class SafetyFlagOut(Schema):
    flag: bool
    crisis_url: str | None = None


class QuestionnaireResponseOut(Schema):
    id: UUID
    instrument: str
    complete: bool
    started_at: datetime
    completed_at: datetime | None
    answers: dict[str, int | None]
    score: MeasureScoreOut


class SubmittedResponseOut(QuestionnaireResponseOut):
    safety: SafetyFlagOut


class RciOut(Schema):
    change: float
    rci: float
    reliable: bool
    direction: str
    threshold: float


class ReliableChangeOut(Schema):
    from_first: RciOut | None
    from_previous: RciOut | None


class ScorePointOut(Schema):
    id: UUID
    completed_at: datetime
    total: float | None
    subscales: dict[str, float | None]
    band: str | None
    prorated: bool
    reliable_change: dict[str, ReliableChangeOut]
    meaningful_change_from_previous: str | None


class ScoresOut(Schema):
    instrument: str
    higher_is_better: bool
    reliable_change: ChangeParamsOut
    points: list[ScorePointOut]


# --- drafts and the schedule --------------------------------------------------------------


class DraftAnswersIn(InputSchema):
    """Half-finished answers by question number ("1", "2", …), kept until finished."""

    answers: dict[str, AnswerValue] = Field(max_length=200)


class DraftOut(Schema):
    instrument: str
    answers: dict[str, int]
    started_at: datetime
    saved_at: datetime
    safety: bool = Field(False, description="A safety question (PHQ-9 question 9) is answered "
                         "above its lowest option: please show crisis resources (crisis_url).")
    crisis_url: str | None = None


class ScheduleItem(InputSchema):
    interval_days: Annotated[
        int, Field(ge=MIN_INTERVAL_DAYS, le=MAX_INTERVAL_DAYS), NOT_BOOL_OR_FLOAT,
        said(f"Use a whole number of days from {MIN_INTERVAL_DAYS} to {MAX_INTERVAL_DAYS}."),
    ]
    active: StrictBool = True


class ScheduleIn(InputSchema):
    """How often each questionnaire is suggested; questionnaires not sent keep their setting."""

    instruments: dict[InstrumentKey, ScheduleItem] = Field(max_length=len(KEYS))


class ScheduleItemOut(Schema):
    instrument: str
    interval_days: int
    active: bool
