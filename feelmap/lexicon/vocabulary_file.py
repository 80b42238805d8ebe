"""The pydantic models of ``data/vocabulary.json``: words, body states and the whole file.

Field checks live on each record (a coordinate from -5 to 5 in half steps, a sensation the body
catalogue knows, at most three neighbours); checks across words (neighbours and parents exist,
a parent sits in the same family one level up or more, every family has words at each level,
forms belong to one word only) are model validators on the file that report every problem.
``Word`` is also the object the rest of the app uses (through ``feelmap.lexicon.vocabulary``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from feelmap.lib.content import ContentModel, Flag, Number, Text, Whole, duplicates, fail

from .body import BodyCatalogue, load_body_catalogue
from .families import FAMILY_KEYS as FAMILY_KEYS

LEVELS: tuple[int, ...] = (1, 2, 3)
BODY_STATE: Final = "body"  # the family key of body states: not one of the emotion families
COORDINATE_RANGE = (-5.0, 5.0)
MAX_SENSATIONS = 4
MAX_NEIGHBOURS = 3


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
