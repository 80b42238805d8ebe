"""One stored tally per person and week (models.WeekSummary), kept up to date lazily.

- A write of dated records (check-ins, journal words) calls
  `accounts.services.person_data_changed(owner, *moments)` in its own transaction; `forget`
  (registered in apps.py through `feelmap.lib.changes`) deletes the summaries of those weeks
  there and then, and notes the person's new fingerprint.
- `stored_parts` hands the insights every week it may use as a tally, and works out the
  missing ones (never built, forgotten, or all of them when the basis or the fingerprint no
  longer match) from the records of those weeks only, storing them for next time.

Weeks are local (the current time zone, which is part of the basis). The weeks a window starts
or ends inside, and the last 30 days, are read as they are instead (analytics.compute_parts).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from feelmap.checkins.models import CheckIn
from feelmap.journal.models import EntryLabel, JournalEntry

from . import analytics, tally
from .facts import CheckInFacts, JournalWords
from .models import SummaryBasis, WeekSummary

WEEK = timedelta(days=7)
MAX_IDS = 500  # weeks looked up by their Mondays; more than this, by their range
BLOCK = 13  # weeks in a quarter: whole quarters are stored as one tally too
_FIRST_MONDAY = date(2000, 1, 3).toordinal()  # quarters count from here


def block_of(week: date) -> date:
    """The Monday that starts the quarter (of BLOCK weeks) holding this week's Monday."""
    weeks = (week.toordinal() - _FIRST_MONDAY) // 7
    return date.fromordinal(_FIRST_MONDAY + (weeks - weeks % BLOCK) * 7)
Span = tuple[datetime, datetime | None]  # aware, [start, end)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def basis_of(items: dict[str, tuple[str, ...]], zone_name: str, vocabulary_digest: str) -> str:
    text = repr((tally.FORMAT, sorted(items.items()), zone_name, vocabulary_digest))
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def fingerprint_of(owner_id: int) -> str:
    """How many check-ins and journal words the person has, and the newest ids."""
    c = CheckIn.objects.filter(owner_id=owner_id).aggregate(n=Count("id"), top=Max("id"))
    j = EntryLabel.objects.filter(entry__owner_id=owner_id).aggregate(n=Count("id"),
                                                                      top=Max("id"))
    return f"{c['n']}:{c['top']}:{j['n']}:{j['top']}"


def forget(owner_id: int, moments: Sequence[datetime]) -> None:
    """The weeks of these moments changed: delete their summaries (any time zone's week
    holding the moment: a day either side of its UTC date)."""
    weeks: set[date] = set()
    for moment in moments:
        day = moment.astimezone(UTC).date() if timezone.is_aware(moment) else moment.date()
        weeks.update(monday(day + timedelta(days=d)) for d in (-1, 0, 1))
    if not weeks:
        return
    quarters = {block_of(w) for w in weeks}
    found = WeekSummary.objects.filter(owner_id=owner_id)
    if len(weeks) > 50:
        found = found.filter(week__gte=min(quarters), week__lte=max(weeks))
    else:
        found = found.filter(Q(weeks=1, week__in=weeks) | Q(weeks=BLOCK, week__in=quarters))
    found.delete()
    SummaryBasis.objects.filter(owner_id=owner_id).update(fingerprint=fingerprint_of(owner_id))


def forget_person(owner_id: int) -> None:
    """Many of the person's records changed at once (an import): delete every stored summary;
    they are built again, lazily, at the next view."""
    WeekSummary.objects.filter(owner_id=owner_id).delete()
    SummaryBasis.objects.filter(owner_id=owner_id).delete()


def _aware(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone)


def first_moments(user) -> tuple[datetime | None, datetime | None]:
    """The first check-in and the first journal entry with words (aware), or None."""
    first_checkin = CheckIn.objects.filter(owner=user).aggregate(m=Min("occurred_at"))["m"]
    first_entry = (JournalEntry.objects.filter(owner=user, labels__isnull=False)
                   .aggregate(m=Min("written_at"))["m"])
    return first_checkin, first_entry


Loader = Callable[[Sequence[Span]], tuple[list[CheckInFacts], list[JournalWords]]]
RawWeek = Callable[[datetime], bool]  # whether a local moment is to be read as it is


