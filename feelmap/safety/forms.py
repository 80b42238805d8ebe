"""The safety plan form: one box per section (one answer per line).

There is no sharing choice: nobody but the person can see the plan in Feelmap today, and the
page says so. Offering "share with my clinician" before sharing exists would let a clinic
patient believe someone reads their plan. The care work will add a real choice.
"""

from __future__ import annotations

from django import forms

from .plan import MAX_ITEM_LENGTH, MAX_ITEMS, SECTIONS, validate_plan


class SafetyPlanForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = []
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
        self.sections = [self[s.key] for s in SECTIONS]

    @staticmethod
    def initial_for(plan) -> dict:
        sections = plan.sections
        return {key: "\n".join(answers) for key, answers in sections.items()}

    def clean(self):
        cleaned = super().clean()
        plan = {}
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
