"""Semantic tokens (full document): keywords, nodes, properties, actions, parameters, events, enum
members, numbers with their units, strings, comments, operators and workflow names."""

from __future__ import annotations

from lsprotocol import types
from wfl.grammar.days import DAY_WORDS
from wfl.grammar.parser import ParseResult

from .positions import Positions
from .tree import occurrences

TOKEN_TYPES = [
    "keyword",
    "variable",
    "property",
    "method",
    "parameter",
    "event",
    "enumMember",
    "number",
    "string",
    "comment",
    "operator",
    "function",
    "type",
]
TOKEN_MODIFIERS = ["declaration"]
LEGEND = types.SemanticTokensLegend(token_types=TOKEN_TYPES, token_modifiers=TOKEN_MODIFIERS)

_T = {name: i for i, name in enumerate(TOKEN_TYPES)}
_BY_OCCURRENCE = {
    "workflow": "function",
    "node": "variable",
    "property": "property",
    "action": "method",
    "parameter": "parameter",
    "event": "event",
    "name": "enumMember",
}
_OPERATORS = frozenset({"==", "!=", "<", "<=", ">", ">=", "="})


def semantic_tokens(parsed: ParseResult, positions: Positions, node_ids=()) -> types.SemanticTokens:
    by_start: dict[int, tuple[int, str, int]] = {}
    for occ in occurrences(parsed.file):
        kind = _BY_OCCURRENCE[occ.kind]
        if occ.kind == "name" and occ.owner is None and occ.name in node_ids:
            kind = "variable"
        modifiers = 1 if occ.kind == "workflow" else 0
        by_start[occ.span[0]] = (occ.span[1], kind, modifiers)

    spans: list[tuple[int, int, int, int]] = []
    for tok in parsed.tokens:
        kind = tok.kind
        if kind == "eof":
            break
        known = by_start.get(tok.start)
        if known is not None and known[0] == tok.end:
            spans.append((tok.start, tok.end, _T[known[1]], known[2]))
        elif kind == "keyword":
            spans.append((tok.start, tok.end, _T["keyword"], 0))
        elif kind == "number":
            if tok.unit:
                unit_start = tok.end - len(tok.unit)
                digits_end = tok.start + len(tok.text[: unit_start - tok.start].rstrip())
                spans.append((tok.start, digits_end, _T["number"], 0))
                spans.append((unit_start, tok.end, _T["type"], 0))
            else:
                spans.append((tok.start, tok.end, _T["number"], 0))
        elif kind == "time":
            spans.append((tok.start, tok.end, _T["number"], 0))
        elif kind == "string":
            spans.append((tok.start, tok.end, _T["string"], 0))
        elif kind == "op" and tok.text in _OPERATORS:
            spans.append((tok.start, tok.end, _T["operator"], 0))
        elif kind == "ident" and (
            tok.text.lower() in DAY_WORDS or tok.text in ("sunrise", "sunset")
        ):
            spans.append((tok.start, tok.end, _T["enumMember"], 0))
    for comment in parsed.comments:
        spans.append((comment.span[0], comment.span[1], _T["comment"], 0))
    spans.sort()

    data: list[int] = []
    prev_line = prev_col = 0
    for start, end, type_index, modifiers in spans:
        if end <= start:
            continue
        pos = positions.position(start)
        length = positions.length(start, end)
        delta_line = pos.line - prev_line
        delta_col = pos.character - prev_col if delta_line == 0 else pos.character
        data.extend((delta_line, delta_col, length, type_index, modifiers))
        prev_line, prev_col = pos.line, pos.character
    return types.SemanticTokens(data=data)
