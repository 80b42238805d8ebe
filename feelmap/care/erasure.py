"""Deleting an account is the one path that may remove audit entries (those about the person)
or change them (cutting the deleted viewer's account from entries they made; their name stays
as written). The database refuses anything else (triggers, migration 0002): see AuditErasure.

Connected to User deletion in apps.py, so every way of deleting an account (the person's own
"delete my account", `feelmap manage shell`, a cascade) works, inside Django's deletion
transaction: pre_delete names the account, the cascade runs, post_delete removes the name."""

from __future__ import annotations

from .models import AuditErasure


def naming_the_account(sender, instance, **kwargs) -> None:
    AuditErasure.objects.create(user_id=instance.pk)


def done(sender, instance, **kwargs) -> None:
    AuditErasure.objects.filter(user_id=instance.pk).delete()
