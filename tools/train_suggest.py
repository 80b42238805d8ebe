"""Train the suggestion engine's linear text model on the GoEmotions dev split.

    .venv/bin/python tools/train_suggest.py [--data PATH] [--out PATH] [--seed 0] [--cv 5]

Offline only: needs scikit-learn (not a runtime dependency). Writes
feelmap/lexicon/suggest/data/weights.npz, trained on all rows. With --cv N it also prints the
N-fold cross-validated macro top-1/top-3 family hit of the full engine (cues + model).
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

from feelmap.lexicon.suggest.model import WEIGHTS_PATH, LinearModel  # noqa: E402
from feelmap.lexicon.suggest.quality import load_goemotions  # noqa: E402
from feelmap.lexicon.suggest.text import model_features  # noqa: E402

# shared/ sits beside the repository (read-only material for developers and CI).
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "goemotions" / "dev.tsv"
MODEL_FAMILIES = ["joy", "calm", "love", "interest", "surprise", "sadness", "fear", "anger",
                  "disgust", "shame"]  # numb has no GoEmotions label


def train(rows: list[tuple[str, frozenset[str]]], *, c: float = 0.5, min_df: int = 2,
          seed: int = 0) -> LinearModel:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    docs = [sorted(set(model_features(t))) for t, _ in rows]
    df = Counter(f for d in docs for f in d)
    features = sorted(f for f, n in df.items() if n >= min_df)
    index = {f: i for i, f in enumerate(features)}
    indptr, indices = [0], []
    for d in docs:
        indices.extend(index[f] for f in d if f in index)
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr),
                   shape=(len(docs), len(features)))
    weights = np.zeros((len(features), len(MODEL_FAMILIES)), dtype=np.float32)
    bias = np.zeros(len(MODEL_FAMILIES), dtype=np.float32)
    for j, fam in enumerate(MODEL_FAMILIES):
        y = np.array([1 if fam in fams else 0 for _, fams in rows])
        if y.sum() == 0 or y.sum() == len(y):
            bias[j] = -5.0
            continue
        clf = LogisticRegression(C=c, class_weight="balanced", solver="liblinear",
                                 random_state=seed, max_iter=1000)
        clf.fit(x, y)
        weights[:, j] = clf.coef_[0]
        bias[j] = clf.intercept_[0]
    # drop features that carry almost nothing, to keep the shipped file small
    keep = np.abs(weights).max(axis=1) >= 0.02
    return LinearModel.from_arrays([f for f, k in zip(features, keep, strict=True) if k],
                                   MODEL_FAMILIES, weights[keep], bias)


def folds(n: int, k: int, seed: int) -> list[list[int]]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def cross_validate(rows, k: int = 5, seed: int = 0, c: float = 0.5, params=None) -> dict:
    from feelmap.lexicon.suggest import Engine
    from feelmap.lexicon.suggest.quality import macro_topk

    results = []
    for test_idx in folds(len(rows), k, seed):
        test_set = set(test_idx)
        train_rows = [r for i, r in enumerate(rows) if i not in test_set]
        engine = Engine(model=train(train_rows, c=c, seed=seed), params=params)
        results.append(macro_topk(
            lambda t, e=engine: [s.family for s in e.suggest(t, top=3)],
            [rows[i] for i in test_idx]))
    return {
        "top1": float(np.mean([r["top1"] for r in results])),
        "top3": float(np.mean([r["top3"] for r in results])),
        "folds_top3": [round(r["top3"], 3) for r in results],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--c", type=float, default=0.5)
    ap.add_argument("--cv", type=int, default=0, help="also report N-fold cross-validation")
    args = ap.parse_args(argv)
    random.seed(args.seed)
    np.random.seed(args.seed)
    rows = load_goemotions(args.data)
    print(f"rows with a mappable label: {len(rows)}")
    if args.cv:
        cv = cross_validate(rows, args.cv, args.seed, args.c)
        print(f"{args.cv}-fold CV macro top-1 {cv['top1']:.3f} top-3 {cv['top3']:.3f} "
              f"(folds {cv['folds_top3']})")
    model = train(rows, c=args.c, seed=args.seed)
    model.save(args.out)
    print(f"wrote {args.out} ({len(model.features)} features, "
          f"{args.out.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
