"""Quality of the suggestion engine: macro top-1 / top-3 family hit.

    .venv/bin/python bench/suggest_quality.py [--cv 5] [--no-cv] [--misses]

Prints, for GoEmotions dev (mapped to families): the in-sample figure of the shipped weights
and a k-fold cross-validated figure (needs scikit-learn; train on (k-1)/k, test on the rest);
for every hand-written first-person file in tests/lexicon/data (first_person*.tsv and
blind*.tsv): the shipped engine's figure. Baseline: always the three commonest families.

What each file is worth as an estimate:
  first_person.tsv, first_person_tune.tsv   fitted to (cues were written with them in view)
  first_person_heldout*.tsv                 held out when written, seen and fitted to since
  blind_heldout.tsv                         written by someone else, never seen while tuning:
                                            the honest figure for unseen text
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feelmap.lexicon.suggest import get_engine  # noqa: E402
from feelmap.lexicon.suggest.quality import load_goemotions, load_tsv, macro_topk  # noqa: E402

# shared/ sits beside the repository (read-only material for developers and CI).
GOEMOTIONS = Path(__file__).resolve().parents[2] / "shared" / "data" / "goemotions" / "dev.tsv"
DATA = ROOT / "tests/lexicon/data"
NOTES = {
    "first_person.tsv": "fitted",
    "first_person_tune.tsv": "fitted",
    "first_person_heldout.tsv": "seen since",
    "first_person_heldout2.tsv": "seen since",
    "blind_heldout.tsv": "blind",
}


def sets() -> dict[str, Path]:
    """Every first-person file present, the blind one last."""
    paths = sorted(DATA.glob("first_person*.tsv")) + sorted(DATA.glob("blind*.tsv"))
    return {f"{p.name} ({NOTES.get(p.name, 'hand-written')})": p for p in paths}


def report(name: str, res: dict, per: bool = False) -> None:
    print(f"{name:34s} macro top-1 {res['top1']:.3f}  top-3 {res['top3']:.3f}")
    if per:
        fam = res["per_family_top3"]
        print("    top-3 per family: " + ", ".join(f"{f} {v:.2f}" for f, v in fam.items()))


def baseline(rows) -> dict:
    common = [f for f, _ in Counter(f for _, fams in rows for f in fams).most_common(3)]
    return macro_topk(lambda t: common, rows)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cv", type=int, default=5)
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--misses", action="store_true", help="print first-person misses")
    args = ap.parse_args()
    engine = get_engine()

    def predict(text: str) -> list[str]:
        return [s.family for s in engine.suggest(text, top=3)]

    if GOEMOTIONS.exists():
        rows = load_goemotions(GOEMOTIONS)
        print(f"GoEmotions dev: {len(rows)} rows with a mappable label")
        report("  baseline (3 commonest families)", baseline(rows))
        report("  in-sample (shipped weights)", macro_topk(predict, rows), per=True)
        if not args.no_cv:
            try:
                sys.path.insert(0, str(ROOT / "tools"))
                from train_suggest import cross_validate
            except ImportError as exc:  # scikit-learn missing
                print(f"  cross-validation skipped: {exc}")
            else:
                cv = cross_validate(rows, args.cv)
                print(f"  {args.cv}-fold CV (held out)           macro top-1 {cv['top1']:.3f}"
                      f"  top-3 {cv['top3']:.3f}  folds {cv['folds_top3']}")
    for name, path in sets().items():
        rows = load_tsv(path)
        print(f"{name}: {len(rows)} texts")
        report("  baseline (3 commonest families)", baseline(rows))
        report("  engine", macro_topk(predict, rows), per=True)
        if args.misses:
            for text, fams in rows:
                got = predict(text)
                if not fams & set(got):
                    print(f"    MISS {sorted(fams)} got {got}: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
