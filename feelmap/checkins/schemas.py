"""Check-ins in and out: the one rule set for the pages, the API, practices and the demo.

`CheckInIn` is the shape of a check-in. The page views pass their posted values through it
(`validation.validate_checkin`), the API takes it as its body type. What a schema cannot know
(which words are in the vocabulary, which regions on the body map, which feelings this person
rates) is checked next by `validation.resolve_checkin`, a pure function, with the same kind of
message per field.

Messages are Feelmap's own ("Intensity must be from 0 to 10; you gave 11."), while the bounds,
enums and lengths stay in the JSON schema the API documents.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal
from uuid import UUID

from ninja import Schema
from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from feelmap.lexicon.suggest.text import FAMILIES
from feelmap.lib.validation import CleanText, InputSchema, Moment
from feelmap.lib.versions import BasedOn, require_version

from .choices import CONTEXT_CHOICES, RATING_SCALE

KINDS = ("quick", "full", "practice-before", "practice-after", "bodyscan")
Kind = Literal["quick", "full", "practice-before", "practice-after", "bodyscan"]
Side = Literal["", "left", "right"]
AFFECT_RANGE = (-5.0, 5.0)
INTENSITY_RANGE = (0, 10)
CONFIDENCE_RANGE = (0, 100)
MAX_LABELS = 3
MAX_SENSATIONS = 60
NOTE_MAX = 5000  # about two pages: room to write, small enough to read back
SHORT_TEXT_MAX = 1000  # trigger and need
OWN_CONTEXT_MAX = 200
OWN_WORD_MAX = 60
KEY_MAX = 32  # region, quality and context keys

TEXT_LIMITS = {
    "note": NOTE_MAX,
    "trigger": SHORT_TEXT_MAX,
    "need": SHORT_TEXT_MAX,
    "doing_own": OWN_CONTEXT_MAX,
    "with_whom_own": OWN_CONTEXT_MAX,
    "where_own": OWN_CONTEXT_MAX,
}


def _refuse(message: str) -> PydanticCustomError:
    # The message goes in as a value, not as the template: braces a person typed stay as typed.
    return PydanticCustomError("checkin", "{message}", {"message": message})


def _types(exc: ValidationError) -> set[str]:
    return {str(error["type"]) for error in exc.errors()}


Wrap = Callable[[Any, ValidatorFunctionWrapHandler], Any]


def _number(what: str, low: float, high: float, *, whole: bool, blank: Any = None) -> Wrap:
    """Numbers as a form posts them ("7", "−2.5", "") or as JSON sends them; never true/false."""

    def wrap(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        given = value
        if isinstance(value, str):
            value = value.strip().replace("−", "-")
            if not value:
                return blank
        if value is None:
            return blank
        if isinstance(value, bool):
            raise _refuse(f"{what} must be a number from {low:g} to {high:g}.")
        try:
            return handler(value)
        except ValidationError as exc:
            problems = _types(exc)
            if problems & {"greater_than_equal", "less_than_equal", "finite_number"}:
                raise _refuse(f"{what} must be from {low:g} to {high:g}; you gave {given}.") from None
            if whole and problems & {"int_from_float", "int_parsing"} and _is_number(value):
                raise _refuse(f"{what} must be a whole number from {low:g} to {high:g}.") from None
            raise _refuse(f"{what} must be a number from {low:g} to {high:g}.") from None

    return wrap


def _is_number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def _text(limit: int) -> Wrap:
    def wrap(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise _refuse("This must be text.")
        try:
            return handler(value)
        except ValidationError as exc:
            if _types(exc) & {"string_too_long", "too_long"}:
                length = len(value.strip())
                raise _refuse(
                    f"This is {length:,} characters long; the limit is {limit:,}. "
                    "Shorten it, or keep the longer version in your journal."
                ) from None
            raise _refuse("This must be text.") from None

    return wrap


def _choice(message: str, empty: Any = "") -> Wrap:
    def wrap(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        if value is None or value == "":
            return handler(empty)
        try:
            return handler(value)
        except ValidationError:
            raise _refuse(message) from None

    return wrap


def _at_most(limit: int, message: str) -> Callable[[Any], Any]:
    """Lists: empty for null; refused as a whole, with a count, when there are too many."""

    def check(value: Any) -> Any:
        if value is None or value == "":
            return []
        if isinstance(value, list | tuple) and len(value) > limit:
            raise _refuse(message.format(count=len(value), limit=limit))
        return value

    return check


def _moment(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return handler(value.strip() if isinstance(value, str) else value)
    except ValidationError as exc:
        ours = [e for e in exc.errors() if e["type"] == "value_error"]
        if ours:  # Moment's own sentence: too early, in the future, no time zone
            raise _refuse(str(ours[0]["msg"]).removeprefix("Value error, ")) from None
        raise _refuse("Give a date and time like 2025-03-14 18:30.") from None




Intensity = Annotated[
    Annotated[int, Field(ge=INTENSITY_RANGE[0], le=INTENSITY_RANGE[1])] | None,
    WrapValidator(_number("Intensity", *INTENSITY_RANGE, whole=True)),
]
Confidence = Annotated[
    Annotated[int, Field(ge=CONFIDENCE_RANGE[0], le=CONFIDENCE_RANGE[1])] | None,
    WrapValidator(_number("Confidence", *CONFIDENCE_RANGE, whole=True)),
]
Rating = Annotated[
    Annotated[int, Field(ge=RATING_SCALE[0], le=RATING_SCALE[1])],
    WrapValidator(_number("A rating", *RATING_SCALE, whole=True)),
]
Pleasantness = Annotated[
    Annotated[float, Field(ge=AFFECT_RANGE[0], le=AFFECT_RANGE[1], allow_inf_nan=False)] | None,
    WrapValidator(_number("Pleasantness", *AFFECT_RANGE, whole=False)),
]
Energy = Annotated[
    Annotated[float, Field(ge=AFFECT_RANGE[0], le=AFFECT_RANGE[1], allow_inf_nan=False)] | None,
    WrapValidator(_number("Energy", *AFFECT_RANGE, whole=False)),
]
OccurredAt = Annotated[Moment | None, WrapValidator(_moment)]
OwnContext = Annotated[
    CleanText, Field(max_length=OWN_CONTEXT_MAX), WrapValidator(_text(OWN_CONTEXT_MAX))
]
ShortText = Annotated[
    CleanText, Field(max_length=SHORT_TEXT_MAX), WrapValidator(_text(SHORT_TEXT_MAX))
]
NoteText = Annotated[CleanText, Field(max_length=NOTE_MAX), WrapValidator(_text(NOTE_MAX))]
CONTEXT_MESSAGE = "Choose one of the offered answers, or write your own below."
if TYPE_CHECKING:
    # The offered answers come from data, so the checker sees them as plain strings;
    # at run time each is a Literal of the offered keys (an enum in the OpenAPI schema).
    Doing = str
    WithWhom = str
    Where = str
else:
    Doing = Annotated[Literal["", *dict(CONTEXT_CHOICES["doing"])],
                      WrapValidator(_choice(CONTEXT_MESSAGE))]
    WithWhom = Annotated[Literal["", *dict(CONTEXT_CHOICES["with_whom"])],
                         WrapValidator(_choice(CONTEXT_MESSAGE))]
    Where = Annotated[Literal["", *dict(CONTEXT_CHOICES["where"])],
                      WrapValidator(_choice(CONTEXT_MESSAGE))]


class SensationIn(InputSchema):
    """Something felt in the body: a region and a quality from the body catalogue."""

    region: str = Field(max_length=KEY_MAX)
    quality: str = Field(max_length=KEY_MAX)
    intensity: Intensity = None
    side: Annotated[Side, WrapValidator(_choice("Side must be left, right, or empty for both."))] = ""


def _word(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    if not isinstance(value, str) or not value.strip():
        raise _refuse("Write a word, or remove this label.")
    try:
        return handler(value)
    except ValidationError:
        raise _refuse(
            f"Keep a word under {OWN_WORD_MAX} characters; the note has room for more."
        ) from None


class CheckInLabelIn(InputSchema):
    """A word for the feeling: one from the vocabulary, or the person's own (`own: true`)."""

    word: Annotated[CleanText, Field(min_length=1, max_length=OWN_WORD_MAX), WrapValidator(_word)]
    own: StrictBool = False
    intensity: Intensity = None
    confidence: Confidence = None


