"""Settings for the test suite: the real settings, pointed at a throwaway data folder."""

import os
import tempfile

os.environ.setdefault("FEELMAP_DATA_DIR", tempfile.mkdtemp(prefix="feelmap-test-"))
# The suite exercises local mode unless a test switches to clinic mode itself, on SQLite and
# on PostgreSQL alike (DATABASE_URL would otherwise imply clinic mode).
os.environ.setdefault("FEELMAP_MODE", "local")
# Playwright's sync API runs an event loop in the test thread; Django's guard against async
# contexts would otherwise refuse database access from the test body.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from feelmap.settings import *  # noqa: E402, F403

AXES_ENABLED = True
