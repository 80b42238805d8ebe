"""Issue 11: the data folder is 0700 and the SQLite files and generated keys 0600 on POSIX,
and a looser folder or file found at start is tightened with a log line."""

import logging
import os
import sqlite3
import stat

import pytest

from feelmap.lib.env import private_dir, private_sqlite, read_or_create_secret

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    # The usual desktop umask: without care, folders come out 0755 and files 0644.
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_data_folder_and_database_are_private(tmp_path, loose_umask):
    db = private_sqlite(tmp_path / "data" / "feelmap.sqlite3")
    assert _mode(db.parent) == 0o700
    assert _mode(db) == 0o600
    # SQLite makes its -wal and -shm files with the database's permissions.
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE t (x)")
        connection.execute("INSERT INTO t VALUES (1)")
        connection.commit()
        for suffix in ("-wal", "-shm"):
            side = db.with_name(db.name + suffix)
            assert side.exists()
            assert _mode(side) == 0o600


def test_generated_keys_are_private(tmp_path, loose_umask):
    value = read_or_create_secret(tmp_path / "data" / "encryption_key", lambda: "k")
    assert value == "k"
    assert _mode(tmp_path / "data") == 0o700
    assert _mode(tmp_path / "data" / "encryption_key") == 0o600


def test_a_looser_folder_and_files_are_tightened_with_a_log_line(tmp_path, caplog, loose_umask):
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)  # noqa: S103  (the looser folder under test)
    db = folder / "feelmap.sqlite3"
    for name in ["feelmap.sqlite3", "feelmap.sqlite3-wal", "feelmap.sqlite3-shm", "secret_key"]:
        (folder / name).write_text("x")
        os.chmod(folder / name, 0o644)
    caplog.set_level(logging.WARNING, logger="feelmap.privacy")
    private_sqlite(db)
    assert read_or_create_secret(folder / "secret_key", lambda: "never called") == "x"
    assert _mode(folder) == 0o700
    for name in ["feelmap.sqlite3", "feelmap.sqlite3-wal", "feelmap.sqlite3-shm", "secret_key"]:
        assert _mode(folder / name) == 0o600, name
    lines = [r.getMessage() for r in caplog.records if r.name == "feelmap.privacy"]
    assert len(lines) == 5
    assert all("private" in line and ("755" in line or "644" in line) for line in lines)


def test_private_files_are_left_alone(tmp_path, caplog):
    folder = private_dir(tmp_path / "data")
    caplog.set_level(logging.WARNING, logger="feelmap.privacy")
    private_sqlite(folder / "feelmap.sqlite3")
    private_sqlite(folder / "feelmap.sqlite3")
    assert not [r for r in caplog.records if r.name == "feelmap.privacy"]
    # A stricter mode than needed is not loosened.
    os.chmod(folder / "feelmap.sqlite3", 0o400)
    private_sqlite(folder / "feelmap.sqlite3")
    assert _mode(folder / "feelmap.sqlite3") == 0o400
