"""Saved "saying it" practices: what the person worked out to say, and how it went.

Everything the person wrote (the parts of the sentence, the final wording, the role-play
answers) is encrypted at rest. The scenario, goal and ratings are plain: they say no more than
which exercise was done and how it felt.
"""

from __future__ import annotations

import json

from django.db import models
from django.utils import timezone

from feelmap.lib.crypto import EncryptedTextField
from feelmap.lib.models import OwnedModel

from .scenarios import Scenario, load_library


class SayingPractice(OwnedModel):
    class Goal(models.TextChoices):
        EXPRESS = "express", "Say how you feel"
        BOUNDARY = "boundary", "Set a boundary"
        SUPPORT = "support", "Ask for support"
        REPAIR = "repair", "Repair after a conflict"
        PRAISE = "praise", "Accept praise"
        UNSURE = "unsure", "Say “I don't know what I feel yet”"

    scenario_id = models.CharField(max_length=60, blank=True, default="")  # "" = own situation
    goal = models.CharField(max_length=12, choices=Goal.choices, default=Goal.EXPRESS)
    feeling = EncryptedTextField(blank=True, default="")
    nuance = models.CharField(max_length=8, blank=True, default="")
    also = EncryptedTextField(blank=True, default="")  # a second feeling, for mixed feelings
    when = EncryptedTextField(blank=True, default="")
    need = EncryptedTextField(blank=True, default="")
    request = EncryptedTextField(blank=True, default="")
    text = EncryptedTextField(blank=True, default="")
    intensity = models.PositiveSmallIntegerField(null=True, blank=True)  # 0-10
    # The person's answers in the role-play, as an encrypted JSON list; the other person's
    # lines are replayed from the script, so they are not stored.
    answers_json = EncryptedTextField(blank=True, default="")
    spoken_seconds = models.PositiveIntegerField(null=True, blank=True)
    felt = models.PositiveSmallIntegerField(null=True, blank=True)  # 1-5: how it felt to say
    clarity = models.PositiveSmallIntegerField(null=True, blank=True)  # 1-5: how clear it was
    practised_at = models.DateTimeField(default=timezone.now)
    # Raised by every change; an edit based on an older one is refused (lib/versions.py).
    version = models.PositiveIntegerField(default=0)

    # Set by the services after a write, never stored: the offer of help for what was written.
    help_level: str
    offer_help: bool

    class Meta:
        ordering = ["-practised_at", "-id"]
        indexes = [models.Index(fields=["owner", "-practised_at"], name="saying_owner_practised")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(intensity__isnull=True) | models.Q(intensity__lte=10),
                name="saying_intensity_0_10",
            ),
            models.CheckConstraint(
                condition=models.Q(felt__isnull=True) | models.Q(felt__gte=1, felt__lte=5),
                name="saying_felt_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(clarity__isnull=True) | models.Q(clarity__gte=1, clarity__lte=5),
                name="saying_clarity_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"Saying practice {self.public_id}"

    @property
    def answers(self) -> list[str]:
        if not self.answers_json:
            return []
        try:
            value = json.loads(self.answers_json)
        except ValueError:
            return []
        return [str(v) for v in value] if isinstance(value, list) else []

    @answers.setter
    def answers(self, values: list[str]) -> None:
        self.answers_json = json.dumps(list(values)) if values else ""

    @property
    def scenario(self) -> Scenario | None:
        return load_library().get(self.scenario_id) if self.scenario_id else None
