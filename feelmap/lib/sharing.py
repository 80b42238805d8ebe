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


# --- feedback in context ---------------------------------------------------------------------
# A person's own record pages (a journal entry, a check-in, a saying-it practice) show the
# comment threads about that record and, for a journal shared entry by entry, who it is shared
# with. Care renders that part; the pages only ask for it.

_panel: Callable[[Any, str, Any], str] | None = None


def register_panel(panel: Callable[[Any, str, Any], str]) -> None:
    global _panel
    _panel = panel


def feedback_panel(request: Any, kind: str, public_id: Any) -> str:
    """Safe HTML for the record's feedback and sharing part, or "" (no care app, nothing)."""
    return _panel(request, kind, public_id) if _panel is not None else ""


# --- the program, seen from care -------------------------------------------------------------
# care and program are independent apps; care asks for a person's stage and boosters here and
# the program answers (registered when it loads).

_stages: Callable[[list[int]], dict[int, str]] | None = None
_boosters: Callable[[Any, Any, Any], list[Any]] | None = None


def register_program(stages: Callable[[list[int]], dict[int, str]],
                     boosters: Callable[[Any, Any, Any], list[Any]]) -> None:
    global _stages, _boosters
    _stages, _boosters = stages, boosters


def program_stages(person_ids: list[int]) -> dict[int, str]:
    """{person pk: "Week 3 of 8: …"} for those on the path now; one query for all of them."""
    return _stages(person_ids) if _stages is not None else {}


def booster_moments(person: Any, start: Any, end: Any) -> list[Any]:
    """When the person completed a booster between two aware datetimes."""
    return _boosters(person, start, end) if _boosters is not None else []
