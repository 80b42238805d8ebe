"""Check a check-in before anything is stored: one function for the pages and the API.

Pure: plain data in, cleaned data or a message per field out. Field names in the error dict
use dotted paths ("labels.1.word", "sensations.0.intensity") so the API can return them as
they are and the pages can show each message next to its control.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from feelmap.lexicon.body import BodyCatalogue, load_body_catalogue
from feelmap.lexicon.vocabulary import Vocabulary, load_vocabulary

from .choices import CONTEXT_CHOICES, DEFAULT_RATINGS, RATING_SCALE

KINDS = ("quick", "full", "practice-before", "practice-after", "bodyscan")
SIDES = ("", "left", "right")
AFFECT_RANGE = (-5.0, 5.0)
INTENSITY_RANGE = (0, 10)
CONFIDENCE_RANGE = (0, 100)
MAX_LABELS = 3
MAX_SENSATIONS = 60
NOTE_MAX = 5000  # about two pages: room to write, small enough to read back
SHORT_TEXT_MAX = 1000  # trigger and need
OWN_CONTEXT_MAX = 200
OWN_WORD_MAX = 60
FUTURE_GRACE = timedelta(minutes=5)  # clocks on phones and laptops disagree a little
EARLIEST = 2000

TEXT_LIMITS = {
    "note": NOTE_MAX,
    "trigger": SHORT_TEXT_MAX,
    "need": SHORT_TEXT_MAX,
    "doing_own": OWN_CONTEXT_MAX,
    "with_whom_own": OWN_CONTEXT_MAX,
    "where_own": OWN_CONTEXT_MAX,
}


@dataclass
class SensationData:
    region: str
    quality: str
    intensity: int | None = None
    side: str = ""


@dataclass
class LabelData:
    text: str  # vocabulary word (canonical) or own word
    is_own: bool = False
    family: str | None = None
    level: int | None = None
    intensity: int | None = None
    confidence: int | None = None


@dataclass
class CheckInData:
    occurred_at: datetime
    kind: str = "quick"
    pleasantness: float | None = None
    energy: float | None = None
    not_sure: bool = False
    sensations: list[SensationData] = field(default_factory=list)
    labels: list[LabelData] = field(default_factory=list)
    ratings: dict[str, int] = field(default_factory=dict)
    doing: str = ""
    doing_own: str = ""
    with_whom: str = ""
    with_whom_own: str = ""
    where: str = ""
    where_own: str = ""
    trigger: str = ""
    need: str = ""
    note: str = ""


class Errors(dict[str, list[str]]):
    def add(self, name: str, message: str) -> None:
        self.setdefault(name, []).append(message)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(value: Any, name: str, errors: Errors, low: float, high: float,
            what: str, whole: bool = False) -> float | None:
    """A number within [low, high], or None when left empty; a message otherwise."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        errors.add(name, f"{what} must be a number from {low:g} to {high:g}.")
        return None
    try:
        number = float(str(value).strip().replace("−", "-")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        errors.add(name, f"{what} must be a number from {low:g} to {high:g}.")
        return None
    if math.isnan(number) or math.isinf(number) or not low <= number <= high:
        errors.add(name, f"{what} must be from {low:g} to {high:g}; you gave {value}.")
        return None
    if whole and number != int(number):
        errors.add(name, f"{what} must be a whole number from {low:g} to {high:g}.")
        return None
    return number


def _whole(value: Any, name: str, errors: Errors, bounds: tuple[int, int], what: str) -> int | None:
    number = _number(value, name, errors, bounds[0], bounds[1], what, whole=True)
    return None if number is None else int(number)


def _text(value: Any, name: str, errors: Errors, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.add(name, "This must be text.")
        return ""
    text = value.strip()
    if len(text) > limit:
        errors.add(
            name,
            f"This is {len(text):,} characters long; the limit is {limit:,}. "
            "Shorten it, or keep the longer version in your journal.",
        )
    return text


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "on", "yes")
    return bool(value)


def _occurred_at(value: Any, now: datetime, errors: Errors) -> datetime:
    if _blank(value):
        return now
    moment = value
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            errors.add("occurred_at", "Give a date and time like 2025-03-14 18:30.")
            return now
    if not isinstance(moment, datetime):
        errors.add("occurred_at", "Give a date and time like 2025-03-14 18:30.")
        return now
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=now.tzinfo)
    if moment > now + FUTURE_GRACE:
        errors.add("occurred_at", "This time is in the future. Choose now or a time that has passed.")
    elif moment.year < EARLIEST:
        errors.add("occurred_at", "This date is too long ago. Choose a date from 2000 onwards.")
    return moment


