"""Each app's own rules for an imported record, from the app's input schema and validation.

The registry's record schemas (registry.py) check shapes, types and stored bounds; here each
record is also put through what the app itself demands of new data: vocabulary words that
exist, pleasantness and energy both or neither, known body regions and qualities, a known
prompt, a practice's fields for its kind, a questionnaire's answers, a whole safety plan.
A rule is a function from the checked record (a pydantic object of the record schema) to
problems as (field, message); kinds without app rules have no entry.

What an app decides at the moment of writing and an old record cannot meet is left out: a
check-in's ratings are checked against the emotions the record itself rates (the person's set
may have changed since), and times are checked by the stored range, not "until now".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from feelmap.lib.validation import errors_by_field

Problems = list[tuple[str, str]]
Rule = Callable[[Any], Problems]


def _schema(schema: type[BaseModel], raw: dict[str, Any], rename: dict[str, str] | None = None
            ) -> Problems:
    try:
        schema.model_validate(raw)
    except ValidationError as exc:
        rename = rename or {}
        return [(rename.get(name, name), message)
                for name, messages in errors_by_field(exc).items() for message in messages]
    return []


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _checkin(item: Any) -> Problems:
    from feelmap.checkins.validation import validate_checkin

    raw = {
        "kind": item.kind, "occurred_at": _iso(item.occurred_at),
        "pleasantness": item.pleasantness, "energy": item.energy, "not_sure": item.not_sure,
        "sensations": [{"region": s.region, "quality": s.quality, "intensity": s.intensity,
                        "side": s.side} for s in item.sensations],
        "labels": [{"word": (lb.own_word if lb.is_own else lb.word), "own": lb.is_own,
                    "intensity": lb.intensity, "confidence": lb.confidence}
                   for lb in sorted(item.labels, key=lambda lb: lb.position)],
        "ratings": {r.emotion: r.value for r in item.ratings},
        **{name: getattr(item, name) for name in (
            "doing", "doing_own", "with_whom", "with_whom_own", "where", "where_own",
            "trigger", "need", "note")},
    }
    _data, errors = validate_checkin(raw, now=datetime.now(UTC),
                                     rating_emotions=tuple(raw["ratings"]))
    return [(name, message) for name, messages in errors.items() for message in messages]


def _rating_set(item: Any) -> Problems:
    from feelmap.checkins.validation import validate_rating_set

    _clean, problems = validate_rating_set(list(item.emotions))
    return [("emotions", p) for p in problems]


def _journal_entry(item: Any) -> Problems:
    from feelmap.journal.schemas import JournalEntryIn

    return _schema(JournalEntryIn, {
        "prompt_id": item.prompt_id, "title": item.title, "steps": list(item.steps),
        "body": item.body, "minutes_spent": item.minutes_spent,
        "written_at": _iso(item.written_at),
        "labels": [{"word": lb.word, "added_from": lb.added_from} for lb in item.labels],
    })


def _practice(item: Any) -> Problems:
    from feelmap.practices.schemas import PracticeSessionIn

    # Links are checked by the import itself (they name records of the file).
    return _schema(PracticeSessionIn, {
        "kind": item.kind, "pattern": item.pattern, "minutes": item.minutes, "scan": item.scan,
        "activity_id": item.activity_id, "started_at": _iso(item.started_at),
        "ended_at": _iso(item.ended_at), "completed_at": _iso(item.completed_at),
        "what_noticed": item.what_noticed, "nothing_noticed": item.nothing_noticed,
        "quiet_regions": list(item.quiet_regions),
    })


def _saying(item: Any) -> Problems:
    from feelmap.saying.schemas import PracticeIn

    return _schema(PracticeIn, {
        name: getattr(item, name) for name in (
            "scenario_id", "goal", "feeling", "nuance", "also", "when", "need", "request",
            "text", "intensity", "answers", "spoken_seconds", "felt", "clarity")
    } | {"practised_at": _iso(item.practised_at)})


def _assessment(item: Any) -> Problems:
    """The schema, then each answer against its question's own options, and a finished
    response answering enough questions (as `allow_missing` does)."""
    from feelmap.assessments.instruments import load_instrument
    from feelmap.assessments.schemas import (
        QuestionnaireResponseIn,
        completion_errors,
        read_answers,
    )

    found = _schema(QuestionnaireResponseIn, {
        "instrument": item.instrument, "answers": dict(item.answers), "allow_missing": True,
        "completed_at": _iso(item.completed_at)})
    if found:
        return found
    instrument = load_instrument(item.instrument)
    answers, errors = read_answers(instrument, dict(item.answers))
    if not errors and item.completed_at is not None:  # a draft may hold any answers so far
        errors = completion_errors(instrument, answers, allow_missing=True)
    return [(name, message) for name, messages in errors.items() for message in messages]


def _safety_plan(item: Any) -> Problems:
    from feelmap.safety.schemas import SafetyPlanIn, SafetyPlanSectionsIn

    sections = {name: list(item.sections.get(name, []))
                for name in SafetyPlanSectionsIn.model_fields}
    unknown = sorted(set(item.sections) - set(sections))
    problems = [(f"sections.{name}", "This is not a section of the safety plan.")
                for name in unknown]
    return problems + _schema(SafetyPlanIn, {
        "sections": sections, "shared_with_clinician": item.shared_with_clinician,
        "version": getattr(item, "version", 0) or 0})


def _reminders(item: Any) -> Problems:
    from feelmap.program.schemas import ReminderSettingsIn

    def hhmm(value: Any) -> str | None:
        return None if value is None else value.strftime("%H:%M")

    return _schema(ReminderSettingsIn, {
        "email_enabled": item.email_enabled, "email": item.email, "times": list(item.times),
        "days": list(item.days), "time_zone": item.time_zone,
        "quiet_start": hhmm(item.quiet_start), "quiet_end": hhmm(item.quiet_end),
        "purposes": list(item.purposes)})


def _profile(item: Any) -> Problems:
    from feelmap.program.schemas import time_zones

    if item.time_zone and item.time_zone not in time_zones():
        # "" is the server's zone (never chosen); None an older file without the field.
        return [("time_zone", "This is not a time zone this Feelmap knows. Use a name such as "
                              "Europe/London, or leave it empty for the server's time zone.")]
    return []


RULES: dict[str, Rule] = {
    "profile": _profile,
    "checkins": _checkin,
    "rating_set": _rating_set,
    "journal_entries": _journal_entry,
    "practice_sessions": _practice,
    "saying_practices": _saying,
    "assessment_responses": _assessment,
    "safety_plan": _safety_plan,
    "reminder_settings": _reminders,
}


def problems_of(kind: str, item: Any) -> Problems:
    rule = RULES.get(kind)
    return rule(item) if rule is not None else []


def current_words(kind: str, item: Any) -> Any:
    """Vocabulary words take the vocabulary's current family (and, for check-ins, level), as a
    new check-in or journal word does: a file from before a word moved family stores it where
    it belongs now (checked words exist; see the rules above)."""
    if kind not in ("checkins", "journal_entries"):
        return item
    from feelmap.lexicon.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    for label in item.labels:
        if getattr(label, "is_own", False):
            continue
        word = vocabulary.by_word(label.word)
        if word is None:
            continue
        label.family = word.family
        if kind == "checkins":
            label.level = word.level
    return item
