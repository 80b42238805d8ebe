"""Insights benchmark: computing every insight, and the /insights/ page, against data size.

In one run, in a fresh temporary data folder, it creates demo people with 1 month, 1, 2 and
5 years of data (`feelmap demo`, three check-ins a day) and reports:

- the time each part of the demo takes for 5 years (check-ins, journal, practices, ...: each
  area's `demo.generate`, in the order `feelmap demo` runs them, for one more person), the
  figure the tests no longer time;

- compute: `analytics.compute` over the plain facts of 5 years (the pure analytics from every
  check-in), `analytics.compute_parts` from the stored weekly tallies plus the raw last weeks
  (the pure analytics as the page runs them), `loaders.compute_raw` (reading every table and
  computing: what the first view after a change cost before the weekly tallies) and
  `loaders.compute_for` (reading the stored weeks and the recent records, and computing: what it
  costs now), at every size; and the one-off building of every week (a first view ever);
- the page, signed in, in round robin with a trivial signed-in page (the "on its way" page,
  which has the whole base template and session work but no data), median and p95 of N
  requests each, as ratios to the trivial page. "warm" is the usual case (nothing changed
  since the last view: the cached insights, the template rendered); "cold" is the first view
  after a change: the person's data version is raised before each request (as every write
  does) and this week's tally is forgotten (as a new check-in does), so every view recomputes.

    .venv/bin/python bench/insights.py [--requests 60] [--repeats 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (("1 month", 30), ("1 year", 365), ("2 years", 730), ("5 years", 1825))


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["FEELMAP_DATA_DIR"] = tempfile.mkdtemp(prefix="feelmap-bench-insights-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "feelmap.settings")
    os.environ["FEELMAP_ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_person(name: str, days: int):
    from django.core.management import call_command

    from feelmap.accounts.models import User

    with open(os.devnull, "w") as quiet:
        call_command("demo", days=days, username=name, seed=7, stdout=quiet, stderr=quiet)
    return User.objects.get(username=name)


def demo_parts(days: int) -> list[tuple[str, float, float]]:
    """(part, wall s, CPU s) of each area's `demo.generate` for `days` days, in the order and
    with the arguments `feelmap demo` uses, for a new person."""
    import importlib
    import random

    from django.db import transaction

    from feelmap.accounts.models import User
    from feelmap.core.management.commands.demo import DEMO_PARTS

    timings = []
    rng = random.Random(7)  # nosec B311  # reproducible demo data
    with transaction.atomic():
        user = User.objects.create_user(username=f"bench-parts-{days}", password=None)
        for dotted in DEMO_PARTS:
            module = importlib.import_module(dotted)
            start, start_cpu = time.perf_counter(), time.process_time()
            module.generate(user, days=days, per_day=3, rng=rng, progress=lambda *a: None)
            timings.append((dotted.removeprefix("feelmap.").removesuffix(".demo"),
                            time.perf_counter() - start, time.process_time() - start_cpu))
    return timings


def timed(fn, repeats: int) -> tuple[float, float, float]:
    """(median wall, min wall, median CPU) in ms. On a shared, oversubscribed machine the
    wall time includes waiting for a core; the process's CPU time is what the work costs."""
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), min(wall), statistics.median(cpu)


