"""`feelmap backup [-o FILE]`."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from feelmap.portability.backup import BackupUnavailable, backup_sqlite, database_path, keys_note


class Command(BaseCommand):
    help = "Make a consistent copy of the database while Feelmap runs (SQLite; PostgreSQL: pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="The backup file (default: "
                            "feelmap-backup-YYYYmmdd-HHMMSS.sqlite3 in the current folder).")

    def handle(self, *args, output, **options):
        try:
            source = database_path()
        except BackupUnavailable as exc:
            raise CommandError(f"{exc}\n{keys_note()}") from None
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        target = Path(output or f"feelmap-backup-{stamp}.sqlite3").expanduser()

        def progress(done: int, total: int) -> None:
            sys.stderr.write(f"\rcopying pages {done:>8}/{total:<8}")
            if done >= total:
                sys.stderr.write("\n")

        try:
            backup_sqlite(source, target, progress)
        except BackupUnavailable as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Backed up {source} to {target}.")
        self.stdout.write(keys_note())
