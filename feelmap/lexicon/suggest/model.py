"""The shipped linear text model: per-family logistic regression over word stems and stem pairs.

Trained offline by tools/train_suggest.py on the GoEmotions dev split and stored as
``data/weights.npz`` (features, weight matrix, biases, family order).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike

WEIGHTS_PATH = Path(__file__).parent / "data" / "weights.npz"


@dataclass
class LinearModel:
    families: list[str]
    index: dict[str, int]
    weights: np.ndarray  # (n_features, n_families) float32
    bias: np.ndarray  # (n_families,)
    features: list[str]

    @classmethod
    def load(cls, path: Path | None = None) -> LinearModel | None:
        path = path or WEIGHTS_PATH
        try:
            with np.load(path, allow_pickle=False) as z:
                feats = [str(f) for f in z["features"]]
                fams = [str(f) for f in z["families"]]
                w = z["weights"].astype(np.float32)
                b = z["bias"].astype(np.float32)
        except (OSError, KeyError, ValueError):
            return None
        return cls(fams, {f: i for i, f in enumerate(feats)}, w, b, feats)

    @classmethod
    def from_arrays(
        cls, features: list[str], families: list[str], weights: ArrayLike, bias: ArrayLike
    ) -> LinearModel:
        return cls(
            list(families),
            {f: i for i, f in enumerate(features)},
            np.asarray(weights, dtype=np.float32),
            np.asarray(bias, dtype=np.float32),
            list(features),
        )

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            features=np.array(self.features),
            families=np.array(self.families),
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
        )

    def score(self, feats: list[str]) -> tuple[dict[str, float], list[int]]:
        """Log-odds per family and the indexes of known features."""
        idx = sorted({self.index[f] for f in feats if f in self.index})
        z = self.bias.copy()
        if idx:
            z = z + self.weights[idx].sum(axis=0)
        return {f: float(v) for f, v in zip(self.families, z, strict=True)}, idx

    def top_features(self, idx: list[int], family: str, n: int = 2) -> list[str]:
        if not idx or family not in self.families:
            return []
        col = self.weights[idx, self.families.index(family)]
        order = np.argsort(-col)[:n]
        return [self.features[idx[k]] for k in order if col[k] > 0.4]
