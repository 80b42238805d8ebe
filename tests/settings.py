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

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not ":memory:": Django's live server shares one in-memory connection between
    # threads, so a request still in flight when a browser test ends can interleave with the
    # flush that cleans up after it. With a file each thread has its own connection and
    # ordinary locking. pytest-django gives each xdist worker its own file. Durability
    # settings are for people's data, not for throwaway test databases.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(os.environ["FEELMAP_DATA_DIR"], "test.sqlite3")
    }
    DATABASES["default"]["OPTIONS"]["init_command"] = (  # noqa: F405
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"
    )

# Cheap Argon2id for the accounts tests make (tests/hashers.py); production's hashers follow,
# so a hash made with production's cost still verifies.
PASSWORD_HASHERS = ["tests.hashers.QuickArgon2PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
