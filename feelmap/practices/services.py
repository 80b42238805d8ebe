"""Practice workflows: today's plan for a person, and saving practice sessions.

Words for before/after changes are pure functions (tested without a database); writes that
touch several models happen inside ``transaction.atomic`` so a failure changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from feelmap.accounts.services import person_data_changed
from feelmap.lexicon.body import load_body_catalogue
from feelmap.lib.days import day_starts, local_date, person_today, person_zone
from feelmap.lib.person_cache import SECONDS, person_key
from feelmap.lib.versions import StaleVersion, lock_at_version
from feelmap.safety.nudge import help_level

from . import activities, bodyscan, pacer
from .forms import catalogue_region
from .models import CHECKIN_LINKS, PracticeKind, PracticePreferences, PracticeSession
from .plan import NOUNS, PlanChoice, choose_practice
from .schemas import BreathingFinishIn, PracticeSessionIn, PreferencesIn

# --- today's plan ---------------------------------------------------------------------------


def due_assessments(user, today: date) -> list[str]:
    """Questionnaire keys due today."""
    from feelmap.assessments.schedule import due_instruments

    return list(due_instruments(user, today))


def due_assessment_names(keys: list[str]) -> list[dict[str, str]]:
    """Keys with readable names ("PHQ-9"), falling back to the key itself."""
    return [{"key": key, "name": _instrument_name(key)} for key in keys]


def _instrument_name(key: str) -> str:
    from feelmap.assessments.instruments import load_instrument

    try:
        return load_instrument(key).short_name
    except KeyError:  # a questionnaire that is no longer shipped: its key is name enough
        return key


def recent_practice(user, today: date) -> list[tuple[date, str]]:
    """(day, kind): the last day before `today` on which each kind was done. Practices count
    by their kind, full check-ins as "checkin", journal entries as "journal".

    This runs on every visit to the home and practice pages, and the last practice of each
    kind reads every session: the answer is kept for the day under the person's data version
    (which every practice, check-in and journal write raises).
    """
    key = person_key("recent-practice", user, today.isoformat())
    found: list[tuple[date, str]] | None = cache.get(key)
    if found is None:
        found = _recent_practice(user, today)
        cache.set(key, found, timeout=SECONDS)
    return found


def _recent_practice(user, today: date) -> list[tuple[date, str]]:
    from feelmap.checkins.models import CheckIn
    from feelmap.journal.models import JournalEntry

    zone = person_zone(user)
    before = day_starts(today, zone)
    found: list[tuple[str, datetime | None]] = list(
        PracticeSession.objects.filter(owner=user, started_at__lt=before)
        .values("kind").annotate(last=Max("started_at")).values_list("kind", "last")
    )
    found.append(("checkin", CheckIn.objects.filter(owner=user, kind="full", occurred_at__lt=before)
                  .order_by("-occurred_at").values_list("occurred_at", flat=True).first()))
    found.append(("journal", JournalEntry.objects.filter(owner=user, written_at__lt=before)
                  .aggregate(last=Max("written_at"))["last"]))
    return [(local_date(when, zone), kind) for kind, when in found if when is not None]


def todays_plan(user, today: date | None = None) -> PlanChoice:
    today = today or person_today(user)
    prefs = PracticePreferences.for_user(user)
    return choose_practice(
        today, prefs.style, recent_practice(user, today), due_assessments(user, today)
    )


def _reverse_or_none(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def plan_as_dict(choice: PlanChoice) -> dict:
    """The plan as plain data, with a link to start it and a short title."""
    title = NOUNS[choice.kind].capitalize()
    url = None
    detail = None
    if choice.kind == "breathing":
        url = reverse("practices:breathing") + f"?pattern={choice.pattern}"
        detail = pacer.PATTERNS[choice.pattern].label if choice.pattern else None
    elif choice.kind == "bodyscan":
        url = reverse("practices:bodyscan") + f"?scan={choice.scan}"
        detail = bodyscan.scan(choice.scan).title if choice.scan else None
    elif choice.kind == "senses" and choice.activity_id:
        url = reverse("practices:activity", args=[choice.activity_id])
        found = activities.by_id(choice.activity_id)
        detail = found.title if found else None
    elif choice.kind == "journal":
        url = _reverse_or_none("journal:index")
    elif choice.kind == "checkin":
        url = _reverse_or_none("checkins:index")
    return {
        "kind": choice.kind,
        "title": title,
        "detail": detail,
        "reason": choice.reason,
        "url": url,
        "pattern": choice.pattern,
        "scan": choice.scan,
        "activity_id": choice.activity_id,
        "prompt_id": choice.prompt_id,
        "due": list(choice.due),
        "measures_url": _reverse_or_none("assessments:index"),
    }


# --- words for a session ------------------------------------------------------------------


@dataclass(frozen=True)
class MiniCheck:
    """The few answers of a before/after mini check-in, as plain data."""

    pleasantness: float | None = None  # -1 (unpleasant) .. 1 (pleasant)
    energy: float | None = None  # -1 (low) .. 1 (high)
    label: str | None = None  # a feeling word, or None for "not sure"
    region: str | None = None  # a body region label, or None


def affect_words(pleasantness: float | None, energy: float | None) -> str:
    """ "unpleasant, high energy" for a point on the affect grid (-1 .. 1 on each axis)."""
    parts = []
    if pleasantness is not None:
        if pleasantness <= -0.2:
            parts.append("unpleasant")
        elif pleasantness >= 0.2:
            parts.append("pleasant")
        else:
            parts.append("neither pleasant nor unpleasant")
    if energy is not None:
        if energy <= -0.2:
            parts.append("low energy")
        elif energy >= 0.2:
            parts.append("high energy")
        else:
            parts.append("medium energy")
    return ", ".join(parts)


def mini_check_words(check: MiniCheck | None) -> str:
    if check is None:
        return "not recorded"
    parts = (
        [affect_words(check.pleasantness, check.energy)]
        if check.pleasantness is not None or check.energy is not None
        else []
    )
    parts.append(f"“{check.label}”" if check.label else "feeling word: not sure")
    if check.region:
        parts.append(f"noticed in the {check.region.lower()}")
    return ", ".join(p for p in parts if p)


def change_words(before: MiniCheck | None, after: MiniCheck | None) -> str:
    """ "Before: unpleasant, high energy; after: pleasant, low energy" — or what is missing."""
    if before is None and after is None:
        return ""
    return f"Before: {mini_check_words(before)}; after: {mini_check_words(after)}."


def duration_words(started, ended, completed: bool, planned_minutes: int | None = None) -> str:
    """Honest, unshaming words for how long a session went."""
    if ended is None:
        return "Not finished yet."
    seconds = max(0, int((ended - started).total_seconds()))
    minutes = round(seconds / 60)
    if minutes < 1:
        length = "less than a minute"
    elif minutes == 1:
        length = "about a minute"
    else:
        length = f"about {minutes} minutes"
    if completed:
        if planned_minutes:
            return f"Finished all {planned_minutes} minute{'s' if planned_minutes > 1 else ''}."
        return f"Finished, {length}."
    if planned_minutes:
        return f"Stopped after {length} of {planned_minutes} — stopping when you need to is fine."
    return f"Stopped after {length} — stopping when you need to is fine."


def session_title(session: PracticeSession) -> str:
    if session.kind == "breathing":
        found = pacer.PATTERNS.get(session.pattern)
        name = found.label if found else "Breathing"
        return f"{name}, {session.minutes} min" if session.minutes else name
    if session.kind == "bodyscan":
        try:
            return bodyscan.scan(session.scan).title
        except ValueError:
            return "Body scan"
    activity = activities.by_id(session.activity_id)
    return activity.title if activity else "Senses activity"


def feeling_words() -> list[str]:
    """Every vocabulary word, for the word box's suggestions."""
    from feelmap.lexicon.vocabulary import load_vocabulary

    return sorted(w.word for w in load_vocabulary().words)


