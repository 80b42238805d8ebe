"""The list of linked people for a clinician or trusted person: last activity in shared kinds,
the stage on the path, and (for clinicians) flags. A fixed number of queries whatever the
number of people: the links with every latest moment and the first and latest PHQ-9 and GAD-7
totals as subqueries (each an index seek), the grants and the flags seen as plain tuples, and
the program stages."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from django.db.models import Case, DateTimeField, Exists, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
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
from .kinds import KINDS
from .models import FlagSeen, Grant, Link, SharedEntry

PER_PAGE = 25
# Stands for "nothing" inside GREATEST, which SQLite makes NULL when any argument is NULL.
NOTHING = datetime(1970, 1, 1, tzinfo=UTC)

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


@dataclass(frozen=True)
class PersonRef:
    """The few things the list shows about a person (no model instance per row)."""

    pk: int
    public_id: uuid.UUID
    username: str
    display_name: str

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username


def _latest(model, field: str, **where) -> Subquery:
    rows = (model._default_manager.filter(owner=OuterRef("person"), **where)
            .order_by("-" + field).values(field))
    return Subquery(rows[:1])


def _granted(kind: str, chosen: bool | None = None) -> Exists:
    rows = Grant.objects.filter(link=OuterRef("pk"), kind=kind)
    if chosen is True:
        rows = rows.filter(scope="chosen")
    elif chosen is False:
        rows = rows.exclude(scope="chosen")
    return Exists(rows)


def _when(condition, value) -> Case:
    return Case(When(condition, then=Coalesce(value, Value(NOTHING))), default=Value(NOTHING),
                output_field=DateTimeField())


def _latest_of(*parts) -> Greatest:
    return Greatest(*parts, output_field=DateTimeField())


def _score(instrument: str, newest: bool, field: str = "total") -> Subquery:
    rows = (AssessmentResponse.objects.filter(owner=OuterRef("person"), instrument=instrument,
                                              completed_at__isnull=False, total__isnull=False)
            .order_by(("-" if newest else "") + "completed_at").values(field))
    return Subquery(rows[:1])


@lru_cache(maxsize=2)
def _annotated(clinician: bool):
    """Links with every moment the list needs, as subqueries; built once per process (the
    expressions do not depend on the viewer), filtered per request."""
    chosen = SharedEntry.objects.filter(link=OuterRef("pk")).order_by("-entry__written_at")
    last = _latest_of(
        *(_when(_granted(k), _latest(m, f)) for k, (m, f) in _LATEST.items()),
        _when(_granted("journal", chosen=False), _latest(JournalEntry, "written_at")),
        _when(_granted("journal", chosen=True),
              Subquery(chosen.values("entry__written_at")[:1])),
    )
    annotations: dict[str, Any] = {"last": last}
    if clinician:
        annotations["item9"] = _when(_granted("questionnaires"), _latest(
            SafetyFlag, "created_at", source__startswith="phq9-item"))
        annotations["language"] = _latest_of(*(
            _when(_granted(kind, chosen=False) if kind == "journal" else _granted(kind),
                  _latest(SafetyFlag, "created_at", source=source))
            for source, kind in _LANGUAGE.items()))
        annotations["questionnaires"] = _granted("questionnaires")
        for instrument in _TRACKED:
            annotations[f"{instrument}_first"] = _score(instrument, newest=False)
            annotations[f"{instrument}_last"] = _score(instrument, newest=True)
            annotations[f"{instrument}_last_at"] = _score(instrument, True, "completed_at")
    fields = ("pk", "role", "person_id", "person__public_id", "person__username",
              "person__display_name", *annotations)
    return Link.objects.annotate(**annotations), fields


def _links(viewer, pks: list[int] | None = None):
    """The viewer's live links as plain values; what each shares decides, in the database,
    which moments count (a kind not shared adds nothing)."""
    base, fields = _annotated(bool(viewer.is_clinician))
    found = base.filter(viewer=viewer, revoked_at=None)
    if pks is not None:
        found = found.filter(pk__in=pks)
    return found.order_by("person__username").values(*fields)


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


def _moment(value: datetime | None) -> datetime | None:
    return None if value is None or value <= NOTHING else value


def _series(row: dict[str, Any]) -> list[tuple[str, float, float, datetime]]:
    out = []
    for instrument in _TRACKED:
        first, last = row[f"{instrument}_first"], row[f"{instrument}_last"]
        at = row[f"{instrument}_last_at"]
        if first is not None and last is not None and at is not None:
            out.append((instrument, float(first), float(last), at))
    return out


def _flags(row: dict[str, Any], last: datetime | None, shares: bool,
           seen: dict[str, tuple[datetime, datetime]], now: datetime) -> list[dict]:
    evidence: dict[str, datetime | None] = {
        "item9": _moment(row["item9"]),
        "deterioration": flags.reliably_worse(_series(row), _judge) if row["questionnaires"]
        else None,
        "language": _moment(row["language"]),
        "silence": flags.silent_since(last, now) if shares else None,
    }
    out = []
    for key, (title, explanation) in flags.FLAGS.items():
        moment = evidence.get(key)
        if moment is None:
            continue
        was_seen = key in seen and seen[key][0] >= moment
        out.append({"key": key, "title": title, "explanation": explanation, "since": moment,
                    "seen": was_seen, "seen_at": seen[key][1] if was_seen else None})
    return out


def _grants_and_seen(viewer, pks: list[int] | None):
    grants = Grant.objects.filter(link__viewer=viewer, link__revoked_at=None)
    seen_rows = FlagSeen.objects.filter(link__viewer=viewer, link__revoked_at=None)
    if pks is not None:
        grants, seen_rows = grants.filter(link__in=pks), seen_rows.filter(link__in=pks)
    granted: dict[int, dict[str, str]] = {}
    for link_id, kind, scope in grants.values_list("link_id", "kind", "scope"):
        granted.setdefault(link_id, {})[kind] = scope
    seen: dict[int, dict[str, tuple[datetime, datetime]]] = {}
    if viewer.is_clinician:
        for link_id, flag, up_to, at in seen_rows.values_list("link_id", "flag", "seen_up_to",
                                                              "seen_at"):
            seen.setdefault(link_id, {})[flag] = (up_to, at)
    return granted, seen


def people(viewer, now: datetime | None = None, pks: list[int] | None = None) -> list[dict[str, Any]]:
    """The viewer's live links (all, or those in `pks`) as rows: who, what is shared, last
    activity, stage, flags (clinicians only), in name order."""
    now = now or timezone.now()
    found = list(_links(viewer, pks))
    granted, seen = _grants_and_seen(viewer, pks)
    order = list(KINDS)
    kinds_of = {row["pk"]: [k for k in order if k in granted.get(row["pk"], {})] for row in found}
    stages = sharing.program_stages([row["person_id"] for row in found
                                     if "practices" in kinds_of[row["pk"]]])
    rows = []
    for row in found:
        kinds = kinds_of[row["pk"]]
        scope = granted.get(row["pk"], {}).get("journal")
        last = _moment(row["last"])
        rows.append({
            "link_pk": row["pk"], "role": row["role"], "kinds": kinds,
            "journal_scope": (scope or "all") if scope is not None else "",
            "person": PersonRef(row["person_id"], row["person__public_id"],
                                row["person__username"], row["person__display_name"]),
            "last": last,
            "stage": stages.get(row["person_id"]) if "practices" in kinds else None,
            "flags": _flags(row, last, bool(kinds), seen.get(row["pk"], {}), now)
            if viewer.is_clinician and row["role"] == Link.Role.CLINICIAN else [],
        })
    return rows


def attention(viewer) -> list[dict[str, Any]]:
    """People with a new safety flag (question 9, words of self-harm) across the whole list,
    whatever page is shown: read from the small table of flags, one query for everyone."""
    if not viewer.is_clinician:
        return []
    links = list(Link.objects.live().filter(viewer=viewer, role=Link.Role.CLINICIAN)
                 .values_list("pk", "person_id", "person__public_id", "person__username",
                              "person__display_name"))
    by_person = {row[1]: row for row in links}
    latest: dict[int, dict[str, datetime]] = {}
    for owner_id, source, moment in (
            SafetyFlag.objects.filter(owner__in=list(by_person))
            .filter(Q(source__startswith="phq9-item") | Q(source__in=list(_LANGUAGE)))
            .values_list("owner_id", "source").annotate(m=Max("created_at"))
            .values_list("owner_id", "source", "m")):
        key = "item9" if source.startswith("phq9-item") else "language"
        if source in _LANGUAGE or key == "item9":
            latest.setdefault(owner_id, {})[source] = moment
    if not latest:
        return []
    pks = [by_person[owner][0] for owner in latest]
    granted, seen = _grants_and_seen(viewer, pks)
    out = []
    for owner_id, sources in latest.items():
        link_pk, _pid, public_id, username, display = by_person[owner_id]
        shares = granted.get(link_pk, {})
        evidence: dict[str, list[datetime]] = {"item9": [], "language": []}
        for source, moment in sources.items():
            if source.startswith("phq9-item"):
                if "questionnaires" in shares:
                    evidence["item9"].append(moment)
            else:
                kind = _LANGUAGE[source]
                if kind in shares and (kind != "journal" or shares[kind] != "chosen"):
                    evidence["language"].append(moment)
        new = []
        for key, moments in evidence.items():
            if moments:
                moment = max(moments)
                mark = seen.get(link_pk, {}).get(key)
                if mark is None or mark[0] < moment:
                    new.append({"key": key, "title": flags.FLAGS[key][0],
                                "explanation": flags.FLAGS[key][1], "since": moment})
        if new:
            out.append({"person": PersonRef(owner_id, public_id, username, display), "flags": new})
    return sorted(out, key=lambda item: item["person"].username)


def page_of(viewer, number: str | int | None, now: datetime | None = None) -> dict[str, Any]:
    """One page of the list in name order, PER_PAGE people a page: only that page's people are
    computed in full, so the page costs the same with 30 people or 300. New safety flags of
    everyone come with it (`attention`)."""
    ids = list(Link.objects.live().filter(viewer=viewer).order_by("person__username", "pk")
               .values_list("pk", flat=True))
    pages = max(1, -(-len(ids) // PER_PAGE))
    try:
        current = min(max(int(number or 1), 1), pages)
    except (TypeError, ValueError):
        current = 1
    start = (current - 1) * PER_PAGE
    shown = ids[start:start + PER_PAGE]
    return {"rows": people(viewer, now, shown) if shown else [], "number": current,
            "pages": pages, "total": len(ids), "first": start + 1 if ids else 0,
            "last": min(start + PER_PAGE, len(ids)), "attention": attention(viewer)}


def flag_evidence(link: Link, key: str, now: datetime | None = None) -> datetime | None:
    """The current evidence moment of one flag for one link (for "mark as seen")."""
    for row in people(link.viewer, now, [link.pk]):
        if row["link_pk"] == link.pk:
            return next((f["since"] for f in row["flags"] if f["key"] == key), None)
    return None
