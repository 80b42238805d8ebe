"""`feelmap export USERNAME --format json|csv|fhir -o FILE`."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from feelmap.accounts.models import User
from feelmap.portability.files import write_export


class Command(BaseCommand):
    help = "Export one person's data as JSON (complete, re-importable), CSV files in a zip, or FHIR."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--format", choices=["json", "csv", "fhir"], default="json")
        parser.add_argument("-o", "--output", required=True,
                            help="The file to write (it must not exist yet).")

    def handle(self, *args, username, format, output, **options):  # noqa: A002
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no account named {username!r}.")
        path = Path(output).expanduser()
        if path.exists():
            raise CommandError(f"{path} already exists; choose a new file name.")

        def progress(label: str, done: int, total: int) -> None:
            sys.stderr.write(f"\r{label:<32} {done:>8}/{total:<8}")
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()

        try:
            write_export(user, format, path, progress)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        self.stdout.write(f"Wrote {path} ({path.stat().st_size:,} bytes).")
