"""Saying it: the scenario library, role-play, the sentence builder with checks and the
speak-aloud step, non-verbal cues, and the saved practices.

Views stay thin: rules in schemas.py, writes in services.py, checks in checks.py, scripts in
scenarios.py. The role-play keeps no state on the server: the page sends back the person's
answers and the conversation is replayed from them.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from feelmap.lib.access import owned_or_404
from feelmap.lib.sharing import feedback_panel
from feelmap.lib.validation import validate
from feelmap.lib.versions import posted_version
from feelmap.safety import nudge

from . import services
from .builder import NUANCES, compose
from .cues import CHANNELS, load_cues, score
from .models import SayingPractice
from .scenarios import LEVELS, Scenario, load_library, play
from .schemas import TEXT_MAX, CuesIn, PracticeIn, RoleplayIn

PER_PAGE = 20
RATINGS = (
    (1, "1 (very hard)"), (2, "2"), (3, "3"), (4, "4"), (5, "5 (easy)"),
)
CLARITY = (
    (1, "1 (muddled)"), (2, "2"), (3, "3"), (4, "4"), (5, "5 (very clear)"),
)
SHOWN = {"goal", "feeling", "nuance", "also", "intensity", "when", "need", "request", "text",
         "spoken_seconds", "felt", "clarity"}
PRACTICE_FIELDS = (
    "scenario_id", "goal", "feeling", "nuance", "also", "when", "need", "request", "text",
    "intensity", "spoken_seconds", "felt", "clarity",
)


def _scenario_or_404(scenario_id: str) -> Scenario:
    scenario = load_library().get(scenario_id)
    if scenario is None:
        raise Http404("No such scenario.")
    return scenario


@login_required
def index(request: HttpRequest) -> HttpResponse:
    library = load_library()
    graded = library.graded()
    levels = [
        {"level": level, "label": label, "rows": [
            {"scenario": s, "relation": library.relations[s.relation],
             "goal": library.goals[s.goal].label}
            for s in graded if s.level == level
        ]}
        for level, label in LEVELS.items()
    ]
    recent = list(services.practices_for(request.user)[:3])
    return render(request, "saying/index.html", {
        "levels": levels, "library": library, "recent": recent,
    })


@login_required
@require_http_methods(["GET", "POST"])
def roleplay(request: HttpRequest, scenario_id: str) -> HttpResponse:
    scenario = _scenario_or_404(scenario_id)
    library = load_library()
    answers: list[str] = []
    errors: dict[str, list[str]] = {}
    draft = ""
    if request.method == "POST":
        draft = request.POST.get("answer", "")
        sent = {"answers": [*request.POST.getlist("answers"), draft]}
        data, errors = validate(RoleplayIn, sent)
        if data is not None:
            answers = data.answers
            # Nothing is saved, but the offer of help still stands.
            nudge.offer_help(request, services.sounds_unsafe(draft))
        else:
            # Keep what was already said; only the new answer needs another look.
            earlier, _ = validate(RoleplayIn, {"answers": request.POST.getlist("answers")})
            answers = earlier.answers if earlier else []
            errors = {"answer": [m for msgs in errors.values() for m in msgs]}
    conversation = play(scenario, answers)
    goal = library.goals[scenario.goal]
    reviews = {
        i: services.review_text(turn.text, goal=scenario.goal)
        for i, turn in enumerate(conversation.turns) if turn.speaker == "you"
    }
    turns = [{"turn": t, "review": reviews.get(i)} for i, t in enumerate(conversation.turns)]
    said = [t.text for t in conversation.turns if t.speaker == "you"]
    return render(request, "saying/roleplay.html", {
        "scenario": scenario, "goal": goal, "relation": library.relations[scenario.relation],
        "turns": turns, "ended": conversation.ended, "said": said, "errors": errors,
        "draft": draft if errors else "", "answered": len(said),
        # What was said, as the builder's starting text (within the text's limit).
        "said_text": " ".join(said)[:TEXT_MAX],
    }, status=422 if errors else 200)


def _builder_context(request: HttpRequest, *, values: dict, errors: dict, review=None,
                     practice: SayingPractice | None = None) -> dict:
    library = load_library()
    scenario = library.get(values.get("scenario_id") or "")
    answers = values.get("answers") or []
    return {
        "values": values,
        "errors": errors,
        # Messages about values with no box of their own (the conversation, the scenario).
        "general_errors": [m for key, msgs in errors.items() if key.split(".")[0] not in SHOWN
                           for m in msgs],
        "review": review,
        "practice": practice,
        "scenario": scenario,
        "transcript": play(scenario, answers).turns if scenario and answers else (),
        "answers": answers,
        "goals": library.goals,
        "nuances": NUANCES,
        "seeds": services.seeds_for(request.user),
        "intensities": range(0, 11),
        "ratings": RATINGS,
        "clarity": CLARITY,
        # The version the page was loaded with travels with the form, also through a check or
        # a correction, so a save never overwrites a newer one unseen.
        "version": (request.POST.get("version", "") if request.method == "POST"
                    else practice.version if practice else ""),
    }


def _posted(request: HttpRequest) -> dict:
    values: dict = {key: request.POST.get(key, "") for key in PRACTICE_FIELDS}
    values["answers"] = request.POST.getlist("answers")
    return values


def _builder(request: HttpRequest, *, practice: SayingPractice | None) -> HttpResponse:
    """The builder for a new practice or an existing one: "check" shows the checks, "save"
    stores it (through services) and opens the saved practice."""
    action = request.POST.get("action", "check") if request.method == "POST" else ""
    if request.method != "POST":
        values: dict = {"goal": "express", "answers": []}
        if practice is not None:
            values = {key: getattr(practice, key) for key in PRACTICE_FIELDS}
            values["answers"] = practice.answers
        elif request.GET.get("scenario"):
            scenario = _scenario_or_404(request.GET["scenario"])
            values.update(scenario_id=scenario.id, goal=scenario.goal)
        review = services.review_practice(practice) if practice and practice.text else None
        context = _builder_context(request, values=values, errors={}, review=review,
                                   practice=practice)
        return render(request, "saying/build.html", context)
    values = _posted(request)
    data, errors = validate(PracticeIn, values)
    if data is None:
        context = _builder_context(request, values=values, errors=errors, practice=practice)
        return render(request, "saying/build.html", context, status=422)
    if action == "save":
        if practice is None:
            saved = services.create_practice(owner=request.user, data=data)
            messages.success(request, "Saved. You can find it under your saved practices.")
        else:
            try:
                saved = services.update_practice(
                    practice, data=data, based_on=posted_version(request.POST.get("version")))
            except services.PracticeConflict as conflict:
                return _conflict_page(request, values=values, mine=data, saved=conflict.current)
            messages.success(request, "Your changes are saved.")
        nudge.offer_help(request, getattr(saved, "help_level", ""))
        return redirect("saying:detail", public_id=saved.public_id)
    # "Check it": compose the sentence from its parts if the text box is empty, and review it.
    text = data.text or compose(
        feeling=data.feeling, nuance=data.nuance, also=data.also, when=data.when,
        need=data.need, request=data.request,
    )
    values["text"] = text
    review = services.review_text(text, goal=data.goal, intensity=data.intensity)
    context = _builder_context(request, values=values, errors={}, review=review,
                               practice=practice)
    return render(request, "saying/build.html", context)


def _side(goal: str, feeling: str, nuance: str, also: str, when: str, need: str, request: str,
          text: str) -> list[tuple[str, str]]:
    """One version of a practice, as the conflict panel shows it: the parts that were filled
    in, then the final wording."""
    library = load_library()
    wanted = library.goal(goal)
    feeling_words = " ".join(w for w in (nuance, feeling) if w)
    if also:
        feeling_words = f"{feeling_words} and {also}" if feeling_words else also
    rows = [
        ("What it is for", wanted.label if wanted else goal),
        ("I feel …", feeling_words),
        ("… when …", when),
        ("… because I need …", need),
        ("Would you …?", request),
    ]
    return [(name, value) for name, value in rows if value] + [
        ("What you would say", text or "(none)")]


def _conflict_page(request: HttpRequest, *, values: dict, mine: PracticeIn,
                   saved: SayingPractice) -> HttpResponse:
    """409: the practice changed in another tab or device. Both versions side by side; the form
    keeps this page's words with the saved version number, so "Keep" saves them on purpose."""
    context = _builder_context(request, values=values, errors={}, practice=saved)
    mine_text = mine.text or compose(
        feeling=mine.feeling, nuance=mine.nuance, also=mine.also, when=mine.when,
        need=mine.need, request=mine.request,
    )
    context["conflict"] = {
        "mine": _side(mine.goal, mine.feeling, mine.nuance, mine.also, mine.when, mine.need,
                      mine.request, mine_text),
        "saved": _side(saved.goal, saved.feeling, saved.nuance, saved.also, saved.when,
                       saved.need, saved.request, saved.text),
        "when": saved.updated_at,
    }
    context["version"] = saved.version
    return render(request, "saying/build.html", context, status=409)


