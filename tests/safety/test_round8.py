"""Issue 20, round 8: means under a cover story, hitting oneself to cope, everyday reasons,
people who came through, stories told over several sentences, the learned model on short
requests. Each rule has examples that must prompt and look-alikes that must not."""

from __future__ import annotations

import pytest

from feelmap.safety import model
from feelmap.safety.detector import GENTLE, STRONG, context, normalise
from feelmap.safety.detector import check_rules as check

# The rules' own unit tests (rounds 1-11) check the rules' answer, ``check_rules``; how the
# round 12 encoder weighs it is tested in test_encoder.py and test_round12.py.
from tests.safety.sets import labelled_rows, level

# --- means got under a cover story, hidden or hoarded ---------------------------------------


@pytest.mark.parametrize("text", [
    "Borrowed my neighbour's rifle, told him it was for the range. I'm not going to the range.",
    "I said I was going shooting so my uncle would lend me his shotgun.",
    "Picked up the thing from the shop and hid it in my bag. No one needs to know.",
    "Getting my meds filled early at two different pharmacies so there's enough for when I decide.",
    "Topping up my stash every week. Nearly there.",
    "Told my dad the rifle was for a shooting trip. There's no trip.",
    "Got everything I need from the garden centre. Nobody asked any questions.",
])
def test_a_means_under_a_cover_story_prompts_strongly(text):
    assert context.means_under_pretext(normalise(text))
    assert level(text) == STRONG


@pytest.mark.parametrize("text", [
    "Borrowing my dad's rifle for the range on Saturday, first competition!",
    "Bought the thing for Mum's birthday surprise and hid it so she won't see.",
    "Borrowed my sister's drill to put up shelves.",
    "Picked up my hay fever tablets from two different chemists because the first ran out.",
    "Got everything I need for the camping weekend, tent and all.",
])
def test_an_ordinary_errand_with_the_same_words_does_not(text):
    assert level(text) == "none"


# --- hitting oneself to cope ----------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "When it gets bad I hit myself until it stops. It's bad tonight.",
    "I slap my own face when the thoughts get loud.",
    "Punching my legs again, it's the only thing that helps.",
])
def test_hitting_oneself_to_cope_prompts(text):
    assert context.self_hitting(normalise(text))
    assert check(text).risk


@pytest.mark.parametrize("text", [
    "Banged my head on the shelf in the shed, I always forget it's there.",
    "I've been banging my head against the wall over this spreadsheet all day.",
    "Hit my knee on the table leg, ouch.",
    "Whacked myself on the shin with the spade, gardening is dangerous.",
])
def test_knocks_and_frustration_do_not(text):
    assert level(text) == "none"


# --- an everyday reason, and no words of harm -----------------------------------------------


@pytest.mark.parametrize("text", [
    "Last day at the office today, gave my plants to Sam and said goodbye to everyone.",
    "Moving to Glasgow next week so I'm giving away my books and saying my goodbyes.",
    "Restocked the first aid kit: plasters, scissors, painkillers.",
    "Sorted my pill organiser for the week.",
    "This toothache is unbearable, I just want the pain to stop. Dentist at nine.",
    "Final week at the library, saying goodbye to the regulars.",
    "Arthritis flaring up, I just want the pain to end.",
])
def test_an_everyday_reason_sets_goodbyes_pills_and_pain_aside(text):
    assert level(text) == "none"


@pytest.mark.parametrize("text", [
    "Last day at the office today. Gave my plants away. I won't be here much longer, I want to die.",
    "Moving to a new flat, but honestly I'm counting my pills and thinking of ending it.",
    "The dentist can't fix this. I want to end my life.",
    "My knee hurts but it isn't my knee that's the problem. It's being alive.",
    "Handed in my notice and gave my things away. None of it will matter soon.",
])
def test_words_of_harm_keep_the_offer_even_with_an_everyday_reason(text):
    assert check(text).risk


@pytest.mark.parametrize("text", ["Goodbye forever, student loan!", "Said goodbye forever to my old sofa."])
def test_goodbye_forever_to_a_thing_is_everyday(text):
    assert level(text) == "none"


