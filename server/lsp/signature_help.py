"""Signature help inside `node.action(...)`: the action's parameters, the current one active."""

from __future__ import annotations

from lsprotocol import types
from wfl.grammar.index import EnvIndex
from wfl.grammar.parser import ParseResult

from . import docs
from .context import call_at


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def signature_help(
    text: str, parsed: ParseResult, index: EnvIndex | None, offset: int
) -> types.SignatureHelp | None:
    if index is None:
        return None
    site = call_at(text, parsed.tokens, offset)
    if site is None:
        return None
    action = index.action(site.node, site.action)
    if action is None:
        return None
    head = f"{site.node}.{site.action}("
    label = head
    parameters: list[types.ParameterInformation] = []
    names = list(action.params)
    for i, (name, param) in enumerate(action.params.items()):
        if i:
            label += ", "
        part = docs.param_label(name, param)
        start = _utf16(label)
        label += part
        parameters.append(
            types.ParameterInformation(
                label=(start, _utf16(label)),
                documentation=param.description,
            )
        )
    label += ")"
    if site.current in action.params:
        active = names.index(site.current)
    else:
        remaining = [n for n in names if n not in site.given]
        required = [n for n in remaining if not action.params[n].optional]
        choice = (required or remaining or [None])[0]
        active = names.index(choice) if choice is not None else 0
    signature = types.SignatureInformation(
        label=label,
        documentation=action.description,
        parameters=parameters,
        active_parameter=active,
    )
    return types.SignatureHelp(signatures=[signature], active_signature=0, active_parameter=active)
