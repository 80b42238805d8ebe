"""The one validation convention: typed pydantic schemas, shared by the pages and the API.

Every app keeps its input schemas in `schemas.py` (subclasses of `InputSchema`). The API takes
them as ninja body types; a page view passes the posted values through `validate()` and shows
each message next to its control. Both get the same rules, the same bounds and the same words.

The building blocks here are the rules every app needs:

- `Moment`: a date-time from 2000-01-01 to a few minutes from now, timezone-aware. Anything
  outside that range is refused at the boundary, so no stored row can later break a page (a
  year-1 date with an offset becomes a BC date PostgreSQL cannot hand back).
- `CleanText`/`clean_text`: free text without control characters (tab and newline kept),
  without direction overrides (which can rearrange a timeline) and without lone surrogates
  (which no database encoding can store).
- `errors_by_field`: pydantic's errors as `{"labels.0.word": ["…"]}`, the API's 422 shape and
  what page templates show.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)
from pydantic_core import PydanticCustomError

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
FUTURE_GRACE = timedelta(minutes=5)  # clocks on phones and laptops disagree a little

# C0/C1 controls except tab (09), newline (0A) and carriage return (0D, folded to newline),
# plus the bidirectional embeddings, overrides and isolates, and lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def clean_text(value: str) -> str:
    """Free text as it can be stored and shown safely: unsafe characters removed, CRLF folded."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _UNSAFE.sub("", value))


def _clean_if_text(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


CleanText = Annotated[str, BeforeValidator(_clean_if_text)]


def check_moment(value: datetime, *, now: datetime | None = None) -> datetime:
    """A timezone-aware moment within [2000-01-01, now + grace], in UTC; else ValueError."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("Give a time zone, for example 2026-05-01T09:30:00+01:00.")
    try:
        moment = value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValueError("Use a date from the year 2000 until today.") from None
    if moment < EARLIEST:
        raise ValueError("Use a date from the year 2000 until today.")
    if moment > (now or datetime.now(UTC)) + FUTURE_GRACE:
        raise ValueError("That time is in the future.")
    return moment


Moment = Annotated[datetime, AfterValidator(check_moment)]


class InputSchema(BaseModel):
    """Base for every input schema: unknown fields are refused, text is stripped of edges."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def errors_by_field(exc: ValidationError) -> dict[str, list[str]]:
    """Pydantic's errors keyed by dotted field path, with plain sentences."""
    fields: dict[str, list[str]] = {}
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ())]
        message = str(error.get("msg", "Invalid value."))
        # "Value error, That time is in the future." -> "That time is in the future."
        message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
        fields.setdefault(".".join(loc) or "_", []).append(message)
    return fields


S = TypeVar("S", bound=BaseModel)


def validate(schema: type[S], data: Mapping[str, Any]) -> tuple[S | None, dict[str, list[str]]]:
    """Validate plain data (a page's posted values) against a schema: (object, {}) or (None, errors)."""
    try:
        return schema.model_validate(dict(data)), {}
    except ValidationError as exc:
        return None, errors_by_field(exc)


def said(message: str, *, only: tuple[str, ...] = ()) -> WrapValidator:
    """Annotated metadata: a problem with this value is told in one plain sentence.

    Bounds stay in the schema (``Field(ge=1, le=10)``, shown in OpenAPI); the person reads
    "Minutes must be a whole number from 1 to 10." rather than pydantic's wording. With
    ``only`` (pydantic error types such as "string_too_long"), other problems keep their words.
    """

    def wrap(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        try:
            return handler(value)
        except ValidationError as exc:
            if only and any(e["type"] not in only for e in exc.errors()):
                raise
            raise PydanticCustomError("invalid", message) from None

    return WrapValidator(wrap)


def within(limit: int, message: str | None = None) -> BeforeValidator:
    """Annotated metadata for text with `Field(max_length=limit)`: the limit holds for what was
    sent, before `CleanText` removes unsafe characters or the edges are stripped. Without it a
    value longer than the documented maxLength could be accepted once cleaned. Put it after
    `CleanText` and the `Field` (pydantic runs the last before-validator first)."""
    said_ = message or f"Keep this to at most {limit} characters."

    def check(value: Any) -> Any:
        if isinstance(value, str) and len(value) > limit:
            raise PydanticCustomError("string_too_long", said_)
        return value

    return BeforeValidator(check)


_DIGITS = re.compile(r"\s*[+-]?\d{1,18}\s*")


def _whole_number(value: Any) -> Any:
    # JSON `true`, `2.0` and `2.5` are not whole numbers, nor is a form's "2.0"; its "12" is.
    if isinstance(value, bool | float) or (
        isinstance(value, str) and not _DIGITS.fullmatch(value)
    ):
        raise ValueError("Give a whole number.")
    return value


NOT_BOOL_OR_FLOAT = BeforeValidator(_whole_number)
"""Metadata for an int: refuse booleans and floats; numeric text (a web form's "12") is read.
Put it after any `Field(ge=..., le=...)` so the bounds show in the JSON schema."""

WholeNumber = Annotated[int, NOT_BOOL_OR_FLOAT]
