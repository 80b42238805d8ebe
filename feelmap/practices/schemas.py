"""Practice sessions' input and output schemas: one set of rules for the pages and the API.

A session is checked as a whole (`PracticeSessionIn`): what each kind needs (a breathing
pattern and length, a body scan script, a senses activity), times in order and within range,
a bounded note. The API takes it as the body of POST (PATCH merges the given fields into the
stored session and checks the result the same way); the pages build the same values from
their forms and pass them through `feelmap.lib.validation.validate`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any, Literal
from uuid import UUID

from django.utils import timezone
from ninja import Schema
from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from feelmap.lexicon.body import load_body_catalogue
from feelmap.lib.validation import NOT_BOOL_OR_FLOAT, CleanText, InputSchema, Moment, said
from feelmap.lib.versions import BasedOn, require_version

from . import activities, pacer

NOTICED_MAX = 5000
MAX_SECONDS = 24 * 3600
MAX_REGIONS = 60

Kind = Literal["breathing", "bodyscan", "senses"]
# The keys of the content they name (tests/practices/test_bad_input.py checks they match).
PatternKey = Literal["resonance", "resonance-5.5", "box", "longer-exhale"]
ScanKey = Literal["short", "long"]
CategoryKey = Literal["music", "movement", "nature", "art", "touch", "taste"]

KIND_MESSAGE = "Kind must be one of: breathing, bodyscan, senses."
PATTERN_MESSAGE = "Choose one of the patterns listed."
MINUTES_MESSAGE = (
    f"Choose a whole number of minutes from {pacer.MIN_MINUTES} to {pacer.MAX_MINUTES}."
)
SCAN_MESSAGE = "Choose the short or the long body scan."
ACTIVITY_MESSAGE = "Choose an activity id from /api/v1/practices/activities."
REGIONS_MESSAGE = "Give a list of body region keys (see /api/v1/lexicon)."
CHECKIN_MESSAGE = "Give the id of one of your check-ins, or null."


def _blank_is_none(value: Any) -> Any:
    return None if value == "" else value


Minutes = Annotated[
    int,
    Field(ge=pacer.MIN_MINUTES, le=pacer.MAX_MINUTES),
    NOT_BOOL_OR_FLOAT,
    said(MINUTES_MESSAGE),
]
Pattern = Annotated[PatternKey, said(PATTERN_MESSAGE)]
Scan = Annotated[ScanKey, said(SCAN_MESSAGE)]
ActivityId = Annotated[CleanText, Field(max_length=64)]
CheckInId = Annotated[UUID, said(CHECKIN_MESSAGE)]
Noticed = Annotated[
    CleanText,
    Field(max_length=NOTICED_MAX),
    said(f"Please keep this under {NOTICED_MAX:,} characters.", only=("string_too_long", "too_long")),
]


def _region_keys(value: Any) -> Any:
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_REGIONS:
        raise PydanticCustomError("regions", REGIONS_MESSAGE)
    body = load_body_catalogue()
    if not all(isinstance(r, str) and body.has_region(r) for r in value):
        raise PydanticCustomError("regions", REGIONS_MESSAGE)
    return list(dict.fromkeys(value))


Regions = Annotated[
    list[str],
    BeforeValidator(_region_keys, json_schema_input_type=list[str]),
    Field(max_length=MAX_REGIONS),
]


class PracticeSessionIn(InputSchema):
    """One practice session. Fields that belong to another kind are refused, so a client
    learns at once when it sends a pattern with a body scan."""

    kind: Annotated[Kind, said(KIND_MESSAGE)]
    pattern: Annotated[Pattern | None, BeforeValidator(_blank_is_none)] = Field(
        None, validate_default=True, description="Breathing only."
    )
    minutes: Minutes | None = Field(None, validate_default=True, description="Breathing only.")
    scan: Annotated[Scan | None, BeforeValidator(_blank_is_none)] = Field(
        None, validate_default=True, description="Body scan only."
    )
    activity_id: Annotated[ActivityId | None, BeforeValidator(_blank_is_none)] = Field(
        None, validate_default=True, description="Senses only."
    )
    started_at: Moment | None = Field(
        None, description="Default: when it ended, or now. From 2000 until now."
    )
    ended_at: Moment | None = None
    completed_at: Moment | None = Field(None, description="Null when stopped early.")
    what_noticed: Noticed = ""
    nothing_noticed: StrictBool = False
    quiet_regions: Regions = []
    before_checkin: CheckInId | None = None
    after_checkin: CheckInId | None = None
    scan_checkin: CheckInId | None = None

    @field_validator("pattern")
    @classmethod
    def _pattern_for_breathing(cls, value: str | None, info: ValidationInfo) -> str | None:
        kind = info.data.get("kind")
        if kind == "breathing" and value is None:
            raise PydanticCustomError("pattern", PATTERN_MESSAGE)
        if kind not in (None, "breathing") and value is not None:
            raise PydanticCustomError("pattern", "Only a breathing practice has a pattern.")
        return value

    @field_validator("minutes")
    @classmethod
    def _minutes_for_breathing(cls, value: int | None, info: ValidationInfo) -> int | None:
        kind = info.data.get("kind")
        if kind == "breathing" and value is None:
            raise PydanticCustomError("minutes", MINUTES_MESSAGE)
        if kind not in (None, "breathing") and value is not None:
            raise PydanticCustomError(
                "minutes", "Only a breathing practice has a length in minutes."
            )
        return value

    @field_validator("scan")
    @classmethod
    def _scan_for_bodyscan(cls, value: str | None, info: ValidationInfo) -> str | None:
        kind = info.data.get("kind")
        if kind == "bodyscan" and value is None:
            raise PydanticCustomError("scan", SCAN_MESSAGE)
        if kind not in (None, "bodyscan") and value is not None:
            raise PydanticCustomError("scan", "Only a body scan has a scan script.")
        return value

    @field_validator("activity_id")
    @classmethod
    def _activity_for_senses(cls, value: str | None, info: ValidationInfo) -> str | None:
        kind = info.data.get("kind")
        if kind == "senses" and (value is None or activities.by_id(value) is None):
            raise PydanticCustomError("activity", ACTIVITY_MESSAGE)
        if kind not in (None, "senses") and value is not None:
            raise PydanticCustomError("activity", "Only a senses practice has an activity.")
        return value

    @field_validator("ended_at", "completed_at")
    @classmethod
    def _after_the_start(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        started = info.data.get("started_at")
        if value is None or started is None:
            return value
        if value < started:
            raise PydanticCustomError("order", "This is before the practice started.")
        if value - started > timedelta(seconds=MAX_SECONDS):
            raise PydanticCustomError("length", "A practice can last at most a day.")
        return value

    @model_validator(mode="after")
    def _fill_in(self) -> PracticeSessionIn:
        if self.completed_at is not None and self.ended_at is None:
            self.ended_at = self.completed_at
        if self.started_at is None:
            # Without a start time, the session started at its end (or now): never after it.
            given = [m for m in (self.ended_at, self.completed_at) if m is not None]
            self.started_at = min([timezone.now(), *given])
        if self.what_noticed:
            self.nothing_noticed = False  # what they wrote wins
        return self


class PracticeSessionPatch(InputSchema):
    """Only the fields given change; the result is checked again as a whole session. `version`
    is required: without it the answer is 428 and nothing changes."""

    model_config = ConfigDict(json_schema_extra=require_version)

    kind: Annotated[Kind, said(KIND_MESSAGE)] | None = None
    pattern: Annotated[Pattern | None, BeforeValidator(_blank_is_none)] = None
    minutes: Minutes | None = None
    scan: Annotated[Scan | None, BeforeValidator(_blank_is_none)] = None
    activity_id: Annotated[ActivityId | None, BeforeValidator(_blank_is_none)] = None
    started_at: Moment | None = None
    ended_at: Moment | None = None
    completed_at: Moment | None = None
    what_noticed: Noticed | None = None
    nothing_noticed: StrictBool | None = None
    quiet_regions: Regions | None = None
    before_checkin: CheckInId | None = None
    after_checkin: CheckInId | None = None
    scan_checkin: CheckInId | None = None
    version: BasedOn = Field(
        None,
        description="Required: the session's `version` when you read it. If it has changed "
        "since (another tab, device or script), the answer is 409 with the saved session; "
        "without it, 428 with the saved session and its version. Either way nothing changes, "
        "so nobody's newer words are overwritten unseen.",
    )


class BreathingFinishIn(InputSchema):
    """How a timed practice ended: the page's script fills this in; without it, the person does."""

    completed: Annotated[
        StrictBool, said("Say whether you did the whole time or stopped early.")
    ]
    elapsed_seconds: Annotated[int, Field(ge=0, le=MAX_SECONDS), NOT_BOOL_OR_FLOAT] | None = None


