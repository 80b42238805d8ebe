"""Input and output schemas of Saying it (see docs/conventions.md).

The pages validate posted values with `feelmap.lib.validation.validate(Schema, data)`, the API
takes the same classes as body types: one set of rules and messages for both.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from ninja import Schema
from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from feelmap.lib.validation import CleanText, InputSchema, Moment, within
from feelmap.lib.versions import BasedOn, require_version

from .builder import Nuance
from .scenarios import GoalKey, load_library


def _whole_number(low: int, high: int, message: str) -> BeforeValidator:
    """An optional whole number from `low` to `high`; an empty box (as a page posts it) is
    "not given". Anything else gets `message`."""

    def check(value: object) -> int | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            value = int(value.strip()) if len(value.strip()) < 6 else high + 1
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(message)
        return value

    return BeforeValidator(check)


def _documented(low: int, high: int) -> WithJsonSchema:
    """The bounds in the OpenAPI document (the validator above enforces them)."""
    return WithJsonSchema({"anyOf": [{"type": "integer", "minimum": low, "maximum": high},
                                     {"type": "null"}]})


Rating = Annotated[
    int | None, _whole_number(1, 5, "Choose from 1 to 5, or leave it empty."), _documented(1, 5)
]
Intensity = Annotated[
    int | None, _whole_number(0, 10, "Choose a number from 0 to 10, or leave it empty."),
    _documented(0, 10),
]
Seconds = Annotated[
    int | None, _whole_number(0, 3600, "Use a whole number of seconds up to 3600."),
    _documented(0, 3600),
]
# `within`: the documented maxLength holds for what is sent, not only for what is left after
# cleaning (control characters and edges removed), so the API accepts what its document says.
Short = Annotated[CleanText, Field(max_length=120), within(120)]
Part = Annotated[CleanText, Field(max_length=500), within(500)]
Answer = Annotated[CleanText, Field(max_length=1000), within(1000)]
MAX_ANSWERS = 12
TEXT_MAX = 2000
Text = Annotated[CleanText, Field(max_length=TEXT_MAX), within(TEXT_MAX)]


def _known_scenario(value: str) -> str:
    if value and load_library().get(value) is None:
        raise ValueError("That scenario does not exist. Choose one from the list.")
    return value


class PracticeIn(InputSchema):
    """A practice to save: the parts of the sentence, the final wording, and how it went."""

    scenario_id: Annotated[CleanText, Field(max_length=60), within(60)] = ""
    goal: GoalKey = "express"
    feeling: Short = ""
    nuance: Nuance = ""
    also: Short = ""
    when: Part = ""
    need: Part = ""
    request: Part = ""
    text: Text = ""
    intensity: Intensity = None
    answers: list[Answer] = Field(default_factory=list, max_length=MAX_ANSWERS)
    spoken_seconds: Seconds = None
    felt: Rating = None
    clarity: Rating = None
    practised_at: Moment | None = None

    _scenario = field_validator("scenario_id")(_known_scenario)

    @model_validator(mode="after")
    def _something_to_save(self) -> PracticeIn:
        if not (self.text or self.feeling or self.when or self.need or self.request):
            raise ValueError("Write what you would say, or fill in at least one part of it.")
        return self


class PracticeReplace(PracticeIn):
    """`PUT /saying/practices/{id}`: the whole practice and the version it was based on. A
    different version answers 409 with the saved practice, a missing one 428 with the saved
    practice and its version; either way nothing is overwritten unseen."""

    model_config = ConfigDict(json_schema_extra=require_version)

    version: BasedOn = Field(
        None,
        description="Required: the practice's `version` when you read it. If it has changed "
        "since (another tab, device or script), the answer is 409 with the saved practice; "
        "without it, 428 with the saved practice and its version. Either way nothing changes, "
        "so nobody's newer words are overwritten unseen.",
    )


class CheckTextIn(InputSchema):
    """A text to check, with the goal it is for and (optionally) how strong the feeling is."""

    text: Annotated[CleanText, Field(min_length=1, max_length=TEXT_MAX), within(TEXT_MAX)]
    goal: GoalKey = "express"
    intensity: Intensity = None


class RoleplayIn(InputSchema):
    """The person's answers so far in one scenario; the conversation is replayed from them."""

    answers: list[Answer] = Field(default_factory=list, max_length=MAX_ANSWERS)

    @field_validator("answers")
    @classmethod
    def _no_empty_answers(cls, values: list[str]) -> list[str]:
        if any(not v for v in values):
            raise ValueError("Write something to say, even a few words.")
        return values


class CuesIn(InputSchema):
    """Chosen words for the non-verbal cue items, by item id."""

    answers: dict[Annotated[str, Field(max_length=60)], Annotated[str, Field(max_length=40)]] = (
        Field(default_factory=dict, max_length=50)
    )


# --- outputs ------------------------------------------------------------------------------


class FindingOut(Schema):
    kind: str
    message: str
    phrase: str
    start: int
    end: int
    suggestions: list[str]


class ReviewOut(Schema):
    findings: list[FindingOut]
    feelings: list[str]
    unsure: bool
    has_need: bool
    has_request: bool
    category: Literal["blame", "request", "feeling", "unclear"]
    strengths: list[str]


class GoalOut(Schema):
    key: str
    label: str
    hint: str


class ScenarioOut(Schema):
    id: str
    relation: str
    relation_label: str
    goal: GoalOut
    level: int
    level_label: str
    title: str
    other: str
    situation: str
    opening: str


class TurnOut(Schema):
    speaker: Literal["other", "you"]
    text: str
    category: str | None


class ConversationOut(Schema):
    scenario: ScenarioOut
    turns: list[TurnOut]
    ended: bool
    last_review: ReviewOut | None
    offer_help: bool = False


class SayingPracticeOut(Schema):
    id: UUID
    scenario_id: str | None
    goal: str
    feeling: str
    nuance: str
    also: str
    when: str
    need: str
    request: str
    text: str
    intensity: int | None
    answers: list[str]
    spoken_seconds: int | None
    felt: int | None
    clarity: int | None
    practised_at: datetime
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Raised by every change; send it with a PUT.")
    offer_help: bool = False


class PracticeList(Schema):
    count: int
    items: list[SayingPracticeOut]


class SayingPracticeConflictOut(Schema):
    """409: the practice changed since the version this change was based on."""

    detail: str
    current: SayingPracticeOut


class SayingPracticeVersionNeededOut(Schema):
    """428: the change said no `version`; nothing changed."""

    detail: str
    version: int = Field(description="The saved practice's version: send it as `version` to "
                         "change the practice as it is now.")
    current: SayingPracticeOut


class SayingListParams(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


class CueMarkOut(Schema):
    id: str
    chosen: str
    answer: str
    right: bool
    explanation: str


class CueScoreOut(Schema):
    right: int
    answered: int
    total: int
    items: list[CueMarkOut]


class SeedsOut(Schema):
    feelings: list[str]
    triggers: list[str]
    needs: list[str]


class CueItemOut(Schema):
    id: str
    channel: str
    description: str
    options: list[str]
