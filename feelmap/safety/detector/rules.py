"""Phrase rules: regular expressions over normalised text, read from ``data/detector_rules.json``.

The data file holds the plain sentences shown to people (``reasons``), named building blocks
(``blocks``, written ``{NAME}`` inside a pattern: ``{SELF}`` is every spelling of "myself",
"herself", ...), and the rules. A rule has a ``kind`` (see :data:`KINDS`), a ``reason`` key,
a ``pattern``, optional ``unless_after`` / ``unless_before`` patterns (a match is ignored when
the text right after or right before it matches: "cut myself *shaving*") and an optional
``gate`` of words that must occur for the rule to run at all (a speed shortcut, tested never to
change an answer). Long patterns may be written as a list of pieces that are joined.

Only bounded gaps are used (no nested open-ended repetition), so matching time stays linear.
Everything is checked by pydantic when the file is loaded: an unknown kind, an unknown reason,
an unknown block or a pattern that does not compile stops the app at start-up.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

DATA = Path(__file__).resolve().parent.parent / "data" / "detector_rules.json"

SUICIDAL_IDEATION = "suicidal-ideation"
SELF_HARM = "self-harm"
PLAN_OR_MEANS = "plan-or-means"
HOPELESSNESS_FAREWELL = "hopelessness-farewell"
POSSIBLE_RISK = "possible-risk"  # only the learned model (feelmap/safety/model.py) found it

# Most urgent first: when several rules match, the result reports the most urgent kind.
KINDS: tuple[str, ...] = (
    PLAN_OR_MEANS, SUICIDAL_IDEATION, SELF_HARM, HOPELESSNESS_FAREWELL, POSSIBLE_RISK
)
URGENCY = {kind: i for i, kind in enumerate(KINDS)}

Kind = Literal["plan-or-means", "suicidal-ideation", "self-harm", "hopelessness-farewell"]
Pattern = str | list[str]
_BLOCK = re.compile(r"\{([A-Z_]+)\}")


def _joined(p: Pattern) -> str:
    return p if isinstance(p, str) else "".join(p)


class RuleIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    group: Literal["phrase", "sign"]
    kind: Kind
    reason: str
    pattern: Pattern
    unless_after: Pattern = ""
    unless_before: Pattern = ""
    gate: tuple[str, ...] = ()


class RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    reasons: dict[str, str]
    blocks: dict[str, Pattern]
    rules: tuple[RuleIn, ...]

    @field_validator("reasons")
    @classmethod
    def _plain_sentences(cls, v: dict[str, str]) -> dict[str, str]:
        for key, sentence in v.items():
            if not sentence.endswith(".") or len(sentence) > 200:
                raise ValueError(f"reason {key!r} must be one short sentence")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> RulesFile:
        for i, rule in enumerate(self.rules):
            if rule.reason not in self.reasons:
                raise ValueError(f"rule {i}: unknown reason {rule.reason!r}")
            for p in (rule.pattern, rule.unless_after, rule.unless_before):
                expand(_joined(p), self.blocks)  # raises on an unknown block or a bad regex
        return self


def expand(pattern: str, blocks: dict[str, Pattern]) -> str:
    """A pattern with its ``{NAME}`` blocks written out; compiled once to check it."""
    def block(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in blocks:
            raise ValueError(f"unknown block {{{name}}}")
        return _joined(blocks[name])

    out = _BLOCK.sub(block, pattern)
    try:
        re.compile(out)
    except re.error as e:
        raise ValueError(f"pattern does not compile: {e}") from e
    return out


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str
    reason: str
    pattern: re.Pattern[str]
    unless_after: re.Pattern[str] | None = None
    unless_before: re.Pattern[str] | None = None
    gate: tuple[str, ...] = ()

    def excluded(self, text: str, start: int, end: int) -> bool:
        if self.unless_after is not None:
            if self.unless_after.search(text[end : end + 80].lstrip()):
                return True
        if self.unless_before is not None:
            if self.unless_before.search(text[max(0, start - 80) : start + 1]):
                return True
        return False

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where this rule matches ``text`` (exclusions applied)."""
        if self.gate and not any(word in text for word in self.gate):
            return []
        out: list[tuple[int, int]] = []
        pos = 0
        while True:
            m = self.pattern.search(text, pos)
            if m is None:
                return out
            if not self.excluded(text, m.start(), m.end()):
                out.append(m.span())
            pos = m.start() + 1

    def matches(self, text: str) -> bool:
        if self.gate and not any(word in text for word in self.gate):
            return False
        pos = 0
        while True:
            m = self.pattern.search(text, pos)
            if m is None:
                return False
            if not self.excluded(text, m.start(), m.end()):
                return True
            pos = m.start() + 1


def _compile(p: Pattern, blocks: dict[str, Pattern]) -> re.Pattern[str] | None:
    text = _joined(p)
    return re.compile(expand(text, blocks)) if text else None


@lru_cache(maxsize=1)
def load(path: Path = DATA) -> tuple[RulesFile, tuple[Rule, ...]]:
    """The validated rules file and its compiled rules (phrase rules first, then signs)."""
    data = RulesFile.model_validate(json.loads(path.read_text(encoding="utf-8")))
    compiled = []
    for r in data.rules:
        pattern = _compile(r.pattern, data.blocks)
        assert pattern is not None  # nosec B101  # type narrowing after compiling a validated rule
        compiled.append(
            Rule(
                kind=r.kind,
                reason=data.reasons[r.reason],
                pattern=pattern,
                unless_after=_compile(r.unless_after, data.blocks),
                unless_before=_compile(r.unless_before, data.blocks),
                gate=r.gate,
            )
        )
    return data, tuple(compiled)


def reason(key: str) -> str:
    """One of the plain sentences in the data file."""
    return load()[0].reasons[key]


def rules() -> tuple[Rule, ...]:
    return load()[1]


def first_match(norm: str) -> Rule | None:
    """The matching rule of the most urgent kind, or None."""
    best: Rule | None = None
    for rule in rules():
        if best is not None and URGENCY[rule.kind] >= URGENCY[best.kind]:
            continue
        if rule.matches(norm):
            best = rule
            if URGENCY[best.kind] == 0:
                return best
    return best
