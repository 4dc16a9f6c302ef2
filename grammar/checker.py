"""The checker: what a syntactically fine workflow can still get wrong against its environment.

`check(file, index)` is a pure function of a syntax tree and an indexed environment, so the CLI, the
language server and the generator's verification stage all run the same rules. Every diagnostic has
a stable code (listed in `CODES`), a span and, where the user could pick a fix, machine-readable
`data` (`candidates`, `missing`, `converted`) that quick fixes use.
"""

from __future__ import annotations

from typing import Final

from wfl.grammar.days import expand_days
from wfl.grammar.index import EnvIndex, similar
from wfl.grammar import printer, units
from wfl.schemas.diagnostics import Diagnostic, Severity
from wfl.schemas.environment import (
    BooleanType,
    DurationType,
    EnumType,
    NumberType,
    StringType,
    TimeType,
    ValueType,
    type_name,
)
from wfl.schemas.workflow import (
    And,
    AtTrigger,
    BecomesTrigger,
    Boolean,
    Call,
    ChangesTrigger,
    Compare,
    Duration,
    ErrorExpr,
    EventTrigger,
    EveryTrigger,
    Expr,
    File,
    ListLit,
    Name,
    Not,
    Number,
    Or,
    Ref,
    String,
    Time,
    Wait,
    WhenTrigger,
    Workflow,
)

CODES: Final[dict[str, str]] = {
    "unknown-node": "a name that is not a node of the environment",
    "unknown-property": "a property the node does not have",
    "unknown-action": "an action the node does not have",
    "unknown-parameter": "a parameter the action does not take",
    "unknown-event": "an event the node does not emit",
    "missing-property": "a node used where a `node.property` is needed",
    "missing-parameter": "a required parameter left out",
    "duplicate-argument": "the same parameter given twice",
    "type-mismatch": "a value of the wrong type",
    "not-boolean": "a non-boolean value used as a condition",
    "invalid-operator": "an operator the type does not support",
    "unknown-enum-value": "a value that is not one of the property's values",
    "unit-mismatch": "a unit that measures something else",
    "unit-converted": "a unit that differs from the property's but converts",
    "out-of-range": "a number outside the declared min/max",
    "never-true": "a condition that no value can satisfy",
    "duplicate-workflow": "two workflows with the same name",
    "unknown-day": "a word after `on` that is not a day",
    "empty-duration": "a duration of zero",
    "no-trigger": "a workflow that never starts",
    "no-action": "a workflow that does nothing",
    "clock-outside-if": "the built-in `clock` read anywhere but an `if` condition",
    "clock-instant": "the clock compared with `==`, true for an instant only",
}

_ORDERED_OPS = frozenset({"<", "<=", ">", ">="})


def check(file: File, index: EnvIndex) -> list[Diagnostic]:
    """All semantic diagnostics of a parsed file, in source order."""
    checker = _Checker(index)
    seen: dict[str, Workflow] = {}
    for wf in file.workflows:
        if wf.name:
            first = seen.get(wf.name)
            if first is not None:
                checker.report(
                    "duplicate-workflow",
                    f"another workflow is already named `{wf.name}`; workflow names must be unique",
                    wf.name_span,
                    data={"first": list(first.name_span)},
                )
            else:
                seen[wf.name] = wf
        checker.workflow(wf)
    checker.diagnostics.sort(key=lambda d: d.span)
    return checker.diagnostics


