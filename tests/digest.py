"""A digest of everything stored for one person: "nothing changed" in one comparison.

Shared by the authorization matrix (no write through a door that should be shut) and the API
fuzz tests (a rejected request changes nothing). Models are found from Django's registry, so a
new app's rows are covered without anyone adding them here.
"""

from __future__ import annotations

import functools
import hashlib

from django.apps import apps
from django.db import connection, models

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


@functools.cache
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


# Stands for the person's id while the statements are built, then is swapped for the real one.
_PERSON = -7_654_321


@functools.cache
def _statements(vendor: str, leave_out: tuple[str, ...]) -> tuple[tuple[str, str, tuple], ...]:
    """One SELECT per model (the account row first): every stored column but the volatile
    ones, the person's rows in key order. Built once through the ORM (which dominated the
    cost when it ran per digest), then sent as plain SQL."""
    from feelmap.accounts.models import User

    built = []
    for model, lookup in [(User, "pk"), *_person_models()]:
        label = model._meta.label
        if label in leave_out:
            continue
        columns = [f.attname for f in model._meta.concrete_fields
                   if (label, f.name) not in VOLATILE]
        query = model.objects.filter(**{lookup: _PERSON}).order_by("pk").values_list(*columns)
        sql, params = query.query.sql_with_params()
        assert _PERSON in params, f"{label}: the person is not a parameter of {sql}"
        built.append((label, sql, tuple(params)))
    return tuple(built)


def person_digest(owner, leave_out: tuple[str, ...] = ()) -> str:
    """A digest of every row of `owner` (their account row too), column by column as stored
    (an encrypted field as its ciphertext, so even a rewrite of the same words shows); models
    named in `leave_out` ("app.Model") are not looked at."""
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for label, sql, params in _statements(connection.vendor, tuple(sorted(leave_out))):
            cursor.execute(sql, [owner.pk if p == _PERSON else p for p in params])
            digest.update(f"{label}:{cursor.fetchall()!r}".encode())
    return digest.hexdigest()
