"""Journal entries, the feeling words a person attached to them, and the autosaved draft.

Everything a person writes (title, body, answers to reframing steps, drafts) is encrypted at
rest. Labels are words from the shared vocabulary, so they are stored plainly: they say no
more than a check-in label does, and insights can count them without decrypting entries.
"""

from __future__ import annotations

import json

from django.db import models
from django.utils import timezone

from feelmap.lib.crypto import EncryptedTextField
from feelmap.lib.models import OwnedModel, moment_in_range

from .prompts import Prompt, prompt_by_id


def load_list(raw: str) -> list[str]:
    if not raw:
        return []
    try:
        value = json.loads(raw)
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


class JournalEntry(OwnedModel):
    prompt_id = models.CharField(max_length=80, blank=True, default="")  # "" = free writing
    title = EncryptedTextField(blank=True, default="")
    body = EncryptedTextField(blank=True, default="")
    # Answers to a prompt's steps (reframing: situation, thought, feeling, alternative), as an
    # encrypted JSON list in step order.
    steps_json = EncryptedTextField(blank=True, default="")
    minutes_spent = models.PositiveSmallIntegerField(null=True, blank=True)
    written_at = models.DateTimeField(default=timezone.now)
    # Raised by every change; an edit based on an older one is refused (lib/versions.py).
    version = models.PositiveIntegerField(default=0)

    # Set by the write services (not stored): "strong" or "gentle" when what was written sounds
    # like the person may not be safe, so the page offers help and the API says so.
    help_level: str = ""

    @property
    def offer_help(self) -> bool:
        return bool(self.help_level)

    class Meta:
        ordering = ["-written_at", "-id"]
        indexes = [models.Index(fields=["owner", "-written_at"], name="journal_owner_written")]
        constraints = [moment_in_range("written_at", "journal_written_at_in_range")]

    def __str__(self) -> str:
        return f"Journal entry {self.public_id}"

    @property
    def steps(self) -> list[str]:
        return load_list(self.steps_json)

    @steps.setter
    def steps(self, answers: list[str]) -> None:
        self.steps_json = json.dumps(list(answers)) if any(a.strip() for a in answers) else ""

    @property
    def prompt(self) -> Prompt | None:
        return prompt_by_id(self.prompt_id) if self.prompt_id else None

    def step_pairs(self) -> list[tuple[str, str]]:
        """(step text, answer) for each step of the prompt that has an answer."""
        prompt = self.prompt
        answers = self.steps
        names = list(prompt.steps) if prompt else []
        names += [f"Step {i + 1}" for i in range(len(names), len(answers))]
        return [(names[i], a) for i, a in enumerate(answers) if a.strip()]

    def analysed_text(self) -> str:
        """Everything written in this entry, as one text for highlighting and suggestions."""
        return "\n\n".join(t for t in [self.body, *self.steps] if t.strip())


class EntryLabel(models.Model):
    class Source(models.TextChoices):
        SUGGESTION = "suggestion", "Suggested"
        OWN = "own", "Your own choice"
        HIGHLIGHT = "highlight", "A word you wrote"

    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="labels")
    word = models.CharField(max_length=60)
    family = models.CharField(max_length=20)
    added_from = models.CharField(max_length=12, choices=Source.choices, default=Source.OWN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "word"], name="journal_label_once_per_entry")
        ]

    def __str__(self) -> str:
        return self.word


class JournalDraft(OwnedModel):
    """What is being written right now, saved while typing so nothing is lost.

    ``key`` is "new" for a new entry, or the public id of the entry being edited.
    """

    key = models.CharField(max_length=40)
    prompt_id = models.CharField(max_length=80, blank=True, default="")
    title = EncryptedTextField(blank=True, default="")
    body = EncryptedTextField(blank=True, default="")
    steps_json = EncryptedTextField(blank=True, default="")
    labels = EncryptedTextField(blank=True, default="")
    label_sources = EncryptedTextField(blank=True, default="")
    minutes_spent = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="journal_one_draft_per_key")
        ]

    def __str__(self) -> str:
        return f"Journal draft {self.key}"

    @property
    def steps(self) -> list[str]:
        return load_list(self.steps_json)

    def as_fields(self) -> dict[str, object]:
        return {
            "prompt_id": self.prompt_id,
            "title": self.title,
            "body": self.body,
            "steps": self.steps,
            "labels": self.labels,
            "label_sources": self.label_sources,
            "minutes_spent": self.minutes_spent,
            "saved_at": self.updated_at.isoformat(),
        }

