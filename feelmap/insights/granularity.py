"""Emotional granularity from the fixed ratings: a two-way consistency ICC per valence.

Pure functions over plain data (no Django). The measure, as in the research this app follows
(shared research notes, "Emotional granularity"):

- For one valence (the pleasant emotions, or the unpleasant ones), a matrix with one row per
  occasion (a check-in with fixed ratings) and one column per emotion of that valence.
- ICC(C,k), the two-way consistency intraclass correlation of the average of k items:
  ``ICC = (MS_rows - MS_error) / MS_rows``, which equals Cronbach's alpha across the items.
  A high ICC means the emotions rise and fall together: they are used almost interchangeably.
- Granularity ``= 1 - max(ICC, 0)``, from 0 (all the emotions move together) to 1 (each moves
  on its own). A negative ICC is set to 0 first, as in Hoemann et al. (2023).

Occasions with a missing rating for any emotion of that valence are left out of that valence
(listwise), and below MIN_OCCASIONS complete occasions no number is given at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import numpy as np

Valence = Literal["positive", "negative"]
VALENCES: tuple[Valence, ...] = ("negative", "positive")
MIN_OCCASIONS = 10  # complete occasions needed before a granularity score is shown
MIN_ITEMS = 2  # an ICC across items needs at least two of them
WINDOW_DAYS = 91  # each rolling window covers about three months
STEP_DAYS = 28  # and a new window starts every four weeks
FORMULA = (
    "ICC(C,k) = (MS_occasions − MS_error) / MS_occasions, from a two-way analysis of "
    "variance of occasions × emotions; granularity = 1 − max(ICC, 0)."
)


@dataclass(frozen=True)
class Icc:
    """A two-way consistency ICC and the mean squares it came from."""

    value: float  # ICC(C,k)
    single: float  # ICC(C,1), the same for one item
    occasions: int
    items: int
    ms_rows: float
    ms_error: float


def icc_consistency(matrix: Sequence[Sequence[float]] | np.ndarray) -> Icc | None:
    """ICC(C,k) and ICC(C,1) of a complete occasions × items matrix.

    None when the ICC is undefined: fewer than two occasions or items, or no variation
    between occasions at all (MS_rows = 0).
    """
    x = np.asarray(matrix, dtype=float)
    if x.ndim != 2 or x.shape[0] < 2 or x.shape[1] < MIN_ITEMS:
        return None
    if not np.all(np.isfinite(x)):
        raise ValueError("The matrix must be complete: leave out occasions with a missing rating.")
    n, k = x.shape
    grand = x.mean()
    ss_rows = k * float(((x.mean(axis=1) - grand) ** 2).sum())
    ss_cols = n * float(((x.mean(axis=0) - grand) ** 2).sum())
    ss_total = float(((x - grand) ** 2).sum())
    ss_error = max(ss_total - ss_rows - ss_cols, 0.0)
    ms_rows = ss_rows / (n - 1)
    ms_error = ss_error / ((n - 1) * (k - 1))
    # Rounding can leave a tiny positive sum of squares where every row is the same.
    if ms_rows <= 1e-12 * max(ss_total, 1.0):
        return None
    value = (ms_rows - ms_error) / ms_rows
    single = (ms_rows - ms_error) / (ms_rows + (k - 1) * ms_error)
    return Icc(value, single, n, k, ms_rows, ms_error)


def granularity_of(icc: float) -> float:
    """1 − max(ICC, 0): 0 when the emotions always move together, 1 when they never do."""
    return 1.0 - max(min(icc, 1.0), 0.0)


@dataclass(frozen=True)
class Occasion:
    """One check-in's fixed ratings: emotion -> 0..6 (emotions not rated are missing)."""

    day: date
    ratings: Mapping[str, int]


@dataclass(frozen=True)
class Granularity:
    valence: Valence
    items: tuple[str, ...]
    occasions: int  # complete occasions used
    needed: int  # how many more complete occasions before a score (0 once there is one)
    icc: float | None
    score: float | None  # granularity, 1 - max(ICC, 0)

    @property
    def enough(self) -> bool:
        return self.score is not None


