"""Export a person's data as JSON (streamed: each record is written as it is read, so memory
stays flat however many years there are) and as CSV files in a zip.

The JSON layout (schema/export-v3.schema.json documents it; version 1 lacked the safety plan's
`version`, versions 1 and 2 the profile's `time_zone`):

    {"format": "feelmap-export", "version": 3, "exported_at": "...",
     "person": {"id": "...", "username": "..."},
     "data": {"checkins": [{...}, ...], "journal_entries": [...], ...},
     "counts": {"checkins": 5475, ...}}

`counts` comes last, after every record, so a file cut short anywhere is recognised.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from typing import IO, Any

from django.db.models import F, Model, QuerySet
from django.utils import timezone

from . import kinds as _kinds  # noqa: F401 - registers today's kinds
from .registry import FORMAT, KINDS, VERSION, Kind

CHUNK = 500
Progress = Callable[[str, int, int], None]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def records_of(kind: Kind, user) -> QuerySet:
    """The rows of `kind` that belong to `user`, oldest first, with their links' public ids."""
    rows = kind.model._default_manager.filter(**{kind.owner_field: user.pk})
    if kind.links:
        rows = rows.annotate(**{f"_link_{n}": F(f"{n}__public_id") for n in kind.links})
    return rows.order_by(*kind.order_by)


def _parts_of(kind: Kind, pks: list[int]) -> dict[str, dict[int, list[dict[str, Any]]]]:
    """Each part's rows for these records, as plain dicts grouped by record: one query per
    part per chunk (prefetch_related would build a queryset per record, several times slower)."""
    found: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for part in kind.parts:
        grouped: dict[int, list[dict[str, Any]]] = {}
        parent = f"{part.parent}_id"
        rows = (part.model._default_manager.filter(**{f"{parent}__in": pks})
                .order_by(parent, *(part.model._meta.ordering or ()), "id")
                .values(parent, *part.fields))
        for row in rows:
            owner = row.pop(parent)
            grouped.setdefault(owner, []).append({n: _plain(row[n]) for n in part.fields})
        found[part.name] = grouped
    return found


def record_dict(kind: Kind, row: Model, parts: dict[str, dict[int, list[dict[str, Any]]]]
                ) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if kind.key == "public_id":
        out["id"] = str(row.public_id)  # type: ignore[attr-defined]
    for name in kind.fields:
        out[name] = _plain(getattr(row, name))
    for name in kind.links:
        out[name] = _plain(getattr(row, f"_link_{name}"))
    for part in kind.parts:
        out[part.name] = parts[part.name].get(row.pk, [])
    for name in kind.stamps:
        out[name] = _plain(getattr(row, name))
    return out


def iter_records(kind: Kind, user) -> Iterator[dict[str, Any]]:
    """Each record as a plain dict, read a chunk at a time (memory bounded by CHUNK)."""
    chunk: list[Model] = []
    for row in records_of(kind, user).iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from _emit(kind, chunk)
            chunk = []
    if chunk:
        yield from _emit(kind, chunk)


def _emit(kind: Kind, chunk: list[Model]) -> Iterator[dict[str, Any]]:
    parts = _parts_of(kind, [r.pk for r in chunk]) if kind.parts else {}
    for row in chunk:
        yield record_dict(kind, row, parts)


def _count(kind: Kind, user) -> int:
    return kind.model._default_manager.filter(**{kind.owner_field: user.pk}).count()


def iter_json(user, progress: Progress | None = None) -> Iterator[str]:
    """The export as text pieces, one record at a time."""
    head = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "person": {"id": str(user.public_id), "username": user.username},
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "data": {'
    counts: dict[str, int] = {}
    for k_index, kind in enumerate(KINDS):
        total = _count(kind, user) if progress else 0
        yield ("" if k_index == 0 else ", ") + json.dumps(kind.name) + ": ["
        done = 0
        for record in iter_records(kind, user):
            yield ("\n" if done == 0 else ",\n") + json.dumps(record, ensure_ascii=False)
            done += 1
            if progress and done % 500 == 0:
                progress(kind.label, done, total)
        if progress:
            progress(kind.label, done, done)
        counts[kind.name] = done
        yield "]"
    yield '}, "counts": ' + json.dumps(counts) + "}\n"


def write_json(user, out: IO[str], progress: Progress | None = None) -> None:
    for piece in iter_json(user, progress):
        out.write(piece)


# --- CSV: one file per kind (and per part: check-in labels, ...) in a zip -----------------------


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    return value


def write_csv_zip(user, out: IO[bytes], progress: Progress | None = None) -> None:
    """A zip with `<kind>.csv` per kind and `<kind>_<part>.csv` for the rows inside records;
    lists and maps in a cell are JSON. Streamed row by row into the zip."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for kind in KINDS:
            columns = list(kind.all_fields)
            part_files = {}
            handles = []
            main_raw = archive.open(f"{kind.name}.csv", "w", force_zip64=True)
            main = io.TextIOWrapper(main_raw, encoding="utf-8", newline="")
            handles.append(main)
            writer = csv.writer(main)
            writer.writerow(columns)
            # zipfile writes one member at a time, so rows inside records go to temporary text
            # first and are copied in afterwards (spooled: on disk once large).
            for part in kind.parts:
                spool = tempfile.SpooledTemporaryFile(max_size=4 << 20, mode="w+", newline="")
                part_writer = csv.writer(spool)
                part_writer.writerow([f"{kind.name}_id", *part.fields])
                part_files[part.name] = (spool, part_writer)
            done = 0
            for record in iter_records(kind, user):
                writer.writerow([_cell(record.get(c)) for c in columns])
                for part in kind.parts:
                    _, part_writer = part_files[part.name]
                    for child in record[part.name]:
                        part_writer.writerow([record["id"], *(_cell(child[n]) for n in part.fields)])
                done += 1
                if progress and done % 500 == 0:
                    progress(kind.label, done, done)
            main.close()
            for part in kind.parts:
                spool, _ = part_files[part.name]
                spool.seek(0)
                with archive.open(f"{kind.name}_{part.name}.csv", "w", force_zip64=True) as raw:
                    text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                    while block := spool.read(1 << 16):
                        text.write(block)
                    text.close()
                spool.close()
            if progress:
                progress(kind.label, done, done)
