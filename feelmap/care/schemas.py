"""Care input schemas (what the page and the API accept) and output schemas (what the API returns)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field, StrictBool, StringConstraints, ValidationInfo, field_validator

from feelmap.lib.validation import CleanText, InputSchema, said

from .kinds import Kind

CodeText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=40),
    said("Type the code you were given, for example ABCD-EFGH-JK."),
]


class JoinIn(InputSchema):
    """A clinician or a trusted person enters the code a person gave them."""

    code: CodeText


class GrantsIn(InputSchema):
    """Everything this link shares from now on; kinds left out stop being shared at once."""

    kinds: list[Kind] = Field(default_factory=list, max_length=8)
    journal_scope: Annotated[
        Literal["all", "chosen"], said("Choose all entries or only the entries you pick.")
    ] = "all"


class EntryShareIn(InputSchema):
    """Share one journal entry on a link whose journal is shared entry by entry (or stop)."""

    shared: StrictBool


CommentText = Annotated[
    CleanText,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=4000),
    said("Write a comment of up to 4000 characters."),
]


class CommentIn(InputSchema):
    """A comment (by a clinician or trusted person) or a reply (by the person)."""

    body: CommentText


AssignmentNote = Annotated[
    CleanText, StringConstraints(strip_whitespace=True, max_length=1000),
    said("Keep the note to 1000 characters."),
]


def _practice_keys() -> set[str]:
    from feelmap.practices.models import PracticeKind

    return {k.value for k in PracticeKind}


def _questionnaire_keys() -> set[str]:
    from feelmap.assessments.instruments import KEYS

    return set(KEYS)


def _scenario_keys() -> set[str]:
    from feelmap.saying.scenarios import load_library

    return {s.id for s in load_library().scenarios}


class AssignmentIn(InputSchema):
    """A clinician suggests something for the person's daily plan."""

    what: Annotated[Literal["practice", "questionnaire", "saying", "booster"],
                    said("Choose a practice, a questionnaire, a saying-it scenario or a booster.")]
    key: Annotated[str, StringConstraints(strip_whitespace=True, max_length=60)] = ""
    schedule: Annotated[Literal["once", "daily", "weekly"],
                        said("Choose once, every day or every week.")]
    starts_on: date | None = None
    due_on: Annotated[date, said("Give the date it is due, for example 2026-12-24.")]
    note: AssignmentNote = ""

    @field_validator("key")
    @classmethod
    def _known(cls, value: str, info: ValidationInfo) -> str:
        what = info.data.get("what")
        known: dict[str, tuple[Any, str]] = {
            "practice": (_practice_keys, "Choose one of the practices."),
            "questionnaire": (_questionnaire_keys, "Choose one of the questionnaires."),
            "saying": (_scenario_keys, "Choose one of the saying-it scenarios."),
        }
        if what in known:
            keys, message = known[what]
            if value not in keys():
                raise ValueError(message)
        elif what == "booster":
            return ""
        return value

    @field_validator("due_on")
    @classmethod
    def _due(cls, value: date, info: ValidationInfo) -> date:
        # Against "today" only with the person known: `date_problems`, from services.assign.
        start = info.data.get("starts_on")
        if start is not None and value < start:
            raise ValueError(DUE_TOO_EARLY)
        return value


DUE_TOO_EARLY = "The due date must be today or later, and not before the start."


def date_problems(starts_on: date | None, due_on: date, today: date) -> dict[str, list[str]]:
    """A suggestion's dates checked against `today`: the person's own date (where they are,
    `feelmap.lib.days.person_today`), not the server's, since the suggestion is for their days.
    Field name -> plain sentences; empty when the dates are fine."""
    problems: dict[str, list[str]] = {}
    if starts_on is not None and not today - timedelta(days=7) <= starts_on <= today + timedelta(days=366):
        problems["starts_on"] = ["Choose a start within the last week or the coming year."]
    if due_on < (starts_on or today) or due_on < today:
        problems["due_on"] = [DUE_TOO_EARLY]
    elif due_on > today + timedelta(days=366):
        problems["due_on"] = ["Choose a due date within a year."]
    return problems


class StyleIn(InputSchema):
    style: Annotated[Literal["structured", "exploratory"],
                     said("Choose structured or exploratory.")]


class CodeOut(Schema):
    code: str = Field(description="Shown once: only a hash is stored.")
    expires_at: datetime


class LinkOut(Schema):
    id: uuid.UUID
    viewer: str
    role: str
    kinds: list[str]
    journal_scope: str = Field(description='"all", "chosen" or "" (journal not shared).')
    created_at: datetime
    revoked_at: datetime | None


class JoinedOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    person: str
    role: str


class AuditOut(Schema):
    actor: str
    actor_role: str
    action: str
    kind: str
    detail: str
    at: datetime


class FlagOut(Schema):
    key: str
    title: str
    explanation: str
    since: datetime = Field(description="The moment of the latest evidence.")
    seen: bool


class PersonOut(Schema):
    """A linked person as their clinician or trusted person sees them."""

    id: uuid.UUID
    name: str
    role: str = Field(description="The viewer's role on this link.")
    kinds: list[str]
    journal_scope: str
    last_activity: datetime | None = Field(description="Latest activity in shared kinds only.")
    stage: str | None = Field(description="Where they are on the path (practices shared).")
    flags: list[FlagOut]


class RowOut(Schema):
    id: uuid.UUID | None
    when: datetime | None
    title: str
    lines: list[str]
    comments: int = 0


class SectionOut(Schema):
    title: str
    answers: list[str]


class SharedOut(Schema):
    kind: str
    label: str
    rows: list[RowOut] = []
    sections: list[SectionOut] = []
    summary: dict[str, Any] | None = None


class CommentOut(Schema):
    id: uuid.UUID
    by_person: bool
    author: str
    body: str
    at: datetime


class ThreadOut(Schema):
    link_id: uuid.UUID
    viewer: str
    role: str
    live: bool
    comments: list[CommentOut]


class AssignmentOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    assigned_by: str
    what: str
    key: str
    title: str
    schedule: str
    starts_on: date
    due_on: date
    note: str
    ended: bool
    done_now: bool = Field(description="The current period is done.")
    periods_done: int
    periods_so_far: int
    url: str | None


class StyleOut(Schema):
    style: str
    set_by: str
    at: datetime


class ReplyOut(Schema):
    comment: CommentOut
    help_level: str = Field(description='"strong", "gentle" or "": offer help when set.')


class ThreadDeletedOut(Schema):
    deleted: int = Field(description="How many messages were deleted.")


class EntryShareOut(Schema):
    entry_id: uuid.UUID
    link_id: uuid.UUID
    shared: bool


class StyleBackOut(Schema):
    style: str
