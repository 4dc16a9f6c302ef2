"""Folding ranges: workflow bodies and blocks of consecutive comment lines."""

from __future__ import annotations

from lsprotocol import types
from wfl.grammar.parser import ParseResult

from .positions import Positions


def folding_ranges(parsed: ParseResult, positions: Positions) -> list[types.FoldingRange]:
    ranges: list[types.FoldingRange] = []
    for wf in parsed.file.workflows:
        start = positions.line_of(wf.span[0])
        if wf.body_span is not None:
            # Keep the closing brace visible: fold up to the line before it.
            end = positions.line_of(wf.body_span[1] - 1) - 1
        else:
            end = positions.line_of(wf.span[1])
        if end > start:
            ranges.append(
                types.FoldingRange(
                    start_line=start, end_line=end, kind=types.FoldingRangeKind.Region
                )
            )
    # Comment blocks: two or more comments on consecutive lines, each alone on its line.
    block_start = block_end = -1
    for comment in parsed.comments:
        line = positions.line_of(comment.span[0])
        line_start = positions.text.rfind("\n", 0, comment.span[0]) + 1
        alone = not positions.text[line_start : comment.span[0]].strip()
        if not alone:
            continue
        if line == block_end + 1 and block_start >= 0:
            block_end = line
            continue
        if block_end > block_start >= 0:
            ranges.append(
                types.FoldingRange(
                    start_line=block_start, end_line=block_end, kind=types.FoldingRangeKind.Comment
                )
            )
        block_start = block_end = line
    if block_end > block_start >= 0:
        ranges.append(
            types.FoldingRange(
                start_line=block_start, end_line=block_end, kind=types.FoldingRangeKind.Comment
            )
        )
    ranges.sort(key=lambda r: (r.start_line, r.end_line))
    return ranges
