"""Dated changes to a person's records, told to whoever keeps summaries of them.

The insights keep one summary per person and week (`feelmap.insights`); the person's apps
cannot import it (it sits above them), so it registers here when it loads and the apps' write
services call `accounts.services.person_data_changed(owner_id, *moments)`, which tells it which
moments' weeks changed, inside the write's own transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

Listener = Callable[[int, Sequence[datetime]], None]
_listeners: list[Listener] = []


def listen(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def dated_records_changed(owner_id: int, moments: Sequence[datetime]) -> None:
    for listener in _listeners:
        listener(owner_id, moments)
