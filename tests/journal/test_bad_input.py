"""Issue 12 for the journal: bad input is a clear 4xx that changes nothing, never a 500, and one
unreadable row never takes a person's pages down. Each test failed before its fix."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from feelmap.accounts.models import ApiToken
from feelmap.journal import services
from feelmap.journal.models import JournalDraft, JournalEntry
from feelmap.journal.schemas import JournalEntryIn

pytestmark = pytest.mark.django_db

BASE = "/api/v1/journal"
NESTED = "[" * 5000 + "]" * 5000


@pytest.fixture
def token(person):
    _token, raw = ApiToken.issue(person)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, url, payload, **extra):
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post(url, body, content_type="application/json", **extra)


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written_at",
    [
        "0001-01-01T00:00:00+00:30",  # a BC date once stored on PostgreSQL broke every page
        "1999-12-31T23:59:59Z",
        "9999-12-31T23:00:00-14:00",
        "2026-01-01T10:00:00",  # no time zone: which moment is meant is unknown
    ],
)
def test_api_refuses_written_at_out_of_range(client, token, written_at):
    response = post(client, f"{BASE}/entries", {"body": "x", "written_at": written_at}, **token)
    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["written_at"]
    assert not JournalEntry.objects.exists()


def test_api_refuses_a_future_written_at_but_allows_a_few_minutes_of_clock_drift(client, token):
    soon = (timezone.now() + timedelta(minutes=2)).isoformat()
    later = (timezone.now() + timedelta(minutes=30)).isoformat()
    assert post(client, f"{BASE}/entries", {"body": "x", "written_at": soon}, **token).status_code == 201
    response = post(client, f"{BASE}/entries", {"body": "y", "written_at": later}, **token)
    assert response.status_code == 422 and "future" in response.json()["fields"]["written_at"][0]


def test_api_stores_written_at_in_utc(client, token):
    response = post(client, f"{BASE}/entries",
                    {"body": "x", "written_at": "2024-03-01T23:30:00+14:00"}, **token)
    assert response.status_code == 201
    assert JournalEntry.objects.get().written_at == datetime(2024, 3, 1, 9, 30, tzinfo=UTC)


def test_api_patch_refuses_written_at_out_of_range(client, token, person):
    entry = services.create_entry(owner=person, data=JournalEntryIn(body="kept"))
    response = client.patch(f"{BASE}/entries/{entry.public_id}",
                            json.dumps({"written_at": "1000-01-01T00:00:00Z", "version": 0}),
                            content_type="application/json", **token)
    assert response.status_code == 422
    entry.refresh_from_db()
    assert entry.written_at.year >= 2000


def test_the_database_refuses_written_at_out_of_range(person):
    with pytest.raises(IntegrityError), transaction.atomic():
        JournalEntry.objects.create(owner=person, body="x",
                                    written_at=datetime(1990, 1, 1, tzinfo=UTC))
    with pytest.raises(IntegrityError), transaction.atomic():
        JournalEntry.objects.create(owner=person, body="x",
                                    written_at=datetime(2999, 1, 1, tzinfo=UTC))


# --- text ---------------------------------------------------------------------------------


def test_api_cleans_a_lone_surrogate_instead_of_failing(client, token):
    response = post(client, f"{BASE}/entries", '{"body": "before\\ud800after", "title": "\\udfff"}',
                    **token)
    assert response.status_code == 201, response.content
    entry = JournalEntry.objects.get()
    assert (entry.body, entry.title) == ("beforeafter", "")


def test_draft_cleans_a_lone_surrogate_instead_of_failing(person_client, person):
    response = post(person_client, reverse("journal:draft"),
                    '{"body": "\\ud800", "title": "t\\ud800", "steps": ["\\udc00a"]}')
    assert response.status_code == 200, response.content
    draft = JournalDraft.objects.get(owner=person)
    assert (draft.body, draft.title, draft.steps) == ("", "t", ["a"])


def test_analyse_cleans_a_lone_surrogate_instead_of_failing(person_client):
    response = post(person_client, reverse("journal:analyse"), '{"text": "angry \\ud800"}')
    assert response.status_code == 200
    assert [h["word"] for h in response.json()["highlights"]] == ["angry"]


def test_control_characters_and_direction_overrides_are_stripped(client, token, person):
    made = post(client, f"{BASE}/entries", {
        "title": "a\u202eb\x00c", "body": "line one\x07\r\nline\ttwo\u2066",
        "steps": [], "labels": [],
    }, **token)
    assert made.status_code == 201
    entry = JournalEntry.objects.get()
    assert entry.title == "abc"
    assert entry.body == "line one\nline\ttwo"
    person_client_body = services.entries_for(person).get().body
    assert "\u202e" not in person_client_body


def test_the_write_page_strips_direction_overrides(person_client, person):
    response = person_client.post(reverse("journal:write"),
                                  {"body": "evil \u202etxet.exe", "title": "\u202d\u0000hi"})
    assert response.status_code == 302
    entry = JournalEntry.objects.get(owner=person)
    assert (entry.body, entry.title) == ("evil txet.exe", "hi")


@pytest.mark.parametrize("name", ["journal:analyse", "journal:draft"])
def test_deeply_nested_json_is_a_clear_400(person_client, name):
    response = post(person_client, reverse(name), NESTED)
    assert response.status_code == 400
    assert "nests too deeply" in response.json()["detail"]
    assert not JournalDraft.objects.exists()


@pytest.mark.parametrize("body", ["[1, 2]", '"x"', "null", "3"])
def test_api_body_must_be_an_object(client, token, body):
    response = post(client, f"{BASE}/entries", body, **token)
    assert response.status_code == 422
    assert not JournalEntry.objects.exists()


def test_api_booleans_are_not_numbers(client, token):
    response = post(client, f"{BASE}/entries", {"body": "x", "minutes_spent": True}, **token)
    assert response.status_code == 422 and list(response.json()["fields"]) == ["minutes_spent"]


# --- paging -------------------------------------------------------------------------------


@pytest.mark.parametrize("offset", ["99999999999999999999", "-1", "1000001"])
def test_api_refuses_an_offset_out_of_range(client, token, offset):
    response = client.get(f"{BASE}/entries", {"offset": offset}, **token)
    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["offset"]


def test_the_journal_page_survives_a_huge_page_number(person_client):
    response = person_client.get(reverse("journal:index"), {"page": "99999999999999999999"})
    assert response.status_code == 200


# --- an unreadable row --------------------------------------------------------------------


def _corrupt(entry):
    """Make one stored entry unreadable (as if encrypted with a key that has been removed)."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE journal_journalentry SET body = %s WHERE id = %s",
                       ["fernet:not-a-token", entry.pk])


