"""Normalisation shared by every layer of the detector (and the learned model).

Unicode NFKC, case folding, accents removed, all apostrophes (straight or curly) removed so
"don't", "don’t" and "dont" are the same, emoji and punctuation turned into spaces (sentence
ends become a " . " token; "..." is a pause, not an end), letters repeated three or more times
shortened ("diiiie" is checked as "diie" and as "die"), and spaced-out letters joined ("d i e"
is also checked as "die").
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"['\u2018\u2019\u201b\u02bc\u02b9\u0060\u00b4\u2032]")
_ELLIPSIS = re.compile(r"\.{2,}")  # a pause, not a sentence end: "I don't... want to"
_SENTENCE_END = re.compile(r"[.!?;\n\r]+")
_NON_ALNUM = re.compile(r"[^a-z0-9.]+")
_DOTS = re.compile(r"(?:\s*\.\s*)+")
_LONG_RUN = re.compile(r"(.)\1{2,}")
_SPACED = re.compile(r"(?<= )(?:[a-z] ){3,}")
SENTENCE = re.compile(r" \. ")


def normalise(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; sentence ends become " . "."""
    t = unicodedata.normalize("NFKC", text).casefold()
    t = _APOSTROPHES.sub("", t)
    t = unicodedata.normalize("NFKD", t)
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    t = _ELLIPSIS.sub(" ", t)
    t = _SENTENCE_END.sub(" . ", t)
    t = _NON_ALNUM.sub(" ", t)
    t = _DOTS.sub(" . ", t)
    return " " + " ".join(t.split()) + " "


def _join_spaced(m: re.Match[str]) -> str:
    return m.group(0).replace(" ", "") + " "


def variants(norm: str) -> list[str]:
    """The text as written, plus forms with long letter runs and spaced letters undone."""
    out = [norm]
    if _LONG_RUN.search(norm):
        out += [_LONG_RUN.sub(r"\1\1", norm), _LONG_RUN.sub(r"\1", norm)]
    if _SPACED.search(norm):
        out.append(_SPACED.sub(_join_spaced, norm))
    return out


def sentences(norm: str) -> list[str]:
    """Normalised text cut at sentence ends, each piece in the " word word " form."""
    return [" " + " ".join(s.split()) + " " for s in SENTENCE.split(norm) if s.strip()]
