from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta

from django.contrib.auth.models import AbstractUser
from django.db import models, transaction
from django.utils import timezone

from feelmap.lib.crypto import EncryptedTextField


class User(AbstractUser):
    """A person using Feelmap for themselves, or a clinician who supports people."""

    class Role(models.TextChoices):
        PERSON = "person", "Person"
        CLINICIAN = "clinician", "Clinician"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PERSON)
    display_name = models.CharField(max_length=80, blank=True)
    # Raised by accounts.services.person_data_changed inside every write of the person's own
    # records (check-ins, journal, practices, questionnaires): what the insights cache is keyed by.
    data_version = models.PositiveBigIntegerField(default=0, editable=False)
    # The person's own time zone (an IANA name such as "Pacific/Auckland"; empty = the server's),
    # what "today" means for them: see feelmap.lib.days.person_today. Chosen on the Reminders page.
    time_zone = models.CharField(max_length=64, blank=True, default="")

    @property
    def is_clinician(self) -> bool:
        return self.role == self.Role.CLINICIAN

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username

    def save(self, *args, **kwargs):
        # A new password ends every API token, whichever path changed it (the page and
        # `feelmap password` go through accounts.services; Django's own `changepassword`
        # and the shell land here too). A hash upgrade at login does not set _password.
        password_changed = getattr(self, "_password", None) is not None and not self._state.adding
        with transaction.atomic():
            super().save(*args, **kwargs)
            if password_changed:
                ApiToken.objects.filter(user=self, revoked_at=None).update(revoked_at=timezone.now())


def _digest(raw: str) -> str:
    # Tokens are long and random, so a fast hash is enough; only the digest is stored.
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def live(self) -> ApiTokenQuerySet:
        """Tokens that still work: not revoked and not past their expiry."""
        return self.filter(revoked_at=None).filter(
            models.Q(expires_at=None) | models.Q(expires_at__gt=timezone.now())
        )

    def for_raw(self, raw: str) -> ApiToken | None:
        return self.live().select_related("user").filter(digest=_digest(raw)).first()


class ApiToken(models.Model):
    """A bearer token for the JSON API. The raw value is shown once and never stored."""

    PREFIX = "fm_"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"API token {self.label or self.public_id} of {self.user_id}"

    @property
    def status(self) -> str:
        """"active", "revoked" or "expired", in words a list can show."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return "expired"
        return "active"

    @classmethod
    def issue(cls, user: User, label: str = "", days: int | None = None) -> tuple[ApiToken, str]:
        """A new token; only accounts.services calls this (see services.token_create)."""
        raw = cls.PREFIX + secrets.token_urlsafe(32)
        expires_at = timezone.now() + timedelta(days=days) if days else None
        token = cls.objects.create(user=user, digest=_digest(raw), label=label, expires_at=expires_at)
        return token, raw


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def usable(self, raw: str) -> Invitation | None:
        return self.filter(
            digest=_digest(raw), used_at=None, expires_at__gt=timezone.now()
        ).first()


class Invitation(models.Model):
    """A one-time link that lets someone create an account when open sign-up is off."""

    digest = models.CharField(max_length=64, unique=True)
    role = models.CharField(max_length=16, choices=User.Role.choices, default=User.Role.PERSON)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.role} invitation {self.pk}"

    @classmethod
    def issue(cls, role: str, days: int = 7, created_by: User | None = None) -> tuple[Invitation, str]:
        raw = secrets.token_urlsafe(24)
        invitation = cls.objects.create(
            digest=_digest(raw),
            role=role,
            created_by=created_by,
            expires_at=timezone.now() + timedelta(days=days),
        )
        return invitation, raw


class TotpDevice(models.Model):
    """The person's authenticator app (TOTP, RFC 6238). One per person; not in use until the
    person confirms it with a code (`confirmed_at`). The secret is encrypted at rest."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp")
    secret = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The 30-second step of the last code accepted: a code of that step or earlier is refused,
    # so a code seen over someone's shoulder cannot be used again.
    last_step = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"authenticator of {self.user_id}"


class RecoveryCode(models.Model):
    """A single-use code for signing in without the authenticator app, stored only as a
    password hash (Django's hashers)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=256)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"recovery code {self.pk} of {self.user_id}"


class FailedGuess(models.Model):
    """One wrong guess at a short secret (a care link code, say), for throttling: see
    accounts/throttle.py. Only a scope and a key such as "viewer:12" or "ip:192.0.2.1"."""

    scope = models.CharField(max_length=32)
    key = models.CharField(max_length=96)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"], name="failed_guess_lookup")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key} at {self.at:%Y-%m-%d %H:%M}"


class SentPage(models.Model):
    """A page whose form was sent: a check-in or journal entry saved from it, or its draft let
    go. Each such page has a random id (rendered into the form, sent with its autosaves); an
    autosave of a sent page that arrives afterwards (it was still on its way) is refused, so it
    cannot store again, as unfinished, words just saved. Kept a day: the race lasts seconds."""

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    page = models.UUIDField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "page"], name="accounts_sent_page_once")
        ]

    def __str__(self) -> str:
        return f"page {self.page} sent at {self.sent_at:%Y-%m-%d %H:%M}"
