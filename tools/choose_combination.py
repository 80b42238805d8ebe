"""Choose how the fine-tuned encoder's score changes the rules' answer, from out-of-fold scores.

    .venv/bin/python tools/choose_combination.py CV.json [--fresh NAME ...] [--show]

CV.json is written by ``tools/train_encoder.py cv``: every labelled text with the probability
a model *not trained on its file* gave it. The rules' own level for each text comes from
``feelmap.safety.detector.engine.check_rules`` (the rules alone, as shipped).

The combination has three thresholds (see ``feelmap/safety/detector/engine.py``):
``add`` (no rule finding and p >= add: the gentle check), ``soften`` (a strong rule finding
and p < soften: the gentle check instead; never silence) and ``raise_`` (a gentle rule
finding and p >= raise_: the strong wording, unless the rules held it gentle on purpose:
someone else at risk, or hyperbole). Only *fresh* files count when choosing: files
the rules were never tuned on (by default blind6, blind7, dev7 and the dev8 sets when present);
on the others the rules' figures are optimistic (they were written from those texts).

The choice, in order: fewest risk texts with no offer at all; strong wording on at most 10%
of everyday texts; fewest everyday texts with any offer; most risk texts with the strong
wording. Plain notes (``risk_plain_*.tsv``, no risk words) are reported beside it. It prints
the pooled figures of the chosen thresholds and, to be honest about the
choice itself, a nested check: for each fresh file, thresholds chosen on the *other* fresh
files, then measured on that one.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FRESH = ("risk_context_blind6.tsv", "risk_context_blind7.tsv", "risk_context_dev7.tsv",
         "risk_context_dev8a.tsv", "risk_context_dev8b.tsv")
NEVER = 2.0
ADD = [NEVER] + [round(x, 3) for x in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98,
                                       0.99, 0.995, 0.998, 0.999)]
ADD += [0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4]
SOFTEN = [0.0, 0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5]
RAISE = [NEVER, 0.999, 0.998, 0.995, 0.99, 0.98, 0.95, 0.9]
STRONG_CAP = 0.10
GATE = True


@dataclass(frozen=True)
class Figures:
    risk: int
    risk_any: int
    risk_strong: int
    everyday: int
    every_any: int
    every_strong: int

    def key(self) -> tuple:
        ok = self.every_strong <= STRONG_CAP * self.everyday
        return (self.risk - self.risk_any, not ok, self.every_any, -self.risk_strong)

    def line(self) -> str:
        e = max(self.everyday, 1)
        return (f"risk any {self.risk_any}/{self.risk} strong {self.risk_strong} | everyday any "
                f"{self.every_any}/{self.everyday} ({self.every_any / e:.0%}) strong "
                f"{self.every_strong} ({self.every_strong / e:.0%})")


def combine(level: str, p: float, add: float, soften: float, raise_: float,
            held: bool = False, may_add: bool = True) -> str:
    if level == "none":
        return "gentle" if p >= add and may_add else "none"
    if level == "strong":
        return "gentle" if p < soften else "strong"
    return "strong" if p >= raise_ and not held else "gentle"


def figures(rows: list[dict], t: tuple[float, float, float]) -> Figures:
    c = [0] * 6
    for r in rows:
        got = combine(r["level"], r["p"], *t, held=r["held"], may_add=r["may_add"] or not GATE)
        if r["label"]:
            c[0] += 1
            c[1] += got != "none"
            c[2] += got == "strong"
        else:
            c[3] += 1
            c[4] += got != "none"
            c[5] += got == "strong"
    return Figures(*c)


def choose(rows: list[dict]) -> tuple[tuple[float, float, float], Figures]:
    best = None
    for add in ADD:
        for soften in SOFTEN:
            for raise_ in RAISE:
                f = figures(rows, (add, soften, raise_))
                if best is None or f.key() < best[1].key():
                    best = ((add, soften, raise_), f)
    assert best is not None
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("cv")
    parser.add_argument("--fresh", nargs="*", default=list(FRESH))
    parser.add_argument("--without-learned", action="store_true",
                        help="the rules without the older word-level model (the encoder replaces it)")
    parser.add_argument("--no-gate", action="store_true",
                        help="let the score add the check on short notes and everyday uses too")
    parser.add_argument("--show", action="store_true", help="list the fresh texts that change")
    args = parser.parse_args()
    global GATE
    GATE = not args.no_gate
    from feelmap.safety.detector.engine import check_rules, encoder_may_add

    data = json.loads(Path(args.cv).read_text(encoding="utf-8"))
    rows = data["rows"]
    for r in rows:
        found = check_rules(r["text"], learned_model=not args.without_learned)
        r["level"], r["held"] = found.level or "none", found.held_gentle
        r["may_add"] = encoder_may_add(r["text"])
    fresh = [r for r in rows if r["file"] in args.fresh]
    # Plain notes with no risk words at all (round 12, from the lexicon's hand-written sets):
    # reported beside the choice, so a threshold that alarms ordinary notes shows.
    plain = [r for r in rows if r["file"].startswith("risk_plain_")]
    names = sorted({r["file"] for r in fresh})
    print(f"fresh files: {', '.join(names)}")
    rules_only = (NEVER, 0.0, NEVER)
    print("rules alone, pooled fresh:", figures(fresh, rules_only).line())
    t, f = choose(fresh)
    print(f"chosen add={t[0]} soften={t[1]} raise={t[2]}: {f.line()}")
    if plain:
        print(f"  plain notes: {figures(plain, t).line()}")
    print("per file (rules alone -> chosen):")
    for name in sorted({r["file"] for r in rows}):
        part = [r for r in rows if r["file"] == name]
        print(f"  {name:30s} {figures(part, rules_only).line()}")
        print(f"  {'':30s} {figures(part, t).line()}")
    print("nested (thresholds from the other fresh files):")
    for name in names:
        others = [r for r in fresh if r["file"] != name]
        tn, _ = choose(others)
        part = [r for r in fresh if r["file"] == name]
        print(f"  {name:30s} add={tn[0]} soften={tn[1]} raise={tn[2]}: {figures(part, tn).line()}")
    print("frontier on pooled fresh (fewest misses allowed -> best):")
    for allowed in (0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30):
        best = None
        for add in ADD:
            for soften in SOFTEN:
                for raise_ in RAISE:
                    g = figures(fresh, (add, soften, raise_))
                    if g.risk - g.risk_any > allowed:
                        continue
                    k = (g.every_strong > STRONG_CAP * g.everyday, g.every_any, -g.risk_strong)
                    if best is None or k < best[0]:
                        best = (k, (add, soften, raise_), g)
        if best:
            extra = ""
            if plain:
                g = figures(plain, best[1])
                extra = f" | plain notes any {g.every_any}/{g.everyday} strong {g.every_strong}"
            print(f"  misses<={allowed}: {best[1]} {best[2].line()}{extra}")
    if args.show:
        for r in fresh:
            got = combine(r["level"], r["p"], *t, held=r["held"], may_add=r["may_add"] or not GATE)
            if got != r["level"]:
                print(f"  {r['label']} {r['kind']:9s} {r['level']:6s}->{got:6s} p={r['p']:.3f} {r['text'][:110]}")


if __name__ == "__main__":
    main()
