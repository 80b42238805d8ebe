"""Guided body scan scripts (content in data/bodyscan.json).

Two scripts: "short" (about 3 minutes) and "long" (about 10 minutes). Each is an ordered list of
steps: ``region`` (a body map region key, or None for the opening, closing and whole-body
steps), ``seconds`` and plain ``text`` that is shown on screen and can be read aloud by speech
synthesis. A region step is where the page can offer to log a sensation into the body map.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, RootModel, field_validator, model_validator

from feelmap.lib.content import (
    ContentModel,
    Slug,
    Text,
    Whole,
    fail,
    parse_content,
    problems_in,
    read_json,
)

# Region keys of the body map catalogue (checkins). If that catalogue renames a region,
# change it here and in data/bodyscan.json; validate_scans() reports any mismatch.
REGION_KEYS: tuple[str, ...] = (
    "head",
    "face",
    "jaw",
    "throat",
    "neck",
    "shoulders",
    "chest",
    "upper-back",
    "stomach",
    "lower-back",
    "arms",
    "hands",
    "belly",
    "legs",
    "back-of-legs",
    "feet",
)

DATA_FILE = Path(__file__).with_name("data") / "bodyscan.json"

# Target length of each script in seconds, and how far the steps may sum away from it.
TARGET_SECONDS: dict[str, int] = {"short": 180, "long": 600}
TOLERANCE = 0.05

BASED_ON = (
    "The body scan from mindfulness-based programmes (Kabat-Zinn's MBSR): moving attention "
    "through the body region by region, noticing sensations without trying to change them."
)


SOURCE = "bodyscan.json"


class Step(ContentModel):
    region: Text | None = None
    seconds: Annotated[Whole, Field(gt=0)]
    text: Text

    @field_validator("region")
    @classmethod
    def _body_map_region(cls, value: str | None) -> str | None:
        if value is not None and value not in REGION_KEYS:
            raise ValueError(f"{value!r} is not a body map region.")
        return value


class ScanScript(ContentModel):
    """One script as written in the file (its key is the file's key for it)."""

    title: Text
    description: Text
    steps: Annotated[tuple[Step, ...], Field(min_length=3)]

    @model_validator(mode="after")
    def _opens_and_closes(self) -> ScanScript:
        problems = []
        if self.steps[0].region is not None:
            problems.append("the first step must be an opening without a region.")
        if self.steps[-1].region is not None:
            problems.append("the last step must be a closing without a region.")
        fail(problems)
        return self


class ScanFile(RootModel[dict[Slug, ScanScript]]):
    """The whole bodyscan.json: every expected script, each about its target length."""

    @model_validator(mode="after")
    def _check_scripts(self) -> ScanFile:
        problems = [f"the {key!r} body scan is missing." for key in TARGET_SECONDS
                    if key not in self.root]
        for key, script in self.root.items():
            total = sum(step.seconds for step in script.steps)
            target = TARGET_SECONDS.get(key)
            if target is not None and abs(total - target) > target * TOLERANCE:
                problems.append(f"body scan {key!r}: steps last {total} s; about {target} s expected.")
        fail(problems)
        return self


@dataclass(frozen=True)
class Scan:
    key: str
    title: str
    description: str
    steps: tuple[Step, ...]

    @property
    def total_seconds(self) -> int:
        return sum(step.seconds for step in self.steps)

    @property
    def regions(self) -> list[str]:
        """Region keys in the order the scan visits them."""
        return [s.region for s in self.steps if s.region is not None]

    def timeline(self) -> list[tuple[int, Step]]:
        """(start second, step) for every step."""
        out: list[tuple[int, Step]] = []
        t = 0
        for step in self.steps:
            out.append((t, step))
            t += step.seconds
        return out

    def as_dict(self) -> dict[str, Any]:
        """Plain data for ``json_script`` (the page's scan player)."""
        return {
            "key": self.key,
            "title": self.title,
            "description": self.description,
            "total_seconds": self.total_seconds,
            "steps": [
                {"region": s.region, "start": start, "seconds": s.seconds, "text": s.text}
                for start, s in self.timeline()
            ],
        }


NOUNS = {"": "body scan", "steps": "step"}


def validate_scans(raw: Any) -> list[str]:
    """Problems with raw scan data (scripts by key), naming script, step and field; [] if none."""
    return problems_in(ScanFile, raw, source=SOURCE, nouns=NOUNS)


def parse_scans(raw: Any) -> dict[str, Scan]:
    """Validated Scan objects by key; ContentError (a ValueError) listing every problem."""
    scripts = parse_content(ScanFile, raw, source=SOURCE, nouns=NOUNS).root
    return {
        key: Scan(key=key, title=script.title, description=script.description, steps=script.steps)
        for key, script in scripts.items()
    }


@lru_cache(maxsize=1)
def _load() -> dict[str, Scan]:
    return parse_scans(read_json(DATA_FILE))


def load_scans() -> dict[str, Scan]:
    """Every body scan script by key ("short", "long"), read and validated once."""
    return dict(_load())


def scan(key: str) -> Scan:
    """One script by key; ValueError naming the valid keys otherwise."""
    scans = _load()
    try:
        return scans[key]
    except (KeyError, TypeError):
        raise ValueError(f"Unknown body scan {key!r}; choose one of: {', '.join(scans)}.") from None


def validate() -> list[str]:
    """Problems with the shipped body scan file; [] if it is sound."""
    return validate_scans(read_json(DATA_FILE))
