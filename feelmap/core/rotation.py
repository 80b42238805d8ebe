"""Key rotation: every encrypted value re-encrypted under a new key, resumably.

Steps (`feelmap rotate-key`):
1. A new Fernet key goes in front of the old ones. With a key file (local mode, or
   FEELMAP_ENCRYPTION_KEY_FILE) the command writes it; with keys in FEELMAP_ENCRYPTION_KEYS the
   operator puts it first and keeps the old ones after it. A progress file in the data folder
   records which key the rotation is for.
2. Every model's EncryptedTextFields, table by table in primary-key order, a batch at a time:
   rows read and written back in one transaction with their rows locked (the app may keep
   writing), then the progress file records the last key done. Killed at any moment, the next
   run carries on from the last recorded batch (a batch done twice is harmless: the text is
   the same), and every old key still decrypts whatever was not done yet.
3. A check reads every value with the new key alone; only then is the old key retired (the
   key file rewritten with the new key only) and the progress file removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet
from django.apps import apps
from django.conf import settings
from django.db import models, transaction

from feelmap.lib import crypto

PROGRESS_NAME = "rotate-key-progress.json"


class RotationError(Exception):
    """A reason the rotation cannot go on; nothing was changed by the refusal."""


def fingerprint(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """Every model with encrypted text, with those fields' names, in a fixed order."""
    found = []
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        names = [f.name for f in model._meta.concrete_fields
                 if isinstance(f, crypto.EncryptedTextField)]
        if names:
            found.append((model, names))
    return found


def _write_private(path: Path, text: str) -> None:
    """Replace a file atomically (write a 0600 temporary file, fsync, rename, fsync folder)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def key_file() -> Path | None:
    """The file the encryption keys were read from, or None when they came from the
    environment."""
    path = settings.FEELMAP_SECRET_FILES.get("FEELMAP_ENCRYPTION_KEYS")
    return Path(path) if path else None


def _use_keys(keys: list[str]) -> None:
    settings.FEELMAP_ENCRYPTION_KEYS = list(keys)  # crypto's cache is keyed by the tuple


@dataclass
class Progress:
    path: Path
    key: str  # fingerprint of the key everything is being moved to
    done: dict[str, int | str | None]  # model label → last primary key done, or "all"

    @classmethod
    def load(cls, path: Path) -> Progress | None:
        try:
            data = json.loads(path.read_text())
        except FileNotFoundError:
            return None
        return cls(path, data["key"], data.get("done", {}))

    def save(self) -> None:
        _write_private(self.path, json.dumps({"key": self.key, "done": self.done}, indent=1))


def start(data_dir: Path, say: Callable[[str], None]) -> Progress:
    """The rotation under way, or a new one: a new key first (written to the key file), old
    keys kept after it."""
    path = data_dir / PROGRESS_NAME
    keys = list(settings.FEELMAP_ENCRYPTION_KEYS)
    progress = Progress.load(path)
    if progress is not None:
        if not keys or fingerprint(keys[0]) != progress.key:
            raise RotationError(
                "A rotation was started for another key than the first one configured now. "
                f"Put that key first again (its fingerprint is {progress.key}), or remove "
                f"{path} only if you are sure no value was moved to it.")
        say(f"Carrying on with the rotation to key {progress.key}.")
        return progress
    file = key_file()
    if file is None:
        if len(keys) < 2:
            raise RotationError(
                "The keys come from FEELMAP_ENCRYPTION_KEYS: put a new key first there (make one "
                "with: python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'), keep the old ones after it, restart "
                "the app processes, then run this again.")
        new = keys[0]
    else:
        new = Fernet.generate_key().decode()
        keys = [new, *keys]
        _write_private(file, "\n".join(keys) + "\n")
        say(f"A new key was added first in {file}; the old ones stay until the end.")
    _use_keys(keys)
    progress = Progress(path, fingerprint(new), {})
    progress.save()
    return progress


def _batches(model: type[models.Model], after, size: int) -> Iterator[list]:
    while True:
        query = model._default_manager.order_by("pk").values_list("pk", flat=True)
        if after is not None:
            query = query.filter(pk__gt=after)
        pks = list(query[:size])
        if not pks:
            return
        yield pks
        after = pks[-1]


def reencrypt(progress: Progress, *, batch_size: int = 500, pause: float = 0.0,
              say: Callable[[str], None]) -> int:
    """Move every encrypted value to the first key; how many rows were written."""
    written = 0
    for model, names in encrypted_fields():
        label = model._meta.label
        if progress.done.get(label) == "all":
            continue
        after = progress.done.get(label)
        total = model._default_manager.count()
        before = model._default_manager.filter(pk__lte=after).count() if after is not None else 0
        count = before
        for pks in _batches(model, after, batch_size):
            with transaction.atomic():
                rows = (model._default_manager.select_for_update().filter(pk__in=pks)
                        .order_by("pk").values_list("pk", *names))
                for pk, *values in rows:
                    changes = {name: value for name, value in zip(names, values, strict=True)
                               if value}
                    if changes:  # the field encrypts on the way in, under the first key
                        model._default_manager.filter(pk=pk).update(**changes)
                        written += 1
            count += len(pks)
            progress.done[label] = pks[-1]
            progress.save()
            say(f"{label}: {count}/{max(total, count)} rows")
            if pause:
                time.sleep(pause)
        progress.done[label] = "all"
        progress.save()
    return written


def check_new_key_alone(say: Callable[[str], None]) -> int:
    """Read every encrypted value with the first key alone; how many were read. Raises
    DecryptionError if one still needs an old key."""
    keys = list(settings.FEELMAP_ENCRYPTION_KEYS)
    _use_keys(keys[:1])
    read = 0
    try:
        for model, names in encrypted_fields():
            for values in model._default_manager.values_list(*names).iterator(chunk_size=1000):
                read += sum(1 for v in values if v)
        say(f"Every value ({read}) reads with the new key alone.")
    finally:
        _use_keys(keys)
    return read


def retire_old_keys(progress: Progress, say: Callable[[str], None]) -> None:
    keys = list(settings.FEELMAP_ENCRYPTION_KEYS)
    file = key_file()
    if file is not None and len(keys) > 1:
        _write_private(file, keys[0] + "\n")
        say(f"The old key{'s were' if len(keys) > 2 else ' was'} removed from {file}.")
    elif file is None and len(keys) > 1:
        say("Now remove the old keys from FEELMAP_ENCRYPTION_KEYS (keep only the first) and "
            "restart the app processes.")
    _use_keys(keys[:1])
    progress.path.unlink(missing_ok=True)
