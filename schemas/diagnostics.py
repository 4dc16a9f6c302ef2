"""Diagnostics: what every checker, loader and exporter reports.

A diagnostic points into one text by character offsets; `wfl.schemas.text.LineIndex` turns them into
`line:col` for people and LSP positions for editors. `code` is stable: tools and tests may rely on it.
"""

from __future__ import annotations

from enum import IntEnum

from msgspec import Struct, field


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