def quality_label(key: str) -> str:
    body = load_body_catalogue()
    return body.quality(key).label.lower() if body.has_quality(key) else key


def region_label(key: str | None) -> str | None:
    if not key:
        return None
    body = load_body_catalogue()
    return body.region(key).label if body.has_region(key) else key


def _listed(checkin, part: str) -> list:
    """A check-in's labels or sensations: the list `PracticeSession.objects.history()` fetched,
    or a query when the check-in came from elsewhere."""
    found = getattr(checkin, f"listed_{part}", None)
    return list(getattr(checkin, part).all()) if found is None else found


def mini_check_of(checkin) -> MiniCheck | None:
    """The mini check-in answers of a stored check-in (labels and sensations prefetched or not)."""
    if checkin is None:
        return None
    labels = _listed(checkin, "labels")
    sensations = _listed(checkin, "sensations")
    scale = 5.0  # the check-in affect grid runs from -5 to 5
    return MiniCheck(
        pleasantness=None if checkin.pleasantness is None else checkin.pleasantness / scale,
        energy=None if checkin.energy is None else checkin.energy / scale,
        label=labels[0].text if labels else None,
        region=region_label(sensations[0].region) if sensations else None,
    )


def describe(session: PracticeSession) -> dict:
    """What the history and summary pages show about one session, in words."""
    planned = session.minutes if session.kind == PracticeKind.BREATHING else None
    item = {
        "session": session,
        "title": session_title(session),
        "kind_label": session.get_kind_display(),
        "duration": "Done."
        if session.kind == PracticeKind.SENSES
        else duration_words(session.started_at, session.ended_at, session.completed, planned),
        "change": "",
        "sensations": [],
        "quiet": [region_label(r) for r in session.quiet_regions or []],
    }
    if session.kind == PracticeKind.BREATHING:
        item["change"] = change_words(
            mini_check_of(session.before_checkin), mini_check_of(session.after_checkin)
        )
    if session.scan_checkin is not None:
        item["sensations"] = [
            {
                "region": region_label(s.region),
                "quality": quality_label(s.quality),
                "intensity": s.intensity,
            }
            for s in _listed(session.scan_checkin, "sensations")
        ]
    return item


