"""One analysed snapshot of a document: its text, tree, diagnostics and position mapping.

`analyze` is a pure function of (text, environment index) and may run in a worker thread: the
server hands it a snapshot of the text and its version, and drops the result if the document moved
on meanwhile. Everything a request handler needs hangs off one `Analysis`.
"""

from __future__ import annotations

import logging

from lsprotocol import types
from wfl.grammar.checker import check
from wfl.grammar.index import EnvIndex
from wfl.grammar.lexer import tokenize
from wfl.grammar.parser import MAX_DEPTH, ParseResult, parse
from wfl.schemas.diagnostics import Diagnostic
from wfl.schemas.workflow import File

from .positions import Positions

SOURCE = "wfl"

log = logging.getLogger("wfl.lsp")


class Analysis:
    __slots__ = (
        "diagnostics",
        "generation",
        "index",
        "parsed",
        "positions",
        "text",
        "uri",
        "version",
    )

    def __init__(
        self,
        uri: str,
        version: int | None,
        text: str,
        generation: int,
        parsed: ParseResult,
        diagnostics: list[Diagnostic],
        positions: Positions,
        index: EnvIndex | None,
    ) -> None:
        self.uri = uri
        self.version = version
        self.text = text
        self.generation = generation
        """The environment generation the diagnostics were computed against."""
        self.parsed = parsed
        self.diagnostics = diagnostics
        """Syntax and checker diagnostics, in source order."""
        self.positions = positions
        self.index = index

    @property
    def file(self):
        return self.parsed.file

    @property
    def syntax_errors(self) -> bool:
        return bool(self.parsed.diagnostics)


def analyze(
    uri: str,
    version: int | None,
    text: str,
    index: EnvIndex | None,
    generation: int = 0,
    encoding: object = "utf-16",
) -> Analysis:
    """Parse and check one document snapshot (CPU work: call it off the event loop for big texts).

    A failure of the parser or the checker (a bug, on some input nobody thought of) costs what it
    would have produced, not every feature of the document: the tokens stay, so completion and
    highlighting still work, and an `internal-error` diagnostic says what happened (the traceback
    goes to the server log)."""
    parsed = _parse(text)
    diagnostics = list(parsed.diagnostics)
    if index is not None:
        try:
            diagnostics.extend(check(parsed.file, index))
        except Exception as exc:
            log.exception("wfl: the checker failed on %s", uri)
            diagnostics.append(_internal_error("checker", exc))
        diagnostics.sort(key=lambda d: d.span)
    return Analysis(
        uri, version, text, generation, parsed, diagnostics, Positions(text, encoding), index
    )


def _internal_error(what: str, exc: BaseException) -> Diagnostic:
    return Diagnostic(
        code="internal-error",
        message=f"internal error: the {what} failed on this text ({type(exc).__name__}: {exc});"
        " please report it",
        span=(0, 0),
    )


def _parse(text: str) -> ParseResult:
    """`parse`, falling back to the tokens alone when the parser fails: nesting it does not guard
    (thousands of `[` in a call's argument) runs into Python's recursion limit; anything else is a
    parser bug."""
    try:
        return parse(text)
    except RecursionError:
        log.warning("wfl: the parser ran out of stack on a deeply nested document")
        problem = _too_deep(text)
    except Exception as exc:
        log.exception("wfl: the parser failed")
        problem = _internal_error("parser", exc)
    tokens, comments = tokenize(text)
    return ParseResult(File(), [problem], comments, tokens)


def _too_deep(text: str) -> Diagnostic:
    depth = 0
    span = (0, 0)
    for tok in tokenize(text)[0]:
        if tok.kind == "op" and tok.text in ("(", "["):
            depth += 1
            if depth > MAX_DEPTH:
                span = (tok.start, tok.end)
                break
        elif tok.kind == "op" and tok.text in (")", "]"):
            depth = max(0, depth - 1)
    return Diagnostic(
        code="too-deep",
        message=f"nested more than {MAX_DEPTH} levels deep: this file cannot be analysed",
        span=span,
    )


def to_lsp_diagnostic(d: Diagnostic, positions: Positions) -> types.Diagnostic:
    return types.Diagnostic(
        range=positions.range(d.span),
        message=d.message,
        severity=types.DiagnosticSeverity(int(d.severity)),
        code=d.code,
        source=SOURCE,
        data=dict(d.data, code=d.code) if d.data else {"code": d.code},
    )


def lsp_diagnostics(analysis: Analysis) -> list[types.Diagnostic]:
    return [to_lsp_diagnostic(d, analysis.positions) for d in analysis.diagnostics]
