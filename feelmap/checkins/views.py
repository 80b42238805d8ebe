"""Check-in pages. Thin: parsing in forms.py, rules in validation.py, writes in services.py."""

from __future__ import annotations

import json
import re
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from feelmap.accounts.http import SignedInRequest
from feelmap.accounts.services import posted_page
from feelmap.lib.access import owned_or_404
from feelmap.lib.sharing import feedback_panel
from feelmap.lib.validation import clean_text, validate
from feelmap.lib.versions import posted_version
from feelmap.safety.nudge import offer_help

from . import calendar as month_calendar
from . import listing
from .conflict import as_values
from .conflict import compare as conflict_lines
from .contrast import with_answer
from .forms import error_summary, place_errors, raw_from_post
from .models import CheckIn
from .pagecontext import form_context
from .schemas import ContrastAnswerIn, DraftPageIn
from .serialize import checkin_to_dict
from .services import (
    CheckInConflict,
    StaleDraft,
    checkin_create,
    checkin_delete,
    checkin_update,
    contrast_answer_record,
    draft_clear,
    draft_load,
    draft_save,
    rating_emotions_for,
    rating_set_save,
)
from .suggestions import bias_for, suggest_panel
from .validation import CheckInData, validate_checkin, validate_rating_set

TIMELINE_PAGE = 20
DRAFT_KEY = re.compile(r"^[a-z0-9-]{1,80}$")


@login_required
def index(request: SignedInRequest) -> HttpResponse:
    recent = listing.page_of(request.user, size=5).rows
    return render(request, "checkins/index.html", {"recent": recent})


def _form_page(
    request: SignedInRequest, *, mode: str, checkin: CheckIn | None = None
) -> HttpResponse:
    draft_key = f"edit-{checkin.public_id}" if checkin else f"checkin-{mode}"
    kind = checkin.kind if checkin else mode
    # The quick form has no ratings: save it a query on the page people use most.
    emotions = () if mode == "quick" else rating_emotions_for(request.user)
    if request.method == "POST":
        raw, origin = raw_from_post(request.POST, kind=kind, rating_emotions=emotions)
        action = request.POST.get("action", "")
        page = posted_page(request.POST.get("draft_page"))
        if action == "use-saved" and checkin is not None:
            # From the conflict panel: this page's answers are let go on purpose, so their
            # autosaved draft must not bring them back the next time the edit page opens.
            draft_clear(request.user, draft_key, page=page)
            url = reverse("checkins:detail", kwargs={"public_id": checkin.public_id})
            return redirect(f"{url}?saved=kept")
        if action == "suggest" or action.startswith("contrast:"):
            return _suggest_page(request, action, mode=mode, raw=raw, emotions=emotions,
                                 checkin=checkin, draft_key=draft_key)
        data, errors = validate_checkin(raw, now=timezone.now(), rating_emotions=emotions)
        if data is None:
            return render(request, "checkins/form.html", form_context(
                mode=mode, raw=raw, emotions=emotions, checkin=checkin, draft_key=draft_key,
                errors=place_errors(errors, origin), summary=error_summary(errors, origin),
                version=request.POST.get("version", "")),
                status=422)
        if checkin is None:
            checkin = checkin_create(owner=request.user, data=data, draft_key=draft_key,
                                     page=page)
            done = "new"
        else:
            try:
                checkin = checkin_update(checkin=checkin, data=data, draft_key=draft_key,
                                         based_on=posted_version(request.POST.get("version")),
                                         page=page)
            except CheckInConflict as conflict:
                return _conflict_page(request, mode=mode, raw=raw, data=data, emotions=emotions,
                                      draft_key=draft_key, saved=conflict.current)
            done = "changed"
        offer_help(request, checkin.help_level)
        # The confirmation rides on the URL rather than the message store: no session write.
        url = reverse("checkins:detail", kwargs={"public_id": checkin.public_id})
        return redirect(f"{url}?saved={done}")

    raw = checkin_to_dict(checkin) if checkin else {"kind": kind}
    return render(request, "checkins/form.html", form_context(
        mode=mode, raw=raw, emotions=emotions, checkin=checkin, draft_key=draft_key,
        server_draft=draft_load(request.user, draft_key),
        version=checkin.version if checkin else ""))


def _conflict_page(request: SignedInRequest, *, mode: str, raw: dict[str, Any],
                   data: CheckInData, emotions: tuple[str, ...], draft_key: str,
                   saved: CheckIn) -> HttpResponse:
    """409: changed in another tab or device. Both versions side by side, every part, the
    different ones marked; the form keeps this page's answers with the saved version number,
    so "Keep" saves them on purpose."""
    lines = conflict_lines(as_values(data), checkin_to_dict(saved))
    conflict = {"lines": lines, "differences": sum(line.differs for line in lines),
                "when": saved.updated_at}
    return render(request, "checkins/form.html", form_context(
        mode=mode, raw=raw, emotions=emotions, checkin=saved, draft_key=draft_key,
        version=saved.version, conflict=conflict), status=409)


