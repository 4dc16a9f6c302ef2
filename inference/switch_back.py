"""The second half of "turn on the towel radiator at 6:30 and off at 7:30".

A workflow starts at one time; switching back at another is a workflow of its own. The plan writes
the first (the model chooses what to switch and how), and this writes the second from it without a
model: the same nodes, each with the action that undoes its call, at the time the request gives
for switching back (`RequestValues.later_times`) and on the same days. Nothing is written when the
first workflow has nothing to undo, or already waits on that time.
"""

from __future__ import annotations

from wfl.grammar.index import EnvIndex
from wfl.grammar.parser import parse
from wfl.grammar.printer import workflow
from wfl.schemas.environment import NumberType
from wfl.schemas.workflow import Arg, AtTrigger, Call, Number, SunEvent, Time, Workflow

from .constrain import SWITCHED_BACK_BY, RequestValues
from .verbs import OFF_ACTIONS, ON_ACTIONS

SUN_EVENTS = frozenset({"sunrise", "sunset"})


def switch_back(text: str, values: RequestValues, index: EnvIndex) -> str:
    """The workflow that switches back what `text`'s workflow switched, or "" when there is none
    to write."""
    if not values.later_times:
        return ""
    parsed = parse(text).file
    if len(parsed.workflows) != 1:
        return ""
    first = parsed.workflows[0]
    when = values.later_times[0]
    if any(isinstance(t, AtTrigger) and _said(t) == when for t in first.triggers):
        return ""
    undo = (
        (lambda call: _set_back(call, values.back_to, index))
        if values.back_to
        else (lambda call: _undo(call, index) or _the_way_said(call, values.later_way, index))
    )
    calls = [back for call in first.actions if isinstance(call, Call) and (back := undo(call)) is not None]
    if not calls:
        return ""
    days = list(values.later_days) or next((t.days for t in first.triggers if isinstance(t, AtTrigger) and t.days), None)
    time = SunEvent(event=when) if when in SUN_EVENTS else Time(value=when)
    second = Workflow(
        name=f"{first.name}_back",
        description=f"{first.description} (switching back)" if first.description else None,
        triggers=[AtTrigger(time=time, days=days)],
        actions=calls,
    )
    return workflow(second)


def _said(trigger: AtTrigger) -> str:
    """The time an `at` trigger waits for, as `RequestValues` writes it (`07:30`, `sunset`)."""
    if isinstance(trigger.time, Time):
        return trigger.time.value[:5]
    if isinstance(trigger.time, SunEvent) and not trigger.time.offset:
        return trigger.time.event
    return ""


def _set_back(call: Call, value: str, index: EnvIndex) -> Call | None:
    """`call` again with its one number set to `value` ("… to 17 degrees and back to 21"), as a
    share when the parameter takes one (`volume_level: 0.5` for "back to 50%")."""
    numbers = [a for a in call.args if isinstance(a.value, Number)]
    node = index.nodes.get(call.node)
    if len(numbers) != 1 or node is None or call.action not in node.actions:
        return None
    param = node.actions[call.action].params.get(numbers[0].name)
    amount = float(value)
    if isinstance(param, NumberType) and param.max is not None and param.max <= 1 < amount <= 100:
        amount /= 100
    args = [Arg(name=a.name, value=Number(value=amount)) if a is numbers[0] else a for a in call.args]
    return Call(node=call.node, action=call.action, args=args)


def _the_way_said(call: Call, way: int, index: EnvIndex) -> Call | None:
    """The node's first action of the way the switching back says, needing no arguments, for a
    call with no way back of its own (`set_cover_position(position: 30)` → `open_cover()` for
    "… and open them at 18:00")."""
    node = index.nodes.get(call.node)
    if not way or node is None:
        return None
    ways = ON_ACTIONS if way > 0 else OFF_ACTIONS
    return next(
        (
            Call(node=call.node, action=name) for name, action in node.actions.items()
            if name in ways and name != call.action and all(p.optional for p in action.params.values())
        ),
        None,
    )


def _undo(call: Call, index: EnvIndex) -> Call | None:
    """The call that undoes `call` (`turn_on(brightness_pct: 30)` → `turn_off()`), when the node
    has it and it needs no arguments."""
    back = SWITCHED_BACK_BY.get(call.action or "")
    node = index.nodes.get(call.node)
    if back is None or node is None or back not in node.actions:
        return None
    if any(not p.optional for p in node.actions[back].params.values()):
        return None
    return Call(node=call.node, action=back)
