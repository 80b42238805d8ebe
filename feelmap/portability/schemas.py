"""Input and output schemas of the data pages and API."""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from feelmap.lib.validation import InputSchema, said

ExportFormat = Literal["json", "csv", "fhir", "pdf"]


class DeleteAccountIn(InputSchema):
    """The person types their username to confirm."""

    confirm: Annotated[str, Field(max_length=150),
                       said("Type your username to confirm.")]


class ImportOut(Schema):
    added: dict[str, int]
    kept: dict[str, int]
    updated: dict[str, int]


class ImportRefusedOut(Schema):
    """422: the file was refused (`problems`, one sentence each, naming record and field), or
    the request itself was malformed (`fields`, as every other 422 of the API)."""

    detail: str
    problems: list[str] = []
    fields: dict[str, list[str]] = {}


class DeletedOut(Schema):
    detail: str
    removed: dict[str, int]
