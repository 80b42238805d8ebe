"""Authenticated encryption at rest for the free text people write.

One field type, EncryptedTextField, is used for every note, journal entry and comment.
Fernet is AES-128-CBC with an HMAC-SHA256, so a changed byte is detected rather than
silently decrypted into garbage. Keys live outside the database (environment or a key
file); MultiFernet lets a new key be added in front while old rows stay readable.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.expressions import Combinable

PREFIX = "fernet:"


class DecryptionError(Exception):
    """Stored text could not be decrypted: the key is wrong or the data was altered."""


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("No encryption key is configured (FEELMAP_ENCRYPTION_KEYS).")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "An encryption key is not a valid Fernet key (32 url-safe base64-encoded bytes)."
        ) from exc


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FEELMAP_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return PREFIX + fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    if not token.startswith(PREFIX):
        raise DecryptionError("Stored text is not in the encrypted format.")
    try:
        return fernet().decrypt(token[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise DecryptionError(
            "Stored text could not be decrypted: the key is wrong or the data was altered."
        ) from exc


def rotate(token: str) -> str:
    """Re-encrypt a stored value under the newest key."""
    return PREFIX + fernet().rotate(token[len(PREFIX) :].encode("ascii")).decode("ascii")


if TYPE_CHECKING:  # Django's fields are generic only in django-stubs, not at run time
    _TextField = models.TextField[str | Combinable, str]
else:
    _TextField = models.TextField


class EncryptedTextField(_TextField):
    """A TextField whose value is encrypted before it reaches the database.

    Empty strings stay empty so that "no note" costs nothing and needs no key.
    """

    def from_db_value(
        self, value: str | None, expression: object, connection: object  # noqa: ARG002
    ) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def deconstruct(self) -> tuple[str, str, Sequence[Any], dict[str, Any]]:
        name, _path, args, kwargs = super().deconstruct()
        return name, "feelmap.lib.crypto.EncryptedTextField", args, kwargs
