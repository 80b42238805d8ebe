"""Round 9 (issue 20): signs read by meaning over a small window of sentences.

Data: ``data/detector_signs.json`` (checked by pydantic when first used). A *sign* is a few
word classes that must all occur in the same window of at most three sentences (two
before round 10) (``all``), with
an optional list of classes that cancel it (``none``): for example a dangerous act on the road
("took the bend with no seatbelt", "crossed without looking") together with indifference to
the outcome ("on purpose", "if I crash I crash", "part of me was disappointed"), or giving
things away together with a cover story ("told them I was decluttering"). Internet and game
slang for suicide ("ctb", "catch the bus for real", "game over irl", "respawn disabled") and
for cutting ("barcode" on the skin, "cat scratches" that no cat made) are signs too.

*Softeners* are hyperbole ("if I have to sit one more meeting I'll kill myself lol", "cramps
so bad I want to die", "such a burden asking for lifts"): they are blanked out like everyday
uses, but a text whose only risk words were softened still gets the gentle, optional check,
never silence: the strong wording is only for clear risk.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .normalise import sentences

DATA = Path(__file__).resolve().parent.parent / "data" / "detector_signs.json"
_BLOCK = re.compile(r"\{([A-Z_]+)\}")
WINDOW = 3  # sentences (round 10: a picked date and who must not find out, a sentence apart)


class SignIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    kind: Literal["plan-or-means", "suicidal-ideation", "self-harm", "hopelessness-farewell"]
    reason: str
    all: tuple[str, ...] = Field(min_length=1)
    none: tuple[str, ...] = ()
    keeps_role: bool = False  # its words are a story's ("game") or another person's, but the writer's own
    level: Literal["strong", "gentle"] = "strong"  # gentle: a hint, not clear risk
    gate: tuple[str, ...] = ()  # speed: one of these must occur in the text (tested not to matter)


class SignsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    about: str
    blocks: dict[str, str]
    signs: tuple[SignIn, ...] = Field(min_length=1)
    soften: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _compiles(self) -> SignsFile:
        names = [s.name for s in self.signs]
        if len(set(names)) != len(names):
            raise ValueError("sign names must be unique")
        for s in self.signs:
            for p in (*s.all, *s.none):
                expand(p, self.blocks)
        for p in self.soften:
            expand(p, self.blocks)
        return self


def expand(pattern: str, blocks: dict[str, str]) -> str:
    def block(m: re.Match[str]) -> str:
        if m.group(1) not in blocks:
            raise ValueError(f"unknown block {{{m.group(1)}}}")
        return blocks[m.group(1)]

    out = _BLOCK.sub(block, pattern)
    try:
        re.compile(out)
    except re.error as e:
        raise ValueError(f"{pattern[:40]!r} does not compile: {e}") from e
    return out


def _words(pattern: str, blocks: dict[str, str]) -> re.Pattern[str]:
    return re.compile(r"(?<= )(?:" + expand(pattern, blocks) + r")(?= |$)")


@dataclass(frozen=True)
class Sign:
    name: str
    kind: str
    reason: str
    all: tuple[re.Pattern[str], ...]
    none: tuple[re.Pattern[str], ...]
    keeps_role: bool
    level: str
    gate: tuple[str, ...] = ()

    def matches(self, window: str) -> bool:
        return all(p.search(window) for p in self.all) and not any(
            p.search(window) for p in self.none
        )


@dataclass(frozen=True)
class Table:
    signs: tuple[Sign, ...]
    soften: re.Pattern[str]


@lru_cache(maxsize=1)
def table(path: Path = DATA) -> Table:
    data = SignsFile.model_validate(json.loads(path.read_text(encoding="utf-8")))
    b = data.blocks
    return Table(
        signs=tuple(
            Sign(s.name, s.kind, s.reason, tuple(_words(p, b) for p in s.all),
                 tuple(_words(p, b) for p in s.none), s.keeps_role,
                 s.level, s.gate)
            for s in data.signs
        ),
        soften=re.compile(r" (?:" + "|".join(expand(p, b) for p in data.soften) + r")(?= |$)"),
    )


def _windows(norm: str) -> list[str]:
    parts = sentences(norm)
    if len(parts) <= WINDOW:
        return [norm]
    return [" " + " . ".join(p.strip() for p in parts[i : i + WINDOW]) + " "
            for i in range(len(parts) - WINDOW + 1)]


def find(norm: str, gates: bool = True) -> Sign | None:
    """The sign found in any window of normalised text, a strong one before a gentle one."""
    # Only signs whose every class occurs somewhere in the text need the windows.
    candidates = [
        s for s in table().signs
        if (not gates or not s.gate or any(g in norm for g in s.gate))
        and all(p.search(norm) for p in s.all)
    ]
    if not candidates:
        return None
    found: Sign | None = None
    for window in _windows(norm):
        for sign in candidates:
            if (found is None or sign.level == "strong") and sign.matches(window):
                if sign.level == "strong":
                    return sign
                found = sign
    return found


# Every softener speaks of killing, dying, "kms", ending it, jumping, being a burden or (round
# 10) someone else "topping" themselves.
_SOFTEN_GATE = ("kill", "die", "kms", "kys", "burden", "end it", "jump", "top")


def soften(norm: str) -> tuple[str, bool]:
    """Hyperbole blanked out (like everyday uses), and whether there was any."""
    if not any(word in norm for word in _SOFTEN_GATE):
        return norm, False
    out, n = table().soften.subn(" #", norm)
    return out, n > 0