def scan_steps(script: bodyscan.Scan) -> list[dict]:
    """The scan's steps with the body-map region each one logs into."""
    out = []
    for index, (start, step) in enumerate(script.timeline()):
        region = catalogue_region(step.region)
        out.append(
            {
                "index": index,
                "start": start,
                "seconds": step.seconds,
                "text": step.text,
                "region": region,
                "region_label": region_label(region),
            }
        )
    return out


# --- writes -------------------------------------------------------------------------------------
#
# A session is written in one place: `record_sessions` (create; the API, each practice page and
# the demo) and `update_session` (change; the API and the pages that finish a practice). The
# pages' own steps compose a check-in write (the check-ins area's service) with these, in one
# transaction.

CHECKIN_MISSING = "None of your check-ins has this id."
_PLAIN_FIELDS = (
    "kind", "pattern", "minutes", "scan", "activity_id", "started_at", "ended_at",
    "completed_at", "what_noticed", "nothing_noticed", "quiet_regions",
)


class LinkProblem(ValueError):
    """A linked check-in is not one of the owner's; ``fields`` says which, API-style."""

    def __init__(self, fields: dict[str, list[str]]):
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in fields.items()))
        self.fields = fields


def _linked_checkins(owner, items: Sequence[PracticeSessionIn]) -> dict:
    """The owner's check-ins named by the items, by public id; LinkProblem if one isn't theirs."""
    from feelmap.checkins.models import CheckIn

    wanted = {getattr(d, name) for d in items for name in CHECKIN_LINKS} - {None}
    if not wanted:
        return {}
    found = {c.public_id: c for c in CheckIn.objects.filter(owner=owner, public_id__in=wanted)}
    problems = {
        name: [CHECKIN_MISSING]
        for d in items
        for name in CHECKIN_LINKS
        if getattr(d, name) is not None and getattr(d, name) not in found
    }
    if problems:
        raise LinkProblem(problems)
    return found


def _apply(
    session: PracticeSession, data: PracticeSessionIn, checkins: dict,
    levels: dict[str, str] | None = None,
) -> None:
    for name in _PLAIN_FIELDS:
        value = getattr(data, name)
        setattr(session, name, "" if value is None and name in ("pattern", "scan", "activity_id")
                else value)
    for name in CHECKIN_LINKS:
        key = getattr(data, name)
        setattr(session, name, checkins[key] if key is not None else None)
    # The same note in one batch (the demo's) is checked once.
    levels = {} if levels is None else levels
    if data.what_noticed not in levels:
        levels[data.what_noticed] = help_level(data.what_noticed)
    session.help_level = levels[data.what_noticed]


def record_sessions(*, owner, items: Sequence[PracticeSessionIn]) -> list[PracticeSession]:
    """Store validated sessions (one statement per batch); each comes back with
    ``help_level`` set when its note sounds like the person may not be safe."""
    checkins = _linked_checkins(owner, items)
    levels: dict[str, str] = {}
    sessions = []
    for data in items:
        session = PracticeSession(owner=owner)
        _apply(session, data, checkins, levels)
        sessions.append(session)
    with transaction.atomic():
        PracticeSession.objects.bulk_create(sessions, batch_size=500)
        person_data_changed(owner.pk, kind="practices")
    return sessions


def record_session(*, owner, data: PracticeSessionIn) -> PracticeSession:
    return record_sessions(owner=owner, items=[data])[0]


def session_as_input(session: PracticeSession) -> dict[str, Any]:
    """A stored session's values in the input schema's shape (for a partial change)."""
    values: dict[str, Any] = {name: getattr(session, name) for name in _PLAIN_FIELDS}
    for name in ("pattern", "scan", "activity_id"):
        values[name] = values[name] or None
    values["quiet_regions"] = list(session.quiet_regions or [])
    for name in CHECKIN_LINKS:
        linked = getattr(session, name)
        values[name] = linked.public_id if linked else None
    return values


def merged_session(session: PracticeSession, changes: dict[str, Any]) -> dict[str, Any]:
    """The session's values with the given changes on top (for checking as a whole)."""
    return {**session_as_input(session), **changes}


