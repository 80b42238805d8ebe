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
