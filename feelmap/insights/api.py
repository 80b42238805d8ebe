"""/api/v1/insights: every insight at once, and each measure on its own.

Read-only and computed from the signed-in person's own data (cached under its data version, see
loaders.py), so there is nothing to fetch by id and nothing to validate.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ninja import Router

from feelmap.accounts.http import ApiRequest

from . import granularity as gran
from . import loaders
from .analytics import Insights
from .patterns import Group
from .schemas import (
    FamilyAtlasOut,
    GranularityReport,
    InsightsOut,
    PatternsReport,
    SummaryOut,
    TranslationRowOut,
    WordsReport,
)

router = Router(tags=["insights"])


def _granularity(ins: Insights) -> dict[str, Any]:
    return {
        "formula": gran.FORMULA, "minimum_occasions": gran.MIN_OCCASIONS,
        "window_days": gran.WINDOW_DAYS,
        "current": [asdict(ins.granularity_now[v]) for v in gran.VALENCES],
        "windows": [asdict(w) for w in ins.granularity_windows],
    }


def _words(ins: Insights) -> dict[str, Any]:
    return {
        "distinct_30_days": ins.distinct_30_days,
        "new_words": [asdict(u) for u in ins.new_words],
        "words_used": [asdict(u) for u in ins.words_used],
        "specificity_by_week": [asdict(w) for w in ins.specificity],
    }


def _atlas(ins: Insights) -> list[dict[str, Any]]:
    return [{"family": a.family, "checkins": a.checkins,
             "regions": [{"region": h.region, "count": h.count, "share": h.share,
                          "qualities": dict(h.qualities)} for h in a.regions]}
            for a in ins.atlas.values()]


def _translation(ins: Insights) -> list[dict[str, Any]]:
    return [asdict(row) for row in ins.translation]


def _groups(groups: list[Group]) -> list[dict[str, Any]]:
    return [{**asdict(g), "families": dict(g.families)} for g in groups]


def _patterns(ins: Insights) -> dict[str, Any]:
    return {
        **{f: _groups(ins.contexts[f]) for f in ("doing", "with_whom", "where")},
        "triggers": _groups(ins.triggers), "needs": _groups(ins.needs),
        "time_of_day": _groups(ins.times_of_day), "weekday": _groups(ins.weekdays),
        "practice_effects": [asdict(e) for e in ins.practice_effects],
        "questionnaires": [
            {"instrument": t.series.key, "label": t.series.label, "first": t.first,
             "latest": t.latest, "change": t.change,
             "reliable_difference": t.series.reliable_difference, "verdict": t.verdict}
            for t in ins.trends
        ],
        "heartbeat": [{"kind": h.kind, "sessions": [{"when": w, "accuracy": a}
                                                    for w, a in h.sessions],
                       "first_mean": h.first_mean, "last_mean": h.last_mean, "span": h.span}
                      for h in ins.heartbeat],
    }


def _summary(ins: Insights) -> dict[str, Any]:
    return asdict(ins.summary)


@router.get("", response={200: InsightsOut})
def overview(request: ApiRequest) -> dict[str, Any]:
    ins = loaders.insights_for(request.auth)
    return {"checkins": ins.checkins, "enough_data": not ins.empty, "summary": _summary(ins),
            "granularity": _granularity(ins), "words": _words(ins), "atlas": _atlas(ins),
            "translation": _translation(ins), "patterns": _patterns(ins)}


@router.get("/granularity", response={200: GranularityReport})
def granularity(request: ApiRequest) -> dict[str, Any]:
    return _granularity(loaders.insights_for(request.auth))


@router.get("/words", response={200: WordsReport})
def words(request: ApiRequest) -> dict[str, Any]:
    return _words(loaders.insights_for(request.auth))


@router.get("/atlas", response={200: list[FamilyAtlasOut]})
def atlas(request: ApiRequest) -> list[dict[str, Any]]:
    return _atlas(loaders.insights_for(request.auth))


@router.get("/translation", response={200: list[TranslationRowOut]})
def translation(request: ApiRequest) -> list[dict[str, Any]]:
    return _translation(loaders.insights_for(request.auth))


@router.get("/patterns", response={200: PatternsReport})
def patterns(request: ApiRequest) -> dict[str, Any]:
    return _patterns(loaders.insights_for(request.auth))


@router.get("/summary", response={200: SummaryOut})
def summary(request: ApiRequest) -> dict[str, Any]:
    return _summary(loaders.insights_for(request.auth))
