"""Sessions are Django's database sessions and users Django's ModelBackend; these are the
security rules Feelmap relies on them for."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from feelmap.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("expired", [False, True])
def test_sessions_last_until_they_expire(person, client, expired):
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
