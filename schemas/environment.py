"""The environment: the devices and services a workflow talks about.

Every type here is a msgspec Struct so that loading a 50,000-node file is a single C-speed decode,
and so that `environment.schema.json` is generated from the same definitions the code uses.

Property and parameter types are a tagged union on the field `type`, which is also how people write
them in YAML (`{type: number, unit: "°C"}`).
"""

from __future__ import annotations

from typing import Annotated, Union

import msgspec
from msgspec import Meta, Struct, field

Identifier = Annotated[
    str,
    Meta(
        pattern=r"^[^\W\d]\w*$",
        description="A name usable in workflows: a letter or underscore, then letters, digits, underscores.",
    ),
]


class _Typed(Struct, kw_only=True, omit_defaults=True, forbid_unknown_fields=True, tag_field="type"):
    """Fields every value type shares."""

    description: str | None = None
    aliases: list[str] = field(default_factory=list)
    source: str | None = None
    """Where the value lives in the source system: `state` for a Home Assistant entity's state,
    `attributes.NAME` for an attribute. None means: the state if the property is called `state`,
    otherwise the attribute of the same name."""
    optional: bool = False
    """For action parameters: whether the parameter may be left out."""


class NumberType(_Typed, tag="number"):
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    step: float | None = None


class BooleanType(_Typed, tag="boolean"):
    pass


class EnumType(_Typed, tag="enum"):
    values: list[str] = field(default_factory=list)


class StringType(_Typed, tag="string"):
    pass


class TimeType(_Typed, tag="time"):
    """A time of day (`07:30`) or a date and time, as Home Assistant's input_datetime holds."""

    has_date: bool = False


class DurationType(_Typed, tag="duration"):
    """A length of time, written `5 min` in workflows."""


ValueType = Union[NumberType, BooleanType, EnumType, StringType, TimeType, DurationType]

TYPE_NAMES: dict[type, str] = {
    NumberType: "number",
    BooleanType: "boolean",
    EnumType: "enum",
    StringType: "string",
    TimeType: "time",
    DurationType: "duration",
}


def type_name(value_type: ValueType) -> str:
    """The user-facing name of a value type (`number`, `enum`, ...)."""
    return TYPE_NAMES[type(value_type)]


class Action(Struct, kw_only=True, omit_defaults=True, forbid_unknown_fields=True):
    description: str | None = None
    params: dict[str, ValueType] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    source: str | None = None
    """The service this action calls in the source system (`light.turn_on`); None means
    `<node kind>.<action name>`."""


class Event(Struct, kw_only=True, omit_defaults=True, forbid_unknown_fields=True):
    description: str | None = None
    aliases: list[str] = field(default_factory=list)


class Node(Struct, kw_only=True, omit_defaults=True, forbid_unknown_fields=True):
    id: Identifier
    name: str | None = None
    area: str | None = None
    kind: str | None = None
    """What sort of thing this is (`light`, `sensor`, `climate`); for Home Assistant, the domain."""
    source: str | None = None
    """The node's identity in the source system, e.g. the Home Assistant entity id."""
    description: str | None = None
    aliases: list[str] = field(default_factory=list)
    properties: dict[str, ValueType] = field(default_factory=dict)
    actions: dict[str, Action] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)


class Environment(Struct, kw_only=True, omit_defaults=True, forbid_unknown_fields=True):
    """A home, office or plant: everything workflows may refer to."""

    name: str | None = None
    description: str | None = None
    nodes: list[Node] = field(default_factory=list)


def environment_json_schema() -> dict:
    """The JSON Schema editors use to validate environment files."""
    schema = msgspec.json.schema(Environment)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "wfl environment"
    return schema