@login_required
def quick(request: SignedInRequest) -> HttpResponse:
    return _form_page(request, mode="quick")


@login_required
def full(request: SignedInRequest) -> HttpResponse:
    return _form_page(request, mode="full")


def _owned(request: SignedInRequest, public_id: UUID) -> CheckIn:
    return owned_or_404(CheckIn.objects.with_details(), request.user, public_id)


@login_required
def edit(request: SignedInRequest, public_id: UUID) -> HttpResponse:
    return _form_page(request, mode="full", checkin=_owned(request, public_id))


SAVED_NOTES = {"new": "Saved. Thank you for checking in.", "changed": "Your changes are saved.",
               "kept": "You kept the saved version; the other answers were let go."}


@login_required
def detail(request: SignedInRequest, public_id: UUID) -> HttpResponse:
    return render(request, "checkins/detail.html", {
        "checkin": _owned(request, public_id),
        "saved_note": SAVED_NOTES.get(request.GET.get("saved", "")),
        "feedback": feedback_panel(request, "checkins", public_id),
    })


@login_required
def delete(request: SignedInRequest, public_id: UUID) -> HttpResponse:
    checkin = _owned(request, public_id)
    if request.method == "POST":
        checkin_delete(checkin=checkin)
        messages.success(request, "That check-in is deleted.")
        return redirect("checkins:index")
    return render(request, "checkins/delete.html", {"checkin": checkin})


@login_required
def timeline(request: SignedInRequest) -> HttpResponse:
    asked = request.GET.get("day", "")
    day = month_calendar.parse_day(asked) if asked else None
    if asked and day is None:
        return render(request, "checkins/timeline.html", {
            "page": None, "entries": [], "day": None,
            "day_problem": "That is not a day we can show. Use a date like 2025-03-14, "
                           "from the year 2000 until today.",
        }, status=400)
    start, end = month_calendar.day_bounds(day) if day else (None, None)
    page = listing.page_of(request.user, number=request.GET.get("page"), size=TIMELINE_PAGE,
                           start=start, end=end)
    if not page.rows and page.has_previous:  # past the oldest page, e.g. after deleting
        query = f"?day={day:%Y-%m-%d}" if day else ""
        return redirect(reverse("checkins:timeline") + query)
    return render(request, "checkins/timeline.html",
                  {"page": page, "entries": page.rows, "day": day})


@login_required
def calendar(request: SignedInRequest, year: int | None = None, month: int | None = None) -> HttpResponse:
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Http404("No such month.")
    start, end = month_calendar.month_bounds(year, month)
    times = CheckIn.objects.for_owner(request.user).filter(
        occurred_at__gte=start, occurred_at__lt=end).values_list("occurred_at", flat=True)
    counts = month_calendar.count_by_day(times)
    return render(request, "checkins/calendar.html",
                  month_calendar.month_view(year, month, counts, today))


@login_required
@require_http_methods(["GET", "PUT", "POST", "DELETE"])
def draft(request: SignedInRequest, key: str) -> HttpResponse:
    """Autosave for unfinished forms: the page's script PUTs its state as JSON."""
    if not DRAFT_KEY.match(key):
        raise Http404("No such draft.")
    if request.method == "GET":
        found = draft_load(request.user, key)
        if found is None:
            return JsonResponse({"detail": "No draft."}, status=404)
        return JsonResponse(found)
    if request.method == "DELETE":
        draft_clear(request.user, key)
        return JsonResponse({"deleted": True})
    try:
        payload = json.loads(request.body or b"null")
        # The page's id travels beside its form's state: once that page's form was sent, a
        # draft from it is refused (an autosave that came late).
        page = payload.pop("page", None) if isinstance(payload, dict) else None
        sent_from, errors = validate(DraftPageIn, {"page": page})
        if sent_from is None:
            return JsonResponse({"detail": "Some values need another look.", "fields": errors},
                                status=422)
        saved = draft_save(request.user, key, payload, page=sent_from.page)
    except StaleDraft as stale:
        return JsonResponse({"detail": str(stale)}, status=409)
    except RecursionError:  # thousands of nested brackets
        return JsonResponse({"detail": "This draft is nested too deeply to keep."}, status=422)
    except ValueError as exc:
        return JsonResponse({"detail": str(exc) or "The draft was not valid JSON."}, status=422)
    return JsonResponse({"saved_at": saved.updated_at.isoformat()})


@login_required
@require_POST
def suggest(request: SignedInRequest) -> HttpResponse:
    """Words to try, from what is marked so far (the page's script asks; nothing is stored)."""
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):  # not JSON, or thousands of nested brackets
        return HttpResponseBadRequest("Send JSON.")
    if not isinstance(body, dict):
        return HttpResponseBadRequest("Send a JSON object.")
    return JsonResponse(suggest_panel(**_panel_input(body), bias=bias_for(request.user)))