def _labels(value: Any) -> Any:
    value = _at_most(MAX_LABELS, "Choose up to {limit} words; there are {count}. "
                                 "Keep the ones that fit best.")(value)
    if isinstance(value, list | tuple):  # "sad" is short for {"word": "sad"}
        return [{"word": item} if isinstance(item, str) else item for item in value]
    return value


Sensations = Annotated[
    list[SensationIn],
    Field(max_length=MAX_SENSATIONS),
    BeforeValidator(_at_most(MAX_SENSATIONS, "That is {count} sensations; at most {limit} fit "
                                             "in one check-in.")),
]
Labels = Annotated[list[CheckInLabelIn], Field(max_length=MAX_LABELS), BeforeValidator(_labels)]
Ratings = Annotated[dict[Annotated[str, Field(max_length=60)], Rating],
                    BeforeValidator(lambda v: {} if v is None or v == "" else v)]


class _CheckInFields(InputSchema):
    """Every field of a check-in but its labels (whose shape differs for PATCH)."""

    kind: Annotated[Kind, WrapValidator(_choice(f"Kind must be one of: {', '.join(KINDS)}.",
                                                empty="quick"))] = "quick"
    occurred_at: OccurredAt = Field(None, description="When it was felt; empty means now. "
                                    "From 2000 until now, with a time zone.")
    pleasantness: Pleasantness = Field(None, description="Affect grid, −5 to 5; with energy.")
    energy: Energy = Field(None, description="Affect grid, −5 to 5; with pleasantness.")
    not_sure: StrictBool = False
    sensations: Sensations = Field(default_factory=list)
    ratings: Ratings = Field(default_factory=dict, description="0 to 6 for each feeling in "
                             "the person's set of feelings to rate.")
    doing: Doing = ""
    doing_own: OwnContext = ""
    with_whom: WithWhom = ""
    with_whom_own: OwnContext = ""
    where: Where = ""
    where_own: OwnContext = ""
    trigger: ShortText = ""
    need: ShortText = ""
    note: NoteText = ""


