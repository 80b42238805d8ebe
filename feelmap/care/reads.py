"""Read-only views of one kind of a person's data, for a linked viewer: plain rows, newest
first, at most LIMIT of them. Only called after access.shared_or_404 allowed the kind."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Max
from django.utils.safestring import mark_safe

from feelmap.accounts.models import User
from feelmap.assessments.models import AssessmentResponse
from feelmap.checkins.models import CheckIn
from feelmap.journal.models import JournalEntry
from feelmap.practices.models import PracticeSession
from feelmap.safety.models import SafetyPlan
from feelmap.safety.plan import SECTIONS
from feelmap.saying.models import SayingPractice

LIMIT = 50


def _checkins(person: User) -> dict[str, Any]:
    rows = []
    for c in (CheckIn.objects.filter(owner=person).prefetch_related("labels", "sensations")
              .order_by("-occurred_at")[:LIMIT]):
        words = [lb.own_word if lb.is_own else lb.word for lb in c.labels.all()]
        rows.append({"when": c.occurred_at, "title": ", ".join(w for w in words if w)
                     or ("Not sure yet" if c.not_sure else "No words"),
                     "lines": [x for x in (c.affect_label, c.body_summary, c.note) if x]})
    return {"rows": rows}


def _journal(person: User) -> dict[str, Any]:
    rows = [{"when": e.written_at, "title": e.title or "Untitled entry", "lines": [e.body] if e.body else []}
            for e in JournalEntry.objects.filter(owner=person).order_by("-written_at")[:LIMIT]]
    return {"rows": rows}


def _practices(person: User) -> dict[str, Any]:
    rows = []
    for s in PracticeSession.objects.filter(owner=person).order_by("-started_at")[:LIMIT]:
        minutes = f"{s.minutes} minutes" if s.minutes else ""
        rows.append({"when": s.started_at, "title": s.get_kind_display(),
                     "lines": [x for x in (minutes, s.what_noticed) if x]})
    return {"rows": rows}


def _questionnaires(person: User) -> dict[str, Any]:
    rows = []
    for r in (AssessmentResponse.objects.filter(owner=person, completed_at__isnull=False)
              .order_by("-completed_at")[:LIMIT]):
        score = "" if r.total is None else f"Score {r.total:g}"
        rows.append({"when": r.completed_at, "title": r.instrument.upper(),
                     "lines": [x for x in (score, r.band) if x]})
    return {"rows": rows}


def _saying(person: User) -> dict[str, Any]:
    rows = [{"when": p.practised_at, "title": p.feeling or "A practice",
             "lines": [p.text] if p.text else []}
            for p in SayingPractice.objects.filter(owner=person).order_by("-practised_at")[:LIMIT]]
    return {"rows": rows}


def _safety_plan(person: User) -> dict[str, Any]:
    plan = SafetyPlan.objects.filter(owner=person).first()
    sections = plan.sections if plan else {}
    return {"plan": [{"title": s.title, "answers": sections.get(s.key, [])} for s in SECTIONS],
            "saved": plan.updated_at if plan else None}


def _insights(person: User) -> dict[str, Any]:
    from django.template.loader import render_to_string

    from feelmap.insights.templatetags.insights_page import insights_body

    # The insights page's own content for this person (their cached insights, same template).
    html = render_to_string("insights/_body.html", insights_body(person))
    return {"html": mark_safe(html)}  # noqa: S308 - rendered by insights' own template  # nosec B703 B308  # autoescaped template output


READERS = {
    "checkins": _checkins, "journal": _journal, "practices": _practices,
    "questionnaires": _questionnaires, "saying": _saying, "safety_plan": _safety_plan,
    "insights": _insights,
}

# The moment each kind was last added to, for the list of linked people.
_LATEST = {
    "checkins": (CheckIn, "created_at"), "journal": (JournalEntry, "created_at"),
    "practices": (PracticeSession, "created_at"), "questionnaires": (AssessmentResponse, "created_at"),
    "saying": (SayingPractice, "created_at"), "safety_plan": (SafetyPlan, "updated_at"),
}


def read(person: User, kind: str) -> dict[str, Any]:
    return READERS[kind](person)


def last_activity(person: User, kinds: list[str]) -> datetime | None:
    """The latest moment among the granted kinds only (nothing else about the person leaks)."""
    moments = []
    for kind in kinds:
        if kind in _LATEST:
            model, field = _LATEST[kind]
            moments.append(model._default_manager.filter(owner=person).aggregate(m=Max(field))["m"])
    found = [m for m in moments if m is not None]
    return max(found) if found else None
