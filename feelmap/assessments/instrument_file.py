"""The pydantic models of a questionnaire file (`instruments/<key>.json`).

Field checks live on each part; checks that span parts (question numbers, scales that name
scored questions, a total range that matches the questions, bands that cover it, reliable
change for scales that exist) are model validators that report every problem they find.
`feelmap.assessments.instruments` turns a validated file into the typed `Instrument`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import Field, StrictStr, model_validator

from feelmap.lib.content import (
    ContentModel,
    Flag,
    Number,
    Slug,
    Text,
    Whole,
    duplicates,
    fail,
)

Fraction = Annotated[Number, Field(gt=0, lt=1)]
Positive = Annotated[Number, Field(gt=0)]


class OptionRecord(ContentModel):
    value: Whole
    label: Text
    code: StrictStr | None = None


def _option_problems(options: tuple[OptionRecord, ...]) -> list[str]:
    values = [o.value for o in options]
    if len(set(values)) != len(values):
        return [f"option values must be unique, got {sorted(values)}."]
    if sorted(values) != list(range(min(values), max(values) + 1)):
        return ["option values must be consecutive whole numbers."]
    return []


Options = Annotated[tuple[OptionRecord, ...], Field(min_length=2)]


class ItemRecord(ContentModel):
    number: Whole
    text: Text
    options: Options | None = None
    reverse: Flag = False
    scored: Flag = True
    optional: Flag = False
    safety: Flag = False
    code: StrictStr | None = None

    @model_validator(mode="after")
    def _check_item(self) -> ItemRecord:
        problems = _option_problems(self.options) if self.options else []
        if not self.scored and (self.reverse or self.safety):
            problems.append("an unscored question cannot be reversed or a safety question.")
        fail(problems)
        return self


class ReliabilityRecord(ContentModel):
    kind: Text
    value: Fraction
    source: Text


class SubscaleRecord(ContentModel):
    key: Text
    label: Text
    items: Annotated[tuple[Whole, ...], Field(min_length=1)]
    method: Literal["sum", "mean"]
    description: Text
    kind: Literal["subscale", "composite"] = "subscale"
    reliability: ReliabilityRecord | None = None

    @model_validator(mode="after")
    def _check_scale(self) -> SubscaleRecord:
        problems = []
        if self.key == "total":
            problems.append("a scale cannot be called 'total'.")
        if duplicates(self.items):
            problems.append("lists a question twice.")
        fail(problems)
        return self


class TotalRecord(ContentModel):
    label: Text
    method: Literal["sum", "mean"]
    range: tuple[Number, Number]
    multiplier: Positive = 1
    code: StrictStr | None = None
    reliability: ReliabilityRecord | None = None


class BandRecord(ContentModel):
    min: Number
    max: Number
    label: Text
    explanation: Text

    @model_validator(mode="after")
    def _ordered(self) -> BandRecord:
        if self.min > self.max:
            raise ValueError("'min' must not be above 'max'.")
        return self


class MissingRecord(ContentModel):
    rule: Literal["complete", "prorate", "mean_of_answered"]
    explanation: Text
    source: Text
    max_missing: Annotated[Whole, Field(ge=0)] = 0
    min_answered_fraction: Annotated[Number, Field(gt=0, le=1)] = 1.0

    @model_validator(mode="after")
    def _rule_needs(self) -> MissingRecord:
        if self.rule == "prorate" and self.max_missing < 1:
            raise ValueError("the prorate rule needs 'max_missing' of at least 1.")
        if self.rule == "mean_of_answered" and "min_answered_fraction" not in self.model_fields_set:
            raise ValueError("the mean_of_answered rule needs 'min_answered_fraction' in (0, 1].")
        return self


class ChangeRecord(ContentModel):
    sd: Positive
    reliability: Fraction
    sd_source: Text
    reliability_source: Text
    note: StrictStr = ""


class ReliableChangeRecord(ContentModel):
    note: Text
    scales: dict[StrictStr, ChangeRecord] = {}


class MeaningfulChangeRecord(ContentModel):
    points: Positive
    source: Text


class InstrumentFile(ContentModel):
    """One questionnaire file, with the checks that span its parts."""

    schema_version: Literal[1]
    key: Slug
    name: Text
    short_name: Text
    citation: Text
    licence: Text
    what_it_measures: Text
    what_it_cannot_tell: Text
    instructions: Text
    timeframe: Text
    higher_is_better: Flag
    options: Options
    items: Annotated[tuple[ItemRecord, ...], Field(min_length=1)]
    subscales: tuple[SubscaleRecord, ...] = ()
    total: TotalRecord | None = None
    bands: tuple[BandRecord, ...] = ()
    bands_source: StrictStr = ""
    missing: MissingRecord
    reliable_change: ReliableChangeRecord
    meaningful_change: MeaningfulChangeRecord | None = None
    codes: dict[StrictStr, StrictStr] = {}

    def item_ranges(self) -> dict[int, tuple[int, int]]:
        out = {}
        for item in self.items:
            values = [o.value for o in (item.options or self.options)]
            out[item.number] = (min(values), max(values))
        return out

    @model_validator(mode="after")
    def _check_instrument(self) -> InstrumentFile:
        problems = _option_problems(self.options)
        numbers = [item.number for item in self.items]
        if sorted(numbers) != list(range(1, len(numbers) + 1)):
            problems.append(
                f"question numbers must run 1..{len(numbers)} without gaps or repeats."
            )
        scored = {item.number for item in self.items if item.scored}
        problems += [f"scale {k!r}: scale keys must be unique." for k in
                     duplicates(s.key for s in self.subscales)]
        for scale in self.subscales:
            unknown = [n for n in scale.items if n not in scored]
            if unknown:
                problems.append(
                    f"scale {scale.key!r}: refers to questions that are not scored items: {unknown}."
                )
        if not duplicates(numbers):
            problems += self._total_problems(scored)
        problems += self._band_problems()
        problems += self._change_problems()
        fail(problems)
        return self

    def _total_problems(self, scored: set[int]) -> list[str]:
        if self.total is None or not scored:
            return []
        low, high = item_range(self.item_ranges(), sorted(scored), self.total.method)
        expected = [low * self.total.multiplier, high * self.total.multiplier]
        if list(self.total.range) != expected:
            return [f"total: 'range' is {list(self.total.range)} but the questions give {expected}."]
        return []

    def _band_problems(self) -> list[str]:
        if not self.bands:
            return []
        if self.total is None:
            return ["bands need a total score with a range."]
        problems = [] if self.bands_source.strip() else ["'bands_source' must say where the bands come from."]
        low, high = self.total.range
        for index, band in enumerate(self.bands):
            where = f"band {index + 1}"
            if index and band.min <= self.bands[index - 1].max:
                problems.append(f"{where}: overlaps or is out of order with the band before it.")
            if band.min < low or band.max > high:
                problems.append(f"{where}: lies outside the total range {[low, high]}.")
        if self.bands[0].min != low or self.bands[-1].max != high:
            problems.append("bands must start at the lowest and end at the highest total.")
        return problems

    def _change_problems(self) -> list[str]:
        problems = []
        keys = {s.key for s in self.subscales}
        for name in self.reliable_change.scales:
            if name == "total" and self.total is None:
                problems.append(f"reliable change for {name!r}: the instrument has no total score.")
            elif name != "total" and name not in keys:
                problems.append(f"reliable change for {name!r}: there is no such scale.")
        return problems


def item_range(
    item_ranges: Mapping[int, tuple[int, int]], numbers: list[int], method: str
) -> tuple[float, float]:
    lows = [item_ranges[n][0] for n in numbers]
    highs = [item_ranges[n][1] for n in numbers]
    if method == "mean":
        return (min(lows), max(highs))
    return (float(sum(lows)), float(sum(highs)))
