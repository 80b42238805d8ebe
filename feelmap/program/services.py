"""Every write of the program app: pages, API and demo all come through here."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, time

from django.db import IntegrityError, transaction
from django.utils import timezone

from feelmap.accounts.models import User
from feelmap.lib.days import local_date, person_today, person_zone

from . import content, progress
from .models import Booster, Enrollment, ProgramDay, ReminderSettings
from .schemas import DayDone, ReminderSettingsIn
from .tailoring import Tailoring


class ProgramError(ValueError):
    """A request the program cannot follow, with a plain message for the person."""


def active_enrollment(user, *, for_update: bool = False) -> Enrollment | None:
    rows = Enrollment.objects.filter(owner=user, finished_at__isnull=True, stopped_at__isnull=True)
    if for_update:
        rows = rows.select_for_update()
    return rows.first()


def start_program(user, tailoring: Tailoring, *, start_week: int | None = None,
                  when: datetime | None = None) -> Enrollment:
    """Start the path (at the tailored week unless the person chose one). One at a time."""
    now = when or timezone.now()
    week = start_week or tailoring.start_week
    if not 1 <= week <= content.week_count():
        raise ProgramError(f"Choose a week from 1 to {content.week_count()}.")
    try:
        with transaction.atomic():
            if active_enrollment(user, for_update=True) is not None:
                raise ProgramError("You are already on the path.")
            return Enrollment.objects.create(
                owner=user, start_week=week, current_week=week,
                emphasis=list(tailoring.emphasis), reasons=list(tailoring.reasons),
                started_at=now, week_started_at=now,
            )
    except IntegrityError:  # two starts raced; the other one won
        raise ProgramError("You are already on the path.") from None


def stop_program(user, *, when: datetime | None = None) -> Enrollment | None:
    """Leave the path (what was done stays). Returns the stopped run, or None if none was active."""
    with transaction.atomic():
        found = active_enrollment(user, for_update=True)
        if found is None:
            return None
        found.stopped_at = when or timezone.now()
        found.save(update_fields=["stopped_at", "updated_at"])
        return found


def record_day(user, data: DayDone, *, day: date | None = None,
               when: datetime | None = None) -> ProgramDay:
    """Mark today's practice done. Doing it again the same day updates that day's record."""
    now = when or timezone.now()
    day = day or person_today(user, now)
    with transaction.atomic():
        run = active_enrollment(user, for_update=True)
        if run is None:
            raise ProgramError("Start the path first.")
        allowed = {p.key for p in content.options(run.current_week)}
        existing = ProgramDay.objects.filter(enrollment=run, day=day).first()
        if existing is not None:
            if data.practice not in {p.key for p in content.options(existing.week)}:
                raise ProgramError("Choose one of this week's practices.")
            existing.practice = data.practice
            existing.tried_with_someone = existing.tried_with_someone or data.tried_with_someone
            if data.note:
                existing.note = data.note
            existing.save()
            return existing
        if data.practice not in allowed:
            raise ProgramError("Choose one of this week's practices.")
        before = ProgramDay.objects.filter(enrollment=run, week=run.current_week).count()
        record = ProgramDay.objects.create(
            owner=user, enrollment=run, week=run.current_week, day=day,
            practice=data.practice, tried_with_someone=data.tried_with_someone, note=data.note,
        )
        step = progress.after_day(run.current_week, before, content.week_count())
        if step.finished:
            run.finished_at = now
            run.save(update_fields=["finished_at", "updated_at"])
        elif step.moved_on:
            run.current_week = step.week
            run.week_started_at = now
            run.save(update_fields=["current_week", "week_started_at", "updated_at"])
        return record


def move_week(user, direction: str, *, when: datetime | None = None) -> Enrollment:
    """Move on to the next week, or back to the one before, whenever the person likes."""
    with transaction.atomic():
        run = active_enrollment(user, for_update=True)
        if run is None:
            raise ProgramError("Start the path first.")
        if direction == "next":
            if run.current_week >= content.week_count():
                raise ProgramError("This is the last week. Finish it with a few practice days.")
            run.current_week += 1
        elif direction == "back":
            if run.current_week <= 1:
                raise ProgramError("This is the first week.")
            run.current_week -= 1
        else:
            raise ProgramError("Move to the next week or back.")
        run.week_started_at = when or timezone.now()
        run.save(update_fields=["current_week", "week_started_at", "updated_at"])
        return run


def record_booster(user, *, when: datetime | None = None) -> Booster:
    """A booster session done: counts as the next one due, or as an extra one ("any")."""
    now = when or timezone.now()
    with transaction.atomic():
        last = (Enrollment.objects.filter(owner=user, finished_at__isnull=False)
                .order_by("-finished_at").first())
        done = list(Booster.objects.filter(owner=user, enrollment=last).values_list("which", flat=True)) if last else []
        which = progress.next_booster(
            local_date(last.finished_at, person_zone(user)) if last and last.finished_at else None,
            done)
        return Booster.objects.create(owner=user, enrollment=last, which=which, completed_at=now)


# --- reminders ---------------------------------------------------------------------------


def save_reminder_settings(user, data: ReminderSettingsIn) -> ReminderSettings:
    with transaction.atomic():
        found, _ = ReminderSettings.objects.select_for_update().get_or_create(owner=user)
        found.email_enabled = data.email_enabled
        found.email = data.email
        found.times = list(data.times)
        found.days = list(data.days)
        found.time_zone = data.time_zone
        found.quiet_start = time.fromisoformat(data.quiet_start) if data.quiet_start else None
        found.quiet_end = time.fromisoformat(data.quiet_end) if data.quiet_end else None
        found.purposes = list(data.purposes)
        found.save()
        # The zone chosen here is the person's own: what "today" means everywhere for them
        # (an API call that leaves it out keeps the person's zone as it was).
        if "time_zone" in data.model_fields_set:
            User.objects.filter(pk=user.pk).update(time_zone=data.time_zone)
            user.time_zone = data.time_zone
        return found


def feed_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def rotate_feed(user) -> str:
    """A new secret for the calendar feed (the old address stops working). Returns the secret,
    which is stored only as a hash: it is shown once."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        found, _ = ReminderSettings.objects.select_for_update().get_or_create(owner=user)
        found.feed_hash = feed_hash(token)
        found.save(update_fields=["feed_hash", "updated_at"])
    return token


def remove_feed(user) -> None:
    ReminderSettings.objects.filter(owner=user).update(feed_hash="", updated_at=timezone.now())
