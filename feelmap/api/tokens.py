"""/api/v1/tokens: the person's API tokens (the page at /accounts/tokens/ over the API).

Listing and revoking work with any sign-in. Making a new token needs the session (the web
page's own scripts, with their CSRF check): a token that could mint tokens would let whoever
copied it keep access after it is revoked.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import Router, Schema, Status

from feelmap.accounts import services
from feelmap.accounts.http import ApiRequest
from feelmap.accounts.models import ApiToken
from feelmap.accounts.schemas import TokenCreate
from feelmap.lib.schemas import Error, ValidationErrorOut

router = Router(tags=["accounts"])

NO_MINTING = (
    "A new token can only be made while signed in on the site (Your account, API tokens), or "
    "with `feelmap token USERNAME`: a token cannot make more tokens."
)


class TokenOut(Schema):
    id: UUID
    label: str
    status: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class NewTokenOut(TokenOut):
    token: str


def _out(token: ApiToken) -> dict:
    return {"id": token.public_id, "label": token.label, "status": token.status,
            "created_at": token.created_at, "last_used_at": token.last_used_at,
            "expires_at": token.expires_at, "revoked_at": token.revoked_at}


@router.get("", response={200: list[TokenOut]}, summary="Your API tokens, newest first")
def list_tokens(request: ApiRequest):
    """Every token of the signed-in person (working, expired and revoked); never their values."""
    return [_out(t) for t in ApiToken.objects.filter(user=request.auth)]


@router.post("", response={201: NewTokenOut, 403: Error, 422: ValidationErrorOut},
             summary="Make a new API token (signed-in session only)")
def create_token(request: ApiRequest, payload: TokenCreate):
    """The answer's `token` is the only time its value is shown. Refused (403) when the request
    itself is signed in with a token."""
    if getattr(request, "api_token", None) is not None:
        return Status(403, {"detail": NO_MINTING})
    token, raw = services.token_create(request.auth, payload)
    return Status(201, {**_out(token), "token": raw})


@router.delete("/{token_id}", response={204: None, 404: Error}, summary="Revoke a token")
def revoke_token(request: ApiRequest, token_id: UUID):
    """It stops working at once, the token making this request included."""
    if services.token_revoke_by_id(token_id, owner=request.auth) is None:
        return Status(404, {"detail": "No such token."})
    return Status(204, None)
