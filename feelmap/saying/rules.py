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

from pydantic import Field, StrictStr, field_validator, model_validator

from feelmap.lib.content import ContentModel, Slug, Text, duplicates, fail, parse_content

DATA = Path(__file__).parent / "data" / "phrases.json"


class Rule(ContentModel):
    id: Slug
    pattern: Text
    message: StrictStr  # empty for rules that only detect (requests, needs)
    matches: tuple[Text, ...] = Field(min_length=1)
    misses: tuple[Text, ...] = Field(min_length=1)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value, re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"not a valid pattern: {exc}") from None
        return value

    @model_validator(mode="after")
    def _examples_hold(self) -> Rule:
        fail([
            *(f"does not find its example {t!r}" for t in self.matches
              if not self.regex.search(fold(t))),
            *(f"finds its counter-example {t!r}" for t in self.misses
              if self.regex.search(fold(t))),
        ])
        return self

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


class PhraseRules(ContentModel):
    about: Text = Field(alias="_about")
    blame: tuple[Rule, ...] = Field(min_length=1)
    thought: tuple[Rule, ...] = Field(min_length=1)
    request: tuple[Rule, ...] = Field(min_length=1)
    need: tuple[Rule, ...] = Field(min_length=1)
    unsure: tuple[Rule, ...] = Field(min_length=1)
    softeners: tuple[Text, ...] = Field(min_length=1)
    intensifiers: tuple[Text, ...] = Field(min_length=1)
    strong: tuple[Text, ...] = Field(min_length=1)
    mild: tuple[Text, ...] = Field(min_length=1)
    stronger: dict[str, tuple[Text, ...]]
    milder: dict[str, tuple[Text, ...]]

    @model_validator(mode="after")
    def _consistent(self) -> PhraseRules:
        overlap = sorted(set(self.strong) & set(self.mild))
        both = sorted(set(self.softeners) & set(self.intensifiers))
        fail([
            f"words both strong and mild: {overlap}" if overlap else "",
            f"words that both soften and intensify: {both}" if both else "",
            *(f"rule id {i!r} is used twice" for i in duplicates(r.id for r in self.all_rules())),
            *(f"stronger: {w!r} is not a mild word" for w in self.stronger if w not in self.mild),
            *(f"milder: {w!r} is not a strong word" for w in self.milder if w not in self.strong),
        ])
        return self

    def all_rules(self) -> tuple[Rule, ...]:
        return (*self.blame, *self.thought, *self.request, *self.need, *self.unsure)


@lru_cache(maxsize=1)
def load_rules() -> PhraseRules:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return parse_content(PhraseRules, raw, source="saying/phrases.json",
                         nouns={"blame": "rule", "thought": "rule", "request": "rule",
                                "need": "rule", "unsure": "rule"})


def fold(text: str) -> str:
    """Text as the patterns read it: curly apostrophes straightened (same length as the input,
    so positions found in it point at the same characters in the original)."""
    return text.replace("\u2019", "'").replace("\u2018", "'")
