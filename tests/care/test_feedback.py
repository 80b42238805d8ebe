"""Feedback: a viewer comments on a shared record, the person sees it on their own page,
replies, and can delete the thread; text is encrypted at rest; every write is audited."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from feelmap.care.models import AuditEntry, Comment
from feelmap.checkins.models import CheckIn
from feelmap.journal.models import JournalEntry
from feelmap.saying.models import SayingPractice

from .conftest import link

pytestmark = pytest.mark.django_db


def _record_url(person, kind, record):
    return reverse("care:record", args=[person.public_id, kind, record.public_id])


def _own_page(kind, record):
    name = {"journal": "journal:entry", "checkins": "checkins:detail", "saying": "saying:detail"}
    return reverse(name[kind], args=[record.public_id])


@pytest.fixture
def records(person, shared_data):
    return {"journal": JournalEntry.objects.get(owner=person),
            "checkins": CheckIn.objects.get(owner=person),
            "saying": SayingPractice.objects.get(owner=person)}


@pytest.mark.parametrize("kind", ["journal", "checkins", "saying"])
def test_a_thread_goes_both_ways_and_the_person_can_delete_it(client, person, clinician, records,
                                                              kind):
    made = link(person, clinician, [kind])
    record = records[kind]
    client.force_login(clinician)
    page = client.get(_record_url(person, kind, record))
    assert page.status_code == 200 and "No comments yet" in page.content.decode()
    sent = client.post(_record_url(person, kind, record), {"body": "How did that feel after?"})
    assert sent.status_code == 302
    assert AuditEntry.objects.filter(action="commented", kind=kind, actor=clinician).exists()

    client.force_login(person)
    own = client.get(_own_page(kind, record)).content.decode()
    assert "Conversation with dr_ash" in own and "How did that feel after?" in own
    reply_url = reverse("care:reply", args=[kind, record.public_id, made.public_id])
    answered = client.post(reply_url, {"body": "Lighter, thank you", "next": _own_page(kind, record)})
    assert answered.status_code == 302 and answered["Location"] == _own_page(kind, record)
    assert AuditEntry.objects.filter(action="replied", kind=kind, actor=person).exists()

    client.force_login(clinician)
    both = client.get(_record_url(person, kind, record)).content.decode()
    assert "How did that feel after?" in both and "Lighter, thank you" in both

    client.force_login(person)
    gone = client.post(reverse("care:delete_thread", args=[kind, record.public_id, made.public_id]))
    assert gone.status_code == 302
    assert not Comment.objects.exists()
    assert AuditEntry.objects.filter(action="removed", kind=kind).exists()
    assert "Conversation with" not in client.get(_own_page(kind, record)).content.decode()


def test_comment_text_is_encrypted_at_rest(client, person, clinician, records):
    link(person, clinician, ["journal"])
    client.force_login(clinician)
    client.post(_record_url(person, "journal", records["journal"]), {"body": "plain-words-xyz"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM care_comment")
        stored = cursor.fetchone()[0]
    assert "plain-words-xyz" not in stored
    assert Comment.objects.get().body == "plain-words-xyz"


def test_an_empty_comment_is_refused_and_changes_nothing(client, person, clinician, records):
    link(person, clinician, ["journal"])
    client.force_login(clinician)
    response = client.post(_record_url(person, "journal", records["journal"]), {"body": "   "})
    assert response.status_code == 400 and "Write a comment" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_reply_with_risk_words_offers_help(client, person, clinician, records):
    made = link(person, clinician, ["journal"])
    client.force_login(clinician)
    client.post(_record_url(person, "journal", records["journal"]), {"body": "How are you?"})
    client.force_login(person)
    url = reverse("care:reply", args=["journal", records["journal"].public_id, made.public_id])
    page = client.post(url, {"body": "I want to kill myself tonight"}, follow=True)
    assert "help" in page.content.decode().lower()
    assert any("safety" in m.tags for m in page.context["messages"])


def test_a_reply_needs_a_thread_and_a_live_link(client, person, clinician, records):
    from feelmap.care import services

    made = link(person, clinician, ["journal"])
    client.force_login(person)
    url = reverse("care:reply", args=["journal", records["journal"].public_id, made.public_id])
    client.post(url, {"body": "Hello?"})
    assert not Comment.objects.exists()  # nobody had started a conversation
    client.force_login(clinician)
    client.post(_record_url(person, "journal", records["journal"]), {"body": "Hi"})
    services.revoke(person, made)
    client.force_login(person)
    client.post(url, {"body": "Late reply"})
    assert Comment.objects.count() == 1
    # The person still sees the old conversation, marked as ended.
    page = client.get(_own_page("journal", records["journal"])).content.decode()
    assert "This link has ended" in page and "Hi" in page


def test_threads_are_per_viewer(client, person, clinician, other_clinician, records):
    link(person, clinician, ["journal"])
    link(person, other_clinician, ["journal"])
    url = _record_url(person, "journal", records["journal"])
    client.force_login(clinician)
    client.post(url, {"body": "from-ash"})
    client.force_login(other_clinician)
    page = client.get(url).content.decode()
    assert "from-ash" not in page
    client.force_login(person)
    own = client.get(_own_page("journal", records["journal"])).content.decode()
    assert "from-ash" in own and "Conversation with dr_ash" in own


def test_chosen_entries_only_and_the_choice_takes_effect_at_once(client, person, clinician):
    from feelmap.care import services
    from feelmap.care.schemas import GrantsIn

    picked = JournalEntry.objects.create(owner=person, title="Picked", body="picked-body")
    private = JournalEntry.objects.create(owner=person, title="Private", body="private-body")
    made = link(person, clinician)
    made = services.set_grants(person, made, GrantsIn(kinds=["journal"], journal_scope="chosen"))
    client.force_login(clinician)
    listing = reverse("care:shared", args=[person.public_id, "journal"])
    assert "picked-body" not in client.get(listing).content.decode()
    client.force_login(person)
    own = client.get(reverse("journal:entry", args=[picked.public_id])).content.decode()
    assert "Share this entry with dr_ash" in own
    client.post(reverse("care:share_entry", args=[made.public_id, picked.public_id]),
                {"shared": "true"})
    client.force_login(clinician)
    body = client.get(listing).content.decode()
    assert "picked-body" in body and "private-body" not in body
    assert client.get(_record_url(person, "journal", picked)).status_code == 200
    assert client.get(_record_url(person, "journal", private)).status_code == 404
    client.force_login(person)
    client.post(reverse("care:share_entry", args=[made.public_id, picked.public_id]),
                {"shared": "false"})
    client.force_login(clinician)
    assert "picked-body" not in client.get(listing).content.decode()
    assert client.get(_record_url(person, "journal", picked)).status_code == 404
