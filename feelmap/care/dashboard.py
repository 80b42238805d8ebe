"""The list of linked people for a clinician or trusted person: last activity in shared kinds,
the stage on the path, and (for clinicians) flags. A fixed number of queries whatever the
number of people: one for the links with every latest moment as a subquery, one for the
questionnaire scores, one for the program stages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Max, OuterRef, Prefetch, Subquery
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

# kind -> (model, moment field, annotation name)
_LATEST = {
    "checkins": (CheckIn, "created_at"),
    "practices": (PracticeSession, "created_at"),
    "questionnaires": (AssessmentResponse, "created_at"),
    "saying": (SayingPractice, "created_at"),
    "safety_plan": (SafetyPlan, "updated_at"),
    "heartbeat": (HeartbeatSession, "created_at"),
}
# Where a language flag came from -> the grant a viewer needs to see it. A journal flag needs the
# whole journal: with chosen entries, the flag might come from an entry not shared.
_LANGUAGE = {"journal-language": "journal", "checkin-language": "checkins",
             "saying-language": "saying"}


def _latest(model, field: str, **where) -> Subquery:
    rows = (model._default_manager.filter(owner=OuterRef("person"), **where)
            .order_by().values("owner").annotate(m=Max(field)).values("m"))
    return Subquery(rows[:1])


def _links(viewer):
    annotations: dict[str, Any] = {f"last_{k}": _latest(m, f) for k, (m, f) in _LATEST.items()}
    annotations["last_journal_all"] = _latest(JournalEntry, "created_at")
    annotations["last_journal_chosen"] = Subquery(
        SharedEntry.objects.filter(link=OuterRef("pk")).order_by()
        .values("link").annotate(m=Max("entry__created_at")).values("m")[:1])
    annotations["flag_item9"] = _latest(SafetyFlag, "created_at", source__startswith="phq9-item")
    for source, kind in _LANGUAGE.items():
        annotations[f"flag_{kind}_language"] = _latest(SafetyFlag, "created_at", source=source)
    return (Link.objects.live().filter(viewer=viewer).select_related("person")
            .prefetch_related(Prefetch("grants", queryset=Grant.objects.all()),
                              Prefetch("flags_seen", queryset=FlagSeen.objects.all()))
            .annotate(**annotations).order_by("person__username"))


def _judge(instrument: str, before: float, after: float) -> bool:
    from feelmap.assessments.instruments import load_instrument
    from feelmap.assessments.scoring import meaningful_change, reliable_change

    found = load_instrument(instrument)
    verdict = meaningful_change(found, before, after)
    if verdict is None:
        rci = reliable_change(found, before, after)
        verdict = rci.direction if rci is not None else None
    return verdict == "worse"


def _scores(person_ids: list[int]) -> dict[int, list[flags.Score]]:
    out: dict[int, list[flags.Score]] = {}
    rows = (AssessmentResponse.objects.filter(owner_id__in=person_ids, instrument__in=("phq9", "gad7"),
                                              completed_at__isnull=False, total__isnull=False)
            .values_list("owner_id", "instrument", "total", "completed_at"))
    for owner_id, instrument, total, at in rows:
        out.setdefault(owner_id, []).append(flags.Score(instrument, float(total), at))
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


def _flags(link: Link, last: datetime | None, scores: list[flags.Score], now: datetime) -> list[dict]:
    kinds = set(link.kinds)
    evidence: dict[str, datetime | None] = {}
    if "questionnaires" in kinds:
        evidence["item9"] = link.flag_item9
        evidence["deterioration"] = flags.worse_since_first(scores, _judge)
    language = [getattr(link, f"flag_{kind}_language") for kind in _LANGUAGE.values()
                if kind in kinds and (kind != "journal" or link.journal_scope != "chosen")]
    evidence["language"] = max((m for m in language if m is not None), default=None)
    if kinds:
        evidence["silence"] = flags.silent_since(last, now)
    seen = {f.flag: f for f in link.flags_seen.all()}
    out = []
    for key, (title, explanation) in flags.FLAGS.items():
        moment = evidence.get(key)
        if moment is None:
            continue
        was_seen = key in seen and seen[key].seen_up_to >= moment
        out.append({"key": key, "title": title, "explanation": explanation, "since": moment,
                    "seen": was_seen, "seen_at": seen[key].seen_at if was_seen else None})
    return out


def people(viewer, now: datetime | None = None) -> list[dict[str, Any]]:
    """Every live link of the viewer as a row: who, what is shared, last activity, stage, flags
    (clinicians only)."""
    now = now or timezone.now()
    links = list(_links(viewer))
    scores = _scores([link.person_id for link in links if "questionnaires" in link.kinds]) \
        if viewer.is_clinician else {}
    stages = sharing.program_stages([link.person_id for link in links
                                     if "practices" in link.kinds])
    rows = []
    for link in links:
        last = _last_activity(link)
        rows.append({
            "link": link, "person": link.person, "last": last,
            "stage": stages.get(link.person_id) if "practices" in link.kinds else None,
            "flags": _flags(link, last, scores.get(link.person_id, []), now)
            if link.role == Link.Role.CLINICIAN else [],
        })
    return rows


def flag_evidence(link: Link, key: str, now: datetime | None = None) -> datetime | None:
    """The current evidence moment of one flag for one link (for "mark as seen")."""
    for row in people(link.viewer, now):
        if row["link"].pk == link.pk:
            return next((f["since"] for f in row["flags"] if f["key"] == key), None)
    return None

