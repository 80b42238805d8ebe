"""Reads of assignments: titles, links, and whether each period is done.

A period is done when the person did the linked thing in it (a practice of that kind, that
questionnaire completed, that saying-it scenario practised, a booster) or marked it done by
hand. Nothing is written here.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse

from feelmap.lib import sharing
from feelmap.lib.days import local_date, person_today, person_zone

from .models import Assignment, AssignmentDone
from .periods import done_periods, period_on, periods_until


def title(a: Assignment) -> str:
    if a.what == "practice":
        from feelmap.practices.models import PracticeKind

        return dict(PracticeKind.choices).get(a.key, a.key)
    if a.what == "questionnaire":
        from feelmap.assessments.instruments import load_instrument

        try:
            return load_instrument(a.key).short_name
        except KeyError:
            return a.key
    if a.what == "saying":
        from feelmap.saying.scenarios import load_library

        found = next((s for s in load_library().scenarios if s.id == a.key), None)
        return f"Saying it: {found.title}" if found else "A saying-it scenario"
    return "A booster session"


def url(a: Assignment) -> str | None:
    names = {"practice": ("practices:" + {"breathing": "breathing", "bodyscan": "bodyscan",
                                          "senses": "senses"}.get(a.key, "index"), ()),
             "questionnaire": ("assessments:take", (a.key,)),
             "saying": ("saying:roleplay", (a.key,)),
             "booster": ("program:booster", ())}
    name, args = names[a.what]
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # a feature not installed: no link rather than a dead one
        return None


def _bounds(start: date, end: date, zone: tzinfo) -> tuple[datetime, datetime]:
    return (datetime.combine(start, time.min, zone),
            datetime.combine(end + timedelta(days=1), time.min, zone))


def completion_days(a: Assignment, start: date, end: date) -> list[date]:
    """Days in [start, end] (the person's own dates, in their time zone) on which the person
    did the linked thing."""
    zone = person_zone(a.person)
    low, high = _bounds(start, end, zone)
    moments: list[datetime]
    if a.what == "practice":
        from feelmap.practices.models import PracticeSession

        moments = list(PracticeSession.objects.filter(
            owner_id=a.person_id, kind=a.key, started_at__gte=low, started_at__lt=high)
            .values_list("started_at", flat=True))
    elif a.what == "questionnaire":
        from feelmap.assessments.models import AssessmentResponse

        moments = [m for m in AssessmentResponse.objects.filter(
            owner_id=a.person_id, instrument=a.key, completed_at__gte=low, completed_at__lt=high)
            .values_list("completed_at", flat=True) if m is not None]
    elif a.what == "saying":
        from feelmap.saying.models import SayingPractice

        moments = list(SayingPractice.objects.filter(
            owner_id=a.person_id, scenario_id=a.key, practised_at__gte=low, practised_at__lt=high)
            .values_list("practised_at", flat=True))
    else:
        moments = sharing.booster_moments(a.person, low, high)
    return [local_date(m, zone) for m in moments]


def status(a: Assignment, today: date | None = None) -> dict[str, Any]:
    """Done now, periods done and begun so far, for the clinician and the person alike.
    "Today" is the person's date in their time zone, whoever is looking."""
    today = today or person_today(a.person)
    periods = periods_until(a.schedule, a.starts_on, a.due_on, today)
    by_hand = {d.period_start for d in a.done.all()}
    done: set[date] = set()
    if periods:
        done = done_periods(periods, completion_days(a, periods[0].start, periods[-1].end), by_hand)
    current = period_on(a.schedule, a.starts_on, a.due_on, today)
    return {
        "done_now": current is not None and current.start in done,
        "periods_done": len(done),
        "periods_so_far": len(periods),
        "open_today": a.ended_at is None and current is not None,
        "overdue": a.ended_at is None and today > a.due_on and
        (a.schedule != "once" or not done),
    }


def describe(a: Assignment, today: date | None = None) -> dict[str, Any]:
    return {"assignment": a, "title": title(a), "url": url(a), "by": a.link.viewer.shown_name,
            **status(a, today)}


def _done_prefetch() -> Prefetch:
    return Prefetch("done", queryset=AssignmentDone.objects.all())


def for_person(person, today: date | None = None) -> list[dict[str, Any]]:
    """The person's open suggestions from live links (today's plan and their Care page)."""
    today = today or person_today(person)
    found = (Assignment.objects.filter(person=person, ended_at=None, link__revoked_at=None,
                                       starts_on__lte=today, due_on__gte=today)
             .select_related("link__viewer", "person").prefetch_related(_done_prefetch()))
    return [describe(a, today) for a in found]


def for_link(link, today: date | None = None) -> list[dict[str, Any]]:
    """Everything suggested through one link, newest first (the clinician's view)."""
    today = today or person_today(link.person)
    found = (Assignment.objects.filter(link=link).select_related("link__viewer", "person")
             .prefetch_related(_done_prefetch()).order_by("-created_at", "-id"))
    return [describe(a, today) for a in found]


def plan_items(person, today: date | None = None) -> list[dict[str, Any]]:
    """Today's plan on the home page: open suggestions, not yet done today first."""
    items = for_person(person, today)
    return sorted(items, key=lambda i: (i["done_now"], i["assignment"].due_on))
