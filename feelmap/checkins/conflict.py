"""Two versions of one check-in, side by side, for the page that lets a person choose which to
keep when another tab or device saved it first (see `feelmap.lib.versions`).

Every part a person can change on the edit page has a line, so a difference in any of them
(a rating, where they were, how sure they were of a word) can be seen, and the lines that are
not the same on both sides say so in words, not by colour alone.

Both sides are in the shape of `serialize.checkin_to_dict`: the stored check-in, and what this
page would store (`as_values` of the validated `CheckInData`), so a word typed as "Sad" and
stored as "sad", or 2 and 2.0, never look different.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format

from feelmap.lexicon.body import load_body_catalogue

from .choices import label_for
from .validation import CheckInData

NONE = "(none)"


@dataclass(frozen=True)
class Line:
    """One part of the check-in: its name, its value on each side, and whether they differ."""

    name: str
    mine: str
    saved: str

    @property
    def differs(self) -> bool:
        return self.mine != self.saved


def as_values(data: CheckInData) -> dict[str, Any]:
    """What this page would store, in the shape of `serialize.checkin_to_dict`."""
    return {
        "occurred_at": data.occurred_at,
        "pleasantness": data.pleasantness,
        "energy": data.energy,
        "not_sure": data.not_sure,
        "sensations": [{"region": s.region, "quality": s.quality, "intensity": s.intensity,
                        "side": s.side} for s in data.sensations],
        "labels": [{"word": lab.text, "own": lab.is_own, "intensity": lab.intensity,
                    "confidence": lab.confidence} for lab in data.labels],
        "ratings": dict(data.ratings),
        **{name: getattr(data, name) for name in (
            "doing", "doing_own", "with_whom", "with_whom_own", "where", "where_own",
            "trigger", "need", "note")},
    }


def _text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value).strip()


def _when(value: Any) -> str:
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "D j M Y, H:i")
    return _text(value) or "(the time it was saved)"


def _words(labels: list[dict[str, Any]]) -> str:
    parts = []
    for label in labels:
        word = _text(label.get("word"))
        if not word:
            continue
        details = []
        if label.get("own"):
            details.append("your own word")
        if _text(label.get("intensity")):
            details.append(f"strength {_text(label.get('intensity'))} of 10")
        if _text(label.get("confidence")):
            details.append(f"{_text(label.get('confidence'))}% sure")
        parts.append(f"{word} ({', '.join(details)})" if details else word)
    return "; ".join(parts) or NONE


def _grid(values: dict[str, Any]) -> str:
    if values.get("not_sure"):
        return "not sure"
    pleasant, energy = _text(values.get("pleasantness")), _text(values.get("energy"))
    if not pleasant and not energy:
        return NONE
    return f"pleasantness {pleasant or '?'}, energy {energy or '?'} (each −5 to 5)"


def _body(sensations: list[dict[str, Any]]) -> str:
    body = load_body_catalogue()
    parts = []
    for mark in sensations:
        region = _text(mark.get("region"))
        name = body.region(region).label if body.has_region(region) else region
        text = f"{name}: {_text(mark.get('quality'))}"
        if _text(mark.get("intensity")):
            text += f", {_text(mark.get('intensity'))} of 10"
        if _text(mark.get("side")):
            text += f" ({_text(mark.get('side'))})"
        parts.append(text)
    return "; ".join(parts) or NONE


def _ratings(ratings: dict[str, Any]) -> str:
    return ", ".join(f"{emotion} {_text(value)}" for emotion, value in sorted(ratings.items())
                     if _text(value)) or NONE


def _context(values: dict[str, Any], field: str) -> str:
    chosen, own = _text(values.get(field)), _text(values.get(f"{field}_own"))
    shown = label_for(field, chosen) if chosen else ""
    return " ".join(part for part in (shown, own) if part) or NONE


def describe(values: dict[str, Any]) -> list[tuple[str, str]]:
    """Every part of a check-in as (name, plain text)."""
    return [
        ("When", _when(values.get("occurred_at"))),
        ("Feeling words", _words(values.get("labels") or [])),
        ("Where on the grid", _grid(values)),
        ("In the body", _body(values.get("sensations") or [])),
        ("Ratings (0–6)", _ratings(values.get("ratings") or {})),
        ("Doing", _context(values, "doing")),
        ("With", _context(values, "with_whom")),
        ("Where", _context(values, "where")),
        ("What happened", _text(values.get("trigger")) or NONE),
        ("What you needed", _text(values.get("need")) or NONE),
        ("Note", _text(values.get("note")) or NONE),
    ]


def compare(mine: dict[str, Any], saved: dict[str, Any]) -> list[Line]:
    """Both versions, line by line, in the order of `describe`."""
    return [Line(name, left, right)
            for (name, left), (_same, right) in zip(describe(mine), describe(saved), strict=True)]
