"""A viewer's PDF progress report of one linked person: only what that person shares.

Which shared kinds open which report sections. Check-in measures (counts, words, granularity,
body atlas) need check-ins or insights; questionnaire trends need questionnaires or insights;
practices need practices, and their before/after changes (read from check-ins) need check-ins
or insights as well; journal words count only with the journal or insights; heartbeat tasks
need the heartbeat kind, where this installation has it.
"""

from __future__ import annotations

from feelmap.insights import report

from .kinds import KINDS

SECTION_KINDS: dict[str, frozenset[str]] = {
    "checkins": frozenset({"checkins", "insights"}),
    "words": frozenset({"checkins", "insights"}),
    "granularity": frozenset({"checkins", "insights"}),
    "atlas": frozenset({"checkins", "insights"}),
    "questionnaires": frozenset({"questionnaires", "insights"}),
    "practices": frozenset({"practices"}),
    "heartbeat": frozenset({"heartbeat"}),
}
if set(SECTION_KINDS) != set(report.SECTIONS):  # pragma: no cover - checked at import
    raise RuntimeError("Every report section needs the kinds that open it.")


def sections_for(kinds: set[str] | frozenset[str] | list[str]) -> frozenset[str]:
    shared = frozenset(kinds) & frozenset(KINDS)
    return frozenset(name for name, opening in SECTION_KINDS.items() if opening & shared)


def kinds_used(kinds: set[str] | frozenset[str] | list[str]) -> list[str]:
    """The shared kinds the report reads (each is audited)."""
    sections = sections_for(kinds)
    return [k for k in KINDS if k in kinds and (
        any(k in SECTION_KINDS[s] for s in sections) or (k == "journal" and "words" in sections))]


def report_pdf(link, period: report.Period, *, made_by: str) -> bytes:
    """The PDF for the viewer of `link` (already checked by access.shared_or_404)."""
    from feelmap.insights.pdf import render

    kinds = set(link.kinds)
    built = report.build(
        link.person, period, sections=sections_for(kinds), made_by=made_by, audience="viewer",
        journal_words=bool(kinds & {"journal", "insights"}),
    )
    practices = built.sections.get("practices")
    if practices is not None and not kinds & {"checkins", "insights"}:
        practices["effects"] = []  # before/after changes come from check-ins not shared
    return render(built)
