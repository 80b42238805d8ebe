from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from feelmap.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer fm_…` — tokens from `feelmap token USERNAME`."""

    def authenticate(self, request, token: str):
        found = ApiToken.objects.for_raw(token)
        if found is None or not found.user.is_active:
            return None
        # Record use at most once a minute: a write per request would be wasted work.
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        request.api_token = found  # operations that a token may not do check this
        return found.user


class SignedInSession(SessionAuth):
    """The web pages' own scripts: the session cookie, with its CSRF check.

    The CSRF check only runs for a request that really is signed in. A client with no
    session (a script with a missing or wrong token) gets 401 "Unauthorized" instead of 403
    "CSRF check failed", which would send its author looking in the wrong place.
    """

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)


# The web pages' own scripts use the session (with its CSRF check); scripts and tools use tokens.
AUTH = [TokenAuth(), SignedInSession()]
