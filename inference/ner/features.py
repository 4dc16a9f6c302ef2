"""Tokenizer and per-token features for the NER model, shared by training and inference.

Why it looks like this:

- Pure Python + numpy, so tagging at run time needs onnxruntime and nothing heavier; the training
  script calls the very same functions, so features can never drift between the two.
- Hashed features (the "hashing trick") instead of a vocabulary: the model file stays small and
  fixed-size, and a word never seen in training still gets its character 3-grams, prefix, suffix and
  shape. That is what carries unseen device names and German compounds ("Kinderzimmerlicht" shares
  `zim`, `mer`, `lic`, `cht` with "Wohnzimmer" and "Licht").
- A stable hash (CRC-32), never Python's salted `hash()`, so ids agree across processes.
- Tokens keep character offsets into the original text, so mentions map back exactly.
"""

from __future__ import annotations

import re
import zlib
from typing import NamedTuple

import numpy as np

# Ids 0..RESERVED-1 are fixed: 0 is padding, then one id per shape flag. Hashed features land in
# [RESERVED, RESERVED + N_BUCKETS). Changing any of these numbers invalidates a trained model, which
# is why model.json records them and the tagger checks them.
N_BUCKETS = 1 << 15
MAX_FEATURES = 32
NGRAM = 3
FEATURE_VERSION = 1

_TOKEN_RE = re.compile(
    r"""
      \d{1,2}:\d{2}(?::\d{2})?              # a time: 7:30, 07:30:00
    | \d+(?:[.,]\d+)*                       # a number: 25, 0.4, 0,4, 1.000
    | °[CFcf]?                              # degrees, with or without the scale
    | [^\W\d_][\w]*(?:[-'’][^\W_][\w]*)*    # a word: umlauts, ß, ids with _ and digits, hyphens
    | \S                                    # anything else is one character: %, €, $, ., ,
    """,
    re.VERBOSE,
)

_SHAPE_FLAGS = (
    "is_number",
    "is_time",
    "is_capitalized",
    "is_upper",
    "is_lower",
    "has_digit",
    "is_punct",
    "is_unit_symbol",
    "has_hyphen",
    "has_underscore",
    "has_umlaut",
    "is_first",
    "is_last",
    "len_1",
    "len_2_3",
    "len_4_6",
    "len_7_10",
    "len_11_plus",
)
RESERVED = 1 + len(_SHAPE_FLAGS)
VOCAB_SIZE = RESERVED + N_BUCKETS
_FLAG_ID = {name: i + 1 for i, name in enumerate(_SHAPE_FLAGS)}
_UNIT_SYMBOLS = frozenset({"%", "°", "°c", "°f", "€", "$", "£"})
_UMLAUTS = frozenset("äöüßÄÖÜ")


class Token(NamedTuple):
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Words, numbers, times and symbols with their offsets (`text[start:end] == token.text`).

    `25°C` gives `25`, `°C`; `30%` gives `30`, `%`; `07:30` stays one token; `Kinderzimmer-Licht`
    and `kitchen_light` stay one token each.
    """
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _hash(kind: str, value: str) -> int:
    return RESERVED + zlib.crc32(f"{kind}\x1f{value}".encode()) % N_BUCKETS


def _flags(tok: str, index: int, count: int) -> list[int]:
    low = tok.lower()
    flags: list[str] = []
    if tok[0].isdigit():
        flags.append("is_time" if ":" in tok else "is_number")
    if tok[0].isupper():
        flags.append("is_capitalized")
    if tok.isupper() and len(tok) > 1:
        flags.append("is_upper")
    if tok.islower():
        flags.append("is_lower")
    if any(c.isdigit() for c in tok):
        flags.append("has_digit")
    if low in _UNIT_SYMBOLS:
        flags.append("is_unit_symbol")
    elif len(tok) == 1 and not tok.isalnum():
        flags.append("is_punct")
    if "-" in tok:
        flags.append("has_hyphen")
    if "_" in tok:
        flags.append("has_underscore")
    if any(c in _UMLAUTS for c in tok):
        flags.append("has_umlaut")
    if index == 0:
        flags.append("is_first")
    if index == count - 1:
        flags.append("is_last")
    n = len(tok)
    flags.append(
        "len_1"
        if n == 1
        else "len_2_3"
        if n <= 3
        else "len_4_6"
        if n <= 6
        else "len_7_10"
        if n <= 10
        else "len_11_plus"
    )
    return [_FLAG_ID[f] for f in flags]


def _shape(tok: str) -> str:
    """`Xxxx`-style word shape with runs collapsed: `Wohnzimmer` -> `Xx`, `07:30` -> `d:d`."""
    out: list[str] = []
    for c in tok:
        s = "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)


def token_features(tok: str, index: int, count: int) -> list[int]:
    """Feature ids of one token: word, shape, prefix/suffix, boundary-marked char n-grams, flags."""
    low = tok.lower()
    ids = _flags(tok, index, count)
    ids.append(_hash("w", low))
    ids.append(_hash("sh", _shape(tok)))
    if len(low) > 3:
        ids.append(_hash("p", low[:3]))
        ids.append(_hash("s", low[-3:]))
    if len(low) > 4:
        ids.append(_hash("p4", low[:4]))
        ids.append(_hash("s4", low[-4:]))
    if len(low) > 1 and low[0].isalpha():
        marked = f"<{low}>"
        grams = [marked[i : i + NGRAM] for i in range(len(marked) - NGRAM + 1)]
        room = MAX_FEATURES - len(ids)
        if len(grams) > room:  # very long compounds: keep the start and the end
            grams = grams[: room // 2] + grams[len(grams) - (room - room // 2) :]
        ids.extend(_hash("g", g) for g in grams)
    return ids[:MAX_FEATURES]


def featurize(tokens: list[str]) -> np.ndarray:
    """An int64 matrix `[len(tokens), MAX_FEATURES]` of feature ids, padded with 0."""
    out = np.zeros((len(tokens), MAX_FEATURES), dtype=np.int64)
    for i, tok in enumerate(tokens):
        ids = token_features(tok, i, len(tokens))
        out[i, : len(ids)] = ids
    return out


def feature_config() -> dict:
    """What a trained model depends on; stored in model.json and checked when loading."""
    return {
        "version": FEATURE_VERSION,
        "n_buckets": N_BUCKETS,
        "reserved": RESERVED,
        "vocab_size": VOCAB_SIZE,
        "max_features": MAX_FEATURES,
        "ngram": NGRAM,
        "hash": "crc32",
    }
