"""The phrase rules behind the checks, read from ``data/phrases.json`` and validated at load.

Each rule is a case-insensitive regular expression with a gentle message and examples it must
and must not find; the examples are checked by the tests, so a rule cannot silently drift.
Word lists (softeners, intensifiers, strong and mild feeling words) are checked against the
shared vocabulary where they name feelings.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

DATA = Path(__file__).parent / "data" / "phrases.json"


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    pattern: str = Field(min_length=3)
    message: str
    matches: tuple[str, ...] = Field(min_length=1)
    misses: tuple[str, ...] = Field(min_length=1)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value, re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"not a valid pattern: {exc}") from None
        return value

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


class PhraseRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    about: str = Field(alias="_about")
    blame: tuple[Rule, ...] = Field(min_length=1)
    thought: tuple[Rule, ...] = Field(min_length=1)
    request: tuple[Rule, ...] = Field(min_length=1)
    need: tuple[Rule, ...] = Field(min_length=1)
    unsure: tuple[Rule, ...] = Field(min_length=1)
    softeners: tuple[str, ...] = Field(min_length=1)
    intensifiers: tuple[str, ...] = Field(min_length=1)
    strong: tuple[str, ...] = Field(min_length=1)
    mild: tuple[str, ...] = Field(min_length=1)
    stronger: dict[str, tuple[str, ...]]
    milder: dict[str, tuple[str, ...]]

    @model_validator(mode="after")
    def _consistent(self) -> PhraseRules:
        overlap = set(self.strong) & set(self.mild)
        if overlap:
            raise ValueError(f"words both strong and mild: {sorted(overlap)}")
        if set(self.softeners) & set(self.intensifiers):
            raise ValueError("a word cannot both soften and intensify")
        ids = [r.id for group in (self.blame, self.thought, self.request, self.need, self.unsure)
               for r in group]
        if len(ids) != len(set(ids)):
            raise ValueError("rule ids must be unique")
        if not set(self.stronger) <= set(self.mild):
            raise ValueError("'stronger' alternatives are for mild words only")
        if not set(self.milder) <= set(self.strong):
            raise ValueError("'milder' alternatives are for strong words only")
        return self

    def all_rules(self) -> tuple[Rule, ...]:
        return (*self.blame, *self.thought, *self.request, *self.need, *self.unsure)


@lru_cache(maxsize=1)
def load_rules() -> PhraseRules:
    return PhraseRules.model_validate(json.loads(DATA.read_text(encoding="utf-8")))


def fold(text: str) -> str:
    """Text as the patterns read it: curly apostrophes straightened (same length as the input,
    so positions found in it point at the same characters in the original)."""
    return text.replace("\u2019", "'").replace("\u2018", "'")
