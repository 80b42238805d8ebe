"""What a schema cannot check: the vocabulary, the body map and the person's own set of
feelings to rate; and `validate_checkin`, the one call for pages, practices and the demo.

Pure: plain data in, cleaned data or a message per field out. Field names in the error dict
use dotted paths ("labels.1.word", "sensations.0.region") so the API can return them as they
are and the pages can show each message next to its control. The shape, bounds and messages
of every field are in `schemas.CheckInIn`.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from feelmap.lexicon.body import BodyCatalogue, load_body_catalogue
from feelmap.lexicon.vocabulary import Vocabulary, load_vocabulary
from feelmap.lib.validation import validate

from .choices import DEFAULT_RATINGS
from .schemas import (  # noqa: F401 (the limits are part of this module's interface)
    KINDS,
    MAX_LABELS,
    MAX_SENSATIONS,
    NOTE_MAX,
    TEXT_LIMITS,
    CheckInIn,
)


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


def resolve_checkin(
    checked: CheckInIn,
    *,
    now: datetime,
    rating_emotions: tuple[str, ...] = DEFAULT_RATINGS,
    vocabulary: Vocabulary | None = None,
    body: BodyCatalogue | None = None,
) -> tuple[CheckInData | None, dict[str, list[str]]]:
    """A schema-checked check-in against the vocabulary, the body map and the person's set of
    feelings to rate: what will be stored, or a message per field."""
    vocabulary = vocabulary or load_vocabulary()
    body = body or load_body_catalogue()
    errors = Errors()
    if (checked.pleasantness is None) != (checked.energy is None):
        missing = "energy" if checked.energy is None else "pleasantness"
        errors.add(missing, f"Give {missing} too (from −5 to 5), or clear both to skip the grid.")

    sensations: list[SensationData] = []
    seen_marks: set[tuple[str, str, str]] = set()
    for i, item in enumerate(checked.sensations):
        ok = True
        if not body.has_region(item.region):
            errors.add(f"sensations.{i}.region",
                       f"We don't know the body region {item.region!r}. Choose one on the body map.")
            ok = False
        if not body.has_quality(item.quality):
            errors.add(f"sensations.{i}.quality",
                       f"We don't know the sensation {item.quality!r}. Choose one from the list.")
            ok = False
        key = (item.region, item.quality, item.side)
        if ok and key not in seen_marks:  # the same mark twice means the same thing once
            seen_marks.add(key)
            sensations.append(SensationData(item.region, item.quality, item.intensity, item.side))

    labels: list[LabelData] = []
    seen_words: set[str] = set()
    for i, given in enumerate(checked.labels):
        name = f"labels.{i}.word"
        text = " ".join(given.word.split())
        if given.own:
            label = LabelData(text, True, None, None, given.intensity, given.confidence)
        else:
            word = vocabulary.by_word(text)
            if word is None:
                errors.add(name, f"“{text}” is not in the word list. Pick a word from the list, "
                                 "or mark it as your own word to keep it exactly as you wrote it.")
                continue
            label = LabelData(word.word, False, word.family, word.level, given.intensity,
                              given.confidence)
        if label.text.lower() in seen_words:
            errors.add(name, f"“{label.text}” is already one of your words.")
            continue
        seen_words.add(label.text.lower())
        labels.append(label)

    for emotion in checked.ratings:
        if emotion not in rating_emotions:
            errors.add(f"ratings.{emotion}", f"“{emotion}” is not in your set of emotions to rate.")
    if errors:
        return None, dict(errors)
    return CheckInData(
        occurred_at=checked.occurred_at or now,
        kind=checked.kind,
        pleasantness=checked.pleasantness,
        energy=checked.energy,
        not_sure=checked.not_sure,
        sensations=sensations,
        labels=labels,
        ratings=dict(checked.ratings),
        doing=checked.doing,
        doing_own=checked.doing_own,
        with_whom=checked.with_whom,
        with_whom_own=checked.with_whom_own,
        where=checked.where,
        where_own=checked.where_own,
        trigger=checked.trigger,
        need=checked.need,
        note=checked.note,
    ), {}


def validate_checkin(
    raw: Mapping[str, Any],
    *,
    now: datetime,
    rating_emotions: tuple[str, ...] = DEFAULT_RATINGS,
    vocabulary: Vocabulary | None = None,
    body: BodyCatalogue | None = None,
) -> tuple[CheckInData | None, dict[str, list[str]]]:
    """Plain data (a posted form, a practice's mini check-in, the demo) through the schema and
    then `resolve_checkin`: clean data and no errors, or None and every problem found."""
    checked, errors = validate(CheckInIn, raw)
    if checked is not None:
        return resolve_checkin(checked, now=now, rating_emotions=tuple(rating_emotions),
                               vocabulary=vocabulary, body=body)
    # A page shows every problem at once: check the rest of the form without the values the
    # schema refused, and add what the vocabulary and the body map say about it.
    rest = _without(raw, errors)
    checked, _more = validate(CheckInIn, rest) if rest is not None else (None, {})
    if checked is not None:
        _data, more = resolve_checkin(checked, now=now, rating_emotions=tuple(rating_emotions),
                                      vocabulary=vocabulary, body=body)
        skip = {"pleasantness", "energy"} if {"pleasantness", "energy"} & set(errors) else set()
        for name, messages in more.items():
            if name not in errors and name not in skip:
                errors[name] = messages
    return None, errors


def _without(raw: Mapping[str, Any], errors: Mapping[str, list[str]]) -> dict[str, Any] | None:
    """A copy of `raw` without the values at the errors' paths ("labels.0.intensity"); None
    when a path cannot be followed."""
    rest: Any = copy.deepcopy(dict(raw))
    for name in errors:
        *parents, last = name.split(".")
        here = rest
        for part in parents:
            here = here[int(part)] if isinstance(here, list) and part.isdigit() else (
                here.get(part) if isinstance(here, dict) else None)
            if here is None:
                return None
        if isinstance(here, dict):
            here.pop(last, None)
        elif isinstance(here, list) and last.isdigit() and int(last) < len(here):
            here[int(last)] = None  # removed below, so the other items keep their numbers
        else:
            return None
    return rest if not _has_holes(rest) else None


def _has_holes(value: Any) -> bool:
    if isinstance(value, list):
        return any(item is None or _has_holes(item) for item in value)
    if isinstance(value, dict):
        return any(_has_holes(item) for item in value.values())
    return False


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
