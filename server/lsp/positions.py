"""Character offsets <-> LSP positions, in whichever encoding the client and server agreed on.

The trees and diagnostics hold character offsets (code points); LSP positions count columns in
UTF-16 code units by default, or UTF-8 bytes / UTF-32 code points when negotiated (Neovim 0.11 asks
for UTF-8 first). One `Positions` is built per document snapshot and answers both directions.
"""

from __future__ import annotations

from lsprotocol import types
from wfl.schemas.text import LineIndex

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def encoding_name(encoding: object) -> str:
    """`utf-8` / `utf-16` / `utf-32` from a `PositionEncodingKind` or string (None: UTF-16)."""
    value = getattr(encoding, "value", encoding)
    return value if value in (UTF8, UTF32) else UTF16


class Positions:
    __slots__ = ("encoding", "index", "text")

    def __init__(self, text: str, encoding: object = UTF16) -> None:
        self.text = text
        self.index = LineIndex(text)
        self.encoding = encoding_name(encoding)

    # ------------------------------------------------------------ offset -> position

    def position(self, offset: int) -> types.Position:
        if self.encoding == UTF16:
            line, col = self.index.position(offset)
            return types.Position(line=line, character=col)
        line, col = self.index.line_col(offset)
        if self.encoding == UTF8:
            start = self.index.line_starts[line]
            segment = self.text[start : start + col]
            if not segment.isascii():
                col = len(segment.encode("utf-8"))
        return types.Position(line=line, character=col)

    def range(self, span: tuple[int, int]) -> types.Range:
        start, end = span
        return types.Range(start=self.position(start), end=self.position(max(start, end)))

    def end(self) -> types.Position:
        return self.position(len(self.text))

    def full_range(self) -> types.Range:
        return types.Range(start=types.Position(line=0, character=0), end=self.end())

    # ------------------------------------------------------------ position -> offset

    def offset(self, position: types.Position) -> int:
        line, column = position.line, position.character
        if line < 0:
            return 0
        if self.encoding == UTF16:
            return self.index.offset_at_position(line, column)
        if line >= len(self.index.line_starts):
            return len(self.text)
        if self.encoding == UTF32:
            return self.index.offset(line, column)
        start = self.index.offset(line, 0)
        end = self.index.offset(line, 1 << 30)
        segment = self.text[start:end]
        if segment.isascii():
            return min(start + max(column, 0), end)
        units = 0
        for i, ch in enumerate(segment):
            if units >= column:
                return start + i
            units += len(ch.encode("utf-8"))
        return end

    def span(self, rng: types.Range) -> tuple[int, int]:
        return self.offset(rng.start), self.offset(rng.end)

    # ------------------------------------------------------------ helpers

    def length(self, start: int, end: int) -> int:
        """Length of `text[start:end]` (on one line) in the client's units."""
        segment = self.text[start:end]
        if self.encoding == UTF32 or segment.isascii():
            return len(segment)
        if self.encoding == UTF8:
            return len(segment.encode("utf-8"))
        return len(segment.encode("utf-16-le")) // 2

    def line_of(self, offset: int) -> int:
        return self.index.line_col(offset)[0]
