"""`feelmap import FILE [--username NAME]`."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from feelmap.accounts.models import User
from feelmap.portability.importing import ImportRefused, file_person, import_file


class Command(BaseCommand):
    help = "Import a Feelmap JSON export: all of it or, if anything is wrong, nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--username", help="The account to import into (made if missing); "
                                               "without it, the account named in the file.")

    def handle(self, *args, file, username, **options):
        path = Path(file).expanduser()
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")

        def progress(label: str, done: int, total: int) -> None:
            sys.stderr.write(f"{label:<32} {done:>8}/{total:<8}\n")

        try:
            name = username
            if not name:
                with path.open("rb") as stream:
                    name = file_person(stream).get("username")
            if not isinstance(name, str) or not name:
                raise CommandError("The file names no account; give one with --username NAME.")
            with transaction.atomic(), path.open("rb") as stream:
                user = User.objects.filter(username=name).first()
                made = user is None
                if made:
                    user = User.objects.create_user(username=name)  # no password yet
                result = import_file(user, stream, progress)
        except ImportRefused as refused:
            lines = "\n".join(f"  - {p}" for p in refused.problems)
            raise CommandError(f"Nothing was imported:\n{lines}") from None
        kept = sum(result.kept.values())
        settings_count = sum(result.updated.values())
        self.stdout.write(
            f"Imported {result.total_added} records into {name!r}"
            + (f"; {kept} were already there and were left as they were" if kept else "")
            + (f"; {settings_count} settings (profile, preferences, plan) were set from the file."
               if settings_count else ".")
        )
        if made:
            self.stdout.write(f"The account {name!r} is new: set its password with "
                              f"`feelmap password {name}`.")
