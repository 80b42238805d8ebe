"""Import an export file: all or nothing, and importing the same file again adds nothing.

Every record is validated first (types and bounds derived from the models, see registry.py);
any problem is reported with the kind, the record's position and id, and the field, and
nothing is written. Then everything is written in one transaction with `bulk_create` (the
apps' services write one record at a time with their side effects, which an import must not
repeat: no safety nudges for old notes, no drafts cleared); record timestamps are restored
exactly. A record whose id is already this person's is kept as it is (skipped); an id that
belongs to someone else on this installation gets a new id derived from it, the same each time.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.db import DataError, IntegrityError, transaction
from django.db.models import Model
from pydantic import ValidationError

from feelmap.lib.models import StampField

from . import kinds as _kinds  # noqa: F401 - registers today's kinds
from .registry import FORMAT, KINDS, VERSION, Kind, kind_named, schema_for

BATCH = 500
MAX_PROBLEMS = 50
Progress = Callable[[str, int, int], None]


def max_import_bytes() -> int:
    return int(getattr(settings, "FEELMAP_IMPORT_MAX_BYTES", 512 * 1024 * 1024))


class ImportRefused(Exception):
    """The file cannot be imported; `problems` says why, one plain sentence each."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems[:3]))
        self.problems = problems


@dataclass
class ImportResult:
    added: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)  # already there: left as they were
    updated: dict[str, int] = field(default_factory=dict)  # settings replaced by the file's
    person: dict[str, Any] = field(default_factory=dict)

    @property
    def total_added(self) -> int:
        return sum(self.added.values())


# --- reading and checking the file -----------------------------------------------------------


def read_file(stream: IO[bytes], limit: int | None = None) -> dict[str, Any]:
    """The parsed export, or ImportRefused for a file that is too large, not JSON, cut short,
    from a newer Feelmap, or not a Feelmap export at all."""
    limit = max_import_bytes() if limit is None else limit
    pieces, size = [], 0
    while size <= limit and (piece := stream.read(min(1 << 20, limit + 1 - size))):
        pieces.append(piece)
        size += len(piece)
    raw = b"".join(pieces)
    del pieces
    if len(raw) > limit:
        raise ImportRefused([f"The file is larger than {limit // (1024 * 1024)} MB, the most this "
                             "Feelmap imports. Nothing was changed."])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportRefused([f"The file is not UTF-8 text (byte {exc.start}). Choose the .json "
                             "file Feelmap exported. Nothing was changed."]) from None
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            reason = f"The file ends too early ({where}): it may have been cut short while copying."
        else:
            reason = f"The file is not valid JSON at {where}: {exc.msg}."
        raise ImportRefused([reason + " Nothing was changed."]) from None
    except RecursionError:
        raise ImportRefused(["The file is nested too deeply to be a Feelmap export."]) from None
    except ValueError as exc:  # e.g. a number with thousands of digits
        raise ImportRefused([f"The file holds a value Feelmap cannot read ({exc})."]) from None
    return check_envelope(payload)


def check_envelope(payload: Any) -> dict[str, Any]:
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ImportRefused(["This is not a Feelmap export (it has no \"format\": "
                             f"\"{FORMAT}\"). Nothing was changed."])
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRefused(["The file's format version is missing or not a whole number."])
    if version > VERSION:
        raise ImportRefused([f"This file was made by a newer Feelmap (format version {version}); "
                             f"this one reads version {VERSION}. Update Feelmap, then import "
                             "again. Nothing was changed."])
    person = payload.get("person")
    if not isinstance(person, dict) or not isinstance(person.get("username"), str):
        raise ImportRefused(["The file has no \"person\" with a username."])
    data, counts = payload.get("data"), payload.get("counts")
    if not isinstance(data, dict):
        raise ImportRefused(["The file has no \"data\" section."])
    if not isinstance(counts, dict):
        raise ImportRefused(["The file has no \"counts\" at its end: it is incomplete."])
    problems = []
    for name, records in data.items():
        if kind_named(name) is None:
            problems.append(f"{name}: this Feelmap does not know this kind of data.")
        elif not isinstance(records, list):
            problems.append(f"{name}: should be a list of records.")
        elif counts.get(name) != len(records):
            problems.append(f"{name}: the file says {counts.get(name)!r} records but holds "
                            f"{len(records)}; it is incomplete or was edited.")
    for name in counts:
        if name not in data:
            problems.append(f"{name}: counted at the end but missing from the data.")
    if problems:
        raise ImportRefused(problems)
    return payload


def _record_name(kind: Kind, index: int, record: Any) -> str:
    ident = record.get("id") if isinstance(record, dict) else None
    return f"{kind.name}[{index}]" + (f" (id {ident})" if isinstance(ident, str) else "")


