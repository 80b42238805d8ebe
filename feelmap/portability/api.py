"""The account's data over the API: export (each format), import, delete the account."""

from __future__ import annotations

from datetime import date
from typing import IO, cast

from django.http import FileResponse
from ninja import File, Router, Status, UploadedFile

from feelmap.insights.schemas import ReportPeriodIn
from feelmap.lib.schemas import Error, ValidationErrorOut
from feelmap.lib.validation import validate

from . import kinds as _kinds  # noqa: F401 - registers today's kinds
from .files import FORMATS, export_to_temp, file_name
from .importing import ImportRefused, import_file
from .registry import VERSION
from .schemas import DeleteAccountIn, DeletedOut, ExportFormat, ImportOut, ImportRefusedOut
from .services import delete_account

router = Router(tags=["your data"])

_FILE_CONTENT = {
    "application/json": {"schema": {"$ref": f"https://feelmap.invalid/schema/export-v{VERSION}.schema.json"}},
    "application/zip": {"schema": {"type": "string", "format": "binary"}},
    "application/fhir+json": {"schema": {"type": "object", "description": "A FHIR R4 Bundle."}},
    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
}


@router.get(
    "/export",
    response={200: None, 422: ValidationErrorOut},
    openapi_extra={"responses": {200: {"description": "The export file: JSON (format=json, "
                                       f"schema export-v{VERSION}), a zip of CSV files (csv) or a FHIR R4 "
                                       "Bundle (fhir), or a PDF summary of a period (pdf).",
                                       "content": _FILE_CONTENT}}},
)
def export(request, format: ExportFormat = "json", start: date | None = None,  # noqa: A002
           end: date | None = None):
    """Everything of the signed-in person, as a file download; `pdf` is a summary of the days
    from `start` to `end` (a year to today by default)."""
    user = request.auth
    period, errors = validate(ReportPeriodIn, {k: v for k, v in (("start", start), ("end", end))
                                               if v is not None})
    if period is None:
        return Status(422, {"detail": "Choose another period.", "fields": errors})
    handle = export_to_temp(user, format, start=period.start, end=period.end)
    response = FileResponse(handle, as_attachment=True, filename=file_name(user, format),
                            content_type=FORMATS[format][1])
    response["Cache-Control"] = "no-store"
    return response


@router.post("/import", response={200: ImportOut, 413: Error, 422: ImportRefusedOut})
def import_(request, file: File[UploadedFile]):
    """Import a Feelmap JSON export into the signed-in person's account: all or nothing."""
    try:
        result = import_file(request.auth, cast(IO[bytes], file))
    except ImportRefused as refused:
        return Status(422, {"detail": "Nothing was imported.", "problems": refused.problems,
                            "fields": {"file": refused.problems}})
    return {"added": result.added, "kept": result.kept, "updated": result.updated}


@router.post("/delete", response={200: DeletedOut, 422: ValidationErrorOut})
def delete(request, payload: DeleteAccountIn):
    """Delete the signed-in person's account and everything in it; every token and session
    ends. `confirm` must be the account's username."""
    user = request.auth
    if payload.confirm != user.get_username():
        return Status(422, {"detail": "Nothing was deleted.",
                            "fields": {"confirm": ["That is not this account's username."]}})
    removed = delete_account(user)
    return {"detail": "The account and everything in it were deleted.", "removed": removed}
