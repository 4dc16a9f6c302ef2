"""`if` expressions as Home Assistant conditions.

Dedicated conditions where one says exactly the same thing (they read better in Home Assistant's
editor): `state` for `==`, `in` and boolean properties, `numeric_state` for `>` and `<` (both
strict, like wfl's), `time` for the built-in clock (`clock.py`), `and`/`or`/`not` for the connectives. Anything else (`>=`, two properties, a
number held in the state compared with `==`) is a template condition.
"""

from __future__ import annotations

from wfl.schemas.environment import BooleanType, NumberType
from wfl.schemas.workflow import And, Boolean, Compare, Expr, ListLit, Name, Not, Number, Or, Ref, String, Time

from .clock import export_clock, merged_window, reads_clock
from .mapping import ExportProblem, Location, Places
from .shape import ref_first, simplify_booleans
from .templates import template
from .values import match_value, number_in, state_matchable

_LITERALS = (Number, String, Boolean, Time, Name, ListLit)


def export_condition(expr: Expr, places: Places) -> dict:
    def type_of(ref: Ref):
        try:
            return places.locate(ref).type
        except ExportProblem:
            return None

    return _condition(simplify_booleans(expr, type_of), places)


def _condition(expr: Expr, places: Places) -> dict:
    if isinstance(expr, (And, Or)):
        word = "and" if isinstance(expr, And) else "or"
        conditions = [_condition(e, places) for e in expr.operands]
        return merged_window(expr, conditions) or {"condition": word, "conditions": conditions}
    if reads_clock(expr, places):
        return export_clock(expr, places)  # type: ignore[arg-type]
    if isinstance(expr, Not):
        if isinstance(expr.operand, Ref):
            loc = places.locate(expr.operand)
            if isinstance(loc.type, BooleanType):
                return _state(loc, match_value(Boolean(value=False, span=expr.span), loc))
        return {"condition": "not", "conditions": [_condition(expr.operand, places)]}
    if isinstance(expr, Ref):
        loc = places.locate(expr)
        if isinstance(loc.type, BooleanType):
            return _state(loc, match_value(Boolean(value=True, span=expr.span), loc))
    if isinstance(expr, Compare):
        cmp = ref_first(expr)
        if isinstance(cmp.left, Ref) and isinstance(cmp.right, _LITERALS):
            out = _compare(cmp, places.locate(cmp.left))
            if out is not None:
                return out
    return {"condition": "template", "value_template": template(expr, places.locate)}


def _compare(cmp: Compare, loc: Location) -> dict | None:
    value, op = cmp.right, cmp.op
    if op in (">", "<"):
        if isinstance(loc.type, NumberType) and isinstance(value, Number):
            out: dict = {"condition": "numeric_state", "entity_id": loc.entity_id}
            if loc.attribute is not None:
                out["attribute"] = loc.attribute
            out["above" if op == ">" else "below"] = number_in(value, loc.type.unit, f"`{loc.node.id}.{loc.name}`")
            return out
        return None
    if op not in ("==", "!=", "in", "not in") or not state_matchable(loc):
        return None
    if isinstance(value, ListLit) != (op in ("in", "not in")):
        return None
    out = _state(loc, match_value(value, loc))
    if op in ("!=", "not in"):
        return {"condition": "not", "conditions": [out]}
    return out


def _state(loc: Location, value: object) -> dict:
    out: dict = {"condition": "state", "entity_id": loc.entity_id}
    if loc.attribute is not None:
        out["attribute"] = loc.attribute
    out["state"] = value
    return out
