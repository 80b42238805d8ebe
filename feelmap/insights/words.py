"""Label precision and vocabulary growth (pure functions over plain data).

- Specificity per week: the mean vocabulary level (1 family word, 2 common, 3 nuanced) of the
  words chosen that week.
- Distinct words in the last 30 days.
- Words used for the first time, with when; the newest are marked on the feelings wheel.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .facts import CheckInFacts, JournalWords, Named
from .tally import Tally, tally_of

RECENT_DAYS = 30
NEW_DAYS = 14  # a word first used in the last two weeks counts as new on the wheel


def week_start(day: date) -> date:
    """The Monday of the week holding `day`."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekLevel:
    week: date  # its Monday
    words: int
    mean_level: float


@dataclass(frozen=True)
class WordUse:
    word: str
    family: str
    level: int
    uses: int
    first_used: datetime


def _uses(
    checkins: Iterable[CheckInFacts], journal: Iterable[JournalWords]
) -> Iterable[tuple[datetime, Named]]:
    for c in checkins:
        for w in c.words:
            yield c.when, w
    for j in journal:
        for w in j.words:
            yield j.when, w


def specificity_by_week(checkins: Iterable[CheckInFacts]) -> list[WeekLevel]:
    """Mean level of the words chosen in check-ins, per week with any, oldest first."""
    return specificity_from(tally_of(checkins, {}))


def specificity_from(tally: Tally) -> list[WeekLevel]:
    return [WeekLevel(date.fromordinal(week), n, s / n)
            for week, (n, s) in sorted(tally.levels.items())]


def words_in_use(
    checkins: Iterable[CheckInFacts], journal: Iterable[JournalWords] = ()
) -> list[WordUse]:
    """Every vocabulary word the person has used, newest first use first."""
    return words_from(tally_of(checkins, {}, journal))


def words_from(tally: Tally) -> list[WordUse]:
    uses = [WordUse(word, family, level, count, datetime.fromisoformat(first))
            for word, (family, level, count, first) in tally.words.items()]
    return sorted(uses, key=lambda u: (u.first_used, u.word), reverse=True)


def distinct_recent(
    checkins: Iterable[CheckInFacts], journal: Iterable[JournalWords], *, now: datetime,
    days: int = RECENT_DAYS,
) -> int:
    since = now - timedelta(days=days)
    return len({w.word for when, w in _uses(checkins, journal) if since <= when <= now})


def first_used_since(uses: Sequence[WordUse], since: datetime) -> list[WordUse]:
    return [u for u in uses if u.first_used >= since]
