"""The contrast question through the check-in pages: kept per person, bad input refused."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feelmap.checkins.models import ContrastAnswer
from feelmap.checkins.schemas import ContrastAnswerIn
from feelmap.checkins.services import contrast_answer_record
from feelmap.checkins.suggestions import bias_for

CLOSE = "I got the job but I will have to move away from my family"
ANSWER = {"family_a": "sadness", "family_b": "joy", "chosen": "joy"}


def post(client, name, body):
    return client.post(reverse(name), json.dumps(body), content_type="application/json")


def test_suggestions_carry_the_question_when_two_families_are_close(person_client):
    found = post(person_client, "checkins:suggest", {"note": CLOSE}).json()
    assert found["contrast"]["question"] == "More like sad, or more like happy?"
    assert found["contrast"]["family_a"] == "sadness"
    assert found["suggestions"][0]["word"] == "sad"


def test_an_answer_is_kept_and_the_words_turn_toward_it(person_client, person, other_person):
    contrast_answer_record(owner=other_person, data=ContrastAnswerIn(
        family_a="fear", family_b="anger", chosen="fear"))
    response = post(person_client, "checkins:suggest-contrast", {"note": CLOSE, "answer": ANSWER})
    assert response.status_code == 200
    found = response.json()
    assert found["suggestions"][0]["family"] == "joy"
    assert found["contrast"] is None and found["answered"] == "joy"
    kept = ContrastAnswer.objects.get(owner=person)
    assert (kept.family_a, kept.family_b, kept.chosen) == ("sadness", "joy", "joy")
    # the other person's answer is untouched, and their bias is theirs alone
    theirs = ContrastAnswer.objects.get(owner=other_person)
    assert (theirs.family_a, theirs.family_b, theirs.chosen) == ("fear", "anger", "fear")
    assert set(bias_for(person)) == {"sadness", "joy"}
    assert set(bias_for(other_person)) == {"fear", "anger"}


def test_not_sure_is_kept_as_no_preference(person_client, person):
    answer = {**ANSWER, "chosen": "not_sure"}
    found = post(person_client, "checkins:suggest-contrast", {"note": CLOSE, "answer": answer})
    assert found.json()["answered"] == "not_sure"
    assert ContrastAnswer.objects.get(owner=person).chosen == ""
    assert bias_for(person) == {}
    assert found.json()["suggestions"][0]["family"] == "sadness"  # order as before


def test_past_answers_lean_later_suggestions(person_client, person):
    for _ in range(6):
        contrast_answer_record(owner=person, data=ContrastAnswerIn(**ANSWER))
    bias = bias_for(person)
    assert 0 < bias["joy"] <= 1.0 and -1.0 <= bias["sadness"] < 0
    found = post(person_client, "checkins:suggest", {"note": CLOSE}).json()
    assert found["suggestions"][0]["family"] == "joy"


def test_old_answers_count_less(person):
    contrast_answer_record(owner=person, data=ContrastAnswerIn(**ANSWER))
    fresh = bias_for(person)["joy"]
    ContrastAnswer.objects.filter(owner=person).update(
        created_at=timezone.now() - timedelta(days=365))
    assert 0 < bias_for(person)["joy"] < fresh


@pytest.mark.parametrize("answer", [
    {**ANSWER, "chosen": "fear"},  # not one of the two offered
    {**ANSWER, "family_a": "joy"},  # the same family twice
    {**ANSWER, "family_b": "nonsense"},  # not a family
    {"family_a": "sadness", "family_b": "joy"},  # no choice
    {**ANSWER, "extra": 1},  # unknown field
    {**ANSWER, "chosen": 3},
])
def test_a_bad_answer_is_refused_and_nothing_kept(person_client, answer):
    response = post(person_client, "checkins:suggest-contrast", {"note": CLOSE, "answer": answer})
    assert response.status_code == 422
    assert response.json()["errors"]
    assert not ContrastAnswer.objects.exists()


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"note": "x"}', b'{"answer": "joy"}'])
def test_a_body_that_is_not_an_answer_is_a_400(person_client, body):
    response = person_client.post(reverse("checkins:suggest-contrast"), body,
                                  content_type="application/json")
    assert response.status_code == 400
    assert not ContrastAnswer.objects.exists()


def test_strangers_cannot_answer(client, db):
    response = post(client, "checkins:suggest-contrast", {"note": CLOSE, "answer": ANSWER})
    assert response.status_code == 302
    assert not ContrastAnswer.objects.exists()


def test_the_page_tells_the_script_where_to_answer(person_client):
    page = person_client.get(reverse("checkins:quick")).content.decode()
    assert f'data-contrast-url="{reverse("checkins:suggest-contrast")}"' in page


def quick_post(client, action):
    return client.post(reverse("checkins:quick"), {
        "action": action, "note": CLOSE, "not_sure": "on"})


def test_without_script_the_question_is_a_set_of_buttons(person_client, person):
    page = quick_post(person_client, "suggest").content.decode()
    assert "<legend>More like sad, or more like happy?</legend>" in page
    assert 'value="contrast:sadness:joy:joy"' in page
    assert 'value="contrast:sadness:joy:not_sure"' in page
    response = quick_post(person_client, "contrast:sadness:joy:joy")
    assert response.status_code == 200
    page = response.content.decode()
    assert "now lean toward your answer" in page and "<legend>" not in page.split(
        "data-suggestion-list")[1]
    assert page.index("<strong>happy</strong>") < page.index("<strong>sad</strong>")
    assert ContrastAnswer.objects.get(owner=person).chosen == "joy"
    assert not ContrastAnswer.objects.exclude(owner=person).exists()


@pytest.mark.parametrize("action", [
    "contrast:sadness:joy:fear", "contrast:sadness:joy", "contrast:x:y:x",
    "contrast:sadness:joy:joy:extra",
])
def test_without_script_a_bad_answer_keeps_nothing(person_client, action):
    response = quick_post(person_client, action)
    assert response.status_code == 422
    assert "That answer could not be kept" in response.content.decode()
    assert not ContrastAnswer.objects.exists()
