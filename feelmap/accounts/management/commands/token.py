from django.core.management.base import BaseCommand, CommandError

from feelmap.accounts import services
from feelmap.accounts.models import ApiToken, User
from feelmap.accounts.schemas import TOKEN_MAX_DAYS, TokenCreate
from feelmap.lib.validation import validate


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "-"


class Command(BaseCommand):
    help = "Print a new API token for USERNAME (shown once; only its hash is stored); --list, --revoke."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help="The account the token is for (or to list).")
        parser.add_argument("--label", default="", help="A name to recognise the token by.")
        parser.add_argument(
            "--days", type=int, default=None,
            help=f"Let the token work for N days (1-{TOKEN_MAX_DAYS}); without it, until revoked.",
        )
        action = parser.add_mutually_exclusive_group()
        action.add_argument(
            "--list", action="store_true",
            help="List USERNAME's tokens: id, name, created, last used, expiry (never the token).",
        )
        action.add_argument("--revoke", metavar="ID", help="Revoke the token with this id (from --list).")

    def handle(self, *args, username, label, days, list, revoke, **options):  # noqa: A002
        if revoke:
            if username:
                raise CommandError("--revoke takes only the token's id, e.g. feelmap token --revoke ID")
            token = services.token_revoke_by_id(revoke)
            if token is None:
                raise CommandError(f"No token with id {revoke!r}. See 'feelmap token --list USERNAME'.")
            self.stdout.write(f"Revoked token {token.public_id} ({token.label or 'no name'}).")
            return
        if not username:
            raise CommandError("Name the account, e.g. feelmap token USERNAME (or --list USERNAME).")
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account named {username!r}.")
        if list:
            self._list(user)
            return
        data, errors = validate(TokenCreate, {"label": label, "days": days})
        if data is None:
            problems = "; ".join(f"--{field}: {' '.join(msgs)}" for field, msgs in errors.items())
            raise CommandError(f"The token was not made: {problems}")
        _token, raw = services.token_create(user, data)
        self.stdout.write(raw)

    def _list(self, user: User) -> None:
        tokens = list(ApiToken.objects.filter(user=user))
        if not tokens:
            self.stdout.write(f"{user.username} has no API tokens.")
            return
        header = ("id", "name", "created", "last used", "expires", "status")
        rows = [
            (str(t.public_id), t.label or "-", _when(t.created_at), _when(t.last_used_at),
             _when(t.expires_at) if t.expires_at else "never", t.status)
            for t in tokens
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
