"""Suggest emotion words from what a person wrote, felt in the body, and chose before.

Pure functions, no Django. Public API::

    engine = get_engine()
    engine.suggest(text, sensations=[("chest", "tightness")], affect=(-2, 3), history=[...])
    engine.suggest_many(texts, top=5)
    find_emotion_words(text)   # emotion words written in the text, with inflections
    vague_alternatives(text)   # "bad", "off", "stressed" ... with more precise words
"""

from __future__ import annotations

import threading

from .cues import VagueWord
from .engine import MAX_FAMILY_BIAS, Contrast, Engine, Match, Params, Suggestion, SuggestResult
from .text import FAMILIES

__all__ = [
    "FAMILIES",
    "MAX_FAMILY_BIAS",
    "Contrast",
    "Engine",
    "Match",
    "Params",
    "SuggestResult",
    "Suggestion",
    "VagueWord",
    "find_emotion_words",
    "get_engine",
    "suggest",
    "vague_alternatives",
]

_engine: Engine | None = None
_lock = threading.Lock()


def get_engine() -> Engine:
    """The shared engine, loaded once per process."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                _engine = Engine()
    return _engine


def suggest(text: object = "", *, sensations: object = (), affect: object = None,
            history: object = (), top: int = 5, family_bias: object = None) -> list[Suggestion]:
    """`Engine.suggest` on the shared engine."""
    return get_engine().suggest(text, sensations=sensations, affect=affect, history=history,
                                top=top, family_bias=family_bias)


def find_emotion_words(text: object) -> list[Match]:
    return get_engine().find_emotion_words(text)


def vague_alternatives(text: object) -> list[VagueWord]:
    return get_engine().vague_alternatives(text)
