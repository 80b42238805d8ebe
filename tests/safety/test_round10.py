"""Issue 20, round 10: everyday frames read per sentence (``detector/frames.py``), whose words
(someone else's reported words unless the writer joins in; care work), when (a recovered past
carried over a whole note), and signs for plans keyed to a future event. Each rule has examples
that must prompt and look-alikes that must not; then floors on the sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from feelmap.safety.detector import GENTLE, STRONG, context, frames, normalise, signs
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
        label, kind, text = (parts[0], parts[1], parts[2]) if len(parts) >= 3 else (
            parts[0], "", parts[1])
        rows.append((label == "1", kind, text))
    return rows


def _level(text: str) -> str:
    return check(text).level or "none"


def _frame(text: str) -> str:
    norm = normalise(text)
    return next((f for s in norm.split(" . ") if (f := frames.frame_of(" " + s.strip() + " ", norm))), "")


def _sign(text: str) -> str:
    found = signs.find(context.everyday(normalise(text)))
    return found.name if found else ""


# --- everyday frames: the frame and the risk words meet in a sentence -----------------------

FRAMED = [
    ("injury", "sliced my finger open on the mandoline, blood all over the cucumber"),
    ("injury", "got a nasty gash on my shin from a rugby tackle"),
    ("injury", "the kitten scratched my arms to ribbons while I clipped her claws"),
    ("pain", "the toothache made me want to die, the dentist sorted it this morning"),
    ("sleep", "long weekend, going to sleep until tuesday under the duvet"),
    ("countdown", "counting down the days, my brother flies home for the holidays"),
    ("dispensing", "the pharmacist counted out the tablets twice because they were short last time"),
    ("letters", "wrote letters to the grandchildren for their 18th birthdays, just in case"),
    ("pet_loss", "our old dog died this morning, we buried him under the apple tree"),
]


@pytest.mark.parametrize("frame,text", FRAMED)
def test_an_everyday_frame_is_found_and_the_note_stays_quiet(frame, text):
    assert _frame(text) == frame
    assert _level(text) == "none"


@pytest.mark.parametrize("text", [
    "cut my hand with the kitchen knife on purpose so I would feel something",
    "the toothache is nothing, I want everything to stop. me included",
    "lazy sunday, I want to go to sleep and never wake up, for real",
    "cosy night in, I just want to sleep forever and never wake up again. I'm done",
    "long weekend coming up and all I want is to sleep and not wake up, not the lie-in kind",
    "counting down the days until I'm gone. nobody will miss me",
    "as a pharmacist I counted out enough for me and put them aside",
    "said goodbye to my dog this morning like it was the last time",
])
def test_guard_words_keep_the_risk_in_a_frame(text):
    assert check(text).risk


@pytest.mark.parametrize("text", [
    # Probes written after batch D: risk inside an everyday frame must not be blanked.
    "cut my arm in the kitchen again, it helps",
    "my back pain is unbearable and honestly i want to die, the gp is useless",
    "hoping i just sleep forever this weekend and nobody wakes me",
    "i keep scratching my arms till they bleed at training",
    "counting down the days till the holiday so i can finally end it there",
    "twelve days till christmas and then i am done with everything",
])
def test_risk_inside_an_everyday_frame_still_prompts(text):
    assert check(text).risk


def test_a_plan_keyed_to_another_persons_return_is_the_writers_own():
    # The sentence names mum (someone else), but the plan in it is the writer's.
    assert check("once mum is back from her trip i will say goodbye properly and go").risk


def test_a_named_pain_without_care_keeps_the_gentle_check():
    # Round 9: hyperbole in one's own words is never silence; with a dentist it is a frame.
    assert _level("my period cramps are so bad i want to die") == GENTLE
    assert _frame("my period cramps are so bad i want to die") == ""


def test_a_frame_elsewhere_in_the_note_does_not_blank_a_sentence():
    text = "made a lasagne in the kitchen tonight. then i cut my arms again"
    assert frames.blank(normalise(text)) == normalise(text)
    assert _level(text) == STRONG


# --- whose words -----------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "my brother keeps saying everyone would be better off without him",
    "she said she wants to disappear",
    "the lad downstairs reckons he will kill himself if they lose",
    "a client mentioned stockpiling pills",
])
def test_reported_words_of_someone_else_are_theirs(sentence):
    assert frames.about_someone_else(normalise(sentence))


@pytest.mark.parametrize("sentence", [
    "my brother keeps saying I would be better off without him",
    "she said I should just disappear and I think she is right",
    "my dad will be fine without me",
    "he doesnt know i gave him my guitar for good",
])
def test_the_writer_speaking_keeps_a_sentence_their_own(sentence):
    assert not frames.about_someone_else(normalise(sentence))


@pytest.mark.parametrize("text", [
    "my friend said she wanted to die, and honestly so do I",
    "my sister cuts herself and I do it too",
    "he says he feels like a burden. I think the same about me",
])
def test_the_writer_joining_in_is_their_own_risk(text):
    assert check(text).risk


def test_someone_else_at_risk_gets_the_gentle_offer_unless_help_is_already_sought():
    assert _level("my brother keeps saying everyone would be better off without him") == GENTLE
    assert _level("my brother keeps saying everyone would be better off without him. "
                  "taking him to the gp tomorrow") == "none"
    assert _level("my cousin told us she wanted to disappear after the speech. she was fine "
                  "by dessert") == "none"


@pytest.mark.parametrize("text", [
    "I'm a nurse on a ward where patients self-harm, we ran a coping session today",
    "as a gp i ask about suicidal thoughts every day, part of the job",
    "our school had training on spotting pupils who want to die",
])
def test_care_work_about_others_is_not_the_writers_risk(text):
    assert _level(text) == "none"


def test_worry_about_a_pupil_still_gets_an_offer():
    assert check("my student wrote in her essay that shes been planning her exit and nobody "
                 "will miss her. i need to tell someone tomorrow").risk


def test_a_nurse_who_puts_tablets_aside_is_not_at_work():
    assert _level("as a nurse I know exactly how many of these would be enough. "
                  "I've been putting some aside") == STRONG


def test_play_as_a_verb_is_not_a_story():
    # "said I don't play anymore" explained a guitar given away; only "a play" is a story.
    text = "gave my guitar and my amp to my mate today. said i dont play anymore. wont need them"
    assert _level(text) == STRONG
    assert context.role(" we went to see a play about a man who wants to die ") == context.FICTION


# --- when ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "back then I cut my arms most nights. that was a long time ago, I haven't done it in years",
    "remember when i wanted to disappear forever? that version of me would not believe how "
    "good today was",
    "there was a winter when I didn't want to wake up. it passed, and today I went sledging",
])
def test_a_recovered_past_over_the_whole_note_is_quiet(text):
    assert _level(text) == "none"


@pytest.mark.parametrize("text", [
    "back then I cut my arms most nights. I got through it, but last night I did it again",
    "years ago I tried to end it. it's back now, the same thoughts, every night",
    "I got through it before but this time I don't think I will",
    "years ago i tried to kill myself and i got through it but i feel the same now",
])
def test_a_word_of_now_or_recurrence_keeps_the_past_present(text):
    assert check(text).risk


# --- signs for plans keyed to a future event, and slang ---------------------------------------

@pytest.mark.parametrize("name,text", [
    ("event-keyed-plan", "once the wedding is over I'll do it"),
    ("event-keyed-plan", "when the kids are at their dad's I'm going to end things"),
    ("event-keyed-plan", "after my son's birthday I'll go. one last good day with me"),
    ("date-picked", "chose the day. it's a sunday so no one at work has to find out"),
    ("not-this-time", "I got through it before but this time I don't think I will"),
    ("putting-aside", "been putting some of my tablets aside, I know how many"),
    ("sleep-the-real-one", "might take the long nap this weekend. the real one"),
    ("countdown-to-last", "counting down the days till christmas, it will be my last one"),
    ("away-and-ready", "the kids are at their dads this weekend. it is the right time"),
    ("means-at-hand-ready", "cosy sunday, duvet, tea, and the pills beside me. i am ready"),
    ("event-keyed-plan", "after the kids go back to school i will finally do it"),
])
def test_new_signs_prompt(name, text):
    assert _sign(text) == name
    assert check(text).risk


@pytest.mark.parametrize("text", [
    "after my son's birthday we are going to paint the hall",
    "when the kids are at their dad's I'm going to finally sort out the garage",
    "picked a date for the wedding, it's after the exams",
    "got through it before and I'll get through it this time too",
    "putting a few tablets aside for the trip in case I run out",
    "long nap this sunday, the lazy kind",
    "counting down the days till my last shift at work, then a new job",
    "12 days left till I'm gone! one way flight to Toronto, packing is chaos",
    "the kids are at their dads this weekend, the right time to paint the hall",
    "vitamins lined up by my coffee, ready for the week",
    "after the kids go back to school i will finally sort the loft",
])
def test_new_signs_stay_quiet_on_look_alikes(text):
    assert _sign(text) not in {"event-keyed-plan", "date-picked", "not-this-time",
                               "putting-aside", "sleep-the-real-one", "countdown-to-last",
                               "away-and-ready", "means-at-hand-ready"}
    assert _level(text) == "none"


# --- floors ----------------------------------------------------------------------------------

def test_the_fourth_development_set_covers_the_brief():
    rows = _rows("risk_context_dev4.tsv")
    assert sum(label for label, _, _ in rows) >= 40
    assert sum(not label for label, _, _ in rows) >= 60
    assert len({t for _, _, t in rows}) == len(rows), "duplicate rows"


@pytest.mark.parametrize("name,floor", [
    ("risk_context_dev4.tsv", 61),    # round 10: 61 of 61 (first looks 27/31, 11/12, 9/10, 6/8)
    ("risk_context_blind5.tsv", 50),  # round 9 measured 46 of 50 once; round 10 50
    ("risk_context_fresh2.tsv", 34),  # round 9 33 of 34; round 10 34
    ("risk_context_dev3.tsv", 178),
    ("risk_blind2.tsv", 98),
])
def test_round10_risk_floors(name, floor):
    assert sum(check(t).risk for label, _, t in _rows(name) if label) >= floor


@pytest.mark.parametrize("name,any_max,strong_max", [
    ("risk_context_dev4.tsv", 1, 0),     # round 10: 1 of 92 (first looks 17/44, 5/20, 1/16, 4/12)
    ("risk_context_blind5.tsv", 0, 0),   # round 9 measured 15 of 60 (10 strong); round 10 0
    ("risk_context_fresh2.tsv", 1, 0),   # round 9 10 of 40 (8 strong); round 10 1 (gentle)
    ("risk_context_dev3.tsv", 14, 0),    # round 9 15 of 276; round 10 14
])
def test_round10_false_alarm_ceilings(name, any_max, strong_max):
    everyday = [t for label, _, t in _rows(name) if not label]
    found = [check(t) for t in everyday]
    assert sum(f.risk for f in found) <= any_max
    assert sum(f.level == STRONG for f in found) <= strong_max
