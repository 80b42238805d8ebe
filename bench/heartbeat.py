"""Heartbeat detection: accuracy on synthetic PPG with known beats, speed, and the real
recordings in the `systole` package's source distribution when they are on this machine.

    python bench/heartbeat.py [--seeds 10] [--systole /tmp/hbdl/systole/systole-0.3.1]

Synthetic: 30-s windows at 30 Hz and 100 Hz, heart rates 45-170 bpm, noise 0.05-0.6 of the
pulse amplitude, with and without movement bursts. Per window: beat-count error
|found - true| / true, and the rate error against the true beats' rate. "realistic" noise is
0.15 (camera fingertip at rest). Windows the quality check refuses show no number; their
share is reported, and accuracy is over the windows that show one.

Systole (Apache-2.0; fetch with `pip download --no-deps --no-binary :all: systole==0.3.1
-d /tmp/x` and untar; nothing from it is committed): there are no reference beat annotations,
so the figures are agreement between the 75 Hz PPG and the same PPG thinned to 30 Hz (a
detected beat matches when within 100 ms), the ECG at 1000 Hz against 250 Hz, and the rate
from rr.txt.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from feelmap.heartbeat import beats as b  # noqa: E402
from feelmap.heartbeat.analysis import analyze_signal  # noqa: E402
from feelmap.heartbeat.synthetic import simulate_ppg  # noqa: E402

RATES = (45, 60, 75, 90, 110, 130, 150, 170)
NOISES = (0.05, 0.15, 0.3, 0.6)


def synthetic(seeds: int) -> None:
    print("Synthetic PPG, 30-s windows; count error % (median / 95th pct / max), HR MAE bpm, "
          "share shown")
    for fs in (30.0, 100.0):
        for movement in (0, 1):
            for noise in NOISES:
                errors, maes, shown, total, anyway = [], [], 0, 0, []
                for bpm in RATES:
                    for seed in range(seeds):
                        sim = simulate_ppg(30, fs, bpm, noise=noise, movement_bursts=movement,
                                           seed=seed * 1000 + bpm)
                        result = analyze_signal(sim.signal, fs, "ppg")
                        total += 1
                        if not result.quality.ok:
                            anyway.append(abs(len(result.beat_times) - sim.beat_times.size)
                                          / sim.beat_times.size * 100)
                            continue
                        shown += 1
                        true = sim.beat_times.size
                        errors.append(abs(len(result.beat_times) - true) / true * 100)
                        maes.append(abs((result.bpm or 0) - (b.rate_bpm(sim.beat_times) or 0)))
                if errors:
                    print(f"  {fs:5.0f} Hz  movement={movement}  noise={noise:<4}  "
                          f"count err {statistics.median(errors):4.2f} / "
                          f"{np.percentile(errors, 95):4.2f} / {max(errors):5.2f} %   "
                          f"HR MAE {statistics.mean(maes):5.2f}   shown {shown}/{total}")
                else:
                    print(f"  {fs:5.0f} Hz  movement={movement}  noise={noise:<4}  shown 0/{total}"
                          f" (had they been shown: median count error "
                          f"{statistics.median(anyway):.1f}%, max {max(anyway):.1f}%)")


def speed() -> None:
    sim = simulate_ppg(60, 30, 75, noise=0.15, seed=1)
    analyze_signal(sim.signal, 30, "ppg")
    runs = []
    for _ in range(50):
        start = time.perf_counter()
        analyze_signal(sim.signal, 30, "ppg")
        runs.append((time.perf_counter() - start) * 1000)
    print(f"Speed: 60 s at 30 Hz, analysis (filter, beats, quality): median "
          f"{statistics.median(runs):.2f} ms, max {max(runs):.2f} ms over 50 runs")
    from feelmap.heartbeat.analysis import analyze_camera

    frames = sim.signal.size
    times = (np.arange(frames) / 30 + 0.004 * np.sin(np.arange(frames))).tolist()
    red = (180 - 2 * sim.signal).tolist()
    green = (40 - 0.5 * sim.signal).tolist()
    blue = [30.0] * frames
    runs = []
    for _ in range(50):
        start = time.perf_counter()
        analyze_camera(times, red, green, blue)
        runs.append((time.perf_counter() - start) * 1000)
    print(f"Speed: 60 s of camera frames (mean RGB at uneven times, both channels tried): "
          f"median {statistics.median(runs):.2f} ms, max {max(runs):.2f} ms over 50 runs")


def _matches(a: np.ndarray, c: np.ndarray, tolerance: float) -> int:
    if a.size == 0 or c.size == 0:
        return 0
    idx = np.clip(np.searchsorted(c, a), 1, c.size - 1)
    nearest = np.minimum(np.abs(c[idx] - a), np.abs(c[idx - 1] - a))
    return int((nearest <= tolerance).sum())


def real(folder: Path) -> None:
    data = folder / "src" / "systole" / "datasets"
    if not (data / "ppg.npy").exists():
        print(f"Systole recordings: not found under {data}; skipped.")
        return
    ppg = np.load(data / "ppg.npy").astype(np.float64)
    fs = 75.0
    whole = analyze_signal(ppg, fs, "ppg")
    print(f"Systole ppg.npy: {ppg.size / fs:.0f} s at 75 Hz: {len(whole.beat_times)} beats, "
          f"{whole.bpm:.1f} bpm, quality {whole.quality.reason}")
    window = int(30 * fs)
    agree, counts, shown = [], [], 0
    for start in range(0, ppg.size - window + 1, window):
        piece = ppg[start : start + window]
        high = analyze_signal(piece, fs, "ppg")
        thin_t = np.arange(0, piece.size / fs, 1 / 30.0)
        thin = np.interp(thin_t, np.arange(piece.size) / fs, piece)
        low = analyze_signal(thin, 30.0, "ppg")
        if high.quality.ok and low.quality.ok:
            shown += 1
            h, lo_ = np.asarray(high.beat_times), np.asarray(low.beat_times)
            agree.append(_matches(h, lo_, 0.1) / max(h.size, 1) * 100)
            counts.append(abs(lo_.size - h.size) / h.size * 100)
    print(f"  30-s windows shown at both rates: {shown}; 30 Hz vs 75 Hz beats matched within "
          f"100 ms: median {statistics.median(agree):.1f}% (min {min(agree):.1f}%); count "
          f"difference median {statistics.median(counts):.2f}% (max {max(counts):.2f}%)")
    ecg = np.load(data / "Task1_ECG.npy").astype(np.float64)[: 1000 * 300]
    start = time.perf_counter()
    full = analyze_signal(ecg, 1000.0, "ecg")
    took = (time.perf_counter() - start) * 1000
    thin = ecg[::4]
    quarter = analyze_signal(thin, 250.0, "ecg")
    m = _matches(np.asarray(full.beat_times), np.asarray(quarter.beat_times), 0.02)
    print(f"Systole Task1_ECG.npy, first 300 s at 1000 Hz: {len(full.beat_times)} R peaks, "
          f"{full.bpm:.1f} bpm, quality {full.quality.reason}, {took:.0f} ms; at 250 Hz "
          f"{len(quarter.beat_times)} peaks, {m} within 20 ms of the 1000 Hz ones")
    rr_lines = (data / "rr.txt").read_text()
    from feelmap.heartbeat.analysis import analyze_recording
    from feelmap.heartbeat.files import parse_recording

    rr = analyze_recording(parse_recording(rr_lines, kind="rr"))
    print(f"Systole rr.txt (--kind rr): {len(rr.beat_times)} beats, {rr.bpm:.1f} bpm, "
          f"quality {rr.quality.reason}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--systole", type=Path, default=Path("/tmp/hbdl/systole/systole-0.3.1"))
    args = parser.parse_args()
    synthetic(args.seeds)
    speed()
    real(args.systole)


if __name__ == "__main__":
    main()
