"""Output schemas every API router shares: the error bodies.

They live in `lib` (not in `feelmap.api`) because apps may not import the API package, yet
each app's router declares them for its operations, e.g.
``response={200: ThingOut, 404: Error, 422: ValidationErrorOut}``.
"""

from __future__ import annotations

from ninja import Schema


class Error(Schema):
    """Every error that is not about one field: 401, 403, 404, 409, 413, 500."""

    detail: str


class ValidationErrorOut(Schema):
    """422: a sentence for the whole request and the messages for each field by dotted path."""

    detail: str
    fields: dict[str, list[str]]
