"""Journal API: entries (list, create, read, change, delete) and the prompt library.

Same rules as the pages: forms.entry_problems and analysis.check_labels decide what may be
saved, services does the writing, and another person's entry is always a 404.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal
from uuid import UUID

from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from feelmap.lib.access import owned_or_404

from . import analysis, services
from .forms import entry_problems
from .models import JournalEntry
from .prompts import kinds_as_dict, load_prompts, prompts_of_kind

router = Router(tags=["journal"])

Source = Literal["suggestion", "own", "highlight"]


class LabelIn(Schema):
    word: str = Field(max_length=60)
    added_from: Source = "own"


class EntryIn(Schema):
    prompt_id: str | None = Field(None, max_length=80)
    title: str = ""
    body: str = ""
    steps: list[str] = []
    labels: list[LabelIn | str] = Field([], max_length=50)
    minutes_spent: int | None = None
    written_at: datetime | None = None


class EntryPatch(Schema):
    prompt_id: str | None = Field(None, max_length=80)
    title: str | None = None
    body: str | None = None
    steps: list[str] | None = None
    labels: list[LabelIn | str] | None = Field(None, max_length=50)
    minutes_spent: int | None = None
    written_at: datetime | None = None


class LabelOut(Schema):
    word: str
    family: str
    added_from: str


class EntryOut(Schema):
    id: UUID
    prompt_id: str | None
    prompt_title: str | None
    title: str
    body: str
    steps: list[str]
    labels: list[LabelOut]
    minutes_spent: int | None
    written_at: datetime
    created_at: datetime
    updated_at: datetime


class EntryList(Schema):
    count: int
    items: list[EntryOut]


class ListParams(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


class PromptOut(Schema):
    id: str
    kind: str
    kind_label: str
    title: str
    text: str
    steps: list[str]
    suggested_minutes: int
    caution: str | None


class PromptLibrary(Schema):
    kinds: dict[str, dict[str, str]]
    prompts: list[PromptOut]


class PromptParams(Schema):
    kind: Literal["expressive", "labeling", "narrative", "reframing", "body"] | None = None


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
    }


class Problems(Schema):
    detail: str
    fields: dict[str, list[str]]


def _invalid(problems: dict[str, list[str]]) -> Status:
    # The API's one 422 shape, built here because the shared handler drops a field named "body".
    return Status(422, {"detail": "Some values need another look.", "fields": problems})


def _checked(data: services.EntryInput, raw_labels) -> dict[str, list[str]]:
    """Check a complete entry (every field at once); the problems per field, {} if none.

    Fills in data.labels from raw_labels when they are given."""
    problems = entry_problems(
        prompt_id=data.prompt_id, title=data.title, body=data.body, steps=data.steps,
        minutes_spent=data.minutes_spent,
    )
    if raw_labels is not None:
        words = [lb if isinstance(lb, str) else lb.word for lb in raw_labels]
        sources = {
            (lb if isinstance(lb, str) else lb.word).strip().lower():
                ("own" if isinstance(lb, str) else lb.added_from)
            for lb in raw_labels
        }
        labels, label_problems = analysis.check_labels(words, sources)
        if label_problems:
            problems["labels"] = label_problems
        data.labels = labels
    if data.written_at is not None:
        if timezone.is_naive(data.written_at):
            data.written_at = timezone.make_aware(data.written_at)
        if data.written_at > timezone.now() + timedelta(days=1):
            problems["written_at"] = ["The date can't be in the future."]
    return problems


@router.get("/entries", response=EntryList)
def list_entries(request, params: Query[ListParams]):
    entries = services.entries_for(request.auth)
    page = entries[params.offset : params.offset + params.limit]
    return {"count": entries.count(), "items": [_out(e) for e in page]}


@router.post("/entries", response={201: EntryOut, 422: Problems})
def create_entry(request, payload: EntryIn):
    data = services.EntryInput(
        prompt_id=payload.prompt_id or "", title=payload.title.strip(), body=payload.body,
        steps=payload.steps, minutes_spent=payload.minutes_spent, written_at=payload.written_at,
    )
    problems = _checked(data, payload.labels)
    if problems:
        return _invalid(problems)
    entry = services.create_entry(owner=request.auth, data=data)
    return Status(201, _out(entry))


@router.get("/entries/{entry_id}", response=EntryOut)
def get_entry(request, entry_id: str):
    return _out(owned_or_404(services.entries_for(request.auth), request.auth, entry_id))


@router.patch("/entries/{entry_id}", response={200: EntryOut, 422: Problems})
def patch_entry(request, entry_id: str, payload: EntryPatch):
    entry = owned_or_404(services.entries_for(request.auth), request.auth, entry_id)
    data = services.EntryInput.from_entry(entry)
    given = payload.dict(exclude_unset=True)
    for name in ("title", "body", "steps", "minutes_spent", "written_at"):
        if name in given and (given[name] is not None or name == "minutes_spent"):
            setattr(data, name, given[name])
    if "prompt_id" in given:
        data.prompt_id = given["prompt_id"] or ""
    data.title = data.title.strip()
    problems = _checked(
        data, payload.labels if "labels" in given and payload.labels is not None else None
    )
    if problems:
        return _invalid(problems)
    services.update_entry(entry, data=data)
    entry = owned_or_404(services.entries_for(request.auth), request.auth, entry_id)
    return _out(entry)


@router.delete("/entries/{entry_id}", response={204: None})
def delete_entry(request, entry_id: str):
    entry = owned_or_404(JournalEntry, request.auth, entry_id)
    services.delete_entry(entry)
    return Status(204, None)


@router.get("/prompts", response=PromptLibrary)
def list_prompts(request, params: Query[PromptParams]):
    prompts = prompts_of_kind(params.kind) if params.kind else load_prompts()
    return {"kinds": kinds_as_dict(), "prompts": [p.as_dict() for p in prompts]}
