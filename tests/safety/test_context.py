"""Issue 20: who and when, everyday harm as negative evidence, two levels of message."""

from __future__ import annotations

import json

import pytest

from feelmap.safety.detector import GENTLE, STRONG, context, normalise
from feelmap.safety.detector import check_rules as check

# The rules' own unit tests (rounds 1-11) check the rules' answer, ``check_rules``; how the
# round 12 encoder weighs it is tested in test_encoder.py and test_round12.py.
from feelmap.safety.nudge import help_level
from tests.safety.sets import labelled_rows, level

# --- regression floors on the development set (used to build the rules: optimistic) --------


def test_the_context_development_set_covers_every_kind():
    rows = labelled_rows("risk_context_dev.tsv")
    kinds = {(label, kind) for label, kind, _ in rows}
    for kind in ("means", "slang", "farewell", "reckless", "passive", "selfharm"):
        assert (True, kind) in kinds
    for kind in ("idiom", "injury", "medicine", "other", "fiction", "work", "past",
                 "countdown", "sleep", "pain", "plans"):
        assert (False, kind) in kinds
    assert len({text for _, _, text in rows}) == len(rows), "duplicate rows"


def test_it_offers_help_for_every_risk_text_of_the_development_set():
    missed = [t for label, _, t in labelled_rows("risk_context_dev.tsv")
              if label and not check(t).risk]
    assert missed == []


def test_it_stays_quiet_on_everyday_texts_of_the_development_set():
    everyday = [t for label, _, t in labelled_rows("risk_context_dev.tsv") if not label]
    strong = [t for t in everyday if check(t).level == STRONG]
    offered = [t for t in everyday if check(t).risk]
    assert strong == []  # measured 0 of 94
    assert len(offered) / len(everyday) <= 0.05  # measured 2 of 94, both the gentle check


def test_most_development_risk_gets_the_strong_wording():
    risk = [t for label, _, t in labelled_rows("risk_context_dev.tsv") if label]
    assert sum(check(t).level == STRONG for t in risk) / len(risk) >= 0.7  # measured 47 of 62


# --- everyday harm and idioms are negative evidence ---------------------------------------


@pytest.mark.parametrize(
    ("everyday", "risk"),
    [
        ("these new shoes are killing me", "this is killing me and i want to die"),
        ("i'm dying to see the new exhibition", "i'm dying to be gone for good"),
        ("i could murder a curry tonight", "i could kill myself tonight"),
        ("cut my thumb chopping onions", "cut my arm on purpose again"),
        ("nicked myself shaving this morning", "I cut myself again last night"),
        ("sorted my weekly pill organiser on sunday", "saved up my pills for tonight"),
        ("picked up my prescription and counted the tablets to make sure they gave me all 28",
         "counted my tablets. there are enough now"),
        ("counting down the days until the holiday. 12 more sleeps!",
         "counting down the days until i don't have to be here anymore"),
        ("slept till noon and it was glorious", "I want to sleep and never wake up"),
        ("i could sleep forever in this new bed", "I wish I could sleep forever"),
        ("i just want this headache to stop", "I want the pain to stop forever"),
        ("i'm so done with this task, logging off for the night", "I'm done with life"),
        ("i've got a plan for saturday: park, bakery, then a nap",
         "i've made my plan. tonight is the night"),
    ],
)
def test_everyday_uses_are_set_aside_but_risk_in_the_same_words_is_not(everyday, risk):
    assert level(everyday) == "none"
    assert check(risk).risk


def test_everyday_phrases_are_blanked_before_any_layer_reads_them():
    assert "killing" not in context.everyday(normalise("these shoes are killing me"))
    assert "die" in context.everyday(normalise("I want to die"))


# --- who: the writer or someone else -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("my patient told me she wanted to die", context.OTHER),
        ("people who self harm need kindness", context.OTHER),
        ("he said he is going to kill himself", context.OTHER),
        ("the novel ends with the character drowning herself", context.FICTION),
        ("five years ago i tried to end my life", context.PAST),
        ("i want to die", context.OWN),
        ("my therapist asked if id thought about ending it and i lied", context.OWN),
        ("said goodbye to my sister properly today", context.OWN),
    ],
)
def test_each_sentence_gets_a_role(text, role):
    assert context.role(" " + normalise(text).strip(" .") + " ") == role


def test_someone_close_at_risk_gets_the_gentle_offer():
    assert level("my friend says she wants to kill herself") == GENTLE
    assert level("He said he is going to kill himself") == GENTLE


def test_care_work_about_others_gets_no_message():
    assert level("my patient said she wanted to die, i followed the protocol with my "
                  "supervisor") == "none"
    assert level("i work with young people who self harm and today was heavy") == "none"


def test_the_writers_own_words_stay_strong_even_when_they_name_someone_else():
    assert level("my therapist asked if i'd thought about ending it and i lied and said no") \
        == STRONG
    assert level("my friend is worried about me and i want to die") == STRONG


# --- when: now or in the past --------------------------------------------------------------


def test_the_past_told_as_come_through_gets_no_message():
    assert level("five years ago i tried to end my life. today i'm proud of how far i've "
                  "come") == "none"


def test_a_past_attempt_without_recovery_still_asks_gently():
    assert level("I tried to end my life two years ago") == GENTLE


def test_the_past_coming_back_now_is_strong():
    assert level("I tried to end my life two years ago. it's creeping back") == STRONG


def test_a_story_gets_no_message_but_the_writer_in_it_does():
    assert level("the novel ends with the character drowning herself") == "none"
    assert level("watched a documentary about suicide and now i want to die too") == STRONG


# --- a plan, a means or a time needs a self-directed harm context ----------------------------


def test_plans_by_meaning_without_words_of_harm_get_the_gentle_check():
    assert level("deleted all my accounts and texted everyone that i love them. i feel calm "
                  "now") == GENTLE
    assert level("deleted all my accounts and texted everyone that i love them. i want to "
                  "die") == STRONG


def test_a_learned_model_hit_alone_is_weak_evidence(monkeypatch):
    from feelmap.safety import model

    text = "made pasta and sat on the sofa with my sister, felt tired"
    assert level(text) == "none"
    monkeypatch.setattr(model, "flags", lambda norm: True)
    found = check(text)
    assert (found.level, found.matched_kind) == (GENTLE, "possible-risk")


# --- the message ---------------------------------------------------------------------------


def test_the_clearest_level_wins_across_texts():
    assert help_level("made soup", "") == ""
    assert help_level("my friend says she wants to kill herself", "made soup") == GENTLE
    assert help_level("my friend says she wants to kill herself", "I want to die") == STRONG


def test_the_gentle_message_offers_help_without_alarm(rf):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    from feelmap.safety.nudge import GENTLE_MESSAGE, offer_help_if_needed

    request = rf.post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    assert offer_help_if_needed(request, "my friend says she wants to kill herself")
    (message,) = list(get_messages(request))
    assert str(message) == GENTLE_MESSAGE
    assert "safety" in message.tags and "gentle" in message.tags
    assert "not wanting to be here" in GENTLE_MESSAGE and "one click away" in GENTLE_MESSAGE


def test_its_context_data_file_is_checked(tmp_path):
    raw = json.loads(context.DATA.read_text(encoding="utf-8"))
    raw["everyday"].append("(unclosed")
    bad = tmp_path / "context.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="does not compile"):
        context.markers.__wrapped__(bad)
    raw = json.loads(context.DATA.read_text(encoding="utf-8"))
    raw["surprise"] = []
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError):
        context.markers.__wrapped__(bad)
