"""Issue 20, round 9: signs read by meaning (``detector/signs.py``), hyperbole softened to the
gentle check, the learned model back on short texts that are not requests, intent that keeps an
"accident" from being blanked, quoted cover stories, and who-and-when fixes. Each rule has
examples that must prompt and look-alikes that must not; then floors on the sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from feelmap.safety import model
from feelmap.safety.detector import GENTLE, STRONG, context, normalise, rules, signs
from feelmap.safety.detector import check_rules as check

# The rules' own unit tests (rounds 1-11) check the rules' answer, ``check_rules``; how the
# round 12 encoder weighs it is tested in test_encoder.py and test_round12.py.

DATA = Path(__file__).parent / "data"


def _rows(name: str) -> list[tuple[bool, str, str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        label, kind, text = (parts[0], parts[1], parts[2]) if len(parts) == 3 else (
            parts[0], "", parts[1])
        assert label in ("0", "1"), line
        rows.append((label == "1", kind, text))
    return rows


def _level(text: str) -> str:
    return check(text).level or "none"


def _sign(text: str) -> str:
    found = signs.find(context.everyday(normalise(text)))
    return found.name if found else ""


# --- the signs, one by one: must prompt (and which sign) / must not ------------------------

SIGN_POSITIVES = [
    ("reckless", "took the bend with no seatbelt on purpose, wanted it to end there"),
    ("reckless", "drove home way too fast with my lights off. if i crash i crash"),
    ("reckless", "walked out into the traffic on the high street and part of me hoped one would hit me"),
    ("reckless", "I let go of the wheel on the ring road. Part of me wanted to see what happened"),
    ("fate", "every night i wait to see if the cancer takes me"),
    ("ctb", "been reading ctb threads all night"),
    ("catch-the-bus", "gonna catch the bus for real this time"),
    ("suicide-slang", "honestly the permanent nap sounds good"),
    ("suicide-slang", "pls press the delete button on me"),
    ("game-slang", "respawn off, this is my last life irl"),
    ("game-slang", "my save file is wiped and i'm not making a new game. done with this world"),
    ("not-being-here", "the easiest answer is me not being here"),
    ("barcode", "the barcode on my thigh is fresh again"),
    ("cat-scratches", "did cat scratches on my wrist again"),
    ("disguised-farewell", "Gave all my records to my cousin, told him I'm into streaming now. I'm not."),
    ("farewell-words", "tell dad i loved him even when we fought"),
    ("secret-timing", "tomorrow night once they're all asleep. everything is ready"),
    ("how-and-when", "i've worked out the how and when"),
    ("would-it-hold", "tested the scarf on the bannister to see if it would hold"),
    ("blade-kept-close", "i carry the blade in my coat pocket every day now"),
    ("no-barrier", "I know exactly which floor of the car park has no railing"),
    ("harm-with-intent", "burned my arm with a lighter on purpose"),
    ("harm-with-intent", "held my hand over the candle until i couldn't feel it"),
    ("delayed-message", "wrote a message saying sorry to everyone and scheduled it for saturday"),
    ("how-many-needed", "worked out how many of the tablets i'd need"),
    ("after-me", "I hope whoever finds me isn't one of the kids"),
    ("one-last-time", "rang my sister just to hear her one last time"),
    ("help-it-along", "I'd be glad to slip away and I'd like to help it along"),
    ("care-if-anything-happens", "asked Sam to feed my cat if anything ever happened to me"),
    ("affairs-in-order", "cancelled my phone contract and closed my account. everything is sorted now"),
    ("left-where-seen", "left instructions for the dog on the counter where they'll find them"),
    ("reopened-wounds", "picked the old cuts open again last night"),
    ("back-after-attempt", "after what i did last spring i swore never again. i'm back here"),
    ("secret-counting", "i keep counting the pills when nobody's home"),
    ("hidden-research", "looked up which pills don't show up in a blood test and deleted my history"),
    ("date-with-means", "me and the bridge have a date on sunday"),
    ("if-you-read-this", "if you find this, I'm sorry. The cat's food is in the cupboard"),
]


@pytest.mark.parametrize("name,text", SIGN_POSITIVES)
def test_each_sign_finds_its_meaning(name, text):
    assert _sign(text) == name
    assert check(text).risk


@pytest.mark.parametrize("text", [
    "drove too fast to the airport and got a speeding ticket, lesson learned",
    "someone stepped into the road without looking and I braked just in time",
    "caught the last bus home after the gig",
    "missed the bus again, walking in the rain",
    "rage quit the match and uninstalled the game, gg",
    "logging off for the night, see you tomorrow",
    "my character respawned at the checkpoint after the boss fight",
    "sorry about me not being here for the meeting tomorrow",
    "the bramble scratches on my legs look like a barcode after the garden",
    "the cat scratched my hand when I tried to give her the tablet",
    "moving to Leeds, gave my sofa to my neighbour and told her I'm excited",
    "tell mum i love her, i'll ring on sunday",
    "waiting till the kids are asleep to wrap the presents. everything is ready",
    "the leaflet explains how and when to take the tablets",
    "checked the shelf bracket to see if it would hold the books",
    "i keep a pocket knife in my bag for camping",
    "the council should put a railing on that bridge, it's dangerous for kids",
    "burned my arm on the oven door getting the roast out",
    "wrote letters to my grandchildren for when they're older",
    "worked out how many tablets I need for the two-week holiday",
    "visited my old school one last time before they knock it down",
    "gran slipped away peacefully in her sleep last night",
    "I'll put it in my will who takes the cat if anything happens to me",
    "switched banks, cancelled the old account, everything is sorted now",
    "left the shopping list on the fridge where they'll see it",
    "the scab on my knee opened up again when I fell",
    "counting the tablets into the pill box for the week",
    "read up on which tablets don't mix with alcohol",
    "date night with my wife at the restaurant by the bridge",
    "if you're reading this, you're awesome, have a good day",
])
def test_look_alikes_of_the_signs_do_not_prompt_strongly(text):
    assert _level(text) != STRONG
    assert _sign(text) == ""


def test_sign_reasons_name_plain_sentences_of_the_rules_file():
    reasons = rules.load()[0].reasons
    for sign in signs.table().signs:
        assert sign.reason in reasons


def test_a_sign_data_file_with_an_unknown_block_is_refused(tmp_path):
    data = json.loads(signs.DATA.read_text(encoding="utf-8"))
    data["signs"][0]["all"] = ["{NO_SUCH_BLOCK}"]
    bad = tmp_path / "signs.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown block"):
        signs.table.__wrapped__(bad)


def test_gentle_signs_give_the_gentle_check():
    assert _level("got through the holidays for the kids' sake. the new year is mine") == GENTLE


# --- hyperbole: the gentle check, never the strong wording, never silence -------------------


@pytest.mark.parametrize("text", [
    "if i have to sit through one more budget meeting i'll kill myself lol",
    "kms that quiz was brutal lol",
    "my period cramps are so bad i want to die",
    "I feel like such a burden asking for lifts to physio",
])
def test_hyperbole_in_ones_own_words_gets_the_gentle_check(text):
    assert _level(text) == GENTLE


def test_hyperbole_reported_of_someone_else_gets_nothing():
    assert _level("my brother said kms if he has to watch that film again lol") == "none"


def test_clear_words_next_to_hyperbole_keep_the_strong_wording():
    assert _level("kms lol. no honestly i want to die, i have the pills here") == STRONG


# --- intent keeps an "accident"; quoted cover stories ---------------------------------------


def test_intent_after_an_everyday_injury_keeps_it():
    assert _level("burned myself with the iron on purpose so I'd stop thinking") == STRONG
    assert _level("burned myself with the iron, so clumsy") == "none"


def test_a_purpose_in_quotation_marks_is_a_cover_story():
    text = 'Asked my uncle to lend me his shotgun "for the rabbits" this weekend. He said fine.'
    assert _level(text) == STRONG
    assert _level("Asked my uncle to lend me his shotgun for the rabbits this weekend.") != STRONG
    assert _level('My uncle lent me his ladder "for the gutters".') == "none"


# --- the learned model on short texts -------------------------------------------------------


@pytest.mark.parametrize("text", ["Would you text me?", "Tell me if you can't make it.",
                                  "Please save me a seat.", "Can we talk later?"])
def test_a_model_hit_on_a_short_request_is_ignored(monkeypatch, text):
    monkeypatch.setattr(model, "flags", lambda norm: True)
    assert _level(text) == "none"


@pytest.mark.parametrize("text", ["my thighs look like a map again. i was doing so well",
                                  "i keep rehearsing the whole thing in my head"])
def test_a_model_hit_on_a_short_text_that_is_not_a_request_asks_gently(monkeypatch, text):
    monkeypatch.setattr(model, "flags", lambda norm: True)
    assert check(text).risk


@pytest.mark.parametrize("text", ["Still long.", "Long day at work.", "Made soup for tea."])
def test_a_model_hit_on_a_note_of_a_few_words_without_dark_words_is_ignored(monkeypatch, text):
    monkeypatch.setattr(model, "flags", lambda norm: True)
    assert _level(text) == "none"


def test_a_model_hit_is_outweighed_by_an_everyday_use(monkeypatch):
    monkeypatch.setattr(model, "flags", lambda norm: True)
    assert _level("only four more sleeps until we fly to Spain") == "none"
    assert _level("slept 11 hours and woke up brand new") == "none"


# --- who and when ---------------------------------------------------------------------------


def test_a_plain_time_word_elsewhere_does_not_undo_a_recovered_past():
    text = ("Found my old diary from school where I wrote I wanted to die. "
            "Read it to my partner tonight, life turned out good.")
    assert _level(text) == "none"


def test_a_word_of_recurrence_anywhere_keeps_the_past_now():
    assert check("In 2019 I tried to end my life. It's creeping back.").risk


def test_someone_who_has_died_is_grief_not_a_worry():
    assert _level("my friend's brother took his own life in june, the funeral was today") == "none"


def test_someone_close_hurting_themselves_now_still_gets_the_gentle_check():
    assert _level("she cut herself again last night") == GENTLE


def test_someone_close_who_is_getting_help_gets_nothing():
    assert _level("my brother cut himself last year and he's doing much better with therapy") == "none"


@pytest.mark.parametrize("text", [
    "my therapist asked if I'd ever thought about suicide and I said no, and I meant it",
    "did a mental health first aid course, we learned how to ask people about suicide",
    "I haven't self harmed in three years and I'm proud of myself",
    "I'm a burden to nobody these days",
    "I'm done fighting with the landlord over the boiler",
])
def test_answers_courses_and_abstinence_are_not_risk(text):
    assert _level(text) == "none"


def test_a_lie_to_the_screening_question_still_prompts():
    assert _level("my gp asked if i'd thought about suicide and i lied and said no") == STRONG


# --- speed gates never change an answer -----------------------------------------------------


def test_the_sign_and_softener_gates_never_change_an_answer(monkeypatch):
    texts = [t for f in sorted(DATA.glob("risk_*.tsv")) if "fresh2" not in f.name
             for _, _, t in _rows(f.name)]
    for text in texts:
        norm = context.everyday(normalise(text))
        assert signs.find(norm) == signs.find(norm, gates=False), text
    gated = [check(t) for t in texts]
    monkeypatch.setattr(signs, "_SOFTEN_GATE", ("",))
    assert [check(t) for t in texts] == gated


# --- floors (development sets: optimistic) --------------------------------------------------


def test_the_third_development_set_covers_the_issue_styles():
    rows = _rows("risk_context_dev3.tsv")
    kinds = {(label, kind) for label, kind, _ in rows}
    for kind in ("means", "slang", "farewell", "plans", "reckless", "selfharm", "passive"):
        assert (True, kind) in kinds
    for kind in ("idiom", "injury", "medicine", "other", "fiction", "game", "work", "past",
                 "countdown", "sleep", "pain", "grief"):
        assert (False, kind) in kinds
    assert sum(label for label, _, _ in rows) >= 60
    assert sum(not label for label, _, _ in rows) >= 80
    assert len({t for _, _, t in rows}) == len(rows), "duplicate rows"


@pytest.mark.parametrize("name", ["risk_context_dev3.tsv", "risk_context_blind3.tsv",
                                  "risk_context_blind4.tsv"])
def test_every_risk_text_of_the_round9_development_sets_gets_help(name):
    missed = [t for label, _, t in _rows(name) if label and not check(t).risk]
    assert missed == []  # measured 138/138, 36/36, 40/40 after round 9


@pytest.mark.parametrize("name,strong_max,any_share", [
    ("risk_context_dev3.tsv", 0, 0.07),    # measured 0 strong, 13 of 276 with the gentle check
    ("risk_context_blind3.tsv", 0, 0.05),  # measured 0 and 0 of 36
    ("risk_context_blind4.tsv", 0, 0.05),  # measured 0 and 0 of 48
])
def test_everyday_texts_of_the_round9_development_sets_stay_quiet(name, strong_max, any_share):
    everyday = [t for label, _, t in _rows(name) if not label]
    assert sum(check(t).level == STRONG for t in everyday) <= strong_max
    assert sum(check(t).risk for t in everyday) / len(everyday) <= any_share


@pytest.mark.parametrize("name,floor", [("risk_blind2.tsv", 98), ("risk_context_fresh.tsv", 30)])
def test_older_once_measured_sets_keep_their_risk_recall(name, floor):
    # Round 8's short-text model gate silently cost blind2 30 risk texts and context_fresh 5;
    # these sets now have floors (round 9 measured 98 of 100 and 30 of 30).
    assert sum(check(t).risk for label, _, t in _rows(name) if label) >= floor
