"""Writes that touch several tables, each in one transaction: all of it is stored or none."""

from __future__ import annotations

import json
from typing import Any

from django.db import connection, transaction

from feelmap.accounts.models import User
from feelmap.lib.rows import insert, insert_many

from .choices import DEFAULT_RATINGS
from .models import BodySensation, CheckIn, Draft, FixedRating, Label, RatingSet
from .validation import CheckInData

SCALAR_FIELDS = (
    "kind", "occurred_at", "pleasantness", "energy", "not_sure",
    "doing", "doing_own", "with_whom", "with_whom_own", "where", "where_own",
    "trigger", "need", "note",
)
DRAFT_MAX_BYTES = 200_000


def _children(checkin: CheckIn, data: CheckInData) -> None:
    insert_many([
        BodySensation(checkin=checkin, region=s.region, quality=s.quality,
                      intensity=s.intensity, side=s.side)
        for s in data.sensations
    ])
    insert_many([
        Label(checkin=checkin, position=i, word="" if lab.is_own else lab.text,
              own_word=lab.text if lab.is_own else "", is_own=lab.is_own, family=lab.family,
              level=lab.level, intensity=lab.intensity, confidence=lab.confidence)
        for i, lab in enumerate(data.labels, start=1)
    ])
    insert_many([
        FixedRating(checkin=checkin, emotion=emotion, value=value)
        for emotion, value in data.ratings.items()
    ])


def mark_checkins_changed(owner_id: int) -> None:
    """Call inside the transaction of every write to a person's check-ins (see
    User.checkins_version). One plain UPDATE: it runs on every check-in save."""
    table = connection.ops.quote_name(User._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET checkins_version = checkins_version + 1 "  # noqa: S608
                       "WHERE id = %s", [owner_id])


# Saving a check-in is the write people make most, so its rows go in through
# feelmap.lib.rows (prepared statements) rather than the ORM's save().
def checkin_create(*, owner, data: CheckInData, draft_key: str = "") -> CheckIn:
    with transaction.atomic():
        checkin = CheckIn(owner=owner, **{f: getattr(data, f) for f in SCALAR_FIELDS})
        insert(checkin)
        _children(checkin, data)
        mark_checkins_changed(owner.pk)
        if draft_key:
            draft_clear(owner, draft_key)
    return checkin


def checkin_update(*, checkin: CheckIn, data: CheckInData, draft_key: str = "") -> CheckIn:
    with transaction.atomic():
        for f in SCALAR_FIELDS:
            setattr(checkin, f, getattr(data, f))
        checkin.save()
        # Replacing the few child rows is simpler and as cheap as diffing them.
        checkin.sensations.all().delete()
        checkin.labels.all().delete()
        checkin.ratings.all().delete()
        _children(checkin, data)
        mark_checkins_changed(checkin.owner_id)
        if draft_key:
            draft_clear(checkin.owner, draft_key)
    return checkin


def checkin_delete(*, checkin: CheckIn) -> None:
    with transaction.atomic():
        checkin.delete()
        mark_checkins_changed(checkin.owner_id)


def rating_emotions_for(user) -> tuple[str, ...]:
    found = RatingSet.objects.filter(owner=user).values_list("emotions", flat=True).first()
    return tuple(found) if found else DEFAULT_RATINGS


def rating_set_save(*, owner, emotions: list[str]) -> None:
    RatingSet.objects.update_or_create(owner=owner, defaults={"emotions": list(emotions)})


# --- drafts ---------------------------------------------------------------------------------

def draft_load(owner, key: str) -> dict[str, Any] | None:
    draft = Draft.objects.filter(owner=owner, key=key).first()
    if draft is None or not draft.payload:
        return None
    try:
        payload = json.loads(draft.payload)
    except ValueError:
        return None
    return {"payload": payload, "saved_at": draft.updated_at.isoformat()}


def draft_save(owner, key: str, payload: Any) -> Draft:
    text = json.dumps(payload, ensure_ascii=False)
    if len(text.encode()) > DRAFT_MAX_BYTES:
        raise ValueError("This draft is too large to keep.")
    draft, _ = Draft.objects.update_or_create(owner=owner, key=key, defaults={"payload": text})
    return draft


def draft_clear(owner, key: str) -> None:
    # One plain DELETE (nothing refers to drafts): the ORM's delete() costs more than the
    # write itself, and it runs on every check-in save.
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {quote(Draft._meta.db_table)} "  # noqa: S608
                       f"WHERE {quote('owner_id')} = %s AND {quote('key')} = %s", [owner.pk, key])
