"""The granularity measure: ICC(C,k) against pingouin, and its properties."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feelmap.insights import granularity as g


def _pingouin_icc_c(matrix: np.ndarray) -> tuple[float, float]:
    pd = pytest.importorskip("pandas")
    pg = pytest.importorskip("pingouin")
    n, k = matrix.shape
    long = pd.DataFrame(
        [(i, j, float(matrix[i, j])) for i in range(n) for j in range(k)],
        columns=["occasion", "emotion", "rating"],
    )
    table = pg.intraclass_corr(long, targets="occasion", raters="emotion", ratings="rating")
    # pingouin 0.7 names the two-way consistency ICC of k raters "ICC(C,k)" (formerly ICC3k).
    by_type = table.set_index("Type")["ICC"]
    return float(by_type["ICC(C,k)"]), float(by_type["ICC(C,1)"])


@pytest.mark.parametrize("seed", range(25))
def test_icc_matches_pingouin_on_random_matrices(seed):
    rng = np.random.default_rng(seed)
    n, k = int(rng.integers(3, 60)), int(rng.integers(2, 8))
    shared = rng.normal(size=(n, 1)) * rng.uniform(0, 3)
    matrix = np.clip(np.round(3 + shared + rng.normal(size=(n, k))), 0, 6)
    ours = g.icc_consistency(matrix.tolist())
    assert ours is not None
    theirs_k, theirs_1 = _pingouin_icc_c(matrix)
    assert ours.value == pytest.approx(theirs_k, abs=1e-9)
    assert ours.single == pytest.approx(theirs_1, abs=1e-9)


def test_icc_by_hand():
    # Rows move together exactly, with fixed item offsets: no error at all, ICC 1.
    perfect = [[1, 2, 3], [3, 4, 5], [5, 6, 7]]
    assert g.icc_consistency(perfect).value == pytest.approx(1.0)
    # Two occasions, two items. Row means 1.5 and 3.5 (grand 2.5): SS_rows = 2·(1+1) = 4;
    # column means 2 and 3: SS_cols = 2·(0.25+0.25) = 1; SS_total = 2.25+0.25+0.25+2.25 = 5;
    # SS_error 0 -> ICC 1. Swap one value to make error: [[1,2],[4,3]].
    # Rows 1.5, 3.5 -> SS_rows 4, MS_rows 4; cols 2.5, 2.5 -> 0; total 2.25+.25+2.25+.25 = 5;
    # SS_error = 1, MS_error = 1/(1·1) = 1 -> ICC(C,k) = (4-1)/4 = 0.75, ICC(C,1) = 3/5.
    found = g.icc_consistency([[1, 2], [4, 3]])
    assert found.value == pytest.approx(0.75)
    assert found.single == pytest.approx(0.6)


def test_icc_is_undefined_without_variation_or_enough_shape():
    assert g.icc_consistency([[2, 3], [2, 3], [2, 3]]) is None
    assert g.icc_consistency([[2, 3]]) is None
    assert g.icc_consistency([[2], [3]]) is None
    with pytest.raises(ValueError):
        g.icc_consistency([[1, float("nan")], [2, 3]])


matrices = st.integers(3, 25).flatmap(lambda n: st.integers(2, 6).flatmap(
    lambda k: st.lists(st.lists(st.integers(0, 6), min_size=k, max_size=k),
                       min_size=n, max_size=n)))


@settings(max_examples=150, deadline=None)
@given(matrices, st.randoms(use_true_random=False))
def test_icc_ignores_the_order_of_occasions_and_of_emotions(matrix, rnd):
    base = g.icc_consistency(matrix)
    rows = matrix[:]
    rnd.shuffle(rows)
    order = list(range(len(matrix[0])))
    rnd.shuffle(order)
    shuffled = [[row[j] for j in order] for row in rows]
    again = g.icc_consistency(shuffled)
    if base is None:
        assert again is None
    else:
        assert again.value == pytest.approx(base.value, abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(matrices)
def test_icc_is_at_most_one_and_granularity_within_zero_and_one(matrix):
    found = g.icc_consistency(matrix)
    if found is not None:
        assert found.value <= 1 + 1e-9
        assert found.single <= 1 + 1e-9
        assert 0.0 <= g.granularity_of(found.value) <= 1.0


@settings(max_examples=100, deadline=None)
@given(matrices, st.integers(0, 6), st.integers(1, 3))
def test_adding_a_constant_or_scaling_all_ratings_changes_nothing(matrix, shift, scale):
    base = g.icc_consistency(matrix)
    moved = g.icc_consistency([[v * scale + shift for v in row] for row in matrix])
    if base is None:
        assert moved is None
    else:
        assert moved.value == pytest.approx(base.value, abs=1e-9)


ITEMS = ("sad", "anxious", "angry")


def _occasions(rows, start=date(2026, 1, 1)):
    return [g.Occasion(start + timedelta(days=i), dict(zip(ITEMS, row, strict=False)))
            for i, row in enumerate(rows)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.integers(0, 6), min_size=3, max_size=3), min_size=0, max_size=30),
       st.lists(st.integers(0, 29), max_size=10))
def test_occasions_with_a_missing_rating_are_left_out(rows, gaps):
    complete = _occasions(rows)
    holed = [g.Occasion(o.day, {k: v for k, v in o.ratings.items() if k != "angry"})
             if i in gaps else o for i, o in enumerate(complete)]
    kept = [o for i, o in enumerate(complete) if i not in gaps]
    assert g.granularity(holed, ITEMS, "negative") == g.granularity(kept, ITEMS, "negative")


def test_not_enough_data_says_how_many_more():
    few = _occasions([[1, 2, 3], [4, 2, 1], [0, 0, 5]])
    found = g.granularity(few, ITEMS, "negative")
    assert not found.enough and found.score is None
    assert found.occasions == 3 and found.needed == g.MIN_OCCASIONS - 3
    rng = np.random.default_rng(1)
    many = _occasions(rng.integers(0, 7, size=(g.MIN_OCCASIONS, 3)).tolist())
    enough = g.granularity(many, ITEMS, "negative")
    assert enough.enough and enough.needed == 0
    assert enough.score == pytest.approx(g.granularity_of(enough.icc))


def test_valences_split_by_vocabulary_pleasantness():
    found = g.split_by_valence(["happy", "sad", "mystery", "calm"],
                               {"happy": 3.0, "sad": -3.0, "calm": 2.0})
    assert found == {"negative": ("sad",), "positive": ("happy", "calm")}


def test_rolling_windows_end_today_and_cover_the_history():
    rng = np.random.default_rng(2)
    start = date(2025, 1, 1)
    occasions = [g.Occasion(start + timedelta(days=i), dict(zip(ITEMS, map(int, row), strict=True)))
                 for i, row in enumerate(rng.integers(0, 7, size=(400, 3)))]
    today = start + timedelta(days=420)
    windows = g.rolling(occasions, {"negative": ITEMS, "positive": ()}, today=today)
    assert windows[-1].end == today
    assert windows[0].start <= start + timedelta(days=g.STEP_DAYS)
    assert all(b.end - a.end == timedelta(days=g.STEP_DAYS) for a, b in itertools.pairwise(windows))
    assert all(not w.positive.enough for w in windows)
    assert windows[-2].negative.enough
    assert g.rolling([], {"negative": ITEMS}, today=today) == []
