"""Shared by the Home Assistant export tests: a small home and terse builders of workflow trees."""

from __future__ import annotations

import msgspec
import yaml

from wfl.schemas.environment import Environment
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
    EventTrigger,
    EveryTrigger,
    Expr,
    ListLit,
    Name,
    Not,
    Number,
    Or,
    Ref,
    SunEvent,
    Time,
    Wait,
    WhenTrigger,
    Workflow,
)

HOME_YAML = """
nodes:
  - id: kitchen
    kind: sensor
    source: sensor.kitchen_temperature
    properties:
      temperature: {type: number, unit: "°C", source: state}
      humidity: {type: number, unit: "%", source: attributes.humidity}
  - id: hallway
    kind: light
    source: light.hallway
    properties:
      state: {type: enum, values: ["on", "off"]}
      brightness: {type: number, min: 0, max: 255}
      effect: {type: string}
    actions:
      turn_on:
        params:
          brightness_pct: {type: number, unit: "%", min: 0, max: 100, optional: true}
          transition: {type: number, unit: s, optional: true}
          flash: {type: enum, values: [short, long], optional: true}
      turn_off: {}
  - id: motion
    kind: binary_sensor
    source: binary_sensor.hallway_motion
    properties:
      occupancy: {type: boolean, source: state}
  - id: thermostat
    kind: climate
    source: climate.living_room
    properties:
      temperature: {type: number, unit: "°C"}
      hvac_mode: {type: enum, values: [heat, cool, "off"], source: state}
      away: {type: boolean, source: attributes.preset_away}
    actions:
      set_temperature: {params: {temperature: {type: number, unit: "°C"}}}
  - id: alarm_clock
    kind: input_datetime
    source: input_datetime.alarm
    properties:
      time: {type: time, source: state}
    actions:
      set_datetime: {params: {time: {type: time}}}
  - id: remote
    kind: event
    source: event.living_room_remote
    events: {single: {}, double: {}}
  - id: doorbell
    kind: input_button
    source: input_button.doorbell
    events: {pressed: {}}
  - id: garage
    kind: cover
    source: cover.garage_door
    events: {opened: {}}
    properties:
      state: {type: enum, values: [open, closed, opening, closing]}
  - id: sun
    kind: sun
    source: sun.sun
    properties:
      state: {type: enum, values: [above_horizon, below_horizon]}
  - id: bathroom_fan
    kind: fan
    actions:
      turn_on: {params: {percentage: {type: number, unit: "%"}}}
  - id: shutter
    source: cover.bedroom_shutter
    actions:
      open_cover: {}
  - id: phone
    actions:
      notify:
        source: notify.mobile_app_phone
        params: {message: {type: string}, title: {type: string, optional: true}}
  - id: tablet
    source: notify.mobile_app_tablet
    actions:
      notify:
        source: notify.mobile_app_tablet
        params: {message: {type: string}}
  - id: ghost
    properties:
      level: {type: number}
"""

HOME: Environment = msgspec.convert(yaml.safe_load(HOME_YAML), Environment)


# ---------------------------------------------------------------- builders


def ref(text: str, span=(0, 0)) -> Ref:
    node, prop = text.split(".")
    return Ref(node=node, property=prop, span=span)


def val(value: object) -> Expr:
    """Python values as literals: "node.prop" -> Ref, "07:00" -> Time, other str -> Name."""
    if isinstance(value, msgspec.Struct):
        return value
    if isinstance(value, bool):
        return Boolean(value=value)
    if isinstance(value, (int, float)):
        return Number(value=value)
    if isinstance(value, list):
        return ListLit(items=[val(v) for v in value])
    if isinstance(value, str) and "." in value:
        return ref(value)
    if isinstance(value, str) and value[:2].isdigit() and ":" in value:
        return Time(value=value)
    if isinstance(value, str):
        return Name(name=value)
    raise TypeError(value)


def num(value: float, unit: str | None = None, span=(0, 0)) -> Number:
    return Number(value=value, unit=unit, span=span)


def dur(seconds: float, span=(0, 0)) -> Duration:
    return Duration(seconds=seconds, span=span)


def cmp(left: object, op: str, right: object, span=(0, 0)) -> Compare:
    return Compare(op=op, left=val(left), right=val(right), span=span)


def and_(*operands: object) -> And:
    return And(operands=[val(o) for o in operands])


def or_(*operands: object) -> Or:
    return Or(operands=[val(o) for o in operands])


def not_(operand: object) -> Not:
    return Not(operand=val(operand))


def when(expr: object, for_: float | None = None) -> WhenTrigger:
    return WhenTrigger(expr=val(expr), for_=dur(for_) if for_ is not None else None)


def becomes(target: str, value: object, for_: float | None = None) -> BecomesTrigger:
    return BecomesTrigger(ref=ref(target), value=val(value), for_=dur(for_) if for_ is not None else None)


def changes(target: str, for_: float | None = None) -> ChangesTrigger:
    return ChangesTrigger(ref=ref(target), for_=dur(for_) if for_ is not None else None)


def at(time: object, days: list[str] | None = None) -> AtTrigger:
    if isinstance(time, str) and time in ("sunrise", "sunset"):
        time = SunEvent(event=time)
    elif isinstance(time, tuple):
        time = SunEvent(event=time[0], offset=time[1])
    return AtTrigger(time=val(time) if not isinstance(time, SunEvent) else time, days=days)


def every(seconds: float, span=(0, 0)) -> EveryTrigger:
    return EveryTrigger(interval=dur(seconds, span), span=span)


def on(target: str) -> EventTrigger:
    node, event = target.split(".")
    return EventTrigger(node=node, event=event)


def call(target: str, span=(0, 0), **args: object) -> Call:
    node, action = target.split(".")
    return Call(node=node, action=action, args=[Arg(name=k, value=val(v)) for k, v in args.items()], span=span)


def wait(seconds: float) -> Wait:
    return Wait(duration=dur(seconds))


def workflow(name: str, triggers=(), conditions=(), actions=(), else_actions=(), description=None) -> Workflow:
    return Workflow(
        name=name,
        description=description,
        triggers=list(triggers),
        conditions=[val(c) for c in conditions],
        actions=list(actions),
        else_actions=list(else_actions),
    )
