"""Diagnostics: what every checker, loader and exporter reports.

A diagnostic points into one text by character offsets; `wfl.schemas.text.LineIndex` turns them into
`line:col` for people and LSP positions for editors. `code` is stable: tools and tests may rely on it.
"""

from __future__ import annotations

from enum import IntEnum

from msgspec import Struct, field

from .text import LineIndex


class Severity(IntEnum):
    """Numbered as in the Language Server Protocol."""

    ERROR = 1
    WARNING = 2
    INFORMATION = 3
    HINT = 4

    @property
    def label(self) -> str:
        return {1: "error", 2: "warning", 3: "info", 4: "hint"}[self.value]


class Diagnostic(Struct, kw_only=True, omit_defaults=True):
    code: str
    message: str
    span: tuple[int, int]
    severity: Severity = Severity.ERROR
    data: dict = field(default_factory=dict)
    """Machine-readable details for quick fixes, e.g. `{"candidates": [...]}`."""


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity == Severity.ERROR for d in diagnostics)


def format_diagnostic(path: str, text: str, d: Diagnostic, index: LineIndex | None = None) -> str:
    """`path:line:col: severity: message [code]`, 1-based, as compilers print it (and editors parse).

    Pass `index` when formatting many diagnostics of one large text, to build the line table once."""
    where = (index or LineIndex(text)).describe(d.span[0])
    return f"{path}:{where}: {Severity(d.severity).label}: {d.message} [{d.code}]"
