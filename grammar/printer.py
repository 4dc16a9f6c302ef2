"""Syntax tree to canonical wfl text, one construct at a time.

The formatter lays these pieces out with comments; the generator uses them to print a workflow it
built. Printing then parsing gives back the same tree (tested with hypothesis).
"""

from __future__ import annotations

from decimal import Decimal

import re

from wfl.grammar.lexer import KEYWORDS
from wfl.grammar.units import format_duration
from wfl.schemas.workflow import (
    And,
    Arg,
    AtTrigger,
    BecomesTrigger,
    Boolean,
    Call,
    ChangesTrigger,
    Compare,
    Duration,
    ErrorAction,
    ErrorExpr,
    ErrorTrigger,
    EventTrigger,
    EveryTrigger,
    Expr,
    ListLit,
    Name,
    Not,
    Number,
    Or,
    Ref,
    String,
    SunEvent,
    Time,
    Trigger,
    Wait,
    WhenTrigger,
    Workflow,
)

_OR, _AND, _NOT, _CMP, _ATOM = 1, 2, 3, 4, 5
_NAME = re.compile(r"[^\W\d]\w*")


def number(value: float) -> str:
    """A number as the lexer reads it: never exponent notation."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = format(Decimal(repr(float(value))), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def enum_member(value: str) -> str:
    """An enum member as written in a workflow: bare when it is a plain name, quoted otherwise."""
    if value == "on" or (_NAME.fullmatch(value) and value not in KEYWORDS):
        return value
    return string(value)


def expr(node: Expr, level: int = _OR) -> str:
    """An expression, parenthesised only where precedence needs it."""
    if isinstance(node, Or):
        text, own = " or ".join(expr(o, _AND) for o in node.operands), _OR
    elif isinstance(node, And):
        text, own = " and ".join(expr(o, _NOT) for o in node.operands), _AND
    elif isinstance(node, Not):
        text, own = "not " + expr(node.operand, _NOT), _NOT
    elif isinstance(node, Compare):
        text, own = f"{expr(node.left, _ATOM)} {node.op} {expr(node.right, _ATOM)}", _CMP
    else:
        return atom(node)
    return f"({text})" if own < level else text


def atom(node: Expr) -> str:
    if isinstance(node, Ref):
        return f"{node.node}.{node.property or ''}"
    if isinstance(node, Name):
        return node.name
    if isinstance(node, Number):
        return number(node.value) + (f" {node.unit}" if node.unit else "")
    if isinstance(node, Duration):
        return format_duration(node.seconds)
    if isinstance(node, String):
        return string(node.value)
    if isinstance(node, Boolean):
        return "true" if node.value else "false"
    if isinstance(node, Time):
        return node.value
    if isinstance(node, ListLit):
        return "[" + ", ".join(expr(i, _ATOM) for i in node.items) + "]"
    if isinstance(node, ErrorExpr):
        return "…"
    return "(" + expr(node) + ")"


def trigger(node: Trigger, first: bool) -> str:
    """One trigger; `first` decides whether a `when` keyword is written or implied by `or`."""
    if isinstance(node, WhenTrigger):
        text = ("when " if first else "") + expr(node.expr, _AND)
    elif isinstance(node, ChangesTrigger):
        text = ("when " if first else "") + f"{atom(node.ref)} changes"
    elif isinstance(node, BecomesTrigger):
        text = ("when " if first else "") + f"{atom(node.ref)} becomes {expr(node.value, _ATOM)}"
    elif isinstance(node, AtTrigger):
        text = "at " + _time(node.time)
        if node.days:
            text += " on " + ", ".join(node.days)
        return text
    elif isinstance(node, EveryTrigger):
        return "every " + format_duration(node.interval.seconds)
    elif isinstance(node, EventTrigger):
        return f"on {node.node}.{node.event or ''}"
    elif isinstance(node, ErrorTrigger):
        return "…"
    else:  # pragma: no cover - exhaustive
        raise TypeError(node)
    held = node.for_
    return text + (f" for {format_duration(held.seconds)}" if held is not None else "")


def _time(node: Time | SunEvent | Ref) -> str:
    if isinstance(node, SunEvent):
        if not node.offset:
            return node.event
        sign = "-" if node.offset < 0 else "+"
        return f"{node.event} {sign} {format_duration(abs(node.offset))}"
    return atom(node)


def action(node) -> str:
    if isinstance(node, Call):
        args = ", ".join(argument(a) for a in node.args)
        return f"{node.node}.{node.action or ''}({args})"
    if isinstance(node, Wait):
        return "wait " + atom(node.duration)
    if isinstance(node, ErrorAction):
        return "…"
    raise TypeError(node)  # pragma: no cover


def argument(node: Arg) -> str:
    return f"{node.name}: {expr(node.value)}"


def workflow(wf: Workflow, indent: str = "  ") -> str:
    """A whole workflow in canonical layout, without comments (for generated workflows)."""
    lines = [header(wf)]
    if wf.triggers:
        lines.append(indent + " or ".join(trigger(t, i == 0) for i, t in enumerate(wf.triggers)))
    lines.extend(f"{indent}if {expr(c)}" for c in wf.conditions)
    for keyword, actions in (("do", wf.actions), ("else", wf.else_actions)):
        for i, a in enumerate(actions):
            lead = f"{keyword} " if i == 0 else " " * (len(keyword) + 1)
            lines.append(indent + lead + action(a))
    lines.append("}")
    return "\n".join(lines) + "\n"


def header(wf: Workflow) -> str:
    text = f"workflow {wf.name}"
    if wf.description is not None:
        text += " " + string(wf.description)
    return text + " {"
