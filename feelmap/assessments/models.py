"""Questionnaire answers and each person's schedule for repeating them.

Scoring itself lives in `scoring.py` (pure); a response keeps a copy of its score so lists and
trends need no rescoring, and `rescore()` refreshes it from the answers.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from feelmap.lib.models import OwnedModel
from feelmap.lib.validation import EARLIEST

from .instruments import KEYS, load_instrument
from .scoring import Score, score

INSTRUMENT_CHOICES = [(key, key) for key in KEYS]


class ResponseQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(completed_at__isnull=False)

    def drafts(self):
        return self.filter(completed_at__isnull=True)


class AssessmentResponse(OwnedModel):
    """One sitting of one questionnaire. Without `completed_at` it is a draft being filled in."""

    instrument = models.CharField(max_length=16, choices=INSTRUMENT_CHOICES)
    # {"1": 2, "2": 0, ...}: question number (as text, JSON keys are strings) -> option value
    answers = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    total = models.FloatField(null=True, blank=True)
    subscales = models.JSONField(default=dict, blank=True)
    band = models.CharField(max_length=60, blank=True)
    prorated = models.BooleanField(default=False)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["completed_at", "started_at"]
        indexes = [models.Index(fields=["owner", "instrument", "completed_at"])]
        constraints = [
            # Coming back to a questionnaire resumes the one draft instead of starting another.
            models.UniqueConstraint(
                fields=["owner", "instrument"],
                condition=Q(completed_at__isnull=True),
                name="one_draft_per_instrument",
            ),
            # The same bound as `lib.validation.Moment`, kept by the database too: a year-1
            # date would become a BC date that PostgreSQL cannot hand back to Python.
            models.CheckConstraint(
                condition=Q(started_at__gte=EARLIEST)
                & (Q(completed_at__isnull=True) | Q(completed_at__gte=EARLIEST)),
                name="response_times_from_2000",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.public_id}"

    @property
    def definition(self):
        return load_instrument(self.instrument)

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    def answer_map(self) -> dict[int, int]:
        """Answers keyed by question number, blanks left out."""
        return {int(k): v for k, v in (self.answers or {}).items() if v is not None}

    def scored(self) -> Score:
        return score(self.definition, self.answer_map())

    def rescore(self) -> Score:
        """Copy the score of the current answers onto the row (the caller saves)."""
        result = self.scored()
        self.total = result.total
        self.subscales = dict(result.subscales)
        self.band = result.band.label if result.band else ""
        self.prorated = result.prorated
        return result


class AssessmentSchedule(models.Model):
    """How often one person is asked to repeat one questionnaire. No row = the default."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    instrument = models.CharField(max_length=16, choices=INSTRUMENT_CHOICES)
    interval_days = models.PositiveSmallIntegerField()
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "instrument"], name="one_schedule_per_instrument")
        ]

    def __str__(self) -> str:
        return f"{self.instrument} every {self.interval_days} days"
