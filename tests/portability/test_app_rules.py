"""Import checks each record with its app's own rules (not only the stored field types): each
kind of bad record is refused, named by record and field, and nothing changes."""

from __future__ import annotations

import copy
import io
import json

import pytest

from feelmap.portability.exporting import write_json
from feelmap.portability.importing import ImportRefused, import_file
from feelmap.portability.registry import KINDS

from .conftest import add_every_kind

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def exported(django_db_setup, django_db_blocker):
    from feelmap.accounts.models import User

    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            user = User.objects.create_user(username="rules_source")
            add_every_kind(user, days=8)
            out = io.StringIO()
            write_json(user, out)
            transaction.set_rollback(True)
    return json.loads(out.getvalue())


def _everything(user) -> dict[str, int]:
    return {k.name: k.model._default_manager.filter(**{k.owner_field: user.pk}).count()
            for k in KINDS if not k.account}


def _first(doc, kind, test=lambda r: True):
    return next(r for r in doc["data"][kind] if test(r))


def _vocab_label(record):
    return any(not lb["is_own"] for lb in record["labels"])


def _affect(record):
    return record["pleasantness"] is not None and record["energy"] is not None


def _sensed(record):
    return bool(record["sensations"])


def _breathing(record):
    return record["kind"] == "breathing"


def _done(record):
    return record["completed_at"] is not None and record["instrument"] == "phq9"


BAD = {
    # name: (kind, which record, change, words the problem must contain)
    "unknown vocabulary word": ("checkins", _vocab_label,
                                lambda r: next(lb for lb in r["labels"] if not lb["is_own"])
                                .update(word="flurbish"), ("labels.", "not in the word list")),
    "pleasantness without energy": ("checkins", _affect, lambda r: r.update(energy=None),
                                    ("energy", "Give energy too")),
    "unknown body region": ("checkins", _sensed,
                            lambda r: r["sensations"][0].update(region="tail"),
                            ("sensations.0.region", "body region")),
    "unknown context choice": ("checkins", lambda r: True, lambda r: r.update(doing="juggling"),
                               ("doing",)),
    "journal prompt that does not exist": ("journal_entries", lambda r: True,
                                           lambda r: r.update(prompt_id="no-such-prompt"),
                                           ("prompt_id",)),
    "empty journal entry": ("journal_entries", lambda r: True,
                            lambda r: r.update(body="", steps=[]), ("body",)),
    "breathing without a pattern": ("practice_sessions", _breathing,
                                    lambda r: r.update(pattern=""), ("pattern",)),
    "questionnaire answer out of range": ("assessment_responses", _done,
                                          lambda r: r["answers"].update({"1": 9}), ("answers",)),
    "rating set word not in the list": ("rating_set", lambda r: True,
                                        lambda r: r.update(emotions=["calm", "zorp"]),
                                        ("emotions", "not in the word list")),
    "safety plan section that does not exist": ("safety_plan", lambda r: True,
                                                lambda r: r["sections"].update(secret=["x"]),
                                                ("sections.secret",)),
    "saying-it goal that does not exist": ("saying_practices", lambda r: True,
                                           lambda r: r.update(goal="win"), ("goal",)),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_kind_of_bad_record_is_refused_and_changes_nothing(exported, other_person, case):
    kind, which, change, words = BAD[case]
    doc = copy.deepcopy(exported)
    record = _first(doc, kind, which)
    index = doc["data"][kind].index(record)
    change(record)
    before = _everything(other_person)
    with pytest.raises(ImportRefused) as caught:
        import_file(other_person, io.BytesIO(json.dumps(doc).encode()))
    assert _everything(other_person) == before
    named = [p for p in caught.value.problems if p.startswith(f"{kind}[{index}]")]
    assert named, caught.value.problems
    assert any(all(w in p for w in words) for p in named), named


def test_the_unchanged_file_imports(exported, other_person):
    result = import_file(other_person, io.BytesIO(json.dumps(exported).encode()))
    assert result.added["checkins"] == len(exported["data"]["checkins"])


def test_safety_plan_version_round_trips_and_a_version_1_file_still_imports(exported, person,
                                                                            other_person):
    from feelmap.safety.models import SafetyPlan

    plan = exported["data"]["safety_plan"][0]
    assert exported["version"] >= 2 and isinstance(plan["version"], int) and plan["version"] >= 1
    doc = copy.deepcopy(exported)
    doc["data"]["safety_plan"][0]["version"] = 7
    import_file(person, io.BytesIO(json.dumps(doc).encode()))
    assert SafetyPlan.objects.get(owner=person).version == 7
    # Importing a plan over an existing one moves the save counter on (an open page is told).
    import_file(person, io.BytesIO(json.dumps(doc).encode()))
    assert SafetyPlan.objects.get(owner=person).version == 8
    # A version 1 file had no counter.
    old = copy.deepcopy(exported)
    old["version"] = 1
    del old["data"]["safety_plan"][0]["version"]
    import_file(other_person, io.BytesIO(json.dumps(old).encode()))
    stored = SafetyPlan.objects.get(owner=other_person)
    assert stored.version == 1 and stored.sections == plan["sections"]


def test_a_word_stored_under_an_old_family_takes_its_current_one(exported, other_person):
    from feelmap.checkins.models import Label
    from feelmap.lexicon.vocabulary import load_vocabulary

    doc = copy.deepcopy(exported)
    record = _first(doc, "checkins", _vocab_label)
    label = next(lb for lb in record["labels"] if not lb["is_own"])
    word = load_vocabulary().get(label["word"])
    other_family = next(f.key for f in load_vocabulary().families if f.key != word.family)
    label["family"], label["level"] = other_family, 3 if word.level != 3 else 2
    import_file(other_person, io.BytesIO(json.dumps(doc).encode()))
    stored = Label.objects.get(checkin__owner=other_person, checkin__occurred_at=record["occurred_at"],
                               word=label["word"])
    assert (stored.family, stored.level) == (word.family, word.level)
