"""Measure the self-harm language detector on the hand-written example sets.

Run: .venv/bin/python bench/safety_detector.py [--errors] [--only NAME ...] [--skip NAME ...]
     .venv/bin/python bench/safety_detector.py --speed   (round 12: the encoder's latency only)

Prints precision, recall, F1, confusion counts and median (p50) latency per text for every
``tests/safety/data/risk_*.tsv`` file present, twice: for the rules alone (phrase rules and
scoring layer) and for the rules plus the learned model (``feelmap/safety/model.py``) (missing files are simply not reported), plus the
time for one 100k-character text. NAME is the part after ``risk_``: ``examples``, ``heldout``,
``heldout2``, ``dev``, ``blind``...

What each set is (see the detector's docstring for the history):

* ``examples``: the main set, used while writing the first rules.
* ``heldout`` / ``heldout2``: written after earlier freezes; their misses later drove rules, so
  they are no longer held out.
* ``dev``: written for the third revision before its rules changed, then used to develop them.
* ``dev2``: written for round 5 (the scoring layer, ``feelmap/safety/detector/signals.py``) in fresh,
  mostly indirect wording, then used to tune its weights; so optimistic.
* ``blind``: written by someone else and not looked at while writing rounds 1 to 4; its misses
  then drove round 5, so it is a development set now.
* ``blind2``: written by someone else while round 5 was being built and not opened until it
  was committed. Evaluate it once; it is the honest figure for round 5, and was also kept out
  of the learned model's training (every other set above was used to train it, so the
  combined figures on them are optimistic; tools/train_risk.py prints cross-validated ones).
  Evaluated once, after the combined detector was committed: rules alone precision 0.684 /
  recall 0.54; rules + model precision 0.736 / recall 0.92 (TP 92, FP 33, FN 8, TN 67).
* ``context_dev``: issue 20's development set (indirect and slang risk; everyday texts that
  use the same words), with a kind per row; used to build the context layer, so optimistic.
* ``context_fresh``: written with ``context_dev`` but kept aside and evaluated once after the
  context layer was committed (``--only context_fresh``). Not blind: its writer knew the
  detector. Evaluated once (rules + model + context): risk 29 of 30 offered help (18 with the
  strong wording), everyday texts 2 of 33 with the strong wording and 5 of 33 with any offer;
  the detector before round 7 flagged 29 of 30 and 16 of 33 (all with the one message).
  Kept as it was measured, not tuned on afterwards.
* ``context_blind3``: 36 risk and 36 everyday texts in issue 20's styles, written on 2026-12-03 by
  a writer who never saw the detector, its rules or its sets; evaluated once (``--only
  context_blind3``) after round 7 was committed, and not tuned on. Rules + model + context:
  risk 32 of 36 offered help (23 strong; missed: a borrowed gun, a pharmacy stash, "the thing
  from the hardware store", head-banging), everyday texts 9 of 36 with the strong wording (25%)
  and 15 of 36 with any offer (42%). Far from issue 20's goal; the honest figure for round 7.
  Its misses and false alarms were then described (in general terms, with a few of its
  examples) to the writer of round 8, so it is no longer held out for round 8 or later.
* ``context_blind4``: 40 risk and 48 everyday texts in issue 20's styles, written on 2026-12-03 by
  another writer who never saw the detector; evaluated once (``--only context_blind4``) after
  round 8 was committed, not tuned on. Rules + model + context: risk 32 of 40 offered help (25
  strong; missed: game and puzzle slang for suicide, "ctb date", a borrowed rifle with a cover
  story, a disguised farewell, reckless driving and crossing), everyday texts 8 of 48 with the
  strong wording (17%) and 10 of 48 with any offer (21%). Still short of issue 20's goal.
* ``context_dev2``: round 8's development set (issue 20's weak spots after round 7, written
  from their general description, never from a held-out set): 49 risk and 124 everyday texts in
  four batches. Used to build round 8, so optimistic. Rules + model + context, before round 8
  (the round 7 detector) and after: risk 39 of 49 offered help (24 strong; means under a cover
  story 9 of 19) and 49 of 49 (43 strong); everyday texts 64 of 124 with any offer (52%) and 31
  of 124 strong (25%), after 0 of 124 and 0 of 124. A fairer figure is each batch's first look,
  written before running it against the rules of the batch before: batch B risk 8 of 11 and
  everyday 8 of 30 with any offer (6 strong); batch C risk 5 of 10 and everyday 6 of 27 (4
  strong); batch D risk 8 of 10 and everyday 7 of 26 (2 strong). So fresh wording still slips
  through (roughly a quarter of everyday texts got some offer at first look, mostly the gentle
  check); only the held-out sets can tell.
  ``context_dev`` after round 8: risk 62 of 62 (47 strong), everyday 1 of 94 with the gentle
  check (2 of 94 before). The older sets lost no risk text; ``dev2`` and ``blind`` each lost one
  false alarm. The learned model was not retrained: its features (``feature_version``) did not
  change; ``tools/train_risk.py`` still reports leave-one-file-out CV precision 0.835 / recall
  0.857 at threshold 0.51.

Round 9 (issue 20; the detector's docstring says what changed). Figures below are rules +
model + context, "any" = help offered at all, "strong" = the full wording; before = main at the
start of round 9 (9f1d37c), after = the round 9 commit.

* Found at the start: round 8's short-text model gate had cost ``blind2`` 30 risk texts (0.90 ->
  0.60) and ``context_fresh`` 5 (29 -> 24 of 30) without anyone seeing it, because both were
  "evaluated once" sets the bench skipped. Both now run by default and have floors in
  ``tests/safety/test_round9.py``; their remaining misses were looked at in round 9, so they are
  regression data now, not held out. ``context_blind3`` and ``context_blind4`` are development
  data from round 9 (said in their headers).
* Before -> after, risk any (strong) | everyday any (strong):
  examples 141/141 (137 -> 136) | 0/176 both; heldout, heldout2 unchanged (20/20, 0/20);
  dev 185 -> 186 of 186 | 0/186; dev2 211 -> 212 of 212 | any 14 -> 3 of 230, strong 13 -> 0;
  blind 100/100 (89 -> 92) | any 5 -> 2, strong 5 -> 0 of 100;
  blind2 60 -> 98 of 100 (48 -> 61) | any 24 -> 12, strong 17 -> 2 of 100;
  context_dev 62/62 (47 -> 48) | any 1 -> 0 of 94; context_dev2 49/49 (43 -> 45) | any 0 -> 3
  of 124 (gentle); context_fresh 24 -> 30 of 30 (18 -> 23) | any 4 -> 1, strong 2 -> 0 of 33;
  context_blind3 33 -> 36 of 36 (27 -> 32) | any 7 -> 0, strong 4 -> 0 of 36;
  context_blind4 32 -> 40 of 40 (25 -> 38) | any 10 -> 0, strong 8 -> 0 of 48.
* ``context_dev3``: round 9's development set, written before running anything (batch A: 63 risk,
  89 everyday) and then in batches B-F each written after the previous batch's rules and before
  running it. First looks: A risk 48/63 (34 strong), everyday any 23/89 (14 strong) with the round
  8 detector; B 21/25 and 8/38 (6 strong); C 19/25 and 7/42 (1); D 20/25 and 11/39 (4); E 19/20
  and 6/37 (2); F 19/20 and 4/31 (0). All tuned on afterwards; final 178/178 (140 strong) and
  everyday any 15/276, strong 0 (the 15 are gentle checks, mostly hyperbole kept on purpose).
  So on fresh wording the detector still missed about 1 in 20 risk texts at first look in the
  last two batches and asked gently about 1 in 8 everyday texts.

* ``context_fresh2``: round 9's hold-back set (own writer, not blind; written before any round 9
  tuning; about a dozen of its texts were printed once by mistake by a diagnostic script before
  tuning, see its header). Evaluated once after round 9 was committed (``--only
  context_fresh2``): round 8 detector risk 22 of 34 (16 strong), everyday any 10 of 40 (9 strong);
  round 9 risk 33 of 34 (24 strong), everyday any 10 of 40 (25%), strong 8 of 40 (20%). Recall on
  fresh wording improved; false alarms on fresh everyday wording did not (idioms and everyday
  uses the rules have never seen: a countdown ending in "counting down the days", letters for
  grandchildren "just in case", a dog's toys given away after burying it, "unalive the boss" in a
  game, "sleep forever this weekend", a pharmacist counting tablets, old scars, a training on
  self-harm). Issue 20's goal (recall 1.0, false alarms <= 10%) is not shown to be reached.

* Round 10 (``context_dev4``, own writer, four batches each written before running them;
  ``context_blind5`` and ``context_fresh2`` became development data): everyday frames per
  sentence, attribution by reported words, a recovered past over the whole note, plans keyed to
  a future event. blind5 risk 46 -> 50 of 50, everyday any 15 -> 0 of 60; fresh2 risk 33 -> 34
  of 34, everyday any 10 -> 1 of 40 (after tuning on them: optimistic). dev4 first looks:
  batch A (round 9 detector) risk 27/31, everyday 17/44; with round 10 as it stood then,
  batch B risk 11/12, everyday 5/20; batch C risk 9/10, everyday 1/16; batch D risk 6/8,
  everyday 4/12 (its two misses were risk inside an everyday frame: frames can cost recall,
  which is why every frame has guard words). Only a new blind set can say whether this holds.

Round 12 (issue 20): the fine-tuned encoder (``feelmap/safety/encoder.py``) weighs the rules'
answer and replaces the older word-level model. Honest figures are out of fold
(``tools/train_encoder.py cv --tuned 4 --epochs 4``, 5 groups of whole files;
``tools/choose_combination.py --without-learned``), the detector as shipped before (round 10)
-> round 12 with the shipped thresholds (ADD 0.01, SOFTEN 0.001, RAISE 0.9), risk any (strong)
| everyday any (strong). Sets the rules were never tuned on:
  blind6  46 (39) -> 49 (39) of 50 | 13 (10) -> 16 (2) of 60
  blind7  47 (39) -> 49 (41) of 50 | 15 (9) -> 15 (2) of 60
  dev7    106 (75) -> 120 (80) of 120 | 35 (21) -> 49 (5) of 160
  dev8a   134 (89) -> 158 (94) of 160 | 55 (31) -> 73 (16) of 220
  dev8b   134 (93) -> 159 (99) of 160 | 52 (27) -> 76 (13) of 220
  pooled  467 (335) -> 535 (353) of 540 | 170 (98) -> 229 (38) of 720: any 24% -> 32%,
          strong 14% -> 5%
Plain notes (``risk_plain_*.tsv``: the lexicon's hand-written first-person texts that the
rules before round 12 left alone; those sets gave 375 of 1,217 texts some offer, 31 strong,
almost all the older model's gentle guess): 147 of 842 get the gentle check out of fold (17%);
on the 375 the older rules flagged, never trained on, round 12 still offers on 148 (11 strong).
Sets the rules were written from (their rules figures are optimistic), everyday any with
round 12 out of fold: examples 68/176, dev 58/186, dev2 54/230, blind 13/100, blind2 24/100
(risk 100/100), context_dev 19/94, context_dev2 19/124, context_dev3 61/276, context_dev4
20/92, blind3 7/36, blind4 10/48, blind5 9/60, fresh 4/33, fresh2 10/40, heldout 5/20,
heldout2 2/20; every risk text of these sets gets an offer; strong on everyday texts 0-1 per set.
Speed (``--speed``, shared 2-core machine): first check in a new process 310 ms (loading);
a check-in note 7.9 ms (rules alone 0.3 ms); a 2,000-word journal entry 0.87 s (22 windows;
rules alone 23 ms).

For sets with a kind per row it also prints, per kind, how often help was offered at all
("any") and how often with the strong wording ("strong"): on risk texts "any" is the recall;
on everyday texts "strong" is the false alarm the issue counts, "any" includes the gentle,
optional check. It ends with timings (moved here from the unit tests).
"""

