import json
import math

import pytest

from feelmap.practices.pacer import (
    PATTERNS,
    PHASE_KINDS,
    Phase,
    phase_at,
    schedule,
    schedule_as_dict,
    schedule_as_json,
)

DURATIONS = [1, 2, 3, 5, 7, 10]


def expected_cycle(pattern):
    return PATTERNS[pattern].cycle


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
@pytest.mark.parametrize("minutes", DURATIONS)
def test_it_covers_exactly_the_session_without_gaps(pattern, minutes):
    phases = schedule(pattern, minutes)
    assert phases[0].start == 0.0
    for before, after in zip(phases, phases[1:], strict=False):
        assert after.start == before.end  # exact: durations are multiples of 0.5 s
    assert phases[-1].end == minutes * 60
    assert sum(p.duration for p in phases) == minutes * 60
    assert all(p.duration > 0 for p in phases)
    assert all(p.kind in PHASE_KINDS for p in phases)


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
@pytest.mark.parametrize("minutes", DURATIONS)
def test_it_follows_the_cycle_and_only_cuts_the_last_phase(pattern, minutes):
    cycle = expected_cycle(pattern)
    phases = schedule(pattern, minutes)
    for index, phase in enumerate(phases):
        kind, seconds = cycle[index % len(cycle)]
        assert phase.kind == kind
        if index < len(phases) - 1:
            assert phase.duration == seconds
        else:
            assert 0 < phase.duration <= seconds


@pytest.mark.parametrize("pattern", ["resonance", "longer-exhale"])
@pytest.mark.parametrize("minutes", range(1, 11))
def test_it_ends_on_a_whole_cycle_for_ten_second_patterns(pattern, minutes):
    phases = schedule(pattern, minutes)
    assert len(phases) == minutes * 6 * 2
    assert phases[-1].kind == "exhale"
    assert phases[-1].duration == expected_cycle(pattern)[-1][1]
    assert schedule_as_dict(pattern, minutes)["ends_mid_cycle"] is False


def test_it_lays_out_one_minute_of_resonance():
    phases = schedule("resonance", 1)
    assert phases[:3] == [
        Phase("inhale", 0.0, 5.0),
        Phase("exhale", 5.0, 5.0),
        Phase("inhale", 10.0, 5.0),
    ]
    assert phases[-1] == Phase("exhale", 55.0, 5.0)


def test_it_lays_out_ten_minutes_of_longer_exhale():
    phases = schedule("longer-exhale", 10)
    assert len(phases) == 120
    assert phases[1] == Phase("exhale", 4.0, 6.0)
    assert phases[-1] == Phase("exhale", 594.0, 6.0)


def test_it_cuts_box_after_one_minute_on_a_full_exhale():
    phases = schedule("box", 1)  # 3 whole cycles (48 s) + inhale, hold, exhale
    assert len(phases) == 15
    assert phases[-3:] == [
        Phase("inhale", 48.0, 4.0),
        Phase("hold-in", 52.0, 4.0),
        Phase("exhale", 56.0, 4.0),
    ]
    assert schedule_as_dict("box", 1)["ends_mid_cycle"] is True


def test_it_cuts_box_after_two_minutes_mid_cycle():
    phases = schedule("box", 2)  # 7 whole cycles (112 s) + inhale, hold
    assert len(phases) == 30
    assert phases[-2:] == [Phase("inhale", 112.0, 4.0), Phase("hold-in", 116.0, 4.0)]


def test_it_ends_box_on_a_whole_cycle_when_minutes_allow():
    for minutes in (4, 8):
        phases = schedule("box", minutes)
        assert phases[-1] == Phase("hold-out", minutes * 60 - 4.0, 4.0)
        assert len(phases) % 4 == 0
        assert schedule_as_dict("box", minutes)["ends_mid_cycle"] is False


def test_it_shortens_the_phase_in_progress_for_the_slower_resonance():
    one = schedule("resonance-5.5", 1)  # 5 cycles = 55 s, then an inhale cut to 5 s
    assert one[-1] == Phase("inhale", 55.0, 5.0)
    two = schedule("resonance-5.5", 2)  # 10 cycles = 110 s, inhale 5.5, exhale cut to 4.5
    assert two[-2:] == [Phase("inhale", 110.0, 5.5), Phase("exhale", 115.5, 4.5)]


