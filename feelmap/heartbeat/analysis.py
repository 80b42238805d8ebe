"""One analysis for every source: beats, rate and quality for a window of a recording (file,
command line, upload) or of camera frames (mean colour per frame, sent by the page)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import beats as b
from .files import Kind, Recording, parse_recording, upload_text
from .quality import Quality, Reason, assess, camera_problem, regular_share

CAMERA_RATE = 30.0


@dataclass(frozen=True)
class Analysis:
    beat_times: tuple[float, ...]
    bpm: float | None
    quality: Quality

    def as_dict(self) -> dict[str, object]:
        """What the command line and the API answer: no number the signal cannot support."""
        shown = self.quality.ok
        return {
            "beats": len(self.beat_times) if shown else None,
            "bpm": round(self.bpm, 1) if shown and self.bpm is not None else None,
            "quality": self.quality.as_dict(),
            "beat_times": [round(t, 3) for t in self.beat_times] if shown else [],
        }


def _window(start: float | None, end: float | None, first: float, last: float) -> tuple[float, float]:
    lo = first if start is None else start
    hi = last if end is None else end
    if lo < first or hi > last + 1e-9 or hi <= lo:
        raise ValueError(
            f"The window {lo:g}-{hi:g} s is outside the recording ({first:g}-{last:g} s); "
            "--start must be before --end, both inside the recording."
        )
    return lo, hi


def analyze_signal(
    values: b.Floats, fs: float, kind: str, *, offset: float = 0.0, camera: Reason | None = None
) -> Analysis:
    """Beats of an evenly sampled PPG or ECG; times are `offset` + seconds from its start."""
    x = b.as_floats(values)
    filtered = b.bandpass(x, fs, b.PULSE_LOW_HZ, b.PULSE_HIGH_HZ)
    rate = b.dominant_rate_hz(filtered, fs)
    if kind == "ecg":
        times = b.ecg_beat_times(x, fs)
    else:
        peaks = b.ppg_peaks(filtered, fs)
        times = b.refine(filtered, peaks) / fs
    if kind == "ecg":
        # The QRS is sharp, not a pulse wave: judge an ECG by how steady its beats are.
        quality = _ecg_quality(x, fs, times)
    else:
        quality = assess(x, filtered, fs, rate, times, camera=camera)
    return Analysis(tuple(float(t) + offset for t in times), b.rate_bpm(times), quality)


def _ecg_quality(x: b.Floats, fs: float, times: b.Floats) -> Quality:
    if x.size < 8 * fs:
        return Quality("too_short", 0.0)
    if times.size < 3:
        return Quality("weak", 0.0)
    share = regular_share(times)
    return Quality("ok" if share >= 0.7 else "irregular", share)


def analyze_recording(recording: Recording, start: float | None = None, end: float | None = None) -> Analysis:
    if recording.kind == "rr":
        times = b.rr_beat_times(recording.values)
        lo, hi = _window(start, end, 0.0, float(times[-1]))
        inside = times[(times >= lo) & (times <= hi)]
        duration = hi - lo
        reason: Reason = "ok"
        if duration < 8.0 or inside.size < 3:
            reason = "too_short"
        elif regular_share(inside) < 0.7:
            reason = "irregular"
        return Analysis(tuple(float(t) for t in inside), b.rate_bpm(inside), Quality(reason, 1.0))
    fs = float(recording.rate or 0.0)
    n = recording.values.size
    first = recording.start
    last = recording.start + (n - 1) / fs
    lo, hi = _window(start, end, first, last)
    i0 = int(round((lo - first) * fs))
    i1 = int(round((hi - first) * fs)) + 1
    return analyze_signal(recording.values[i0:i1], fs, recording.kind, offset=first + i0 / fs)


def analyze_upload(data: bytes, *, kind: Kind | None = None, rate: float | None = None,
                   start: float | None = None, end: float | None = None) -> Analysis:
    """An uploaded file (the page's form and the API): read, then analysed like the command
    line's. Every problem is a ValueError (a `RecordingError` for the file itself) whose
    message says what to change."""
    return analyze_recording(parse_recording(upload_text(data), kind=kind, rate=rate), start, end)


def analyze_camera(
    times: list[float], red: list[float], green: list[float], blue: list[float]
) -> Analysis:
    """Mean frame colours at the frames' times (seconds): the page's camera series."""
    t = b.as_floats(times)
    r, g, bl = b.as_floats(red), b.as_floats(green), b.as_floats(blue)
    problem = camera_problem(r, g, bl)
    # More blood in the fingertip lets less light through: the pulse is a dip in brightness.
    # Use the channel whose pulse is clearest (red under a torch; green often in daylight).
    best: Analysis | None = None
    for channel in (r, g):
        grid, values = b.resample_uniform(t, -channel, CAMERA_RATE)
        if grid.size == 0:
            break
        found = analyze_signal(values, CAMERA_RATE, "ppg", offset=float(grid[0]), camera=problem)
        if best is None or found.quality.concentration > best.quality.concentration:
            best = found
    if best is None:
        return Analysis((), None, Quality("too_short", 0.0))
    return best


def beats_between(beat_times: list[float] | tuple[float, ...], start: float, end: float) -> int:
    """How many beats fall in [start, end): the 'recorded' count of a counting trial."""
    times = np.asarray(beat_times, dtype=np.float64)
    return int(((times >= start) & (times < end)).sum())
