"""Demo check-ins: varied, realistic, coherent, and showing learning.

Each check-in starts from a situation (what the person is doing, where, with whom, sometimes a
trigger) and the day's mood; these make a family of feeling more likely; a word of that family
is chosen (family words early on, nuanced words later), and the affect grid, body sensations
and fixed ratings follow from that word with realistic noise. So a "content" check-in sits at
pleasant, low energy. Patterns the insights can find: work mornings lean to fear, weekends are
brighter, fear settles in the chest over the months, and the fixed ratings grow more
differentiated (granularity rises).

Called by `feelmap demo` with the same rng for every area. Built in memory and written by
`services.checkins_import` in batches, so five years at three a day takes seconds.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from feelmap.lexicon.vocabulary import Word, load_vocabulary

from .choices import DEFAULT_RATINGS
from .models import BodySensation, CheckIn, FixedRating, Label
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
# Each trigger tends to bring some families of feeling; each family some needs.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "An email from my manager": ("fear", "anger", "shame"),
    "A message from home": ("love", "sadness", "joy"),
    "Too little sleep": ("numb", "sadness", "anger"),
    "Crowded train": ("fear", "disgust", "anger"),
    "A kind word from a friend": ("love", "joy", "calm"),
}
NEEDS: dict[str, tuple[str, ...]] = {
    "fear": ("Quiet time", "Someone to talk to"),
    "anger": ("A walk", "Quiet time"),
    "sadness": ("Someone to talk to", "Rest"),
    "numb": ("Rest", "Something to eat"),
    "shame": ("Someone to talk to",),
    "disgust": ("A walk",),
}
OWN_WORDS = ("meh", "wobbly", "all over the place", "fizzy", "foggy-headed", "on autopilot")
# What the person tends to be doing in each part of the day, where, with whom, and which
# families of feeling come up more there (the patterns the insights can find).
DOING_BY_SLOT = (
    ("waking", "working", "travelling", "eating"),
    ("working", "working", "eating", "talking", "moving"),
    ("resting", "screen", "chores", "talking", "bedtime", "moving"),
)
SETTING: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    # doing: (where, with whom, families it tilts towards)
    "waking": (("home",), ("alone", "partner"), ("numb", "calm", "fear")),
    "working": (("work",), ("colleagues", "alone"), ("fear", "interest", "anger")),
    "travelling": (("transport",), ("strangers", "alone"), ("fear", "disgust", "numb")),
    "eating": (("home", "shop"), ("partner", "family", "colleagues"), ("calm", "joy")),
    "talking": (("home", "shop", "someone-else"), ("friends", "family", "partner"),
                ("love", "joy", "anger")),
    "moving": (("outside",), ("alone", "friends"), ("joy", "calm")),
    "resting": (("home",), ("alone", "partner"), ("calm", "sadness", "numb")),
    "screen": (("home",), ("alone", "online"), ("numb", "interest", "shame")),
    "chores": (("home", "shop"), ("alone",), ("numb", "anger")),
    "bedtime": (("home",), ("alone", "partner"), ("calm", "sadness", "fear")),
}
PLEASANT_FAMILIES = ("joy", "calm", "love", "interest", "surprise")
UNPLEASANT_FAMILIES = ("sadness", "fear", "anger", "disgust", "shame", "numb")
# The body place for anxiety that sharpens with practice: early on, fear is felt "somewhere"
# (scattered marks); over the months the chest becomes the clear place.
FEAR_PLACE = (("chest", "tightness"), ("chest", "racing-heart"))
FEAR_SCATTER = (("stomach", "fluttering"), ("throat", "tightness"), ("shoulders", "tension"),
                ("head", "pressure"), ("jaw", "tension"), ("hands", "tingling"))
SLOT_HOURS = ((7, 10), (12, 16), (18, 23))


def _hours(per_day: int) -> list[tuple[int, int]]:
    if per_day <= 3:
        return list(SLOT_HOURS[:per_day]) if per_day > 1 else [(9, 21)]
    width = 16 / per_day
    return [(7 + int(i * width), 7 + max(int((i + 1) * width), int(i * width) + 1)) for i in range(per_day)]


def _clip(value: float, low: float = -5.0, high: float = 5.0) -> float:
    return max(low, min(high, value))


def _half(value: float) -> float:
    return _clip(round(value * 2) / 2)


class _Person:
    """The demo person's vocabulary and rated emotions, looked up once."""

    def __init__(self, rng) -> None:
        vocabulary = load_vocabulary()
        self.by_family = {f.key: [w for w in vocabulary.words if w.family == f.key]
                          for f in vocabulary.families}
        self.rating_family = {e: vocabulary.get(e).family for e in DEFAULT_RATINGS}
        self.positive = tuple(e for e in DEFAULT_RATINGS if vocabulary.get(e).pleasantness >= 0)
        # The person's vocabulary grows: each word becomes theirs at some point of the
        # history (nuanced words later, and some never), so new words keep appearing.
        self.known_from = {
            w.word: 0.0 if w.level == 1 else rng.uniform(0.0, 0.8) if w.level == 2
            else rng.uniform(0.1, 1.4)
            for w in vocabulary.words
        }

    def word(self, rng: random.Random, family: str, learned: float,
             avoid: set[str]) -> Word | None:
        """A word of the family the person knows by now: family words early on, nuanced
        words later."""
        level = rng.choices((1, 2, 3), (0.6 - 0.45 * learned, 0.3 + 0.1 * learned,
                                        0.1 + 0.35 * learned))[0]
        words = [w for w in self.by_family[family] if w.level == level and w.word not in avoid
                 and self.known_from[w.word] <= learned]
        if not words:  # nothing of that level known yet: the family word
            words = [w for w in self.by_family[family] if w.level == 1 and w.word not in avoid]
        return rng.choice(words) if words else None


