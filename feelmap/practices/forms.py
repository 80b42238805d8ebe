"""Forms for the practice pages.

The setup, finish and "what did you notice" forms only render (their rules are the input
schemas in schemas.py, checked in the views with `validate`). The mini check-in and the scan
log parse their body-map grids and hand them to the check-ins area's validation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from feelmap.lexicon.body import load_body_catalogue
from feelmap.lib.forms import SchemaErrorsForm

from . import pacer
from .models import PATTERN_CHOICES, SCAN_CHOICES, PracticePreferences, Style
from .schemas import NOTICED_MAX

MINUTE_CHOICES = [
    (m, f"{m} minute{'s' if m > 1 else ''}")
    for m in range(pacer.MIN_MINUTES, pacer.MAX_MINUTES + 1)
]


def region_choices() -> list[tuple[str, str | list[tuple[str, str]]]]:
    body = load_body_catalogue()
    front = [(r.key, r.label) for r in body.regions_on("front")]
    back = [(r.key, r.label) for r in body.regions_on("back")]
    return [("", "Nowhere in particular / not sure"), ("Front", front), ("Back", back)]


def quality_choices() -> list[tuple[str, str]]:
    return [(q.key, q.label) for q in load_body_catalogue().qualities]


class BreathingSetupForm(SchemaErrorsForm):
    pattern = forms.ChoiceField(
        label="Breathing pattern",
        choices=PATTERN_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a breathing pattern.",
            "invalid_choice": "Choose one of the patterns listed.",
        },
    )
    minutes = forms.TypedChoiceField(
        label="How long?",
        choices=MINUTE_CHOICES,
        coerce=int,
        help_text="From 1 to 10 minutes. You can stop at any time.",
        error_messages={
            "required": "Choose how many minutes (1 to 10).",
            "invalid_choice": "Choose a whole number of minutes from 1 to 10.",
        },
    )


class FinishForm(SchemaErrorsForm):
    """How a timed practice ended: the page's script fills this in; without it, the person does."""

    completed = forms.TypedChoiceField(
        label="How did it go?",
        choices=[("yes", "I did the whole time"), ("no", "I stopped early")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you did the whole time or stopped early."},
    )
    elapsed_seconds = forms.IntegerField(
        required=False, min_value=0, max_value=24 * 3600, widget=forms.HiddenInput
    )


class BodyScanSetupForm(SchemaErrorsForm):
    scan = forms.ChoiceField(
        label="Which body scan?",
        choices=SCAN_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the short or the long body scan.",
            "invalid_choice": "Choose the short or the long body scan.",
        },
    )


class NoticedForm(SchemaErrorsForm):
    what_noticed = forms.CharField(
        label="What did you notice?",
        required=False,
        max_length=NOTICED_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A word or two is plenty. Only you can see this.",
    )
    nothing_noticed = forms.BooleanField(
        label="Nothing in particular — and that's fine", required=False
    )
    started_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)

class PreferencesForm(forms.ModelForm):
    class Meta:
        model = PracticePreferences
        fields = ["style", "breathing_pattern", "breathing_minutes", "tone", "speech"]
        labels = {
            "style": "Program style",
            "breathing_pattern": "Usual breathing pattern",
            "breathing_minutes": "Usual breathing length",
            "tone": "Play a soft tone at each breath change",
            "speech": "Read body scan steps aloud (if your browser can)",
        }
        help_texts = {
            "style": "Structured keeps a fixed weekly rhythm; exploratory suggests what you haven't done lately.",
            "tone": "Off unless you switch it on.",
        }
        widgets = {
            "style": forms.RadioSelect(choices=Style.choices),
            "breathing_minutes": forms.Select(choices=MINUTE_CHOICES),
        }

    def clean_breathing_minutes(self):
        minutes = self.cleaned_data["breathing_minutes"]
        if not pacer.MIN_MINUTES <= minutes <= pacer.MAX_MINUTES:
            raise forms.ValidationError("Choose a whole number of minutes from 1 to 10.")
        return minutes


# --- check-in parts ---------------------------------------------------------------------------


# Check-in validation names fields by path; the mini check-in shows each next to its control.
MINI_ERROR_FIELDS = {
    "pleasantness": "pleasantness",
    "energy": "energy",
    "labels": "word",
    "labels.0": "word",
    "labels.0.word": "word",
    "sensations": "region",
    "sensations.0": "region",
    "sensations.0.region": "region",
    "sensations.0.quality": "quality",
}


def catalogue_region(scan_region: str | None) -> str | None:
    if scan_region is None:
        return None
    return scan_region if load_body_catalogue().has_region(scan_region) else None


