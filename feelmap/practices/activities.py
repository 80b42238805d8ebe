"""Senses re-awakening: short activities through music, movement, nature, art, touch and taste.

Content lives in data/activities.json. Each activity: stable slug ``id``, ``category``, ``title``,
``minutes``, 3–6 short ``steps``, a ``notice_prompt`` ("what did you notice?") and an optional
``accessibility`` note (a seated alternative, a version without hearing, and so on).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from feelmap.lib.records import check_record

DATA_FILE = Path(__file__).with_name("data") / "activities.json"


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    description: str


CATEGORIES: dict[str, Category] = {
    c.key: c
    for c in (
        Category("music", "Music", "Listening, humming and rhythm."),
        Category("movement", "Movement", "Small movements that wake the muscles up."),
        Category("nature", "Nature", "Sky, air, plants and outdoor sounds."),
        Category("art", "Art", "Looking closely and making marks, with no skill needed."),
        Category("touch", "Touch", "Textures, warmth, weight and pressure."),
        Category("taste", "Taste and smell", "Eating or drinking slowly, noticing smell."),
    )
}

BASED_ON = (
    "Gentle sensory attention exercises, in the spirit of savouring and mindfulness practice "
    "(such as the slow-eating 'raisin exercise'). They are small experiments in noticing, not a "
    "treatment; noticing nothing at all is a fine result too."
)

REQUIRED_FIELDS = ("id", "category", "title", "minutes", "steps", "notice_prompt")
OPTIONAL_FIELDS = ("accessibility",)
MIN_STEPS, MAX_STEPS = 3, 6
MAX_MINUTES = 15
MIN_PER_CATEGORY = 3


@dataclass(frozen=True)
class Activity:
    id: str
    category: str
    title: str
    minutes: int
    steps: tuple[str, ...]
    notice_prompt: str
    accessibility: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category,
            "category_label": CATEGORIES[self.category].label,
            "title": self.title,
            "minutes": self.minutes,
            "steps": list(self.steps),
            "notice_prompt": self.notice_prompt,
            "accessibility": self.accessibility,
        }


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def validate_activities(raw: Any) -> list[str]:
    """Problems with raw activity data (a list of dicts), as plain sentences; [] if none."""
    if not isinstance(raw, list):
        return ["Activity data must be a list of activities."]
    problems: list[str] = []
    seen: set[str] = set()
    counts = dict.fromkeys(CATEGORIES, 0)
    for index, item in enumerate(raw):
        where = check_record(
            item, index, noun="Activity", required=REQUIRED_FIELDS, optional=OPTIONAL_FIELDS,
            seen_ids=seen, example_id="music-one-song", problems=problems,
        )
        if where is None:
            continue
        category = item.get("category")
        if "category" in item:
            if category not in CATEGORIES:
                problems.append(
                    f"{where}: category {category!r} is not one of {', '.join(CATEGORIES)}."
                )
            else:
                counts[category] += 1
        for field in ("title", "notice_prompt"):
            if field in item and not _text(item[field]):
                problems.append(f"{where}: {field} must be non-empty text.")
        if "accessibility" in item and not _text(item["accessibility"]):
            problems.append(f"{where}: accessibility must be non-empty text when present.")
        minutes = item.get("minutes")
        if "minutes" in item and (
            isinstance(minutes, bool)
            or not isinstance(minutes, int)
            or not 1 <= minutes <= MAX_MINUTES
        ):
            problems.append(f"{where}: minutes must be a whole number from 1 to {MAX_MINUTES}.")
        steps = item.get("steps")
        if "steps" in item:
            if not isinstance(steps, list) or not all(_text(s) for s in steps):
                problems.append(f"{where}: steps must be a list of non-empty texts.")
            elif not MIN_STEPS <= len(steps) <= MAX_STEPS:
                problems.append(
                    f"{where}: has {len(steps)} steps; {MIN_STEPS} to {MAX_STEPS} expected."
                )
    for category, count in counts.items():
        if raw and count < MIN_PER_CATEGORY:
            problems.append(
                f"Only {count} activities in {category!r}; at least {MIN_PER_CATEGORY} expected."
            )
    return problems


def parse_activities(raw: Any) -> tuple[Activity, ...]:
    """Validated Activity objects; ValueError listing every problem otherwise."""
    problems = validate_activities(raw)
    if problems:
        raise ValueError("Invalid activity data:\n- " + "\n- ".join(problems))
    return tuple(
        Activity(
            id=item["id"],
            category=item["category"],
            title=item["title"],
            minutes=item["minutes"],
            steps=tuple(item["steps"]),
            notice_prompt=item["notice_prompt"],
            accessibility=item.get("accessibility"),
        )
        for item in raw
    )


@lru_cache(maxsize=1)
def load_activities() -> tuple[Activity, ...]:
    """Every activity, in file order (read and validated once)."""
    with DATA_FILE.open(encoding="utf-8") as f:
        return parse_activities(json.load(f))


@lru_cache(maxsize=1)
def _by_id() -> dict[str, Activity]:
    return {a.id: a for a in load_activities()}


def by_id(activity_id: str) -> Activity | None:
    """The activity with this id, or None."""
    return _by_id().get(activity_id)


def by_category(category: str) -> list[Activity]:
    """Activities in one category, in file order; ValueError for an unknown category."""
    if category not in CATEGORIES:
        raise ValueError(
            f"Unknown activity category {category!r}; choose one of: {', '.join(CATEGORIES)}."
        )
    return [a for a in load_activities() if a.category == category]


def validate() -> list[str]:
    """Problems with the shipped activity file; [] if it is sound."""
    with DATA_FILE.open(encoding="utf-8") as f:
        return validate_activities(json.load(f))
