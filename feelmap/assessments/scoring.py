"""Pure scoring of the questionnaires in `instruments`: totals, scales, bands, change, safety.

Answers are a mapping of question number to the chosen option value (None = not answered).
Everything here is deterministic, typed and free of Django, so it can be tested on plain data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from feelmap.assessments.instruments import Band, Instrument, Item

Answers = Mapping[int, int | None]

RELIABLE_Z = 1.96  # two-tailed 95%, Jacobson & Truax (1991)


@dataclass(frozen=True)
class Score:
    instrument: str
    total: float | None
    total_range: tuple[float, float] | None
    raw_total: float | None
    subscales: dict[str, float | None]
    band: Band | None
    missing: tuple[int, ...]
    policy: str
    complete: bool
    prorated: bool = False
    unscored_subscales: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class RCI:
    """Jacobson–Truax reliable change between two scores of the same scale."""

    scale: str
    before: float
    after: float
    change: float
    rci: float
    s_diff: float
    threshold: float  # smallest change (in points) that counts as reliable
    sd: float
    reliability: float
    source: str
    reliable: bool
    direction: str  # "better", "worse" or "no reliable change"


# --- answers ---------------------------------------------------------------------------------


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _list_numbers(numbers: tuple[int, ...] | list[int]) -> str:
    parts = [str(n) for n in numbers]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def check_answers(instrument: Instrument, answers: Answers) -> dict[int, int]:
    """Return the given answers without blanks; raise ValueError for anything invalid."""
    if not isinstance(answers, Mapping):
        raise ValueError("Answers must be a mapping of question number to answer value.")
    known = {item.number: item for item in instrument.items}
    clean: dict[int, int] = {}
    for number, value in answers.items():
        if isinstance(number, bool) or not isinstance(number, int) or number not in known:
            raise ValueError(
                f"{instrument.short_name} has no question {number!r}; "
                f"questions are numbered 1 to {len(known)}."
            )
        if value is None:
            continue
        item = known[number]
        if isinstance(value, bool) or not isinstance(value, int) or value not in item.values:
            allowed = ", ".join(str(v) for v in sorted(item.values))
            raise ValueError(
                f"{instrument.short_name} question {number}: {value!r} is not a valid answer; "
                f"choose one of {allowed}."
            )
        clean[number] = value
    return clean


def item_score(item: Item, value: int) -> int:
    """The value that counts towards scores: reversed items run the other way (e.g. 5 - x)."""
    return item.min_value + item.max_value - value if item.reverse else value


# --- parts -----------------------------------------------------------------------------------


def _round_half_up(value: float) -> float:
    return float(math.floor(value + 0.5))


def _part(
    instrument: Instrument, numbers: tuple[int, ...], method: str, given: dict[int, int]
) -> tuple[float | None, bool]:
    """Score one set of items under the instrument's missing-answer policy.

    Returns (value or None, whether the value was estimated from incomplete answers).
    """
    answered = [item_score(instrument.item(n), given[n]) for n in numbers if n in given]
    missing = len(numbers) - len(answered)
    policy = instrument.missing
    if missing == 0:
        value = sum(answered) if method == "sum" else sum(answered) / len(answered)
        return float(value), False
    if policy.rule == "prorate" and missing <= policy.max_missing and answered:
        mean = sum(answered) / len(answered)
        value = mean * len(numbers) if method == "sum" else mean
        return (_round_half_up(value) if method == "sum" else value), True
    if policy.rule == "mean_of_answered" and answered:
        needed = math.ceil(policy.min_answered_fraction * len(numbers))
        if len(answered) >= needed:
            mean = sum(answered) / len(answered)
            return (mean if method == "mean" else _round_half_up(mean * len(numbers))), True
    return None, False


def band_for(instrument: Instrument, total: float | None) -> Band | None:
    """The band a total falls in (the highest band whose lower bound it reaches)."""
    if total is None:
        return None
    chosen = None
    for band in instrument.bands:
        if total >= band.min:
            chosen = band
    if chosen is not None and instrument.total is not None and total > instrument.total.range[1]:
        return None
    return chosen


# --- score -----------------------------------------------------------------------------------


def score(instrument: Instrument, answers: Answers) -> Score:
    """Score one completed (or partly completed) questionnaire.

    Raises ValueError for unknown question numbers or answers that are not one of the options.
    Missing answers are handled by the instrument's published-or-stated policy and reported in
    plain words in `Score.policy`.
    """
    given = check_answers(instrument, answers)
    scored = tuple(item.number for item in instrument.scored_items)
    missing = tuple(n for n in scored if n not in given)

    subscales: dict[str, float | None] = {}
    estimated_any = False
    for subscale in instrument.subscales:
        value, estimated = _part(instrument, subscale.items, subscale.method, given)
        subscales[subscale.key] = value
        estimated_any = estimated_any or estimated
    unscored = tuple(key for key, value in subscales.items() if value is None)

    total = raw_total = None
    total_range = None
    prorated = False
    if instrument.total is not None:
        total_range = instrument.total.range
        raw_total, prorated = _part(instrument, scored, instrument.total.method, given)
        if raw_total is not None:
            total = raw_total * instrument.total.multiplier
            if total.is_integer():
                total = float(int(total))
    estimated_any = estimated_any or prorated

    return Score(
        instrument=instrument.key,
        total=total,
        total_range=total_range,
        raw_total=raw_total,
        subscales=subscales,
        band=band_for(instrument, total),
        missing=missing,
        policy=_policy_text(instrument, missing, total, unscored, estimated_any),
        complete=not missing,
        prorated=estimated_any,
        unscored_subscales=unscored,
    )


def _policy_text(
    instrument: Instrument,
    missing: tuple[int, ...],
    total: float | None,
    unscored: tuple[str, ...],
    estimated: bool,
) -> str:
    if not missing:
        return "All questions were answered, so everything was scored as published."
    which = (
        f"{_plural(len(missing), 'question')} ({_list_numbers(missing)}) "
        f"{'was' if len(missing) == 1 else 'were'} not answered."
    )
    outcome: list[str] = []
    if instrument.total is not None:
        if total is None:
            outcome.append("No total could be given.")
        elif estimated:
            outcome.append("The total was estimated from the answered questions.")
    if unscored:
        labels = [instrument.subscale(key).label for key in unscored]
        outcome.append("Not scored: " + "; ".join(labels) + ".")
    if instrument.subscales and estimated:
        outcome.append("Scales with a missing answer use the average of their answered ones.")
    skipped_safety = [item.number for item in instrument.safety_items if item.number in missing]
    if skipped_safety:
        outcome.append(
            f"The safety question ({_list_numbers(skipped_safety)}) was not answered, so it "
            "could not be checked."
        )
    return " ".join([which, *outcome, instrument.missing.explanation])


# --- change ----------------------------------------------------------------------------------


def _value(
    instrument: Instrument, result: float | Score | None, scale_key: str | None
) -> float | None:
    if isinstance(result, Score):
        if result.instrument != instrument.key:
            raise ValueError(
                f"Cannot compare a {result.instrument} score on the {instrument.short_name}."
            )
        return result.total if scale_key is None else result.subscales.get(scale_key)
    return result


def reliable_change(
    instrument: Instrument,
    before: float | Score | None,
    after: float | Score | None,
    scale_key: str | None = None,
) -> RCI | None:
    """Jacobson–Truax reliable change index between two scores (total, or one scale).

    S_diff = SD * sqrt(2) * sqrt(1 - r); RCI = (after - before) / S_diff; |RCI| > 1.96 is
    reliable. Returns None when the instrument has no published SD and reliability for that
    scale, or when either score is missing (not scored). "Better" respects the instrument's
    direction: lower PHQ-9 is better, higher WHO-5 is better.
    """
    key = scale_key or "total"
    if scale_key is not None:
        instrument.subscale(scale_key)  # raises KeyError for an unknown scale
    elif instrument.total is None:
        raise KeyError(f"{instrument.short_name} has no total score; name a scale.")
    params = instrument.reliable_change.get(key)
    first, second = _value(instrument, before, scale_key), _value(instrument, after, scale_key)
    if params is None or first is None or second is None:
        return None
    first, second = float(first), float(second)
    s_diff = params.sd * math.sqrt(2) * math.sqrt(1 - params.reliability)
    change = second - first
    rci = change / s_diff
    reliable = abs(rci) > RELIABLE_Z
    if not reliable:
        direction = "no reliable change"
    elif (change > 0) == instrument.higher_is_better:
        direction = "better"
    else:
        direction = "worse"
    return RCI(
        scale=key,
        before=first,
        after=second,
        change=change,
        rci=rci,
        s_diff=s_diff,
        threshold=RELIABLE_Z * s_diff,
        sd=params.sd,
        reliability=params.reliability,
        source=f"SD: {params.sd_source} Reliability: {params.reliability_source}",
        reliable=reliable,
        direction=direction,
    )


def meaningful_change(
    instrument: Instrument, before: float | Score | None, after: float | Score | None
) -> str | None:
    """For instruments with a published meaningful-change size (WHO-5: 10 points).

    Returns "better", "worse" or "no meaningful change"; None if the instrument has no such
    value or either total is missing.
    """
    rule = instrument.meaningful_change
    first, second = _value(instrument, before, None), _value(instrument, after, None)
    if rule is None or first is None or second is None:
        return None
    change = second - first
    if abs(change) < rule.points:
        return "no meaningful change"
    return "better" if (change > 0) == instrument.higher_is_better else "worse"


# --- safety ----------------------------------------------------------------------------------


def safety_flag(instrument: Instrument, answers: Answers) -> bool:
    """True when any safety question (PHQ-9 question 9) is answered above its lowest option.

    This must never be the only safety check: many people at risk answer "Not at all".
    """
    given = check_answers(instrument, answers)
    return any(
        item.number in given and given[item.number] > item.min_value
        for item in instrument.safety_items
    )
