"""Put the layers together: phrase rules, the scoring layer, the learned model, then context.

``check`` never raises for any ``str`` (empty, huge, any script, emoji); ``None`` counts as
empty. Text past :data:`MAX_CHARS` is checked in overlapping pieces.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from feelmap.safety import model as learned

from . import rules, signals
from .normalise import normalise, variants
from .rules import (
    HOPELESSNESS_FAREWELL,
    PLAN_OR_MEANS,
    POSSIBLE_RISK,
    SELF_HARM,
    SUICIDAL_IDEATION,
    URGENCY,
)

MAX_CHARS = 20_000  # longer text is checked in overlapping pieces of this size
_OVERLAP = 400

STRONG = "strong"  # clear risk: the full message
GENTLE = "gentle"  # weak evidence: a softer, optional check; the crisis link stays


@dataclass(frozen=True, slots=True)
class RiskResult:
    """The answer of :func:`check`.

    ``reason`` is a plain, kind sentence that never repeats the person's words; it is empty
    when ``risk`` is False. ``matched_kind`` is one of :data:`KINDS` or None. ``level`` is
    ``"strong"`` for clear risk, ``"gentle"`` when the evidence is weak, ``""`` for no risk.
    """

    risk: bool
    reason: str = ""
    matched_kind: str | None = None
    level: str = ""


NO_RISK = RiskResult(risk=False, reason="", matched_kind=None)

# Which kind a scoring hit reports, by the families that earned it (most urgent wins).
_FAMILY_KIND = {
    signals.MEANS: PLAN_OR_MEANS,
    signals.PREPARE: PLAN_OR_MEANS,
    signals.DEATH: SUICIDAL_IDEATION,
    signals.WISH: SUICIDAL_IDEATION,
    signals.ATTEMPT: SUICIDAL_IDEATION,
    signals.RETURN: SUICIDAL_IDEATION,
    signals.SH_ACT: SELF_HARM,
    signals.SH_SIGN: SELF_HARM,
    signals.BURDEN: HOPELESSNESS_FAREWELL,
    signals.HOPELESS: HOPELESSNESS_FAREWELL,
    signals.SUBSTANCE: HOPELESSNESS_FAREWELL,
    signals.SECRECY: HOPELESSNESS_FAREWELL,
}
_SCORE_REASON = {
    PLAN_OR_MEANS: "The words together sound like thinking about a way to end a life, "
    "or putting things in order.",
    SUICIDAL_IDEATION: "The words together sound like thoughts of not wanting to be alive.",
    SELF_HARM: "The words together sound like hurting yourself.",
    HOPELESSNESS_FAREWELL: "The words together sound like feeling there is no way forward.",
}


def _pieces(text: str) -> Iterable[str]:
    if len(text) <= MAX_CHARS:
        yield text
        return
    step = MAX_CHARS - _OVERLAP
    for start in range(0, len(text), step):
        yield text[start : start + MAX_CHARS]


def by_rules(seen: list[str]) -> RiskResult:
    """The most urgent phrase rule matching any of these normalised variants."""
    best: rules.Rule | None = None
    for variant in seen:
        found = rules.first_match(variant)
        if found is not None and (best is None or URGENCY[found.kind] < URGENCY[best.kind]):
            best = found
            if URGENCY[best.kind] == 0:
                break
    if best is None:
        return NO_RISK
    return RiskResult(risk=True, reason=best.reason, matched_kind=best.kind, level=STRONG)


def by_meaning(seen: list[str]) -> RiskResult:
    """Risk when signal families co-occur strongly enough (see ``signals``)."""
    best = 0.0
    families: tuple[str, ...] = ()
    for variant in seen:
        found, why = signals.score(variant)
        if found > best:
            best, families = found, why
    if best < signals.threshold() or not families:
        return NO_RISK
    kind = min((_FAMILY_KIND[f] for f in families), key=URGENCY.__getitem__)
    return RiskResult(risk=True, reason=_SCORE_REASON[kind], matched_kind=kind, level=STRONG)


def by_model(norms: list[str]) -> RiskResult:
    if any(learned.flags(n) for n in norms):
        return RiskResult(
            risk=True, reason=rules.reason("model"), matched_kind=POSSIBLE_RISK, level=GENTLE
        )
    return NO_RISK


def check_normalised(norms: list[str]) -> RiskResult:
    """All layers over already normalised pieces of text (no context weighing)."""
    seen = [v for n in norms for v in variants(n)]
    found = by_rules(seen)
    if found.risk:
        return found
    found = by_meaning(seen)
    if found.risk:
        return found
    # A learned second opinion, only where the rules found nothing.
    return by_model(norms)


def check(text: str) -> RiskResult:
    """Return whether ``text`` contains self-harm or suicide language, which kind and how clearly."""
    if not text or not isinstance(text, str):
        return NO_RISK
    return check_normalised([normalise(piece) for piece in _pieces(text)])


def check_many(texts: Iterable[str]) -> list[RiskResult]:
    """:func:`check` for each text, in order."""
    return [check(t) for t in texts]
