"""Dated changes to a person's records, told to whoever keeps summaries of them.

The insights keep one summary per person and week (`feelmap.insights`); the person's apps
cannot import it (it sits above them), so it registers here when it loads and the apps' write
services call `accounts.services.person_data_changed(owner_id, *moments)`, which tells it which
moments' weeks changed, inside the write's own transaction.

Summaries of the whole person (the care list's activity summary, `feelmap.care.activity`)
listen with `listen_person`: they hear of every change, dated or not, in the same transaction,
with the kind of records written when the write names it (one of KINDS; None: any, or several),
so that a summary can work out again only what that kind changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

# The kinds of records a write can name: the care list's shareable kinds, and safety flags.
KINDS = frozenset({"checkins", "journal", "practices", "questionnaires", "saying", "safety_plan",
                   "heartbeat", "safety_flags"})

Listener = Callable[[int, Sequence[datetime]], None]
PersonListener = Callable[[int, str | None], None]
_listeners: list[Listener] = []
_person_listeners: list[PersonListener] = []


def listen(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def dated_records_changed(owner_id: int, moments: Sequence[datetime]) -> None:
    for listener in _listeners:
        listener(owner_id, moments)


def listen_person(listener: PersonListener) -> None:
    if listener not in _person_listeners:
        _person_listeners.append(listener)


def person_records_changed(owner_id: int, kind: str | None = None) -> None:
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind of records: {kind}")
    for listener in _person_listeners:
        listener(owner_id, kind)
