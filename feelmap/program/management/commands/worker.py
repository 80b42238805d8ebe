"""`feelmap worker [--once]`: send e-mail reminders, using the database as the queue."""

from __future__ import annotations

import signal
import threading

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from feelmap.program import worker


class Command(BaseCommand):
    help = "Send e-mail reminders (the database is the queue); --once does one pass and exits."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true",
                            help="Do one pass (plan, send what is due) and exit.")
        parser.add_argument("--interval", type=float, default=30.0,
                            help="Seconds between passes (default 30).")

    def handle(self, *args, once: bool, interval: float, **options):
        if not 0.05 <= interval <= 3600:
            raise CommandError("--interval must be between 0.05 and 3600 seconds.")
        stop = threading.Event()
        me = worker.worker_id()

        def say(text: str) -> None:
            self.stderr.write(f"worker: {text}")
            self.stderr.flush()

        def on_term(signum, frame):
            say("stopping (SIGTERM): finishing the current message")
            stop.set()

        signal.signal(signal.SIGTERM, on_term)
        signal.signal(signal.SIGINT, on_term)
        say(f"started as {me}" + (" for one pass" if once else f", every {interval:g} s"))
        while not stop.is_set():
            result = worker.run_pass(timezone.now(), me, say, should_stop=stop.is_set,
                                     now_fn=timezone.now)
            if result.sent or result.retrying or result.skipped or result.failed or result.unsure:
                say(f"pass done: {result.sent} sent, {result.retrying} to retry, "
                    f"{result.skipped} skipped, {result.failed} given up"
                    + (f", {result.unsure} maybe sent (not again)" if result.unsure else ""))
            if once:
                waiting = worker.next_due(timezone.now())
                if waiting is not None:
                    say(f"next reminder waiting until {waiting:%Y-%m-%d %H:%M:%S} UTC")
                break
            say("waiting")
            stop.wait(interval)
        say("stopped")
