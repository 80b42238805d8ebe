"""Clinic load benchmark: PostgreSQL, gunicorn and the worker, with simulated people and
clinicians on loopback.

    .venv/bin/python bench/load_clinic.py [--seconds 60] [--people 200] [--clinicians 10]
        [--think 1.0 3.0] [--workers 4 1]

Starts a throwaway PostgreSQL cluster (the newest /usr/lib/postgresql/*/bin, run as the
`postgres` user when started as root) unless DATABASE_URL names a scratch database to use, then
migrates and seeds it (bench/load_seed.py: people with 20 check-ins and 5 journal entries
each, clinicians linked to 20 people each through the care services). For each --workers count
it starts `gunicorn feelmap.wsgi --workers N` in clinic mode plus `feelmap worker`, signs
everyone in (not measured), then for --seconds every simulated person loops: think, then
browse (home, check-ins, journal, insights), check in (the quick form) or write a journal
entry (the write form); every clinician loops over their care pages. Prints requests per
second, errors and p50/p95/p99 per route, and the load average, for each run.

The client runs in this process (asyncio, one connection per request) and shares the machine
with the server: on a small machine it takes a real part of the CPU, which the figures include.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cryptography.fernet import Fernet

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.loadlib import (  # noqa: E402
    ROOT,
    Session,
    Stats,
    cpu_seconds,
    fetch,
    free_port,
    load_average,
)

FEELINGS = ["calm", "tired", "worried", "content", "irritated", "sad", "relaxed", "anxious"]


POSTMASTER: list[int] = []


def start_postgres(folder: Path) -> tuple[str, callable]:
    pgbin = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))[-1]
    data = folder / "pg"
    data.mkdir()
    as_postgres = os.geteuid() == 0
    if as_postgres:
        shutil.chown(folder, "postgres")
        shutil.chown(data, "postgres")

    def run(*args: str) -> None:
        command = [str(pgbin / args[0]), *args[1:]]
        if as_postgres:
            command = ["su", "postgres", "-c", " ".join(command)]
        subprocess.run(command, check=True, capture_output=True)

    port = free_port()
    run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
    run("pg_ctl", "-D", str(data), "-l", str(data / "log"), "-w", "start", "-o",
        f"'-c listen_addresses=127.0.0.1 -p {port} -k {data} -c max_connections=100 "
        "-c fsync=on'")
    run("createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "feelmap")
    POSTMASTER.append(int((data / "postmaster.pid").read_text().split()[0]))

    def stop() -> None:
        run("pg_ctl", "-D", str(data), "-m", "fast", "stop")

    return f"postgres://postgres@127.0.0.1:{port}/feelmap", stop


async def person_loop(session: Session, stop_at: float, think: tuple[float, float],
                      rng: random.Random) -> None:
    n = 0
    while time.monotonic() < stop_at:
        await asyncio.sleep(rng.uniform(*think))
        if time.monotonic() >= stop_at:
            return
        roll = rng.random()
        n += 1
        if roll < 0.20:  # a quick check-in: open the form, send it
            await session.request("GET /checkin/quick/", "GET", "/checkin/quick/")
            await session.request("POST /checkin/quick/", "POST", "/checkin/quick/", form={
                "pleasantness": str(rng.randint(-5, 5)), "energy": str(rng.randint(-5, 5)),
                "label-1-word": rng.choice(FEELINGS), "note": f"load note {n}"},
                expect=(302,))
        elif roll < 0.32:  # a journal entry
            await session.request("GET /journal/write/", "GET", "/journal/write/")
            await session.request("POST /journal/write/", "POST", "/journal/write/", form={
                "body": f"Load entry {n}: the afternoon felt long and I was {rng.choice(FEELINGS)}.",
                "title": "", "labels": "", "minutes_spent": "3"}, expect=(302,))
        else:
            path = rng.choice(["/", "/checkin/", "/checkin/timeline/", "/journal/",
                               "/insights/"])
            await session.request(f"GET {path}", "GET", path)


async def clinician_loop(session: Session, people: list[str], stop_at: float,
                         think: tuple[float, float], rng: random.Random) -> None:
    while time.monotonic() < stop_at:
        await asyncio.sleep(rng.uniform(*think))
        if time.monotonic() >= stop_at:
            return
        person = rng.choice(people)
        kind = rng.choice(["", "", "checkins/", "journal/", "insights/"])
        if rng.random() < 0.25:
            await session.request("GET /care/", "GET", "/care/")
        else:
            await session.request(f"GET /care/people/<id>/{kind}", "GET",
                                  f"/care/people/{person}/{kind}")


def db_cpu() -> float:
    return cpu_seconds(parent=POSTMASTER[0]) if POSTMASTER else 0.0


async def run_load(port: int, seeded: dict, seconds: float, think: tuple[float, float],
                   stats: Stats, at_start) -> float:
    rng = random.Random(7)
    stats.recording = False
    people = [Session(port, stats, https_proxy=True) for _ in seeded["people"]]
    clinicians = {u: Session(port, stats, https_proxy=True) for u in seeded["clinicians"]}
    # Sign everyone in first (argon2 on purpose costs CPU; not part of the measurement).
    gate = asyncio.Semaphore(8)

    async def sign_in(session: Session, username: str) -> None:
        async with gate:
            for _ in range(3):
                if await session.login(username):
                    return
            raise SystemExit(f"could not sign in {username}")

    await asyncio.gather(*(sign_in(s, u) for s, u in zip(people, seeded["people"], strict=True)),
                         *(sign_in(s, u) for u, s in clinicians.items()))
    stats.recording = True
    at_start()
    started = time.monotonic()
    stop_at = started + seconds
    await asyncio.gather(
        *(person_loop(s, stop_at, think, random.Random(rng.random())) for s in people),
        *(clinician_loop(s, seeded["clinicians"][u], stop_at, think, random.Random(rng.random()))
          for u, s in clinicians.items()))
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--clinicians", type=int, default=10)
    parser.add_argument("--per-clinician", type=int, default=20)
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0),
                        help="each simulated user waits this long (uniform, seconds) between actions")
    parser.add_argument("--workers", type=int, nargs="+", default=[4, 1])
    args = parser.parse_args()
    if args.clinicians * args.per_clinician > args.people:
        parser.error("each person is linked to one clinician: clinicians × per-clinician ≤ people")

    folder = Path(tempfile.mkdtemp(prefix="feelmap-load-"))
    stop_pg = None
    url = os.environ.get("DATABASE_URL")
    if not url:
        url, stop_pg = start_postgres(folder)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FEELMAP_")}
    env.update(DATABASE_URL=url, FEELMAP_MODE="clinic", FEELMAP_DATA_DIR=str(folder),
               FEELMAP_SECRET_KEY=secrets.token_urlsafe(50),
               FEELMAP_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
               FEELMAP_ALLOWED_HOSTS="127.0.0.1", PYTHONPATH=str(ROOT),
               FEELMAP_EMAIL_PORT=str(free_port()))  # the worker's SMTP: nobody listens
    processes: list[subprocess.Popen] = []
    try:
        print(f"load average at start: {load_average()}", flush=True)
        subprocess.run([sys.executable, "-m", "feelmap.cli", "migrate", "-v", "0"], env=env,
                       check=True)
        t = time.monotonic()
        seeded = json.loads(subprocess.run(
            [sys.executable, str(ROOT / "bench" / "load_seed.py"), str(args.people),
             str(args.clinicians), str(args.per_clinician)],
            env=env, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
        print(f"seeded {len(seeded['people'])} people (20 check-ins, 5 entries each) and "
              f"{len(seeded['clinicians'])} clinicians × {args.per_clinician} links in "
              f"{time.monotonic() - t:.0f} s", flush=True)
        for workers in args.workers:
            port = free_port()
            log = open(folder / f"gunicorn-{workers}.log", "wb")
            app = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "feelmap.wsgi", "--workers", str(workers),
                 "--bind", f"127.0.0.1:{port}", "--backlog", "2048", "--timeout", "60"],
                env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
                start_new_session=True)  # its own group: its CPU time is counted below
            worker = subprocess.Popen([sys.executable, "-m", "feelmap.cli", "worker",
                                       "--interval", "5"], env=env, stdout=log,
                                      stderr=subprocess.STDOUT, cwd=ROOT)
            processes += [app, worker]
            for _ in range(300):
                try:
                    if asyncio.run(fetch(port, "GET", "/healthz")).status == 200:
                        break
                except OSError:
                    time.sleep(0.1)
            stats = Stats()
            before = load_average()
            cpu: dict[str, float] = {}
            elapsed = asyncio.run(run_load(port, seeded, args.seconds, tuple(args.think), stats,
                                           lambda c=cpu, g=app.pid: c.update(
                                               app=cpu_seconds(group=g), db=db_cpu())))
            app_cpu = cpu_seconds(group=app.pid) - cpu["app"]
            database_cpu = db_cpu() - cpu["db"]
            print(stats.report(
                f"{workers} gunicorn worker(s) + feelmap worker, {len(seeded['people'])} people "
                f"+ {len(seeded['clinicians'])} clinicians, think {args.think[0]:g}–"
                f"{args.think[1]:g} s", elapsed))
            served = sum(len(v) for v in stats.times.values())
            print(f"CPU in the app processes: {app_cpu:.1f} s ({1000 * app_cpu / served:.0f} ms a "
                  f"request); in PostgreSQL: {database_cpu:.1f} s "
                  f"({1000 * database_cpu / served:.0f} ms a request)"
                  + ("" if POSTMASTER else " (not measured: DATABASE_URL was given)"))
            print(f"load average before: {before}; after: {load_average()}", flush=True)
            for process in (app, worker):
                process.terminate()
                process.wait(timeout=30)
            log.close()
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
        if stop_pg:
            stop_pg()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
