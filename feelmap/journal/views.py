"""Journal pages: the list, writing (with prompts), one entry, edit, delete, labels.

Views stay thin: the rules are the input schemas (schemas.py, checked with `validate`), every
write is a function in services.py, naming help is in analysis.py; forms.py only renders.
"""

from __future__ import annotations

import json
import random
import uuid
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from feelmap.accounts.http import SignedInRequest
from feelmap.accounts.services import posted_page
from feelmap.lexicon.vocabulary import load_vocabulary
from feelmap.lib.access import owned_or_404
from feelmap.lib.person_cache import person_count, person_key
from feelmap.lib.sharing import feedback_panel
from feelmap.lib.validation import validate
from feelmap.lib.versions import posted_version
from feelmap.safety.nudge import offer_help

from . import analysis, services
from .forms import AddLabelForm, EntryForm, entry_values, step_label
from .models import JournalEntry
from .prompts import KINDS, prompt_by_id, prompts_of_kind, shuffle_prompt
from .schemas import JournalAddLabelIn, JournalAnalyseIn, JournalDraftIn, JournalEntryIn

PER_PAGE = 20
TIMER_MINUTES = (5, 10, 15, 20)


def word_url(slug: str) -> str | None:
    """The word's page, if the vocabulary pages are installed."""
    try:
        return reverse("lexicon:word", kwargs={"slug": slug})
    except NoReverseMatch:
        return None


def with_links(result: dict) -> dict:
    """Add word-page links to an analysis result (in place) and return it."""
    items = [*result["highlights"], *result["words_used"], *result["suggestions"]]
    for vague in result["vague"]:
        items.extend(vague["alternatives"])
    for item in items:
        item["url"] = word_url(item["slug"])
    return result


def _kinds_with_prompts():
    return [
        {"key": key, "kind": kind, "prompts": prompts_of_kind(key)} for key, kind in KINDS.items()
    ]


def _timer_default(prompt) -> int:
    wanted = prompt.suggested_minutes if prompt else 10
    return min(TIMER_MINUTES, key=lambda m: abs(m - wanted))


def _editor_context(request, *, form, prompt, key: str, entry=None, draft=None) -> dict:
    return {
        "form": form,
        "prompt": prompt,
        "kind": KINDS[prompt.kind] if prompt else None,
        "kinds": _kinds_with_prompts(),
        "entry": entry,
        "draft_key": key,
        # This page's own id, sent with its forms and its autosaves (services.save_draft).
        "draft_page": uuid.uuid4(),
        "draft": draft,
        "draft_data": draft.as_fields() if draft else None,
        "timer_minutes": TIMER_MINUTES,
        "timer_default": _timer_default(prompt),
        "label_words": analysis.label_words(),
    }


@login_required
def index(request: SignedInRequest) -> HttpResponse:
    entries = services.entries_for(request.user)
    paginator = Paginator(entries, PER_PAGE)
    paginator.count = person_count("journal-entries", request.user, entries)
    # The entries are read and rendered by `{% journal_list page %}`, inside a fragment kept
    # until the person's data changes.
    page = paginator.get_page(request.GET.get("page"))
    draft = services.draft_for(owner=request.user, key=services.NEW)
    return render(request, "journal/index.html", {
        "page": page, "entries": entries, "draft": draft,
        "list_key": person_key("journal-list", request.user, page.number),
    })


def _chosen_prompt(request, draft):
    """Which prompt the write page shows: shuffled, chosen, the draft's, or none."""
    params = request.GET
    if "shuffle" in params:
        kind = params.get("kind") if params.get("kind") in KINDS else None
        return shuffle_prompt(random.Random(), exclude_id=params.get("after") or None, kind=kind)  # nosec B311  # picks a writing prompt, not a secret
    if "free" in params:
        return None
    if params.get("prompt"):
        return prompt_by_id(params["prompt"])
    if draft and draft.prompt_id:
        return prompt_by_id(draft.prompt_id)
    return None


def _draft_initial(draft, prompt) -> dict:
    if draft is None:
        return {}
    initial = {
        "title": draft.title,
        "body": draft.body,
        "labels": draft.labels,
        "label_sources": draft.label_sources,
        "minutes_spent": draft.minutes_spent,
    }
    if prompt and draft.prompt_id == prompt.id:
        initial.update({f"step_{i}": s for i, s in enumerate(draft.steps)})
    return initial


