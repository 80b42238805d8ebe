"""The safety plan form: one box per section (one answer per line) and the sharing choice."""

from __future__ import annotations

from typing import Any

from django import forms

from .models import SafetyPlan
from .plan import MAX_ITEM_LENGTH, MAX_ITEMS, SECTIONS, validate_plan


class SafetyPlanForm(forms.Form):
    shared_with_clinician = forms.BooleanField(
        required=False,
        label="Share my safety plan with my clinician",
        help_text="When you link a clinician in Feelmap, they will be able to read this plan. "
        "You can change your mind at any time.",
    )

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
        # The sharing choice comes last on the page.
        self.order_fields([s.key for s in SECTIONS] + ["shared_with_clinician"])
        self.sections = [self[s.key] for s in SECTIONS]

    @staticmethod
    def initial_for(plan: SafetyPlan) -> dict[str, object]:
        sections = plan.sections
        initial: dict[str, object] = {key: "\n".join(answers) for key, answers in sections.items()}
        initial["shared_with_clinician"] = plan.shared_with_clinician
        return initial

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        plan: dict[str, list[str]] = {}
        for section in SECTIONS:
            try:
                plan.update(
                    {section.key: validate_plan({section.key: cleaned.get(section.key, "")})[
                        section.key
                    ]}
                )
            except ValueError as exc:
                self.add_error(section.key, str(exc))
        cleaned["plan"] = plan
        return cleaned
