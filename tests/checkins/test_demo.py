import random

import pytest
from django.db.models import Avg

from feelmap.checkins import demo
from feelmap.checkins.models import CheckIn, FixedRating, Label

pytestmark = pytest.mark.django_db


def test_it_generates_varied_check_ins_that_grow_more_precise(person):
    seen = []
    demo.generate(person, days=120, per_day=3, rng=random.Random(3),
                  progress=lambda label, done, total: seen.append((done, total)))
    assert CheckIn.objects.filter(owner=person).count() == 360
    assert seen[-1] == (360, 360)
    kinds = set(CheckIn.objects.values_list("kind", flat=True))
    assert kinds == {"quick", "full"}
    assert CheckIn.objects.filter(not_sure=True).exists()
    assert CheckIn.objects.exclude(note="").exists()
    assert FixedRating.objects.exists() and Label.objects.filter(confidence__isnull=False).exists()
    ordered = Label.objects.exclude(level=None).order_by("checkin__occurred_at")
    early = ordered[:100].aggregate(a=Avg("level"))["a"]
    late = ordered.reverse()[:100].aggregate(a=Avg("level"))["a"]
    assert late > early


def test_it_puts_no_check_in_in_the_future(person):
    from django.utils import timezone

    demo.generate(person, days=2, per_day=10, rng=random.Random(1), progress=lambda *a: None)
    assert not CheckIn.objects.filter(occurred_at__gt=timezone.now()).exists()


def test_words_grid_and_body_agree(person):
    from feelmap.lexicon.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    demo.generate(person, days=200, per_day=3, rng=random.Random(5), progress=lambda *a: None)
    first_labels = Label.objects.filter(position=1, is_own=False).exclude(word="").select_related(
        "checkin").exclude(checkin__pleasantness=None)
    agree = total = 0
    for label in first_labels:
        word = vocabulary.get(label.word)
        p, e = label.checkin.pleasantness, label.checkin.energy
        total += 1
        agree += (p >= 0) == (word.pleasantness >= 0) or abs(word.pleasantness) < 1.5
        # Never a calm word (like "content") at clearly unpleasant, high energy.
        if word.family == "calm":
            assert not (p < -1.5 and e > 1.5), (label.word, p, e)
    assert total > 100 and agree / total > 0.95
    # Body sensations come from the named feeling: almost all are typical of some word named.
    from feelmap.checkins.models import BodySensation

    marked = BodySensation.objects.filter(checkin__owner=person, checkin__kind="full")
    assert marked.exists()
    typical = {(s.region, s.quality) for w in vocabulary.words for s in w.sensations}
    assert all((s.region, s.quality) in typical for s in marked)


def test_fear_finds_its_place_and_ratings_differentiate(person):
    from datetime import timedelta

    from django.utils import timezone

    from feelmap.checkins.models import BodySensation
    from feelmap.insights import loaders

    demo.generate(person, days=540, per_day=3, rng=random.Random(8), progress=lambda *a: None)
    insights = loaders.compute_for(person)
    # Granularity grows: the last windows are more differentiated than the first ones.
    scores = [w.negative.score for w in insights.granularity_windows if w.negative.enough]
    assert sum(scores[-3:]) / 3 > sum(scores[:3]) / 3 + 0.05
    # Fear settles in the chest: its share of fear check-ins' marks rises over the months.
    half = timezone.now() - timedelta(days=270)
    fear = BodySensation.objects.filter(checkin__owner=person, checkin__labels__position=1,
                                        checkin__labels__family="fear")
    early, late = fear.filter(checkin__occurred_at__lt=half), fear.filter(
        checkin__occurred_at__gte=half)
    assert late.filter(region="chest").count() / late.count() > (
        early.filter(region="chest").count() / early.count() + 0.1)
