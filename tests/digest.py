"""A digest of everything stored for one person: "nothing changed" in one comparison.

Shared by the authorization matrix (no write through a door that should be shut) and the API
fuzz tests (a rejected request changes nothing). Models are found from Django's registry, so a
new app's rows are covered without anyone adding them here.
"""

from __future__ import annotations

import hashlib

from django.apps import apps
from django.db import models

OWNER_FIELDS = ("owner", "user")
# Columns that change when the person merely uses the app, not when their data changes.
VOLATILE = {
    ("accounts.User", "last_login"),
    ("accounts.ApiToken", "last_used_at"),
}


def owned_models(fields: tuple[str, ...] = OWNER_FIELDS) -> list[tuple[type[models.Model], str]]:
    """Every model that belongs to a person, with the name of its owner field."""
    from feelmap.accounts.models import User

    found = []
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if (getattr(f, "many_to_one", False) and f.related_model is User
                    and f.name in fields):
                found.append((model, f.name))
    return found


def _person_models() -> list[tuple[type[models.Model], str]]:
    """The person's models (owner, user, or person in care) and, one level down, the rows that
    hang off them (a check-in's words, an entry's labels, a link's grants), each with the
    lookup from the row to its person."""
    direct = owned_models(OWNER_FIELDS + ("person",))
    parents = {model: field for model, field in direct}
    children = []
    for model in apps.get_models():
        if model in parents:
            continue
        for f in model._meta.get_fields():
            if getattr(f, "many_to_one", False) and f.related_model in parents:
                children.append((model, f"{f.name}__{parents[f.related_model]}"))
    return direct + children


def _row(label: str, row: dict) -> list:
    return sorted((k, v) for k, v in row.items() if (label, k) not in VOLATILE)


def person_digest(owner, leave_out: tuple[str, ...] = ()) -> str:
    """A digest of every row of `owner` (their account row too), field by field; models named
    in `leave_out` ("app.Model") are not looked at."""
    from feelmap.accounts.models import User

    digest = hashlib.sha256()
    account = User.objects.filter(pk=owner.pk).values().first() or {}
    digest.update(repr(_row("accounts.User", account)).encode())
    for model, lookup in _person_models():
        label = model._meta.label
        if label in leave_out:
            continue
        rows = model.objects.filter(**{lookup: owner}).order_by("pk").values()
        digest.update(f"{label}:{[_row(label, r) for r in rows]!r}".encode())
    return digest.hexdigest()