class _Checker:
    __slots__ = ("index", "diagnostics", "place")

    def __init__(self, index: EnvIndex) -> None:
        self.index = index
        self.diagnostics: list[Diagnostic] = []
        self.place = "condition"
        """The clause being checked: `trigger`, `condition` or `action` (the built-in clock is read
        in conditions only)."""

    def report(
        self,
        code: str,
        message: str,
        span: tuple[int, int],
        severity: Severity = Severity.ERROR,
        data: dict | None = None,
    ) -> None:
        self.diagnostics.append(Diagnostic(code=code, message=message, span=span, severity=severity, data=data or {}))

    # ------------------------------------------------------------ structure

    def workflow(self, wf: Workflow) -> None:
        if not wf.triggers:
            self.report("no-trigger", f"workflow `{wf.name}` has no trigger (`when`, `at`, `every` or `on`), so it never runs", wf.name_span, Severity.WARNING)
        if not wf.actions:
            self.report("no-action", f"workflow `{wf.name}` has no `do` actions", wf.name_span, Severity.WARNING)
        self.place = "trigger"
        for trigger in wf.triggers:
            self.trigger(trigger)
        self.place = "condition"
        for condition in wf.conditions:
            self.condition(condition)
        if len(wf.conditions) > 1:
            self.never_true(wf.conditions, (wf.conditions[0].span[0], wf.conditions[-1].span[1]))
        self.place = "action"
        for action in wf.actions:
            self.action(action)
        for action in wf.else_actions:
            self.action(action)
        self.place = "condition"

    def trigger(self, trigger) -> None:
        if isinstance(trigger, WhenTrigger):
            self.condition(trigger.expr)
        elif isinstance(trigger, ChangesTrigger):
            self.ref(trigger.ref)
        elif isinstance(trigger, BecomesTrigger):
            prop = self.ref(trigger.ref)
            if prop is not None:
                self.value_against(prop, trigger.value, "==", f"`{trigger.ref.node}.{trigger.ref.property}`")
        elif isinstance(trigger, AtTrigger):
            if isinstance(trigger.time, Ref):
                prop = self.ref(trigger.time)
                if prop is not None and not isinstance(prop, TimeType):
                    self.report(
                        "type-mismatch",
                        f"`at` needs a time; `{trigger.time.node}.{trigger.time.property}` is {_a(type_name(prop))}",
                        trigger.time.span,
                    )
            if trigger.days is not None and expand_days(trigger.days) is None:
                bad = next(d for d in trigger.days if expand_days([d]) is None)
                self.report(
                    "unknown-day",
                    f"`{bad}` is not a day: use mon..sun, weekdays, weekends or daily",
                    trigger.span,
                    data={"candidates": similar(bad, ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "weekdays", "weekends", "daily"])},
                )
        elif isinstance(trigger, EveryTrigger):
            if trigger.interval.seconds <= 0:
                self.report("empty-duration", "`every` needs a duration longer than zero", trigger.interval.span)
        elif isinstance(trigger, EventTrigger):
            node = self.node(trigger.node, trigger.node_span)
            if node is not None and trigger.event is not None and trigger.event not in node.events:
                events = list(node.events)
                hint = f"; it has {_list(events)}" if events else "; it has no events"
                self.report(
                    "unknown-event",
                    f"node `{trigger.node}` has no event `{trigger.event}`{hint}",
                    trigger.event_span or trigger.span,
                    data={"candidates": similar(trigger.event, events)},
                )
        for_ = getattr(trigger, "for_", None)
        if for_ is not None and for_.seconds <= 0:
            self.report("empty-duration", "`for` needs a duration longer than zero", for_.span)

    def action(self, action) -> None:
        if isinstance(action, Wait):
            if isinstance(action.duration, Duration) and action.duration.seconds <= 0:
                self.report("empty-duration", "`wait` needs a duration longer than zero", action.duration.span, Severity.WARNING)
            return
        if not isinstance(action, Call):
            return
        node = self.node(action.node, action.node_span)
        if node is None or action.action is None:
            return
        spec = node.actions.get(action.action)
        if spec is None:
            names = list(node.actions)
            if action.action in node.properties:
                message = f"`{action.node}.{action.action}` is a property, not an action"
            else:
                message = f"node `{action.node}` has no action `{action.action}`"
            self.report(
                "unknown-action",
                message + (f"; it has {_list(names)}" if names else "; it has no actions"),
                action.action_span or action.span,
                data={"candidates": similar(action.action, names), "node": action.node},
            )
            return
        given: set[str] = set()
        for arg in action.args:
            if arg.name in given:
                self.report("duplicate-argument", f"parameter `{arg.name}` is given twice", arg.name_span)
                continue
            given.add(arg.name)
            param = spec.params.get(arg.name)
            if param is None:
                names = list(spec.params)
                self.report(
                    "unknown-parameter",
                    f"`{action.node}.{action.action}` has no parameter `{arg.name}`"
                    + (f"; it takes {_list(names)}" if names else "; it takes none"),
                    arg.name_span,
                    data={"candidates": similar(arg.name, [n for n in names if n not in given])},
                )
                continue
            self.value_against(param, arg.value, "==", f"parameter `{arg.name}`")
        missing = [name for name, param in spec.params.items() if not param.optional and name not in given]
        if missing:
            self.report(
                "missing-parameter",
                f"`{action.node}.{action.action}` needs {_list(missing)}",
                action.action_span or action.span,
                data={"missing": missing},
            )

    # ------------------------------------------------------------ references

    def node(self, node_id: str, span: tuple[int, int]):
        node = self.index.node(node_id)
        if node is None and node_id:
            candidates = self.index.similar_nodes(node_id)
            hint = f"; did you mean {_list(candidates, 'or')}?" if candidates else ""
            self.report("unknown-node", f"unknown node `{node_id}`{hint}", span, data={"candidates": candidates})
        return node

    def ref(self, ref: Ref) -> ValueType | None:
        node = self.node(ref.node, ref.node_span)
        if node is None or ref.property is None:
            return None
        if self.place != "condition" and self.index.is_builtin(ref.node):
            hint = "to run at a time, write `at 22:00`" if self.place == "trigger" else "an action cannot take it"
            self.report(
                "clock-outside-if",
                f"`{ref.node}` is read in `if` conditions only ({hint})",
                ref.span,
            )
        prop = node.properties.get(ref.property)
        if prop is None:
            names = list(node.properties)
            if ref.property in node.actions:
                message = f"`{ref.node}.{ref.property}` is an action, not a property"
            else:
                message = f"node `{ref.node}` has no property `{ref.property}`"
            candidates = similar(ref.property, names)
            self.report(
                "unknown-property",
                message + (f"; did you mean {_list(candidates, 'or')}?" if candidates else f"; it has {_list(names)}" if names else "; it has no properties"),
                ref.property_span or ref.span,
                data={"candidates": candidates or names[:5], "node": ref.node},
            )
        return prop

    # ------------------------------------------------------------ expressions

    def condition(self, expr: Expr) -> None:
        """Check an expression that must be true or false."""
        if isinstance(expr, (And, Or)):
            for operand in expr.operands:
                self.condition(operand)
            if isinstance(expr, And):
                self.never_true(expr.operands, expr.span)
        elif isinstance(expr, Not):
            self.condition(expr.operand)
        elif isinstance(expr, Compare):
            self.compare(expr)
        elif isinstance(expr, Ref):
            prop = self.ref(expr)
            if prop is not None and not isinstance(prop, BooleanType):
                self.report(
                    "not-boolean",
                    f"`{expr.node}.{expr.property}` is {_a(_describe_type(prop))}, not true or false; compare it"
                    + _example(expr, prop),
                    expr.span,
                )
        elif isinstance(expr, Name):
            self.bare_name(expr)
        elif isinstance(expr, Boolean) or isinstance(expr, ErrorExpr):
            pass
        else:
            self.report("not-boolean", "this value is not true or false; a condition needs a comparison", expr.span)

    def bare_name(self, expr: Name) -> None:
        node = self.index.node(expr.name)
        if node is not None:
            names = list(node.properties)
            self.report(
                "missing-property",
                f"`{expr.name}` is a node; name one of its properties"
                + (f": {_list([f'{expr.name}.{n}' for n in names[:4]], 'or')}" if names else ""),
                expr.span,
                data={"candidates": names, "node": expr.name},
            )
        else:
            self.node(expr.name, expr.span)

    def compare(self, expr: Compare) -> None:
        left, right, op = expr.left, expr.right, expr.op
        if op in ("==", "!=") and any(
            isinstance(side, Ref) and side.property == "time" and self.index.is_builtin(side.node) for side in (left, right)
        ):
            self.report(
                "clock-instant",
                "the clock equals a time for an instant only; write a range, e.g. `clock.time >= 22:00`",
                expr.span,
                Severity.WARNING,
            )
        if isinstance(left, Name) and self.index.node(left.name) is not None:
            self.bare_name(left)
            return
        left_prop = self.ref(left) if isinstance(left, Ref) else None
        if isinstance(right, Ref):
            right_prop = self.ref(right)
            if left_prop is not None and right_prop is not None:
                self.ref_against_ref(expr, left_prop, right_prop)
            elif right_prop is not None and not isinstance(left, Ref):
                self.value_against(right_prop, left, _flip(op), f"`{right.node}.{right.property}`")
            return
        if left_prop is not None:
            self.value_against(left_prop, right, op, f"`{left.node}.{left.property}`")  # type: ignore[union-attr]
        elif isinstance(right, Name) and self.index.node(right.name) is not None:
            self.bare_name(right)

    def ref_against_ref(self, expr: Compare, left: ValueType, right: ValueType) -> None:
        if type(left) is not type(right):
            self.report(
                "type-mismatch",
                f"cannot compare {_a(_describe_type(left))} with {_a(_describe_type(right))}",
                expr.span,
            )
        elif isinstance(left, NumberType) and left.unit and right.unit and not units.compatible(left.unit, right.unit):  # type: ignore[union-attr]
            self.report("unit-mismatch", f"cannot compare {left.unit} with {right.unit}", expr.span)  # type: ignore[union-attr]
        elif expr.op in _ORDERED_OPS and isinstance(left, (EnumType, BooleanType, StringType)):
            self.report("invalid-operator", f"`{expr.op}` does not apply to {type_name(left)} values; use `==` or `!=`", expr.span)

    def value_against(self, prop: ValueType, value: Expr, op: str, what: str) -> None:
        """Check a literal (or list of them, for `in`) against the type of a property or parameter."""
        if op in ("in", "not in"):
            if isinstance(value, ListLit):
                for item in value.items:
                    self.value_against(prop, item, "==", what)
            return
        if isinstance(value, (ErrorExpr, Ref)):
            return
        if op in _ORDERED_OPS and isinstance(prop, (EnumType, BooleanType, StringType)):
            self.report("invalid-operator", f"`{op}` does not apply to {what}, {_a(type_name(prop))}; use `==` or `!=`", value.span)
            return
        if isinstance(prop, NumberType):
            self.number_value(prop, value, what)
        elif isinstance(prop, EnumType):
            self.enum_value(prop, value, what)
        elif isinstance(prop, BooleanType):
            if not isinstance(value, Boolean):
                hint = " (write `true` or `false`)" if isinstance(value, Name) and value.name in ("on", "off", "yes", "no") else ""
                self.mismatch(prop, value, what, hint, data={"candidates": ["true" if isinstance(value, Name) and value.name in ("on", "yes") else "false"]} if hint else None)
        elif isinstance(prop, StringType):
            if not isinstance(value, String):
                hint = f' (write text in quotes: `"{value.name}"`)' if isinstance(value, Name) else ""
                self.mismatch(prop, value, what, hint)
        elif isinstance(prop, TimeType):
            if not isinstance(value, (Time, String)):
                self.mismatch(prop, value, what, " (write a time like `07:30`)")
        elif isinstance(prop, DurationType):
            if not isinstance(value, Duration):
                self.mismatch(prop, value, what, " (write a duration like `5 min`)")

    def number_value(self, prop: NumberType, value: Expr, what: str) -> None:
        if isinstance(value, Duration):
            if prop.unit and units.is_duration_unit(prop.unit):
                converted = units.convert(value.seconds, "s", prop.unit)
                self.in_range(prop, converted, value, what)
            else:
                self.mismatch(prop, value, what, "")
            return
        if not isinstance(value, Number):
            self.mismatch(prop, value, what, "")
            return
        amount: float | None = value.value
        if value.unit is not None and prop.unit is not None and units.canonical(value.unit) != units.canonical(prop.unit):
            amount = units.convert(value.value, value.unit, prop.unit)
            if amount is None:
                self.report(
                    "unit-mismatch",
                    f"{what} is measured in {prop.unit}; {value.unit} measures something else",
                    value.span,
                )
                return
            shown = _fmt(amount)
            self.report(
                "unit-converted",
                f"{_fmt(value.value)} {value.unit} is {shown} {prop.unit}, the unit of {what}",
                value.span,
                Severity.HINT,
                data={"value": amount, "unit": prop.unit, "text": f"{shown} {prop.unit}"},
            )
        elif value.unit is not None and prop.unit is None:
            if units.canonical(value.unit) == "%" and prop.max is not None and prop.max <= 1:
                amount = value.value / 100  # a 0..1 level written as a percentage
                self.report(
                    "unit-converted",
                    f"{_fmt(value.value)} % is {_fmt(amount)} on the 0–1 scale of {what}",
                    value.span,
                    Severity.HINT,
                    data={"value": amount, "unit": None, "text": _fmt(amount)},
                )
            else:
                self.report(
                    "unit-mismatch",
                    f"{what} has no unit, so `{value.unit}` is not checked; write the plain number",
                    value.span,
                    Severity.WARNING,
                    data={"value": value.value, "text": _fmt(value.value)},
                )
        self.in_range(prop, amount, value, what)

    def in_range(self, prop: NumberType, amount: float | None, value: Expr, what: str) -> None:
        if amount is None:
            return
        unit = f" {prop.unit}" if prop.unit else ""
        if prop.min is not None and amount < prop.min:
            self.report("out-of-range", f"{_fmt(amount)}{unit} is below the minimum of {what}, {_fmt(prop.min)}{unit}", value.span, Severity.WARNING, data={"min": prop.min, "max": prop.max})
        elif prop.max is not None and amount > prop.max:
            self.report("out-of-range", f"{_fmt(amount)}{unit} is above the maximum of {what}, {_fmt(prop.max)}{unit}", value.span, Severity.WARNING, data={"min": prop.min, "max": prop.max})

    def enum_value(self, prop: EnumType, value: Expr, what: str) -> None:
        if isinstance(value, Name):
            member = value.name
        elif isinstance(value, String):
            member = value.value
        elif isinstance(value, Boolean) and ("on" in prop.values or "off" in prop.values):
            member = "on" if value.value else "off"
        else:
            self.mismatch(prop, value, what, f" (one of {_members(prop.values)})")
            return
        if member not in prop.values:
            candidates = similar(member, prop.values)
            self.report(
                "unknown-enum-value",
                f"`{member}` is not a value of {what}; it is one of {_members(prop.values)}",
                value.span,
                data={"candidates": candidates or prop.values[:5]},
            )

    def mismatch(self, prop: ValueType, value: Expr, what: str, hint: str, data: dict | None = None) -> None:
        self.report(
            "type-mismatch",
            f"{what} is {_a(_describe_type(prop))}, but this is {_describe_value(value)}{hint}",
            value.span,
            data=data,
        )

    # ------------------------------------------------------------ satisfiability

    def never_true(self, operands: list[Expr], span: tuple[int, int]) -> None:
        """Warn when the and-ed comparisons on one property leave no possible value."""
        by_ref: dict[tuple[str, str], _Possible] = {}
        for operand in operands:
            if not isinstance(operand, Compare) or not isinstance(operand.left, Ref) or operand.left.property is None:
                continue
            key = (operand.left.node, operand.left.property)
            prop = self.index.property(*key)
            possible = by_ref.setdefault(key, _Possible())
            right = operand.right
            if isinstance(right, Number) and isinstance(prop, NumberType):
                amount = right.value
                if right.unit and prop.unit:
                    amount = units.convert(right.value, right.unit, prop.unit)  # type: ignore[assignment]
                if amount is not None:
                    possible.parts.append(operand)
                    possible.narrow(operand.op, amount)
            elif isinstance(right, (Name, String, Boolean)) and operand.op in ("==", "!="):
                member = right.name if isinstance(right, Name) else right.value
                possible.parts.append(operand)
                (possible.equal if operand.op == "==" else possible.excluded).add(member)
        for (node, prop_name), possible in by_ref.items():
            if len(possible.parts) > 1 and possible.impossible():
                shown = " and ".join(_source_like(p) for p in possible.parts)
                self.report(
                    "never-true",
                    f"this condition can never be true: no value of `{node}.{prop_name}` satisfies {shown}",
                    span,
                    Severity.WARNING,
                )