class CheckInIn(_CheckInFields):
    """A check-in. Everything may be left out: an empty check-in is "I checked in, now"."""

    labels: Labels = Field(default_factory=list)


class CheckInLabelPatch(CheckInLabelIn):
    """A label as GET shows it: `family` and `level` come from the vocabulary and are ignored."""

    family: str | None = Field(None, description="Read-only (from the vocabulary); ignored.")
    level: int | None = Field(None, description="Read-only (from the vocabulary); ignored.")


PatchLabels = Annotated[list[CheckInLabelPatch], Field(max_length=MAX_LABELS),
                        BeforeValidator(_labels)]
# What GET shows but nobody writes: accepted in a PATCH body (so the owner can send back
# what they read, changed) and ignored.
READ_ONLY_FIELDS = ("id", "created_at", "updated_at", "offer_help", "help_level", "crisis_url")


class CheckInPatch(_CheckInFields):
    """The fields to change; what is not sent stays as it is. A check-in as GET returns it is
    accepted too: the read-only fields (`id`, `created_at`, `updated_at`, `offer_help`,
    `help_level`, `crisis_url`, a label's `family` and `level`) are ignored. `version` is
    required: without it the answer is 428 and nothing changes."""

    model_config = ConfigDict(json_schema_extra=require_version)
    labels: PatchLabels = Field(default_factory=list)
    id: UUID | None = Field(None, description="Read-only; ignored.")
    created_at: datetime | None = Field(None, description="Read-only; ignored.")
    updated_at: datetime | None = Field(None, description="Read-only; ignored.")
    offer_help: bool | None = Field(None, description="Read-only; ignored.")
    help_level: str | None = Field(None, description="Read-only; ignored.")
    crisis_url: str | None = Field(None, description="Read-only; ignored.")
    version: BasedOn = Field(
        None,
        description="Required: the check-in's `version` when you read it. If it has changed "
        "since (another tab, device or script), the answer is 409 with the saved check-in; "
        "without it, 428 with the saved check-in and its version. Either way nothing changes, "
        "so nobody's newer answers are overwritten unseen.")

    def changes(self) -> dict[str, Any]:
        """The writable fields that were sent, in the shape `CheckInIn` accepts (`version` is
        what the change was based on, not part of the check-in)."""
        sent = self.model_dump(exclude_unset=True, exclude={*READ_ONLY_FIELDS, "version"})
        if "labels" in sent:
            sent["labels"] = [{k: v for k, v in label.items() if k not in ("family", "level")}
                              for label in sent["labels"]]
        return sent


