"""Node ids for Home Assistant entities: short, valid identifiers, stable whatever the input order.

A node id is the entity's object id (`light.kitchen` -> `kitchen`), because that is what people call
the thing. Object ids repeat across domains (`light.kitchen`, `switch.kitchen`), so the entity whose
domain ranks first in `DOMAIN_PRIORITY` keeps the plain id and the others become `<id>_<domain>`
(`kitchen_switch`), then `<id>_<domain>_2`, ... if that is taken too. The ranking puts what people
control and talk about (lights, switches, climate) before what describes them (sensors) and before
helpers and bookkeeping (input_*, automations, groups), so the plain name goes to the likeliest
meaning of the word (`media_player.tv` over `switch.tv`, its plug).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from wfl.grammar.lexer import KEYWORDS

DOMAIN_PRIORITY: tuple[str, ...] = (
    # things people operate; a plain `switch` (often the plug of one of these) after the richer kinds
    "light", "fan", "cover", "climate", "lock", "media_player", "vacuum", "alarm_control_panel",
    "humidifier", "water_heater", "valve", "lawn_mower", "siren", "camera", "switch",
    # people, places and the sky
    "person", "sun", "zone", "weather",
    # readings
    "binary_sensor", "sensor", "device_tracker", "event",
    # device settings
    "number", "select", "button", "text", "date", "time", "datetime",
    # helpers
    "input_boolean", "input_number", "input_select", "input_datetime", "input_text", "input_button",
    "counter", "timer", "schedule",
    # bookkeeping
    "scene", "script", "automation", "group", "remote", "calendar", "todo", "update", "notify", "image",
)
_RANK = {domain: i for i, domain in enumerate(DOMAIN_PRIORITY)}

IDENTIFIER = re.compile(r"^[^\W\d]\w*$")
_NOT_WORD = re.compile(r"\W+")


def sanitize(name: str, prefix: str = "") -> str:
    """A valid identifier from any name: non-word runs become `_`; a leading digit gets `<prefix>_`."""
    text = _NOT_WORD.sub("_", name).strip("_") if _NOT_WORD.search(name) else name
    if not text:
        return prefix or "_"
    if not IDENTIFIER.match(text) or text in KEYWORDS:
        # a leading digit, or a word the language reserves (`on`, `for`): neither can be a name
        text = f"{prefix}_{text}" if prefix else f"{text}_" if text in KEYWORDS else f"_{text}"
    return text


def base_id(entity_id: str) -> str:
    """The id an entity would like: its object id, made a valid identifier."""
    domain, _, object_id = entity_id.partition(".")
    return sanitize(object_id, domain)


def _rank(entity_id: str) -> tuple[int, str, str]:
    domain = entity_id.partition(".")[0]
    return (_RANK.get(domain, len(_RANK)), domain, entity_id)


def assign_node_ids(entity_ids: Iterable[str]) -> dict[str, str]:
    """Entity id -> node id, unique and independent of the order of `entity_ids`."""
    groups: dict[str, list[str]] = defaultdict(list)
    for entity in set(entity_ids):
        groups[base_id(entity)].append(entity)
    result: dict[str, str] = {}
    losers: list[tuple[str, str]] = []
    for wanted, members in groups.items():
        members.sort(key=_rank)
        result[members[0]] = wanted
        losers.extend((entity, wanted) for entity in members[1:])
    taken = set(result.values())
    for entity, wanted in sorted(losers):
        stem = f"{wanted.rstrip('_') or wanted}_{sanitize(entity.partition('.')[0])}"
        candidate, number = stem, 2
        while candidate in taken:
            candidate, number = f"{stem}_{number}", number + 1
        taken.add(candidate)
        result[entity] = candidate
    return result
