"""Safety records: a flag when answers show risk, and the person's own safety plan.

A flag stores where it came from and when, never the words that raised it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from django.db import models

from feelmap.lib.crypto import EncryptedTextField
from feelmap.lib.models import OwnedModel

from .plan import empty_plan

if TYPE_CHECKING:
    from feelmap.accounts.models import User

class SafetyFlag(OwnedModel):
    """Something showed risk: e.g. source "phq9-item9" or "note". No content is kept."""

    source = models.CharField(max_length=40)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.source} at {self.created_at:%Y-%m-%d %H:%M}"


class SafetyPlanManager(models.Manager["SafetyPlan"]):
    def for_person(self, user: User) -> SafetyPlan:
        """The person's plan, or a new unsaved one (version 0). Writes: `services.save_plan`."""
        return self.filter(owner=user).first() or self.model(owner=user)


class SafetyPlan(OwnedModel):
    """One per person: their written plan, encrypted as JSON {section key: [answers]}."""

    content = EncryptedTextField(blank=True, default="")
    shared_with_clinician = models.BooleanField(default=False)
    # Counts the saves. Each save names the version it was based on, so a stale tab or device
    # cannot overwrite newer words without the person choosing to (0: never saved).
    version = models.PositiveIntegerField(default=0)

    objects = SafetyPlanManager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner"], name="one_safety_plan_per_person")]

    def __str__(self) -> str:
        return f"safety plan {self.public_id}"

    @property
    def sections(self) -> dict[str, list[str]]:
        """Every section of the plan (empty ones too), as lists of the person's answers."""
        plan = empty_plan()
        data = json.loads(self.content) if self.content else {}
        for key, answers in data.items():
            if key in plan and isinstance(answers, list):
                plan[key] = [str(a) for a in answers]
        return plan

    @sections.setter
    def sections(self, value: dict[str, list[str]]) -> None:
        self.content = json.dumps(value, ensure_ascii=False, sort_keys=True)
