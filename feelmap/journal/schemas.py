"""The journal's input and output schemas: one set of rules for the pages and the API.

The write page, the entry page's "add a word" form, the autosave and the API all validate
through these (`feelmap.lib.validation.validate` on the pages, ninja body types in the API),
so the same input gets the same answer and the same words everywhere.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from ninja import Schema
from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictStr,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from feelmap.lib.validation import (
    NOT_BOOL_OR_FLOAT,
    CleanText,
    InputSchema,
    Moment,
    clean_text,
    said,
)
from feelmap.lib.versions import BasedOn, require_version

from . import analysis
from .prompts import prompt_by_id

MAX_TITLE = 200
MAX_BODY = 100_000
MAX_STEP = 20_000
MAX_STEPS = 8
MAX_MINUTES = 600
MAX_WORD = 60
MAX_LABELS_GIVEN = 50  # what may be sent; analysis.MAX_LABELS is what may be kept
EMPTY_MESSAGE = (
    "There's nothing written yet. A few words are enough — even “I don't know what I feel”."
)
PROMPT_MESSAGE = "That prompt isn't in the library (any more). Choose another one, or write freely."

Source = Literal["suggestion", "own", "highlight"]

Title = Annotated[
    CleanText,
    Field(max_length=MAX_TITLE),
    said(f"Please keep the title under {MAX_TITLE} characters.", only=("string_too_long", "too_long")),
]
Body = Annotated[
    CleanText,
    Field(max_length=MAX_BODY),
    said(
        f"This entry is longer than {MAX_BODY:,} characters. Split it into two entries so "
        "nothing is cut off.",
        only=("string_too_long", "too_long"),
    ),
]
StepText = Annotated[
    CleanText,
    Field(max_length=MAX_STEP),
    said(f"Please keep each step under {MAX_STEP:,} characters.", only=("string_too_long", "too_long")),
]
Steps = Annotated[
    list[StepText],
    Field(max_length=MAX_STEPS),
    said(f"An entry has at most {MAX_STEPS} steps.", only=("too_long",)),
]
Minutes = Annotated[
    int,
    Field(ge=0, le=MAX_MINUTES),
    NOT_BOOL_OR_FLOAT,
    said(f"Minutes spent must be a whole number from 0 to {MAX_MINUTES}."),
]
PromptId = Annotated[CleanText, Field(max_length=80)]


class JournalLabelIn(InputSchema):
    """A feeling word for an entry: any form of a vocabulary word ("anger" is kept as "angry")."""

    word: Annotated[CleanText, Field(min_length=1, max_length=MAX_WORD)]
    added_from: Source = "own"
    _family: str = PrivateAttr("")

    def label(self) -> analysis.Label:
        return analysis.Label(self.word, self._family, self.added_from)


class JournalAddLabelIn(JournalLabelIn):
    """One word added on the entry page: it must be a word Feelmap knows."""

    @field_validator("word")
    @classmethod
    def _known_word(cls, value: str) -> str:
        (label,) = check_labels([JournalLabelIn(word=value)])
        return label.word


def _words_as_labels(value: Any) -> Any:
    """A plain word ("sad") is short for {"word": "sad"}."""
    if isinstance(value, list):
        return [{"word": item} if isinstance(item, str) else item for item in value]
    return value


Labels = Annotated[
    list[JournalLabelIn],
    BeforeValidator(_words_as_labels, json_schema_input_type=list[JournalLabelIn | StrictStr]),
    Field(max_length=MAX_LABELS_GIVEN),
    said(f"Send at most {MAX_LABELS_GIVEN} feeling words at once.", only=("too_long",)),
]


def check_labels(labels: list[JournalLabelIn]) -> list[JournalLabelIn]:
    """Vocabulary words only, each once, at most analysis.MAX_LABELS; canonical spelling."""
    sources: dict[str, str] = {lb.word.lower(): lb.added_from for lb in labels}
    checked, problems = analysis.check_labels([lb.word for lb in labels], sources)
    if problems:
        raise PydanticCustomError("label", " ".join(problems))
    out = []
    for found in checked:
        label = JournalLabelIn.model_validate({"word": found.word, "added_from": found.added_from})
        label._family = found.family
        out.append(label)
    return out


class JournalEntryIn(InputSchema):
    """A whole entry. Answers to a prompt's steps come before the free text they can stand in
    for: an entry needs a few words in one or the other."""

    prompt_id: PromptId | None = None
    title: Title = ""
    steps: Steps = []
    body: Body = Field("", validate_default=True)
    labels: Labels = []
    minutes_spent: Minutes | None = None
    written_at: Moment | None = Field(
        None, description="When it was written; from 2000 until now (default: now)."
    )

    @field_validator("prompt_id")
    @classmethod
    def _known_prompt(cls, value: str | None) -> str | None:
        if value and prompt_by_id(value) is None:
            raise PydanticCustomError("prompt", PROMPT_MESSAGE)
        return value or None

    @field_validator("body")
    @classmethod
    def _something_written(cls, value: str, info: ValidationInfo) -> str:
        steps = info.data.get("steps")
        if steps is None and "steps" not in info.data:
            return value  # the steps have their own problem; don't add a second one
        if not value.strip() and not any(s.strip() for s in steps or ()):
            raise PydanticCustomError("empty", EMPTY_MESSAGE)
        return value

    @field_validator("labels")
    @classmethod
    def _vocabulary_words(cls, value: list[JournalLabelIn]) -> list[JournalLabelIn]:
        return check_labels(value)


class JournalEntryPatch(InputSchema):
    """Only the fields given change; the result is checked again as a whole entry. `version` is
    required: without it the answer is 428 and nothing changes."""

    model_config = ConfigDict(json_schema_extra=require_version)

    prompt_id: PromptId | None = None
    title: Title | None = None
    steps: Steps | None = None
    body: Body | None = None
    labels: Labels | None = None
    minutes_spent: Minutes | None = None
    written_at: Moment | None = None
    version: BasedOn = Field(
        None,
        description="Required: the entry's `version` when you read it. If it has changed since "
        "(another tab, device or script), the answer is 409 with the saved entry; without it, "
        "428 with the saved entry and its version. Either way nothing changes, so nobody's "
        "newer words are overwritten unseen.",
    )


class JournalDraftIn(InputSchema):
    """What is being written, autosaved: types and sizes only, since a draft may be unfinished."""

    key: Annotated[str, Field(max_length=40)] = "new"
    prompt_id: Annotated[CleanText, Field(max_length=80)] = ""
    title: Title = ""
    body: Body = ""
    steps: Steps = []
    labels: Annotated[CleanText, Field(max_length=2_000)] = ""
    label_sources: Annotated[
        dict[str, str],
        BeforeValidator(lambda v: _bounded_sources(v), json_schema_input_type=dict[str, str]),
    ] = {}
    minutes_spent: Minutes | None = None
    page: UUID | None = Field(None, description=(
        "The id of the page this draft comes from, as the page has it (its hidden "
        "`draft_page`). Once that page's form was sent (the entry saved, or the draft cleared), "
        "drafts from it are not kept: 409. Leave it out for a draft that belongs to no page."))


def _bounded_sources(value: Any) -> dict[str, str]:
    """Where each label came from, as the page keeps it; anything odd is simply dropped."""
    if not isinstance(value, dict):
        return {}
    return {
        clean_text(str(k))[:MAX_WORD]: clean_text(str(v))[:12]
        for k, v in list(value.items())[:MAX_LABELS_GIVEN]
    }


def _words(value: Any) -> Any:
    return value.split(",") if isinstance(value, str) else value


class JournalAnalyseIn(InputSchema):
    """The write page asks for naming help on what is being written."""

    text: CleanText = ""
    labels: Annotated[
        list[Annotated[CleanText, Field(max_length=MAX_WORD)]],
        Field(max_length=200),
        BeforeValidator(_words),
    ] = []
    entry: Annotated[str, Field(max_length=40)] | None = None


# --- output ------------------------------------------------------------------------------


class JournalLabelOut(Schema):
    word: str
    family: str
    added_from: str


class JournalEntryOut(Schema):
    id: UUID
    prompt_id: str | None
    prompt_title: str | None
    title: str
    body: str
    steps: list[str]
    labels: list[JournalLabelOut]
    minutes_spent: int | None
    written_at: datetime
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Raised by every change; send it with a PATCH.")
    offer_help: bool = Field(
        False,
        description="True when something written here sounds like the person may not be safe, or "
        "a heavy feeling word (hopeless, worthless, despairing, self-loathing, unsafe) was just "
        "chosen: show them who they can talk to now (the app's crisis page).",
    )
    help_level: Literal["strong", "gentle"] | None = Field(
        None,
        description='How clear that was: "strong" (say so warmly and show help) or "gentle" '
        "(a softer, optional offer of the same help; a heavy word chosen is gentle).",
    )


class JournalDraftOut(Schema):
    key: str = Field(description='"new", or the id of the entry being edited.')
    prompt_id: str
    title: str
    body: str
    steps: list[str]
    labels: str = Field(description="The words chosen so far, comma-separated.")
    minutes_spent: int | None
    saved_at: datetime


class JournalAnalysisOut(Schema):
    """What `analysis.analyse` finds in the text (nothing is stored)."""

    highlights: list[dict[str, Any]] = Field(description="Feeling words found, with where they are.")
    words_used: list[dict[str, Any]] = Field(description="Each feeling word used, once.")
    segments: list[dict[str, Any]] = Field(description="The text in pieces, for a preview.")
    vague: list[dict[str, Any]] = Field(description="Vague words (bad, upset...) and sharper ones.")
    suggestions: list[dict[str, Any]] = Field(description="Words that may fit, best first.")
    truncated: bool = Field(description="True when only the first part of a long text was read.")
    analysed_chars: int


class JournalEntryList(Schema):
    count: int
    items: list[JournalEntryOut]


class JournalListParams(InputSchema):
    limit: Annotated[int, Field(ge=1, le=200)] = 50
    offset: Annotated[int, Field(ge=0, le=1_000_000)] = 0


class JournalPromptOut(Schema):
    id: str
    kind: str
    kind_label: str
    title: str
    text: str
    steps: list[str]
    suggested_minutes: int
    caution: str | None


class JournalPromptLibrary(Schema):
    kinds: dict[str, dict[str, str]]
    prompts: list[JournalPromptOut]


class JournalPromptParams(InputSchema):
    kind: Literal["expressive", "labeling", "narrative", "reframing", "body"] | None = None


class JournalEntryConflictOut(Schema):
    """409: the entry changed since the version this change was based on."""

    detail: str
    current: JournalEntryOut


class JournalEntryVersionNeededOut(Schema):
    """428: the change said no `version`; nothing changed."""

    detail: str
    version: int = Field(description="The saved entry's version: send it as `version` to "
                         "change the entry as it is now.")
    current: JournalEntryOut
