"""Synthetic environments and workflow files of any size, for benchmarks.

Deterministic (seeded) so numbers are comparable between runs; shaped like real homes: areas with
sensors, lights, switches, climate and covers, with units, ranges, enums and typed actions.
"""

from __future__ import annotations

import random

from wfl.schemas.environment import (
    Action,
    BooleanType,
    EnumType,
    Environment,
    Node,
    NumberType,
)

_AREAS = ["kitchen", "living_room", "bedroom", "bathroom", "hallway", "office", "garage", "garden", "attic", "cellar"]


def _node(i: int) -> Node:
    area = _AREAS[i % len(_AREAS)]
    kind = ("sensor", "light", "switch", "climate", "cover", "motion")[i % 6]
    node_id = f"{area}_{kind}_{i}"
    name = f"{area.replace('_', ' ').title()} {kind} {i}"
    if kind == "sensor":
        props = {
            "temperature": NumberType(unit="°C", min=-40, max=60, aliases=["temp"], source="state"),
            "humidity": NumberType(unit="%", min=0, max=100),
            "battery": NumberType(unit="%", min=0, max=100),
        }
        actions: dict[str, Action] = {}
    elif kind == "motion":
        props = {"motion": BooleanType(source="state"), "illuminance": NumberType(unit="lx", min=0)}
        actions = {}
    elif kind == "climate":
        props = {
            "state": EnumType(values=["off", "heat", "cool", "auto"]),
            "temperature": NumberType(unit="°C", min=5, max=30),
            "current_temperature": NumberType(unit="°C"),
        }
        actions = {
            "set_temperature": Action(params={"temperature": NumberType(unit="°C", min=5, max=30)}),
            "set_hvac_mode": Action(params={"hvac_mode": EnumType(values=["off", "heat", "cool", "auto"])}),
        }
    elif kind == "cover":
        props = {
            "state": EnumType(values=["open", "closed", "opening", "closing"]),
            "position": NumberType(unit="%", min=0, max=100),
        }
        actions = {
            "open_cover": Action(),
            "close_cover": Action(),
            "set_cover_position": Action(params={"position": NumberType(unit="%", min=0, max=100)}),
        }
    else:
        props = {"state": EnumType(values=["on", "off"]), "brightness": NumberType(min=0, max=255)}
        actions = {
            "turn_on": Action(params={"brightness_pct": NumberType(unit="%", min=0, max=100, optional=True)}),
            "turn_off": Action(),
            "toggle": Action(),
        }
    domain = "binary_sensor" if kind == "motion" else kind
    return Node(
        id=node_id, name=name, area=area, kind=domain, source=f"{domain}.{node_id}", properties=props, actions=actions
    )


def environment(size: int) -> Environment:
    return Environment(name=f"synthetic {size}", nodes=[_node(i) for i in range(size)])


def workflow_file(env: Environment, lines: int, seed: int = 7) -> str:
    """About `lines` lines of valid workflows over random nodes of `env`."""
    rng = random.Random(seed)
    by_kind: dict[str, list[Node]] = {}
    for node in env.nodes:
        by_kind.setdefault(node.id.rsplit("_", 2)[-2], []).append(node)
    out: list[str] = []
    i = 0
    while len(out) < lines:
        sensor = rng.choice(by_kind["sensor"]).id
        motion = rng.choice(by_kind["motion"]).id
        light = rng.choice(by_kind["light"]).id
        climate = rng.choice(by_kind["climate"]).id
        cover = rng.choice(by_kind["cover"]).id
        out += [
            f"# workflow {i}: keep the {sensor} area comfortable",
            f'workflow w{i} "Comfort {i}" {{',
            f"  when {sensor}.temperature > {rng.randint(18, 28)} °C for {rng.randint(1, 30)} min"
            f" or {motion}.motion becomes true",
            f"  if {climate}.state in [heat, auto] and not ({sensor}.humidity > 80 %)",
            f"  do {climate}.set_temperature(temperature: {rng.randint(16, 24)} °C)",
            f"     {light}.turn_on(brightness_pct: {rng.randint(1, 100)})",
            f"     wait {rng.randint(1, 10)} min",
            f"     {cover}.set_cover_position(position: {rng.randint(0, 100)})",
            f"  else {light}.turn_off()",
            "}",
            "",
        ]
        i += 1
    return "\n".join(out) + "\n"
