"""Program pages: understanding, the path, boosters, reminder settings and the calendar feed.

Thin: input is checked by schemas.py, writes go through services.py, reads through state.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from feelmap import __version__
from feelmap.lib.days import local_date, person_today, person_zone
from feelmap.lib.validation import validate

from . import content, services, state
from .feed import build_feed
from .models import PURPOSES, ReminderSettings
from .schemas import DayDone, MoveWeek, ReminderSettingsIn, time_zones

PURPOSE_LABELS = {
    "checkin": "A check-in",
    "practice": "A practice",
    "program": "Today's step of the path (while you are on it)",
    "questionnaire": "A questionnaire, when one is due",
    "booster": "A booster session, when one is due",
}
DAY_LABELS = ((1, "Monday"), (2, "Tuesday"), (3, "Wednesday"), (4, "Thursday"), (5, "Friday"),
              (6, "Saturday"), (7, "Sunday"))


def _page_links(page: content.Page) -> list[dict]:
    out = []
    for link in page.links:
        url = content.feature_link(link.feature)
        out.append({"text": link.text, "url": url, "coming": url is None})
    return out


@login_required
def understanding(request: HttpRequest) -> HttpResponse:
    return render(request, "program/understanding.html", {"pages": content.load_pages().pages})


@login_required
def page(request: HttpRequest, slug: str) -> HttpResponse:
    found = content.page(slug)
    if found is None:
        raise Http404("No such page.")
    return render(request, "program/page.html", {"page": found, "links": _page_links(found)})


@login_required
def pairs(request: HttpRequest) -> HttpResponse:
    return page(request, "pairs")


@login_required
def index(request: HttpRequest) -> HttpResponse:
    current, notes = state.state_and_notes(request.user)
    tailoring = state.tailoring_for(request.user)
    context = {
        "state": current,
        "preview_reasons": state.reason_texts(tailoring.reasons),
        "preview_week": tailoring.start_week,
        "stages": content.load_path().stages,
        "weeks": content.load_path().weeks,
        "pages": content.load_pages().pages,
        "notes": notes,
        "errors": {},
    }
    return render(request, "program/index.html", context)


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    tailoring = state.tailoring_for(request.user)
    week = request.POST.get("start_week", "").strip()
    chosen = int(week) if week.isdigit() else None
    try:
        services.start_program(request.user, tailoring, start_week=chosen)
    except services.ProgramError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "You're on the path. One small practice a day is plenty.")
    return redirect("program:index")


@login_required
@require_POST
def stop(request: HttpRequest) -> HttpResponse:
    if services.stop_program(request.user) is not None:
        messages.success(request, "You've left the path. What you did is kept, and you can "
                                  "start again whenever you like.")
    return redirect("program:index")


@login_required
@require_POST
def day(request: HttpRequest) -> HttpResponse:
    data, errors = validate(DayDone, {
        "practice": request.POST.get("practice", ""),
        "tried_with_someone": request.POST.get("tried_with_someone") == "on",
        "note": request.POST.get("note", ""),
    })
    if data is None:
        messages.error(request, "Choose which practice you did. " + " ".join(
            m for msgs in errors.values() for m in msgs))
        return redirect("program:index")
    try:
        before = services.active_enrollment(request.user)
        week_before = before.current_week if before else None
        services.record_day(request.user, data)
    except services.ProgramError as exc:
        messages.error(request, str(exc))
        return redirect("program:index")
    after = services.active_enrollment(request.user)
    if after is None:
        messages.success(request, "That was the last step of the path. Well done for getting "
                                  "here. Boosters in one and three months keep it going.")
    elif week_before is not None and after.current_week != week_before:
        messages.success(request, f"Today's practice is noted, and week {after.current_week} "
                                  "begins whenever you are ready.")
    else:
        messages.success(request, "Today's practice is noted.")
    return redirect("program:index")


@login_required
@require_POST
def week_move(request: HttpRequest) -> HttpResponse:
    data, _errors = validate(MoveWeek, {"direction": request.POST.get("direction", "")})
    if data is None:
        messages.error(request, "Move to the next week or back.")
        return redirect("program:index")
    try:
        run = services.move_week(request.user, data.direction)
    except services.ProgramError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"You're in week {run.current_week} now.")
    return redirect("program:index")


def _comparisons(user) -> list[dict]:
    from feelmap.assessments.models import AssessmentResponse
    from feelmap.assessments.records import comparisons_for

    out: list[dict] = []
    for key in ("paq", "maia2"):
        latest = (AssessmentResponse.objects.completed().filter(owner=user, instrument=key)
                  .order_by("-completed_at").first())
        if latest is None:
            out.append({"key": key, "name": key.upper(), "sentences": [], "answered": False})
            continue
        found = [c for c in comparisons_for(latest) if c.against == "first"]
        out.append({"key": key, "name": latest.definition.short_name, "answered": True,
                    "sentences": [c.sentence for c in found]})
    return out


@login_required
def booster(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        done = services.record_booster(request.user)
        messages.success(request, "Booster noted. Thank you for coming back to it.")
        del done
        return redirect("program:booster")
    today = person_today(request.user)
    return render(request, "program/booster.html", {
        "steps": content.load_path().booster,
        "boosters": state.booster_list(request.user, today),
        "comparisons": _comparisons(request.user),
        "paq_url": reverse("assessments:take", args=["paq"]),
        "maia_url": reverse("assessments:take", args=["maia2"]),
    })


def _settings_context(request: HttpRequest, values: dict, errors: dict, new_feed: str | None,
                      found: ReminderSettings | None) -> dict:
    zones = time_zones()
    return {
        "values": values,
        "errors": {key.split(".")[0]: msgs for key, msgs in errors.items()},
        "all_errors": [m for msgs in errors.values() for m in msgs],
        "purposes": [(key, PURPOSE_LABELS[key]) for key in PURPOSES],
        "day_labels": DAY_LABELS,
        "zones": zones,
        # The zone list is a cached fragment per chosen zone (an unknown one selects nothing).
        "zone_chosen": values.get("time_zone") if values.get("time_zone") in zones else "",
        "version": __version__,
        "has_feed": bool(found and found.feed_hash),
        "new_feed_url": new_feed,
        "notes": state.due_notes(request.user),
    }


def _values(found: ReminderSettings | None, user) -> dict:
    if found is None:
        return {"email_enabled": False, "email": "", "times": "08:30", "days": [1, 2, 3, 4, 5, 6, 7],
                "time_zone": user.time_zone or timezone.get_current_timezone_name(),
                "quiet_start": "22:00",
                "quiet_end": "07:00", "purposes": ["checkin", "program"]}
    return {
        "email_enabled": found.email_enabled, "email": found.email,
        "times": ", ".join(found.times), "days": list(found.days), "time_zone": found.time_zone,
        "quiet_start": found.quiet_start.strftime("%H:%M") if found.quiet_start else "",
        "quiet_end": found.quiet_end.strftime("%H:%M") if found.quiet_end else "",
        "purposes": list(found.purposes),
    }


@login_required
@never_cache
def reminders(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        posted = {
            "email_enabled": request.POST.get("email_enabled") == "on",
            "email": request.POST.get("email", ""),
            "times": request.POST.get("times", ""),
            "days": [int(d) for d in request.POST.getlist("days") if d.isdigit()],
            "time_zone": request.POST.get("time_zone", ""),
            "quiet_start": request.POST.get("quiet_start", ""),
            "quiet_end": request.POST.get("quiet_end", ""),
            "purposes": request.POST.getlist("purposes"),
        }
        data, errors = validate(ReminderSettingsIn, posted)
        if data is None:
            found = ReminderSettings.objects.filter(owner_id=request.user.pk).first()
            return render(request, "program/reminders.html",
                          _settings_context(request, posted, errors, None, found), status=422)
        services.save_reminder_settings(request.user, data)
        messages.success(request, "Reminder settings saved.")
        return redirect("program:reminders")
    found = ReminderSettings.objects.filter(owner_id=request.user.pk).first()
    return render(request, "program/reminders.html",
                  _settings_context(request, _values(found, request.user), {}, None, found))


@login_required
@require_POST
@never_cache
def feed_rotate(request: HttpRequest) -> HttpResponse:
    if request.POST.get("action") == "remove":
        services.remove_feed(request.user)
        messages.success(request, "The calendar address is turned off.")
        return redirect("program:reminders")
    token = services.rotate_feed(request.user)
    url = request.build_absolute_uri(reverse("program:feed", args=[token]))
    found = ReminderSettings.objects.filter(owner_id=request.user.pk).first()
    return render(request, "program/reminders.html",
                  _settings_context(request, _values(found, request.user), {}, url, found))


@require_GET
@never_cache
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar feed; the secret in the address is the only key (no login)."""
    if not token or len(token) > 100:
        raise Http404("No such calendar.")
    found = (ReminderSettings.objects.select_related("owner")
             .filter(feed_hash=services.feed_hash(token)).first())
    if found is None or not found.feed_hash:
        raise Http404("No such calendar.")
    today = person_today(found.owner)
    extra: list = []
    if "booster" in found.purposes:
        extra += [(b.title, b.due_on) for b in state.booster_list(found.owner, today) if not b.done]
    body = build_feed(
        owner_key=str(found.owner.public_id) if hasattr(found.owner, "public_id") else str(found.owner_id),
        times=list(found.times), days=list(found.days), zone_name=found.time_zone,
        quiet_start=found.quiet_start, quiet_end=found.quiet_end, purposes=list(found.purposes),
        first_day=local_date(found.updated_at, person_zone(found.owner)), extra=extra,
        app_url=request.build_absolute_uri(reverse("program:index")),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="feelmap.ics"'
    return response
