"""The engine's view of the emotion vocabulary (feelmap/lexicon/data/vocabulary.json).

Read only. If the vocabulary file is missing, a minimal built-in list of family words is used
so the engine still works.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .body import canon_quality, canon_region
from .text import FAMILIES, normalise

VOCAB_PATH = Path(__file__).resolve().parent.parent / "data" / "vocabulary.json"

# family -> (word, pleasantness, energy); used only when the vocabulary file is absent.
_FALLBACK = {
    "joy": ("happy", 4, 2), "calm": ("calm", 3, -3), "love": ("loving", 4, 1),
    "interest": ("curious", 2, 2), "surprise": ("surprised", 0, 4), "sadness": ("sad", -3, -2),
    "fear": ("afraid", -4, 3), "anger": ("angry", -4, 4), "disgust": ("disgusted", -4, 1),
    "shame": ("ashamed", -4, -1), "numb": ("numb", -1, -4),
}
# Rough family centres on the affect grid (pleasantness, energy) when words lack coordinates.
FAMILY_CENTRES = {
    "joy": (3.5, 2.5), "calm": (3.0, -3.0), "love": (3.5, 0.5), "interest": (2.0, 2.0),
    "surprise": (0.5, 3.5), "sadness": (-3.5, -2.5), "fear": (-3.5, 3.0),
    "anger": (-3.5, 3.5), "disgust": (-3.5, 1.0), "shame": (-3.0, -0.5), "numb": (-1.0, -4.0),
}


@dataclass
class Word:
    word: str
    family: str
    pleasantness: float
    energy: float
    level: int
    sensations: list[tuple[str | None, str | None]] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)


def _num(v: object, default: float) -> float:
    if not isinstance(v, int | float | str):  # what JSON holds; null and the rest: the default
        return default
    try:
        return float(v)
    except ValueError:
        return default


def _entries(raw: object) -> list[dict[str, Any]]:
    if isinstance(raw, dict):
        for key in ("words", "vocabulary", "entries"):
            if isinstance(raw.get(key), list):
                return [e for e in raw[key] if isinstance(e, dict)]
        out = []
        for k, v in raw.items():
            if isinstance(v, dict) and not str(k).startswith("_"):
                out.append({"word": k, **v})
        return out
    if isinstance(raw, list):
        return [e for e in raw if isinstance(e, dict)]
    return []


def load_words(path: Path | None = None) -> list[Word]:
    path = path or VOCAB_PATH
    words: list[Word] = []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raw = None
    for e in _entries(raw):
        name = str(e.get("word") or e.get("name") or "").strip().lower()
        fam = str(e.get("family") or "").strip().lower()
        if not name or fam not in FAMILIES:
            continue
        centre = FAMILY_CENTRES[fam]
        sens = []
        for s in e.get("sensations") or []:
            if isinstance(s, dict):
                sens.append((canon_region(s.get("region")), canon_quality(s.get("quality"))))
            elif isinstance(s, list | tuple) and len(s) == 2:
                sens.append((canon_region(s[0]), canon_quality(s[1])))
        forms = [normalise(f).strip() for f in (e.get("forms") or []) if isinstance(f, str)]
        words.append(
            Word(
                name,
                fam,
                _num(e.get("pleasantness"), centre[0]),
                _num(e.get("energy"), centre[1]),
                int(_num(e.get("level"), 2)),
                sens,
                sorted({name, *[f for f in forms if f]}),
            )
        )
    present = {w.family for w in words}
    for fam, (name, p, en) in _FALLBACK.items():
        if fam not in present:
            words.append(Word(name, fam, p, en, 1, [], [name]))
    return words
