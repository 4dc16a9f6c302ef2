"""Workflow actions as Home Assistant script steps: service calls and delays.

Literal arguments are converted to the parameter's declared unit; an argument that reads a property
(`temperature: outside.temperature`) becomes a template, which Home Assistant renders at run time.
"""

from __future__ import annotations

from wfl.grammar import units
from wfl.schemas.environment import NumberType, ValueType
from wfl.schemas.workflow import Action, And, Arg, Call, Compare, Duration, ErrorAction, Not, Or, Ref, Wait

from .mapping import ExportProblem, Places, entity_id
from .templates import template
from .values import arg_value, ha_duration

_COMPUTED = (Ref, Compare, And, Or, Not)


def export_action(action: Action, places: Places) -> dict:
    if isinstance(action, Call):
        return _call(action, places)
    if isinstance(action, Wait):
        if not isinstance(action.duration, Duration):
            raise ExportProblem("export-invalid", "`wait` needs a duration", action.span)
        return {"delay": ha_duration(action.duration.seconds)}
    if isinstance(action, ErrorAction):
        raise ExportProblem("export-invalid", "this action has a syntax error", action.span)
    raise ExportProblem("export-unsupported", "this action has no Home Assistant form", action.span)


def _call(call: Call, places: Places) -> dict:
    node_span = call.node_span if call.node_span != (0, 0) else call.span
    node = places.node(call.node, node_span)
    if call.action is None:
        raise ExportProblem("export-invalid", f"`{call.node}.` needs an action name", call.span)
    service, declared = places.service(node, call.action, call.action_span or call.span)
    out: dict = {"service": service}
    entity = entity_id(node)
    # A service named after the entity itself (a legacy notifier, `notify.mobile_app_x`) targets
    # nothing else: Home Assistant rejects a target it does not take.
    if entity is not None and entity != service:
        out["target"] = {"entity_id": entity}
    data = {arg.name: _argument(arg, declared.params.get(arg.name), places) for arg in call.args}
    if data:
        out["data"] = data
    return out


def _argument(arg: Arg, param: ValueType | None, places: Places) -> object:
    value = arg.value
    if not isinstance(value, _COMPUTED):
        return arg_value(value, param)
    if isinstance(value, Ref) and isinstance(param, NumberType) and param.unit:
        source = places.locate(value).type
        unit = source.unit if isinstance(source, NumberType) else None
        if unit and units.canonical(unit) != units.canonical(param.unit):
            raise ExportProblem(
                "export-unsupported",
                f"`{value.node}.{value.property}` is in `{unit}` but `{arg.name}` takes `{param.unit}`",
                value.span,
            )
    return template(value, places.locate, condition=False)
