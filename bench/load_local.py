"""Local load benchmark: 20 concurrent writers on SQLite through `feelmap serve`.

    .venv/bin/python bench/load_local.py [--seconds 60] [--writers 20]

One person's data folder, `feelmap serve` (waitress, 8 threads) as a person runs it. The
writers send check-ins and journal entries through the API with no pause between them (twenty
tabs, scripts or devices at once is far beyond one person's use), half signed in with a token
on the API, half through the pages with a session. Prints requests per second, errors,
"database is locked" answers (and in the server's log), and p50/p95/p99 per route; then checks
that every acknowledged write is stored exactly once.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.loadlib import PASSWORD, ROOT, Session, Stats, fetch, free_port, load_average  # noqa: E402

PREPARE = f"""
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "feelmap.settings")
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from feelmap.accounts.models import ApiToken, User
user = User.objects.create_user(username="writer", password={PASSWORD!r})
print(ApiToken.issue(user)[1])
"""


async def api_writer(session: Session, n: int, stop_at: float, acked: list[str]) -> None:
    i = 0
    while time.monotonic() < stop_at:
        i += 1
        marker = f"mk-{n}-{i}"
        if n % 2:
            route, path = "POST /api/v1/checkins", "/api/v1/checkins"
            body = {"pleasantness": 1, "energy": -1, "note": f"steady {marker}",
                    "labels": [{"word": "calm"}]}
        else:
            route, path = "POST /api/v1/journal/entries", "/api/v1/journal/entries"
            body = {"body": f"A quiet evening. {marker}", "labels": ["calm"]}
        answer = await session.request(route, "POST", path, json_body=json.dumps(body).encode(),
                                       expect=(201,))
        if answer is not None and answer.status == 201:
            acked.append(marker)


async def page_writer(session: Session, n: int, stop_at: float, acked: list[str]) -> None:
    i = 0
    while time.monotonic() < stop_at:
        i += 1
        marker = f"mk-{n}-{i}"
        if n % 2:
            answer = await session.request("POST /checkin/quick/", "POST", "/checkin/quick/", form={
                "pleasantness": "2", "energy": "1", "label-1-word": "calm",
                "note": f"fine {marker}"}, expect=(302,))
        else:
            answer = await session.request("POST /journal/write/", "POST", "/journal/write/",
                                           form={"body": f"Short entry {marker}", "title": "",
                                                 "labels": "", "minutes_spent": "1"},
                                           expect=(302,))
        if answer is not None and answer.status == 302:
            acked.append(marker)


async def run(port: int, token: str, writers: int, seconds: float, stats: Stats,
              acked: list[str]) -> float:
    sessions = []
    for n in range(writers):
        if n < writers // 2:
            sessions.append(Session(port, stats, token=token))
        else:
            session = Session(port, stats)
            assert await session.login("writer"), "could not sign in"
            sessions.append(session)
    started = time.monotonic()
    stop_at = started + seconds
    await asyncio.gather(*(
        (api_writer if n < writers // 2 else page_writer)(s, n, stop_at, acked)
        for n, s in enumerate(sessions)))
    return time.monotonic() - started


async def stored_markers(port: int, token: str) -> dict[str, int]:
    """How many times each marker is stored, read back through the API."""
    reader = Session(port, Stats(recording=False), token=token)
    texts: list[str] = []
    page = 1
    while True:
        answer = await reader.request("", "GET", f"/api/v1/checkins?page_size=200&page={page}")
        listing = json.loads(answer.body)
        texts += [c["note"] for c in listing["results"]]
        if page >= listing["pages"]:
            break
        page += 1
    offset = 0
    while True:
        answer = await reader.request("", "GET", f"/api/v1/journal/entries?limit=200&offset={offset}")
        listing = json.loads(answer.body)
        texts += [e["body"] for e in listing["items"]]
        offset += 200
        if offset >= listing["count"]:
            break
    counts: dict[str, int] = {}
    for text in texts:
        for word in text.split():
            if word.startswith("mk-"):
                counts[word] = counts.get(word, 0) + 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--writers", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="feelmap-local-load-"))
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("FEELMAP_") and k != "DATABASE_URL"}
    env.update(FEELMAP_DATA_DIR=str(folder), FEELMAP_MODE="local", PYTHONPATH=str(ROOT))
    token = subprocess.run([sys.executable, "-c", PREPARE], env=env, check=True,
                           capture_output=True, text=True).stdout.strip().splitlines()[-1]
    port = free_port()
    log_path = folder / "serve.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen([sys.executable, "-m", "feelmap.cli", "serve", "--no-browser",
                                   "--port", str(port)], env=env, stdout=log,
                                  stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        for _ in range(600):
            try:
                if asyncio.run(fetch(port, "GET", "/healthz")).status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        stats, acked = Stats(), []
        before = load_average()
        elapsed = asyncio.run(run(port, token, args.writers, args.seconds, stats, acked))
        print(stats.report(f"{args.writers} concurrent writers on SQLite (feelmap serve)",
                           elapsed))
        print(f"load average before: {before}; after: {load_average()}")
        stored = asyncio.run(stored_markers(port, token))
    finally:
        server.terminate()
        server.wait(timeout=30)
    in_log = log_path.read_text(errors="replace").count("database is locked")
    print(f'"database is locked": {stats.count("database is locked")} answers, {in_log} in the '
          f"server's log; 503 answers: {stats.count('HTTP 503')}")
    with sqlite3.connect(folder / "feelmap.sqlite3") as db:
        print("integrity_check:", db.execute("PRAGMA integrity_check").fetchone()[0])
    missing = [m for m in acked if stored.get(m, 0) == 0]
    doubled = [m for m, k in stored.items() if k > 1]
    print(f"acknowledged writes: {len(acked)}; stored: {sum(stored.values())}; acknowledged "
          f"but missing: {len(missing)}; stored twice: {len(doubled)}")


if __name__ == "__main__":
    main()
