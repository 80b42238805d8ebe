"""Reads of the program app: where the person is, what to do today, what is due now.

Reads across the person's apps (questionnaire results, check-in words) live here, above them.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.cache import cache
from django.db.models import Min
from django.urls import reverse

from feelmap.lib.days import local_date, person_today, person_zone
from feelmap.lib.person_cache import SECONDS, person_key

from . import content, progress
from .models import Booster, Enrollment, ProgramDay
from .tailoring import Tailoring, tailor


def practice_style(user) -> str:
    """The practices preference decides structured or exploratory (no second copy of it)."""
    from feelmap.practices.models import PracticePreferences

    return PracticePreferences.for_user(user).style


def latest_subscales(user, instrument: str) -> dict[str, float] | None:
    from feelmap.assessments.models import AssessmentResponse

    row = (
        AssessmentResponse.objects.completed()
        .filter(owner=user, instrument=instrument)
        .order_by("-completed_at")
        .values_list("subscales", flat=True)
        .first()
    )
    return dict(row) if row else None


def tailoring_for(user) -> Tailoring:
    return tailor(latest_subscales(user, "paq"), latest_subscales(user, "maia2"))


def reason_texts(keys) -> list[str]:
    reasons = content.load_reasons()
    out = []
    for key in keys:
        try:
            out.append(reasons.text(key))
        except KeyError:
            continue
    return out


def words_newly_used(user, since: datetime) -> list[str]:
    """Vocabulary words first used in a check-in on or after `since` (a datetime).

    Finding a word's first use reads every label the person ever saved, so the answer is kept
    in Django's cache under the person's `data_version`, which every check-in write raises (as
    the insights are: see insights/loaders.py). A changed person gets a new key; nothing is
    ever stale, and an unchanged one costs no query at all."""
    key = person_key("program-new-words", user, since.isoformat())
    found: list[str] | None = cache.get(key)
    if found is None:
        found = _words_first_used_since(user, since)
        cache.set(key, found, timeout=SECONDS)
    return found


def _words_first_used_since(user, since: datetime) -> list[str]:
    from feelmap.checkins.models import Label

    firsts = (
        Label.objects.filter(checkin__owner=user, is_own=False)
        .exclude(word="")
        .values("word")
        .annotate(first=Min("checkin__occurred_at"))
    )
    return sorted(row["word"] for row in firsts if row["first"] >= since)


def practice_out(practice: content.Practice) -> dict:
    url = content.feature_link(practice.feature)
    return {"key": practice.key, "title": practice.title, "minutes": practice.minutes,
            "steps": list(practice.steps), "url": url, "coming": url is None}


def ordered_choices(week: content.Week, emphasis: list[str]) -> list[content.Practice]:
    """The week's other practices, those that stress the person's emphases first."""
    def rank(p: content.Practice) -> int:
        return 0 if set(p.stresses) & set(emphasis) else 1
    return sorted(week.choices, key=rank)


def week_out(number: int, emphasis: list[str]) -> dict:
    week = content.week(number)
    link = content.feature_link(week.with_someone.feature) if week.with_someone.feature else None
    return {
        "number": week.number,
        "stage": week.stage,
        "stage_title": content.stage_title(week.stage),
        "title": week.title,
        "explanation": list(week.explanation),
        "practice": practice_out(week.practice),
        "choices": [practice_out(p) for p in ordered_choices(week, emphasis)],
        "with_someone": week.with_someone.text,
        "with_someone_url": link,
        "with_someone_coming": bool(week.with_someone.feature) and link is None,
        "for_you": [text for key, text in week.for_you.items() if key in emphasis],
    }


def last_finished(user) -> Enrollment | None:
    return (Enrollment.objects.filter(owner=user, finished_at__isnull=False)
            .order_by("-finished_at").first())


def booster_list(user, today: date) -> list[progress.BoosterDue]:
    run = last_finished(user)
    if run is None or run.finished_at is None:
        return []
    done = Booster.objects.filter(owner=user, enrollment=run).values_list("which", flat=True)
    return progress.boosters(local_date(run.finished_at, person_zone(user)), done, today)


def program_state(user, today: date | None = None) -> dict:
    """Everything the program page and the API show, as plain data (see schemas.ProgramOut)."""
    return state_and_notes(user, today)[0]


def state_and_notes(user, today: date | None = None) -> tuple[dict, list[dict]]:
    """The program state and the "due now" notes (see `due_notes`), read together: the path
    page shows both, and they share the enrollment, its days and the boosters."""
    from .services import active_enrollment

    today = today or person_today(user)
    run = active_enrollment(user)
    boosters = booster_list(user, today)
    state: dict = {
        "active": run is not None,
        "style": practice_style(user),
        "weeks": content.week_count(),
        "boosters": [b.__dict__ for b in boosters],
    }
    if run is None:
        return state, _notes(None, False, boosters)
    days = list(ProgramDay.objects.filter(enrollment=run).values_list("week", "day"))
    weeks_done = len({w for w, _d in days if sum(1 for x, _ in days if x == w)
                      >= progress.DAYS_FOR_A_WEEK})
    last_day = max((d for _w, d in days), default=None)
    done_today = any(d == today for _w, d in days)
    state.update(
        id=run.public_id,
        current_week=run.current_week,
        start_week=run.start_week,
        weeks_done=weeks_done,
        practice_days=len(days),
        days_this_week=sum(1 for w, _d in days if w == run.current_week),
        done_today=done_today,
        words_newly_used=words_newly_used(user, run.started_at),
        emphasis=list(run.emphasis),
        reasons=reason_texts(run.reasons),
        started_at=run.started_at,
        finished_at=run.finished_at,
        week=week_out(run.current_week, list(run.emphasis)),
        welcome_back=progress.welcome_back(last_day, today),
    )
    return state, _notes(run, done_today, boosters)


def todays_plan(user, today: date | None = None) -> dict | None:
    """The home page's daily plan when the path is active (same keys as the practices plan),
    else None so the practices plan is used."""
    from .services import active_enrollment

    today = today or person_today(user)
    run = active_enrollment(user)
    if run is None:
        return None
    week = content.week(run.current_week)
    emphasis = list(run.emphasis)
    if practice_style(user) == "structured":
        chosen = week.practice
        why = "Today's practice in your path"
    else:
        options = [week.practice, *ordered_choices(week, emphasis)]
        chosen = options[today.toordinal() % len(options)]
        why = "One of this week's practices (choose another on the path page if you like)"
    url = content.feature_link(chosen.feature)
    return {
        "kind": "program",
        "title": f"{week.title}",
        "detail": chosen.title,
        "reason": f"{why}: about {chosen.minutes} minutes. Missed days are simply missed; "
                  "the path waits where you are.",
        "url": url,
        "program_url": reverse("program:index"),
    }


def due_notes(user, today: date | None = None) -> list[dict]:
    """In-app "due now" notes: today's step of the path and any due booster. Never shaming."""
    from .services import active_enrollment

    today = today or person_today(user)
    run = active_enrollment(user)
    done_today = run is not None and ProgramDay.objects.filter(enrollment=run, day=today).exists()
    return _notes(run, done_today, booster_list(user, today))


