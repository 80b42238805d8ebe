"""Charts as data, drawn as SVG on the server: one definition for the page and for a PDF.

Why server-side SVG: the strict Content-Security-Policy allows no inline script or style, and
Feelmap has no JavaScript build; an SVG string made here needs neither, prints sharply, and can
be embedded as-is in a PDF later. Colours come from CSS classes (insights.css) and presentation
attributes, never `style=`. Every chart carries a <title> and <desc>, and `rows()` gives the
same numbers as a table for people who cannot see the drawing.

Pure Python (no Django): functions return plain strings; views mark them safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Series:
    name: str
    css: str  # a class in insights.css (the line's colour and dash)
    values: tuple[float | None, ...]  # one per x label; None is a gap


@dataclass(frozen=True)
class LineChart:
    id: str
    title: str
    description: str
    x_labels: tuple[str, ...]
    series: tuple[Series, ...]
    low: float
    high: float
    ticks: tuple[float, ...]
    value_format: str = "{:.2f}"
    band: tuple[float, float] | None = None  # a shaded range (e.g. the reliable-change band)
    band_label: str = ""
    width: int = 640
    height: int = 240


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    note: str = ""  # shown at the end of the bar (e.g. "n = 12")


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars from a zero line, for values that can be negative (pleasantness)."""

    id: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    low: float
    high: float
    low_label: str
    high_label: str
    value_format: str = "{:+.1f}"
    width: int = 640


LEFT, RIGHT, TOP, BOTTOM = 52, 20, 16, 40


def _y(chart: LineChart, value: float) -> float:
    inner = chart.height - TOP - BOTTOM
    return TOP + inner * (1 - (value - chart.low) / (chart.high - chart.low))


def _x(chart: LineChart, i: int) -> float:
    inner = chart.width - LEFT - RIGHT
    count = len(chart.x_labels)
    return LEFT + (inner * i / (count - 1) if count > 1 else inner / 2)


def _open(chart_id: str, title: str, description: str, width: int, height: int) -> list[str]:
    return [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" focusable="false">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]


def line_svg(chart: LineChart) -> str:
    """The chart as an SVG element (a string)."""
    parts = _open(chart.id, chart.title, chart.description, chart.width, chart.height)
    right = chart.width - RIGHT
    if chart.band is not None:
        top, bottom = _y(chart, chart.band[1]), _y(chart, chart.band[0])
        parts.append(f'<rect class="band" x="{LEFT}" y="{top:.1f}" width="{right - LEFT}" '
                     f'height="{max(bottom - top, 0):.1f}"><title>{escape(chart.band_label)}'
                     '</title></rect>')
    for tick in chart.ticks:
        y = _y(chart, tick)
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="tick" x="{LEFT - 6}" y="{y:.1f}" text-anchor="end" '
                     f'dominant-baseline="middle">{_n(tick)}</text>')
    for s in chart.series:
        runs: list[list[str]] = [[]]
        for i, v in enumerate(s.values):
            if v is None:
                runs.append([])
            else:
                runs[-1].append(f"{_x(chart, i):.1f},{_y(chart, v):.1f}")
        for run in runs:
            if len(run) > 1:
                parts.append(f'<polyline class="line {s.css}" points="{" ".join(run)}"/>')
        for i, v in enumerate(s.values):
            if v is not None:
                parts.append(f'<circle class="dot {s.css}" cx="{_x(chart, i):.1f}" '
                             f'cy="{_y(chart, v):.1f}" r="3.5"><title>{escape(s.name)}, '
                             f'{escape(chart.x_labels[i])}: '
                             f'{chart.value_format.format(v)}</title></circle>')
    if chart.x_labels:
        base = chart.height - 12
        parts.append(f'<text class="tick" x="{LEFT}" y="{base}">{escape(chart.x_labels[0])}</text>')
        if len(chart.x_labels) > 1:
            parts.append(f'<text class="tick" x="{right}" y="{base}" text-anchor="end">'
                         f'{escape(chart.x_labels[-1])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def line_rows(chart: LineChart) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """(header, rows) of the same numbers, one row per x label."""
    header = ("", *(s.name for s in chart.series))
    rows = [
        (label, *("–" if s.values[i] is None else chart.value_format.format(s.values[i])
                  for s in chart.series))
        for i, label in enumerate(chart.x_labels)
    ]
    return header, rows


def bar_svg(chart: BarChart) -> str:
    row, label_w, pad = 30, 170, 16
    height = TOP + row * len(chart.bars) + 36
    left, right = label_w, chart.width - 70
    span = chart.high - chart.low

    def x(value: float) -> float:
        return left + (right - left) * (value - chart.low) / span

    zero = x(0.0)
    parts = _open(chart.id, chart.title, chart.description, chart.width, height)
    for i, bar in enumerate(chart.bars):
        y = TOP + i * row
        end = x(max(min(bar.value, chart.high), chart.low))
        start, width = (zero, end - zero) if end >= zero else (end, zero - end)
        tone = "pos" if bar.value >= 0 else "neg"
        value = chart.value_format.format(bar.value)
        parts.append(f'<text class="tick" x="{left - 8}" y="{y + row / 2:.1f}" text-anchor="end" '
                     f'dominant-baseline="middle">{escape(bar.label)}</text>'
                     f'<rect class="bar {tone}" x="{start:.1f}" y="{y + 6}" '
                     f'width="{max(width, 1):.1f}" height="{row - 12}"><title>'
                     f'{escape(bar.label)}: {value}</title></rect>'
                     f'<text class="tick" x="{right + 6}" y="{y + row / 2:.1f}" '
                     f'dominant-baseline="middle">{value}{escape(bar.note)}</text>')
    bottom = TOP + row * len(chart.bars)
    parts.append(f'<line class="axis" x1="{zero:.1f}" x2="{zero:.1f}" y1="{TOP}" y2="{bottom}"/>'
                 f'<text class="tick" x="{left}" y="{bottom + pad + 4}">'
                 f'{escape(chart.low_label)}</text>'
                 f'<text class="tick" x="{right}" y="{bottom + pad + 4}" text-anchor="end">'
                 f'{escape(chart.high_label)}</text></svg>')
    return "".join(parts)


def bar_rows(chart: BarChart) -> list[tuple[str, str]]:
    return [(b.label, chart.value_format.format(b.value) + b.note) for b in chart.bars]


def ticks(low: float, high: float, count: int = 5) -> tuple[float, ...]:
    return tuple(low + (high - low) * i / (count - 1) for i in range(count))
