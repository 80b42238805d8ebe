"""Password sign-in as Django does it, with the per-request user lookup made cheap."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from feelmap.lib.rows import load_by_pk


class AccountBackend(ModelBackend):
    """Django's ModelBackend; `get_user` runs on every signed-in request, so it skips the
    ORM's query compilation (see feelmap.lib.rows). Inactive accounts still get no user."""

    def get_user(self, user_id):
        try:
            user = load_by_pk(get_user_model(), user_id)
        except (TypeError, ValueError):
            return None
        return user if user is not None and self.user_can_authenticate(user) else None
