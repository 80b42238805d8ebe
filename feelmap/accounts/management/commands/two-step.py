from django.core.management.base import BaseCommand, CommandError

from feelmap.accounts import twofactor
from feelmap.accounts.models import User


class Command(BaseCommand):
    help = "Show or reset USERNAME's two-step sign-in (for a lost phone)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--reset", action="store_true",
            help="Remove their authenticator and recovery codes; they set it up again at their "
                 "next sign-in (clinicians in clinic mode are sent to the set-up page).",
        )

    def handle(self, *args, username, reset, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account named {username!r}.")
        if reset:
            twofactor.reset(user)
            self.stdout.write(f"Two-step sign-in reset for {username!r}.")
            return
        state = "on" if twofactor.is_on(user) else "off"
        self.stdout.write(f"Two-step sign-in is {state} for {username!r}; "
                          f"{twofactor.recovery_codes_left(user)} recovery code(s) left.")
