"""Tag mentions in a request with the packaged ONNX model: onnxruntime + numpy only, no torch.

Why: stage 1 of the pipeline runs on every request, possibly while the user types, so it must load
once, tag in well under 5 ms on one CPU thread, and not pull a deep-learning framework into the
language server. One thread (`intra_op_num_threads=1`) because a 15-token sentence is far too small
to gain from more, and the server has other work for the other core.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import msgspec
import numpy as np
import onnxruntime as ort

from .features import Token, feature_config, featurize, tokenize
from .spans import TAGS, Span, tags_to_spans, viterbi


class Mention(msgspec.Struct, frozen=True):
    label: str
    start: int
    end: int
    text: str
    score: float
    """Mean probability of the span's tags: low scores are the tagger's guesses."""


def _resource(name: str) -> bytes:
    return resources.files("wfl.inference.ner").joinpath(name).read_bytes()


class Tagger:
    """A loaded model. Create with `Tagger.load()`; `tag()` is safe to call from one thread at a time
    per instance (onnxruntime sessions are thread-safe, but keep it simple)."""

    def __init__(self, model: bytes, meta: dict) -> None:
        if meta.get("features") != feature_config():
            raise ValueError(
                "NER model was trained with different features; retrain it (python -m wfl.inference.ner.train)"
            )
        if list(meta.get("tags", [])) != list(TAGS):
            raise ValueError("NER model has different tags; retrain it")
        ort.disable_telemetry_events()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        self.meta = meta
        self._input = self.session.get_inputs()[0].name

    @classmethod
    def load(cls, path: str | Path | None = None) -> Tagger:
        """The model in directory `path` (model.onnx + model.json), or the packaged one."""
        if path is None:
            return cls(_resource("model.onnx"), json.loads(_resource("model.json")))
        base = Path(path)
        return cls(
            (base / "model.onnx").read_bytes(), json.loads((base / "model.json").read_text("utf-8"))
        )

    def predict(self, text: str) -> tuple[list[Token], list[Span], list[float]]:
        """Tokens, token-level spans and each span's score."""
        tokens = tokenize(text)
        if not tokens:
            return tokens, [], []
        ids = featurize([t.text for t in tokens])[None]
        logits = self.session.run(None, {self._input: ids})[0][0]
        shifted = logits - logits.max(-1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(-1, keepdims=True))
        path = viterbi(log_probs)
        spans = tags_to_spans(path)
        probs = np.exp(log_probs[np.arange(len(path)), path])
        return tokens, spans, [float(probs[s:e].mean()) for s, e, _ in spans]

    def tag(self, text: str) -> list[Mention]:
        """The mentions in `text`, in order, with character offsets into it."""
        tokens, spans, scores = self.predict(text)
        out = []
        for (s, e, label), score in zip(spans, scores):
            start, end = tokens[s].start, tokens[e - 1].end
            out.append(
                Mention(
                    label=label, start=start, end=end, text=text[start:end], score=round(score, 4)
                )
            )
        return out
