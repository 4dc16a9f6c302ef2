"""Offsets, lines and columns.

Trees and diagnostics hold character offsets, which are cheap and survive slicing; people want
`line:col` (1-based) and editors want LSP positions (0-based line, UTF-16 code units by default).
"""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Maps character offsets of one text to lines and columns, and back."""

    __slots__ = ("text", "line_starts")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.line_starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """0-based line and 0-based column in code points."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.line_starts, offset) - 1
        return line, offset - self.line_starts[line]

    def offset(self, line: int, column: int) -> int:
        """Offset of a 0-based line and code-point column, clamped to the text."""
        if line < 0:
            return 0
        if line >= len(self.line_starts):
            return len(self.text)
        start = self.line_starts[line]
        end = self.line_starts[line + 1] - 1 if line + 1 < len(self.line_starts) else len(self.text)
        return min(start + max(column, 0), end)

    def position(self, offset: int) -> tuple[int, int]:
        """LSP position: 0-based line and UTF-16 column."""
        line, col = self.line_col(offset)
        start = self.line_starts[line]
        segment = self.text[start : start + col]
        if segment.isascii():
            return line, col
        return line, len(segment.encode("utf-16-le")) // 2

    def offset_at_position(self, line: int, utf16_column: int) -> int:
        """Offset of an LSP position (UTF-16 column)."""
        if line >= len(self.line_starts):
            return len(self.text)
        start = self.offset(line, 0)
        end = self.offset(line, 1 << 30)
        segment = self.text[start:end]
        if segment.isascii():
            return min(start + max(utf16_column, 0), end)
        units = 0
        for i, ch in enumerate(segment):
            if units >= utf16_column:
                return start + i
            units += 2 if ord(ch) > 0xFFFF else 1
        return end

    def describe(self, offset: int) -> str:
        """`line:col`, 1-based, as compilers print it."""
        line, col = self.line_col(offset)
        return f"{line + 1}:{col + 1}"
