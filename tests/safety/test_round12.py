"""Issue 20, round 12: the fine-tuned sentence encoder weighs the rules' answer.

Sets: ``risk_context_dev8a.tsv`` and ``risk_context_dev8b.tsv`` (160 risk / 220 everyday texts
each, written on 2026-12-04 by writers who never saw the detector) and ``risk_context_blind7.tsv``
(round 11's blind set, development data from round 12). First look at dev8a/dev8b with the
detector as shipped before round 12 (round 10's rules, measured once before any training):
dev8a risk 134/160 with any offer (89 strong), everyday 55/220 any (25%), 31 strong (14%);
dev8b risk 134/160 (93 strong), everyday 52/220 any (24%), 27 strong (12%).

The encoder was trained on every set here, so the floors below (measured with the shipped
encoder) are regression floors, not estimates; the honest figures are the grouped
cross-validation ones in ``feelmap/safety/detector/engine.py`` and the bench."""

from __future__ import annotations

import pytest

from feelmap.safety.detector import STRONG, check_many, check_rules

from .sets import labelled_rows

FRESH = {
    # name: (risk, everyday, risk with any offer >=, everyday any <=, everyday strong <=),
    # as measured with the shipped encoder (trained on these texts: optimistic)
    "risk_context_dev8a.tsv": (160, 220, 160, 52, 11),
    "risk_context_dev8b.tsv": (160, 220, 160, 49, 9),
    "risk_context_blind7.tsv": (50, 60, 50, 14, 4),
    "risk_context_blind6.tsv": (50, 60, 50, 13, 5),
    "risk_context_dev7.tsv": (120, 160, 120, 39, 8),
    # blind set 8: measured once with the shipped round 12 (never trained on): a floor, and
    # from now on development data
    "risk_context_blind8.tsv": (50, 60, 50, 20, 2),
}

ROUND10_FIRST_LOOK = {
    # the rules alone (as shipped before round 12): risk any, everyday any, everyday strong
    "risk_context_dev8a.tsv": (134, 55, 31),
    "risk_context_dev8b.tsv": (134, 52, 27),
}


@pytest.mark.parametrize("name", sorted(FRESH))
def test_the_sets_have_the_promised_size(name):
    rows = labelled_rows(name)
    risk, everyday = FRESH[name][:2]
    assert sum(label for label, _, _ in rows) == risk
    assert sum(not label for label, _, _ in rows) == everyday


@pytest.mark.parametrize("name", sorted(ROUND10_FIRST_LOOK))
def test_the_rules_alone_keep_their_first_look(name):
    rows = labelled_rows(name)
    risk = [check_rules(t) for label, _, t in rows if label]
    everyday = [check_rules(t) for label, _, t in rows if not label]
    want_risk, want_any, want_strong = ROUND10_FIRST_LOOK[name]
    assert sum(f.risk for f in risk) >= want_risk
    assert sum(f.risk for f in everyday) <= want_any
    assert sum(f.level == STRONG for f in everyday) <= want_strong


@pytest.mark.parametrize("name", sorted(FRESH))
def test_rules_and_encoder_floors(name):
    rows = labelled_rows(name)
    found = check_many([t for _, _, t in rows])
    risk = [f for (label, _, _), f in zip(rows, found, strict=True) if label]
    everyday = [f for (label, _, _), f in zip(rows, found, strict=True) if not label]
    _, _, want_risk, want_any, want_strong = FRESH[name]
    assert sum(f.risk for f in risk) >= want_risk
    assert sum(f.risk for f in everyday) <= want_any
    assert sum(f.level == STRONG for f in everyday) <= want_strong
