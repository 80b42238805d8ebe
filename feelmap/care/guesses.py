"""Entering a link code, with a limit on wrong guesses.

A code is 10 symbols of 31 (about 49 bits) and works for 30 minutes, so guessing is hopeless at
a human pace, but a script could try many. After GUESS_LIMIT codes that did not work within
GUESS_WINDOW, by the same account or from the same address, entering codes is paused for that
account or address (the oldest miss then ages out). The page and the API both come through here.
"""

from __future__ import annotations

from datetime import timedelta

from feelmap.accounts import throttle
from feelmap.accounts.models import User

from . import services
from .models import Link
from .schemas import JoinIn

SCOPE = "care-join"
GUESS_LIMIT = 10
GUESS_WINDOW = timedelta(hours=1)
TOO_MANY = ("Several codes in a row did not work, so entering codes is paused for up to an hour. "
            "Nothing has changed. Please check the code with the person who gave it to you, "
            "or ask them for a new one, and try again later.")


class TooManyGuesses(services.CareError):
    """Refused before the code was even looked at."""


def _keys(viewer: User, ip: str) -> list[str]:
    return [f"viewer:{viewer.pk}", f"ip:{ip}"]


def join(viewer: User, data: JoinIn, ip: str) -> Link:
    """services.join, unless this viewer or address has missed GUESS_LIMIT times within the
    window; a refused code counts as a miss for both."""
    keys = _keys(viewer, ip)
    if throttle.blocked(SCOPE, keys, limit=GUESS_LIMIT, window=GUESS_WINDOW):
        raise TooManyGuesses(TOO_MANY)
    try:
        return services.join(viewer, data)
    except services.CareError:
        throttle.record(SCOPE, keys, window=GUESS_WINDOW)
        raise
