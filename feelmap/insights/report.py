"""What goes into a summary of a date range, for the person's own PDF and a clinician's report.

The same measures and chart definitions as the insights page: the period's facts go through
`analytics.compute` and the page's `presentation` functions, so a chart in the PDF is the SVG
the page draws, with the same table beside it. Only the sections asked for are read and built
(a clinician's report holds only what the person shared).

`pdf.py` turns a `Report` into PDF pages.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from feelmap.accounts.models import User
from feelmap.checkins.services import rating_emotions_for
from feelmap.heartbeat.models import HeartbeatSession
from feelmap.lexicon.vocabulary import load_vocabulary
from feelmap.practices.models import PracticeSession

from . import analytics, loaders, presentation, words
from .facts import CheckInFacts, ScoreSeries

# Every section a report can have, in the order they are printed.
SECTIONS: tuple[str, ...] = (
    "checkins", "words", "granularity", "atlas", "questionnaires", "practices", "heartbeat",
)
ALL_SECTIONS: frozenset[str] = frozenset(SECTIONS)
ATLAS_DRAWINGS = 3  # body outlines drawn (the families named most); the table lists them all
TOP_WORDS = 15


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def label(self) -> str:
        return f"{self.start:%d %B %Y} to {self.end:%d %B %Y}"


@dataclass
class Report:
    person: str  # the name shown
    period: Period
    made_by: str  # who asked for it
    made_at: datetime
    audience: str  # "person" or "viewer"
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)


def year_to(end: date) -> Period:
    return Period(end - timedelta(days=364), end)


def _in(period: Period, when: datetime) -> bool:
    return period.start <= when.date() <= period.end


def _period_end(period: Period) -> datetime:
    """The last moment of the period, local and naive like the facts."""
    return datetime.combine(period.end, time(23, 59, 59))


def _checkins_section(checkins: list[CheckInFacts], period: Period) -> dict[str, Any]:
    months: Counter[str] = Counter()
    for c in checkins:
        months[f"{c.when:%Y-%m}"] += 1
    rows = [(datetime.strptime(m, "%Y-%m").strftime("%B %Y"), str(n))
            for m, n in sorted(months.items())]
    days = len({c.when.date() for c in checkins})
    return {
        "total": len(checkins),
        "days": days,
        "period_days": period.days,
        "with_words": sum(1 for c in checkins if c.words or c.own_words),
        "not_sure": sum(1 for c in checkins if c.not_sure),
        "with_body": sum(1 for c in checkins if c.sensations),
        "months": rows,
    }


def _words_section(ins: analytics.Insights, every: list[CheckInFacts], period: Period,
                   journal: list[Any]) -> dict[str, Any]:
    # "New" means first used ever in this period: the history before it counts.
    until = [c for c in every if c.when.date() <= period.end]
    ever = words.words_in_use(until, [j for j in journal if j.when.date() <= period.end])
    new = sorted((u for u in ever if _in(period, u.first_used)), key=lambda u: u.first_used)
    fam = ins.family_labels
    used = sorted(ins.words_used, key=lambda u: (-u.uses, u.word))
    return {
        "distinct": len(ins.words_used),
        "top": [(u.word, fam.get(u.family, u.family), presentation.LEVEL_NAMES[u.level],
                 str(u.uses)) for u in used[:TOP_WORDS]],
        "new": [(u.word, fam.get(u.family, u.family), f"{u.first_used:%d %b %Y}") for u in new],
        "specificity": presentation.specificity_context(ins),
    }


def _granularity_section(ins: analytics.Insights) -> dict[str, Any]:
    found = presentation.granularity_context(ins)
    found["now"] = [
        (found["names"][g.valence], "–" if g.score is None else f"{g.score:.2f}",
         str(g.occasions),
         "" if g.score is not None else f"{g.needed} more complete check-ins needed")
        for g in found["now"]
    ]
    return found


def _atlas_section(ins: analytics.Insights) -> dict[str, Any]:
    families = sorted(presentation.atlas_context(ins), key=lambda f: -f["checkins"])
    return {"families": families, "drawn": families[:ATLAS_DRAWINGS]}


def _practices_section(user: User, ins: analytics.Insights, period: Period) -> dict[str, Any]:
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(period.start, time.min), zone)
    end = timezone.make_aware(datetime.combine(period.end + timedelta(days=1), time.min), zone)
    names = dict(PracticeSession._meta.get_field("kind").choices or ())
    counts: dict[str, list[int]] = {}
    for kind, completed, minutes in PracticeSession.objects.filter(
        owner=user, started_at__gte=start, started_at__lt=end
    ).values_list("kind", "completed_at", "minutes"):
        row = counts.setdefault(kind, [0, 0, 0])
        row[0] += 1
        row[1] += completed is not None
        row[2] += minutes or 0
    return {
        "rows": [(str(names.get(k, k)), str(n), str(done), str(mins) if mins else "–")
                 for k, (n, done, mins) in sorted(counts.items())],
        "total": sum(r[0] for r in counts.values()),
        "effects": presentation.practice_context(ins),
    }


def _heartbeat_section(user: User, period: Period) -> dict[str, Any]:
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(period.start, time.min), zone)
    end = timezone.make_aware(datetime.combine(period.end + timedelta(days=1), time.min), zone)
    names = dict(HeartbeatSession._meta.get_field("kind").choices or ())
    rows = []
    for when, kind, accuracy, sensibility, guess, measured in (
        HeartbeatSession.objects.filter(owner=user, started_at__gte=start, started_at__lt=end)
        .order_by("started_at").values_list("started_at", "kind", "accuracy", "sensibility",
                                            "guess_bpm", "measured_bpm")
    ):
        detail = []
        if accuracy is not None:
            detail.append(f"accuracy {accuracy:.2f}")
        if sensibility is not None:
            detail.append(f"confidence {sensibility:.2f}")
        if guess is not None and measured is not None:
            detail.append(f"guessed {guess} bpm, measured {measured:.0f} bpm")
        rows.append((f"{timezone.localtime(when, zone):%d %b %Y}", str(names.get(kind, kind)),
                     ", ".join(detail) or "no score (too few trials or no clear signal)"))
    return {"rows": rows}


def _series_in(series: list[ScoreSeries], period: Period) -> list[ScoreSeries]:
    kept = []
    for s in series:
        scores = tuple(sc for sc in s.scores if _in(period, sc.when))
        if scores:
            kept.append(ScoreSeries(s.key, s.label, s.low, s.high, s.higher_is_better, scores,
                                    s.reliable_difference))
    return kept


def build(user: User, period: Period, *, sections: frozenset[str] = ALL_SECTIONS,
          made_by: str, audience: str = "person", now: datetime | None = None,
          journal_words: bool = True) -> Report:
    """The report for `user` over `period`, with only the `sections` given (journal words
    count among the words used only with `journal_words`)."""
    wanted = sections & ALL_SECTIONS
    needs_checkins = bool(wanted & {"checkins", "words", "granularity", "atlas", "practices"})
    every = loaders.load_checkins(user) if needs_checkins else []
    checkins = [c for c in every if _in(period, c.when)]
    journal = loaders.load_journal(user) if "words" in wanted and journal_words else []
    practices = ([p for p in loaders.load_practices(user) if _in(period, p.when)]
                 if "practices" in wanted else [])
    series = _series_in(loaders.load_series(user), period) if "questionnaires" in wanted else []
    vocabulary = load_vocabulary()
    ins = analytics.compute(
        checkins,
        now=_period_end(period),
        rating_items=rating_emotions_for(user) if "granularity" in wanted else (),
        pleasantness={w.word: w.pleasantness for w in vocabulary.words},
        journal=[j for j in journal if _in(period, j.when)],
        practices=practices,
        series=series,
        family_labels={f.key: f.label for f in (
            *vocabulary.families, *([vocabulary.body_family] if vocabulary.body_family else []))},
    )
    report = Report(person=user.shown_name, period=period, made_by=made_by,
                    made_at=now or timezone.now(), audience=audience)
    for name in SECTIONS:
        if name not in wanted:
            continue
        if name == "checkins":
            report.sections[name] = _checkins_section(checkins, period)
        elif name == "words":
            report.sections[name] = _words_section(ins, every, period, journal)
        elif name == "granularity":
            report.sections[name] = _granularity_section(ins)
        elif name == "atlas":
            report.sections[name] = _atlas_section(ins)
        elif name == "questionnaires":
            report.sections[name] = {"trends": presentation.trends_context(ins)}
        elif name == "practices":
            report.sections[name] = _practices_section(user, ins, period)
        elif name == "heartbeat":
            found = _heartbeat_section(user, period)
            if found["rows"]:  # only when there is any
                report.sections[name] = found
    return report


def summary_pdf(user: User, period: Period, *, made_by: str,
                sections: frozenset[str] = ALL_SECTIONS, audience: str = "person") -> bytes:
    """The report as PDF bytes (see pdf.py)."""
    from .pdf import render

    return render(build(user, period, sections=sections, made_by=made_by, audience=audience))
