"""All insights for one person, from plain data: `compute()` is the single entry point.

Pure and typed (no Django), so it is tested without a database and benchmarked on its own.
The pieces live in small modules: granularity.py, words.py, body.py, patterns.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from . import body, granularity, patterns, words
from .facts import CheckInFacts, JournalWords, PracticeFacts, ScoreSeries

MIN_CHECKINS = 3  # below this the page shows what will appear, not numbers
ATLAS_RECENT_DAYS = 91


@dataclass(frozen=True)
class WeeklySummary:
    start: date
    end: date
    checkins: int
    new_words: tuple[str, ...]
    distinct_words: int
    top_family: str | None
    not_sure: int
    practices: int
    sentences: tuple[str, ...]


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
    summary: WeeklySummary
    family_labels: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.checkins < MIN_CHECKINS


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def weekly_summary(
    checkins: Sequence[CheckInFacts], practices: Sequence[PracticeFacts],
    uses: Sequence[words.WordUse], *, now: datetime, family_labels: Mapping[str, str],
) -> WeeklySummary:
    """The last seven days in plain words: what happened, never how well."""
    since = now - timedelta(days=7)
    week = [c for c in checkins if since < c.when <= now]
    new = tuple(u.word for u in sorted(words.first_used_since(uses, since),
                                       key=lambda u: u.first_used))
    distinct = len({w.word for c in week for w in c.words})
    families: Counter[str] = Counter(f for c in week for f in c.families)
    top = families.most_common(1)[0][0] if families else None
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
        if top is not None:
            sentences.append("The feelings you named most were in the "
                             f"{family_labels.get(top, top).lower()} family.")
        if unsure:
            sentences.append(f"{_plural(unsure, 'time')} you answered \u201cnot sure\u201d: "
                             "noticing that you can't tell yet is part of the practice too.")
    if practised:
        sentences.append(f"You did {_plural(practised, 'practice')}.")
    return WeeklySummary(since.date(), now.date(), len(week), new, distinct, top, unsure,
                         practised, tuple(sentences))


def compute(
    checkins: Sequence[CheckInFacts],
    *,
    now: datetime,
    rating_items: Sequence[str],
    pleasantness: Mapping[str, float],
    journal: Sequence[JournalWords] = (),
    practices: Sequence[PracticeFacts] = (),
    series: Sequence[ScoreSeries] = (),
    family_labels: Mapping[str, str] | None = None,
) -> Insights:
    """Every insight, for check-ins in any order. `now` is local, like the check-in times."""
    family_labels = dict(family_labels or {})
    today = now.date()
    ordered = sorted(checkins, key=lambda c: c.when)
    items = granularity.split_by_valence(rating_items, pleasantness)
    occasions = [granularity.Occasion(c.when.date(), c.ratings) for c in ordered if c.ratings]
    recent_start = today - timedelta(days=granularity.WINDOW_DAYS - 1)
    recent = [o for o in occasions if o.day >= recent_start]
    uses = words.words_in_use(ordered, journal)
    atlas_since = now - timedelta(days=ATLAS_RECENT_DAYS)
    early_until = ordered[0].when + timedelta(days=ATLAS_RECENT_DAYS) if ordered else now
    return Insights(
        today=today,
        checkins=len(ordered),
        granularity_now={v: granularity.granularity(recent, items[v], v)
                         for v in granularity.VALENCES},
        granularity_windows=granularity.rolling(occasions, items, today=today),
        rating_items={k: tuple(v) for k, v in items.items()},
        specificity=words.specificity_by_week(ordered),
        words_used=uses,
        distinct_30_days=words.distinct_recent(ordered, journal, now=now),
        new_words=words.first_used_since(uses, now - timedelta(days=words.NEW_DAYS)),
        atlas=body.atlas(ordered),
        atlas_recent=body.atlas([c for c in ordered if c.when >= atlas_since]),
        # "Then and now" only once the two periods do not overlap.
        atlas_early=body.atlas([c for c in ordered if c.when < early_until])
        if early_until <= atlas_since else {},
        translation=body.translation_table(ordered),
        contexts={f: patterns.by_context(ordered, f) for f in ("doing", "with_whom", "where")},
        triggers=patterns.by_trigger(ordered),
        needs=patterns.by_need(ordered),
        times_of_day=patterns.by_time_of_day(ordered),
        weekdays=patterns.by_weekday(ordered),
        practice_effects=patterns.practice_effects(practices),
        trends=[t for s in series if (t := patterns.questionnaire_trend(s)) is not None],
        summary=weekly_summary(ordered, practices, uses, now=now, family_labels=family_labels),
        family_labels=family_labels,
    )
