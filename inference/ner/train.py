"""Train the NER model and export it: `python -m wfl.inference.ner.train [--out DIR] [--epochs N]`.

Needs the `train` extra (torch, onnx); nothing at run time imports this module. The model is an
averaged bag of hashed token features -> one BiGRU layer -> per-token tag logits; the whole thing is
under a million parameters and trains in a few minutes on two CPU cores.

Honesty of the reported numbers: whole environments are held out (one real home and a sixth of the
synthetic ones), so the held-out F1 says how well the model finds names it never saw; the
hand-written sets (`eval_set.py`) add wording the templates never produced. Both are measured on the
exported ONNX model through `Tagger`, i.e. on exactly what ships.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn
from wfl.schemas.environment import Environment

from .eval_set import examples as handwritten
from .features import VOCAB_SIZE, feature_config, featurize, tokenize
from .generate import Sentence, generate
from .spans import LABELS, TAGS, SpanScore, format_report, spans_to_tags
from .synth import synthetic_environment
from .tagger import Tagger

ROOT = Path(__file__).resolve().parents[2]
HOMES = ("basnijholt", "miggi92", "smcnab1")
GERMAN_HOMES = {"miggi92"}


class NerNet(nn.Module):
    """Mean of the token's feature embeddings -> BiGRU -> linear over [GRU state, embedding]."""

    def __init__(self, vocab: int, dim: int, hidden: int, n_tags: int) -> None:
        super().__init__()
        self.emb = nn.Embedding(vocab, dim, padding_idx=0)
        self.gru = nn.GRU(dim, hidden, batch_first=True, bidirectional=True)
        self.drop = nn.Dropout(0.15)
        self.out = nn.Linear(2 * hidden + dim, n_tags)

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor | None = None) -> torch.Tensor:
        mask = (ids > 0).to(torch.float32).unsqueeze(-1)
        x = self.emb(ids).sum(2) / mask.sum(2).clamp(min=1.0)
        x = self.drop(x)
        if (
            lengths is not None
        ):  # training: padded batches must not leak into the backward direction
            packed = nn.utils.rnn.pack_padded_sequence(
                x, lengths.cpu(), batch_first=True, enforce_sorted=False
            )
            h, _ = self.gru(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])
        else:
            h, _ = self.gru(x)
        return self.out(self.drop(torch.cat([h, x], -1)))


# ------------------------------------------------------------------------------------------ data


def _real_homes() -> dict[str, Environment]:
    # Training only: inference must not depend on the server package (see ARCHITECTURE.md).
    from wfl.ha.importer import import_files

    base = ROOT / "tests" / "data" / "ha"
    return {
        h: import_files(base / h / "states.json", base / h / "services.json")
        for h in HOMES
        if (base / h).exists()
    }


def corpus(
    seed: int, holdout_home: str, n_real: int, n_synth_env: int, n_per_synth: int
) -> tuple[list[Sentence], list[Sentence]]:
    """(train, held-out) sentences; held-out = the held-out home + every sixth synthetic home."""
    train: list[Sentence] = []
    test: list[Sentence] = []
    for i, (home, env) in enumerate(sorted(_real_homes().items())):
        env.name = home
        german = home in GERMAN_HOMES
        sents = generate(
            env,
            n_real,
            seed * 1000 + i,
            lang_de=0.65 if german else 0.12,
            env_lang="de" if german else "en",
        )
        (test if home == holdout_home else train).extend(sents)
    langs = ["en", "de", "mixed"]
    for k in range(n_synth_env):
        lang = langs[k % 3] if k % 5 else "en"
        env = synthetic_environment(seed * 100_000 + k, lang)
        lang_de = {"en": 0.1, "de": 0.75, "mixed": 0.5}[lang]
        sents = generate(env, n_per_synth, seed * 100_000 + k + 7, lang_de=lang_de, env_lang=lang)
        (test if k % 6 == 0 else train).extend(sents)
    return train, test


