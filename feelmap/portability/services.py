"""The writes of this app: deleting an account (importing is in importing.py)."""

from __future__ import annotations

import logging

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from feelmap.accounts.models import ApiToken

from . import kinds as _kinds  # noqa: F401 - registers today's kinds
from .registry import KINDS

# Keeps only that an account was deleted and when: no name, no id, no content.
audit = logging.getLogger("feelmap.audit")


def _end_sessions(user_id: int) -> int:
    """Delete every stored session signed in as this person (every browser, every device)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            session.delete()
            ended += 1
    return ended


def delete_account(user) -> dict[str, int]:
    """Remove the person and everything of theirs, in one transaction: every kind in the
    registry (and anything else that cascades from the account, such as shares with
    clinicians and trusted people), API tokens and sessions. Returns counts per kind."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        for kind in KINDS:
            if not kind.account:
                counts[kind.name] = kind.model._default_manager.filter(
                    **{kind.owner_field: user.pk}).count()
        ApiToken.objects.filter(user=user).delete()
        sessions = _end_sessions(user.pk)
        user.delete()  # everything owned cascades from here
    audit.info("An account was deleted.")
    counts["sessions"] = sessions
    return counts
