"""Every care write: codes, links, grants, revoking, and the audit entries they leave."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from feelmap.accounts.models import User
from feelmap.lib.days import person_today

from . import attention
from .kinds import COMMENTABLE, KINDS, allowed_kinds, label
from .models import (
    Assignment,
    AssignmentDone,
    AuditEntry,
    Comment,
    FlagSeen,
    Grant,
    Link,
    LinkCode,
    SharedEntry,
    code_digest,
)
from .schemas import AssignmentIn, CommentIn, GrantsIn, JoinIn, StyleIn, date_problems

CODE_MINUTES = 30
# No 0/O, 1/I/L: easy to read aloud and type. 10 of 31 symbols is about 49 bits.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


class CareError(Exception):
    """A refusal with a message the person can read; nothing was changed."""


class DatesRefused(CareError):
    """A suggestion's dates do not fit the person's own today; `fields` names the problems."""

    def __init__(self, fields: dict[str, list[str]]):
        super().__init__(" ".join(m for ms in fields.values() for m in ms))
        self.fields = fields


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
    scope = data.journal_scope if "journal" in wanted else ""
    with transaction.atomic():
        Grant.objects.filter(link=link).exclude(kind__in=wanted).delete()
        have = set(Grant.objects.filter(link=link).values_list("kind", flat=True))
        Grant.objects.bulk_create([Grant(link=link, kind=k, scope=scope if k == "journal" else "")
                                   for k in wanted if k not in have])
        Grant.objects.filter(link=link, kind="journal").update(scope=scope)
        attention.refresh_links([link.pk])
        shown = [f"journal ({'chosen entries' if scope == 'chosen' else 'all entries'})"
                 if k == "journal" else k for k in wanted]
        _audit(person, person, AuditEntry.Action.SHARING,
               detail=f"{link.viewer.shown_name}: " + (", ".join(shown) or "nothing"))
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
            attention.refresh_links([link.pk])
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


def share_entry(person: User, link: Link, entry, shared: bool) -> bool:
    """Add or take away one journal entry on a link shared entry by entry; at once."""
    if link.person_id != person.pk or entry.owner_id != person.pk:
        raise CareError("No such link.")
    if link.revoked_at is not None:
        raise CareError("This link has ended; create a new code to link again.")
    if link.journal_scope != "chosen":
        raise CareError("This link shares the journal whole or not at all; change that on "
                        "the Care page first.")
    with transaction.atomic():
        if shared:
            _, made = SharedEntry.objects.get_or_create(link=link, entry=entry)
        else:
            made = SharedEntry.objects.filter(link=link, entry=entry).delete()[0] > 0
        if made:
            _audit(person, person, AuditEntry.Action.SHARING, kind="journal",
                   detail=f"{link.viewer.shown_name}: one entry "
                          + ("added" if shared else "taken away"))
    return shared


# --- feedback ---------------------------------------------------------------------------------


def comment(link: Link, kind: str, target, data: CommentIn) -> Comment:
    """The viewer of `link` comments on one shared record. Access is checked by the caller
    (access.record_or_404); this refuses kinds that take no comments."""
    if kind not in COMMENTABLE:
        raise CareError("Comments are for journal entries, check-ins and saying-it practices.")
    with transaction.atomic():
        made = Comment.objects.create(link=link, person=link.person, kind=kind, target=target,
                                      by_person=False, author_name=link.viewer.shown_name[:160],
                                      body=data.body)
        _audit(link.person, link.viewer, AuditEntry.Action.COMMENTED, kind=kind, role=link.role)
    return made


def reply(person: User, link: Link, kind: str, target, data: CommentIn) -> tuple[Comment, str]:
    """The person answers a thread on their own record. Returns the comment and the safety
    check's level ("strong", "gentle" or ""), so the page or API can offer help."""
    from feelmap.safety.nudge import help_level

    if link.person_id != person.pk:
        raise CareError("No such thread.")
    if link.revoked_at is not None:
        raise CareError("This link has ended, so nobody would read a reply.")
    if not Comment.objects.filter(link=link, kind=kind, target=target).exists():
        raise CareError("There is no conversation about this yet.")
    with transaction.atomic():
        made = Comment.objects.create(link=link, person=person, kind=kind, target=target,
                                      by_person=True, author_name=person.shown_name[:160],
                                      body=data.body)
        _audit(person, person, AuditEntry.Action.REPLIED, kind=kind,
               detail=link.viewer.shown_name)
    return made, help_level(data.body)


