"""Database faults seen from one request: full disk, read-only file, locked or unreachable
database. The person gets a 503 that says nothing was saved and keeps their words; nothing is
half-written; the next request after the fault clears simply works.

The faults are raised by a wrapper on the connection (the errors SQLite and PostgreSQL give),
so these run unprivileged and on both databases. tests/durability/test_server_faults.py does
the same against a real server process with a real lock and a real cut connection."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client
from django.urls import reverse

from feelmap.accounts.models import ApiToken
from feelmap.checkins.models import CheckIn
from feelmap.journal.models import EntryLabel, JournalEntry

pytestmark = pytest.mark.django_db


@contextmanager
def failing(message: str, when=lambda sql: True):
    """Every statement `when` picks fails as the database would fail it."""

    def wrapper(execute, sql, params, many, context):
        if when(sql):
            raise OperationalError(message)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield


def writes_to(table: str):
    return lambda sql: sql.lstrip().upper().startswith("INSERT") and f'"{table}"' in sql


@pytest.fixture
def browser_client(person):
    # A real server answers an unexpected error with a page instead of raising it.
    client = Client(raise_request_exception=False)
    client.force_login(person)
    return client


def test_a_full_disk_keeps_the_words_on_a_503_page_and_saves_nothing_half_way(browser_client, person):
    words = "The meeting went badly and my jaw has been tight since."
    form = {"body": words, "title": "After the meeting", "labels": "anxious", "minutes_spent": "5",
            "csrfmiddlewaretoken": "kept-as-it-came"}
    # The entry row is written, then its label fails: the whole entry must be rolled back.
    with failing("database or disk is full", writes_to("journal_entrylabel")):
        response = browser_client.post(reverse("journal:write"), form)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Your words were not saved yet" in page and "Nothing was changed" in page
    assert words in page  # shown, to copy
    assert f'<input type="hidden" name="body" value="{words}">' in page  # sent again by the button
    assert f'action="{reverse("journal:write")}"' in page
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="kept-as-it-came">' in page
    assert not JournalEntry.objects.filter(owner=person).exists()
    assert not EntryLabel.objects.exists()

    # The fault clears: the same form, sent again, saves once, without a restart.
    again = browser_client.post(reverse("journal:write"), form)
    assert again.status_code == 302
    assert [e.body for e in JournalEntry.objects.filter(owner=person)] == [words]


def test_the_api_answers_503_json_and_stores_nothing_then_recovers(client, person):
    _token, raw = ApiToken.issue(person)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    body = {"pleasantness": -1, "energy": 2, "note": "Tired but steady.",
            "labels": [{"word": "tired"}]}
    with failing("attempt to write a readonly database", writes_to("checkins_label")):
        response = client.post("/api/v1/checkins", data=body, content_type="application/json",
                               **auth)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json()["detail"].startswith("Nothing was saved")
    assert not CheckIn.objects.filter(owner=person).exists()

    again = client.post("/api/v1/checkins", data=body, content_type="application/json", **auth)
    assert again.status_code == 201
    assert CheckIn.objects.filter(owner=person).count() == 1


def test_an_unreachable_database_before_the_view_still_gets_the_503_page(browser_client):
    # Every query fails, so the session and the user cannot even be read (middleware).
    with failing("connection to server at \"127.0.0.1\", port 5432 failed: Connection refused"):
        response = browser_client.get(reverse("journal:index"))
    assert response.status_code == 503
    assert "Feelmap is not available just now" in response.content.decode()
    assert browser_client.get(reverse("journal:index")).status_code == 200


def test_the_api_gets_json_even_when_the_token_cannot_be_checked(client):
    with failing("database is locked"):
        response = client.get("/api/v1/journal/entries", HTTP_AUTHORIZATION="Bearer abc")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert "try again" in response.json()["detail"]


def test_a_password_is_never_shown_or_sent_back(db):
    client = Client(raise_request_exception=False)
    secret = "my very private passphrase 77"
    with failing("database is locked"):
        response = client.post(reverse("accounts:login"),
                               {"username": "river", "password": secret})
    assert response.status_code == 503
    page = response.content.decode()
    assert secret not in page
    assert re.search(r'name="username" value="river"', page)


def test_the_api_document_lists_the_503():
    from feelmap.api.urls import api

    document = api.get_openapi_schema()
    assert all("503" in op["responses"] or 503 in op["responses"]
               for methods in document["paths"].values() for op in methods.values())
