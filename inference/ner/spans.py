"""Labels, BIO tags, decoding and span scoring, shared by training, evaluation and the tagger.

Decoding is a constrained Viterbi over the model's per-token log-probabilities: `I-x` may only
follow `B-x` or `I-x`, so every decoded span is well formed without a CRF layer in the model (the
constraint costs microseconds in numpy and nothing in the model file).
"""

from __future__ import annotations

from collections import Counter

import numpy as np

LABELS: tuple[str, ...] = (
    "node",
    "area",
    "property",
    "value",
    "unit",
    "comparator",
    "action",
    "time",
    "duration",
)
TAGS: tuple[str, ...] = ("O",) + tuple(f"{p}-{label}" for label in LABELS for p in ("B", "I"))
TAG_ID = {t: i for i, t in enumerate(TAGS)}

Span = tuple[int, int, str]
"""(first token, last token + 1, label)."""


def _allowed() -> np.ndarray:
    """allowed[i, j]: may tag j follow tag i? Row len(TAGS) is the sentence start."""
    n = len(TAGS)
    ok = np.ones((n + 1, n), dtype=bool)
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            label = tag[2:]
            for i in range(n + 1):
                prev = TAGS[i] if i < n else "START"
                ok[i, j] = prev in (f"B-{label}", f"I-{label}")
    return ok


_PENALTY = np.where(_allowed(), 0.0, -1e4).astype(np.float32)


def viterbi(log_probs: np.ndarray) -> list[int]:
    """The best well-formed tag sequence for `[T, len(TAGS)]` log-probabilities."""
    t_len = log_probs.shape[0]
    if t_len == 0:
        return []
    score = log_probs[0] + _PENALTY[-1]
    back = np.zeros((t_len, len(TAGS)), dtype=np.int64)
    trans = _PENALTY[:-1]
    for t in range(1, t_len):
        cand = score[:, None] + trans  # [prev, next]
        back[t] = cand.argmax(0)
        score = cand.max(0) + log_probs[t]
    path = [int(score.argmax())]
    for t in range(t_len - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def tags_to_spans(tags: list[int] | list[str]) -> list[Span]:
    """Spans from BIO tags (ids or names); a stray `I-x` starts a span, as most decoders do."""
    names = [TAGS[t] if isinstance(t, (int, np.integer)) else t for t in tags]
    spans: list[Span] = []
    start, label = -1, ""
    for i, tag in enumerate(names + ["O"]):
        if label and tag != f"I-{label}":
            spans.append((start, i, label))
            label = ""
        if tag.startswith("B-") or (tag.startswith("I-") and not label):
            start, label = i, tag[2:]
    return spans


def spans_to_tags(n_tokens: int, spans: list[Span]) -> list[int]:
    tags = [0] * n_tokens
    for start, end, label in spans:
        tags[start] = TAG_ID[f"B-{label}"]
        for i in range(start + 1, end):
            tags[i] = TAG_ID[f"I-{label}"]
    return tags


class SpanScore:
    """Span precision/recall/F1, exact (same tokens, same label) and overlap (same label, sharing a
    token: what the fuzzy retrieval stage needs), per label and micro-averaged."""

    def __init__(self) -> None:
        self.gold: Counter[str] = Counter()
        self.pred: Counter[str] = Counter()
        self.tp_exact: Counter[str] = Counter()
        self.tp_overlap_gold: Counter[str] = Counter()  # gold spans overlapped by a prediction
        self.tp_overlap_pred: Counter[str] = Counter()  # predictions overlapping a gold span

    def add(self, gold: list[Span], pred: list[Span]) -> None:
        gold_set = set(gold)
        for s in gold:
            self.gold[s[2]] += 1
            if any(p[2] == s[2] and p[0] < s[1] and s[0] < p[1] for p in pred):
                self.tp_overlap_gold[s[2]] += 1
        for p in pred:
            self.pred[p[2]] += 1
            if p in gold_set:
                self.tp_exact[p[2]] += 1
            if any(p[2] == s[2] and p[0] < s[1] and s[0] < p[1] for s in gold):
                self.tp_overlap_pred[p[2]] += 1

    @staticmethod
    def _prf(tp_p: int, tp_r: int, n_pred: int, n_gold: int) -> dict[str, float]:
        p = tp_p / n_pred if n_pred else 0.0
        r = tp_r / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}

    def report(self) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for label in (*LABELS, "micro"):
            if label == "micro":
                g, pr = sum(self.gold.values()), sum(self.pred.values())
                te, tog, top = (
                    sum(c.values())
                    for c in (self.tp_exact, self.tp_overlap_gold, self.tp_overlap_pred)
                )
            else:
                g, pr = self.gold[label], self.pred[label]
                te, tog, top = (
                    self.tp_exact[label],
                    self.tp_overlap_gold[label],
                    self.tp_overlap_pred[label],
                )
            if label != "micro" and g == 0 and pr == 0:
                continue
            out[label] = {
                "support": g,
                "exact": self._prf(te, te, pr, g),
                "overlap": self._prf(top, tog, pr, g),
            }
        return out


def format_report(report: dict[str, dict], title: str = "") -> str:
    """A plain-text table of `SpanScore.report()`."""
    lines = [title] if title else []
    lines.append(
        f"{'label':<11}{'support':>8}  {'exact P':>7} {'R':>6} {'F1':>6}  {'overlap P':>9} {'R':>6} {'F1':>6}"
    )
    for label, row in report.items():
        e, o = row["exact"], row["overlap"]
        lines.append(
            f"{label:<11}{row['support']:>8}  {e['p']:>7.3f} {e['r']:>6.3f} {e['f1']:>6.3f}"
            f"  {o['p']:>9.3f} {o['r']:>6.3f} {o['f1']:>6.3f}"
        )
    return "\n".join(lines)
