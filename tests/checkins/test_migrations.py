"""The family migration: words saved before the vocabulary moved them (jealous under anger,
guilty under ashamed, drained under numb) take their current family and level; own words and
words the vocabulary no longer has stay as they were; running it again changes nothing."""

import importlib
from datetime import UTC, datetime

import pytest

from feelmap.accounts.models import User
from tests.migration_helpers import across_migration, data_versions

BEFORE = ("checkins", "0004_contrast_answer")
AFTER = ("checkins", "0005_labels_current_family")
step = importlib.import_module("feelmap.checkins.migrations.0005_labels_current_family")


@pytest.mark.django_db(transaction=True)
def test_stored_labels_take_the_current_family_and_level(person, other_person,
                                                         latest_schema_afterwards):
    with across_migration(BEFORE, AFTER) as migrated:
        checkin_model = migrated.apps.get_model("checkins", "CheckIn")
        label_model = migrated.apps.get_model("checkins", "Label")
        when = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
        mine = checkin_model.objects.create(owner_id=person.pk, occurred_at=when)
        theirs = checkin_model.objects.create(owner_id=other_person.pk, occurred_at=when)
        rows = {
            # what an older vocabulary stored          -> what it is now
            "jealous": label_model.objects.create(checkin=mine, position=1, word="jealous",
                                                  family="anger", level=2),
            "guilty": label_model.objects.create(checkin=mine, position=2, word="guilty",
                                                 family="shame", level=2),
            "drained": label_model.objects.create(checkin=mine, position=3, word="drained",
                                                  family="numb", level=2),
            "own": label_model.objects.create(checkin=mine, position=1, own_word="my word",
                                              is_own=True, family=None, level=None),
            "gone": label_model.objects.create(checkin=mine, position=1, word="no-longer-a-word",
                                               family="joy", level=2),
            "happy": label_model.objects.create(checkin=theirs, position=1, word="happy",
                                                family="joy", level=1),
        }
        # the state before this app's step does not include accounts' later field: the table does
        versions = data_versions(User)
    label_model = migrated.apps.get_model("checkins", "Label")
    user_model = migrated.apps.get_model("accounts", "User")
    now = {name: label_model.objects.get(pk=row.pk) for name, row in rows.items()}
    assert (now["jealous"].family, now["jealous"].level) == ("fear", 2)
    assert (now["guilty"].family, now["guilty"].level) == ("shame", 1)
    assert (now["drained"].family, now["drained"].level) == ("body", 2)
    assert (now["own"].family, now["own"].level, now["own"].own_word) == (None, None, "my word")
    assert (now["gone"].family, now["gone"].level) == ("joy", 2)
    assert (now["happy"].family, now["happy"].level) == ("joy", 1)
    after = data_versions(user_model)
    # insights cached for the person whose words moved are not read again; nobody else's
    assert after[person.pk] == versions[person.pk] + 1
    assert after[other_person.pk] == versions[other_person.pk]

    step.current_families(migrated.apps, None)  # again: nothing left to change
    assert {n: (r.family, r.level) for n, r in now.items()} == {
        n: (r.family, r.level)
        for n, r in ((n, label_model.objects.get(pk=r.pk)) for n, r in now.items())
    }
    assert data_versions(user_model) == after


@pytest.mark.django_db(transaction=True)
def test_many_labels_are_updated_in_batches(person, monkeypatch, latest_schema_afterwards):
    with across_migration(BEFORE, AFTER) as migrated:
        checkin_model = migrated.apps.get_model("checkins", "CheckIn")
        label_model = migrated.apps.get_model("checkins", "Label")
        when = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
        checkins = checkin_model.objects.bulk_create(
            [checkin_model(owner_id=person.pk, occurred_at=when) for _ in range(300)])
        words = [("jealous", "anger"), ("guilty", "shame"), ("sad", "sadness"),
                 # one group (body, level 2) of four words: two batches of two
                 ("weary", "numb"), ("drained", "numb"), ("exhausted", "numb"), ("listless", "numb")]
        label_model.objects.bulk_create([
            label_model(checkin=c, position=1, word=w, family=f, level=2)
            for c in checkins for w, f in words
        ])
        monkeypatch.setattr(step, "BATCH", 2)  # several word groups, each in batches of 2
    label_model = migrated.apps.get_model("checkins", "Label")
    families = dict(label_model.objects.order_by().values_list("word", "family").distinct())
    assert families == {"jealous": "fear", "guilty": "shame", "sad": "sadness",
                        "weary": "body", "drained": "body", "exhausted": "body",
                        "listless": "body"}
    assert label_model.objects.filter(word="guilty", level=1).count() == 300


@pytest.mark.django_db
def test_new_check_ins_store_the_current_family_and_level(person):
    from feelmap.checkins.services import checkin_create
    from feelmap.checkins.validation import validate_checkin

    data, errors = validate_checkin(
        {"labels": [{"word": "jealous"}, {"word": "guilty"}, {"word": "drained"}]},
        now=datetime(2025, 3, 1, tzinfo=UTC))
    assert errors == {}
    checkin = checkin_create(owner=person, data=data)
    assert [(lab.word, lab.family, lab.level) for lab in checkin.labels.all()] == [
        ("jealous", "fear", 2), ("guilty", "shame", 1), ("drained", "body", 2)]
