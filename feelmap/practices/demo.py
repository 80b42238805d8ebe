"""Demo practice history for `feelmap demo`: a practice on about half the days.

Breathing sessions get before/after mini check-ins (usually a little calmer afterwards, not
always); body scans get a body-map check-in with sensations or "nothing noticed" regions;
senses activities get a short note. The check-ins are written in batches first; the sessions
then go through the practices' one write path (`services.record_sessions`), in batches too.
"""

from __future__ import annotations

import math
from datetime import datetime, time, timedelta

from django.utils import timezone

from feelmap.accounts.services import person_data_changed
from feelmap.checkins.models import BodySensation, CheckIn, Label

from . import activities, bodyscan, pacer, services
from .forms import catalogue_region
from .models import PracticeKind, PracticePreferences, PracticeSession
from .schemas import PracticeSessionIn

BATCH = 500
# A check-in built in memory, with the labels and sensations to save after it.
Minute = tuple[CheckIn, list[Label | BodySensation]]
NOTES = (
    "My shoulders dropped a little.",
    "Warm hands, which surprised me.",
    "Hard to stay with it, my mind kept wandering.",
    "The taste changed as it went on.",
    "I noticed I was holding my breath before.",
    "A bit of calm in the chest.",
    "Mostly restless, then it eased.",
)
WORDS = (
    ("calm", "calm"),
    ("anxious", "fear"),
    ("tired", "sadness"),
    ("relieved", "joy"),
    ("tense", "fear"),
    ("content", "joy"),
    ("sad", "sadness"),
)
QUALITIES = (
    "tension",
    "warmth",
    "tingling",
    "heaviness",
    "tightness",
    "pressure",
    "lightness",
    "numbness",
)


def _label_word(rng, p, e):
    """One of WORDS, most likely one whose place on the affect grid is near (p, e)."""
    from feelmap.lexicon.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    found = [w for w in (vocabulary.by_word(word) for word, _family in WORDS) if w is not None]
    if not found:
        return None
    weights = [math.exp(-((w.pleasantness - p) ** 2 + (w.energy - e) ** 2) / 2) for w in found]
    return rng.choices(found, weights)[0]


def _as_input(session: PracticeSession) -> PracticeSessionIn:
    """A demo session built in memory, as the input every session write takes."""
    return PracticeSessionIn.model_validate({
        "kind": str(session.kind),
        "pattern": session.pattern or None,
        "minutes": session.minutes,
        "scan": session.scan or None,
        "activity_id": session.activity_id or None,
        "started_at": session.started_at,
        "ended_at": session.ended_at,
        "completed_at": session.completed_at,
        "what_noticed": session.what_noticed,
        "nothing_noticed": session.nothing_noticed,
        "quiet_regions": list(session.quiet_regions or []),
        **{
            name: getattr(session, name).public_id if getattr(session, name, None) else None
            for name in ("before_checkin", "after_checkin", "scan_checkin")
        },
    })


