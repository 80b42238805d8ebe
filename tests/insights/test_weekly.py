"""The stored weekly tallies give exactly the insights the raw records give: pure (random
check-ins split into weeks) and through the database (after every kind of write)."""

from __future__ import annotations

import dataclasses
import math
import random
from datetime import datetime, time, timedelta

import numpy as np
import pytest
from django.utils import timezone

from feelmap.insights import analytics, granularity, tally, weekly
from feelmap.insights.facts import CheckInFacts, JournalWords, Named, Sensed

NOW = datetime(2026, 6, 10, 20, 0)
ITEMS = ("afraid", "sad", "angry", "happy", "calm", "proud")
PLEASANT = {"afraid": -3.0, "sad": -3.0, "angry": -3.0, "happy": 3.0, "calm": 2.0, "proud": 3.0}
WORDS = [Named("afraid", "fear", 1), Named("anxious", "fear", 2), Named("apprehensive", "fear", 3),
         Named("calm", "calm", 1), Named("content", "joy", 2), Named("tired", "body", 1),
         Named("hungry", "body", 1), Named("sad", "sadness", 1)]
REGIONS = ["chest", "throat", "stomach", "head"]
QUALITIES = ["tight", "warm", "heavy"]


def close(a, b, path="") -> None:
    """Equal, with floats equal to 1e-9 (sums may be added up in another order)."""
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        assert type(a) is type(b), path
        for f in dataclasses.fields(a):
            close(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
    elif isinstance(a, dict):
        assert set(a) == set(b), f"{path}: {sorted(a)} != {sorted(b)}"
        for k in a:
            close(a[k], b[k], f"{path}[{k!r}]")
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), f"{path}: {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            close(x, y, f"{path}[{i}]")
    elif isinstance(a, float) and isinstance(b, float):
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12), f"{path}: {a} != {b}"
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


def random_checkins(rng: random.Random, days: int) -> list[CheckInFacts]:
    found = []
    for d in range(days):
        for _ in range(rng.randint(0, 3)):
            when = NOW - timedelta(days=d, minutes=rng.randint(0, 1440))
            ratings = {i: rng.randint(0, 6) for i in ITEMS if rng.random() > 0.05}
            found.append(CheckInFacts(
                when=when, pleasantness=rng.choice([None, float(rng.randint(-5, 5))]),
                energy=rng.choice([None, rng.uniform(-5, 5)]), not_sure=rng.random() < 0.1,
                words=tuple(rng.sample(WORDS, rng.randint(0, 3))),
                sensations=tuple(Sensed(rng.choice(REGIONS), rng.choice(QUALITIES))
                                 for _ in range(rng.randint(0, 3))),
                ratings=ratings if rng.random() < 0.7 else {},
                doing=rng.choice(["", "working", "resting"]),
                with_whom=rng.choice(["", "alone", "friends"]), where=rng.choice(["", "home"]),
                trigger=rng.choice(["", "A deadline.", "a deadline", "the news"]),
                need=rng.choice(["", "rest", "Rest!"]),
            ))
    return found


def split(checkins, journal, now):
    """Whole weeks as stored tallies, as weekly.stored_parts splits them; the rest raw."""
    first = min(c.when for c in checkins)
    start = weekly.monday(min(first, *(j.when for j in journal)).date())
    raw_from = weekly.monday(analytics.raw_since(now).date())
    edges = {weekly.monday(e.date()) for e in analytics.window_edges(now, first)}
    items = granularity.split_by_valence(ITEMS, PLEASANT)
    parts, week = [], start
    while week < raw_from:
        if week not in edges:
            begin = datetime.combine(week, time())
            t = tally.tally_of([c for c in checkins if begin <= c.when < begin + weekly.WEEK],
                               items,
                               [j for j in journal if begin <= j.when < begin + weekly.WEEK])
            parts.append(analytics.Part(begin, begin + weekly.WEEK,
                                        tally.Tally.from_json(t.to_json())))
        week += weekly.WEEK

    def raw(moment):
        w = weekly.monday(moment.date())
        return w >= raw_from or w in edges

    return parts, [c for c in checkins if raw(c.when)], [j for j in journal if raw(j.when)]