class NoticedIn(InputSchema):
    """The senses page: a few words about what was noticed, or "nothing in particular"."""

    nothing_noticed: StrictBool = False
    what_noticed: Noticed = Field("", validate_default=True)

    @field_validator("what_noticed")
    @classmethod
    def _something_or_nothing(cls, value: str, info: ValidationInfo) -> str:
        if not value and not info.data.get("nothing_noticed"):
            raise PydanticCustomError(
                "empty",
                "Write a few words about what you noticed, or tick “Nothing in particular”.",
            )
        return value


class SessionListParams(InputSchema):
    limit: Annotated[int, Field(ge=1, le=200), said("Limit must be from 1 to 200.")] = 50
    offset: Annotated[
        int, Field(ge=0, le=1_000_000), said("Offset must be from 0 to 1,000,000.")
    ] = 0
    kind: Annotated[Kind, said(KIND_MESSAGE)] | None = None


class ActivityParams(InputSchema):
    category: (
        Annotated[
            CategoryKey,
            said(f"Category must be one of: {', '.join(activities.CATEGORIES)}."),
        ]
        | None
    ) = None


class ScheduleParams(InputSchema):
    pattern: Pattern = "resonance"
    minutes: Minutes = 3


# --- output ------------------------------------------------------------------------------


class PracticeSessionOut(Schema):
    id: UUID
    kind: str
    title: str
    pattern: str | None
    minutes: int | None
    scan: str | None
    activity_id: str | None
    started_at: datetime
    ended_at: datetime | None
    completed_at: datetime | None
    completed: bool
    what_noticed: str
    nothing_noticed: bool
    quiet_regions: list[str]
    before_checkin: UUID | None
    after_checkin: UUID | None
    scan_checkin: UUID | None
    summary: str
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Raised by every change; send it with a PATCH.")
    offer_help: bool = Field(
        False,
        description="True when the note sounds like the person may not be safe: show "
        "them who they can talk to now (the app's crisis page).",
    )
    help_level: Literal["strong", "gentle"] | None = Field(
        None,
        description='How clear that was: "strong" (say so warmly and show help) or "gentle" '
        "(a softer, optional offer of the same help).",
    )


