"""An entity's actions: the services of its domain that can target it, with typed parameters.

Input is `/api/services` data (or the built-in table in the same shape). A service is offered to an
entity only when its `target` accepts the entity's domain (and, when both say, its supported
features); services without a target (reload, notify.persistent_notification) do not act on
entities and are left out. Fields that workflows cannot write are left out when optional, and kept
as strings when required, so that the checker still asks for them.
"""

from __future__ import annotations

from typing import Any

from wfl.schemas.environment import Action, StringType, ValueType

from .domains import Attributes, group_members_domain
from .node_ids import IDENTIFIER, sanitize
from .service_params import param_type

Services = dict[str, dict[str, dict[str, Any]]]
"""`{domain: {service: spec}}`."""

ACTION_ALIASES: dict[str, list[str]] = {
    "turn_on": ["switch on", "enable", "activate"],
    "turn_off": ["switch off", "disable", "deactivate"],
    "toggle": ["flip"],
    "open_cover": ["open", "raise"],
    "close_cover": ["close", "lower"],
    "stop_cover": ["halt"],
    "set_cover_position": ["set position"],
    "open_valve": ["open"],
    "close_valve": ["close"],
    "set_temperature": ["set temperature", "heat to", "cool to"],
    "set_hvac_mode": ["set mode"],
    "media_play": ["play", "resume"],
    "media_pause": ["pause"],
    "media_play_pause": ["play pause"],
    "media_next_track": ["next", "skip"],
    "media_previous_track": ["previous", "back"],
    "volume_set": ["set volume"],
    "volume_mute": ["mute"],
    "play_media": ["play media"],
    "select_option": ["select", "choose", "set"],
    "set_value": ["set"],
    "set_datetime": ["set", "set time"],
    "press": ["push"],
    "trigger": ["run", "fire"],
    "return_to_base": ["go home", "dock"],
    "alarm_arm_away": ["arm away"],
    "alarm_arm_home": ["arm home"],
    "alarm_arm_night": ["arm night"],
    "alarm_disarm": ["disarm"],
    "alarm_trigger": ["sound the alarm"],
    "increment": ["increase", "add one"],
    "decrement": ["decrease", "subtract one"],
    "send_message": ["notify", "send"],
}


def service_index(services: list[dict] | None) -> Services:
    """`/api/services` (a list of `{domain, services}`) as `{domain: {service: spec}}`."""
    index: Services = {}
    for entry in services or []:
        if isinstance(entry, dict) and isinstance(entry.get("services"), dict):
            index.setdefault(str(entry.get("domain")), {}).update(entry["services"])
    return index


def targets(spec: dict, domain: str, attributes: Attributes) -> bool:
    """Whether the service accepts an entity of `domain` with these attributes as its target."""
    target = spec.get("target")
    if not isinstance(target, dict):
        return "entity_id" in (spec.get("fields") or {})  # older exports: entity_id as a field
    filters = target.get("entity")
    if filters is None:
        return bool(target)
    filters = filters if isinstance(filters, list) else [filters]
    if not filters:
        return True
    return any(_filter_accepts(f, domain, attributes) for f in filters if isinstance(f, dict))


def _filter_accepts(entity_filter: dict, domain: str, attributes: Attributes) -> bool:
    domains = entity_filter.get("domain")
    if domains is not None:
        domains = [domains] if isinstance(domains, str) else domains
        if domain not in domains:
            return False
    return _features_match(entity_filter.get("supported_features"), attributes)


def _features_match(wanted: Any, attributes: Attributes) -> bool:
    """Home Assistant's rule: the entity supports at least one of the listed feature masks."""
    have = attributes.get("supported_features")
    if not wanted or not isinstance(have, int):
        return True
    masks = [w for w in (wanted if isinstance(wanted, list) else [wanted]) if isinstance(w, int)]
    return not masks or any(have & mask == mask for mask in masks)


def _fields(spec: dict) -> dict[str, dict]:
    """A service's fields, with collapsible sections (`advanced_fields: {fields: {...}}`) flattened."""
    flat: dict[str, dict] = {}
    for name, field in (spec.get("fields") or {}).items():
        if not isinstance(field, dict):
            continue
        if "selector" not in field and isinstance(field.get("fields"), dict):
            flat.update({k: v for k, v in field["fields"].items() if isinstance(v, dict)})
        else:
            flat[name] = field
    return flat


def _field_applies(field: dict, attributes: Attributes) -> bool:
    """A field's `filter` (by attribute values or features) against what the entity reports."""
    rules = field.get("filter")
    if not isinstance(rules, dict):
        return True
    if not _features_match(rules.get("supported_features"), attributes):
        return False
    for attribute, allowed in (rules.get("attribute") or {}).items():
        have = attributes.get(attribute)
        if have is None or not isinstance(allowed, list):
            continue
        have_values = have if isinstance(have, list) else [have]
        if not any(value in allowed for value in have_values):
            return False
    return True


