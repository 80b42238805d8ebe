"""Questionnaires as data: load `instruments/<key>.json`, check it, and expose typed objects.

Each JSON file holds one validated questionnaire with its exact published items and response
options, plus everything needed to score and explain it (subscales, bands, missing-answer policy,
reliable change parameters, codes). `validate()` returns specific messages for a malformed file;
`load_instrument()` refuses to load one.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

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


# --- validation -------------------------------------------------------------------------------

_REQUIRED_TEXT = (
    "key",
    "name",
    "short_name",
    "citation",
    "licence",
    "what_it_measures",
    "what_it_cannot_tell",
    "instructions",
    "timeframe",
)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _text(raw: Mapping[str, Any], key: str, where: str, errors: list[str]) -> None:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        errors.append(f"{where}: '{key}' must be a non-empty string.")


def _check_options(options: Any, where: str, errors: list[str]) -> list[int]:
    if not isinstance(options, list) or len(options) < 2:
        errors.append(f"{where}: 'options' must be a list of at least two options.")
        return []
    values: list[int] = []
    for index, option in enumerate(options):
        here = f"{where} option {index + 1}"
        if not isinstance(option, dict):
            errors.append(f"{here}: must be an object with 'value' and 'label'.")
            continue
        if not _is_int(option.get("value")):
            errors.append(f"{here}: 'value' must be a whole number.")
        else:
            values.append(option["value"])
        _text(option, "label", here, errors)
        if option.get("code") is not None and not isinstance(option["code"], str):
            errors.append(f"{here}: 'code' must be a string when given.")
    if len(set(values)) != len(values):
        errors.append(f"{where}: option values must be unique, got {sorted(values)}.")
    if values and sorted(values) != list(range(min(values), max(values) + 1)):
        errors.append(f"{where}: option values must be consecutive whole numbers.")
    return values


def _check_reliability(value: Any, where: str, errors: list[str]) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        errors.append(f"{where}: 'reliability' must be an object or null.")
        return
    _text(value, "kind", f"{where} reliability", errors)
    _text(value, "source", f"{where} reliability", errors)
    number = value.get("value")
    if not _is_number(number) or not 0 < number < 1:
        errors.append(f"{where}: reliability 'value' must be a number between 0 and 1.")


def _item_range(
    item_ranges: Mapping[int, tuple[int, int]], numbers: list[int], method: str
) -> tuple[float, float]:
    lows = [item_ranges[n][0] for n in numbers]
    highs = [item_ranges[n][1] for n in numbers]
    if method == "mean":
        return (min(lows), max(highs))
    return (float(sum(lows)), float(sum(highs)))


def validate(raw: Any) -> list[str]:
    """Return a list of specific problems with one instrument's raw JSON data (empty if fine)."""
    errors: list[str] = []
    if not isinstance(raw, dict):
        return ["The instrument must be a JSON object."]
    where = str(raw.get("short_name") or raw.get("key") or "instrument")
    if raw.get("schema_version") != 1:
        errors.append(f"{where}: 'schema_version' must be 1.")

    for key in _REQUIRED_TEXT:
        _text(raw, key, where, errors)
    if not isinstance(raw.get("higher_is_better"), bool):
        errors.append(f"{where}: 'higher_is_better' must be true or false.")

    default_values = _check_options(raw.get("options"), where, errors)

    # items
    item_ranges: dict[int, tuple[int, int]] = {}
    scored: set[int] = set()
    items = raw.get("items")
    if not isinstance(items, list) or not items:
        errors.append(f"{where}: 'items' must be a non-empty list.")
        items = []
    numbers: list[int] = []
    for index, item in enumerate(items):
        here = f"{where} item {index + 1}"
        if not isinstance(item, dict):
            errors.append(f"{here}: must be an object.")
            continue
        number = item.get("number")
        if not _is_int(number):
            errors.append(f"{here}: 'number' must be a whole number.")
            continue
        numbers.append(number)
        here = f"{where} question {number}"
        _text(item, "text", here, errors)
        for flag in ("reverse", "scored", "optional", "safety"):
            if flag in item and not isinstance(item[flag], bool):
                errors.append(f"{here}: '{flag}' must be true or false.")
        values = default_values
        if "options" in item:
            values = _check_options(item["options"], here, errors)
        if values:
            item_ranges[number] = (min(values), max(values))
        if item.get("scored", True) is True:
            scored.add(number)
        elif item.get("reverse") or item.get("safety"):
            errors.append(f"{here}: an unscored question cannot be reversed or a safety question.")
    if numbers and sorted(numbers) != list(range(1, len(numbers) + 1)):
        errors.append(
            f"{where}: question numbers must run 1..{len(numbers)} without gaps or repeats."
        )

    # subscales
    subscales = raw.get("subscales", [])
    if not isinstance(subscales, list):
        errors.append(f"{where}: 'subscales' must be a list.")
        subscales = []
    seen_keys: set[str] = set()
    for index, subscale in enumerate(subscales):
        here = f"{where} scale {index + 1}"
        if not isinstance(subscale, dict):
            errors.append(f"{here}: must be an object.")
            continue
        key = subscale.get("key")
        if isinstance(key, str) and key:
            here = f"{where} scale {key!r}"
            if key in seen_keys or key == "total":
                errors.append(f"{here}: scale keys must be unique and not 'total'.")
            seen_keys.add(key)
        else:
            errors.append(f"{here}: 'key' must be a non-empty string.")
        _text(subscale, "label", here, errors)
        _text(subscale, "description", here, errors)
        if subscale.get("method") not in SCORE_METHODS:
            errors.append(f"{here}: 'method' must be one of {', '.join(SCORE_METHODS)}.")
        if subscale.get("kind", "subscale") not in SUBSCALE_KINDS:
            errors.append(f"{here}: 'kind' must be one of {', '.join(SUBSCALE_KINDS)}.")
        members = subscale.get("items")
        if not isinstance(members, list) or not members or not all(_is_int(n) for n in members):
            errors.append(f"{here}: 'items' must be a non-empty list of question numbers.")
        else:
            if len(set(members)) != len(members):
                errors.append(f"{here}: lists a question twice.")
            unknown = [n for n in members if n not in scored]
            if unknown:
                errors.append(f"{here}: refers to questions that are not scored items: {unknown}.")
        _check_reliability(subscale.get("reliability"), here, errors)

    # total and bands
    total = raw.get("total")
    total_range: tuple[float, float] | None = None
    if total is not None:
        here = f"{where} total"
        if not isinstance(total, dict):
            errors.append(f"{here}: must be an object or null.")
        else:
            _text(total, "label", here, errors)
            method = total.get("method")
            if method not in SCORE_METHODS:
                errors.append(f"{here}: 'method' must be one of {', '.join(SCORE_METHODS)}.")
            multiplier = total.get("multiplier", 1)
            if not _is_number(multiplier) or multiplier <= 0:
                errors.append(f"{here}: 'multiplier' must be a positive number.")
                multiplier = 1
            declared = total.get("range")
            if (
                not isinstance(declared, list)
                or len(declared) != 2
                or not all(_is_number(v) for v in declared)
            ):
                errors.append(f"{here}: 'range' must be [lowest, highest].")
            else:
                total_range = (float(declared[0]), float(declared[1]))
                if method in SCORE_METHODS and scored and set(scored) <= set(item_ranges):
                    low, high = _item_range(item_ranges, sorted(scored), str(method))
                    expected = (low * multiplier, high * multiplier)
                    if expected != total_range:
                        errors.append(
                            f"{here}: 'range' is {list(total_range)} but the questions give "
                            f"{[expected[0], expected[1]]}."
                        )
            _check_reliability(total.get("reliability"), here, errors)

    bands = raw.get("bands", [])
    if not isinstance(bands, list):
        errors.append(f"{where}: 'bands' must be a list.")
        bands = []
    if bands and total_range is None:
        errors.append(f"{where}: bands need a total score with a range.")
    if bands:
        _text(raw, "bands_source", where, errors)
    previous_max: float | None = None
    for index, band in enumerate(bands):
        here = f"{where} band {index + 1}"
        if not isinstance(band, dict):
            errors.append(f"{here}: must be an object.")
            continue
        _text(band, "label", here, errors)
        _text(band, "explanation", here, errors)
        low, high = band.get("min"), band.get("max")
        if not _is_number(low) or not _is_number(high) or low > high:
            errors.append(f"{here}: 'min' and 'max' must be numbers with min <= max.")
            continue
        if previous_max is not None and low <= previous_max:
            errors.append(f"{here}: overlaps or is out of order with the band before it.")
        previous_max = high
        if total_range is not None and (low < total_range[0] or high > total_range[1]):
            errors.append(f"{here}: lies outside the total range {list(total_range)}.")
    if bands and total_range is not None and all(isinstance(b, dict) for b in bands):
        if bands[0].get("min") != total_range[0] or bands[-1].get("max") != total_range[1]:
            errors.append(f"{where}: bands must start at the lowest and end at the highest total.")

    # missing-answer policy
    missing = raw.get("missing")
    if not isinstance(missing, dict):
        errors.append(f"{where}: 'missing' must describe the missing-answer policy.")
    else:
        _text(missing, "explanation", f"{where} missing", errors)
        _text(missing, "source", f"{where} missing", errors)
        rule = missing.get("rule")
        if rule not in MISSING_RULES:
            errors.append(f"{where}: missing 'rule' must be one of {', '.join(MISSING_RULES)}.")
        if rule == "prorate" and (
            not _is_int(missing.get("max_missing")) or missing["max_missing"] < 1
        ):
            errors.append(f"{where}: the prorate rule needs 'max_missing' of at least 1.")
        if rule == "mean_of_answered":
            fraction = missing.get("min_answered_fraction")
            if not _is_number(fraction) or not 0 < fraction <= 1:
                errors.append(
                    f"{where}: the mean_of_answered rule needs 'min_answered_fraction' in (0, 1]."
                )

    # reliable change
    change = raw.get("reliable_change")
    if not isinstance(change, dict):
        errors.append(f"{where}: 'reliable_change' must be an object (it may be empty).")
    else:
        _text(change, "note", f"{where} reliable_change", errors)
        scales = change.get("scales", {})
        if not isinstance(scales, dict):
            errors.append(f"{where}: reliable_change 'scales' must be an object.")
            scales = {}
        for scale_key, params in scales.items():
            here = f"{where} reliable change for {scale_key!r}"
            if scale_key != "total" and scale_key not in seen_keys:
                errors.append(f"{here}: there is no such scale.")
            if scale_key == "total" and total is None:
                errors.append(f"{here}: the instrument has no total score.")
            if not isinstance(params, dict):
                errors.append(f"{here}: must be an object.")
                continue
            if not _is_number(params.get("sd")) or params["sd"] <= 0:
                errors.append(f"{here}: 'sd' must be a positive number.")
            if not _is_number(params.get("reliability")) or not 0 < params["reliability"] < 1:
                errors.append(f"{here}: 'reliability' must be between 0 and 1.")
            _text(params, "sd_source", here, errors)
            _text(params, "reliability_source", here, errors)

    meaningful = raw.get("meaningful_change")
    if meaningful is not None:
        if (
            not isinstance(meaningful, dict)
            or not _is_number(meaningful.get("points"))
            or meaningful["points"] <= 0
        ):
            errors.append(f"{where}: 'meaningful_change' needs a positive number of 'points'.")
        else:
            _text(meaningful, "source", f"{where} meaningful_change", errors)

    codes = raw.get("codes", {})
    if not isinstance(codes, dict) or not all(isinstance(v, str) for v in codes.values()):
        errors.append(f"{where}: 'codes' must map names to code strings.")
    return errors


