"""The built-in `clock` as Home Assistant's `time` condition, both ways.

    clock.time >= 22:00                         {condition: time, after: "22:00:00"}
    clock.time < 06:00                          {condition: time, before: "06:00:00"}
    clock.time >= 22:00 or clock.time < 06:00   {condition: time, after: "22:00:00", before: "06:00:00"}
    clock.weekday in [sat, sun]                 {condition: time, weekday: [sat, sun]}
    clock.time >= wakeup.time                   {condition: time, after: input_datetime.wakeup}

Home Assistant's `after` holds from that time on and `before` until just before it, which is
exactly `>=` and `<`; `>` and `<=` differ from them only at the very instant named and export the
same. A window with both bounds wraps past midnight when `after` is later than `before`, so it is
one `or` in wfl, and a window within a day is one `and`; any other combination exports as the
`and`/`or` of one-sided conditions, which says the same.
"""

from __future__ import annotations

from wfl.grammar.builtins import CLOCK_ID
from wfl.grammar.days import WEEK
from wfl.schemas.environment import TimeType
from wfl.schemas.workflow import And, Compare, Expr, ListLit, Name, Or, Ref, Time

from .mapping import ExportProblem, Places
from .shape import ref_first
from .values import ha_time, wfl_time

_AFTER = (">=", ">")
_BEFORE = ("<", "<=")


def is_clock(ref: object, places: Places) -> bool:
    """Whether `ref` reads the built-in clock (an environment's own `clock` node is a device)."""
    return isinstance(ref, Ref) and ref.node == CLOCK_ID and CLOCK_ID not in places.nodes


def reads_clock(expr: Expr, places: Places) -> bool:
    return isinstance(expr, Compare) and (is_clock(expr.left, places) or is_clock(expr.right, places))


def export_clock(expr: Compare, places: Places) -> dict:
    """One comparison with the clock as a `time` condition."""
    cmp = ref_first(expr)
    if not is_clock(cmp.left, places):
        raise ExportProblem("export-unsupported", "compare the clock with a time: `clock.time >= 22:00`", expr.span)
    assert isinstance(cmp.left, Ref)
    if cmp.left.property == "time":
        bound = _bound(cmp.right, places)
        if cmp.op in _AFTER:
            return {"condition": "time", "after": bound}
        if cmp.op in _BEFORE:
            return {"condition": "time", "before": bound}
        raise ExportProblem(
            "export-unsupported", "Home Assistant compares the time of day with after and before: use `>=` or `<`", expr.span
        )
    if cmp.left.property == "weekday":
        days = _days(cmp.right, expr)
        if cmp.op in ("==", "in"):
            return {"condition": "time", "weekday": days}
        if cmp.op in ("!=", "not in"):
            return {"condition": "time", "weekday": [d for d in WEEK if d not in days]}
        raise ExportProblem("export-unsupported", "compare the weekday with `==`, `!=`, `in` or `not in`", expr.span)
    raise ExportProblem("export-unknown-property", f"the clock has no property `{cmp.left.property}`", expr.span)


def merged_window(expr: And | Or, conditions: list[dict]) -> dict | None:
    """A window said with two bounds as one `time` condition: `>= A and < B` with A before B, or
    `>= A or < B` with A after B (past midnight). None when it is not one."""
    if len(conditions) != 2 or any(set(c) - {"condition", "after", "before"} or c.get("condition") != "time" for c in conditions):
        return None
    after = next((c["after"] for c in conditions if "after" in c and "before" not in c), None)
    before = next((c["before"] for c in conditions if "before" in c and "after" not in c), None)
    if after is None or before is None or "." in after or "." in before:
        return None
    within_a_day = after < before
    if within_a_day != isinstance(expr, And):
        return None
    return {"condition": "time", "after": after, "before": before}


def import_clock(condition: dict, places: Places) -> Expr:
    """A `time` condition as clock comparisons, and-ed (a window past midnight is one `or`)."""
    clock_time = Ref(node=CLOCK_ID, property="time")
    parts: list[Expr] = []
    after, before = condition.get("after"), condition.get("before")
    if after is not None and before is not None and _wraps(after, before):
        parts.append(
            Or(operands=[Compare(op=">=", left=clock_time, right=_operand(after, places)),
                         Compare(op="<", left=clock_time, right=_operand(before, places))])
        )
    else:
        if after is not None:
            parts.append(Compare(op=">=", left=clock_time, right=_operand(after, places)))
        if before is not None:
            parts.append(Compare(op="<", left=clock_time, right=_operand(before, places)))
    if "weekday" in condition:
        days = condition["weekday"] if isinstance(condition["weekday"], list) else [condition["weekday"]]
        parts.append(Compare(op="in", left=Ref(node=CLOCK_ID, property="weekday"), right=ListLit(items=[Name(name=d) for d in days])))
    if not parts:
        raise ValueError("a time condition without after, before or weekday")
    return parts[0] if len(parts) == 1 else And(operands=parts)


def _wraps(after: str, before: str) -> bool:
    """Whether a window runs past midnight; a bound held by a helper is taken as not (Home
    Assistant decides when it runs)."""
    if "." in str(after) or "." in str(before):
        return False
    return ha_time(wfl_time(str(after))) > ha_time(wfl_time(str(before)))


def _operand(value: object, places: Places) -> Expr:
    text = str(value)
    if "." in text and not text[0].isdigit():
        node = places.node_of_entity(text)
        if node is None:
            raise ValueError(f"no node of the environment has the entity id `{text}`")
        found = places.property_at(node, None)
        if found is None:
            raise ValueError(f"`{text}` has no state to read a time from")
        return Ref(node=node.id, property=found[0])
    return Time(value=wfl_time(text))


def _bound(value: Expr, places: Places) -> str:
    if isinstance(value, Time):
        return ha_time(value.value)
    if isinstance(value, Ref) and not is_clock(value, places):
        loc = places.locate(value)
        if isinstance(loc.type, TimeType) and loc.attribute is None:
            return loc.entity_id
    raise ExportProblem(
        "export-unsupported", "Home Assistant bounds the time of day by a time or a helper's time of day", value.span
    )


def _days(value: Expr, expr: Compare) -> list[str]:
    names = value.items if isinstance(value, ListLit) else [value]
    days = [n.name for n in names if isinstance(n, Name) and n.name in WEEK]
    if len(days) != len(names):
        raise ExportProblem("export-unsupported", "days are written mon, tue, wed, thu, fri, sat or sun", expr.span)
    return [d for d in WEEK if d in days]
