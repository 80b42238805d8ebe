import sys

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from feelmap.accounts import services
from feelmap.accounts.models import User


class Command(BaseCommand):
    help = "Set a new password for USERNAME (read from stdin); their API tokens are revoked."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--password-stdin", action="store_true", required=True,
            help="Read the new password from standard input (keeps it out of shell history).",
        )

    def handle(self, *args, username, password_stdin, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account named {username!r}.")
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise CommandError("No password arrived on standard input.")
        try:
            password_validation.validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("The password was not accepted: " + " ".join(exc.messages)) from exc
        revoked = services.password_change(user, password)
        self.stdout.write(
            f"Password changed for {username!r}; {revoked} API token(s) revoked."
        )
