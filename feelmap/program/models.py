"""A person's path through the program, the days they practised, boosters, and reminders.

The program's content (weeks, pages, reasons) lives in `data/*.json`; rows here only record
where a person is and what they did. Reminder deliveries are the worker's queue.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from feelmap.lib.crypto import EncryptedTextField
from feelmap.lib.models import OwnedModel


class Enrollment(OwnedModel):
    """One run through the eight-week path. At most one is active (not finished, not stopped)."""

    start_week = models.PositiveSmallIntegerField(default=1)
    current_week = models.PositiveSmallIntegerField(default=1)
    # What the tailoring chose and why, as computed at the start (plain data, see tailoring.py).
    emphasis = models.JSONField(default=list, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField()
    week_started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner"],
                condition=Q(finished_at__isnull=True, stopped_at__isnull=True),
                name="one_active_program",
            )
        ]

    def __str__(self) -> str:
        return f"program {self.public_id} (week {self.current_week})"

    @property
    def active(self) -> bool:
        return self.finished_at is None and self.stopped_at is None


class ProgramDay(OwnedModel):
    """A day's practice of the program, done. Missed days simply have no row."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="days")
    week = models.PositiveSmallIntegerField()
    day = models.DateField()
    practice = models.CharField(max_length=40)
    tried_with_someone = models.BooleanField(default=False)
    note = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "day"], name="one_program_day_per_date")
        ]

    def __str__(self) -> str:
        return f"program day {self.day} (week {self.week})"


class Booster(OwnedModel):
    """A short refresher after the path: `which` is "1m", "3m" or "any" (taken early)."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.SET_NULL, null=True, blank=True, related_name="boosters"
    )
    which = models.CharField(max_length=8)
    completed_at = models.DateTimeField()

    class Meta:
        ordering = ["completed_at"]

    def __str__(self) -> str:
        return f"booster {self.which} {self.completed_at:%Y-%m-%d}"


PURPOSES: tuple[str, ...] = ("checkin", "practice", "program", "questionnaire", "booster")


class ReminderSettings(models.Model):
    """One row per person; none means no reminders at all."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    email_enabled = models.BooleanField(default=False)
    email = EncryptedTextField(blank=True, default="")
    times = models.JSONField(default=list, blank=True)  # ["08:30", "19:00"], local times
    days = models.JSONField(default=list, blank=True)  # ISO weekdays, 1 = Monday
    time_zone = models.CharField(max_length=64, default="UTC")
    quiet_start = models.TimeField(null=True, blank=True)
    quiet_end = models.TimeField(null=True, blank=True)
    purposes = models.JSONField(default=list, blank=True)
    # The calendar feed's secret, stored only as a SHA-256 hash; empty = no feed.
    feed_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"reminder settings of user {self.owner_id}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting"
    CLAIMED = "claimed", "Taken by a worker"
    # The message itself is on its way to the mail server (from the SMTP DATA command on):
    # from here a stopped worker cannot know whether the server took it (see worker.py).
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    UNSURE = "unsure", "Maybe sent (the worker stopped while sending; not sent again)"
    SKIPPED = "skipped", "Skipped (quiet hours or nothing to remind)"
    FAILED = "failed", "Gave up"


class Delivery(models.Model):
    """One e-mail reminder: the worker's queue. (owner, purpose, due_at) is unique, so planning
    the same reminder twice adds nothing; a worker claims rows before sending them."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=16)
    due_at = models.DateTimeField()
    status = models.CharField(
        max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_by = models.CharField(max_length=120, blank=True, default="")
    claimed_until = models.DateTimeField(null=True, blank=True)
    # When the message last went to the mail server (the worker's "sending" mark).
    attempted_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "purpose", "due_at"], name="one_delivery_per_reminder"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.purpose} reminder at {self.due_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def message_id_local(self) -> str:
        """A stable Message-ID part: a resent copy carries the same id, so mail clients can
        recognise it as the same message."""
        return f"reminder-{self.pk}-{self.due_at:%Y%m%d%H%M}"
