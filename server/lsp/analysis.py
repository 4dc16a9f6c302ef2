"""One analysed snapshot of a document: its text, tree, diagnostics and position mapping.

`analyze` is a pure function of (text, environment index) and may run in a worker thread: the
server hands it a snapshot of the text and its version, and drops the result if the document moved
on meanwhile. Everything a request handler needs hangs off one `Analysis`.
"""

from __future__ import annotations

from lsprotocol import types
from wfl.grammar.checker import check
from wfl.grammar.index import EnvIndex
from wfl.grammar.parser import ParseResult, parse
from wfl.schemas.diagnostics import Diagnostic

from .positions import Positions

SOURCE = "wfl"


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
    """Parse and check one document snapshot (CPU work: call it off the event loop for big texts)."""
    parsed = parse(text)
    diagnostics = list(parsed.diagnostics)
    if index is not None:
        diagnostics.extend(check(parsed.file, index))
        diagnostics.sort(key=lambda d: d.span)
    return Analysis(
        uri, version, text, generation, parsed, diagnostics, Positions(text, encoding), index
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
