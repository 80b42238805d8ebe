"""Questionnaires as data: load `instruments/<key>.json`, check it, and expose typed objects.

Each JSON file holds one validated questionnaire with its exact published items and response
options, plus everything needed to score and explain it (subscales, bands, missing-answer policy,
reliable change parameters, codes). The file is checked by the pydantic models in
`instrument_file.py`:
`validate()` returns specific messages for a malformed file; `load_instrument()` refuses to load
one.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from feelmap.lib.content import parse_content, problems_in

from .instrument_file import InstrumentFile, OptionRecord, ReliabilityRecord, item_range

KEYS: tuple[str, ...] = ("paq", "maia2", "phq9", "gad7", "who5")

SCORE_METHODS = ("sum", "mean")
MISSING_RULES = ("complete", "prorate", "mean_of_answered")
SUBSCALE_KINDS = ("subscale", "composite")


@dataclass(frozen=True)
class Option:
    value: int
    label: str
    code: str | None = None


@dataclass(frozen=True)
class Item:
    number: int
    text: str
    options: tuple[Option, ...]
    reverse: bool = False
    scored: bool = True
    optional: bool = False
    safety: bool = False
    code: str | None = None

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(option.value for option in self.options)

    @property
    def min_value(self) -> int:
        return min(self.values)

    @property
    def max_value(self) -> int:
        return max(self.values)


@dataclass(frozen=True)
class Reliability:
    kind: str
    value: float
    source: str


@dataclass(frozen=True)
class Subscale:
    key: str
    label: str
    items: tuple[int, ...]
    method: str
    description: str
    range: tuple[float, float]
    kind: str = "subscale"
    reliability: Reliability | None = None


@dataclass(frozen=True)
class Total:
    method: str
    range: tuple[float, float]
    raw_range: tuple[float, float]
    multiplier: float
    label: str
    code: str | None = None
    reliability: Reliability | None = None


@dataclass(frozen=True)
class Band:
    min: float
    max: float
    label: str
    explanation: str


@dataclass(frozen=True)
class MissingPolicy:
    rule: str
    explanation: str
    source: str
    max_missing: int = 0
    min_answered_fraction: float = 1.0


@dataclass(frozen=True)
class ChangeParameters:
    """Inputs for the Jacobson–Truax reliable change index of one score."""

    sd: float
    reliability: float
    sd_source: str
    reliability_source: str
    note: str = ""


@dataclass(frozen=True)
class MeaningfulChange:
    points: float
    source: str


@dataclass(frozen=True, eq=False)
class Instrument:
    key: str
    name: str
    short_name: str
    citation: str
    licence: str
    what_it_measures: str
    what_it_cannot_tell: str
    instructions: str
    timeframe: str
    higher_is_better: bool
    options: tuple[Option, ...]
    items: tuple[Item, ...]
    subscales: tuple[Subscale, ...]
    total: Total | None
    bands: tuple[Band, ...]
    bands_source: str
    missing: MissingPolicy
    reliable_change: Mapping[str, ChangeParameters]
    reliable_change_note: str
    meaningful_change: MeaningfulChange | None
    codes: Mapping[str, str]

    def item(self, number: int) -> Item:
        for item in self.items:
            if item.number == number:
                return item
        raise KeyError(f"{self.short_name} has no question {number}.")

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.scored)

    @property
    def safety_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.safety)

    def subscale(self, key: str) -> Subscale:
        for subscale in self.subscales:
            if subscale.key == key:
                return subscale
        raise KeyError(f"{self.short_name} has no scale {key!r}.")


NOUNS = {"items": "question", "subscales": "scale", "bands": "band", "options": "option"}


def _source(raw: Any) -> str:
    key = raw.get("key") if isinstance(raw, dict) else None
    return f"{key}.json" if isinstance(key, str) and key else "instrument"


def validate(raw: Any) -> list[str]:
    """Every problem with one instrument's raw JSON data, naming part and field ([] if fine)."""
    return problems_in(InstrumentFile, raw, source=_source(raw), nouns=NOUNS)


