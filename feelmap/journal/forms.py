"""The journal's page forms: they render the controls and show the problems; the rules are
the input schemas in schemas.py, checked with `feelmap.lib.validation.validate`."""

from __future__ import annotations

from typing import Any

from django import forms

from feelmap.lib.forms import SchemaErrorsForm

from . import analysis
from .prompts import Prompt
from .schemas import EMPTY_MESSAGE, MAX_TITLE, MAX_WORD

__all__ = ["EMPTY_MESSAGE", "AddLabelForm", "EntryForm", "entry_values", "step_label"]


def step_label(step: str, index: int) -> tuple[str, str]:
    """A short label and the full question for one step ("Situation", "Situation: what …")."""
    head, sep, rest = step.partition(":")
    if sep and len(head) <= 24 and rest.strip():
        return head.strip(), rest.strip()
    return f"Step {index + 1}", step


class EntryForm(SchemaErrorsForm):
    field_for = {"steps": "body"}

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

    def step_fields(self):
        return [self[name] for name in self.step_names]


def _sources(raw: str) -> dict[str, str]:
    """The hidden "where did each label come from" map; anything odd is simply ignored."""
    import json

    try:
        value = json.loads(raw) if raw else {}
    except (ValueError, RecursionError):
        return {}
    return {str(k).lower(): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def entry_values(post, prompt: Prompt | None) -> dict[str, Any]:
    """The write page's posted values in the shape of `JournalEntryIn`."""
    sources = _sources(post.get("label_sources", ""))
    words = analysis.split_labels(post.get("labels"))
    values: dict[str, Any] = {
        "prompt_id": post.get("prompt_id") or None,
        "title": post.get("title", ""),
        "body": post.get("body", ""),
        "steps": [post.get(f"step_{i}", "") for i in range(len(prompt.steps if prompt else ()))],
        "labels": [
            {"word": w, "added_from": s if (s := sources.get(w.lower(), "own")) in
             analysis.SOURCES else "own"}
            for w in words
        ],
    }
    # The page's timer fills this in; a glitch in it should never block saving.
    minutes = (post.get("minutes_spent") or "").strip()
    if minutes.isdigit() and len(minutes) <= 3 and int(minutes) <= 600:
        values["minutes_spent"] = int(minutes)
    return values


class AddLabelForm(SchemaErrorsForm):
    word = forms.CharField(
        label="Add a feeling word",
        max_length=MAX_WORD,
        help_text="Start typing to see words Feelmap knows.",
        widget=forms.TextInput(attrs={"list": "journal-words", "autocomplete": "off"}),
    )
    added_from = forms.ChoiceField(
        choices=[(s, s) for s in analysis.SOURCES], required=False, widget=forms.HiddenInput
    )
