"""The workflow syntax tree, which is also the canonical JSON form of a workflow.

Every node carries `span`, a `(start, end)` pair of character offsets into the source text;
`wfl.grammar.lines.LineIndex` turns offsets into line/column positions. The canonical JSON leaves
spans out (they change whenever the text is reformatted) unless asked for.

Nodes that stand for text the parser could not make sense of are `Error*` nodes: a broken file still
yields a tree, with the error where the damage is.
"""

from __future__ import annotations

from typing import Union

import msgspec
from msgspec import Struct, field

Span = tuple[int, int]
NO_SPAN: Span = (0, 0)


class _Node(Struct, kw_only=True, tag_field="kind", omit_defaults=True, gc=False):
    """Syntax tree nodes hold no reference cycles, so the garbage collector need not track them."""

    span: Span = NO_SPAN


# ---------------------------------------------------------------- expressions


class Ref(_Node, tag="ref"):
    """`node.property`; `property` is None while the user has typed only `node.`."""

    node: str
    property: str | None = None
    node_span: Span = NO_SPAN
    property_span: Span | None = None


class Name(_Node, tag="name"):
    """A bare word: an enum member (`below_horizon`) or, in the wrong place, a node without property."""

    name: str


class Number(_Node, tag="number"):
    value: float
    unit: str | None = None


class String(_Node, tag="string"):
    value: str


class Boolean(_Node, tag="boolean"):
    value: bool


class Time(_Node, tag="time"):
    """A time of day, normalised to `HH:MM` or `HH:MM:SS`."""

    value: str


class Duration(_Node, tag="duration"):
    seconds: float


class ListLit(_Node, tag="list"):
    items: list[Expr] = field(default_factory=list)


class Compare(_Node, tag="compare"):
    """`left op right` with op one of `== != < <= > >= in`, or `not in`."""

    op: str
    left: Expr
    right: Expr


class And(_Node, tag="and"):
    operands: list[Expr]


class Or(_Node, tag="or"):
    operands: list[Expr]


class Not(_Node, tag="not"):
    operand: Expr


class ErrorExpr(_Node, tag="error"):
    message: str = ""


Expr = Union[Ref, Name, Number, String, Boolean, Time, Duration, ListLit, Compare, And, Or, Not, ErrorExpr]
Literal = (Number, String, Boolean, Time, Duration, Name)

# ---------------------------------------------------------------- triggers


class WhenTrigger(_Node, tag="when"):
    """Fires when `expr` becomes true (and, with `for`, has stayed true that long)."""

    expr: Expr
    for_: Duration | None = field(default=None, name="for")


class ChangesTrigger(_Node, tag="changes"):
    ref: Ref
    for_: Duration | None = field(default=None, name="for")


class BecomesTrigger(_Node, tag="becomes"):
    ref: Ref
    value: Expr
    for_: Duration | None = field(default=None, name="for")


class SunEvent(_Node, tag="sun"):
    """`sunrise` or `sunset`, with an optional signed offset in seconds."""

    event: str
    offset: float = 0


class AtTrigger(_Node, tag="at"):
    """`at 07:00 on weekdays`, `at sunset - 30 min`, `at alarm_clock.time`."""

    time: Time | SunEvent | Ref
    days: list[str] | None = None


class EveryTrigger(_Node, tag="every"):
    interval: Duration


class EventTrigger(_Node, tag="event"):
    """`on NODE.EVENT`."""

    node: str
    event: str | None = None
    node_span: Span = NO_SPAN
    event_span: Span | None = None


class ErrorTrigger(_Node, tag="error"):
    message: str = ""


Trigger = Union[WhenTrigger, ChangesTrigger, BecomesTrigger, AtTrigger, EveryTrigger, EventTrigger, ErrorTrigger]

# ---------------------------------------------------------------- actions


class Arg(_Node, tag="arg"):
    name: str
    value: Expr
    name_span: Span = NO_SPAN


class Call(_Node, tag="call"):
    """`node.action(name: value, ...)`; `action` is None while only `node.` is typed."""

    node: str
    action: str | None = None
    args: list[Arg] = field(default_factory=list)
    node_span: Span = NO_SPAN
    action_span: Span | None = None


class Wait(_Node, tag="wait"):
    duration: Duration | ErrorExpr


class ErrorAction(_Node, tag="error"):
    message: str = ""


Action = Union[Call, Wait, ErrorAction]

# ---------------------------------------------------------------- workflows


class Workflow(_Node, tag="workflow"):
    name: str
    description: str | None = None
    triggers: list[Trigger] = field(default_factory=list)
    conditions: list[Expr] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    else_actions: list[Action] = field(default_factory=list)
    name_span: Span = NO_SPAN
    body_span: Span | None = None
    """From `{` to `}` inclusive; None when the braces are missing."""


class Comment(Struct, frozen=True):
    text: str
    span: Span


class File(Struct, kw_only=True, omit_defaults=True):
    """A parsed `.wfl` file."""

    workflows: list[Workflow] = field(default_factory=list)


def strip_spans(value: object) -> object:
    """Builtins form of a tree without any `*span` keys: the canonical, layout-independent JSON."""
    if isinstance(value, dict):
        return {k: strip_spans(v) for k, v in value.items() if not k.endswith("span")}
    if isinstance(value, list):
        return [strip_spans(v) for v in value]
    return value


def to_canonical(tree: File | Workflow, *, spans: bool = False) -> object:
    """The canonical JSON-ready form of a file or workflow."""
    data = msgspec.to_builtins(tree)
    return data if spans else strip_spans(data)


def workflow_json_schema() -> dict:
    """The JSON Schema of the canonical JSON (`wfl parse --json`)."""
    schema = msgspec.json.schema(File)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "wfl workflow file (canonical JSON)"
    return schema