def validate_records(payload: dict[str, Any]) -> dict[str, list[Any]]:
    """Each kind's records as validated pydantic objects, or ImportRefused naming every bad
    record and field (the first 50)."""
    problems: list[str] = []
    checked: dict[str, list[Any]] = {}
    for kind in KINDS:
        records = payload["data"].get(kind.name, [])
        schema = schema_for(kind)
        if kind.key != "public_id" and kind.key != "owner":
            pass
        elif kind.key == "owner" and len(records) > 1:
            problems.append(f"{kind.name}: there is one per person, the file has {len(records)}.")
        out = []
        seen: dict[Any, int] = {}
        for index, record in enumerate(records):
            try:
                item = schema.model_validate(record)
            except ValidationError as exc:
                for error in exc.errors():
                    loc = ".".join(str(p) for p in error["loc"]) or "record"
                    message = str(error["msg"]).removeprefix("Value error, ")
                    problems.append(f"{_record_name(kind, index, record)}: {loc}: {message}")
                continue
            ident = getattr(item, "id", None) if kind.key == "public_id" else (
                getattr(item, kind.key) if kind.key != "owner" else None)
            if ident is not None:
                if ident in seen:
                    problems.append(f"{_record_name(kind, index, record)}: {kind.key}: appears "
                                    f"twice (also {kind.name}[{seen[ident]}]).")
                seen[ident] = index
            out.append(item)
            if len(problems) >= MAX_PROBLEMS:
                break
        checked[kind.name] = out
        if len(problems) >= MAX_PROBLEMS:
            problems.append("… and possibly more; fix these first.")
            break
    if problems:
        raise ImportRefused(problems)
    return checked


# --- writing -----------------------------------------------------------------------------------


def _remap(owner_key: uuid.UUID, ident: uuid.UUID) -> uuid.UUID:
    return uuid.uuid5(owner_key, str(ident))


def _values(kind: Kind, item: Any) -> dict[str, Any]:
    return {name: getattr(item, name) for name in kind.fields}


def _restore_stamps(model: type[Model], objs: list[Model], stamps: tuple[str, ...],
                    values: list[dict[str, Any]]) -> None:
    """Give rows the file's auto_now/auto_now_add times. Stamps that are `StampField`s were
    inserted as they are (see `_stamped`); others are set afterwards with one bulk update."""
    late = tuple(n for n in stamps if not isinstance(model._meta.get_field(n), StampField))
    if not late or not objs:
        return
    for obj, vals in zip(objs, values, strict=True):
        for name in late:
            setattr(obj, name, vals[name])
    model._default_manager.bulk_update(objs, list(late), batch_size=BATCH)


def _stamped(obj: Model, item: Any, stamps: tuple[str, ...]) -> Model:
    """Put the file's stamps on a new row so that StampFields insert them unchanged."""
    for name in stamps:
        setattr(obj, name, getattr(item, name))
    obj.keep_stamps = True  # type: ignore[attr-defined]
    return obj


def _insert(model: type[Model], objs: list[Model], where: Callable[[int], str]) -> None:
    try:
        with transaction.atomic():
            model._default_manager.bulk_create(objs, batch_size=BATCH)
    except (IntegrityError, DataError):
        # Find the record the database refused, to name it.
        for index, obj in enumerate(objs):
            try:
                with transaction.atomic():
                    obj.save(force_insert=True)
            except (IntegrityError, DataError) as exc:
                raise ImportRefused([f"{where(index)}: the database refused it ({exc})."]) from None
        raise


def _same(text: str) -> Callable[[int], str]:
    def where(_index: int) -> str:
        return text

    return where


