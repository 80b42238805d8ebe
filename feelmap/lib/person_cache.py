"""Keys for what is kept in Django's cache per person until their data changes.

Every write of a person's records raises `User.data_version` in its own transaction
(`accounts.services.person_data_changed`), and each request loads the signed-in user anyway:
a key made of the person's random public id and that version names the person's data as it
is now, so a kept answer is never stale and nothing needs invalidating (the insights work the
same way, see insights/loaders.py).
"""

from __future__ import annotations

from typing import Any, Protocol
from uuid import UUID

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from feelmap import __version__

SECONDS = 24 * 3600


class Person(Protocol):
    @property
    def public_id(self) -> UUID: ...

    @property
    def data_version(self) -> int: ...


def person_key(what: str, person: Person, *parts: object) -> str:
    """A cache key for `what` of this person's data as it is now. The release and the time
    zones (the server's and the person's own) are part of it, since both change what is shown."""
    bits = [what, str(person.public_id), str(person.data_version), __version__,
            timezone.get_current_timezone_name(), getattr(person, "time_zone", "") or "",
            *map(str, parts)]
    return "feelmap:" + ":".join(bits)


def person_count(what: str, person: Person, rows: QuerySet[Any]) -> int:
    """`rows.count()`, kept until the person's data changes: a count reads every row it
    counts, so a list's "page 1 of 30" would cost more the more someone has written. `rows`
    must be records whose writes raise the person's data version."""
    key = person_key(what, person, "count")
    found = cache.get(key)
    if found is None:
        found = rows.count()
        cache.set(key, found, timeout=SECONDS)
    return int(found)
