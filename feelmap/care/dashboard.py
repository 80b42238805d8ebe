"""The list of linked people for a clinician or trusted person: last activity in shared kinds,
the stage on the path, and (for clinicians) flags. A fixed number of small queries whatever the
number of people: each person's activity summary (one narrow row, kept by the write services:
activity.py) with the link, the grants and the flags seen as plain tuples, and the program
stages. Which moments count is decided here, per link, from its grants: a kind not shared adds
nothing and shows no flag."""

from __future__ import annotations

import sys
import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.db.models import (
    Count,
    Max,
    QuerySet,
    Window,
)
from django.urls import reverse
from django.utils import timezone

from feelmap.lib import sharing

from . import attention, flags
from .activity import FIELDS, FLAG_FIELDS, LATEST, TRACKED
from .kinds import KINDS
from .models import FlagSeen, Grant, Link, SharedEntry

PER_PAGE = 20
# The people with the newest safety flags shown above the list; the rest are one link away.
ATTENTION_SHOWN = 5
_ACTIVITY = "person__care_activity__"
_PERSON = ("pk", "role", "person_id", "person__public_id", "person__username",
           "person__display_name")


@dataclass(frozen=True)
class PersonRef:
    """The few things the list shows about a person (no model instance per row)."""

    pk: int
    public_id: uuid.UUID
    username: str
    display_name: str
    href: str  # the person's page (care:person)

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username



_ZERO = uuid.UUID(int=0)


def _person(person_id: int, public_id: uuid.UUID, username: str, display: str,
            page: str) -> PersonRef:
    """`page`: the address of a person's page reversed once for the whole list (with _ZERO)."""
    return PersonRef(person_id, public_id, username, display,
                     page.replace(str(_ZERO), str(public_id)))


def _person_page() -> str:
    return reverse("care:person", args=[_ZERO])


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


def _series(activity: dict[str, Any]) -> list[tuple[str, float, float, datetime]]:
    out = []
    for instrument in TRACKED:
        first, last = activity[f"{instrument}_first"], activity[f"{instrument}_last"]
        at = activity[f"{instrument}_at"]
        if first is not None and last is not None and at is not None:
            out.append((instrument, float(first), float(last), at))
    return out


def _last_activity(activity: dict[str, Any], shares: dict[str, str],
                   chosen: datetime | None) -> datetime | None:
    """The latest moment among the kinds this link shares (the journal: all of it, or the
    latest entry chosen for this link)."""
    moments = [activity[kind] for kind in LATEST if kind in shares and kind != "journal"]
    if "journal" in shares:
        moments.append(chosen if shares["journal"] == "chosen" else activity["journal"])
    return attention.latest(*moments)