def test_the_list_page_shows_the_readable_entries_around_an_unreadable_one(person_client, person):
    keep_a = services.create_entry(owner=person, data=JournalEntryIn(body="First readable words"))
    broken = services.create_entry(owner=person, data=JournalEntryIn(body="soon unreadable"))
    keep_b = services.create_entry(owner=person, data=JournalEntryIn(body="Second readable words"))
    _corrupt(broken)
    response = person_client.get(reverse("journal:index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "First readable words" in page and "Second readable words" in page
    assert keep_a and keep_b


def test_the_api_list_leaves_out_an_unreadable_entry(client, token, person):
    services.create_entry(owner=person, data=JournalEntryIn(body="readable"))
    broken = services.create_entry(owner=person, data=JournalEntryIn(body="soon unreadable"))
    _corrupt(broken)
    response = client.get(f"{BASE}/entries", **token)
    assert response.status_code == 200
    assert [e["body"] for e in response.json()["items"]] == ["readable"]


# --- the safety check runs for the API too ------------------------------------------------


def test_api_says_when_to_offer_help(client, token):
    risky = post(client, f"{BASE}/entries", {"body": "I want to kill myself, I can't go on."},
                 **token)
    calm = post(client, f"{BASE}/entries", {"body": "A quiet walk by the river."}, **token)
    assert (risky.json()["offer_help"], risky.json()["help_level"]) == (True, "strong")
    assert (calm.json()["offer_help"], calm.json()["help_level"]) == (False, None)
    patched = client.patch(f"{BASE}/entries/{calm.json()['id']}",
                           json.dumps({"body": "I want to end my life.", "version": 0}),
                           content_type="application/json", **token)
    assert patched.json()["offer_help"] is True


def test_the_edit_page_offers_help_too(person_client, person):
    entry = services.create_entry(owner=person, data=JournalEntryIn(body="fine"))
    response = person_client.post(reverse("journal:edit", args=[entry.public_id]),
                                  {"body": "I want to kill myself.", "version": "0"}, follow=True)
    assert "See who you can talk to now" in response.content.decode()
