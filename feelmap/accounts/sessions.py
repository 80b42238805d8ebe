"""Database sessions, loaded without compiling a query on every request.

Same table, same data and same expiry rule as Django's database backend (so clinic
deployments with several app processes share sessions as before); only the read of the row
goes through `load_by_pk`, because it happens on every signed-in request.
"""

from __future__ import annotations

import re

from django.contrib.sessions.backends import db
from django.utils import timezone

from feelmap.lib.rows import load_by_pk

# Keys Django makes are 32 of these characters. Anything else in a cookie (a NUL byte, say,
# which PostgreSQL refuses in text) is no session, not an error.
KEY_SHAPE = re.compile(r"[a-z0-9]{8,64}")


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        if not KEY_SHAPE.fullmatch(self.session_key or ""):
            self._session_key = None
            return None
        found = load_by_pk(self.model, self.session_key)
        if found is None or found.expire_date <= timezone.now():
            self._session_key = None
            return None
        return found