def test_goodbye_forever_to_everyone_still_prompts():
    assert check("Wrote letters to everyone. Goodbye forever.").risk


# --- someone else who came through; a story told over several sentences ---------------------


def test_someone_close_who_is_doing_better_gets_no_message():
    assert level("Saw my brother in hospital after his overdose, he's doing much better.") == "none"
    assert level("My brother took an overdose last night and says he wants to try again.") != "none"


def test_someone_close_who_has_been_made_safe_gets_no_message():
    assert level("My friend told me she wants to die. We called the crisis line together and "
                  "she's safe now.") == "none"
    assert level("My friend told me she wants to die and won't talk to anyone.") == GENTLE


def test_a_story_named_by_its_genre_gets_no_message():
    assert level("A thriller where the killer hoards pills from several chemists. Gripping.") == "none"


def test_the_writers_own_past_told_as_come_through_gets_no_message():
    assert level("I spent my twenties wanting to die. I'm glad I stuck around.") == "none"
    assert level("Back in 2012 I took an overdose. I came through it and I'm a nurse now.") == "none"
    assert level("I used to cut myself in my teens. Therapy worked.") == "none"
    assert level("I used to cut myself in my teens and it's started again.") != "none"


def test_a_story_keeps_its_role_over_the_next_sentence():
    text = ("Finished the book. The old man gives all his things away and writes letters to "
            "his family before the end.")
    assert level(text) == "none"
    norm = context.everyday(normalise(text))
    second = context.sentences(norm)[1]
    assert context.role(second, norm) == context.FICTION
    # The writer's own sentence after a story is the writer's.
    mine = "Finished the book. I want to give my things away and not be here anymore."
    assert check(mine).risk


# --- the learned model on short everyday requests -------------------------------------------


@pytest.mark.parametrize("text", ["Would you text me?", "Would you keep Sunday free?",
                                  "Could you pick me up at six?", "Would you save the last slice?",
                                  "Tell me if you can't make it.", "Bye forever, night feeds!"])
def test_a_model_hit_on_a_short_request_without_dark_words_is_ignored(monkeypatch, text):
    monkeypatch.setattr(model, "flags", lambda norm: True)
    assert level(text) == "none"


def test_a_model_hit_on_a_short_text_with_dark_words_still_asks(monkeypatch):
    monkeypatch.setattr(model, "flags", lambda norm: True)
    assert level("made my mind up about tonight") == GENTLE


@pytest.mark.parametrize("text", ["it's my last. said goodbye to everyone",
                                  "that should be plenty", "i'm so done with everything"])
def test_short_texts_with_words_of_finality_still_reach_the_model(monkeypatch, text):
    monkeypatch.setattr(model, "flags", lambda norm: True)
    assert check(text).risk


def test_a_model_hit_on_a_long_text_still_asks(monkeypatch):
    monkeypatch.setattr(model, "flags", lambda norm: True)
    text = "went to the shop and then the park and then home again " * 4
    assert level(text) == GENTLE


# --- regression floors on the round 8 development set (used to build it: optimistic) --------


def test_the_second_context_development_set_covers_the_weak_spots():
    rows = labelled_rows("risk_context_dev2.tsv")
    kinds = {(label, kind) for label, kind, _ in rows}
    for kind in ("means", "selfharm", "farewell"):
        assert (True, kind) in kinds
    for kind in ("request", "work", "idiom", "fiction", "past", "other", "medicine", "pain",
                 "injury", "countdown"):
        assert (False, kind) in kinds
    assert len({text for _, _, text in rows}) == len(rows), "duplicate rows"


def test_every_risk_text_of_the_second_development_set_gets_help():
    missed = [t for label, _, t in labelled_rows("risk_context_dev2.tsv")
              if label and not check(t).risk]
    assert missed == []  # measured 49 of 49 (39 of 49 before round 8)


def test_everyday_texts_of_the_second_development_set_stay_quiet():
    everyday = [t for label, _, t in labelled_rows("risk_context_dev2.tsv") if not label]
    offered = [t for t in everyday if check(t).risk]
    assert [t for t in everyday if check(t).level == STRONG] == []
    assert len(offered) / len(everyday) <= 0.05  # measured 0 of 124 (64 of 124 before)
