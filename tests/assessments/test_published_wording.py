"""The questionnaires as published: WHO-5's numbers shown with its labels, GAD-7's unscored
"how difficult" question, wording that assumes no condition, one MAIA-2 licence statement."""

from pathlib import Path

import pytest
from django.urls import reverse

from feelmap.assessments.instruments import load_instrument
from feelmap.assessments.scoring import score

README = Path(__file__).resolve().parents[2] / "README.md"
DIFFICULTY = ("If you checked off any problems, how difficult have these problems made it for "
              "you to do your work, take care of things at home, or get along with other people?")


def test_who5_shows_the_numbers_its_instructions_speak_of():
    who5 = load_instrument("who5")
    assert "higher numbers mean better well-being" in who5.instructions
    assert [o.label for o in who5.options] == [
        "5 – All of the time", "4 – Most of the time", "3 – More than half of the time",
        "2 – Less than half of the time", "1 – Some of the time", "0 – At no time",
    ]
    assert all(o.label.startswith(f"{o.value} – ") for o in who5.options)


@pytest.mark.django_db
def test_the_who5_form_shows_numbers_and_labels(person_client):
    body = person_client.get(reverse("assessments:take", args=["who5"])).content.decode()
    assert "5 – All of the time" in body and "0 – At no time" in body


def test_gad7_asks_the_published_unscored_difficulty_question():
    gad7 = load_instrument("gad7")
    last = gad7.items[-1]
    assert (last.number, last.text, last.scored, last.optional) == (8, DIFFICULTY, False, True)
    assert [o.label for o in last.options] == [
        "Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult"]
    answers = {n: 2 for n in range(1, 8)}
    assert score(gad7, answers).total == score(gad7, answers | {8: 3}).total == 14
    assert len(gad7.scored_items) == 7


def test_bands_say_symptoms_ease_with_support_not_that_a_condition_responds_to_treatment():
    for key in ("phq9", "gad7"):
        for band in load_instrument(key).bands:
            assert "responds to" not in band.explanation and "treatment" not in band.explanation
    assert any("usually ease with support" in b.explanation for b in load_instrument("phq9").bands)


def test_maia2_licence_is_said_one_way():
    licence = load_instrument("maia2").licence
    assert licence.startswith("Public domain")
    readme = README.read_text(encoding="utf-8")
    assert "MAIA-2\n  (Mehling et al., 2018; public domain" in readme
    assert "non-commercial" not in licence and "free for non-commercial use" not in readme