# --- building typed objects -------------------------------------------------------------------


def _options(raw: list[dict[str, Any]]) -> tuple[Option, ...]:
    return tuple(Option(value=o["value"], label=o["label"], code=o.get("code")) for o in raw)


def _reliability(raw: dict[str, Any] | None) -> Reliability | None:
    if raw is None:
        return None
    return Reliability(kind=raw["kind"], value=float(raw["value"]), source=raw["source"])


def build(raw: dict[str, Any]) -> Instrument:
    """Turn validated raw data into an `Instrument`; raise ValueError listing every problem."""
    errors = validate(raw)
    if errors:
        raise ValueError("Invalid instrument:\n- " + "\n- ".join(errors))
    options = _options(raw["options"])
    items = tuple(
        Item(
            number=item["number"],
            text=item["text"],
            options=_options(item["options"]) if "options" in item else options,
            reverse=item.get("reverse", False),
            scored=item.get("scored", True),
            optional=item.get("optional", False),
            safety=item.get("safety", False),
            code=item.get("code"),
        )
        for item in sorted(raw["items"], key=lambda i: i["number"])
    )
    ranges = {item.number: (item.min_value, item.max_value) for item in items}
    subscales = tuple(
        Subscale(
            key=s["key"],
            label=s["label"],
            items=tuple(s["items"]),
            method=s["method"],
            description=s["description"],
            range=_item_range(ranges, s["items"], s["method"]),
            kind=s.get("kind", "subscale"),
            reliability=_reliability(s.get("reliability")),
        )
        for s in raw.get("subscales", [])
    )
    total = None
    if raw.get("total") is not None:
        t = raw["total"]
        scored_numbers = [item.number for item in items if item.scored]
        total = Total(
            method=t["method"],
            range=(float(t["range"][0]), float(t["range"][1])),
            raw_range=_item_range(ranges, scored_numbers, t["method"]),
            multiplier=float(t.get("multiplier", 1)),
            label=t["label"],
            code=t.get("code"),
            reliability=_reliability(t.get("reliability")),
        )
    m = raw["missing"]
    missing = MissingPolicy(
        rule=m["rule"],
        explanation=m["explanation"],
        source=m["source"],
        max_missing=m.get("max_missing", 0),
        min_answered_fraction=float(m.get("min_answered_fraction", 1.0)),
    )
    change = raw["reliable_change"]
    meaningful = raw.get("meaningful_change")
    return Instrument(
        key=raw["key"],
        name=raw["name"],
        short_name=raw["short_name"],
        citation=raw["citation"],
        licence=raw["licence"],
        what_it_measures=raw["what_it_measures"],
        what_it_cannot_tell=raw["what_it_cannot_tell"],
        instructions=raw["instructions"],
        timeframe=raw["timeframe"],
        higher_is_better=raw["higher_is_better"],
        options=options,
        items=items,
        subscales=subscales,
        total=total,
        bands=tuple(
            Band(min=b["min"], max=b["max"], label=b["label"], explanation=b["explanation"])
            for b in raw.get("bands", [])
        ),
        bands_source=raw.get("bands_source", ""),
        missing=missing,
        reliable_change={
            key: ChangeParameters(
                sd=float(p["sd"]),
                reliability=float(p["reliability"]),
                sd_source=p["sd_source"],
                reliability_source=p["reliability_source"],
                note=p.get("note", ""),
            )
            for key, p in change.get("scales", {}).items()
        },
        reliable_change_note=change["note"],
        meaningful_change=(
            MeaningfulChange(points=float(meaningful["points"]), source=meaningful["source"])
            if meaningful
            else None
        ),
        codes=dict(raw.get("codes", {})),
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
