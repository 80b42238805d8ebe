"""The emotion vocabulary: words in 11 families, with coordinates, body sensations and nuance.

Pure Python, no Django. The data ships as ``data/vocabulary.json`` and is checked by the pydantic
models below; ``validate`` reports every problem it finds, naming the word and the field.

Beside the feelings the file holds a few **body states** (tired, hungry, in pain, unwell and
their kin). They are not feelings, so they belong to no emotion family: they are left out of
``Vocabulary.words``, the families, the wheel and the suggestions, but a person can still look
them up, read how they differ from the feelings they are mixed up with (tired or numb?) and keep
one as a label. ``Word.is_feeling`` tells the two apart.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, cached_property
from importlib import resources
from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from feelmap.lib.content import (
    ContentModel,
    Flag,
    Number,
    Text,
    Whole,
    duplicates,
    fail,
    parse_content,
    problems_in,
)

from .body import BodyCatalogue, load_body_catalogue

FAMILY_KEYS: tuple[str, ...] = (
    "joy",
    "calm",
    "love",
    "interest",
    "surprise",
    "sadness",
    "fear",
    "anger",
    "disgust",
    "shame",
    "numb",
)
LEVELS: tuple[int, ...] = (1, 2, 3)
BODY_STATE: Final = "body"  # the family key of body states: not one of the emotion families
COORDINATE_RANGE = (-5.0, 5.0)
MAX_SENSATIONS = 4
MAX_NEIGHBOURS = 3
REQUIRED_FIELDS: tuple[str, ...] = (
    "word",
    "family",
    "definition",
    "pleasantness",
    "energy",
    "level",
    "sensations",
    "neighbours",
    "example",
    "forms",
)


class Quadrant(StrEnum):
    """Quadrants of the affect grid (pleasantness × energy)."""

    PLEASANT_HIGH = "pleasant-high"
    PLEASANT_LOW = "pleasant-low"
    UNPLEASANT_HIGH = "unpleasant-high"
    UNPLEASANT_LOW = "unpleasant-low"

    @property
    def label(self) -> str:
        return _QUADRANT_LABELS[self]


_QUADRANT_LABELS = {
    Quadrant.PLEASANT_HIGH: "Pleasant, high energy",
    Quadrant.PLEASANT_LOW: "Pleasant, low energy",
    Quadrant.UNPLEASANT_HIGH: "Unpleasant, high energy",
    Quadrant.UNPLEASANT_LOW: "Unpleasant, low energy",
}


def quadrant_of(pleasantness: float, energy: float) -> Quadrant:
    """Quadrant of a point on the affect grid.

    The midlines need a side: 0 pleasantness counts as pleasant and 0 energy as low, so a
    neutral, quiet point lands with "calm" rather than with "alarm".
    """
    pleasant = pleasantness >= 0
    high = energy > 0
    if pleasant:
        return Quadrant.PLEASANT_HIGH if high else Quadrant.PLEASANT_LOW
    return Quadrant.UNPLEASANT_HIGH if high else Quadrant.UNPLEASANT_LOW


def normalise(text: str) -> str:
    """Lower-case and collapse whitespace, so "Shut  Down" finds "shut down"."""
    return " ".join(text.lower().split())


def _normalised(value: str) -> str:
    if value != normalise(value):
        raise ValueError(f"{value!r} must be lower-case with single spaces.")
    return value


def _half_steps(value: float) -> float:
    if value * 2 != int(value * 2):
        raise ValueError(f"{value:g} must be a whole or half number.")
    return value


WordText = Annotated[Text, AfterValidator(_normalised)]
Coordinate = Annotated[
    Number, Field(ge=COORDINATE_RANGE[0], le=COORDINATE_RANGE[1]), AfterValidator(_half_steps)
]


def _body(info: ValidationInfo) -> BodyCatalogue:
    context = info.context or {}
    body = context.get("body")
    return body if isinstance(body, BodyCatalogue) else load_body_catalogue()


class Sensation(ContentModel):
    region: Text
    quality: Text

    @field_validator("region")
    @classmethod
    def _known_region(cls, value: str, info: ValidationInfo) -> str:
        if not _body(info).has_region(value):
            raise ValueError(f"{value!r} is not a region in the body catalogue.")
        return value

    @field_validator("quality")
    @classmethod
    def _known_quality(cls, value: str, info: ValidationInfo) -> str:
        if not _body(info).has_quality(value):
            raise ValueError(f"{value!r} is not a quality in the body catalogue.")
        return value


class Neighbour(ContentModel):
    word: WordText
    difference: Text


class Word(ContentModel):
    """One feeling word (or, with family "body", one body state)."""

    word: WordText
    family: Text
    level: Annotated[Whole, Field(ge=1, le=3)]
    definition: Text
    pleasantness: Coordinate
    energy: Coordinate
    sensations: Annotated[tuple[Sensation, ...], Field(min_length=1, max_length=MAX_SENSATIONS)]
    neighbours: Annotated[tuple[Neighbour, ...], Field(min_length=1, max_length=MAX_NEIGHBOURS)]
    example: Text
    forms: Annotated[tuple[WordText, ...], Field(min_length=1)]
    parent: WordText | None = None
    # A kind word for heavy feelings ("a feeling like this is not a fact about you"), and
    # whether to offer the crisis page beside it wherever the word is chosen or read.
    note: Text | None = None
    offer_help: Flag = False

    @model_validator(mode="after")
    def _check_word(self) -> Word:
        problems = []
        if self.level == 1 and self.parent is not None:
            problems.append("a level-1 family word cannot have a parent.")
        if self.parent == self.word:
            problems.append("cannot be its own parent.")
        if duplicates((s.region, s.quality) for s in self.sensations):
            problems.append("the same sensation is listed twice.")
        others = [n.word for n in self.neighbours]
        if self.word in others:
            problems.append("lists itself as a neighbour.")
        problems += [f"neighbour {w!r} is listed twice." for w in duplicates(others)]
        if self.word in self.forms:
            problems.append(f"form {self.word!r} repeats the word itself.")
        problems += [f"form {f!r} is listed twice." for f in duplicates(self.forms)]
        fail(problems)
        return self

    @property
    def quadrant(self) -> Quadrant:
        return quadrant_of(self.pleasantness, self.energy)

    @property
    def is_feeling(self) -> bool:
        """False for a body state (tired, hungry, in pain...), which is not an emotion."""
        return self.family != BODY_STATE


class BodyState(Word):
    """A body state: same fields as a word, in no emotion family."""

    family: Literal["body"] = BODY_STATE


class FamilyRecord(ContentModel):
    key: Text
    label: Text
    description: Text


class BodyStates(ContentModel):
    """How the body states are introduced, and the states themselves."""

    label: Text
    description: Text
    words: Annotated[tuple[BodyState, ...], Field(min_length=1)]


class VocabularyFile(ContentModel):
    """The whole vocabulary.json, with the checks that span words."""

    version: Whole = 1
    families: tuple[FamilyRecord, ...]
    words: Annotated[tuple[Word, ...], Field(min_length=1)]
    body_states: BodyStates | None = None

    @model_validator(mode="after")
    def _check_across_words(self) -> VocabularyFile:
        fail([*self._family_problems(), *self._word_problems()])
        return self

    def _family_problems(self) -> list[str]:
        keys = [f.key for f in self.families]
        problems = [
            f"family {k!r} is not one of {', '.join(FAMILY_KEYS)}." for k in keys
            if k not in FAMILY_KEYS
        ]
        problems += [f"family {k!r} is listed twice." for k in duplicates(keys)]
        problems += [f"family {k!r} is missing." for k in FAMILY_KEYS if k not in keys]
        return problems

    def _word_problems(self) -> list[str]:
        body_words = self.body_states.words if self.body_states else ()
        entries = (*self.words, *body_words)
        by_name = {w.word: w for w in entries}
        problems = [f"word {w!r} is listed twice." for w in duplicates(w.word for w in entries)]
        owners: dict[str, str] = {}
        for w in entries:
            where = f"word {w.word!r}"
            if w in self.words and w.family not in FAMILY_KEYS:
                problems.append(f"{where}: family {w.family!r} is not one of the 11 families.")
            for n in w.neighbours:
                if n.word not in by_name:
                    problems.append(f"{where}: neighbour {n.word!r} is not in the vocabulary.")
            for form in w.forms:
                if form in by_name:
                    problems.append(f"{where}: form {form!r} is already a word.")
                elif form in owners and owners[form] != w.word:
                    pair = " and ".join(repr(x) for x in sorted({owners[form], w.word}))
                    problems.append(f"form {form!r} is shared by {pair}.")
                owners.setdefault(form, w.word)
            problems += _parent_problems(w, by_name)
        for key in FAMILY_KEYS:
            levels = [w.level for w in self.words if w.family == key]
            missing = [str(lvl) for lvl in LEVELS if lvl not in levels]
            if missing:
                problems.append(f"family {key!r} has no words at level {', '.join(missing)}.")
        if body_words and not any(w.level == 1 for w in body_words):
            problems.append("body states need at least one level-1 word.")
        return problems


def _parent_problems(w: Word, by_name: dict[str, Word]) -> list[str]:
    where = f"word {w.word!r}"
    if w.parent is None:
        if w.level > 1 and not w.is_feeling:
            return [f"{where}: a body state above level 1 needs a parent."]
        return []
    if w.parent == w.word:
        return []  # reported on the word itself
    target = by_name.get(w.parent)
    if target is None:
        return [f"{where}: parent {w.parent!r} is not in the vocabulary."]
    problems = []
    if target.family != w.family:
        problems.append(f"{where}: parent {w.parent!r} is in another family.")
    if target.level >= w.level:
        problems.append(f"{where}: parent {w.parent!r} must be of a lower level.")
    return problems


@dataclass(frozen=True)
class Family:
    key: str
    label: str
    description: str
    word: str  # the level-1 family word, e.g. "sad" for sadness
    # Every level-1 word, family word first. Usually just that one; the shame family also
    # starts at "guilty", which is about what you did rather than who you are.
    roots: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """Feeling words in their 11 families, and the body states kept apart from them.

    ``words`` and ``families`` hold feelings only (the wheel, the grid, the suggestions);
    ``body_states`` and ``body_family`` hold the body states. Look-ups (``by_word``, ``get``,
    ``search``, ``family``, ``children``) know both; ``Word.is_feeling`` says which is which.
    """

    words: tuple[Word, ...]
    families: tuple[Family, ...]
    body_states: tuple[Word, ...] = ()
    body_family: Family | None = None

    @property
    def entries(self) -> tuple[Word, ...]:
        """Feeling words, then body states."""
        return (*self.words, *self.body_states)

    @cached_property
    def _index(self) -> dict[str, Word]:
        index: dict[str, Word] = {}
        for w in self.entries:
            index[w.word] = w
            for form in w.forms:
                index.setdefault(form, w)
        return index

    @cached_property
    def _children(self) -> dict[str, tuple[Word, ...]]:
        out: dict[str, list[Word]] = {}
        for w in self.entries:
            parent = self.parent_of(w)
            if parent is not None:
                out.setdefault(parent, []).append(w)
        return {k: tuple(v) for k, v in out.items()}

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.by_word(text) is not None

    def by_word(self, text: str) -> Word | None:
        """The word for ``text`` (any case, also an inflected form like "anger"), or None."""
        return self._index.get(normalise(text))

    def get(self, text: str) -> Word:
        """Like ``by_word`` but raises KeyError, for callers that know the word exists."""
        word = self.by_word(text)
        if word is None:
            raise KeyError(text)
        return word

    def body_state(self, text: str) -> Word | None:
        """The body state for ``text`` ("tired", "exhaustion"), or None (also for feelings)."""
        found = self.by_word(text)
        return found if found is not None and not found.is_feeling else None

    def family(self, key: str) -> Family:
        """An emotion family by key; "body" gives the body states' group."""
        for fam in self.families:
            if fam.key == key:
                return fam
        if key == BODY_STATE and self.body_family is not None:
            return self.body_family
        raise KeyError(key)

    def words_in_family(self, key: str) -> tuple[Word, ...]:
        """Words of one family, family word first, then by level in file order."""
        self.family(key)  # unknown family -> KeyError rather than a silent empty answer
        return tuple(sorted((w for w in self.entries if w.family == key), key=lambda w: w.level))

    def roots(self, key: str) -> tuple[Word, ...]:
        """The level-1 words a family's drill-down starts from, family word first."""
        fam = self.family(key)
        return tuple(self.get(w) for w in (fam.roots or (fam.word,)))

    def parent_of(self, word: Word | str) -> str | None:
        """The word one step up the drill-down; level-2/3 words without an explicit parent
        hang under their family word."""
        w = word if isinstance(word, Word) else self.get(word)
        if w.level == 1:
            return None
        return w.parent or self.family(w.family).word

    def children(self, word: Word | str) -> tuple[Word, ...]:
        """The next, more precise words in the drill-down (family word -> common -> nuanced)."""
        w = word if isinstance(word, Word) else self.get(word)
        return self._children.get(w.word, ())

    def quadrant(self, word: Word | str) -> Quadrant:
        w = word if isinstance(word, Word) else self.get(word)
        return w.quadrant

    def search(self, query: str, limit: int | None = None) -> tuple[Word, ...]:
        """Words matching ``query``, best first.

        Body states are found too (``is_feeling`` is False on them). Ranking: exact word, exact form, word prefix, form prefix, substring of word or form,
        then a word in the definition starting with the query; ties go to the more common
        (lower-level) word, then alphabetical.
        """
        q = normalise(query)
        if not q:
            return ()
        boundary = re.compile(r"\b" + re.escape(q))
        scored: list[tuple[int, int, str, Word]] = []
        for w in self.entries:
            rank = _match_rank(q, w, boundary)
            if rank is not None:
                scored.append((rank, w.level, w.word, w))
        scored.sort(key=lambda item: item[:3])
        found = tuple(item[3] for item in scored)
        return found if limit is None else found[:limit]