class MiniCheckInForm(forms.Form):
    """Before/after a practice: the affect grid, one word or "not sure", and the body map.

    The affect grid and body map are the check-in's own components (``checkins/_affectgrid.html``
    and ``_bodymap.html``); their fields are named ``<prefix>-pleasantness``,
    ``<prefix>-energy``, ``<prefix>-body-<region>`` (qualities) and
    ``<prefix>-body-<region>-intensity``.
    """

    pleasantness = forms.FloatField(required=False, min_value=-5, max_value=5)
    energy = forms.FloatField(required=False, min_value=-5, max_value=5)
    word = forms.CharField(
        label="One word for how you feel",
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"list": "feeling-words", "autocomplete": "off"}),
        help_text="Any word from the list, or leave it empty if you're not sure.",
    )
    not_sure = forms.BooleanField(label="Not sure / numb — that's a real answer", required=False)

    def __init__(self, *args, kind: str = "practice-before", **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.body_errors: dict[str, list[str]] = {}

    @property
    def body_prefix(self) -> str:
        return f"{self.prefix}-body"

    def marks(self) -> list[dict]:
        """Body-map marks as check-in sensations (region, quality, intensity, side)."""
        if not self.is_bound:
            return []
        out = []
        for region in load_body_catalogue().regions:
            field = f"{self.body_prefix}-{region.key}"
            intensity = self.data.get(f"{field}-intensity", "")
            side = self.data.get(f"{field}-side", "")
            for quality in self._posted().getlist(field):
                out.append({"region": region.key, "quality": quality, "intensity": intensity,
                            "side": side})
        return out

    def _posted(self) -> MultiValueDict[str, Any]:
        """The bound data: the views always bind request.POST, a QueryDict."""
        if not isinstance(self.data, MultiValueDict):
            raise TypeError("MiniCheckInForm is bound to request.POST only")
        return self.data

    @property
    def body_open(self) -> bool:
        return bool(self.body_errors) or bool(self.marks())

    def affect(self):
        from feelmap.checkins.components import affectgrid_context

        errors: dict[str, Sequence[object]] = {name: self.errors.get(name, []) for name in ("pleasantness", "energy")}
        values = (
            (self.data.get(f"{self.prefix}-pleasantness"), self.data.get(f"{self.prefix}-energy"))
            if self.is_bound
            else (None, None)
        )
        return affectgrid_context(f"{self.prefix}-", *values, errors=errors)

    def bodymap(self):
        from feelmap.checkins.components import bodymap_context

        marks: dict[str, tuple[list[str], int | None, set[str]]] = {}
        for mark in self.marks():
            qualities, _, sides = marks.get(mark["region"], ([], None, set()))
            qualities.append(mark["quality"])
            sides.add(mark["side"])
            try:
                intensity = int(mark["intensity"])
            except (TypeError, ValueError):
                intensity = None
            marks[mark["region"]] = (qualities, intensity, sides)
        return bodymap_context(self.body_prefix, marks, self.body_errors)

    def clean(self) -> dict[str, Any]:
        from feelmap.checkins.validation import validate_checkin

        super().clean()
        data = self.cleaned_data
        if self.errors:
            return data
        word = (data.get("word") or "").strip()
        marks = self.marks()
        raw = {
            "kind": self.kind,
            "pleasantness": data.get("pleasantness"),
            "energy": data.get("energy"),
            "not_sure": bool(data.get("not_sure")) or not word,
            "labels": [{"word": word}] if word else [],
            "sensations": marks,
        }
        checkin, errors = validate_checkin(raw, now=timezone.now())
        for name, messages in errors.items():
            parts = name.split(".")
            if parts[0] == "sensations" and len(parts) > 1 and parts[1].isdigit():
                region = marks[int(parts[1])]["region"]
                self.body_errors.setdefault(region, []).extend(messages)
                self.add_error(None, "Something marked on the body map needs another look.")
            else:
                target = {"labels": "word"}.get(parts[0], parts[0])
                for message in messages:
                    self.add_error(target if target in self.fields else None, message)
        data["checkin"] = checkin
        return data


class ScanLogForm(forms.Form):
    """Everything a body scan logs: per region, qualities with an intensity, or nothing noticed."""

    completed = FinishForm.base_fields["completed"]

    def __init__(self, *args, steps: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = steps
        qualities = quality_choices()
        for step in steps:
            if not step["region"]:
                continue
            i = step["index"]
            self.fields[f"s{i}_quality"] = forms.MultipleChoiceField(
                label=f"What do you notice in your {step['region_label'].lower()}?",
                choices=qualities,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields[f"s{i}_intensity"] = forms.IntegerField(
                label="How strong? (0 barely there – 10 very strong)",
                required=False,
                min_value=0,
                max_value=10,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
            self.fields[f"s{i}_nothing"] = forms.BooleanField(
                label="Nothing noticed here — that's a fine answer",
                required=False,
            )

    def step_fields(self) -> list[dict]:
        out = []
        for step in self.steps:
            entry = dict(step)
            if step["region"]:
                i = step["index"]
                entry["quality"] = self[f"s{i}_quality"]
                entry["intensity"] = self[f"s{i}_intensity"]
                entry["nothing"] = self[f"s{i}_nothing"]
            out.append(entry)
        return out

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        sensations: list[dict[str, Any]] = []
        quiet: list[str] = []
        for step in self.steps:
            if not step["region"]:
                continue
            i = step["index"]
            chosen = data.get(f"s{i}_quality") or []
            nothing = data.get(f"s{i}_nothing")
            if chosen and nothing:
                self.add_error(
                    f"s{i}_nothing", "Untick “Nothing noticed”, or clear the feelings you ticked."
                )
                continue
            if nothing:
                quiet.append(step["region"])
            for quality in chosen:
                sensations.append(
                    {
                        "region": step["region"],
                        "quality": quality,
                        "intensity": data.get(f"s{i}_intensity"),
                    }
                )
        data["sensations"] = sensations
        data["quiet_regions"] = list(dict.fromkeys(quiet))
        return data
