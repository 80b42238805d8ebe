"""The database itself keeps audit entries: UPDATE and DELETE are refused by a trigger (SQLite
and PostgreSQL), whatever path tries, except account deletion: the person's own entries go with
their account, and a deleted viewer's entries keep their name but lose the account link."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from feelmap.care import services
from feelmap.care.models import AuditEntry, AuditErasure, Link
from feelmap.portability.services import delete_account

from .conftest import link

pytestmark = pytest.mark.django_db
REFUSED = "never changed or deleted"


@pytest.fixture
def entries(person, clinician):
    made = link(person, clinician, kinds=["journal"])
    services.record_read(made, "journal")
    return list(AuditEntry.objects.filter(person=person))


def _refused(action) -> None:
    with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic():
        action()


def test_the_trigger_is_in_the_database():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                           "AND tbl_name = 'care_auditentry'")
            assert {r[0] for r in cursor.fetchall()} == {"care_audit_no_delete",
                                                         "care_audit_no_update"}
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = "
                           "'care_auditentry'::regclass AND NOT tgisinternal")
            assert [r[0] for r in cursor.fetchall()] == ["care_audit_guard"]


def test_orm_updates_and_deletes_are_refused(entries):
    assert len(entries) >= 3  # linked, sharing, read
    _refused(lambda: AuditEntry.objects.filter(pk=entries[0].pk).update(kind="checkins"))
    _refused(lambda: AuditEntry.objects.filter(pk=entries[0].pk).delete())
    _refused(lambda: AuditEntry.objects.all().delete())
    assert AuditEntry.objects.count() == len(entries)


def test_raw_sql_is_refused_too(entries):
    def update():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE care_auditentry SET detail = 'edited' WHERE id = %s",
                           [entries[0].pk])

    def delete():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM care_auditentry")

    _refused(update)
    _refused(delete)
    assert not AuditEntry.objects.filter(detail="edited").exists()


def test_cutting_the_actor_needs_an_account_deletion(entries, clinician):
    read = AuditEntry.objects.get(action="read")
    _refused(lambda: AuditEntry.objects.filter(pk=read.pk).update(actor=None))


def test_even_during_a_deletion_only_the_actor_link_may_change(entries, clinician):
    read = AuditEntry.objects.get(action="read")
    with transaction.atomic():
        AuditErasure.objects.create(user_id=clinician.pk)
        _refused(lambda: AuditEntry.objects.filter(pk=read.pk).update(actor=None,
                                                                     actor_name="someone"))
        _refused(lambda: AuditEntry.objects.filter(pk=read.pk).update(kind="checkins"))
        # Naming the viewer does not let their entries about the person be deleted.
        _refused(lambda: AuditEntry.objects.filter(pk=read.pk).delete())
        transaction.set_rollback(True)


def test_deleting_the_persons_account_removes_their_audit(entries, person, clinician):
    delete_account(person)
    assert not AuditEntry.objects.exists()
    assert not AuditErasure.objects.exists()


def test_deleting_the_viewers_account_keeps_what_they_did_under_their_name(
        entries, person, clinician):
    name = clinician.shown_name
    before = AuditEntry.objects.filter(person=person).count()
    delete_account(clinician)
    kept = AuditEntry.objects.filter(person=person)
    assert kept.count() == before
    read = kept.get(action="read")
    assert read.actor_id is None and read.actor_name == name and read.kind == "journal"
    assert not AuditErasure.objects.exists()


def test_new_entries_are_still_written(entries, person, clinician):
    made = services.revoke(person, Link.objects.get(person=person))
    assert made.revoked_at is not None
    assert AuditEntry.objects.filter(action="revoked").count() == 1
