"""The emotion vocabulary: words in 11 families, with coordinates, body sensations and nuance.

Pure Python, no Django. The data ships as ``data/vocabulary.json``; ``validate`` reports every
problem at once so whoever edits the file can fix them in one pass.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, cached_property
from importlib import resources
from typing import Any

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


@dataclass(frozen=True)
class Sensation:
    region: str
    quality: str


@dataclass(frozen=True)
class Neighbour:
    word: str
    difference: str


@dataclass(frozen=True)
class Word:
    word: str
    family: str
    level: int
    definition: str
    pleasantness: float
    energy: float
    sensations: tuple[Sensation, ...]
    neighbours: tuple[Neighbour, ...]
    example: str
    forms: tuple[str, ...]
    parent: str | None = None

    @property
    def quadrant(self) -> Quadrant:
        return quadrant_of(self.pleasantness, self.energy)


@dataclass(frozen=True)
class Family:
    key: str
    label: str
    description: str
    word: str  # the level-1 family word, e.g. "sad" for sadness


def normalise(text: str) -> str:
    """Lower-case and collapse whitespace, so "Shut  Down" finds "shut down"."""
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class Vocabulary:
    words: tuple[Word, ...]
    families: tuple[Family, ...]

    @cached_property
    def _index(self) -> dict[str, Word]:
        index: dict[str, Word] = {}
        for w in self.words:
            index[w.word] = w
            for form in w.forms:
                index.setdefault(form, w)
        return index

    @cached_property
    def _children(self) -> dict[str, tuple[Word, ...]]:
        out: dict[str, list[Word]] = {}
        for w in self.words:
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

    def family(self, key: str) -> Family:
        for fam in self.families:
            if fam.key == key:
                return fam
        raise KeyError(key)

    def words_in_family(self, key: str) -> tuple[Word, ...]:
        """Words of one family, family word first, then by level in file order."""
        self.family(key)  # unknown family -> KeyError rather than a silent empty answer
        return tuple(sorted((w for w in self.words if w.family == key), key=lambda w: w.level))

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

        Ranking: exact word, exact form, word prefix, form prefix, substring of word or form,
        then a word in the definition starting with the query; ties go to the more common
        (lower-level) word, then alphabetical.
        """
        q = normalise(query)
        if not q:
            return ()
        boundary = re.compile(r"\b" + re.escape(q))
        scored: list[tuple[int, int, str, Word]] = []
        for w in self.words:
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


