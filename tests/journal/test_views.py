"""Journal pages: list, write, entry, edit, delete, labels, drafts, analyse; ownership 404s."""

import json
import uuid

import pytest
from django.urls import reverse

from feelmap.journal import services
from feelmap.journal.models import EntryLabel, JournalDraft, JournalEntry
from feelmap.journal.prompts import prompts_of_kind
from feelmap.journal.schemas import JournalDraftIn, JournalEntryIn

pytestmark = pytest.mark.django_db


def make_entry(owner, body="I felt angry and tired after the call.", labels=("angry",), **extra):
    data = JournalEntryIn(body=body, labels=list(labels), **extra)
    return services.create_entry(owner=owner, data=data)


def post_json(client, url, payload):
    return client.post(url, json.dumps(payload), content_type="application/json")


# --- list --------------------------------------------------------------------------------


def test_it_explains_the_journal_when_it_is_empty(person_client):
    response = person_client.get(reverse("journal:index"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nothing written yet" in body
    assert "15 to 20 minutes" in body and "Naming it" in body
    assert reverse("journal:write") in body


def test_it_lists_entries_newest_first_with_their_labels(person_client, person, other_person):
    from datetime import timedelta

    from django.utils import timezone

    make_entry(person, body="Older entry text", written_at=timezone.now() - timedelta(days=2))
    make_entry(person, body="Newer entry text", labels=("sad",))
    make_entry(other_person, body="Someone else's words")
    body = person_client.get(reverse("journal:index")).content.decode()
    assert body.index("Newer entry text") < body.index("Older entry text")
    assert "Someone else" not in body
    assert "label-chip" in body and ">sad<" in body and ">angry<" in body


def test_the_kept_list_follows_every_write_and_page(person_client, person):
    """The list is a fragment kept under the person's data version (and page number); every
    write of an entry raises the version, so the list and its page count follow at once."""
    for i in range(20):
        services.create_entry(owner=person, data=JournalEntryIn(body=f"Entry number {i}"))
    first = person_client.get(reverse("journal:index")).content.decode()
    assert "Entry number 19" in first and "Page 1 of" not in first
    newest = services.create_entry(owner=person, data=JournalEntryIn(body="One more entry"))
    first = person_client.get(reverse("journal:index")).content.decode()
    assert "One more entry" in first and "Page 1 of 2" in first
    second = person_client.get(reverse("journal:index") + "?page=2").content.decode()
    assert "Entry number 0<" in second and "Page 2 of 2" in second
    services.delete_entry(newest)
    first = person_client.get(reverse("journal:index")).content.decode()
    assert "One more entry" not in first and "Page 1 of" not in first


def test_it_asks_visitors_to_sign_in(client):
    response = client.get(reverse("journal:index"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- write -------------------------------------------------------------------------------


def test_it_offers_prompts_by_kind_and_free_writing(person_client):
    body = person_client.get(reverse("journal:write")).content.decode()
    for label in ("Expressive writing", "Naming feelings", "Another way to see it", "Body first"):
        assert label in body
    assert "?shuffle=1&amp;kind=expressive" in body
    assert 'name="body"' in body


def test_it_shuffles_to_another_prompt_of_the_same_kind(person_client):
    first = prompts_of_kind("body")[0]
    url = reverse("journal:write") + f"?shuffle=1&kind=body&after={first.id}"
    for _ in range(5):
        response = person_client.get(url)
        prompt = response.context["prompt"]
        assert prompt.kind == "body" and prompt.id != first.id


def test_it_shows_the_caution_for_expressive_prompts(person_client):
    prompt = prompts_of_kind("expressive")[0]
    body = person_client.get(reverse("journal:write") + f"?prompt={prompt.id}").content.decode()
    assert "Before you start" in body and "professional" in body


def test_it_shows_reframing_steps_as_separate_fields(person_client):
    prompt = prompts_of_kind("reframing")[0]
    body = person_client.get(reverse("journal:write") + f"?prompt={prompt.id}").content.decode()
    for name in ("Situation", "Thought", "Feeling", "Alternative"):
        assert f">{name}</label>" in body
    assert 'name="step_3"' in body


def test_it_saves_an_entry_with_labels_and_encrypts_it(person_client, person):
    from django.db import connection

    response = person_client.post(
        reverse("journal:write"),
        {"body": "My chest was tight all day.", "title": "Tuesday", "labels": "anxious, Worried",
         "label_sources": json.dumps({"anxious": "suggestion"}), "minutes_spent": "12"},
    )
    entry = JournalEntry.objects.get(owner=person)
    assert response.status_code == 302
    assert response["Location"] == reverse("journal:entry", args=[entry.public_id])
    assert entry.body == "My chest was tight all day." and entry.title == "Tuesday"
    assert entry.minutes_spent == 12
    assert {(lb.word, lb.added_from) for lb in entry.labels.all()} == {
        ("anxious", "suggestion"), ("worried", "own")}
    with connection.cursor() as cursor:
        cursor.execute("SELECT body, title FROM journal_journalentry WHERE id = %s", [entry.pk])
        raw_body, raw_title = cursor.fetchone()
    assert raw_body.startswith("fernet:") and "chest" not in raw_body
    assert raw_title.startswith("fernet:")


def test_it_saves_reframing_answers_in_order(person_client, person):
    prompt = prompts_of_kind("reframing")[0]
    response = person_client.post(
        reverse("journal:write"),
        {"prompt_id": prompt.id, "step_0": "They didn't reply.", "step_1": "They hate me.",
         "step_2": "Hurt, 7", "step_3": "They may be busy.", "body": ""},
    )
    assert response.status_code == 302
    entry = JournalEntry.objects.get(owner=person)
    assert entry.prompt_id == prompt.id
    assert entry.steps[:4] == ["They didn't reply.", "They hate me.", "Hurt, 7", "They may be busy."]
    page = person_client.get(reverse("journal:entry", args=[entry.public_id])).content.decode()
    assert "Situation" in page and "They may be busy." in page


def test_it_refuses_an_empty_entry_and_saves_nothing(person_client, person):
    response = person_client.post(reverse("journal:write"), {"body": "   ", "labels": ""})
    assert response.status_code == 200
    assert "A few words are enough" in response.content.decode()
    assert not JournalEntry.objects.exists()


def test_it_explains_an_unknown_label_and_saves_nothing(person_client):
    response = person_client.post(
        reverse("journal:write"), {"body": "Some text", "labels": "sad, zorbled"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "zorbled" in body and "Pick a word from the list" in body
    assert 'value="Some text"' not in body  # body is a textarea ...
    assert "Some text</textarea>" in body  # ... and what was written is kept on the page
    assert not JournalEntry.objects.exists()


def test_it_refuses_an_unknown_prompt(person_client):
    response = person_client.post(reverse("journal:write"), {"body": "x", "prompt_id": "nope"})
    assert response.status_code == 200
    assert not JournalEntry.objects.exists()


def test_it_offers_help_when_the_text_sounds_unsafe(person_client):
    response = person_client.post(
        reverse("journal:write"), {"body": "I want to kill myself, I can't go on."}, follow=True
    )
    assert "See who you can talk to now" in response.content.decode()


def test_it_clears_the_draft_once_the_entry_is_saved(person_client, person):
    services.save_draft(owner=person, key="new", data=JournalDraftIn(body="half written"))
    person_client.post(reverse("journal:write"), {"body": "finished"})
    assert not JournalDraft.objects.filter(owner=person).exists()


# --- drafts ------------------------------------------------------------------------------


def test_it_autosaves_a_draft_encrypted_and_restores_it(person_client, person):
    response = post_json(person_client, reverse("journal:draft"), {
        "key": "new", "body": "I started writing about", "title": "", "labels": "sad",
        "label_sources": {"sad": "suggestion"}, "steps": [], "minutes_spent": 3,
    })
    assert response.status_code == 200 and "saved_at" in response.json()
    draft = JournalDraft.objects.get(owner=person, key="new")
    assert draft.body == "I started writing about"
    page = person_client.get(reverse("journal:write")).content.decode()
    assert "I started writing about</textarea>" in page
    assert "Draft restored" in page
    index = person_client.get(reverse("journal:index")).content.decode()
    assert "Carry on writing" in index


def test_it_checks_draft_payloads(person_client):
    url = reverse("journal:draft")
    assert person_client.post(url, "not json", content_type="application/json").status_code == 400
    response = post_json(person_client, url, {"body": 5, "steps": "x"})
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"body", "steps"}
    big = post_json(person_client, url, {"body": "x" * 500_000})
    assert big.status_code == 413


def test_it_discards_a_draft(person_client, person):
    services.save_draft(owner=person, key="new", data=JournalDraftIn(body="never mind"))
    response = person_client.post(reverse("journal:discard_draft"), {"key": "new"})
    assert response.status_code == 302
    assert not JournalDraft.objects.exists()


def test_it_refuses_json_endpoints_to_visitors(client):
    assert post_json(client, reverse("journal:draft"), {"body": "x"}).status_code == 401
    assert post_json(client, reverse("journal:analyse"), {"text": "x"}).status_code == 401


# --- analyse -----------------------------------------------------------------------------


def test_it_analyses_text_with_links_to_word_pages(person_client):
    response = post_json(person_client, reverse("journal:analyse"),
                         {"text": "I feel bad, kind of angry and my chest is tight.",
                          "labels": ["angry"]})
    assert response.status_code == 200
    data = response.json()
    assert [h["word"] for h in data["highlights"]] == ["angry"]
    assert data["vague"][0]["word"] == "bad"
    assert data["suggestions"] and "angry" not in [s["word"] for s in data["suggestions"]]
    assert data["highlights"][0]["url"] in (None, "/words/angry/")


def test_it_uses_the_persons_own_history_only(person_client, person, other_person):
    text = "Sunday evening, thinking about the office week again."
    for _ in range(3):
        make_entry(other_person, body=text, labels=("sad",))
    words = [s["word"] for s in post_json(
        person_client, reverse("journal:analyse"), {"text": text}).json()["suggestions"]]
    for _ in range(3):
        make_entry(person, body=text, labels=("sad",))
    learned = post_json(person_client, reverse("journal:analyse"), {"text": text}).json()
    first = learned["suggestions"][0]
    assert first["word"] == "sad" and "before" in first["why"]
    assert words == [] or words[0] != "sad" or "before" not in str(words)


def test_it_refuses_to_analyse_non_text(person_client):
    response = post_json(person_client, reverse("journal:analyse"), {"text": ["x"]})
    assert response.status_code == 422 and "text" in response.json()["fields"]


# --- one entry ---------------------------------------------------------------------------


def test_it_shows_an_entry_with_highlights_and_suggestions(person_client, person):
    entry = make_entry(person, body="I was so angry, then it felt bad and off.", labels=())
    body = person_client.get(reverse("journal:entry", args=[entry.public_id])).content.decode()
    assert "<mark class=\"anger\">angry</mark>" in body
    assert "Which kind of bad?" in body
    assert "Words that might fit" in body
    assert 'name="added_from" value="suggestion"' in body


def test_it_adds_and_removes_labels_from_the_entry_page(person_client, person):
    entry = make_entry(person, labels=())
    url = reverse("journal:add_label", args=[entry.public_id])
    person_client.post(url, {"word": "Frustration", "added_from": "suggestion"})
    person_client.post(url, {"word": "frustrated"})  # the same word again: no duplicate
    label = EntryLabel.objects.get(entry=entry)
    assert (label.word, label.family, label.added_from) == ("frustrated", "anger", "suggestion")
    response = person_client.post(url, {"word": "blorp"}, follow=True)
    assert "blorp" in response.content.decode()
    assert EntryLabel.objects.filter(entry=entry).count() == 1
    person_client.post(reverse("journal:remove_label", args=[entry.public_id]),
                       {"word": "frustrated"})
    assert not EntryLabel.objects.filter(entry=entry).exists()


def test_it_edits_an_entry_and_keeps_its_date_and_prompt(person_client, person):
    entry = make_entry(person, prompt_id=prompts_of_kind("body")[0].id)
    written = entry.written_at
    response = person_client.post(
        reverse("journal:edit", args=[entry.public_id]),
        {"body": "Changed my mind: I was sad.", "labels": "sad", "prompt_id": "other",
         "version": "0"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.body == "Changed my mind: I was sad." and entry.written_at == written
    assert entry.prompt_id == prompts_of_kind("body")[0].id
    assert [lb.word for lb in entry.labels.all()] == ["sad"]


def test_it_keeps_an_entry_unchanged_when_an_edit_is_invalid(person_client, person):
    entry = make_entry(person)
    person_client.post(reverse("journal:edit", args=[entry.public_id]),
                       {"body": "new", "labels": "notaword"})
    entry.refresh_from_db()
    assert entry.body == "I felt angry and tired after the call."
    assert [lb.word for lb in entry.labels.all()] == ["angry"]


def test_it_asks_before_deleting_and_then_deletes(person_client, person):
    entry = make_entry(person)
    url = reverse("journal:delete", args=[entry.public_id])
    assert "can't be undone" in person_client.get(url).content.decode()
    assert JournalEntry.objects.filter(pk=entry.pk).exists()
    assert person_client.post(url).status_code == 302
    assert not JournalEntry.objects.filter(pk=entry.pk).exists()


# --- ownership: every route and method answers 404 for someone else's entry --------------


@pytest.mark.parametrize(
    ("name", "method"),
    [("journal:entry", "get"), ("journal:edit", "get"), ("journal:edit", "post"),
     ("journal:delete", "get"), ("journal:delete", "post"), ("journal:add_label", "post"),
     ("journal:remove_label", "post")],
)
def test_it_answers_404_for_someone_elses_entry(other_client, person, name, method):
    entry = make_entry(person)
    url = reverse(name, args=[entry.public_id])
    response = getattr(other_client, method)(url, {"body": "taken over", "word": "angry"})
    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.body == "I felt angry and tired after the call."
    assert [lb.word for lb in entry.labels.all()] == ["angry"]


def test_it_answers_404_for_unknown_entries(person_client):
    assert person_client.get(reverse("journal:entry", args=[uuid.uuid4()])).status_code == 404


def test_it_answers_404_for_drafts_and_analysis_of_someone_elses_entry(other_client, person):
    entry = make_entry(person)
    key = str(entry.public_id)
    assert post_json(other_client, reverse("journal:draft"),
                     {"key": key, "body": "x"}).status_code == 404
    assert post_json(other_client, reverse("journal:analyse"),
                     {"text": "x", "entry": key}).status_code == 404
    assert other_client.post(reverse("journal:discard_draft"), {"key": key}).status_code == 404
    assert not JournalDraft.objects.exists()
