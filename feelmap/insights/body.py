"""The personal body atlas and the sensation → feeling table (pure functions over plain data).

Atlas: for each family of feelings, the check-ins where the person named a word of that family
and marked the body; for each region, the share of those check-ins that marked it, and which
qualities were felt there.

Translation table: for each body sensation (region + quality) marked often enough, which
families the person named alongside it. Small counts overstate: one check-in where "tight
chest" came with fear says little. So the strength is a shrunk estimate, the mean of a Beta
posterior whose prior is the person's overall rate for that family, worth PRIOR_WEIGHT
check-ins:

    estimate = (k + m·base) / (n + m)

with k of n check-ins naming the family, base the family's share of all check-ins that marked
the body and named a feeling, and m = PRIOR_WEIGHT. The interval is the central 90% of that
posterior, Beta(k + m·base, n − k + m·(1 − base)), so it is wide when n is small.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .facts import CheckInFacts
from .tally import SEP, Tally, tally_of

PRIOR_WEIGHT = 4.0
MIN_SENSATION_COUNT = 5  # a sensation marked fewer times is not in the table
INTERVAL = 0.90
_GRID = np.linspace(0.0, 1.0, 2001)[1:-1]  # open interval: the density may be infinite at 0 or 1
_LOG_X, _LOG_1MX = np.log(_GRID), np.log1p(-_GRID)
_EDGES = np.concatenate(([0.0], _GRID, [1.0]))
BASE_LIMITS = (0.01, 0.99)  # a base rate is kept off 0 and 1 so the prior stays a prior
MAX_ROWS = 40  # the most frequent sensations; the page shows fewer


@dataclass(frozen=True)
class RegionHeat:
    region: str
    count: int  # check-ins of this family marking this region
    share: float  # of the family's check-ins with body marks
    qualities: tuple[tuple[str, int], ...]  # most frequent first


@dataclass(frozen=True)
class FamilyAtlas:
    family: str
    checkins: int  # of this family with body marks
    regions: tuple[RegionHeat, ...]  # most marked first


def atlas(checkins: Sequence[CheckInFacts]) -> dict[str, FamilyAtlas]:
    """Per family, where and how the body was marked when that family was named."""
    return atlas_from(tally_of(checkins, {}))


def atlas_from(tally: Tally) -> dict[str, FamilyAtlas]:
    regions: dict[str, Counter[str]] = {}
    for key, n in tally.atlas_regions.items():
        f, r = key.split(SEP)
        regions.setdefault(f, Counter())[r] = n
    qualities: dict[tuple[str, str], Counter[str]] = {}
    for key, n in tally.atlas_qualities.items():
        f, r, q = key.split(SEP)
        qualities.setdefault((f, r), Counter())[q] = n
    found = {}
    for family, n in tally.atlas_total.items():
        heats = tuple(
            RegionHeat(region, count, count / n,
                       tuple(sorted(qualities[(family, region)].items(),
                                    key=lambda item: (-item[1], item[0]))))
            for region, count in sorted(regions[family].items(), key=lambda i: (-i[1], i[0]))
        )
        found[family] = FamilyAtlas(family, n, heats)
    return found


def concentration(family_atlas: FamilyAtlas | None) -> float | None:
    """How clearly one place stands out: the top region's share (None without data)."""
    if family_atlas is None or not family_atlas.regions:
        return None
    return family_atlas.regions[0].share


@dataclass(frozen=True)
class Strength:
    family: str
    count: int  # k: check-ins with this sensation that named the family
    of: int  # n: check-ins with this sensation that named any feeling
    raw: float  # k / n
    estimate: float  # shrunk towards the person's base rate
    low: float
    high: float


@dataclass(frozen=True)
class TranslationRow:
    region: str
    quality: str
    count: int  # n
    families: tuple[Strength, ...]  # strongest estimate first