def token_spans(
    text: str, char_spans: list[tuple[int, int, str]]
) -> tuple[list[str], list[tuple[int, int, str]]]:
    """Tokens and token-level spans: a token belongs to the span its first character falls in."""
    tokens = tokenize(text)
    spans = []
    for cs, ce, label in char_spans:
        idx = [i for i, t in enumerate(tokens) if cs <= t.start < ce]
        if idx:
            spans.append((idx[0], idx[-1] + 1, label))
    return [t.text for t in tokens], spans


def encode(sents: list[Sentence]) -> list[tuple[np.ndarray, np.ndarray]]:
    out = []
    for s in sents:
        toks, spans = token_spans(s.text, s.spans)
        if toks:
            out.append(
                (
                    featurize(toks).astype(np.int32),
                    np.array(spans_to_tags(len(toks), spans), dtype=np.int64),
                )
            )
    return out


def batches(
    data: list[tuple[np.ndarray, np.ndarray]], size: int, rng: random.Random, feature_drop: float
):
    """Length-bucketed, shuffled batches; each feature is dropped with `feature_drop` so the model
    cannot lean on the whole-word feature alone (unseen words only have n-grams)."""
    order = sorted(range(len(data)), key=lambda i: (data[i][0].shape[0], rng.random()))
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(groups)
    for g in groups:
        t_max = max(data[i][0].shape[0] for i in g)
        ids = np.zeros((len(g), t_max, data[g[0]][0].shape[1]), dtype=np.int64)
        tags = np.full((len(g), t_max), -100, dtype=np.int64)
        lengths = np.zeros(len(g), dtype=np.int64)
        for j, i in enumerate(g):
            f, t = data[i]
            ids[j, : len(t)] = f
            tags[j, : len(t)] = t
            lengths[j] = len(t)
        if feature_drop:
            drop = np.random.default_rng(rng.randrange(1 << 30)).random(ids.shape) < feature_drop
            ids[drop] = 0
        yield torch.from_numpy(ids), torch.from_numpy(tags), torch.from_numpy(lengths)


# ---------------------------------------------------------------------------------------- export