@login_required
@require_http_methods(["GET", "POST"])
def build(request: HttpRequest) -> HttpResponse:
    return _builder(request, practice=None)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return _builder(request, practice=owned_or_404(SayingPractice, request.user, public_id))


@login_required
def detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    practice = owned_or_404(SayingPractice, request.user, public_id)
    scenario = practice.scenario
    return render(request, "saying/detail.html", {
        "practice": practice,
        "scenario": scenario,
        "goal": load_library().goal(practice.goal),
        "transcript": play(scenario, practice.answers).turns if scenario and practice.answers
        else (),
        "review": services.review_practice(practice) if practice.text else None,
        "feedback": feedback_panel(request, "saying", practice.public_id),
    })


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    practice = owned_or_404(SayingPractice, request.user, public_id)
    if request.method == "POST":
        services.delete_practice(practice)
        messages.success(request, "The practice is deleted.")
        return redirect("saying:history")
    return render(request, "saying/delete.html", {"practice": practice})


@login_required
def history(request: HttpRequest) -> HttpResponse:
    page = Paginator(services.practices_for(request.user), PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "saying/history.html", {"page": page, "library": load_library()})


@login_required
@require_http_methods(["GET", "POST"])
def cues(request: HttpRequest) -> HttpResponse:
    items = load_cues().items
    result = None
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        sent = {i.id: request.POST.get(i.id, "") for i in items if request.POST.get(i.id)}
        data, errors = validate(CuesIn, {"answers": sent})
        if data is not None:
            result = score(items, data.answers)
    marks = {m.item.id: m for m in result.marked} if result else {}
    groups = [
        {"key": key, "label": label,
         "rows": [{"item": i, "mark": marks.get(i.id)} for i in items if i.channel == key]}
        for key, label in CHANNELS.items()
    ]
    return render(request, "saying/cues.html", {
        "groups": groups, "result": result, "errors": errors,
    }, status=422 if errors else 200)
