"""The repair migration for practice sessions: times out of range become the row's own
timestamps (start: created, end and completion: last changed), then CHECK constraints."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from tests.migration_helpers import across_migration

BEFORE = ("practices", "0002_checkin_links")
AFTER = ("practices", "0004_moments_in_range")


@pytest.mark.django_db(transaction=True)
def test_out_of_range_times_are_repaired_before_the_constraints(person):
    with across_migration(BEFORE, AFTER) as migrated:
        session = migrated.apps.get_model("practices", "PracticeSession")
        now = timezone.now()
        bad = session.objects.create(
            owner_id=person.pk, kind="senses", activity_id="music-hum",
            started_at=datetime(1500, 1, 1, tzinfo=UTC),
            ended_at=datetime(2999, 1, 1, tzinfo=UTC),
            completed_at=datetime(1999, 1, 1, tzinfo=UTC),
        )
        good = session.objects.create(owner_id=person.pk, kind="senses",
                                      activity_id="music-hum", started_at=now, ended_at=now)
    session = migrated.apps.get_model("practices", "PracticeSession")
    repaired = session.objects.get(pk=bad.pk)
    assert repaired.started_at == repaired.created_at
    assert repaired.ended_at == repaired.completed_at == repaired.updated_at
    kept = session.objects.get(pk=good.pk)
    assert (kept.started_at, kept.ended_at, kept.completed_at) == (now, now, None)
