"""Lists that keep working when one stored row can't be read.

A row can become unreadable outside the app's control: text encrypted with a key that has
since been removed, or a date a database accepted but its driver can't hand back. One such row
must not take down a person's whole page. `readable_page` reads a page of rows in one query as
usual; only if that fails does it read the page row by row, skip (and log) what it can't read,
and return the rest.
"""

from __future__ import annotations

import logging
from typing import TypeVar

from django.db import DatabaseError, models

from .crypto import DecryptionError

logger = logging.getLogger("feelmap.readable")

# What reading one row can raise: a failed decryption, a value the driver can't convert
# (psycopg's DataError is a DatabaseError), or a date Python can't represent.
UNREADABLE = (DecryptionError, DatabaseError, ValueError, OverflowError)

M = TypeVar("M", bound=models.Model)


def readable_page(queryset: models.QuerySet[M], offset: int, limit: int) -> list[M]:
    """``queryset[offset:offset + limit]`` as a list, leaving out rows that can't be read."""
    try:
        return list(queryset[offset : offset + limit])
    except UNREADABLE as exc:
        logger.warning("A %s row could not be read (%s); showing the rest.",
                       queryset.model.__name__, type(exc).__name__)
    keys = list(queryset.values_list("pk", flat=True)[offset : offset + limit])
    rows: list[M] = []
    for key in keys:
        try:
            rows.extend(queryset.filter(pk=key))
        except UNREADABLE as exc:
            logger.warning("Skipped unreadable %s %s (%s).",
                           queryset.model.__name__, key, type(exc).__name__)
    return rows
