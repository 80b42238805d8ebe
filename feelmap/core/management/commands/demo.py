"""`feelmap demo`: a demo person with realistic, varied data, for trying Feelmap and for
benchmarks. Each area adds its own kind of data through a `demo.generate` function."""

from __future__ import annotations

import importlib
import random
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from feelmap.accounts.models import User

# Order matters: later parts may build on earlier ones (practices log check-ins, for example).
DEMO_PARTS = [
    "feelmap.checkins.demo",
    "feelmap.journal.demo",
    "feelmap.practices.demo",
    "feelmap.saying.demo",
    "feelmap.assessments.demo",
    "feelmap.program.demo",
    "feelmap.heartbeat.demo",
]
DEMO_PASSWORD = "demo passphrase"  # noqa: S105 - a published password for demo data only  # nosec B105  # the published password of demo data


class Progress:
    """One line on stderr that updates in place: 'check-ins  1200/5475  22%'."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.last = 0.0

    def __call__(self, label: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.2:
            return
        self.last = now
        pct = 100 * done // max(total, 1)
        end = "\n" if done >= total else ""
        self.stream.write(f"\r{label:<16} {done:>7}/{total:<7} {pct:3d}%{end}")
        self.stream.flush()


class Command(BaseCommand):
    help = "Create a demo person with realistic, varied data (for trying Feelmap and benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=60, help="How many days of history (1-3650).")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
        parser.add_argument("--username", default="demo")
        parser.add_argument("--per-day", type=int, default=3, help="Check-ins a day (1-10).")

    def handle(self, *args, days, seed, username, per_day, **options):
        if not 1 <= days <= 3650:
            raise CommandError("--days must be between 1 and 3650.")
        if not 1 <= per_day <= 10:
            raise CommandError("--per-day must be between 1 and 10.")
        if User.objects.filter(username=username).exists():
            raise CommandError(
                f"An account named {username!r} already exists; choose another --username."
            )
        rng = random.Random(seed)  # nosec B311  # reproducible demo data, not a secret
        progress = Progress()
        started = time.monotonic()
        with transaction.atomic():
            user = User.objects.create_user(
                username=username, password=DEMO_PASSWORD, display_name="Demo"
            )
            for dotted in DEMO_PARTS:
                try:
                    module = importlib.import_module(dotted)
                except ModuleNotFoundError:
                    continue
                module.generate(user, days=days, per_day=per_day, rng=rng, progress=progress)
        self.stderr.write(f"Done in {time.monotonic() - started:.1f} s.")
        self.stdout.write(
            f"Created demo person {username!r} with {days} days of data; "
            f"log in with the password {DEMO_PASSWORD!r}."
        )
