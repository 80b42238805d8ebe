"""The safety plan in and out: one rule set for the page's form, its autosave and the API.

A save always carries the whole plan (every section and the sharing choice) and the version
it was based on. A body with a section missing is refused rather than read as "empty that
section": an empty or cut-off request must never wipe what a person wrote.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema
from pydantic import ConfigDict, Field, StrictBool, ValidationInfo, field_validator

from feelmap.lib.validation import CleanText, InputSchema
from feelmap.lib.versions import BasedOn, require_version

from .plan import MAX_ITEM_LENGTH, MAX_ITEMS, SECTION_KEYS, validate_plan

# Before cleaning, a section may hold a few blank or repeated lines more than it keeps.
_RAW_ITEMS = MAX_ITEMS * 4
_RAW_TEXT = (MAX_ITEM_LENGTH + 1) * _RAW_ITEMS


def _section(value: Any, info: ValidationInfo) -> list[str]:
    """Clean one section with the plan's own rules and messages (see `plan.validate_plan`)."""
    key = str(info.field_name)
    return validate_plan({key: value})[key]


class SafetyPlanSectionsIn(InputSchema):
    """Every section, each a list of answers (blank and repeated ones are dropped)."""

    warning_signs: list[CleanText] = Field(max_length=_RAW_ITEMS)
    coping_steps: list[CleanText] = Field(max_length=_RAW_ITEMS)
    distractions: list[CleanText] = Field(max_length=_RAW_ITEMS)
    people_to_ask: list[CleanText] = Field(max_length=_RAW_ITEMS)
    professionals: list[CleanText] = Field(max_length=_RAW_ITEMS)
    safer_surroundings: list[CleanText] = Field(max_length=_RAW_ITEMS)
    reasons_for_living: list[CleanText] = Field(max_length=_RAW_ITEMS)

    _clean = field_validator(*SECTION_KEYS)(_section)


assert tuple(SafetyPlanSectionsIn.model_fields) == SECTION_KEYS, "one field per plan section"  # nosec B101  # import-time consistency check of the schema


class SafetyPlanIn(InputSchema):
    """`PUT /safety/plan`: the whole plan and the version it was based on (0 before the first
    save). A different version answers 409 with the saved plan, a missing one 428 with the
    saved plan and its version; either way nothing is overwritten unseen."""

    model_config = ConfigDict(json_schema_extra=require_version)

    sections: SafetyPlanSectionsIn
    shared_with_clinician: StrictBool
    version: BasedOn = Field(None, description="Required: the plan's `version` when you read "
                             "it (0 before the first save).")


class SafetyPlanFormIn(InputSchema):
    """The page's form and its autosave: one text box per section, one answer per line.

    The form always posts every box and the version it was loaded with. It has no sharing
    choice: the page keeps whatever is stored (only the API can set it until sharing exists)."""

    warning_signs: CleanText = Field(max_length=_RAW_TEXT)
    coping_steps: CleanText = Field(max_length=_RAW_TEXT)
    distractions: CleanText = Field(max_length=_RAW_TEXT)
    people_to_ask: CleanText = Field(max_length=_RAW_TEXT)
    professionals: CleanText = Field(max_length=_RAW_TEXT)
    safer_surroundings: CleanText = Field(max_length=_RAW_TEXT)
    reasons_for_living: CleanText = Field(max_length=_RAW_TEXT)
    version: int = Field(ge=0, le=2_000_000_000)

    _clean = field_validator(*SECTION_KEYS)(_section)

    def sections(self) -> dict[str, list[str]]:
        return {key: getattr(self, key) for key in SECTION_KEYS}


# --- output ----------------------------------------------------------------------------------


class SafetyPlanGuideOut(Schema):
    key: str
    title: str
    guidance: str
    prompts: list[str]
    optional: bool


class SafetyPlanOut(Schema):
    sections: dict[str, list[str]]
    shared_with_clinician: bool
    version: int
    updated_at: datetime | None
    guide: list[SafetyPlanGuideOut]


class SafetyPlanConflictOut(Schema):
    """409: the plan changed since the version this save was based on."""

    detail: str
    current: SafetyPlanOut


class SafetyPlanVersionNeededOut(Schema):
    """428: the save said no `version`; nothing changed."""

    detail: str
    version: int = Field(description="The saved plan's version (0 before the first save): "
                         "send it as `version` to replace the plan as it is now.")
    current: SafetyPlanOut