# ---------------------------------------------------------------- validation


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _coordinate_problem(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "must be a number"
    low, high = COORDINATE_RANGE
    if not low <= value <= high:
        return f"{value} is outside {low:g}..{high:g}"
    if (value * 2) != int(value * 2):
        return f"{value} must be a whole or half number"
    return None


def validate(raw: Any, body: BodyCatalogue) -> list[str]:
    """Return every problem found in a raw vocabulary (an empty list means it is fine)."""
    if not isinstance(raw, dict):
        return ["vocabulary must be a JSON object with 'families' and 'words'"]
    problems: list[str] = []
    problems += _validate_families(raw.get("families"))

    entries = raw.get("words")
    if not isinstance(entries, list) or not entries:
        return [*problems, "'words' must be a non-empty list"]

    # First pass: names, so that neighbours and parents can be checked against all words.
    words: dict[str, dict[str, Any]] = {}
    owner_of_form: dict[str, str] = {}
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problems.append(f"word #{i + 1}: must be an object")
            continue
        name = entry.get("word")
        if not _is_text(name):
            continue  # reported as a missing/empty field below
        if name in words:
            problems.append(f"duplicate word {name!r}")
        else:
            words[name] = entry

    for i, entry in enumerate(entries):
        if isinstance(entry, dict):
            problems += _validate_word(i, entry, words, owner_of_form, body)

    problems += _validate_family_levels(words.values())
    return problems


def _validate_families(families: object) -> list[str]:
    if not isinstance(families, list):
        return ["'families' must be a list"]
    problems: list[str] = []
    seen: list[str] = []
    for i, fam in enumerate(families):
        if not isinstance(fam, dict):
            problems.append(f"family #{i + 1}: must be an object")
            continue
        key = fam.get("key")
        name = f"family {key!r}" if _is_text(key) else f"family #{i + 1}"
        for field in ("key", "label", "description"):
            if not _is_text(fam.get(field)):
                problems.append(f"{name}: missing field '{field}'")
        if isinstance(key, str):
            if key not in FAMILY_KEYS:
                problems.append(
                    f"unknown family {key!r} (expected one of {', '.join(FAMILY_KEYS)})"
                )
            elif key in seen:
                problems.append(f"family {key!r} is listed twice")
            seen.append(key)
    for key in FAMILY_KEYS:
        if key not in seen:
            problems.append(f"family {key!r} is missing")
    return problems


def _validate_word(
    i: int,
    entry: dict[str, Any],
    words: dict[str, dict[str, Any]],
    owner_of_form: dict[str, str],
    body: BodyCatalogue,
) -> list[str]:
    problems: list[str] = []
    name = entry.get("word")
    label = f"word {name!r}" if _is_text(name) else f"word #{i + 1}"

    for field in REQUIRED_FIELDS:
        value = entry.get(field)
        if field not in entry or value is None:
            problems.append(f"{label}: missing field '{field}'")
        elif isinstance(value, str | list) and not (
            value.strip() if isinstance(value, str) else value
        ):
            problems.append(f"{label}: field '{field}' is empty")

    if isinstance(name, str) and name != normalise(name):
        problems.append(f"{label}: word must be lower-case with single spaces")

    family = entry.get("family")
    if "family" in entry and family not in FAMILY_KEYS:
        problems.append(f"{label}: unknown family {family!r}")

    level = entry.get("level")
    if "level" in entry and (isinstance(level, bool) or level not in LEVELS):
        problems.append(f"{label}: level {level!r} must be 1, 2 or 3")

    for axis in ("pleasantness", "energy"):
        if axis in entry:
            problem = _coordinate_problem(entry[axis])
            if problem:
                problems.append(f"{label}: {axis} {problem}")

    for field in ("definition", "example"):
        if field in entry and not isinstance(entry[field], str):
            problems.append(f"{label}: {field} must be text")

    problems += _validate_sensations(label, entry.get("sensations"), body)
    problems += _validate_neighbours(label, name, entry.get("neighbours"), words)
    problems += _validate_forms(label, name, entry.get("forms"), words, owner_of_form)
    problems += _validate_parent(label, entry, words)
    return problems


def _validate_sensations(label: str, sensations: object, body: BodyCatalogue) -> list[str]:
    if sensations is None:
        return []
    if not isinstance(sensations, list):
        return [f"{label}: sensations must be a list"]
    problems: list[str] = []
    if len(sensations) > MAX_SENSATIONS:
        problems.append(f"{label}: has {len(sensations)} sensations, at most {MAX_SENSATIONS}")
    for s in sensations:
        if not isinstance(s, dict):
            problems.append(f"{label}: each sensation must be an object with region and quality")
            continue
        region, quality = s.get("region"), s.get("quality")
        if not isinstance(region, str) or not body.has_region(region):
            problems.append(f"{label}: sensation region {region!r} is not in the body catalogue")
        if not isinstance(quality, str) or not body.has_quality(quality):
            problems.append(f"{label}: sensation quality {quality!r} is not in the body catalogue")
    pairs = [(s.get("region"), s.get("quality")) for s in sensations if isinstance(s, dict)]
    if len(pairs) != len(set(pairs)):
        problems.append(f"{label}: the same sensation is listed twice")
    return problems


def _validate_neighbours(
    label: str, name: object, neighbours: object, words: dict[str, dict[str, Any]]
) -> list[str]:
    if neighbours is None:
        return []
    if not isinstance(neighbours, list):
        return [f"{label}: neighbours must be a list"]
    problems: list[str] = []
    if len(neighbours) > MAX_NEIGHBOURS:
        problems.append(f"{label}: has {len(neighbours)} neighbours, at most {MAX_NEIGHBOURS}")
    seen: set[str] = set()
    for n in neighbours:
        if not isinstance(n, dict):
            problems.append(f"{label}: each neighbour must be an object with word and difference")
            continue
        other = n.get("word")
        if other == name:
            problems.append(f"{label}: lists itself as a neighbour")
        elif not isinstance(other, str) or other not in words:
            problems.append(f"{label}: neighbour {other!r} is not in the vocabulary")
        elif other in seen:
            problems.append(f"{label}: neighbour {other!r} is listed twice")
        if isinstance(other, str):
            seen.add(other)
        if not _is_text(n.get("difference")):
            problems.append(f"{label}: neighbour {other!r} has no 'difference' sentence")
    return problems


def _validate_forms(
    label: str,
    name: object,
    forms: object,
    words: dict[str, dict[str, Any]],
    owner_of_form: dict[str, str],
) -> list[str]:
    if forms is None:
        return []
    if not isinstance(forms, list):
        return [f"{label}: forms must be a list"]
    problems: list[str] = []
    for form in forms:
        if not _is_text(form):
            problems.append(f"{label}: forms must be non-empty text")
            continue
        if form != normalise(form):
            problems.append(f"{label}: form {form!r} must be lower-case with single spaces")
        if form in words:
            # Also catches a form that repeats the word itself.
            problems.append(f"{label}: form {form!r} is already a word")
        elif owner_of_form.get(form) == name:
            problems.append(f"{label}: form {form!r} is listed twice")
        elif form in owner_of_form:
            pair = sorted({owner_of_form[form], str(name)})
            problems.append(f"form {form!r} is shared by {' and '.join(repr(n) for n in pair)}")
        else:
            owner_of_form[form] = str(name)
    return problems


def _validate_parent(
    label: str, entry: dict[str, Any], words: dict[str, dict[str, Any]]
) -> list[str]:
    if "parent" not in entry:
        return []
    parent = entry["parent"]
    level = entry.get("level")
    if level == 1:
        return [f"{label}: a level-1 family word cannot have a parent"]
    if not isinstance(parent, str) or parent not in words:
        return [f"{label}: parent {parent!r} is not in the vocabulary"]
    if parent == entry.get("word"):
        return [f"{label}: cannot be its own parent"]
    target = words[parent]
    problems: list[str] = []
    if target.get("family") != entry.get("family"):
        problems.append(f"{label}: parent {parent!r} is in another family")
    parent_level = target.get("level")
    if isinstance(level, int) and isinstance(parent_level, int) and parent_level >= level:
        problems.append(f"{label}: parent {parent!r} must be of a lower level")
    return problems


def _validate_family_levels(entries: Iterable[dict[str, Any]]) -> list[str]:
    levels: dict[str, list[int]] = {key: [] for key in FAMILY_KEYS}
    family_words: dict[str, list[str]] = {key: [] for key in FAMILY_KEYS}
    for entry in entries:
        family, level = entry.get("family"), entry.get("level")
        if family in levels and level in LEVELS:
            levels[family].append(level)
            if level == 1:
                family_words[family].append(str(entry.get("word")))
    problems: list[str] = []
    for key in FAMILY_KEYS:
        missing = [str(lvl) for lvl in LEVELS if lvl not in levels[key]]
        if missing:
            problems.append(f"family {key!r} has no words at level {', '.join(missing)}")
        if len(family_words[key]) > 1:
            problems.append(
                f"family {key!r} has more than one level-1 word: {', '.join(family_words[key])}"
            )
    return problems


# ---------------------------------------------------------------- loading


def parse_vocabulary(raw: Any, body: BodyCatalogue | None = None) -> Vocabulary:
    """Build a Vocabulary from raw data; ValueError listing every problem if it is invalid."""
    body = body or load_body_catalogue()
    problems = validate(raw, body)
    if problems:
        raise ValueError(
            f"Invalid emotion vocabulary ({len(problems)} problems):\n- " + "\n- ".join(problems)
        )
    words = tuple(
        Word(
            word=e["word"],
            family=e["family"],
            level=e["level"],
            definition=e["definition"],
            pleasantness=float(e["pleasantness"]),
            energy=float(e["energy"]),
            sensations=tuple(Sensation(s["region"], s["quality"]) for s in e["sensations"]),
            neighbours=tuple(Neighbour(n["word"], n["difference"]) for n in e["neighbours"]),
            example=e["example"],
            forms=tuple(e["forms"]),
            parent=e.get("parent"),
        )
        for e in raw["words"]
    )
    level_one = {w.family: w.word for w in words if w.level == 1}
    by_key = {f["key"]: f for f in raw["families"]}
    families = tuple(
        Family(key, by_key[key]["label"], by_key[key]["description"], level_one[key])
        for key in FAMILY_KEYS
    )
    return Vocabulary(words=words, families=families)


def read_vocabulary_json() -> dict[str, Any]:
    """A fresh parse of the packaged vocabulary.json (safe to modify)."""
    text = resources.files("feelmap.lexicon").joinpath("data/vocabulary.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def load_vocabulary() -> Vocabulary:
    """The packaged vocabulary, validated once and cached for the process."""
    return parse_vocabulary(read_vocabulary_json(), load_body_catalogue())