def _match_rank(q: str, w: Word, boundary: re.Pattern[str]) -> int | None:
    if w.word == q:
        return 0
    if q in w.forms:
        return 1
    if w.word.startswith(q):
        return 2
    if any(f.startswith(q) for f in w.forms):
        return 3
    if q in w.word or any(q in f for f in w.forms):
        return 4
    if boundary.search(w.definition.lower()):
        return 5
    return None


# ---------------------------------------------------------------- loading

SOURCE = "vocabulary.json"
NOUNS = {"families": "family", "words": "word", "body_states": "body states"}


def validate(raw: Any, body: BodyCatalogue) -> list[str]:
    """Every problem found in a raw vocabulary, naming word and field ([] means it is fine)."""
    return problems_in(VocabularyFile, raw, source=SOURCE, nouns=NOUNS, context={"body": body})


def parse_vocabulary(raw: Any, body: BodyCatalogue | None = None) -> Vocabulary:
    """Build a Vocabulary from raw data; ContentError (a ValueError) listing every problem."""
    body = body or load_body_catalogue()
    data = parse_content(VocabularyFile, raw, source=SOURCE, nouns=NOUNS, context={"body": body})
    by_key = {f.key: f for f in data.families}
    families = tuple(
        _family(key, by_key[key].label, by_key[key].description, data.words)
        for key in FAMILY_KEYS
    )
    states = data.body_states
    body_family = None
    if states is not None:
        body_family = _family(BODY_STATE, states.label, states.description, states.words)
    return Vocabulary(
        words=data.words,
        families=families,
        body_states=states.words if states else (),
        body_family=body_family,
    )


def _family(key: str, label: str, description: str, words: Iterable[Word]) -> Family:
    roots = tuple(w.word for w in words if w.family == key and w.level == 1)
    return Family(key, label, description, roots[0], roots)


def read_vocabulary_json() -> dict[str, Any]:
    """A fresh parse of the packaged vocabulary.json (safe to modify)."""
    text = resources.files("feelmap.lexicon").joinpath("data/vocabulary.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def load_vocabulary() -> Vocabulary:
    """The packaged vocabulary, validated once and cached for the process."""
    return parse_vocabulary(read_vocabulary_json(), load_body_catalogue())
