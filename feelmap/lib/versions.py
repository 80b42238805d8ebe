"""Optimistic concurrency for records a person edits in two places at once (two tabs, a phone
and a laptop, a script): each record has a `version`, every edit says which version it was
based on, and an edit based on an older version changes nothing and raises `StaleVersion`, so
the page or API can show both and let the person choose. Used by the journal, check-ins, the
safety plan, practice sessions and saying-it practices.

The API takes no change without a version: a body that leaves `version` out answers 428
(Precondition Required) with the saved record and its version, and nothing changes. Input
schemas declare the field with `BasedOn` and `require_version`, so the OpenAPI document lists
`version` as required while a missing one still reaches the view (which answers 428, not a
generic 422)."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from django.db import models
from pydantic import Field, WithJsonSchema
from pydantic.config import JsonDict

M = TypeVar("M", bound=models.Model)

VERSION_MAX = 2_000_000_000

# The version a change was based on. `None` (left out, or null) is read so the view can answer
# 428 with the current version; the document shows a plain integer.
BasedOn = Annotated[
    int | None,
    Field(ge=0, le=VERSION_MAX),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": VERSION_MAX}),
]


def require_version(schema: JsonDict) -> None:
    """`json_schema_extra` for a schema with a `BasedOn` field named `version`: the OpenAPI
    document marks it required (a request without it answers 428)."""
    required = schema.get("required")
    if not isinstance(required, list):
        required = schema["required"] = []
    if "version" not in required:
        required.append("version")


def version_needed(thing: str, current: int) -> str:
    """The 428 sentence: what to send, and the version to send to change the record as it is."""
    return (
        f"Send `version`: the {thing}'s version when you read it, so nobody's newer words are "
        f"overwritten unseen. Nothing was changed. The saved {thing} is at version {current} "
        f"(see `current`); to change it as it is now, send your change again with "
        f'"version": {current}.'
    )


class StaleVersion(Exception):
    """The record was saved elsewhere since the version this edit was based on."""

    def __init__(self, current: Any) -> None:
        self.current = current
        super().__init__(f"The record is at version {current.version}.")


def lock_at_version(queryset: models.QuerySet[M], pk: int, based_on: int | None) -> M:
    """The row, locked until the transaction ends, if it is still at `based_on`.

    Call inside `transaction.atomic()`. `based_on=None` skips the check: only for the demo
    and imports, never for a person's edit (the API answers 428 when a body has no version,
    and a page form without one reads as -1, see `posted_version`)."""
    current = queryset.select_for_update().get(pk=pk)
    if based_on is not None and based_on != current.version:  # type: ignore[attr-defined]
        raise StaleVersion(current)
    return current


def posted_version(value: object) -> int:
    """The version a page form carried; a missing or unreadable one never matches (-1), so an
    old page open somewhere cannot overwrite newer words unseen."""
    try:
        number = int(str(value))
    except ValueError:
        return -1
    return number if 0 <= number <= VERSION_MAX else -1
