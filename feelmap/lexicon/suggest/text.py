"""Tokenising, negation scope and intensity for the suggestion engine.

Everything here is plain Python so the offline trainer and the engine see exactly the same
tokens and features.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

FAMILIES: tuple[str, ...] = (
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


# Irregular forms a suffix stripper cannot reach; mapped to the stem of their base form so
# "hid" matches "hide", "felt" matches "feel" and "ran" matches "run".
IRREGULAR: dict[str, str] = {
    "hid": "hide", "hidden": "hide", "felt": "feel", "ate": "eat", "eaten": "eat", "went": "go",
    "gone": "go", "kept": "keep", "ran": "run", "sat": "sit", "lay": "lie", "lain": "lie",
    "threw": "throw", "thrown": "throw", "froze": "freeze", "frozen": "freeze", "shook": "shake",
    "shaken": "shake", "broke": "break", "broken": "break", "fell": "fall", "fallen": "fall",
    "told": "tell", "said": "say", "saw": "see", "seen": "see", "knew": "know", "known": "know",
    "took": "take", "taken": "take", "gave": "give", "given": "give", "lost": "lose",
    "left": "leave", "made": "make", "thought": "think", "caught": "catch", "held": "hold",
    "hung": "hang", "forgot": "forget", "forgotten": "forget", "swore": "swear",
    "bitten": "bite", "stuck": "stick", "woke": "wake", "woken": "wake", "drove": "drive",
    "driven": "drive", "fought": "fight", "wept": "weep", "sank": "sink", "sunk": "sink",
    "shrank": "shrink", "shrunk": "shrink", "spat": "spit", "stank": "stink", "stunk": "stink",
    "slept": "sleep", "spoke": "speak", "spoken": "speak", "drank": "drink", "drunk": "drink",
    "heard": "hear", "met": "meet", "sent": "send", "spent": "spend", "stood": "stand",
    "understood": "understand", "won": "win", "wrote": "write", "written": "write",
    "hurt": "hurt", "brought": "bring", "bought": "buy", "began": "begin", "begun": "begin",
    "blew": "blow", "blown": "blow", "grew": "grow", "grown": "grow", "did": "do", "done": "do",
    "was": "be", "were": "be", "been": "be", "is": "be", "am": "be", "are": "be",
    "had": "have", "has": "have", "got": "get", "gotten": "get", "came": "come", "led": "lead",
    "found": "find", "slid": "slide", "struck": "strike",
    "flung": "fling", "clung": "cling", "crept": "creep", "leapt": "leap", "dreamt": "dream",
    "meant": "mean", "burnt": "burn", "learnt": "learn", "spilt": "spill", "shot": "shoot",
    "children": "child", "feet": "foot", "teeth": "tooth", "men": "man", "women": "woman",
    "people": "person", "mice": "mouse",
}
_STEMS: dict[str, str] = {}
# (suffix, replacement), longest first; a suffix is only taken off if 3+ letters remain.
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("liness", ""), ("iness", "i"), ("ingly", ""), ("ness", ""), ("ment", ""), ("edly", ""), ("iest", "i"),
    ("ing", ""), ("ies", "i"), ("ied", "i"), ("ier", "i"), ("ed", ""), ("ly", ""), ("s", ""),
)
_VOWELS = frozenset("aeiouy")
_KEEP_DOUBLE = frozenset("lsz")


def _strip(w: str) -> str:
    """A small suffix stripper: the same stem for a word's inflections and close derivations
    ("absorbing", "absorbed" -> "absorb"; "happy", "happier", "happiness" -> "happi").
    Only consistency matters: cue phrases and text go through the same function."""
    for suf, rep in _SUFFIXES:
        if w.endswith(suf):
            base = w[: len(w) - len(suf)]
            if len(base) < 3 or not _VOWELS.intersection(base):
                continue
            if suf == "s" and (base.endswith(("s", "u", "i"))):
                break
            w = base + rep
            if suf in ("ing", "ed", "edly", "ingly") and len(w) > 3 and w[-1] == w[-2] and (
                    w[-1] not in _VOWELS and w[-1] not in _KEEP_DOUBLE):
                w = w[:-1]  # grinning -> grin
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]  # hide/hiding -> hid, excite/excited -> excit
    if len(w) > 2 and w.endswith("y"):
        w = w[:-1] + "i"  # worry/worried -> worri
    return w


def stem(tok: str) -> str:
    """A word's stem for matching ("absorbing", "absorbed" -> "absorb"); cached per word."""
    s = _STEMS.get(tok)
    if s is None:
        if tok in IRREGULAR:
            s = _strip(IRREGULAR[tok])
        elif len(tok) <= 3 or not tok.isalpha():
            s = tok[:-1] + "i" if len(tok) == 3 and tok[-1] == "y" and tok.isalpha() else tok
        else:
            s = _strip(tok)
        if len(_STEMS) < 200_000:
            _STEMS[tok] = s
    return s


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