def stored_parts(
    user, *, now: datetime, zone: tzinfo, basis: str, items: dict[str, tuple[str, ...]],
    first_checkin: datetime | None, first_any: datetime | None, load: Loader,
) -> tuple[list[analytics.Part], list[Span], RawWeek]:
    """The stored weeks to use (building the missing ones with `load`), the spans to read as
    they are (a day wider, for any time zone) and which of what they hold to keep. `now` and
    the first moments are local; spans are aware."""
    raw_from = monday(analytics.raw_since(now).date())
    edges = ({monday(e.date()) for e in analytics.window_edges(now, first_checkin)}
             if first_any is not None else set())

    def is_raw(moment: datetime) -> bool:
        week = monday(moment.date())
        return week >= raw_from or week in edges

    day = timedelta(days=1)
    if first_any is None:
        return [], [(_aware(raw_from, zone) - day, None)], is_raw
    start = monday(first_any.date())
    wanted = []
    week = start
    while week < raw_from:
        if week not in edges:
            wanted.append(week)
        week += WEEK
    raw_spans: list[Span] = [(_aware(w, zone) - day, _aware(w + WEEK, zone) + day)
                             for w in sorted(edges) if start <= w < raw_from]
    raw_spans.append((_aware(max(raw_from, start), zone) - day, None))
    if not wanted:
        return [], raw_spans, is_raw
    wanted_set = set(wanted)
    # Whole quarters (BLOCK weeks, none of them read raw) come as one stored tally each.
    blocks = sorted(b for b in {block_of(w) for w in wanted}
                    if all(b + i * WEEK in wanted_set for i in range(BLOCK)))
    in_blocks = {b + i * WEEK for b in blocks for i in range(BLOCK)}
    single = [w for w in wanted if w not in in_blocks]
    with transaction.atomic():
        state = SummaryBasis.objects.select_for_update().filter(owner=user).first()
        current = fingerprint_of(user.pk)
        mine = WeekSummary.objects.filter(owner=user)
        if state is None or state.basis != basis or state.fingerprint != current:
            mine.delete()
            if state is None:
                SummaryBasis.objects.bulk_create(
                    [SummaryBasis(owner=user, basis=basis, fingerprint=current)],
                    ignore_conflicts=True)
            else:
                SummaryBasis.objects.filter(owner=user).update(basis=basis, fingerprint=current)
            stored_blocks: dict[date, str] = {}
        else:
            stored_blocks = dict(mine.filter(weeks=BLOCK, week__in=blocks)
                                 .values_list("week", "tally")) if blocks else {}
        missing_blocks = [b for b in blocks if b not in stored_blocks]
        # The single weeks wanted, and every week of a block to be made.
        needed = single + [b + i * WEEK for b in missing_blocks for i in range(BLOCK)]
        # Only the weeks needed are read (and so decrypted), not those inside stored quarters.
        singles = mine.filter(weeks=1, week__gte=start, week__lt=raw_from)
        if len(needed) <= MAX_IDS:
            singles = singles.filter(week__in=needed)
        stored = dict(singles.values_list("week", "tally")) if needed else {}
        weeks: dict[date, tally.Tally] = {w: tally.Tally.from_json(stored[w])
                                          for w in needed if w in stored}
        built = _build([w for w in needed if w not in stored], zone, items, load)
        weeks.update(built)
        made = {b: tally.merged(weeks[b + i * WEEK] for i in range(BLOCK))
                for b in missing_blocks}
        rows = [WeekSummary(owner=user, week=w, weeks=1, tally=t.to_json())
                for w, t in built.items()]
        rows += [WeekSummary(owner=user, week=b, weeks=BLOCK, tally=t.to_json())
                 for b, t in made.items()]
        if rows:  # a view of the same person at the same moment may have stored them first
            WeekSummary.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    parts = []
    for b in blocks:
        found = made[b] if b in made else tally.Tally.from_json(stored_blocks[b])
        begin = datetime.combine(b, time())
        parts.append(analytics.Part(begin, begin + BLOCK * WEEK, found))
    for w in single:
        begin = datetime.combine(w, time())
        parts.append(analytics.Part(begin, begin + WEEK, weeks[w]))
    return parts, raw_spans, is_raw


def _runs(weeks: Sequence[date]) -> list[tuple[date, date]]:
    """Consecutive weeks as [first Monday, Monday after the last)."""
    runs: list[tuple[date, date]] = []
    for w in sorted(weeks):
        if runs and runs[-1][1] == w:
            runs[-1] = (runs[-1][0], w + WEEK)
        else:
            runs.append((w, w + WEEK))
    return runs


def _build(weeks: Sequence[date], zone: tzinfo, items: dict[str, tuple[str, ...]],
           load: Loader) -> dict[date, tally.Tally]:
    """Tallies of these weeks from their records (read a day wider, then sorted by local week)."""
    if not weeks:
        return {}
    spans: list[Span] = [(_aware(a, zone) - timedelta(days=1), _aware(b, zone) + timedelta(days=1))
                         for a, b in _runs(weeks)]
    checkins, journal = load(spans)
    found = {w: tally.Tally() for w in weeks}
    for c in checkins:
        t = found.get(monday(c.when.date()))
        if t is not None:
            t.add_checkins((c,), items)
    for j in journal:
        t = found.get(monday(j.when.date()))
        if t is not None:
            t.add_journal((j,))
    return found
