"""`feelmap check --deploy` fails on settings that put people's data at risk (issue 12)."""

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.checks import ERROR, INFO, run_checks

from feelmap.core import checks


def _ids(messages, level=ERROR):
    return {m.id for m in messages if m.level >= level}


def _deploy_ids():
    return {m.id for m in run_checks(include_deployment_checks=True) if m.id.startswith("feelmap.")}


@pytest.mark.django_db
def test_the_test_settings_pass_the_feelmap_checks():
    assert _deploy_ids() == set()


@pytest.mark.parametrize(
    "keys, error",
    [([], "feelmap.E001"), (["not-a-key"], "feelmap.E002"), ([Fernet.generate_key().decode(), "short"], "feelmap.E002")],
)
def test_it_fails_on_missing_or_malformed_encryption_keys(settings, keys, error):
    settings.FEELMAP_ENCRYPTION_KEYS = keys
    found = checks.check_encryption_keys()
    assert _ids(found) == {error}
    assert all(key not in found[0].msg for key in keys if key)


@pytest.mark.django_db
def test_it_tries_the_keys_on_a_stored_row(settings, person):
    from feelmap.journal.models import JournalEntry

    JournalEntry.objects.create(owner=person, body="the knot in my stomach")
    assert checks.check_encryption_keys() == []
    right = list(settings.FEELMAP_ENCRYPTION_KEYS)
    settings.FEELMAP_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    found = checks.check_encryption_keys()
    assert _ids(found) == {"feelmap.E003"}
    assert "journal" in found[0].msg.lower()
    # A rotation (new key first, old key kept) still reads the row.
    settings.FEELMAP_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *right]
    assert checks.check_encryption_keys() == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_it_fails_on_key_files_others_can_read(settings, tmp_path):
    key_file, secret_file = tmp_path / "encryption_keys", tmp_path / "secret_key"
    for path in (key_file, secret_file):
        path.write_text("x\n")
        os.chmod(path, 0o600)
    settings.FEELMAP_SECRET_FILES = {"FEELMAP_ENCRYPTION_KEYS": str(key_file),
                                     "FEELMAP_SECRET_KEY": str(secret_file)}
    assert checks.check_secret_files() == []
    os.chmod(key_file, 0o640)
    os.chmod(secret_file, 0o604)
    found = checks.check_secret_files()
    assert [m.id for m in found] == ["feelmap.E004", "feelmap.E004"]
    assert "chmod 600" in found[0].hint


def test_it_fails_on_any_host_and_on_clinic_mode_with_sqlite(settings, monkeypatch):
    settings.ALLOWED_HOSTS = ["feelmap.example.org", "*"]
    settings.CLINIC = True
    monkeypatch.setattr(checks, "_database_engine", lambda: "django.db.backends.sqlite3")
    assert _ids(checks.check_hosts_and_database()) == {"feelmap.E005", "feelmap.E006"}
    monkeypatch.setattr(checks, "_database_engine", lambda: "django.db.backends.postgresql")
    assert _ids(checks.check_hosts_and_database()) == {"feelmap.E005"}
    settings.ALLOWED_HOSTS = ["feelmap.example.org"]
    settings.CLINIC = False
    assert checks.check_hosts_and_database() == []


@pytest.mark.parametrize(
    "idle_minutes, session_hours, expected",
    [
        (30, 12, set()),
        (12 * 60, 24 * 14, set()),
        (100_000, 12, {"feelmap.E007"}),
        (0, 12, {"feelmap.E007"}),
        (30, 0, {"feelmap.E008"}),
        (30, 24 * 365 * 10, {"feelmap.E008"}),
    ],
)
def test_it_fails_on_absurd_session_limits(settings, idle_minutes, session_hours, expected):
    settings.SESSION_COOKIE_AGE = 60 * idle_minutes
    settings.FEELMAP_SESSION_ABSOLUTE_SECONDS = 3600 * session_hours
    assert _ids(checks.check_session_limits()) == expected


def test_it_warns_when_the_idle_limit_can_never_apply(settings):
    settings.SESSION_COOKIE_AGE = 60 * 60 * 20
    settings.FEELMAP_SESSION_ABSOLUTE_SECONDS = 3600 * 2
    assert [m.id for m in checks.check_session_limits()] == ["feelmap.W001"]


def test_feelmap_check_deploy_fails_on_them_from_the_command_line(tmp_path):
    keys = tmp_path / "encryption_keys"
    keys.write_text("this-is-not-a-fernet-key\n")
    os.chmod(keys, 0o644)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FEELMAP_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        FEELMAP_DATA_DIR=str(tmp_path / "data"), FEELMAP_ENCRYPTION_KEY_FILE=str(keys),
        FEELMAP_ALLOWED_HOSTS="*", FEELMAP_IDLE_MINUTES="100000",
    )
    result = subprocess.run([sys.executable, "-m", "feelmap.cli", "check", "--deploy"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    for error in ["feelmap.E002", "feelmap.E004", "feelmap.E005", "feelmap.E007"]:
        assert error in out, out
    assert "this-is-not-a-fernet-key" not in out


def test_an_unreachable_database_is_reported_not_fatal(settings):
    from django.db import connection
    from django.db.utils import OperationalError

    def refuse():
        raise OperationalError("connection refused")

    # Shadow the method on this connection only, then remove the shadow: putting the bound
    # method back as an instance attribute would pin whatever pytest-django's database
    # blocker had installed at that moment, and every later database test on this worker
    # would be refused.
    connection.ensure_connection = refuse
    try:
        found = checks.check_encryption_keys()
    finally:
        del connection.ensure_connection
    assert [m.id for m in found] == ["feelmap.I001"] and found[0].level == INFO
