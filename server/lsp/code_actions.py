"""Quick fixes from diagnostics: each `candidates` entry of an unknown name, missing required
parameters, unit conversions, `=` written for `==`."""

from __future__ import annotations

from lsprotocol import types
from wfl.grammar import printer
from wfl.grammar.index import EnvIndex
from wfl.schemas.diagnostics import Diagnostic
from wfl.schemas.environment import (
    BooleanType,
    DurationType,
    EnumType,
    NumberType,
    StringType,
    TimeType,
    ValueType,
)
from wfl.schemas.workflow import Call

from .analysis import Analysis, to_lsp_diagnostic
from .tree import calls

_REPLACE_CODES = frozenset(
    {
        "unknown-node",
        "unknown-property",
        "unknown-action",
        "unknown-parameter",
        "unknown-event",
        "unknown-enum-value",
        "type-mismatch",
    }
)
_MAX_CANDIDATES = 5


def code_actions(
    analysis: Analysis,
    span: tuple[int, int],
    index: EnvIndex | None,
    client_diagnostics: list[types.Diagnostic] | None = None,
    only: list[str] | None = None,
) -> list[types.CodeAction]:
    if only and not any(str(getattr(kind, "value", kind)).startswith("quickfix") for kind in only):
        return []
    lo, hi = span
    actions: list[types.CodeAction] = []
    for d in analysis.diagnostics:
        start, end = d.span
        if end < lo or start > hi:
            continue
        lsp_diagnostic = _matching(d, analysis, client_diagnostics)
        for title, edits, preferred in _fixes(d, analysis, index):
            actions.append(
                types.CodeAction(
                    title=title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[lsp_diagnostic],
                    is_preferred=preferred or None,
                    edit=types.WorkspaceEdit(changes={analysis.uri: edits}),
                )
            )
    return actions


def _matching(
    d: Diagnostic, analysis: Analysis, client: list[types.Diagnostic] | None
) -> types.Diagnostic:
    ours = to_lsp_diagnostic(d, analysis.positions)
    for c in client or ():
        if c.code == d.code and c.range == ours.range:
            return c
    return ours


def _edit(analysis: Analysis, span: tuple[int, int], text: str) -> types.TextEdit:
    return types.TextEdit(range=analysis.positions.range(span), new_text=text)


def _fixes(d: Diagnostic, analysis: Analysis, index: EnvIndex | None):
    data = d.data or {}
    code = d.code
    if code in _REPLACE_CODES:
        candidates = [str(c) for c in data.get("candidates", [])][:_MAX_CANDIDATES]
        for i, candidate in enumerate(candidates):
            shown = printer.enum_member(candidate) if code == "unknown-enum-value" else candidate
            yield (
                f"Replace with `{shown}`",
                [_edit(analysis, d.span, shown)],
                i == 0 and len(candidates) == 1,
            )
    elif code == "missing-property":
        node = data.get("node")
        for candidate in [str(c) for c in data.get("candidates", [])][:_MAX_CANDIDATES]:
            text = f"{node}.{candidate}"
            yield f"Use `{text}`", [_edit(analysis, d.span, text)], False
    elif code == "missing-parameter":
        fix = _add_parameters(d, analysis, index)
        if fix is not None:
            yield fix
    elif code in ("unit-converted", "unit-mismatch") and "text" in data:
        verb = "Convert to" if code == "unit-converted" else "Write"
        yield (
            f"{verb} `{data['text']}`",
            [_edit(analysis, d.span, str(data["text"]))],
            code == "unit-converted",
        )
    elif code == "syntax-assign":
        yield "Replace `=` with `==`", [_edit(analysis, d.span, "==")], True


def placeholder(t: ValueType | None) -> str:
    """A value of type `t` that checks (the user edits it afterwards)."""
    if isinstance(t, NumberType):
        value = t.min if t.min is not None else 0
        if t.max is not None and value > t.max:
            value = t.max
        return printer.number(value) + (f" {t.unit}" if t.unit else "")
    if isinstance(t, EnumType) and t.values:
        return printer.enum_member(t.values[0])
    if isinstance(t, BooleanType):
        return "true"
    if isinstance(t, TimeType):
        return "07:00"
    if isinstance(t, DurationType):
        return "1 min"
    if isinstance(t, StringType):
        return '""'
    return '""'


def _add_parameters(d: Diagnostic, analysis: Analysis, index: EnvIndex | None):
    missing = [str(m) for m in (d.data or {}).get("missing", [])]
    if not missing:
        return None
    call: Call | None = next((c for c in calls(analysis.file) if c.action_span == d.span), None)
    if call is None or call.action is None or call.action_span is None:
        return None
    action = index.action(call.node, call.action) if index else None
    params = ", ".join(
        f"{name}: {placeholder(action.params.get(name) if action else None)}" for name in missing
    )
    text = analysis.text
    title = f"Add missing parameter{'s' if len(missing) > 1 else ''} " + ", ".join(
        f"`{m}`" for m in missing
    )
    if call.args:
        at = call.args[-1].span[1]
        return title, [_edit(analysis, (at, at), ", " + params)], True
    after_action = call.action_span[1]
    paren = text.find("(", after_action, max(call.span[1], after_action + 1))
    if paren >= 0 and not text[after_action:paren].strip():
        return title, [_edit(analysis, (paren + 1, paren + 1), params)], True
    return title, [_edit(analysis, (after_action, after_action), f"({params})")], True
