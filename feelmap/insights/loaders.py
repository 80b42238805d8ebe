"""Reads across a person's data (check-ins, journal, practices, questionnaires) into plain facts,
and the computed insights, kept per person until their data changes.

How it stays fast with years of data: the first view after a change reads the stored tallies
of whole weeks and quarters (weekly.py; only the weeks that changed are worked out again) and
the records of the last weeks, each table once with `values_list` (no model instances), and
computes everything in memory (see bench/insights.py for the figures); the answer is then kept in Django's cache under the person's public id, their
`User.data_version` and today's date (the windows end today). Every write of what the insights
read (check-ins and rating sets, journal entries and labels, practice sessions, questionnaire
answers) raises `data_version` in its own transaction through
`accounts.services.person_data_changed`, so a changed person gets a new key and a cached answer
is never stale; nothing needs invalidating. The version comes with the signed-in user, which
each request loads anyway: a warm view costs no query of its own.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from functools import lru_cache

from django.core.cache import cache
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, Sum
from django.utils import timezone

from feelmap.accounts.models import User
from feelmap.assessments.instruments import all_instruments
from feelmap.assessments.models import AssessmentResponse
from feelmap.checkins.models import BodySensation, CheckIn, FixedRating, Label
from feelmap.checkins.services import rating_emotions_for
from feelmap.heartbeat.models import HeartbeatSession
from feelmap.journal.models import EntryLabel
from feelmap.lexicon.vocabulary import load_vocabulary
from feelmap.practices.models import PracticeSession

from . import analytics, granularity, patterns, weekly
from .facts import (
    CheckInFacts,
    HeartbeatFacts,
    JournalWords,
    Named,
    PracticeFacts,
    Score,
    ScoreSeries,
    Sensed,
)

CACHE_SECONDS = 24 * 3600
MAX_IDS = 2000  # children of up to this many check-ins are read by id
CACHE_FORMAT = 2  # raise when what is cached (analytics.Insights) changes shape
RELIABLE_Z = 1.96


def _local(moment: datetime, zone: tzinfo | None = None) -> datetime:
    """A naive local time (the analytics compare local days and hours only)."""
    return moment.astimezone(zone or timezone.get_current_timezone()).replace(tzinfo=None)


@lru_cache(maxsize=1)
def _named() -> dict[str, Named]:
    """Every vocabulary entry (feelings and body states) as the analytics see it, made once."""
    return {w.word: Named(w.word, w.family, w.level) for w in load_vocabulary().entries}


def _within(field: str, spans: Sequence[weekly.Span] | None) -> Q:
    """Rows whose `field` falls in any of the spans (every row when spans is None)."""
    if spans is None:
        return Q()
    found = Q(pk__in=[])
    for start, end in spans:
        found |= Q(**{f"{field}__gte": start}) & (Q(**{f"{field}__lt": end}) if end else Q())
    return found


def load_checkins(user: User, spans: Sequence[weekly.Span] | None = None) -> list[CheckInFacts]:
    """Every check-in (or those in the spans) as plain facts, in four queries (one per
    table), with triggers and needs decrypted only where there are some."""
    named = _named()
    words: dict[int, list[Named]] = {}
    own: dict[int, int] = {}
    rows = CheckIn.objects.filter(_within("occurred_at", spans), owner=user)
    scalars = list(rows.order_by("occurred_at", "id").values_list(
        "id", "kind", "occurred_at", "pleasantness", "energy", "not_sure", "doing",
        "with_whom", "where"))
    # The children of a few check-ins by their ids; of many (or all), through the owner.
    inside = (Q(checkin_id__in=[r[0] for r in scalars]) if spans is not None
              and len(scalars) <= MAX_IDS else _within("checkin__occurred_at", spans)
              & Q(checkin__owner=user))
    for checkin_id, word, is_own in (
        Label.objects.filter(inside).order_by("checkin_id", "position")
        .values_list("checkin_id", "word", "is_own")
    ):
        entry = None if is_own else named.get(word)
        if entry is None:
            own[checkin_id] = own.get(checkin_id, 0) + 1
        else:
            words.setdefault(checkin_id, []).append(entry)
    sensations: dict[int, list[Sensed]] = {}
    for checkin_id, region, quality, intensity in (
        BodySensation.objects.filter(inside)
        .values_list("checkin_id", "region", "quality", "intensity")
    ):
        sensations.setdefault(checkin_id, []).append(Sensed(region, quality, intensity))
    ratings: dict[int, dict[str, int]] = {}
    for checkin_id, emotion, value in (
        FixedRating.objects.filter(inside).values_list("checkin_id", "emotion", "value")
    ):
        ratings.setdefault(checkin_id, {})[emotion] = value
    # Triggers and needs are encrypted: decrypt only the rows that have one (empty text is
    # stored empty).
    free_text = {
        pk: (trigger, need)
        for pk, trigger, need in rows.filter(Q(trigger__gt="") | Q(need__gt=""))
        .values_list("id", "trigger", "need")
    }
    zone = timezone.get_current_timezone()
    facts = []
    for pk, kind, occurred, p, e, not_sure, doing, with_whom, where in scalars:
        trigger, need = free_text.get(pk, ("", ""))
        facts.append(CheckInFacts(
            when=_local(occurred, zone), kind=kind, pleasantness=p, energy=e,
            not_sure=not_sure, words=tuple(words.get(pk, ())), own_words=own.get(pk, 0),
            sensations=tuple(sensations.get(pk, ())), ratings=ratings.get(pk, {}),
            doing=doing, with_whom=with_whom, where=where, trigger=trigger, need=need,
        ))
    return facts


def load_journal(user: User, spans: Sequence[weekly.Span] | None = None) -> list[JournalWords]:
    named = _named()
    zone = timezone.get_current_timezone()
    entries: dict[int, tuple[datetime, list[Named]]] = {}
    for entry_id, written, word in (
        EntryLabel.objects.filter(_within("entry__written_at", spans), entry__owner=user)
        .values_list("entry_id", "entry__written_at", "word")
    ):
        found = named.get(word)
        if found is not None:
            entries.setdefault(entry_id, (_local(written, zone), []))[1].append(found)
    return [JournalWords(when, tuple(ws)) for when, ws in entries.values()]


def load_heartbeat(user: User) -> list[HeartbeatFacts]:
    """Heartbeat-task sessions with an accuracy score (counting and discrimination)."""
    zone = timezone.get_current_timezone()
    return [HeartbeatFacts(kind, _local(started, zone), accuracy)
            for kind, started, accuracy in HeartbeatSession.objects
            .filter(owner=user, accuracy__isnull=False).order_by("started_at")
            .values_list("kind", "started_at", "accuracy") if accuracy is not None]


def load_practice_effects(user: User) -> list[patterns.PracticeEffect]:
    """`patterns.practice_effects` of every practice, added up by the database (one grouped
    query instead of a row per practice)."""
    before_p, before_e = F("before_checkin__pleasantness"), F("before_checkin__energy")
    after_p, after_e = F("after_checkin__pleasantness"), F("after_checkin__energy")
    rows = (PracticeSession.objects
            .filter(owner=user, before_checkin__pleasantness__isnull=False,
                    before_checkin__energy__isnull=False, after_checkin__pleasantness__isnull=False,
                    after_checkin__energy__isnull=False)
            .values("kind").order_by("kind")
            .annotate(pairs=Count("id"), dp=Sum(after_p - before_p), de=Sum(after_e - before_e),
                      better=Count("id", filter=Q(after_checkin__pleasantness__gt=before_p)),
                      same=Count("id", filter=Q(after_checkin__pleasantness=before_p)),
                      worse=Count("id", filter=Q(after_checkin__pleasantness__lt=before_p))))
    return [patterns.PracticeEffect(r["kind"], r["pairs"], r["dp"] / r["pairs"],
                                    r["de"] / r["pairs"], r["better"], r["same"], r["worse"])
            for r in rows]


def load_practices(user: User, since: datetime | None = None) -> list[PracticeFacts]:
    """Practices (all, or those started since an aware moment) with their before/after."""
    zone = timezone.get_current_timezone()
    done = ExpressionWrapper(Q(completed_at__isnull=False), output_field=BooleanField())
    found_rows = PracticeSession.objects.filter(owner=user)
    if since is not None:
        found_rows = found_rows.filter(started_at__gte=since)
    rows = found_rows.annotate(done=done).values_list(
        "kind", "started_at", "done",
        "before_checkin__pleasantness", "before_checkin__energy",
        "after_checkin__pleasantness", "after_checkin__energy",
    )
    found = []
    for kind, started, completed, bp, be, ap, ae in rows:
        before = (bp, be) if bp is not None and be is not None else None
        after = (ap, ae) if ap is not None and ae is not None else None
        found.append(PracticeFacts(kind, _local(started, zone), bool(completed), before, after))
    return found


def load_series(user: User) -> list[ScoreSeries]:
    """Each questionnaire's total over time, with its reliable-change size when published."""
    zone = timezone.get_current_timezone()
    scores: dict[str, list[Score]] = {}
    for key, completed, total in (
        AssessmentResponse.objects.completed().filter(owner=user, total__isnull=False)
        .order_by("completed_at", "id").values_list("instrument", "completed_at", "total")
    ):
        scores.setdefault(key, []).append(Score(_local(completed, zone), float(total)))
    series = []
    for instrument in all_instruments():
        if instrument.total is None or instrument.key not in scores:
            continue
        params = instrument.reliable_change.get("total")
        difference = (RELIABLE_Z * params.sd * math.sqrt(2) * math.sqrt(1 - params.reliability)
                      if params is not None else None)
        series.append(ScoreSeries(
            instrument.key, instrument.short_name, float(instrument.total.range[0]),
            float(instrument.total.range[1]), instrument.higher_is_better,
            tuple(scores[instrument.key]), difference,
        ))
    return series


