"""What "today" is for a person: their calendar date in their own time zone.

The server's clock is one moment everywhere; a date is not. At 23:30 in Auckland it is still
the morning before in UTC, and at 17:00 in Los Angeles it is already tomorrow in UTC. Anything
that is about a person's day (a program day done, a suggestion due, a booster, a reminder's
"is anything due", the home page's plan) asks `person_today(user)`; anything that turns a
stored moment into that person's date uses `local_date(moment, person_zone(user))`.

The zone is the person's `time_zone` setting (accounts.User, chosen on the Reminders page);
an empty or unknown name means the server's zone (settings.TIME_ZONE), as before.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone


def zone_named(name: str | None) -> tzinfo:
    """The zone called `name`, or the server's zone if the name is empty or unknown."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return timezone.get_default_timezone()


def person_zone(user: object) -> tzinfo:
    """The person's own zone (the server's while they have not chosen one)."""
    return zone_named(getattr(user, "time_zone", "") or "")


def local_date(moment: datetime, zone: tzinfo) -> date:
    """The calendar date of an aware `moment` on a clock in `zone`."""
    return moment.astimezone(zone).date()


def person_today(user: object, now: datetime | None = None) -> date:
    """Today's date where the person is (now: `timezone.now()` unless given)."""
    return local_date(now or timezone.now(), person_zone(user))


def day_starts(day: date, zone: tzinfo) -> datetime:
    """The aware moment `day` begins in `zone` (for "since the start of today" queries)."""
    return timezone.make_aware(datetime.combine(day, datetime.min.time()), zone)
