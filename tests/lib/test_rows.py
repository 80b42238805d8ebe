"""The prepared-statement loaders and inserts must give what the ORM gives, on every backend."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from feelmap.accounts.models import User
from feelmap.checkins.models import CheckIn, Label
from feelmap.lib.rows import insert, insert_many, load_by_pk


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}


def test_a_loaded_user_equals_the_orm_one(person):
    person.last_login = timezone.now()
    person.display_name = "Río"
    person.save()
    loaded = load_by_pk(User, person.pk)
    assert _fields(loaded) == _fields(User.objects.get(pk=person.pk))
    assert loaded._state.adding is False and loaded._state.db == "default"
    assert timezone.is_aware(loaded.date_joined)


def test_a_missing_row_loads_as_none(db):
    assert load_by_pk(User, 987654) is None
    assert load_by_pk(Session, "no-such-session-key") is None


def test_an_inserted_checkin_reads_back_the_same_through_the_orm(person):
    when = timezone.now() - timedelta(hours=2)
    checkin = CheckIn(owner=person, occurred_at=when, kind="quick", pleasantness=-2.5, energy=1,
                      note="Tight chest <b>before</b> the call", not_sure=True)
    insert(checkin)
    assert checkin.pk is not None and checkin._state.adding is False
    stored = CheckIn.objects.get(pk=checkin.pk)
    assert stored.note == "Tight chest <b>before</b> the call"
    assert stored.occurred_at == when and stored.not_sure is True
    assert stored.created_at is not None and stored.public_id == checkin.public_id
    # The note is encrypted at rest, as save() would store it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM checkins_checkin WHERE id = %s", [checkin.pk])
        assert "Tight chest" not in cursor.fetchone()[0]


def test_insert_many_writes_every_row_in_one_statement(person, django_assert_num_queries):
    checkin = CheckIn(owner=person, occurred_at=timezone.now(), kind="quick")
    insert(checkin)
    labels = [Label(checkin=checkin, position=i, word=w, family="calm", level=2)
              for i, w in enumerate(["settled", "content"], start=1)]
    with django_assert_num_queries(1):
        insert_many(labels)
    assert list(checkin.labels.order_by("position").values_list("word", flat=True)) == [
        "settled", "content"]
    with django_assert_num_queries(0):
        insert_many([])


@pytest.mark.parametrize("expired", [False, True])
def test_sessions_load_until_they_expire(person, client, expired):
    client.force_login(person)
    key = client.session.session_key
    if expired:
        Session.objects.filter(session_key=key).update(
            expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/checkin/")
    assert (response.status_code == 302) is expired  # an expired session is signed out


def test_an_inactive_account_is_signed_out(person, client):
    client.force_login(person)
    assert client.get("/checkin/").status_code == 200
    User.objects.filter(pk=person.pk).update(is_active=False)
    assert client.get("/checkin/").status_code == 302


def test_a_password_change_elsewhere_signs_other_sessions_out(person, client):
    client.force_login(person)
    person.set_password("another long passphrase")
    person.save()
    assert client.get("/checkin/").status_code == 302


def test_an_odd_session_cookie_is_simply_no_session(person, client):
    """A NUL byte (which PostgreSQL refuses in text) or other junk must not cause an error."""
    for junk in ["abc\x00defghij", "x" * 300, "ÄÖÜ-not-a-key", "short"]:
        client.cookies["feelmap_session"] = junk
        response = client.get("/checkin/")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_models_the_fast_path_cannot_handle_go_through_the_orm(person):
    """A primary key set by hand is the ORM's job; the row still goes in."""
    checkin = CheckIn(owner=person, occurred_at=timezone.now(), kind="quick", pk=987001)
    insert(checkin)
    assert CheckIn.objects.filter(pk=987001).exists()
    labels = [Label(checkin=checkin, position=1, word="calm", pk=987002)]
    insert_many(labels)
    assert Label.objects.get(pk=987002).word == "calm"
