"""The reminder schedule as an iCalendar feed (RFC 5545), for any calendar app to deliver.

One weekly repeating event per reminder time, in the person's own time zone (TZID with its
VTIMEZONE), so the calendar keeps 08:30 at 08:30 across daylight-saving changes. Times inside
quiet hours are left out. Each event has a display alarm at its start.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from .schedule import in_quiet_hours, local_moment

ISO_DAYS = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}
PURPOSE_WORDS = {
    "checkin": "a check-in",
    "practice": "a practice",
    "program": "today's step of your path",
    "questionnaire": "a questionnaire, if one is due",
    "booster": "a booster session, if one is due",
}


def description(purposes: list[str]) -> str:
    wanted = [PURPOSE_WORDS[p] for p in purposes if p in PURPOSE_WORDS] or ["a check-in"]
    return ("Whenever you are ready: " + ", ".join(wanted) + ". "
            "If now is not a good time, that's fine; there is no catching up to do.")


def build_feed(*, owner_key: str, times: list[str], days: list[int], zone_name: str,
               quiet_start: time | None, quiet_end: time | None, purposes: list[str],
               first_day: date, extra: Sequence[tuple[str, date]] = (), now: datetime | None = None,
               app_url: str = "") -> bytes:
    """The calendar as bytes. `extra` adds one-off events (title, day) at the first time."""
    zone = ZoneInfo(zone_name)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//Feelmap//Reminders//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Feelmap reminders")
    text = description(purposes)
    usable = [t for t in sorted(times)
              if not in_quiet_hours(time.fromisoformat(t), quiet_start, quiet_end)]
    byday = [ISO_DAYS[d] for d in sorted(set(days)) if d in ISO_DAYS]
    if byday:
        for at in usable:
            start = local_moment(first_day, time.fromisoformat(at), zone)
            event = Event()
            event.add("uid", f"{owner_key}-{at.replace(':', '')}@feelmap")
            event.add("dtstamp", stamp)
            event.add("dtstart", start)
            event.add("duration", timedelta(minutes=10))
            event.add("rrule", {"freq": "weekly", "byday": byday})
            event.add("summary", "Feelmap: a few minutes for yourself")
            event.add("description", text + (f"\n{app_url}" if app_url else ""))
            event.add("transp", "TRANSPARENT")
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", "Feelmap: whenever you are ready")
            alarm.add("trigger", timedelta(0))
            event.add_component(alarm)
            cal.add_component(event)
    first_at = time.fromisoformat(usable[0]) if usable else time(9, 0)
    for title, day in extra:
        event = Event()
        event.add("uid", f"{owner_key}-{day:%Y%m%d}-{zlib.crc32(title.encode()):08x}@feelmap")
        event.add("dtstamp", stamp)
        event.add("dtstart", local_moment(day, first_at, zone))
        event.add("duration", timedelta(minutes=15))
        event.add("summary", f"Feelmap: {title}")
        event.add("description", "Whenever you are ready. There's no rush.")
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