@lru_cache(maxsize=1)
def _vocabulary_digest() -> str:
    """Which word belongs to which family at which level: stored tallies depend on it."""
    text = repr(sorted((n.word, n.family, n.level) for n in _named().values()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def compute_for(user: User, now: datetime | None = None) -> analytics.Insights:
    """Every insight for this person: whole weeks from their stored tallies (weekly.py, worked
    out for the weeks that changed), the rest read as it is."""
    vocabulary = load_vocabulary()
    zone = timezone.get_current_timezone()
    now = _local(now or timezone.now(), zone)
    rating_items = rating_emotions_for(user)
    pleasantness = {w.word: w.pleasantness for w in vocabulary.words}
    items = {str(k): v for k, v in granularity.split_by_valence(rating_items, pleasantness).items()}
    first_checkin, first_entry = weekly.first_moments(user)
    firsts = [_local(m, zone) for m in (first_checkin, first_entry) if m is not None]

    def load(spans: Sequence[weekly.Span]) -> tuple[list[CheckInFacts], list[JournalWords]]:
        return load_checkins(user, spans), load_journal(user, spans)

    parts, spans, is_raw = weekly.stored_parts(
        user, now=now, zone=zone,
        basis=weekly.basis_of(items, timezone.get_current_timezone_name(), _vocabulary_digest()),
        items=items, first_checkin=_local(first_checkin, zone) if first_checkin else None,
        first_any=min(firsts) if firsts else None, load=load)
    checkins, journal = load(spans)
    return analytics.compute_parts(
        parts,
        [c for c in checkins if is_raw(c.when)],
        now=now,
        rating_items=rating_items,
        pleasantness=pleasantness,
        journal=[j for j in journal if is_raw(j.when)],
        practices=load_practices(user, since=timezone.now() - timedelta(days=8)),
        practice_effects=load_practice_effects(user),
        series=load_series(user),
        heartbeat=load_heartbeat(user),
        family_labels={f.key: f.label for f in (
            *vocabulary.families, *([vocabulary.body_family] if vocabulary.body_family else []))},
    )


def compute_raw(user: User, now: datetime | None = None) -> analytics.Insights:
    """The same from every record as it is, without the stored weeks (for tests and the
    benchmark: the two must agree)."""
    vocabulary = load_vocabulary()
    return analytics.compute(
        load_checkins(user), now=_local(now or timezone.now()),
        rating_items=rating_emotions_for(user),
        pleasantness={w.word: w.pleasantness for w in vocabulary.words},
        journal=load_journal(user), practices=load_practices(user), series=load_series(user),
        heartbeat=load_heartbeat(user),
        family_labels={f.key: f.label for f in (
            *vocabulary.families, *([vocabulary.body_family] if vocabulary.body_family else []))},
    )


def cache_key(user: User) -> str:
    """The person, their data version and today's date (see the module's docstring). The
    person is named by their random public id: a database may hand a deleted person's numeric
    id to the next account, which must never see what was cached for the first."""
    today = timezone.localdate().isoformat()
    return f"feelmap:insights:{CACHE_FORMAT}:{user.public_id}:{user.data_version}:{today}"


def insights_for(user: User) -> analytics.Insights:
    """Every insight for this person, from the cache when nothing has changed since."""
    key = cache_key(user)
    found: analytics.Insights | None = cache.get(key)
    if found is None:
        found = compute_for(user)
        cache.set(key, found, timeout=CACHE_SECONDS)
    return found
