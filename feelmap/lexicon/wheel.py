"""The feelings wheel of the whole vocabulary, drawn as an SVG string (pure Python).

Three rings: families at the centre, common words around them, nuanced words outside, each
family in its own colour (static/lexicon/wheel.css) and always with its name. Every segment is
a link to the word's page (so the wheel is a list of links to a keyboard or a screen reader)
and carries its word in `data-word`, so a page's script can use a choice instead (the
check-in's naming step puts it in a word box). The insights fill in the words a person has
used (`uses`) and mark the newest (`new`); the lexicon knows no person's data, so those come
from the caller.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class WheelWord:
    word: str
    family: str
    level: int
    parent: str | None = None


_R = (64.0, 150.0, 290.0, 490.0)  # ring edges: centre hole, families, common, nuanced


def _point(r: float, angle: float) -> str:
    return f"{r * math.cos(angle):.1f},{r * math.sin(angle):.1f}"


def _sector(r1: float, r2: float, a0: float, a1: float) -> str:
    large = 1 if a1 - a0 > math.pi else 0
    return (f"M{_point(r1, a0)}L{_point(r2, a0)}A{r2:.0f},{r2:.0f} 0 {large} 1 {_point(r2, a1)}"
            f"L{_point(r1, a1)}A{r1:.0f},{r1:.0f} 0 {large} 0 {_point(r1, a0)}Z")


def _label(text: str, r1: float, r2: float, a0: float, a1: float, css: str) -> str:
    """Text along the radius in the middle of a segment, turned to read left to right."""
    mid = (a0 + a1) / 2
    degrees = math.degrees(mid) % 360
    flip = 90 < degrees < 270
    r = (r1 + r2) / 2
    rotate = degrees + 180 if flip else degrees
    x, y = r * math.cos(mid), r * math.sin(mid)
    return (f'<text class="{css}" x="{x:.1f}" y="{y:.1f}" text-anchor="middle" '
            f'dominant-baseline="central" transform="rotate({rotate:.1f} {x:.1f} {y:.1f})">'
            f"{escape(text)}</text>")


def wheel_layout(words: Sequence[WheelWord], families: Sequence[str]
                 ) -> list[tuple[WheelWord, float, float]]:
    """(word, start angle, end angle) for every word, in radians from the top, clockwise.

    Each family gets a share of the circle by its largest ring; its common words split the
    family's share evenly, and its nuanced words too, placed in the order of their parents so
    a nuanced word sits near the common word it refines.
    """
    by_family = {f: [w for w in words if w.family == f] for f in families}
    slots = {f: max(1, *(sum(1 for w in ws if w.level == lvl) for lvl in (2, 3)))
             for f, ws in by_family.items()}
    total = sum(slots.values())
    placed: list[tuple[WheelWord, float, float]] = []
    angle = -math.pi / 2
    for f in families:
        span = 2 * math.pi * slots[f] / total
        members = by_family[f]
        common = [w for w in members if w.level == 2]
        order = {w.word: i for i, w in enumerate(common)}
        nuanced = sorted((w for w in members if w.level == 3),
                         key=lambda w: (order.get(w.parent or "", len(order)), w.word))
        for w in members:
            if w.level == 1:
                placed.append((w, angle, angle + span))
        for ring in (common, nuanced):
            for i, w in enumerate(ring):
                step = span / len(ring)
                placed.append((w, angle + i * step, angle + (i + 1) * step))
        angle += span
    return placed


def wheel_svg(
    words: Sequence[WheelWord],
    families: Sequence[tuple[str, str]],  # (key, label)
    *,
    uses: Mapping[str, int],
    new: frozenset[str],
    url: Callable[[str], str],
    title: str = "Feelings wheel",
    description: str = "",
    chart_id: str = "wheel",
) -> str:
    labels = dict(families)
    parts = [
        '<svg class="wheel" viewBox="-500 -500 1000 1000" role="group" '
        f'aria-labelledby="{chart_id}-t" aria-describedby="{chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    for w, a0, a1 in wheel_layout(words, [k for k, _l in families]):
        ring = w.level
        r1, r2 = _R[ring - 1], _R[ring]
        count = uses.get(w.word, 0)
        state = ("used" if count else "unused") + (" new" if w.word in new else "")
        shown = labels.get(w.family, w.word) if ring == 1 else w.word
        name = f"{w.word} ({labels.get(w.family, w.family).lower()} family)"
        if count:
            name += f", used {count} time{'s' if count != 1 else ''}"
        else:
            name += ", not used yet"
        if w.word in new:
            name += ", new"
        parts.append(f'<a href="{escape(url(w.word))}" class="seg lvl{ring} fam-{w.family} {state}" '
                     f'data-word="{escape(w.word)}" aria-label="{escape(name)}">'
                     f'<path d="{_sector(r1, r2, a0, a1)}"/>')
        parts.append(_label(shown + (" \u2022" if w.word in new else ""), r1, r2, a0, a1,
                            f"ring{ring}"))
        parts.append("</a>")
    parts.append('<circle class="hub" r="60"/><text class="hub-text" text-anchor="middle" '
                 'dominant-baseline="central">Feelings</text></svg>')
    return "".join(parts)
