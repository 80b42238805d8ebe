"""Guided body scan scripts (content in data/bodyscan.json).

Two scripts: "short" (about 3 minutes) and "long" (about 10 minutes). Each is an ordered list of
steps: ``region`` (a body map region key, or None for the opening, closing and whole-body
steps), ``seconds`` and plain ``text`` that is shown on screen and can be read aloud by speech
synthesis. A region step is where the page can offer to log a sensation into the body map.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

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


@dataclass(frozen=True)
class Step:
    region: str | None
    seconds: int
    text: str


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


def validate_scans(raw: Any) -> list[str]:
    """Problems with raw scan data (a dict of scripts), as plain sentences; [] if none."""
    if not isinstance(raw, dict):
        return ["Body scan data must be an object keyed by script name."]
    problems: list[str] = []
    for key in TARGET_SECONDS:
        if key not in raw:
            problems.append(f"The {key!r} body scan is missing.")
    for key, script in raw.items():
        where = f"Body scan {key!r}"
        if not isinstance(script, dict):
            problems.append(f"{where} must be an object.")
            continue
        for field in ("title", "description"):
            if not isinstance(script.get(field), str) or not script[field].strip():
                problems.append(f"{where}: {field} must be non-empty text.")
        steps = script.get("steps")
        if not isinstance(steps, list) or len(steps) < 3:
            problems.append(f"{where}: steps must be a list of at least three steps.")
            continue
        total = 0
        for index, step in enumerate(steps):
            at = f"{where}, step {index + 1}"
            if not isinstance(step, dict):
                problems.append(f"{at} must be an object.")
                continue
            unknown = sorted(set(step) - {"region", "seconds", "text"})
            if unknown:
                problems.append(f"{at} has unknown fields: {', '.join(unknown)}.")
            region = step.get("region")
            if region is not None and region not in REGION_KEYS:
                problems.append(f"{at}: region {region!r} is not a body map region.")
            seconds = step.get("seconds")
            if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds <= 0:
                problems.append(f"{at}: seconds must be a positive whole number.")
            else:
                total += seconds
            text = step.get("text")
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{at}: text must be non-empty text.")
        if isinstance(steps[0], dict) and steps[0].get("region") is not None:
            problems.append(f"{where}: the first step must be an opening without a region.")
        if isinstance(steps[-1], dict) and steps[-1].get("region") is not None:
            problems.append(f"{where}: the last step must be a closing without a region.")
        target = TARGET_SECONDS.get(key)
        if target is not None and abs(total - target) > target * TOLERANCE:
            problems.append(f"{where}: steps last {total} s; about {target} s expected.")
    return problems


def parse_scans(raw: Any) -> dict[str, Scan]:
    """Validated Scan objects by key; ValueError listing every problem otherwise."""
    problems = validate_scans(raw)
    if problems:
        raise ValueError("Invalid body scan data:\n- " + "\n- ".join(problems))
    return {
        key: Scan(
            key=key,
            title=script["title"],
            description=script["description"],
            steps=tuple(
                Step(region=s.get("region"), seconds=s["seconds"], text=s["text"])
                for s in script["steps"]
            ),
        )
        for key, script in raw.items()
    }


@lru_cache(maxsize=1)
def _load() -> dict[str, Scan]:
    with DATA_FILE.open(encoding="utf-8") as f:
        return parse_scans(json.load(f))


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
    with DATA_FILE.open(encoding="utf-8") as f:
        return validate_scans(json.load(f))
