"""Care API for the person: codes, links and what each shares, ending a link, and the audit.
Also `join` for a clinician or trusted person entering a code. Another person's link is a 404."""

from __future__ import annotations

import uuid

from ninja import Router, Status

from feelmap.accounts.throttle import client_ip
from feelmap.lib.schemas import Error, ValidationErrorOut

from . import guesses, services
from .access import own_link_or_404
from .models import AuditEntry, Link
from .schemas import AuditOut, CodeOut, GrantsIn, JoinedOut, JoinIn, LinkOut

router = Router(tags=["care"])


def _link_out(link: Link) -> dict:
    return {"id": link.public_id, "viewer": link.viewer.shown_name, "role": link.role,
            "kinds": link.kinds, "created_at": link.created_at, "revoked_at": link.revoked_at}


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
