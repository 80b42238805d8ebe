"""Reads across a person's data (check-ins, journal, practices, questionnaires) into plain facts,
and the computed insights, kept per person until their data changes.

How it stays fast with years of data: the first view after a change reads each table once
with `values_list` (no model instances) and computes everything in memory (see bench/insights.py
for the figures); the answer is then cached under a stamp of everything it was computed from:
the person's `checkins_version` (raised inside every check-in write's transaction), the count
and newest id of journal labels, practices and completed questionnaires, and today's date
(the windows end today). A change anywhere gives a new stamp, so a cached answer is never stale;
nothing else needs invalidating, and any process can compute its own.
"""

from __future__ import annotations

import math
from datetime import datetime

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone

from feelmap.accounts.models import User
from feelmap.assessments.instruments import all_instruments
from feelmap.assessments.models import AssessmentResponse
from feelmap.checkins.models import BodySensation, CheckIn, FixedRating, Label
from feelmap.checkins.services import rating_emotions_for
from feelmap.journal.models import EntryLabel
from feelmap.lexicon.vocabulary import load_vocabulary
from feelmap.practices.models import PracticeSession

from . import analytics
from .facts import CheckInFacts, JournalWords, Named, PracticeFacts, Score, ScoreSeries, Sensed

CACHE_SECONDS = 24 * 3600
RELIABLE_Z = 1.96


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment).replace(tzinfo=None)


def load_checkins(user: User) -> list[CheckInFacts]:
    """Every check-in as plain facts, in four queries (one per table)."""
    vocabulary = load_vocabulary()
    words: dict[int, list[Named]] = {}
    own: dict[int, int] = {}
    for checkin_id, word, is_own in (
        Label.objects.filter(checkin__owner=user).order_by("checkin_id", "position")
        .values_list("checkin_id", "word", "is_own")
    ):
        entry = None if is_own else vocabulary.by_word(word)
        if entry is None:
            own[checkin_id] = own.get(checkin_id, 0) + 1
        else:
            words.setdefault(checkin_id, []).append(Named(entry.word, entry.family, entry.level))
    sensations: dict[int, list[Sensed]] = {}
    for checkin_id, region, quality, intensity in (
        BodySensation.objects.filter(checkin__owner=user)
        .values_list("checkin_id", "region", "quality", "intensity")
    ):
        sensations.setdefault(checkin_id, []).append(Sensed(region, quality, intensity))
    ratings: dict[int, dict[str, int]] = {}
    for checkin_id, emotion, value in (
        FixedRating.objects.filter(checkin__owner=user)
        .values_list("checkin_id", "emotion", "value")
    ):
        ratings.setdefault(checkin_id, {})[emotion] = value
    rows = CheckIn.objects.filter(owner=user).order_by("occurred_at", "id")
    facts = []
    for (pk, kind, occurred, p, e, not_sure, doing, with_whom, where, trigger,
         need) in rows.values_list("id", "kind", "occurred_at", "pleasantness", "energy",
                                   "not_sure", "doing", "with_whom", "where", "trigger", "need"):
        facts.append(CheckInFacts(
            when=_local(occurred), kind=kind, pleasantness=p, energy=e, not_sure=not_sure,
            words=tuple(words.get(pk, ())), own_words=own.get(pk, 0),
            sensations=tuple(sensations.get(pk, ())), ratings=ratings.get(pk, {}),
            doing=doing, with_whom=with_whom, where=where, trigger=trigger, need=need,
        ))
    return facts


def load_journal(user: User) -> list[JournalWords]:
    vocabulary = load_vocabulary()
    entries: dict[int, tuple[datetime, list[Named]]] = {}
    for entry_id, written, word in (
        EntryLabel.objects.filter(entry__owner=user)
        .values_list("entry_id", "entry__written_at", "word")
    ):
        found = vocabulary.by_word(word)
        if found is not None:
            entries.setdefault(entry_id, (_local(written), []))[1].append(
                Named(found.word, found.family, found.level))
    return [JournalWords(when, tuple(ws)) for when, ws in entries.values()]


def load_practices(user: User) -> list[PracticeFacts]:
    rows = PracticeSession.objects.filter(owner=user).values_list(
        "kind", "started_at", "completed_at",
        "before_checkin__pleasantness", "before_checkin__energy",
        "after_checkin__pleasantness", "after_checkin__energy",
    )
    found = []
    for kind, started, completed, bp, be, ap, ae in rows:
        before = (bp, be) if bp is not None and be is not None else None
        after = (ap, ae) if ap is not None and ae is not None else None
        found.append(PracticeFacts(kind, _local(started), completed is not None, before, after))
    return found


def load_series(user: User) -> list[ScoreSeries]:
    """Each questionnaire's total over time, with its reliable-change size when published."""
    scores: dict[str, list[Score]] = {}
    for key, completed, total in (
        AssessmentResponse.objects.completed().filter(owner=user, total__isnull=False)
        .order_by("completed_at", "id").values_list("instrument", "completed_at", "total")
    ):
        scores.setdefault(key, []).append(Score(_local(completed), float(total)))
    series = []
    for instrument in all_instruments():
        if instrument.total is None or instrument.key not in scores:
            continue
        params = instrument.reliable_change.get("total")
        difference = (RELIABLE_Z * params.sd * math.sqrt(2) * math.sqrt(1 - params.reliability)
                      if params is not None else None)
        series.append(ScoreSeries(
            instrument.key, instrument.short_name, float(instrument.total.min),
            float(instrument.total.max), instrument.higher_is_better,
            tuple(scores[instrument.key]), difference,
        ))
    return series


def compute_for(user: User, now: datetime | None = None) -> analytics.Insights:
    """Every insight for this person, computed afresh."""
    vocabulary = load_vocabulary()
    now = _local(now or timezone.now())
    return analytics.compute(
        load_checkins(user),
        now=now,
        rating_items=rating_emotions_for(user),
        pleasantness={w.word: w.pleasantness for w in vocabulary.words},
        journal=load_journal(user),
        practices=load_practices(user),
        series=load_series(user),
        family_labels={f.key: f.label for f in vocabulary.families},
    )


def stamp(user: User) -> str:
    """Changes whenever anything the insights read changes (see the module's docstring)."""
    public_id, version = User.objects.filter(pk=user.pk).values_list(
        "public_id", "checkins_version").get()
    parts = [str(public_id), str(version), timezone.localdate().isoformat()]
    for queryset in (
        EntryLabel.objects.filter(entry__owner=user),
        PracticeSession.objects.filter(owner=user),
        AssessmentResponse.objects.completed().filter(owner=user),
    ):
        found = queryset.aggregate(n=Count("id"), last=Max("id"))
        parts.append(f"{found['n']}.{found['last']}")
    return "feelmap:insights:" + ":".join(parts)


def insights_for(user: User) -> analytics.Insights:
    """Every insight for this person, from the cache when nothing has changed."""
    return insights_for_stamp(user, stamp(user))


def insights_for_stamp(user: User, key: str) -> analytics.Insights:
    found = cache.get(key)
    if found is None:
        found = compute_for(user)
        cache.set(key, found, timeout=CACHE_SECONDS)
    return found
