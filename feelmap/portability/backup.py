"""A consistent copy of the SQLite database while Feelmap runs (SQLite's online backup API:
pages are copied in steps, and writes that land meanwhile are picked up before it finishes)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connections


class BackupUnavailable(Exception):
    pass


def database_path(alias: str = "default") -> Path:
    db = settings.DATABASES[alias]
    if not db["ENGINE"].endswith("sqlite3"):
        raise BackupUnavailable(
            "This Feelmap uses PostgreSQL: back it up with pg_dump (for example "
            "`pg_dump --format=custom --file feelmap.dump DBNAME`), and keep the encryption key "
            "file with it as described below."
        )
    name = connections[alias].settings_dict["NAME"]
    return Path(name)


def backup_sqlite(source: Path, target: Path,
                  progress: Callable[[int, int], None] | None = None) -> int:
    """Copy `source` into a new file `target`; the number of pages copied."""
    if target.exists():
        raise BackupUnavailable(f"{target} already exists; choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    copied = 0
    try:
        def step(status: int, remaining: int, total: int) -> None:
            nonlocal copied
            copied = total
            if progress:
                progress(total - remaining, total)

        src.backup(dst, pages=256, progress=step)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        dst.close()
        src.close()
    target.chmod(0o600)
    return copied


def keys_note() -> str:
    """Where the encryption keys live: the backup is unreadable without them."""
    files = getattr(settings, "FEELMAP_SECRET_FILES", {})
    where = files.get("FEELMAP_ENCRYPTION_KEYS")
    if where:
        place = f"in the file {where}"
    else:
        place = "in the environment variable FEELMAP_ENCRYPTION_KEYS"
    return (
        "Notes, journal entries and other free text in the backup are encrypted. The key is "
        f"{place}; it is not in the backup. Keep a copy of it somewhere safe and separate: "
        "without it the encrypted text cannot be read."
    )
