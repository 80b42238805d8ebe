"""Each person's activity summary (`Activity`): the latest moment of every kind they can share,
the latest safety flag of each source, and their first and latest PHQ-9 and GAD-7 totals.

The clinician's list reads this one narrow row per person instead of working over every kind
of record (dashboard.py); what a viewer may see of it is still decided per link, from the
grants, when the list is read.

It is kept right inside every write: the write services of the person's apps call
`accounts.services.person_data_changed`, which tells `feelmap.lib.changes`, which calls
`refresh` here (registered in apps.py) in the write's own transaction. The row is worked out
again from the records themselves, so an edit, a delete or an import leaves it exact. On
PostgreSQL the version update that comes first locks the person's row, so two writes of the
same person take turns and the later one sees the earlier one's records.

`summaries` takes an app registry, so the data migration that fills the table for existing
data (migration 0004) runs the same code over the models as they were then.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.apps import apps as installed
from django.db.models import Max, Min

# Activity field -> (app label, model, moment): the latest moment of each kind that can be
# shared (the journal's chosen entries are counted per link, by the list itself).
LATEST: dict[str, tuple[str, str, str]] = {
    "checkins": ("checkins", "CheckIn", "occurred_at"),
    "journal": ("journal", "JournalEntry", "written_at"),
    "practices": ("practices", "PracticeSession", "started_at"),
    "questionnaires": ("assessments", "AssessmentResponse", "completed_at"),
    "saying": ("saying", "SayingPractice", "practised_at"),
    "safety_plan": ("safety", "SafetyPlan", "updated_at"),
    "heartbeat": ("heartbeat", "HeartbeatSession", "started_at"),
}
# Where a language flag came from -> the Activity field holding its latest moment.
WORDS: dict[str, str] = {
    "journal-language": "journal_words",
    "checkin-language": "checkin_words",
    "saying-language": "saying_words",
}
ITEM9_PREFIX = "phq9-item"
TRACKED = ("phq9", "gad7")
SCORE_FIELDS = tuple(f"{i}_{part}" for i in TRACKED for part in ("first", "last", "at"))
FLAG_FIELDS = ("item9", *WORDS.values())
FIELDS: tuple[str, ...] = (*LATEST, *FLAG_FIELDS, *SCORE_FIELDS)
# The parts of the summary a write of one kind of records can change (`feelmap.lib.changes`
# names the kinds): its latest moment; a finished questionnaire also its scores and the flag of
# question 9 written with it; a safety flag only the flags. Other words flags are written by
# their own call (safety.services.record_language_flags), named "safety_flags".
PARTS: dict[str, tuple[str, ...]] = {
    **{kind: (kind,) for kind in LATEST},
    "questionnaires": ("questionnaires", "flags", "scores"),
    "safety_flags": ("flags",),
}


def _fields(parts: Iterable[str]) -> tuple[str, ...]:
    """The summary fields of these parts (PARTS' values)."""
    out: list[str] = []
    for part in parts:
        out.extend(FLAG_FIELDS if part == "flags" else SCORE_FIELDS if part == "scores" else (part,))
    return tuple(out)


def summaries(registry: Any, owner_ids: Sequence[int], parts: Sequence[str] | None = None
              ) -> dict[int, dict[str, Any]]:
    """{owner id: {field: value}} for these people (every field present, or every field of
    `parts`; None when there is nothing): a fixed number of queries whatever the number of
    people or records."""
    wanted = (*LATEST, "flags", "scores") if parts is None else tuple(parts)
    out: dict[int, dict[str, Any]] = {pk: dict.fromkeys(_fields(wanted)) for pk in owner_ids}
    if not owner_ids:
        return out
    for field, (app, model_name, moment) in LATEST.items():
        if field not in wanted:
            continue
        model = registry.get_model(app, model_name)
        rows = (model._default_manager.filter(owner_id__in=owner_ids)
                .values("owner_id").annotate(m=Max(moment)).order_by().values_list("owner_id", "m"))
        for owner_id, latest in rows:
            out[owner_id][field] = latest
    if "flags" in wanted:
        _flags(registry, owner_ids, out)
    if "scores" in wanted:
        _scores(registry, owner_ids, out)
    return out


def _flags(registry: Any, owner_ids: Sequence[int], out: dict[int, dict[str, Any]]) -> None:
    """The latest safety flag of each source: question 9, words in each kind of text."""
    flag = registry.get_model("safety", "SafetyFlag")
    for owner_id, source, latest in (
            flag._default_manager.filter(owner_id__in=owner_ids).values("owner_id", "source")
            .annotate(m=Max("created_at")).order_by().values_list("owner_id", "source", "m")):
        kept = "item9" if source.startswith(ITEM9_PREFIX) else WORDS.get(source)
        if kept is not None and (out[owner_id][kept] is None or out[owner_id][kept] < latest):
            out[owner_id][kept] = latest


def _scores(registry: Any, owner_ids: Sequence[int], out: dict[int, dict[str, Any]]) -> None:
    """The first and latest finished totals of each tracked questionnaire: their moments in one
    grouped query, the totals at those moments in a second."""
    response = registry.get_model("assessments", "AssessmentResponse")
    scored = response._default_manager.filter(
        owner_id__in=owner_ids, instrument__in=TRACKED, completed_at__isnull=False,
        total__isnull=False)
    ends: dict[tuple[int, str], tuple[datetime, datetime]] = {
        (owner_id, instrument): (first, last)
        for owner_id, instrument, first, last in scored.values("owner_id", "instrument")
        .annotate(first=Min("completed_at"), last=Max("completed_at")).order_by()
        .values_list("owner_id", "instrument", "first", "last")}
    if not ends:
        return
    moments = {m for pair in ends.values() for m in pair}
    # Of two totals at the same moment, the first counts the earlier saved, the latest the later.
    earlier: dict[tuple[int, str, datetime], float] = {}
    later: dict[tuple[int, str, datetime], float] = {}
    for owner_id, instrument, at, total in (
            scored.filter(completed_at__in=moments).order_by("id")
            .values_list("owner_id", "instrument", "completed_at", "total")):
        earlier.setdefault((owner_id, instrument, at), total)
        later[(owner_id, instrument, at)] = total
    for (owner_id, instrument), (first, last) in ends.items():
        row = out[owner_id]
        row[f"{instrument}_first"] = earlier.get((owner_id, instrument, first))
        row[f"{instrument}_last"] = later.get((owner_id, instrument, last))
        row[f"{instrument}_at"] = last


def store(registry: Any, owner_ids: Iterable[int]) -> int:
    """Work out and save the summary of these people (insert or replace): how many rows."""
    activity = registry.get_model("care", "Activity")
    found = summaries(registry, list(owner_ids))
    rows = [activity(person_id=pk, **values) for pk, values in found.items()]
    activity._default_manager.bulk_create(rows, update_conflicts=True, unique_fields=["person"],
                                          update_fields=list(FIELDS))
    return len(rows)


def refresh(owner_id: int, kind: str | None = None) -> None:
    """The change hook (`feelmap.lib.changes`): one person's records changed, of `kind` when
    the write names it. A named kind works out again only its parts of a summary row there is
    already; anything else (no row yet, no kind, several) the whole row. When the safety flags
    may have changed, so may what the person's clinicians see as new (attention.py)."""
    from .attention import refresh_person

    parts = PARTS.get(kind) if kind is not None else None
    if parts is None or not _update(owner_id, parts):
        store(installed, [owner_id])
    if parts is None or "flags" in parts:
        refresh_person(owner_id)


def _update(owner_id: int, parts: Sequence[str]) -> bool:
    """Work out these parts of the person's summary row again: False when there is no row."""
    values = summaries(installed, [owner_id], parts)[owner_id]
    activity = installed.get_model("care", "Activity")
    return bool(activity._default_manager.filter(person_id=owner_id).update(**values))
