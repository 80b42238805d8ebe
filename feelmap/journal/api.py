"""Journal API: entries (list, create, read, change, delete) and the prompt library.

Same rules as the pages: the input schemas in schemas.py decide what may be saved, services
does the writing (and the safety check, returned as `offer_help`), and another person's entry
is always a 404.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import ValidationError

from feelmap.accounts.http import ApiRequest
from feelmap.lib.access import owned_or_404
from feelmap.lib.person_cache import person_count
from feelmap.lib.readable import readable_page
from feelmap.lib.schemas import Error, ValidationErrorOut
from feelmap.lib.validation import errors_by_field
from feelmap.lib.versions import version_needed

from . import services
from .models import JournalDraft, JournalEntry
from .prompts import kinds_as_dict, load_prompts, prompts_of_kind
from .schemas import (
    MAX_WORD,
    JournalAddLabelIn,
    JournalAnalyseIn,
    JournalAnalysisOut,
    JournalDraftIn,
    JournalDraftOut,
    JournalEntryConflictOut,
    JournalEntryIn,
    JournalEntryList,
    JournalEntryOut,
    JournalEntryPatch,
    JournalEntryVersionNeededOut,
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
def list_entries(request: ApiRequest, params: Query[JournalListParams]) -> dict[str, Any]:
    entries = services.entries_for(request.auth)
    page = readable_page(entries, params.offset, params.limit)
    count = person_count("journal-entries", request.auth, entries)
    return {"count": count, "items": [_out(e) for e in page]}


@router.post(
    "/entries",
    response={201: JournalEntryOut, 422: ValidationErrorOut},
    summary="Write an entry",
)
def create_entry(request: ApiRequest, payload: JournalEntryIn) -> Status[dict[str, Any]]:
    entry = services.create_entry(owner=request.auth, data=payload)
    return Status(201, _out(entry))


@router.get(
    "/entries/{entry_id}",
    response={200: JournalEntryOut, 404: Error},
    summary="One entry",
)
def get_entry(request: ApiRequest, entry_id: str) -> dict[str, Any]:
    return _out(owned_or_404(services.entries_for(request.auth), request.auth, entry_id))


CONFLICT = (
    "This entry was changed since version {based_on} (another tab, device or script saved "
    "version {current}). Nothing was overwritten: `current` is the saved entry. To keep your "
    "change anyway, send it again with version {current}."
)


@router.patch(
    "/entries/{entry_id}",
    response={200: JournalEntryOut, 404: Error, 409: JournalEntryConflictOut,
              422: ValidationErrorOut, 428: JournalEntryVersionNeededOut},
    summary="Change some fields of an entry (checked again as a whole)",
)
def patch_entry(
    request: ApiRequest, entry_id: str, payload: JournalEntryPatch
) -> dict[str, Any] | Status[dict[str, Any]]:
    """Send the fields to change and `version`, the entry's version when you read it. 409: it
    was changed since (the answer holds the saved entry); 428: no `version` was sent (the
    answer holds the saved entry and its version). Neither changes anything."""
    entry = owned_or_404(services.entries_for(request.auth), request.auth, entry_id)
    if payload.version is None:
        return Status(428, {"detail": version_needed("entry", entry.version),
                            "version": entry.version, "current": _out(entry)})
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
def delete_entry(request: ApiRequest, entry_id: str) -> Status[None]:
    entry = owned_or_404(JournalEntry, request.auth, entry_id)
    services.delete_entry(entry)
    return Status(204, None)


@router.get(
    "/prompts",
    response={200: JournalPromptLibrary, 422: ValidationErrorOut},
    summary="The writing prompts, by kind",
)
def list_prompts(request: HttpRequest, params: Query[JournalPromptParams]) -> dict[str, Any]:
    prompts = prompts_of_kind(params.kind) if params.kind else load_prompts()
    return {"kinds": kinds_as_dict(), "prompts": [p.as_dict() for p in prompts]}


# --- words on an entry -------------------------------------------------------------------


@router.post(
    "/entries/{entry_id}/labels",
    response={200: JournalEntryOut, 201: JournalEntryOut, 404: Error, 422: ValidationErrorOut},
    summary="Add a feeling word to an entry",
)
def add_label(
    request: ApiRequest, entry_id: str, payload: JournalAddLabelIn
) -> Status[dict[str, Any]]:
    """201 when the word was added, 200 when the entry already had it (nothing changes). A
    heavy word (hopeless, worthless...) brings `offer_help`, as on the page."""
    entry = owned_or_404(services.entries_for(request.auth), request.auth, entry_id)
    added = services.add_label(entry, payload)
    level = entry.help_level
    entry = owned_or_404(services.entries_for(request.auth), request.auth, entry_id)
    entry.help_level = level
    return Status(201 if added else 200, _out(entry))


@router.delete(
    "/entries/{entry_id}/labels/{word}",
    response={204: None, 404: Error},
    summary="Take a feeling word off an entry",
)
def remove_label(request: ApiRequest, entry_id: str, word: str) -> Status[None]:
    """A word the entry does not have is already off it: 204 as well (404: no such entry)."""
    entry = owned_or_404(JournalEntry, request.auth, entry_id)
    services.remove_label(entry, word[:MAX_WORD])
    return Status(204, None)


# --- naming help and drafts (what the write page's scripts use) ---------------------------


@router.post(
    "/analyse",
    response={200: JournalAnalysisOut, 404: Error, 422: ValidationErrorOut},
    summary="Naming help for text being written (nothing is stored)",
)
def analyse(request: ApiRequest, payload: JournalAnalyseIn) -> dict[str, Any]:
    """Highlights, vague words and word suggestions, informed by your own past entries.
    `entry`: the id of the entry being edited, so it does not suggest to itself."""
    from .analysis import split_labels

    exclude = None
    if payload.entry:
        exclude = owned_or_404(JournalEntry, request.auth, payload.entry)
    chosen = split_labels(payload.labels)
    return services.analyse_for(request.auth, payload.text, chosen=chosen[:50], exclude=exclude)


def _draft_key(request: ApiRequest, key: str) -> str:
    """ "new", or the id of one of the person's entries (else 404)."""
    if key == services.NEW:
        return key
    return str(owned_or_404(JournalEntry, request.auth, key).public_id)


