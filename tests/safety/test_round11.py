"""Issue 20, round 11: the development set written for it by a second writer who never saw the
detector (``risk_context_dev7.tsv``). Its figures are round 10's first look at it (no rule was
changed for it), kept as floors. The meaning layer tried on it (branch wt/detect5) did not pay
under leave-one-file-out cross-validation and was not shipped."""

from __future__ import annotations

from feelmap.safety.detector import STRONG
from feelmap.safety.detector import check_rules as check

# The rules' own unit tests (rounds 1-11) check the rules' answer, ``check_rules``; how the
# round 12 encoder weighs it is tested in test_encoder.py and test_round12.py.
from .sets import labelled_rows

NAME = "risk_context_dev7.tsv"


def test_dev7_has_the_promised_size_and_kinds():
    rows = labelled_rows(NAME)
    assert sum(label for label, _, _ in rows) == 120
    assert sum(not label for label, _, _ in rows) == 160
    kinds = {kind for label, kind, _ in rows if not label}
    assert {"fiction", "idiom", "injury", "medicine", "past", "work"} <= kinds


def test_dev7_floors():
    rows = labelled_rows(NAME)
    risk = [check(t) for label, _, t in rows if label]
    everyday = [check(t) for label, _, t in rows if not label]
    assert sum(f.risk for f in risk) >= 106  # measured 106 of 120 (75 strong)
    assert sum(f.risk for f in everyday) <= 35  # measured 35 of 160
    assert sum(f.level == STRONG for f in everyday) <= 21  # measured 21 of 160
