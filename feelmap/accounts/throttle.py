"""A limit on wrong guesses at short secrets that are not passwords (care link codes).

Passwords and two-step codes go through django-axes (settings.AXES_*), as sign-in does. A link
code is entered by someone already signed in, with different odds (about 49 bits, valid 30
minutes), so it has its own limit: `limit` wrong guesses per key within `window`, counted in
the database so several app processes share the count. Keys are e.g. "viewer:12" and
"ip:192.0.2.1": a guesser is stopped by whichever fills first.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from .models import FailedGuess


def client_ip(request: HttpRequest) -> str:
    """The client's address as the login throttle sees it (axes, behind FEELMAP_PROXY_COUNT
    proxies)."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or "unknown"


def blocked(scope: str, keys: Iterable[str], *, limit: int, window: timedelta) -> bool:
    """True when any key has `limit` or more wrong guesses within the window."""
    since = timezone.now() - window
    return any(
        FailedGuess.objects.filter(scope=scope, key=key, at__gt=since).count() >= limit
        for key in keys
    )


def record(scope: str, keys: Iterable[str], *, window: timedelta) -> None:
    """Count one wrong guess for each key; guesses older than the window are dropped."""
    now = timezone.now()
    keys = list(keys)
    FailedGuess.objects.filter(scope=scope, at__lte=now - window).delete()
    FailedGuess.objects.bulk_create([FailedGuess(scope=scope, key=key[:96], at=now) for key in keys])
