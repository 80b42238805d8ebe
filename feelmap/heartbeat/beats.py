"""Beat detection for PPG (camera fingertip or sensor), ECG and RR intervals, in numpy only.

Why numpy and not scipy or NeuroKit2: the windows here are short (seconds to minutes), so a
zero-phase band-pass done in the frequency domain and a greedy peak picker are fast enough
(60 s at 30 Hz in about a millisecond), and they keep the install small (docs/dependencies.md).

PPG: detrend, band-pass 0.5-4 Hz (raised-cosine edges, zero phase), find the dominant pulse
rate in the spectrum, then pick peaks at least 0.55 of that period apart, drop small ones, fill
long gaps with the best missed peak, and refine each peak between samples (parabola through
three samples), which matters at 30 frames a second.

ECG: band-pass 5-20 Hz, squared slope, 120 ms moving sum (the QRS energy), peaks at least
0.3 s apart above a share of the typical peak, each moved to the largest deflection nearby.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]

PULSE_LOW_HZ = 0.5
PULSE_HIGH_HZ = 4.0
MIN_BPM = 35.0
MAX_BPM = 200.0


def as_floats(values: object) -> Floats:
    return np.asarray(values, dtype=np.float64).ravel()


def bandpass(x: Floats, fs: float, low: float, high: float, edge: float = 0.25) -> Floats:
    """Zero-phase band-pass in the frequency domain, with raised-cosine edges `edge` Hz wide
    (sharp edges would ring). The signal is detrended and mirrored at both ends first."""
    n = x.size
    if n < 4:
        return np.zeros(n)
    t = np.arange(n, dtype=np.float64)
    slope, intercept = np.polyfit(t, x, 1)
    y = x - (slope * t + intercept)
    pad = min(n - 1, int(fs * 2))
    padded = np.concatenate([y[pad:0:-1], y, y[-2 : -pad - 2 : -1]]) if pad > 0 else y
    spectrum = np.fft.rfft(padded)
    freqs = np.fft.rfftfreq(padded.size, 1.0 / fs)
    high = min(high, fs / 2 - edge)
    gain = np.ones_like(freqs)
    gain[freqs < low - edge] = 0.0
    rising = (freqs >= low - edge) & (freqs < low)
    gain[rising] = 0.5 - 0.5 * np.cos(np.pi * (freqs[rising] - (low - edge)) / edge)
    gain[freqs > high + edge] = 0.0
    falling = (freqs > high) & (freqs <= high + edge)
    gain[falling] = 0.5 + 0.5 * np.cos(np.pi * (freqs[falling] - high) / edge)
    out = np.fft.irfft(spectrum * gain, n=padded.size)
    return np.asarray(out[pad : pad + n], dtype=np.float64)


def dominant_rate_hz(x: Floats, fs: float, low_bpm: float = MIN_BPM, high_bpm: float = MAX_BPM) -> float | None:
    """The pulse rate the spectrum points to, with its second harmonic counted in (a PPG pulse
    is not a sine), or None for a signal without one."""
    n = x.size
    if n < fs * 3:
        return None
    size = max(8192, 1 << int(np.ceil(np.log2(n))))
    window = np.hanning(n)
    power = np.abs(np.fft.rfft((x - x.mean()) * window, n=size)) ** 2
    freqs = np.fft.rfftfreq(size, 1.0 / fs)
    band = (freqs >= low_bpm / 60.0) & (freqs <= high_bpm / 60.0)
    if not band.any() or power[band].max() <= 0:
        return None
    harmonic = np.interp(2 * freqs, freqs, power, right=0.0)
    score = np.where(band, power + 0.5 * harmonic, 0.0)
    best = float(freqs[int(np.argmax(score))])
    # A strong second harmonic can win by a little: prefer the half rate when it is itself a
    # clear peak (a pulse at half the rate explains both).
    half = best / 2
    if half >= low_bpm / 60.0:
        near = np.abs(freqs - half) <= 0.08
        if near.any() and power[near].max() > 0.5 * power[int(np.argmax(score))]:
            best = float(freqs[near][int(np.argmax(power[near]))])
    return best


def local_maxima(x: Floats) -> NDArray[np.intp]:
    if x.size < 3:
        return np.zeros(0, dtype=np.intp)
    rising = x[1:-1] > x[:-2]
    not_falling = x[1:-1] >= x[2:]
    return np.flatnonzero(rising & not_falling) + 1


def pick_peaks(x: Floats, candidates: NDArray[np.intp], distance: int) -> NDArray[np.intp]:
    """Highest first, keep a candidate only if no kept peak is within `distance` samples."""
    if candidates.size == 0:
        return candidates
    order = candidates[np.argsort(-x[candidates], kind="stable")]
    taken = np.zeros(x.size, dtype=bool)
    kept: list[int] = []
    for index in order.tolist():
        if taken[index]:
            continue
        kept.append(index)
        taken[max(0, index - distance + 1) : index + distance] = True
    return np.asarray(sorted(kept), dtype=np.intp)


def refine(x: Floats, peaks: NDArray[np.intp]) -> Floats:
    """Sub-sample peak positions from a parabola through each peak and its neighbours."""
    out = peaks.astype(np.float64)
    inner = (peaks > 0) & (peaks < x.size - 1)
    p = peaks[inner]
    left, mid, right = x[p - 1], x[p], x[p + 1]
    denom = left - 2 * mid + right
    safe = np.where(np.abs(denom) > 1e-12, denom, -1.0)
    shift = np.where(np.abs(denom) > 1e-12, 0.5 * (left - right) / safe, 0.0)
    out[inner] = p + np.clip(shift, -0.5, 0.5)
    return out


def ppg_peaks(filtered: Floats, fs: float) -> NDArray[np.intp]:
    """Sample indices of the pulse peaks in a band-passed PPG."""
    rate = dominant_rate_hz(filtered, fs)
    if rate is None:
        return np.zeros(0, dtype=np.intp)
    period = fs / rate
    candidates = local_maxima(filtered)
    candidates = candidates[filtered[candidates] > 0]
    peaks = pick_peaks(filtered, candidates, max(1, int(0.55 * period)))
    if peaks.size < 2:
        return peaks
    typical = float(np.median(filtered[peaks]))
    peaks = peaks[filtered[peaks] >= 0.3 * typical]
    # Long gaps: a beat the distance rule or the height rule lost.
    if peaks.size >= 3:
        intervals = np.diff(peaks)
        usual = float(np.median(intervals))
        extra: list[int] = []
        for a, b in zip(peaks[:-1].tolist(), peaks[1:].tolist(), strict=True):
            if b - a > 1.6 * usual:
                inside = candidates[(candidates > a + 0.35 * usual) & (candidates < b - 0.35 * usual)]
                if inside.size and filtered[inside].max() >= 0.15 * typical:
                    extra.append(int(inside[int(np.argmax(filtered[inside]))]))
        if extra:
            peaks = np.unique(np.concatenate([peaks, np.asarray(extra, dtype=np.intp)]))
    return peaks


def ppg_beat_times(signal: Floats, fs: float) -> Floats:
    """Beat times in seconds from the start of a PPG sampled at `fs` Hz."""
    filtered = bandpass(as_floats(signal), fs, PULSE_LOW_HZ, PULSE_HIGH_HZ)
    peaks = ppg_peaks(filtered, fs)
    return refine(filtered, peaks) / fs


def ecg_beat_times(signal: Floats, fs: float) -> Floats:
    """R-peak times in seconds from the start of an ECG sampled at `fs` Hz."""
    x = as_floats(signal)
    if x.size < fs:
        return np.zeros(0)
    qrs = bandpass(x, fs, 5.0, min(20.0, 0.45 * fs), edge=2.0)
    slope = np.diff(qrs, prepend=qrs[0])
    width = max(1, int(0.12 * fs))
    energy = np.convolve(slope * slope, np.ones(width) / width, mode="same")
    candidates = local_maxima(energy)
    peaks = pick_peaks(energy, candidates, max(1, int(0.3 * fs)))
    if peaks.size == 0:
        return np.zeros(0)
    top = float(np.percentile(energy[peaks], 90))
    peaks = peaks[energy[peaks] >= 0.2 * top]
    # The R peak: the largest deflection of the band-passed ECG near each energy peak.
    reach = max(1, int(0.08 * fs))
    magnitude = np.abs(qrs)
    r_peaks = []
    for p in peaks.tolist():
        lo, hi = max(0, p - reach), min(x.size, p + reach + 1)
        r_peaks.append(lo + int(np.argmax(magnitude[lo:hi])))
    found = np.unique(np.asarray(r_peaks, dtype=np.intp))
    return refine(magnitude, found) / fs


def rr_beat_times(rr_ms: Floats) -> Floats:
    """Beat times in seconds from RR intervals in ms: the first beat at 0."""
    rr = as_floats(rr_ms)
    return np.concatenate([[0.0], np.cumsum(rr) / 1000.0])


def resample_uniform(times: Floats, values: Floats, fs: float) -> tuple[Floats, Floats]:
    """Irregular samples (camera frames) onto an even grid at `fs` Hz, by linear interpolation."""
    t = as_floats(times)
    v = as_floats(values)
    order = np.argsort(t, kind="stable")
    t, v = t[order], v[order]
    keep = np.concatenate([[True], np.diff(t) > 0])
    t, v = t[keep], v[keep]
    if t.size < 2:
        return t, v
    grid = np.arange(t[0], t[-1], 1.0 / fs)
    return grid, np.interp(grid, t, v)


def rate_bpm(beat_times: Floats) -> float | None:
    """Mean rate over the beats: 60 / mean interval (None for fewer than two beats)."""
    times = as_floats(beat_times)
    if times.size < 2 or times[-1] <= times[0]:
        return None
    return float(60.0 * (times.size - 1) / (times[-1] - times[0]))
