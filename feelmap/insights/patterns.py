"""Patterns in the check-ins, practices and questionnaires (pure functions over plain data).

Each pattern is a set of groups (a context, a trigger, a time of day…) with how many check-ins
fell in it, the mean pleasantness and energy there, and the families named most. Groups with
fewer than MIN_GROUP check-ins are left out: a mean of two is a story, not a pattern.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from statistics import fmean
from typing import Any

from .facts import CheckInFacts, HeartbeatFacts, PracticeFacts, ScoreSeries
from .tally import HOURS as _HOURS
from .tally import TIMES_OF_DAY, WEEKDAYS, Tally, tally_of

MIN_GROUP = 5


@dataclass(frozen=True)
class Group:
    key: str
    count: int
    pleasantness: float | None  # mean over the check-ins placed on the affect grid
    energy: float | None
    families: tuple[tuple[str, int], ...]  # the most named, most first (up to three)


def time_of_day(hour: int) -> str:
    if hour not in _HOURS:
        raise ValueError(f"No time of day for hour {hour}.")
    return _HOURS[hour]


def group_by(
    checkins: Iterable[CheckInFacts], key: Callable[[CheckInFacts], str],
    *, minimum: int = MIN_GROUP,
) -> list[Group]:
    """Check-ins grouped by `key` (empty keys left out), largest group first."""
    # One pass with running sums: this runs over every check-in for several patterns.
    sums: dict[str, list[Any]] = {}  # key -> [count, Σp, n_p, Σe, n_e, [families]]
    for c in checkins:
        k = key(c)
        if not k:
            continue
        acc = sums.get(k)
        if acc is None:
            acc = sums[k] = [0, 0.0, 0, 0.0, 0, []]
        acc[0] += 1
        if c.pleasantness is not None:
            acc[1] += c.pleasantness
            acc[2] += 1
        if c.energy is not None:
            acc[3] += c.energy
            acc[4] += 1
        if c.families:
            acc[5].extend(c.families)
    return _groups({k: [*v[:5], Counter(v[5])] for k, v in sums.items()}, minimum)


def _groups(sums: dict[str, list[Any]], minimum: int) -> list[Group]:
    groups = []
    for k, (count, sp, n_p, se, n_e, families) in sums.items():
        if count < minimum:
            continue
        ranked = sorted(families.items(), key=lambda i: (-i[1], i[0]))[:3]
        groups.append(Group(k, count, sp / n_p if n_p else None, se / n_e if n_e else None,
                            tuple(ranked)))
    return sorted(groups, key=lambda g: (-g.count, g.key))


def groups_from(tally: Tally, kind: str, *, minimum: int = MIN_GROUP) -> list[Group]:
    """The groups of one kind ("doing", "with_whom", "where", "trigger", "need",
    "time_of_day", "weekday") from a tally; times of day and weekdays in their own order."""
    found = _groups(tally.groups_of(kind), minimum)
    order = {"time_of_day": [name for name, _s, _e in TIMES_OF_DAY],
             "weekday": list(WEEKDAYS)}.get(kind)
    if order is not None:
        by_key = {g.key: g for g in found}
        return [by_key[name] for name in order if name in by_key]
    return found


def by_context(checkins: Sequence[CheckInFacts], field: str) -> list[Group]:
    if field not in ("doing", "with_whom", "where"):
        raise ValueError(f"Not a context field: {field}")
    return groups_from(tally_of(checkins, {}), field)


def by_trigger(checkins: Sequence[CheckInFacts]) -> list[Group]:
    return groups_from(tally_of(checkins, {}), "trigger")


def by_need(checkins: Sequence[CheckInFacts]) -> list[Group]:
    return groups_from(tally_of(checkins, {}), "need")


def by_time_of_day(checkins: Sequence[CheckInFacts]) -> list[Group]:
    return groups_from(tally_of(checkins, {}), "time_of_day")


def by_weekday(checkins: Sequence[CheckInFacts]) -> list[Group]:
    return groups_from(tally_of(checkins, {}), "weekday")


@dataclass(frozen=True)
class PracticeEffect:
    kind: str
    pairs: int  # practices with a check-in both before and after
    pleasantness_change: float  # mean of after − before
    energy_change: float
    better: int  # pairs where pleasantness rose
    same: int
    worse: int


def practice_effects(practices: Iterable[PracticeFacts]) -> list[PracticeEffect]:
    """Mean change from the check-in before a practice to the one after, per kind."""
    pairs: dict[str, list[tuple[float, float]]] = {}
    for p in practices:
        if p.before is not None and p.after is not None:
            pairs.setdefault(p.kind, []).append(
                (p.after[0] - p.before[0], p.after[1] - p.before[1]))
    effects = []
    for kind, changes in sorted(pairs.items()):
        effects.append(PracticeEffect(
            kind, len(changes),
            fmean(c[0] for c in changes), fmean(c[1] for c in changes),
            sum(1 for c in changes if c[0] > 0), sum(1 for c in changes if c[0] == 0),
            sum(1 for c in changes if c[0] < 0),
        ))
    return effects


@dataclass(frozen=True)
class Trend:
    series: ScoreSeries
    first: float
    latest: float
    change: float
    # "better", "worse" or "no reliable change"; "" without published figures or one score
    verdict: str


def questionnaire_trend(series: ScoreSeries) -> Trend | None:
    """First and latest score and whether the change is beyond the reliable-change band."""
    if not series.scores:
        return None
    first, latest = series.scores[0].value, series.scores[-1].value
    change = latest - first
    verdict = ""
    if series.reliable_difference is not None and len(series.scores) > 1:
        if abs(change) <= series.reliable_difference:
            verdict = "no reliable change"
        else:
            verdict = "better" if (change > 0) == series.higher_is_better else "worse"
    return Trend(series, first, latest, change, verdict)


HEARTBEAT_TASKS = ("counting", "discrimination")


@dataclass(frozen=True)
class HeartbeatTrend:
    """One heartbeat task's accuracy over time: each session, and the first and last few."""

    kind: str
    sessions: tuple[tuple[datetime, float], ...]  # oldest first
    first_mean: float  # mean accuracy of the first `SPAN` sessions (fewer if there are fewer)
    last_mean: float  # and of the last `SPAN`
    span: int  # how many sessions each mean is over


def heartbeat_trends(sessions: Iterable[HeartbeatFacts], *, span: int = 3) -> list[HeartbeatTrend]:
    """Per task with accuracy scores, the sessions in order and the mean of the first and of
    the last `span` of them (with fewer than 2·span sessions, the halves)."""
    by_kind: dict[str, list[tuple[datetime, float]]] = {}
    for s in sessions:
        if s.kind in HEARTBEAT_TASKS:
            by_kind.setdefault(s.kind, []).append((s.when, s.accuracy))
    found = []
    for kind in HEARTBEAT_TASKS:
        scores = sorted(by_kind.get(kind, ()))
        if not scores:
            continue
        n = max(min(span, len(scores) // 2), 1)
        found.append(HeartbeatTrend(kind, tuple(scores), fmean(a for _w, a in scores[:n]),
                                    fmean(a for _w, a in scores[-n:]), n))
    return found
