"""The `feelmap` command, run as a real process the way a person would run it."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

FEELMAP = [sys.executable, "-m", "feelmap.cli"]


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FEELMAP_"))}
    env.pop("DATABASE_URL", None)
    env.update({"FEELMAP_DATA_DIR": str(data_dir), "BROWSER": "true"}, **extra)
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(args, data_dir, stdin="", **extra):
    return subprocess.run(
        [*FEELMAP, *args], env=_env(data_dir, **extra), input=stdin,
        capture_output=True, text=True, timeout=120,
    )


def test_it_lists_every_command_with_one_line(tmp_path):
    result = _run(["--help"], tmp_path)
    assert result.returncode == 0
    for command in ["serve", "createuser", "token", "invite"]:
        line = next(row for row in result.stdout.splitlines() if row.strip().startswith(command + " "))
        assert len(line.split(None, 1)[1]) > 10


def test_it_says_what_to_do_with_an_unknown_command(tmp_path):
    result = _run(["frobnicate"], tmp_path)
    assert result.returncode != 0
    assert "feelmap --help" in result.stderr


def test_it_serves_migrates_and_keeps_secrets_private(tmp_path):
    port = _free_port()
    data = tmp_path / "data"
    proc = subprocess.Popen(
        [*FEELMAP, "serve", "--port", str(port), "--no-browser"],
        env=_env(data), stderr=subprocess.PIPE, text=True,
    )
    try:
        body = None
        # Ready when it answers: a fresh data folder is migrated first, which a loaded machine
        # can take a while over; the deadline is only for a server that never comes up.
        deadline = time.monotonic() + 120
        while body is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).read()
            except OSError:
                time.sleep(0.2)
        assert body == b"ok", proc.stderr.read() if proc.poll() is not None else "no answer in 120 s"
        welcome = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
        assert welcome.url.endswith("/accounts/welcome/")
        css = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/feelmap/feelmap.css", timeout=5)
        assert css.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert (data / "feelmap.sqlite3").exists()
    for secret in ["secret_key", "encryption_key"]:
        assert stat.S_IMODE((data / secret).stat().st_mode) == 0o600
    # Issue 11: nobody else on the computer can read the folder or the database files.
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for name in ["feelmap.sqlite3", "feelmap.sqlite3-wal", "feelmap.sqlite3-shm"]:
        if (data / name).exists():
            assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name
    import sqlite3

    with sqlite3.connect(data / "feelmap.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_it_refuses_a_port_in_use_with_one_clear_line(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = _run(["serve", "--port", str(port), "--no-browser"], tmp_path / "d")
    assert result.returncode != 0
    assert f"port {port}" in result.stderr and "already in use" in result.stderr
    assert not (tmp_path / "d" / "feelmap.sqlite3").exists()


def test_it_refuses_a_data_folder_it_cannot_write(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = _run(["serve", "--no-browser", "--port", str(_free_port())], blocker / "data")
    assert result.returncode != 0
    assert "cannot write to the data folder" in result.stderr
    assert "--data-dir" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.django_db
def test_it_creates_users_from_stdin_and_issues_tokens(tmp_path):
    data = tmp_path / "data"
    assert _run(["migrate"], data).returncode == 0
    made = _run(["createuser", "--username", "dr_oak", "--clinician", "--password-stdin"], data,
                stdin="a long clinic passphrase\n")
    assert made.returncode == 0, made.stderr
    again = _run(["createuser", "--username", "dr_oak", "--password-stdin"], data,
                 stdin="a long clinic passphrase\n")
    assert again.returncode != 0 and "already exists" in again.stderr
    weak = _run(["createuser", "--username", "ann", "--password-stdin"], data, stdin="123\n")
    assert weak.returncode != 0 and "not accepted" in weak.stderr
    token = _run(["token", "dr_oak"], data)
    assert token.returncode == 0 and token.stdout.strip().startswith("fm_")
    missing = _run(["token", "nobody"], data)
    assert missing.returncode != 0 and "No active account" in missing.stderr


def test_demo_works_on_a_fresh_data_folder_before_the_first_serve(tmp_path):
    data = tmp_path / "fresh"
    result = _run(["demo", "--days", "2", "--username", "first-try"], data)
    assert result.returncode == 0, result.stderr
    assert "Created demo person 'first-try'" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("mode_env", [{"FEELMAP_MODE": "clinic"}, {"DATABASE_URL": "postgres://f@127.0.0.1:9/f"}])
def test_serve_refuses_clinic_mode_and_points_to_gunicorn(tmp_path, mode_env):
    # waitress would drop the proxy's X-Forwarded-Proto: an endless https redirect.
    result = _run(["serve", "--no-browser", "--port", str(_free_port())], tmp_path / "d", **mode_env)
    assert result.returncode != 0
    assert "clinic mode" in result.stderr and "gunicorn feelmap.wsgi" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "d").exists()


def test_tokens_are_listed_revoked_and_ended_by_a_password_change(tmp_path):
    data = tmp_path / "data"
    made = _run(["createuser", "--username", "ann", "--password-stdin"], data,
                stdin="a long quiet passphrase\n")
    assert made.returncode == 0, made.stderr
    first = _run(["token", "ann", "--label", "laptop", "--days", "30"], data).stdout.strip()
    second = _run(["token", "ann"], data).stdout.strip()
    assert first.startswith("fm_") and second.startswith("fm_")
    listed = _run(["token", "--list", "ann"], data)
    assert listed.returncode == 0, listed.stderr
    assert first not in listed.stdout and second not in listed.stdout
    header, *rows = listed.stdout.strip().splitlines()
    assert header.split() == ["id", "name", "created", "last", "used", "expires", "status"]
    assert len(rows) == 2 and all(row.rstrip().endswith("active") for row in rows)
    laptop = next(row for row in rows if "laptop" in row)
    assert "never" not in laptop
    token_id = laptop.split()[0]
    revoked = _run(["token", "--revoke", token_id], data)
    assert revoked.returncode == 0 and "Revoked" in revoked.stdout
    assert "revoked" in _run(["token", "--list", "ann"], data).stdout
    unknown = _run(["token", "--revoke", "nope"], data)
    assert unknown.returncode != 0 and "token --list" in unknown.stderr
    changed = _run(["password", "ann", "--password-stdin"], data, stdin="a new quiet passphrase\n")
    assert changed.returncode == 0, changed.stderr
    assert "1 API token(s) revoked" in changed.stdout
    final = _run(["token", "--list", "ann"], data).stdout
    assert "active" not in final
