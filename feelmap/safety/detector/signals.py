"""A scoring layer that reads meaning, on top of the phrase rules (data: ``detector_signals.json``).

The phrase rules only see wording someone thought of. People in crisis rarely use it: they
write "bought rope today. didn't tell anyone why" or "43 days clean and I just ruined it".
Each of those is made of ordinary words that only mean something together, so this layer
looks for *families* of signals (death and finality, wishing or deciding, means, getting
things in order, burden, hopelessness, self-harm, a past attempt, drinking or drugs, secrecy)
and scores their co-occurrence within a few neighbouring sentences.

How a window of up to three sentences is scored, in plain terms:

1. Everyday uses that share words with risk language are blanked out first (``guards``:
   "cut my hair", "rope for the camping trip", "ready for the weekend").
2. Each family's strength is the weight of its strongest phrase found in the window
   (``families``; 1.0 means "enough on its own", 0.3 means "only with something else").
3. The score is the strongest single family, or the sum of both strengths of any meaningful
   pair (``pairs``, e.g. means + intent), whichever is higher, plus a little for every further
   distress family, minus a penalty when the window reads as neutral context (news, a novel,
   a training course; family ``neutral``).
4. Risk when the score reaches ``settings.threshold``.

Phrases are words separated by spaces over normalised text (lower case, no apostrophes: "im",
"dont"). ``word*`` matches any ending ("cut*": cut, cuts, cutting); ``~`` allows up to three
other words in between; ``.`` is a sentence end. Guards are regular expressions.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .normalise import SENTENCE

DATA = Path(__file__).resolve().parent.parent / "data" / "detector_signals.json"

DEATH = "death"
WISH = "wish"
MEANS = "means"
PREPARE = "prepare"
BURDEN = "burden"
HOPELESS = "hopeless"
SH_ACT = "self-harm-act"
SH_SIGN = "self-harm-sign"
ATTEMPT = "attempt"
RETURN = "coming-back"
SUBSTANCE = "substance"
SECRECY = "secrecy"
NEUTRAL = "neutral"

Family = Literal[
    "death", "wish", "means", "prepare", "burden", "hopeless", "self-harm-act",
    "self-harm-sign", "attempt", "coming-back", "substance", "secrecy", "neutral",
]
FAMILIES: tuple[str, ...] = Family.__args__  # type: ignore[attr-defined]


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    threshold: float = Field(gt=0)
    window: int = Field(ge=1, le=10)  # sentences
    extra_family_bonus: float = Field(ge=0, le=1)
    neutral_penalty: float = Field(ge=0, le=2)
    strong: float = Field(gt=0, le=1)  # phrases this strong add distinct_bonus for each other
    distinct_bonus: float = Field(ge=0, le=1)


class Tier(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    weight: float = Field(gt=0, le=1)
    phrases: tuple[str, ...] = Field(min_length=1)

    @field_validator("phrases")
    @classmethod
    def _plain(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for p in v:
            if p != " ".join(p.split()) or not re.fullmatch(r"[a-z0-9 ~.*]+", p):
                raise ValueError(f"phrase {p!r}: lower-case words, ~, . and word* only")
            if p.split()[0] in ("~", "."):
                raise ValueError(f"phrase {p!r} must start with a word")
        return v


class Pair(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    families: tuple[Family, Family]
    factor: float = Field(gt=0, le=1.5)


class SignalsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    settings: Settings
    families: dict[Family, tuple[Tier, ...]]
    pairs: tuple[Pair, ...]
    guards: tuple[str | list[str], ...]

    @model_validator(mode="after")
    def _compiles(self) -> SignalsFile:
        for g in self.guards:
            try:
                re.compile(_joined(g))
            except re.error as e:
                raise ValueError(f"guard does not compile: {e}") from e
        return self


def _joined(p: str | list[str]) -> str:
    return p if isinstance(p, str) else "".join(p)


def _phrase(p: str) -> str:
    out = []
    for word in p.split():
        if word == "~":
            out.append(r"(?:\w+ ){0,3}?")
        elif word == ".":
            out.append(r"(?:\. |$)")
        elif word.endswith("*"):
            out.append(re.escape(word[:-1]) + r"\w* ")
        else:
            out.append(re.escape(word) + " ")
    return "".join(out)


def _prefix(p: str) -> str:
    words = []
    for word in p.split():
        if word in ("~", ".") or word.endswith("*"):
            break
        words.append(word)
    return " ".join(words) + " " if words else ""


@dataclass(frozen=True, slots=True)
class _Phrase:
    family: str
    weight: float
    prefix: str  # the plain words it starts with, checked before the pattern (much cheaper)
    pattern: re.Pattern[str]  # tried only where its first word starts


@dataclass(frozen=True)
class Table:
    """The loaded data: phrases indexed by their first words (and by stem for ``word*``)."""

    settings: Settings
    pairs: dict[tuple[str, str], float]
    guard: re.Pattern[str]
    by_words: dict[str, list[_Phrase]]
    by_stem: dict[str, list[_Phrase]]
    stem_lengths: tuple[int, ...]
    guards_digest: str


@lru_cache(maxsize=1)
def table(path: Path = DATA) -> Table:
    raw = path.read_text(encoding="utf-8")
    data = SignalsFile.model_validate(json.loads(raw))
    by_words: dict[str, list[_Phrase]] = {}
    by_stem: dict[str, list[_Phrase]] = {}
    for family, tiers in data.families.items():
        for tier in tiers:
            for p in tier.phrases:
                first = p.split()[0]
                prefix = _prefix(p)
                phrase = _Phrase(family, tier.weight, prefix, re.compile(_phrase(p)))
                if first.endswith("*"):
                    by_stem.setdefault(first[:-1], []).append(phrase)
                else:
                    by_words.setdefault(" ".join(prefix.split()[:2]), []).append(phrase)
    guards = [_joined(g) for g in data.guards]
    # Starts with a plain space (not a look-behind) so the regex engine can skip to spaces.
    guard = re.compile(r" (?:" + "|".join(guards) + r")(?= )")
    return Table(
        settings=data.settings,
        pairs={p.families: p.factor for p in data.pairs},
        guard=guard,
        by_words=by_words,
        by_stem=by_stem,
        stem_lengths=tuple(sorted({len(s) for s in by_stem})),
        guards_digest=hashlib.sha256("\n".join(guards).encode()).hexdigest()[:12],
    )


@lru_cache(maxsize=16384)
def _candidates(word: str, following: str) -> tuple[_Phrase, ...]:
    """The phrases that could start at this word, given the word after it."""
    t = table()
    found = list(t.by_words.get(word, ()))
    found += t.by_words.get(word + " " + following, ())
    for n in t.stem_lengths:
        if n > len(word):
            break
        found += t.by_stem.get(word[:n], ())
    return tuple(found)


# Families that count in pairs and in the extra-family bonus, and those that can be enough on
# their own (drinking, secrecy, a scar or "again" never are).
_DISTRESS = tuple(f for f in FAMILIES if f not in (NEUTRAL, RETURN, SH_SIGN, SECRECY))
_ALONE = (DEATH, WISH, MEANS, PREPARE, BURDEN, HOPELESS, SH_ACT, ATTEMPT)
# Families where several different phrases together mean more than one (a letter, a will and
# the passwords); wishing and drinking words are too common for that.
_ADDS_UP = (DEATH, MEANS, PREPARE, BURDEN, HOPELESS, ATTEMPT)

Found = dict[str, dict[tuple[int, int], float]]  # family -> {(start, end) of a phrase: weight}


def guarded(norm: str) -> str:
    """Everyday phrases replaced by a filler that no phrase matches ("cut my hair" -> "#")."""
    return table().guard.sub(" #", norm)


def signals(norm: str) -> list[Found]:
    """For each sentence of normalised text, where each family's phrases were found."""
    text = guarded(norm)
    starts = [0] + [m.end() - 1 for m in SENTENCE.finditer(text)]
    found: list[Found] = [{} for _ in starts]
    pos = 0
    words = text.split(" ")
    for i, word in enumerate(words):
        start, pos = pos, pos + len(word) + 1
        for phrase in _candidates(word, words[i + 1] if i + 1 < len(words) else ""):
            if not text.startswith(phrase.prefix, start):
                continue
            m = phrase.pattern.match(text, start)
            if m is None:
                continue
            hits = found[bisect_right(starts, start) - 1].setdefault(phrase.family, {})
            hits[m.span()] = max(hits.get(m.span(), 0.0), phrase.weight)
    return found


