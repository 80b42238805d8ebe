"""Checking what a person wrote before anything is stored: one set of rules for pages and API."""

from __future__ import annotations

import json

from django import forms

from . import analysis
from .prompts import Prompt, prompt_by_id
from .services import EntryInput

MAX_TITLE = 200
MAX_BODY = 100_000
MAX_STEP = 20_000
MAX_STEPS = 8
MAX_MINUTES = 600
EMPTY_MESSAGE = (
    "There's nothing written yet. A few words are enough — even “I don't know what I feel”."
)


def step_label(step: str, index: int) -> tuple[str, str]:
    """A short label and the full question for one step ("Situation", "Situation: what …")."""
    head, sep, rest = step.partition(":")
    if sep and len(head) <= 24 and rest.strip():
        return head.strip(), rest.strip()
    return f"Step {index + 1}", step


def entry_problems(
    *, prompt_id: str, title: str, body: str, steps: list[str], minutes_spent: int | None
) -> dict[str, list[str]]:
    """Every problem with an entry, per field; {} when it can be saved."""
    problems: dict[str, list[str]] = {}
    if prompt_id and prompt_by_id(prompt_id) is None:
        problems["prompt_id"] = [
            "That prompt isn't in the library (any more). Choose another one, or write freely."
        ]
    if len(title) > MAX_TITLE:
        problems["title"] = [f"Please keep the title under {MAX_TITLE} characters."]
    if len(body) > MAX_BODY:
        problems["body"] = [
            f"This entry is longer than {MAX_BODY:,} characters. Split it into two entries so "
            "nothing is cut off."
        ]
    if len(steps) > MAX_STEPS:
        problems["steps"] = [f"An entry has at most {MAX_STEPS} steps."]
    elif any(len(s) > MAX_STEP for s in steps):
        problems["steps"] = [f"Please keep each step under {MAX_STEP:,} characters."]
    if minutes_spent is not None and not 0 <= minutes_spent <= MAX_MINUTES:
        problems["minutes_spent"] = [f"Minutes spent must be between 0 and {MAX_MINUTES}."]
    if not body.strip() and not any(s.strip() for s in steps) and "body" not in problems:
        problems["body"] = [EMPTY_MESSAGE]
    return problems


def parse_sources(raw: str) -> dict[str, str]:
    """The hidden "where did each label come from" map; anything odd is simply ignored."""
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


class EntryForm(forms.Form):
    prompt_id = forms.CharField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(
        required=False, label="Title (optional)", widget=forms.TextInput(attrs={"maxlength": MAX_TITLE})
    )
    body = forms.CharField(
        required=False,
        strip=False,
        label="Your writing",
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "true"}),
    )
    labels = forms.CharField(
        required=False,
        label="Feeling words for this entry (optional)",
        help_text="Separate words with commas, for example: tense, let down. "
        "The words you add here stay with the entry.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    label_sources = forms.CharField(required=False, widget=forms.HiddenInput)
    minutes_spent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, prompt: Prompt | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.prompt = prompt
        self.step_names: list[str] = []
        for i, step in enumerate(prompt.steps if prompt else ()):
            short, question = step_label(step, i)
            self.fields[f"step_{i}"] = forms.CharField(
                required=False,
                strip=False,
                label=short,
                help_text=question,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.step_names.append(f"step_{i}")
        if prompt and prompt.steps:
            self.fields["body"].label = "Anything else you want to write (optional)"
        self.labels_checked: list[analysis.Label] = []

    def step_fields(self):
        return [self[name] for name in self.step_names]

    def clean(self):
        data = super().clean()
        steps = [data.get(name) or "" for name in self.step_names]
        problems = entry_problems(
            prompt_id=data.get("prompt_id") or "",
            title=data.get("title") or "",
            body=data.get("body") or "",
            steps=steps,
            minutes_spent=data.get("minutes_spent"),
        )
        labels, label_problems = analysis.check_labels(
            analysis.split_labels(data.get("labels")), parse_sources(data.get("label_sources") or "")
        )
        if label_problems:
            problems["labels"] = label_problems
        for name, messages in problems.items():
            target = name if name in self.fields else ("body" if name == "steps" else None)
            if name == "minutes_spent":
                data["minutes_spent"] = None  # a timer glitch should never block saving
                continue
            for message in messages:
                self.add_error(target, message)
        self.labels_checked = labels
        return data

    def to_input(self) -> EntryInput:
        data = self.cleaned_data
        return EntryInput(
            prompt_id=data.get("prompt_id") or "",
            title=(data.get("title") or "").strip(),
            body=data.get("body") or "",
            steps=[data.get(name) or "" for name in self.step_names],
            labels=self.labels_checked,
            minutes_spent=data.get("minutes_spent"),
        )


class AddLabelForm(forms.Form):
    word = forms.CharField(
        label="Add a feeling word",
        max_length=60,
        help_text="Start typing to see words Feelmap knows.",
        widget=forms.TextInput(attrs={"list": "journal-words", "autocomplete": "off"}),
    )
    added_from = forms.ChoiceField(
        choices=[(s, s) for s in analysis.SOURCES], required=False, widget=forms.HiddenInput
    )

    def clean(self):
        data = super().clean()
        word = data.get("word")
        if word:
            source = data.get("added_from") or "own"
            labels, problems = analysis.check_labels([word], {word.lower(): source})
            if problems:
                self.add_error("word", problems[0])
            else:
                data["label"] = labels[0]
        return data


def draft_fields(payload: object) -> tuple[dict, dict[str, list[str]]]:
    """Check an autosave payload: types and sizes only, since drafts may be unfinished."""
    if not isinstance(payload, dict):
        return {}, {"_": ["The draft must be a JSON object."]}
    problems: dict[str, list[str]] = {}

    def text(name: str, limit: int) -> str:
        value = payload.get(name, "")
        if value is None:
            return ""
        if not isinstance(value, str):
            problems[name] = ["This must be text."]
            return ""
        if len(value) > limit:
            problems[name] = [f"This is longer than {limit:,} characters."]
        return value

    fields = {
        "prompt_id": text("prompt_id", 80),
        "title": text("title", MAX_TITLE),
        "body": text("body", MAX_BODY),
        "labels": text("labels", 2_000),
    }
    steps = payload.get("steps", [])
    if not isinstance(steps, list) or not all(isinstance(s, str) for s in steps):
        problems["steps"] = ["Steps must be a list of texts."]
        steps = []
    elif len(steps) > MAX_STEPS or any(len(s) > MAX_STEP for s in steps):
        problems["steps"] = ["Too many steps, or a step that is too long."]
    fields["steps"] = steps
    sources = payload.get("label_sources", {})
    fields["label_sources"] = (
        {str(k)[:60]: str(v)[:12] for k, v in list(sources.items())[:50]}
        if isinstance(sources, dict) else {}
    )
    minutes = payload.get("minutes_spent")
    fields["minutes_spent"] = (
        minutes if isinstance(minutes, int) and not isinstance(minutes, bool)
        and 0 <= minutes <= MAX_MINUTES else None
    )
    return fields, problems
