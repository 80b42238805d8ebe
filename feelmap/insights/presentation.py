"""What the insights page shows: chart definitions, drawings and sentences from an `Insights`.

Pure Python over plain data (the vocabulary and body catalogue are plain data too); the view
only adds the request. Charts are drawn by charts.py and drawings.py, so a PDF report can call
the same functions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from feelmap.checkins.choices import CONTEXT_CHOICES
from feelmap.checkins.components import SHAPES, SIDE_LABELS
from feelmap.lexicon.body import load_body_catalogue
from feelmap.lexicon.vocabulary import load_vocabulary

from . import charts, drawings, granularity
from .analytics import MIN_CHECKINS, Insights
from .patterns import Group
from .words import WordUse

CONTEXT_TITLES = {"doing": "What you were doing", "with_whom": "Who you were with",
                  "where": "Where you were"}
PRACTICE_NAMES = {"breathing": "Breathing", "bodyscan": "Body scan", "senses": "Senses activity"}
LEVEL_WORDS = {1: "family words", 2: "common words", 3: "nuanced words"}
LEVEL_NAMES = {1: "family word", 2: "common", 3: "nuanced"}
WORDS_TABLE = 40  # newest words listed; the wheel shows all


def _pct(value: float) -> str:
    return f"{round(value * 100)}%"


def granularity_context(ins: Insights) -> dict[str, Any]:
    windows = ins.granularity_windows
    labels = tuple(f"{w.start:%d %b %Y} to {w.end:%d %b %Y}" for w in windows)
    chart = charts.LineChart(
        id="granularity",
        title="Granularity over time",
        description=(
            "Granularity of unpleasant and of pleasant feelings in three-month windows, "
            "from 0 (the feelings rise and fall together) to 1 (each moves on its own). "
            + (f"{len(windows)} windows from {labels[0]} to {labels[-1]}; windows with too few "
               "check-ins are left as gaps. The table below gives every value."
               if windows else "No windows yet.")
        ),
        x_labels=labels,
        series=(
            charts.Series("Unpleasant feelings", "s-neg",
                          tuple(w.negative.score for w in windows)),
            charts.Series("Pleasant feelings", "s-pos",
                          tuple(w.positive.score for w in windows)),
        ),
        low=0.0, high=1.0, ticks=charts.ticks(0.0, 1.0),
    )
    header, rows = charts.line_rows(chart)
    has_any = any(w.negative.enough or w.positive.enough for w in windows)
    return {
        "now": [ins.granularity_now[v] for v in granularity.VALENCES],
        "names": {"negative": "Unpleasant feelings", "positive": "Pleasant feelings"},
        "items": ins.rating_items,
        "minimum": granularity.MIN_OCCASIONS,
        "window_days": granularity.WINDOW_DAYS,
        "formula": granularity.FORMULA,
        "svg": charts.line_svg(chart) if has_any else "",
        "header": header,
        "rows": rows if has_any else [],
    }


def specificity_context(ins: Insights) -> dict[str, Any]:
    weeks = ins.specificity[-52:]
    chart = charts.LineChart(
        id="specificity",
        title="How specific your words were, week by week",
        description=(
            "Mean level of the words you chose each week, from 1 (family words such as "
            "'fear') to 3 (nuanced words such as 'apprehensive'), for the last "
            f"{len(weeks)} weeks with words. The table below gives every week."
        ),
        x_labels=tuple(f"Week of {w.week:%d %b %Y}" for w in weeks),
        series=(charts.Series("Mean level", "s-level", tuple(w.mean_level for w in weeks)),),
        low=1.0, high=3.0, ticks=(1.0, 1.5, 2.0, 2.5, 3.0),
    )
    header, rows = charts.line_rows(chart)
    return {"svg": charts.line_svg(chart) if len(weeks) > 1 else "", "header": header,
            "rows": [(*r, str(w.words)) for r, w in zip(rows, weeks, strict=True)],
            "weeks": len(weeks)}


def wheel_context(ins: Insights, word_url: Callable[[str], str]) -> dict[str, Any]:
    vocabulary = load_vocabulary()
    uses = {u.word: u.uses for u in ins.words_used}
    new = frozenset(u.word for u in ins.new_words)
    words = [drawings.WheelWord(w.word, w.family, w.level, vocabulary.parent_of(w))
             for w in vocabulary.words]
    families = [(f.key, f.label) for f in vocabulary.families]
    used_count = sum(1 for w in words if w.word in uses)
    svg = drawings.wheel_svg(
        words, families, uses=uses, new=new, url=word_url,
        description=(f"All {len(words)} words of the vocabulary: families in the middle, "
                     "common words around them, nuanced words outside. You have used "
                     f"{used_count}; they are filled in. {len(new)} are new in the last two "
                     "weeks, marked with a dot. Each word links to its page; the list after "
                     "the wheel gives the same words as text."),
    )
    by_family = [
        {"key": key, "label": label,
         "words": [{"word": w.word, "url": word_url(w.word), "uses": uses.get(w.word, 0),
                    "new": w.word in new, "level": LEVEL_WORDS[w.level]}
                   for w in words if w.family == key]}
        for key, label in families
    ]
    return {"svg": svg, "families": by_family, "used": used_count, "total": len(words),
            "new": sorted(new)}


def atlas_context(ins: Insights) -> list[dict[str, Any]]:
    body = load_body_catalogue()
    vocabulary = load_vocabulary()
    sides = [(SIDE_LABELS[side], [(r.key, r.label) for r in body.regions_on(side)])
             for side in ("front", "back")]
    qualities = {q.key: q.label for q in body.qualities}
    found = []
    for family in vocabulary.families:
        atlas = ins.atlas.get(family.key)
        if atlas is None or atlas.checkins < MIN_CHECKINS:
            continue
        early, recent = ins.atlas_early.get(family.key), ins.atlas_recent.get(family.key)
        sharpened = None
        if (early and recent and recent.regions
                and early.checkins >= MIN_CHECKINS and recent.checkins >= MIN_CHECKINS):
            # The place marked most lately, and how often it came up at the start.
            top = recent.regions[0]
            before = next((h.share for h in early.regions if h.region == top.region), 0.0)
            sharpened = {"region": body.region(top.region).label
                         if body.has_region(top.region) else top.region,
                         "early": _pct(before), "recent": _pct(top.share),
                         "early_n": early.checkins, "recent_n": recent.checkins}
        found.append({
            "key": family.key, "label": family.label, "checkins": atlas.checkins,
            "svg": drawings.atlas_svg(atlas, family_label=family.label, shapes=SHAPES,
                                      sides=sides, quality_labels=qualities,
                                      chart_id=f"atlas-{family.key}"),
            "regions": [
                {"label": body.region(h.region).label if body.has_region(h.region) else h.region,
                 "share": _pct(h.share), "count": h.count,
                 "words": drawings.HEAT_WORDS[max(drawings.heat_step(h.share) - 1, 0)],
                 "qualities": ", ".join(f"{qualities.get(q, q).lower()} ({n})"
                                        for q, n in h.qualities[:3])}
                for h in atlas.regions[:5]
            ],
            "sharpened": sharpened,
        })
    return found


def translation_context(ins: Insights) -> list[dict[str, Any]]:
    body = load_body_catalogue()
    vocabulary = load_vocabulary()
    labels = {f.key: f.label for f in vocabulary.families}
    rows = []
    for row in ins.translation[:15]:
        region = body.region(row.region).label if body.has_region(row.region) else row.region
        quality = body.quality(row.quality).label if body.has_quality(row.quality) else row.quality
        rows.append({
            "sensation": f"{quality} in the {region.lower()}", "count": row.count,
            "families": [{"label": labels.get(s.family, s.family), "k": s.count,
                          "estimate": _pct(s.estimate), "low": _pct(s.low), "high": _pct(s.high)}
                         for s in row.families],
        })
    return rows


def _bars(groups: list[Group], label: Callable[[str], str | None], chart_id: str, title: str,
          family_labels: dict[str, str]) -> dict[str, Any] | None:
    placed = [g for g in groups if g.pleasantness is not None][:8]
    if not placed:
        return None
    chart = charts.BarChart(
        id=chart_id, title=title,
        description=(f"{title}: mean pleasantness from −5 (very unpleasant) to +5 (very "
                     "pleasant), with how many check-ins each bar is based on. The table "
                     "below gives the same numbers and the feelings named most."),
        bars=tuple(charts.Bar(label(g.key) or g.key, g.pleasantness or 0.0, f"  ({g.count})")
                   for g in placed),
        low=-5.0, high=5.0, low_label="unpleasant", high_label="pleasant",
    )
    return {
        "id": chart_id, "title": title, "svg": charts.bar_svg(chart),
        "rows": [{"label": label(g.key) or g.key, "count": g.count,
                  "pleasantness": f"{g.pleasantness:+.1f}" if g.pleasantness is not None else "–",
                  "energy": f"{g.energy:+.1f}" if g.energy is not None else "–",
                  "families": ", ".join(family_labels.get(f, f) for f, _n in g.families)}
                 for g in placed],
    }


def patterns_context(ins: Insights) -> list[dict[str, Any]]:
    fam = ins.family_labels
    found = []
    for field, title in CONTEXT_TITLES.items():
        found.append(_bars(ins.contexts[field], dict(CONTEXT_CHOICES[field]).get,
                           f"ctx-{field}", title, fam))
    found.append(_bars(ins.triggers, str.capitalize, "triggers", "What set it off (last 12 months)", fam))
    found.append(_bars(ins.needs, str.capitalize, "needs", "What you needed (last 12 months)", fam))
    found.append(_bars(ins.times_of_day, str.capitalize, "time-of-day", "Time of day", fam))
    found.append(_bars(ins.weekdays, str, "weekday", "Day of the week", fam))
    return [f for f in found if f is not None]


def practice_context(ins: Insights) -> list[dict[str, Any]]:
    return [{"name": PRACTICE_NAMES.get(e.kind, e.kind), "pairs": e.pairs,
             "pleasantness": f"{e.pleasantness_change:+.1f}",
             "energy": f"{e.energy_change:+.1f}", "better": e.better, "same": e.same,
             "worse": e.worse} for e in ins.practice_effects]


def trends_context(ins: Insights) -> list[dict[str, Any]]:
    found = []
    for t in ins.trends:
        s = t.series
        scores = s.scores[-24:]
        band = None
        if s.reliable_difference is not None:
            band = (max(t.first - s.reliable_difference, s.low),
                    min(t.first + s.reliable_difference, s.high))
        verdict = {"better": "a reliable change for the better",
                   "worse": "a reliable change for the worse",
                   "no reliable change": "within the range that can happen by chance"}.get(
                       t.verdict, "")
        chart = charts.LineChart(
            id=f"trend-{s.key}", title=f"{s.label} over time",
            description=(f"{s.label} totals, {len(scores)} shown, on a scale from "
                         f"{s.low:g} to {s.high:g}. "
                         + (f"The shaded band around your first score ({t.first:g}) is the "
                            "range a score can move by chance alone (reliable-change band). "
                            if band else "")
                         + "The table below gives every score."),
            x_labels=tuple(f"{sc.when:%d %b %Y}" for sc in scores),
            series=(charts.Series(s.label, "s-score", tuple(sc.value for sc in scores)),),
            low=s.low, high=s.high, ticks=charts.ticks(s.low, s.high),
            value_format="{:g}", band=band,
            band_label="Reliable-change band around your first score",
        )
        header, rows = charts.line_rows(chart)
        found.append({"key": s.key, "label": s.label, "svg": charts.line_svg(chart),
                      "rows": rows, "header": header, "first": f"{t.first:g}",
                      "latest": f"{t.latest:g}", "verdict": verdict,
                      "direction": "Higher is better." if s.higher_is_better
                      else "Lower means less difficulty."})
    return found


HEARTBEAT_TASKS = {
    "counting": ("Heartbeat counting", "how closely the beats you counted matched the beats "
                 "recorded (1 means they matched exactly)"),
    "discrimination": ("In time or delayed?", "the share of trials where you told whether the "
                       "tones were in time with your heart or delayed (0.5 is what guessing "
                       "gives)"),
}


def heartbeat_context(ins: Insights) -> list[dict[str, Any]]:
    """Each heartbeat task's accuracy over time: a chart, a table and one plain sentence."""
    found = []
    for trend in ins.heartbeat:
        name, meaning = HEARTBEAT_TASKS.get(trend.kind, (trend.kind, "accuracy"))
        sessions = trend.sessions[-40:]
        chart = charts.LineChart(
            id=f"heartbeat-{trend.kind}", title=f"{name}: accuracy over time",
            description=(f"Accuracy of your {len(sessions)} most recent {name.lower()} "
                         f"sessions, from 0 to 1: {meaning}. The table below gives every "
                         "session."),
            x_labels=tuple(f"{when:%d %b %Y}" for when, _a in sessions),
            series=(charts.Series("Accuracy", "s-score", tuple(a for _w, a in sessions)),),
            low=0.0, high=1.0, ticks=charts.ticks(0.0, 1.0),
        )
        header, rows = charts.line_rows(chart)
        count = len(trend.sessions)
        if count == 1:
            sentence = (f"You have done one {name.lower()} session so far, with an accuracy "
                        f"of {trend.last_mean:.2f}. After a few more, this shows how it moves "
                        "over time.")
        else:
            sentence = (f"Over {count} {name.lower()} sessions, your accuracy averaged "
                        f"{trend.first_mean:.2f} in the first {trend.span} and "
                        f"{trend.last_mean:.2f} in the latest {trend.span}.")
        found.append({"kind": trend.kind, "name": name, "meaning": meaning,
                      "sentence": sentence, "count": count,
                      "svg": charts.line_svg(chart) if len(sessions) > 1 else "",
                      "header": header, "rows": rows})
    return found


def page_context(ins: Insights, word_url: Callable[[str], str]) -> dict[str, Any]:
    return {
        "ins": ins,
        "min_checkins": MIN_CHECKINS,
        "summary": ins.summary,
        "granularity": granularity_context(ins),
        "specificity": specificity_context(ins),
        "wheel": wheel_context(ins, word_url),
        "atlas": atlas_context(ins),
        "translation": translation_context(ins),
        "patterns": patterns_context(ins),
        "practices": practice_context(ins),
        "trends": trends_context(ins),
        "heartbeat": heartbeat_context(ins),
        "new_words": [_word_row(u, word_url, ins) for u in ins.new_words[:12]],
        "words_table": [_word_row(u, word_url, ins) for u in ins.words_used[:WORDS_TABLE]],
    }


def _word_row(use: WordUse, word_url: Callable[[str], str], ins: Insights) -> dict[str, Any]:
    return {"word": use.word, "url": word_url(use.word), "uses": use.uses,
            "first_used": use.first_used, "family": ins.family_labels.get(use.family, use.family),
            "level": f"{use.level} ({LEVEL_NAMES[use.level]})"}
