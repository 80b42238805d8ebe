"""Saying it pages: library, role-play, builder (check, save, edit), history, cues, delete;
every bad input explained with nothing changed; another person's practice is a 404."""

import random
import uuid

import pytest
from django.utils import timezone

from feelmap.checkins.models import CheckIn, Label
from feelmap.saying import services
from feelmap.saying.models import SayingPractice
from feelmap.saying.scenarios import load_library
from feelmap.saying.schemas import PracticeIn

pytestmark = pytest.mark.django_db

SCENARIO = "partner-late-again"


def make_practice(owner, **fields):
    fields.setdefault("text", "I feel hurt when you're late. Would you text me?")
    return services.create_practice(owner=owner, data=PracticeIn(**fields))


@pytest.mark.parametrize("url", ["/say/", "/say/build/", "/say/cues/", "/say/history/",
                                 f"/say/scenario/{SCENARIO}/"])
def test_it_shows_every_page(person_client, url):
    assert person_client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/say/", "/say/build/", "/say/history/"])
def test_it_asks_strangers_to_log_in(client, url):
    assert client.get(url).status_code == 302


def test_the_library_lists_every_scenario_easy_to_hard(person_client):
    body = person_client.get("/say/").content.decode()
    for scenario in load_library().scenarios:
        assert f"/say/scenario/{scenario.id}/" in body
    assert body.index("Gentle start") < body.index("A bit harder") < body.index("Harder</h3>")


def test_an_unknown_scenario_is_a_404(person_client):
    assert person_client.get("/say/scenario/no-such-thing/").status_code == 404


def test_the_role_play_answers_and_checks_each_turn(person_client):
    url = f"/say/scenario/{SCENARIO}/"
    first = person_client.post(url, {"answer": "You always do this."}).content.decode()
    assert "not like I do it on purpose" in first  # the reply to blame
    assert "finding-blame" in first
    assert 'name="answers" value="You always do this."' in first
    second = person_client.post(url, {"answers": ["You always do this."],
                                      "answer": "Sorry. I feel lonely when dinner goes cold."})
    body = second.content.decode()
    assert "didn&#x27;t realise it landed like that" in body  # the reply to a feeling
    assert "You named “lonely”." in body
    third = person_client.post(url, {
        "answers": ["You always do this.", "Sorry. I feel lonely when dinner goes cold."],
        "answer": "Would you text me next time?"}).content.decode()
    assert "The conversation has ended" in third
    assert "Work on it in the builder" in third
    assert SayingPractice.objects.count() == 0  # nothing is stored by playing


def test_an_empty_answer_is_explained_and_the_conversation_kept(person_client):
    response = person_client.post(f"/say/scenario/{SCENARIO}/",
                                  {"answers": ["I feel hurt."], "answer": "   "})
    assert response.status_code == 422
    body = response.content.decode()
    assert "Write something to say" in body
    assert 'name="answers" value="I feel hurt."' in body


