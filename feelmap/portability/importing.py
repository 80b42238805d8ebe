"""Import an export file: all or nothing, and importing the same file again adds nothing.

Streamed: the file is read a record at a time (reader.py) inside one transaction. Each record
is checked against its record schema (types and stored bounds, registry.py) and its app's own
rules (rules.py: vocabulary words, both-or-neither affect, known prompts, ...); checked
records are written in batches of BATCH with `bulk_create` and a few queries per batch (the
apps' services write one record at a time with side effects an import must not repeat: no
safety nudges for old notes, no drafts cleared); record timestamps are restored exactly.
The first problem stops the writing; reading goes on to name up to MAX_PROBLEMS problems
(kind, the record's position and id, the field); then everything is rolled back. So memory
stays flat in the size of the file, and nothing is half-imported.

A record whose id is already this person's is kept as it is (skipped); an id that belongs to
someone else on this installation gets a new id derived from it, the same each time (so links
to it are found again without keeping a table of ids). A kind that links to a kind later in
the file (only in a reordered file) is set aside in a temporary file and written at the end.
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.db import DataError, IntegrityError, transaction
from django.db.models import Model
from pydantic import ValidationError

from feelmap.accounts.services import person_data_changed
from feelmap.insights import weekly
from feelmap.lib.models import StampField

from . import kinds as _kinds  # noqa: F401 - registers today's kinds
from .reader import JsonStream, TooLarge, Unreadable
from .registry import FORMAT, KINDS, VERSION, Kind, kind_named, schema_for, upgrade_record
from .rules import current_words, problems_of

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


# --- the envelope ------------------------------------------------------------------------------


def _too_large(limit: int) -> ImportRefused:
    return ImportRefused([f"The file is larger than {limit // (1024 * 1024)} MB, the most this "
                          "Feelmap imports. Nothing was changed."])


def _not_an_export() -> ImportRefused:
    return ImportRefused(["This is not a Feelmap export (it has no \"format\": "
                          f"\"{FORMAT}\"). Nothing was changed."])


def _check_version(version: Any) -> int:
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRefused(["The file's format version is missing or not a whole number."])
    if version > VERSION:
        raise ImportRefused([f"This file was made by a newer Feelmap (format version {version}); "
                             f"this one reads version {VERSION}. Update Feelmap, then import "
                             "again. Nothing was changed."])
    return version


def _record_name(kind: Kind, index: int, record: Any) -> str:
    ident = record.get("id") if isinstance(record, dict) else None
    return f"{kind.name}[{index}]" + (f" (id {ident})" if isinstance(ident, str) else "")


def _size_of(stream: IO[bytes]) -> int | None:
    try:
        if not stream.seekable():
            return None
        here = stream.tell()
        size = stream.seek(0, os.SEEK_END) - here
        stream.seek(here)
        return size
    except (AttributeError, OSError, ValueError):
        return None


def file_person(stream: IO[bytes], limit: int | None = None) -> dict[str, Any]:
    """The `person` of an export (the CLI needs the username before importing); the stream is
    read up to it, normally a few hundred bytes."""
    limit = max_import_bytes() if limit is None else limit
    reader = JsonStream(stream, limit)
    try:
        for key in reader.items():
            if key == "person":
                person = reader.value()
                return person if isinstance(person, dict) else {}
            if key == "format" and reader.value() != FORMAT:
                raise _not_an_export()
            elif key != "format":
                reader.value()
    except Unreadable as exc:
        raise ImportRefused([exc.message + " Nothing was changed."]) from None
    except TooLarge:
        raise _too_large(limit) from None
    return {}


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


class _Import:
    """One import: reads the file, checks each record, writes batches, all in the caller's
    transaction."""

    def __init__(self, user, progress: Progress | None):
        self.user = user
        self.progress = progress
        self.result = ImportResult()
        self.problems: list[str] = []
        self.envelope: dict[str, Any] = {}
        self.version: int | None = None
        self.seen_kinds: dict[str, int] = {}  # kind -> records in the file
        self.done: set[str] = set()
        self.deferred: dict[str, IO[str]] = {}  # kind -> temporary file of its raw records
        # Rows stored before this import began: a row above it was written by this import,
        # so finding one again means the file holds the same id twice.
        self.watermark: dict[type[Model], int] = {}

    # --- problems ----------------------------------------------------------------------------

    @property
    def full(self) -> bool:
        return len(self.problems) >= MAX_PROBLEMS

    def problem(self, text: str) -> None:
        if not self.full:
            self.problems.append(text)

    # --- the file ------------------------------------------------------------------------------

    def run(self, stream: IO[bytes], limit: int) -> None:
        size = _size_of(stream)
        if size is not None and size > limit:
            raise _too_large(limit)
        reader = JsonStream(stream, limit)
        try:
            if reader.peek() != "{":
                raise _not_an_export()
            for key in reader.items():
                if key == "data":
                    self._data(reader)
                else:
                    value = reader.value()
                    self.envelope[key] = value
                    if key == "version" and isinstance(value, int) and not isinstance(value, bool):
                        self.version = value
                if self.full:
                    break
            else:
                reader.end()
        except Unreadable as exc:
            raise ImportRefused([exc.message + " Nothing was changed."]) from None
        except TooLarge:
            raise _too_large(limit) from None
        finally:
            for spool in self.deferred.values():
                spool.close()
        self._check_envelope(complete=not self.full)
        if self.problems:
            if self.full:
                self.problems.append("… and possibly more; fix these first.")
            raise ImportRefused(self.problems)

    @property
    def halted(self) -> bool:
        """Nothing more is written: a problem was found, or the file is not one this Feelmap
        writes (its envelope is reported, first, at the end)."""
        return bool(self.problems) or ("format" in self.envelope
                                       and self.envelope["format"] != FORMAT) or (
            self.version is not None and self.version > VERSION)

    def _check_envelope(self, *, complete: bool) -> None:
        """Refusals about the file as a whole come before any about its records."""
        if self.envelope.get("format") != FORMAT:
            raise _not_an_export()
        _check_version(self.envelope.get("version"))
        if not complete:
            return
        person = self.envelope.get("person")
        if not isinstance(person, dict) or not isinstance(person.get("username"), str):
            raise ImportRefused(["The file has no \"person\" with a username."])
        if "data" not in self.envelope:
            raise ImportRefused(["The file has no \"data\" section."])
        counts = self.envelope.get("counts")
        if not isinstance(counts, dict):
            raise ImportRefused(["The file has no \"counts\" at its end: it is incomplete."])
        for name, n in self.seen_kinds.items():
            if counts.get(name) != n:
                self.problem(f"{name}: the file says {counts.get(name)!r} records but holds "
                             f"{n}; it is incomplete or was edited.")
        for name in counts:
            if name not in self.seen_kinds:
                self.problem(f"{name}: counted at the end but missing from the data.")
        self.result.person = person

    def _data(self, reader: JsonStream) -> None:
        self.envelope["data"] = True
        for name in reader.items():
            kind = kind_named(name)
            if kind is None:
                self.problem(f"{name}: this Feelmap does not know this kind of data.")
                reader.value()
                continue
            if name in self.seen_kinds:
                self.problem(f"{name}: appears twice in the data.")
                reader.value()
                continue
            if reader.peek() != "[":
                self.problem(f"{name}: should be a list of records.")
                reader.value()
                self.seen_kinds[name] = 0
                continue
            if kind.export_only:  # a record of other people's accounts: counted, not imported
                self.seen_kinds[name] = sum(1 for _ in reader.elements())
                continue
            waiting = [t for t in kind.links.values() if t not in self.done]
            if waiting:  # its links point to records further on: write it at the end
                spool = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
                self.deferred[name] = spool
                count = 0
                for record in reader.elements():
                    spool.write(json.dumps(record, ensure_ascii=False) + "\n")
                    count += 1
                self.seen_kinds[name] = count
                continue
            self.seen_kinds[name] = self._kind(kind, reader.elements())
            if self.full:
                return
        for kind in KINDS:
            later = self.deferred.get(kind.name)
            if later is not None and not self.full:
                later.seek(0)
                self._kind(kind, (json.loads(line) for line in later))

    # --- one kind ---------------------------------------------------------------------------

    def _kind(self, kind: Kind, records: Iterable[Any]) -> int:
        schema = schema_for(kind)
        batch: list[tuple[int, Any]] = []
        count = 0
        keys: set[Any] = set()
        for index, record in enumerate(records):
            count += 1
            if self.full:
                continue  # read on to the end of the list, check no more
            record = upgrade_record(kind, record, self.version)
            try:
                item = schema.model_validate(record)
            except ValidationError as exc:
                for error in exc.errors():
                    loc = ".".join(str(p) for p in error["loc"]) or "record"
                    message = str(error["msg"]).removeprefix("Value error, ")
                    self.problem(f"{_record_name(kind, index, record)}: {loc}: {message}")
                continue
            for name, message in problems_of(kind.name, item):
                self.problem(f"{_record_name(kind, index, record)}: {name}: {message}")
            item = current_words(kind.name, item)
            if kind.key != "public_id":
                key = None if kind.key == "owner" else getattr(item, kind.key)
                if key in keys:
                    self.problem(f"{_record_name(kind, index, record)}: "
                                 + ("there is one per person, the file has more."
                                    if kind.key == "owner" else f"{kind.key}: appears twice."))
                keys.add(key)
            if self.halted:
                continue  # nothing more is written once anything is wrong
            batch.append((index, item))
            if len(batch) >= BATCH:
                self._write(kind, batch)
                batch = []
                if self.progress:
                    self.progress(kind.label, count, count)
        if batch and not self.halted:
            self._write(kind, batch)
        self.done.add(kind.name)
        if self.progress:
            self.progress(kind.label, count, count)
        return count

    def _write(self, kind: Kind, batch: list[tuple[int, Any]]) -> None:
        if kind.account:
            given = {name: value for name, value in _values(kind, batch[-1][1]).items()
                     if value is not None}  # None: a field an older file does not carry
            kind.model._default_manager.filter(pk=self.user.pk).update(**given)
            self.result.updated[kind.name] = len(batch)
        elif kind.key == "public_id":
            self._write_records(kind, batch)
        else:
            self._write_keyed(kind, batch)

    def _write_keyed(self, kind: Kind, batch: list[tuple[int, Any]]) -> None:
        """One per person (key "owner") or one per person and key value: replaced by the file's."""
        manager = kind.model._default_manager
        for _index, item in batch:
            lookup = {kind.owner_field: self.user}
            if kind.key != "owner":
                lookup[kind.key] = getattr(item, kind.key)
            obj = manager.filter(**lookup).first() or kind.model(**lookup)
            previous = getattr(obj, "version", None) if obj.pk is not None else None
            for name, value in _values(kind, item).items():
                setattr(obj, name, value)
            if "version" in kind.fields and previous is not None:
                # A save counter (the safety plan's) must move on, so a page still open on the
                # replaced plan is told it changed rather than overwriting the imported one.
                obj.version = max(obj.version, previous + 1)  # type: ignore[attr-defined]
            obj.save()
            stamps = {n: getattr(item, n) for n in kind.stamps}
            if stamps:
                manager.filter(pk=obj.pk).update(**stamps)
        self.result.updated[kind.name] = self.result.updated.get(kind.name, 0) + len(batch)

    def _mark(self, model: type[Model]) -> int:
        if model not in self.watermark:
            last = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
            self.watermark[model] = last or 0
        return self.watermark[model]

    def _link_pks(self, kind: Kind, items: list[Any]) -> dict[str, dict[uuid.UUID, int]]:
        """file id -> stored pk of each linked record of this person (as the id came, or as
        remapped when it belonged to someone else)."""
        owner_key = self.user.public_id
        found: dict[str, dict[uuid.UUID, int]] = {}
        for name, target in kind.links.items():
            wanted = {getattr(i, name) for i in items} - {None}
            if not wanted:
                continue
            both = {w: _remap(owner_key, w) for w in wanted}
            model = kind_named(target).model  # type: ignore[union-attr]
            stored = dict(model._default_manager.filter(
                owner=self.user, public_id__in=[*both, *both.values()]
            ).values_list("public_id", "pk"))
            pks = found.setdefault(target, {})
            for w, remapped in both.items():
                pk = stored.get(w, stored.get(remapped))
                if pk is not None:
                    pks[w] = pk
        return found

    def _write_records(self, kind: Kind, batch: list[tuple[int, Any]]) -> None:
        owner_key = self.user.public_id
        manager = kind.model._default_manager
        mark = self._mark(kind.model)
        ids = [item.id for _, item in batch]
        remapped = {i: _remap(owner_key, i) for i in ids}
        stored = {pid: (owner, pk) for pid, owner, pk in manager.filter(
            public_id__in=[*ids, *remapped.values()]
        ).values_list("public_id", kind.owner_field, "pk")}
        fresh: list[tuple[int, Any, uuid.UUID]] = []
        kept = 0
        in_batch: set[uuid.UUID] = set()
        for index, item in batch:
            if item.id in in_batch:
                self.problem(f"{kind.name}[{index}] (id {item.id}): id: appears twice in the "
                             "file.")
                continue
            in_batch.add(item.id)
            stored_id = item.id
            found = stored.get(item.id)
            if found is not None and found[0] != self.user.pk:
                stored_id = remapped[item.id]
                found = stored.get(stored_id)
            if found is not None:
                if found[1] > mark:
                    self.problem(f"{kind.name}[{index}] (id {item.id}): id: appears twice in "
                                 "the file.")
                kept += 1
                continue
            fresh.append((index, item, stored_id))
        if self.problems:
            return
        links = self._link_pks(kind, [i for _, i, _ in fresh])
        objs: list[Model] = []
        for index, item, stored_id in fresh:
            values = _values(kind, item)
            for name, target in kind.links.items():
                ref = getattr(item, name)
                if ref is None:
                    values[f"{name}_id"] = None
                    continue
                pk = links.get(target, {}).get(ref)
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
        self.result.added[kind.name] = self.result.added.get(kind.name, 0) + len(objs)
        self.result.kept[kind.name] = self.result.kept.get(kind.name, 0) + kept


def import_file(user, stream: IO[bytes], progress: Progress | None = None,
                limit: int | None = None) -> ImportResult:
    """Read an export from `stream` into `user`'s account: everything, or (ImportRefused)
    nothing."""
    limit = max_import_bytes() if limit is None else limit
    job = _Import(user, progress)
    try:
        with transaction.atomic():
            job.run(stream, limit)
            # The imported records are new to every summary kept of the person's data.
            person_data_changed(user.pk)
            weekly.forget_person(user.pk)
    except (IntegrityError, DataError) as exc:  # a keyed setting the database refused
        raise ImportRefused([f"The database refused the data ({exc}). Nothing was changed."]
                            ) from None
    for kind in KINDS:  # every kind in the file appears in the result, 0 when nothing came
        if kind.name in job.seen_kinds:
            target = job.result.updated if (kind.account or kind.key != "public_id") else None
            if target is not None:
                target.setdefault(kind.name, 0)
            else:
                job.result.added.setdefault(kind.name, 0)
                job.result.kept.setdefault(kind.name, 0)
    return job.result
