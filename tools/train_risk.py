"""Train the safety detector's learned second opinion (feelmap/safety/model.py).

    .venv/bin/python tools/train_risk.py [--seed 0] [--out PATH] [--grid]

Offline only: needs scikit-learn (not a runtime dependency). Trains logistic regression on
the hand-written sets in tests/safety/data (never risk_blind2.tsv, kept for one honest look),
chooses the threshold by leave-one-file-out cross-validation (each file was written at a
different time, often by someone else, so a held-out file mimics unseen wording) and writes
feelmap/safety/data/risk_model.npz. The threshold is the highest one whose pooled
out-of-fold recall reaches --recall (0.85): missing real risk is worse than a gentle prompt.
With --grid it also compares a few settings (regularisation, letter groups) by the same CV.
The file records ``model.feature_version()`` (token rules, the shared stemmer's fingerprint in
feelmap/lib/text.py, the scoring layer's guards); the app refuses weights whose version
differs, so run this again after changing any of them.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feelmap.safety.detector import normalise  # noqa: E402
from feelmap.safety.model import MODEL_PATH, RiskModel, features, tokens  # noqa: E402

DATA = ROOT / "tests" / "safety" / "data"
TRAIN_FILES = ("examples", "heldout", "heldout2", "dev", "dev2", "blind")
MAX_FEATURES = 20_000


def load(name: str) -> list[tuple[int, str]]:
    assert name != "blind2", "risk_blind2.tsv is for one final evaluation, never training"
    rows = []
    for line in (DATA / f"risk_{name}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, text = line.split("\t", 1)
        assert label.strip() in ("0", "1"), f"risk_{name}.tsv: label first, then text"
        rows.append((int(label.strip()), text))
    return rows


def featurise(text: str, chars: bool) -> set[str]:
    return features(tokens(normalise(text)), chars)


def train(rows: list[tuple[int, str]], *, c: float, chars: bool, seed: int,
          min_df: int = 2, threshold: float = 0.5) -> RiskModel:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    docs = [featurise(t, chars) for _, t in rows]
    df = Counter(f for d in docs for f in d)
    kept = sorted((f for f, n in df.items() if n >= min_df), key=lambda f: (-df[f], f))
    feats = sorted(kept[:MAX_FEATURES])
    index = {f: i for i, f in enumerate(feats)}
    indptr, indices = [0], []
    for d in docs:
        indices.extend(sorted(index[f] for f in d if f in index))
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr),
                   shape=(len(docs), len(feats)))
    y = np.array([label for label, _ in rows])
    clf = LogisticRegression(C=c, class_weight="balanced", solver="liblinear",
                             random_state=seed, max_iter=2000)
    clf.fit(x, y)
    w = clf.coef_[0].astype(np.float32)
    keep = np.abs(w) >= 0.01  # drop features that carry almost nothing
    feats = [f for f, k in zip(feats, keep, strict=True) if k]
    return RiskModel({f: i for i, f in enumerate(feats)}, w[keep], float(clf.intercept_[0]),
                     threshold, chars)


def scores(counts: tuple[int, int, int, int]) -> tuple[float, float]:
    tp, fp, fn, _ = counts
    return (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)


def confusion(labels: list[int], probs: list[float], threshold: float) -> tuple[int, int, int, int]:
    tp = fp = fn = tn = 0
    for y, p in zip(labels, probs, strict=True):
        hit = p >= threshold
        tp += hit and y == 1
        fp += hit and y == 0
        fn += (not hit) and y == 1
        tn += (not hit) and y == 0
    return tp, fp, fn, tn


def out_of_fold(sets: dict[str, list[tuple[int, str]]], *, c: float, chars: bool,
                seed: int) -> dict[str, list[tuple[int, float]]]:
    """Leave one file out: train on the others, score the file left out."""
    oof = {}
    for held in sets:
        rows = [r for name, rs in sets.items() if name != held for r in rs]
        model = train(rows, c=c, chars=chars, seed=seed)
        oof[held] = [(y, model.probability_of_tokens(tokens(normalise(t))))
                     for y, t in sets[held]]
    return oof


def pick_threshold(pooled: list[tuple[int, float]], recall: float) -> float:
    """The highest threshold whose pooled recall reaches ``recall``."""
    labels = [y for y, _ in pooled]
    probs = [p for _, p in pooled]
    for t in np.round(np.arange(0.95, 0.0, -0.01), 2):
        if scores(confusion(labels, probs, float(t)))[1] >= recall:
            return float(t)
    return 0.01


def report(oof: dict[str, list[tuple[int, float]]], threshold: float) -> tuple[float, float]:
    pooled = [r for rs in oof.values() for r in rs]
    for name, rs in oof.items():
        p, r = scores(confusion([y for y, _ in rs], [q for _, q in rs], threshold))
        print(f"    held out {name:9s} n={len(rs):3d}  precision {p:.3f}  recall {r:.3f}")
    p, r = scores(confusion([y for y, _ in pooled], [q for _, q in pooled], threshold))
    print(f"    pooled            n={len(pooled)}  precision {p:.3f}  recall {r:.3f}"
          f"  (threshold {threshold:.2f})")
    return p, r


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--no-chars", action="store_true", help="words and pairs only")
    ap.add_argument("--recall", type=float, default=0.85)
    ap.add_argument("--grid", action="store_true")
    args = ap.parse_args(argv)
    random.seed(args.seed)
    np.random.seed(args.seed)
    sets = {name: load(name) for name in TRAIN_FILES}
    print("training rows:", {n: len(rs) for n, rs in sets.items()})
    settings = [(args.c, not args.no_chars)]
    if args.grid:
        settings = [(c, ch) for ch in (False, True) for c in (0.3, 1.0, 3.0, 10.0)]
    chosen = None
    for c, chars in settings:
        oof = out_of_fold(sets, c=c, chars=chars, seed=args.seed)
        pooled = [r for rs in oof.values() for r in rs]
        threshold = pick_threshold(pooled, args.recall)
        print(f"C={c} letter groups={chars}: leave-one-file-out CV")
        p, r = report(oof, threshold)
        if chosen is None or p > chosen[0]:
            chosen = (p, r, c, chars, threshold)
    assert chosen is not None
    _, _, c, chars, threshold = chosen
    rows = [r for rs in sets.values() for r in rs]
    model = train(rows, c=c, chars=chars, seed=args.seed, threshold=threshold)
    model.save(args.out)
    print(f"wrote {args.out}: C={c}, letter groups={chars}, threshold {threshold:.2f}, "
          f"{len(model.index)} features, {args.out.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
