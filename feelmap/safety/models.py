"""Safety records: a flag when answers show risk, and the person's own safety plan.

A flag stores where it came from and when, never the words that raised it.
"""

from __future__ import annotations

import json

from django.db import models

from feelmap.lib.crypto import EncryptedTextField
from feelmap.lib.models import OwnedModel


class SafetyFlag(OwnedModel):
    """Something showed risk: e.g. source "phq9-item9" or "note". No content is kept."""

    source = models.CharField(max_length=40)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.source} at {self.created_at:%Y-%m-%d %H:%M}"


class SafetyPlan(OwnedModel):
    """One per person: their written plan, encrypted as JSON {section key: text}."""

    content = EncryptedTextField(blank=True, default="")
    shared_with_clinician = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner"], name="one_safety_plan_per_person")]

    def __str__(self) -> str:
        return f"safety plan {self.public_id}"

    @property
    def sections(self) -> dict[str, str]:
        if not self.content:
            return {}
        data = json.loads(self.content)
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    @sections.setter
    def sections(self, value: dict[str, str]) -> None:
        self.content = json.dumps(value, ensure_ascii=False, sort_keys=True)
