"""Where a workflow's names live in Home Assistant: entity ids, attributes and services.

The environment records, per node, the entity it came from (`source`) and, per property, whether it
is the entity's state or one of its attributes. The exporter reads those records forwards (a
`node.property` to an entity id and attribute), the automation importer backwards (an entity id and
attribute to a `node.property`); keeping both directions here keeps them consistent.
"""

from __future__ import annotations

from typing import NamedTuple

from wfl.grammar.builtins import CLOCK_ID
from wfl.schemas.environment import Action, Environment, Node, ValueType
from wfl.schemas.workflow import Ref, Span


class ExportProblem(Exception):
    """Something the exporter cannot translate; becomes a Diagnostic at `span`, never escapes export."""

    def __init__(self, code: str, message: str, span: Span, data: dict | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.span, self.data = code, message, span, data or {}


class Location(NamedTuple):
    """A property's place in Home Assistant: the state of `entity_id`, or its `attribute`."""

    node: Node
    entity_id: str
    attribute: str | None
    type: ValueType
    name: str


def entity_id(node: Node) -> str | None:
    """The node's entity id: its `source`, else `<kind>.<id>`, else None."""
    if node.source:
        return node.source
    if node.kind:
        return f"{node.kind}.{node.id}"
    return None


def attribute_of(name: str, prop: ValueType) -> str | None:
    """The attribute a property reads, None for the entity state; ValueError for other sources."""
    source = prop.source
    if source is None:
        return None if name == "state" else name
    if source == "state":
        return None
    if source.startswith("attributes.") and len(source) > len("attributes."):
        return source[len("attributes.") :]
    raise ValueError(source)


def service_of(node: Node, action_name: str, action: Action) -> str | None:
    """The service an action calls: its `source`, else `<kind>.<action>`, else `<entity domain>.<action>`."""
    if action.source:
        return action.source
    if node.kind:
        return f"{node.kind}.{action_name}"
    if node.source and "." in node.source:
        return f"{node.source.split('.', 1)[0]}.{action_name}"
    return None


class Places:
    """The environment indexed both ways: workflow names to Home Assistant ids and back."""

    def __init__(self, env: Environment) -> None:
        self.nodes: dict[str, Node] = {}
        self.by_entity: dict[str, Node] = {}
        for node in env.nodes:
            self.nodes.setdefault(node.id, node)
            entity = entity_id(node)
            if entity:
                self.by_entity.setdefault(entity, node)

    # ------------------------------------------------------------ forwards (export)

    def node(self, name: str, span: Span) -> Node:
        node = self.nodes.get(name)
        if node is None and name == CLOCK_ID:
            raise ExportProblem("export-unsupported", "Home Assistant reads the clock in conditions only (`if clock.time >= 22:00`)", span)
        if node is None:
            raise ExportProblem("export-unknown-node", f"`{name}` is not a node of the environment", span)
        return node

    def entity(self, node: Node, span: Span) -> str:
        entity = entity_id(node)
        if entity is None:
            raise ExportProblem(
                "export-no-entity",
                f"node `{node.id}` has no Home Assistant entity: give it a `source` (entity id) or a `kind`",
                span,
            )
        return entity

    def locate(self, ref: Ref) -> Location:
        node = self.node(ref.node, ref.node_span if ref.node_span != (0, 0) else ref.span)
        if ref.property is None:
            raise ExportProblem("export-invalid", f"`{ref.node}.` needs a property name", ref.span)
        prop = node.properties.get(ref.property)
        if prop is None:
            raise ExportProblem(
                "export-unknown-property",
                f"node `{node.id}` has no property `{ref.property}`",
                ref.property_span or ref.span,
            )
        entity = self.entity(node, ref.node_span if ref.node_span != (0, 0) else ref.span)
        try:
            attribute = attribute_of(ref.property, prop)
        except ValueError:
            raise ExportProblem(
                "export-unsupported",
                f"`{ref.node}.{ref.property}` reads `{prop.source}`; only `state` and `attributes.NAME` map to Home Assistant",
                ref.span,
            ) from None
        return Location(node, entity, attribute, prop, ref.property)

    def service(self, node: Node, action_name: str, span: Span) -> tuple[str, Action]:
        action = node.actions.get(action_name)
        if action is None:
            raise ExportProblem("export-unknown-action", f"node `{node.id}` has no action `{action_name}`", span)
        service = service_of(node, action_name, action)
        if service is None:
            raise ExportProblem(
                "export-no-service",
                f"cannot tell which service `{node.id}.{action_name}` calls: give the action a `source`",
                span,
            )
        return service, action

    # ------------------------------------------------------------ backwards (import)

    def node_of_entity(self, entity: str) -> Node | None:
        return self.by_entity.get(entity)

    def property_at(self, node: Node, attribute: str | None) -> tuple[str, ValueType] | None:
        """The node's property that reads the state (attribute None) or the given attribute."""
        for name, prop in node.properties.items():
            try:
                if attribute_of(name, prop) == attribute:
                    return name, prop
            except ValueError:
                continue
        return None

    def action_of_service(self, node: Node, service: str) -> tuple[str, Action] | None:
        for name, action in node.actions.items():
            if service_of(node, name, action) == service:
                return name, action
        return None
