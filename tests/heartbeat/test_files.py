"""Reading recorded files: good files, and a clear message for each kind of bad one."""

import numpy as np
import pytest

from feelmap.heartbeat.analysis import analyze_recording
from feelmap.heartbeat.files import RecordingError, parse_recording


def test_csv_with_time_column_takes_the_rate_from_it():
    rec = parse_recording("time,ppg\n0,1\n0.02,2\n0.04,3\n")
    assert rec.kind == "ppg" and rec.rate == pytest.approx(50) and list(rec.values) == [1, 2, 3]


def test_csv_without_time_needs_the_rate():
    with pytest.raises(RecordingError, match="--rate HZ"):
        parse_recording("signal\n1\n2\n")
    assert parse_recording("signal\n1\n2\n", rate=30).rate == 30


def test_units_and_case_and_semicolons():
    rec = parse_recording("Time [s];ECG [uV]\n0;5\n0.001;6\n")
    assert rec.kind == "ecg" and rec.rate == pytest.approx(1000)


def test_wrong_columns_are_named():
    with pytest.raises(RecordingError, match="No signal column: the header has time, pulse"):
        parse_recording("time,pulse\n0,1\n")


def test_rate_disagreeing_with_time_column():
    with pytest.raises(RecordingError, match="says 50 samples a second but --rate says 30"):
        parse_recording("time,ppg\n0,1\n0.02,2\n0.04,3\n", rate=30)


def test_rate_out_of_range():
    with pytest.raises(RecordingError, match="outside what this reads"):
        parse_recording("ppg\n1\n", rate=1)


@pytest.mark.parametrize("text,message", [
    ("", "The file is empty."),
    ("\n# a comment\n", "The file is empty."),
    ("time,ppg\n", "a header but no samples"),
    ("rr\n", "a header but no RR intervals"),
])
def test_empty_files(text, message):
    with pytest.raises(RecordingError, match=message):
        parse_recording(text)


def test_bad_values_are_located():
    with pytest.raises(RecordingError, match="Line 3, column ppg: 'x' is not a number."):
        parse_recording("time,ppg\n0,1\n0.1,x\n")
    with pytest.raises(RecordingError, match="Line 3 has 1 values but the header has 2"):
        parse_recording("time,ppg\n0,1\n0.1\n")
    with pytest.raises(RecordingError, match="must increase"):
        parse_recording("time,ppg\n0,1\n0,2\n")


def test_rr_one_a_line_and_its_checks():
    rec = parse_recording("1000\n800\n1200\n")
    assert rec.kind == "rr" and list(rec.values) == [1000, 800, 1200]
    with pytest.raises(RecordingError, match="Line 2: 50 ms is not an RR interval"):
        parse_recording("1000\n50\n")
    with pytest.raises(RecordingError, match="not a ppg CSV"):
        parse_recording("1000\n800\n", kind="ppg")


def test_rr_analysis_and_window():
    text = "\n".join(["1000"] * 30)  # 31 beats at 0..30 s, 60 bpm
    result = analyze_recording(parse_recording(text), start=5, end=20).as_dict()
    assert result["beats"] == 16 and result["bpm"] == 60.0
    assert result["beat_times"][0] == 5.0 and result["quality"]["ok"]
    with pytest.raises(ValueError, match="outside the recording"):
        analyze_recording(parse_recording(text), start=20, end=10)


def test_csv_ppg_analysis_finds_the_known_beats():
    from feelmap.heartbeat.synthetic import simulate_ppg

    sim = simulate_ppg(30, 30, 80, noise=0.15, seed=4)
    text = "ppg\n" + "\n".join(f"{v:.5f}" for v in sim.signal)
    result = analyze_recording(parse_recording(text, rate=30)).as_dict()
    # A beat in the last few samples of a window can be missed (its peak is not complete).
    assert sim.beat_times.size - 1 <= result["beats"] <= sim.beat_times.size
    found = np.asarray(result["beat_times"])
    inner = found[(found > 1.0) & (found < 29.0)]  # the filter bends the first and last second
    nearest = np.abs(inner[:, None] - sim.beat_times[None, :]).min(axis=1)
    assert nearest.max() < 0.1  # within three samples at 30 Hz
