"""The body atlas and the sensation → feeling table, with hand-checked numbers."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feelmap.insights import body
from feelmap.insights.facts import CheckInFacts, Named, Sensed

FEAR = Named("anxious", "fear", 2)
JOY = Named("happy", "joy", 1)
T0 = datetime(2026, 3, 1, 9)


def _c(i, words, sensations):
    return CheckInFacts(when=T0 + timedelta(hours=i), words=tuple(words),
                        sensations=tuple(Sensed(r, q) for r, q in sensations))


def test_strength_is_the_beta_posterior_mean_by_hand():
    # k=1 of n=1, family base rate 0.2, prior weight 4: (1 + 0.8) / (1 + 4) = 0.36.
    s = body.strength(1, 1, 0.2, "fear")
    assert s.raw == 1.0
    assert s.estimate == pytest.approx(0.36)
    assert s.low < 0.36 < s.high
    # With no observations the estimate is the base rate itself.
    assert body.strength(0, 0, 0.25).estimate == pytest.approx(0.25)
    # 8 of 10 with base 0.5: (8 + 2) / (10 + 4) = 10/14.
    assert body.strength(8, 10, 0.5).estimate == pytest.approx(10 / 14)


def test_small_counts_give_wide_intervals_and_large_counts_narrow_ones():
    small = body.strength(2, 2, 0.3)
    large = body.strength(200, 200, 0.3)
    assert small.high - small.low > 0.4
    assert large.high - large.low < 0.05
    assert small.estimate < large.estimate  # one or two agreeing check-ins are not "always"


def test_beta_interval_matches_known_quantiles():
    # Beta(1, 1) is uniform: the central 90% is 0.05 to 0.95.
    low, high = body.beta_interval(1, 1)
    assert low == pytest.approx(0.05, abs=2e-3) and high == pytest.approx(0.95, abs=2e-3)
    # Beta(2, 1) has CDF x²: quantiles sqrt(0.05) and sqrt(0.95).
    low, high = body.beta_interval(2, 1)
    assert low == pytest.approx(0.05 ** 0.5, abs=2e-3)
    assert high == pytest.approx(0.95 ** 0.5, abs=2e-3)


def test_translation_table_by_hand():
    checkins = (
        [_c(i, [FEAR], [("chest", "tightness")]) for i in range(4)]
        + [_c(10 + i, [JOY], [("chest", "tightness"), ("chest", "warmth")]) for i in range(2)]
        + [_c(20 + i, [JOY], [("chest", "warmth")]) for i in range(4)]
        + [_c(30, [], [("chest", "tightness")])]  # no words: not in the table
    )
    rows = body.translation_table(checkins, minimum=5)
    assert [(r.region, r.quality, r.count) for r in rows] == [
        ("chest", "tightness", 6), ("chest", "warmth", 6)]
    tight = rows[0]
    fear, joy = tight.families
    assert (fear.family, fear.count, fear.of) == ("fear", 4, 6)
    # base rates over the 10 relevant check-ins: fear 0.4, joy 0.6.
    assert fear.estimate == pytest.approx((4 + 4 * 0.4) / (6 + 4))
    assert joy.estimate == pytest.approx((2 + 4 * 0.6) / (6 + 4))
    warmth = rows[1]
    assert [s.family for s in warmth.families] == ["joy"]
    assert warmth.families[0].estimate == pytest.approx((6 + 4 * 0.6) / 10)


def test_the_atlas_counts_regions_once_per_check_in():
    checkins = [_c(0, [FEAR], [("chest", "tightness"), ("chest", "fluttering"),
                               ("belly", "fluttering")]),
                _c(1, [FEAR, JOY], [("chest", "warmth")]),
                _c(2, [FEAR], [])]
    found = body.atlas(checkins)
    fear = found["fear"]
    assert fear.checkins == 2
    assert [(h.region, h.count, h.share) for h in fear.regions] == [
        ("chest", 2, 1.0), ("belly", 1, 0.5)]
    assert dict(fear.regions[0].qualities) == {"tightness": 1, "fluttering": 1, "warmth": 1}
    assert found["joy"].checkins == 1
    assert body.concentration(fear) == 1.0 and body.concentration(None) is None


facts = st.lists(st.tuples(
    st.lists(st.sampled_from([FEAR, JOY, Named("sad", "sadness", 1)]), max_size=2, unique=True),
    st.lists(st.tuples(st.sampled_from(["chest", "belly", "throat"]),
                       st.sampled_from(["tightness", "warmth"])), max_size=3, unique=True),
), max_size=40)


@settings(max_examples=80, deadline=None)
@given(facts, st.randoms(use_true_random=False))
def test_table_is_bounded_and_ignores_order(rows, rnd):
    checkins = [_c(i, w, s) for i, (w, s) in enumerate(rows)]
    table = body.translation_table(checkins, minimum=2)
    shuffled = checkins[:]
    rnd.shuffle(shuffled)
    assert body.translation_table(shuffled, minimum=2) == table
    for row in table:
        for s in row.families:
            assert 0 <= s.low <= s.estimate <= s.high <= 1
            assert s.count <= s.of == row.count
