"""Care input schemas (what the page and the API accept) and output schemas (what the API returns)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field, StringConstraints

from feelmap.lib.validation import InputSchema, said

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

    kinds: list[Kind] = Field(default_factory=list, max_length=7)


class CodeOut(Schema):
    code: str = Field(description="Shown once: only a hash is stored.")
    expires_at: datetime


class LinkOut(Schema):
    id: uuid.UUID
    viewer: str
    role: str
    kinds: list[str]
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