class PracticeSessionList(Schema):
    count: int
    results: list[PracticeSessionOut]


class PracticeSessionConflictOut(Schema):
    """409: the session changed since the version this change was based on."""

    detail: str
    current: PracticeSessionOut


class PracticeSessionVersionNeededOut(Schema):
    """428: the change said no `version`; nothing changed."""

    detail: str
    version: int = Field(description="The saved session's version: send it as `version` to "
                         "change the session as it is now.")
    current: PracticeSessionOut


class PlanOut(Schema):
    kind: str
    title: str
    detail: str | None
    reason: str
    url: str | None
    pattern: str | None
    scan: str | None
    activity_id: str | None
    prompt_id: str | None
    due: list[str]
    measures_url: str | None


class CategoryOut(Schema):
    key: str
    label: str
    description: str


class ActivityOut(Schema):
    id: str
    category: str
    category_label: str
    title: str
    minutes: int
    steps: list[str]
    notice_prompt: str
    accessibility: str | None


class ActivityLibrary(Schema):
    categories: list[CategoryOut]
    activities: list[ActivityOut]
    based_on: str


class PhaseOut(Schema):
    kind: str
    duration: float


class TimedPhaseOut(PhaseOut):
    start: float


class BreathingScheduleOut(Schema):
    pattern: str
    label: str
    description: str
    minutes: int
    total_seconds: int
    cycle_seconds: float
    breaths_per_minute: float
    cycle: list[PhaseOut]
    end_rule: str
    ends_mid_cycle: bool
    phase_labels: dict[str, str]
    phases: list[TimedPhaseOut]


class BreathingPatternOut(Schema):
    label: str
    description: str
    based_on: str
    breaths_per_minute: float
    cycle_seconds: float
    cycle: list[PhaseOut]


# --- preferences ---------------------------------------------------------------------------

class PreferencesIn(InputSchema):
    """How practices are offered: every choice at once (what the preferences page saves)."""

    style: Literal["structured", "exploratory"] = "exploratory"
    breathing_pattern: Pattern = "resonance"
    breathing_minutes: Annotated[
        int, Field(ge=pacer.MIN_MINUTES, le=pacer.MAX_MINUTES), NOT_BOOL_OR_FLOAT,
        said(f"Minutes must be a whole number from {pacer.MIN_MINUTES} to {pacer.MAX_MINUTES}."),
    ] = 3
    tone: StrictBool = False
    speech: StrictBool = False


class PreferencesOut(Schema):
    style: str
    breathing_pattern: str
    breathing_minutes: int
    tone: bool
    speech: bool
    updated_at: datetime | None
