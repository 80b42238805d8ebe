"""Write an export of any format to a file (CLI) or a temporary file (pages, API)."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Literal

from .exporting import write_csv_zip, write_json
from .fhir import write_bundle

Format = Literal["json", "csv", "fhir", "pdf"]
FORMATS: dict[str, tuple[str, str]] = {  # format -> (file extension, content type)
    "json": ("json", "application/json"),
    "csv": ("zip", "application/zip"),
    "fhir": ("fhir.json", "application/fhir+json"),
    "pdf": ("pdf", "application/pdf"),
}


def pdf_summary(user, start: date | None = None, end: date | None = None,
                made_by: str | None = None) -> bytes:
    """The person's PDF summary (insights' report) of a period; a year to today by default."""
    from django.utils import timezone

    from feelmap.insights.report import Period, summary_pdf

    end = end or timezone.localdate()
    start = start or (end - timedelta(days=364))
    return summary_pdf(user, Period(start, end), made_by=made_by or user.shown_name)


def write_export(user, fmt: str, path: Path,
                 progress: Callable[[str, int, int], None] | None = None, *,
                 start: date | None = None, end: date | None = None,
                 made_by: str | None = None) -> None:
    if fmt == "pdf":
        data = pdf_summary(user, start, end, made_by)
        with path.open("xb") as raw:
            raw.write(data)
    elif fmt == "csv":
        with path.open("xb") as raw:
            write_csv_zip(user, raw, progress)
    else:
        with path.open("x", encoding="utf-8") as text:
            if fmt == "json":
                write_json(user, text, progress)
            else:
                write_bundle(user, text)


def export_to_temp(user, fmt: str, *, start: date | None = None,
                   end: date | None = None) -> IO[bytes]:
    """The export in an anonymous temporary file (on disk, so memory stays flat), rewound."""
    handle = tempfile.TemporaryFile()
    if fmt == "pdf":
        handle.write(pdf_summary(user, start, end))
    elif fmt == "csv":
        write_csv_zip(user, handle)
    else:
        text = io.TextIOWrapper(handle, encoding="utf-8", write_through=True)
        (write_json if fmt == "json" else write_bundle)(user, text)
        text.flush()
        text.detach()
    handle.seek(0)
    return handle


def file_name(user, fmt: str) -> str:
    from django.utils import timezone

    return f"feelmap-{user.username}-{timezone.localdate():%Y-%m-%d}.{FORMATS[fmt][0]}"
