"""Plain-words change statements and trend-chart geometry, as pure functions.

Nothing here touches the database: views pass scores and dates in and render what comes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .instruments import Instrument
from .scoring import RCI, meaningful_change, reliable_change


def _day(when: datetime, rest: str = "%B %Y") -> str:
    """"3 March 2025" without a leading zero, portably (%-d is not available on Windows)."""
    return f"{when.day} {when.strftime(rest)}"


def _num(value: float) -> str:
    """12.0 -> "12", 3.456 -> "3.5" (scores are shown the way people read them)."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


@dataclass(frozen=True)
class Comparison:
    against: str  # "first" or "previous"
    scale: str  # "total" or a subscale key
    scale_label: str
    before: float
    after: float
    when: datetime | None
    rci: RCI | None
    meaningful: str | None  # WHO-5: "better", "worse", "no meaningful change"
    sentence: str


def _movement(instrument: Instrument, change: float) -> str:
    if change == 0:
        return "stayed the same"
    word = "up" if change > 0 else "down"
    points = abs(change)
    return f"went {word} by {_num(points)} point{'s' if points != 1 else ''}"


def _rci_sentence(instrument: Instrument, rci: RCI) -> str:
    base = (
        f"Using the published standard deviation ({_num(rci.sd)}) and reliability "
        f"({rci.reliability:.2f}), a change of {rci.threshold:.1f} points or more counts as "
        f"reliable (reliable change index {rci.rci:+.2f}; beyond ±1.96 is reliable)."
    )
    if rci.direction == "better":
        verdict = "This is a reliable change for the better."
    elif rci.direction == "worse":
        verdict = (
            "This is a reliable change for the worse. It can help to talk it over with "
            "someone you trust or a professional."
        )
    else:
        verdict = "This change is within what could happen by chance from one time to the next."
    return f"{base} {verdict}"


def _meaningful_sentence(instrument: Instrument, verdict: str) -> str:
    assert instrument.meaningful_change is not None  # nosec B101  # type narrowing; callers check meaningful_change first
    points = _num(instrument.meaningful_change.points)
    rule = (f"By the published criterion for the {instrument.short_name}, a change of {points} "
            "points or more counts as a real change")
    if verdict == "no meaningful change":
        return f"{rule}; this change is smaller."
    return f"{rule}: this is a real change for the {verdict}."


def compare(
    instrument: Instrument,
    *,
    against: str,
    scale: str,
    before: float | None,
    after: float | None,
    when: datetime | None,
) -> Comparison | None:
    """One comparison of a score with an earlier one, with its sentence; None if unscored."""
    if before is None or after is None:
        return None
    key = None if scale == "total" else scale
    label = instrument.total.label if key is None and instrument.total else (
        instrument.subscale(scale).label if key else scale
    )
    rci = reliable_change(instrument, before, after, key)
    meaningful = meaningful_change(instrument, before, after) if key is None else None
    earlier = "your first time" if against == "first" else "the time before"
    parts = [f"Since {earlier}, your {label} {_movement(instrument, after - before)} "
             f"({_num(before)} → {_num(after)})."]
    if rci is not None:
        parts.append(_rci_sentence(instrument, rci))
    if meaningful is not None:
        parts.append(_meaningful_sentence(instrument, meaningful))
    return Comparison(against, scale, label, float(before), float(after), when, rci,
                      meaningful, " ".join(parts))


def change_scales(instrument: Instrument) -> list[str]:
    """The scales whose change is worth describing: the total, or every scale if no total."""
    if instrument.total is not None:
        return ["total"]
    return [s.key for s in instrument.subscales]


def has_published_change(instrument: Instrument) -> bool:
    return bool(instrument.reliable_change)


# --- chart -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    value: float
    label: str  # date as shown


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    top: int
    bottom: int
    right: int
    points: tuple[ChartPoint, ...]
    polyline: str
    y_ticks: tuple[tuple[float, str], ...]  # (y position, label)
    description: str


def trend_chart(
    values: list[tuple[datetime, float]],
    low: float,
    high: float,
    *,
    title: str,
    width: int = 640,
    height: int = 240,
) -> Chart | None:
    """Positions for a simple line chart of scores over time; None with no scores.

    Points are spaced by date, so long gaps look long. The y axis always spans the whole
    possible range, so a small change never looks bigger than it is.
    """
    if not values or high <= low:
        return None
    left, right, top, bottom = 48, 16, 16, 36
    inner_w, inner_h = width - left - right, height - top - bottom
    start = values[0][0].timestamp()
    span = max(values[-1][0].timestamp() - start, 1.0)
    points = []
    for when, value in values:
        x = left + (inner_w * (when.timestamp() - start) / span if len(values) > 1 else inner_w / 2)
        y = top + inner_h * (1 - (value - low) / (high - low))
        points.append(ChartPoint(round(x, 1), round(y, 1), value, _day(when, "%b %Y")))
    ticks = []
    for i in range(5):
        value = low + (high - low) * i / 4
        ticks.append((round(top + inner_h * (1 - i / 4), 1), _num(value)))
    first, last = values[0], values[-1]
    if len(values) == 1:
        description = f"{title}: one score so far, {_num(first[1])} on {_day(first[0])}."
    else:
        description = (
            f"{title}: {len(values)} scores from {_day(first[0])} ({_num(first[1])}) "
            f"to {_day(last[0])} ({_num(last[1])}), on a scale from {_num(low)} to "
            f"{_num(high)}. The table below lists every score."
        )
    return Chart(
        width=width,
        height=height,
        left=left,
        top=top,
        bottom=height - bottom,
        right=width - right,
        points=tuple(points),
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        y_ticks=tuple(ticks),
        description=description,
    )
