"""The body catalogue: body-map regions (front and back) and sensation qualities.

Pure Python, no Django: the data ships as ``data/body.json`` and is validated on load, so a
broken file fails loudly at start-up instead of quietly in a check-in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

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


@dataclass(frozen=True)
class Region:
    key: str
    label: str
    side: str
    order: int


@dataclass(frozen=True)
class Quality:
    key: str
    label: str
    description: str


@dataclass(frozen=True)
class BodyCatalogue:
    regions: tuple[Region, ...]
    qualities: tuple[Quality, ...]

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


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _check_key(value: object) -> bool:
    # Keys end up in URLs, CSS classes and exports: keep them lower-case and space-free.
    return _is_text(value) and value == str(value).strip().lower() and " " not in str(value)


def validate_body(raw: Any) -> list[str]:
    """Return every problem found in a raw body catalogue (an empty list means it is fine)."""
    if not isinstance(raw, dict):
        return ["body catalogue must be a JSON object with 'regions' and 'qualities'"]
    problems: list[str] = []

    regions = raw.get("regions")
    if not isinstance(regions, list) or not regions:
        problems.append("'regions' must be a non-empty list")
        regions = []
    seen: set[str] = set()
    orders: set[int] = set()
    for i, region in enumerate(regions):
        if not isinstance(region, dict):
            problems.append(f"region #{i + 1}: must be an object")
            continue
        name = (
            f"region {region.get('key')!r}" if _is_text(region.get("key")) else f"region #{i + 1}"
        )
        for field in ("key", "label", "side", "order"):
            if field not in region:
                problems.append(f"{name}: missing field '{field}'")
        key = region.get("key")
        if "key" in region and not _check_key(key):
            problems.append(f"{name}: key must be lower-case text without spaces")
        elif isinstance(key, str):
            if key in seen:
                problems.append(f"duplicate region key {key!r}")
            seen.add(key)
        if "label" in region and not _is_text(region.get("label")):
            problems.append(f"{name}: field 'label' is empty")
        if "side" in region and region.get("side") not in SIDES:
            problems.append(f"{name}: side {region.get('side')!r} must be 'front' or 'back'")
        order = region.get("order")
        if "order" in region:
            if not isinstance(order, int) or isinstance(order, bool) or order < 1:
                problems.append(f"{name}: order must be a positive whole number")
            elif order in orders:
                problems.append(f"{name}: order {order} is used twice")
            else:
                orders.add(order)
    for side in SIDES:
        if regions and not any(isinstance(r, dict) and r.get("side") == side for r in regions):
            problems.append(f"no regions on the {side} of the body")

    qualities = raw.get("qualities")
    if not isinstance(qualities, list) or not qualities:
        problems.append("'qualities' must be a non-empty list")
        qualities = []
    seen_q: set[str] = set()
    for i, quality in enumerate(qualities):
        if not isinstance(quality, dict):
            problems.append(f"quality #{i + 1}: must be an object")
            continue
        qkey = quality.get("key")
        name = f"quality {qkey!r}" if _is_text(qkey) else f"quality #{i + 1}"
        for field in ("key", "label", "description"):
            if field not in quality:
                problems.append(f"{name}: missing field '{field}'")
            elif not _is_text(quality.get(field)):
                problems.append(f"{name}: field '{field}' is empty")
        if isinstance(qkey, str) and "key" in quality:
            if not _check_key(qkey):
                problems.append(f"{name}: key must be lower-case text without spaces")
            elif qkey in seen_q:
                problems.append(f"duplicate quality key {qkey!r}")
            seen_q.add(qkey)
    for required in REQUIRED_QUALITIES:
        if qualities and required not in seen_q:
            problems.append(f"required quality {required!r} is missing")
    return problems


def parse_body(raw: Any) -> BodyCatalogue:
    """Build a catalogue from raw data; ValueError listing every problem if it is invalid."""
    problems = validate_body(raw)
    if problems:
        raise ValueError("Invalid body catalogue:\n- " + "\n- ".join(problems))
    regions = sorted(
        (Region(r["key"], r["label"], r["side"], r["order"]) for r in raw["regions"]),
        key=lambda r: r.order,
    )
    qualities = (Quality(q["key"], q["label"], q["description"]) for q in raw["qualities"])
    return BodyCatalogue(regions=tuple(regions), qualities=tuple(qualities))


def read_body_json() -> dict[str, Any]:
    """A fresh parse of the packaged body.json (safe to modify)."""
    text = resources.files("feelmap.lexicon").joinpath("data/body.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def load_body_catalogue() -> BodyCatalogue:
    """The packaged body catalogue, validated once and cached for the process."""
    return parse_body(read_body_json())
