"""A tiny template language for labelled sentences.

`(a|b)` picks one alternative (unlabelled), `[x]` keeps x half the time, `<label:a|b>` picks one
alternative and labels it, `{slot}` inserts pre-labelled segments. Alternatives may hold slots and
labelled choices themselves. Templates stay one readable line each, which is what makes writing a
few hundred of them in two languages feasible.
"""

from __future__ import annotations

import random
import re
from functools import cache

Seg = tuple[str, "str | None"]
"""(text, label); a text starting with GLUE is attached to the previous segment without a space."""
GLUE = "\x00"

_PART = re.compile(
    r"\{(\w+)\}|<(\w+):((?:[^<>]|<[^<>]*>)*)>|\(((?:[^()]|\([^()]*\))*)\)|\[([^\[\]]*)\]|([^{}<>()\[\]]+)"
)


def _split_top(text: str) -> list[str]:
    """Split on `|` outside of (), <>, {} and []."""
    out, depth, cur = [], 0, []
    for c in text:
        if c in "(<{[":
            depth += 1
        elif c in ")>}]":
            depth -= 1
        if c == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    out.append("".join(cur))
    return out


@cache
def _parse(template: str) -> list[tuple]:
    parts: list[tuple] = []
    for m in _PART.finditer(template):
        slot, label, labelled, choice, optional, literal = m.groups()
        if slot:
            parts.append(("slot", slot))
        elif label:
            parts.append(("label", label, tuple(_split_top(labelled))))
        elif choice is not None:
            parts.append(("choice", tuple(_split_top(choice))))
        elif optional is not None:
            parts.append(("optional", optional))
        elif literal and literal.strip():
            parts.append(("text", literal.strip()))
    return parts


def render(
    template: str, rng: random.Random, slots: dict[str, list[Seg]], label: str | None = None
) -> list[Seg]:
    """Segments of one random realisation of `template`."""
    out: list[Seg] = []
    for part in _parse(template):
        kind = part[0]
        if kind == "slot":
            out.extend(slots[part[1]])
        elif kind == "label":
            out.extend(render(rng.choice(part[2]), rng, slots, part[1]))
        elif kind == "choice":
            out.extend(render(rng.choice(part[1]), rng, slots, label))
        elif kind == "optional":
            if rng.random() < 0.5:
                out.extend(render(part[1], rng, slots, label))
        else:
            out.append((part[1], label))
    if label:  # a labelled alternative is one span, even if written as several words
        return _merge(out, label)
    return out


def _merge(segs: list[Seg], label: str) -> list[Seg]:
    merged: list[Seg] = []
    for text, lab in segs:
        if merged and lab == label and merged[-1][1] == label:
            sep = "" if text.startswith(GLUE) else " "
            merged[-1] = (merged[-1][0] + sep + text.lstrip(GLUE), label)
        else:
            merged.append((text, lab))
    return merged


_NO_SPACE_BEFORE = set(",.!?;:%)")


def assemble(segs: list[Seg]) -> tuple[str, list[tuple[int, int, str]]]:
    """Join segments into text; return it with the character spans of the labelled segments."""
    text = ""
    spans: list[tuple[int, int, str]] = []
    for raw, label in segs:
        glue = raw.startswith(GLUE)
        piece = raw.lstrip(GLUE).strip()
        if not piece:
            continue
        if (
            text
            and not glue
            and piece[0] not in _NO_SPACE_BEFORE
            and not text.endswith(("(", '"', "„"))
        ):
            text += " "
        start = len(text)
        text += piece
        if label:
            if spans and spans[-1][2] == label and spans[-1][1] == start and glue:
                spans[-1] = (spans[-1][0], len(text), label)
            else:
                spans.append((start, len(text), label))
    return text, spans
