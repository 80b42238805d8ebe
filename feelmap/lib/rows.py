"""Load one model instance by primary key with a prepared statement instead of a fresh query.

Every signed-in request loads its session row and its user. Through the ORM each of those
lookups compiles a new query, which costs about 20 times the database work on our reference
machine (0.6 ms against 0.03 ms). Here the SELECT text and the per-column converters are
worked out once per model and database, then reused. The converters are the ORM's own, so
the instance is exactly what `Model.objects.get(pk=...)` would give (tests compare them).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import TypeVar

from django.db import connections, models, router
from django.utils import timezone

M = TypeVar("M", bound=models.Model)


@lru_cache(maxsize=16)
def _plan(model: type[models.Model], alias: str):
    connection = connections[alias]
    quote = connection.ops.quote_name
    fields = model._meta.concrete_fields
    table = model._meta.db_table
    sql = (f"SELECT {', '.join(quote(f.column) for f in fields)} FROM {quote(table)} "  # noqa: S608
           f"WHERE {quote(model._meta.pk.column)} = %s")
    columns = []
    for field in fields:
        column = field.get_col(table)
        converters = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        columns.append((column, converters))
    return sql, [f.attname for f in fields], columns


def _one_table(model: type[models.Model]) -> bool:
    return not model._meta.parents  # multi-table inheritance spreads a row over tables


def _insertable(obj: models.Model) -> bool:
    """A new row these helpers write exactly as save() would: an automatic primary key not
    set by hand, and no values the database computes itself."""
    meta = obj._meta
    return (_one_table(type(obj)) and meta.pk is meta.auto_field and obj.pk is None
            and not any(getattr(f, "generated", False) or f.has_db_default()
                        for f in meta.concrete_fields))


def load_by_pk(model: type[M], pk) -> M | None:
    """The instance with this primary key, or None."""
    if not _one_table(model):
        return model._default_manager.filter(pk=pk).first()
    alias = router.db_for_read(model)
    sql, attnames, columns = _plan(model, alias)
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(sql, [model._meta.pk.get_db_prep_value(pk, connection)])
        row = cursor.fetchone()
    if row is None:
        return None
    values = []
    for value, (column, converters) in zip(row, columns, strict=True):
        for convert in converters:
            value = convert(value, column, connection)
        values.append(value)
    return model.from_db(alias, attnames, values)


@lru_cache(maxsize=16)
def _insert_plan(model: type[models.Model], alias: str):
    connection = connections[alias]
    quote = connection.ops.quote_name
    pk = model._meta.pk
    fields = [f for f in model._meta.concrete_fields if f is not pk]
    head = (f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608 (names only)
            f"({', '.join(quote(f.column) for f in fields)}) VALUES ")
    row = f"({', '.join(['%s'] * len(fields))})"
    return head, row, fields, quote(pk.column)


def _values(obj: models.Model, fields, connection) -> list:
    # What save() does per field: auto_now stamps and defaults, then the field's own
    # conversion for this database (encryption, UUIDs, datetimes).
    return [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]


def insert(obj: models.Model) -> None:
    """INSERT one new instance and set its primary key, as `obj.save()` does for a new row.

    For the few writes on the busiest path (saving a check-in). Fields prepare their values
    exactly as in save(); what is skipped is the per-query compilation and the save signals,
    which nothing in Feelmap listens to. Call it inside the caller's transaction.
    """
    model = type(obj)
    alias = router.db_for_write(model)
    connection = connections[alias]
    if not connection.features.can_return_columns_from_insert or not _insertable(obj):
        obj.save(force_insert=True, using=alias)
        return
    head, row, fields, pk_column = _insert_plan(model, alias)
    with connection.cursor() as cursor:
        cursor.execute(f"{head}{row} RETURNING {pk_column}", _values(obj, fields, connection))
        obj.pk = cursor.fetchone()[0]
    obj._state.adding = False
    obj._state.db = alias


def insert_many(objs: list[models.Model]) -> None:
    """INSERT new instances of one model in a single statement. Their primary keys are not
    read back: use it for rows nothing refers to afterwards (a check-in's labels, say)."""
    if not objs:
        return
    model = type(objs[0])
    if not all(_insertable(obj) for obj in objs):
        model._default_manager.bulk_create(objs)
        return
    alias = router.db_for_write(model)
    connection = connections[alias]
    head, row, fields, _pk = _insert_plan(model, alias)
    values = [value for obj in objs for value in _values(obj, fields, connection)]
    with connection.cursor() as cursor:
        cursor.execute(head + ", ".join([row] * len(objs)), values)


def aware_datetime(value) -> datetime | None:
    """A datetime read by plain SQL, made aware as the ORM would: SQLite hands back text (or a
    naive value) in UTC, PostgreSQL an aware datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)
