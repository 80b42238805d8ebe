"""The checks, one by one, with texts they should and should not flag (no database)."""

import pytest

from feelmap.lib.content import ContentError, parse_content
from feelmap.saying import checks
from feelmap.saying.rules import PhraseRules, fold, load_rules


def kinds(findings):
    return [f.kind for f in findings]


# --- the data file's own examples -------------------------------------------------------------


@pytest.mark.parametrize("rule", load_rules().all_rules(), ids=lambda r: r.id)
def test_every_rule_finds_its_examples_and_leaves_its_counter_examples(rule):
    for text in rule.matches:
        assert rule.regex.search(fold(text)), f"{rule.id} should find {text!r}"
    for text in rule.misses:
        assert not rule.regex.search(fold(text)), f"{rule.id} should not find {text!r}"


def test_the_word_lists_name_vocabulary_words():
    from feelmap.lexicon.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    rules = load_rules()
    unknown = [w for w in (*rules.strong, *rules.mild) if vocabulary.by_word(w) is None]
    assert unknown == []


def test_a_broken_rule_file_is_refused():
    raw = load_rules().model_dump(by_alias=True, mode="json")
    raw["blame"][0]["pattern"] = "(unclosed"
    raw["blame"][1]["misses"] = [*raw["blame"][1]["misses"], "You make me feel small."]
    with pytest.raises(ContentError) as caught:
        parse_content(PhraseRules, raw, source="phrases.json", nouns={"blame": "rule"})
    problems = "\n".join(caught.value.problems)
    assert "rule 'always-never', pattern: not a valid pattern" in problems
    assert "rule 'make-me-feel': finds its counter-example 'You make me feel small.'" in problems
    raw = load_rules().model_dump(by_alias=True, mode="json")
    raw["mild"] = [*raw["mild"], "furious"]
    with pytest.raises(ContentError, match="both strong and mild"):
        parse_content(PhraseRules, raw, source="phrases.json")


# --- vague words ------------------------------------------------------------------------------


def test_vague_words_get_more_precise_ones_from_the_lexicon():
    found = checks.find_vague("I feel bad about the meeting.")
    assert [f.phrase for f in found] == ["bad"]
    assert found[0].suggestions and len(found[0].suggestions) <= checks.MAX_ALTERNATIVES
    assert set(found[0].suggestions) <= {"sad", "anxious", "guilty", "ashamed", "irritated",
                                         "disappointed", "lonely", "tired"}
    assert "Which kind of bad?" in found[0].message


def test_precise_words_are_not_vague():
    assert checks.find_vague("I feel disappointed and a bit lonely.") == []


def test_saying_you_do_not_know_yet_is_not_vague():
    assert checks.find_vague("I don't know what I feel yet.") == []


# --- blaming ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "You always forget.",
    "You never listen to me.",
    "You make me feel stupid.",
    "You just make me feel invisible.",
    "It's all your fault.",
    "You don't even care.",
    "You\u2019re so selfish.",  # curly apostrophe
])
def test_blaming_forms_are_found(text):
    assert kinds(checks.find_blame(text)) == ["blame"]


@pytest.mark.parametrize("text", [
    "I feel hurt when plans change at the last minute.",
    "I always get nervous before calls.",
    "You're so kind to ask.",
    "It's nobody's fault.",
])
def test_plain_statements_are_not_blame(text):
    assert checks.find_blame(text) == []


def test_a_blame_finding_points_at_the_words():
    text = "Honestly, you never call."
    (finding,) = checks.find_blame(text)
    assert text[finding.start:finding.end] == finding.phrase == "you never"


# --- thoughts said as feelings ------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "I feel that you don't listen.",
    "I feel like you never have time for me.",
    "I feel like nobody notices.",
    "I feel you don't respect my work.",
    "I felt as if I was invisible.",
])
def test_thoughts_said_as_feelings_are_found(text):
    assert kinds(checks.find_thoughts(text)) == ["thought"]