@login_required
def write(request: HttpRequest) -> HttpResponse:
    draft = services.draft_for(owner=request.user, key=services.NEW)
    if request.method == "POST":
        prompt = prompt_by_id(request.POST.get("prompt_id", ""))
        form = EntryForm(request.POST, prompt=prompt)
        data, errors = validate(JournalEntryIn, entry_values(request.POST, prompt))
        if data is not None:
            entry = services.create_entry(owner=request.user, data=data,
                                          page=posted_page(request.POST.get("draft_page")))
            messages.success(request, "Saved. Thank you for writing.")
            offer_help(request, entry.help_level)
            return redirect("journal:entry", public_id=entry.public_id)
        form.show(errors)
    else:
        prompt = _chosen_prompt(request, draft)
        initial = _draft_initial(draft, prompt)
        initial["prompt_id"] = prompt.id if prompt else ""
        form = EntryForm(initial=initial, prompt=prompt)
    context = _editor_context(request, form=form, prompt=prompt, key=services.NEW, draft=draft)
    return render(request, "journal/write.html", context)


@login_required
def entry(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = owned_or_404(services.entries_for(request.user), request.user, public_id)
    labels = list(found.labels.all())
    result = with_links(
        services.analyse_for(
            request.user, found.analysed_text(), chosen=[lb.word for lb in labels], exclude=found
        )
    )
    vocabulary = load_vocabulary()
    written = {item["word"] for item in result["words_used"]}
    for label in labels:
        label.url = word_url(analysis.slug(label.word))
        # A heavy word chosen but not written gets its kind note here; one written gets it
        # beside the word in "Words you used".
        known = None if label.word in written else vocabulary.by_word(label.word)
        label.note = known.note if known else None
        label.offer_help = bool(known and known.offer_help)
    # Each part (the body, each step's answer) is highlighted on its own so steps keep headings.
    parts: list[tuple[str | None, str]] = [(None, found.body)] if found.body.strip() else []
    parts += [(step_label(name, 0)[0] if ":" in name else name, text)
              for name, text in found.step_pairs()]
    return render(
        request,
        "journal/entry.html",
        {
            "entry": found,
            "kind": KINDS[found.prompt.kind] if found.prompt else None,
            "parts": [
                {"heading": heading,
                 "segments": analysis.preview_segments(text, analysis.emotion_words(text))}
                for heading, text in parts
            ],
            "labels": labels,
            "label_words_chosen": [lb.word for lb in labels],
            "analysis": result,
            "label_form": AddLabelForm(),
            "label_words": analysis.label_words(),
            "feedback": feedback_panel(request, "journal", found.public_id),
        },
    )


@login_required
def edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = owned_or_404(services.entries_for(request.user), request.user, public_id)
    key = str(found.public_id)
    prompt = found.prompt
    draft = services.draft_for(owner=request.user, key=key)
    if request.method == "POST":
        post = request.POST.copy()
        post["prompt_id"] = found.prompt_id  # the prompt of an entry stays what it was
        form = EntryForm(post, prompt=prompt)
        data, errors = validate(JournalEntryIn, entry_values(post, prompt))
        if data is not None:
            try:
                # No date given: the entry keeps its own.
                services.update_entry(found, data=data,
                                      based_on=posted_version(post.get("version")),
                                      page=posted_page(post.get("draft_page")))
            except services.EntryConflict as conflict:
                return _conflict_page(request, form=form, prompt=prompt, key=key, mine=data,
                                      saved=conflict.current, draft=draft)
            messages.success(request, "Your changes are saved.")
            offer_help(request, found.help_level)
            return redirect("journal:entry", public_id=found.public_id)
        form.show(errors)
    else:
        initial = {
            "prompt_id": found.prompt_id,
            "title": found.title,
            "body": found.body,
            "labels": ", ".join(lb.word for lb in found.labels.all()),
            "minutes_spent": found.minutes_spent,
            **{f"step_{i}": s for i, s in enumerate(found.steps)},
        }
        if draft is not None:
            initial.update(_draft_initial(draft, prompt))
        form = EntryForm(initial=initial, prompt=prompt)
    context = _editor_context(
        request, form=form, prompt=prompt, key=key, entry=found, draft=draft
    )
    # The version the page was loaded with travels with the form, also through a correction.
    context["version"] = request.POST.get("version", "") if request.method == "POST" else found.version
    return render(request, "journal/write.html", context)


def _side(title: str, body: str, steps: list[str], labels: list[str], prompt) -> dict:
    names = list(prompt.steps) if prompt else []
    return {
        "title": title,
        "body": body,
        "steps": [(step_label(names[i], i)[0] if i < len(names) else f"Step {i + 1}", text)
                  for i, text in enumerate(steps) if text.strip()],
        "labels": labels,
    }


def _conflict_page(request, *, form, prompt, key: str, mine: JournalEntryIn,
                   saved: JournalEntry, draft) -> HttpResponse:
    """409: the entry changed in another tab or device. Both versions side by side; the form
    keeps this page's words with the saved version number, so "Keep" saves them on purpose."""
    post = request.POST.copy()
    post["version"] = str(saved.version)
    form = EntryForm(post, prompt=prompt)
    form.is_valid()
    context = _editor_context(request, form=form, prompt=prompt, key=key, entry=saved,
                              draft=draft)
    context["conflict"] = {
        "mine": _side(mine.title, mine.body, mine.steps, [lb.word for lb in mine.labels], prompt),
        "saved": _side(saved.title, saved.body, saved.steps,
                       [lb.word for lb in saved.labels.all()], prompt),
        "when": saved.updated_at,
    }
    context["version"] = saved.version
    return render(request, "journal/write.html", context, status=409)


@login_required
def delete(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = owned_or_404(JournalEntry, request.user, public_id)
    if request.method == "POST":
        services.delete_entry(found)
        messages.success(request, "The entry is deleted.")
        return redirect("journal:index")
    return render(request, "journal/delete.html", {"entry": found})


@login_required
@require_POST
def add_label(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = owned_or_404(JournalEntry, request.user, public_id)
    word = " ".join(request.POST.get("word", "").split())
    if not word:
        messages.error(request, "Choose a word to add.")
    else:
        label, errors = validate(JournalAddLabelIn, {
            "word": word,
            "added_from": request.POST.get("added_from") or "own",
        })
        if label is None:
            messages.error(request, " ".join(
                m for name in ("word", "added_from") for m in errors.get(name, [])
            ) or "Choose a word to add.")
        elif services.add_label(found, label):
            messages.success(request, f"Added “{label.word}” to this entry.")
            offer_help(request, found.help_level)
        else:
            messages.info(request, f"“{label.word}” is already one of this entry's words.")
    return redirect(reverse("journal:entry", kwargs={"public_id": found.public_id}) + "#labels")


@login_required
@require_POST
def remove_label(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = owned_or_404(JournalEntry, request.user, public_id)
    word = request.POST.get("word", "")
    if services.remove_label(found, word):
        messages.success(request, f"Removed “{word}” from this entry.")
    return redirect(reverse("journal:entry", kwargs={"public_id": found.public_id}) + "#labels")


@login_required
@require_POST
def discard_draft(request: HttpRequest) -> HttpResponse:
    key = request.POST.get("key", services.NEW)
    if key != services.NEW:
        key = str(owned_or_404(JournalEntry, request.user, key).public_id)
    services.discard_draft(owner=request.user, key=key,
                           page=posted_page(request.POST.get("draft_page")))
    messages.success(request, "The draft is cleared.")
    if key == services.NEW:
        return redirect("journal:write")
    return redirect("journal:entry", public_id=key)


# --- JSON for the write page's scripts (session + CSRF) ----------------------------------

MAX_JSON_BYTES = 400_000


def _json_body(request):
    """The request's JSON object, or a JsonResponse saying what is wrong."""
    if not request.user.is_authenticated:
        return None, JsonResponse({"detail": "Please sign in again."}, status=401)
    if len(request.body) > MAX_JSON_BYTES:
        return None, JsonResponse(
            {"detail": "That is too much text to handle in one go."}, status=413
        )
    try:
        payload = json.loads(request.body or b"{}")
    except RecursionError:  # thousands of nested brackets: not something the page sends
        return None, JsonResponse(
            {"detail": "The request nests too deeply to read."}, status=400
        )
    except ValueError:
        return None, JsonResponse({"detail": "The request was not valid JSON."}, status=400)
    if not isinstance(payload, dict):
        return None, JsonResponse({"detail": "The request must be a JSON object."}, status=400)
    return payload, None


@require_POST
def analyse(request: HttpRequest) -> HttpResponse:
    """Highlights, vague words and suggestions for the text being written."""
    payload, error = _json_body(request)
    if error:
        return error
    data, errors = validate(JournalAnalyseIn, payload)
    if data is None:
        return _invalid(errors)
    chosen = analysis.split_labels(data.labels)
    exclude = None
    if data.entry:
        exclude = owned_or_404(JournalEntry, request.user, data.entry)
    result = services.analyse_for(request.user, data.text, chosen=chosen[:50], exclude=exclude)
    return JsonResponse(with_links(result))


def _invalid(errors: dict[str, list[str]]) -> JsonResponse:
    return JsonResponse({"detail": "Some values need another look.", "fields": errors}, status=422)


@require_POST
def save_draft(request: HttpRequest) -> HttpResponse:
    """Autosave: what is being written, stored encrypted until the entry is saved."""
    payload, error = _json_body(request)
    if error:
        return error
    data, errors = validate(JournalDraftIn, payload)
    if data is None:
        return _invalid(errors)
    key = data.key
    if key != services.NEW:
        key = str(owned_or_404(JournalEntry, request.user, key).public_id)
    try:
        draft = services.save_draft(owner=request.user, key=key, data=data)
    except services.StaleDraft as stale:
        return JsonResponse({"detail": str(stale)}, status=409)
    return JsonResponse({"saved_at": draft.updated_at.isoformat(), "key": key})