# --- building typed objects -------------------------------------------------------------------


def _options(raw: tuple[OptionRecord, ...]) -> tuple[Option, ...]:
    return tuple(Option(value=o.value, label=o.label, code=o.code) for o in raw)


def _reliability(raw: ReliabilityRecord | None) -> Reliability | None:
    if raw is None:
        return None
    return Reliability(kind=raw.kind, value=float(raw.value), source=raw.source)


def build(raw: dict[str, Any]) -> Instrument:
    """Turn raw data into an `Instrument`; ContentError (a ValueError) listing every problem."""
    data = parse_content(InstrumentFile, raw, source=_source(raw), nouns=NOUNS)
    options = _options(data.options)
    items = tuple(
        Item(
            number=item.number,
            text=item.text,
            options=_options(item.options) if item.options else options,
            reverse=item.reverse,
            scored=item.scored,
            optional=item.optional,
            safety=item.safety,
            code=item.code,
        )
        for item in sorted(data.items, key=lambda i: i.number)
    )
    ranges = {item.number: (item.min_value, item.max_value) for item in items}
    subscales = tuple(
        Subscale(
            key=s.key,
            label=s.label,
            items=s.items,
            method=s.method,
            description=s.description,
            range=item_range(ranges, list(s.items), s.method),
            kind=s.kind,
            reliability=_reliability(s.reliability),
        )
        for s in data.subscales
    )
    total = None
    if data.total is not None:
        t = data.total
        scored_numbers = [item.number for item in items if item.scored]
        total = Total(
            method=t.method,
            range=(float(t.range[0]), float(t.range[1])),
            raw_range=item_range(ranges, scored_numbers, t.method),
            multiplier=float(t.multiplier),
            label=t.label,
            code=t.code,
            reliability=_reliability(t.reliability),
        )
    m = data.missing
    missing = MissingPolicy(
        rule=m.rule,
        explanation=m.explanation,
        source=m.source,
        max_missing=m.max_missing,
        min_answered_fraction=float(m.min_answered_fraction),
    )
    meaningful = data.meaningful_change
    return Instrument(
        key=data.key,
        name=data.name,
        short_name=data.short_name,
        citation=data.citation,
        licence=data.licence,
        what_it_measures=data.what_it_measures,
        what_it_cannot_tell=data.what_it_cannot_tell,
        instructions=data.instructions,
        timeframe=data.timeframe,
        higher_is_better=data.higher_is_better,
        options=options,
        items=items,
        subscales=subscales,
        total=total,
        bands=tuple(
            Band(min=b.min, max=b.max, label=b.label, explanation=b.explanation)
            for b in data.bands
        ),
        bands_source=data.bands_source,
        missing=missing,
        reliable_change={
            key: ChangeParameters(
                sd=float(p.sd),
                reliability=float(p.reliability),
                sd_source=p.sd_source,
                reliability_source=p.reliability_source,
                note=p.note,
            )
            for key, p in data.reliable_change.scales.items()
        },
        reliable_change_note=data.reliable_change.note,
        meaningful_change=(
            MeaningfulChange(points=float(meaningful.points), source=meaningful.source)
            if meaningful
            else None
        ),
        codes=dict(data.codes),
    )


def read_raw(key: str) -> dict[str, Any]:
    """The raw JSON of one shipped instrument."""
    if key not in KEYS:
        raise KeyError(f"Unknown questionnaire {key!r}; known: {', '.join(KEYS)}.")
    resource = resources.files("feelmap.assessments") / "instruments" / f"{key}.json"
    data: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return data


@cache
def load_instrument(key: str) -> Instrument:
    """Load, check and cache one questionnaire by key (paq, maia2, phq9, gad7, who5)."""
    raw = read_raw(key)
    if raw.get("key") != key:
        raise ValueError(f"{key}.json declares key {raw.get('key')!r}; it must be {key!r}.")
    return build(raw)


def all_instruments() -> tuple[Instrument, ...]:
    """Every shipped questionnaire, in a stable order."""
    return tuple(load_instrument(key) for key in KEYS)
