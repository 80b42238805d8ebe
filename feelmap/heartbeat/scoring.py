"""Scores of the heartbeat tasks, as plain functions over plain numbers.

Counting (per trial, then the mean): Schandry 1 - |recorded - counted| / recorded; Hart
1 - |recorded - counted| / ((recorded + counted) / 2). Both can go below zero. Sensibility is
the mean confidence; awareness the within-person Pearson correlation of confidence with
accuracy across trials, given only with enough trials (six, the Hart protocol's count) and
some spread in both. Discrimination: the share of right answers, mean confidence, and
awareness as the type-2 AUC (how well confidence tells right answers from wrong ones).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Method = Literal["hart", "schandry"]
MIN_AWARENESS_TRIALS = 6
MIN_DISCRIMINATION_AWARENESS_TRIALS = 10


def schandry_accuracy(recorded: int, counted: int) -> float:
    if recorded <= 0:
        raise ValueError("A trial needs at least one recorded beat to be scored.")
    return 1.0 - abs(recorded - counted) / recorded


def hart_accuracy(recorded: int, counted: int) -> float:
    if recorded <= 0:
        raise ValueError("A trial needs at least one recorded beat to be scored.")
    return 1.0 - abs(recorded - counted) / ((recorded + counted) / 2.0)


def accuracy(method: Method, recorded: int, counted: int) -> float:
    return hart_accuracy(recorded, counted) if method == "hart" else schandry_accuracy(recorded, counted)


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """None when either side has no spread (the correlation is undefined)."""
    n = len(xs)
    if n != len(ys) or n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)


@dataclass(frozen=True)
class CountTrial:
    seconds: float
    recorded: int
    counted: int
    confidence: int  # 0-100


@dataclass(frozen=True)
class CountingScores:
    method: Method
    accuracy: float
    per_trial: tuple[float, ...]
    other_method_accuracy: float
    sensibility: float
    awareness: float | None
    guess_accuracy: float | None  # what counting from the guessed rate alone would have scored


def counting_scores(
    trials: Sequence[CountTrial], method: Method = "hart", guess_bpm: float | None = None
) -> CountingScores:
    """Scores over the scored trials (leave the practice trial out before calling)."""
    if not trials:
        raise ValueError("There are no trials to score.")
    other: Method = "schandry" if method == "hart" else "hart"
    per = tuple(accuracy(method, t.recorded, t.counted) for t in trials)
    other_per = [accuracy(other, t.recorded, t.counted) for t in trials]
    confidences = [float(t.confidence) for t in trials]
    awareness = pearson(confidences, list(per)) if len(trials) >= MIN_AWARENESS_TRIALS else None
    guess = None
    if guess_bpm is not None:
        guesses = [accuracy(method, t.recorded, round(guess_bpm * t.seconds / 60.0)) for t in trials]
        guess = sum(guesses) / len(guesses)
    return CountingScores(
        method=method,
        accuracy=sum(per) / len(per),
        per_trial=per,
        other_method_accuracy=sum(other_per) / len(other_per),
        sensibility=sum(confidences) / len(confidences),
        awareness=awareness,
        guess_accuracy=guess,
    )


@dataclass(frozen=True)
class DiscriminationTrial:
    delayed: bool  # the truth: were the tones delayed?
    said_delayed: bool
    confidence: int  # 0-100

    @property
    def correct(self) -> bool:
        return self.delayed == self.said_delayed


@dataclass(frozen=True)
class DiscriminationScores:
    trials: int
    correct: int
    share_correct: float
    sensibility: float
    awareness: float | None  # type-2 AUC: 0.5 is chance


def type2_auc(confidence_right: Sequence[float], confidence_wrong: Sequence[float]) -> float | None:
    """The chance that a right answer carries more confidence than a wrong one (ties: half)."""
    if not confidence_right or not confidence_wrong:
        return None
    wins = 0.0
    for a in confidence_right:
        for w in confidence_wrong:
            wins += 1.0 if a > w else 0.5 if a == w else 0.0
    return wins / (len(confidence_right) * len(confidence_wrong))


def discrimination_scores(trials: Sequence[DiscriminationTrial]) -> DiscriminationScores:
    if not trials:
        raise ValueError("There are no trials to score.")
    right = [float(t.confidence) for t in trials if t.correct]
    wrong = [float(t.confidence) for t in trials if not t.correct]
    awareness = (
        type2_auc(right, wrong) if len(trials) >= MIN_DISCRIMINATION_AWARENESS_TRIALS else None
    )
    return DiscriminationScores(
        trials=len(trials),
        correct=len(right),
        share_correct=len(right) / len(trials),
        sensibility=sum(t.confidence for t in trials) / len(trials),
        awareness=awareness,
    )
