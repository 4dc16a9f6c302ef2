"""Whole-document formatting through `wfl.grammar.formatter`; nothing is changed when the document
has syntax errors (its layout is not known to be what the author meant)."""

from __future__ import annotations

from lsprotocol import types
from wfl.grammar.formatter import format_text

from .positions import Positions


def format_document(text: str, positions: Positions) -> list[types.TextEdit]:
    result = format_text(text)
    if result.text is None or result.text == text:
        return []
    return [types.TextEdit(range=positions.full_range(), new_text=result.text)]
