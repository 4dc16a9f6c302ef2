"""Stage 3: the prompt — a fixed prefix, then only the shortlisted nodes and the request.

The prefix (instructions and worked examples over a made-up house) never changes, so its KV cache is
computed once per loaded model and every request pays only for its own few lines. A few-shot
completion prompt, not a chat template: with a 135M-parameter model it follows the pattern far more
reliably. Each node is one line — id, kind, name, its properties with their values and its actions —
the same vocabulary the grammar allows, so the model sees what it can write.
"""

from __future__ import annotations

from wfl.grammar.index import EnvIndex
from wfl.grammar.printer import enum_member
from wfl.schemas.environment import BooleanType, EnumType, NumberType, ValueType

from .constrain import Shortlist, Shortlisted

PREFIX = """\
Write the workflow for each request with the devices listed: a trigger, maybe a condition, actions.

Devices:
hall_motion: binary_sensor "Hall motion"; state true|false
hall_light: light "Hall light"; state on|off, brightness number; do turn_on turn_off toggle
Request: Turn on the hall light when someone walks into the hall
workflow {
  when hall_motion.state becomes true
  do hall_light.turn_on()
}

Devices:
morning_alarm: input_datetime "Morning alarm"; state time
bedroom_blinds: cover "Bedroom blinds"; state open|closed; do open_cover close_cover
coffee_maker: switch "Coffee maker"; state on|off; do turn_on turn_off
anna: person "Anna"; state home|not_home
Request: Morgens um 6:45 Rollo hoch und Kaffee an, wenn Anna zu Hause ist
workflow {
  at 06:45
  if anna.state == home
  do bedroom_blinds.open_cover()
     coffee_maker.turn_on()
}

Devices:
front_door: binary_sensor "Front door"; state true|false
alarm_panel: alarm_control_panel "Alarm panel"; state armed_away|disarmed|triggered; do alarm_arm_away alarm_disarm alarm_trigger
Request: Everyone left: arm the alarm
workflow {
  when front_door.state becomes false for 5 min
  do alarm_panel.alarm_arm_away()
}
"""

MAX_PROPERTIES = 3
PROMPT_ENUM_MEMBERS = 6
"""Members shown per enum in the prompt (the plan still allows up to MAX_ENUM_MEMBERS)."""
MAX_ACTIONS = 5


def describe(item: Shortlisted, index: EnvIndex) -> str:
    """One line for a node: `id: kind "Name"; prop values, ...; do action ...`."""
    node = index.nodes[item.node]
    head = f"{node.id}:"
    if node.kind:
        head += f" {node.kind}"
    if node.name:
        head += f' "{node.name}"'
    parts = [head]
    props = [f"{name} {_values(node.properties[name])}" for name in item.properties if name in node.properties]
    if props:
        parts.append(", ".join(props))
    if item.actions:
        parts.append("do " + " ".join(item.actions))
    return "; ".join(parts)


def _values(value_type: ValueType) -> str:
    if isinstance(value_type, BooleanType):
        return "true|false"
    if isinstance(value_type, EnumType) and value_type.values:
        shown = [enum_member(v) for v in value_type.values[:PROMPT_ENUM_MEMBERS]]
        return "|".join(shown + (["..."] if len(value_type.values) > PROMPT_ENUM_MEMBERS else []))
    if isinstance(value_type, NumberType):
        return f"number {value_type.unit}" if value_type.unit else "number"
    return type(value_type).__name__.removesuffix("Type").lower()


def request_block(request: str, shortlist: Shortlist, index: EnvIndex) -> str:
    """Everything after the prefix: the devices, the request, and the opening of the workflow."""
    lines = ["", "Devices:"]
    lines += [describe(item, index) for item in shortlist.nodes]
    lines.append("Request: " + " ".join(request.split()))
    lines.append("workflow {")
    return "\n".join(lines)


def condition_block(request: str, shortlist: Shortlist, index: EnvIndex) -> str:
    """For "Generate condition": the same devices, and an `if` to complete."""
    lines = ["", "Devices:"]
    lines += [describe(item, index) for item in shortlist.nodes]
    lines.append("Request: only when " + " ".join(request.split()))
    lines.append("workflow {")
    lines.append("  every 1 h")
    lines.append("  if ")
    return "\n".join(lines)
