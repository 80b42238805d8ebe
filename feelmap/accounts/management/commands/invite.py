from django.core.management.base import BaseCommand, CommandError

from feelmap.accounts.models import Invitation, User


class Command(BaseCommand):
    help = "Print a one-time sign-up link path (for clinic mode, where open sign-up is off)."

    def add_arguments(self, parser):
        parser.add_argument("--clinician", action="store_true")
        parser.add_argument("--days", type=int, default=7, help="How long the link works (1-90).")
        parser.add_argument("--base-url", default="", help="e.g. https://feelmap.example.org")

    def handle(self, *args, clinician, days, base_url, **options):
        if not 1 <= days <= 90:
            raise CommandError("--days must be between 1 and 90.")
        role = User.Role.CLINICIAN if clinician else User.Role.PERSON
        _invitation, raw = Invitation.issue(role=role, days=days)
        self.stdout.write(f"{base_url.rstrip('/')}/accounts/invite/{raw}/")
