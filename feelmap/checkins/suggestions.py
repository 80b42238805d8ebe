"""Glue to the suggestion engine: words from the body map, the affect grid and the note."""

from __future__ import annotations

import math
from typing import Any

from feelmap.lexicon.suggest import get_engine

MAX_NOTE_FOR_SUGGESTIONS = 5000


def _affect(pleasantness: Any, energy: Any) -> tuple[float, float] | None:
    try:
        p, e = float(pleasantness), float(energy)
    except (TypeError, ValueError):
        return None
    if math.isnan(p) or math.isnan(e):
        return None
    return max(-5.0, min(5.0, p)), max(-5.0, min(5.0, e))


def suggest_words(*, sensations: list[dict[str, Any]], pleasantness: Any = None,
                  energy: Any = None, note: str = "", top: int = 6) -> list[dict[str, str]]:
    """Up to `top` words with a plain reason each; an empty list when there is nothing to go on."""
    marks = []
    for s in sensations[:60]:
        given = s.get("intensity")
        try:
            intensity = int(given) if given is not None and given != "" else 5
        except (TypeError, ValueError):
            intensity = 5
        marks.append((s.get("region"), s.get("quality"), intensity))
    found = get_engine().suggest(
        (note or "")[:MAX_NOTE_FOR_SUGGESTIONS], sensations=marks,
        affect=_affect(pleasantness, energy), top=top,
    )
    return [{"word": s.word, "family": s.family, "why": s.why} for s in found]
