"""Demo check-ins: varied, realistic, and showing learning (words get more precise over time).

Called by `feelmap demo` with the same rng for every area. Built in memory and written by
`services.checkins_import` in batches, so five years at three a day takes seconds.
"""

from __future__ import annotations

import math
from datetime import datetime, time, timedelta

from django.utils import timezone

from feelmap.lexicon.vocabulary import load_vocabulary

from .choices import CONTEXT_CHOICES, DEFAULT_RATINGS
from .services import checkins_import
from .validation import CheckInData, LabelData, SensationData

BATCH = 1000
NOTES = (
    "Long day at work, glad it's over.",
    "Couldn't sleep well.",
    "Walked in the park after lunch.",
    "Argument with my sister on the phone.",
    "Quiet evening with a book.",
    "Deadline tomorrow.",
    "Saw an old friend by chance.",
    "Felt flat all afternoon, not sure why.",
    "Therapy session today.",
    "Rain all day.",
    "Cooked something new and it worked.",
    "Too many people at the shop.",
    "Good news from the doctor.",
    "Tired but okay.",
    "Missed the bus and was late.",
)
TRIGGERS = ("An email from my manager", "A message from home", "Too little sleep", "Crowded train")
NEEDS = ("Rest", "A walk", "Someone to talk to", "Quiet time", "Something to eat")
OWN_WORDS = ("meh", "wobbly", "all over the place", "fizzy", "foggy-headed", "on autopilot")
SLOT_HOURS = ((7, 10), (12, 16), (18, 23))


def _hours(per_day: int) -> list[tuple[int, int]]:
    if per_day <= 3:
        return list(SLOT_HOURS[:per_day]) if per_day > 1 else [(9, 21)]
    width = 16 / per_day
    return [(7 + int(i * width), 7 + max(int((i + 1) * width), int(i * width) + 1)) for i in range(per_day)]


def _pick_word(rng, words, p: float, e: float):
    weights = [math.exp(-((w.pleasantness - p) ** 2 + (w.energy - e) ** 2) / 3.0) for w in words]
    return rng.choices(words, weights=weights)[0]


def generate(user, *, days: int, per_day: int, rng, progress) -> None:
    vocabulary = load_vocabulary()
    by_level = {lvl: [w for w in vocabulary.words if w.level == lvl] for lvl in (1, 2, 3)}
    total = days * per_day
    today = timezone.localdate()
    zone = timezone.get_current_timezone()
    now = timezone.now()
    mood = 0.0
    rows: list[CheckInData] = []
    done = 0

    def flush() -> None:
        nonlocal done
        checkins_import(owner=user, items=rows, batch=BATCH)
        done += len(rows)
        rows.clear()
        progress("check-ins", done, total)

    for d in range(days):
        day = today - timedelta(days=days - 1 - d)
        learned = d / max(days - 1, 1)  # 0 at the start, 1 today
        mood = max(-3.5, min(3.5, mood * 0.9 + rng.gauss(0, 0.8)))
        for slot, (start, end) in enumerate(_hours(per_day)):
            moment = datetime.combine(day, time(rng.randrange(start, end), rng.randrange(60)))
            occurred = timezone.make_aware(moment, zone)
            if occurred > now:
                occurred = now - timedelta(minutes=rng.randrange(1, 60) + slot)
            rows.append(_one(rng, by_level, occurred, mood, slot, learned))
            if len(rows) >= BATCH:
                flush()
    flush()


def _one(rng, by_level, occurred, mood: float, slot: int, learned: float):
    full = rng.random() < 0.3
    p = max(-5.0, min(5.0, round((mood + rng.gauss(0, 1.5)) * 2) / 2))
    e = max(-5.0, min(5.0, round((1.0 - slot * 0.8 + rng.gauss(0, 1.8)) * 2) / 2))
    has_affect = rng.random() < 0.9
    not_sure = rng.random() < 0.25 - 0.18 * learned
    checkin = CheckInData(
        kind="full" if full else "quick", occurred_at=occurred,
        pleasantness=p if has_affect else None, energy=e if has_affect else None,
        not_sure=not_sure,
    )
    labels = []
    count = 0 if (not_sure and rng.random() < 0.6) else rng.choices((1, 2, 3), (6, 3, 1))[0]
    if not full:
        count = min(count, 1)
    chosen: set[str] = set()
    for _slot in range(count):
        if rng.random() < 0.03:
            labels.append(LabelData(rng.choice(OWN_WORDS), is_own=True,
                                    intensity=rng.randint(2, 8), confidence=rng.randint(30, 80)))
            continue
        # Learning: family words early on, nuanced words later.
        level = rng.choices((1, 2, 3), (0.6 - 0.45 * learned, 0.3 + 0.1 * learned, 0.1 + 0.35 * learned))[0]
        word = _pick_word(rng, by_level[level], p + rng.gauss(0, 1), e + rng.gauss(0, 1))
        if word.word in chosen:
            continue
        chosen.add(word.word)
        confidence = max(0, min(100, int(40 + 40 * learned + rng.gauss(0, 15)) // 10 * 10))
        labels.append(LabelData(word.word, family=word.family, level=word.level,
                                intensity=rng.randint(1, 9),
                                confidence=confidence if full else None))
    sensations = []
    ratings: dict[str, int] = {}
    if full:
        # Two chosen words can share a typical sensation; mark each region and quality once.
        source = sorted({(s.region, s.quality): s for w in sorted(chosen)
                         for s in _sensations_of(by_level, w)}.values(),
                        key=lambda s: (s.region, s.quality))
        for s in rng.sample(source, min(len(source), rng.randint(1, 3))):
            sensations.append(SensationData(region=s.region, quality=s.quality,
                                            intensity=rng.randint(2, 9)))
        if rng.random() < 0.6:
            for emotion in DEFAULT_RATINGS:
                base = 3 + (p / 2 if emotion in DEFAULT_RATINGS[:5] else -p / 2)
                ratings[emotion] = max(0, min(6, round(base + rng.gauss(0, 1.2))))
        for field, choices in CONTEXT_CHOICES.items():
            if rng.random() < 0.8:
                setattr(checkin, field, rng.choice(choices)[0])
        if rng.random() < 0.2:
            checkin.trigger = rng.choice(TRIGGERS)
        if rng.random() < 0.2:
            checkin.need = rng.choice(NEEDS)
    elif rng.random() < 0.3:
        checkin.doing = rng.choice(CONTEXT_CHOICES["doing"])[0]
    if rng.random() < 0.12:
        checkin.note = rng.choice(NOTES)
    checkin.sensations, checkin.labels, checkin.ratings = sensations, labels, ratings
    return checkin


_SENSATIONS: dict[str, tuple] = {}


def _sensations_of(by_level, word: str) -> tuple:
    if not _SENSATIONS:
        for words in by_level.values():
            for w in words:
                _SENSATIONS[w.word] = w.sensations
    return _SENSATIONS.get(word, ())
