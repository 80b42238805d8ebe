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

PRIOR_WEIGHT = 4.0
MIN_SENSATION_COUNT = 5  # a sensation marked fewer times is not in the table
INTERVAL = 0.90
_GRID = np.linspace(0.0, 1.0, 4001)[1:-1]  # open interval: the density may be infinite at 0 or 1


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
    total: Counter[str] = Counter()
    regions: dict[str, Counter[str]] = {}
    qualities: dict[tuple[str, str], Counter[str]] = {}
    for c in checkins:
        if not c.sensations:
            continue
        marked = {s.region for s in c.sensations}
        for family in c.families:
            total[family] += 1
            regions.setdefault(family, Counter()).update(marked)
            for s in c.sensations:
                qualities.setdefault((family, s.region), Counter())[s.quality] += 1
    found = {}
    for family, n in total.items():
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


def beta_interval(a: float, b: float, mass: float = INTERVAL) -> tuple[float, float]:
    """Central `mass` interval of Beta(a, b) (a, b > 0), by integrating its density on a fine
    grid; accurate to about 1e-3, plenty for a table."""
    if a <= 0 or b <= 0:
        raise ValueError("Beta parameters must be positive.")
    log_density = (a - 1) * np.log(_GRID) + (b - 1) * np.log1p(-_GRID)
    density = np.exp(log_density - log_density.max())
    cumulative = np.cumsum(density)
    cumulative /= cumulative[-1]
    tail = (1 - mass) / 2
    low = float(np.interp(tail, cumulative, _GRID))
    high = float(np.interp(1 - tail, cumulative, _GRID))
    return low, high


def _shrunk(k: int, n: int, base: float, prior_weight: float) -> float:
    base = min(max(base, 1e-3), 1 - 1e-3)
    return (k + prior_weight * base) / (n + prior_weight)


def strength(k: int, n: int, base: float, family: str = "",
             prior_weight: float = PRIOR_WEIGHT) -> Strength:
    """The shrunk estimate and interval for k of n (see the module's docstring)."""
    if not 0 <= k <= n:
        raise ValueError("Need 0 ≤ k ≤ n.")
    base = min(max(base, 1e-3), 1 - 1e-3)  # keep the prior proper
    a = k + prior_weight * base
    b = n - k + prior_weight * (1 - base)
    low, high = beta_interval(a, b)
    return Strength(family, k, n, k / n if n else 0.0, a / (a + b), low, high)


def translation_table(
    checkins: Sequence[CheckInFacts], *, minimum: int = MIN_SENSATION_COUNT, top: int = 3,
    prior_weight: float = PRIOR_WEIGHT,
) -> list[TranslationRow]:
    """Frequent sensations and the families named with them, most frequent sensation first."""
    relevant = [c for c in checkins if c.sensations and c.words]
    if not relevant:
        return []
    family_counts: Counter[str] = Counter()
    by_sensation: dict[tuple[str, str], Counter[str]] = {}
    sensation_counts: Counter[tuple[str, str]] = Counter()
    for c in relevant:
        families = c.families
        family_counts.update(families)
        for key in {(s.region, s.quality) for s in c.sensations}:
            sensation_counts[key] += 1
            by_sensation.setdefault(key, Counter()).update(families)
    total = len(relevant)
    rows = []
    for (region, quality), n in sorted(sensation_counts.items(), key=lambda i: (-i[1], i[0])):
        if n < minimum:
            continue
        # Rank by the shrunk estimate (cheap), then work out intervals for the top few only.
        ranked = sorted(
            by_sensation[(region, quality)].items(),
            key=lambda item: (-_shrunk(item[1], n, family_counts[item[0]] / total,
                                       prior_weight), item[0]),
        )
        strengths = tuple(strength(k, n, family_counts[f] / total, f, prior_weight)
                          for f, k in ranked[:top])
        rows.append(TranslationRow(region, quality, n, strengths))
    return rows