def reference_loop() -> float:
    """CPU speed of this moment: ms for a fixed pure-Python loop (about 50 on an idle core)."""
    start = time.perf_counter()
    sum(i * i for i in range(1_000_000))
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    setup()
    from django.test import Client
    from django.utils import timezone

    from feelmap.accounts.services import person_data_changed
    from feelmap.checkins.services import rating_emotions_for
    from feelmap.insights import analytics, loaders
    from feelmap.lexicon.vocabulary import load_vocabulary

    people = {}
    for label, days in SIZES:
        started = time.perf_counter()
        people[label] = make_person(f"bench-{days}", days)
        print(f"demo {label}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    for part, wall, cpu in demo_parts(SIZES[-1][1]):
        print(f"demo part {part:<12} ({SIZES[-1][0]}): wall {wall:6.2f} s  CPU {cpu:6.2f} s")

    from feelmap.insights import weekly
    from feelmap.insights.models import WeekSummary

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; reference loop "
          f"{reference_loop():.0f} ms")
    for label, person in people.items():
        WeekSummary.objects.filter(owner=person).delete()
        start, start_cpu = time.perf_counter(), time.process_time()
        loaders.compute_for(person)
        print(f"{label}: building every week (first view ever): CPU "
              f"{(time.process_time() - start_cpu) * 1000:6.1f} ms  wall "
              f"{(time.perf_counter() - start) * 1000:6.1f} ms; "
              f"{WeekSummary.objects.filter(owner=person).count()} weeks stored")

    five = people["5 years"]
    checkins = loaders.load_checkins(five)
    vocabulary = load_vocabulary()
    rating_items = rating_emotions_for(five)
    pleasantness = {w.word: w.pleasantness for w in vocabulary.words}
    journal, practices = loaders.load_journal(five), loaders.load_practices(five)
    series = loaders.load_series(five)
    now = timezone.localtime().replace(tzinfo=None)
    print(f"5 years: {len(checkins)} check-ins, {sum(1 for c in checkins if c.ratings)} with "
          f"fixed ratings, {len(practices)} practices, {sum(len(s.scores) for s in series)} "
          "questionnaire scores")
    med, low, cpu = timed(lambda: analytics.compute(
        checkins, now=now, rating_items=rating_items, pleasantness=pleasantness,
        journal=journal, practices=practices, series=series), args.repeats)
    print(f"compute, pure analytics from every check-in, 5 years: CPU median {cpu:6.1f} ms   "
          f"wall median {med:6.1f} min {low:6.1f} ms")
    # The same from the stored weeks, as compute_for hands them over (reads done beforehand).
    captured = {}
    real = analytics.compute_parts

    def capture(*a, **k):
        captured["args"], captured["kwargs"] = a, k
        return real(*a, **k)

    analytics.compute_parts = capture
    try:
        loaders.compute_for(five)
    finally:
        analytics.compute_parts = real
    parts = captured["args"][0]
    med, low, cpu = timed(lambda: real(*captured["args"], **captured["kwargs"]), args.repeats)
    print(f"compute, pure analytics from {len(parts)} stored weeks + "
          f"{len(captured['args'][1])} recent check-ins, 5 years: CPU median {cpu:6.1f} ms   "
          f"wall median {med:6.1f} min {low:6.1f} ms")
    for label, person in people.items():
        med, low, cpu = timed(lambda p=person: loaders.compute_raw(p), max(args.repeats // 3, 3))
        print(f"{label:>8}: read every record + compute (before): CPU median {cpu:6.1f} ms   "
              f"wall median {med:6.1f} min {low:6.1f} ms")

        def after_a_checkin(p=person):
            weekly.forget(p.pk, [timezone.now()])
            loaders.compute_for(p)

        med, low, cpu = timed(after_a_checkin, args.repeats)
        print(f"{label:>8}: stored weeks + recent records + compute (now), after this week "
              f"changed: CPU median {cpu:6.1f} ms   wall median {med:6.1f} min {low:6.1f} ms")

    clients = {}
    for label, person in [("trivial signed-in page", people["1 month"]), *people.items()]:
        client = Client()
        client.force_login(person)
        clients[label] = client
    paths = {label: "/insights/" for label in people} | {"trivial signed-in page": "/soon/journal/"}
    for mode in ("warm", "cold"):
        wall: dict[str, list[float]] = {label: [] for label in clients}
        cpu: dict[str, list[float]] = {label: [] for label in clients}
        for label, client in clients.items():  # one unmeasured request each
            assert client.get(paths[label]).status_code == 200
        for _ in range(args.requests if mode == "warm" else max(args.requests // 4, 5)):
            for label, client in clients.items():
                if mode == "cold" and label in people:
                    person_data_changed(people[label].pk, timezone.now())
                start, start_cpu = time.perf_counter(), time.process_time()
                response = client.get(paths[label])
                wall[label].append((time.perf_counter() - start) * 1000)
                cpu[label].append((time.process_time() - start_cpu) * 1000)
                assert response.status_code == 200
        print(f"\npage, {mode} cache ({len(wall['1 month'])} requests each, round robin); "
              "medians, ratios of CPU time (of wall time):")
        floor = statistics.median(cpu["trivial signed-in page"])
        month = statistics.median(cpu["1 month"])
        floor_w = statistics.median(wall["trivial signed-in page"])
        month_w = statistics.median(wall["1 month"])
        for label in clients:
            c, w = statistics.median(cpu[label]), statistics.median(wall[label])
            extra = "" if label == "trivial signed-in page" else (
                f"  {c / floor:5.2f}x ({w / floor_w:5.2f}x) trivial"
                f"  {c / month:5.2f}x ({w / month_w:5.2f}x) 1 month")
            print(f"  {label:<24} CPU {c:6.1f} ms  wall {w:6.1f} ms{extra}")


if __name__ == "__main__":
    main()
