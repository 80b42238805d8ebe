"""All insights for one person, from plain data: `compute()` is the single entry point.

Pure and typed (no Django), so it is tested without a database and benchmarked on its own.
The pieces live in small modules: granularity.py, words.py, body.py, patterns.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from . import body, granularity, patterns, words
from .facts import CheckInFacts, HeartbeatFacts, JournalWords, PracticeFacts, ScoreSeries
from .tally import Tally

BODY_STATES = "body"  # the vocabulary's group of body states (lexicon's BODY_STATE)
MIN_CHECKINS = 3  # below this the page shows what will appear, not numbers
ATLAS_RECENT_DAYS = 91
TRIGGER_DAYS = 365  # triggers and needs are grouped over the last year


@dataclass(frozen=True)
class WeeklySummary:
    start: date
    end: date
    checkins: int
    new_words: tuple[str, ...]
    distinct_words: int
    top_family: str | None  # the family of feelings named most (body states are not one)
    not_sure: int
    practices: int
    sentences: tuple[str, ...]
    body_states: tuple[str, ...] = ()  # body states named this week, most named first
    mostly_body_states: bool = False  # more body states than feeling words


@dataclass(frozen=True)
class Insights:
    today: date
    checkins: int
    granularity_now: dict[str, granularity.Granularity]
    granularity_windows: list[granularity.WindowScore]
    rating_items: dict[str, tuple[str, ...]]
    specificity: list[words.WeekLevel]
    words_used: list[words.WordUse]
    distinct_30_days: int
    new_words: list[words.WordUse]  # first used in the last NEW_DAYS days
    atlas: dict[str, body.FamilyAtlas]
    atlas_recent: dict[str, body.FamilyAtlas]  # the last ATLAS_RECENT_DAYS days only
    atlas_early: dict[str, body.FamilyAtlas]  # the first ATLAS_RECENT_DAYS days, if apart
    translation: list[body.TranslationRow]
    contexts: dict[str, list[patterns.Group]]
    triggers: list[patterns.Group]
    needs: list[patterns.Group]
    times_of_day: list[patterns.Group]
    weekdays: list[patterns.Group]
    practice_effects: list[patterns.PracticeEffect]
    trends: list[patterns.Trend]
    heartbeat: list[patterns.HeartbeatTrend]
    summary: WeeklySummary
    family_labels: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.checkins < MIN_CHECKINS


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def weekly_summary(
    checkins: Sequence[CheckInFacts], practices: Sequence[PracticeFacts],
    uses: Sequence[words.WordUse], *, now: datetime, family_labels: Mapping[str, str],
) -> WeeklySummary:
    """The last seven days in plain words: what happened, never how well.

    Body states (tired, hungry, in pain…) are a group of their own in the vocabulary, not a
    family of feelings: they are never given as the family named most, and a week named
    mostly with them says so."""
    since = now - timedelta(days=7)
    week = [c for c in checkins if since < c.when <= now]
    new = tuple(u.word for u in sorted(words.first_used_since(uses, since),
                                       key=lambda u: u.first_used))
    distinct = len({w.word for c in week for w in c.words})
    families: Counter[str] = Counter(f for c in week for f in c.families if f != BODY_STATES)
    top = min(families.items(), key=lambda i: (-i[1], i[0]))[0] if families else None
    states: Counter[str] = Counter(w.word for c in week for w in c.words
                                   if w.family == BODY_STATES)
    feeling_words = sum(1 for c in week for w in c.words if w.family != BODY_STATES)
    named_states = tuple(w for w, _n in sorted(states.items(), key=lambda i: (-i[1], i[0])))
    mostly_states = sum(states.values()) > feeling_words
    unsure = sum(1 for c in week if c.not_sure)
    practised = sum(1 for p in practices if since < p.when <= now)
    sentences: list[str] = []
    if not week:
        sentences.append("There are no check-ins from the last seven days. Whenever you "
                         "check in, this summary fills in.")
    else:
        sentences.append(f"In the last seven days you checked in {_plural(len(week), 'time')}"
                         f" and used {_plural(distinct, 'different word')}.")
        if new:
            sentences.append(f"You used {_plural(len(new), 'word')} for the first time: "
                             f"{', '.join(new)}.")
        if mostly_states:
            sentences.append(
                f"This week you noticed body states like {_listed(named_states[:3])} more "
                "than feelings. Body states count too: noticing them is often where naming a "
                "feeling starts.")
        if top is not None:
            sentences.append(("Among the feelings, the ones you named most were in the "
                              if mostly_states else "The feelings you named most were in the ")
                             + f"{family_labels.get(top, top).lower()} family.")
        if unsure:
            sentences.append(f"{_plural(unsure, 'time')} you answered \u201cnot sure\u201d: "
                             "noticing that you can't tell yet is part of the practice too.")
    if practised:
        sentences.append(f"You did {_plural(practised, 'practice')}.")
    return WeeklySummary(since.date(), now.date(), len(week), new, distinct, top, unsure,
                         practised, tuple(sentences), named_states, mostly_states)


@dataclass(frozen=True)
class Part:
    """A stored tally of every check-in (and journal word) from `start` up to `end`."""

    start: datetime  # local, inclusive
    end: datetime  # local, exclusive
    tally: Tally


class Window:
    """Sums over [low, high): the stored parts inside it and the raw check-ins in it. A stored
    part must lie wholly inside or wholly outside (the loader keeps the straddling weeks raw)."""

    def __init__(self, parts: Sequence[Part], raw: Sequence[CheckInFacts],
                 items: Mapping[str, Sequence[str]]):
        self.parts, self.raw, self.items = parts, raw, items

    def tally(self, low: datetime | None = None, high: datetime | None = None,
              merge: Callable[[Tally, Tally], object] = Tally.merge) -> Tally:
        """The tally of the window; `merge` may add up only what the caller will read (the
        raw check-ins in the window always come in whole)."""
        found = Tally()
        for part in self.parts:
            if (low is None or part.start >= low) and (high is None or part.end <= high):
                merge(found, part.tally)
            elif (low is None or part.end > low) and (high is None or part.start < high):
                raise ValueError(f"A stored week ({part.start:%Y-%m-%d}) straddles a window "
                                 "edge: it should have been read as it is.")
        found.add_checkins((c for c in self.raw if (low is None or c.when >= low)
                            and (high is None or c.when < high)), self.items)
        return found


def compute(
    checkins: Sequence[CheckInFacts],
    *,
    now: datetime,
    rating_items: Sequence[str],
    pleasantness: Mapping[str, float],
    journal: Sequence[JournalWords] = (),
    practices: Sequence[PracticeFacts] = (),
    series: Sequence[ScoreSeries] = (),
    heartbeat: Sequence[HeartbeatFacts] = (),
    family_labels: Mapping[str, str] | None = None,
) -> Insights:
    """Every insight, for check-ins in any order. `now` is local, like the check-in times."""
    return compute_parts((), checkins, now=now, rating_items=rating_items,
                         pleasantness=pleasantness, journal=journal, practices=practices,
                         series=series, heartbeat=heartbeat, family_labels=family_labels)


def raw_since(now: datetime) -> datetime:
    """Check-ins from here on must be given as they are (the weekly summary and the words of
    the last 30 days count single check-ins); earlier ones may come as stored parts."""
    return now - timedelta(days=words.RECENT_DAYS)


def window_edges(now: datetime, first: datetime | None) -> list[datetime]:
    """The moments where a window starts or ends, other than `raw_since`: a stored part may
    not hold one of these inside it."""
    edges = [now - timedelta(days=ATLAS_RECENT_DAYS), now - timedelta(days=TRIGGER_DAYS)]
    if first is not None:
        edges.append(first + timedelta(days=ATLAS_RECENT_DAYS))
    return edges


def compute_parts(
    parts: Sequence[Part],
    checkins: Sequence[CheckInFacts],
    *,
    now: datetime,
    rating_items: Sequence[str],
    pleasantness: Mapping[str, float],
    journal: Sequence[JournalWords] = (),
    practices: Sequence[PracticeFacts] = (),
    series: Sequence[ScoreSeries] = (),
    heartbeat: Sequence[HeartbeatFacts] = (),
    family_labels: Mapping[str, str] | None = None,
    practice_effects: Sequence[patterns.PracticeEffect] | None = None,
) -> Insights:
    """Every insight from stored parts (tallies of whole weeks, see tally.py) and the rest of
    the check-ins and journal words as they are. With no parts this is `compute`; with parts,
    the answer is the same as `compute` over all the check-ins the parts stand for, provided
    every part ends before `raw_since(now)` and holds none of `window_edges` inside it.
    `practice_effects`, when given (added up by the database), stands for the practices'
    before/after changes; then `practices` need only hold the last seven days'."""
    family_labels = dict(family_labels or {})
    today = now.date()
    recent_from = raw_since(now)
    if any(p.end > recent_from for p in parts):
        raise ValueError("Stored parts must end before the last 30 days.")
    items = granularity.split_by_valence(rating_items, pleasantness)
    ordered = sorted(checkins, key=lambda c: c.when)
    window = Window(parts, ordered, {str(k): v for k, v in items.items()})
    everything = window.tally()
    everything.add_journal(journal)
    first = everything.first_moment()
    atlas_since = now - timedelta(days=ATLAS_RECENT_DAYS)
    early_until = first + timedelta(days=ATLAS_RECENT_DAYS) if first is not None else now
    recent_journal = [j for j in journal if j.when >= recent_from]
    recent = [c for c in ordered if c.when >= recent_from]
    uses = words.words_from(everything)
    now_scores, windows = granularity.from_day_stats(
        everything.days_sorted(), items, today=today)
    free_text = window.tally(now - timedelta(days=TRIGGER_DAYS),
                             merge=lambda t, o: t.merge_groups(o, ("trigger", "need")))
    return Insights(
        today=today,
        checkins=everything.checkins,
        granularity_now={str(k): v for k, v in now_scores.items()},
        granularity_windows=windows,
        rating_items={k: tuple(v) for k, v in items.items()},
        specificity=words.specificity_from(everything),
        words_used=uses,
        distinct_30_days=words.distinct_recent(recent, recent_journal, now=now),
        new_words=words.first_used_since(uses, now - timedelta(days=words.NEW_DAYS)),
        atlas=body.atlas_from(everything),
        atlas_recent=body.atlas_from(window.tally(atlas_since, merge=Tally.merge_atlas)),
        # "Then and now" only once the two periods do not overlap.
        atlas_early=body.atlas_from(window.tally(None, early_until, merge=Tally.merge_atlas))
        if early_until <= atlas_since else {},
        translation=body.translation_from(everything),
        contexts={f: patterns.groups_from(everything, f) for f in ("doing", "with_whom", "where")},
        triggers=patterns.groups_from(free_text, "trigger"),
        needs=patterns.groups_from(free_text, "need"),
        times_of_day=patterns.groups_from(everything, "time_of_day"),
        weekdays=patterns.groups_from(everything, "weekday"),
        practice_effects=(list(practice_effects) if practice_effects is not None
                          else patterns.practice_effects(practices)),
        trends=[t for s in series if (t := patterns.questionnaire_trend(s)) is not None],
        heartbeat=patterns.heartbeat_trends(heartbeat),
        summary=weekly_summary(recent, practices, uses, now=now, family_labels=family_labels),
        family_labels=family_labels,
    )
