"""Expressions as Home Assistant Jinja templates, for what no dedicated trigger or condition expresses.

The translation is structural and uses a small fixed vocabulary, so `template_parse` can read it
back:

    number property      states('sensor.x')|float(0)      state_attr('climate.x', 'temperature')|float(0)
    boolean property     is_state('binary_sensor.x', 'on') is_state_attr('cover.x', 'moving', true)
    other properties     states('light.x')                 state_attr('light.x', 'effect')

`|float(0)` makes an unavailable sensor read 0 instead of failing the template (Home Assistant's
usual idiom). Literals compared with a number property are converted to its unit; times are
"HH:MM:SS" strings, which compare correctly as text.
"""

from __future__ import annotations

from collections.abc import Callable

from wfl.grammar import units
from wfl.schemas.environment import BooleanType, DurationType, NumberType
from wfl.schemas.workflow import (
    And,
    Boolean,
    Compare,
    Duration,
    ErrorExpr,
    Expr,
    ListLit,
    Name,
    Not,
    Number,
    Or,
    Ref,
    String,
    Time,
)

from .mapping import ExportProblem, Location
from .values import ha_time, number_in

Locate = Callable[[Ref], Location]


def template(expr: Expr, locate: Locate, *, condition: bool = True) -> str:
    """`expr` as a complete template: `{{ ... }}`; a `condition` must be true or false."""
    if condition:
        _truth_value(expr, locate)
    return "{{ " + render(expr, locate) + " }}"


def render(expr: Expr, locate: Locate, context: Location | None = None) -> str:
    """`expr` as a Jinja expression; `context` is the property a literal is compared with."""
    if isinstance(expr, Ref):
        return value_term(locate(expr), expr)
    if isinstance(expr, (And, Or)):
        word = " and " if isinstance(expr, And) else " or "
        return word.join(_grouped(e, locate) for e in expr.operands)
    if isinstance(expr, Not):
        return "not " + _grouped(expr.operand, locate)
    if isinstance(expr, Compare):
        return _compare(expr, locate)
    if isinstance(expr, ErrorExpr):
        raise ExportProblem("export-invalid", "this expression has a syntax error", expr.span)
    return literal(expr, context)


def quote(text: str) -> str:
    """A Jinja string literal (Jinja decodes backslash escapes as Python does)."""
    escaped = text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
    return f"'{escaped}'"


def value_term(loc: Location, ref: Ref) -> str:
    entity, attribute = quote(loc.entity_id), loc.attribute
    if isinstance(loc.type, DurationType):
        raise ExportProblem(
            "export-unsupported", f"`{ref.node}.{ref.property}` is a duration, which templates cannot compare", ref.span
        )
    if isinstance(loc.type, BooleanType):
        if attribute is None:
            return f"is_state({entity}, 'on')"
        return f"is_state_attr({entity}, {quote(attribute)}, true)"
    term = f"states({entity})" if attribute is None else f"state_attr({entity}, {quote(attribute)})"
    return term + "|float(0)" if isinstance(loc.type, NumberType) else term


def literal(expr: Expr, context: Location | None) -> str:
    if isinstance(expr, Number):
        unit = context.type.unit if context is not None and isinstance(context.type, NumberType) else None
        what = f"`{context.node.id}.{context.name}`" if context is not None else "the property"
        return repr(number_in(expr, unit, what))
    if isinstance(expr, Boolean):
        return "true" if expr.value else "false"
    if isinstance(expr, Name):
        return quote(expr.name)
    if isinstance(expr, String):
        return quote(expr.value)
    if isinstance(expr, Time):
        return quote(ha_time(expr.value))
    if isinstance(expr, ListLit):
        return "[" + ", ".join(literal(item, context) for item in expr.items) + "]"
    if isinstance(expr, Duration):
        raise ExportProblem("export-unsupported", "templates cannot compare durations", expr.span)
    raise ExportProblem("export-unsupported", "this value has no template form", expr.span)


def _truth_value(expr: Expr, locate: Locate) -> None:
    """Refuse what Jinja would silently treat as truthy: a bare `below_horizon`, a number property."""
    if isinstance(expr, (And, Or, Compare, Boolean, ErrorExpr)):
        return
    if isinstance(expr, Not):
        return _truth_value(expr.operand, locate)
    if isinstance(expr, Ref) and isinstance(locate(expr).type, BooleanType):
        return
    raise ExportProblem("export-type", "a condition must be true or false; compare this value with something", expr.span)


def _grouped(expr: Expr, locate: Locate) -> str:
    _truth_value(expr, locate)
    text = render(expr, locate)
    return f"({text})" if isinstance(expr, (And, Or)) else text


def _compare(expr: Compare, locate: Locate) -> str:
    left_loc = locate(expr.left) if isinstance(expr.left, Ref) else None
    right_loc = locate(expr.right) if isinstance(expr.right, Ref) else None
    if left_loc is not None and right_loc is not None:
        _same_units(left_loc, right_loc, expr)
    left = _side(expr.left, locate, right_loc)
    right = _side(expr.right, locate, left_loc)
    return f"{left} {expr.op} {right}"


def _side(expr: Expr, locate: Locate, context: Location | None) -> str:
    text = render(expr, locate, context)
    return f"({text})" if isinstance(expr, (And, Or, Not, Compare)) else text


def _same_units(a: Location, b: Location, expr: Compare) -> None:
    ua = a.type.unit if isinstance(a.type, NumberType) else None
    ub = b.type.unit if isinstance(b.type, NumberType) else None
    if ua and ub and units.canonical(ua) != units.canonical(ub):
        raise ExportProblem(
            "export-unsupported",
            f"comparing `{ua}` with `{ub}` needs a conversion the template would have to spell out; "
            "compare properties in the same unit",
            expr.span,
        )

