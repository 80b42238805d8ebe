"""Writes that touch entries, labels and drafts together, and the reads naming help needs.

Every write runs in one transaction: an entry and its labels are saved together or not at all,
and the draft it came from is removed only when the entry is safely stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from . import analysis
from .analysis import Label
from .models import EntryLabel, JournalDraft, JournalEntry, load_list

# How many past entries (those with labels) feed "words you chose before". Bodies are
# encrypted, so each one costs a decryption; 200 keeps the analyse call well under 50 ms.
HISTORY_LIMIT = 200
NEW = "new"


@dataclass
class EntryInput:
    """A validated entry, from the web form or the API."""

    prompt_id: str = ""
    title: str = ""
    body: str = ""
    steps: list[str] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    minutes_spent: int | None = None
    written_at: datetime | None = None

    @classmethod
    def from_entry(cls, entry: JournalEntry) -> EntryInput:
        return cls(
            prompt_id=entry.prompt_id,
            title=entry.title,
            body=entry.body,
            steps=entry.steps,
            labels=[Label(lb.word, lb.family, lb.added_from) for lb in entry.labels.all()],
            minutes_spent=entry.minutes_spent,
            written_at=entry.written_at,
        )


def _apply(entry: JournalEntry, data: EntryInput) -> None:
    entry.prompt_id = data.prompt_id or ""
    entry.title = data.title
    entry.body = data.body
    entry.steps = data.steps
    entry.minutes_spent = data.minutes_spent
    if data.written_at is not None:
        entry.written_at = data.written_at


def _replace_labels(entry: JournalEntry, labels: Iterable[Label]) -> None:
    wanted = {lb.word: lb for lb in labels}
    existing = {lb.word: lb for lb in entry.labels.all()}
    EntryLabel.objects.filter(entry=entry).exclude(word__in=list(wanted)).delete()
    EntryLabel.objects.bulk_create(
        [
            EntryLabel(entry=entry, word=lb.word, family=lb.family, added_from=lb.added_from)
            for word, lb in wanted.items()
            if word not in existing
        ]
    )


def create_entry(*, owner, data: EntryInput) -> JournalEntry:
    with transaction.atomic():
        entry = JournalEntry(owner=owner)
        _apply(entry, data)
        entry.save()
        _replace_labels(entry, data.labels)
        discard_draft(owner=owner, key=NEW)
    return entry


def update_entry(entry: JournalEntry, *, data: EntryInput) -> JournalEntry:
    with transaction.atomic():
        _apply(entry, data)
        entry.save()
        _replace_labels(entry, data.labels)
        discard_draft(owner=entry.owner, key=str(entry.public_id))
    return entry


def delete_entry(entry: JournalEntry) -> None:
    with transaction.atomic():
        discard_draft(owner=entry.owner, key=str(entry.public_id))
        entry.delete()


def add_label(entry: JournalEntry, label: Label) -> bool:
    """Attach a word to an entry; False if it was already there."""
    try:
        with transaction.atomic():
            _, created = EntryLabel.objects.get_or_create(
                entry=entry, word=label.word,
                defaults={"family": label.family, "added_from": label.added_from},
            )
    except IntegrityError:  # the same word added twice at the same moment
        return False
    if created:
        JournalEntry.objects.filter(pk=entry.pk).update(updated_at=timezone.now())
    return created


def remove_label(entry: JournalEntry, word: str) -> bool:
    deleted, _ = EntryLabel.objects.filter(entry=entry, word=word).delete()
    return bool(deleted)


# --- reads ------------------------------------------------------------------------------


def entries_for(owner):
    """A person's entries, newest first, with their labels in one extra query."""
    return JournalEntry.objects.filter(owner=owner).prefetch_related("labels")


def history_for(owner, *, limit: int = HISTORY_LIMIT, exclude=None) -> list[tuple[str, list[str]]]:
    """The person's most recent labelled entries as (text, chosen words), oldest first.

    Only entries with labels teach the engine anything, so only those are decrypted. Two flat
    queries (no model instances, no per-entry prefetch): decryption is most of the cost.
    """
    labelled = EntryLabel.objects.filter(entry=OuterRef("pk"))
    entries = (
        JournalEntry.objects.filter(owner=owner)
        .filter(Exists(labelled))
        .order_by("-written_at", "-id")
    )
    if exclude is not None:
        entries = entries.exclude(pk=exclude.pk)
    rows = list(entries.values_list("id", "body", "steps_json")[:limit])
    words: dict[int, list[str]] = {}
    for entry_id, word in EntryLabel.objects.filter(
        entry_id__in=[r[0] for r in rows]
    ).order_by("id").values_list("entry_id", "word"):
        words.setdefault(entry_id, []).append(word)
    history = []
    for entry_id, body, steps_json in reversed(rows):
        text = "\n\n".join(t for t in [body, *load_list(steps_json)] if t.strip())
        history.append((text, words.get(entry_id, [])))
    return history


def analyse_for(owner, text: object, *, chosen: Iterable[str] = (), exclude=None) -> dict:
    """Naming help for what this person is writing, informed by their own past choices."""
    return analysis.analyse(text, history=history_for(owner, exclude=exclude), chosen=chosen)


# --- drafts -----------------------------------------------------------------------------


def draft_for(*, owner, key: str) -> JournalDraft | None:
    return JournalDraft.objects.filter(owner=owner, key=key).first()


def save_draft(*, owner, key: str, fields: dict) -> JournalDraft:
    """Store what is being written; ``fields`` is already checked for size and type."""
    values = {
        "prompt_id": fields.get("prompt_id", ""),
        "title": fields.get("title", ""),
        "body": fields.get("body", ""),
        "steps_json": json.dumps(fields.get("steps", [])) if any(fields.get("steps", [])) else "",
        "labels": fields.get("labels", ""),
        "label_sources": json.dumps(fields.get("label_sources", {})),
        "minutes_spent": fields.get("minutes_spent"),
    }
    with transaction.atomic():
        draft, _ = JournalDraft.objects.update_or_create(owner=owner, key=key, defaults=values)
    return draft


def discard_draft(*, owner, key: str) -> None:
    JournalDraft.objects.filter(owner=owner, key=key).delete()
