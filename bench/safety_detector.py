"""Measure the self-harm language detector on the hand-written example sets.

Run: .venv/bin/python bench/safety_detector.py

Prints precision, recall, F1, confusion counts and median (p50) latency per text for the main
set (used while writing the patterns), held-out set 1 (written after the first freeze; its
misses later drove the "round 2" rules, so it is no longer truly held out) and held-out set 2
(written after the second freeze; scored 0.20 recall there, then 7 of its misses drove the
"round 3" rules), plus the time for one 100k-character text.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feelmap.safety.detector import check  # noqa: E402

DATA = ROOT / "tests" / "safety" / "data"


def load(path: Path) -> list[tuple[bool, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, text = line.split("\t", 1)
        rows.append((label.strip() == "1", text))
    return rows


def evaluate(name: str, rows: list[tuple[bool, str]], show_errors: bool) -> None:
    tp = fp = fn = tn = 0
    times = []
    errors = []
    for label, text in rows:
        start = time.perf_counter()
        predicted = check(text).risk
        times.append(time.perf_counter() - start)
        if predicted and label:
            tp += 1
        elif predicted:
            fp += 1
            errors.append(("false alarm", text))
        elif label:
            fn += 1
            errors.append(("missed", text))
        else:
            tn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    p50 = statistics.median(times) * 1e6
    print(f"{name}: n={len(rows)} (positives {tp + fn}, negatives {fp + tn})")
    print(f"  precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"  TP {tp}  FP {fp}  FN {fn}  TN {tn}")
    print(f"  p50 latency {p50:.0f} µs per text")
    if show_errors:
        for kind, text in errors:
            print(f"    {kind}: {text}")


def main() -> None:
    show = "--errors" in sys.argv
    evaluate("main set", load(DATA / "risk_examples.tsv"), show)
    evaluate("held-out set 1 (used for round-2 tuning)", load(DATA / "risk_heldout.tsv"), show)
    evaluate("held-out set 2 (used for round-3 tuning)", load(DATA / "risk_heldout2.tsv"), show)
    long_text = "I feel tired and flat today, work was long. " * 2300
    start = time.perf_counter()
    check(long_text)
    print(f"one {len(long_text):,}-character text: {(time.perf_counter() - start) * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
