"""Where the path starts and what it stresses, from the person's own PAQ and MAIA-2 results.

Pure and typed: plain subscale scores in, a `Tailoring` out, with the keys of the sentences in
`data/reasons.json` that say why. Rules (thresholds are on each scale's own range):

- MAIA-2 (scales are means from 0 to 5): Noticing and Body Listening both below 2.5 -> start
  with the body and stress it ("body_quiet"). Noticing and Emotional Awareness both 3.5 or
  more -> start at the grid, week 3 ("body_clear"). Not-Worrying below 2 -> "gentle".
- PAQ (sums of 1-7 answers; compared as the mean per statement so scales of different length
  compare fairly): identifying (N-DIF + P-DIF) against describing (N-DDF + P-DDF), and
  unpleasant (N-DIF + N-DDF) against pleasant (P-DIF + P-DDF). A gap of GAP (0.75 of a
  point per statement) or more stresses the harder side; otherwise "both". G-EOT at 5 or more
  per statement -> "attention".
- Without results: start at week 1 and say so ("no_results"). The newest answers are used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

GAP = 0.75
QUIET_BODY = 2.5
CLEAR_BODY = 3.5
WORRYING = 2.0
OUTWARD = 5.0
PAQ_ITEMS = {"n_dif": 4, "p_dif": 4, "n_ddf": 4, "p_ddf": 4, "g_eot": 8}


@dataclass(frozen=True)
class Tailoring:
    start_week: int
    emphasis: tuple[str, ...]
    reasons: tuple[str, ...]  # keys into data/reasons.json, in the order to show them


def _per_item(paq: Mapping[str, float], *keys: str) -> float | None:
    if any(paq.get(k) is None for k in keys):
        return None
    return sum(float(paq[k]) for k in keys) / sum(PAQ_ITEMS[k] for k in keys)


def _have(scores: Mapping[str, float], *keys: str) -> bool:
    return all(scores.get(k) is not None for k in keys)


def tailor(paq: Mapping[str, float] | None, maia: Mapping[str, float] | None) -> Tailoring:
    """The start week, the emphases and the reasons, from subscale scores (None: not answered)."""
    paq = paq or {}
    maia = maia or {}
    emphasis: list[str] = []
    reasons: list[str] = []
    start = 1
    has_paq = _have(paq, "n_dif", "p_dif", "n_ddf", "p_ddf")
    has_maia = _have(maia, "noticing", "body_listening", "emotional_awareness")
    if not has_paq and not has_maia:
        return Tailoring(1, (), ("no_results",))

    if has_maia:
        if float(maia["noticing"]) < QUIET_BODY and float(maia["body_listening"]) < QUIET_BODY:
            emphasis.append("body")
            reasons.append("body_quiet")
        elif (
            float(maia["noticing"]) >= CLEAR_BODY
            and float(maia["emotional_awareness"]) >= CLEAR_BODY
        ):
            start = 3
            reasons.append("body_clear")
        else:
            reasons.append("body_default")
        worrying = maia.get("not_worrying")
        if worrying is not None and float(worrying) < WORRYING:
            emphasis.append("gentle")
    else:
        reasons.append("body_default")

    if has_paq:
        identifying = _per_item(paq, "n_dif", "p_dif")
        describing = _per_item(paq, "n_ddf", "p_ddf")
        unpleasant = _per_item(paq, "n_dif", "n_ddf")
        pleasant = _per_item(paq, "p_dif", "p_ddf")
        assert identifying is not None and describing is not None  # nosec B101  # type narrowing; both scores exist when PAQ is present
        assert unpleasant is not None and pleasant is not None  # nosec B101  # type narrowing, as above
        if identifying - describing >= GAP:
            emphasis.append("identifying")
            reasons.append("identifying")
        elif describing - identifying >= GAP:
            emphasis.append("describing")
            reasons.append("describing")
        else:
            reasons.append("both")
        if unpleasant - pleasant >= GAP:
            emphasis.append("negative")
            reasons.append("negative")
        elif pleasant - unpleasant >= GAP:
            emphasis.append("positive")
            reasons.append("positive")
        outward = _per_item(paq, "g_eot") if paq.get("g_eot") is not None else None
        if outward is not None and outward >= OUTWARD:
            emphasis.append("attention")
            reasons.append("attention")
    if "gentle" in emphasis:
        reasons.append("gentle")
    return Tailoring(start, tuple(emphasis), tuple(reasons))
