"""Nothing is lost: kill a writer with SIGKILL at random moments, then check that the
SQLite file is intact and holds every check-in whose save was acknowledged."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FEELMAP_"))}
    env.pop("DATABASE_URL", None)
    env.update(FEELMAP_DATA_DIR=str(data_dir), FEELMAP_MODE="local",
               PYTHONPATH=str(HERE.parents[1]))
    return env


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="the file-level check is for SQLite")
def test_it_keeps_every_acknowledged_check_in_through_sigkill(tmp_path):
    env = _env(tmp_path)
    subprocess.run([sys.executable, "-m", "feelmap.cli", "migrate"], env=env, check=True,
                   capture_output=True, timeout=120)
    rng = random.Random(7)
    acknowledged: list[str] = []
    for _round in range(4):
        writer = subprocess.Popen([sys.executable, str(HERE / "writer.py")], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        seen: list[str] = []
        reader = threading.Thread(target=lambda w=writer, s=seen: s.extend(line.strip() for line in w.stdout))
        reader.start()
        # Let it get going: on a loaded machine starting Python and Django alone takes seconds.
        # The wait ends as soon as three are acknowledged; the deadline is only for a hang.
        deadline = time.monotonic() + 120
        while len(seen) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(rng.uniform(0.05, 0.6))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
        reader.join(timeout=10)
        assert seen, "the writer saved nothing before it was killed"
        acknowledged.extend(seen)

    with sqlite3.connect(tmp_path / "feelmap.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0].replace("-", "") for row in db.execute("SELECT public_id FROM checkins_checkin")}
    missing = [cid for cid in acknowledged if cid.replace("-", "") not in stored]
    assert not missing, f"{len(missing)} acknowledged check-ins were lost"
    assert len(acknowledged) > 10
