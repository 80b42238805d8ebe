"""Phrase matching: cue lexicons with negation and intensity, and the vague-word table."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .text import FAMILIES, NEGATORS, PLEASANT, Token, intensity_at, negation_mask

DATA = Path(__file__).parent / "data"
FAMILY_SET = frozenset(FAMILIES)
CONTRAST = frozenset({"but", "however", "although", "though", "yet", "now"})


@dataclass(frozen=True, slots=True)
class Pattern:
    parts: tuple[str, ...]  # "cry*" = prefix
    family: str
    weight: float
    word: str | None = None
    has_negator: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    pattern: Pattern
    i: int  # first token
    j: int  # one past the last token
    start: int  # character offsets in the original text
    end: int
    negated: bool
    intensity: float

    @property
    def weight(self) -> float:
        return self.pattern.weight * self.intensity


def _part_ok(part: str, tok: str) -> bool:
    if part.endswith("*"):
        return tok.startswith(part[:-1])
    return tok == part


class PhraseMatcher:
    """Finds phrases (token patterns) quickly: indexed by exact first token or 3-char stem."""

    def __init__(self, patterns: list[Pattern]):
        self.exact: dict[str, list[Pattern]] = {}
        self.stem: dict[str, list[Pattern]] = {}
        for p in patterns:
            first = p.parts[0]
            if first.endswith("*"):
                self.stem.setdefault(first[:3], []).append(p)
            else:
                self.exact.setdefault(first, []).append(p)

    def candidates(self, tok: str) -> list[Pattern]:
        out = self.exact.get(tok, [])
        more = self.stem.get(tok[:3])
        if more:
            out = out + [p for p in more if tok.startswith(p.parts[0][:-1])]
        return out

    def raw_matches(self, toks: list[str]) -> list[tuple[Pattern, int, int]]:
        found: list[tuple[Pattern, int, int]] = []
        n = len(toks)
        for i, tok in enumerate(toks):
            for p in self.candidates(tok):
                k = len(p.parts)
                if i + k > n:
                    continue
                if all(_part_ok(p.parts[m], toks[i + m]) for m in range(1, k)):
                    found.append((p, i, i + k))
        # Longest spans win; identical spans may carry several families.
        found.sort(key=lambda x: (-(x[2] - x[1]), x[1]))
        taken: dict[int, tuple[int, int]] = {}
        kept: list[tuple[Pattern, int, int]] = []
        for p, i, j in found:
            clash = [taken[t] for t in range(i, j) if t in taken]
            if clash and any(c != (i, j) for c in clash):
                continue
            for t in range(i, j):
                taken[t] = (i, j)
            kept.append((p, i, j))
        kept.sort(key=lambda x: x[1])
        return kept


def _parse_phrase(phrase: str) -> tuple[tuple[str, ...], str | None]:
    word = None
    if "=>" in phrase:
        phrase, word = phrase.split("=>", 1)
        word = word.strip()
    parts = tuple(phrase.replace("'", "").replace("’", "").lower().split())
    if not parts and phrase.strip():
        parts = (phrase.strip(),)
    return parts, word


def load_cue_patterns(path: Path | None = None) -> list[Pattern]:
    raw = json.loads((path or DATA / "cues.json").read_text(encoding="utf-8"))
    out: list[Pattern] = []
    for family, table in raw.items():
        if family.startswith("_"):
            continue
        for phrase, weight in table.items():
            parts, word = _parse_phrase(phrase)
            if not parts:
                continue
            has_neg = len(parts) > 1 and any(p.rstrip("*") in NEGATORS for p in parts)
            out.append(Pattern(parts, family, float(weight), word, has_neg))
    return out


def find_hits(matcher: PhraseMatcher, tokens: list[Token]) -> list[Hit]:
    toks = [t.text for t in tokens]
    raw = matcher.raw_matches(toks)
    protected: set[int] = set()
    for p, i, j in raw:
        if p.has_negator or (len(p.parts) > 1 and p.parts[0] in NEGATORS):
            protected.update(range(i, j))
    mask = negation_mask(toks, protected)
    # "I was worried but now I'm relieved": what comes after a contrast counts more.
    pivot = max((k for k, t in enumerate(toks) if t in CONTRAST), default=-1)
    hits = []
    for p, i, j in raw:
        negated = mask[i] and i not in protected
        factor = intensity_at(toks, i)
        if pivot >= 0:
            factor *= 1.25 if i > pivot else 0.8
        hits.append(Hit(p, i, j, tokens[i].start, tokens[j - 1].end, negated, factor))
    return hits


def family_evidence(hits: list[Hit]) -> dict[str, float]:
    """Sum cue weights per family; a negated cue counts against its family."""
    score: dict[str, float] = {}
    for h in hits:
        f = h.pattern.family
        if f not in FAMILY_SET:
            continue
        w = h.weight
        if h.negated:
            score[f] = score.get(f, 0.0) - 0.6 * w
            if f in PLEASANT:  # "not happy" leans low
                score["sadness"] = score.get("sadness", 0.0) + 0.35 * w
                score["numb"] = score.get("numb", 0.0) + 0.15 * w
            else:  # "not scared" leans settled
                score["calm"] = score.get("calm", 0.0) + 0.15 * w
        else:
            score[f] = score.get(f, 0.0) + w
    return score


# --- vague words -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VagueWord:
    word: str
    start: int
    end: int
    alternatives: list[str]
    question: str

    def as_dict(self) -> dict[str, object]:
        return {
            "word": self.word,
            "start": self.start,
            "end": self.end,
            "alternatives": list(self.alternatives),
            "question": self.question,
        }


FEELING_CONTEXT = frozenset(
    {"feel", "feels", "feeling", "felt", "am", "im", "was", "been", "be", "so", "just", "bit",
     "kinda", "pretty", "quite", "really", "very", "little", "of", "seem", "seems", "a", "all",
     "totally", "super", "too", "getting", "got", "get", "still", "mostly", "kind", "sort",
     "it", "thats", "its", "day", "today", "is", "being", "are", "were"}
)


class VagueTable:
    def __init__(self, path: Path | None = None):
        raw = json.loads((path or DATA / "vague.json").read_text(encoding="utf-8"))
        self.entries: dict[str, dict[str, object]] = {}
        patterns = []
        for phrase, entry in raw.items():
            if phrase.startswith("_"):
                continue
            parts, _ = _parse_phrase(phrase)
            self.entries[" ".join(parts)] = entry
            patterns.append(Pattern(parts, "vague", 1.0))
        self.matcher = PhraseMatcher(patterns)

    def find(self, tokens: list[Token], text: str) -> list[VagueWord]:
        toks = [t.text for t in tokens]
        out: list[VagueWord] = []
        for p, i, j in self.matcher.raw_matches(toks):
            entry = self.entries[" ".join(p.parts)]
            if entry.get("context") and not (i > 0 and toks[i - 1] in FEELING_CONTEXT):
                continue
            start, end = tokens[i].start, tokens[j - 1].end
            alts = [str(a) for a in entry.get("alternatives", [])]  # type: ignore[union-attr]
            out.append(VagueWord(text[start:end], start, end, alts, str(entry["question"])))
        return out
