"""A person's answers to "more like X, or more like Y?" turned into a small family bias.

Pure and typed: the check-in suggestions read the person's answers, call `family_bias`, and
pass the result to the suggestion engine as plain data (the lexicon never sees a person).

For each family the answers where it was offered count as trials and the times it was chosen
as wins; each answer weighs less as it ages (half-life `HALF_LIFE_DAYS`). The bias is a
shrunk log-odds, log((wins + k) / (losses + k)) with `PRIOR` pseudo-answers k on each side,
so one answer moves little and many agreeing answers move more, scaled by `STRENGTH` and
capped at +-`CAP` score units. "Not sure" answers carry no preference and add nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

HALF_LIFE_DAYS = 90.0
PRIOR = 2.0  # pseudo-answers for and against each family: shrinks few answers toward 0
STRENGTH = 0.6  # score units per unit of log-odds
CAP = 1.0  # never more than this many score units either way (the engine's margin is 1.0)
MAX_ANSWERS = 200  # the most recent answers read
# The answer just given, for the suggestions shown right after it: the chosen family ahead of
# the other by more than the engine's contrast margin, so the list turns toward it.
ANSWER_NUDGE = 1.0  # +1 and -1: a swing of 2, past the margin and most word bonuses


@dataclass(frozen=True, slots=True)
class Answer:
    family_a: str
    family_b: str
    chosen: str | None  # None: "not sure"
    age_days: float


def weight(age_days: float) -> float:
    """How much an answer of this age still counts: 1 today, 1/2 after HALF_LIFE_DAYS."""
    if not math.isfinite(age_days):
        return 0.0
    return float(0.5 ** (max(0.0, age_days) / HALF_LIFE_DAYS))


def family_bias(answers: Iterable[Answer]) -> dict[str, float]:
    """Family -> bias in score units, in [-CAP, CAP]; families never chosen or lost: absent."""
    wins: dict[str, float] = {}
    losses: dict[str, float] = {}
    for a in answers:
        if a.chosen is None or a.chosen not in (a.family_a, a.family_b) or a.family_a == a.family_b:
            continue
        w = weight(a.age_days)
        other = a.family_b if a.chosen == a.family_a else a.family_a
        wins[a.chosen] = wins.get(a.chosen, 0.0) + w
        losses[other] = losses.get(other, 0.0) + w
    out: dict[str, float] = {}
    for f in sorted(set(wins) | set(losses)):
        log_odds = math.log((wins.get(f, 0.0) + PRIOR) / (losses.get(f, 0.0) + PRIOR))
        b = max(-CAP, min(CAP, STRENGTH * log_odds))
        if b:
            out[f] = b
    return out


def with_answer(bias: Mapping[str, float], *, family_a: str, family_b: str,
                chosen: str | None) -> dict[str, float]:
    """The person's bias plus the answer just given (for the list shown right after it)."""
    out = dict(bias)
    if chosen is None or chosen not in (family_a, family_b) or family_a == family_b:
        return out
    other = family_b if chosen == family_a else family_a
    out[chosen] = out.get(chosen, 0.0) + ANSWER_NUDGE
    out[other] = out.get(other, 0.0) - ANSWER_NUDGE
    return out
