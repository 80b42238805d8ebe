"""A small learned second opinion for the safety detector: logistic regression over words.

The hand-written rules in ``detector`` only see wording someone thought of. This model reads
the same normalised text (``detector.normalise``), stems each word with the shared stemmer
(``feelmap.lib.text``, also used by the suggestion engine), and scores word stems, pairs of neighbouring stems and (optionally) letter
groups inside words, after the scoring layer's everyday-phrase guards. It was trained offline by ``tools/train_risk.py`` on the hand-written
``tests/safety/data/risk_*.tsv`` sets (never ``risk_blind2.tsv``) and shipped as
``data/risk_model.npz``: feature names, one weight each, a bias and the threshold chosen by
leave-one-file-out cross-validation to favour recall.

How well it works: leave-one-file-out CV on the six training files gave precision 0.835 and
recall 0.857 for the model alone at threshold 0.51. On ``risk_blind2.tsv`` (never trained on,
looked at once after committing) the rules alone scored precision 0.684 / recall 0.54 and the
rules plus this model 0.736 / 0.92. The detector only asks the model when the rules find
nothing, and reports its hits as kind "possible-risk".

Bounded time: at most :data:`MAX_TOKENS` words are read; they are scored in overlapping
windows of :data:`WINDOW` words (the training notes are short) and the highest window counts.
If the weights file is missing or unreadable, :func:`probability` returns 0.0 and the rules
work alone.

Feature version: the weights only mean something for the exact features they were trained
on. The file stores :func:`feature_version` (a version of the token rules here, the shared
stemmer's fingerprint and a digest of the everyday-phrase guards); loading a file whose
version differs raises :class:`FeatureVersionMismatch` instead of scoring with shifted
features. Retrain with ``tools/train_risk.py`` after changing any of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from feelmap.lib.text import stem, stemmer_fingerprint
from feelmap.safety.detector import signals as detector_signals

MODEL_PATH = Path(__file__).parent / "data" / "risk_model.npz"

MAX_TOKENS = 25_000  # about 150k characters of ordinary text
WINDOW = 80  # words per scored window
_STEP = 60  # windows overlap by WINDOW - _STEP words
_CHAR_SIZES = (3, 4, 5)
TOKENS_VERSION = "tokens-1"  # bump when tokens() or features() change


class FeatureVersionMismatch(RuntimeError):
    """The weights file was trained on other features than this code makes."""


def feature_version() -> str:
    """What the features depend on: token rules, the stemmer and the guards."""
    guards = detector_signals.table().guards_digest
    return f"{TOKENS_VERSION}+{stemmer_fingerprint()}+guards:{guards}"


def tokens(norm: str, limit: int = MAX_TOKENS) -> list[str]:
    """Stemmed words of text already normalised by ``detector.normalise``; "." ends a sentence.

    Everyday phrases that share words with risk language ("end things with him", "cut my
    hair") are first blanked out by the scoring layer's guards, as the scoring layer does.
    """
    out: list[str] = []
    for word in detector_signals.guarded(norm[: limit * 8]).split():
        if len(out) >= limit:
            break
        out.append(word if word == "." else _stem(word))
    return out


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    return stem(word[:40])


@lru_cache(maxsize=50_000)
def _char_grams(word: str) -> tuple[str, ...]:
    w = f"<{word[:30]}>"
    return tuple(
        "c:" + w[i : i + n] for n in _CHAR_SIZES for i in range(len(w) - n + 1)
    )


def features(toks: list[str], chars: bool = True) -> set[str]:
    """Word stems ("w:"), neighbouring pairs within a sentence ("b:") and letter groups ("c:")."""
    out: set[str] = set()
    prev = None
    for tok in toks:
        if tok == ".":
            prev = None
            continue
        out.add("w:" + tok)
        if prev is not None:
            out.add(f"b:{prev}_{tok}")
        if chars:
            out.update(_char_grams(tok))
        prev = tok
    return out


def windows(toks: list[str]) -> list[list[str]]:
    """Overlapping slices of at most WINDOW tokens covering all of ``toks``."""
    if len(toks) <= WINDOW:
        return [toks]
    return [toks[i : i + WINDOW] for i in range(0, len(toks) - WINDOW + _STEP, _STEP)]


@dataclass(frozen=True)
class RiskModel:
    index: dict[str, int]
    weights: np.ndarray  # (n_features,) float32
    bias: float
    threshold: float
    chars: bool
    version: str = ""

    @classmethod
    def load(cls, path: Path | None = None) -> RiskModel | None:
        try:
            with np.load(path or MODEL_PATH, allow_pickle=False) as z:
                feats = [str(f) for f in z["features"]]
                weights = z["weights"].astype(np.float32)
                bias = float(z["bias"])
                threshold = float(z["threshold"])
                chars = bool(z["chars"])
                version = str(z["feature_version"]) if "feature_version" in z else "(none)"
        except (OSError, KeyError, ValueError):
            return None
        if len(feats) != len(weights):
            return None
        if version != feature_version():
            raise FeatureVersionMismatch(
                f"{path or MODEL_PATH} was trained on features {version}, this code makes "
                f"{feature_version()}: retrain with tools/train_risk.py"
            )
        return cls({f: i for i, f in enumerate(feats)}, weights, bias, threshold, chars, version)

    def save(self, path: Path) -> None:
        feats = sorted(self.index, key=self.index.__getitem__)
        np.savez_compressed(
            path,
            features=np.array(feats),
            weights=self.weights.astype(np.float16),
            bias=np.float32(self.bias),
            threshold=np.float32(self.threshold),
            chars=np.bool_(self.chars),
            feature_version=np.array(self.version or feature_version()),
        )

    def logit(self, feats: set[str]) -> float:
        idx = [self.index[f] for f in feats if f in self.index]
        return self.bias + (float(self.weights[idx].sum()) if idx else 0.0)

    def probability_of_tokens(self, toks: list[str]) -> float:
        """The highest probability over the windows of ``toks``."""
        if not any(t != "." for t in toks):
            return 0.0
        best = max(self.logit(features(w, self.chars)) for w in windows(toks))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, best))))


@lru_cache(maxsize=1)
def shipped() -> RiskModel | None:
    """The model in ``data/risk_model.npz``, loaded once (None when it cannot be read)."""
    return RiskModel.load()


def probability(norm: str) -> float:
    """Probability of risk language for text normalised by ``detector.normalise`` (0.0 if no model)."""
    model = shipped()
    return model.probability_of_tokens(tokens(norm)) if model is not None else 0.0


def flags(norm: str) -> bool:
    """Whether the shipped model's probability reaches its shipped threshold."""
    model = shipped()
    return model is not None and model.probability_of_tokens(tokens(norm)) >= model.threshold
