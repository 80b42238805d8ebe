"""The name under which a signed-in session may keep things in the browser's storage.

Drafts kept in localStorage (check-ins, journal) are filed under this id, which the server
renders into every page. It is random, made for one signed-in session and forgotten with it
(logout flushes the session; a timed-out session is gone), and it carries the account's id so
a session that changes hands never reuses it. It names nobody: a key left behind says nothing
about whose it was, and the page script deletes every key that is not under the current id.
"""

from __future__ import annotations

import secrets

from django.http import HttpRequest

SESSION_KEY = "feelmap_browser_store"


def store_id(request: HttpRequest) -> str:
    """This session's browser-storage id, made on first use; "" when nobody is signed in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    session = request.session
    owner, _, token = str(session.get(SESSION_KEY, "")).partition(":")
    if owner != str(user.pk) or not token:
        token = secrets.token_urlsafe(12)
        session[SESSION_KEY] = f"{user.pk}:{token}"
    return token
