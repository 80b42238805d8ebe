"""The activity summary the clinician's list reads (care/activity.py): kept exact by every write
service (create, edit, delete, import, the demo, erasing the account), filled for existing data
by migration care 0005, and shown per link only for what the link shares."""

from __future__ import annotations

import io
import random
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from feelmap.care import dashboard, services
from feelmap.care.activity import FIELDS, summaries
from feelmap.care.models import Activity
from feelmap.care.schemas import GrantsIn
from feelmap.checkins.services import checkin_create, checkin_delete, checkin_update
from feelmap.checkins.validation import validate_checkin
from feelmap.journal.schemas import JournalEntryIn
from feelmap.journal.services import create_entry, delete_entry, update_entry

from .conftest import link

pytestmark = pytest.mark.django_db


def stored(person) -> dict:
    row = Activity.objects.filter(person=person).values(*FIELDS).first()
    return row if row is not None else dict.fromkeys(FIELDS)


def assert_fresh(person) -> dict:
    """The stored row is what working it out from the records gives now."""
    row = stored(person)
    assert row == summaries(apps, [person.pk])[person.pk]
    return row


def checkin(person, when, **raw):
    data, errors = validate_checkin({"occurred_at": when.isoformat(), "pleasantness": 1, "energy": -1,
                                     **raw}, now=timezone.now())
    assert errors == {}, errors
    return data


def test_checkins_create_edit_delete_keep_the_latest_moment(person):
    now = timezone.now().replace(microsecond=0)
    first = checkin_create(owner=person, data=checkin(person, now - timedelta(days=3)))
    second = checkin_create(owner=person, data=checkin(person, now - timedelta(days=1)))
    assert assert_fresh(person)["checkins"] == second.occurred_at
    checkin_update(checkin=second, data=checkin(person, now - timedelta(days=5)))
    assert assert_fresh(person)["checkins"] == first.occurred_at
    checkin_delete(checkin=first)
    checkin_delete(checkin=second)
    assert assert_fresh(person)["checkins"] is None


def test_risk_words_set_the_flag_moment_and_it_outlives_the_entry(person):
    entry = create_entry(owner=person, data=JournalEntryIn(body="I want to kill myself"))
    row = assert_fresh(person)
    assert row["journal"] == entry.written_at and row["journal_words"] is not None
    update_entry(entry, data=JournalEntryIn(body="A calm walk by the river"))
    delete_entry(entry)
    row = assert_fresh(person)
    # The flag stays (it keeps no words and is not tied to the entry), as before the summary.
    assert row["journal"] is None and row["journal_words"] is not None


def test_a_questionnaire_sets_question_9_and_the_scores(person):
    from feelmap.assessments.services import complete

    earlier = timezone.now() - timedelta(days=40)
    complete(person, "phq9", dict.fromkeys(range(1, 10), 0), when=earlier)
    answers = dict.fromkeys(range(1, 10), 1)
    answers[9] = 2
    done = complete(person, "phq9", answers)
    row = assert_fresh(person)
    assert row["phq9_first"] == 0 and row["phq9_last"] == done.response.total
    assert row["phq9_at"] == done.response.completed_at == row["questionnaires"]
    assert row["item9"] is not None and row["gad7_first"] is None


def test_saying_heartbeat_practices_and_the_plan_reach_the_summary(person):
    from feelmap.heartbeat.schemas import GuessIn
    from feelmap.heartbeat.services import delete_session as delete_beat
    from feelmap.heartbeat.services import record_guess
    from feelmap.practices.schemas import PracticeSessionIn
    from feelmap.practices.services import delete_session, record_session
    from feelmap.safety.plan import empty_plan
    from feelmap.safety.services import save_plan
    from feelmap.saying.schemas import PracticeIn
    from feelmap.saying.services import create_practice, delete_practice

    said = create_practice(owner=person, data=PracticeIn(text="I feel like hurting myself"))
    beat = record_guess(person, GuessIn(started_at=timezone.now() - timedelta(minutes=5),
                                        source="simulated", guess_bpm=70, measured_bpm=72.0))
    practice = record_session(owner=person, data=PracticeSessionIn(
        kind="bodyscan", scan="short", started_at=timezone.now() - timedelta(minutes=3)))
    plan = save_plan(person, empty_plan(), shared=True, based_on=None)
    row = assert_fresh(person)
    assert row["saying"] == said.practised_at and row["saying_words"] is not None
    assert row["heartbeat"] == beat.started_at and row["practices"] == practice.started_at
    assert row["safety_plan"] == plan.updated_at
    delete_practice(said)
    delete_beat(beat)
    delete_session(practice)
    row = assert_fresh(person)
    assert row["saying"] is row["heartbeat"] is row["practices"] is None


def test_the_demo_and_an_import_leave_it_exact_and_erasing_the_account_removes_it(
        person, other_person):
    from feelmap.core.management.commands.demo import DEMO_PARTS
    from feelmap.portability.exporting import write_json
    from feelmap.portability.importing import import_file
    from feelmap.portability.services import delete_account

    rng = random.Random(3)
    import importlib

    for dotted in DEMO_PARTS:
        importlib.import_module(dotted).generate(person, days=4, per_day=1, rng=rng,
                                                 progress=lambda *a: None)
    row = assert_fresh(person)
    assert row["checkins"] is not None and row["journal"] is not None
    out = io.StringIO()
    write_json(person, out)
    import_file(other_person, io.BytesIO(out.getvalue().encode()))
    theirs = assert_fresh(other_person)
    assert {k: theirs[k] for k in ("checkins", "journal", "practices")} == {
        k: row[k] for k in ("checkins", "journal", "practices")}
    delete_account(person)
    assert not Activity.objects.filter(person_id=person.pk).exists()


