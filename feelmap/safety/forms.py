"""The safety plan form: one box per section (one answer per line).

There is no sharing choice: nobody but the person can see the plan in Feelmap today, and the
page says so; the care work adds a real one. The form only draws the page. What a save may contain is decided by `schemas.SafetyPlanFormIn`, the same
rules the API uses; its messages are put next to the boxes here.
"""

from __future__ import annotations

from typing import Any

from django import forms

from .models import SafetyPlan
from .plan import MAX_ITEM_LENGTH, MAX_ITEMS, SECTIONS


class SafetyPlanForm(forms.Form):
    # The version the page was loaded with: a save based on an older one is a conflict.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for section in SECTIONS:
            self.fields[section.key] = forms.CharField(
                required=False,
                label=section.title + (" (optional)" if section.optional else ""),
                help_text=f"{section.guidance} One idea per line; up to {MAX_ITEMS} lines of "
                f"{MAX_ITEM_LENGTH} characters.",
                widget=forms.Textarea(
                    attrs={"rows": 4, "placeholder": "\n".join(section.prompts)}
                ),
                strip=False,
            )
        self.order_fields([s.key for s in SECTIONS] + ["version"])
        self.sections = [self[s.key] for s in SECTIONS]

    @staticmethod
    def initial_for(plan: SafetyPlan) -> dict[str, object]:
        sections = plan.sections
        initial: dict[str, object] = {key: "\n".join(answers) for key, answers in sections.items()}
        initial["version"] = plan.version
        return initial
