"""Every care view reaches a person's data through here: a live link with a grant, or 404.

A 404 (never 403) for everything a viewer may not see, so nothing confirms a person exists.
"""

from __future__ import annotations

import uuid

from django.http import Http404

from feelmap.accounts.models import User

from .kinds import KINDS, allowed_kinds
from .models import Link


def _key(public_id) -> uuid.UUID:
    try:
        return uuid.UUID(str(public_id))
    except ValueError as exc:
        raise Http404("No such person.") from exc


def linked_or_404(viewer, person_id) -> Link:
    """The viewer's live link to the person with this public id; otherwise Http404."""
    if viewer is None or not viewer.is_authenticated:
        raise Http404("No such person.")
    link = (
        Link.objects.live()
        .select_related("person")
        .prefetch_related("grants")
        .filter(viewer=viewer, person__public_id=_key(person_id))
        .first()
    )
    if link is None:
        raise Http404("No such person.")
    return link


def clinician_link_or_404(viewer, person_id) -> Link:
    """The viewer's live clinician link to this person (a trusted person gets Http404 too)."""
    link = linked_or_404(viewer, person_id)
    if link.role != Link.Role.CLINICIAN:
        raise Http404("No such page.")
    return link


def shared_or_404(viewer, person_id, kind: str) -> Link:
    """The live link through which `viewer` may see `kind` of this person's data, or Http404:
    no link, a revoked link, a kind not granted, or a kind the link's role may never have."""
    if kind not in KINDS:
        raise Http404("No such page.")
    link = linked_or_404(viewer, person_id)
    if kind not in link.kinds or kind not in allowed_kinds(link.role):
        raise Http404("No such page.")
    return link


def own_link_or_404(person, link_id) -> Link:
    """One of the person's own links (live or ended), for changing or revoking it."""
    if person is None or not person.is_authenticated:
        raise Http404("No such link.")
    link = (
        Link.objects.select_related("viewer").prefetch_related("grants")
        .filter(person=person, public_id=_key(link_id)).first()
    )
    if link is None:
        raise Http404("No such link.")
    return link


def viewer_names(person: User, kind: str) -> list[str]:
    """Everyone who can see `kind` of this person's data now, as "Name (clinician)"."""
    links = (
        Link.objects.live().filter(person=person, grants__kind=kind)
        .select_related("viewer").order_by("created_at")
    )
    return [f"{link.viewer.shown_name} ({link.get_role_display().lower()})" for link in links]


def _record_model(kind: str):
    from feelmap.checkins.models import CheckIn
    from feelmap.journal.models import JournalEntry
    from feelmap.saying.models import SayingPractice

    return {"journal": JournalEntry, "checkins": CheckIn, "saying": SayingPractice}[kind]


def record_or_404(viewer, person_id, kind: str, record_id):
    """(link, record): one shared record the viewer may see and comment on, or Http404. A
    journal shared entry by entry opens only the entries the person chose for this link."""
    from .kinds import COMMENTABLE
    from .models import SharedEntry

    if kind not in COMMENTABLE:
        raise Http404("No such page.")
    link = shared_or_404(viewer, person_id, kind)
    record = _record_model(kind).objects.filter(owner=link.person, public_id=_key(record_id)).first()
    if record is None:
        raise Http404("No such entry.")
    if kind == "journal" and link.journal_scope == "chosen" and not SharedEntry.objects.filter(
            link=link, entry=record).exists():
        raise Http404("No such entry.")
    return link, record


def own_record_or_404(person, kind: str, record_id):
    """One of the person's own commentable records, or Http404."""
    from .kinds import COMMENTABLE

    if kind not in COMMENTABLE or person is None or not person.is_authenticated:
        raise Http404("No such entry.")
    record = _record_model(kind).objects.filter(owner=person, public_id=_key(record_id)).first()
    if record is None:
        raise Http404("No such entry.")
    return record


def assignment_for_viewer_or_404(viewer, assignment_id):
    """(link, assignment) for the clinician who made it, over a live link; else Http404."""
    from .models import Assignment

    found = (Assignment.objects.select_related("link", "link__person", "link__viewer")
             .filter(public_id=_key(assignment_id), link__viewer=viewer,
                     link__revoked_at=None).first()) if viewer is not None and \
        viewer.is_authenticated else None
    if found is None:
        raise Http404("No such suggestion.")
    return found.link, found


def own_assignment_or_404(person, assignment_id):
    """One of the person's own assignments from a live link, or Http404."""
    from .models import Assignment

    found = (Assignment.objects.select_related("link", "link__viewer")
             .filter(public_id=_key(assignment_id), person=person, link__revoked_at=None).first()
             ) if person is not None and person.is_authenticated else None
    if found is None:
        raise Http404("No such suggestion.")
    return found
