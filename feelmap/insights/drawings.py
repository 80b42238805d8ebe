"""The feelings wheel and the body atlas, drawn as SVG strings on the server (pure Python).

Wheel: drawn by `feelmap.lexicon.wheel` (re-exported here, so the check-in can offer the same
wheel); the insights fill in the words the person has used and mark the newest with a dot and
"new" in their name; the page adds the same words as a text list.

Atlas: the body outline of the check-in's body map (the same shapes), each region shaded by
how often the person marked it when they named a family, in five steps that the legend and
the text beside it also give in words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from feelmap.lexicon.wheel import WheelWord, wheel_layout, wheel_svg

from .body import FamilyAtlas

__all__ = ["WheelWord", "atlas_svg", "heat_step", "wheel_layout", "wheel_svg"]


HEAT_STEPS = (0.0, 0.1, 0.25, 0.45, 0.65)  # lower edges of the five shades
HEAT_WORDS = ("rarely", "sometimes", "often", "very often", "most times")


def heat_step(share: float) -> int:
    """0 for a region never marked; 1..5 by the share of the family's check-ins."""
    return sum(1 for edge in HEAT_STEPS if share > edge)


def atlas_svg(
    family_atlas: FamilyAtlas,
    *,
    family_label: str,
    shapes: Mapping[str, Sequence[tuple[object, ...]]],
    sides: Sequence[tuple[str, Sequence[tuple[str, str]]]],  # (side label, [(region, label)])
    quality_labels: Mapping[str, str],
    chart_id: str,
) -> str:
    """Front and back figures side by side, regions shaded by how often they were marked."""
    heats = {h.region: h for h in family_atlas.regions}
    top = ", ".join(f"{labels} {round(heats[r].share * 100)}%"
                    for side in sides for r, labels in side[1] if r in heats
                    and heats[r].share >= 0.25) or "no place stands out yet"
    desc = (f"Where you have felt {family_label.lower()}, over {family_atlas.checkins} "
            f"check-ins with body marks: {top}.")
    parts = [f'<svg class="atlas" viewBox="0 0 420 440" role="img" '
             f'aria-labelledby="{chart_id}-t {chart_id}-d" focusable="false">',
             f'<title id="{chart_id}-t">{escape(family_label)} in your body</title>',
             f'<desc id="{chart_id}-d">{escape(desc)}</desc>']
    for i, (side_label, regions) in enumerate(sides):
        parts.append(f'<g transform="translate({i * 215} 0)">')
        for region, label in regions:
            heat = heats.get(region)
            step = heat_step(heat.share) if heat else 0
            tip = label + (f": {round(heat.share * 100)}% of the time, " + ", ".join(
                quality_labels.get(q, q).lower() for q, _n in heat.qualities[:3])
                if heat else ": not marked")
            parts.append(f'<g class="heat-{step}"><title>{escape(tip)}</title>')
            for s in shapes.get(region, ()):
                if s[0] == "e":
                    parts.append(f'<ellipse cx="{s[1]}" cy="{s[2]}" rx="{s[3]}" ry="{s[4]}"/>')
                else:
                    parts.append(f'<rect x="{s[1]}" y="{s[2]}" width="{s[3]}" height="{s[4]}" '
                                 'rx="9"/>')
            parts.append("</g>")
        parts.append(f'<text class="tick" x="100" y="435" text-anchor="middle">'
                     f'{escape(side_label)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)