def _separate(spans: list[tuple[int, int]]) -> int:
    """How many of these spans do not overlap one another (counted left to right)."""
    count, end = 0, -1
    for start, stop in sorted(spans):
        if start >= end:
            count, end = count + 1, stop
    return count


def strengths(found: Found) -> dict[str, float]:
    """Each family's strength: its strongest phrase, plus a little for each other strong one."""
    s = table().settings
    out = {}
    for family, hits in found.items():
        strong = _separate([span for span, w in hits.items() if w >= s.strong])
        bonus = s.distinct_bonus * max(0, strong - 1) if family in _ADDS_UP else 0.0
        out[family] = min(1.0, max(hits.values()) + bonus)
    return out


def window_score(fams: dict[str, float]) -> tuple[float, tuple[str, ...]]:
    """The score of one window's family strengths, and the families that earned it."""
    t = table()
    best = 0.0
    why: tuple[str, ...] = ()
    for family in _ALONE:
        if fams.get(family, 0.0) > best:
            best, why = fams[family], (family,)
    for (a, b), factor in t.pairs.items():
        if a in fams and b in fams:
            s = (fams[a] + fams[b]) * factor
            if s > best:
                best, why = s, (a, b)
    distress = sum(1 for f in _DISTRESS if f in fams)
    if distress > 2:
        best += t.settings.extra_family_bonus * (distress - 2)
    if NEUTRAL in fams:
        best -= t.settings.neutral_penalty * fams[NEUTRAL]
    return best, why


def score(norm: str) -> tuple[float, tuple[str, ...]]:
    """The highest window score in normalised text, and the families behind it."""
    s = table().settings
    per_sentence = signals(norm)
    best: tuple[float, tuple[str, ...]] = (0.0, ())
    for i in range(len(per_sentence)):
        window: Found = {}
        for sentence in per_sentence[i : i + s.window]:
            for family, hits in sentence.items():
                window.setdefault(family, {}).update(hits)
        if not window:
            continue
        fams = strengths(window)
        top = sorted((w for f, w in fams.items() if f != NEUTRAL), reverse=True)
        if sum(top[:2]) + s.extra_family_bonus * max(0, len(top) - 2) < max(s.threshold, best[0]):
            continue  # cannot win: pairs never add more than both strengths
        result = window_score(fams)
        if result[0] > best[0]:
            best = result
    return best


def threshold() -> float:
    return table().settings.threshold
