"""Care API for the person: codes, links and what each shares, ending a link, and the audit.
Also `join` for a clinician or trusted person entering a code. Another person's link is a 404."""

from __future__ import annotations

import uuid

from django.http import Http404
from ninja import Router, Status

from feelmap.accounts.throttle import client_ip
from feelmap.lib.schemas import Error, ValidationErrorOut

from . import assignments, dashboard, guesses, reads, services
from .access import (
    assignment_for_viewer_or_404,
    clinician_link_or_404,
    own_assignment_or_404,
    own_link_or_404,
    own_record_or_404,
    record_or_404,
    shared_or_404,
)
from .feedback import thread, threads_for_person
from .flags import FLAGS
from .kinds import KINDS
from .models import Assignment, AuditEntry, Comment, Link
from .schemas import (
    AssignmentIn,
    AssignmentOut,
    AuditOut,
    CodeOut,
    CommentIn,
    CommentOut,
    EntryShareIn,
    EntryShareOut,
    FlagOut,
    GrantsIn,
    JoinedOut,
    JoinIn,
    LinkOut,
    PersonOut,
    ReplyOut,
    SharedOut,
    StyleBackOut,
    StyleIn,
    StyleOut,
    ThreadDeletedOut,
    ThreadOut,
)

router = Router(tags=["care"])


def _link_out(link: Link) -> dict:
    return {"id": link.public_id, "viewer": link.viewer.shown_name, "role": link.role,
            "kinds": link.kinds, "journal_scope": link.journal_scope,
            "created_at": link.created_at, "revoked_at": link.revoked_at}


def _refused(exc: services.CareError) -> Status:
    return Status(422, {"detail": str(exc), "fields": {}})


@router.get("/links", response={200: list[LinkOut]})
def links(request):
    found = Link.objects.filter(person=request.auth).select_related("viewer").prefetch_related("grants")
    return [_link_out(link) for link in found]


@router.post("/codes", response={201: CodeOut, 404: Error, 422: ValidationErrorOut})
def new_code(request):
    if not services.care_available():
        return Status(404, {"detail": "Linking is not available in local mode."})
    try:
        code, raw = services.create_code(request.auth)
    except services.CareError as exc:
        return _refused(exc)
    return Status(201, {"code": raw, "expires_at": code.expires_at})


@router.post("/join", response={201: JoinedOut, 404: Error, 422: ValidationErrorOut,
                                 429: Error})
def join(request, payload: JoinIn):
    """Enter a code. After 10 codes that did not work within an hour (per account and per
    address) this answers 429 until the oldest miss is an hour old."""
    if not services.care_available():
        return Status(404, {"detail": "Linking is not available in local mode."})
    try:
        link = guesses.join(request.auth, payload, client_ip(request))
    except guesses.TooManyGuesses as exc:
        return Status(429, {"detail": str(exc)})
    except services.CareError as exc:
        return _refused(exc)
    return Status(201, {"id": link.public_id, "person_id": link.person.public_id,
                        "person": link.person.shown_name, "role": link.role})


@router.put("/links/{link_id}/grants", response={200: LinkOut, 404: Error, 422: ValidationErrorOut})
def set_grants(request, link_id: uuid.UUID, payload: GrantsIn):
    link = own_link_or_404(request.auth, link_id)
    try:
        return _link_out(services.set_grants(request.auth, link, payload))
    except services.CareError as exc:
        return _refused(exc)


@router.post("/links/{link_id}/revoke", response={200: LinkOut, 404: Error})
def revoke(request, link_id: uuid.UUID):
    link = services.revoke(request.auth, own_link_or_404(request.auth, link_id))
    return _link_out(own_link_or_404(request.auth, link.public_id))


@router.get("/audit", response={200: list[AuditOut]})
def audit(request):
    return [
        {"actor": e.actor_name, "actor_role": e.actor_role, "action": e.action, "kind": e.kind,
         "detail": e.detail, "at": e.at}
        for e in AuditEntry.objects.filter(person=request.auth).order_by("-at", "-id")[:200]
    ]


# --- the viewer's side: linked people, what they share, feedback, suggestions ---------------


def _comment_out(c: Comment) -> dict:
    return {"id": c.public_id, "by_person": c.by_person, "author": c.author_name, "body": c.body,
            "at": c.created_at}


