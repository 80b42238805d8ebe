"""Pure change sentences and chart geometry (no database)."""

from __future__ import annotations

from datetime import UTC, datetime

from feelmap.assessments.instruments import load_instrument
from feelmap.assessments.report import change_scales, compare, trend_chart


def test_it_describes_a_reliable_improvement_on_gad7():
    found = compare(load_instrument("gad7"), against="first", scale="total", before=16, after=8,
                    when=None)
    assert found.rci.reliable and found.rci.direction == "better"
    assert "went down by 8 points (16 → 8)" in found.sentence
    assert "standard deviation (3.4)" in found.sentence and "reliability (0.83)" in found.sentence
    assert "reliable change for the better" in found.sentence


def test_it_judges_phq9_by_the_published_six_point_criterion():
    phq9 = load_instrument("phq9")
    found = compare(phq9, against="first", scale="total", before=16, after=12, when=None)
    assert found.rci is None and found.meaningful == "no meaningful change"
    assert "a change of 6 points or more counts as a real change; this change is smaller" in found.sentence
    bigger = compare(phq9, against="first", scale="total", before=16, after=10, when=None)
    assert bigger.meaningful == "better" and "real change for the better" in bigger.sentence
    assert "NHS Talking Therapies" in phq9.meaningful_change.source


def test_it_calls_a_small_change_chance():
    found = compare(load_instrument("gad7"), against="previous", scale="total", before=8, after=10,
                    when=None)
    assert not found.rci.reliable
    assert "within what could happen by chance" in found.sentence


def test_it_uses_the_ten_point_rule_for_who5():
    found = compare(load_instrument("who5"), against="previous", scale="total", before=40, after=52,
                    when=None)
    assert found.rci is None and found.meaningful == "better"
    small = compare(load_instrument("who5"), against="previous", scale="total", before=40,
                    after=48, when=None)
    assert small.meaningful == "no meaningful change" and "this change is smaller" in small.sentence


def test_it_skips_unscored_values():
    assert compare(load_instrument("phq9"), against="first", scale="total", before=None, after=3,
                   when=None) is None


def test_it_compares_every_maia2_scale_without_rci():
    instrument = load_instrument("maia2")
    assert change_scales(instrument) == [s.key for s in instrument.subscales]
    found = compare(instrument, against="first", scale="noticing", before=2.5, after=3.0, when=None)
    assert found.rci is None and "Noticing went up by 0.5 points" in found.sentence


def test_it_lays_out_a_chart_over_the_whole_range():
    days = [datetime(2025, 1, d, tzinfo=UTC) for d in (1, 15, 29)]
    chart = trend_chart(list(zip(days, [21, 10.5, 0], strict=True)), 0, 21, title="GAD-7 total")
    top, bottom = chart.top, chart.bottom
    assert [p.y for p in chart.points] == [top, (top + bottom) / 2, bottom]
    assert chart.points[0].x == chart.left and chart.points[-1].x == chart.right
    assert "3 scores from 1 January 2025 (21) to 29 January 2025 (0)" in chart.description
    assert chart.y_ticks[0][1] == "0" and chart.y_ticks[-1][1] == "21"


def test_it_has_no_chart_without_scores_and_centres_a_single_one():
    assert trend_chart([], 0, 27, title="x") is None
    one = trend_chart([(datetime(2025, 1, 1, tzinfo=UTC), 5)], 0, 27, title="PHQ-9 total")
    assert "one score so far" in one.description
