"""The list of linked people for a clinician or trusted person: last activity in shared kinds,
the stage on the path, and (for clinicians) flags. A fixed number of queries whatever the
number of people: the links with every latest moment and the first and latest PHQ-9 and GAD-7
totals as subqueries (each an index seek), the grants and the flags seen as plain tuples, and
the program stages."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from feelmap.assessments.models import AssessmentResponse
from feelmap.checkins.models import CheckIn
from feelmap.heartbeat.models import HeartbeatSession
from feelmap.journal.models import JournalEntry
from feelmap.lib import sharing
from feelmap.practices.models import PracticeSession
from feelmap.safety.models import SafetyFlag, SafetyPlan
from feelmap.saying.models import SayingPractice

from . import flags
from .models import FlagSeen, Grant, Link, SharedEntry

PER_PAGE = 25

# kind -> (model, the moment a record is about): "last activity" is the latest such moment.
# Each has an (owner, moment) index, so the latest is one index seek per person.
_LATEST = {
    "checkins": (CheckIn, "occurred_at"),
    "practices": (PracticeSession, "started_at"),
    "questionnaires": (AssessmentResponse, "completed_at"),
    "saying": (SayingPractice, "practised_at"),
    "safety_plan": (SafetyPlan, "updated_at"),
    "heartbeat": (HeartbeatSession, "started_at"),
}
# Where a language flag came from -> the grant a viewer needs to see it. A journal flag needs the
# whole journal: with chosen entries, the flag might come from an entry not shared.
_LANGUAGE = {"journal-language": "journal", "checkin-language": "checkins",
             "saying-language": "saying"}
_TRACKED = ("phq9", "gad7")


def _latest(model, field: str, **where) -> Subquery:
    rows = (model._default_manager.filter(owner=OuterRef("person"), **where)
            .order_by("-" + field).values(field))
    return Subquery(rows[:1])


def _score(instrument: str, newest: bool, field: str = "total") -> Subquery:
    rows = (AssessmentResponse.objects.filter(owner=OuterRef("person"), instrument=instrument,
                                              completed_at__isnull=False, total__isnull=False)
            .order_by(("-" if newest else "") + "completed_at").values(field))
    return Subquery(rows[:1])


def _links(viewer, link_pk: int | None = None):
    annotations: dict[str, Any] = {f"last_{k}": _latest(m, f) for k, (m, f) in _LATEST.items()}
    annotations["last_journal_all"] = _latest(JournalEntry, "written_at")
    annotations["last_journal_chosen"] = Subquery(
        SharedEntry.objects.filter(link=OuterRef("pk")).order_by()
        .values("link").annotate(m=Max("entry__written_at")).values("m")[:1])
    annotations["flag_item9"] = _latest(SafetyFlag, "created_at", source__startswith="phq9-item")
    for source, kind in _LANGUAGE.items():
        annotations[f"flag_{kind}_language"] = _latest(SafetyFlag, "created_at", source=source)
    if viewer.is_clinician:
        for instrument in _TRACKED:
            annotations[f"{instrument}_first"] = _score(instrument, newest=False)
            annotations[f"{instrument}_last"] = _score(instrument, newest=True)
            annotations[f"{instrument}_last_at"] = _score(instrument, True, "completed_at")
    found = Link.objects.live().filter(viewer=viewer)
    if link_pk is not None:
        found = found.filter(pk=link_pk)
    return found.select_related("person").annotate(**annotations).order_by("person__username")


@lru_cache(maxsize=4096)
def _judge(instrument: str, before: float, after: float) -> bool:
    """Reliably worse by what the questionnaires app uses: the published points rule where the
    instrument has one (PHQ-9: 6), else the reliable change index (GAD-7)."""
    from feelmap.assessments.instruments import load_instrument
    from feelmap.assessments.scoring import meaningful_change, reliable_change

    found = load_instrument(instrument)
    verdict = meaningful_change(found, before, after)
    if verdict is None:
        rci = reliable_change(found, before, after)
        verdict = rci.direction if rci is not None else None
    return verdict == "worse"


def _series(link: Link) -> list[tuple[str, float, float, datetime]]:
    out = []
    for instrument in _TRACKED:
        first, last = getattr(link, f"{instrument}_first"), getattr(link, f"{instrument}_last")
        at = getattr(link, f"{instrument}_last_at")
        if first is not None and last is not None and at is not None:
            out.append((instrument, float(first), float(last), at))
    return out


def _last_activity(link: Link) -> datetime | None:
    moments = []
    for kind in link.kinds:
        if kind == "journal":
            moments.append(link.last_journal_chosen if link.journal_scope == "chosen"
                           else link.last_journal_all)
        elif kind in _LATEST:
            moments.append(getattr(link, f"last_{kind}"))
    found = [m for m in moments if m is not None]
    return max(found) if found else None


def _flags(link: Link, last: datetime | None, seen: dict[str, tuple[datetime, datetime]],
           now: datetime) -> list[dict]:
    kinds = set(link.kinds)
    evidence: dict[str, datetime | None] = {}
    if "questionnaires" in kinds:
        evidence["item9"] = link.flag_item9
        evidence["deterioration"] = flags.reliably_worse(_series(link), _judge)
    language = [getattr(link, f"flag_{kind}_language") for kind in _LANGUAGE.values()
                if kind in kinds and (kind != "journal" or link.journal_scope != "chosen")]
    evidence["language"] = max((m for m in language if m is not None), default=None)
    if kinds:
        evidence["silence"] = flags.silent_since(last, now)
    out = []
    for key, (title, explanation) in flags.FLAGS.items():
        moment = evidence.get(key)
        if moment is None:
            continue
        was_seen = key in seen and seen[key][0] >= moment
        out.append({"key": key, "title": title, "explanation": explanation, "since": moment,
                    "seen": was_seen, "seen_at": seen[key][1] if was_seen else None})
    return out


def people(viewer, now: datetime | None = None, link_pk: int | None = None) -> list[dict[str, Any]]:
    """Every live link of the viewer (or only `link_pk`) as a row: who, what is shared, last
    activity, stage, flags (clinicians only), in name order."""
    now = now or timezone.now()
    links = list(_links(viewer, link_pk))
    granted: dict[int, dict[str, str]] = {link.pk: {} for link in links}
    for link_id, kind, scope in Grant.objects.filter(link__viewer=viewer, link__revoked_at=None
                                                     ).values_list("link_id", "kind", "scope"):
        granted.setdefault(link_id, {})[kind] = scope
    seen: dict[int, dict[str, tuple[datetime, datetime]]] = {}
    if viewer.is_clinician:
        for link_id, flag, up_to, at in FlagSeen.objects.filter(
                link__viewer=viewer, link__revoked_at=None).values_list(
                "link_id", "flag", "seen_up_to", "seen_at"):
            seen.setdefault(link_id, {})[flag] = (up_to, at)
    for link in links:
        link.set_granted(granted.get(link.pk, {}))
    stages = sharing.program_stages([link.person_id for link in links
                                     if "practices" in link.kinds])
    rows = []
    for link in links:
        last = _last_activity(link)
        kinds = link.kinds
        rows.append({
            "link": link, "person": link.person, "last": last, "kinds": kinds,
            "stage": stages.get(link.person_id) if "practices" in kinds else None,
            "flags": _flags(link, last, seen.get(link.pk, {}), now)
            if link.role == Link.Role.CLINICIAN else [],
        })
    return rows


def page_of(rows: list[dict[str, Any]], number: str | int | None) -> dict[str, Any]:
    """One page of the dashboard: people with a new flag first, then by name; PER_PAGE a page."""
    ordered = sorted(rows, key=lambda r: (not any(not f["seen"] for f in r["flags"]),
                                          r["person"].username))
    pages = max(1, -(-len(ordered) // PER_PAGE))
    try:
        current = min(max(int(number or 1), 1), pages)
    except (TypeError, ValueError):
        current = 1
    start = (current - 1) * PER_PAGE
    return {"rows": ordered[start:start + PER_PAGE], "number": current, "pages": pages,
            "total": len(ordered), "first": start + 1 if ordered else 0,
            "last": min(start + PER_PAGE, len(ordered)),
            "new_flags": sum(1 for r in ordered if any(not f["seen"] for f in r["flags"]))}


def flag_evidence(link: Link, key: str, now: datetime | None = None) -> datetime | None:
    """The current evidence moment of one flag for one link (for "mark as seen")."""
    for row in people(link.viewer, now, link.pk):
        if row["link"].pk == link.pk:
            return next((f["since"] for f in row["flags"] if f["key"] == key), None)
    return None
