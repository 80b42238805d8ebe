"""Input and output schemas of the program app (see docs/conventions.md)."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Annotated, Literal
from uuid import UUID
from zoneinfo import ZoneInfo, available_timezones

from pydantic import BaseModel, Field, StrictBool, field_validator, model_validator
from pydantic_core import PydanticCustomError

from feelmap.lib.validation import CleanText, InputSchema

from .models import PURPOSES
from .schedule import parse_time

Purpose = Literal["checkin", "practice", "program", "questionnaire", "booster"]
MAX_TIMES = 6


@lru_cache(maxsize=1)
def time_zones() -> tuple[str, ...]:
    """Every time zone this machine knows, sorted (read once: listing them walks the zone
    files, which cost more than the rest of the reminders page)."""
    return tuple(sorted(available_timezones()))


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(time_zones())


def _split(value: object) -> object:
    """A page posts "08:30, 19:00" in one box; the API sends a list."""
    if isinstance(value, str):
        return [part for part in (p.strip() for p in value.replace(";", ",").split(",")) if part]
    return value


class DayDone(InputSchema):
    """Today's practice of the program, done."""

    practice: Annotated[str, Field(min_length=1, max_length=40)]
    tried_with_someone: StrictBool = False
    note: Annotated[CleanText, Field(max_length=2000)] = ""


class StartProgram(InputSchema):
    start_week: Annotated[int, Field(ge=1, le=8)] | None = None


class MoveWeek(InputSchema):
    direction: Literal["next", "back"]


class ReminderSettingsIn(InputSchema):
    email_enabled: StrictBool = False
    email: Annotated[CleanText, Field(max_length=254)] = ""
    times: list[str] = Field(default_factory=list, max_length=MAX_TIMES)
    days: list[Annotated[int, Field(ge=1, le=7)]] = Field(default_factory=list, max_length=7)
    time_zone: Annotated[str, Field(max_length=64)] = "UTC"
    quiet_start: str | None = None
    quiet_end: str | None = None
    purposes: list[Purpose] = Field(default_factory=list, max_length=len(PURPOSES))

    @field_validator("times", mode="before")
    @classmethod
    def _times(cls, value: object) -> object:
        value = _split(value)
        if isinstance(value, list):
            out = []
            for item in value:
                if not isinstance(item, str):
                    raise ValueError("Use times like 08:30.")
                out.append(parse_time(item).strftime("%H:%M"))
            return sorted(set(out))
        return value

    @field_validator("quiet_start", "quiet_end", mode="before")
    @classmethod
    def _quiet(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str):
            raise ValueError("Use a time like 22:00, or leave it empty.")
        return parse_time(value).strftime("%H:%M")

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value: str) -> str:
        if value not in _zones():
            raise ValueError("Choose a time zone from the list, for example Europe/London.")
        ZoneInfo(value)
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value and ("@" not in value or value.startswith("@") or value.endswith("@")
                      or any(c.isspace() for c in value)):
            raise ValueError("That doesn't look like an e-mail address.")
        return value

    @field_validator("days", "purposes")
    @classmethod
    def _unique(cls, value: list) -> list:
        return sorted(set(value), key=value.index)

    @model_validator(mode="after")
    def _together(self) -> ReminderSettingsIn:
        if self.email_enabled and not self.email:
            raise PydanticCustomError("email", "To get e-mails, give an address to send them to.")
        if (self.quiet_start is None) != (self.quiet_end is None):
            raise PydanticCustomError("quiet", "Give both ends of the quiet hours, or neither.")
        return self


# --- output ------------------------------------------------------------------------------


class PracticeOut(BaseModel):
    key: str
    title: str
    minutes: int
    steps: list[str]
    url: str | None
    coming: bool


class WeekOut(BaseModel):
    number: int
    stage: str
    stage_title: str
    title: str
    explanation: list[str]
    practice: PracticeOut
    choices: list[PracticeOut]
    with_someone: str
    with_someone_url: str | None
    with_someone_coming: bool
    for_you: list[str]


class BoosterOut(BaseModel):
    which: str
    title: str
    due_on: date
    done: bool
    due_now: bool


class ProgramOut(BaseModel):
    active: bool
    id: UUID | None = None
    style: str
    current_week: int | None = None
    start_week: int | None = None
    weeks: int
    weeks_done: int = 0
    practice_days: int = 0
    days_this_week: int = 0
    done_today: bool = False
    words_newly_used: list[str] = []
    emphasis: list[str] = []
    reasons: list[str] = []
    started_at: datetime | None = None
    finished_at: datetime | None = None
    week: WeekOut | None = None
    boosters: list[BoosterOut] = []


class DayOut(BaseModel):
    day: date
    week: int
    practice: str
    tried_with_someone: bool
    current_week: int
    finished: bool


class ReminderSettingsOut(BaseModel):
    email_enabled: bool
    email: str
    times: list[str]
    days: list[int]
    time_zone: str
    quiet_start: str | None
    quiet_end: str | None
    purposes: list[str]
    has_feed: bool


class FeedOut(BaseModel):
    url: str


class DueNote(BaseModel):
    kind: str
    text: str
    url: str | None


class ErrorOut(BaseModel):
    detail: str


