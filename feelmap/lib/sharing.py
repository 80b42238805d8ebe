"""Who can see a kind of a person's data, asked by lower layers without importing care.

`feelmap.care` registers the answer when it loads; with no care app, nobody else can see
anything and the answer is an empty list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_lookup: Callable[[Any, str], list[str]] | None = None
_available: Callable[[], bool] | None = None


def register(lookup: Callable[[Any, str], list[str]], available: Callable[[], bool]) -> None:
    global _lookup, _available
    _lookup, _available = lookup, available


def sharing_available() -> bool:
    """Whether a person can link with anyone at all here (not in local mode)."""
    return _available() if _available is not None else False


def viewers_of(person: Any, kind: str) -> list[str]:
    """Names (with their role) of everyone who can currently see `kind` of this person's data."""
    return _lookup(person, kind) if _lookup is not None else []