class SessionConflict(StaleVersion):
    """The session was changed elsewhere since the version this change was based on."""


def update_session(session: PracticeSession, *, data: PracticeSessionIn,
                   based_on: int | None = None) -> PracticeSession:
    """Replace a session's values with a validated whole (its kind never changes).

    `based_on` is the version the change started from: if the session has changed since
    (another tab, device or script), nothing is written and SessionConflict carries the saved
    session (with its linked check-ins)."""
    if data.kind != session.kind:
        raise ValueError("A session's kind can't change; record a new session instead.")
    checkins = _linked_checkins(session.owner, [data])
    with transaction.atomic():
        try:
            current = lock_at_version(
                PracticeSession.objects.filter(owner_id=session.owner_id), session.pk, based_on)
        except StaleVersion:
            saved = PracticeSession.objects.history(session.owner_id).get(pk=session.pk)
            raise SessionConflict(saved) from None
        _apply(session, data, checkins)
        session.version = current.version + 1
        session.save()
        person_data_changed(session.owner_id, kind="practices")
    return session


def _checked(values: dict[str, Any]) -> PracticeSessionIn:
    """Values the page flows build themselves; a failure here is a bug, not bad input."""
    return PracticeSessionIn.model_validate(values)


def _save_checkin(owner, data):
    from feelmap.checkins.services import checkin_create

    return checkin_create(owner=owner, data=data)


def start_breathing(owner, *, data: PracticeSessionIn, before=None) -> PracticeSession:
    """The breathing page's start: the "before" mini check-in (if any) and the session."""
    with transaction.atomic():
        if before is not None:
            checkin = _save_checkin(owner, before)
            data = data.model_copy(update={"before_checkin": checkin.public_id})
        return record_session(owner=owner, data=data)


def finish_breathing(
    session: PracticeSession, *, finish: BreathingFinishIn, after=None
) -> PracticeSession:
    """The breathing page's end. SessionConflict if the session changed since the page read
    it (another tab finished it at the same moment): then nothing is kept, not even the
    "after" check-in."""
    now = timezone.now()
    # The page's own count is more exact than the server's clock (a slow form, a pause).
    ended = now
    if finish.elapsed_seconds is not None:
        ended = min(now, session.started_at + timedelta(seconds=finish.elapsed_seconds))
    with transaction.atomic():
        changes: dict[str, Any] = {
            "ended_at": ended, "completed_at": ended if finish.completed else None,
        }
        if after is not None:
            changes["after_checkin"] = _save_checkin(session.owner, after).public_id
        return update_session(session, data=_checked(merged_session(session, changes)),
                              based_on=session.version)


def finish_bodyscan(session: PracticeSession, data: dict) -> PracticeSession:
    """The scan page's end: sensations become a body-map check-in; quiet regions stay here."""
    from feelmap.checkins.validation import validate_checkin

    checkin_data = None
    if data["sensations"] or data["quiet_regions"]:
        checkin_data, errors = validate_checkin(
            {
                "kind": "bodyscan",
                "occurred_at": session.started_at,
                "sensations": data["sensations"],
            },
            now=timezone.now(),
        )
        if errors:  # the form already checked regions and qualities against the catalogue
            raise ValueError(f"Body scan sensations did not validate: {errors}")
    now = timezone.now()
    with transaction.atomic():
        changes: dict[str, Any] = {
            "quiet_regions": data["quiet_regions"],
            "nothing_noticed": bool(data["quiet_regions"]) and not data["sensations"],
            "ended_at": now,
            "completed_at": now if data["completed"] else None,
        }
        if checkin_data is not None:
            changes["scan_checkin"] = _save_checkin(session.owner, checkin_data).public_id
        return update_session(session, data=_checked(merged_session(session, changes)),
                              based_on=session.version)


def delete_session(session: PracticeSession) -> None:
    """The session, and the practice check-ins made with it (they exist only because of it).

    A check-in of another kind that a client linked keeps living in the check-ins area.
    """
    with transaction.atomic():
        linked = [
            pk for pk in (session.before_checkin_id, session.after_checkin_id,
                          session.scan_checkin_id)
            if pk is not None
        ]
        session.delete()
        person_data_changed(session.owner_id, kind="practices")
        if linked:
            from feelmap.checkins.models import CheckIn
            CheckIn.objects.filter(
                owner=session.owner,
                pk__in=linked,
                kind__in=["practice-before", "practice-after", "bodyscan"],
            ).delete()


def save_preferences(owner, data: PreferencesIn) -> PracticePreferences:
    """Store how practices are offered (the preferences page and the API)."""
    with transaction.atomic():
        prefs, _created = PracticePreferences.objects.update_or_create(
            owner=owner, defaults=data.model_dump())
    return prefs