def _family(rng, mood: float, tilt: tuple[str, ...]) -> str:
    """Pleasant or unpleasant by the day's mood, then a family, tilted by the situation."""
    pleasant = rng.random() < 1 / (1 + math.exp(-mood * 1.2))
    pool = PLEASANT_FAMILIES if pleasant else UNPLEASANT_FAMILIES
    # This person's unpleasant feelings are most often anxious ones.
    weights = [(3.0 if f in tilt else 1.0) * (2.0 if f == "fear" else 1.0) for f in pool]
    return rng.choices(pool, weights)[0]


def generate(user, *, days: int, per_day: int, rng, progress) -> None:
    person = _Person(rng)
    total = days * per_day
    today = timezone.localdate()
    zone = timezone.get_current_timezone()
    now = timezone.now()
    mood = 0.0
    rows: list[tuple[CheckIn, list, list, list]] = []
    done = 0

    def flush() -> None:
        nonlocal done
        if not rows:
            return
        checkins_import(owner=user, items=[_as_data(*row) for row in rows], batch=BATCH)
        done += len(rows)
        rows.clear()
        progress("check-ins", done, total)

    for d in range(days):
        day = today - timedelta(days=days - 1 - d)
        learned = d / max(days - 1, 1)  # 0 at the start, 1 today
        weekend = 0.8 if day.weekday() >= 5 else 0.0  # weekends run a little brighter
        mood = max(-3.5, min(3.5, mood * 0.9 + rng.gauss(0, 0.8)))
        for slot, (start, end) in enumerate(_hours(per_day)):
            moment = datetime.combine(day, time(rng.randrange(start, end), rng.randrange(60)))
            occurred = timezone.make_aware(moment, zone)
            if occurred > now:
                occurred = now - timedelta(minutes=rng.randrange(1, 60) + slot)
            rows.append(_one(rng, person, occurred, mood + weekend, min(slot, 2), learned,
                             weekend > 0))
            if len(rows) >= BATCH:
                flush()
    flush()


