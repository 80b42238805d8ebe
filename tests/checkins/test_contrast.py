"""The contrast question's learning: answers -> a bounded, shrunk, decaying family bias."""

import math

import pytest

from feelmap.checkins.contrast import (
    ANSWER_NUDGE,
    CAP,
    HALF_LIFE_DAYS,
    Answer,
    family_bias,
    weight,
    with_answer,
)


def chose(a, b, chosen, age=0.0):
    return Answer(a, b, chosen, age)


def test_no_answers_no_bias():
    assert family_bias([]) == {}


def test_not_sure_answers_add_no_bias():
    assert family_bias([chose("shame", "sadness", None)] * 20) == {}


def test_one_answer_moves_little_and_both_ways():
    bias = family_bias([chose("shame", "sadness", "shame")])
    assert 0 < bias["shame"] < CAP / 2
    assert bias["sadness"] == pytest.approx(-bias["shame"])
    assert set(bias) == {"shame", "sadness"}


def test_more_agreeing_answers_move_more_but_never_past_the_cap():
    one = family_bias([chose("shame", "sadness", "shame")])["shame"]
    three = family_bias([chose("shame", "sadness", "shame")] * 3)["shame"]
    many = family_bias([chose("shame", "sadness", "shame")] * 500)
    assert one < three <= CAP
    assert many["shame"] == CAP and many["sadness"] == -CAP


def test_mixed_answers_cancel_out():
    answers = [chose("fear", "anger", "fear"), chose("fear", "anger", "anger")] * 5
    assert family_bias(answers) == {}


def test_old_answers_count_less():
    recent = family_bias([chose("joy", "love", "joy", age=0)])["joy"]
    old = family_bias([chose("joy", "love", "joy", age=2 * HALF_LIFE_DAYS)])["joy"]
    assert 0 < old < recent
    assert weight(HALF_LIFE_DAYS) == pytest.approx(0.5)
    assert weight(0) == 1.0 and weight(-5) == 1.0  # a clock skew does not inflate
    assert weight(math.inf) == 0.0 and weight(math.nan) == 0.0


def test_it_ignores_answers_that_do_not_make_sense():
    answers = [chose("joy", "love", "fear"), chose("joy", "joy", "joy")]
    assert family_bias(answers) == {}


def test_the_answer_just_given_turns_the_list_toward_it():
    bias = with_answer({"joy": 0.2}, family_a="joy", family_b="love", chosen="love")
    assert bias == {"joy": pytest.approx(0.2 - ANSWER_NUDGE), "love": ANSWER_NUDGE}
    assert with_answer({"joy": 0.2}, family_a="joy", family_b="love", chosen=None) == {"joy": 0.2}
