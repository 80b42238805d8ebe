"""The engine's contrast question ("More like X, or more like Y?") and its family bias input."""

import math

import pytest

from feelmap.lexicon.suggest import MAX_FAMILY_BIAS, Engine, Params, get_engine
from feelmap.lexicon.suggest.engine import clean_family_bias

CLOSE = "I got the job but I will have to move away from my family"  # sadness and joy, close
CLEAR = "my boss shouted at me in front of the whole team"  # anger, well ahead


def test_it_asks_when_the_top_two_families_are_close():
    result = get_engine().suggest_with_contrast(CLOSE, top=6)
    c = result.contrast
    assert c is not None
    assert {c.family_a, c.family_b} == {"sadness", "joy"}
    # the best-scoring word of each family, and a plain question
    assert (c.word_a, c.word_b) == (result.suggestions[0].word, result.suggestions[1].word)
    assert c.question == f"More like {c.word_a}, or more like {c.word_b}?"
    assert c.as_dict()["question"] == c.question


def test_it_does_not_ask_when_one_family_is_well_ahead():
    assert get_engine().suggest_with_contrast(CLEAR, top=6).contrast is None


def test_it_does_not_ask_without_evidence():
    result = get_engine().suggest_with_contrast("", top=6)
    assert result.suggestions == [] and result.contrast is None


def test_the_margin_is_a_parameter():
    engine = get_engine()
    wide = Engine(model=engine.model, vocabulary=engine.words, params=Params(contrast_margin=50))
    narrow = Engine(model=engine.model, vocabulary=engine.words, params=Params(contrast_margin=0))
    assert wide.suggest_with_contrast(CLEAR).contrast is not None
    assert narrow.suggest_with_contrast(CLOSE).contrast is None


def test_without_a_bias_the_words_are_unchanged():
    engine = get_engine()
    for text in (CLOSE, CLEAR, "my chest is tight", "I feel a bit off today"):
        plain = engine.suggest(text, top=6)
        assert engine.suggest_with_contrast(text, top=6).suggestions == plain
        assert engine.suggest(text, top=6, family_bias={}) == plain
        assert engine.suggest(text, top=6, family_bias=None) == plain


def test_the_engine_honours_the_bias():
    engine = get_engine()
    toward_joy = engine.suggest_with_contrast(CLOSE, top=6, family_bias={"joy": 0.6,
                                                                         "sadness": -0.6})
    assert toward_joy.suggestions[0].family == "joy"
    toward_sadness = engine.suggest(CLOSE, top=6, family_bias={"sadness": 0.6, "joy": -0.6})
    assert toward_sadness[0].family == "sadness"
    assert engine.suggest(CLOSE, top=6)[0].family == "sadness"


def test_a_bias_is_bounded_and_plain_data_only():
    assert clean_family_bias({"joy": 99, "fear": -99}) == {
        "joy": MAX_FAMILY_BIAS, "fear": -MAX_FAMILY_BIAS}
    assert clean_family_bias({"not-a-family": 1.0, "joy": math.nan, "fear": math.inf,
                              "anger": "x", "love": True, "calm": 0}) == {}
    assert clean_family_bias(None) == {} and clean_family_bias("joy") == {}
    # a huge bias cannot bury what the text says: capped at MAX_FAMILY_BIAS score units
    out = get_engine().suggest(CLEAR, top=3, family_bias={"anger": -1e9, "calm": 1e9})
    assert out[0].family == "anger"


@pytest.mark.parametrize("bias", [{"joy": "0.5"}, {"joy": 0.5}])
def test_numbers_as_text_are_read(bias):
    assert clean_family_bias(bias) == {"joy": 0.5}