@pytest.mark.parametrize("seed,days", [(1, 800), (2, 400), (3, 95), (4, 20)])
def test_stored_weeks_give_the_same_insights_as_every_check_in(seed, days):
    rng = random.Random(seed)
    checkins = random_checkins(rng, days)
    journal = [JournalWords(NOW - timedelta(days=rng.randint(0, days), hours=3),
                            tuple(rng.sample(WORDS, 2))) for _ in range(days // 10 + 1)]
    kwargs = {"now": NOW, "rating_items": ITEMS, "pleasantness": PLEASANT,
              "family_labels": {"fear": "Fear", "body": "Body states"}}
    raw = analytics.compute(checkins, journal=journal, **kwargs)
    parts, rest, rest_journal = split(checkins, journal, NOW)
    assert len(parts) >= (days // 7) - 12
    from_parts = analytics.compute_parts(parts, rest, journal=rest_journal, **kwargs)
    close(from_parts, raw)
    if days > 200:  # the long histories have granularity scores in many windows
        assert sum(w.negative.enough for w in raw.granularity_windows) > 5


def test_a_part_straddling_a_window_edge_is_refused():
    checkins = random_checkins(random.Random(5), 200)
    begin = datetime.combine(weekly.monday((NOW - timedelta(days=91)).date()), time())
    part = analytics.Part(begin, begin + weekly.WEEK, tally.Tally())
    with pytest.raises(ValueError, match="straddles"):
        analytics.compute_parts([part], checkins, now=NOW, rating_items=ITEMS,
                                pleasantness=PLEASANT)


def test_icc_from_statistics_equals_the_matrix_icc():
    rng = np.random.default_rng(3)
    for _ in range(200):
        n, k = int(rng.integers(2, 40)), int(rng.integers(2, 7))
        x = rng.integers(0, 7, size=(n, k))
        if rng.random() < 0.1:
            x[:] = x[0]  # no variation between occasions
        stats = [n, int((x * x).sum()), int((x.sum(axis=1) ** 2).sum()), *x.sum(axis=0).tolist()]
        a, b = granularity.icc_consistency(x), granularity.icc_from_stats(stats)
        assert (a is None) == (b is None)
        if a is not None and b is not None:
            assert abs(a.value - b.value) < 1e-9 and abs(a.single - b.single) < 1e-9
            assert b.occasions == n and b.items == k


def test_rolling_windows_from_day_statistics_equal_the_occasion_path():
    rng = random.Random(8)
    items = granularity.split_by_valence(ITEMS, PLEASANT)
    checkins = random_checkins(rng, 700)
    occasions = [granularity.Occasion(c.when.date(), c.ratings) for c in checkins if c.ratings]
    t = tally.tally_of(checkins, items)
    today = NOW.date()
    now, windows = granularity.from_day_stats(t.days_sorted(), items, today=today)
    expected = granularity.rolling(occasions, items, today=today)
    close(windows, expected)
    recent = [o for o in occasions if o.day >= today - timedelta(days=90)]
    for v in granularity.VALENCES:
        close(now[v], granularity.granularity(recent, items[v], v))


# --- through the database ---------------------------------------------------------------


@pytest.fixture
def history(person):
    from feelmap.checkins import demo as checkin_demo
    from feelmap.journal import demo as journal_demo
    from feelmap.practices import demo as practice_demo

    rng = random.Random(11)
    checkin_demo.generate(person, days=420, per_day=1, rng=rng, progress=lambda *a: None)
    journal_demo.generate(person, days=420, per_day=1, rng=rng, progress=lambda *a: None)
    practice_demo.generate(person, days=420, per_day=1, rng=rng, progress=lambda *a: None)
    return person


def _same(person):
    from feelmap.insights import loaders

    now = timezone.now()
    stored, raw = loaders.compute_for(person, now), loaders.compute_raw(person, now)
    assert raw.practice_effects and raw.summary.practices  # the database's sums are checked
    close(stored, raw)


@pytest.mark.django_db
def test_after_every_kind_of_write_the_stored_weeks_agree(history, django_assert_max_num_queries):
    from feelmap.checkins.models import CheckIn
    from feelmap.checkins.services import (
        checkin_create,
        checkin_delete,
        checkin_update,
        rating_set_save,
    )
    from feelmap.checkins.validation import validate_checkin
    from feelmap.insights import loaders
    from feelmap.insights.models import WeekSummary

    person = history
    _same(person)  # builds every week
    built = WeekSummary.objects.filter(owner=person).count()
    quarters = WeekSummary.objects.filter(owner=person, weeks=weekly.BLOCK)
    assert built > 40 and quarters.exists()
    with django_assert_max_num_queries(20):  # nothing to build: a few reads
        loaders.compute_for(person)

    def checkin(when, *words):
        data, errors = validate_checkin({"occurred_at": when.isoformat(),
                                         "labels": [{"word": w} for w in words]},
                                        now=timezone.now())
        assert not errors, errors
        return data

    # A new check-in in a stored quarter: its week and its quarter are forgotten.
    quarter = quarters.order_by("week").first().week
    long_ago = timezone.make_aware(datetime.combine(quarter + timedelta(days=30), time(12)))
    made = checkin_create(owner=person, data=checkin(long_ago, "apprehensive"))
    assert not WeekSummary.objects.filter(owner=person, week=quarter,
                                          weeks=weekly.BLOCK).exists()
    assert WeekSummary.objects.filter(owner=person).count() < built
    _same(person)
    assert WeekSummary.objects.filter(owner=person, week=quarter, weeks=weekly.BLOCK).exists()
    checkin_update(checkin=made, data=checkin(long_ago - timedelta(days=20), "irritated"))
    _same(person)
    checkin_delete(checkin=CheckIn.objects.filter(owner=person).order_by("occurred_at")[5])
    _same(person)
    rating_set_save(owner=person, emotions=["afraid", "sad", "happy", "calm"])
    _same(person)
    # Written past the services (as an import does): noticed by the fingerprint.
    old = CheckIn.objects.filter(owner=person).order_by("occurred_at").first()
    CheckIn.objects.create(owner=person, kind="quick", occurred_at=old.occurred_at
                           + timedelta(days=30), doing="working")
    _same(person)
