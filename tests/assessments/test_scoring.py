"""Scoring, missing answers, bands, reliable change and the safety flag, on plain data."""

import copy
import math

import pytest

from feelmap.assessments.instruments import build, load_instrument, read_raw
from feelmap.assessments.scoring import (
    item_score,
    meaningful_change,
    reliable_change,
    safety_flag,
    score,
)

PHQ9 = load_instrument("phq9")
GAD7 = load_instrument("gad7")
WHO5 = load_instrument("who5")
PAQ = load_instrument("paq")
MAIA2 = load_instrument("maia2")


def _all(instrument, value):
    return {item.number: value for item in instrument.scored_items}


def _summing_to(instrument, total):
    """Answers whose plain sum is `total`, filling questions from the first one."""
    answers, left = {}, total
    for item in instrument.scored_items:
        answers[item.number] = min(item.max_value, left)
        left -= answers[item.number]
    assert left == 0
    return answers


# --- PHQ-9 -----------------------------------------------------------------------------------


def test_it_scores_phq9_all_minimum():
    result = score(PHQ9, _all(PHQ9, 0))
    assert (result.total, result.total_range, result.band.label) == (0, (0, 27), "Minimal")
    assert result.complete and result.missing == () and not result.prorated
    assert result.policy.startswith("All questions were answered")


def test_it_scores_phq9_all_maximum():
    result = score(PHQ9, _all(PHQ9, 3))
    assert (result.total, result.band.label) == (27, "Severe")


def test_it_scores_a_mixed_phq9_by_hand():
    answers = {1: 1, 2: 2, 3: 3, 4: 0, 5: 1, 6: 2, 7: 0, 8: 1, 9: 0}
    result = score(PHQ9, answers)
    assert result.total == 10  # 1+2+3+0+1+2+0+1+0
    assert result.band.label == "Moderate"
    assert result.band.explanation


@pytest.mark.parametrize(
    ("total", "label"),
    [
        (4, "Minimal"),
        (5, "Mild"),
        (9, "Mild"),
        (10, "Moderate"),
        (14, "Moderate"),
        (15, "Moderately severe"),
        (19, "Moderately severe"),
        (20, "Severe"),
    ],
)
def test_it_puts_phq9_band_boundaries_in_the_right_band(total, label):
    result = score(PHQ9, _summing_to(PHQ9, total))
    assert (result.total, result.band.label) == (total, label)


def test_it_ignores_phq9_question_10_in_the_total():
    answers = _all(PHQ9, 1)
    assert score(PHQ9, answers).total == 9
    assert score(PHQ9, {**answers, 10: 3}).total == 9
    assert score(PHQ9, answers).complete  # question 10 is optional


def test_it_prorates_phq9_with_one_missing_answer():
    answers = {1: 1, 2: 2, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1}  # 9 left out, sum 9
    result = score(PHQ9, answers)
    assert result.total == 10  # 9 * 9 / 8 = 10.125, rounded
    assert result.missing == (9,) and not result.complete and result.prorated
    assert "estimated" in result.policy
    assert "safety question (9) was not answered" in result.policy


def test_it_rounds_a_prorated_half_point_up():
    answers = {1: 1, 2: 1, 3: 1, 4: 1, 5: 0, 6: 0, 7: 0, 8: 0}  # 4 * 9 / 8 = 4.5
    result = score(PHQ9, answers)
    assert (result.total, result.band.label) == (5, "Mild")


def test_it_does_not_score_phq9_with_two_missing_answers():
    answers = _all(PHQ9, 2)
    del answers[3], answers[7]
    result = score(PHQ9, answers)
    assert result.total is None and result.band is None
    assert result.missing == (3, 7)
    assert "2 questions (3 and 7) were not answered" in result.policy
    assert "No total could be given" in result.policy


def test_it_treats_none_as_not_answered():
    answers = {**_all(PHQ9, 1), 4: None}
    assert score(PHQ9, answers).missing == (4,)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({11: 1}, "PHQ-9 has no question 11"),
        ({0: 1}, "PHQ-9 has no question 0"),
        ({"1": 1}, "PHQ-9 has no question '1'"),
        ({1: 4}, "question 1: 4 is not a valid answer; choose one of 0, 1, 2, 3"),
        ({1: -1}, "question 1: -1 is not a valid answer"),
        ({1: "2"}, "question 1: '2' is not a valid answer"),
        ({1: 1.0}, "question 1: 1.0 is not a valid answer"),
        ({1: True}, "question 1: True is not a valid answer"),
        ({10: 4}, "question 10: 4 is not a valid answer"),
    ],
)
def test_it_rejects_bad_phq9_answers(answers, message):
    with pytest.raises(ValueError, match=message):
        score(PHQ9, answers)


