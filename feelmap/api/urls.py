"""The JSON API at /api/v1/: one NinjaAPI, each area adds its router here."""

from ninja import NinjaAPI
from ninja.errors import ValidationError

from .auth import AUTH
from .schemas import Me

api = NinjaAPI(
    title="Feelmap API",
    version="1",
    description="Check-ins, vocabulary, journal, practices and measures for one person. "
    "Authenticate with `Authorization: Bearer <token>` (create one with `feelmap token USERNAME`).",
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
        fields.setdefault(".".join(loc) or "_", []).append(error.get("msg", "Invalid value."))
    return api.create_response(
        request, {"detail": "Some values need another look.", "fields": fields}, status=422
    )


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


@api.get("/me", response=Me, tags=["accounts"])
def me(request):
    user = request.auth
    return {
        "id": user.public_id,
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
    }
