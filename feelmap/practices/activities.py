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
from typing import Annotated, Any

from pydantic import Field, RootModel, field_validator, model_validator

from feelmap.lib.content import (
    ContentModel,
    Slug,
    Text,
    Whole,
    collection_problems,
    fail,
    parse_content,
    problems_in,
)

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

MIN_STEPS, MAX_STEPS = 3, 6
MAX_MINUTES = 15
MIN_PER_CATEGORY = 3
SOURCE = "activities.json"


class Activity(ContentModel):
    id: Slug
    category: Text
    title: Text
    minutes: Annotated[Whole, Field(ge=1, le=MAX_MINUTES)]
    steps: Annotated[tuple[Text, ...], Field(min_length=MIN_STEPS, max_length=MAX_STEPS)]
    notice_prompt: Text
    accessibility: Text | None = None

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        if value not in CATEGORIES:
            raise ValueError(f"{value!r} is not one of {', '.join(CATEGORIES)}.")
        return value

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


class ActivityFile(RootModel[tuple[Activity, ...]]):
    """The whole activities.json: unique ids and a few activities in every category."""

    @model_validator(mode="after")
    def _check_collection(self) -> ActivityFile:
        fail(collection_problems(self.root, noun="activity", plural="activities",
                                 group="category", groups=CATEGORIES, minimum=MIN_PER_CATEGORY,
                                 in_group="in"))
        return self


def validate_activities(raw: Any) -> list[str]:
    """Problems with raw activity data, naming activity and field; [] if none."""
    return problems_in(ActivityFile, raw, source=SOURCE, nouns={"": "activity"})


def parse_activities(raw: Any) -> tuple[Activity, ...]:
    """Validated activities; ContentError (a ValueError) listing every problem otherwise."""
    return parse_content(ActivityFile, raw, source=SOURCE, nouns={"": "activity"}).root


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
