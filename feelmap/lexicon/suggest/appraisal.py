"""Appraisal features: what a plain account of an event says about how it was appraised.

People who cannot name a feeling often tell what happened instead ("my manager read my report
out to the team and laughed"). Appraisal theory says which feeling such an event tends to bring:
who caused it (the writer, someone else, circumstance), whether a goal was helped or blocked,
how certain the outcome is, whether something was lost, whether a norm was broken and by whom,
whether the writer was seen by others, whether something was contaminating or morally
revolting, whether there was danger, and whether there was a reunion, success or gift.

Each feature is a pure function of the tokens (``Tokens``) returning an ``Appraisal`` value;
``appraise`` runs them all and ``family_scores`` turns the result into family evidence. The
phrase lists live in data/appraisal.json, validated here with pydantic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from feelmap.lib.text import stem

from .cues import CLAUSE_END, Pattern, PhraseMatcher, _parse_phrase
from .text import Token, negation_mask, tokenize

DATA = Path(__file__).parent / "data" / "appraisal.json"

Weights = dict[str, float]


class AppraisalLexicon(BaseModel):
    """data/appraisal.json: one phrase table per feature; weights in (0, 5]."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    format_note: str = Field(alias="_format")
    violation: Weights
    mishap: Weights
    seen: Weights
    contamination: Weights
    revulsion: Weights
    threat: Weights
    uncertain: Weights
    loss: Weights
    blocked: Weights
    success: Weights
    reunion: Weights
    gift: Weights

    @field_validator("*", mode="after")
    @classmethod
    def _check_table(cls, value: object) -> object:
        if isinstance(value, dict):
            if not value:
                raise ValueError("a feature needs at least one phrase")
            for phrase, weight in value.items():
                if not phrase.strip() or phrase.strip().startswith("..."):
                    raise ValueError(f"bad phrase {phrase!r}")
                if not 0 < weight <= 5:
                    raise ValueError(f"weight of {phrase!r} must be in (0, 5]")
        return value


FEATURES: tuple[str, ...] = (
    "violation", "mishap", "seen", "contamination", "revulsion", "threat", "uncertain", "loss",
    "blocked", "success", "reunion", "gift",
)


class Agent(StrEnum):
    """Who caused what happened."""

    SELF = "self"
    OTHER = "other"
    CIRCUMSTANCE = "circumstance"


@dataclass(frozen=True, slots=True)
class Cue:
    """One phrase found in the text: the feature it speaks for, its weight and its words."""

    feature: str
    weight: float
    form: str  # the text as written
    agent: Agent = Agent.CIRCUMSTANCE


@dataclass(frozen=True, slots=True)
class Tokens:
    """A text cut into tokens with stems and negation, computed once for every feature."""

    text: str
    tokens: tuple[Token, ...]
    toks: tuple[str, ...]
    stems: tuple[str, ...]
    negated: tuple[bool, ...]

    @classmethod
    def of(cls, text: object) -> Tokens:
        original = text if isinstance(text, str) else ("" if text is None else str(text))
        tokens = tuple(tokenize(original))
        toks = tuple(t.text for t in tokens)
        return cls(original, tokens, toks, tuple(stem(t) for t in toks),
                   tuple(negation_mask(list(toks), set())))


@dataclass(frozen=True, slots=True)
class Appraisal:
    """Strength of each appraisal in a text (0 = absent) and the phrases behind them."""

    goal: float = 0.0  # > 0 a goal was helped, < 0 blocked
    certainty: float = 1.0  # 1 = settled; lower = the outcome is still open
    agent: Agent = Agent.CIRCUMSTANCE
    self_violation: float = 0.0  # the writer broke a norm (guilt)
    other_violation: float = 0.0  # someone else broke a norm (anger)
    self_mishap: float = 0.0  # the writer slipped, failed or fumbled
    seen: float = 0.0  # others saw or judged it (shame, embarrassment)
    contamination: float = 0.0  # something dirty, rotten, bodily (disgust)
    revulsion: float = 0.0  # a morally revolting act (disgust)
    threat: float = 0.0  # danger to the writer or someone close (fear)
    loss: float = 0.0  # someone or something gone (sadness)
    success: float = 0.0
    reunion: float = 0.0
    gift: float = 0.0
    cues: tuple[Cue, ...] = field(default_factory=tuple)
    event: bool = False  # the text tells of something that happened (past tense, "when ...")


