"""Senses re-awakening: short activities through music, movement, nature, art, touch and taste.

Content lives in data/activities.json. Each activity: stable slug ``id``, ``category``, ``title``,
``minutes``, 3–6 short ``steps``, a ``notice_prompt`` ("what did you notice?") and an optional
``accessibility`` note (a seated alternative, a version without hearing, and so on).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, RootModel, field_validator, model_validator

from feelmap.lib.content import (
    ContentModel,
    RecordFile,
    Slug,
    Text,
    Whole,
    collection_problems,
    fail,
    one_of,
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
        return one_of(value, CATEGORIES)

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


ACTIVITIES = RecordFile(ActivityFile, DATA_FILE, noun="activity", group="category",
                        groups=CATEGORIES)
validate_activities = ACTIVITIES.problems  # problems with raw activity data; [] if none
parse_activities = ACTIVITIES.parse  # validated activities; ContentError listing every problem
validate = ACTIVITIES.validate  # problems with the shipped activity file; [] if it is sound
load_activities = ACTIVITIES.load  # every activity, in file order (read and validated once)
by_id = ACTIVITIES.get  # the activity with this id, or None
by_category = ACTIVITIES.in_group  # activities in one category; ValueError for an unknown one
