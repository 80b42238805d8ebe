"""Program choice from PAQ and MAIA-2 results: a table of cases (pure, no database)."""

import pytest

from feelmap.program.content import load_reasons
from feelmap.program.tailoring import tailor

# PAQ subscales are sums of 4 (DIF, DDF) or 8 (G-EOT) answers from 1 to 7.
EVEN = {"n_dif": 16, "p_dif": 16, "n_ddf": 16, "p_ddf": 16, "g_eot": 24}
MAIA_MID = {"noticing": 3.0, "body_listening": 3.0, "emotional_awareness": 3.0, "not_worrying": 3.0}

CASES = [
    # (name, paq, maia, start week, emphasis, reasons)
    ("nothing answered", None, None, 1, (), ("no_results",)),
    ("only an even PAQ", EVEN, None, 1, (), ("body_default", "both")),
    ("quiet body", None, {**MAIA_MID, "noticing": 1.0, "body_listening": 2.0}, 1, ("body",),
     ("body_quiet",)),
    ("clear body starts at the grid", None,
     {**MAIA_MID, "noticing": 4.0, "emotional_awareness": 3.5}, 3, (), ("body_clear",)),
    ("clear noticing but low emotional awareness stays at the body", None,
     {**MAIA_MID, "noticing": 4.5, "emotional_awareness": 2.0}, 1, (), ("body_default",)),
    ("identifying harder than describing", {**EVEN, "n_dif": 24, "p_dif": 22}, MAIA_MID, 1,
     ("identifying",), ("body_default", "identifying")),
    ("describing harder", {**EVEN, "n_ddf": 24, "p_ddf": 23}, MAIA_MID, 1,
     ("describing",), ("body_default", "describing")),
    ("unpleasant feelings harder to identify and describe", {**EVEN, "n_dif": 22, "n_ddf": 22},
     MAIA_MID, 1, ("negative",), ("body_default", "both", "negative")),
    ("a gap just under 0.75 per statement counts as even",
     {**EVEN, "n_dif": 18, "p_dif": 19}, MAIA_MID, 1, (), ("body_default", "both")),
    ("exactly 0.75 per statement counts", {**EVEN, "n_dif": 19, "p_dif": 19}, MAIA_MID, 1,
     ("identifying",), ("body_default", "identifying")),
    ("pleasant feelings harder", {**EVEN, "p_dif": 24, "p_ddf": 24}, MAIA_MID, 1,
     ("positive",), ("body_default", "both", "positive")),
    ("outward attention", {**EVEN, "g_eot": 44}, MAIA_MID, 1, ("attention",),
     ("body_default", "both", "attention")),
    ("worrying body sensations ask for gentleness",
     EVEN, {**MAIA_MID, "not_worrying": 1.5}, 1, ("gentle",), ("body_default", "both", "gentle")),
    ("quiet body, identifying, gentle",
     {**EVEN, "n_dif": 26, "p_dif": 26, "n_ddf": 20, "p_ddf": 20},
     {"noticing": 1.0, "body_listening": 1.2, "emotional_awareness": 1.0, "not_worrying": 1.0},
     1, ("body", "gentle", "identifying"), ("body_quiet", "identifying", "gentle")),
]


@pytest.mark.parametrize(("name", "paq", "maia", "week", "emphasis", "reasons"), CASES,
                         ids=[c[0] for c in CASES])
def test_it_chooses_from_the_results(name, paq, maia, week, emphasis, reasons):
    chosen = tailor(paq, maia)
    assert chosen.start_week == week
    assert chosen.emphasis == emphasis
    assert chosen.reasons == reasons


def test_every_reason_it_can_give_has_words():
    known = {r.key for r in load_reasons().reasons}
    for case in CASES:
        assert set(tailor(case[1], case[2]).reasons) <= known


def test_it_ignores_an_incomplete_paq():
    assert tailor({"n_dif": 20}, None).reasons == ("no_results",)
