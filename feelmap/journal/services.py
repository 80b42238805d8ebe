"""Writes that touch entries, labels and drafts together, and the reads naming help needs.

Every write runs in one transaction: an entry and its labels are saved together or not at all,
and the draft it came from is removed only when the entry is safely stored.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from feelmap.accounts.services import page_sent, page_was_sent, person_data_changed
from feelmap.lexicon.vocabulary import load_vocabulary
from feelmap.lib.versions import StaleVersion, lock_at_version
from feelmap.safety.detector import GENTLE
from feelmap.safety.nudge import help_level
from feelmap.safety.services import record_language_flags

from . import analysis
from .analysis import Label
from .models import EntryLabel, JournalDraft, JournalEntry, load_list
from .schemas import JournalDraftIn, JournalEntryIn, JournalEntryPatch, JournalLabelIn

# How many past entries (those with labels) feed "words you chose before". Bodies are
# encrypted, so each one costs a decryption; 200 keeps the analyse call well under 50 ms.
HISTORY_LIMIT = 200
NEW = "new"
BATCH = 500


def _labels(data: JournalEntryIn) -> list[Label]:
    return [lb.label() for lb in data.labels]


def _heavy_word_chosen(words: Iterable[str], before: Iterable[str] = ()) -> bool:
    """True when a newly chosen word is a heavy one (hopeless, worthless, despairing,
    self-loathing, unsafe...: the vocabulary words that carry a kind note and the way to help).
    A word the entry already had is not chosen again by editing something else."""
    vocabulary = load_vocabulary()
    had = {w.lower() for w in before}
    for word in words:
        if word.lower() in had:
            continue
        found = vocabulary.by_word(word)
        if found is not None and found.offer_help:
            return True
    return False


def _apply(entry: JournalEntry, data: JournalEntryIn, levels: dict | None = None,
           before: Iterable[str] = ()) -> None:
    entry.prompt_id = data.prompt_id or ""
    entry.title = data.title
    entry.body = data.body
    entry.steps = data.steps
    entry.minutes_spent = data.minutes_spent
    if data.written_at is not None:
        entry.written_at = data.written_at
    # The safety check costs a few milliseconds a text: the same words in one batch are
    # checked once.
    texts = (data.title, data.body, *data.steps)
    levels = {} if levels is None else levels
    if texts not in levels:
        levels[texts] = help_level(*texts)
    level = levels[texts]
    # What was written decides first; choosing a heavy word brings the gentle offer.
    if not level and _heavy_word_chosen((lb.word for lb in _labels(data)), before):
        level = GENTLE
    entry.help_level = level


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


def create_entries(*, owner, items: Sequence[JournalEntryIn],
                   page: uuid.UUID | None = None) -> list[JournalEntry]:
    """Store validated entries with their labels; the one way entries are created.

    The write page and the API pass one entry, the demo passes hundreds: each batch is two
    INSERT statements (entries, then labels). The "new" draft is removed once they are stored.
    Each entry comes back with ``help_level`` set when what was written sounds unsafe.
    """
    entries: list[JournalEntry] = []
    levels: dict[tuple[str, ...], str] = {}
    with transaction.atomic():
        for start in range(0, len(items), BATCH):
            batch = items[start : start + BATCH]
            made = []
            for data in batch:
                entry = JournalEntry(owner=owner)
                _apply(entry, data, levels)
                made.append(entry)
            JournalEntry.objects.bulk_create(made)
            record_language_flags(owner, "journal-language", [e.help_level for e in made])
            EntryLabel.objects.bulk_create(
                [
                    EntryLabel(entry=entry, word=lb.word, family=lb.family,
                               added_from=lb.added_from)
                    for entry, data in zip(made, batch, strict=True)
                    for lb in _labels(data)
                ]
            )
            entries.extend(made)
        person_data_changed(owner.pk, *{e.written_at for e in entries}, kind="journal")
        discard_draft(owner=owner, key=NEW, page=page)
    return entries


def create_entry(*, owner, data: JournalEntryIn, page: uuid.UUID | None = None) -> JournalEntry:
    """One new entry; `page`, the write page it came from, takes no more drafts."""
    return create_entries(owner=owner, items=[data], page=page)[0]


def entry_as_input(entry: JournalEntry) -> dict:
    """An entry's current values in the input schema's shape (for a partial change)."""
    return {
        "prompt_id": entry.prompt_id or None,
        "title": entry.title,
        "steps": entry.steps,
        "body": entry.body,
        "labels": [{"word": lb.word, "added_from": lb.added_from} for lb in entry.labels.all()],
        "minutes_spent": entry.minutes_spent,
        "written_at": entry.written_at,
    }


def merged_entry(entry: JournalEntry, patch: JournalEntryPatch) -> dict:
    """The entry's values with the given changes on top; null means "leave it" except for the
    prompt and the minutes, which can be cleared."""
    given = patch.model_dump(exclude_unset=True)
    given.pop("version", None)  # what the change was based on, not part of the entry
    merged = entry_as_input(entry)
    for name, value in given.items():
        if value is not None or name in ("prompt_id", "minutes_spent"):
            merged[name] = value
    return merged


class EntryConflict(StaleVersion):
    """The entry was changed elsewhere since the version this edit was based on."""


def update_entry(entry: JournalEntry, *, data: JournalEntryIn,
                 based_on: int | None = None, page: uuid.UUID | None = None) -> JournalEntry:
    """Replace an entry's content and labels (its date stays unless one is given).

    `based_on` is the version the edit started from: if the entry has changed since (another
    tab or device), nothing is written and EntryConflict carries the saved entry."""
    before = [lb.word for lb in entry.labels.all()]
    with transaction.atomic():
        try:
            current = lock_at_version(entries_for(entry.owner_id), entry.pk, based_on)
        except StaleVersion as stale:
            raise EntryConflict(stale.current) from None
        was = entry.written_at
        _apply(entry, data, before=before)
        entry.version = current.version + 1
        entry.save()
        record_language_flags(entry.owner, "journal-language", [entry.help_level])
        _replace_labels(entry, _labels(data))
        person_data_changed(entry.owner_id, was, entry.written_at, kind="journal")
        discard_draft(owner=entry.owner, key=str(entry.public_id), page=page)
    return entry


def delete_entry(entry: JournalEntry) -> None:
    with transaction.atomic():
        discard_draft(owner=entry.owner, key=str(entry.public_id))
        entry.delete()
        person_data_changed(entry.owner_id, entry.written_at, kind="journal")


def add_label(entry: JournalEntry, label: JournalLabelIn) -> bool:
    """Attach a checked word to an entry; False if it was already there.

    Sets ``entry.help_level`` to "gentle" when the word added is a heavy one (hopeless,
    worthless...), so the page offers help as it does for what was written."""
    (checked,) = _checked_label(label)
    entry.help_level = ""
    try:
        with transaction.atomic():
            _, created = EntryLabel.objects.get_or_create(
                entry=entry, word=checked.word,
                defaults={"family": checked.family, "added_from": checked.added_from},
            )
            if created:
                JournalEntry.objects.filter(pk=entry.pk).update(
                    updated_at=timezone.now(), version=F("version") + 1)
                person_data_changed(entry.owner_id, entry.written_at, kind="journal")
                if _heavy_word_chosen([checked.word]):
                    entry.help_level = GENTLE
    except IntegrityError:  # the same word added twice at the same moment
        return False
    return created


def _checked_label(label: JournalLabelIn) -> list[Label]:
    labels, problems = analysis.check_labels([label.word], {label.word.lower(): label.added_from})
    if problems or len(labels) != 1:
        raise ValueError("add_label takes a vocabulary word (validate with JournalLabelIn).")
    return labels


def remove_label(entry: JournalEntry, word: str) -> bool:
    with transaction.atomic():
        deleted, _ = EntryLabel.objects.filter(entry=entry, word=word).delete()
        if deleted:
            JournalEntry.objects.filter(pk=entry.pk).update(
                updated_at=timezone.now(), version=F("version") + 1)
            person_data_changed(entry.owner_id, entry.written_at, kind="journal")
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


class StaleDraft(Exception):  # noqa: N818 - named for what it is, like StaleVersion
    """A draft from a page whose form was already sent (accounts.services.page_sent)."""

    message = "The form on this page was already sent, so this draft is not kept."


def save_draft(*, owner, key: str, data: JournalDraftIn) -> JournalDraft:
    """Store what is being written (``key`` is "new" or the public id of an owned entry).
    A draft from a page whose form was sent (``data.page``: an autosave still on its way when
    the entry was saved) is refused with StaleDraft: kept, it would offer words already saved
    back as unfinished."""
    values = {
        "prompt_id": data.prompt_id,
        "title": data.title,
        "body": data.body,
        "steps_json": json.dumps(data.steps) if any(data.steps) else "",
        "labels": data.labels,
        "label_sources": json.dumps(data.label_sources),
        "minutes_spent": data.minutes_spent,
    }
    with transaction.atomic():
        if page_was_sent(owner.pk, data.page):
            raise StaleDraft(StaleDraft.message)
        draft, _ = JournalDraft.objects.update_or_create(owner=owner, key=key, defaults=values)
    return draft


def discard_draft(*, owner, key: str, page: uuid.UUID | None = None) -> None:
    """Remove a draft; with `page`, the page whose form let it go, whose late autosaves are
    then refused."""
    with transaction.atomic():
        JournalDraft.objects.filter(owner=owner, key=key).delete()
        page_sent(owner.pk, page)
