"""Pages for answering questionnaires, seeing results and trends, and choosing the schedule."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from feelmap.lib.access import owned_or_404
from feelmap.lib.days import person_today

from .forms import ScheduleForm, field_name, read_answers
from .instruments import KEYS, all_instruments, load_instrument
from .models import AssessmentResponse
from .records import comparisons_for, completed_for, draft_for, safety_items_raised
from .report import change_scales, trend_chart
from .schedule import settings_for, statuses
from .schemas import completion_errors, missing_required
from .scoring import score
from .services import complete, discard_draft, save_draft, save_schedule


def _instrument_or_404(key: str):
    if key not in KEYS:
        raise Http404("No such questionnaire.")
    return load_instrument(key)


def crisis_url(key: str) -> str:
    return f"{reverse('core:crisis')}?from={key}"


@login_required
def index(request: HttpRequest) -> HttpResponse:
    today = person_today(request.user)
    due = {status.instrument: status for status in statuses(request.user, today)}
    # Only the newest answer per questionnaire: years of history stay in the database.
    completed = AssessmentResponse.objects.completed().filter(owner=request.user)
    newest = completed.filter(instrument=OuterRef("instrument")).order_by("-completed_at", "-pk")
    latest = {
        response.instrument: response
        for response in completed.filter(pk=Subquery(newest.values("pk")[:1]))
    }
    drafts = set(
        AssessmentResponse.objects.drafts().filter(owner=request.user).values_list(
            "instrument", flat=True
        )
    )
    rows = [
        {
            "instrument": instrument,
            "latest": latest.get(instrument.key),
            "status": due[instrument.key],
            "status_text": due[instrument.key].describe(today),
            "draft": instrument.key in drafts,
        }
        for instrument in all_instruments()
    ]
    return render(request, "assessments/index.html", {"rows": rows, "any_done": bool(latest)})


def _questions(instrument, answers, errors, missing):
    rows = []
    for item in instrument.items:
        options = item.options
        rows.append(
            {
                "number": item.number,
                "name": field_name(item.number),
                "text": item.text,
                "optional": item.optional or not item.scored,
                "safety": item.safety,
                "raised": item.safety and answers.get(item.number, item.min_value) > item.min_value,
                "min_value": item.min_value,
                "error": errors.get(item.number)
                or ("This one has no answer yet." if item.number in missing else ""),
                "options": [
                    {"value": o.value, "label": o.label, "checked": answers.get(item.number) == o.value}
                    for o in options
                ],
            }
        )
    return rows


@login_required
def take(request: HttpRequest, key: str) -> HttpResponse:
    instrument = _instrument_or_404(key)
    draft = draft_for(request.user, key)
    answers = draft.answer_map() if draft else {}
    errors: dict[int, str] = {}
    missing: tuple[int, ...] = ()
    missing_policy = ""
    cannot_finish = False
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "submit")
        if action == "discard":
            discard_draft(request.user, key)
            messages.info(request, f"Your unfinished {instrument.short_name} was cleared.")
            return redirect("assessments:take", key=key)
        answers, errors = read_answers(instrument, request.POST)
        if errors:
            status = 400  # nothing is saved until every given answer is one of the choices
        elif action == "save":
            save_draft(request.user, key, answers)
            messages.success(request, f"Saved. Your {instrument.short_name} will be here, "
                             "just as you left it, whenever you come back.")
            return redirect("assessments:index")
        else:
            missing = missing_required(instrument, answers)
            too_few = completion_errors(instrument, answers, allow_missing=True)
            if missing and (action != "finish" or too_few):
                save_draft(request.user, key, answers)  # keep what they have so far
                missing_policy = score(instrument, answers).policy
                if too_few:  # finishing needs more answers: say how many, offer no "finish"
                    missing_policy = too_few["answers"][0]
                    cannot_finish = True
            else:
                done = complete(request.user, key, answers)
                if done.flagged:
                    return redirect(crisis_url(key))
                return redirect("assessments:result", public_id=done.response.public_id)
    context = {
        "instrument": instrument,
        "questions": _questions(instrument, answers, errors, missing),
        "errors": errors,
        "missing": missing,
        "missing_policy": missing_policy,
        "cannot_finish": cannot_finish,
        "resumed": request.method == "GET" and bool(answers),
        "has_draft": draft is not None or bool(missing),
    }
    return render(request, "assessments/take.html", context, status=status)


@login_required
@require_POST
def autosave(request: HttpRequest, key: str) -> HttpResponse:
    """Save half-finished answers as the person goes (called by take.js)."""
    instrument = _instrument_or_404(key)
    answers, errors = read_answers(instrument, request.POST)
    if errors:
        return JsonResponse(
            {"saved": False, "errors": {field_name(n): [m] for n, m in errors.items()}}, status=422
        )
    save_draft(request.user, key, answers)
    raised = bool(safety_items_raised(instrument, answers))
    return JsonResponse({"saved": True, "safety": raised, "crisis_url": reverse("core:crisis")})


@login_required
def result(request: HttpRequest, public_id: str) -> HttpResponse:
    response = owned_or_404(AssessmentResponse, request.user, public_id)
    if not response.is_complete:
        return redirect("assessments:take", key=response.instrument)
    instrument = response.definition
    result_score = response.scored()
    subscales = [
        {"scale": s, "value": result_score.subscales.get(s.key)} for s in instrument.subscales
    ]
    context = {
        "response": response,
        "instrument": instrument,
        "score": result_score,
        "subscales": subscales,
        "comparisons": comparisons_for(response),
        "change_params": [
            {"label": instrument.total.label if k == "total" and instrument.total
             else instrument.subscale(k).label, "params": p}
            for k, p in instrument.reliable_change.items()
        ],
        "safety_raised": bool(safety_items_raised(instrument, response.answer_map())),
        # A skipped risk question is not a "no": say so, and offer the same help.
        "safety_unanswered": [
            item for item in instrument.safety_items if item.number not in response.answer_map()
        ],
    }
    return render(request, "assessments/result.html", context)


@login_required
def history(request: HttpRequest, key: str) -> HttpResponse:
    instrument = _instrument_or_404(key)
    responses = list(completed_for(request.user, key))
    charts = []
    for scale in change_scales(instrument):
        if scale == "total" and instrument.total is not None:
            label = instrument.total.label
            low, high = instrument.total.range
            values = [(timezone.localtime(r.completed_at), r.total)
                      for r in responses if r.total is not None]
        else:
            sub = instrument.subscale(scale)
            label = sub.label
            low, high = sub.range
            values = [
                (timezone.localtime(r.completed_at), r.subscales[scale])
                for r in responses
                if (r.subscales or {}).get(scale) is not None
            ]
        chart = trend_chart(values, low, high, title=label)
        if chart is not None:
            charts.append({"id": f"chart-{scale}", "label": label, "chart": chart})
    rows = []
    previous = None
    for response in responses:
        change = None
        if previous is not None and response.total is not None and previous.total is not None:
            change = response.total - previous.total
        rows.append({"response": response, "change": change,
                     "subscales": [(response.subscales or {}).get(s.key)
                                   for s in instrument.subscales]})
        previous = response
    rows.reverse()  # newest first in the table
    context = {"instrument": instrument, "rows": rows, "charts": charts}
    return render(request, "assessments/history.html", context)


@login_required
def schedule_settings(request: HttpRequest) -> HttpResponse:
    current = settings_for(request.user)
    form = ScheduleForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        save_schedule(request.user, form.choices())
        messages.success(request, "Your questionnaire schedule is saved.")
        return redirect("assessments:index")
    status = 400 if form.errors else 200
    return render(request, "assessments/schedule.html", {"form": form}, status=status)