def split_by_valence(
    emotions: Sequence[str], pleasantness: Mapping[str, float]
) -> dict[Valence, tuple[str, ...]]:
    """The rated emotions of each valence, by the vocabulary's pleasantness (≥ 0 pleasant).
    Emotions the vocabulary does not know are left out: their valence is unknown."""
    found: dict[Valence, tuple[str, ...]] = {}
    for valence in VALENCES:
        found[valence] = tuple(
            e for e in emotions
            if e in pleasantness and (pleasantness[e] >= 0) == (valence == "positive")
        )
    return found


def _complete(occasions: Sequence[Occasion], items: tuple[str, ...]) -> list[list[float]]:
    return [[float(o.ratings[item]) for item in items]
            for o in occasions if all(item in o.ratings for item in items)]


def _result(valence: Valence, items: tuple[str, ...],
            rows: Sequence[Sequence[float]] | np.ndarray,
            minimum: int) -> Granularity:
    count = len(rows)
    result = icc_consistency(rows) if count >= minimum and len(items) >= MIN_ITEMS else None
    if result is None:
        needed = max(minimum - count, 0) if len(items) >= MIN_ITEMS else minimum
        # Enough occasions but no variation between them: one more varied occasion helps.
        return Granularity(valence, items, count, max(needed, 1), None, None)
    return Granularity(valence, items, count, 0, result.value, granularity_of(result.value))


def granularity(
    occasions: Sequence[Occasion], items: Sequence[str], valence: Valence,
    *, minimum: int = MIN_OCCASIONS,
) -> Granularity:
    """Granularity of one valence over the given occasions (order does not matter)."""
    items = tuple(items)
    return _result(valence, items, _complete(occasions, items), minimum)


@dataclass(frozen=True)
class WindowScore:
    start: date
    end: date  # inclusive
    negative: Granularity
    positive: Granularity


def rolling(
    occasions: Sequence[Occasion], items: Mapping[Valence, Sequence[str]], *, today: date,
    window_days: int = WINDOW_DAYS, step_days: int = STEP_DAYS, minimum: int = MIN_OCCASIONS,
) -> list[WindowScore]:
    """Granularity in windows of `window_days` ending today and every `step_days` before it,
    back to the first occasion; oldest first."""
    if not occasions:
        return []
    ordered = sorted(occasions, key=lambda o: o.day)
    first = ordered[0].day
    # Per valence, the complete occasions as one matrix and their days; windows are slices.
    prepared: dict[Valence, tuple[tuple[str, ...], np.ndarray, np.ndarray]] = {}
    for valence in VALENCES:
        names = tuple(items.get(valence, ()))
        kept = [o for o in ordered if all(item in o.ratings for item in names)]
        matrix = np.array([[o.ratings[item] for item in names] for o in kept], dtype=float)
        days = np.array([o.day.toordinal() for o in kept], dtype=np.int64)
        prepared[valence] = (names, matrix.reshape(len(kept), len(names)), days)
    windows: list[WindowScore] = []
    end = today
    while end - timedelta(days=window_days - 1) > first - timedelta(days=step_days):
        start = end - timedelta(days=window_days - 1)
        found: dict[Valence, Granularity] = {}
        for valence, (names, matrix, days) in prepared.items():
            lo = int(np.searchsorted(days, start.toordinal(), side="left"))
            hi = int(np.searchsorted(days, end.toordinal(), side="right"))
            found[valence] = _result(valence, names, matrix[lo:hi], minimum)
        windows.append(WindowScore(start, end, found["negative"], found["positive"]))
        end -= timedelta(days=step_days)
    windows.reverse()
    return windows


# --- the same from sufficient statistics (tally.py keeps them per day) -----------------------