class RatingSetIn(InputSchema):
    emotions: list[Annotated[str, Field(max_length=60)]] = Field(max_length=200)


DRAFT_PAGE = (
    "The id of the page this draft comes from, as the page has it (its hidden `draft_page`). "
    "Once that page's form was sent (the check-in saved, or the draft let go), drafts from it "
    "are not kept: 409. Leave it out for a draft that belongs to no page.")


class DraftPageIn(InputSchema):
    """The id of the page an autosave comes from."""

    page: UUID | None = Field(None, description=DRAFT_PAGE)


class CheckInDraftIn(DraftPageIn):
    """An unfinished check-in form, kept until it is saved (services.draft_save cleans it)."""

    payload: dict[str, Any] = Field(description="The form's state, as JSON.")


# --- out ----------------------------------------------------------------------------------


class SensationOut(Schema):
    region: str
    quality: str
    intensity: int | None
    side: str


class CheckInLabelOut(Schema):
    word: str
    own: bool
    intensity: int | None
    confidence: int | None
    family: str | None
    level: int | None


class CheckInOut(Schema):
    id: UUID
    kind: str
    occurred_at: datetime
    pleasantness: float | None
    energy: float | None
    not_sure: bool
    sensations: list[SensationOut]
    labels: list[CheckInLabelOut]
    ratings: dict[str, int]
    doing: str
    doing_own: str
    with_whom: str
    with_whom_own: str
    where: str
    where_own: str
    trigger: str
    need: str
    note: str
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Raised by every change; send it with a PATCH.")
    offer_help: bool = Field(False, description="True when something written here sounds like "
                             "the person may not be safe, or a heavy feeling word (hopeless, "
                             "worthless, despairing, self-loathing, unsafe) was just chosen: "
                             "please show crisis resources (crisis_url).")
    help_level: Literal["strong", "gentle"] | None = Field(
        None, description="strong: clear words of risk; gentle: weaker signs or a heavy word "
        "chosen (a softer, optional check is enough).")
    crisis_url: str | None = None


class CheckInList(Schema):
    count: int
    page: int
    pages: int
    results: list[CheckInOut]


# --- the contrast question in the suggestions ("more like X, or more like Y?") ---------------

class ContrastAnswerIn(InputSchema):
    """An answer to the contrast question: one of the two families offered, or "not_sure"."""

    family_a: str = Field(max_length=16)
    family_b: str = Field(max_length=16)
    chosen: str = Field(max_length=16)

    @model_validator(mode="after")
    def _check(self) -> ContrastAnswerIn:
        if self.family_a not in FAMILIES or self.family_b not in FAMILIES:
            raise ValueError("That question offered a family of feelings Feelmap does not know.")
        if self.family_a == self.family_b:
            raise ValueError("The question needs two different families.")
        if self.chosen not in (self.family_a, self.family_b, "not_sure"):
            raise ValueError("Choose one of the two words offered, or “not sure”.")
        return self


class CheckInConflictOut(Schema):
    """409: the check-in changed since the version this change was based on."""

    detail: str
    current: CheckInOut


class CheckInVersionNeededOut(Schema):
    """428: the change said no `version`; nothing changed."""

    detail: str
    version: int = Field(description="The saved check-in's version: send it as `version` to "
                         "change the check-in as it is now.")
    current: CheckInOut
