"""`Link.new_safety_at` (care/attention.py): the newest safety flag a clinician can see and has
not marked seen, kept by every write that can change it, through the real write services; and
always the same answer as the rows of the clinician's list work out for themselves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from feelmap.care import attention, dashboard, services
from feelmap.care.models import Link
from feelmap.care.schemas import GrantsIn
from feelmap.safety.models import SafetyFlag
from feelmap.safety.services import record_language_flags

from .conftest import link

pytestmark = pytest.mark.django_db


def _at(made: Link):
    return Link.objects.get(pk=made.pk).new_safety_at


def _newest(person, source: str):
    return SafetyFlag.objects.filter(owner=person, source=source).latest("created_at").created_at


def _shown(viewer) -> set[str]:
    """Whose rows on the viewer's list carry a new safety flag (worked out row by row)."""
    return {row["person"].username for row in dashboard.people(viewer)
            if any(f["key"] in attention.SAFETY and not f["seen"] for f in row["flags"])}


def test_a_flag_in_a_shared_kind_is_new_for_a_clinician_and_never_for_a_trusted_person(
        person, clinician, trusted):
    doctor = link(person, clinician, ["checkins"])
    friend = link(person, trusted, ["checkins"])
    assert _at(doctor) is None
    record_language_flags(person, "checkin-language", ["strong"])
    assert _at(doctor) == _newest(person, "checkin-language")
    assert _at(friend) is None
    assert _shown(clinician) == {person.username}


def test_a_flag_from_a_kind_not_shared_is_not_new_until_that_kind_is_shared(person, clinician):
    made = link(person, clinician, ["journal"])
    record_language_flags(person, "saying-language", ["strong"])
    assert _at(made) is None and _shown(clinician) == set()
    services.set_grants(person, made, GrantsIn(kinds=["journal", "saying"]))
    assert _at(made) == _newest(person, "saying-language")
    services.set_grants(person, made, GrantsIn(kinds=["journal"]))
    assert _at(made) is None


def test_journal_words_count_with_the_whole_journal_not_chosen_entries(person, clinician):
    made = link(person, clinician, ["journal"])
    services.set_grants(person, made, GrantsIn(kinds=["journal"], journal_scope="chosen"))
    record_language_flags(person, "journal-language", ["strong"])
    assert _at(made) is None
    services.set_grants(person, made, GrantsIn(kinds=["journal"], journal_scope="all"))
    assert _at(made) == _newest(person, "journal-language")


def test_marking_seen_clears_it_and_a_newer_flag_brings_it_back(person, clinician):
    made = link(person, clinician, ["questionnaires", "checkins"])
    SafetyFlag.objects.create(owner=person, source="phq9-item9")
    record_language_flags(person, "checkin-language", ["gentle"])  # not a flag: nothing changes
    from feelmap.accounts.services import person_data_changed

    person_data_changed(person.pk, kind="questionnaires")
    item9 = _newest(person, "phq9-item9")
    assert _at(made) == item9
    services.mark_flag_seen(made, "item9", item9)
    assert _at(made) is None and _shown(clinician) == set()
    record_language_flags(person, "checkin-language", ["strong"])
    assert _at(made) == _newest(person, "checkin-language")
    assert _shown(clinician) == {person.username}


def test_ending_the_link_clears_it(person, clinician):
    made = link(person, clinician, ["questionnaires"])
    SafetyFlag.objects.create(owner=person, source="phq9-item9")
    from feelmap.accounts.services import person_data_changed

    person_data_changed(person.pk)
    assert _at(made) is not None
    services.revoke(person, made)
    assert _at(made) is None
    assert dashboard.page_of(clinician, 1)["flagged"] == 0


def test_the_newest_of_two_flags_counts_and_the_older_one_stays_new_after_marking_the_newer(
        person, clinician):
    made = link(person, clinician, ["questionnaires", "checkins"])
    record_language_flags(person, "checkin-language", ["strong"])
    old = SafetyFlag.objects.get(owner=person)
    SafetyFlag.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))
    SafetyFlag.objects.create(owner=person, source="phq9-item9")
    from feelmap.accounts.services import person_data_changed

    person_data_changed(person.pk)
    item9 = _newest(person, "phq9-item9")
    assert _at(made) == item9
    services.mark_flag_seen(made, "item9", item9)
    assert _at(made) == _newest(person, "checkin-language")


def test_filling_in_bulk_gives_what_the_writes_keep(person, clinician):
    """Migration 0006 and the benchmark fill it with `store` over the registry: the same
    values as the writes leave."""
    made = link(person, clinician, ["questionnaires", "checkins"])
    record_language_flags(person, "checkin-language", ["strong"])
    kept = _at(made)
    Link.objects.filter(pk=made.pk).update(new_safety_at=None)
    assert attention.store(apps, [made.pk]) == 1
    assert _at(made) == kept
    assert attention.store(apps, [made.pk]) == 0  # nothing changed: nothing written


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_it_for_links_there_are(person, other_person, clinician):
    from feelmap.accounts.services import person_data_changed
    from tests.migration_helpers import across_migration

    SafetyFlag.objects.create(owner=person, source="phq9-item9")
    SafetyFlag.objects.create(owner=other_person, source="phq9-item9")
    person_data_changed(person.pk)
    person_data_changed(other_person.pk)
    with across_migration(("care", "0005_fill_activity"),
                          ("care", "0006_new_safety_flags")) as state:
        # Links as they were before the field existed: one sharing the questionnaires, one not.
        old_link = state.apps.get_model("care", "Link")
        old_grant = state.apps.get_model("care", "Grant")
        shared = old_link.objects.create(person_id=person.pk, viewer_id=clinician.pk,
                                         role="clinician")
        old_grant.objects.create(link=shared, kind="questionnaires")
        old_link.objects.create(person_id=other_person.pk, viewer_id=clinician.pk,
                                role="clinician")
    assert Link.objects.get(person=person).new_safety_at == _newest(person, "phq9-item9")
    assert Link.objects.get(person=other_person).new_safety_at is None
    assert _shown(clinician) == {person.username}


@pytest.mark.django_db(transaction=True)
def test_a_new_flag_and_a_mark_at_the_same_moment_take_turns(person, clinician):
    """PostgreSQL (read committed): the clinician marks question 9 seen while the person's
    write of a new flag is still open. The mark waits for the link, then reads the new flag:
    the person stays in the flag box. (Reading first and writing later would store "nothing
    new" over it.) SQLite's writes take turns already."""
    import threading

    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one write at a time")
    made = link(person, clinician, ["questionnaires", "checkins"])
    SafetyFlag.objects.create(owner=person, source="phq9-item9")
    from feelmap.accounts.services import person_data_changed

    person_data_changed(person.pk, kind="questionnaires")
    item9 = _newest(person, "phq9-item9")
    marked = threading.Event()

    def mark() -> None:
        try:
            services.mark_flag_seen(Link.objects.get(pk=made.pk), "item9", item9)
            marked.set()
        finally:
            connection.close()

    with transaction.atomic():
        record_language_flags(person, "checkin-language", ["strong"])
        clinician_tab = threading.Thread(target=mark)
        clinician_tab.start()
        assert not marked.wait(0.5)  # it waits for the person's write
    clinician_tab.join(10)
    assert marked.is_set()
    assert _at(made) == _newest(person, "checkin-language")
    assert _shown(clinician) == {person.username}
