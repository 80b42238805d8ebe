"""The repair migration: entries stored with a date out of range before input was bounded get
their own creation time, then the database refuses such dates for good."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tests.migration_helpers import across_migration

BEFORE = ("journal", "0001_entries_labels_drafts")
AFTER = ("journal", "0003_moments_in_range")


@pytest.mark.django_db(transaction=True)
def test_out_of_range_dates_are_repaired_before_the_constraint(person):
    with across_migration(BEFORE, AFTER) as migrated:
        entry = migrated.apps.get_model("journal", "JournalEntry")
        good_when = datetime(2024, 5, 1, 20, 0, tzinfo=UTC)
        old = entry.objects.create(owner_id=person.pk, body="x",
                                   written_at=datetime(1990, 1, 1, tzinfo=UTC))
        future = entry.objects.create(owner_id=person.pk, body="y",
                                      written_at=timezone.now() + timedelta(days=400))
        good = entry.objects.create(owner_id=person.pk, body="z", written_at=good_when)
        bc = None
        if connection.vendor == "postgresql":
            # What the unbounded API once stored: a BC date the driver cannot read back.
            bc = entry.objects.create(owner_id=person.pk, body="w", written_at=good_when)
            with connection.cursor() as cursor:
                cursor.execute("UPDATE journal_journalentry SET written_at = "
                               "'0001-01-01 00:00:00+00:30' WHERE id = %s", [bc.pk])
    entry = migrated.apps.get_model("journal", "JournalEntry")
    for row in (old, future, bc):
        if row is not None:
            repaired = entry.objects.get(pk=row.pk)
            assert repaired.written_at == repaired.created_at
    assert entry.objects.get(pk=good.pk).written_at == good_when
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.objects.create(owner_id=person.pk, body="v",
                             written_at=datetime(1990, 1, 1, tzinfo=UTC))