def generate(user, *, days, per_day, rng, progress):  # noqa: ARG001 - per_day is for check-ins
    PracticePreferences.objects.get_or_create(owner=user, defaults={"style": "exploratory"})
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    scans = bodyscan.load_scans()
    library = activities.load_activities()
    # Each session with its check-ins to create first and the session fields they fill.
    pending: list[tuple[PracticeSession, list[Minute], list[str]]] = []
    done = 0

    def flush():
        if not pending:
            return
        checkins = [c for _, group, _links in pending for c, _children in group]
        CheckIn.objects.bulk_create(checkins, batch_size=BATCH)
        sensations: list[BodySensation] = []
        labels: list[Label] = []
        for _, group, _links in pending:
            for checkin, children in group:
                for child in children:
                    child.checkin = checkin
                    if isinstance(child, Label):
                        labels.append(child)
                    else:
                        sensations.append(child)
        BodySensation.objects.bulk_create(sensations, batch_size=BATCH)
        Label.objects.bulk_create(labels, batch_size=BATCH)
        if checkins:  # written here, not by the check-ins' service: tell their summaries
            person_data_changed(user.pk, kind="checkins")
        for session, group, links in pending:
            for (checkin, _children), attr in zip(group, links, strict=True):
                setattr(session, attr, checkin)
        services.record_sessions(owner=user, items=[_as_input(s) for s, _, _ in pending])
        pending.clear()

    def mini(kind: str, moment: datetime, p: float, e: float) -> Minute:
        checkin = CheckIn(
            owner=user, kind=kind, occurred_at=moment, pleasantness=p, energy=e
        )
        children: list[Label | BodySensation] = []
        word = _label_word(rng, p, e) if rng.random() < 0.7 else None
        if word is None:
            checkin.not_sure = True
        else:
            children.append(
                Label(
                    position=1, word=word.word, family=word.family, level=word.level
                )
            )
        if rng.random() < 0.6 and word is not None and word.sensations:
            typical = rng.choice(sorted(word.sensations, key=lambda s: (s.region, s.quality)))
            children.append(
                BodySensation(
                    region=typical.region, quality=typical.quality, intensity=rng.randint(2, 8)
                )
            )
        return checkin, children

    for offset in range(days, 0, -1):
        done += 1
        if rng.random() >= 0.5:
            progress("practices", done, days)
            continue
        day = today - timedelta(days=offset - 1)
        start = timezone.make_aware(
            datetime.combine(day, time(rng.randint(7, 21), rng.randint(0, 59))), tz
        )
        start = min(start, timezone.now() - timedelta(minutes=30))  # today's: already over
        kind = rng.choice(
            (
                PracticeKind.BREATHING,
                PracticeKind.BREATHING,
                PracticeKind.BODYSCAN,
                PracticeKind.SENSES,
            )
        )
        stopped = rng.random() < 0.12
        session = PracticeSession(owner=user, kind=kind, started_at=start)
        links: list[str] = []
        group: list[Minute] = []
        if kind == PracticeKind.BREATHING:
            session.pattern = rng.choice(tuple(pacer.PATTERNS))
            session.minutes = rng.choice((2, 3, 3, 5, 5, 10))
            length = (
                session.minutes * 60 if not stopped else rng.randint(30, session.minutes * 60 - 10)
            )
            session.ended_at = start + timedelta(seconds=length)
            p, e = round(rng.uniform(-4, 2) * 2) / 2, round(rng.uniform(-2, 4) * 2) / 2
            group.append(mini("practice-before", start, p, e))
            shift = rng.uniform(-0.5, 2)
            group.append(
                mini(
                    "practice-after",
                    session.ended_at,
                    max(-5, min(5, round((p + shift) * 2) / 2)),
                    max(-5, min(5, round((e - shift) * 2) / 2)),
                )
            )
            links = ["before_checkin", "after_checkin"]
        elif kind == PracticeKind.BODYSCAN:
            session.scan = "long" if day.weekday() >= 5 else "short"
            script = scans[session.scan]
            session.ended_at = start + timedelta(seconds=script.total_seconds)
            regions = [r for r in (catalogue_region(k) for k in script.regions) if r]
            noticed = rng.sample(regions, k=rng.randint(0, min(4, len(regions))))
            quiet = [r for r in regions if r not in noticed and rng.random() < 0.3]
            session.quiet_regions = list(dict.fromkeys(quiet))
            session.nothing_noticed = bool(quiet) and not noticed
            if noticed or quiet:
                checkin = CheckIn(owner=user, kind="bodyscan", occurred_at=start)
                children: list[Label | BodySensation] = [
                    BodySensation(
                        region=r, quality=rng.choice(QUALITIES), intensity=rng.randint(1, 8)
                    )
                    for r in noticed
                ]
                group.append((checkin, children))
                links = ["scan_checkin"]
        else:
            activity = rng.choice(library)
            session.activity_id = activity.id
            session.ended_at = start + timedelta(minutes=activity.minutes)
            if rng.random() < 0.6:
                session.what_noticed = rng.choice(NOTES)
            else:
                session.nothing_noticed = True
        session.completed_at = None if stopped and kind != PracticeKind.SENSES else session.ended_at
        pending.append((session, group, links))
        if len(pending) >= BATCH:
            flush()
        progress("practices", done, days)
    flush()
