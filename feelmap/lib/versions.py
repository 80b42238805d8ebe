"""Optimistic concurrency for records a person edits in two places at once (two tabs, a phone
and a laptop, a script): each record has a `version`, every edit says which version it was
based on, and an edit based on an older version changes nothing and raises `StaleVersion`, so
the page or API can show both and let the person choose. Used by the journal, check-ins and
the safety plan."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)

VERSION_MAX = 2_000_000_000


class StaleVersion(Exception):
    """The record was saved elsewhere since the version this edit was based on."""

    def __init__(self, current: Any) -> None:
        self.current = current
        super().__init__(f"The record is at version {current.version}.")


def lock_at_version(queryset: models.QuerySet[M], pk: int, based_on: int | None) -> M:
    """The row, locked until the transaction ends, if it is still at `based_on`.

    Call inside `transaction.atomic()`. `based_on=None` skips the check (the demo, imports,
    and API clients that send no version)."""
    current = queryset.select_for_update().get(pk=pk)
    if based_on is not None and based_on != current.version:  # type: ignore[attr-defined]
        raise StaleVersion(current)
    return current


def posted_version(value: object) -> int:
    """The version a page form carried; a missing or unreadable one never matches (-1), so an
    old page open somewhere cannot overwrite newer words unseen."""
    try:
        number = int(str(value))
    except ValueError:
        return -1
    return number if 0 <= number <= VERSION_MAX else -1
