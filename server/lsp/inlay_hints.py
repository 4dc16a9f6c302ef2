"""Inlay hints: the unit a bare number is measured in, from the property it is compared with or
the parameter it is given to (`> 25` shows ` °C` after the 25)."""

from __future__ import annotations

from lsprotocol import types
from wfl.grammar.index import EnvIndex
from wfl.schemas.environment import NumberType
from wfl.schemas.workflow import File, Number

from .positions import Positions
from .tree import calls, numbers_compared


def inlay_hints(
    file: File, index: EnvIndex | None, positions: Positions, span: tuple[int, int]
) -> list[types.InlayHint]:
    if index is None:
        return []
    lo, hi = span
    hints: list[types.InlayHint] = []

    def add(number: Number, unit: str | None, tooltip: str) -> None:
        if not unit or number.unit is not None or not (lo <= number.span[1] <= hi):
            return
        hints.append(
            types.InlayHint(
                position=positions.position(number.span[1]),
                label=unit,
                kind=types.InlayHintKind.Type,
                padding_left=True,
                tooltip=tooltip,
            )
        )

    for number, ref in numbers_compared(file):
        if ref.property is None:
            continue
        prop = index.property(ref.node, ref.property)
        if isinstance(prop, NumberType):
            add(number, prop.unit, f"{ref.node}.{ref.property} is measured in {prop.unit}")
    for call in calls(file):
        if call.action is None:
            continue
        action = index.action(call.node, call.action)
        if action is None:
            continue
        for arg in call.args:
            param = action.params.get(arg.name)
            if isinstance(param, NumberType) and isinstance(arg.value, Number):
                add(arg.value, param.unit, f"parameter {arg.name} is measured in {param.unit}")
    hints.sort(key=lambda h: (h.position.line, h.position.character))
    return hints
