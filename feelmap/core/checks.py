"""Deploy checks (`feelmap check --deploy`): settings that would put people's data at risk.

Each finding is an Error, so `check --deploy` fails on it. Messages name the setting and what
to do; they never print a key or a secret.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from django.apps import apps
from django.conf import settings
from django.core.checks import CheckMessage, Error, Info, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, transaction

from feelmap.lib.crypto import DecryptionError, EncryptedTextField

IDLE_LIMIT_MAX_SECONDS = 24 * 3600  # an idle limit beyond a day is no idle limit
SESSION_LIMIT_MAX_SECONDS = 90 * 24 * 3600


def _valid_fernet_key(key: str) -> bool:
    try:
        Fernet(key.encode())
    except (ValueError, TypeError):
        return False
    return True


def _sample_encrypted_values() -> list[tuple[str, Any]]:
    """One stored non-empty value of each encrypted field, read (and so decrypted) through the
    ORM: (model label.field, queryset to read it)."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                rows = (model._default_manager.exclude(**{field.name: ""})
                        .exclude(**{f"{field.name}__isnull": True})
                        .values_list(field.name, flat=True)[:1])
                found.append((f"{model._meta.label}.{field.name}", rows))
    return found


@register(Tags.security, deploy=True)
def check_encryption_keys(app_configs=None, **kwargs) -> list[CheckMessage]:
    keys = list(getattr(settings, "FEELMAP_ENCRYPTION_KEYS", []))
    if not keys:
        return [Error(
            "No encryption key is configured, so nothing people write can be stored.",
            hint="Set FEELMAP_ENCRYPTION_KEYS or FEELMAP_ENCRYPTION_KEY_FILE to one or more Fernet "
                 "keys (newest first), e.g. from: python -c 'from cryptography.fernet import "
                 "Fernet; print(Fernet.generate_key().decode())'",
            id="feelmap.E001",
        )]
    bad = [i + 1 for i, key in enumerate(keys) if not _valid_fernet_key(key)]
    if bad:
        return [Error(
            f"Encryption key number {', '.join(map(str, bad))} (of {len(keys)}) is not a valid "
            "Fernet key (32 url-safe base64-encoded bytes).",
            hint="Check FEELMAP_ENCRYPTION_KEYS / FEELMAP_ENCRYPTION_KEY_FILE for a truncated or "
                 "mistyped key; keys are comma- or line-separated.",
            id="feelmap.E002",
        )]
    # The keys are well formed: now try them on what is actually stored.
    try:
        connection.ensure_connection()
    except (DatabaseError, ImproperlyConfigured) as exc:
        return [Info(
            "The database could not be reached, so the encryption keys were not tried on a "
            f"stored row ({type(exc).__name__}).",
            hint="Run the check again once the database is reachable and migrated.",
            id="feelmap.I001",
        )]
    for where, rows in _sample_encrypted_values():
        try:
            with transaction.atomic():  # a missing table must not spoil the next read
                list(rows)
        except DecryptionError:
            return [Error(
                f"Stored text ({where}) cannot be decrypted with the configured keys.",
                hint="The keys are not the ones this database was written with. Restore the "
                     "key file that belongs to this database (keep old keys after the new one "
                     "when rotating); starting with a new key makes existing text unreadable.",
                id="feelmap.E003",
            )]
        except DatabaseError:
            continue  # not migrated yet: nothing stored there to try
    return []


@register(Tags.security, deploy=True)
def check_secret_files(app_configs=None, **kwargs) -> list[CheckMessage]:
    if os.name != "posix":
        return []
    errors: list[CheckMessage] = []
    for env_name, name in getattr(settings, "FEELMAP_SECRET_FILES", {}).items():
        path = Path(name)
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError:
            continue
        if mode & 0o077:
            errors.append(Error(
                f"The file holding {env_name} ({path}) can be read or changed by other accounts "
                f"(permissions {mode:o}).",
                hint=f"Make it readable by the app's account only: chmod 600 {path}",
                id="feelmap.E004",
            ))
    return errors


def _database_engine() -> str:
    return str(settings.DATABASES["default"]["ENGINE"])


@register(Tags.security, deploy=True)
def check_hosts_and_database(app_configs=None, **kwargs) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    if "*" in settings.ALLOWED_HOSTS:
        errors.append(Error(
            "FEELMAP_ALLOWED_HOSTS contains '*', so Feelmap answers for any host name (links in "
            "pages and redirects can then be made to point elsewhere).",
            hint="List the real host names, e.g. FEELMAP_ALLOWED_HOSTS=feelmap.example.org",
            id="feelmap.E005",
        ))
    if getattr(settings, "CLINIC", False) and _database_engine().endswith("sqlite3"):
        errors.append(Error(
            "Clinic mode is running on SQLite: several app processes cannot share it safely, "
            "and a clinic's data needs a managed server.",
            hint="Set DATABASE_URL to a PostgreSQL database (postgres://user:…@host/feelmap).",
            id="feelmap.E006",
        ))
    return errors


@register(Tags.security, deploy=True)
def check_session_limits(app_configs=None, **kwargs) -> list[CheckMessage]:
    idle = int(settings.SESSION_COOKIE_AGE)
    absolute = int(settings.FEELMAP_SESSION_ABSOLUTE_SECONDS)
    errors: list[CheckMessage] = []
    if not 60 <= idle <= IDLE_LIMIT_MAX_SECONDS:
        errors.append(Error(
            f"FEELMAP_IDLE_MINUTES is {idle // 60}: an idle limit must be from 1 minute to "
            f"{IDLE_LIMIT_MAX_SECONDS // 3600} hours, or a forgotten session stays open for anyone.",
            hint="Clinic mode's default is 30 minutes; unset FEELMAP_IDLE_MINUTES to use it.",
            id="feelmap.E007",
        ))
    if not 3600 <= absolute <= SESSION_LIMIT_MAX_SECONDS:
        errors.append(Error(
            f"FEELMAP_SESSION_HOURS is {absolute // 3600}: a session limit must be from 1 hour to "
            f"{SESSION_LIMIT_MAX_SECONDS // 86400} days.",
            hint="Clinic mode's default is 12 hours; unset FEELMAP_SESSION_HOURS to use it.",
            id="feelmap.E008",
        ))
    elif idle > absolute:
        errors.append(Warning(
            "The idle limit is longer than the whole-session limit, so it never applies.",
            hint="Make FEELMAP_IDLE_MINUTES shorter than FEELMAP_SESSION_HOURS.",
            id="feelmap.W001",
        ))
    return errors