def icc_from_stats(stats: Sequence[int]) -> Icc | None:
    """ICC(C,k) and ICC(C,1) from [n, Σx², Σ(row sum)², column sums…] of a complete matrix of
    whole-number ratings: the same as `icc_consistency` on that matrix, without the matrix.

    With G the grand total, the sums of squares times n·k are whole numbers, worked out exactly:
    n·k·SS_total = n·k·Σx² − G², n·k·SS_rows = n·Σ(row sum)² − G², n·k·SS_cols = k·Σ(column
    sum)² − G²; the error is what is left. So a window's statistics are plain sums of its days'.
    """
    n, sum_sq, rows_sq, *columns = (int(x) for x in stats)
    k = len(columns)
    if n < 2 or k < MIN_ITEMS:
        return None
    grand = sum(columns)
    g2 = grand * grand
    total = n * k * sum_sq - g2  # n·k·SS_total
    rows = n * rows_sq - g2
    cols = k * sum(c * c for c in columns) - g2
    error = max(total - rows - cols, 0)
    nk = n * k
    ms_rows = rows / nk / (n - 1)
    ms_error = error / nk / ((n - 1) * (k - 1))
    if ms_rows <= 1e-12 * max(total / nk, 1.0):
        return None
    value = (ms_rows - ms_error) / ms_rows
    single = (ms_rows - ms_error) / (ms_rows + (k - 1) * ms_error)
    return Icc(value, single, n, k, ms_rows, ms_error)


def _result_from_stats(valence: Valence, items: tuple[str, ...], stats: Sequence[int],
                       minimum: int) -> Granularity:
    count = int(stats[0]) if len(stats) else 0
    result = (icc_from_stats(stats) if count >= minimum and len(items) >= MIN_ITEMS
              else None)
    if result is None:
        needed = max(minimum - count, 0) if len(items) >= MIN_ITEMS else minimum
        return Granularity(valence, items, count, max(needed, 1), None, None)
    return Granularity(valence, items, count, 0, result.value, granularity_of(result.value))


DayStats = Mapping[str, Sequence[int]]  # valence -> [n, Σx², Σ(row sum)², column sums…]


def _prefix(days: Sequence[tuple[date, DayStats]], valence: Valence,
            width: int) -> tuple[np.ndarray, np.ndarray]:
    """Day ordinals and the running sums of one valence's statistics (a zero row first)."""
    ordinals = np.array([d.toordinal() for d, _s in days], dtype=np.int64)
    rows = np.zeros((len(days) + 1, width), dtype=np.int64)
    for i, (_d, stats) in enumerate(days, start=1):
        found = stats.get(valence)
        if found is not None:
            rows[i] = found
    return ordinals, np.cumsum(rows, axis=0)


def from_day_stats(
    days: Sequence[tuple[date, DayStats]], items: Mapping[Valence, Sequence[str]], *,
    today: date, window_days: int = WINDOW_DAYS, step_days: int = STEP_DAYS,
    minimum: int = MIN_OCCASIONS,
) -> tuple[dict[Valence, Granularity], list[WindowScore]]:
    """Granularity now (the last `window_days`) and in rolling windows, as `granularity` and
    `rolling` give from the occasions, from per-day statistics (days with any ratings, in
    order; a valence missing on a day had no complete occasion)."""
    names = {v: tuple(items.get(v, ())) for v in VALENCES}
    prepared = {v: _prefix(days, v, 3 + len(names[v])) for v in VALENCES}

    def window(valence: Valence, start: date, end: date) -> Granularity:
        ordinals, sums = prepared[valence]
        lo = int(np.searchsorted(ordinals, start.toordinal(), side="left"))
        hi = int(np.searchsorted(ordinals, end.toordinal(), side="right"))
        return _result_from_stats(valence, names[valence], [int(x) for x in sums[hi] - sums[lo]],
                                  minimum)

    now_start = today - timedelta(days=window_days - 1)
    now = {v: window(v, now_start, date.max) for v in VALENCES}
    windows: list[WindowScore] = []
    if days:
        first = days[0][0]
        end = today
        while end - timedelta(days=window_days - 1) > first - timedelta(days=step_days):
            start = end - timedelta(days=window_days - 1)
            windows.append(WindowScore(start, end, window("negative", start, end),
                                       window("positive", start, end)))
            end -= timedelta(days=step_days)
        windows.reverse()
    return now, windows