def _sensations(raw: Any, body: BodyCatalogue, errors: Errors) -> list[SensationData]:
    if raw in (None, ""):
        return []
    if not isinstance(raw, list | tuple):
        errors.add("sensations", "Sensations must be a list of region, quality and intensity.")
        return []
    if len(raw) > MAX_SENSATIONS:
        errors.add("sensations", f"That is {len(raw)} sensations; at most {MAX_SENSATIONS} fit in one check-in.")
        return []
    out: list[SensationData] = []
    seen: set[tuple[str, str, str]] = set()
    for i, item in enumerate(raw):
        name = f"sensations.{i}"
        if not isinstance(item, dict):
            errors.add(name, "Each sensation needs a region and a quality.")
            continue
        region, quality = item.get("region"), item.get("quality")
        ok = True
        if not isinstance(region, str) or not body.has_region(region):
            errors.add(f"{name}.region", f"We don't know the body region {region!r}. Choose one on the body map.")
            ok = False
        if not isinstance(quality, str) or not body.has_quality(quality):
            errors.add(f"{name}.quality", f"We don't know the sensation {quality!r}. Choose one from the list.")
            ok = False
        intensity = _whole(item.get("intensity"), f"{name}.intensity", errors, INTENSITY_RANGE, "Intensity")
        side = item.get("side") or ""
        if side not in SIDES:
            errors.add(f"{name}.side", "Side must be left, right, or empty for both.")
            ok = False
        if ok:
            key = (region, quality, side)
            if key not in seen:  # the same mark twice means the same thing once
                seen.add(key)
                out.append(SensationData(region, quality, intensity, side))
    return out


def _labels(raw: Any, vocabulary: Vocabulary, errors: Errors) -> list[LabelData]:
    if raw in (None, ""):
        return []
    if not isinstance(raw, list | tuple):
        errors.add("labels", "Labels must be a list of words.")
        return []
    if len(raw) > MAX_LABELS:
        errors.add("labels", f"Choose up to {MAX_LABELS} words; there are {len(raw)}. Keep the ones that fit best.")
        return []
    out: list[LabelData] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        name = f"labels.{i}"
        if isinstance(item, str):
            item = {"word": item}
        if not isinstance(item, dict):
            errors.add(name, "Each label needs a word.")
            continue
        text = item.get("word")
        is_own = _bool(item.get("own", False))
        intensity = _whole(item.get("intensity"), f"{name}.intensity", errors, INTENSITY_RANGE, "Intensity")
        confidence = _whole(item.get("confidence"), f"{name}.confidence", errors, CONFIDENCE_RANGE, "Confidence")
        if not isinstance(text, str) or not text.strip():
            errors.add(f"{name}.word", "Write a word, or remove this label.")
            continue
        text = " ".join(text.split())
        if is_own:
            if len(text) > OWN_WORD_MAX:
                errors.add(f"{name}.word", f"Keep your own word under {OWN_WORD_MAX} characters; the note has room for more.")
                continue
            label = LabelData(text, True, None, None, intensity, confidence)
        else:
            word = vocabulary.by_word(text)
            if word is None:
                errors.add(
                    f"{name}.word",
                    f"“{text}” is not in the word list. Pick a word from the list, "
                    "or mark it as your own word to keep it exactly as you wrote it.",
                )
                continue
            label = LabelData(word.word, False, word.family, word.level, intensity, confidence)
        key = label.text.lower()
        if key in seen:
            errors.add(f"{name}.word", f"“{label.text}” is already one of your words.")
            continue
        seen.add(key)
        out.append(label)
    return out


