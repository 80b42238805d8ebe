"""Demo data for `feelmap demo`: the demo person part-way through the path (week 4 of 8),
with practice days on most but not all days, and reminder settings (e-mail off)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from . import content, services, state
from .schemas import DayDone, ReminderSettingsIn


def generate(user, *, days: int, per_day: int, rng, progress) -> None:
    span = max(1, min(days, 28))  # about four weeks on the path
    first_day = timezone.localdate() - timedelta(days=span)
    started = timezone.make_aware(datetime.combine(first_day, time(7, 0)))
    run = services.start_program(user, state.tailoring_for(user), start_week=1, when=started)
    total = 0
    for offset in range(span):
        if rng.random() < 0.3:  # missed days are simply missed
            continue
        day = first_day + timedelta(days=offset)
        when = timezone.make_aware(datetime.combine(day, time(rng.randint(8, 21), rng.randint(0, 59))))
        run.refresh_from_db()
        if not run.active:
            break
        options = content.options(run.current_week)
        services.record_day(
            user,
            DayDone(practice=rng.choice(options).key,
                             tried_with_someone=rng.random() < 0.2),
            day=day, when=when,
        )
        total += 1
        progress("path days", total, span)
    progress("path days", span, span)
    services.save_reminder_settings(user, ReminderSettingsIn(
        email_enabled=False, times=["08:30", "19:00"], days=[1, 2, 3, 4, 5], time_zone="UTC",
        quiet_start="22:00", quiet_end="07:00", purposes=["checkin", "program"]))
