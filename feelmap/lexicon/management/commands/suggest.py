import sys

from django.core.management.base import BaseCommand, CommandError

from ..suggest_cli import HELP, UsageError, add_arguments, run, silence_closed_pipe


class Command(BaseCommand):
    help = HELP + (
        '\n\nfeelmap suggest [--json] [--top K] TEXT prints {"suggestions": [...]}; '
        "feelmap suggest --batch FILE [--top K] prints one JSON object per line."
    )
    requires_system_checks: list[str] = []  # no database or settings checks needed

    def add_arguments(self, parser):
        add_arguments(parser)

    def handle(self, *args, text, top, as_json, batch, **options):
        try:
            run(text, top=top, as_json=as_json, batch=batch,
                stdin=sys.stdin, out=self.stdout, err=self.stderr)
        except BrokenPipeError:
            silence_closed_pipe()
        except UsageError as exc:
            raise CommandError(str(exc), returncode=2) from None
