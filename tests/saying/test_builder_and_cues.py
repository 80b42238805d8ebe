"""The sentence builder and the non-verbal cues scoring (no database)."""

from feelmap.lexicon.vocabulary import load_vocabulary
from feelmap.saying.builder import compose, feeling_phrase
from feelmap.saying.cues import CueSet, load_cues, score


def test_the_full_sentence_is_put_together():
    assert compose(feeling="hurt", when="you came home late.", need="to know you're safe",
                   request="Would you text me next time?") == (
        "I feel hurt when you came home late because I need to know you're safe. "
        "Would you text me next time?")


def test_nuance_and_mixed_feelings_are_kept():
    assert feeling_phrase("hurt", nuance="a bit") == "a bit hurt"
    assert feeling_phrase("relieved", also="sad") == "mixed: relieved and sad"
    assert compose(feeling="relieved", also="sad", nuance="very") == (
        "I feel mixed: relieved and sad.")


def test_not_knowing_yet_gets_its_own_wording():
    assert compose(feeling="not sure yet", when="people ask", need="time") == (
        "I'm not sure yet what I feel when people ask because I need time.")
    assert compose(feeling="I don\u2019t know") == "I'm not sure yet what I feel."
    assert compose(feeling="not surprised") == "I feel not surprised."


def test_any_part_can_be_left_out():
    assert compose() == ""
    assert compose(request="call me") == "Would you call me?"
    assert compose(when="plans change", need="some warning") == (
        "When plans change because I need some warning.")
    assert compose(need="rest") == "I need rest."


def test_the_cue_items_are_valid_and_use_vocabulary_words():
    cues = load_cues()
    vocabulary = load_vocabulary()
    assert {i.channel for i in cues.items} == {"face", "voice", "posture"}
    assert [o for i in cues.items for o in i.options if vocabulary.by_word(o) is None] == []


def test_cues_are_scored_with_skips_and_unknown_choices():
    items = load_cues().items
    answers = {items[0].id: items[0].answer, items[1].id: "nonsense",
               items[2].id: next(o for o in items[2].options if o != items[2].answer)}
    result = score(items, answers)
    assert (result.right, result.answered, result.total) == (1, 2, len(items))
    assert result.marked[1].chosen == ""


def test_a_cue_whose_answer_is_not_an_option_is_refused():
    raw = load_cues().model_dump(by_alias=True, mode="json")
    raw["items"][0]["answer"] = "elsewhere"
    try:
        CueSet.model_validate(raw)
    except ValueError as exc:
        assert "not one of the options" in str(exc)
    else:
        raise AssertionError("should be refused")