class _Writer:
    def __init__(self, user, progress: Progress | None):
        self.user = user
        self.progress = progress
        self.ids: dict[str, dict[uuid.UUID, uuid.UUID]] = {}  # kind -> file id -> stored id
        self.result = ImportResult()

    def write(self, kind: Kind, items: list[Any]) -> None:
        if kind.account:
            if items:
                kind.model._default_manager.filter(pk=self.user.pk).update(**_values(kind, items[0]))
            self.result.updated[kind.name] = len(items)
        elif kind.key == "public_id":
            self._write_records(kind, items)
        else:
            self._write_keyed(kind, items)

    def _write_keyed(self, kind: Kind, items: list[Any]) -> None:
        """One per person (key "owner") or one per person and key value: replaced by the file's."""
        manager = kind.model._default_manager
        for item in items:
            lookup = {kind.owner_field: self.user}
            if kind.key != "owner":
                lookup[kind.key] = getattr(item, kind.key)
            obj = manager.filter(**lookup).first() or kind.model(**lookup)
            for name, value in _values(kind, item).items():
                setattr(obj, name, value)
            obj.save()
            stamps = {n: getattr(item, n) for n in kind.stamps}
            if stamps:
                manager.filter(pk=obj.pk).update(**stamps)
        self.result.updated[kind.name] = len(items)

    def _existing(self, kind: Kind, ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
        """public id -> owner id, for the ids that are already stored."""
        found: dict[uuid.UUID, int] = {}
        manager = kind.model._default_manager
        for start in range(0, len(ids), BATCH):
            found.update(manager.filter(public_id__in=ids[start:start + BATCH])
                         .values_list("public_id", kind.owner_field))
        return found

    def _link_pks(self, kind: Kind, items: list[Any]) -> dict[str, dict[uuid.UUID, int]]:
        by_kind: dict[str, dict[uuid.UUID, int]] = {}
        for name, target in kind.links.items():
            wanted = {getattr(i, name) for i in items} - {None}
            mapping = self.ids.get(target, {})
            stored = [mapping.get(w, w) for w in wanted]
            model = kind_named(target).model  # type: ignore[union-attr]
            pks = by_kind.setdefault(target, {})
            for start in range(0, len(stored), BATCH):
                pks.update(model._default_manager.filter(
                    owner=self.user, public_id__in=stored[start:start + BATCH]
                ).values_list("public_id", "pk"))
        return by_kind

    def _write_records(self, kind: Kind, items: list[Any]) -> None:
        owner_key = self.user.public_id
        existing = self._existing(kind, [i.id for i in items])
        mapping = self.ids.setdefault(kind.name, {})
        fresh: list[tuple[int, Any, uuid.UUID]] = []
        kept = 0
        for index, item in enumerate(items):
            stored_id = item.id
            owner = existing.get(item.id)
            if owner is not None and owner != self.user.pk:
                stored_id = _remap(owner_key, item.id)
                mapping[item.id] = stored_id
            if owner == self.user.pk:
                kept += 1
                continue
            fresh.append((index, item, stored_id))
        # Remapped ids may already be this person's from an earlier import.
        remapped = self._existing(kind, [s for _, i, s in fresh if s != i.id])
        fresh = [(n, i, s) for n, i, s in fresh if s not in remapped]
        kept += len(remapped)
        links = self._link_pks(kind, [i for _, i, _ in fresh])
        objs: list[Model] = []
        for index, item, stored_id in fresh:
            values = _values(kind, item)
            for name, target in kind.links.items():
                ref = getattr(item, name)
                if ref is None:
                    values[f"{name}_id"] = None
                    continue
                pk = links[target].get(self.ids.get(target, {}).get(ref, ref))
                if pk is None:
                    raise ImportRefused([f"{kind.name}[{index}] (id {item.id}): {name}: no "
                                         f"record with id {ref} in {target}."])
                values[f"{name}_id"] = pk
            objs.append(_stamped(kind.model(public_id=stored_id, **{kind.owner_field: self.user},
                                            **values), item, kind.stamps))
        _insert(kind.model, objs, lambda n: f"{kind.name}[{fresh[n][0]}] (id {fresh[n][1].id})")
        _restore_stamps(kind.model, objs, kind.stamps,
                        [{s: getattr(i, s) for s in kind.stamps} for _, i, _ in fresh])
        for part in kind.parts:
            children: list[Model] = []
            child_stamps: list[dict[str, Any]] = []
            for obj, (_, item, _) in zip(objs, fresh, strict=True):
                for child in getattr(item, part.name):
                    vals = {n: getattr(child, n) for n in part.fields}
                    children.append(part.model(**{f"{part.parent}_id": obj.pk}, **vals))
                    child_stamps.append(vals)
            _insert(part.model, children, _same(f"{kind.name}: one of the {part.name}"))
            auto = tuple(n for n in part.fields
                         if getattr(part.model._meta.get_field(n), "auto_now_add", False)
                         or getattr(part.model._meta.get_field(n), "auto_now", False))
            _restore_stamps(part.model, children, auto, child_stamps)
        self.result.added[kind.name] = len(objs)
        self.result.kept[kind.name] = kept
        if self.progress:
            self.progress(kind.label, len(items), len(items))


def import_data(user, payload: dict[str, Any], progress: Progress | None = None) -> ImportResult:
    """Write a checked export into `user`'s account: everything, or (ImportRefused) nothing."""
    skipped = {k.name for k in KINDS if k.export_only}
    payload = {**payload, "data": {n: v for n, v in payload["data"].items() if n not in skipped}}
    checked = validate_records(payload)
    writer = _Writer(user, progress)
    try:
        with transaction.atomic():
            for kind in KINDS:
                if kind.name in payload["data"]:
                    writer.write(kind, checked[kind.name])
    except (IntegrityError, DataError) as exc:  # a keyed setting the database refused
        raise ImportRefused([f"The database refused the data ({exc}). Nothing was changed."]
                            ) from None
    writer.result.person = payload.get("person") or {}
    return writer.result


def import_file(user, stream: IO[bytes], progress: Progress | None = None,
                limit: int | None = None) -> ImportResult:
    return import_data(user, read_file(stream, limit), progress)
