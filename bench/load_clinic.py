"""Clinic load benchmark: PostgreSQL, gunicorn and the worker, with simulated people and
clinicians on loopback.

    .venv/bin/python bench/load_clinic.py [--seconds 60] [--people 200] [--clinicians 10]
        [--think 1.0 3.0] [--workers 1 2 4] [--no-pin] [--pg-data DIR]

Starts a throwaway PostgreSQL cluster (the newest /usr/lib/postgresql/*/bin, run as the
`postgres` user when started as root) unless DATABASE_URL names a scratch database to use
(then --pg-data names its data folder, so PostgreSQL's CPU can be counted), then migrates and
seeds it (bench/load_seed.py: people with 20 check-ins and 5 journal entries each, clinicians
linked to 20 people each through the care services, two-step sign-in for clinicians). The
seed also signs everyone in with Django's own login() (--sign-in goes through the sign-in
pages instead, argon2 and the clinicians' second step included; not measured either way).
Sessions live in the database, so they carry over from one server to the next. For
each --workers count it starts `gunicorn feelmap.wsgi --workers N` in clinic mode plus
`feelmap worker`, runs the load for --warmup seconds unmeasured (every process booted, its
caches filled), then for --seconds every simulated person loops: think, then browse (home,
check-ins, journal, insights), check in (the quick form) or write a journal entry (the write
form); every clinician loops over their care pages.

For each run it prints requests per second, errors and p50/p95/p99 per route and overall, the
CPU time per request of the app processes, of PostgreSQL and of this load generator, how many
cores each used on average, and the load average before and after; then one summary table.

Scheduling: Linux autogroup (when enabled) shares CPU between sessions before processes, so
all gunicorn workers in one session get one share of a busy machine however many there are.
By default (--sessions own) each worker starts its own session, as each would compete for a
core on its own on a dedicated server; --sessions shared keeps them together.

Pinning (on by default when there are at least 2 CPUs): this load generator runs on CPU 0;
one gunicorn process (and the worker) on CPU 1 alone, so "1 process" is "1 core"; two or more
on every CPU. The 200 people at 1–3 s pauses ask for more than the server can answer on a small
machine, so each run measures how much it can serve, not how fast an idle server answers.
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
from datetime import UTC, datetime
from pathlib import Path

import pyotp
from cryptography.fernet import Fernet

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.loadlib import (  # noqa: E402
    ROOT,
    Session,
    Stats,
    client_cpu_seconds,
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


async def sign_in_all(port: int, seeded: dict, stats: Stats) -> tuple[list[Session],
                                                                       dict[str, Session]]:
    """Everyone signed in (argon2 on purpose costs CPU; not part of any measurement)."""
    stats.recording = False
    people = [Session(port, stats, https_proxy=True) for _ in seeded["people"]]
    clinicians = {u: Session(port, stats, https_proxy=True) for u in seeded["clinicians"]}
    gate = asyncio.Semaphore(8)

    async def sign_in(session: Session, username: str) -> None:
        async with gate:
            for _ in range(3):
                if await session.login(username) and await second_step(
                        session, seeded.get("two_step", {}).get(username)):
                    return
            raise SystemExit(f"could not sign in {username}")

    await asyncio.gather(*(sign_in(s, u) for s, u in zip(people, seeded["people"], strict=True)),
                         *(sign_in(s, u) for u, s in clinicians.items()))
    return people, clinicians


async def run_load(people: list[Session], clinicians: dict[str, Session], seeded: dict,
                   seconds: float, think: tuple[float, float], at_start) -> float:
    rng = random.Random(7)
    at_start()
    started = time.monotonic()
    stop_at = started + seconds
    await asyncio.gather(
        *(person_loop(s, stop_at, think, random.Random(rng.random())) for s in people),
        *(clinician_loop(s, seeded["clinicians"][u], stop_at, think, random.Random(rng.random()))
          for u, s in clinicians.items()))
    return time.monotonic() - started


async def second_step(session: Session, secret: str | None) -> bool:
    """A clinician's authenticator code, as the app would show it: the step after now (the
    seed confirmed with the step before, and a code is never accepted twice)."""
    if secret is None:
        return True
    totp = pyotp.TOTP(secret)
    code = totp.generate_otp(totp.timecode(datetime.now(UTC)) + 1)
    answer = await session.request("two-step", "POST", "/accounts/login/two-step/",
                                   form={"code": code}, expect=(302,), record=False)
    return answer is not None and answer.status == 302


def _ms(value: float) -> str:
    return f"{value:.0f} ms" if value < 1000 else f"{value / 1000:.1f} s"


def _cpus(spec: set[int]) -> str:
    return ",".join(str(c) for c in sorted(spec))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--clinicians", type=int, default=10)
    parser.add_argument("--per-clinician", type=int, default=20)
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0),
                        help="each simulated user waits this long (uniform, seconds) between actions")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--warmup", type=float, default=10,
                        help="seconds of the same load before each measured run, not counted")
    parser.add_argument("--sign-in", action="store_true",
                        help="sign everyone in through the sign-in pages (argon2: minutes on a "
                        "small machine) instead of using the seed's sessions")
    parser.add_argument("--sessions", choices=("own", "shared"), default="own",
                        help="own: each gunicorn worker in its own session, so Linux autogroup "
                        "scheduling treats it as one process on a server would be treated "
                        "(bench/gunicorn_own_sessions.py); shared: all in one session")
    parser.add_argument("--no-pin", dest="pin", action="store_false",
                        help="let the kernel place the load generator and the server")
    parser.add_argument("--pg-data", type=Path, default=None,
                        help="with DATABASE_URL: the cluster's data folder (its postmaster.pid "
                        "says which processes' CPU to count)")
    args = parser.parse_args()
    if args.clinicians * args.per_clinician > args.people:
        parser.error("each person is linked to one clinician: clinicians × per-clinician ≤ people")
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    pin = args.pin and len(cpus) >= 2 and shutil.which("taskset") is not None

    folder = Path(tempfile.mkdtemp(prefix="feelmap-load-"))
    stop_pg = None
    url = os.environ.get("DATABASE_URL")
    if not url:
        url, stop_pg = start_postgres(folder)
    elif args.pg_data:
        POSTMASTER.append(int((args.pg_data / "postmaster.pid").read_text().split()[0]))
    env = {k: v for k, v in os.environ.items() if not k.startswith("FEELMAP_")}
    env.update(DATABASE_URL=url, FEELMAP_MODE="clinic", FEELMAP_DATA_DIR=str(folder),
               FEELMAP_SECRET_KEY=secrets.token_urlsafe(50),
               FEELMAP_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
               FEELMAP_ALLOWED_HOSTS="127.0.0.1", PYTHONPATH=str(ROOT),
               FEELMAP_EMAIL_PORT=str(free_port()))  # the worker's SMTP: nobody listens
    processes: list[subprocess.Popen] = []
    rows: list[str] = []
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
        if pin:
            os.sched_setaffinity(0, {cpus[0]})
            print(f"pinned: this load generator on CPU {cpus[0]}; 1 app process on CPU "
                  f"{cpus[1]}, more on CPUs {_cpus(set(cpus))}", flush=True)
        people: list[Session] = []
        clinicians: dict[str, Session] = {}
        for workers in args.workers:
            port = free_port()
            log = open(folder / f"gunicorn-{workers}.log", "wb")
            server_cpus = ({cpus[1]} if workers == 1 else set(cpus)) if pin else set()
            prefix = ["taskset", "-c", _cpus(server_cpus)] if server_cpus else []
            app = subprocess.Popen(
                [*prefix, sys.executable, "-m", "gunicorn", "feelmap.wsgi", "--workers",
                 str(workers), "--bind", f"127.0.0.1:{port}", "--backlog", "2048",
                 "--timeout", "60",
                 *(["--config", str(ROOT / "bench" / "gunicorn_own_sessions.py")]
                   if args.sessions == "own" else [])],
                env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
                start_new_session=True)
            worker = subprocess.Popen([*prefix, sys.executable, "-m", "feelmap.cli", "worker",
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
            if not people and args.sign_in:
                people, clinicians = asyncio.run(sign_in_all(port, seeded, stats))
            elif not people:  # the seed's sessions, made by Django's login()
                people = [Session(port, stats, https_proxy=True) for _ in seeded["people"]]
                clinicians = {u: Session(port, stats, https_proxy=True)
                              for u in seeded["clinicians"]}
                for session, username in zip([*people, *clinicians.values()],
                                             [*seeded["people"], *seeded["clinicians"]],
                                             strict=True):
                    session.set_cookie(seeded["cookie"], seeded["sessions"][username])
            for session in (*people, *clinicians.values()):
                session.port, session.stats = port, stats
            if args.warmup:  # every process booted and its caches filled, not measured
                stats.recording = False
                asyncio.run(run_load(people, clinicians, seeded, args.warmup, tuple(args.think),
                                     lambda: None))
            stats.recording = True
            load_before = os.getloadavg()[0]
            before = load_average()
            cpu: dict[str, float] = {}

            def mark(c=cpu, g=app.pid, w=worker.pid) -> None:
                c.update(app=cpu_seconds(parent=g), worker=cpu_seconds({w}), db=db_cpu(),
                         client=client_cpu_seconds())

            elapsed = asyncio.run(run_load(people, clinicians, seeded, args.seconds,
                                           tuple(args.think), mark))
            app_cpu = cpu_seconds(parent=app.pid) - cpu["app"]  # master and workers
            worker_cpu = cpu_seconds({worker.pid}) - cpu["worker"]
            database_cpu = db_cpu() - cpu["db"]
            client_cpu = client_cpu_seconds() - cpu["client"]
            load_after = os.getloadavg()[0]
            print(stats.report(
                f"{workers} gunicorn worker(s) ({args.sessions} sessions) + feelmap worker"
                f"{f' on CPU {_cpus(server_cpus)}' if server_cpus else ''}, "
                f"{len(seeded['people'])} people + {len(seeded['clinicians'])} clinicians, think "
                f"{args.think[0]:g}–{args.think[1]:g} s", elapsed))
            served, p50, p95, p99 = stats.overall()
            per = 1000 / max(served, 1)
            print(f"all routes: p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms")
            print(f"CPU per request: app {app_cpu * per:.1f} ms, PostgreSQL "
                  f"{database_cpu * per:.1f} ms"
                  + ("" if POSTMASTER else " (not measured: give --pg-data)")
                  + f", load generator {client_cpu * per:.1f} ms; feelmap worker "
                  f"{worker_cpu:.1f} s in all")
            print(f"cores used on average: app {app_cpu / elapsed:.2f}, PostgreSQL "
                  f"{database_cpu / elapsed:.2f}, load generator {client_cpu / elapsed:.2f}")
            print(f"load average before: {before}; after: {load_average()}", flush=True)
            rows.append(
                f"| {workers} | {_cpus(server_cpus) or 'any'} | {served / elapsed:.1f} | "
                f"{stats.total_errors()} of {served:,} | {_ms(p50)} | {_ms(p95)} | {_ms(p99)} | "
                f"{app_cpu * per:.1f} ms | "
                f"{database_cpu * per:.1f} ms | {client_cpu * per:.1f} ms | "
                f"{app_cpu / elapsed:.2f} | {client_cpu / elapsed:.2f} | "
                f"{load_before:.1f} → {load_after:.1f} |")
            for process in (app, worker):
                process.terminate()
                process.wait(timeout=30)
            log.close()
        print("\n| app processes | app CPUs | requests/s | errors | p50 | p95 | p99 | app CPU "
              "per request | PostgreSQL CPU per request | load generator CPU per request | "
              "app cores used | load generator cores used | load average (1 min) |")
        print("|" + "---|" * 13)
        print("\n".join(rows), flush=True)
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
        if stop_pg:
            stop_pg()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
