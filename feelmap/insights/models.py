"""Stored summaries the insights are worked out from (see weekly.py): one additive tally per
person and week, and per person what those tallies were made under."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from feelmap.lib.crypto import EncryptedTextField


class WeekSummary(models.Model):
    """The tally (tally.py) of one person's check-ins and journal words in one local week, or
    in a quarter (13 weeks, weekly.BLOCK) from its first Monday. Encrypted: it holds the
    grouped triggers and needs, which are free text."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()  # its (first) Monday, in the person's local time
    weeks = models.PositiveSmallIntegerField(default=1)  # 1, or weekly.BLOCK for a quarter
    tally = EncryptedTextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "week", "weeks"],
                                               name="insights_week_once")]

    def __str__(self) -> str:
        return f"week of {self.week}"


class SummaryBasis(models.Model):
    """What a person's weekly tallies were made under: the rated emotions, the time zone, the
    vocabulary and the tally format (`basis`), and how many check-ins and journal words there
    were (`fingerprint`), so a write that did not come through the services (an import) is
    noticed too. When either differs, every week is worked out again."""

    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="+")
    basis = models.CharField(max_length=64)
    fingerprint = models.CharField(max_length=200)

    def __str__(self) -> str:
        return f"summary basis {self.basis[:8]}"