def test_it_rejects_answers_that_are_not_a_mapping():
    with pytest.raises(ValueError, match="mapping"):
        score(PHQ9, [1, 2, 3])


# --- safety ----------------------------------------------------------------------------------


def test_it_raises_the_safety_flag_when_question_9_is_above_not_at_all():
    for value in (1, 2, 3):
        assert safety_flag(PHQ9, {**_all(PHQ9, 0), 9: value})


def test_it_leaves_the_safety_flag_down_for_not_at_all_or_no_answer():
    assert not safety_flag(PHQ9, _all(PHQ9, 0))
    assert not safety_flag(PHQ9, {**_all(PHQ9, 3), 9: 0})
    assert not safety_flag(PHQ9, {1: 3})


def test_it_has_no_safety_flag_for_other_instruments():
    assert not safety_flag(GAD7, _all(GAD7, 3))
    assert not safety_flag(WHO5, _all(WHO5, 0))


def test_it_validates_answers_before_the_safety_check():
    with pytest.raises(ValueError):
        safety_flag(PHQ9, {9: 5})


# --- GAD-7 -----------------------------------------------------------------------------------


def test_it_scores_gad7_minimum_maximum_and_a_mixed_case():
    assert score(GAD7, _all(GAD7, 0)).total == 0
    assert score(GAD7, _all(GAD7, 3)).band.label == "Severe"
    assert score(GAD7, _all(GAD7, 3)).total == 21
    mixed = score(GAD7, {1: 3, 2: 2, 3: 1, 4: 0, 5: 2, 6: 1, 7: 3})
    assert (mixed.total, mixed.band.label) == (12, "Moderate")


@pytest.mark.parametrize(
    ("total", "label"),
    [
        (4, "Minimal"),
        (5, "Mild"),
        (9, "Mild"),
        (10, "Moderate"),
        (14, "Moderate"),
        (15, "Severe"),
    ],
)
def test_it_puts_gad7_band_boundaries_in_the_right_band(total, label):
    assert score(GAD7, _summing_to(GAD7, total)).band.label == label


def test_it_prorates_gad7_with_one_missing_answer_only():
    answers = {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 2}  # sum 7, 7 * 7 / 6 = 8.17
    assert score(GAD7, answers).total == 8
    del answers[6]
    assert score(GAD7, answers).total is None


# --- WHO-5 -----------------------------------------------------------------------------------


def test_it_scores_who5_as_raw_times_four():
    low, high = score(WHO5, _all(WHO5, 0)), score(WHO5, _all(WHO5, 5))
    assert (low.raw_total, low.total, low.band.label) == (0, 0, "Very low well-being")
    assert (high.raw_total, high.total, high.band.label) == (25, 100, "Not in the low range")
    mixed = score(WHO5, {1: 5, 2: 4, 3: 3, 4: 2, 5: 1})
    assert (mixed.raw_total, mixed.total) == (15, 60)


@pytest.mark.parametrize(
    ("raw", "percent", "label"),
    [
        (7, 28, "Very low well-being"),
        (8, 32, "Low well-being"),
        (12, 48, "Low well-being"),
        (13, 52, "Not in the low range"),
    ],
)
def test_it_puts_who5_thresholds_in_the_right_band(raw, percent, label):
    result = score(WHO5, _summing_to(WHO5, raw))
    assert (result.total, result.band.label) == (percent, label)


def test_it_does_not_score_who5_with_any_missing_answer():
    answers = _all(WHO5, 4)
    del answers[5]
    result = score(WHO5, answers)
    assert result.total is None and result.raw_total is None and result.band is None
    assert "1 question (5) was not answered" in result.policy


def test_it_judges_who5_meaningful_change_at_ten_points():
    assert meaningful_change(WHO5, 40, 52) == "better"
    assert meaningful_change(WHO5, 60, 48) == "worse"
    assert meaningful_change(WHO5, 52, 44) == "no meaningful change"
    assert meaningful_change(WHO5, 40, 50) == "better"
    assert meaningful_change(WHO5, None, 50) is None
    assert meaningful_change(GAD7, 20, 5) is None


