"""Recorded files: a CSV with a header row (an optional `time` column in seconds and a signal
column named `ppg`, `ecg` or `signal`), or RR intervals in milliseconds, one per line.

Column names are matched without case and without a unit in brackets ("ECG [uV]" is `ecg`,
"time [s]" is `time`); commas, semicolons and tabs all separate columns. Every problem is a
`RecordingError` whose message says what to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .beats import Floats

Kind = Literal["ppg", "ecg", "rr"]
KINDS: tuple[Kind, ...] = ("ppg", "ecg", "rr")
SIGNAL_COLUMNS = ("ppg", "ecg", "signal")
MIN_RATE = 5.0
MAX_RATE = 5000.0
MIN_RR = 200.0
MAX_RR = 3000.0
RATE_TOLERANCE = 0.02


MAX_UPLOAD = 20 * 1024 * 1024  # bytes of one uploaded file (the page and the API)


class RecordingError(ValueError):
    """The file cannot be read as a recording; the message says why and what to do."""


def too_large_message(limit: int | None = None) -> str:
    """What an upload over the limit is told (the page and the API say the same)."""
    limit = MAX_UPLOAD if limit is None else limit
    if limit >= 1024 * 1024:
        size = f"{limit / (1024 * 1024):g} MB"
    elif limit >= 1024:
        size = f"{limit / 1024:g} KB"
    else:
        size = f"{limit} bytes"
    return f"The file is larger than {size}; send a shorter recording."


def upload_text(data: bytes) -> str:
    """The text of an uploaded file (UTF-8, with or without a byte-order mark)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RecordingError("This is not a text file (CSV or one number a line).") from None


@dataclass(frozen=True)
class Recording:
    kind: Kind
    values: Floats  # the signal, or RR intervals in ms
    rate: float | None  # samples per second (None for RR)
    start: float = 0.0  # the time of the first sample, in seconds (from the time column)


def _column_name(raw: str) -> str:
    name = re.sub(r"[\[(].*?[\])]", "", raw).strip().strip('"').strip().lower()
    return name


def _number(text: str, line: int, column: str) -> float:
    try:
        value = float(text.strip().strip('"'))
    except ValueError:
        raise RecordingError(
            f"Line {line}, column {column}: {text.strip()[:30]!r} is not a number."
        ) from None
    if not np.isfinite(value):
        raise RecordingError(f"Line {line}, column {column}: the value must be a finite number.")
    return value


def _check_rate(rate: float) -> float:
    if not MIN_RATE <= rate <= MAX_RATE:
        raise RecordingError(
            f"A sampling rate of {rate:g} Hz is outside what this reads ({MIN_RATE:g} to "
            f"{MAX_RATE:g} Hz). Check --rate or the time column."
        )
    return rate


def _rr(lines: list[tuple[int, str]]) -> Recording:
    values: list[float] = []
    for number, text in lines:
        value = _number(text, number, "rr")
        if not MIN_RR <= value <= MAX_RR:
            raise RecordingError(
                f"Line {number}: {value:g} ms is not an RR interval (expected {MIN_RR:g} to "
                f"{MAX_RR:g} ms, one interval in milliseconds per line)."
            )
        values.append(value)
    if len(values) < 2:
        raise RecordingError("The file has fewer than two RR intervals.")
    return Recording(kind="rr", values=np.asarray(values), rate=None)


def _split(line: str, delimiter: str) -> list[str]:
    return [cell.strip() for cell in line.split(delimiter)]


def parse_recording(text: str, *, kind: Kind | None = None, rate: float | None = None) -> Recording:
    """Read a recording from the text of a file; `kind` and `rate` as given on the command
    line (or the upload form), None when not given."""
    if kind is not None and kind not in KINDS:
        raise RecordingError(f"The kind must be one of {', '.join(KINDS)}.")
    if rate is not None:
        _check_rate(rate)
    lines = [(i + 1, line.strip()) for i, line in enumerate(text.lstrip("\ufeff").splitlines())]
    lines = [(i, line) for i, line in lines if line and not line.startswith("#")]
    if not lines:
        raise RecordingError("The file is empty.")
    first = lines[0][1]
    delimiter = next((d for d in (",", ";", "\t") if d in first), None)
    if delimiter is None and _column_name(first) in (*SIGNAL_COLUMNS, "time"):
        delimiter = ","  # a CSV with a single column
    if delimiter is None:
        # One value a line: RR intervals, perhaps under a one-word header.
        if kind not in (None, "rr"):
            raise RecordingError(
                f"This looks like one value a line (RR intervals), not a {kind} CSV with a "
                "header row. Use --kind rr, or give a CSV with a time and a signal column."
            )
        try:
            float(first)
        except ValueError:
            lines = lines[1:]
        if not lines:
            raise RecordingError("The file has a header but no RR intervals.")
        return _rr(lines)
    header = [_column_name(cell) for cell in _split(first, delimiter)]
    signal_name = next((name for name in SIGNAL_COLUMNS if name in header), None)
    if kind == "rr":
        if "rr" not in header:
            raise RecordingError(
                f"No column named rr: the header has {', '.join(header)}. RR files have one "
                "interval in milliseconds per line, or a column named rr."
            )
        column = header.index("rr")
        return _rr([(n, _split(line, delimiter)[column]) for n, line in lines[1:]
                    if len(_split(line, delimiter)) > column])
    if signal_name is None:
        raise RecordingError(
            f"No signal column: the header has {', '.join(header) or 'nothing'}. Name the "
            "column with the signal ppg, ecg or signal (and the optional time column time)."
        )
    found_kind: Kind = kind or ("ecg" if signal_name == "ecg" else "ppg")
    column = header.index(signal_name)
    time_column = header.index("time") if "time" in header else None
    values: list[float] = []
    times: list[float] = []
    for number, line in lines[1:]:
        cells = _split(line, delimiter)
        if len(cells) != len(header):
            raise RecordingError(
                f"Line {number} has {len(cells)} values but the header has {len(header)} columns."
            )
        values.append(_number(cells[column], number, signal_name))
        if time_column is not None:
            times.append(_number(cells[time_column], number, "time"))
    if not values:
        raise RecordingError("The file has a header but no samples.")
    start = 0.0
    if time_column is not None and len(times) >= 2:
        steps = np.diff(np.asarray(times))
        if (steps <= 0).any():
            bad = int(np.flatnonzero(steps <= 0)[0]) + 2
            raise RecordingError(
                f"The time column must increase from line to line; sample {bad} does not."
            )
        from_times = 1.0 / float(np.median(steps))
        if rate is None:
            rate = _check_rate(from_times)
        elif abs(from_times - rate) > RATE_TOLERANCE * rate:
            raise RecordingError(
                f"The time column says {from_times:.4g} samples a second but --rate says "
                f"{rate:g}. Leave out --rate to use the time column, or fix one of them."
            )
        start = times[0]
    if rate is None:
        raise RecordingError(
            "The sampling rate is unknown: give it with --rate HZ (for example --rate 30), "
            "or add a time column in seconds."
        )
    return Recording(kind=found_kind, values=np.asarray(values), rate=rate, start=start)
