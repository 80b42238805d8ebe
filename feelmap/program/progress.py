"""Progress through the path and when boosters are due: pure functions over plain dates.

- A week is done after DAYS_FOR_A_WEEK practice days in it; then the path moves on by itself.
  The person may also move on, or go back, whenever they like.
- The calendar never moves anyone on: missed days are simply missed, and coming back after a
  break picks up in the week the person was in.
- Boosters: about one month (BOOSTER_DAYS["1m"]) and three months (["3m"]) after the path was
  finished. A booster can be taken early, any time; a due booster stays due until done.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

DAYS_FOR_A_WEEK = 5
BOOSTER_DAYS: dict[str, int] = {"1m": 30, "3m": 91}
BOOSTER_TITLES: dict[str, str] = {"1m": "One-month booster", "3m": "Three-month booster"}


@dataclass(frozen=True)
class Step:
    """What recording one more day does: the week after it, and whether the path is done."""

    week: int
    days_in_week: int
    moved_on: bool
    finished: bool


def after_day(week: int, days_in_week_before: int, weeks: int) -> Step:
    """The week and count after one more practice day was recorded in `week`."""
    if not 1 <= week <= weeks:
        raise ValueError(f"week must be between 1 and {weeks}")
    days = days_in_week_before + 1
    if days < DAYS_FOR_A_WEEK:
        return Step(week, days, False, False)
    if week == weeks:
        return Step(week, days, False, True)
    return Step(week + 1, 0, True, False)


@dataclass(frozen=True)
class BoosterDue:
    which: str
    title: str
    due_on: date
    done: bool
    due_now: bool


def boosters(finished_on: date | None, done: Iterable[str], today: date) -> list[BoosterDue]:
    """Both boosters with their dates; empty until the path is finished."""
    if finished_on is None:
        return []
    taken = set(done)
    out = []
    for which, days in BOOSTER_DAYS.items():
        due_on = finished_on + timedelta(days=days)
        is_done = which in taken
        out.append(BoosterDue(which, BOOSTER_TITLES[which], due_on, is_done,
                              not is_done and due_on <= today))
    return out


def next_booster(finished_on: date | None, done: Iterable[str]) -> str:
    """Which booster taking one now counts as: the first not yet done, else "any"."""
    taken = set(done)
    if finished_on is None:
        return "any"
    for which in BOOSTER_DAYS:
        if which not in taken:
            return which
    return "any"


def welcome_back(last_day: date | None, today: date) -> bool:
    """True after a break of a week or more: the page then says where the person is, gently."""
    return last_day is not None and (today - last_day).days >= 7
