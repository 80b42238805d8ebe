"""Seedable synthetic PPG with known beat times, for tests and the benchmark (bench/heartbeat.py).

Each beat is a systolic wave (a skewed bump rising over about 0.15 of the period) followed by
a smaller diastolic wave; intervals vary (breathing-linked variation plus random jitter); on
top come baseline wander, sensor noise and, optionally, movement bursts. The known beat time is
the systolic peak.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class Synthetic:
    fs: float
    signal: Floats
    beat_times: Floats
    movement: tuple[tuple[float, float], ...]  # (start, end) seconds of each movement burst


def simulate_ppg(
    seconds: float,
    fs: float,
    bpm: float,
    *,
    noise: float = 0.05,
    variability: float = 0.04,
    wander: float = 0.3,
    movement_bursts: int = 0,
    seed: int = 0,
) -> Synthetic:
    """`noise` is the white-noise SD relative to the pulse amplitude (1.0); `variability` the
    SD of beat intervals relative to the mean interval; `wander` the breathing baseline."""
    rng = np.random.default_rng(seed)
    period = 60.0 / bpm
    beats: list[float] = []
    t = float(rng.uniform(0.1, period))
    breath_hz = float(rng.uniform(0.2, 0.3))
    while t < seconds:
        beats.append(t)
        sinus = 0.5 * variability * np.sin(2 * np.pi * breath_hz * t)
        jitter = 0.5 * variability * rng.standard_normal()
        t += period * (1.0 + sinus + jitter)
    times = np.arange(int(seconds * fs)) / fs
    signal = np.zeros_like(times)
    for peak in beats:
        # Systolic wave: sharper rise than fall; diastolic: smaller and later.
        rise = 0.11 * period
        fall = 0.22 * period
        width = np.where(times < peak, rise, fall)
        signal += np.exp(-0.5 * ((times - peak) / width) ** 2)
        signal += 0.35 * np.exp(-0.5 * ((times - peak - 0.32 * period) / (0.12 * period)) ** 2)
    signal += wander * np.sin(2 * np.pi * breath_hz * times + rng.uniform(0, 2 * np.pi))
    signal += 0.1 * wander * np.cumsum(rng.standard_normal(times.size)) / np.sqrt(fs)
    signal += noise * rng.standard_normal(times.size)
    spans: list[tuple[float, float]] = []
    for _ in range(movement_bursts):
        start = float(rng.uniform(0, max(0.0, seconds - 3)))
        length = float(rng.uniform(1.0, 3.0))
        inside = (times >= start) & (times < start + length)
        shake = np.cumsum(rng.standard_normal(int(inside.sum()))) * 0.8
        signal[inside] += shake + rng.uniform(3, 8) * np.sin(
            2 * np.pi * rng.uniform(0.8, 3) * times[inside]
        )
        spans.append((start, start + length))
    # Pulse up, as PPG sensors report it (a camera's brightness falls as the pulse rises).
    return Synthetic(fs=fs, signal=signal, beat_times=np.asarray(beats), movement=tuple(spans))
