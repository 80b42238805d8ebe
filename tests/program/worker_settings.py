"""Settings for a worker subprocess in the tests: the test database (SQLite file or
PostgreSQL database) the test itself is using."""

import os

from tests.settings import *  # noqa: F403

DATABASES["default"]["NAME"] = os.environ["FEELMAP_WORKER_TEST_DB"]  # noqa: F405
