"""Write an export of any format to a file (CLI) or a temporary file (pages, API)."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Literal

from .exporting import write_csv_zip, write_json
from .fhir import write_bundle

Format = Literal["json", "csv", "fhir"]
FORMATS: dict[str, tuple[str, str]] = {  # format -> (file extension, content type)
    "json": ("json", "application/json"),
    "csv": ("zip", "application/zip"),
    "fhir": ("fhir.json", "application/fhir+json"),
}


def write_export(user, fmt: str, path: Path,
                 progress: Callable[[str, int, int], None] | None = None) -> None:
    if fmt == "csv":
        with path.open("xb") as raw:
            write_csv_zip(user, raw, progress)
    else:
        with path.open("x", encoding="utf-8") as text:
            if fmt == "json":
                write_json(user, text, progress)
            else:
                write_bundle(user, text)


def export_to_temp(user, fmt: str) -> IO[bytes]:
    """The export in an anonymous temporary file (on disk, so memory stays flat), rewound."""
    handle = tempfile.TemporaryFile()
    if fmt == "csv":
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