@pytest.mark.parametrize("text", [
    "I feel lonely when you're on your phone.",
    "I feel like crying.",
    "I feel sad that you're leaving.",
])
def test_real_feelings_are_not_called_thoughts(text):
    assert checks.find_thoughts(text) == []


# --- intensity --------------------------------------------------------------------------------


def test_a_softener_on_a_strong_word_is_noted_with_milder_words():
    (finding,) = checks.find_intensity("I'm a bit furious about it.")
    assert finding.kind == "intensity"
    assert finding.phrase == "a bit furious"
    assert "angry" in finding.suggestions


def test_an_intensifier_on_a_gentle_word_offers_stronger_ones():
    (finding,) = checks.find_intensity("I'm extremely annoyed.")
    assert finding.phrase == "extremely annoyed"
    assert finding.suggestions == ("frustrated", "furious")


def test_a_high_rating_with_only_gentle_words_is_noted():
    found = checks.find_intensity("I'm a little worried.", rating=9)
    assert any("9 out of 10" in f.message for f in found)


def test_a_low_rating_with_a_strong_word_is_noted():
    found = checks.find_intensity("I'm terrified of the call.", rating=2)
    assert len(found) == 1 and "2 out of 10" in found[0].message
    assert "scared" in found[0].suggestions


@pytest.mark.parametrize(("text", "rating"), [
    ("I'm furious.", 9),
    ("I'm a bit annoyed.", 3),
    ("I'm worried.", None),
    ("I'm not furious, just tired.", 1),  # a negated word is not a chosen word
    ("I feel mixed: relieved and sad.", 5),
])
def test_words_and_ratings_that_fit_are_left_alone(text, rating):
    assert checks.find_intensity(text, rating) == []


# --- missing parts ------------------------------------------------------------------------------


def test_missing_feeling_need_and_request_are_each_noted():
    assert kinds(checks.find_missing("We should talk about Saturday.")) == [
        "missing-feeling", "missing-need", "missing-request"]


def test_a_complete_sentence_misses_nothing():
    text = "I feel lonely when you work late because I need time together. Would you keep Friday free?"
    assert checks.find_missing(text) == []


def test_only_what_the_goal_asks_for_is_missing():
    text = "Thank you, I feel proud."
    assert checks.find_missing(text, wants_need=False, wants_request=False) == []


def test_not_knowing_yet_counts_as_naming():
    assert checks.find_missing("I'm not sure what I feel yet.", wants_need=False,
                               wants_request=False) == []


# --- classification for the role-play ------------------------------------------------------------


@pytest.mark.parametrize(("text", "category"), [
    ("You always do this.", "blame"),
    ("I feel hurt, but you never listen.", "blame"),
    ("Could you text me next time?", "request"),
    ("I feel hurt. Would you text me?", "request"),
    ("I feel hurt.", "feeling"),
    ("Honestly, I don't know what I feel yet.", "feeling"),
    ("Dinner is in the oven.", "unclear"),
    ("I'm not angry.", "unclear"),
])
def test_answers_are_classified(text, category):
    assert checks.classify(text) == category


def test_a_review_says_what_works_and_orders_notes_by_position():
    review = checks.review("I feel that you don't care. I feel bad.", wants_request=False)
    positioned = [f.start for f in review.findings if f.start >= 0]
    assert positioned == sorted(positioned)
    assert review.findings[-1].kind == "missing-need"
    good = checks.review("I feel hurt when you're late because I need to rely on you. "
                         "Would you call?")
    assert good.findings == ()
    assert good.strengths == ("You named “hurt”.", "You said what matters to you.",
                              "You asked for something the other person can do.")


def test_a_finding_quotes_its_phrase_only_when_the_message_does_not():
    (always,) = checks.find_blame("You always forget.")
    assert not always.shows_phrase  # the message starts with “You always”
    (fault,) = checks.find_blame("It's your fault.")
    assert fault.shows_phrase
