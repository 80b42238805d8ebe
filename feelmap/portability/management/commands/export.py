"""`feelmap export USERNAME --format json|csv|fhir|pdf -o FILE [--start DAY --end DAY]`."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from feelmap.accounts.models import User
from feelmap.insights.schemas import ReportPeriodIn
from feelmap.lib.validation import validate
from feelmap.portability.files import write_export


class Command(BaseCommand):
    help = ("Export one person's data as JSON (complete, re-importable), CSV files in a zip, "
            "FHIR, or a PDF summary of a period.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--format", choices=["json", "csv", "fhir", "pdf"], default="json")
        parser.add_argument("--start", help="PDF only: first day, YYYY-MM-DD (a year before "
                            "--end if left out).")
        parser.add_argument("--end", help="PDF only: last day, YYYY-MM-DD (today if left out).")
        parser.add_argument("-o", "--output", required=True,
                            help="The file to write (it must not exist yet).")

    def handle(self, *args, username, format, output, start=None, end=None,  # noqa: A002
               **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no account named {username!r}.")
        period, errors = validate(ReportPeriodIn, {k: v for k, v in (("start", start),
                                                                     ("end", end)) if v})
        if period is None:
            raise CommandError(" ".join(f"--{k}: {' '.join(v)}" for k, v in errors.items()))
        path = Path(output).expanduser()
        if path.exists():
            raise CommandError(f"{path} already exists; choose a new file name.")

        def progress(label: str, done: int, total: int) -> None:
            sys.stderr.write(f"\r{label:<32} {done:>8}/{total:<8}")
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()

        try:
            write_export(user, format, path, progress, start=period.start, end=period.end,
                         made_by=f"{user.shown_name} (feelmap export)")
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        self.stdout.write(f"Wrote {path} ({path.stat().st_size:,} bytes).")
