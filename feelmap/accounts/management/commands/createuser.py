import sys

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from feelmap.accounts.models import User


class Command(BaseCommand):
    help = "Create an account (a person, or a clinician with --clinician); password from stdin."

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--clinician", action="store_true", help="Create a clinician account.")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            required=True,
            help="Read the password from standard input (keeps it out of shell history).",
        )
        parser.add_argument("--display-name", default="")

    def handle(self, *args, username, clinician, password_stdin, display_name, **options):
        username = username.strip()
        if not username:
            raise CommandError("The username is empty.")
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"An account named {username!r} already exists.")
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise CommandError("No password arrived on standard input.")
        role = User.Role.CLINICIAN if clinician else User.Role.PERSON
        candidate = User(username=username, role=role)
        try:
            password_validation.validate_password(password, candidate)
        except ValidationError as exc:
            raise CommandError("The password was not accepted: " + " ".join(exc.messages)) from exc
        User.objects.create_user(
            username=username, password=password, role=role, display_name=display_name
        )
        self.stdout.write(f"Created {role} account {username!r}.")
