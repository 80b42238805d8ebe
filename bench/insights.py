"""Insights benchmark: computing every insight, and the /insights/ page, against data size.

In one run, in a fresh temporary data folder, it creates demo people with 1 month, 1, 2 and
5 years of data (`feelmap demo`, three check-ins a day) and reports:

- compute: `analytics.compute` over the plain facts of 5 years (the pure analytics), and
  `loaders.compute_for` (reading every table and computing; what the first view after a change
  costs);
- the page, signed in, in round robin with a trivial signed-in page (the "on its way" page,
  which has the whole base template and session work but no data), median and p95 of N
  requests each, as ratios to the trivial page. "warm" is the usual case (nothing changed
  since the last view); "cold" clears the cache before each request (every view recomputes).

    .venv/bin/python bench/insights.py [--requests 60] [--repeats 15]
"""

from __future__ import annotations

import argparse
import os
import random
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


def timed(fn, repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    setup()
    from django.core.cache import cache
    from django.test import Client

    from feelmap.insights import analytics, loaders
    from feelmap.lexicon.vocabulary import load_vocabulary

    people = {}
    for label, days in SIZES:
        started = time.perf_counter()
        people[label] = make_person(f"bench-{days}", days)
        print(f"demo {label}: {time.perf_counter() - started:.1f} s", file=sys.stderr)

    five = people["5 years"]
    checkins = loaders.load_checkins(five)
    vocabulary = load_vocabulary()
    rating_items = loaders.rating_emotions_for(five)
    pleasantness = {w.word: w.pleasantness for w in vocabulary.words}
    journal, practices = loaders.load_journal(five), loaders.load_practices(five)
    series = loaders.load_series(five)
    now = loaders._local(loaders.timezone.now())
    print(f"5 years: {len(checkins)} check-ins, {sum(1 for c in checkins if c.ratings)} with "
          f"fixed ratings, {len(practices)} practices, {sum(len(s.scores) for s in series)} "
          "questionnaire scores")
    median, worst = timed(lambda: analytics.compute(
        checkins, now=now, rating_items=rating_items, pleasantness=pleasantness,
        journal=journal, practices=practices, series=series), args.repeats)
    print(f"compute, pure analytics, 5 years:    median {median:6.1f} ms  max {worst:6.1f} ms")
    median, worst = timed(lambda: loaders.compute_for(five), args.repeats)
    print(f"compute, read + analytics, 5 years:  median {median:6.1f} ms  max {worst:6.1f} ms")

    clients = {}
    for label, person in [("trivial signed-in page", people["1 month"]), *people.items()]:
        client = Client()
        client.force_login(person)
        clients[label] = client
    paths = {label: "/insights/" for label in people} | {"trivial signed-in page": "/soon/care/"}
    for mode in ("warm", "cold"):
        times: dict[str, list[float]] = {label: [] for label in clients}
        for label, client in clients.items():  # one unmeasured request each
            assert client.get(paths[label]).status_code == 200
        for _ in range(args.requests if mode == "warm" else max(args.requests // 4, 5)):
            for label, client in clients.items():
                if mode == "cold":
                    cache.clear()
                start = time.perf_counter()
                response = client.get(paths[label])
                times[label].append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200
        floor = statistics.median(times["trivial signed-in page"])
        month = statistics.median(times["1 month"])
        print(f"\npage, {mode} cache ({len(times['1 month'])} requests each, round robin):")
        for label, found in times.items():
            med = statistics.median(found)
            p95 = statistics.quantiles(found, n=20)[-1] if len(found) >= 20 else max(found)
            extra = "" if label == "trivial signed-in page" else (
                f"  {med / floor:4.2f}x trivial  {med / month:4.2f}x 1 month")
            print(f"  {label:<24} median {med:6.1f} ms  p95 {p95:6.1f} ms{extra}")


if __name__ == "__main__":
    main()