def export_onnx(model: NerNet, path: Path) -> None:
    """ONNX (opset 17) with dynamic sequence length; the embedding table is stored as float16 and cast
    after the lookup, which halves the file without measurable loss."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model.eval()
    dummy = torch.ones((1, 7, feature_config()["max_features"]), dtype=torch.int64)
    tmp = path.with_suffix(".tmp.onnx")
    torch.onnx.export(
        model,
        (dummy,),
        str(tmp),
        dynamo=False,
        opset_version=17,
        input_names=["ids"],
        output_names=["logits"],
        dynamic_axes={"ids": {1: "tokens"}, "logits": {1: "tokens"}},
    )
    graph = onnx.load(str(tmp))
    tmp.unlink()
    emb_name = next(
        i.name
        for i in graph.graph.initializer
        if numpy_helper.to_array(i).shape == tuple(model.emb.weight.shape)
    )
    for k, init in enumerate(graph.graph.initializer):
        if init.name == emb_name:
            graph.graph.initializer[k].CopyFrom(
                numpy_helper.from_array(numpy_helper.to_array(init).astype(np.float16), emb_name)
            )
    for k, node in enumerate(list(graph.graph.node)):
        if node.op_type == "Gather" and node.input[0] == emb_name:
            half = node.output[0] + "_f16"
            cast = helper.make_node(
                "Cast", [half], [node.output[0]], to=TensorProto.FLOAT, name=node.name + "_cast"
            )
            node.output[0] = half
            graph.graph.node.insert(k + 1, cast)
            break
    onnx.checker.check_model(graph)
    onnx.save(graph, str(path))


# ------------------------------------------------------------------------------------ evaluation


def evaluate(tagger: Tagger, items: list[tuple[str, list[tuple[int, int, str]]]]) -> dict:
    score = SpanScore()
    for text, char_spans in items:
        _, gold = token_spans(text, char_spans)
        _, pred, _ = tagger.predict(text)
        score.add(gold, pred)
    return score.report()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent,
        help="directory for model.onnx and model.json",
    )
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--holdout-home", default="smcnab1", choices=HOMES)
    ap.add_argument("--dim", type=int, default=24)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--sentences-per-home", type=int, default=2500)
    ap.add_argument("--synthetic-homes", type=int, default=90)
    ap.add_argument("--sentences-per-synthetic", type=int, default=400)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)

    train_s, test_s = corpus(
        args.seed,
        args.holdout_home,
        args.sentences_per_home,
        args.synthetic_homes,
        args.sentences_per_synthetic,
    )
    train = encode(train_s)
    print(
        f"sentences: {len(train_s)} train, {len(test_s)} held out ({time.perf_counter() - t0:.0f}s)",
        flush=True,
    )

    model = NerNet(VOCAB_SIZE, args.dim, args.hidden, len(TAGS))
    n_params = sum(p.numel() for p in model.parameters())
    print(f"parameters: {n_params:,}", flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=4e-3, weight_decay=1e-5)
    steps = args.epochs * ((len(train) + 31) // 32)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=4e-3, total_steps=steps, pct_start=0.1)
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
    rng = random.Random(args.seed)
    t_train = time.perf_counter()
    for epoch in range(args.epochs):
        model.train()
        total, n = 0.0, 0
        for ids, tags, lengths in batches(train, 32, rng, feature_drop=0.12):
            opt.zero_grad()
            logits = model(ids, lengths)
            loss = loss_fn(logits.reshape(-1, len(TAGS)), tags.reshape(-1))
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            sched.step()
            total, n = total + loss.item(), n + 1
        print(
            f"epoch {epoch + 1}: loss {total / n:.4f} ({time.perf_counter() - t_train:.0f}s)",
            flush=True,
        )
    train_seconds = time.perf_counter() - t_train

    args.out.mkdir(parents=True, exist_ok=True)
    export_onnx(model, args.out / "model.onnx")
    meta = {
        "labels": list(LABELS),
        "tags": list(TAGS),
        "features": feature_config(),
        "model": {
            "kind": "hashed-feature mean embedding -> BiGRU -> linear",
            "embedding_dim": args.dim,
            "hidden": args.hidden,
            "parameters": n_params,
            "embedding_storage": "float16",
            "opset": 17,
        },
        "training": {
            "seed": args.seed,
            "epochs": args.epochs,
            "train_sentences": len(train_s),
            "heldout_sentences": len(test_s),
            "holdout_home": args.holdout_home,
            "heldout_synthetic": "every sixth synthetic home",
            "seconds": round(train_seconds, 1),
            "torch": torch.__version__,
        },
    }
    (args.out / "model.json").write_text(
        json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )

    tagger = Tagger.load(args.out)
    heldout = evaluate(tagger, [(s.text, s.spans) for s in test_s])
    home = evaluate(tagger, [(s.text, s.spans) for s in test_s if s.env == args.holdout_home])
    german = evaluate(tagger, [(s.text, s.spans) for s in test_s if s.lang == "de"])
    hand = evaluate(tagger, handwritten())
    fresh = evaluate(tagger, handwritten(fresh=True))
    print(format_report(heldout, "\nheld-out environments (generated sentences)"))
    print(format_report(home, f"\nheld-out real home {args.holdout_home}"))
    print(format_report(german, "\nheld-out, German sentences only"))
    print(
        format_report(
            hand, "\nhand-written requests, dev set (eval_set.MARKED, used for error analysis)"
        )
    )
    print(
        format_report(fresh, "\nhand-written requests, test set (eval_set.FRESH, never tuned on)")
    )
    meta["metrics"] = {
        "heldout": heldout,
        "heldout_home": home,
        "heldout_german": german,
        "handwritten_dev": hand,
        "handwritten_test": fresh,
    }
    (args.out / "model.json").write_text(
        json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    size = (args.out / "model.onnx").stat().st_size
    print(
        f"\nmodel.onnx: {size / 1e6:.2f} MB, {n_params:,} parameters, trained in {train_seconds:.0f}s, total {time.perf_counter() - t0:.0f}s"
    )


if __name__ == "__main__":
    main()
