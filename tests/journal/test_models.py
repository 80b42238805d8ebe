"""Journal models, services and demo data."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from feelmap.journal import demo, services
from feelmap.journal.models import EntryLabel, JournalEntry
from feelmap.journal.prompts import prompts_of_kind
from feelmap.journal.schemas import JournalEntryIn
from feelmap.lexicon.vocabulary import load_vocabulary

pytestmark = pytest.mark.django_db


def test_it_keeps_step_answers_in_order_and_encrypted(person):
    prompt = prompts_of_kind("reframing")[0]
    entry = services.create_entry(owner=person, data=JournalEntryIn(
        prompt_id=prompt.id, steps=["the facts", "a thought", "", "another view"]))
    entry = JournalEntry.objects.get(pk=entry.pk)
    assert entry.steps == ["the facts", "a thought", "", "another view"]
    assert [name.split(":")[0] for name, _ in entry.step_pairs()] == [
        "Situation", "Thought", "Alternative"]
    assert entry.analysed_text() == "the facts\n\na thought\n\nanother view"
    with connection.cursor() as cursor:
        cursor.execute("SELECT steps_json FROM journal_journalentry WHERE id = %s", [entry.pk])
        assert cursor.fetchone()[0].startswith("fernet:")


def test_it_treats_an_unknown_prompt_id_as_no_prompt(person):
    entry = JournalEntry.objects.create(owner=person, body="x", prompt_id="retired-prompt")
    assert entry.prompt is None
    assert entry.step_pairs() == []


def test_it_replaces_labels_without_touching_the_ones_kept(person):
    entry = services.create_entry(owner=person, data=JournalEntryIn(
        body="x", labels=[{"word": "sad", "added_from": "suggestion"}, {"word": "angry", "added_from": "own"}]))
    kept = EntryLabel.objects.get(entry=entry, word="sad")
    services.update_entry(entry, data=JournalEntryIn(
        body="y", labels=[{"word": "sad", "added_from": "own"}, {"word": "calm", "added_from": "own"}]))
    assert sorted(lb.word for lb in entry.labels.all()) == ["calm", "sad"]
    assert EntryLabel.objects.get(entry=entry, word="sad").pk == kept.pk


def test_it_builds_history_from_labelled_entries_only_with_few_queries(person, other_person):
    for i in range(5):
        services.create_entry(owner=person, data=JournalEntryIn(
            body=f"labelled {i}", labels=[{"word": "sad", "added_from": "own"}]))
    services.create_entry(owner=person, data=JournalEntryIn(body="no labels"))
    services.create_entry(owner=other_person, data=JournalEntryIn(
        body="someone else", labels=[{"word": "sad", "added_from": "own"}]))
    with CaptureQueriesContext(connection) as queries:
        history = services.history_for(person)
    assert len(queries) == 2
    assert [text for text, _ in history] == [f"labelled {i}" for i in range(5)]
    assert all(words == ["sad"] for _, words in history)
    assert len(services.history_for(person, limit=2)) == 2


def test_it_keeps_the_history_query_fast_at_its_cap(person, django_assert_num_queries):
    entries = JournalEntry.objects.bulk_create(
        [JournalEntry(owner=person, body="A long day at work and a tight chest. " * 20)
         for _ in range(services.HISTORY_LIMIT + 20)]
    )
    EntryLabel.objects.bulk_create(
        [EntryLabel(entry=e, word="anxious", family="fear") for e in entries])
    # Fast means two flat queries however many entries there are (no query per entry); a
    # stopwatch here would measure the machine's load as much as the code.
    with django_assert_num_queries(2):
        history = services.history_for(person)
    assert len(history) == services.HISTORY_LIMIT


def test_it_makes_demo_entries_every_few_days_with_known_words(person):
    calls = []
    made = demo.generate(person, days=60, per_day=3, rng=random.Random(4),
                         progress=lambda *a: calls.append(a))
    entries = list(JournalEntry.objects.filter(owner=person).prefetch_related("labels"))
    assert made == len(entries) and 10 <= made <= 30
    assert calls[-1] == ("journal", made, made)
    vocabulary = load_vocabulary()
    assert all(e.labels.all() for e in entries)
    for e in entries:
        assert e.analysed_text()
        for label in e.labels.all():
            assert vocabulary.by_word(label.word).family == label.family
    dates = sorted(e.written_at.date() for e in entries)
    gaps = {(b - a).days for a, b in zip(dates, dates[1:], strict=False)}
    assert gaps <= {2, 3, 4, 5}


def test_it_uses_every_demo_word_from_the_vocabulary():
    vocabulary = load_vocabulary()
    missing = [w for s in demo.SAMPLES for w in s[3] if vocabulary.by_word(w) is None]
    assert missing == []


def test_it_makes_five_years_of_demo_entries(person):
    # How long this takes is a figure of bench/insights.py ("demo part"), not a test.
    made = demo.generate(person, days=5 * 365, per_day=3, rng=random.Random(1),
                         progress=lambda *a: None)
    assert made > 400
    assert JournalEntry.objects.filter(owner=person).count() == made