def _ratings(raw: Any, allowed: tuple[str, ...], errors: Errors) -> dict[str, int]:
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        errors.add("ratings", "Ratings must map each emotion to a number from 0 to 6.")
        return {}
    out: dict[str, int] = {}
    for emotion, value in raw.items():
        name = f"ratings.{emotion}"
        if emotion not in allowed:
            errors.add(name, f"“{emotion}” is not in your set of emotions to rate.")
            continue
        number = _whole(value, name, errors, RATING_SCALE, f"The rating for {emotion}")
        if number is not None:
            out[emotion] = number
    return out


def validate_checkin(
    raw: dict[str, Any],
    *,
    now: datetime,
    rating_emotions: tuple[str, ...] = DEFAULT_RATINGS,
    vocabulary: Vocabulary | None = None,
    body: BodyCatalogue | None = None,
) -> tuple[CheckInData | None, dict[str, list[str]]]:
    """Clean data and no errors, or None and every problem found (a message per field)."""
    vocabulary = vocabulary or load_vocabulary()
    body = body or load_body_catalogue()
    errors = Errors()
    unknown = set(raw) - set(CheckInData.__dataclass_fields__)
    for name in sorted(unknown):
        errors.add(name, "This is not a part of a check-in.")

    kind = raw.get("kind") or "quick"
    if kind not in KINDS:
        errors.add("kind", f"Kind must be one of: {', '.join(KINDS)}.")
    occurred_at = _occurred_at(raw.get("occurred_at"), now, errors)
    low, high = AFFECT_RANGE
    pleasantness = _number(raw.get("pleasantness"), "pleasantness", errors, low, high, "Pleasantness")
    energy = _number(raw.get("energy"), "energy", errors, low, high, "Energy")
    if (pleasantness is None) != (energy is None) and not (
        {"pleasantness", "energy"} & set(errors)
    ):
        missing = "energy" if energy is None else "pleasantness"
        errors.add(missing, f"Give {missing} too (from −5 to 5), or clear both to skip the grid.")

    data = CheckInData(
        occurred_at=occurred_at,
        kind=kind,
        pleasantness=pleasantness,
        energy=energy,
        not_sure=_bool(raw.get("not_sure", False)),
        sensations=_sensations(raw.get("sensations"), body, errors),
        labels=_labels(raw.get("labels"), vocabulary, errors),
        ratings=_ratings(raw.get("ratings"), tuple(rating_emotions), errors),
    )
    for name, choices in CONTEXT_CHOICES.items():
        value = raw.get(name) or ""
        if not isinstance(value, str) or (value and value not in dict(choices)):
            errors.add(name, "Choose one of the offered answers, or write your own below.")
        setattr(data, name, value if isinstance(value, str) else "")
    for name, limit in TEXT_LIMITS.items():
        setattr(data, name, _text(raw.get(name), name, errors, limit))
    if errors:
        return None, dict(errors)
    return data, {}


RATING_SET_SIZE = (2, 20)


def validate_rating_set(words: list[str], vocabulary: Vocabulary | None = None) -> tuple[list[str], list[str]]:
    """The person's own set of emotions to rate: vocabulary words, 2 to 20 of them."""
    vocabulary = vocabulary or load_vocabulary()
    problems: list[str] = []
    clean: list[str] = []
    for text in words:
        word = vocabulary.by_word(text) if isinstance(text, str) else None
        if word is None:
            problems.append(f"“{text}” is not in the word list.")
        elif word.word not in clean:
            clean.append(word.word)
    low, high = RATING_SET_SIZE
    if not problems and not low <= len(clean) <= high:
        problems.append(f"Choose from {low} to {high} feelings; you chose {len(clean)}.")
    return clean, problems