def test_what_the_list_shows_follows_each_grant_change(person, clinician):
    made = link(person, clinician, ["checkins"])
    when = timezone.now() - timedelta(days=20)
    made_checkin = checkin_create(owner=person, data=checkin(person, when))
    entry = create_entry(owner=person, data=JournalEntryIn(body="I want to die"))
    row = dashboard.people(clinician)[0]
    assert row["last"] == made_checkin.occurred_at
    assert [f["key"] for f in row["flags"]] == ["silence"]
    made = services.set_grants(person, made, GrantsIn(kinds=["checkins", "journal"],
                                                      journal_scope="chosen"))
    row = dashboard.people(clinician)[0]
    # Only chosen entries count, and none is chosen: no newer activity, no words flag.
    assert {f["key"] for f in row["flags"]} == {"silence"} and row["last"] < entry.written_at
    assert services.share_entry(person, made, entry, True)
    row = dashboard.people(clinician)[0]
    # A chosen entry counts as activity; its words flag still needs the whole journal.
    assert row["last"] == entry.written_at and row["flags"] == []
    services.set_grants(person, made, GrantsIn(kinds=["journal"], journal_scope="all"))
    row = dashboard.people(clinician)[0]
    assert row["last"] == entry.written_at
    assert {f["key"] for f in row["flags"]} == {"language"}
    services.set_grants(person, made, GrantsIn(kinds=[]))
    row = dashboard.people(clinician)[0]
    assert row["last"] is None and row["flags"] == []


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_existing_data_and_can_run_again(person, other_person):
    from importlib import import_module

    from tests.migration_helpers import across_migration

    fill = import_module("feelmap.care.migrations.0005_fill_activity").fill
    with across_migration(("care", "0004_activity_summary"),
                          ("care", "0005_fill_activity")) as state:
        # Only care 0005 is undone: every other table is as it is now. Records written
        # straight to the tables, as they were before the summary existed.
        from feelmap.assessments.models import AssessmentResponse
        from feelmap.checkins.models import CheckIn
        from feelmap.safety.models import SafetyFlag

        assert state.apps.get_model("care", "Activity")
        now = timezone.now().replace(microsecond=0)
        CheckIn.objects.create(owner=person, occurred_at=now - timedelta(days=2))
        CheckIn.objects.create(owner=person, occurred_at=now - timedelta(days=1))
        SafetyFlag.objects.create(owner=person, source="checkin-language")
        for days, total in ((60, 4.0), (30, 9.0), (1, 12.0)):
            at = now - timedelta(days=days)
            AssessmentResponse.objects.create(owner=person, instrument="gad7", started_at=at,
                                              completed_at=at, total=total)
        Activity.objects.all().delete()
    mine, theirs = stored(person), stored(other_person)
    assert mine["checkins"] == now - timedelta(days=1)
    assert mine["checkin_words"] is not None and mine["item9"] is None
    assert (mine["gad7_first"], mine["gad7_last"], mine["gad7_at"]) == (
        4.0, 12.0, now - timedelta(days=1))
    assert theirs == dict.fromkeys(FIELDS) and Activity.objects.filter(person=other_person).exists()
    fill(apps, None)  # again: the same rows, no duplicates
    assert stored(person) == mine and Activity.objects.filter(person=person).count() == 1


def test_a_write_that_names_its_kind_works_out_only_that_part(person,
                                                               django_assert_max_num_queries):
    from feelmap.care.activity import refresh

    now = timezone.now().replace(microsecond=0)
    checkin_create(owner=person, data=checkin(person, now - timedelta(days=2)))
    assert_fresh(person)
    # A stale value in another part stays as it is when only the check-ins are worked out…
    Activity.objects.filter(person=person).update(journal=now)
    with django_assert_max_num_queries(2):  # the latest check-in, and the row's update
        refresh(person.pk, "checkins")
    assert stored(person)["journal"] == now
    # …and is put right by a write of the kind it belongs to, or of no named kind.
    refresh(person.pk, "journal")
    assert assert_fresh(person)["journal"] is None
    Activity.objects.filter(person=person).update(journal=now)
    refresh(person.pk)
    assert assert_fresh(person)["journal"] is None


def test_a_named_kind_without_a_row_works_out_the_whole_row(person):
    from feelmap.journal.models import JournalEntry

    entry = JournalEntry.objects.create(owner=person, title="x", body="y")
    Activity.objects.filter(person=person).delete()
    checkin_create(owner=person, data=checkin(person, timezone.now() - timedelta(hours=1)))
    assert assert_fresh(person)["journal"] == entry.written_at


def test_an_unknown_kind_is_refused():
    from feelmap.lib import changes

    with pytest.raises(ValueError, match="unknown kind"):
        changes.person_records_changed(1, "checkin")