def test_the_builder_checks_without_saving(person_client):
    response = person_client.post("/say/build/", {
        "action": "check", "goal": "support", "feeling": "furious", "nuance": "a bit",
        "when": "the plan changed", "need": "", "request": "", "text": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert "I feel a bit furious when the plan changed." in body  # composed from the parts
    assert "finding-intensity" in body and "finding-missing-request" in body
    assert SayingPractice.objects.count() == 0


def test_the_builder_saves_and_the_practice_is_in_history(person_client, person):
    response = person_client.post("/say/build/", {
        "action": "save", "goal": "express", "feeling": "relieved", "also": "sad",
        "when": "the move ended", "need": "rest", "request": "keep Sunday free",
        "text": "", "intensity": "4", "spoken_seconds": "21", "felt": "3", "clarity": "5",
        "scenario_id": SCENARIO, "answers": ["I feel hurt.", "Would you text?"]})
    practice = SayingPractice.objects.get(owner=person)
    assert response["Location"] == f"/say/{practice.public_id}/"
    assert practice.text == ("I feel mixed: relieved and sad when the move ended because I need "
                             "rest. Would you keep Sunday free?")
    assert (practice.intensity, practice.spoken_seconds, practice.felt, practice.clarity) == (
        4, 21, 3, 5)
    assert practice.answers == ["I feel hurt.", "Would you text?"]
    detail = person_client.get(response["Location"]).content.decode()
    assert "Saved." in detail and "Sam, your partner" in detail  # the conversation replayed
    assert "coming in a later version" not in detail  # sharing for feedback exists now (care)
    assert practice.text[:60] in person_client.get("/say/history/").content.decode()


def test_free_text_is_stored_encrypted(person, person_client):
    make_practice(person, text="My private words")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM saying_sayingpractice")
        (stored,) = cursor.fetchone()
    assert "private" not in stored


@pytest.mark.parametrize(("field", "value", "message"), [
    ("intensity", "11", "from 0 to 10"),
    ("felt", "9", "from 1 to 5"),
    ("goal", "shout", "Input should be"),
    ("scenario_id", "made-up", "does not exist"),
    ("text", "x" * 2001, "at most 2000"),
])
def test_bad_input_is_explained_and_changes_nothing(person_client, field, value, message):
    data = {"action": "save", "goal": "express", "text": "I feel calm.", field: value}
    response = person_client.post("/say/build/", data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert SayingPractice.objects.count() == 0


def test_an_empty_practice_is_explained(person_client):
    response = person_client.post("/say/build/", {"action": "save", "goal": "express"})
    assert response.status_code == 422
    assert "fill in at least one part" in response.content.decode()


def test_it_edits_a_practice(person_client, person):
    practice = make_practice(person)
    page = person_client.get(f"/say/{practice.public_id}/edit/").content.decode()
    assert "I feel hurt when you" in page and "Save changes" in page
    assert '<input type="hidden" name="version" value="0">' in page
    response = person_client.post(f"/say/{practice.public_id}/edit/", {
        "action": "save", "goal": "boundary", "text": "I feel tense. Would you call first?",
        "version": "0"})
    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.goal, practice.text) == ("boundary", "I feel tense. Would you call first?")


def test_it_asks_before_deleting(person_client, person):
    practice = make_practice(person)
    assert "Delete this practice?" in person_client.get(
        f"/say/{practice.public_id}/delete/").content.decode()
    assert SayingPractice.objects.count() == 1
    assert person_client.post(f"/say/{practice.public_id}/delete/")["Location"] == "/say/history/"
    assert SayingPractice.objects.count() == 0


@pytest.mark.parametrize("suffix", ["", "edit/", "delete/"])
def test_another_persons_practice_is_a_404_and_untouched(other_client, person, suffix):
    practice = make_practice(person)
    url = f"/say/{practice.public_id}/{suffix}"
    assert other_client.get(url).status_code == 404
    assert other_client.post(url, {"action": "save", "text": "mine now"}).status_code == 404
    practice.refresh_from_db()
    assert practice.text.startswith("I feel hurt")
    assert other_client.get(f"/say/{uuid.uuid4()}/").status_code == 404


def test_history_lists_only_ones_own_practices(person_client, person, other_person):
    make_practice(other_person, text="Someone else's words")
    make_practice(person, text="My own words")
    body = person_client.get("/say/history/").content.decode()
    assert "My own words" in body and "Someone else" not in body


def test_the_builder_is_seeded_from_recent_check_ins(person_client, person, other_person):
    checkin = CheckIn.objects.create(owner=person, occurred_at=timezone.now(),
                                     trigger="the meeting ran over", need="a proper break")
    Label.objects.create(checkin=checkin, position=1, word="frustrated", family="anger")
    Label.objects.create(checkin=checkin, position=2, own_word="fizzy", is_own=True)
    theirs = CheckIn.objects.create(owner=other_person, occurred_at=timezone.now(),
                                    trigger="their secret")
    Label.objects.create(checkin=theirs, position=1, word="bored", family="numb")
    seeds = services.seeds_for(person)
    assert seeds.feelings == ["frustrated", "fizzy"]
    assert (seeds.triggers, seeds.needs) == (["the meeting ran over"], ["a proper break"])
    body = person_client.get("/say/build/").content.decode()
    assert 'data-value="frustrated"' in body and "the meeting ran over" in body
    assert "their secret" not in body


def test_saving_risky_words_offers_help_inside_the_service(person_client, person):
    practice = make_practice(person, text="I want to kill myself")
    assert practice.offer_help is True
    assert make_practice(person).offer_help is False
    response = person_client.post("/say/build/", {"action": "save", "goal": "express",
                                                  "text": "I want to kill myself"}, follow=True)
    assert "See who you can talk to now" in response.content.decode()


def test_a_risky_role_play_answer_offers_help_without_saving(person_client):
    body = person_client.post(f"/say/scenario/{SCENARIO}/",
                              {"answer": "I want to kill myself"}).content.decode()
    assert "See who you can talk to now" in body
    assert SayingPractice.objects.count() == 0
    calm = person_client.post(f"/say/scenario/{SCENARIO}/", {"answer": "I feel tired."})
    assert "See who you can talk to now" not in calm.content.decode()


def test_the_cues_practice_scores_with_explanations(person_client):
    from feelmap.saying.cues import load_cues

    items = load_cues().items
    response = person_client.post("/say/cues/", {items[0].id: items[0].answer,
                                                 items[1].id: "not-an-option"})
    body = response.content.decode()
    assert f"<strong>1 of {len(items)}</strong>" in body
    assert items[0].explanation[:40] in body


def test_the_home_page_says_card_opens_saying_it(person_client):
    assert 'href="/say/">Practise saying it</a>' in person_client.get("/").content.decode()


def test_the_demo_adds_practices(person):
    from feelmap.saying import demo

    demo.generate(person, days=30, per_day=3, rng=random.Random(1), progress=lambda *a: None)
    practices = list(SayingPractice.objects.filter(owner=person))
    assert len(practices) == len(demo.EXAMPLES)
    assert all(p.text for p in practices)
    assert any(p.scenario_id and p.answers for p in practices)


def test_history_keeps_to_a_few_queries(person_client, person, django_assert_max_num_queries):
    for i in range(25):
        make_practice(person, text=f"I feel calm, number {i}.", scenario_id=SCENARIO)
    with django_assert_max_num_queries(8):
        body = person_client.get("/say/history/").content.decode()
    assert body.count('class="card"') == 20 and "Page 1 of 2" in body