def _assignment_out(item: dict) -> dict:
    a = item["assignment"]
    return {"id": a.public_id, "person_id": a.link.person.public_id, "assigned_by": item["by"],
            "what": a.what, "key": a.key, "title": item["title"], "schedule": a.schedule,
            "starts_on": a.starts_on, "due_on": a.due_on, "note": a.note,
            "ended": a.ended_at is not None, "done_now": item["done_now"],
            "periods_done": item["periods_done"], "periods_so_far": item["periods_so_far"],
            "url": item["url"]}


@router.get("/people", response={200: list[PersonOut]})
def people(request):
    """Everyone sharing with the signed-in clinician or trusted person (live links only)."""
    return [
        {"id": row["person"].public_id, "name": row["person"].shown_name,
         "role": row["role"], "kinds": row["kinds"],
         "journal_scope": row["journal_scope"], "last_activity": row["last"],
         "stage": row["stage"], "flags": row["flags"]}
        for row in dashboard.people(request.auth)
    ]


@router.get("/people/{person_id}/assignments", response={200: list[AssignmentOut], 404: Error})
def person_assignments(request, person_id: uuid.UUID):
    """What this clinician suggested to the person, with how much is done."""
    link = clinician_link_or_404(request.auth, person_id)
    return [_assignment_out(item) for item in assignments.for_link(link)]


@router.post("/people/{person_id}/assignments",
             response={201: AssignmentOut, 404: Error, 422: ValidationErrorOut})
def new_assignment(request, person_id: uuid.UUID, payload: AssignmentIn):
    """Suggest a practice, questionnaire, saying-it scenario or booster (clinicians only)."""
    link = clinician_link_or_404(request.auth, person_id)
    try:
        made = services.assign(link, payload)
    except services.DatesRefused as refused:
        return Status(422, {"detail": str(refused), "fields": refused.fields})
    made = Assignment.objects.select_related("link__viewer", "link__person").get(pk=made.pk)
    return Status(201, _assignment_out(assignments.describe(made)))


@router.post("/assignments/{assignment_id}/end", response={200: AssignmentOut, 404: Error})
def end_assignment(request, assignment_id: uuid.UUID):
    link, found = assignment_for_viewer_or_404(request.auth, assignment_id)
    return _assignment_out(assignments.describe(services.end_assignment(link, found)))


@router.put("/people/{person_id}/style", response={200: StyleOut, 404: Error, 422: ValidationErrorOut})
def set_style(request, person_id: uuid.UUID, payload: StyleIn):
    """Set the person's program style (clinicians only); the person is told and can undo it."""
    link = services.set_style(clinician_link_or_404(request.auth, person_id), payload)
    return {"style": link.style_set, "set_by": link.viewer.shown_name, "at": link.style_set_at}


@router.post("/people/{person_id}/flags/{flag}/seen", response={200: FlagOut, 404: Error})
def flag_seen(request, person_id: uuid.UUID, flag: str):
    """Mark a dashboard flag as seen, up to its current evidence."""
    link = clinician_link_or_404(request.auth, person_id)
    moment = dashboard.flag_evidence(link, flag) if flag in FLAGS else None
    if moment is None:
        raise Http404("No such flag.")
    services.mark_flag_seen(link, flag, moment)
    return {"key": flag, "title": FLAGS[flag][0], "explanation": FLAGS[flag][1], "since": moment,
            "seen": True}


@router.get("/people/{person_id}/{kind}", response={200: SharedOut, 404: Error})
def shared_kind(request, person_id: uuid.UUID, kind: str):
    """One kind the person shares with the signed-in viewer (newest 50); the read is audited."""
    link = shared_or_404(request.auth, person_id, kind)
    services.record_read(link, kind)
    out: dict = {"kind": kind, "label": KINDS[kind][0]}
    if kind == "insights":
        from dataclasses import asdict

        from feelmap.insights import loaders

        out["summary"] = asdict(loaders.insights_for(link.person).summary)
    elif kind == "safety_plan":
        out["sections"] = reads.read(link, kind)["plan"]
    else:
        out["rows"] = reads.read(link, kind)["rows"]
    return out


@router.get("/people/{person_id}/{kind}/{record_id}/comments",
            response={200: list[CommentOut], 404: Error})
