"""Every private object is fetched through here, so ownership is checked in one place.

Anything a person may not see answers 404, never 403: a 403 would confirm the object exists.
"""

from __future__ import annotations

import uuid
from typing import TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.http import Http404

M = TypeVar("M", bound=models.Model)


def owned_or_404(
    queryset: models.QuerySet[M] | type[M], user: AbstractBaseUser | AnonymousUser | None,
    public_id: object,
) -> M:
    """The object with this public id if `user` owns it; otherwise Http404."""
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    try:
        key = uuid.UUID(str(public_id))
    except ValueError as exc:
        raise Http404("No such item.") from exc
    if user is None or not user.is_authenticated:
        raise Http404("No such item.")
    found = queryset.filter(owner=user, public_id=key).first()
    if found is None:
        raise Http404("No such item.")
    return found