def _one(rng, person: _Person, occurred, mood: float, slot: int, learned: float,
         weekend: bool):
    full = rng.random() < 0.3
    doing = rng.choice(DOING_BY_SLOT[slot])
    if weekend and doing == "working":
        doing = rng.choice(("resting", "moving", "talking"))
    where_options, with_options, tilt = SETTING[doing]
    trigger = rng.choice(tuple(TRIGGERS)) if full and rng.random() < 0.25 else ""
    if trigger:
        tilt = TRIGGERS[trigger]
        pleasant = sum(f in PLEASANT_FAMILIES for f in tilt) * 2 > len(tilt)
        mood += 2.0 if pleasant else -2.0
    family = _family(rng, mood, tilt)
    not_sure = rng.random() < 0.25 - 0.18 * learned
    count = 0 if (not_sure and rng.random() < 0.6) else rng.choices((1, 2, 3), (6, 3, 1))[0]
    if not full:
        count = min(count, 1)
    labels: list[Label] = []
    chosen: list[Word] = []
    for position in range(1, count + 1):
        if rng.random() < 0.03:
            labels.append(Label(position=position, own_word=rng.choice(OWN_WORDS), is_own=True,
                                intensity=rng.randint(2, 8), confidence=rng.randint(30, 80)))
            continue
        # A second or third word is usually a neighbour: the same family, or one of the
        # same pleasantness.
        fam = family
        if position > 1 and rng.random() < 0.5:
            same_side = PLEASANT_FAMILIES if family in PLEASANT_FAMILIES else UNPLEASANT_FAMILIES
            fam = rng.choice(same_side)
        word = person.word(rng, fam, learned, {w.word for w in chosen})
        if word is None:
            continue
        chosen.append(word)
        confidence = max(0, min(100, int(40 + 40 * learned + rng.gauss(0, 15)) // 10 * 10))
        labels.append(Label(position=position, word=word.word, family=word.family,
                            level=word.level, intensity=rng.randint(3, 9),
                            confidence=confidence if full else None))
    # The grid follows the feeling: the first word's place, with realistic noise; without a
    # word, the day's mood and the time of day.
    if chosen:
        p = _half(chosen[0].pleasantness + rng.gauss(0, 0.8))
        e = _half(chosen[0].energy + rng.gauss(0, 0.8))
    else:
        p = _half(mood * 0.8 + rng.gauss(0, 1.2))
        e = _half(1.0 - slot * 0.9 + rng.gauss(0, 1.2))
    has_affect = rng.random() < 0.9
    checkin = CheckIn(
        kind="full" if full else "quick", occurred_at=occurred,
        pleasantness=p if has_affect else None, energy=e if has_affect else None,
        not_sure=not_sure,
    )
    sensations = _body(rng, chosen, learned) if full else []
    ratings = _ratings(rng, person, chosen, p, learned) if full and rng.random() < 0.6 else []
    if full:
        checkin.doing = doing
        if rng.random() < 0.85:
            checkin.where = rng.choice(where_options)
        if rng.random() < 0.85:
            checkin.with_whom = rng.choice(with_options)
        checkin.trigger = trigger
        needs = NEEDS.get(family)
        if needs and chosen and rng.random() < 0.35:
            checkin.need = rng.choice(needs)
    elif rng.random() < 0.3:
        checkin.doing = doing
    if rng.random() < 0.12:
        checkin.note = rng.choice(NOTES)
    return checkin, sensations, labels, ratings


def _body(rng, chosen, learned: float) -> list[BodySensation]:
    """Sensations typical of the chosen words; fear's place sharpens with practice."""
    marks: dict[tuple[str, str], None] = {}
    for i, word in enumerate(chosen):
        if i > 0 and (chosen[0].family == "fear" or rng.random() < 0.5):
            continue  # the first word's sensations lead; fear keeps its own place
        if word.family == "fear":
            if rng.random() < 0.25 + 0.65 * learned:
                marks[rng.choice(FEAR_PLACE)] = None
            else:
                marks[rng.choice(FEAR_SCATTER)] = None
            continue
        typical = sorted((s.region, s.quality) for s in word.sensations)
        for key in rng.sample(typical, min(len(typical), rng.randint(1, 2))):
            marks[key] = None
    return [BodySensation(region=r, quality=q, intensity=rng.randint(2, 9)) for r, q in marks]


def _ratings(rng, person: _Person, chosen, p: float, learned: float) -> list[FixedRating]:
    """The fixed ratings. Early on, every emotion of a valence moves with overall pleasantness
    (low granularity); with practice, the emotion that matches the named feeling stands out
    and the others stay low (granularity grows)."""
    general = 1.0 - 0.8 * learned
    specific = 0.8 + 2.6 * learned
    families = {w.family for w in chosen}
    words = {w.word for w in chosen}
    ratings = []
    for emotion in DEFAULT_RATINGS:
        sign = 1 if emotion in person.positive else -1
        matches = emotion in words or person.rating_family[emotion] in families
        value = (1.5 + general * max(sign * p, -1.5) * 0.8 + (specific if matches else 0.0)
                 + rng.gauss(0, 0.9))
        ratings.append(FixedRating(emotion=emotion, value=int(max(0, min(6, round(value))))))
    return ratings


def _as_data(checkin: CheckIn, sensations: list[BodySensation], labels: list[Label],
             ratings: list[FixedRating]) -> CheckInData:
    """One generated check-in as the service's input (the rows `checkin_create` would write)."""
    return CheckInData(
        occurred_at=checkin.occurred_at, kind=checkin.kind, pleasantness=checkin.pleasantness,
        energy=checkin.energy, not_sure=checkin.not_sure,
        sensations=[SensationData(s.region, s.quality, s.intensity, s.side) for s in sensations],
        labels=[LabelData(lab.own_word if lab.is_own else lab.word, is_own=lab.is_own,
                          family=lab.family, level=lab.level, intensity=lab.intensity,
                          confidence=lab.confidence) for lab in labels],
        ratings={r.emotion: r.value for r in ratings},
        doing=checkin.doing, with_whom=checkin.with_whom, where=checkin.where,
        trigger=checkin.trigger, need=checkin.need, note=checkin.note,
    )
