"""`wfl fmt`: one canonical layout, comments kept, idempotent.

Layout: two-space indent; all triggers on one `when ... or ...` line (wrapped before `or` past 100
columns); one line per `if`; one action per line, aligned under the first after `do ` / `else `;
one blank line between workflows; a blank line inside a body is kept where the source had one.

Comments are attached to the line they belong to: a comment alone on its line goes before the next
line the formatter writes, a comment after code stays at the end of that code's line. A file with
syntax errors is not formatted (its layout is not known to be what the author meant).
"""

from __future__ import annotations

from bisect import bisect_left

from msgspec import Struct

from wfl.grammar import printer
from wfl.grammar.parser import ParseResult, parse
from wfl.schemas.diagnostics import Diagnostic
from wfl.schemas.workflow import Comment, Workflow

MAX_WIDTH = 100


class FormatResult(Struct):
    text: str | None
    """The formatted text, or None when the file has syntax errors."""
    diagnostics: list[Diagnostic]


class _Line(Struct):
    start: int
    """Source offset of what this line prints: comments before it are attached before it."""
    end: int
    indent: str
    text: str
    continuation: list[str] | None = None
    leading: list[Comment] | None = None
    comment_indent: str | None = None
    """Indent of leading comments when it differs from the line's (comments before a closing brace)."""
    trailing: list[Comment] | None = None
    blank_before: bool = False


def format_text(text: str) -> FormatResult:
    result = parse(text)
    if result.diagnostics:
        return FormatResult(None, result.diagnostics)
    return FormatResult(format_parsed(text, result), [])


def format_parsed(text: str, result: ParseResult) -> str:
    """Format an already parsed, error-free file."""
    lines: list[_Line] = []
    for wf in result.file.workflows:
        lines.extend(_workflow_lines(wf))
    _attach_comments(text, result, lines)
    out: list[str] = []
    for i, line in enumerate(lines):
        if i > 0 and (line.blank_before or (line.indent == "" and line.text.startswith("workflow "))):
            if out and out[-1] != "":
                out.append("")
        previous: Comment | None = None
        for comment in line.leading or ():
            if previous is not None and text.count("\n", previous.span[1], comment.span[0]) >= 2:
                out.append("")
            out.append((line.comment_indent or line.indent) + comment.text.rstrip())
            previous = comment
        if not line.text:  # end-of-file holder for trailing comments
            continue
        tail = "".join("  " + c.text.rstrip() for c in line.trailing or ())
        if line.continuation:
            out.append(line.indent + line.text)
            out.extend(line.continuation[:-1])
            out.append(line.continuation[-1] + tail)
        else:
            out.append(line.indent + line.text + tail)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n" if out else ""


def _workflow_lines(wf: Workflow) -> list[_Line]:
    body_end = wf.body_span[1] if wf.body_span else wf.span[1]
    header_end = wf.body_span[0] + 1 if wf.body_span else wf.name_span[1]
    lines = [_Line(wf.span[0], header_end, "", printer.header(wf))]
    indent = "  "
    if wf.triggers:
        parts = [printer.trigger(t, i == 0) for i, t in enumerate(wf.triggers)]
        one_line = " or ".join(parts)
        line = _Line(wf.triggers[0].span[0], wf.triggers[-1].span[1], indent, one_line)
        if len(indent) + len(one_line) > MAX_WIDTH and len(parts) > 1:
            line.text = parts[0]
            line.continuation = [indent + "  or " + p for p in parts[1:]]
        lines.append(line)
    for condition in wf.conditions:
        lines.append(_Line(condition.span[0], condition.span[1], indent, "if " + printer.expr(condition)))
    for keyword, actions in (("do", wf.actions), ("else", wf.else_actions)):
        for i, act in enumerate(actions):
            lead = f"{keyword} " if i == 0 else " " * (len(keyword) + 1)
            lines.append(_Line(act.span[0], act.span[1], indent, lead + printer.action(act)))
    # Clauses print in canonical order; comments attach by source position, so they move with
    # what they annotate.
    lines.append(_Line(body_end - 1, body_end, "", "}", comment_indent=indent))
    return lines


def _attach_comments(text: str, result: ParseResult, lines: list[_Line]) -> None:
    if not result.comments:
        _mark_blank_lines(text, lines)
        return
    token_ends = [t.end for t in result.tokens if t.kind != "eof"]
    by_start = sorted(range(len(lines)), key=lambda i: lines[i].start)
    starts = [lines[i].start for i in by_start]
    eof_holder = _Line(len(text), len(text), "", "")
    for comment in result.comments:
        line_start = text.rfind("\n", 0, comment.span[0]) + 1
        k = bisect_left(token_ends, comment.span[0]) - 1
        prev_end = token_ends[k] if k >= 0 else -1
        if prev_end > line_start:  # code before it on the same line: a trailing comment
            j = bisect_left(starts, prev_end) - 1
            owner = lines[by_start[max(j, 0)]]
            owner.trailing = (owner.trailing or []) + [comment]
            continue
        j = bisect_left(starts, comment.span[1])
        owner = lines[by_start[j]] if j < len(by_start) else eof_holder
        owner.leading = (owner.leading or []) + [comment]
    if eof_holder.leading:
        lines.append(eof_holder)
    _mark_blank_lines(text, lines)


def _mark_blank_lines(text: str, lines: list[_Line]) -> None:
    previous_end = 0
    for line in sorted(lines, key=lambda line: line.start):
        first = line.leading[0].span[0] if line.leading else line.start
        gap = text[previous_end:first] if first >= previous_end else ""
        line.blank_before = gap.count("\n") >= 2
        previous_end = max(previous_end, line.end, *(c.span[1] for c in line.trailing or ()))