def _flags(activity: dict[str, Any], shares: dict[str, str], last: datetime | None,
           seen: dict[str, tuple[datetime, datetime]], now: datetime) -> list[dict]:
    evidence = {
        **attention.evidence(activity, shares),
        "deterioration": flags.reliably_worse(_series(activity), _judge)
        if "questionnaires" in shares else None,
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


def _chosen_latest(link_pks: list[int]) -> dict[int, datetime]:
    """For links sharing only chosen journal entries: the latest chosen entry's moment."""
    if not link_pks:
        return {}
    return dict(SharedEntry.objects.filter(link_id__in=link_pks).values("link_id")
                .annotate(m=Max("entry__written_at")).order_by().values_list("link_id", "m"))


def _grants_and_seen(viewer, pks: list[int] | None):
    """The grants and flags seen of the viewer's live links, or of the links in `pks` (read
    from the viewer's live links by the caller: only those links' rows use them)."""
    queries = _queries()
    if pks is None:
        grants = queries.grants.filter(link__viewer=viewer, link__revoked_at=None)
        seen_rows = queries.seen.filter(link__viewer=viewer, link__revoked_at=None)
    else:
        grants, seen_rows = queries.grants.filter(link_id__in=pks), queries.seen.filter(link_id__in=pks)
    granted: dict[int, dict[str, str]] = {}
    for link_id, kind, scope in grants:
        granted.setdefault(link_id, {})[kind] = scope
    seen: dict[int, dict[str, tuple[datetime, datetime]]] = {}
    if viewer.is_clinician:
        for link_id, flag, up_to, at in seen_rows:
            seen.setdefault(link_id, {})[flag] = (up_to, at)
    return granted, seen


Granted = dict[int, dict[str, str]]
Seen = dict[int, dict[str, tuple[datetime, datetime]]]


# The summary fields that can raise a safety flag (item 9, words of self-harm).
_SAFETY = FLAG_FIELDS


def _live(viewer) -> QuerySet[Link]:
    return Link.objects.live().filter(viewer=viewer)


@dataclass(frozen=True)
class _Queries:
    """The list's queries without the viewer, built once per process and narrowed on each use
    (as a view's `queryset` attribute is). Working out their joins and columns costs more than
    running them (benchmark: about 0.7 ms of the 2.6 ms of the flag query on PostgreSQL), and
    the list runs four of them on every visit. They are never evaluated themselves: `.filter()`
    and slicing return new querysets."""

    rows: QuerySet  # the viewer's live links: who, then the person's whole activity summary
    page: QuerySet  # the same in name order, each row ending with the number of everyone
    # Clinician links with a new safety flag (attention.py), newest first: who, the safety
    # moments of the person's summary, and the number of them all.
    flagged: QuerySet
    grants: QuerySet  # (link, kind, scope)
    seen: QuerySet  # (link, flag, seen up to, seen at)


@lru_cache(maxsize=1)
def _queries() -> _Queries:
    person_and_activity = (*_PERSON, *(_ACTIVITY + f for f in FIELDS))
    live = Link.objects.live()
    return _Queries(
        rows=live.order_by("person__username", "pk").values_list(*person_and_activity),
        # A window over all the viewer's links, counted before the page is cut.
        page=live.order_by("person__username", "pk").annotate(everyone=Window(Count("pk")))
        .values_list(*person_and_activity, "everyone"),
        flagged=live.filter(role=Link.Role.CLINICIAN, new_safety_at__isnull=False)
        .order_by("-new_safety_at", "person__username", "pk")
        .annotate(flagged=Window(Count("pk")))
        .values_list(*_PERSON, *(_ACTIVITY + f for f in _SAFETY), "flagged"),
        grants=Grant.objects.values_list("link_id", "kind", "scope"),
        seen=FlagSeen.objects.values_list("link_id", "flag", "seen_up_to", "seen_at"),
    )


def _computed(viewer, rows: list[tuple], now: datetime, known: tuple[Granted, Seen]
              ) -> list[dict[str, Any]]:
    """Rows of `_Queries.rows` as the list shows them: what is shared, last activity, stage, flags
    (clinicians only)."""
    granted, seen = known
    chosen = _chosen_latest([row[0] for row in rows
                             if granted.get(row[0], {}).get("journal") == "chosen"])
    stages = sharing.program_stages([row[2] for row in rows
                                     if "practices" in granted.get(row[0], {})])
    clinician = bool(viewer.is_clinician)
    page = _person_page()
    out = []
    for row in rows:
        link_pk, role, person_id, public_id, username, display = row[:len(_PERSON)]
        activity = dict(zip(FIELDS, row[len(_PERSON):], strict=True))
        shares = granted.get(link_pk, {})
        last = _last_activity(activity, shares, chosen.get(link_pk))
        scope = shares.get("journal")
        out.append({
            "link_pk": link_pk, "role": role, "kinds": [k for k in KINDS if k in shares],
            "journal_scope": (scope or "all") if scope is not None else "",
            "person": _person(person_id, public_id, username, display, page),
            "last": last,
            "stage": stages.get(person_id) if "practices" in shares else None,
            "flags": _flags(activity, shares, last, seen.get(link_pk, {}), now)
            if clinician and role == Link.Role.CLINICIAN else [],
        })
    return out


def people(viewer, now: datetime | None = None, pks: list[int] | None = None,
           known: tuple[Granted, Seen] | None = None) -> list[dict[str, Any]]:
    """The viewer's live links (all, or those in `pks`) as rows: who, what is shared, last
    activity, stage, flags (clinicians only), in name order. `known`: the grants and flags
    seen of these links, when the caller has read them already."""
    found = _queries().rows.filter(viewer=viewer)
    if pks is not None:
        found = found.filter(pk__in=pks)
    rows = list(found)
    return _computed(viewer, rows, now or timezone.now(),
                     known if known is not None else _grants_and_seen(viewer, pks))


def _flagged(viewer, start: int, count: int) -> list[tuple]:
    """`count` of the viewer's people with a new safety flag from `start`, newest first (by
    `Link.new_safety_at`, kept by attention.py), each row ending with how many there are."""
    if not viewer.is_clinician:
        return []
    return list(_queries().flagged.filter(viewer=viewer)[start:start + count])


def _new_safety(flagged_rows: list[tuple], granted: Granted, seen: Seen
                ) -> list[tuple[tuple, list[tuple[str, datetime]]]]:
    """(row, [(flag, moment), …]) of these rows of `_flagged`: their new safety flags (question
    9, words of self-harm) by the rule each row of the list uses (`attention.new_flags`)."""
    found = []
    for row in flagged_rows:
        link_pk = row[0]
        activity = dict(zip(_SAFETY, row[len(_PERSON):len(_PERSON) + len(_SAFETY)], strict=True))
        marks = {key: up_to for key, (up_to, _at) in seen.get(link_pk, {}).items()}
        new = attention.new_flags(activity, granted.get(link_pk, {}), marks)
        if new:
            found.append((row, new))
    return found


def _shown_flags(found: list[tuple[tuple, list[tuple[str, datetime]]]]) -> list[dict[str, Any]]:
    page = _person_page()
    return [{"person": _person(row[2], row[3], row[4], row[5], page),
             "flags": [{"key": key, "title": flags.FLAGS[key][0],
                        "explanation": flags.FLAGS[key][1], "since": moment}
                       for key, moment in new]}
            for row, new in found]


def _page_number(number: str | int | None, pages: int) -> int:
    try:
        return min(max(int(number or 1), 1), pages)
    except (TypeError, ValueError):
        return 1


def page_of(viewer, number: str | int | None, now: datetime | None = None,
            flagged_only: bool = False) -> dict[str, Any]:
    """One page of the list, PER_PAGE people a page: in name order, or (`flagged_only`, for a
    clinician) only the people with a new safety flag, newest first. Only that page's people
    are computed in full. The ATTENTION_SHOWN people with the newest safety flags of everyone
    come with it (`attention`; `flagged`: how many people have one), whatever the page:
    read by `Link.new_safety_at` (attention.py), with their flags worked out as each row's
    are."""
    now = now or timezone.now()
    if flagged_only:
        total = _live(viewer).count()
        current = _page_number(number, sys.maxsize // PER_PAGE)  # any offset the database takes
        listed_rows = _flagged(viewer, (current - 1) * PER_PAGE, PER_PAGE)
        if not listed_rows and current > 1:  # past the last page: the last page
            everyone = _live(viewer).filter(role=Link.Role.CLINICIAN,
                                            new_safety_at__isnull=False).count()
            current = max(1, -(-everyone // PER_PAGE))
            listed_rows = _flagged(viewer, (current - 1) * PER_PAGE, PER_PAGE)
        listed = listed_rows[0][-1] if listed_rows else 0
        order = {row[0]: i for i, row in enumerate(listed_rows)}
        rows = sorted(_queries().rows.filter(viewer=viewer, pk__in=order) if order else [],
                      key=lambda row: order[row[0]])
        newest: list[tuple] = []
        flagged = listed
    else:
        # The page in name order, each row with the number of everyone.
        current = _page_number(number, sys.maxsize // PER_PAGE)  # any offset the database takes
        ordered = _queries().page.filter(viewer=viewer)
        rows = list(ordered[(current - 1) * PER_PAGE:current * PER_PAGE])
        if not rows and current > 1:  # past the last page: the last page
            current = max(1, -(-_live(viewer).count() // PER_PAGE))
            rows = list(ordered[(current - 1) * PER_PAGE:current * PER_PAGE])
        total = listed = rows[0][-1] if rows else 0
        rows = [row[:-1] for row in rows]
        newest = _flagged(viewer, 0, ATTENTION_SHOWN)
        flagged = newest[0][-1] if newest else 0
    start = (current - 1) * PER_PAGE
    on_page = [row[0] for row in rows]
    known = _grants_and_seen(viewer, [*on_page, *(row[0] for row in newest
                                                  if row[0] not in set(on_page))])
    shown = _new_safety(newest, *known)
    return {"rows": _computed(viewer, rows, now, known), "number": current,
            "pages": max(1, -(-listed // PER_PAGE)), "total": total, "listed": listed,
            "flagged_only": flagged_only, "first": start + 1 if listed else 0,
            "last": min(start + PER_PAGE, listed), "attention": _shown_flags(shown),
            "flagged": flagged, "more": flagged - len(shown) if shown else 0}


def flag_evidence(link: Link, key: str, now: datetime | None = None) -> datetime | None:
    """The current evidence moment of one flag for one link (for "mark as seen")."""
    for row in people(link.viewer, now, [link.pk]):
        if row["link_pk"] == link.pk:
            return next((f["since"] for f in row["flags"] if f["key"] == key), None)
    return None
