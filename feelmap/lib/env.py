"""Small typed readers for settings that come from the environment."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import platformdirs


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


def read_or_create_secret(path: Path, make: callable) -> str:  # type: ignore[valid-type]
    """Read a secret file, or create it once with owner-only permissions.

    O_EXCL makes creation safe when two processes start at the same moment: the loser
    simply reads what the winner wrote.
    """
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
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
