"""Journal API: entries (list, create, read, change, delete) and the prompt library.

Same rules as the pages: the input schemas in schemas.py decide what may be saved, services
does the writing (and the safety check, returned as `offer_help`), and another person's entry
is always a 404.
"""

from __future__ import annotations

from ninja import Query, Router, Status
from pydantic import ValidationError

from feelmap.lib.access import owned_or_404
from feelmap.lib.readable import readable_page
from feelmap.lib.schemas import Error, ValidationErrorOut
from feelmap.lib.validation import errors_by_field

from . import services
from .models import JournalEntry
from .prompts import kinds_as_dict, load_prompts, prompts_of_kind
from .schemas import (
    JournalEntryConflictOut,
    JournalEntryIn,
    JournalEntryList,
    JournalEntryOut,
    JournalEntryPatch,
    JournalListParams,
    JournalPromptLibrary,
    JournalPromptParams,
)

router = Router(tags=["journal"])


def _out(entry: JournalEntry) -> dict:
    prompt = entry.prompt
    return {
        "id": entry.public_id,
        "prompt_id": entry.prompt_id or None,
        "prompt_title": prompt.title if prompt else None,
        "title": entry.title,
        "body": entry.body,
        "steps": entry.steps,
        "labels": [
            {"word": lb.word, "family": lb.family, "added_from": lb.added_from}
            for lb in entry.labels.all()
        ],
        "minutes_spent": entry.minutes_spent,
        "written_at": entry.written_at,
        "created_at": entry.created_at,
        "updated_at": entry.updated_at,
        "version": entry.version,
        "offer_help": entry.offer_help,
        "help_level": entry.help_level or None,
    }


def _invalid(fields: dict[str, list[str]]) -> Status:
    # Built here because the shared handler would drop the first part of a field named "body".
    return Status(422, {"detail": "Some values need another look.", "fields": fields})


@router.get(
    "/entries",
    response={200: JournalEntryList, 422: ValidationErrorOut},
    summary="Your journal entries, newest first",
)
def list_entries(request, params: Query[JournalListParams]):
    entries = services.entries_for(request.auth)
    page = readable_page(entries, params.offset, params.limit)
    return {"count": entries.count(), "items": [_out(e) for e in page]}


@router.post(
    "/entries",
    response={201: JournalEntryOut, 422: ValidationErrorOut},
    summary="Write an entry",
)
def create_entry(request, payload: JournalEntryIn):
    entry = services.create_entry(owner=request.auth, data=payload)
    return Status(201, _out(entry))


@router.get(
    "/entries/{entry_id}",
    response={200: JournalEntryOut, 404: Error},
    summary="One entry",
)
def get_entry(request, entry_id: str):
    return _out(owned_or_404(services.entries_for(request.auth), request.auth, entry_id))


CONFLICT = (
    "This entry was changed since version {based_on} (another tab, device or script saved "
    "version {current}). Nothing was overwritten: `current` is the saved entry. To keep your "
    "change anyway, send it again with version {current}."
)


@router.patch(
    "/entries/{entry_id}",
    response={200: JournalEntryOut, 404: Error, 409: JournalEntryConflictOut,
              422: ValidationErrorOut},
    summary="Change some fields of an entry (checked again as a whole)",
)
def patch_entry(request, entry_id: str, payload: JournalEntryPatch):
    entry = owned_or_404(services.entries_for(request.auth), request.auth, entry_id)
    try:
        data = JournalEntryIn.model_validate(services.merged_entry(entry, payload))
    except ValidationError as exc:
        return _invalid(errors_by_field(exc))
    try:
        services.update_entry(entry, data=data, based_on=payload.version)
    except services.EntryConflict as conflict:
        detail = CONFLICT.format(based_on=payload.version, current=conflict.current.version)
        return Status(409, {"detail": detail, "current": _out(conflict.current)})
    level = entry.help_level
    entry = owned_or_404(services.entries_for(request.auth), request.auth, entry_id)
    entry.help_level = level
    return _out(entry)


@router.delete(
    "/entries/{entry_id}",
    response={204: None, 404: Error},
    summary="Delete an entry",
)
def delete_entry(request, entry_id: str):
    entry = owned_or_404(JournalEntry, request.auth, entry_id)
    services.delete_entry(entry)
    return Status(204, None)


@router.get(
    "/prompts",
    response={200: JournalPromptLibrary, 422: ValidationErrorOut},
    summary="The writing prompts, by kind",
)
def list_prompts(request, params: Query[JournalPromptParams]):
    prompts = prompts_of_kind(params.kind) if params.kind else load_prompts()
    return {"kinds": kinds_as_dict(), "prompts": [p.as_dict() for p in prompts]}
