"""Input schemas of the accounts app (see docs/conventions.md)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator

from feelmap.lib.validation import CleanText, InputSchema

TOKEN_MAX_DAYS = 365
_DAYS_MESSAGE = f"Use a whole number of days from 1 to {TOKEN_MAX_DAYS}, or leave it empty."


class TokenCreate(InputSchema):
    """A new API token: a name to recognise it by, and how many days it works (none: until revoked)."""

    label: Annotated[CleanText, Field(max_length=80)] = ""
    days: int | None = None

    @field_validator("days", mode="before")
    @classmethod
    def _whole_days_in_range(cls, value: object) -> int | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None  # a page posts an empty box for "no expiry"
        if isinstance(value, bool):
            raise ValueError(_DAYS_MESSAGE)
        if isinstance(value, str):
            value = value.strip()
            if not value.isascii() or not value.isdigit() or len(value) > 4:
                raise ValueError(_DAYS_MESSAGE)
            value = int(value)
        if not isinstance(value, int) or not 1 <= value <= TOKEN_MAX_DAYS:
            raise ValueError(_DAYS_MESSAGE)
        return value
