"""When each questionnaire is due again: defaults, the pure rule, and the per-person query.

A questionnaire is due when it has never been answered, or when its interval has passed since
the last completed answer. A person can change the interval or turn one off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from feelmap.lib.days import local_date, person_zone

from .instruments import KEYS

# Two weeks matches the "last 2 weeks" timeframe of PHQ-9, GAD-7 and WHO-5; the trait
# questionnaires (PAQ, MAIA-2) change slowly, so four weeks is enough.
DEFAULT_INTERVALS: dict[str, int] = {"phq9": 14, "gad7": 14, "who5": 14, "paq": 28, "maia2": 28}
MIN_INTERVAL_DAYS = 7
MAX_INTERVAL_DAYS = 365


@dataclass(frozen=True)
class DueStatus:
    instrument: str
    interval_days: int
    active: bool
    last_date: date | None
    next_date: date | None  # None when turned off
    due: bool

    def describe(self, today: date) -> str:
        """Plain words for the index page."""
        if not self.active:
            return "Not shown as due: you turned this one off."
        if self.last_date is None:
            return "Not answered yet. Whenever you're ready."
        if self.due:
            return "Due now: it has been a while since the last time."
        assert self.next_date is not None  # nosec B101  # type narrowing; not due means a next date exists
        days = (self.next_date - today).days
        return f"Next in {days} day{'s' if days != 1 else ''} ({self.next_date.day} {self.next_date:%B})."


def due_status(
    instrument: str, *, interval_days: int, active: bool, last_date: date | None, today: date
) -> DueStatus:
    """The pure rule: due if never answered or `interval_days` have passed; never if off."""
    if not active:
        return DueStatus(instrument, interval_days, False, last_date, None, False)
    next_date = today if last_date is None else last_date + timedelta(days=interval_days)
    return DueStatus(instrument, interval_days, True, last_date, next_date, next_date <= today)


def settings_for(user) -> dict[str, tuple[int, bool]]:
    """instrument -> (interval days, active), defaults filled in."""
    from .models import AssessmentSchedule

    found = {key: (DEFAULT_INTERVALS[key], True) for key in KEYS}
    for row in AssessmentSchedule.objects.filter(owner=user):
        if row.instrument in found:
            found[row.instrument] = (row.interval_days, row.active)
    return found


def last_dates(user) -> dict[str, date]:
    """instrument -> local date of the latest completed answer."""
    from django.db.models import Max

    from .models import AssessmentResponse

    rows = (
        AssessmentResponse.objects.completed()
        .filter(owner=user)
        .values("instrument")
        .annotate(last=Max("completed_at"))
    )
    zone = person_zone(user)
    return {row["instrument"]: local_date(row["last"], zone) for row in rows}


def statuses(user, today: date) -> list[DueStatus]:
    """Every questionnaire's status for this person, in the usual order."""
    chosen = settings_for(user)
    last = last_dates(user)
    return [
        due_status(
            key,
            interval_days=chosen[key][0],
            active=chosen[key][1],
            last_date=last.get(key),
            today=today,
        )
        for key in KEYS
    ]


def due_instruments(user, today: date) -> list[str]:
    """Keys of the questionnaires due today (for the daily plan), in the usual order."""
    return [status.instrument for status in statuses(user, today) if status.due]