def record_comments(request, person_id: uuid.UUID, kind: str, record_id: uuid.UUID):
    """This viewer's conversation with the person about one shared record."""
    link, found = record_or_404(request.auth, person_id, kind, record_id)
    services.record_read(link, kind)
    return [_comment_out(c) for c in thread(link, kind, found.public_id)]


@router.post("/people/{person_id}/{kind}/{record_id}/comments",
             response={201: CommentOut, 404: Error, 422: ValidationErrorOut})
def new_comment(request, person_id: uuid.UUID, kind: str, record_id: uuid.UUID, payload: CommentIn):
    """Comment on one shared journal entry, check-in or saying-it practice."""
    link, found = record_or_404(request.auth, person_id, kind, record_id)
    return Status(201, _comment_out(services.comment(link, kind, found.public_id, payload)))


# --- the person's side: threads on their records, replies, suggestions ----------------------


@router.get("/feedback/{kind}/{record_id}", response={200: list[ThreadOut], 404: Error})
def my_threads(request, kind: str, record_id: uuid.UUID):
    """Every conversation about one of your records, one per link."""
    found = own_record_or_404(request.auth, kind, record_id)
    return [{"link_id": t["link"].public_id, "viewer": t["link"].viewer.shown_name,
             "role": t["link"].role, "live": t["link"].revoked_at is None,
             "comments": [_comment_out(c) for c in t["comments"]]}
            for t in threads_for_person(request.auth, kind, found.public_id)]


@router.post("/feedback/{kind}/{record_id}/{link_id}/reply",
             response={201: ReplyOut, 404: Error, 422: ValidationErrorOut})
def my_reply(request, kind: str, record_id: uuid.UUID, link_id: uuid.UUID, payload: CommentIn):
    """Reply in a conversation about your record; `help_level` says whether to offer help."""
    found = own_record_or_404(request.auth, kind, record_id)
    link = own_link_or_404(request.auth, link_id)
    try:
        made, level = services.reply(request.auth, link, kind, found.public_id, payload)
    except services.CareError as exc:
        return _refused(exc)
    return Status(201, {"comment": _comment_out(made), "help_level": level})


@router.post("/feedback/{kind}/{record_id}/{link_id}/delete", response={200: ThreadDeletedOut, 404: Error})
def my_thread_delete(request, kind: str, record_id: uuid.UUID, link_id: uuid.UUID):
    """Delete a whole conversation about your record (both sides' messages)."""
    found = own_record_or_404(request.auth, kind, record_id)
    link = own_link_or_404(request.auth, link_id)
    return {"deleted": services.delete_thread(request.auth, link, kind, found.public_id)}


@router.put("/links/{link_id}/entries/{record_id}",
            response={200: EntryShareOut, 404: Error, 422: ValidationErrorOut})
def share_entry(request, link_id: uuid.UUID, record_id: uuid.UUID, payload: EntryShareIn):
    """Share one journal entry on a link that shares the journal entry by entry (or stop)."""
    found = own_record_or_404(request.auth, "journal", record_id)
    link = own_link_or_404(request.auth, link_id)
    try:
        shared = services.share_entry(request.auth, link, found, payload.shared)
    except services.CareError as exc:
        return _refused(exc)
    return {"entry_id": found.public_id, "link_id": link.public_id, "shared": shared}


@router.get("/assignments", response={200: list[AssignmentOut]})
def my_assignments(request):
    """Your open suggestions from your clinicians, with today's status."""
    return [_assignment_out(item) for item in assignments.for_person(request.auth)]


@router.post("/assignments/{assignment_id}/done",
             response={200: AssignmentOut, 404: Error, 422: ValidationErrorOut})
def my_assignment_done(request, assignment_id: uuid.UUID):
    """Mark today's period of a suggestion done by hand."""
    found = own_assignment_or_404(request.auth, assignment_id)
    try:
        services.mark_done(request.auth, found)
    except services.CareError as exc:
        return _refused(exc)
    found = Assignment.objects.select_related("link__viewer", "link__person").get(pk=found.pk)
    return _assignment_out(assignments.describe(found))


@router.post("/links/{link_id}/style/undo", response={200: StyleBackOut, 404: Error,
                                                      422: ValidationErrorOut})
def undo_style(request, link_id: uuid.UUID):
    """Go back to the path style you had before your clinician set one."""
    link = own_link_or_404(request.auth, link_id)
    try:
        return {"style": services.undo_style(request.auth, link)}
    except services.CareError as exc:
        return _refused(exc)
