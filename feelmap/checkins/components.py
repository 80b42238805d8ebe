"""Context for the reusable check-in pieces (body map, affect grid, naming). Pure Python.

Templates `checkins/_bodymap.html`, `_affectgrid.html` and `_naming.html` render what these
functions return; the ES modules in static/checkins/ enhance them. Any page can include them:
they submit ordinary form fields, read back with `forms.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from feelmap.lexicon.body import load_body_catalogue
from feelmap.lexicon.vocabulary import Quadrant, Word, load_vocabulary, quadrant_of

# Shapes per region on a 200 x 420 figure: ("e", cx, cy, rx, ry) or ("r", x, y, w, h).
# Later regions are drawn over earlier ones, so the eyes sit on top of the head.
SHAPES: dict[str, tuple[tuple, ...]] = {
    "head": (("e", 100, 42, 30, 36),),
    "eyes": (("r", 79, 32, 42, 11),),
    "face": (("e", 84, 54, 9, 7), ("e", 116, 54, 9, 7)),
    "jaw": (("e", 100, 67, 15, 8),),
    "throat": (("r", 89, 79, 22, 15),),
    "shoulders": (("r", 50, 95, 40, 17), ("r", 110, 95, 40, 17)),
    "chest": (("r", 70, 113, 60, 50),),
    "stomach": (("r", 72, 165, 56, 34),),
    "belly": (("r", 72, 201, 56, 38),),
    "arms": (("r", 42, 114, 24, 112), ("r", 134, 114, 24, 112)),
    "hands": (("e", 54, 242, 13, 17), ("e", 146, 242, 13, 17)),
    "legs": (("r", 72, 241, 27, 142), ("r", 101, 241, 27, 142)),
    "feet": (("e", 84, 398, 15, 10), ("e", 116, 398, 15, 10)),
    "back-of-head": (("e", 100, 42, 30, 36),),
    "neck": (("r", 87, 79, 26, 17),),
    "shoulder-blades": (("r", 60, 98, 38, 38), ("r", 102, 98, 38, 38)),
    "upper-back": (("r", 70, 138, 60, 42),),
    "lower-back": (("r", 72, 182, 56, 57),),
    "back-of-arms": (("r", 42, 100, 24, 126), ("r", 134, 100, 24, 126)),
    "back-of-legs": (("r", 72, 241, 27, 160), ("r", 101, 241, 27, 160)),
}
CORE_QUALITIES = 16  # the first qualities of the catalogue are shown first; the rest fold away
SIDE_LABELS = {"front": "Front of the body", "back": "Back of the body"}

QUADRANT_WORDS: dict[Quadrant, tuple[str, ...]] = {
    Quadrant.PLEASANT_HIGH: ("excited", "joyful", "curious"),
    Quadrant.PLEASANT_LOW: ("calm", "content", "relaxed"),
    Quadrant.UNPLEASANT_HIGH: ("anxious", "angry", "stressed"),
    Quadrant.UNPLEASANT_LOW: ("sad", "down", "numb"),
}


def _shape(spec: tuple) -> dict[str, Any]:
    if spec[0] == "e":
        return {"ellipse": True, "cx": spec[1], "cy": spec[2], "rx": spec[3], "ry": spec[4]}
    return {"ellipse": False, "x": spec[1], "y": spec[2], "w": spec[3], "h": spec[4]}


SIDE_CHOICES = (("", "Both sides or the middle"), ("left", "Left"), ("right", "Right"))


def bodymap_context(
    prefix: str = "body",
    marks: Mapping[str, tuple[Iterable[str], int | None, Iterable[str]]] | None = None,
    errors: Mapping[str, list[str]] | None = None,
) -> dict[str, Any]:
    """Everything `_bodymap.html` shows. `marks`: region -> (qualities, intensity, sides),
    where sides are the sides its sensations were saved with ("" both, "left", "right")."""
    body = load_body_catalogue()
    marks = marks or {}
    errors = errors or {}
    qualities = body.qualities
    sides = []
    for side in ("front", "back"):
        regions = []
        for region in body.regions_on(side):
            chosen, intensity, saved_sides = marks.get(region.key, ((), None, ()))
            chosen, saved_sides = set(chosen), set(saved_sides)
            # One side per region on the form. Sensations saved (through the API) with
            # different sides show a note instead of a guess.
            chosen_side = next(iter(saved_sides)) if len(saved_sides) == 1 else ""
            options: list[dict[str, Any]] = [
                {"key": q.key, "label": q.label, "description": q.description,
                 "checked": q.key in chosen}
                for q in qualities
            ]
            regions.append({
                "key": region.key,
                "label": region.label,
                "field": f"{prefix}-{region.key}",
                "shapes": [_shape(s) for s in SHAPES.get(region.key, ())],
                "core": options[:CORE_QUALITIES],
                "more": options[CORE_QUALITIES:],
                "more_open": any(o["checked"] for o in options[CORE_QUALITIES:]),
                "intensity": 5 if intensity is None else intensity,
                "marked": bool(chosen),
                "summary": ", ".join(o["label"].lower() for o in options if o["checked"])
                + (f", {chosen_side} side" if chosen_side else ""),
                "side_options": [{"value": v, "label": label, "checked": v == chosen_side}
                                 for v, label in SIDE_CHOICES],
                "mixed_sides": len(saved_sides) > 1,
                "errors": errors.get(region.key, []),
            })
        sides.append({"key": side, "label": SIDE_LABELS[side], "regions": regions})
    return {"prefix": prefix, "sides": sides, "blank": not marks and not errors}


def describe_point(pleasantness: float, energy: float) -> str:
    quadrant = quadrant_of(pleasantness, energy)
    return f"{quadrant.label}, like {', '.join(QUADRANT_WORDS[quadrant])}"


def affectgrid_context(
    prefix: str = "",
    pleasantness: Any = None,
    energy: Any = None,
    errors: Mapping[str, Sequence[object]] | None = None,
) -> dict[str, Any]:
    errors = errors or {}
    quadrants = [
        {"key": q.value, "label": q.label, "words": ", ".join(QUADRANT_WORDS[q])}
        # Reading order of the grid: top-left, top-right, bottom-left, bottom-right.
        for q in (Quadrant.UNPLEASANT_HIGH, Quadrant.PLEASANT_HIGH,
                  Quadrant.UNPLEASANT_LOW, Quadrant.PLEASANT_LOW)
    ]
    return {
        "prefix": prefix,
        "p_name": f"{prefix}pleasantness",
        "e_name": f"{prefix}energy",
        "pleasantness": "" if pleasantness is None else pleasantness,
        "energy": "" if energy is None else energy,
        "quadrants": quadrants,
        "p_errors": errors.get("pleasantness", []),
        "e_errors": errors.get("energy", []),
    }


def naming_data() -> dict[str, Any]:
    """The vocabulary as the naming widget needs it: families and a drill-down tree."""
    vocabulary = load_vocabulary()

    def entry(w: Word) -> dict[str, Any]:
        out = {"w": w.word, "f": w.family, "l": w.level, "p": vocabulary.parent_of(w),
               "d": w.definition}
        if w.note:
            out["n"] = w.note
        if w.offer_help:
            out["h"] = 1
        return out

    return {
        "families": [
            {"key": f.key, "label": f.label, "word": f.word, "roots": list(f.roots or (f.word,)),
             "description": f.description}
            for f in vocabulary.families
        ],
        "words": [entry(w) for w in vocabulary.words],
        # Body states (tired, hungry, in pain, unwell...): not feelings, so not on the wheel;
        # search finds them and says so, with how each differs from the feeling it is mixed up with.
        "body": [
            {**entry(w), "x": [f"{n.word}: {n.difference}" for n in w.neighbours]}
            for w in vocabulary.body_states
        ],
    }


def word_choices() -> list[str]:
    return sorted(w.word for w in load_vocabulary().words)
