"""Scores against numbers worked out by hand."""

import pytest

from feelmap.heartbeat.scoring import (
    CountTrial,
    DiscriminationTrial,
    counting_scores,
    discrimination_scores,
    hart_accuracy,
    pearson,
    schandry_accuracy,
    type2_auc,
)


def test_schandry_and_hart_by_hand():
    # recorded 40, counted 30: Schandry 1 - 10/40 = 0.75; Hart 1 - 10/35 = 0.714285...
    assert schandry_accuracy(40, 30) == pytest.approx(0.75)
    assert hart_accuracy(40, 30) == pytest.approx(1 - 10 / 35)
    assert schandry_accuracy(40, 40) == hart_accuracy(40, 40) == 1.0


def test_both_can_go_below_zero():
    assert schandry_accuracy(20, 50) == pytest.approx(-0.5)  # 1 - 30/20
    assert hart_accuracy(20, 50) == pytest.approx(1 - 30 / 35)
    assert hart_accuracy(10, 0) == pytest.approx(-1.0)  # 1 - 10/5


def test_no_recorded_beats_cannot_be_scored():
    with pytest.raises(ValueError):
        hart_accuracy(0, 3)


def test_pearson_by_hand_and_undefined_without_spread():
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    # x 1,2,3,4 y 1,3,2,4: sxy 4, sxx 5, syy 5 -> 0.8
    assert pearson([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    assert pearson([5, 5, 5], [1, 2, 3]) is None


def _trials(pairs):
    return [CountTrial(seconds=s, recorded=r, counted=c, confidence=k) for s, r, c, k in pairs]


def test_counting_scores_by_hand():
    trials = _trials([(30, 40, 30, 50), (30, 40, 40, 90)])
    scores = counting_scores(trials, "schandry")
    assert scores.per_trial == pytest.approx((0.75, 1.0))
    assert scores.accuracy == pytest.approx(0.875)
    assert scores.other_method_accuracy == pytest.approx((1 - 10 / 35 + 1) / 2)
    assert scores.sensibility == 70
    assert scores.awareness is None  # two trials are too few


def test_awareness_needs_six_trials_and_is_the_correlation():
    pairs = [(30, 40, 40 - k, 100 - 10 * k) for k in range(6)]
    scores = counting_scores(_trials(pairs), "schandry")
    # accuracy 1 - k/40 and confidence 100 - 10k fall together: r = 1
    assert scores.awareness == pytest.approx(1.0)
    assert counting_scores(_trials(pairs[:5]), "schandry").awareness is None


def test_the_guess_comparison_counts_from_the_guessed_rate():
    # guessing 60 bpm over 30 s gives 30 beats; recorded 40 -> Hart 1 - 10/35
    scores = counting_scores(_trials([(30, 40, 12, 20)]), "hart", guess_bpm=60)
    assert scores.guess_accuracy == pytest.approx(1 - 10 / 35)


def test_type2_auc_by_hand():
    # right 80, 60 vs wrong 60, 20: pairs 80>60, 80>20, 60=60 (0.5), 60>20 -> 3.5/4
    assert type2_auc([80, 60], [60, 20]) == pytest.approx(0.875)
    assert type2_auc([80], []) is None


def test_discrimination_scores():
    trials = [DiscriminationTrial(delayed=i % 2 == 0, said_delayed=i % 3 == 0, confidence=10 * i)
              for i in range(10)]
    # correct where (i even) == (i multiple of 3): i = 0, 5?, ... count by hand:
    # i: 0 T/T ok, 1 F/F ok, 2 T/F, 3 F/T, 4 T/F, 5 F/F ok, 6 T/T ok, 7 F/F ok, 8 T/F, 9 F/T
    scores = discrimination_scores(trials)
    assert scores.correct == 5 and scores.share_correct == 0.5
    assert scores.sensibility == 45
    # right confidences 0,10,50,60,70; wrong 20,30,40,80,90
    assert scores.awareness == pytest.approx(type2_auc([0, 10, 50, 60, 70], [20, 30, 40, 80, 90]))
    assert discrimination_scores(trials[:9]).awareness is None