def test_it_judges_phq9_change_by_the_six_point_criterion():
    # NHS Talking Therapies: 6 points or more is a reliable change on the PHQ-9; no RCI is
    # computed from a general-population SD (that would call about 4 points reliable).
    assert reliable_change(PHQ9, 15, 8) is None
    assert meaningful_change(PHQ9, 15, 9) == "better"
    assert meaningful_change(PHQ9, 15, 10) == "no meaningful change"
    assert meaningful_change(PHQ9, 10, 14) == "no meaningful change"
    assert meaningful_change(PHQ9, 10, 16) == "worse"


# --- PAQ -------------------------------------------------------------------------------------

PAQ_MIXED = {n: n % 7 + 1 for n in range(1, 25)}


def test_it_scores_paq_all_minimum_and_maximum():
    low, high = score(PAQ, _all(PAQ, 1)), score(PAQ, _all(PAQ, 7))
    assert (low.total, high.total) == (24, 168)
    assert low.subscales["n_dif"] == 4 and high.subscales["n_dif"] == 28
    assert low.subscales["g_eot"] == 8 and high.subscales["g_eot"] == 56
    assert low.subscales["g_daf"] == 16 and high.subscales["g_daf"] == 112
    assert low.band is None  # the PAQ has no published cut-off


def test_it_scores_each_paq_subscale_and_composite_by_hand():
    result = score(PAQ, PAQ_MIXED)
    assert result.subscales == {
        "n_dif": 13,  # items 2, 8, 14, 20 -> 3 + 2 + 1 + 7
        "p_dif": 18,  # items 5, 11, 17, 23 -> 6 + 5 + 4 + 3
        "n_ddf": 16,  # items 1, 7, 13, 19 -> 2 + 1 + 7 + 6
        "p_ddf": 14,  # items 4, 10, 16, 22 -> 5 + 4 + 3 + 2
        "g_eot": 32,  # items 3, 6, 9, 12, 15, 18, 21, 24 -> 4+7+3+6+2+5+1+4
        "g_dif": 31,
        "g_ddf": 30,
        "n_daf": 29,
        "p_daf": 32,
        "g_daf": 61,
    }
    assert result.total == 93


def test_it_leaves_paq_parts_with_a_missing_answer_unscored():
    answers = dict(PAQ_MIXED)
    del answers[2]  # an N-DIF statement
    result = score(PAQ, answers)
    assert result.total is None
    assert set(result.unscored_subscales) == {"n_dif", "g_dif", "n_daf", "g_daf"}
    assert result.subscales["p_dif"] == 18 and result.subscales["g_eot"] == 32
    assert "Not scored: Negative-Difficulty identifying feelings (N-DIF)" in result.policy


def test_it_rejects_a_paq_answer_outside_one_to_seven():
    with pytest.raises(ValueError, match="choose one of 1, 2, 3, 4, 5, 6, 7"):
        score(PAQ, {1: 0})


# --- MAIA-2 ----------------------------------------------------------------------------------


def test_it_reverses_maia2_items_as_five_minus_the_answer():
    assert item_score(MAIA2.item(5), 1) == 4
    assert item_score(MAIA2.item(15), 5) == 0
    assert item_score(MAIA2.item(13), 1) == 1  # not reversed


def test_it_scores_maia2_all_minimum_and_maximum_with_reversals():
    low, high = score(MAIA2, _all(MAIA2, 0)), score(MAIA2, _all(MAIA2, 5))
    assert low.subscales["noticing"] == 0 and high.subscales["noticing"] == 5
    assert low.subscales["not_distracting"] == 5 and high.subscales["not_distracting"] == 0
    assert low.subscales["not_worrying"] == 3 and high.subscales["not_worrying"] == 2
    assert low.subscales["trusting"] == 0 and high.subscales["trusting"] == 5
    assert low.total is None and low.band is None  # no total, no cut-offs


