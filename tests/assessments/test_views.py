"""Questionnaire pages: answering, resuming, validating, results, history, schedule, ownership."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feelmap.assessments.models import AssessmentResponse, AssessmentSchedule
from feelmap.assessments.services import complete, save_draft
from feelmap.safety.models import SafetyFlag

pytestmark = pytest.mark.django_db


def _form(answers: dict[int, int], action: str = "submit") -> dict[str, str]:
    data = {f"q{n}": str(v) for n, v in answers.items()}
    data["action"] = action
    return data


PHQ9_MILD = {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 0, 8: 0, 9: 0}


def test_it_needs_a_login(client):
    response = client.get(reverse("assessments:index"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_explains_the_empty_index(person_client):
    body = person_client.get(reverse("assessments:index")).content.decode()
    assert "Nothing here yet" in body
    for name in ["PAQ", "MAIA-2", "PHQ-9", "GAD-7", "WHO-5"]:
        assert name in body
    assert "What it can&#x27;t tell" in body or "What it can't tell" in body


def test_it_shows_every_question_with_its_options(person_client):
    body = person_client.get(reverse("assessments:take", args=["phq9"])).content.decode()
    assert body.count("<fieldset") == 10
    assert "Thoughts that you would be better off dead" in body
    assert "Nearly every day" in body
    assert "<legend>" in body


def test_it_answers_404_for_an_unknown_questionnaire(person_client):
    assert person_client.get("/measures/tas20/").status_code == 404
    assert person_client.get("/measures/tas20/history/").status_code == 404
    assert person_client.post("/measures/tas20/autosave/", {}).status_code == 404


def test_it_scores_a_submission_and_shows_the_result(person_client, person):
    response = person_client.post(reverse("assessments:take", args=["phq9"]), _form(PHQ9_MILD))
    saved = AssessmentResponse.objects.get(owner=person)
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:result", args=[saved.public_id])
    assert saved.total == 6 and saved.band == "Mild" and saved.completed_at is not None
    body = person_client.get(response["Location"]).content.decode()
    assert "6" in body and "Mild" in body and "not a diagnosis" in body
    assert "This is your first PHQ-9" in body
    assert "How change is judged: a change of 6 points or more counts as a real change" in body
    assert "NHS Talking Therapies" in body and "standard deviation of" not in body


def test_it_goes_to_the_crisis_page_when_item_nine_is_above_zero(person_client, person):
    answers = PHQ9_MILD | {9: 1}
    response = person_client.post(reverse("assessments:take", args=["phq9"]), _form(answers))
    assert response.status_code == 302
    assert response["Location"] == reverse("core:crisis") + "?from=phq9"
    assert SafetyFlag.objects.filter(owner=person, source="phq9-item9").count() == 1
    body = person_client.get(response["Location"]).content.decode()
    assert "Support for thoughts of death or of hurting yourself" in body and "Thank you for telling us" not in body
    assert "Nobody else saw that answer" in body
    assert "Nobody monitors Feelmap" in body
    assert "contact them" in body
    saved = AssessmentResponse.objects.get(owner=person)
    assert reverse("assessments:result", args=[saved.public_id]) in body


def test_it_records_no_flag_when_item_nine_is_not_at_all(person_client, person):
    person_client.post(reverse("assessments:take", args=["phq9"]), _form(PHQ9_MILD))
    assert not SafetyFlag.objects.filter(owner=person).exists()


def test_it_names_missing_questions_and_the_policy_and_keeps_the_answers(person_client, person):
    answers = {n: 2 for n in range(1, 5)}
    response = person_client.post(reverse("assessments:take", args=["who5"]), _form(answers))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="#question-5"' in body
    assert "no score is given" in body  # WHO-5's own policy in plain words
    draft = AssessmentResponse.objects.get(owner=person)
    assert draft.completed_at is None and draft.answer_map() == answers


def test_it_finishes_without_a_missing_answer_when_asked(person_client, person):
    answers = {n: 1 for n in range(1, 9)}  # PHQ-9 with question 9 left out
    person_client.post(reverse("assessments:take", args=["phq9"]), _form(answers))
    response = person_client.post(
        reverse("assessments:take", args=["phq9"]), _form(answers, action="finish")
    )
    saved = AssessmentResponse.objects.get(owner=person)
    assert response.status_code == 302 and saved.completed_at is not None
    assert saved.total == 9 and saved.prorated
    body = person_client.get(response["Location"]).content.decode()
    assert "could not be checked" in body
    # The prorated total must not look like an all-clear: the crisis link is offered too.
    assert "data-safety-unanswered" in body
    assert "(question 9) was not answered, so your total was worked out without it" in body
    assert f'href="{reverse("core:crisis")}"' in body.split("data-safety-unanswered")[1]


def test_it_shows_no_unanswered_note_when_question_nine_was_answered(person_client):
    response = person_client.post(reverse("assessments:take", args=["phq9"]), _form(PHQ9_MILD))
    body = person_client.get(response["Location"]).content.decode()
    assert "data-safety-unanswered" not in body


def test_it_rejects_an_answer_that_is_not_a_choice_and_saves_nothing(person_client, person):
    answers = dict(PHQ9_MILD)
    data = _form(answers)
    data["q3"] = "7"
    response = person_client.post(reverse("assessments:take", args=["phq9"]), data)
    assert response.status_code == 400
    assert "isn&#x27;t one of the choices" in response.content.decode()
    assert not AssessmentResponse.objects.exists()


def test_it_saves_for_later_and_resumes(person_client, person):
    url = reverse("assessments:take", args=["gad7"])
    response = person_client.post(url, _form({1: 2, 2: 3}, action="save"))
    assert response.status_code == 302
    body = person_client.get(url).content.decode()
    assert "Welcome back" in body
    assert 'name="q1" value="2" checked' in body
    assert 'name="q2" value="3" checked' in body
    index = person_client.get(reverse("assessments:index")).content.decode()
    assert "Continue where I left off" in index


def test_it_autosaves_a_partial_response(person_client, person):
    url = reverse("assessments:autosave", args=["phq9"])
    response = person_client.post(url, {"q1": "1", "q9": "2"})
    assert response.status_code == 200
    assert response.json() == {"saved": True, "safety": True, "crisis_url": "/help/"}
    response = person_client.post(url, {"q1": "3"})
    assert response.json()["safety"] is False
    draft = AssessmentResponse.objects.get(owner=person)
    assert draft.answer_map() == {1: 3} and draft.completed_at is None
    assert not SafetyFlag.objects.exists()  # a flag is recorded on submit, not while typing


def test_it_refuses_a_bad_autosave(person_client):
    response = person_client.post(reverse("assessments:autosave", args=["phq9"]), {"q1": "9"})
    assert response.status_code == 422
    assert "q1" in response.json()["errors"]
    assert not AssessmentResponse.objects.exists()


def test_it_shows_the_inline_safety_note_when_a_draft_has_item_nine(person_client, person):
    save_draft(person, "phq9", {9: 1})
    body = person_client.get(reverse("assessments:take", args=["phq9"])).content.decode()
    assert 'data-safety-note role="status">' in body  # not hidden


def test_it_discards_a_draft(person_client, person):
    save_draft(person, "who5", {1: 3})
    person_client.post(reverse("assessments:take", args=["who5"]), {"action": "discard"})
    assert not AssessmentResponse.objects.exists()


def test_it_submits_over_the_existing_draft(person_client, person):
    save_draft(person, "gad7", {1: 1})
    person_client.post(reverse("assessments:take", args=["gad7"]), _form({n: 1 for n in range(1, 8)}))
    assert AssessmentResponse.objects.count() == 1
    assert AssessmentResponse.objects.get().total == 7


def test_it_states_reliable_change_against_first_and_previous(person_client, person):
    now = timezone.now()
    complete(person, "phq9", {n: 2 for n in range(1, 9)} | {9: 0}, when=now - timedelta(days=28))
    complete(person, "phq9", {n: 1 for n in range(1, 10)} | {9: 0}, when=now - timedelta(days=14))
    last = complete(person, "phq9", {n: 0 for n in range(1, 10)}, when=now).response
    body = person_client.get(reverse("assessments:result", args=[last.public_id])).content.decode()
    assert "Since your first time" in body and "(16 → 0)" in body
    assert "Since the time before" in body and "(8 → 0)" in body
    assert "real change for the better" in body
    assert "By the published criterion for the PHQ-9, a change of 6 points or more" in body


def test_it_says_when_no_reliable_change_figure_is_published(person_client, person):
    now = timezone.now()
    complete(person, "who5", {n: 2 for n in range(1, 6)}, when=now - timedelta(days=14))
    last = complete(person, "who5", {n: 4 for n in range(1, 6)}, when=now).response
    body = person_client.get(reverse("assessments:result", args=[last.public_id])).content.decode()
    assert "How change is judged: a change of 10 points or more counts as a real change" in body
    assert "a change of 10 points or more counts as a real change: this is a real change for the better" in body


def test_it_shows_subscales_for_maia2(person_client, person):
    done = complete(person, "maia2", {n: 3 for n in range(1, 38)}).response
    body = person_client.get(reverse("assessments:result", args=[done.public_id])).content.decode()
    assert "Noticing" in body and "Trusting" in body


def test_it_shows_history_with_chart_and_table(person_client, person):
    now = timezone.now()
    for i, v in enumerate([3, 2, 1]):
        complete(person, "gad7", {n: v for n in range(1, 8)}, when=now - timedelta(days=14 * (3 - i)))
    body = person_client.get(reverse("assessments:history", args=["gad7"])).content.decode()
    assert "<svg" in body and 'role="img"' in body and "<desc" in body
    assert body.count("<tr>") == 4  # header + three scores
    assert "down 7" in body


def test_it_explains_an_empty_history(person_client):
    body = person_client.get(reverse("assessments:history", args=["paq"])).content.decode()
    assert "haven't answered the PAQ yet" in body


def test_it_redirects_a_draft_result_to_the_questionnaire(person_client, person):
    draft = save_draft(person, "phq9", {1: 1})
    response = person_client.get(reverse("assessments:result", args=[draft.public_id]))
    assert response["Location"] == reverse("assessments:take", args=["phq9"])


# --- ownership ---------------------------------------------------------------------------


def test_it_hides_another_persons_result(other_client, person):
    done = complete(person, "phq9", PHQ9_MILD).response
    assert other_client.get(reverse("assessments:result", args=[done.public_id])).status_code == 404


def test_it_hides_another_persons_draft(other_client, person):
    draft = save_draft(person, "phq9", {1: 2})
    assert other_client.get(reverse("assessments:result", args=[draft.public_id])).status_code == 404
    body = other_client.get(reverse("assessments:take", args=["phq9"])).content.decode()
    assert '" checked' not in body


def test_it_keeps_another_persons_scores_out_of_history_and_index(other_client, person):
    complete(person, "gad7", {n: 3 for n in range(1, 8)})
    body = other_client.get(reverse("assessments:history", args=["gad7"])).content.decode()
    assert "haven't answered" in body
    assert "Nothing here yet" in other_client.get(reverse("assessments:index")).content.decode()


def test_it_answers_404_for_a_made_up_result_id(person_client):
    assert person_client.get("/measures/r/not-a-uuid/").status_code == 404
    assert person_client.get(
        "/measures/r/00000000-0000-0000-0000-000000000000/"
    ).status_code == 404


# --- schedule ----------------------------------------------------------------------------


def test_it_saves_the_schedule(person_client, person):
    data = {f"{k}_days": "14" for k in ["paq", "maia2", "phq9", "gad7", "who5"]}
    data.update({f"{k}_active": "on" for k in ["paq", "maia2", "phq9", "gad7"]})
    data["phq9_days"] = "21"
    response = person_client.post(reverse("assessments:schedule"), data)
    assert response.status_code == 302
    rows = {r.instrument: r for r in AssessmentSchedule.objects.filter(owner=person)}
    assert rows["phq9"].interval_days == 21 and rows["phq9"].active
    assert not rows["who5"].active


def test_it_refuses_a_bad_interval_and_changes_nothing(person_client, person):
    data = {f"{k}_days": "14" for k in ["paq", "maia2", "phq9", "gad7", "who5"]}
    data["gad7_days"] = "2"
    response = person_client.post(reverse("assessments:schedule"), data)
    assert response.status_code == 400
    assert "At least 7 days" in response.content.decode()
    assert not AssessmentSchedule.objects.exists()


def test_it_shows_the_schedule_defaults(person_client):
    body = person_client.get(reverse("assessments:schedule")).content.decode()
    assert 'name="phq9_days" value="14"' in body
    assert 'name="paq_days" value="28"' in body


def test_it_lets_nobody_else_clear_a_draft(other_client, person):
    draft = save_draft(person, "who5", {1: 3})
    other_client.post(reverse("assessments:take", args=["who5"]), {"action": "discard"})
    other_client.post(reverse("assessments:take", args=["who5"]), _form({1: 0}, action="save"))
    draft.refresh_from_db()
    assert draft.answer_map() == {1: 3}
    assert AssessmentResponse.objects.filter(owner=person).count() == 1


def test_the_index_shows_each_questionnaires_newest_answer(person_client, person, other_person):
    now = timezone.now()
    complete(person, "gad7", {n: 3 for n in range(1, 8)}, when=now - timedelta(days=30))
    newest = complete(person, "gad7", {n: 1 for n in range(1, 8)}, when=now - timedelta(days=2))
    complete(person, "gad7", {n: 2 for n in range(1, 8)}, when=now - timedelta(days=16))
    complete(other_person, "gad7", {n: 0 for n in range(1, 8)}, when=now)
    body = person_client.get(reverse("assessments:index")).content.decode()
    assert "7 (" in body and "21 (" not in body and "14 (" not in body and ": 0" not in body
    assert reverse("assessments:result", args=[newest.response.public_id]) in body
