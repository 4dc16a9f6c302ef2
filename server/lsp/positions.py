"""Character offsets <-> LSP positions, in whichever encoding the client and server agreed on.

The trees and diagnostics hold character offsets (code points); LSP positions count columns in
UTF-16 code units by default, or UTF-8 bytes / UTF-32 code points when negotiated (Neovim 0.11 asks
for UTF-8 first). One `Positions` is built per document snapshot and answers both directions.
"""

from __future__ import annotations

import re

from lsprotocol import types
from wfl.schemas.text import LineIndex

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def encoding_name(encoding: object) -> str:
    """`utf-8` / `utf-16` / `utf-32` from a `PositionEncodingKind` or string (None: UTF-16)."""
    value = getattr(encoding, "value", encoding)
    return value if value in (UTF8, UTF32) else UTF16


_LINE_BREAK = re.compile(r"\r\n?|\n")


def _units(segment: str, encoding: str) -> int:
    """Length of `segment` in the client's units. A lone surrogate (JSON can carry one) counts as
    one UTF-16 unit or three UTF-8 bytes instead of failing the whole request."""
    if encoding == UTF32 or segment.isascii():
        return len(segment)
    if encoding == UTF8:
        return len(segment.encode("utf-8", "surrogatepass"))
    return len(segment.encode("utf-16-le", "surrogatepass")) // 2


class Positions:
    """Lines end at `\n`, `\r\n` or a lone `\r`, as in LSP (and in the editor), so a file with
    old Mac line ends gets its diagnostics on the right lines."""

    __slots__ = ("encoding", "index", "text")

    def __init__(self, text: str, encoding: object = UTF16) -> None:
        self.text = text
        self.index = LineIndex(text)
        if "\r" in text:
            self.index.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        self.encoding = encoding_name(encoding)

    def _line_end(self, line: int) -> int:
        """Offset of the end of `line`'s content (before its line break)."""
        starts = self.index.line_starts
        if line + 1 >= len(starts):
            return len(self.text)
        end = starts[line + 1] - 1
        if end > starts[line] and self.text[end] == "\n" and self.text[end - 1] == "\r":
            end -= 1
        return end

    # ------------------------------------------------------------ offset -> position

    def position(self, offset: int) -> types.Position:
        line, col = self.index.line_col(offset)
        if self.encoding != UTF32 and col:
            start = self.index.line_starts[line]
            col = _units(self.text[start : start + col], self.encoding)
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
        if line >= len(self.index.line_starts):
            return len(self.text)
        start = self.index.line_starts[line]
        end = self._line_end(line)
        column = max(column, 0)
        segment = self.text[start:end]
        if self.encoding == UTF32 or segment.isascii():
            return min(start + column, end)
        units = 0
        for i, ch in enumerate(segment):
            if units >= column:
                return start + i
            code = ord(ch)
            if self.encoding == UTF16:
                units += 2 if code > 0xFFFF else 1
            else:
                units += 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
        return end

    def span(self, rng: types.Range) -> tuple[int, int]:
        return self.offset(rng.start), self.offset(rng.end)

    # ------------------------------------------------------------ helpers

    def length(self, start: int, end: int) -> int:
        """Length of `text[start:end]` (on one line) in the client's units."""
        return _units(self.text[start:end], self.encoding)

    def line_of(self, offset: int) -> int:
        return self.index.line_col(offset)[0]
