"""Workflow triggers as Home Assistant triggers.

A `when EXPR` fires when EXPR *becomes* true, so each shape maps to the trigger with exactly that
meaning: `== v` is `to: v`; `!= v` is `from: v` (leaving v; `not_to: v` would also fire on changes
between two other values); `in [a, b]` is `to: [a, b]` with `not_from: [a, b]` (entering the set,
not moving inside it). `> n` / `< n` are numeric_state triggers, which also fire on crossing.
Everything else is a template trigger, which Home Assistant fires on the false-to-true edge.

Some triggers carry a restriction that only holds for them: the days of `at 07:00 on weekdays`
and the event type of an event entity. `export.py` turns restrictions into conditions.
"""

from __future__ import annotations

from typing import NamedTuple

from wfl.grammar.days import WEEK, expand_days
from wfl.schemas.environment import BooleanType, NumberType, TimeType
from wfl.schemas.workflow import (
    And,
    AtTrigger,
    BecomesTrigger,
    Boolean,
    ChangesTrigger,
    Compare,
    Duration,
    ErrorTrigger,
    EventTrigger,
    EveryTrigger,
    Expr,
    ListLit,
    Name,
    Not,
    Number,
    Ref,
    String,
    SunEvent,
    Time,
    Trigger,
    WhenTrigger,
)

from .mapping import ExportProblem, Location, Places
from .shape import ref_first, simplify_booleans
from .templates import template
from .values import ha_duration, ha_time, match_value, number_in, state_matchable

EVENT_ENTITY_KINDS = frozenset({"event"})
"""Entities whose state is the time of their last event and whose `event_type` attribute names it."""
PRESS_ENTITY_KINDS = frozenset({"button", "input_button"})
"""Entities whose state is the time of their last press: any state change is a press."""
NOT_AN_EVENT_FROM = ["unavailable"]
NOT_AN_EVENT_TO = ["unavailable", "unknown"]
"""Timestamp entities also change state when they drop off or come back; those are not events."""

_LITERALS = (Number, String, Boolean, Time, Name, ListLit)


class ExportedTrigger(NamedTuple):
    trigger: dict
    restriction: dict | None = None
    """A condition that must hold when *this* trigger fires (days, event type)."""


def export_trigger(trigger: Trigger, places: Places) -> ExportedTrigger:
    if isinstance(trigger, WhenTrigger):
        return ExportedTrigger(_with_for(_when(trigger.expr, places), trigger.for_))
    if isinstance(trigger, ChangesTrigger):
        loc = places.locate(trigger.ref)
        out = _state(loc)
        if loc.attribute is None:
            out["to"] = None  # state changes only, not attribute updates
        return ExportedTrigger(_with_for(out, trigger.for_))
    if isinstance(trigger, BecomesTrigger):
        loc = places.locate(trigger.ref)
        if state_matchable(loc) and isinstance(trigger.value, _LITERALS):
            out = _state(loc, to=match_value(trigger.value, loc))
        else:
            cmp = Compare(op="==", left=trigger.ref, right=trigger.value, span=trigger.span)
            out = _template(cmp, places)
        return ExportedTrigger(_with_for(out, trigger.for_))
    if isinstance(trigger, AtTrigger):
        return _at(trigger, places)
    if isinstance(trigger, EveryTrigger):
        return ExportedTrigger(_every(trigger.interval))
    if isinstance(trigger, EventTrigger):
        return _event(trigger, places)
    if isinstance(trigger, ErrorTrigger):
        raise ExportProblem("export-invalid", "this trigger has a syntax error", trigger.span)
    raise ExportProblem("export-unsupported", "this trigger has no Home Assistant form", trigger.span)


# ---------------------------------------------------------------- when


def _when(expr: Expr, places: Places) -> dict:
    expr = simplify_booleans(expr, lambda ref: _type_of(ref, places))
    negated = isinstance(expr, Not) and isinstance(expr.operand, Ref)
    ref = expr.operand if negated else expr
    if isinstance(ref, Ref):
        loc = places.locate(ref)
        if isinstance(loc.type, BooleanType):
            return _state(loc, to=match_value(Boolean(value=not negated, span=expr.span), loc))
    if isinstance(expr, Compare):
        cmp = ref_first(expr)
        if isinstance(cmp.left, Ref) and isinstance(cmp.right, _LITERALS):
            out = _compare(cmp, places.locate(cmp.left))
            if out is not None:
                return out
    if isinstance(expr, And):
        out = _range(expr, places)
        if out is not None:
            return out
    return _template(expr, places)


def _compare(cmp: Compare, loc: Location) -> dict | None:
    value, op = cmp.right, cmp.op
    if op in (">", "<"):
        if isinstance(loc.type, NumberType) and isinstance(value, Number):
            key = "above" if op == ">" else "below"
            return _numeric(loc, **{key: number_in(value, loc.type.unit, _what(loc))})
        return None
    if op not in ("==", "!=", "in", "not in") or not state_matchable(loc):
        return None
    if isinstance(value, ListLit) != (op in ("in", "not in")):
        return None
    matched = match_value(value, loc)
    if op == "==":
        return _state(loc, to=matched)
    if op == "!=":
        return _state(loc, **{"from": matched})
    if op == "in":
        return _state(loc, to=matched, not_from=matched)
    return _state(loc, **{"from": matched, "not_to": matched})


