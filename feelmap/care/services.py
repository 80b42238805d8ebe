"""Every care write: codes, links, grants, revoking, and the audit entries they leave."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from feelmap.accounts.models import User

from .kinds import KINDS, allowed_kinds, label
from .models import AuditEntry, Grant, Link, LinkCode, code_digest
from .schemas import GrantsIn, JoinIn

CODE_MINUTES = 30
# No 0/O, 1/I/L: easy to read aloud and type. 10 of 31 symbols is about 49 bits.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


class CareError(Exception):
    """A refusal with a message the person can read; nothing was changed."""


def care_available() -> bool:
    """Local mode is one person on their own computer: nobody to link with."""
    return bool(getattr(settings, "CLINIC", False))


def _audit(person: User, actor: User, action: str, kind: str = "", detail: str = "",
           role: str = "") -> AuditEntry:
    return AuditEntry.objects.create(
        person=person, actor=actor, actor_name=actor.shown_name[:160],
        actor_role=role or ("person" if actor.pk == person.pk else actor.role),
        action=action, kind=kind, detail=detail[:200],
    )


def _format(raw: str) -> str:
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def create_code(person: User) -> tuple[LinkCode, str]:
    """A new one-time code (shown once, valid CODE_MINUTES). Earlier unused codes stop working."""
    if not care_available():
        raise CareError("Linking is not available in local mode.")
    if person.is_clinician:
        raise CareError("Codes are for people sharing their own data.")
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    now = timezone.now()
    with transaction.atomic():
        LinkCode.objects.filter(person=person).usable().update(used_at=now)
        code = LinkCode.objects.create(
            person=person, digest=code_digest(raw), expires_at=now + timedelta(minutes=CODE_MINUTES)
        )
    return code, _format(raw)


def join(viewer: User, data: JoinIn) -> Link:
    """The viewer enters a code: a new link that shares nothing until the person chooses.

    Refused (with CareError, nothing used up) for an unknown, used or expired code, one's own
    code, or a person already linked with this viewer."""
    if not care_available():
        raise CareError("Linking is not available in local mode.")
    unusable = CareError("That code does not work. Codes work once, for 30 minutes: "
                         "ask for a new one.")
    with transaction.atomic():
        code = (
            LinkCode.objects.usable().select_for_update()
            .select_related("person").filter(digest=code_digest(data.code)).first()
        )
        if code is None:
            raise unusable
        person = code.person
        if person.pk == viewer.pk:
            raise CareError("This is your own code: give it to the person you want to link with.")
        if Link.objects.live().filter(person=person, viewer=viewer).exists():
            raise CareError("You are already linked with this person.")
        # Single use even under a race: only one request can mark it used.
        if LinkCode.objects.filter(pk=code.pk, used_at=None).update(used_at=timezone.now()) != 1:
            raise unusable
        role = Link.Role.CLINICIAN if viewer.is_clinician else Link.Role.TRUSTED
        try:
            with transaction.atomic():
                link = Link.objects.create(person=person, viewer=viewer, role=role)
        except IntegrityError as exc:
            raise CareError("You are already linked with this person.") from exc
        _audit(person, viewer, AuditEntry.Action.LINKED, role=role)
    return link


def set_grants(person: User, link: Link, data: GrantsIn) -> Link:
    """Share exactly these kinds on the person's own live link, from this moment."""
    if link.person_id != person.pk:
        raise CareError("No such link.")
    if link.revoked_at is not None:
        raise CareError("This link has ended; create a new code to link again.")
    wanted = [k for k in KINDS if k in set(data.kinds)]
    refused = [k for k in wanted if k not in allowed_kinds(link.role)]
    if refused:
        raise CareError("A trusted person cannot be shown " + ", ".join(map(label, refused)) + ".")
    with transaction.atomic():
        Grant.objects.filter(link=link).exclude(kind__in=wanted).delete()
        have = set(Grant.objects.filter(link=link).values_list("kind", flat=True))
        Grant.objects.bulk_create([Grant(link=link, kind=k) for k in wanted if k not in have])
        _audit(person, person, AuditEntry.Action.SHARING,
               detail=f"{link.viewer.shown_name}: " + (", ".join(wanted) or "nothing"))
    return Link.objects.prefetch_related("grants").select_related("viewer").get(pk=link.pk)


def revoke(person: User, link: Link) -> Link:
    """End the link at once: the viewer loses every grant on their next request."""
    if link.person_id != person.pk:
        raise CareError("No such link.")
    with transaction.atomic():
        if link.revoked_at is None:
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
            Grant.objects.filter(link=link).delete()
            _audit(person, person, AuditEntry.Action.REVOKED, detail=link.viewer.shown_name)
    return link


def record_read(link: Link, kind: str) -> AuditEntry:
    """A clinician or trusted person looked at `kind` of the person's data through `link`."""
    return _audit(link.person, link.viewer, AuditEntry.Action.READ, kind=kind, role=link.role)


def record_report(link: Link, kinds: list[str], detail: str) -> list[AuditEntry]:
    """A viewer made a PDF report through `link`: one read entry per kind it holds."""
    with transaction.atomic():
        return [_audit(link.person, link.viewer, AuditEntry.Action.READ, kind=kind,
                       detail=detail, role=link.role) for kind in kinds]
