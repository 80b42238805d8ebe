"""Reads of feedback threads, and the part of the person's own record pages that shows them
(registered with feelmap.lib.sharing, so journal, check-ins and saying it never import care)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from .kinds import COMMENTABLE
from .models import Comment, Link, SharedEntry


def thread(link: Link, kind: str, target) -> list[Comment]:
    """One thread: this link's messages about one record, oldest first."""
    return list(Comment.objects.filter(link=link, kind=kind, target=target).order_by("created_at", "id"))


def threads_for_person(person, kind: str, target) -> list[dict[str, Any]]:
    """Every thread about one of the person's records, one per link, oldest message first."""
    found: dict[int, dict[str, Any]] = {}
    for c in (Comment.objects.filter(person=person, kind=kind, target=target)
              .select_related("link__viewer").order_by("created_at", "id")):
        item = found.setdefault(c.link_id, {"link": c.link, "comments": []})
        item["comments"].append(c)
    return list(found.values())


def entry_sharing(person, entry) -> list[dict[str, Any]]:
    """Links sharing the journal entry by entry, and whether this entry is on each."""
    links = list(Link.objects.live().filter(person=person, grants__kind="journal",
                                            grants__scope="chosen").select_related("viewer"))
    on = set(SharedEntry.objects.filter(link__in=links, entry=entry).values_list("link_id", flat=True))
    return [{"link": link, "on": link.pk in on} for link in links]


def panel(request, kind: str, public_id) -> SafeString:
    """The feedback part of the person's own record page ("" when there is nothing to show)."""
    user = getattr(request, "user", None)
    if kind not in COMMENTABLE or user is None or not user.is_authenticated:
        return SafeString("")
    threads = threads_for_person(user, kind, public_id)
    choices: list[dict[str, Any]] = []
    if kind == "journal":
        from feelmap.journal.models import JournalEntry

        entry = JournalEntry.objects.filter(owner=user, public_id=public_id).first()
        if entry is not None:
            choices = entry_sharing(user, entry)
    if not threads and not choices:
        return SafeString("")
    html = render_to_string("care/_feedback.html", {
        "threads": threads, "choices": choices, "kind": kind, "target": public_id,
        "next": request.get_full_path(),
    }, request=request)
    return mark_safe(html)  # noqa: S308  # nosec B703 B308  # rendered by an autoescaping template
