"""Breathing pacer: a pure, precomputed schedule of breathing phases.

The browser pacer (an ES module) draws the animation from the same schedule, passed to the page
with ``json_script`` (see ``schedule_as_dict``), so Python and JavaScript never disagree on
timing.

End-of-session rule (the one rule to mirror in JavaScript)
---------------------------------------------------------
A session lasts exactly ``minutes * 60`` seconds. Cycles of the pattern are laid end to end from
``t = 0``. When the session time is not a whole number of cycles, the **last cycle is cut at
the end of the session**: the phase in progress at ``minutes * 60`` is shortened so that it ends
exactly there, and the phases that would come after it are left out. No phase of zero length is
ever emitted. ``schedule_as_dict`` reports this as ``"ends_mid_cycle": true`` so the page can
say "Time's up — finish this breath at your own pace" instead of stopping abruptly.

With the patterns below this only happens for "box" (16 s cycle; e.g. 2 minutes = 7 whole
cycles + inhale 4 s + hold 4 s) and "resonance-5.5" (11 s cycle; e.g. 1 minute = 5 whole cycles
+ a 5 s inhale). "resonance" and "longer-exhale" (10 s cycles) always end on a whole cycle.

``minutes`` must be a whole number from 1 to 10 (``int``; ``bool`` and ``float`` are refused,
also 2.0, so that a form bug cannot silently change a session's length).

All phase durations are multiples of 0.5 s, so every ``start`` is exact in binary floating
point and sums never drift.
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass
from typing import Any, Literal

PhaseKind = Literal["inhale", "hold-in", "exhale", "hold-out"]

PHASE_KINDS: tuple[str, ...] = ("inhale", "hold-in", "exhale", "hold-out")

# Words shown (and read by screen readers) during each phase.
PHASE_LABELS: dict[str, str] = {
    "inhale": "Breathe in",
    "hold-in": "Hold gently",
    "exhale": "Breathe out",
    "hold-out": "Rest before the next breath",
}

MIN_MINUTES = 1
MAX_MINUTES = 10


@dataclass(frozen=True)
class Pattern:
    key: str
    label: str
    description: str
    based_on: str
    cycle: tuple[tuple[str, float], ...]  # (phase kind, seconds), in order

    @property
    def cycle_seconds(self) -> float:
        return sum(seconds for _, seconds in self.cycle)

    @property
    def breaths_per_minute(self) -> float:
        return round(60 / self.cycle_seconds, 2)


PATTERNS: dict[str, Pattern] = {
    p.key: p
    for p in (
        Pattern(
            key="resonance",
            label="Slow, even breathing (6 breaths a minute)",
            description="Breathe in for 5 seconds and out for 5 seconds.",
            based_on=(
                "Slow breathing at about 6 breaths a minute, the 'resonance' rate used in heart "
                "rate variability biofeedback (Lehrer & Gevirtz 2014). At this pace heart rate "
                "rises and falls most strongly with the breath, which many people find calming."
            ),
            cycle=(("inhale", 5.0), ("exhale", 5.0)),
        ),
        Pattern(
            key="resonance-5.5",
            label="Slow, even breathing (a little slower)",
            description=(
                "Breathe in for 5.5 seconds and out for 5.5 seconds — about 5.5 breaths a minute."
            ),
            based_on=(
                "The same resonance breathing, at a slightly slower pace. Each person's best "
                "rate lies somewhere between about 4.5 and 7 breaths a minute (Lehrer & Gevirtz "
                "2014); try both and keep the one that feels easier."
            ),
            cycle=(("inhale", 5.5), ("exhale", 5.5)),
        ),
        Pattern(
            key="box",
            label="Box breathing (4 – 4 – 4 – 4)",
            description=(
                "Breathe in for 4 seconds, hold for 4, breathe out for 4, and rest for 4."
            ),
            based_on=(
                "An evenly counted paced-breathing exercise taught in stress-management "
                "training. There is little research on box breathing itself; it slows the "
                "breath to under 4 breaths a minute and gives the mind a simple count to follow. "
                "If holding your breath feels uncomfortable, choose another pattern."
            ),
            cycle=(("inhale", 4.0), ("hold-in", 4.0), ("exhale", 4.0), ("hold-out", 4.0)),
        ),
        Pattern(
            key="longer-exhale",
            label="Longer breath out (in 4, out 6)",
            description="Breathe in for 4 seconds and out for 6 seconds.",
            based_on=(
                "Slow breathing with a breath out longer than the breath in. Slow breathing is "
                "linked with calmer heart rhythms and lower arousal (review: Zaccaro et al. "
                "2018); the longer exhale leans on the calming effect of breathing out."
            ),
            cycle=(("inhale", 4.0), ("exhale", 6.0)),
        ),
    )
}

DEFAULT_PATTERN = "resonance"


@dataclass(frozen=True)
class Phase:
    kind: str  # one of PHASE_KINDS
    start: float  # seconds from the start of the session
    duration: float  # seconds

    @property
    def end(self) -> float:
        return self.start + self.duration


def get_pattern(pattern: str) -> Pattern:
    """The pattern for a key; ValueError naming the valid keys otherwise."""
    try:
        return PATTERNS[pattern]
    except (KeyError, TypeError):
        valid = ", ".join(sorted(PATTERNS))
        raise ValueError(
            f"Unknown breathing pattern {pattern!r}; choose one of: {valid}."
        ) from None


def check_minutes(minutes: object) -> int:
    """Return ``minutes`` if it is a whole number from 1 to 10; ValueError otherwise."""
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ValueError(
            f"Minutes must be a whole number from {MIN_MINUTES} to {MAX_MINUTES}; got {minutes!r}."
        )
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ValueError(f"Minutes must be from {MIN_MINUTES} to {MAX_MINUTES}; got {minutes}.")
    return minutes


def schedule(pattern: str, minutes: int) -> list[Phase]:
    """Every phase of a session of ``minutes`` minutes, covering exactly ``minutes * 60`` s.

    Whole cycles from t = 0; the last cycle is cut at the end of the session when the time is
    not a whole number of cycles (see the module docstring).
    """
    pat = get_pattern(pattern)
    total = float(check_minutes(minutes) * 60)
    phases: list[Phase] = []
    t = 0.0
    while t < total:
        for kind, seconds in pat.cycle:
            if t >= total:
                break
            duration = min(seconds, total - t)
            phases.append(Phase(kind=kind, start=t, duration=duration))
            t += duration
    return phases


def total_seconds(phases: list[Phase]) -> float:
    return phases[-1].end if phases else 0.0


def phase_at(phases: list[Phase], t: float) -> tuple[Phase, float]:
    """The phase at ``t`` seconds and how far through it we are (0.0 to 1.0).

    Phases are half-open intervals [start, end): at a boundary the *new* phase is returned with
    progress 0.0. Before the start (t < 0) the first phase is returned with progress 0.0; at or
    after the end the last phase is returned with progress 1.0, so an animation can rest on
    its final frame.
    """
    if not phases:
        raise ValueError("The schedule is empty.")
    if isinstance(t, bool) or not isinstance(t, int | float) or math.isnan(t):
        raise ValueError(f"Time must be a number of seconds; got {t!r}.")
    if t <= phases[0].start:
        return phases[0], 0.0
    if t >= phases[-1].end:
        return phases[-1], 1.0
    starts = [p.start for p in phases]
    index = bisect.bisect_right(starts, t) - 1
    phase = phases[index]
    progress = (t - phase.start) / phase.duration
    return phase, min(max(progress, 0.0), 1.0)


def schedule_as_dict(pattern: str, minutes: int) -> dict[str, Any]:
    """The schedule as plain JSON-ready data, for ``json_script`` in a template."""
    pat = get_pattern(pattern)
    phases = schedule(pattern, minutes)
    total = minutes * 60
    return {
        "pattern": pat.key,
        "label": pat.label,
        "description": pat.description,
        "minutes": minutes,
        "total_seconds": total,
        "cycle_seconds": pat.cycle_seconds,
        "breaths_per_minute": pat.breaths_per_minute,
        "cycle": [{"kind": kind, "duration": seconds} for kind, seconds in pat.cycle],
        "end_rule": "last-cycle-cut",
        "ends_mid_cycle": total % pat.cycle_seconds != 0,
        "phase_labels": dict(PHASE_LABELS),
        "phases": [{"kind": p.kind, "start": p.start, "duration": p.duration} for p in phases],
    }


def schedule_as_json(pattern: str, minutes: int) -> str:
    """``schedule_as_dict`` serialised to a JSON string (stable key order, compact)."""
    return json.dumps(schedule_as_dict(pattern, minutes), separators=(",", ":"))


def patterns_as_dict() -> dict[str, dict[str, Any]]:
    """All patterns as plain data (labels, basis, rate) for a chooser on the page."""
    return {
        key: {
            "label": p.label,
            "description": p.description,
            "based_on": p.based_on,
            "breaths_per_minute": p.breaths_per_minute,
            "cycle_seconds": p.cycle_seconds,
            "cycle": [{"kind": kind, "duration": seconds} for kind, seconds in p.cycle],
        }
        for key, p in PATTERNS.items()
    }
