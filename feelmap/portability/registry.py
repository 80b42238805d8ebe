"""Every kind of a person's data that leaves and comes back, one `Kind` entry each.

A kind names its model, the fields that travel (by attribute, so a property such as a safety
plan's `sections` travels as structured data), the rows that belong to each record (a
check-in's labels), and links to records of other kinds (a practice's check-ins, by public id).
Field types for validating an import are derived from the model's own field definitions;
`types` overrides them where the model stores something more specific.

Adding a kind is one `Kind(...)` in `KINDS` (or `register(...)` from the kind's own app);
export, import, CSV, the JSON Schema file and the round-trip test all follow from it.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from django.db import models
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    create_model,
)

from feelmap.lib.models import STORED_EARLIEST, STORED_LATEST

# The export format. A file with a higher version is refused with a message to update
# Feelmap. Bump it when a field changes meaning or a required field is added, and teach
# `upgrade_record` to read the older shape.
# Version 1: the first. Version 2: the safety plan carries its `version` (the save counter).
# Version 3: the profile carries the person's `time_zone` (accounts.User; "" = the server's).
FORMAT = "feelmap-export"
VERSION = 3

# Free text is stored encrypted without a length limit; this bound keeps a hostile file from
# filling the disk through one field while leaving any real note, entry or plan untouched.
TEXT_LIMIT = 200_000


def _in_stored_range(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("Give a time zone, for example 2026-05-01T09:30:00+00:00.")
    if not STORED_EARLIEST <= value < STORED_LATEST:
        raise ValueError("Use a date from the year 2000 to 2099.")
    return value


def _year_in_range(value: date) -> date:
    if not STORED_EARLIEST.year <= value.year < STORED_LATEST.year:
        raise ValueError("Use a date from the year 2000 to 2099.")
    return value


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("Give a finite number.")
    return value


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Text may not contain a NUL character.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("Text holds a broken character (a lone surrogate).") from None
    return value


Plain = Annotated[str, AfterValidator(_no_nul)]


StoredMoment = Annotated[datetime, AfterValidator(_in_stored_range)]
Number = Annotated[float, AfterValidator(_finite)]
FreeText = Annotated[str, Field(max_length=TEXT_LIMIT), AfterValidator(_no_nul)]


@dataclass(frozen=True)
class Part:
    """Rows that belong to each record of a kind (a check-in's labels), exported inside it."""

    name: str  # key inside the record: "labels"
    model: type[models.Model]
    parent: str  # the foreign key to the record: "checkin"
    fields: tuple[str, ...]
    types: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Kind:
    """One kind of a person's data.

    ``key`` says how a record is recognised again (so importing twice adds nothing):
    "public_id" (a record with its own UUID), "owner" (one per person: preferences, a plan),
    or a field name that is unique per person ("instrument" for one schedule per measure).
    """

    name: str  # "checkins": the key in the export and the CSV file name
    label: str  # "Check-ins", for people
    model: type[models.Model]
    fields: tuple[str, ...]
    key: str = "public_id"
    owner_field: str = "owner"
    parts: tuple[Part, ...] = ()
    links: dict[str, str] = field(default_factory=dict)  # field -> name of the linked kind
    types: dict[str, Any] = field(default_factory=dict)
    order_by: tuple[str, ...] = ("id",)
    # Record timestamps kept by Django (auto_now/auto_now_add): exported, and restored exactly
    # after import with a second bulk update (an insert always stamps "now").
    stamps: tuple[str, ...] = ()
    # Kinds that describe the account itself (the profile) are updated, never created.
    account: bool = False
    # Records that involve other people's accounts (who the person shared with, their comments,
    # who looked): exported as the person's record of them, never imported.
    export_only: bool = False

    @property
    def all_fields(self) -> tuple[str, ...]:
        ids = ("id",) if self.key == "public_id" else ()
        return ids + self.fields + tuple(self.links) + self.stamps


KINDS: list[Kind] = []


def register(kind: Kind) -> Kind:
    if any(k.name == kind.name for k in KINDS):
        raise ValueError(f"A kind named {kind.name!r} is already registered.")
    KINDS.append(kind)
    _schemas.clear()
    return kind


def kind_named(name: str) -> Kind | None:
    return next((k for k in KINDS if k.name == name), None)


def upgrade_record(kind: Kind, record: Any, version: int | None) -> Any:
    """A record of an older format version in today's shape (`version` None: not read yet,
    in a file whose keys were reordered)."""
    if (kind.name == "safety_plan" and isinstance(record, dict) and "version" not in record
            and (version is None or version < 2)):
        # Version 1 files had no save counter; a plan in a file was saved at least once.
        record = {**record, "version": 1}
    if (kind.name == "profile" and isinstance(record, dict) and "time_zone" not in record
            and (version is None or version < 3)):
        # Files before version 3 did not carry the time zone: importing one leaves the
        # person's own as it is (None: not given, see importing._write).
        record = {**record, "time_zone": None}
    return record


# --- types derived from model fields -------------------------------------------------------


def _type_of(model_field: models.Field) -> Any:
    from feelmap.lib.crypto import EncryptedTextField

    nullable = model_field.null
    if isinstance(model_field, EncryptedTextField):
        found: Any = FreeText
    elif isinstance(model_field, models.BooleanField):
        found = StrictBool
    elif isinstance(model_field, models.DateTimeField):
        found = StoredMoment
    elif isinstance(model_field, models.DateField):
        found = Annotated[date, AfterValidator(_year_in_range)]
    elif isinstance(model_field, models.TimeField):
        found = time
    elif isinstance(model_field, models.FloatField):
        found = Number
    elif isinstance(model_field, models.IntegerField):
        positive = (models.PositiveIntegerField, models.PositiveSmallIntegerField,
                    models.PositiveBigIntegerField)
        low = 0 if isinstance(model_field, positive) else -(2**31)
        high = 32767 if isinstance(model_field, models.SmallIntegerField) else 2**31 - 1
        found = Annotated[StrictInt, Field(ge=low, le=high)]
    elif isinstance(model_field, models.UUIDField):
        found = uuid.UUID
    elif isinstance(model_field, models.JSONField):
        found = Any
    elif isinstance(model_field, models.CharField | models.TextField):
        if model_field.choices:
            allowed = [str(value) for value, _ in model_field.choices]
            if model_field.blank and "" not in allowed:
                allowed.append("")  # a blank choice field stores ""
            found = Literal[tuple(allowed)]
        else:
            found = Annotated[str, Field(max_length=model_field.max_length or TEXT_LIMIT),
                              AfterValidator(_no_nul)]
    else:  # pragma: no cover - a new field type must be given in `types`
        raise TypeError(f"No export type for {model_field!r}; give it in Kind.types.")
    return found | None if nullable else found


def _annotation(model: type[models.Model], name: str, types: dict[str, Any]) -> Any:
    if name in types:
        return types[name]
    found = model._meta.get_field(name)
    if not isinstance(found, models.Field):  # pragma: no cover - a reverse relation
        raise TypeError(f"{model.__name__}.{name} is not a field; give its type in Kind.types.")
    return _type_of(found)


class RecordSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")


_schemas: dict[str, type[BaseModel]] = {}


def schema_for(kind: Kind) -> type[BaseModel]:
    """The pydantic model one record of `kind` must match (every field required)."""
    if kind.name in _schemas:
        return _schemas[kind.name]
    spec: dict[str, Any] = {}
    if kind.key == "public_id":
        spec["id"] = (uuid.UUID, ...)
    for name in kind.fields + kind.stamps:
        spec[name] = (_annotation(kind.model, name, kind.types), ...)
    for name in kind.links:
        spec[name] = (uuid.UUID | None, ...)
    for part in kind.parts:
        part_spec: dict[str, Any] = {
            n: (_annotation(part.model, n, part.types), ...) for n in part.fields
        }
        part_model = create_model(
            f"{kind.name}_{part.name}", __base__=RecordSchema, **part_spec
        )
        spec[part.name] = (list[part_model], Field(max_length=1000))  # type: ignore[valid-type]
    made = create_model(f"{kind.name}_record", __base__=RecordSchema, **spec)
    _schemas[kind.name] = made
    return made
