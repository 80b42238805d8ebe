"""Small typed readers for settings that come from the environment."""

from __future__ import annotations

import logging
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

import platformdirs

log = logging.getLogger("feelmap.privacy")

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
# The database and the files SQLite keeps beside it while it works.
SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return list(default or [])
    return [part.strip() for part in value.split(",") if part.strip()]


def data_dir() -> Path:
    """Where the person's data lives: FEELMAP_DATA_DIR, else the platform's user data folder."""
    configured = os.environ.get("FEELMAP_DATA_DIR")
    if configured:
        return Path(configured).expanduser().resolve()
    return Path(platformdirs.user_data_dir("feelmap", appauthor=False))


def tighten(path: Path, mode: int) -> bool:
    """On POSIX, take away any permission `path` has beyond `mode` (e.g. group or others
    reading the data); True if it was looser. Missing paths and other systems are left alone."""
    if os.name != "posix":
        return False
    try:
        current = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return False
    if not current & ~mode:
        return False
    try:
        os.chmod(path, current & mode)
    except OSError as exc:
        log.warning("Could not make %s private (%s); please run: chmod %o %s",
                    path, exc.strerror or exc, mode, path)
        return False
    log.warning("Made %s private: its permissions were %o, now %o (only you can read it).",
                path, current, current & mode)
    return True


def private_dir(path: Path) -> Path:
    """Create the folder owner-only (0700 on POSIX), or tighten it if it is looser."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    tighten(path, PRIVATE_DIR_MODE)
    return path


def private_sqlite(path: Path) -> Path:
    """Make the SQLite database owner-only before SQLite opens it.

    SQLite creates its -wal and -shm files with the permissions of the database file, so
    creating the (empty) database 0600 here keeps all three private. Files found looser
    (from an older version, or copied in) are tightened, with a log line.
    """
    private_dir(path.parent)
    if os.name == "posix":
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
        except FileExistsError:
            pass
        for suffix in SQLITE_SUFFIXES:
            tighten(path.with_name(path.name + suffix), PRIVATE_FILE_MODE)
    return path


def read_or_create_secret(path: Path, make: Callable[[], str]) -> str:
    """Read a secret file, or create it once with owner-only permissions.

    O_EXCL makes creation safe when two processes start at the same moment: the loser
    simply reads what the winner wrote. A file found readable by others is tightened.
    """
    try:
        value = path.read_text().strip()
    except FileNotFoundError:
        pass
    else:
        tighten(path, PRIVATE_FILE_MODE)
        return value
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    value = make()
    with os.fdopen(fd, "w") as handle:
        handle.write(value + "\n")
    return value


def new_secret_key() -> str:
    return secrets.token_urlsafe(50)
