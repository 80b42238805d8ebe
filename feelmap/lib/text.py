"""Text processing shared by the suggestion engine and the safety risk model: one stemmer.

Both the suggestion engine (``feelmap.lexicon.suggest``) and the safety detector's learned
model (``feelmap.safety.model``) stem words with :func:`stem`. The risk model was trained on
these stems, so changing the stemmer shifts its features: bump :data:`STEMMER_VERSION` when
you change anything here. The model stores the version (and a fingerprint of the stems of
:data:`PROBE_WORDS`) it was trained with and refuses to load when either differs
(``tools/train_risk.py`` retrains it).
"""

from __future__ import annotations

import hashlib

STEMMER_VERSION = "suffix-1"

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


# Words whose stems make the fingerprint: inflections the stemmer treats in every way it can.
PROBE_WORDS: tuple[str, ...] = (
    "absorbing", "absorbed", "happiness", "happier", "loneliness", "grinning", "hiding",
    "worried", "cries", "tried", "told", "bought", "wanted", "wanting", "tablets", "pills",
    "goodbyes", "ending", "killed", "hopelessness", "burdens", "sleeping", "jumped", "cutting",
    "scratched", "disappeared", "existing", "counted", "stockpiled", "hurts", "was", "i", "it",
    "ok", "day", "fly", "boss", "gas", "bus", "kindly", "excitedly", "quietly", "beautiful",
)


def stemmer_fingerprint() -> str:
    """The version plus a short hash of the stems of :data:`PROBE_WORDS`."""
    stems = " ".join(stem(w) for w in PROBE_WORDS)
    return f"{STEMMER_VERSION}:{hashlib.sha256(stems.encode()).hexdigest()[:12]}"