def test_it_scores_each_maia2_scale_by_hand():
    result = score(MAIA2, {n: n % 6 for n in range(1, 38)})
    expected = {
        "noticing": 10 / 4,  # 1 + 2 + 3 + 4
        "not_distracting": 15 / 6,  # 5,0,1,2,3,4 reversed -> 0,5,4,3,2,1
        "not_worrying": 10 / 5,  # 11r 5->0, 12r 0->5, 13: 1, 14: 2, 15r 3->2
        "attention_regulation": 19 / 7,  # 4+5+0+1+2+3+4
        "emotional_awareness": 11 / 5,  # 5+0+1+2+3
        "self_regulation": 10 / 4,  # 4+5+0+1
        "body_listening": 9 / 3,  # 2+3+4
        "trusting": 6 / 3,  # 5+0+1
    }
    assert result.subscales == pytest.approx(expected)


def test_it_averages_maia2_scales_with_at_least_half_answered():
    answers = _all(MAIA2, 4)
    del answers[1], answers[2]  # noticing: 2 of 4 answered
    del answers[35], answers[36]  # trusting: 1 of 3 answered
    result = score(MAIA2, answers)
    assert result.subscales["noticing"] == 4
    assert result.subscales["trusting"] is None
    assert result.unscored_subscales == ("trusting",)
    assert result.missing == (1, 2, 35, 36) and result.prorated
    assert "Not scored: Trusting" in result.policy


# --- reliable change -------------------------------------------------------------------------


def test_it_computes_a_reliable_change_index_by_hand():
    result = reliable_change(GAD7, 15, 8)
    s_diff = 3.4 * math.sqrt(2) * math.sqrt(1 - 0.83)
    assert result.s_diff == pytest.approx(s_diff) == pytest.approx(1.9825, abs=1e-4)
    assert result.rci == pytest.approx(-7 / s_diff)
    assert result.threshold == pytest.approx(1.96 * s_diff)
    assert (result.reliable, result.direction, result.change) == (True, "better", -7)
    assert (result.sd, result.reliability) == (3.4, 0.83)
    assert "Löwe" in result.source and "Spitzer" in result.source


def test_it_calls_a_rise_worse_and_a_small_change_unreliable():
    assert reliable_change(GAD7, 10, 14).direction == "worse"  # RCI 2.02
    small = reliable_change(GAD7, 10, 13)  # RCI 1.51
    assert (small.reliable, small.direction) == (False, "no reliable change")


def test_it_computes_gad7_reliable_change_by_hand():
    result = reliable_change(GAD7, 12, 8)
    s_diff = 3.4 * math.sqrt(2) * math.sqrt(1 - 0.83)
    assert result.rci == pytest.approx(-4 / s_diff) == pytest.approx(-2.0177, abs=1e-4)
    assert result.direction == "better"
    assert reliable_change(GAD7, 12, 9).direction == "no reliable change"


def test_it_accepts_scores_for_reliable_change():
    before = score(GAD7, _summing_to(GAD7, 18))
    after = score(GAD7, _summing_to(GAD7, 6))
    assert reliable_change(GAD7, before, after).direction == "better"


def test_it_refuses_to_compare_scores_of_another_instrument():
    with pytest.raises(ValueError, match="Cannot compare a gad7 score on the PHQ-9"):
        reliable_change(PHQ9, score(GAD7, _all(GAD7, 1)), 10)


def test_it_treats_higher_as_better_where_the_instrument_says_so():
    raw = copy.deepcopy(read_raw("who5"))
    raw["reliable_change"]["scales"]["total"] = {
        "sd": 10.0,
        "reliability": 0.8,
        "sd_source": "test",
        "reliability_source": "test",
    }
    who5_with_rci = build(raw)
    assert reliable_change(who5_with_rci, 40, 60).direction == "better"
    assert reliable_change(who5_with_rci, 60, 40).direction == "worse"


def test_it_returns_no_rci_without_published_parameters_or_scores():
    assert reliable_change(WHO5, 40, 80) is None
    assert reliable_change(PAQ, 100, 60) is None
    assert reliable_change(MAIA2, 1.0, 4.0, scale_key="trusting") is None
    assert reliable_change(PHQ9, None, 10) is None
    unscored = score(PHQ9, {1: 1})
    assert reliable_change(PHQ9, unscored, 10) is None


def test_it_refuses_reliable_change_for_an_unknown_scale():
    with pytest.raises(KeyError):
        reliable_change(PAQ, 10, 20, scale_key="nope")
    with pytest.raises(KeyError):
        reliable_change(MAIA2, 1, 2)  # MAIA-2 has no total
