"""The learned second opinion: feelmap/safety/model.py and its shipped weights."""

from __future__ import annotations

from pathlib import Path

import pytest

from feelmap.safety import model
from feelmap.safety.detector import KINDS, RiskResult, normalise
from feelmap.safety.detector import check_rules as check

# The rules' own unit tests (rounds 1-11) check the rules' answer, ``check_rules``; how the
# round 12 encoder weighs it is tested in test_encoder.py and test_round12.py.


def _p(text: str) -> float:
    return model.probability(normalise(text))


def test_it_loads_the_shipped_weights():
    m = model.shipped()
    assert m is not None
    assert 0 < len(m.index) <= 20_000
    assert len(m.weights) == len(m.index)
    assert 0.0 < m.threshold < 1.0
    assert model.MODEL_PATH.stat().st_size < 200_000


def test_it_answers_no_model_when_the_file_is_missing(tmp_path):
    assert model.RiskModel.load(tmp_path / "missing.npz") is None
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    assert model.RiskModel.load(bad) is None


def test_it_round_trips_through_save(tmp_path):
    m = model.shipped()
    assert m is not None
    path = Path(tmp_path) / "copy.npz"
    m.save(path)
    again = model.RiskModel.load(path)
    assert again is not None
    text = normalise("I keep thinking everyone would be fine if I just disappeared")
    assert again.probability_of_tokens(model.tokens(text)) == pytest.approx(
        m.probability_of_tokens(model.tokens(text)), abs=1e-6
    )


def test_it_is_deterministic():
    text = "honestly I don't see the point of anything, I just want it all to stop"
    assert len({_p(text) for _ in range(5)}) == 1


@pytest.mark.parametrize(
    "text",
    [
        "I want to disappear and never wake up",
        "everyone would be better off if I wasn't around",
        "I gave my cat to my neighbour and wrote letters to everyone",
        "I keep thinking about how many pills it would take",
    ],
)
def test_it_scores_clear_risk_above_the_threshold(text):
    m = model.shipped()
    assert m is not None
    assert _p(text) >= m.threshold


@pytest.mark.parametrize(
    "text",
    [
        "made pasta and watched a film with my sister",
        "this traffic is killing me",
        "my phone died on the train",
        "I want to end things with him",
        "I feel tired and flat today, work was long.",
    ],
)
def test_it_scores_everyday_text_below_the_threshold(text):
    m = model.shipped()
    assert m is not None
    assert _p(text) < m.threshold


def test_it_answers_zero_for_empty_or_wordless_text():
    assert _p("") == 0.0
    assert _p("... !!! 🙂🙂") == 0.0


def test_it_covers_long_text_in_windows():
    toks = [f"w{i}" for i in range(1000)]
    wins = model.windows(toks)
    assert all(len(w) <= model.WINDOW for w in wins)
    assert {t for w in wins for t in w} == set(toks)


def test_it_finds_risk_at_the_end_of_a_long_note():
    m = model.shipped()
    assert m is not None
    text = "Work was long and the bus was late. " * 300 + "I want to disappear and never wake up."
    assert _p(text) >= m.threshold


def test_it_stores_the_feature_version_it_was_trained_with():
    m = model.shipped()
    assert m is not None
    assert m.version == model.feature_version()


def test_it_refuses_weights_trained_on_other_features(tmp_path, monkeypatch):
    m = model.shipped()
    assert m is not None
    path = tmp_path / "m.npz"
    m.save(path)
    assert model.RiskModel.load(path) is not None
    # The suggestion engine's stemmer is tuned: the stems (so the features) shift.
    from feelmap.lib import text

    monkeypatch.setattr(text, "STEMMER_VERSION", "suffix-2")
    with pytest.raises(model.FeatureVersionMismatch, match="retrain"):
        model.RiskModel.load(path)


def test_its_feature_version_follows_the_stems_themselves(monkeypatch):
    before = model.feature_version()
    from feelmap.lib import text

    monkeypatch.setattr(text, "stem", lambda w: w[:4])
    assert model.feature_version() != before


def test_the_detector_reports_model_hits_kindly(monkeypatch):
    text = "made pasta and sat on the sofa with my sister, felt tired"
    assert check(text) == RiskResult(risk=False)
    monkeypatch.setattr(model, "flags", lambda norm: True)
    assert check(text) == RiskResult(
        risk=True,
        reason="Some of what you wrote sounds like you may be in a very hard place.",
        matched_kind="possible-risk",
        level="gentle",
    )
    assert KINDS[-1] == "possible-risk"


def test_rule_hits_keep_their_own_kind(monkeypatch):
    monkeypatch.setattr(model, "flags", lambda norm: True)
    assert check("I want to die").matched_kind == "suicidal-ideation"