class _Possible:
    """The values of one property that and-ed comparisons still allow."""

    __slots__ = ("low", "low_inclusive", "high", "high_inclusive", "equal", "excluded", "parts")

    def __init__(self) -> None:
        self.low, self.low_inclusive = float("-inf"), True
        self.high, self.high_inclusive = float("inf"), True
        self.equal: set = set()
        self.excluded: set = set()
        self.parts: list[Compare] = []

    def narrow(self, op: str, amount: float) -> None:
        if op in (">", ">=") and (amount > self.low or (amount == self.low and op == ">")):
            self.low, self.low_inclusive = amount, op == ">="
        elif op in ("<", "<=") and (amount < self.high or (amount == self.high and op == "<")):
            self.high, self.high_inclusive = amount, op == "<="
        elif op == "==":
            self.narrow(">=", amount)
            self.narrow("<=", amount)
        elif op == "!=":
            self.excluded.add(amount)

    def impossible(self) -> bool:
        if len(self.equal) > 1 or self.equal & self.excluded:
            return True
        if self.low > self.high:
            return True
        if self.low == self.high:
            return not (self.low_inclusive and self.high_inclusive) or self.low in self.excluded
        return False


def _source_like(expr: Compare) -> str:
    right = expr.right
    if isinstance(right, Number):
        text = _fmt(right.value) + (f" {right.unit}" if right.unit else "")
    elif isinstance(right, Name):
        text = right.name
    elif isinstance(right, String):
        text = f'"{right.value}"'
    elif isinstance(right, Boolean):
        text = "true" if right.value else "false"
    else:
        text = "…"
    left = expr.left
    return f"`{left.node}.{left.property} {expr.op} {text}`"  # type: ignore[union-attr]


