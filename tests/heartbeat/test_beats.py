"""Beat detection and quality on synthetic signals with known beats (the benchmark has the
broader figures); the thresholds here are loose bounds, not tuned results."""

import numpy as np
import pytest

from feelmap.heartbeat import beats as b
from feelmap.heartbeat.analysis import analyze_camera, analyze_signal, beats_between
from feelmap.heartbeat.synthetic import simulate_ppg


@pytest.mark.parametrize("fs", [30.0, 100.0])
@pytest.mark.parametrize("bpm", [50, 90, 140])
def test_ppg_beats_match_the_known_ones(fs, bpm):
    sim = simulate_ppg(30, fs, bpm, noise=0.15, seed=bpm)
    result = analyze_signal(sim.signal, fs, "ppg")
    assert result.quality.ok
    assert abs(len(result.beat_times) - sim.beat_times.size) <= 1
    assert result.bpm == pytest.approx(b.rate_bpm(sim.beat_times), abs=2)


def test_movement_shows_no_number():
    sim = simulate_ppg(30, 30, 70, noise=0.1, movement_bursts=1, seed=2)
    result = analyze_signal(sim.signal, 30, "ppg")
    assert result.quality.reason == "movement"
    assert result.as_dict()["bpm"] is None and result.as_dict()["beats"] is None


def test_noise_alone_shows_no_number():
    noise = np.random.default_rng(5).standard_normal(900)
    assert analyze_signal(noise, 30, "ppg").as_dict()["bpm"] is None


def test_too_short():
    sim = simulate_ppg(5, 30, 70, seed=1)
    assert analyze_signal(sim.signal, 30, "ppg").quality.reason == "too_short"


def test_ecg_r_peaks():
    fs = 500.0
    t = np.arange(int(20 * fs)) / fs
    r_times = np.arange(0.4, 20, 0.8)  # 75 bpm
    ecg = sum(np.exp(-0.5 * ((t - r) / 0.01) ** 2) for r in r_times)
    ecg = ecg + 0.2 * np.sin(2 * np.pi * 0.3 * t) + 0.02 * np.random.default_rng(0).standard_normal(t.size)
    result = analyze_signal(ecg, fs, "ecg")
    assert result.quality.ok
    assert np.abs(np.asarray(result.beat_times) - r_times).max() < 0.01


def _camera_frames(sim, red_level=180.0, green_level=30.0):
    times = np.arange(sim.signal.size) / sim.fs + 0.013 * np.sin(np.arange(sim.signal.size))
    dip = -1.5 * sim.signal  # brightness falls as the pulse rises
    return times.tolist(), (red_level + dip).tolist(), (green_level + 0.3 * dip).tolist(), [20.0] * sim.signal.size


def test_camera_series_with_uneven_frame_times():
    sim = simulate_ppg(20, 30, 84, noise=0.1, seed=9)
    result = analyze_camera(*_camera_frames(sim))
    assert result.quality.ok
    assert result.bpm == pytest.approx(b.rate_bpm(sim.beat_times), abs=3)


def test_camera_too_dark_and_no_finger():
    sim = simulate_ppg(20, 30, 84, noise=0.1, seed=9)
    t, r, g, bl = _camera_frames(sim, red_level=15, green_level=10)
    assert analyze_camera(t, r, g, bl).quality.reason == "too_dark"
    t, r, g, bl = _camera_frames(sim, red_level=120, green_level=130)
    assert analyze_camera(t, r, g, [140.0] * len(t)).quality.reason == "no_finger"


def test_beats_between_counts_half_open():
    assert beats_between([0.5, 1.0, 2.0, 3.0], 1.0, 3.0) == 2
