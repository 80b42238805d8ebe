"""Quality of the suggestion engine: macro top-1 / top-3 family hit.

    .venv/bin/python bench/suggest_quality.py [--cv 5] [--no-cv] [--misses] [--events-blind]

Prints, for GoEmotions dev (mapped to families): the in-sample figure of the shipped weights
and a k-fold cross-validated figure (needs scikit-learn; train on (k-1)/k, test on the rest);
for every hand-written first-person file in tests/lexicon/data (first_person*.tsv and
blind*.tsv): the shipped engine's figure. Baseline: always the three commonest families.

What each file is worth as an estimate:
  first_person.tsv, first_person_tune.tsv   fitted to (cues were written with them in view)
  first_person_heldout*.tsv                 held out when written, seen and fitted to since
  blind_heldout.tsv                         written by someone else, never seen while tuning:
                                            the honest figure for unseen text
  events_dev.tsv                            event descriptions ("what happened", no feeling
                                            word), written for issue 16 and fitted to
  events_blind.tsv                          event descriptions written by the same hand before
                                            tuning and put aside: printed only with
                                            --events-blind (measure once, at the end)

The three kinds of set are printed apart: GoEmotions, first-person, event descriptions.
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

# shared/ sits beside the repository (read-only material for developers and CI); a worktree
# under wt/ finds it one level further up.
GOEMOTIONS = next(
    (p / "shared" / "data" / "goemotions" / "dev.tsv" for p in Path(__file__).resolve().parents[2:4]
     if (p / "shared" / "data" / "goemotions" / "dev.tsv").exists()),
    Path(__file__).resolve().parents[2] / "shared" / "data" / "goemotions" / "dev.tsv",
)
EVENT_FAMILIES = ("joy", "fear", "anger", "sadness", "disgust", "shame")
DATA = ROOT / "tests/lexicon/data"
NOTES = {
    "first_person.tsv": "fitted",
    "first_person_tune.tsv": "fitted",
    "first_person_heldout.tsv": "seen since",
    "first_person_heldout2.tsv": "seen since",
    "blind_heldout.tsv": "blind",
    "events_dev.tsv": "fitted",
    "events_blind.tsv": "blind-ish, same writer",
}


def sets(events_blind: bool = False) -> dict[str, dict[str, Path]]:
    """The hand-written files by kind, fitted ones first, held-out ones last."""
    first = sorted(DATA.glob("first_person*.tsv")) + sorted(DATA.glob("blind*.tsv"))
    events = [DATA / "events_dev.tsv"] + ([DATA / "events_blind.tsv"] if events_blind else [])
    return {
        kind: {f"{p.name} ({NOTES.get(p.name, 'hand-written')})": p for p in paths if p.exists()}
        for kind, paths in (("first-person", first), ("event descriptions", events))
    }


def report(name: str, res: dict, per: bool = False, top1: bool = False) -> None:
    print(f"{name:34s} macro top-1 {res['top1']:.3f}  top-3 {res['top3']:.3f}")
    if per:
        fam = res["per_family_top3"]
        print("    top-3 per family: " + ", ".join(f"{f} {v:.2f}" for f, v in fam.items()))
    if top1:
        fam = res["per_family_top1"]
        print("    top-1 per family: " + ", ".join(f"{f} {v:.2f}" for f, v in fam.items()))


def baseline(rows) -> dict:
    common = [f for f, _ in Counter(f for _, fams in rows for f in fams).most_common(3)]
    return macro_topk(lambda t: common, rows)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cv", type=int, default=5)
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--misses", action="store_true", help="print hand-written set misses")
    ap.add_argument("--events-blind", action="store_true",
                    help="also the put-aside event set (measure once, at the end)")
    args = ap.parse_args()
    engine = get_engine()

    def predict(text: str) -> list[str]:
        return [s.family for s in engine.suggest(text, top=3)]

    if GOEMOTIONS.exists():
        rows = load_goemotions(GOEMOTIONS)
        print(f"== GoEmotions dev: {len(rows)} rows with a mappable label")
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
    for kind, files in sets(args.events_blind).items():
        print(f"== {kind}")
        for name, path in files.items():
            rows = load_tsv(path)
            print(f"{name}: {len(rows)} texts")
            report("  baseline (3 commonest families)", baseline(rows))
            res = macro_topk(predict, rows)
            report("  engine", res, per=True, top1=True)
            if kind == "event descriptions":
                six = {k: sum(res[f"per_family_top{k}"][f] for f in EVENT_FAMILIES) / 6
                       for k in (1, 3)}
                print(f"  {'engine, macro over the six':32s} macro top-1 {six[1]:.3f}"
                      f"  top-3 {six[3]:.3f}")
            if args.misses:
                for text, fams in rows:
                    got = predict(text)
                    if not fams & set(got):
                        print(f"    MISS {sorted(fams)} got {got}: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
