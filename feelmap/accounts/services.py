"""Every write to accounts and API tokens, each one function called by page and CLI alike."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from feelmap.lib import changes

from .models import ApiToken, SentPage, User
from .schemas import TokenCreate


def person_data_changed(owner_id: int, *moments: datetime, kind: str | None = None) -> None:
    """Raise the person's data version. Every write of records the insights read calls this
    inside its own transaction, so the new version commits with the data; insights cached
    under the old version are then never read again (see insights/loaders.py).

    A write of dated records (check-ins, journal words) also gives the moments it touched (an
    edit: the old and the new one), so the insights' weekly summaries of those weeks are worked
    out again (`feelmap.lib.changes`, insights/weekly.py). Every call also tells the summaries
    of the whole person (the care list's activity, care/activity.py), after the version update;
    `kind` (one of `feelmap.lib.changes.KINDS`) names the only kind of records written, so they
    work out again only what it changes (None: any kind, or several).

    A `User` already loaded keeps its old `data_version`: load the person again to see it
    (each request does)."""
    User.objects.filter(pk=owner_id).update(data_version=F("data_version") + 1)
    if moments:
        changes.dated_records_changed(owner_id, moments)
    changes.person_records_changed(owner_id, kind)


def token_create(owner: User, data: TokenCreate) -> tuple[ApiToken, str]:
    """A new API token for `owner`: the model and the raw value, which is never stored."""
    return ApiToken.issue(owner, label=data.label, days=data.days)


def token_revoke(token: ApiToken) -> ApiToken:
    """Revoke one token (again is harmless: the first revocation time is kept)."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=token.revoked_at)
    return token


def token_revoke_by_id(public_id: str | uuid.UUID, owner: User | None = None) -> ApiToken | None:
    """Revoke the token with this public id (of `owner`, when given); None if there is none."""
    try:
        key = uuid.UUID(str(public_id))
    except ValueError:
        return None
    found = ApiToken.objects.filter(public_id=key)
    if owner is not None:
        found = found.filter(user=owner)
    token = found.first()
    return token_revoke(token) if token is not None else None


def tokens_revoke_all(owner: User) -> int:
    """Revoke every working token of `owner`; how many were revoked."""
    return ApiToken.objects.filter(user=owner, revoked_at=None).update(revoked_at=timezone.now())


def password_change(user: User, new_password: str) -> int:
    """Set a new password and revoke every API token of the person, in one transaction.

    Returns how many tokens were revoked. (User.save revokes them too, for paths that do not
    come through here, such as Django's own `changepassword`.)
    """
    with transaction.atomic():
        revoked = tokens_revoke_all(user)
        user.set_password(new_password)
        user.save(update_fields=["password"])
    return revoked


# --- pages whose form was sent (late autosaves) --------------------------------------------

SENT_PAGES_KEPT = timedelta(days=1)


def page_sent(owner_id: int, page: uuid.UUID | None) -> None:
    """Note that the form of `page` was sent (its words saved or let go), in the caller's
    transaction: autosaves from it that arrive later are refused (`page_was_sent`). Notes
    older than a day are dropped on the way."""
    if page is None:
        return
    SentPage.objects.filter(owner_id=owner_id, sent_at__lt=timezone.now() - SENT_PAGES_KEPT
                            ).delete()
    SentPage.objects.get_or_create(owner_id=owner_id, page=page)


def page_was_sent(owner_id: int, page: uuid.UUID | None) -> bool:
    """Whether the form of `page` was sent: a draft from it now would bring back, as
    unfinished, words already saved or let go."""
    return page is not None and SentPage.objects.filter(owner_id=owner_id, page=page).exists()


def posted_page(value: object) -> uuid.UUID | None:
    """The page id a form sent (its hidden `draft_page`), or None when missing or not one."""
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None
