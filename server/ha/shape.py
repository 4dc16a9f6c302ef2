"""Normal forms of expressions the exporter relies on, so each construct has one translation.

`25 < kitchen.temperature` is `kitchen.temperature > 25`, `motion.occupancy == true` is
`motion.occupancy`, and `if a and b` is two conditions. The round-trip tests normalise the original
tree the same way before comparing (see tests/test_ha_roundtrip.py).
"""

from __future__ import annotations

from collections.abc import Callable

from wfl.schemas.environment import BooleanType, ValueType
from wfl.schemas.workflow import And, Boolean, Compare, Expr, Not, Or, Ref

_FLIPPED = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!="}


def ref_first(expr: Compare) -> Compare:
    """`literal op ref` as `ref op' literal`; other comparisons unchanged."""
    if isinstance(expr.right, Ref) and not isinstance(expr.left, Ref) and expr.op in _FLIPPED:
        return Compare(op=_FLIPPED[expr.op], left=expr.right, right=expr.left, span=expr.span)
    return expr


def simplify_booleans(expr: Expr, type_of: Callable[[Ref], ValueType | None]) -> Expr:
    """`flag == true` as `flag`, `flag == false` and `flag != true` as `not flag`, recursively."""
    if isinstance(expr, (And, Or)):
        return type(expr)(operands=[simplify_booleans(e, type_of) for e in expr.operands], span=expr.span)
    if isinstance(expr, Not):
        return Not(operand=simplify_booleans(expr.operand, type_of), span=expr.span)
    if isinstance(expr, Compare) and expr.op in ("==", "!="):
        cmp = ref_first(expr)
        if isinstance(cmp.left, Ref) and isinstance(cmp.right, Boolean) and isinstance(type_of(cmp.left), BooleanType):
            if cmp.right.value == (cmp.op == "=="):
                return cmp.left
            return Not(operand=cmp.left, span=expr.span)
    return expr


def flatten_and(exprs: list[Expr]) -> list[Expr]:
    """The operands of top-level `and`s as separate items (a condition list is already and-ed)."""
    out: list[Expr] = []
    for expr in exprs:
        if isinstance(expr, And):
            out.extend(flatten_and(expr.operands))
        else:
            out.append(expr)
    return out
