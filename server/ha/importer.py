"""Home Assistant states (`GET /api/states`) and services (`GET /api/services`) as an environment.

One node per entity: id from the object id (see `node_ids`), `source` the entity id, `kind` the
domain, `name` the friendly name; properties from the state and attributes (see `domains`; boolean
states are Home Assistant's "on"/"off"), actions from the services that target the entity (see
`service_actions`), events for buttons and event entities. Without a services export, or for a
domain or core service the export does not list, Home Assistant's core services are assumed
(`default_services`): a partial export then loses no core service.

Pure apart from `import_files`; the result is sorted by entity id, so the same home always gives the
same environment whatever order the export lists it in.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from wfl.schemas.environment import Environment, Node, ValueType

from .default_services import default_services
from .domains import PROPERTY_ALIASES, attribute_properties, entity_events, state_property
from .node_ids import assign_node_ids
from .service_actions import (
    Services,
    entity_actions,
    group_actions,
    legacy_notifiers,
    notifier_actions,
    service_index,
)

ENVIRONMENT_NAME = "Home Assistant"
SERVICE_PER_ENTITY = frozenset({"script"})
"""Domains whose every entity registers a service named after it (`script.morning_routine`). In
other domains an entity may happen to share a service's name (an `input_number.increment`)."""


def import_states(states: list[dict], services: list[dict] | None = None) -> Environment:
    """The environment of a Home Assistant installation. ValueError for a state without an entity id."""
    entities = _entities(states)
    exported = service_index(services)
    for entity_id, state in legacy_notifiers(exported).items():
        entities.setdefault(entity_id, state)
    known = default_services()
    core = {domain: set(listed) for domain, listed in known.items()}
    for domain, listed in exported.items():
        # A core service the export leaves out still exists (every installation has the core
        # services of a loaded domain). It comes after the export's own, whose specs and order win.
        known[domain] = {**listed, **{name: spec for name, spec in known.get(domain, {}).items() if name not in listed}}
    ids = assign_node_ids(entities)
    object_ids: dict[str, set[str]] = {}
    for entity_id in entities:
        domain, _, object_id = entity_id.partition(".")
        if domain in SERVICE_PER_ENTITY and object_id not in core.get(domain, ()):
            # Home Assistant refuses a script named after a core service (`script.turn_on`).
            object_ids.setdefault(domain, set()).add(object_id)
    nodes = [_node(ids[entity_id], entity_id, entities[entity_id], known, object_ids) for entity_id in sorted(entities)]
    return Environment(name=ENVIRONMENT_NAME, nodes=nodes)


def import_files(states_path: str | Path, services_path: str | Path | None = None) -> Environment:
    """`import_states` on JSON files; OSError if unreadable, ValueError if not the expected JSON."""
    states = _read_json(states_path)
    services = _read_json(services_path) if services_path is not None else None
    if not isinstance(states, list):
        raise ValueError(f"{states_path}: expected a list of states, as GET /api/states returns")
    if services is not None and not isinstance(services, list):
        raise ValueError(f"{services_path}: expected a list of domains, as GET /api/services returns")
    return import_states(states, services)


def _read_json(path: str | Path) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not JSON: {exc}") from exc


def _entities(states: list[dict]) -> dict[str, dict]:
    """Entity id -> state object; the first of repeated ids wins."""
    entities: dict[str, dict] = {}
    for state in states:
        entity_id = state.get("entity_id") if isinstance(state, dict) else None
        if not isinstance(entity_id, str) or "." not in entity_id.strip(".") or entity_id.startswith("."):
            raise ValueError(f"not a Home Assistant state (no `domain.object_id` entity_id): {str(state)[:80]}")
        entities.setdefault(entity_id, state)
    return entities


def _node(node_id: str, entity_id: str, state: dict, services: Services, object_ids: dict[str, set[str]]) -> Node:
    domain, _, object_id = entity_id.partition(".")
    own = object_id if object_id in object_ids.get(domain, ()) else ""
    siblings = frozenset(object_ids.get(domain, set()) - {object_id})
    attributes = state.get("attributes") if isinstance(state.get("attributes"), dict) else {}
    properties: dict[str, ValueType] = {}
    main = state_property(domain, state.get("state"), attributes)
    if main is not None:
        properties[main[0]] = main[1]
    for name, value_type in attribute_properties(domain, attributes).items():
        properties.setdefault(name, value_type)
    _add_aliases(properties)
    name = attributes.get("friendly_name")
    if domain == "group":
        actions = group_actions(attributes, services)
    else:
        actions = entity_actions(domain, attributes, services, own, siblings)
    if domain == "notify":
        actions = notifier_actions(object_id, actions, services)
    return Node(
        id=node_id,
        name=str(name) if name else None,
        kind=domain,
        source=entity_id,
        properties=properties,
        actions=actions,
        events=entity_events(domain, attributes),
    )


def _add_aliases(properties: dict[str, ValueType]) -> None:
    """Everyday words for each property, never one that names another property of the same node."""
    used = {name.casefold() for name in properties}
    for name, value_type in properties.items():
        for alias in PROPERTY_ALIASES.get(name, []):
            key = alias.casefold()
            if key not in used:
                used.add(key)
                value_type.aliases.append(alias)
