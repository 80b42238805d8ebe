from datetime import UTC, datetime

import pytest

from feelmap.checkins.models import CheckIn, Draft, Label
from feelmap.checkins.services import checkin_create, checkin_delete, checkin_update, draft_save
from feelmap.checkins.validation import validate_checkin

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 3, 14, 18, 30, tzinfo=UTC)


def clean(**raw):
    data, errors = validate_checkin(raw, now=NOW)
    assert errors == {}
    return data


def test_it_saves_everything_and_clears_the_draft(person):
    draft_save(person, "checkin-full", {"note": ["hi"]})
    data = clean(
        kind="full", pleasantness=1, energy=-1, note="A quiet evening.",
        sensations=[{"region": "chest", "quality": "warmth", "intensity": 4}],
        labels=[{"word": "content"}, {"word": "cosy-ish", "own": True}], ratings={"calm": 5},
    )
    checkin = checkin_create(owner=person, data=data, draft_key="checkin-full")
    checkin.refresh_from_db()
    assert checkin.note == "A quiet evening."
    assert [lab.text for lab in checkin.labels.all()] == ["content", "cosy-ish"]
    assert checkin.sensations.get().quality == "warmth"
    assert checkin.ratings.get().value == 5
    assert not Draft.objects.exists()


def test_it_stores_the_note_encrypted(person):
    from django.db import connection

    checkin = checkin_create(owner=person, data=clean(note="private words"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM checkins_checkin WHERE id = %s", [checkin.pk])
        stored = cursor.fetchone()[0]
    assert "private" not in stored and stored.startswith("fernet:")


def test_it_replaces_children_on_update_and_deletes_all(person):
    checkin = checkin_create(owner=person, data=clean(labels=["sad", "down"]))
    checkin_update(checkin=checkin, data=clean(labels=["calm"]))
    assert [lab.word for lab in Label.objects.filter(checkin=checkin)] == ["calm"]
    checkin_delete(checkin=checkin)
    assert not CheckIn.objects.exists() and not Label.objects.exists()


def test_it_refuses_a_huge_draft(person):
    with pytest.raises(ValueError):
        draft_save(person, "k", {"note": "x" * 300_000})
