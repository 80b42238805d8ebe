"""Demo questionnaire history: answered on the default schedule, slowly improving.

PHQ-9, GAD-7 and WHO-5 every two weeks, PAQ and MAIA-2 every four. Answers come from one
underlying "how hard things are" level that drifts down over the period, plus noise. PHQ-9
question 9 is always "Not at all": demo data never contains a safety answer.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from . import services
from .instruments import load_instrument
from .schedule import DEFAULT_INTERVALS

BATCH = 500


def _level(progress: float, rng) -> float:
    """0 = no difficulty, 1 = a lot; from about 0.6 down to about 0.3, with noise."""
    return min(1.0, max(0.0, 0.6 - 0.3 * progress + rng.gauss(0, 0.06)))


def _answers(key: str, level: float, rng) -> dict[int, int]:
    instrument = load_instrument(key)
    answers: dict[int, int] = {}
    for item in instrument.items:
        if not item.scored:
            answers[item.number] = rng.choice(item.values[:2])
            continue
        if item.safety:
            answers[item.number] = item.min_value  # never a safety answer in demo data
            continue
        low, high = item.min_value, item.max_value
        # Trait measures move less than symptom measures.
        strength = level if key in ("phq9", "gad7", "paq") else 1 - level
        if key in ("paq", "maia2"):
            strength = 0.5 + (strength - 0.5) * 0.6
        wanted = round(low + (high - low) * strength + rng.gauss(0, 0.7))
        wanted = min(high, max(low, wanted))
        answers[item.number] = low + high - wanted if item.reverse else wanted
    return answers


def generate(user, *, days: int, per_day: int, rng, progress) -> None:  # noqa: ARG001
    now = timezone.now()
    start = now - timedelta(days=days)
    planned: list[tuple[str, int]] = []
    for key, interval in DEFAULT_INTERVALS.items():
        planned.extend((key, offset) for offset in range(0, days, interval))
    planned.sort(key=lambda pair: pair[1])
    total = len(planned)
    batch: list[tuple[str, dict[int, int], datetime, datetime]] = []
    for done, (key, offset) in enumerate(planned, start=1):
        completed = start + timedelta(days=offset, hours=rng.randint(8, 21), minutes=rng.randint(0, 59))
        if completed > now:
            completed = now - timedelta(minutes=rng.randint(1, 60))
        answers = _answers(key, _level(offset / max(days, 1), rng), rng)
        started = completed - timedelta(minutes=rng.randint(2, 9))
        batch.append((key, answers, started, completed))
        if len(batch) >= BATCH:
            services.add_history(user, batch)
            batch = []
        progress("questionnaires", done, total)
    if batch:
        services.add_history(user, batch)
    if not planned:
        progress("questionnaires", 0, 0)
