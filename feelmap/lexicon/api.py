"""/api/v1/lexicon (the vocabulary as data) and /api/v1/suggest (words for what someone wrote).

Auth comes from the API (token or session). Input is checked field by field with plain
messages before anything runs; the vocabulary answers are built once per process because
the data never changes while it runs.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import ValidationError
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from .body import load_body_catalogue
from .views import word_for_slug, word_slug
from .vocabulary import FAMILY_KEYS, Vocabulary, Word, load_vocabulary

router = Router(tags=["lexicon"])

MAX_TEXT = 20_000
MAX_TOP = 20
MAX_SENSATIONS = 30
MAX_QUERY = 100


# ---------------------------------------------------------------- output


class FamilyOut(Schema):
    key: str
    label: str
    description: str
    word: str = Field(description="The broad, level-1 word of the family.")
    roots: list[str] = Field(description="Every level-1 word the family starts from, family word first.")


class WordSensationOut(Schema):
    region: str
    region_label: str
    quality: str
    quality_label: str


class NeighbourOut(Schema):
    word: str
    difference: str


class WordOut(Schema):
    word: str
    slug: str
    family: str
    level: int = Field(description="1 family word, 2 common, 3 nuanced.")
    parent: str | None
    children: list[str]
    definition: str
    pleasantness: float = Field(ge=-5, le=5)
    energy: float = Field(ge=-5, le=5)
    quadrant: str
    sensations: list[WordSensationOut]
    neighbours: list[NeighbourOut]
    example: str
    forms: list[str]
    kind: Literal["feeling", "body state"] = Field(
        description="A feeling, or a body state (tired, hungry, in pain, unwell), which is not one.")
    note: str | None = Field(description="A kind word that goes with a heavy feeling.")
    offer_help: bool = Field(description="Show the way to crisis services beside this word.")


class LexiconOut(Schema):
    families: list[FamilyOut]
    words: list[WordOut]


class Message(Schema):
    detail: str


class SuggestionOut(Schema):
    word: str
    family: str
    score: float
    why: str


class SuggestOut(Schema):
    suggestions: list[SuggestionOut]


def word_as_dict(vocabulary: Vocabulary, w: Word) -> dict[str, Any]:
    body = load_body_catalogue()
    return {
        "word": w.word,
        "slug": word_slug(w.word),
        "family": w.family,
        "level": w.level,
        "parent": vocabulary.parent_of(w),
        "children": [c.word for c in vocabulary.children(w)],
        "definition": w.definition,
        "pleasantness": w.pleasantness,
        "energy": w.energy,
        "quadrant": w.quadrant.value,
        "sensations": [
            {"region": s.region, "region_label": body.region(s.region).label,
             "quality": s.quality, "quality_label": body.quality(s.quality).label}
            for s in w.sensations
        ],
        "neighbours": [{"word": n.word, "difference": n.difference} for n in w.neighbours],
        "example": w.example,
        "forms": list(w.forms),
        "kind": "feeling" if w.is_feeling else "body state",
        "note": w.note,
        "offer_help": w.offer_help,
    }


@cache
def _word_dicts() -> dict[str, dict[str, Any]]:
    vocabulary = load_vocabulary()
    return {w.word: word_as_dict(vocabulary, w) for w in vocabulary.entries}


@cache
def _family_dicts() -> list[dict[str, Any]]:
    return [{"key": f.key, "label": f.label, "description": f.description, "word": f.word,
             "roots": list(f.roots or (f.word,))}
            for f in load_vocabulary().families]


@router.get("/lexicon", response=LexiconOut, summary="The emotion vocabulary")
def lexicon(
    request: HttpRequest, family: str | None = None, q: str | None = None
) -> dict[str, Any]:
    """Every family and word. `family` keeps one family's words; `q` searches words, their
    other forms and definitions (best matches first), and also finds body states such as
    "tired" (`kind` "body state": not a feeling, in no family)."""
    vocabulary = load_vocabulary()
    if family is not None and family not in FAMILY_KEYS:
        raise ValidationError([{
            "loc": ["query", "family"],
            "msg": f"There is no family called {family[:40]!r}. Choose one of: "
            + ", ".join(FAMILY_KEYS) + ".",
        }])
    if q is not None and len(q) > MAX_QUERY:
        raise ValidationError([{
            "loc": ["query", "q"], "msg": f"Keep the search under {MAX_QUERY} characters."}])
    words = vocabulary.search(q) if q and q.strip() else vocabulary.words
    if family is not None:
        words = tuple(w for w in words if w.family == family)
    dicts = _word_dicts()
    return {"families": _family_dicts(), "words": [dicts[w.word] for w in words]}


@router.get("/lexicon/{word}", response={200: WordOut, 404: Message}, summary="One word")
def lexicon_word(request: HttpRequest, word: str) -> dict[str, Any] | Status[dict[str, Any]]:
    """One word by itself or its slug ("shut-down"); another form ("anger") answers its word."""
    found, _exact = word_for_slug(load_vocabulary(), word[:MAX_QUERY])
    if found is None:
        return Status(404, {"detail": f"{word[:40]!r} is not in the vocabulary. "
                            "Search with GET /api/v1/lexicon?q=..."})
    return _word_dicts()[found.word]


# ---------------------------------------------------------------- suggest


def _problem(kind: str, message: str) -> PydanticCustomError:
    # A custom error keeps the message as written, without pydantic's "Value error," prefix.
    return PydanticCustomError(kind, message)


def _whole_number(value: object, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _problem("not_a_number", f"{name} must be a whole number from {low} to {high}.")
    try:
        number = float(value)
    except ValueError:
        raise _problem("not_a_number",
                       f"{name} must be a whole number from {low} to {high}.") from None
    if not math.isfinite(number) or number != int(number) or not low <= number <= high:
        raise _problem("out_of_range", f"{name} must be a whole number from {low} to {high}.")
    return int(number)


def _coordinate(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _problem("not_a_number", f"{name} must be a number from -5 to 5.")
    if not math.isfinite(value) or not -5 <= value <= 5:
        raise _problem("out_of_range", f"{name} must be a number from -5 to 5.")
    return float(value)


class SuggestSensationIn(Schema):
    region: str
    quality: str
    intensity: int | None = Field(None, description="0 (barely) to 10 (as strong as it gets).")

    @field_validator("region", mode="before")
    @classmethod
    def known_region(cls, value: object) -> str:
        if not isinstance(value, str) or not load_body_catalogue().has_region(value):
            raise _problem("unknown_region", "Choose a body region from the body map "
                           "(for example 'chest', 'stomach' or 'shoulders').")
        return value

    @field_validator("quality", mode="before")
    @classmethod
    def known_quality(cls, value: object) -> str:
        if not isinstance(value, str) or not load_body_catalogue().has_quality(value):
            raise _problem("unknown_quality", "Choose a sensation from the list "
                           "(for example 'tightness', 'heaviness' or 'fluttering').")
        return value

    @field_validator("intensity", mode="before")
    @classmethod
    def intensity_range(cls, value: object) -> int | None:
        return None if value is None else _whole_number(value, "Intensity", 0, 10)


class AffectIn(Schema):
    pleasantness: float
    energy: float

    @field_validator("pleasantness", mode="before")
    @classmethod
    def pleasantness_range(cls, value: object) -> float:
        return _coordinate(value, "Pleasantness")

    @field_validator("energy", mode="before")
    @classmethod
    def energy_range(cls, value: object) -> float:
        return _coordinate(value, "Energy")


class SuggestIn(Schema):
    text: str = Field("", description=f"What the person wrote, up to {MAX_TEXT:,} characters.")
    top: int = Field(5, description=f"How many words to suggest, 1 to {MAX_TOP}.")
    sensations: list[SuggestSensationIn] = Field(default_factory=list)
    affect: AffectIn | None = None

    @field_validator("text", mode="before")
    @classmethod
    def text_size(cls, value: object) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise _problem("not_text", "Text must be a string of words.")
        if len(value) > MAX_TEXT:
            raise _problem("too_long", f"Text can be up to {MAX_TEXT:,} characters; this is "
                           f"{len(value):,}. Send a shorter part.")
        return value

    @field_validator("top", mode="before")
    @classmethod
    def top_range(cls, value: object) -> int:
        return _whole_number(value, "Top", 1, MAX_TOP)

    @field_validator("sensations", mode="before")
    @classmethod
    def sensations_size(cls, value: object) -> object:
        if value is None:
            return []
        if isinstance(value, list) and len(value) > MAX_SENSATIONS:
            raise _problem("too_many", f"Send at most {MAX_SENSATIONS} sensations.")
        return value


@router.post("/suggest", response=SuggestOut, summary="Suggest emotion words")
def suggest(request: HttpRequest, payload: SuggestIn) -> dict[str, Any]:
    """Words that may fit what the text, the body sensations and the affect grid describe,
    best first, each with its family, a score and a short reason."""
    from .suggest import get_engine

    sensations = [s.model_dump() for s in payload.sensations]
    affect = payload.affect.model_dump() if payload.affect else None
    found = get_engine().suggest(payload.text, sensations=sensations, affect=affect,
                                 top=payload.top)
    return {"suggestions": [s.as_dict() for s in found]}