from __future__ import annotations

import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feelmap.safety import model as learned  # noqa: E402
from feelmap.safety.detector import check, normalise  # noqa: E402

DATA = ROOT / "tests" / "safety" / "data"
ORDER = ("examples", "heldout", "heldout2", "dev", "dev2", "blind", "blind2", "context_dev",
         "context_dev2", "context_fresh", "context_blind3", "context_blind4", "context_dev3",
         "context_fresh2", "context_blind5", "context_dev4")
# Evaluated once; only with --only NAME. From round 9 blind2, context_fresh, context_blind3 and
# context_blind4 are regression and development data and run by default; from round 10
# context_fresh2 and context_blind5 too.
ONCE: set[str] = set()


def load_kinds(path: Path) -> list[tuple[bool, str, str]]:
    """(label, kind, text); kind is "" in files without a kind column."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        label, kind, text = (parts[0], parts[1], parts[2]) if len(parts) == 3 else (
            parts[0], "", "\t".join(parts[1:]))
        rows.append((label.strip() == "1", kind, text))
    return rows


def load(path: Path) -> list[tuple[bool, str]]:
    return [(label, text) for label, _, text in load_kinds(path)]


def by_kind(name: str, rows: list[tuple[bool, str, str]], show_errors: bool) -> None:
    kinds: dict[tuple[bool, str], list[tuple[bool, bool, str]]] = {}
    for label, kind, text in rows:
        found = check(text)
        kinds.setdefault((label, kind), []).append((found.risk, found.level == "strong", text))
    print(f"  per kind ({name}): any = help offered at all, strong = the strong wording")
    for (label, kind), got in sorted(kinds.items(), key=lambda kv: (not kv[0][0], kv[0][1])):
        anyn = sum(1 for a, _, _ in got if a)
        strong = sum(1 for _, st, _ in got if st)
        what = "risk    " if label else "everyday"
        print(f"    {what} {kind:10s} n={len(got):3d}  any {anyn / len(got):.2f}"
              f"  strong {strong / len(got):.2f}")
        if show_errors:
            for a, st, text in got:
                if label and not a:
                    print(f"      missed: {text}")
                elif not label and a:
                    print(f"      {'STRONG' if st else 'gentle'}: {text}")
    for label, what in ((True, "risk texts"), (False, "everyday texts")):
        got = [g for (lab, _), gs in kinds.items() if lab == label for g in gs]
        if got:
            anyn = sum(1 for a, _, _ in got if a)
            strong = sum(1 for _, st, _ in got if st)
            print(f"    all {what}: n={len(got)}  any {anyn}/{len(got)} ({anyn / len(got):.2f})"
                  f"  strong {strong}/{len(got)} ({strong / len(got):.2f})")


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
    p50 = statistics.median(times) * 1e6 if times else 0.0
    print(f"{name}: n={len(rows)} (positives {tp + fn}, negatives {fp + tn})")
    print(f"  precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"  TP {tp}  FP {fp}  FN {fn}  TN {tn}")
    print(f"  p50 latency {p50:.0f} µs per text")
    if show_errors:
        for kind, text in errors:
            print(f"    {kind}: {text}")


@contextmanager
def rules_only():
    """Run ``check`` without the learned model and without the encoder (round 12)."""
    from feelmap.safety import encoder

    with mock.patch.object(learned, "flags", lambda norm: False), \
            mock.patch.object(encoder, "encoder", lambda: None):
        yield


def _names(flag: str, argv: list[str]) -> set[str]:
    names: set[str] = set()
    taking = False
    for arg in argv:
        if arg.startswith("--"):
            taking = arg == flag
        elif taking:
            names.add(arg)
    return names


def _sort_key(path: Path) -> tuple[int, str]:
    name = path.stem.removeprefix("risk_")
    return (ORDER.index(name) if name in ORDER else len(ORDER), name)


CHECKIN = ("Tired after work, a bit flat. Made soup and watched telly with my sister, "
           "felt calmer by ten.")
JOURNAL_SENTENCES = (
    "Work was long today and the meeting ran over again.",
    "I felt flat most of the afternoon, then a bit better after a walk by the canal.",
    "My sister called about the weekend and we talked about mum's birthday plans.",
    "I keep noticing my shoulders go tight when the inbox fills up.",
    "Dinner was pasta, nothing special, but it was warm and I ate it slowly.",
)


def journal_entry(words: int = 2000) -> str:
    out: list[str] = []
    while sum(len(s.split()) for s in out) < words:
        out.append(JOURNAL_SENTENCES[len(out) % len(JOURNAL_SENTENCES)])
    return " ".join(out)


def speed() -> None:
    """Round 12: the encoder's cost (first call with loading, a check-in note, a 2,000-word
    journal entry), next to the rules alone."""
    import subprocess

    from feelmap.safety import encoder
    from feelmap.safety.detector.engine import check_rules

    first = subprocess.run(
        [sys.executable, "-c",
         f"import sys, time; sys.path.insert(0, {str(ROOT)!r});"
         " from feelmap.safety.detector import check; t = time.perf_counter();"
         f" check({CHECKIN!r}); print((time.perf_counter() - t) * 1e3)"],
        capture_output=True, text=True, check=True,
    )
    print(f"first check in a new process (loads the encoder): {float(first.stdout):.0f} ms")
    entry = journal_entry()
    for label, text, runs in (("check-in note", CHECKIN, 50), ("2,000-word journal entry", entry, 5)):
        for name, fn in (("rules alone", check_rules), ("rules + encoder", check)):
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                fn(text)
                times.append(time.perf_counter() - start)
            print(f"{label} ({len(text):,} characters), {name}: p50 "
                  f"{statistics.median(times) * 1e3:.1f} ms over {runs} runs")
    model = encoder.encoder()
    if model is not None:
        print(f"  {len(encoder.windows(model.vocab, entry))} windows of at most "
              f"{encoder.MAX_TOKENS} pieces for the journal entry")


def main(argv: list[str]) -> None:
    if "--speed" in argv:
        speed()
        return
    show = "--errors" in argv
    only = _names("--only", argv)
    skip = _names("--skip", argv)
    for path in sorted(DATA.glob("risk_*.tsv"), key=_sort_key):
        name = path.stem.removeprefix("risk_")
        if (only and name not in only) or name in skip or (name in ONCE and name not in only):
            continue
        with_kinds = load_kinds(path)
        rows = [(label, text) for label, _, text in with_kinds]
        with rules_only():
            evaluate(f"{name} ({path.name}), rules alone", rows, show)
        evaluate(f"{name} ({path.name}), rules + model", rows, show)
        if any(kind for _, kind, _ in with_kinds):
            by_kind(name, with_kinds, show)
    note = "Work was long and I felt flat, then I made soup and watched telly with my sister. " * 3
    times = []
    for _ in range(200):
        start = time.perf_counter()
        check(note)
        times.append(time.perf_counter() - start)
    print(f"a {len(note)}-character note: p50 {statistics.median(times) * 1e3:.2f} ms"
          " (was asserted < 5 ms in a unit test)")
    long_text = "I feel tired and flat today, work was long. " * 2300
    for label, ctx in (("rules alone", rules_only), ("rules + model", _nothing)):
        with ctx():
            start = time.perf_counter()
            check(long_text)
            ms = (time.perf_counter() - start) * 1e3
        print(f"one {len(long_text):,}-character text, {label}: {ms:.0f} ms"
              " (was asserted < 2 s in a unit test)")
    start = time.perf_counter()
    learned.probability(normalise(long_text))
    print(f"learned model alone on it: {(time.perf_counter() - start) * 1e3:.0f} ms"
          " (was asserted < 1 s in a unit test)")


@contextmanager
def _nothing():
    yield


if __name__ == "__main__":
    main(sys.argv[1:])
