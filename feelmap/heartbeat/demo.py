"""Demo heartbeat sessions: a counting task about every two weeks and a few "in time or
delayed?" sessions, through the services like every other session. Accuracy starts modest
and drifts up a little with practice, with day-to-day noise (as the research describes)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from . import services
from .schemas import CountingIn, CountTrialIn, DiscriminationIn, DiscriminationTrialIn

SECONDS = (25.0, 30.0, 35.0, 40.0, 45.0, 50.0)


def _moment(day, hour: int, tz) -> datetime:
    return datetime.combine(day, time(hour, 15), tzinfo=tz)


def generate(user, *, days, per_day, rng, progress):  # noqa: ARG001 - per_day is for check-ins
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    counting_days = list(range(days - 1, 0, -14)) or [0]
    total = len(counting_days)
    for done, ago in enumerate(counting_days, start=1):
        practice = done / max(total, 1)  # 0 → 1 over the history
        bpm = rng.uniform(62, 80)
        trials = [CountTrialIn(seconds=25.0, recorded=round(bpm * 25 / 60), counted=round(
            bpm * 25 / 60 * rng.uniform(0.5, 0.9)), confidence=rng.randint(20, 60),
            practice=True)]
        for seconds in SECONDS:
            recorded = max(round(bpm * seconds / 60 + rng.uniform(-1, 1)), 1)
            ratio = min(rng.gauss(0.62 + 0.18 * practice, 0.09), 1.15)
            trials.append(CountTrialIn(seconds=seconds, recorded=recorded,
                                       counted=max(round(recorded * ratio), 0),
                                       confidence=rng.randint(25, 85)))
        services.record_counting(user, CountingIn(
            started_at=_moment(today - timedelta(days=ago), 20, tz), method="hart",
            source="strap", guess_bpm=round(bpm + rng.uniform(-12, 12)), trials=trials))
        progress("heartbeat", done, total)
    for ago in range(days - 1, 0, -45):
        rightness = 0.5 + 0.15 * (1 - ago / max(days, 1))
        choices: list[DiscriminationTrialIn] = []
        for _ in range(20):
            delayed = rng.random() < 0.5
            right = rng.random() < rightness
            choices.append(DiscriminationTrialIn(delayed=delayed,
                                                said_delayed=delayed if right else not delayed,
                                                confidence=rng.randint(10, 80)))
        services.record_discrimination(user, DiscriminationIn(
            started_at=_moment(today - timedelta(days=ago), 21, tz), source="strap",
            trials=choices))
