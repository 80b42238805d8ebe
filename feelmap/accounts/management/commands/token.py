from django.core.management.base import BaseCommand, CommandError

from feelmap.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "Print a new API token for USERNAME (shown once; only its hash is stored)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--label", default="", help="A note to recognise the token by.")

    def handle(self, *args, username, label, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account named {username!r}.")
        _token, raw = ApiToken.issue(user, label=label)
        self.stdout.write(raw)
