"""Phrase matching: cue lexicons with negation and intensity, and the vague-word table."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from feelmap.lib.text import stem

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


GAP = "..."  # in a phrase: up to GAP_MAX other tokens of the same clause
GAP_MAX = 3
CLAUSE_END = frozenset({".", "!", "?", ";", "but"})


def _compile(part: str) -> tuple[int, str]:
    """(kind, key): 0 = same stem as a word, 1 = starts with a prefix ("cry*"), 2 = gap."""
    if part == GAP:
        return 2, ""
    if part.endswith("*") and len(part) > 1:
        return 1, part[:-1]
    return 0, stem(part)


_Compiled = tuple[Pattern, tuple[tuple[int, str], ...], frozenset[str]]


class PhraseMatcher:
    """Finds phrases (token patterns) quickly.

    Words match on their stems, so a phrase written once counts for every inflection
    ("hide ... report" matches "hid my report card"); a part ending in ``*`` matches any
    word starting with it; ``...`` allows a few other words of the same clause in between.
    Patterns are indexed by the stem of their first part or the first three letters of a
    prefix part.
    """

    def __init__(self, patterns: list[Pattern]):
        self.exact: dict[str, list[_Compiled]] = {}
        self.stem: dict[str, list[_Compiled]] = {}
        for p in patterns:
            parts = tuple(_compile(x) for x in p.parts)
            while parts and parts[-1][0] == 2:
                parts = parts[:-1]
            if not parts or parts[0][0] == 2:
                continue
            kind, key = parts[0]
            # words the text must contain for the pattern to match: a cheap first filter
            need = frozenset(k for kd, k in parts[1:] if kd == 0)
            if kind == 1:
                self.stem.setdefault(key[:3], []).append((p, parts, need))
            else:
                self.exact.setdefault(key, []).append((p, parts, need))

    def candidates(self, tok: str, st: str) -> list[_Compiled]:
        out = self.exact.get(st, [])
        if tok != st and tok in self.exact:
            out = out + self.exact[tok]
        more = self.stem.get(tok[:3])
        if more:
            out = out + [c for c in more if tok.startswith(c[1][0][1])]
        return out

    @staticmethod
    def _match(parts: tuple[tuple[int, str], ...], toks: list[str], stems: list[str],
               i: int) -> list[int] | None:
        """Positions of the matched words when ``parts`` match from token ``i``, else None."""
        pos: list[int] = []
        k = i
        n = len(toks)
        gap = 0
        for kind, key in parts:
            if kind == 2:
                gap = GAP_MAX
                continue
            found = -1
            for m in range(k, min(n, k + gap + 1)):
                t = toks[m]
                if (stems[m] == key or t == key) if kind == 0 else t.startswith(key):
                    found = m
                    break
                if t in CLAUSE_END:
                    break
            if found < 0:
                return None
            pos.append(found)
            k = found + 1
            gap = 0
        return pos

    def raw_matches(self, toks: list[str],
                    stems: list[str] | None = None) -> list[tuple[Pattern, int, int]]:
        stems = stems if stems is not None else [stem(t) for t in toks]
        present = set(stems)
        present.update(toks)
        found: list[tuple[Pattern, int, int, list[int]]] = []
        for i, tok in enumerate(toks):
            for p, parts, need in self.candidates(tok, stems[i]):
                if len(parts) == 1:
                    pos: list[int] | None = [i]
                elif need and not need <= present:
                    continue
                else:
                    pos = self._match(parts, toks, stems, i)
                if pos is not None:
                    found.append((p, i, pos[-1] + 1, pos))
        # Most matched words win, then the tightest span, then the heavier phrase; identical
        # spans may carry several families. A gappy phrase only claims the words it matched.
        found.sort(key=lambda x: (-len(x[3]), x[2] - x[1], -x[0].weight, x[1]))
        taken: dict[int, tuple[int, int]] = {}
        kept: list[tuple[Pattern, int, int]] = []
        seen: set[tuple[int, int, str]] = set()
        for p, i, j, pos in found:
            clash = [taken[t] for t in pos if t in taken]
            if clash and any(c != (i, j) for c in clash):
                continue
            if (i, j, p.family) in seen:  # "cried" matches both "cry" and "cried": count once
                continue
            seen.add((i, j, p.family))
            for t in pos:
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


def _add(out: list[Pattern], family: str, table: dict[str, Any]) -> None:
    for phrase, weight in table.items():
        if isinstance(weight, dict):  # a named schema inside a family
            _add(out, family, weight)
            continue
        parts, word = _parse_phrase(phrase)
        if not parts:
            continue
        has_neg = len(parts) > 1 and any(p.rstrip("*") in NEGATORS for p in parts)
        out.append(Pattern(parts, family, float(weight), word, has_neg))


def load_cue_patterns(path: Path | None = None) -> list[Pattern]:
    """Cue phrases: feeling words and phrases (cues.json) and situation schemas
    (situations.json), or only the given file."""
    out: list[Pattern] = []
    for p in [path] if path else [DATA / "cues.json", DATA / "situations.json"]:
        raw = json.loads(p.read_text(encoding="utf-8"))
        for family, table in raw.items():
            if not family.startswith("_"):
                _add(out, family, table)
    return out


class TogetherMatcher:
    """Situations told in many ways: a word of class A, then a word of class B, in the same
    sentence ("hair ... soup", "face ... scarlet"). Each rule counts once per text."""

    def __init__(self, rules: list[tuple[list[str], list[str], str, float, bool]]):
        self.rules = []
        for a, b, family, weight, replace in rules:
            pat = Pattern(("...",), family, float(weight))
            self.rules.append((_word_class(a), _word_class(b), pat, replace))

    def hits(self, tokens: list[Token], stems: list[str]) -> tuple[list[Hit], set[int]]:
        """Hits, and the positions of words whose other cues a replacing rule overrides."""
        toks = [t.text for t in tokens]
        out: list[Hit] = []
        claimed: set[int] = set()
        present = set(stems)
        present.update(toks)
        ends = [k for k, t in enumerate(toks) if t in {".", "!", "?", ";"}] + [len(toks)]
        for (a_exact, a_pre), (b_exact, b_pre), pat, replace in self.rules:
            if not ((a_exact & present or a_pre) and (b_exact & present or b_pre)):
                continue
            start = 0
            for end in ends:
                i = _first(toks, stems, a_exact, a_pre, start, end)
                j = _first(toks, stems, b_exact, b_pre, i + 1, end) if i >= 0 else -1
                if j >= 0:
                    out.append(Hit(pat, i, j + 1, tokens[i].start, tokens[j].end, False, 1.0))
                    if replace:
                        claimed.update((i, j))
                    break
                start = end + 1
        return out, claimed


def _word_class(words: list[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    exact = frozenset(stem(w) for w in words if not w.endswith("*"))
    return exact, tuple(w[:-1] for w in words if w.endswith("*"))


def _first(toks: list[str], stems: list[str], exact: frozenset[str], pre: tuple[str, ...],
           lo: int, hi: int) -> int:
    for k in range(lo, hi):
        if stems[k] in exact or toks[k] in exact or (pre and toks[k].startswith(pre)):
            return k
    return -1


def load_together(path: Path | None = None) -> TogetherMatcher:
    raw = json.loads((path or DATA / "situations.json").read_text(encoding="utf-8"))
    rules: list[tuple[list[str], list[str], str, float, bool]] = []
    for family, table in raw.get("_together", {}).items():
        if family in FAMILY_SET:
            rules.extend((r[0], r[1], family, r[2], len(r) > 3 and bool(r[3])) for r in table)
    return TogetherMatcher(rules)


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
            given = entry.get("alternatives", [])
            alts = [str(a) for a in given] if isinstance(given, list) else []
            out.append(VagueWord(text[start:end], start, end, alts, str(entry["question"])))
        return out
