"""Is a pulse signal good enough to show a number? Too short, too dark, no finger, movement,
no clear pulse, or beats too irregular to trust: each gets a plain reason, and no number.

Thresholds were set on the synthetic signals of bench/heartbeat.py and the camera frames of
the browser test; they lean towards saying "not sure" rather than showing a wrong number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from .beats import Floats, as_floats

Reason = Literal["ok", "too_short", "too_dark", "no_finger", "movement", "weak", "irregular"]

MESSAGES: dict[Reason, str] = {
    "ok": "The pulse signal is clear.",
    "too_short": "The recording is too short to find a steady pulse. Try at least 10 seconds.",
    "too_dark": "The picture is too dark. Turn the light on (or the torch), and rest your "
    "fingertip gently over the camera.",
    "no_finger": "There doesn't seem to be a fingertip over the camera. Cover the lens "
    "completely with the pad of your finger, without pressing hard.",
    "movement": "The signal jumps, as it does when the finger or the phone moves. Rest your "
    "hand on something and keep still for a little while.",
    "weak": "No steady pulse could be found in this signal, so no number is shown.",
    "irregular": "The beats found are too uneven to trust, so no number is shown. This is "
    "usually the signal, not your heart; try again resting still.",
}

MIN_SECONDS = 8.0
DARK_LUMA = 25.0
RED_SHARE = 0.42
MIN_CONCENTRATION = 0.4
MIN_REGULAR = 0.7


@dataclass(frozen=True)
class Quality:
    reason: Reason
    concentration: float  # share of pulse-band power at the pulse rate and its harmonic

    @property
    def ok(self) -> bool:
        return self.reason == "ok"

    @property
    def message(self) -> str:
        return MESSAGES[self.reason]

    def as_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "reason": self.reason,
            "message": self.message,
            "concentration": round(self.concentration, 3),
        }


def camera_problem(red: Floats, green: Floats, blue: Floats) -> Reason | None:
    """From mean frame colours (0-255): a fingertip lit through shows mostly red and bright."""
    r, g, b = as_floats(red), as_floats(green), as_floats(blue)
    luma = 0.299 * r + 0.587 * g + 0.114 * b
    if float(np.median(luma)) < DARK_LUMA and float(np.median(r)) < 2 * DARK_LUMA:
        return "too_dark"
    total = r + g + b
    share = np.divide(r, total, out=np.zeros_like(r), where=total > 0)
    if float(np.median(share)) < RED_SHARE:
        return "no_finger"
    return None


def pulse_concentration(filtered: Floats, fs: float, rate_hz: float | None) -> float:
    if rate_hz is None or filtered.size < 4:
        return 0.0
    size = max(8192, 1 << int(np.ceil(np.log2(filtered.size))))
    power = np.abs(np.fft.rfft(filtered * np.hanning(filtered.size), n=size)) ** 2
    freqs = np.fft.rfftfreq(size, 1.0 / fs)
    band = (freqs >= 0.5) & (freqs <= 4.0)
    total = float(power[band].sum())
    if total <= 0:
        return 0.0
    near = np.zeros_like(band)
    for harmonic in (1, 2):
        near |= np.abs(freqs - harmonic * rate_hz) <= 0.1 * rate_hz
    return float(power[near & band].sum()) / total


def movement_found(raw: Floats, fs: float) -> bool:
    """Movement shows as short stretches far larger than the rest of the signal: compare the
    spread in 2-second pieces with the typical piece."""
    x = as_floats(raw)
    piece = max(4, int(2 * fs))
    count = x.size // piece
    if count < 3:
        return False
    t = np.arange(piece, dtype=np.float64)
    spreads = []
    for i in range(count):
        part = x[i * piece : (i + 1) * piece]
        slope, intercept = np.polyfit(t, part, 1)
        spreads.append(float(np.std(part - (slope * t + intercept))))
    spread = np.asarray(spreads)
    typical = float(np.median(spread))
    if typical <= 0:
        return bool(spread.max() > 0)
    return bool(spread.max() > 3.0 * typical)


def regular_share(beat_times: Floats) -> float:
    times = as_floats(beat_times)
    if times.size < 3:
        return 0.0
    intervals = np.diff(times)
    usual = float(np.median(intervals))
    return float(np.mean(np.abs(intervals - usual) <= 0.3 * usual))


def assess(
    raw: Floats,
    filtered: Floats,
    fs: float,
    rate_hz: float | None,
    beat_times: NDArray[np.float64],
    *,
    camera: Reason | None = None,
) -> Quality:
    concentration = pulse_concentration(filtered, fs, rate_hz)
    if raw.size < MIN_SECONDS * fs:
        return Quality("too_short", concentration)
    if camera is not None:
        return Quality(camera, concentration)
    if movement_found(raw, fs):
        return Quality("movement", concentration)
    if rate_hz is None or concentration < MIN_CONCENTRATION or beat_times.size < 3:
        return Quality("weak", concentration)
    if regular_share(beat_times) < MIN_REGULAR:
        return Quality("irregular", concentration)
    return Quality("ok", concentration)
