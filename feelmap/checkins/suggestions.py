"""Glue to the suggestion engine: words from the body map, the affect grid and the note."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.utils import timezone

from feelmap.lexicon.suggest import get_engine

from .contrast import MAX_ANSWERS, Answer, family_bias
from .models import ContrastAnswer

MAX_NOTE_FOR_SUGGESTIONS = 5000


def _affect(pleasantness: Any, energy: Any) -> tuple[float, float] | None:
    try:
        p, e = float(pleasantness), float(energy)
    except (TypeError, ValueError):
        return None
    if math.isnan(p) or math.isnan(e):
        return None
    return max(-5.0, min(5.0, p)), max(-5.0, min(5.0, e))


def bias_for(owner: Any, *, now: datetime | None = None) -> dict[str, float]:
    """This person's family bias from their recent contrast answers ({} for nobody)."""
    if owner is None or not getattr(owner, "is_authenticated", False):
        return {}
    now = now or timezone.now()
    rows = (ContrastAnswer.objects.filter(owner=owner).order_by("-created_at")
            .values_list("family_a", "family_b", "chosen", "created_at")[:MAX_ANSWERS])
    return family_bias(
        Answer(a, b, chosen or None, (now - at).total_seconds() / 86400.0)
        for a, b, chosen, at in rows)


def suggest_words(*, sensations: list[dict[str, Any]], pleasantness: Any = None,
                  energy: Any = None, note: str = "", top: int = 6) -> list[dict[str, str]]:
    """Up to `top` words with a plain reason each; an empty list when there is nothing to go on."""
    return suggest_panel(sensations=sensations, pleasantness=pleasantness, energy=energy,
                         note=note, top=top)["suggestions"]


def suggest_panel(*, sensations: list[dict[str, Any]], pleasantness: Any = None,
                  energy: Any = None, note: str = "", top: int = 6,
                  bias: Mapping[str, float] | None = None) -> dict[str, Any]:
    """{"suggestions": [...], "contrast": {...} or None}: words, and a question when two
    families are close ("More like X, or more like Y?"). `bias` is the person's family bias."""
    marks = []
    for s in sensations[:60]:
        given = s.get("intensity")
        try:
            intensity = int(given) if given is not None and given != "" else 5
        except (TypeError, ValueError):
            intensity = 5
        marks.append((s.get("region"), s.get("quality"), intensity))
    found = get_engine().suggest_with_contrast(
        (note or "")[:MAX_NOTE_FOR_SUGGESTIONS], sensations=marks,
        affect=_affect(pleasantness, energy), top=top, family_bias=dict(bias or {}),
    )
    return {
        "suggestions": [{"word": s.word, "family": s.family, "why": s.why}
                        for s in found.suggestions],
        "contrast": found.contrast.as_dict() if found.contrast and found.suggestions else None,
    }
