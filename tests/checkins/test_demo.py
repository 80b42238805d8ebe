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
