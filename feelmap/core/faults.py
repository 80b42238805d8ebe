"""When the database fails (disk full, file read-only or locked, server unreachable or
restarting): say so plainly, keep what the person wrote, and recover by itself.

Every write is one transaction (each app's services), so a failure part-way stores nothing.
This module turns the failure into a 503 answer instead of a generic 500:
- pages get a page that says the entry was not saved, shows the words that were sent (to copy)
  and offers a button that sends the same form again;
- the API gets `{"detail": ...}` JSON;
- both carry `Retry-After`.
It also closes the failed connection, so the next request opens a fresh one: a SQLite
connection opened while the file was read-only stays read-only, and a PostgreSQL connection
cut by a restart never works again. Nothing else needs restarting once the fault clears.
"""

from __future__ import annotations

import logging

from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import get_template

logger = logging.getLogger("feelmap.faults")

RETRY_AFTER_SECONDS = 30
NOT_SAVED = (
    "Nothing was saved: Feelmap could not reach where it keeps your data (the disk may be "
    "full or read-only, or the database busy or restarting). Nothing was changed. Please send "
    "the same request again in a minute."
)
NOT_READ = (
    "Feelmap could not reach where it keeps your data (the database may be busy or "
    "restarting). Please try again in a minute."
)
# Posted fields that are never shown or sent back: secrets and the form's own bookkeeping.
HIDDEN_FROM_PAGE = {"csrfmiddlewaretoken", "version", "action", "next"}
SECRET_WORDS = ("password", "token", "secret", "code", "otp")


def database_fault(exc: BaseException | None) -> BaseException | None:
    """The database failure behind `exc` (itself or what it was raised from), if any."""
    depth = 0
    while exc is not None and depth < 5:
        if isinstance(exc, (OperationalError, InterfaceError)):
            return exc
        exc = exc.__cause__ or exc.__context__
        depth += 1
    return None


def reset_connections() -> None:
    """Close every connection that is not inside a transaction, so the next use reconnects."""
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            try:
                conn.close()
            except Exception:  # noqa: BLE001  # a broken connection may fail to close; dropped either way
                conn.connection = None


def _log(request: HttpRequest, exc: BaseException) -> None:
    # The driver's first line names the fault ("database or disk is full", "connection
    # refused"); what the person wrote is never in it.
    first_line = (str(exc).splitlines() or [""])[0][:200]
    logger.warning("Database unavailable in %s %s: %s: %s", request.method, request.path,
                   type(exc).__name__, first_line)


def _is_write(request: HttpRequest) -> bool:
    return request.method not in {"GET", "HEAD", "OPTIONS"}


def api_response(request: HttpRequest, exc: BaseException) -> JsonResponse:
    _log(request, exc)
    reset_connections()
    response = JsonResponse({"detail": NOT_SAVED if _is_write(request) else NOT_READ},
                            status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _kept(request: HttpRequest) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(every posted value to send again, the written words to show), secrets left out."""
    resend: list[tuple[str, str]] = []
    shown: list[tuple[str, str]] = []
    try:
        posted = list(request.POST.lists())
    except Exception:  # noqa: BLE001  # an unreadable body has nothing to keep
        return [], []
    for name, values in posted:
        # The form's CSRF token goes back as it came (the button must pass the same check);
        # passwords, codes and other secrets are never written into a page.
        if name != "csrfmiddlewaretoken" and any(word in name.lower() for word in SECRET_WORDS):
            continue
        for value in values:
            resend.append((name, value))
            # What a person writes has spaces or some length; scale positions and ids do not.
            if name not in HIDDEN_FROM_PAGE and value.strip() and (" " in value or len(value) > 24):
                shown.append((name.replace("_", " "), value))
    return resend, shown


def page_response(request: HttpRequest, exc: BaseException) -> HttpResponse:
    """The 503 page. Rendered without the database: no user, no session, no context
    processors (each would fail again)."""
    _log(request, exc)
    reset_connections()
    writing = _is_write(request)
    resend, shown = _kept(request) if writing else ([], [])
    html = get_template("feelmap/503.html").render(
        {
            "writing": writing,
            "path": request.get_full_path(),
            "resend": resend,
            "shown": shown,
            "retry_after": RETRY_AFTER_SECONDS,
        }
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