def _params(spec: dict, domain: str, attributes: Attributes) -> dict[str, ValueType]:
    params: dict[str, ValueType] = {}
    for name, field in _fields(spec).items():
        if not _field_applies(field, attributes):
            continue
        required = field.get("required") is True
        value_type = param_type(name, field, attributes, domain)
        if value_type is None:
            if not required or name == "entity_id":
                continue
            value_type = StringType()
        value_type.optional = not required
        description = str(field.get("description") or field.get("name") or "")
        if description.strip().lower() != name.replace("_", " ") and not value_type.description:
            value_type.description = description or None  # a description that only repeats the name is noise
        key = name if IDENTIFIER.match(name) else sanitize(name, "field")
        if key != name:
            value_type.source = name
        params.setdefault(key, value_type)
    return params


def entity_actions(
    domain: str, attributes: Attributes, services: Services, object_id: str = "", siblings: frozenset[str] = frozenset()
) -> dict[str, Action]:
    """The actions an entity of `domain` offers, named after the services, in the services' order.
    A service named after the entity (`object_id`, for a script: `script.morning`) runs that
    entity alone: it is its own action when it takes fields (the script's variables, which
    `turn_on` cannot type), with or without a target, and never another entity's (`siblings`:
    the object ids of the domain's other entities)."""
    actions: dict[str, Action] = {}
    for service, spec in (services.get(domain) or {}).items():
        if not isinstance(spec, dict) or service in siblings:
            continue
        if service == object_id:
            if not _fields(spec):
                continue  # the same as `turn_on`, which the plan already offers
        elif not targets(spec, domain, attributes):
            continue
        name = service if IDENTIFIER.match(service) else sanitize(service, "service")
        description = spec.get("description") or spec.get("name")
        actions.setdefault(
            name,
            Action(
                description=str(description) if description else None,
                params=_params(spec, domain, attributes),
                source=f"{domain}.{service}",
            ),
        )
    _add_aliases(actions)
    return actions


GROUP_SWITCHED = frozenset({"light", "switch", "fan", "input_boolean"})
GROUP_ACTIONS = ("turn_on", "turn_off", "toggle")


def group_actions(attributes: Attributes, services: Services) -> dict[str, Action]:
    """A group of lights (or switches, fans, flags) is switched with its members' services:
    Home Assistant expands `light.turn_off` on `group.outside_lights` to each member. The
    `group` domain's own services (reload, set) target no entity, so a group offers nothing else."""
    domain = group_members_domain(attributes)
    if domain not in GROUP_SWITCHED:
        return {}
    actions = entity_actions(domain, {}, services)
    return {name: actions[name] for name in GROUP_ACTIONS if name in actions}


LEGACY_NOTIFIER_PREFIXES = ("mobile_app_",)
"""Notifiers that are services, never entities: the Companion app registers `notify.mobile_app_<phone>`
for each phone and no notify entity, so `notify.send_message` has no entity of theirs to target."""
NOT_NOTIFIERS = frozenset({"send_message", "persistent_notification"})
"""The notify domain's own services: the entity platform's and Home Assistant's own sidebar."""


def _legacy_notifier(services: Services, service: str) -> dict | None:
    """The spec of `notify.<service>` when it is a legacy notifier (a service of its own that
    takes no target), else None."""
    spec = (services.get("notify") or {}).get(service)
    if service in NOT_NOTIFIERS or not isinstance(spec, dict) or spec.get("target"):
        return None
    return spec


def legacy_notifiers(services: Services) -> dict[str, dict]:
    """A state for each legacy notifier the export lists (`notify.mobile_app_pixel`): Home
    Assistant has no entity for them, only the service, yet "notify my phone" must find them."""
    found: dict[str, dict] = {}
    for service in services.get("notify") or {}:
        if _legacy_notifier(services, service) is None:
            continue
        words = service.removeprefix("mobile_app_").replace("_", " ").strip()
        name = words[:1].upper() + words[1:]
        found[f"notify.{service}"] = {"entity_id": f"notify.{service}", "state": "unknown",
                                      "attributes": {"friendly_name": name or service}}
    return found


def notifier_actions(object_id: str, actions: dict[str, Action], services: Services) -> dict[str, Action]:
    """A notify state that is really a legacy notifier (`notify.mobile_app_pixel`, or one the export
    lists a service for under its own name) sends through that service, which takes the message and
    no target: its `send_message` is that service. Other notify entities keep `notify.send_message`."""
    listed = _legacy_notifier(services, object_id)
    if listed is None and not object_id.startswith(LEGACY_NOTIFIER_PREFIXES):
        return actions
    core = actions.get("send_message")
    params = {**(core.params if core else {}), **(_params(listed, "notify", {}) if listed else {})}
    description = (listed and (listed.get("description") or listed.get("name"))) or (core and core.description)
    legacy = Action(
        description=str(description) if description else None,
        params=params,
        aliases=core.aliases if core else [],
        source=f"notify.{object_id}",
    )
    return {"send_message": legacy, **{name: action for name, action in actions.items() if name != "send_message"}}


def _add_aliases(actions: dict[str, Action]) -> None:
    """Common verbs for each action, never one that names another action of the same entity."""
    used = {name.casefold() for name in actions}
    for name, action in actions.items():
        for alias in ACTION_ALIASES.get(name, []):
            key = alias.casefold()
            if key not in used:
                used.add(key)
                action.aliases.append(alias)
