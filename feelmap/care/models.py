"""Links between a person and someone who supports them, what each link shares, and the
audit of every read. Codes are stored only as a hash; the audit keeps no content."""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .kinds import KINDS


def code_digest(raw: str) -> str:
    """The stored form of a link code: case, spaces and dashes do not matter."""
    normal = "".join(ch for ch in raw.upper() if ch.isalnum())
    return hashlib.sha256(normal.encode()).hexdigest()


class LinkCodeQuerySet(models.QuerySet):
    def usable(self) -> LinkCodeQuerySet:
        return self.filter(used_at=None, expires_at__gt=timezone.now())


class LinkCode(models.Model):
    """A one-time code a person gives to their clinician or a trusted person."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = LinkCodeQuerySet.as_manager()

    def __str__(self) -> str:
        return f"link code {self.pk} of {self.person_id}"


class LinkQuerySet(models.QuerySet):
    def live(self) -> LinkQuerySet:
        return self.filter(revoked_at=None)


class Link(models.Model):
    """The person lets `viewer` (a clinician, or a trusted person with their own account) see
    the kinds granted on this link, until they revoke it."""

    class Role(models.TextChoices):
        CLINICIAN = "clinician", "Clinician"
        TRUSTED = "trusted", "Trusted person"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "viewer"], condition=models.Q(revoked_at=None),
                name="one_live_link_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"link {self.public_id}"

    @property
    def kinds(self) -> list[str]:
        """Granted kinds in the order of KINDS (uses prefetched grants when present)."""
        granted = {g.kind for g in self.grants.all()}
        return [k for k in KINDS if k in granted]


class Grant(models.Model):
    """One kind shared on one link: a consent row, removed when the person stops sharing it."""

    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="grants")
    kind = models.CharField(max_length=24, choices=[(k, v[0]) for k, v in KINDS.items()])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "kind"], name="one_grant_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind} on {self.link_id}"


class AuditEntry(models.Model):
    """Who did what with whose data, and when. Never any content. Rows are never changed."""

    class Action(models.TextChoices):
        READ = "read", "looked at"
        LINKED = "linked", "linked with"
        SHARING = "sharing", "changed sharing with"
        REVOKED = "revoked", "ended the link with"

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=160)  # kept if the actor's account goes
    actor_role = models.CharField(max_length=16)
    action = models.CharField(max_length=16, choices=Action.choices)
    kind = models.CharField(max_length=24, blank=True, default="")
    detail = models.CharField(max_length=200, blank=True, default="")  # kinds, never content
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.actor_name} {self.action} {self.kind} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are never changed.")
        super().save(*args, **kwargs)


class AuditErasure(models.Model):
    """While an account is being deleted, one row names it: the database lets the audit entries
    about that person go, and lets their name be cut from entries they made (`actor` set to
    NULL; `actor_name` stays). Written and removed in the deletion's own transaction
    (care/erasure.py), so no other connection ever sees one. Every other UPDATE or DELETE of an
    audit entry is refused by a trigger (migration 0002). `user_id` 0 names everyone: only the
    test suite's flush between browser tests uses it (tests/conftest.py)."""

    user_id = models.BigIntegerField(db_index=True)

    def __str__(self) -> str:
        return f"erasing the audit of {self.user_id}"
