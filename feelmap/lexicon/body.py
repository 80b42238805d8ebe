"""The body catalogue: body-map regions (front and back) and sensation qualities.

Pure Python, no Django: the data ships as ``data/body.json`` and is validated on load by pydantic models, so a
broken file fails loudly at start-up instead of quietly in a check-in.
"""

from __future__ import annotations

import json
from functools import cache, cached_property
from importlib import resources
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from feelmap.lib.content import (
    ContentModel,
    Slug,
    Text,
    Whole,
    duplicates,
    fail,
    parse_content,
    problems_in,
)

SIDES: tuple[str, ...] = ("front", "back")

# The qualities the check-in promises (DESIGN.md, capability A); extras are welcome.
REQUIRED_QUALITIES: tuple[str, ...] = (
    "tension",
    "tightness",
    "heat",
    "warmth",
    "cold",
    "fluttering",
    "heaviness",
    "lightness",
    "pressure",
    "tingling",
    "numbness",
    "emptiness",
    "ache",
    "restlessness",
    "trembling",
    "lump",
)


class Region(ContentModel):
    key: Slug
    label: Text
    side: Literal["front", "back"]
    order: Annotated[Whole, Field(ge=1)]


class Quality(ContentModel):
    key: Slug
    label: Text
    description: Text


class BodyCatalogue(ContentModel):
    """The whole file: regions (shown in their ``order``) and sensation qualities."""

    version: Whole = 1
    regions: Annotated[tuple[Region, ...], Field(min_length=1)]
    qualities: Annotated[tuple[Quality, ...], Field(min_length=1)]

    @field_validator("regions")
    @classmethod
    def _in_display_order(cls, regions: tuple[Region, ...]) -> tuple[Region, ...]:
        return tuple(sorted(regions, key=lambda r: r.order))

    @model_validator(mode="after")
    def _check_catalogue(self) -> BodyCatalogue:
        problems = [f"region key {k!r} is used twice." for k in duplicates(r.key for r in self.regions)]
        problems += [f"region order {o} is used twice." for o in duplicates(r.order for r in self.regions)]
        problems += [f"no regions on the {side} of the body." for side in SIDES
                     if not any(r.side == side for r in self.regions)]
        problems += [f"quality key {k!r} is used twice." for k in duplicates(q.key for q in self.qualities)]
        keys = {q.key for q in self.qualities}
        problems += [f"required quality {q!r} is missing." for q in REQUIRED_QUALITIES if q not in keys]
        fail(problems)
        return self

    @cached_property
    def _regions_by_key(self) -> dict[str, Region]:
        return {r.key: r for r in self.regions}

    @cached_property
    def _qualities_by_key(self) -> dict[str, Quality]:
        return {q.key: q for q in self.qualities}

    def region(self, key: str) -> Region:
        """The region with this key; KeyError if there is none."""
        return self._regions_by_key[key]

    def quality(self, key: str) -> Quality:
        """The quality with this key; KeyError if there is none."""
        return self._qualities_by_key[key]

    def has_region(self, key: str) -> bool:
        return key in self._regions_by_key

    def has_quality(self, key: str) -> bool:
        return key in self._qualities_by_key

    def regions_on(self, side: str) -> tuple[Region, ...]:
        """Regions of one side ("front" or "back") in their stable display order."""
        return tuple(r for r in self.regions if r.side == side)

    @property
    def region_keys(self) -> frozenset[str]:
        return frozenset(self._regions_by_key)

    @property
    def quality_keys(self) -> frozenset[str]:
        return frozenset(self._qualities_by_key)


SOURCE = "body.json"


def parse_body(raw: Any) -> BodyCatalogue:
    """Build a catalogue from raw data; ContentError (a ValueError) listing every problem."""
    return parse_content(BodyCatalogue, raw, source=SOURCE, nouns={"qualities": "quality"})


def validate_body(raw: Any) -> list[str]:
    """Every problem found in a raw body catalogue (an empty list means it is fine)."""
    return problems_in(BodyCatalogue, raw, source=SOURCE, nouns={"qualities": "quality"})


def read_body_json() -> dict[str, Any]:
    """A fresh parse of the packaged body.json (safe to modify)."""
    text = resources.files("feelmap.lexicon").joinpath("data/body.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def load_body_catalogue() -> BodyCatalogue:
    """The packaged body catalogue, validated once and cached for the process."""
    return parse_body(read_body_json())
