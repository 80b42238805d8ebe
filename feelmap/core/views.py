from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from feelmap.accounts.models import User
from feelmap.accounts.views import open_signup_allowed

from .context import section_urls
from .crisis import crisis_context


def healthz(request: HttpRequest) -> HttpResponse:
    """The cheapest answer the app can give: the floor for benchmarks and a liveness probe."""
    return HttpResponse("ok", content_type="text/plain")


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        if open_signup_allowed() and not User.objects.exists():
            return redirect("accounts:welcome")
        return redirect("accounts:login")
    return render(request, "feelmap/home.html", today_context(request.user))


def today_context(user) -> dict:
    """What the home page offers today: one suggested practice, due questionnaires, and the
    latest check-in. Each area owns its own logic; this only gathers it."""
    from feelmap.checkins.models import CheckIn
    from feelmap.practices import services as practice_services
    from feelmap.program import state as program_state

    plan = practice_services.todays_plan(user)
    plan_dict = practice_services.plan_as_dict(plan)
    # When the person is on the path, today's suggestion is the path's (it says why).
    program_plan = program_state.todays_plan(user)
    if program_plan is not None:
        plan_dict = {**plan_dict, **program_plan}
    latest = (
        CheckIn.objects.filter(owner=user)
        .only("public_id", "occurred_at", "kind", "not_sure")
        .order_by("-occurred_at")
        .first()
    )
    from feelmap.care.assignments import plan_items

    return {
        "sections": section_urls(),
        "plan": plan_dict,
        "assigned": plan_items(user),
        "due_now": program_state.due_notes(user),
        "due": practice_services.due_assessment_names(plan.due),
        "latest_checkin": latest,
    }


@never_cache
def crisis(request: HttpRequest) -> HttpResponse:
    """Crisis resources: reachable by anyone, signed in or not, from every page."""
    return render(request, "feelmap/crisis.html", crisis_context(request))


COMING = {
    "checkin": "Check-ins",
    "journal": "The journal",
    "say": "Saying it",
    "practice": "Practices",
    "measures": "Questionnaires",
}


def coming(request: HttpRequest, section: str) -> HttpResponse:
    if section not in COMING:
        raise Http404
    return render(request, "feelmap/coming.html", {"section": COMING[section]})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "feelmap/404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "feelmap/403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "feelmap/500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "feelmap/csrf.html", status=403)
