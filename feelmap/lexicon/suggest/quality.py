"""Quality measures for the suggestion engine: macro top-k family hit rate."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from .text import FAMILIES

_FAMILY_NAMES = frozenset(FAMILIES)
FAMILY_MAP_PATH = Path(__file__).resolve().parent.parent / "data" / "goemotions_families.json"


def load_goemotions(path: Path | str, emotions_path: Path | str | None = None,
                    mapping_path: Path | None = None) -> list[tuple[str, frozenset[str]]]:
    """GoEmotions rows as (text, families); rows with no mappable label are dropped."""
    path = Path(path)
    names = (Path(emotions_path) if emotions_path else path.parent / "emotions.txt").read_text(
        encoding="utf-8").split()
    mapping = json.loads((mapping_path or FAMILY_MAP_PATH).read_text(encoding="utf-8"))
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        found = (mapping.get(names[int(i)]) for i in parts[1].split(",") if i.strip())
        fams = frozenset(f for f in found if f is not None)
        if fams:
            rows.append((parts[0], fams))
    return rows


def _families(field: str) -> frozenset[str] | None:
    fams = frozenset(f.strip().lower() for f in field.split(",") if f.strip())
    return fams if fams and fams <= _FAMILY_NAMES else None


def load_tsv(path: Path | str) -> list[tuple[str, frozenset[str]]]:
    """A hand-written set: text TAB family[,family], or family[,family] TAB text; '#' lines
    are comments."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, _, last = line.rpartition("\t")
        fams = _families(last)
        if fams is None:
            first, _, rest = line.partition("\t")
            fams = _families(first)
            if fams is None:
                raise ValueError(f"{path}: no family column in {line[:60]!r}")
            text = rest
        rows.append((text.strip(), fams))
    return rows


def macro_topk(
    predict: Callable[[str], Sequence[str]],
    rows: Iterable[tuple[str, frozenset[str]]],
    ks: Sequence[int] = (1, 3),
) -> dict[str, object]:
    """predict(text) -> ranked family list (one per suggested word, in order).

    A hit at k: the true family is among the families of the first k words. Each true family
    of a text counts once; macro = mean over families of their hit rates.
    """
    hits: dict[int, dict[str, list[int]]] = {k: {} for k in ks}
    for text, fams in rows:
        ranked = list(predict(text))
        for k in ks:
            first = set(ranked[:k])
            for f in fams:
                hits[k].setdefault(f, []).append(1 if f in first else 0)
    out: dict[str, object] = {}
    for k in ks:
        per = {f: sum(v) / len(v) for f, v in sorted(hits[k].items())}
        out[f"top{k}"] = sum(per.values()) / len(per) if per else 0.0
        out[f"per_family_top{k}"] = per
    return out
