"""Gentle checks on what a person plans to say: pure typed functions over plain text.

Each check returns `Finding`s: what it noticed, where, a short explanation in plain words, and
(where it helps) a few words to try instead. Nothing here judges the person; a finding is an
idea to consider, and the person's text is never changed.

- `find_vague`: broad words ("bad", "off") with more precise ones from the lexicon's vague
  table, ordered by what the suggestion engine reads in the whole text.
- `find_blame`: "you always", "you make me feel", "it's your fault".
- `find_thoughts`: "I feel that you …", "I feel like nobody …": a thought said as a feeling.
- `find_intensity`: "a bit devastated", "extremely content", or a rating that does not match.
- `find_missing`: no feeling, no need or no request, when the goal calls for one.
- `classify`: what kind of answer this is, for the role-play's branching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from feelmap.lexicon.suggest import find_emotion_words, suggest, vague_alternatives

from .rules import Rule, fold, load_rules

Kind = Literal[
    "vague", "blame", "thought", "intensity", "missing-feeling", "missing-need", "missing-request"
]
Category = Literal["blame", "request", "feeling", "unclear"]
CATEGORIES: tuple[Category, ...] = ("feeling", "blame", "request", "unclear")
MAX_ALTERNATIVES = 5


@dataclass(frozen=True)
class Finding:
    kind: Kind
    message: str
    phrase: str = ""
    start: int = -1
    end: int = -1
    suggestions: tuple[str, ...] = ()

    @property
    def shows_phrase(self) -> bool:
        """Whether a page should quote the phrase before the message (not when the message
        already quotes it)."""
        return bool(self.phrase) and f"“{self.phrase.lower()}”" not in self.message.lower()

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "message": self.message,
            "phrase": self.phrase,
            "start": self.start,
            "end": self.end,
            "suggestions": list(self.suggestions),
        }


@dataclass(frozen=True)
class Review:
    """Everything the checks say about one text, plus what already works."""

    findings: tuple[Finding, ...]
    feelings: tuple[str, ...] = ()
    unsure: bool = False
    has_need: bool = False
    has_request: bool = False
    category: Category = "unclear"
    strengths: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        return {
            "findings": [f.as_dict() for f in self.findings],
            "feelings": list(self.feelings),
            "unsure": self.unsure,
            "has_need": self.has_need,
            "has_request": self.has_request,
            "category": self.category,
            "strengths": list(self.strengths),
        }


# --- small helpers ------------------------------------------------------------------------


def _rule_findings(kind: Kind, rules: tuple[Rule, ...], text: str) -> list[Finding]:
    folded = fold(text)
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for rule in rules:
        for m in rule.regex.finditer(folded):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(Finding(kind, rule.message, text[m.start():m.end()], m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


def _any(rules: tuple[Rule, ...], text: str) -> bool:
    folded = fold(text)
    return any(rule.regex.search(folded) for rule in rules)


@lru_cache(maxsize=1)
def _modifier_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    rules = load_rules()

    def ending_with(words: tuple[str, ...]) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return re.compile(rf"(?:^|[^\w'])({alternatives})\s+$", re.IGNORECASE)

    return ending_with(rules.softeners), ending_with(rules.intensifiers)


def _modifier_before(text: str, start: int) -> tuple[str, str]:
    """("soft" | "strong" | "", the modifier as written) just before position `start`."""
    softener, intensifier = _modifier_patterns()
    before = fold(text[max(0, start - 40):start])
    if m := softener.search(before):
        return "soft", m.group(1)
    if m := intensifier.search(before):
        return "strong", m.group(1)
    return "", ""


def named_feelings(text: str) -> list[str]:
    """Feeling words the text names (not negated: "not angry" names no anger), in order."""
    seen: list[str] = []
    for match in find_emotion_words(text):
        if not match.negated and match.word not in seen:
            seen.append(match.word)
    return seen


def is_unsure(text: str) -> bool:
    """True when the text says honestly that the feeling is not clear yet."""
    return _any(load_rules().unsure, text)


def has_need(text: str) -> bool:
    return _any(load_rules().need, text)


def has_request(text: str) -> bool:
    return _any(load_rules().request, text)


# --- the checks -----------------------------------------------------------------------------


def find_vague(text: str) -> list[Finding]:
    """Broad feeling words, each with a few more precise ones to try."""
    vague = vague_alternatives(text)
    if not vague:
        return []
    ranked = [s.word for s in suggest(text, top=12)]

    def rank(word: str) -> int:
        return ranked.index(word) if word in ranked else len(ranked)

    unsure = [(m.start(), m.end()) for rule in load_rules().unsure
              for m in rule.regex.finditer(fold(text))]
    found = []
    for v in vague:
        if any(v.start < e and s < v.end for s, e in unsure):
            continue  # "I don't know what I feel yet" is an honest answer, not a vague one
        alternatives = sorted(v.alternatives, key=rank)[:MAX_ALTERNATIVES]
        message = (
            f"“{text[v.start:v.end]}” can mean many different things, so the other person has "
            f"to guess. {v.question}"
        )
        found.append(Finding("vague", message, text[v.start:v.end], v.start, v.end,
                             tuple(alternatives)))
    return found


def find_blame(text: str) -> list[Finding]:
    return _rule_findings("blame", load_rules().blame, text)


def find_thoughts(text: str) -> list[Finding]:
    return _rule_findings("thought", load_rules().thought, text)


def find_intensity(text: str, rating: int | None = None) -> list[Finding]:
    """Words and modifiers that pull in different directions, or a rating (0-10) that does
    not fit the words chosen."""
    rules = load_rules()
    strong, mild = set(rules.strong), set(rules.mild)
    found: list[Finding] = []
    plain_strong: list[str] = []
    gentle_only = True
    matches = [m for m in find_emotion_words(text) if not m.negated]
    for m in matches:
        modifier, written = _modifier_before(text, m.start)
        start = m.start - len(written) - 1 if written else m.start
        phrase = text[max(start, 0):m.end]
        if modifier == "soft" and m.word in strong:
            found.append(Finding(
                "intensity",
                f"“{written}” makes it small, while “{m.form}” is one of the strongest words "
                "there is. Which is closer? If it is a milder feeling, a milder word says it "
                "more exactly; if it is strong, you can let it be strong.",
                phrase, max(start, 0), m.end, rules.milder.get(m.word, ())))
        elif modifier == "strong" and m.word in mild:
            found.append(Finding(
                "intensity",
                f"“{m.form}” is a gentle word, and “{written}” turns it up. That can be just "
                "right; if the feeling is big, a stronger word may carry it better.",
                phrase, max(start, 0), m.end, rules.stronger.get(m.word, ())))
        if m.word in strong and modifier != "soft":
            plain_strong.append(m.form)
        if not (m.word in mild or modifier == "soft"):
            gentle_only = False
    if rating is not None and matches:
        if rating >= 8 and gentle_only:
            words = [m.word for m in matches]
            found.append(Finding(
                "intensity",
                f"You rated the feeling {rating} out of 10, and the words you chose are gentle "
                "ones. If it really is that strong, a stronger word lets the other person know.",
                suggestions=tuple(s for w in words for s in rules.stronger.get(w, ()))[:5]))
        elif rating <= 3 and plain_strong:
            words = [m.word for m in matches if m.form in plain_strong]
            found.append(Finding(
                "intensity",
                f"You rated the feeling {rating} out of 10, and “{plain_strong[0]}” is a very "
                "strong word. Is it milder than the word says, or stronger than the rating?",
                suggestions=tuple(s for w in words for s in rules.milder.get(w, ()))[:5]))
    return found


def find_missing(text: str, *, wants_feeling: bool = True, wants_need: bool = True,
                 wants_request: bool = True) -> list[Finding]:
    """What the goal calls for and the text does not have yet."""
    found: list[Finding] = []
    if wants_feeling and not named_feelings(text) and not is_unsure(text):
        found.append(Finding(
            "missing-feeling",
            "There is no feeling word in this yet. Even a rough one (“tense”, “low”, “a bit "
            "hurt”) helps, and so does “I'm not sure what I feel yet”."))
    if wants_need and not has_need(text):
        found.append(Finding(
            "missing-need",
            "What do you need or value here? “Because I need …” or “It matters to me that …” "
            "helps the other person understand why this matters."))
    if wants_request and not has_request(text):
        found.append(Finding(
            "missing-request",
            "There is no request yet. A small, clear one (“Would you …?”) gives the other "
            "person something they can actually do."))
    return found


def classify(text: str) -> Category:
    """What kind of answer this is, for the other person's reply: blaming comes first (it is
    what the other person hears first), then a request, then a named feeling."""
    if find_blame(text):
        return "blame"
    if has_request(text):
        return "request"
    if named_feelings(text) or is_unsure(text):
        return "feeling"
    return "unclear"


def review(text: str, *, rating: int | None = None, wants_feeling: bool = True,
           wants_need: bool = True, wants_request: bool = True) -> Review:
    """All checks on one text, in reading order, with what already works."""
    feelings = tuple(named_feelings(text))
    unsure = is_unsure(text)
    need, request = has_need(text), has_request(text)
    findings = [
        *find_blame(text), *find_thoughts(text), *find_vague(text),
        *find_intensity(text, rating),
    ]
    findings.sort(key=lambda f: (f.start < 0, f.start))
    findings += find_missing(text, wants_feeling=wants_feeling, wants_need=wants_need,
                             wants_request=wants_request)
    strengths: list[str] = []
    if feelings:
        strengths.append("You named " + _and(feelings) + ".")
    elif unsure:
        strengths.append("You said honestly that you are not sure yet. That is a real answer.")
    if need:
        strengths.append("You said what matters to you.")
    if request:
        strengths.append("You asked for something the other person can do.")
    return Review(tuple(findings), feelings, unsure, need, request, classify(text),
                  tuple(strengths))


def _and(words: tuple[str, ...]) -> str:
    quoted = [f"“{w}”" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
