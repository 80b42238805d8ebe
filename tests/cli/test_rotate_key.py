"""`feelmap rotate-key`, run as real processes: killed with SIGKILL half-way, then run again
to the end; every encrypted value reads the same before, in the middle and after, the old key
decrypts none of them at the end, and the key file holds only the new key. On SQLite always,
and on PostgreSQL when the suite runs there (DATABASE_URL: a throwaway database is made)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken

FEELMAP = [sys.executable, "-m", "feelmap.cli"]
ROOT = Path(__file__).resolve().parents[2]

# Run inside `feelmap manage shell -c`: every encrypted value, decrypted and as stored.
DUMP = """
import json
from django.db import connection
from feelmap.core.rotation import encrypted_fields
out = {}
for model, names in encrypted_fields():
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    cols = [q(model._meta.get_field(n).column) for n in names]
    shown = {str(r[0]): list(r[1:]) for r in model._default_manager.values_list("pk", *names)}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {q(model._meta.pk.column)}, {', '.join(cols)} FROM {table}")
        raw = {str(r[0]): list(r[1:]) for r in cursor.fetchall()}
    out[model._meta.label] = {"shown": shown, "raw": raw}
print("DUMP " + json.dumps(out))
"""


def _env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FEELMAP_"))}
    env.pop("DATABASE_URL", None)
    env.update(FEELMAP_DATA_DIR=str(data_dir), FEELMAP_MODE="local", PYTHONPATH=str(ROOT))
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request):
    if request.param == "sqlite":
        yield None
        return
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        pytest.skip("PostgreSQL runs when the suite does (DATABASE_URL)")
    import psycopg

    name = f"feelmap_rotate_{uuid.uuid4().hex[:8]}"
    admin = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield base.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _run(args, env, timeout=300):
    result = subprocess.run([*FEELMAP, *args], env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def _dump(env) -> dict:
    out = _run(["manage", "shell", "-c", DUMP], env).stdout
    return json.loads(next(line for line in out.splitlines() if line.startswith("DUMP "))[5:])


def _shown(dump: dict) -> dict:
    return {label: tables["shown"] for label, tables in dump.items()}


def _keys(data_dir: Path) -> list[str]:
    return [k for k in (data_dir / "encryption_key").read_text().split() if k]


def test_rotate_key_survives_sigkill_and_finishes(tmp_path, database_url):
    data = tmp_path / "data"
    env = _env(data, database_url)
    _run(["demo", "--days", "45"], env)
    before = _dump(env)
    old_keys = _keys(data)
    assert len(old_keys) == 1
    rows = sum(1 for t in before.values() for values in t["shown"].values() if any(values))
    assert rows > 40, "the demo should give enough encrypted rows to stop half-way"

    rotating = subprocess.Popen([*FEELMAP, "rotate-key", "--batch-size", "2", "--pause", "0.05"],
                                env=env, stderr=subprocess.PIPE, text=True)
    progress_lines = []
    deadline = time.monotonic() + 120
    while len(progress_lines) < 5 and time.monotonic() < deadline:
        line = rotating.stderr.readline()
        if not line:
            break
        if " rows" in line:
            progress_lines.append(line.strip())
    rotating.send_signal(signal.SIGKILL)
    rotating.wait(timeout=30)
    rotating.stderr.close()
    assert rotating.returncode == -signal.SIGKILL, "rotate-key ended before it could be killed"
    assert len(progress_lines) == 5, progress_lines

    # Half-way: both keys are kept, everything still reads the same, and part is moved.
    keys = _keys(data)
    assert len(keys) == 2 and keys[1] == old_keys[0]
    new = Fernet(keys[0].encode())
    middle = _dump(env)
    assert _shown(middle) == _shown(before)
    raw_values = [v for t in middle.values() for r in t["raw"].values() for v in r if v]

    def opens(fernet: Fernet, token: str) -> bool:
        try:
            fernet.decrypt(token.removeprefix("fernet:").encode())
        except InvalidToken:
            return False
        return True

    moved = sum(opens(new, v) for v in raw_values)
    assert 0 < moved < len(raw_values), (moved, len(raw_values))
    assert json.loads((data / "rotate-key-progress.json").read_text())["done"]

    finished = _run(["rotate-key", "--batch-size", "7"], env)
    assert "Carrying on" in finished.stderr and "reads with the new key alone" in finished.stderr
    assert _keys(data) == [keys[0]]
    assert not (data / "rotate-key-progress.json").exists()

    after = _dump(env)
    assert _shown(after) == _shown(before)
    old = Fernet(old_keys[0].encode())
    final_raw = [v for t in after.values() for r in t["raw"].values() for v in r if v]
    assert len(final_raw) == len(raw_values)
    assert all(opens(new, v) for v in final_raw)
    assert not any(opens(old, v) for v in final_raw)


def test_a_rotation_for_another_key_is_refused(tmp_path):
    data = tmp_path / "data"
    env = _env(data, None)
    _run(["migrate"], env)
    (data / "rotate-key-progress.json").write_text(json.dumps({"key": "0" * 16, "done": {}}))
    result = subprocess.run([*FEELMAP, "rotate-key"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode != 0 and "another key" in result.stderr
    assert len(_keys(data)) == 1


def test_keys_from_the_environment_need_the_new_key_first(tmp_path):
    data = tmp_path / "data"
    env = _env(data, None)
    env["FEELMAP_ENCRYPTION_KEYS"] = Fernet.generate_key().decode()
    result = subprocess.run([*FEELMAP, "rotate-key"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode != 0 and "put a new key first" in result.stderr