def _range(expr: And, places: Places) -> dict | None:
    """`x > a and x < b` on one number property: one numeric_state trigger with above and below."""
    if len(expr.operands) != 2 or not all(isinstance(e, Compare) for e in expr.operands):
        return None
    bounds: dict[str, float] = {}
    locs = []
    for operand in expr.operands:
        cmp = ref_first(operand)  # type: ignore[arg-type]
        if cmp.op not in (">", "<") or not isinstance(cmp.left, Ref) or not isinstance(cmp.right, Number):
            return None
        loc = places.locate(cmp.left)
        if not isinstance(loc.type, NumberType):
            return None
        key = "above" if cmp.op == ">" else "below"
        if key in bounds:
            return None
        bounds[key] = number_in(cmp.right, loc.type.unit, _what(loc))
        locs.append(loc)
    if (locs[0].entity_id, locs[0].attribute) != (locs[1].entity_id, locs[1].attribute):
        return None
    return _numeric(locs[0], above=bounds["above"], below=bounds["below"])


# ---------------------------------------------------------------- time


def _at(trigger: AtTrigger, places: Places) -> ExportedTrigger:
    when = trigger.time
    if isinstance(when, Time):
        out = {"platform": "time", "at": ha_time(when.value)}
    elif isinstance(when, SunEvent):
        out = {"platform": "sun", "event": when.event}
        if when.offset:
            out["offset"] = ha_duration(when.offset)
    else:
        loc = places.locate(when)
        if not isinstance(loc.type, TimeType):
            raise ExportProblem("export-type", f"`{when.node}.{when.property}` is not a time", when.span)
        if loc.attribute is not None:
            raise ExportProblem(
                "export-unsupported",
                "Home Assistant time triggers read an entity's state, not an attribute",
                when.span,
            )
        out = {"platform": "time", "at": loc.entity_id}
    return ExportedTrigger(out, _days(trigger))


def _days(trigger: AtTrigger) -> dict | None:
    if not trigger.days:
        return None
    days = expand_days(trigger.days)
    if days is None:
        raise ExportProblem("export-unsupported", f"not days of the week: {', '.join(trigger.days)}", trigger.span)
    if len(days) == len(WEEK):
        return None
    return {"condition": "time", "weekday": days}


def _every(interval: Duration) -> dict:
    pattern = time_pattern(interval.seconds)
    if pattern is None:
        raise ExportProblem(
            "export-unsupported",
            "Home Assistant repeats on a clock pattern (`/N` seconds, minutes or hours): the interval must "
            "divide a minute, an hour or a day evenly (e.g. 15 s, 5 min, 2 h)",
            interval.span,
        )
    return {"platform": "time_pattern", **pattern}


def time_pattern(seconds: float) -> dict | None:
    """The `/N` pattern that fires every `seconds`, aligned to the clock; None when none does."""
    if seconds <= 0 or seconds != int(seconds):
        return None
    s = int(seconds)
    for size, key, limit in ((1, "seconds", 60), (60, "minutes", 60), (3600, "hours", 24)):
        if s % size == 0 and s // size < limit and limit % (s // size) == 0:
            return {key: f"/{s // size}"}
    return None


# ---------------------------------------------------------------- events


def _event(trigger: EventTrigger, places: Places) -> ExportedTrigger:
    node = places.node(trigger.node, trigger.node_span if trigger.node_span != (0, 0) else trigger.span)
    if trigger.event is None:
        raise ExportProblem("export-invalid", f"`on {trigger.node}.` needs an event name", trigger.span)
    entity = places.entity(node, trigger.node_span if trigger.node_span != (0, 0) else trigger.span)
    kind = node.kind or entity.split(".", 1)[0]
    if kind in EVENT_ENTITY_KINDS or kind in PRESS_ENTITY_KINDS:
        out = {
            "platform": "state",
            "entity_id": entity,
            "not_from": list(NOT_AN_EVENT_FROM),
            "not_to": list(NOT_AN_EVENT_TO),
        }
        restriction = None
        if kind in EVENT_ENTITY_KINDS:
            # A state trigger on `event_type` would miss the second of two equal presses.
            restriction = {"condition": "state", "entity_id": entity, "attribute": "event_type", "state": trigger.event}
        return ExportedTrigger(out, restriction)
    return ExportedTrigger({"platform": "event", "event_type": trigger.event, "event_data": {"entity_id": entity}})


# ---------------------------------------------------------------- helpers


def _state(loc: Location, **match: object) -> dict:
    out: dict = {"platform": "state", "entity_id": loc.entity_id}
    if loc.attribute is not None:
        out["attribute"] = loc.attribute
    out.update({key: list(v) if isinstance(v, list) else v for key, v in match.items()})
    return out


def _numeric(loc: Location, **bounds: object) -> dict:
    out: dict = {"platform": "numeric_state", "entity_id": loc.entity_id}
    if loc.attribute is not None:
        out["attribute"] = loc.attribute
    out.update(bounds)
    return out


def _template(expr: Expr, places: Places) -> dict:
    return {"platform": "template", "value_template": template(expr, places.locate)}


def _with_for(out: dict, held: Duration | None) -> dict:
    if held is not None:
        out["for"] = ha_duration(held.seconds)
    return out


def _type_of(ref: Ref, places: Places):
    try:
        return places.locate(ref).type
    except ExportProblem:
        return None


def _what(loc: Location) -> str:
    return f"`{loc.node.id}.{loc.name}`"
