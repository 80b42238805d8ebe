"""The JSON API at /api/v1/: one NinjaAPI, each area adds its router here."""

import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db.utils import InterfaceError, OperationalError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from feelmap.core import faults

from . import errors
from .auth import AUTH
from .schemas import Me

logger = logging.getLogger("feelmap.api")

_ERROR_REF = {"$ref": "#/components/schemas/Error"}
_VALIDATION_REF = {"$ref": "#/components/schemas/ValidationErrorOut"}


def _json(description: str, ref: dict[str, str]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ref}}}


class FeelmapAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document also lists the answers the API itself can give.

    Each operation declares its own outcomes (201, 404, 409, 422 …). What does not depend on the
    operation is added here so the document is complete for every one of them: 401 when it
    needs a sign-in, 422 when it reads parameters, 400 (not JSON) and 413 (too large) when it
    reads a body, 500 and 503 (the database is unavailable; nothing was changed) always.
    """

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault("Error", errors_schema("Error"))
        components.setdefault("ValidationErrorOut", errors_schema("ValidationErrorOut"))
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                answers = operation.setdefault("responses", {})
                if operation.get("security"):
                    answers.setdefault(401, _json("Not signed in, or the token is not valid.", _ERROR_REF))
                if operation.get("parameters") or operation.get("requestBody"):
                    answers.setdefault(422, _json("Some values need another look.", _VALIDATION_REF))
                if operation.get("requestBody"):
                    answers.setdefault(400, _json("The body is not valid JSON.", _ERROR_REF))
                    answers.setdefault(413, _json(errors.TOO_LARGE, _ERROR_REF))
                answers.setdefault(500, _json("Something went wrong on our side.", _ERROR_REF))
                answers.setdefault(503, _json("The database is unavailable just now (full, "
                                              "read-only or restarting); nothing was changed. "
                                              "Send the same request again after Retry-After "
                                              "seconds.", _ERROR_REF))
        return schema


def errors_schema(name: str) -> dict[str, Any]:
    from feelmap.lib import schemas

    return getattr(schemas, name).model_json_schema(ref_template="#/components/schemas/{model}")


api = FeelmapAPI(
    title="Feelmap API",
    version="1",
    description="Check-ins, vocabulary, journal, practices and measures for one person. "
    "Authenticate with `Authorization: Bearer <token>` (create one with `feelmap token USERNAME`). "
    'Errors are JSON: `{"detail": "..."}`, and 422 adds a message per field in `fields`.',
    auth=AUTH,
    urls_namespace="api",
    docs_url=None,  # the interactive docs load code from a CDN, which the strict CSP forbids
)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    """One error shape: a message per field, so a client can show each next to its input."""
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", [])]
        # Drop ninja's leading location marker and the view's parameter name, but nothing
        # after them: a field that is itself named "body" keeps its name.
        if loc and loc[0] in ("body", "query", "path"):
            loc = loc[1:]
        if len(loc) > 1 and loc[0] in ("payload", "params", "data", "filters"):
            loc = loc[1:]
        message = str(error.get("msg", "Invalid value."))
        message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
        fields.setdefault(".".join(loc) or "_", []).append(message)
    return api.create_response(
        request, {"detail": "Some values need another look.", "fields": fields}, status=422
    )


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc: AuthenticationError):
    return errors.unauthorized()


@api.exception_handler(RequestDataTooBig)
def too_large(request, exc: RequestDataTooBig):
    return errors.json_error(413, errors.too_large_detail())


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def database_unavailable(request, exc: Exception):
    """The database is full, read-only, locked or unreachable: 503, nothing was changed."""
    return faults.api_response(request, exc)


@api.exception_handler(Exception)
def server_error(request, exc: Exception):
    """Anything unexpected: logged with its traceback (never the request body), JSON 500."""
    logger.error(
        "Unhandled error in %s %s", request.method, request.path, exc_info=exc
    )
    return errors.json_error(500, errors.SERVER_ERROR)


# Each area owns its router; the prefixes here are the whole public surface of /api/v1/.
api.add_router("", "feelmap.lexicon.api.router")  # /lexicon, /suggest
api.add_router("/checkins", "feelmap.checkins.api.router")
api.add_router("/journal", "feelmap.journal.api.router")
api.add_router("/practices", "feelmap.practices.api.router")
api.add_router("/heartbeat", "feelmap.heartbeat.api.router")
api.add_router("/say", "feelmap.saying.api.router")
api.add_router("/assessments", "feelmap.assessments.api.router")
api.add_router("/safety", "feelmap.safety.api.router")
api.add_router("/program", "feelmap.program.api.router")
api.add_router("/insights", "feelmap.insights.api.router")
api.add_router("/care", "feelmap.care.api.router")
api.add_router("/account", "feelmap.portability.api.router")
api.add_router("/tokens", "feelmap.api.tokens.router")


@api.get("/me", response=Me, tags=["accounts"])
def me(request):
    user = request.auth
    return {
        "id": user.public_id,
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
    }
