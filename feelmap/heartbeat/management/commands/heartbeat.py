from django.core.management.base import BaseCommand, CommandError

from ..heartbeat_cli import HELP, UsageError, add_arguments, run


class Command(BaseCommand):
    help = HELP + (
        '\n\nfeelmap heartbeat analyze FILE [--kind ppg|ecg|rr] [--rate HZ] [--start S] [--end S] '
        '--json prints {"beats": N, "bpm": x, "quality": {...}, "beat_times": [...]}.'
    )
    requires_system_checks: list[str] = []  # no database needed

    def add_arguments(self, parser):
        add_arguments(parser)

    def handle(self, *args, action, file, kind, rate, start, end, as_json, **options):
        try:
            run(file=file, kind=kind, rate=rate, start=start, end=end, as_json=as_json,
                out=self.stdout)
        except UsageError as exc:
            raise CommandError(str(exc), returncode=2) from None
