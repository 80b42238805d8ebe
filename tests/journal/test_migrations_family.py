"""The family migration for journal words: words saved before the vocabulary moved them take
their current family; words it no longer has stay; running it again changes nothing."""

import importlib
from datetime import UTC, datetime

import pytest

from feelmap.accounts.models import User
from tests.migration_helpers import across_migration, data_versions

BEFORE = ("journal", "0003_moments_in_range")
AFTER = ("journal", "0004_labels_current_family")
step = importlib.import_module("feelmap.journal.migrations.0004_labels_current_family")


@pytest.mark.django_db(transaction=True)
def test_entry_words_take_the_current_family(person, other_person, latest_schema_afterwards):
    with across_migration(BEFORE, AFTER) as migrated:
        entry_model = migrated.apps.get_model("journal", "JournalEntry")
        label_model = migrated.apps.get_model("journal", "EntryLabel")
        when = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
        mine = entry_model.objects.create(owner_id=person.pk, body="x", written_at=when)
        theirs = entry_model.objects.create(owner_id=other_person.pk, body="y", written_at=when)
        rows = {
            "jealous": label_model.objects.create(entry=mine, word="jealous", family="anger"),
            "exhausted": label_model.objects.create(entry=mine, word="exhausted", family="numb"),
            "envious": label_model.objects.create(entry=mine, word="envious", family="fear"),
            "gone": label_model.objects.create(entry=mine, word="no-longer-a-word", family="joy"),
            "calm": label_model.objects.create(entry=theirs, word="calm", family="calm"),
        }
        # the state before this app's step does not include accounts' later field: the table does
        versions = data_versions(User)
    label_model = migrated.apps.get_model("journal", "EntryLabel")
    user_model = migrated.apps.get_model("accounts", "User")
    family = {name: label_model.objects.get(pk=row.pk).family for name, row in rows.items()}
    assert family == {"jealous": "fear", "exhausted": "body", "envious": "anger",
                      "gone": "joy", "calm": "calm"}
    after = data_versions(user_model)
    assert after[person.pk] == versions[person.pk] + 1
    assert after[other_person.pk] == versions[other_person.pk]

    step.current_families(migrated.apps, None)  # again: nothing left to change
    assert {n: label_model.objects.get(pk=r.pk).family for n, r in rows.items()} == family
    assert data_versions(user_model) == after


@pytest.mark.django_db
def test_new_entries_store_the_current_family(person):
    from feelmap.journal import services
    from feelmap.journal.schemas import JournalAddLabelIn, JournalEntryIn

    entry = services.create_entry(owner=person, data=JournalEntryIn(
        body="x", labels=["jealous", "exhausted"]))
    services.add_label(entry, JournalAddLabelIn(word="envious"))
    assert dict(entry.labels.values_list("word", "family")) == {
        "jealous": "fear", "exhausted": "body", "envious": "anger"}
