"""The emotion vocabulary: words in 11 families, with coordinates, body sensations and nuance.

Pure Python, no Django. The data ships as ``data/vocabulary.json`` and is checked by the pydantic
models in ``vocabulary_file.py``; ``validate`` reports every problem it finds, naming the word
and the field.

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
from functools import cache, cached_property
from importlib import resources
from typing import Any

from feelmap.lib.content import parse_content, problems_in

from .body import BodyCatalogue, load_body_catalogue
from .vocabulary_file import BODY_STATE as BODY_STATE
from .vocabulary_file import FAMILY_KEYS as FAMILY_KEYS
from .vocabulary_file import LEVELS as LEVELS
from .vocabulary_file import BodyState as BodyState
from .vocabulary_file import Neighbour as Neighbour
from .vocabulary_file import Quadrant as Quadrant
from .vocabulary_file import Sensation as Sensation
from .vocabulary_file import VocabularyFile
from .vocabulary_file import Word as Word
from .vocabulary_file import normalise as normalise
from .vocabulary_file import quadrant_of as quadrant_of


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