def _suggest_page(request: HttpRequest, action: str, *, mode: str, raw: dict[str, Any],
                  emotions: tuple[str, ...], checkin: CheckIn | None,
                  draft_key: str) -> HttpResponse:
    """Without script: the words, the contrast question as submit buttons
    ("contrast:<family a>:<family b>:<chosen>"), and its answer kept and applied."""
    bias = bias_for(request.user)
    note, status, answered = "", 200, False
    if action.startswith("contrast:"):
        parts = action.split(":")
        answer, _ = validate(ContrastAnswerIn, dict(zip(
            ("family_a", "family_b", "chosen"), parts[1:4], strict=False)))
        if answer is None or len(parts) != 4:
            note, status = "That answer could not be kept. The words below are as before.", 422
        else:
            contrast_answer_record(owner=request.user, data=answer)
            chosen = None if answer.chosen == "not_sure" else answer.chosen
            bias = with_answer(bias, family_a=answer.family_a, family_b=answer.family_b,
                               chosen=chosen)
            note = ("Thank you. The words below now lean toward your answer." if chosen
                    else "Thank you. Not sure is a fine answer.")
            answered = True
    found = suggest_panel(sensations=raw["sensations"], pleasantness=raw["pleasantness"],
                          energy=raw["energy"], note=raw["note"], bias=bias)
    return render(request, "checkins/form.html", form_context(
        mode=mode, raw=raw, emotions=emotions, checkin=checkin, draft_key=draft_key,
        suggestions=found["suggestions"], asked_for_suggestions=True,
        contrast=None if answered else found["contrast"], contrast_note=note,
        version=request.POST.get("version", "")), status=status)


def _panel_input(body: dict[str, Any]) -> dict[str, Any]:
    """What /suggest/ and the contrast answer read from a posted body (odd values dropped)."""
    given = body.get("sensations")
    sensations = given if isinstance(given, list) else []
    return {
        "sensations": [s for s in sensations if isinstance(s, dict)],
        "pleasantness": body.get("pleasantness"), "energy": body.get("energy"),
        "note": clean_text(body["note"]) if isinstance(body.get("note"), str) else "",
    }


@login_required
@require_POST
def contrast(request: HttpRequest) -> HttpResponse:
    """Keep an answer to "more like X, or more like Y?" and send the words again, turned
    toward the family chosen. Body: {"answer": {family_a, family_b, chosen}, plus what
    /suggest/ takes}. Not JSON: 400; a bad answer: 422 with messages, and nothing kept."""
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):
        return HttpResponseBadRequest("Send JSON.")
    if not isinstance(body, dict) or not isinstance(body.get("answer"), dict):
        return HttpResponseBadRequest("Send a JSON object with an answer.")
    answer, errors = validate(ContrastAnswerIn, body["answer"])
    if answer is None:
        return JsonResponse({"detail": "That answer could not be kept.", "errors": errors},
                            status=422)
    contrast_answer_record(owner=request.user, data=answer)
    chosen = None if answer.chosen == "not_sure" else answer.chosen
    bias = with_answer(bias_for(request.user), family_a=answer.family_a,
                       family_b=answer.family_b, chosen=chosen)
    found = suggest_panel(**_panel_input(body), bias=bias)
    found["contrast"] = None  # asked and answered: not again for this note
    found["answered"] = chosen or "not_sure"
    return JsonResponse(found)


@login_required
def ratings(request: SignedInRequest) -> HttpResponse:
    """Choose which feelings the full check-in asks to rate (the same set each time)."""
    from feelmap.lexicon.vocabulary import load_vocabulary

    chosen = list(rating_emotions_for(request.user))
    problems: list[str] = []
    if request.method == "POST":
        if request.POST.get("action") == "default":
            from .choices import DEFAULT_RATINGS

            rating_set_save(owner=request.user, emotions=list(DEFAULT_RATINGS))
            messages.success(request, "Back to the standard ten feelings.")
            return redirect("checkins:ratings")
        chosen, problems = validate_rating_set(request.POST.getlist("emotion"))
        if not problems:
            rating_set_save(owner=request.user, emotions=chosen)
            messages.success(request, "Saved. Full check-ins will ask about these feelings.")
            return redirect("checkins:ratings")
    vocabulary = load_vocabulary()
    families = [
        {"label": f.label, "words": [
            {"word": w.word, "checked": w.word in chosen}
            for w in vocabulary.words_in_family(f.key) if w.level < 3 or w.word in chosen]}
        for f in vocabulary.families
    ]
    return render(request, "checkins/ratings.html",
                  {"families": families, "chosen": chosen, "problems": problems},
                  status=422 if problems else 200)