def delete_thread(person: User, link: Link, kind: str, target) -> int:
    """The person removes a whole conversation about one of their records (both sides)."""
    if link.person_id != person.pk:
        raise CareError("No such thread.")
    with transaction.atomic():
        gone = Comment.objects.filter(link=link, kind=kind, target=target).delete()[0]
        if gone:
            _audit(person, person, AuditEntry.Action.REMOVED, kind=kind,
                   detail=link.viewer.shown_name)
    return gone


# --- assignments, style, flags (clinicians only) ----------------------------------------------


def _clinician_link(link: Link) -> None:
    if link.role != Link.Role.CLINICIAN or link.revoked_at is not None:
        raise CareError("Only a linked clinician can do this.")


def assign(link: Link, data: AssignmentIn) -> Assignment:
    """A clinician suggests something for the person's daily plan. Its dates are checked
    against the person's today (DatesRefused), wherever the clinician or the server is."""
    _clinician_link(link)
    today = person_today(link.person)
    problems = date_problems(data.starts_on, data.due_on, today)
    if problems:
        raise DatesRefused(problems)
    with transaction.atomic():
        made = Assignment.objects.create(
            link=link, person=link.person, what=data.what, key=data.key, schedule=data.schedule,
            starts_on=data.starts_on or today, due_on=data.due_on, note=data.note,
        )
        _audit(link.person, link.viewer, AuditEntry.Action.ASSIGNED, kind=data.what,
               role=link.role, detail=f"{data.schedule} until {data.due_on:%Y-%m-%d}")
    return made


def end_assignment(link: Link, assignment: Assignment) -> Assignment:
    """The clinician withdraws a suggestion; it leaves the person's plan."""
    _clinician_link(link)
    if assignment.link_id != link.pk:
        raise CareError("No such suggestion.")
    if assignment.ended_at is None:
        with transaction.atomic():
            assignment.ended_at = timezone.now()
            assignment.save(update_fields=["ended_at"])
            _audit(link.person, link.viewer, AuditEntry.Action.ASSIGNED, kind=assignment.what,
                   role=link.role, detail="withdrawn")
    return assignment


def mark_done(person: User, assignment: Assignment, day=None) -> AssignmentDone:
    """The person marks today's period of a suggestion done by hand."""
    from .periods import period_on

    if assignment.person_id != person.pk:
        raise CareError("No such suggestion.")
    day = day or person_today(person)
    period = period_on(assignment.schedule, assignment.starts_on, assignment.due_on, day)
    if assignment.ended_at is not None or period is None:
        raise CareError("This suggestion is not open today.")
    with transaction.atomic():
        done, _ = AssignmentDone.objects.get_or_create(assignment=assignment,
                                                       period_start=period.start)
    return done


def set_style(link: Link, data: StyleIn) -> Link:
    """A clinician sets the person's program style; the person is told who and can undo it."""
    from feelmap.practices.models import PracticePreferences

    _clinician_link(link)
    with transaction.atomic():
        prefs, _ = PracticePreferences.objects.get_or_create(owner=link.person)
        before = prefs.style
        prefs.style = data.style
        prefs.save(update_fields=["style", "updated_at"])
        link.style_set, link.style_before, link.style_set_at = data.style, before, timezone.now()
        link.save(update_fields=["style_set", "style_before", "style_set_at"])
        _audit(link.person, link.viewer, AuditEntry.Action.STYLE, role=link.role,
               detail=f"{before} to {data.style}")
    return link


def undo_style(person: User, link: Link) -> str:
    """The person goes back to the style they had before the clinician set one."""
    from feelmap.practices.models import PracticePreferences

    if link.person_id != person.pk or not link.style_set:
        raise CareError("Nothing to change back.")
    with transaction.atomic():
        prefs, _ = PracticePreferences.objects.get_or_create(owner=person)
        prefs.style = link.style_before or "exploratory"
        prefs.save(update_fields=["style", "updated_at"])
        link.style_set, link.style_before, link.style_set_at = "", "", None
        link.save(update_fields=["style_set", "style_before", "style_set_at"])
        _audit(person, person, AuditEntry.Action.STYLE, detail=f"back to {prefs.style}")
    return prefs.style


def mark_flag_seen(link: Link, flag: str, up_to) -> FlagSeen:
    """The clinician has seen this flag up to the evidence at `up_to`."""
    _clinician_link(link)
    with transaction.atomic():
        found, _ = FlagSeen.objects.update_or_create(
            link=link, flag=flag, defaults={"seen_up_to": up_to, "seen_at": timezone.now()})
        attention.refresh_links([link.pk])
    return found
