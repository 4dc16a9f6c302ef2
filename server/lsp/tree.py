"""The names a syntax tree mentions, with their spans: what hover, definition, references, rename,
semantic tokens and inlay hints look things up in.

`occurrences(file)` flattens a tree into `Occurrence`s: each node id, property, action, parameter,
event, workflow name and bare name (an enum member, or a node written without its property), with
enough context (the node, the action, the property a value is compared with) to look it up in the
environment.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from wfl.schemas.workflow import (
    And,
    AtTrigger,
    BecomesTrigger,
    Call,
    ChangesTrigger,
    Compare,
    EventTrigger,
    Expr,
    File,
    ListLit,
    Name,
    Not,
    Number,
    Or,
    Ref,
    WhenTrigger,
)

Span = tuple[int, int]


class Occurrence(NamedTuple):
    kind: str
    """`node`, `property`, `action`, `parameter`, `event`, `workflow`, or `name` (a bare word:
    an enum member or a node without its property)."""
    span: Span
    name: str
    node: str | None = None
    """The node this belongs to (for property, action, parameter, event; for a name compared with a
    property or given as a parameter value, the node of that property or action)."""
    owner: str | None = None
    """For a parameter: its action. For a name: the property it is compared with, or the action
    whose parameter it is the value of."""
    param: str | None = None
    """For a name given as a parameter value: the parameter."""


def occurrences(file: File) -> Iterator[Occurrence]:
    for wf in file.workflows:
        if wf.name:
            yield Occurrence("workflow", wf.name_span, wf.name)
        for trigger in wf.triggers:
            yield from _trigger(trigger)
        for condition in wf.conditions:
            yield from _expr(condition, None)
        for action in (*wf.actions, *wf.else_actions):
            if isinstance(action, Call):
                yield from _call(action)


def _trigger(trigger) -> Iterator[Occurrence]:
    if isinstance(trigger, WhenTrigger):
        yield from _expr(trigger.expr, None)
    elif isinstance(trigger, ChangesTrigger):
        yield from _ref(trigger.ref)
    elif isinstance(trigger, BecomesTrigger):
        yield from _ref(trigger.ref)
        yield from _expr(trigger.value, trigger.ref)
    elif isinstance(trigger, AtTrigger):
        if isinstance(trigger.time, Ref):
            yield from _ref(trigger.time)
    elif isinstance(trigger, EventTrigger):
        if trigger.node:
            yield Occurrence("node", trigger.node_span, trigger.node)
        if trigger.event is not None and trigger.event_span is not None:
            yield Occurrence("event", trigger.event_span, trigger.event, trigger.node)


def _ref(ref: Ref) -> Iterator[Occurrence]:
    if ref.node:
        yield Occurrence("node", ref.node_span, ref.node)
    if ref.property is not None and ref.property_span is not None:
        yield Occurrence("property", ref.property_span, ref.property, ref.node)


def _expr(expr: Expr, against: Ref | None) -> Iterator[Occurrence]:
    """`against`: the reference a literal in this position is compared with, if any."""
    if isinstance(expr, Ref):
        yield from _ref(expr)
    elif isinstance(expr, Name):
        if against is not None and against.property is not None:
            yield Occurrence("name", expr.span, expr.name, against.node, against.property)
        else:
            yield Occurrence("name", expr.span, expr.name)
    elif isinstance(expr, (And, Or)):
        for operand in expr.operands:
            yield from _expr(operand, None)
    elif isinstance(expr, Not):
        yield from _expr(expr.operand, None)
    elif isinstance(expr, Compare):
        left, right = expr.left, expr.right
        yield from _expr(left, right if isinstance(right, Ref) else None)
        yield from _expr(right, left if isinstance(left, Ref) else None)
    elif isinstance(expr, ListLit):
        for item in expr.items:
            yield from _expr(item, against)


def _call(call: Call) -> Iterator[Occurrence]:
    if call.node:
        yield Occurrence("node", call.node_span, call.node)
    if call.action is not None and call.action_span is not None:
        yield Occurrence("action", call.action_span, call.action, call.node)
    for arg in call.args:
        yield Occurrence("parameter", arg.name_span, arg.name, call.node, call.action)
        if isinstance(arg.value, Name):
            yield Occurrence(
                "name", arg.value.span, arg.value.name, call.node, call.action, arg.name
            )
        else:
            yield from _expr(arg.value, None)


def occurrence_at(file: File, offset: int) -> Occurrence | None:
    """The name under the cursor at `offset`, or the one the cursor is just after."""
    touching: Occurrence | None = None
    for occ in occurrences(file):
        start, end = occ.span
        if start <= offset < end:
            return occ
        if offset == end and end > start:
            touching = occ
    return touching


def node_occurrences(file: File, node_id: str) -> list[Span]:
    """Spans where `node_id` is written as a node: references, calls, event triggers and bare names."""
    spans: list[Span] = []
    for occ in occurrences(file):
        if occ.name != node_id:
            continue
        if occ.kind == "node" or (occ.kind == "name" and occ.owner is None):
            spans.append(occ.span)
    return spans


def numbers_compared(file: File) -> Iterator[tuple[Number, Ref]]:
    """Every number literal compared with a property (`x.y > 25`, `x.y becomes 3`, `x.y in [1, 2]`)."""
    for wf in file.workflows:
        for trigger in wf.triggers:
            if isinstance(trigger, WhenTrigger):
                yield from _numbers(trigger.expr)
            elif isinstance(trigger, BecomesTrigger) and isinstance(trigger.value, Number):
                yield trigger.value, trigger.ref
        for condition in wf.conditions:
            yield from _numbers(condition)


def _numbers(expr: Expr) -> Iterator[tuple[Number, Ref]]:
    if isinstance(expr, (And, Or)):
        for operand in expr.operands:
            yield from _numbers(operand)
    elif isinstance(expr, Not):
        yield from _numbers(expr.operand)
    elif isinstance(expr, Compare):
        left, right = expr.left, expr.right
        if isinstance(left, Ref) and isinstance(right, Number):
            yield right, left
        elif isinstance(right, Ref) and isinstance(left, Number):
            yield left, right
        elif isinstance(left, Ref) and isinstance(right, ListLit):
            for item in right.items:
                if isinstance(item, Number):
                    yield item, left


def calls(file: File) -> Iterator[Call]:
    for wf in file.workflows:
        for action in (*wf.actions, *wf.else_actions):
            if isinstance(action, Call):
                yield action