def _flip(op: str) -> str:
    return {"<": ">", ">": "<", "<=": ">=", ">=": "<="}.get(op, op)


def _fmt(value: float) -> str:
    return f"{value:.6g}" if value != int(value) else str(int(value))


def _list(names: list[str], last: str = "and") -> str:
    quoted = [f"`{n}`" for n in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    if len(quoted) > 6:
        return ", ".join(quoted[:6]) + f" {last} {len(quoted) - 6} more"
    return ", ".join(quoted[:-1]) + f" {last} " + quoted[-1]


def _describe_type(prop: ValueType) -> str:
    """`number in °C`, `enum (on, off)`: what a reader needs to fix a mismatch."""
    if isinstance(prop, NumberType) and prop.unit:
        return f"number in {prop.unit}"
    if isinstance(prop, EnumType):
        return f"enum ({', '.join(prop.values[:6])}{', …' if len(prop.values) > 6 else ''})"
    return type_name(prop)


def _a(phrase: str) -> str:
    return ("an " if phrase[:1] in "aeiou" else "a ") + phrase


def _members(values: list[str]) -> str:
    return _list([printer.enum_member(v) for v in values], "or")


def _describe_value(value: Expr) -> str:
    if isinstance(value, Number):
        return "a number" + (f" in {value.unit}" if value.unit else "")
    if isinstance(value, Name):
        return f"the name `{value.name}`"
    return {
        String: "a string",
        Boolean: "a boolean",
        Time: "a time",
        Duration: "a duration",
        ListLit: "a list",
    }.get(type(value), "an expression")


def _example(ref: Ref, prop: ValueType) -> str:
    target = f"{ref.node}.{ref.property}"
    if isinstance(prop, NumberType):
        return f", e.g. `{target} > 20{' ' + prop.unit if prop.unit else ''}`"
    if isinstance(prop, EnumType) and prop.values:
        return f", e.g. `{target} == {printer.enum_member(prop.values[0])}`"
    if isinstance(prop, StringType):
        return f', e.g. `{target} == "text"`'
    return ""
