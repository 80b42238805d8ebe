"""Page benchmark for the issue-10 targets, in one run of a real `feelmap serve` process.

Two demo people are made first: one with a month of data, one with five years (three
check-ins a day, plus the journal, practices and questionnaires the demo adds). Every
signed-in page below is then requested for both, round robin (one request to each page in
turn, so load from elsewhere on a shared machine falls on all alike), together with a
signed-in trivial page (the "on its way" page: session, user, base template and nothing else).

It prints, per page, the p50 for each person and two ratios with their targets:
- p50 (5 years) / p50 (1 month)         target <= 1.5  (cost flat in the amount of data)
- p50 (5 years) / p50 (trivial page)    target <= 4    (no page much dearer than the floor)

    .venv/bin/python bench/pages.py [--requests 200] [--days 1825] [--root DIR]

--root runs the app from another checkout (for a before/after comparison with one script).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from web import Client, free_port  # noqa: E402

DEMO_PASSWORD = "demo passphrase"  # feelmap/core/management/commands/demo.py
TRIVIAL = ("trivial page (signed in)", "/soon/journal/")
PAGES = [
    ("home", "/"),
    ("check-in home", "/checkin/"),
    ("quick check-in form", "/checkin/quick/"),
    ("full check-in form", "/checkin/full/"),
    ("timeline", "/checkin/timeline/"),
    ("calendar", "/checkin/calendar/"),
    ("one check-in", "{detail}"),
    ("rating set", "/checkin/ratings/"),
    ("words", "/words/"),
    ("journal", "/journal/"),
    ("practice", "/practice/"),
    ("questionnaires", "/measures/"),
    ("journal: write", "/journal/write/"),
    ("insights", "/insights/"),
    ("say", "/say/"),
    ("say: history", "/say/history/"),
    ("path", "/path/"),
    ("path: reminders", "/path/reminders/"),
    ("heartbeat", "/heartbeat/"),
    ("safety plan", "/safety/plan/"),
    ("word quadrants", "/words/quadrants/"),
    ("API tokens", "/accounts/tokens/"),
    ("care", "/care/"),
    ("your data", "/accounts/data/"),
    ("API: check-ins list", "/api/v1/checkins?page_size=20"),
]


def run(args: list[str], env: dict) -> str:
    return subprocess.run([sys.executable, "-m", "feelmap.cli", *args], env=env, check=True,
                          capture_output=True, text=True, cwd=env["PYTHONPATH"]).stdout


def login(client: Client, username: str) -> None:
    token = client.csrf("/accounts/login/")
    status, _ = client.request("POST", "/accounts/login/", {
        "csrfmiddlewaretoken": token, "username": username, "password": DEMO_PASSWORD})
    assert status == 302, f"login as {username} failed with {status}"


class Person:
    def __init__(self, port: int, username: str, env: dict):
        self.client = Client(port)
        login(self.client, username)
        self.token = run(["token", username], env).strip()
        _status, page = self.client.request("GET", "/checkin/timeline/")
        found = re.search(rb'href="(/checkin/[0-9a-f-]{36}/)"', page)
        assert found, "no check-in on the timeline"
        self.detail = found.group(1).decode()

    def get(self, path: str) -> int:
        path = path.format(detail=self.detail)
        if path.startswith("/api/"):  # the API signs in by token, not by the session cookie
            self.client.conn.request("GET", path,
                                     headers={"Authorization": f"Bearer {self.token}"})
            response = self.client.conn.getresponse()
            response.read()
            return response.status
        return self.client.request("GET", path)[0]


def timed(person: Person, path: str) -> float:
    start = time.perf_counter()
    status = person.get(path)
    elapsed = (time.perf_counter() - start) * 1000
    assert status == 200, f"{path} answered {status}"
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--days", type=int, default=1825)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="feelmap-bench-pages-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FEELMAP_"))}
    env.pop("DATABASE_URL", None)
    env.update(FEELMAP_DATA_DIR=str(data_dir), BROWSER="true", PYTHONPATH=str(args.root.resolve()))
    # Run from the root too: `python -m` puts the working directory first on the path.
    where = subprocess.run([sys.executable, "-c", "import feelmap; print(feelmap.__file__)"],
                           env=env, capture_output=True, text=True, check=True,
                           cwd=env["PYTHONPATH"]).stdout.strip()
    print(f"app code: {where}")

    started = time.perf_counter()
    run(["demo", "--days", "30", "--username", "month"], env)
    run(["demo", "--days", str(args.days), "--username", "years"], env)
    print(f"demo data: {time.perf_counter() - started:.0f} s (30 and {args.days} days)")

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "feelmap.cli", "serve", "--port", str(port), "--no-browser"],
        env=env, stderr=subprocess.DEVNULL, cwd=env["PYTHONPATH"])
    try:
        deadline = time.perf_counter() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.perf_counter() > deadline:
                    raise SystemExit("the server did not answer within 60 s") from None
                time.sleep(0.05)
        month, years = Person(port, "month", env), Person(port, "years", env)
        plan = [(TRIVIAL[0], TRIVIAL[1], month, "month")]
        plan += [(name, path, person, label) for name, path in PAGES
                 for person, label in ((month, "month"), (years, "years"))]
        results: dict[tuple[str, str], list[float]] = {(n, lab): [] for n, _p, _x, lab in plan}
        failed: dict[str, int] = {}  # a page that does not answer 200 is reported, not timed
        for name, path, person, _label in plan:
            status = person.get(path)
            if status != 200:
                failed[name] = status
        plan = [step for step in plan if step[0] not in failed]
        results = {key: times for key, times in results.items() if key[0] not in failed}
        for _ in range(10):  # warm-up: templates, vocabulary, suggestion engine
            for _name, path, person, _label in plan:
                timed(person, path)
        for _ in range(args.requests):
            for name, path, person, label in plan:
                results[(name, label)].append(timed(person, path))
    finally:
        server.terminate()
        server.wait(timeout=20)

    p50 = {key: statistics.median(times) for key, times in results.items()}
    floor = p50[(TRIVIAL[0], "month")]
    print(f"\n{TRIVIAL[0]}: p50 {floor:.2f} ms   (n={args.requests} per row)\n")
    print(f"{'page':24} {'1 month':>9} {'5 years':>9} {'5y/1m':>7} {'5y/trivial':>11}")
    worst_data, worst_floor = 0.0, 0.0
    summary = {}
    for name, status in failed.items():
        print(f"{name:24} answered {status}: not measured")
    for name, _path in PAGES:
        if name in failed:
            continue
        small, big = p50[(name, "month")], p50[(name, "years")]
        data_ratio, floor_ratio = big / small, big / floor
        worst_data, worst_floor = max(worst_data, data_ratio), max(worst_floor, floor_ratio)
        flags = ("" if data_ratio <= 1.5 else " >1.5x") + ("" if floor_ratio <= 4 else " >4x")
        print(f"{name:24} {small:9.2f} {big:9.2f} {data_ratio:7.2f} {floor_ratio:11.2f}{flags}")
        summary[name] = {"month_ms": round(small, 2), "years_ms": round(big, 2)}
    print(f"\nworst 5y/1m: {worst_data:.2f} (target <= 1.5); "
          f"worst 5y/trivial: {worst_floor:.2f} (target <= 4)")
    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps(
            {"trivial_ms": round(floor, 2), "pages": summary}, indent=1))


if __name__ == "__main__":
    main()
