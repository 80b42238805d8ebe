"""Heartbeat task records: one session (a counting task, a "guess, then see", or a
discrimination session) with its trials and the scores worked out when it was saved."""

from __future__ import annotations

from django.db import models

from feelmap.lib.models import OwnedModel


class TaskKind(models.TextChoices):
    COUNTING = "counting", "Heartbeat counting"
    GUESS = "guess", "Guess, then see"
    DISCRIMINATION = "discrimination", "In time or delayed?"


class Source(models.TextChoices):
    STRAP = "strap", "Bluetooth heart-rate strap"
    CAMERA = "camera", "Fingertip on the camera"
    FILE = "file", "Recorded file"
    SIMULATED = "simulated", "Simulated heartbeat (a try-out, not your heart)"


class Method(models.TextChoices):
    HART = "hart", "Hart"
    SCHANDRY = "schandry", "Schandry"


class HeartbeatSessionQuerySet(models.QuerySet):
    def history(self, user):
        return self.filter(owner=user).order_by("-started_at", "-id")


class HeartbeatSession(OwnedModel):
    kind = models.CharField(max_length=16, choices=TaskKind.choices)
    source = models.CharField(max_length=16, choices=Source.choices)
    method = models.CharField(max_length=16, choices=Method.choices, blank=True, default="")
    feedback = models.BooleanField(default=True, help_text="Discrimination: feedback after each trial.")
    started_at = models.DateTimeField(db_index=True)
    guess_bpm = models.PositiveSmallIntegerField(null=True, blank=True)
    measured_bpm = models.FloatField(null=True, blank=True)
    # Scores at the time of saving (scoring.py); null where they do not apply.
    accuracy = models.FloatField(null=True, blank=True)
    other_accuracy = models.FloatField(null=True, blank=True)
    guess_accuracy = models.FloatField(null=True, blank=True)
    sensibility = models.FloatField(null=True, blank=True)
    awareness = models.FloatField(null=True, blank=True)

    objects = HeartbeatSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["owner", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.kind} heartbeat session {self.public_id}"


class HeartbeatTrial(models.Model):
    session = models.ForeignKey(HeartbeatSession, on_delete=models.CASCADE, related_name="trials")
    position = models.PositiveSmallIntegerField()
    practice = models.BooleanField(default=False)
    seconds = models.FloatField(null=True, blank=True)
    recorded = models.PositiveSmallIntegerField(null=True, blank=True)
    counted = models.PositiveSmallIntegerField(null=True, blank=True)
    confidence = models.PositiveSmallIntegerField()
    delayed = models.BooleanField(null=True, blank=True)
    said_delayed = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="heartbeat_trial_position")
        ]

    def __str__(self) -> str:
        return f"trial {self.position} of session {self.session_id}"

    @property
    def correct(self) -> bool | None:
        if self.delayed is None or self.said_delayed is None:
            return None
        return self.delayed == self.said_delayed