@pytest.mark.parametrize("minutes", [0, 11, -1, 60])
def test_it_rejects_minutes_out_of_range(minutes):
    with pytest.raises(ValueError, match="from 1 to 10"):
        schedule("resonance", minutes)


@pytest.mark.parametrize("minutes", [2.5, 2.0, True, "3", None])
def test_it_rejects_minutes_that_are_not_whole_numbers(minutes):
    with pytest.raises(ValueError, match="whole number"):
        schedule("resonance", minutes)


def test_it_rejects_an_unknown_pattern_and_names_the_valid_ones():
    with pytest.raises(ValueError, match="box, longer-exhale, resonance"):
        schedule("square", 2)
    with pytest.raises(ValueError, match="Unknown breathing pattern"):
        schedule_as_json("", 2)


def test_it_describes_each_pattern():
    assert PATTERNS["resonance"].breaths_per_minute == 6.0
    assert PATTERNS["resonance-5.5"].breaths_per_minute == 5.45
    assert PATTERNS["box"].breaths_per_minute == 3.75
    assert PATTERNS["longer-exhale"].breaths_per_minute == 6.0
    assert dict(PATTERNS["box"].cycle) == {
        "inhale": 4.0,
        "hold-in": 4.0,
        "exhale": 4.0,
        "hold-out": 4.0,
    }
    for pattern in PATTERNS.values():
        assert pattern.label and pattern.based_on and pattern.description


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
@pytest.mark.parametrize("minutes", [1, 2, 10])
def test_it_finds_the_new_phase_at_every_boundary(pattern, minutes):
    phases = schedule(pattern, minutes)
    for phase in phases:
        assert phase_at(phases, phase.start) == (phase, 0.0)
        middle, progress = phase_at(phases, phase.start + phase.duration / 2)
        assert middle == phase
        assert progress == pytest.approx(0.5)


def test_it_reports_progress_within_a_phase():
    phases = schedule("box", 1)
    assert phase_at(phases, 1.0) == (phases[0], 0.25)
    assert phase_at(phases, 3.999)[0].kind == "inhale"
    assert phase_at(phases, 4.0) == (phases[1], 0.0)
    assert phase_at(phases, 8.0)[0].kind == "exhale"
    assert phase_at(phases, 12.0)[0].kind == "hold-out"
    assert phase_at(phases, 16.0)[0].kind == "inhale"
    assert phase_at(phases, 16.0)[0].start == 16.0


def test_it_clamps_before_the_start_and_after_the_end():
    phases = schedule("resonance", 1)
    assert phase_at(phases, -3) == (phases[0], 0.0)
    assert phase_at(phases, 60) == (phases[-1], 1.0)
    assert phase_at(phases, 1000.0) == (phases[-1], 1.0)
    # the end of a cut phase also reports full progress
    cut = schedule("resonance-5.5", 1)
    assert phase_at(cut, 59.999)[0] == cut[-1]
    assert phase_at(cut, 60) == (cut[-1], 1.0)


def test_it_rejects_bad_times_and_empty_schedules():
    phases = schedule("resonance", 1)
    with pytest.raises(ValueError, match="number of seconds"):
        phase_at(phases, math.nan)
    with pytest.raises(ValueError, match="number of seconds"):
        phase_at(phases, "5")
    with pytest.raises(ValueError, match="empty"):
        phase_at([], 0)


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
@pytest.mark.parametrize("minutes", [1, 2, 10])
def test_it_exports_the_same_schedule_as_json(pattern, minutes):
    data = json.loads(schedule_as_json(pattern, minutes))
    assert data["pattern"] == pattern
    assert data["minutes"] == minutes
    assert data["total_seconds"] == minutes * 60
    assert data["end_rule"] == "last-cycle-cut"
    assert [Phase(**p) for p in data["phases"]] == schedule(pattern, minutes)
    assert [(c["kind"], c["duration"]) for c in data["cycle"]] == list(PATTERNS[pattern].cycle)
    assert data["breaths_per_minute"] == PATTERNS[pattern].breaths_per_minute
    assert set(data["phase_labels"]) == set(PHASE_KINDS)
    assert data == schedule_as_dict(pattern, minutes)
