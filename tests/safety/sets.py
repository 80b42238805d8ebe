"""Shared by the detector's set tests: the labelled text sets in data/ and the level of a text."""

from __future__ import annotations

from pathlib import Path

from feelmap.safety.detector import check_rules as check

# The rules' own unit tests (rounds 1-11) check the rules' answer, ``check_rules``; how the
# round 12 encoder weighs it is tested in test_encoder.py and test_round12.py.

DATA = Path(__file__).parent / "data"


def labelled_rows(name: str) -> list[tuple[bool, str, str]]:
    """(risk?, kind, text) for each line "1|0<TAB>kind<TAB>text" of data/`name`; blank lines
    and lines starting with # are skipped."""
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, kind, text = line.split("\t")
        assert label in ("0", "1"), line
        rows.append((label == "1", kind, text))
    return rows


def level(text: str) -> str:
    """The detector's level for a text: "strong", "gentle" or "none"."""
    return check(text).level or "none"
