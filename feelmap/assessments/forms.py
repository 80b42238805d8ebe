"""Reading questionnaire answers and schedule choices from a submitted form."""

from __future__ import annotations

from django import forms

from .instruments import Instrument, load_instrument
from .schedule import DEFAULT_INTERVALS, MAX_INTERVAL_DAYS, MIN_INTERVAL_DAYS


def field_name(number: int) -> str:
    return f"q{number}"


def read_answers(instrument: Instrument, data) -> tuple[dict[int, int], dict[int, str]]:
    """Answers from form data (fields q1, q2, ...); blanks are skipped, bad values reported."""
    answers: dict[int, int] = {}
    errors: dict[int, str] = {}
    for item in instrument.items:
        raw = (data.get(field_name(item.number)) or "").strip()
        if not raw:
            continue
        try:
            value = int(raw)
        except ValueError:
            value = None
        if value is None or value not in item.values:
            errors[item.number] = "That answer isn't one of the choices. Please pick one of them."
        else:
            answers[item.number] = value
    return answers, errors


class ScheduleForm(forms.Form):
    """One interval and an on/off switch per questionnaire."""

    def __init__(self, *args, current: dict[str, tuple[int, bool]], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for key, (interval, active) in current.items():
            instrument = load_instrument(key)
            self.fields[f"{key}_active"] = forms.BooleanField(
                required=False,
                initial=active,
                label=f"Show the {instrument.short_name} as due when its time comes",
            )
            self.fields[f"{key}_days"] = forms.IntegerField(
                min_value=MIN_INTERVAL_DAYS,
                max_value=MAX_INTERVAL_DAYS,
                initial=interval,
                label=f"Every how many days ({instrument.short_name})",
                help_text=f"Usually every {DEFAULT_INTERVALS[key]} days. "
                f"Between {MIN_INTERVAL_DAYS} and {MAX_INTERVAL_DAYS}.",
                error_messages={
                    "required": "Please give a number of days.",
                    "invalid": "Please give a whole number of days.",
                    "min_value": f"At least {MIN_INTERVAL_DAYS} days, please: these questionnaires "
                    "ask about the last week or two.",
                    "max_value": f"At most {MAX_INTERVAL_DAYS} days, please.",
                },
            )
            self.rows.append((instrument, self[f"{key}_active"], self[f"{key}_days"]))

    def choices(self) -> dict[str, tuple[int, bool]]:
        keys = [row[0].key for row in self.rows]
        return {
            key: (self.cleaned_data[f"{key}_days"], self.cleaned_data[f"{key}_active"])
            for key in keys
        }