def _draft_out(draft: JournalDraft) -> dict[str, Any]:
    return {"key": draft.key, "prompt_id": draft.prompt_id, "title": draft.title,
            "body": draft.body, "steps": draft.steps, "labels": draft.labels,
            "minutes_spent": draft.minutes_spent, "saved_at": draft.updated_at}


@router.put(
    "/drafts",
    response={200: JournalDraftOut, 404: Error, 409: Error, 422: ValidationErrorOut},
    summary="Keep what is being written (key: 'new' or the entry being edited)",
)
def put_draft(request: ApiRequest,
              payload: JournalDraftIn) -> dict[str, Any] | Status[dict[str, Any]]:
    key = _draft_key(request, payload.key)
    try:
        return _draft_out(services.save_draft(owner=request.auth, key=key, data=payload))
    except services.StaleDraft as stale:
        return Status(409, {"detail": str(stale)})


@router.get(
    "/drafts/{key}",
    response={200: JournalDraftOut, 404: Error},
    summary="The draft of a new entry ('new') or of an entry being edited",
)
def get_draft(request: ApiRequest, key: str) -> dict[str, Any] | Status[dict[str, Any]]:
    draft = services.draft_for(owner=request.auth, key=_draft_key(request, key[:40]))
    if draft is None:
        return Status(404, {"detail": "No draft."})
    return _draft_out(draft)


@router.delete(
    "/drafts/{key}",
    response={204: None, 404: Error},
    summary="Clear a draft",
)
def delete_draft(request: ApiRequest, key: str) -> Status[None]:
    services.discard_draft(owner=request.auth, key=_draft_key(request, key[:40]))
    return Status(204, None)
