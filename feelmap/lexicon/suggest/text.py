"""Tokenising, negation scope and intensity for the suggestion engine.

Everything here is plain Python so the offline trainer and the engine see exactly the same
tokens and features.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from feelmap.lexicon.families import FAMILY_KEYS
from feelmap.lib.text import stem

FAMILIES = FAMILY_KEYS
PLEASANT = frozenset({"joy", "calm", "love", "interest"})

# Bounded work: texts are cut to this many characters and tokens before any analysis.
MAX_CHARS = 20_000
MAX_TOKENS = 600

_TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[^\w\s]", re.UNICODE)
_SKIP_CHARS = {"\ufe0f", "\ufe0e", "\u200d"}

NEGATORS = frozenset(
    {
        "not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "without",
        "hardly", "barely", "cannot", "cant", "dont", "didnt", "doesnt", "isnt", "wasnt",
        "arent", "werent", "wont", "wouldnt", "couldnt", "shouldnt", "havent", "hasnt",
        "aint", "nope", "lack",
    }
)
# A negation stops at punctuation, at a contrast word, or after this many content words
# (function words such as "I", "was", "that" do not count: "I don't think I was angry").
NEG_WINDOW = 3
SCOPE_BREAKERS = frozenset(
    {".", ",", ";", ":", "!", "?", "but", "though", "although", "however", "yet", "and", "so",
     "because", "just", "except"}
)
CONTINUERS = frozenset({"stop", "help", "stopped"})
# "not at all", "not even a bit": make the negation stronger, never flip it back.
NEG_STRENGTHENERS = frozenset({"at", "all", "even", "really", "that", "too", "very", "so"})

INTENSIFIERS: dict[str, float] = {
    "very": 1.5, "really": 1.4, "so": 1.4, "extremely": 1.8, "super": 1.5, "totally": 1.5,
    "completely": 1.6, "incredibly": 1.7, "deeply": 1.6, "utterly": 1.7, "absolutely": 1.6,
    "terribly": 1.6, "awfully": 1.5, "insanely": 1.6, "too": 1.3, "quite": 1.2, "truly": 1.4,
    "massively": 1.6, "seriously": 1.3, "fucking": 1.5, "damn": 1.3, "overwhelmingly": 1.8,
    "most": 1.3, "such": 1.3, "always": 1.2, "constantly": 1.3,
}
DIMINISHERS: dict[str, float] = {
    "bit": 0.6, "little": 0.6, "slightly": 0.55, "somewhat": 0.65, "kinda": 0.65,
    "sorta": 0.65, "mildly": 0.55, "tad": 0.55, "fairly": 0.8, "almost": 0.7, "maybe": 0.7,
    "partly": 0.7, "faintly": 0.5, "vaguely": 0.6,
}
DIMINISHER_PHRASES: dict[tuple[str, str], float] = {
    ("kind", "of"): 0.65, ("sort", "of"): 0.65, ("a", "bit"): 0.6, ("a", "little"): 0.6,
    ("a", "tad"): 0.55,
}


def normalise(text: object) -> str:
    """Return lower-case text with curly quotes folded, cut to MAX_CHARS. Never raises."""
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    text = text[:MAX_CHARS]
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    text = "".join(ch for ch in text if ch not in _SKIP_CHARS)
    return unicodedata.normalize("NFC", text).lower()


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # normalised form used for matching ("don't" -> "dont")
    start: int
    end: int


def tokenize(text: object, limit: int = MAX_TOKENS) -> list[Token]:
    """Split normalised text into word, punctuation and emoji tokens with character offsets."""
    norm = normalise(text)
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(norm):
        tok = m.group(0).replace("'", "")
        if not tok:
            continue
        out.append(Token(tok, m.start(), m.end()))
        if len(out) >= limit:
            break
    return out


def words(text: object, limit: int = MAX_TOKENS) -> list[str]:
    return [t.text for t in tokenize(text, limit)]


def negation_mask(toks: list[str], protected: set[int] | None = None) -> list[bool]:
    """True for tokens inside the scope of a preceding negator.

    ``protected`` holds indexes of tokens that are part of a matched phrase that already
    includes its negation ("can't sit still", "feel nothing"); they neither negate nor
    get negated.
    """
    protected = protected or set()
    mask = [False] * len(toks)
    remaining = 0
    for i, tok in enumerate(toks):
        if i in protected:
            remaining = 0
            continue
        if tok in SCOPE_BREAKERS and not (remaining and tok == "so"):
            remaining = 0
            continue
        if tok in NEGATORS or tok.endswith("nt") and tok[:-2] in {
            "don", "can", "won", "isn", "wasn", "aren", "weren", "didn", "doesn", "couldn",
            "wouldn", "shouldn", "haven", "hasn", "ain", "mustn", "needn",
        }:
            # "can't stop laughing", "couldn't help smiling": the feeling goes on
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            remaining = 0 if nxt in CONTINUERS else NEG_WINDOW
            continue
        if remaining:
            mask[i] = True
            if tok not in NEG_STRENGTHENERS and tok not in _SCOPE_FREE:
                remaining -= 1
    return mask


def intensity_at(toks: list[str], i: int) -> float:
    """Multiplier from intensity words in the two tokens before position ``i``."""
    factor = 1.0
    for j in (i - 1, i - 2):
        if j < 0:
            break
        w = toks[j]
        if w in INTENSIFIERS:
            factor *= INTENSIFIERS[w]
        elif w in DIMINISHERS:
            factor *= DIMINISHERS[w]
        elif j >= 1 and (toks[j - 1], w) in DIMINISHER_PHRASES:
            factor *= DIMINISHER_PHRASES[(toks[j - 1], w)]
        elif w in {"feel", "feeling", "felt", "am", "im", "was", "is", "so", "been", "get",
                   "getting", "got", "i", "me", "it"}:
            continue
        else:
            break
    return max(0.3, min(factor, 2.5))


STOPWORDS = frozenset(
    "a an the and or of to in on at for with is are was were be been being am im i me my "
    "mine you your it its this that these those he she they them his her their we us our "
    "do does did have has had will would can could should just so as by from up out about "
    "into over then than there here what which who whom when where why how all any some "
    "if because while very really too also s t ll re ve d m".split()
)


_SCOPE_FREE = frozenset(
    "i im me my you it its a an the to of was were is are am be been being have has had do "
    "did feel felt feeling think thought say said get got".split()
)


def model_features(text: object, limit: int = MAX_TOKENS) -> list[str]:
    """Features for the linear model: stems and stem pairs, negated ones prefixed with '!'.

    Stems make one feature of "worried", "worry" and "worrying", which helps most on short,
    unseen text.
    """
    return features_of(words(text, limit))


def features_of(toks: list[str]) -> list[str]:
    """model_features() for text already split into tokens."""
    neg = negation_mask(toks)
    feats: list[str] = []
    prev: str | None = None
    for tok, is_neg in zip(toks, neg, strict=True):
        if not tok.isalnum() and len(tok) == 1 and tok not in "!?":
            # emoji or symbol: keep as a feature, reset bigram context
            if not unicodedata.category(tok).startswith("P"):
                feats.append(tok)
            prev = None
            continue
        st = stem(tok)
        feats.append(("!" + st) if is_neg else st)
        if prev is not None:
            feats.append(prev + " " + st)
        prev = st
    return feats
