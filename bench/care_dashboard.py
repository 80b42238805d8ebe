"""Care dashboard benchmark: a clinician's /care/ page with 10 and with 200 linked people (each
with about three months of data in every shared kind), against a trivial signed-in page.

In one run, in a fresh temporary data folder (or the database in DATABASE_URL, which must be
empty and throwaway: the script migrates it and fills it), it creates 200 people with 90 days of
check-ins, journal entries, practices, saying-it practices, heartbeat tasks, questionnaires
and a few safety flags, written in bulk; one clinician linked to 10 of them and one linked to
all 200, each person sharing every kind (clinic mode: both clinicians have two-step sign-in on;
the activity summaries of the bulk-written data are filled as migration care 0005 fills them,
and each link's newest new safety flag as migration 0006 does).
The dashboard counts everyone, lists 20 a page in name
order with their activity and flags, and above them the 5 newest new safety flags of everyone
(with how many people have one). It requests the three pages in round robin and
reports median (p50) and p95 wall and CPU time, and the ratios the issue asks for:
200 people vs the trivial page (target ≤ 4×) and 200 vs 10 people (target ≤ 1.5×).

    .venv/bin/python bench/care_dashboard.py [--requests 40] [--people 200]
    DATABASE_URL=postgres://… .venv/bin/python bench/care_dashboard.py
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DAYS = 90


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["FEELMAP_DATA_DIR"] = tempfile.mkdtemp(prefix="feelmap-bench-care-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "feelmap.settings")
    os.environ["FEELMAP_ALLOWED_HOSTS"] = "testserver"
    os.environ["FEELMAP_MODE"] = "clinic"  # linked people are listed only in clinic mode
    os.environ["FEELMAP_SSL_REDIRECT"] = "false"  # the test client speaks plain http
    if not os.environ.get("FEELMAP_SECRET_KEY"):
        import secrets

        from cryptography.fernet import Fernet

        os.environ["FEELMAP_SECRET_KEY"] = secrets.token_urlsafe(50)
        os.environ["FEELMAP_ENCRYPTION_KEYS"] = Fernet.generate_key().decode()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from feelmap.accounts.models import User

    if User.objects.exists():
        raise SystemExit("This database already has people in it. The benchmark fills an empty, "
                         "throwaway database: point DATABASE_URL at a new one (createdb) or "
                         "drop and create this one again.")


def fill(count: int, rng: random.Random):
    """`count` people with DAYS days of data each, in a few bulk statements per kind."""
    from django.utils import timezone

    from feelmap.accounts.models import User
    from feelmap.assessments.models import AssessmentResponse
    from feelmap.checkins.models import CheckIn
    from feelmap.heartbeat.models import HeartbeatSession
    from feelmap.journal.models import JournalEntry
    from feelmap.practices.models import PracticeSession
    from feelmap.safety.models import SafetyFlag
    from feelmap.saying.models import SayingPractice

    now = timezone.now()
    people = User.objects.bulk_create(
        [User(username=f"person{i:03d}", role="person") for i in range(count)])
    checkins, entries, practices, sayings, beats, scores, flags = [], [], [], [], [], [], []
    for n, person in enumerate(people):
        # Some people went quiet a while ago (the silence flag), most are active.
        last_day = 20 if n % 10 == 0 else 0
        for day in range(last_day, DAYS):
            at = now - timedelta(days=day, hours=rng.randint(0, 10))
            checkins.append(CheckIn(owner=person, occurred_at=at, pleasantness=rng.uniform(-1, 1),
                                    energy=rng.uniform(-1, 1), note="A note about the day"))
            if day % 3 == 0:
                entries.append(JournalEntry(owner=person, title="An entry", written_at=at,
                                            body="Some words about what happened and how it felt."))
            if day % 2 == 0:
                practices.append(PracticeSession(owner=person, kind="breathing", started_at=at,
                                                 minutes=3, completed_at=at))
            if day % 7 == 0:
                sayings.append(SayingPractice(owner=person, feeling="uneasy", practised_at=at,
                                              text="I feel uneasy when plans change."))
                beats.append(HeartbeatSession(owner=person, kind="counting", source="simulated",
                                              started_at=at, accuracy=rng.uniform(0.4, 0.9)))
            if day % 14 == 0:
                for instrument in ("phq9", "gad7"):
                    total = rng.randint(3, 20)
                    scores.append(AssessmentResponse(owner=person, instrument=instrument,
                                                     started_at=at, completed_at=at, total=total))
        if n % 7 == 0:
            flags.append(SafetyFlag(owner=person, source="phq9-item9"))
        if n % 11 == 0:
            flags.append(SafetyFlag(owner=person, source="checkin-language"))
    for model, rows in ((CheckIn, checkins), (JournalEntry, entries), (PracticeSession, practices),
                        (SayingPractice, sayings), (HeartbeatSession, beats),
                        (AssessmentResponse, scores), (SafetyFlag, flags)):
        model.objects.bulk_create(rows, batch_size=2000)
    # created_at is stamped "now" by bulk_create: spread it like real use.
    for model, field in ((CheckIn, "occurred_at"), (JournalEntry, "written_at"),
                         (PracticeSession, "started_at"), (SayingPractice, "practised_at"),
                         (HeartbeatSession, "started_at"), (AssessmentResponse, "completed_at")):
        from django.db.models import F

        model.objects.update(created_at=F(field))
    # Written in bulk, so (as for data there before the summary existed) the activity summaries
    # are filled the way migration care 0005 fills them.
    from django.apps import apps

    from feelmap.care.activity import store

    store(apps, [p.pk for p in people])
    print(f"{count} people: {len(checkins)} check-ins, {len(entries)} journal entries, "
          f"{len(practices)} practices, {len(sayings)} saying-it practices, {len(beats)} heartbeat "
          f"tasks, {len(scores)} questionnaires, {len(flags)} flags", file=sys.stderr)
    return people


def link_all(viewer, people) -> None:
    from django.apps import apps

    from feelmap.care import attention
    from feelmap.care.kinds import KINDS
    from feelmap.care.models import Grant, Link

    links = Link.objects.bulk_create([Link(person=p, viewer=viewer, role="clinician") for p in people])
    Grant.objects.bulk_create([Grant(link=link, kind=k, scope="all" if k == "journal" else "")
                               for link in links for k in KINDS])
    # Written in bulk: which links have a new safety flag, as migration care 0006 fills it.
    attention.store(apps, [link.pk for link in links])


def two_step_on(clinician) -> None:
    """Clinic mode requires two-step sign-in of clinicians: turned on as a clinician would."""
    import pyotp

    from feelmap.accounts import twofactor

    device = twofactor.start_setup(clinician)
    twofactor.confirm(clinician, pyotp.TOTP(device.secret).now())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--people", type=int, default=200)
    args = parser.parse_args()
    setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from feelmap.accounts.models import User

    started = time.perf_counter()
    people = fill(args.people, random.Random(7))
    small = User.objects.create_user(username="dr_ten", password="x" * 12, role="clinician")
    large = User.objects.create_user(username="dr_many", password="x" * 12, role="clinician")
    two_step_on(small)
    two_step_on(large)
    link_all(small, people[:10])
    link_all(large, people)
    print(f"setup {time.perf_counter() - started:.1f} s", file=sys.stderr)
    print(f"database: {connection.vendor}; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")

    pages = {"trivial signed-in page": (small, "/soon/journal/"),
             "dashboard, 10 people": (small, "/care/"),
             f"dashboard, {args.people} people": (large, "/care/")}
    clients = {}
    for label, (user, path) in pages.items():
        client = Client()
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (label, response.status_code, response.get("Location"))
        if "dashboard" in label:
            body = response.content.decode()
            shown = 10 if "10" in label else args.people
            # Every person is counted and ordered; a page lists 20 (new flags first).
            assert f"{shown} people share with you" in body, label
            assert body.count('href="/care/people/') >= min(shown, 20)
        print(f"  {label:<26} {len(queries.captured_queries):3d} queries, "
              f"{len(response.content) // 1024} KiB")
        clients[label] = client
    wall: dict[str, list[float]] = {label: [] for label in pages}
    cpu: dict[str, list[float]] = {label: [] for label in pages}
    for _ in range(args.requests):
        for label, client in clients.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(pages[label][1])
            wall[label].append((time.perf_counter() - start) * 1000)
            cpu[label].append((time.process_time() - start_cpu) * 1000)
            assert response.status_code == 200

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[-1]

    print(f"\n{args.requests} requests each, round robin (wall includes database time):")
    for label in pages:
        print(f"  {label:<26} wall p50 {statistics.median(wall[label]):7.1f} ms  p95 "
              f"{p95(wall[label]):7.1f} ms   CPU p50 {statistics.median(cpu[label]):7.1f} ms")
    trivial = statistics.median(wall["trivial signed-in page"])
    ten = statistics.median(wall["dashboard, 10 people"])
    many = statistics.median(wall[f"dashboard, {args.people} people"])
    print(f"\n{args.people} people / trivial page: {many / trivial:.2f}x (target ≤ 4)")
    print(f"{args.people} people / 10 people:    {many / ten:.2f}x (target ≤ 1.5)")
    print(f"10 people / trivial page:  {ten / trivial:.2f}x")


if __name__ == "__main__":
    main()