def beta_intervals(a: np.ndarray, b: np.ndarray, mass: float = INTERVAL) -> np.ndarray:
    """Central `mass` intervals of Beta(a[i], b[i]) (all > 0), shape (len(a), 2), by
    integrating each density on a fine grid at once; accurate to about 1e-3."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.size and (a.min() <= 0 or b.min() <= 0):
        raise ValueError("Beta parameters must be positive.")
    log_density = np.outer(a - 1, _LOG_X) + np.outer(b - 1, _LOG_1MX)
    density = np.exp(log_density - log_density.max(axis=1, keepdims=True))
    cumulative = np.cumsum(density, axis=1)
    cumulative /= cumulative[:, -1:]
    tail = (1 - mass) / 2
    found = np.empty((a.size, 2))
    for i in range(a.size):
        # With 0 and 1 as the ends, a density piled against either edge still resolves.
        found[i] = np.interp((tail, 1 - tail), np.concatenate(([0.0], cumulative[i], [1.0])),
                             _EDGES)
    return found


def beta_interval(a: float, b: float, mass: float = INTERVAL) -> tuple[float, float]:
    """Central `mass` interval of Beta(a, b) (a, b > 0)."""
    low, high = beta_intervals(np.array([a]), np.array([b]), mass)[0]
    return float(low), float(high)


def _shrunk(k: int, n: int, base: float, prior_weight: float) -> float:
    base = min(max(base, BASE_LIMITS[0]), BASE_LIMITS[1])
    return (k + prior_weight * base) / (n + prior_weight)


def strength(k: int, n: int, base: float, family: str = "",
             prior_weight: float = PRIOR_WEIGHT) -> Strength:
    """The shrunk estimate and interval for k of n (see the module's docstring)."""
    if not 0 <= k <= n:
        raise ValueError("Need 0 ≤ k ≤ n.")
    base = min(max(base, BASE_LIMITS[0]), BASE_LIMITS[1])
    a = k + prior_weight * base
    b = n - k + prior_weight * (1 - base)
    low, high = beta_interval(a, b)
    return Strength(family, k, n, k / n if n else 0.0, a / (a + b), low, high)


def translation_table(
    checkins: Sequence[CheckInFacts], *, minimum: int = MIN_SENSATION_COUNT, top: int = 3,
    prior_weight: float = PRIOR_WEIGHT, limit: int = MAX_ROWS,
) -> list[TranslationRow]:
    """The `limit` most frequent sensations (marked at least `minimum` times) and the `top`
    families named with them by shrunk estimate; most frequent sensation first."""
    return translation_from(tally_of(checkins, {}), minimum=minimum, top=top,
                            prior_weight=prior_weight, limit=limit)


def translation_from(
    tally: Tally, *, minimum: int = MIN_SENSATION_COUNT, top: int = 3,
    prior_weight: float = PRIOR_WEIGHT, limit: int = MAX_ROWS,
) -> list[TranslationRow]:
    if not tally.relevant:
        return []
    family_counts = tally.family_counts
    by_sensation: dict[tuple[str, str], dict[str, int]] = {}
    for key, k in tally.pair_counts.items():
        r, q, f = key.split(SEP)
        by_sensation.setdefault((r, q), {})[f] = k
    sensation_counts = {tuple(key.split(SEP)): n for key, n in tally.sensation_counts.items()}
    total = tally.relevant
    chosen: list[tuple[str, str, int, list[tuple[str, int]]]] = []
    for (region, quality), n in sorted(sensation_counts.items(), key=lambda i: (-i[1], i[0])):
        if n < minimum or len(chosen) >= limit:
            break
        # Rank by the shrunk estimate (cheap), then work out intervals for the top few only.
        ranked = sorted(
            by_sensation[(region, quality)].items(),
            key=lambda item: (-_shrunk(item[1], n, family_counts[item[0]] / total,
                                       prior_weight), item[0]),
        )
        chosen.append((region, quality, n, ranked[:top]))
    params = [(k, n, min(max(family_counts[f] / total, BASE_LIMITS[0]), BASE_LIMITS[1]))
              for _r, _q, n, ranked in chosen for f, k in ranked]
    a = np.array([k + prior_weight * base for k, _n, base in params])
    b = np.array([n - k + prior_weight * (1 - base) for k, n, base in params])
    intervals = iter(beta_intervals(a, b) if params else np.empty((0, 2)))
    rows = []
    for region, quality, n, ranked in chosen:
        strengths = []
        for f, k in ranked:
            low, high = next(intervals)
            estimate = _shrunk(k, n, family_counts[f] / total, prior_weight)
            strengths.append(Strength(f, k, n, k / n, estimate, float(low), float(high)))
        rows.append(TranslationRow(region, quality, n, tuple(strengths)))
    return rows
