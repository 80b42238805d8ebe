"""Evaluate the safety detector on any TSV of labelled texts, per kind.

Run: .venv/bin/python bench/risk_eval.py FILE [FILE ...] [--errors]

FILE has one text per line, ``label<TAB>kind<TAB>text`` (label 1 = risk, help should be
offered; 0 = everyday text); blank lines and lines starting with ``#`` are skipped; a line with
only two columns is read as ``label<TAB>text`` (kind "-"). For each label and kind it prints how
many texts got any offer of help (the strong message or the gentle check) and how many got the
strong wording, then the totals: for risk texts "any" is the recall, for everyday texts "any"
and "strong" are the false alarms. ``--errors`` also lists the misses and false alarms.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feelmap.safety.detector import STRONG, check  # noqa: E402


def rows(path: Path) -> list[tuple[str, str, str]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            label, kind, text = parts[0].strip(), parts[1].strip() or "-", "\t".join(parts[2:])
        elif len(parts) == 2:
            label, kind, text = parts[0].strip(), "-", parts[1]
        else:
            raise SystemExit(f"{path}:{n}: expected label<TAB>kind<TAB>text")
        if label not in ("0", "1"):
            raise SystemExit(f"{path}:{n}: label must be 0 or 1, not {label!r}")
        out.append((label, kind, text))
    return out


def report(path: Path, show_errors: bool) -> None:
    table: dict[tuple[str, str], list[tuple[bool, bool, str]]] = {}
    for label, kind, text in rows(path):
        found = check(text)
        table.setdefault((label, kind), []).append((found.risk, found.level == STRONG, text))
    print(f"{path}")
    for label, what in (("1", "risk (label 1)"), ("0", "everyday (label 0)")):
        kinds = sorted(k for lab, k in table if lab == label)
        if not kinds:
            continue
        print(f"  {what}: kind, n, any, strong")
        total = anyn = strong = 0
        for kind in kinds:
            got = table[(label, kind)]
            a = sum(1 for x, _, _ in got if x)
            s = sum(1 for _, x, _ in got if x)
            total, anyn, strong = total + len(got), anyn + a, strong + s
            print(f"    {kind:14s} n={len(got):3d}  any {a:3d}  strong {s:3d}")
            if show_errors:
                for x, st, text in got:
                    if label == "1" and not x:
                        print(f"        missed: {text}")
                    elif label == "1" and not st:
                        print(f"        gentle: {text}")
                    elif label == "0" and x:
                        print(f"        {'STRONG' if st else 'gentle'}: {text}")
        print(f"    {'ALL':14s} n={total:3d}  any {anyn:3d} ({anyn / total:.0%})"
              f"  strong {strong:3d} ({strong / total:.0%})")


def main(argv: list[str]) -> int:
    files = [a for a in argv if not a.startswith("--")]
    if not files:
        print(__doc__)
        return 2
    for name in files:
        report(Path(name), "--errors" in argv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