def _notes(run: Enrollment | None, done_today: bool,
           boosters: list[progress.BoosterDue]) -> list[dict]:
    notes = []
    if run is not None and not done_today:
        notes.append({"kind": "program", "url": reverse("program:index"),
                      "text": f"Whenever you are ready: today's step of week {run.current_week}."})
    for booster in boosters:
        if booster.due_now:
            notes.append({"kind": "booster", "url": reverse("program:booster"),
                          "text": f"Whenever you are ready: the {booster.title.lower()}."})
    return notes


def due_notes_kind(user, kind: str) -> bool:
    return any(note["kind"] == kind for note in due_notes(user))


def questionnaires_due(user) -> list[str]:
    from feelmap.assessments.schedule import due_instruments

    return due_instruments(user, person_today(user))


def stages_of(person_ids: list[int]) -> dict[int, str]:
    """Where each of these people is on the path now, in words; one query for all of them."""
    runs = Enrollment.objects.filter(owner_id__in=person_ids, finished_at__isnull=True,
                                     stopped_at__isnull=True).values_list("owner_id", "current_week")
    total = content.week_count()
    out = {}
    for owner_id, number in runs:
        week = content.week(number)
        out[owner_id] = f"Week {number} of {total}: {content.stage_title(week.stage)}"
    return out


def booster_moments(user, start, end) -> list:
    """When the person completed a booster in [start, end)."""
    return list(Booster.objects.filter(owner=user, completed_at__gte=start, completed_at__lt=end)
                .values_list("completed_at", flat=True))
