"""Read-only views of one kind of a person's data, for a linked viewer: plain rows, newest
first, at most LIMIT of them. Only called after access.shared_or_404 allowed the kind."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils.safestring import mark_safe

from feelmap.accounts.models import User
from feelmap.assessments.models import AssessmentResponse
from feelmap.checkins.models import CheckIn
from feelmap.heartbeat.models import HeartbeatSession
from feelmap.journal.models import JournalEntry
from feelmap.practices.models import PracticeSession
from feelmap.safety.models import SafetyPlan
from feelmap.safety.plan import SECTIONS
from feelmap.saying.models import SayingPractice

from .models import Comment, Link, SharedEntry

LIMIT = 50


def _checkin_row(c: CheckIn) -> dict[str, Any]:
    words = [lb.own_word if lb.is_own else lb.word for lb in c.labels.all()]
    return {"id": c.public_id, "when": c.occurred_at,
            "title": ", ".join(w for w in words if w) or ("Not sure yet" if c.not_sure else "No words"),
            "lines": [x for x in (c.affect_label, c.body_summary, c.note) if x]}


def _journal_row(e: JournalEntry) -> dict[str, Any]:
    return {"id": e.public_id, "when": e.written_at, "title": e.title or "Untitled entry",
            "lines": [e.body] if e.body else []}


def _saying_row(p: SayingPractice) -> dict[str, Any]:
    return {"id": p.public_id, "when": p.practised_at, "title": p.feeling or "A practice",
            "lines": [p.text] if p.text else []}


def record_row(kind: str, record: Any) -> dict[str, Any]:
    """One commentable record as a row (the viewer's page about it)."""
    if kind == "checkins":
        return _checkin_row(record)
    return _journal_row(record) if kind == "journal" else _saying_row(record)


def _checkins(person: User) -> dict[str, Any]:
    return {"rows": [_checkin_row(c) for c in (
        CheckIn.objects.filter(owner=person).prefetch_related("labels", "sensations")
        .order_by("-occurred_at")[:LIMIT])]}


def journal_entries(link: Link):
    """The journal entries this link may see: all, or only those chosen for it."""
    found = JournalEntry.objects.filter(owner=link.person)
    if link.journal_scope == "chosen":
        found = found.filter(pk__in=SharedEntry.objects.filter(link=link).values("entry_id"))
    return found


def _journal(person: User, link: Link | None = None) -> dict[str, Any]:
    entries = journal_entries(link) if link is not None else JournalEntry.objects.filter(owner=person)
    return {"rows": [_journal_row(e) for e in entries.order_by("-written_at")[:LIMIT]]}


def _heartbeat(person: User) -> dict[str, Any]:
    rows = []
    for s in HeartbeatSession.objects.filter(owner=person).order_by("-started_at")[:LIMIT]:
        lines = []
        if s.accuracy is not None:
            lines.append(f"Accuracy {s.accuracy:.2f} (1 is exact)")
        if s.sensibility is not None:
            lines.append(f"How sure they felt, on average: {s.sensibility:.1f}")
        if s.guess_bpm is not None and s.measured_bpm is not None:
            lines.append(f"Guessed {s.guess_bpm} beats a minute; measured {s.measured_bpm:.0f}")
        rows.append({"id": None, "when": s.started_at, "title": s.get_kind_display(),
                     "lines": lines or ["Not finished"]})
    return {"rows": rows}


def _practices(person: User) -> dict[str, Any]:
    rows = []
    for s in PracticeSession.objects.filter(owner=person).order_by("-started_at")[:LIMIT]:
        minutes = f"{s.minutes} minutes" if s.minutes else ""
        rows.append({"id": None, "when": s.started_at, "title": s.get_kind_display(),
                     "lines": [x for x in (minutes, s.what_noticed) if x]})
    return {"rows": rows}


def _questionnaires(person: User) -> dict[str, Any]:
    rows = []
    for r in (AssessmentResponse.objects.filter(owner=person, completed_at__isnull=False)
              .order_by("-completed_at")[:LIMIT]):
        score = "" if r.total is None else f"Score {r.total:g}"
        rows.append({"id": None, "when": r.completed_at, "title": r.instrument.upper(),
                     "lines": [x for x in (score, r.band) if x]})
    return {"rows": rows}


def _saying(person: User) -> dict[str, Any]:
    return {"rows": [_saying_row(p) for p in
                     SayingPractice.objects.filter(owner=person).order_by("-practised_at")[:LIMIT]]}


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
    "insights": _insights, "heartbeat": _heartbeat,
}

def read(link: Link, kind: str) -> dict[str, Any]:
    """One kind of the linked person's data, as this link may see it; rows that take comments
    carry how many messages this link's thread about them holds."""
    found = _journal(link.person, link) if kind == "journal" else READERS[kind](link.person)
    ids = [r["id"] for r in found.get("rows", []) if r.get("id") is not None]
    if ids:
        counts = dict(Comment.objects.filter(link=link, kind=kind, target__in=ids)
                      .values_list("target").annotate(n=Count("id")).values_list("target", "n"))
        for r in found["rows"]:
            r["comments"] = counts.get(r["id"], 0)
    return found
