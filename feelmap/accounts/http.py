"""The request type of pages behind `login_required`."""

from __future__ import annotations

from django.http import HttpRequest

from .models import User


class SignedInRequest(HttpRequest):
    """A request `login_required` let through: `user` is the signed-in person, never anonymous.

    Only for annotations (django-stubs' documented pattern); Django still passes an HttpRequest.
    """

    user: User


class ApiRequest(HttpRequest):
    """A request to /api/v1/ that passed the API's auth (a token or the session): django-ninja
    puts the signed-in person on `auth` (and on `user`)."""

    auth: User
    user: User
