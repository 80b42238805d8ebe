"""Errors under /api/ answer JSON (`{"detail": ...}`), never an HTML page.

Two layers: handlers on the NinjaAPI for everything raised inside an operation, and Django's
error views (`handler400/404/500` in `feelmap.urls`) for what happens outside one (an unknown
path, a middleware failing). The Django views fall back to the site's own pages for every path
that is not under /api/.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults

from feelmap.core import faults
from feelmap.core import views as pages

logger = logging.getLogger("feelmap.api")

API_PREFIX = "/api/"
UNAUTHORIZED = "Sign in, or send a valid token: Authorization: Bearer <token>."
TOO_LARGE = "The request body is too large."
SERVER_ERROR = "Something went wrong on our side. Nothing was changed; please try again later."


def too_large_detail() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return f"{TOO_LARGE} The limit is {limit // 1024} KB." if limit else TOO_LARGE


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def json_error(status: int, detail: str, **headers: str) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


def unauthorized() -> JsonResponse:
    return json_error(401, UNAUTHORIZED, **{"WWW-Authenticate": 'Bearer realm="feelmap"'})


# --- Django's error views (outside any API operation) ----------------------------------


def bad_request(request: HttpRequest, exception: Any = None) -> HttpResponse:
    if is_api(request):
        if isinstance(exception, RequestDataTooBig):
            return json_error(413, too_large_detail())
        return json_error(400, "The request could not be read.")
    return defaults.bad_request(request, exception)


def forbidden(request: HttpRequest, exception: Any = None) -> HttpResponse:
    if is_api(request):
        return json_error(403, "Not allowed.")
    return pages.forbidden(request, exception)


def not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    if is_api(request):
        return json_error(404, "Not found.")
    return pages.not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while handling the exception, so it is still at hand.
    fault = faults.database_fault(sys.exc_info()[1])
    if fault is not None:  # the database, not the code: 503, what was sent kept
        return faults.api_response(request, fault) if is_api(request) else faults.page_response(
            request, fault)
    if is_api(request):
        return json_error(500, SERVER_ERROR)
    return pages.server_error(request)