@lru_cache(maxsize=1)
def load_lexicon(path: Path | None = None) -> AppraisalLexicon:
    return AppraisalLexicon.model_validate(json.loads((path or DATA).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _matcher() -> PhraseMatcher:
    lex = load_lexicon()
    patterns = []
    for feature in FEATURES:
        for phrase, weight in getattr(lex, feature).items():
            parts, _ = _parse_phrase(phrase)
            if parts:
                patterns.append(Pattern(parts, feature, float(weight)))
    return PhraseMatcher(patterns)


# --- who did it ------------------------------------------------------------------------------

SELF_WORDS = frozenset({"i", "we", "im", "ive", "id"})
# Words that may stand between a doer and the act ("I had been lying", "she kept interrupting").
BETWEEN = frozenset({
    "had", "have", "has", "been", "was", "were", "is", "are", "be", "did", "do", "does", "not",
    "never", "also", "just", "then", "always", "again", "even", "still", "once", "caught", "kept",
    "started", "tried", "to", "got", "accidentally", "nearly", "almost", "would", "could",
    "should", "really", "completely", "totally", "suddenly", "often", "sometimes", "openly",
    "very", "so", "quite", "too", "rather", "extremely", "incredibly",
    "later", "deliberately", "secretly", "simply", "actually", "all", "both", "wanted",
})
PASSIVE_AUX = frozenset({"was", "were", "been", "being", "got", "get", "is", "am", "are"})
CLAUSE_BREAK = CLAUSE_END | frozenset({",", ":", "when", "because", "while", "after", "before",
                                       "and", "that", "who", "if", "until", "so"})


def _looks_past_participle(tok: str) -> bool:
    return tok.endswith(("ed", "en")) or tok in {
        "hit", "told", "made", "caught", "left", "beaten", "thrown", "shown", "kept", "read",
        "cut", "put", "hurt", "treated", "taught", "bitten", "stolen", "spat", "sold"}


OTHER_WORDS = frozenset({
    "he", "she", "they", "someone", "somebody", "people", "everyone", "everybody", "nobody",
    "you", "man", "woman", "men", "women", "boy", "girl", "others",
})
DETERMINERS = frozenset({"my", "his", "her", "the", "a", "an", "our", "their", "your", "this",
                         "that", "some", "one", "two", "s"})
PREPOSITIONS = frozenset({"on", "in", "at", "for", "with", "to", "from", "about", "by", "of",
                          "into", "onto", "over", "under", "after", "before", "without"})
LEADING = frozenset({"when", "then", "once", "after", "before", "the", "day", "time", "one",
                     "last", "year", "week", "night", "morning", "evening", "yesterday",
                     "today", "so", "and", "but", "because", "while", "also"})


def _clause_start(t: Tokens, i: int) -> int:
    k = i - 1
    while k >= 0 and t.toks[k] not in CLAUSE_BREAK:
        k -= 1
    return k + 1


def agent_of(t: Tokens, i: int) -> Agent:
    """Who did the act that starts at token ``i``: the writer (``I lied``, ``I was caught
    stealing``, ``I sang out of tune``), someone else (``my brother lied``, ``I was
    insulted``), or nobody named (circumstance).

    First the words right before the act (past auxiliaries and adverbs): a pronoun or a noun
    after a determiner there is the doer; otherwise the subject that opens the clause."""
    k = i - 1
    passive = False
    while k >= 0 and t.toks[k] in BETWEEN:
        if t.toks[k] in PASSIVE_AUX and _looks_past_participle(t.toks[i]):
            passive = True
        k -= 1
    if k >= 0 and t.toks[k] not in CLAUSE_BREAK:
        tok = t.toks[k]
        if tok in SELF_WORDS:
            return Agent.OTHER if passive else Agent.SELF
        if tok in OTHER_WORDS or (tok not in DETERMINERS and tok not in PREPOSITIONS and (
                (k >= 1 and t.toks[k - 1] in DETERMINERS)
                or (k >= 2 and t.toks[k - 2] in DETERMINERS and t.toks[k - 1] not in SELF_WORDS))):
            return Agent.OTHER
    start = _clause_start(t, i)
    while start < i and t.toks[start] in LEADING:
        start += 1
    if start >= i:
        return Agent.CIRCUMSTANCE
    first = t.toks[start]
    if first in SELF_WORDS:
        return Agent.OTHER if passive else Agent.SELF
    if first in OTHER_WORDS or first in DETERMINERS:
        return Agent.OTHER
    return Agent.CIRCUMSTANCE


# --- the features: each a pure function of the tokens ---------------------------------------

def find_cues(t: Tokens) -> list[Cue]:
    """Every appraisal phrase in the text, negated ones left out, with the doer of acts."""
    out: list[Cue] = []
    for p, i, j in _matcher().raw_matches(list(t.toks), list(t.stems)):
        if t.negated[i] and p.family not in {"violation", "mishap", "blocked"}:
            continue  # "nobody was hurt", "not dangerous": the appraisal is denied
        form = t.text[t.tokens[i].start:t.tokens[j - 1].end]
        agent = agent_of(t, i) if p.family in {"violation", "mishap"} else Agent.CIRCUMSTANCE
        out.append(Cue(p.family, p.weight, form, agent))
    return out


def _sum(cues: list[Cue], feature: str, agent: Agent | None = None, cap: float = 4.0) -> float:
    total = sum(c.weight for c in cues if c.feature == feature and (agent is None or c.agent == agent))
    return min(total, cap)


def norm_violation(cues: list[Cue]) -> tuple[float, float]:
    """(by the writer, by someone else): a rule or a person's due broken. Guilt vs anger."""
    self_v = _sum(cues, "violation", Agent.SELF)
    # someone else's slip that lands on the writer ("my husband forgot to pick him up") is
    # blamed like a broken rule
    other_v = _sum(cues, "violation", Agent.OTHER) + 0.7 * _sum(cues, "mishap", Agent.OTHER)
    unnamed = _sum(cues, "violation", Agent.CIRCUMSTANCE)
    return self_v, min(other_v + 0.7 * unnamed, 4.0)


def self_mishap(cues: list[Cue]) -> float:
    """The writer slipped or fumbled ("I forgot the words", "I fell over")."""
    return _sum(cues, "mishap", Agent.SELF) + 0.5 * _sum(cues, "mishap", Agent.CIRCUMSTANCE)


def being_seen(cues: list[Cue]) -> float:
    """Others saw, judged or found out ("in front of the whole class", "read my name out")."""
    return _sum(cues, "seen")


def contamination(cues: list[Cue]) -> float:
    """Something rotten, dirty or bodily came close ("a hair in my soup", "maggots")."""
    return _sum(cues, "contamination")


def moral_revulsion(cues: list[Cue]) -> float:
    """A degrading or abusive act seen or heard about ("abused children", "racist jokes")."""
    return _sum(cues, "revulsion")


def threat(cues: list[Cue]) -> float:
    """Danger to the writer or someone close ("a man with a knife", "the car skidded")."""
    return _sum(cues, "threat")


def certainty(cues: list[Cue]) -> float:
    """1 when the outcome is settled, lower while it is still open ("waiting for the results")."""
    return max(0.0, 1.0 - _sum(cues, "uncertain") / 4.0)


def loss(cues: list[Cue]) -> float:
    """Someone or something is gone for good ("passed away", "moved to another country")."""
    return _sum(cues, "loss")


def goal(cues: list[Cue]) -> float:
    """> 0 when a goal was helped (passed, won, came home), < 0 when blocked (failed, refused)."""
    helped = min(_sum(cues, "success") + _sum(cues, "reunion") + _sum(cues, "gift"), 4.0)
    return helped - _sum(cues, "blocked")


def agency(cues: list[Cue]) -> Agent:
    """Who caused what happened, as far as the acts in the text tell."""
    self_w = sum(c.weight for c in cues if c.agent == Agent.SELF)
    other_w = sum(c.weight for c in cues if c.agent == Agent.OTHER)
    if self_w == other_w == 0:
        return Agent.CIRCUMSTANCE
    return Agent.SELF if self_w >= other_w else Agent.OTHER


def appraise(text: object) -> Appraisal:
    t = text if isinstance(text, Tokens) else Tokens.of(text)
    cues = find_cues(t)
    if not cues:
        return Appraisal()
    self_v, other_v = norm_violation(cues)
    return Appraisal(
        goal=goal(cues), certainty=certainty(cues), agent=agency(cues),
        self_violation=self_v, other_violation=other_v, self_mishap=self_mishap(cues),
        seen=being_seen(cues), contamination=contamination(cues),
        revulsion=moral_revulsion(cues), threat=threat(cues), loss=loss(cues),
        success=_sum(cues, "success"), reunion=_sum(cues, "reunion"), gift=_sum(cues, "gift"),
        cues=tuple(cues), event=is_event_account(t),
    )


# --- is it an account of something that happened? -----------------------------------------

PAST_WORDS = frozenset({
    "was", "were", "had", "did", "got", "went", "came", "saw", "told", "found", "said", "left",
    "took", "made", "gave", "lost", "fell", "broke", "ran", "stole", "met", "heard", "felt",
    "knew", "thought", "bought", "sent", "held", "kept", "won", "began", "became", "brought",
    "caught", "drove", "ate", "drank", "forgot", "hid", "hit", "hurt", "let", "put", "read",
    "sat", "shot", "spat", "spent", "stood", "threw", "woke", "wore", "wrote", "yesterday",
    "ago", "when", "once",
})


def is_event_account(t: Tokens) -> bool:
    """True when the text tells of something that happened: past tense or a 'when ...' frame.
    Appraisals are read from such accounts; comments and present-tense musings use them less."""
    return any(tok in PAST_WORDS or (len(tok) > 4 and tok.endswith("ed")) for tok in t.toks)


# --- from appraisals to feeling families -----------------------------------------------------

def family_scores(a: Appraisal) -> dict[str, float]:
    """Evidence per family from the appraisals; only families the appraisals speak to appear
    (a negative value speaks against a family: one's own wrong is not a reason for anger)."""
    blocked = max(0.0, -a.goal) if a.goal < 0 else 0.0
    helped = max(0.0, a.goal)
    out = {
        "joy": helped * (1.0 if a.loss < 2 else 0.4),
        "fear": a.threat + 2.0 * (1.0 - a.certainty),
        "sadness": a.loss + (0.6 * blocked if a.agent != Agent.OTHER else 0.2 * blocked),
        "anger": a.other_violation + (0.5 * blocked if a.agent == Agent.OTHER else 0.0),
        "disgust": a.contamination + a.revulsion,
        "shame": (a.self_violation + a.self_mishap) * (1.0 + 0.3 * min(a.seen, 3.0))
        + (0.4 * a.seen if a.agent == Agent.SELF else 0.0),
    }
    if a.revulsion:
        out["anger"] += 0.3 * a.revulsion
    if a.self_violation > a.other_violation:
        # the writer's own wrong: guilt rather than anger, whatever words such as "rude" say
        out["shame"] += 0.5 * a.self_violation
        out["anger"] -= 0.6 * (a.self_violation - a.other_violation)
    return {f: v for f, v in out.items() if v != 0}


def family_cues(a: Appraisal) -> dict[str, list[tuple[float, str]]]:
    """For each family, the phrases (weight, as written) that spoke for it: for the reason."""
    feeds: dict[str, tuple[str, ...]] = {
        "joy": ("success", "reunion", "gift"), "fear": ("threat", "uncertain"),
        "sadness": ("loss", "blocked"), "disgust": ("contamination", "revulsion"),
    }
    out: dict[str, list[tuple[float, str]]] = {}
    for c in a.cues:
        fams = [f for f, feats in feeds.items() if c.feature in feats]
        if c.feature == "violation":
            fams = ["shame"] if c.agent == Agent.SELF else ["anger"]
        elif c.feature == "mishap" or (c.feature == "seen" and a.agent == Agent.SELF):
            fams = ["shame"]
        for f in fams:
            out.setdefault(f, []).append((c.weight, c.form))
    return out
