"""Daily plan: which practice to suggest today, and why, in plain words.

Rules
-----
- Only history from *before* today counts, so the plan stays the same all day, even after the
  person has done today's practice. The same inputs on the same date always give the same plan
  (any random choice is seeded from the date's ordinal).
- "structured": a fixed weekly rotation (WEEKLY_ROTATION, Monday first). If the person did
  today's rotation practice yesterday, the next practice in the rotation that they did *not* do
  yesterday is suggested instead.
- "exploratory": the practice kind done least recently (never done counts as oldest); ties are
  broken by a choice seeded from the date. It never repeats yesterday's practice unless every
  kind was done yesterday.
- Details: breathing gets a pattern, senses an activity id, body scan a script ("long" at the
  weekend, "short" on weekdays), journal a prompt id (not an expressive-writing prompt, which
  is a multi-day commitment the person should choose deliberately).
- Due assessments are passed through, de-duplicated, in ``due``.
- No streaks, no "you missed": reasons only say what is suggested and why it may help.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from feelmap.journal import prompts as journal_prompts
from feelmap.practices import activities as senses_activities

PRACTICE_KINDS: tuple[str, ...] = ("breathing", "bodyscan", "senses", "journal", "checkin")
STYLES: tuple[str, ...] = ("structured", "exploratory")

# Monday .. Sunday. Neighbouring days (Sunday -> Monday too) never repeat a kind.
WEEKLY_ROTATION: tuple[str, ...] = (
    "breathing",
    "bodyscan",
    "journal",
    "senses",
    "breathing",
    "bodyscan",
    "checkin",
)

# Breathing patterns the plan suggests (the 5.5/min resonance variant is the person's choice).
PLAN_PATTERNS: tuple[str, ...] = ("resonance", "longer-exhale", "box")

NOUNS: dict[str, str] = {
    "breathing": "breathing practice",
    "bodyscan": "body scan",
    "senses": "senses activity",
    "journal": "journal entry",
    "checkin": "full check-in",
}

DAY_NAMES: dict[str, str] = {
    "breathing": "breathing",
    "bodyscan": "body scan",
    "senses": "senses",
    "journal": "journal",
    "checkin": "check-in",
}

DONE: dict[str, str] = {
    "breathing": "done a breathing practice",
    "bodyscan": "done a body scan",
    "senses": "tried a senses activity",
    "journal": "written in your journal",
    "checkin": "done a full check-in",
}

WHY: dict[str, str] = {
    "breathing": "a few minutes of slow breathing can settle the body enough to notice what "
    "you feel.",
    "bodyscan": "it's a gentle way to notice what your body is telling you.",
    "senses": "a small activity for the senses can wake up feelings that have gone quiet.",
    "journal": "putting things into words, even a few, can turn a vague feeling into one you "
    "can name.",
    "checkin": "a full check-in shows how your body, your mood and your words fit together today.",
}


@dataclass(frozen=True)
class PlanChoice:
    kind: str
    reason: str
    activity_id: str | None = None
    pattern: str | None = None
    scan: str | None = None
    prompt_id: str | None = None
    due: list[str] = field(default_factory=list)


def _as_date(value: object, what: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise ValueError(f"{what} must be a date; got {value!r}.")


def _history(recent: Iterable[tuple[date, str]], today: date) -> dict[str, date]:
    """Last date (before today) on which each kind was done."""
    last: dict[str, date] = {}
    for entry in recent:
        try:
            day, kind = entry
        except (TypeError, ValueError):
            raise ValueError(
                f"Each recent practice must be a (date, kind) pair; got {entry!r}."
            ) from None
        if kind not in PRACTICE_KINDS:
            raise ValueError(
                f"Unknown practice kind {kind!r}; expected one of: {', '.join(PRACTICE_KINDS)}."
            )
        day = _as_date(day, "A recent practice's date")
        if day >= today:
            continue
        if kind not in last or day > last[kind]:
            last[kind] = day
    return last


def _structured(today: date, last: dict[str, date]) -> tuple[str, str]:
    yesterday = today - timedelta(days=1)
    done_yesterday = {kind for kind, day in last.items() if day == yesterday}
    weekday = today.weekday()
    planned = WEEKLY_ROTATION[weekday]
    if planned not in done_yesterday:
        return planned, f"Today is {DAY_NAMES[planned]} day in your weekly plan — {WHY[planned]}"
    for step in range(1, len(WEEKLY_ROTATION)):
        kind = WEEKLY_ROTATION[(weekday + step) % len(WEEKLY_ROTATION)]
        if kind not in done_yesterday:
            return kind, (
                f"You did a {NOUNS[planned]} yesterday, so today brings a {NOUNS[kind]} "
                f"instead — {WHY[kind]}"
            )
    return planned, f"Today is {DAY_NAMES[planned]} day in your weekly plan — {WHY[planned]}"


def _exploratory(today: date, last: dict[str, date], rng: random.Random) -> tuple[str, str]:
    never = [kind for kind in PRACTICE_KINDS if kind not in last]
    if never:
        kind = rng.choice(never)
        return kind, f"You haven't {DONE[kind]} yet — {WHY[kind]}"
    oldest = min(last.values())
    candidates = [kind for kind in PRACTICE_KINDS if last[kind] == oldest]
    kind = rng.choice(candidates)
    days = (today - oldest).days
    if days >= 7:
        return kind, f"You haven't {DONE[kind]} this week — {WHY[kind]}"
    if days >= 2:
        return kind, f"Your last {NOUNS[kind]} was {days} days ago — {WHY[kind]}"
    return kind, f"You've tried a bit of everything lately. Today, a {NOUNS[kind]}: {WHY[kind]}"


def _details(kind: str, today: date, style: str) -> dict[str, str | None]:
    # A separate seed per kind keeps details stable whatever the history was.
    rng = random.Random(today.toordinal() * 10 + PRACTICE_KINDS.index(kind))  # nosec B311  # seeded choice of practice details, not a secret
    if kind == "breathing":
        if style == "structured":  # one pattern per week, in turn
            return {"pattern": PLAN_PATTERNS[(today.toordinal() // 7) % len(PLAN_PATTERNS)]}
        return {"pattern": rng.choice(PLAN_PATTERNS)}
    if kind == "senses":
        return {"activity_id": rng.choice(senses_activities.load_activities()).id}
    if kind == "bodyscan":
        return {"scan": "long" if today.weekday() >= 5 else "short"}
    if kind == "journal":
        pool = [p for p in journal_prompts.load_prompts() if p.kind != "expressive"]
        return {"prompt_id": rng.choice(pool).id}
    return {}


def choose_practice(
    today: date,
    style: str,
    recent: Iterable[tuple[date, str]],
    due_assessments: Sequence[str] = (),
) -> PlanChoice:
    """Today's suggested practice, with a plain-words reason and any due assessments."""
    today = _as_date(today, "Today")
    if style not in STYLES:
        raise ValueError(f"Unknown program style {style!r}; expected one of: {', '.join(STYLES)}.")
    if isinstance(due_assessments, str):
        raise ValueError("due_assessments must be a list of assessment keys, not one string.")
    due: list[str] = []
    for key in due_assessments:
        if not isinstance(key, str) or not key.strip():
            raise ValueError(f"Assessment keys must be non-empty text; got {key!r}.")
        if key not in due:
            due.append(key)
    last = _history(recent, today)
    if style == "structured":
        kind, reason = _structured(today, last)
    else:
        kind, reason = _exploratory(today, last, random.Random(today.toordinal()))  # nosec B311  # seeded choice of a practice, not a secret
    return PlanChoice(kind=kind, reason=reason, due=due, **_details(kind, today, style))
