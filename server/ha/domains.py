"""What an entity can be asked about: its state and attributes as typed properties, and its events.

Each domain's state has a known shape in Home Assistant (a cover is open/closed/opening/closing, a
person home/not_home, a sensor a number in a unit), so typing follows the domain first and the
entity's attributes second (a climate entity's `hvac_modes`, a select's `options`).

Booleans: Home Assistant writes boolean states as the strings "on" and "off". A `boolean` property
whose source is `state` (binary_sensor, input_boolean) therefore reads "on" as true; the exporter
writes true back as "on". Switch-like domains (light, switch, fan, ...) keep the `state` enum
["on", "off"] because that is how their automations compare them.

Every property records where it lives (`source`: `state` or `attributes.NAME`), so the exporter and
the automation importer never guess.
"""

from __future__ import annotations

from typing import Any, Callable

from wfl.grammar import units
from wfl.schemas.environment import (
    BooleanType,
    EnumType,
    Event,
    NumberType,
    StringType,
    TimeType,
    ValueType,
)

from .node_ids import sanitize

Attributes = dict[str, Any]

ON_OFF = ["on", "off"]
DEFAULT_HVAC_MODES = ["off", "heat", "cool", "heat_cool", "auto", "dry", "fan_only"]
WEATHER_CONDITIONS = [
    "clear-night", "cloudy", "exceptional", "fog", "hail", "lightning", "lightning-rainy", "partlycloudy",
    "pouring", "rainy", "snowy", "snowy-rainy", "sunny", "windy", "windy-variant",
]

STATE_VALUES: dict[str, list[str]] = {
    **{d: ON_OFF for d in ("light", "switch", "fan", "automation", "script", "remote", "siren", "humidifier")},
    "cover": ["open", "closed", "opening", "closing"],
    "valve": ["open", "closed", "opening", "closing"],
    "media_player": ["off", "on", "idle", "playing", "paused", "standby", "buffering"],
    "alarm_control_panel": [
        "disarmed", "armed_home", "armed_away", "armed_night", "armed_vacation", "armed_custom_bypass",
        "pending", "arming", "disarming", "triggered",
    ],
    "lock": ["locked", "unlocked", "locking", "unlocking", "jammed", "open", "opening"],
    "vacuum": ["cleaning", "docked", "idle", "paused", "returning", "error"],
    "lawn_mower": ["mowing", "docked", "paused", "returning", "error"],
    "person": ["home", "not_home"],
    "device_tracker": ["home", "not_home"],
    "sun": ["above_horizon", "below_horizon"],
    "timer": ["idle", "active", "paused"],
    "camera": ["idle", "recording", "streaming"],
    "weather": WEATHER_CONDITIONS,
}
"""Domains whose state is one of a fixed set of words."""

STATELESS = frozenset(
    {"scene", "notify", "button", "input_button", "event", "image", "tts", "stt", "wake_word", "conversation"}
)
"""Domains whose state is only the time of the last press/activation/message: nothing to compare."""

PROPERTY_ALIASES: dict[str, list[str]] = {
    "temperature": ["temp", "degrees", "warm", "cold", "hot"],
    "current_temperature": ["temp", "degrees", "warm", "cold", "hot"],
    "humidity": ["humid", "moisture"],
    "current_humidity": ["humid", "moisture"],
    "moisture": ["leak", "wet", "water"],
    "power": ["watts", "consumption", "usage", "load"],
    "energy": ["kwh", "consumption", "usage"],
    "battery": ["battery level", "charge"],
    "battery_level": ["battery", "charge"],
    "illuminance": ["light level", "lux", "dark", "bright"],
    "pressure": ["air pressure", "barometer"],
    "atmospheric_pressure": ["air pressure", "barometer"],
    "carbon_dioxide": ["co2"],
    "carbon_monoxide": ["co"],
    "pm25": ["particulates", "fine dust", "air quality"],
    "pm10": ["particulates", "dust"],
    "motion": ["movement", "moving"],
    "occupancy": ["presence", "occupied"],
    "presence": ["present", "home"],
    "door": ["open", "opened", "closed"],
    "garage_door": ["open", "opened", "closed"],
    "window": ["open", "opened", "closed"],
    "opening": ["open", "opened", "closed", "contact"],
    "smoke": ["fire"],
    "gas": ["gas leak"],
    "plug": ["plugged", "plugged in"],
    "connectivity": ["connected", "online"],
    "problem": ["fault", "error"],
    "sound": ["noise"],
    "voltage": ["volts"],
    "current": ["amps"],
    "monetary": ["price", "cost"],
    "data_rate": ["speed", "bandwidth"],
    "signal_strength": ["signal", "rssi"],
    "wind_speed": ["wind"],
    "precipitation": ["rain", "rainfall"],
    "brightness": ["dim", "level"],
    "color_temp_kelvin": ["colour temperature", "color temperature", "warmth"],
    "position": ["level", "how far open"],
    "volume_level": ["volume", "loudness"],
    "percentage": ["speed"],
    "is_volume_muted": ["muted", "mute"],
    "elevation": ["sun height", "altitude"],
}
"""Words people use for a property; the retriever matches requests against them."""

PERCENT_CLASSES = frozenset({"battery", "humidity", "moisture"})


def _percent(**extra: Any) -> NumberType:
    return NumberType(unit="%", min=0, max=100, **extra)


def temperature_unit(attributes: Attributes) -> str:
    unit = attributes.get("temperature_unit") or attributes.get("unit_of_measurement") or "°C"
    return units.canonical(str(unit))


def to_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _temperature(attributes: Attributes, source: str) -> NumberType:
    return NumberType(
        unit=temperature_unit(attributes),
        min=to_number(attributes.get("min_temp")),
        max=to_number(attributes.get("max_temp")),
        step=to_number(attributes.get("target_temp_step")),
        source=source,
    )


# attribute -> (property name, builder); added whenever the entity has the attribute
_ATTRIBUTE_NUMBERS: dict[str, tuple[str, Callable[[Attributes, str], ValueType]]] = {
    "brightness": ("brightness", lambda a, s: NumberType(min=0, max=255, source=s, description="0-255")),
    "color_temp_kelvin": (
        "color_temp_kelvin",
        lambda a, s: NumberType(
            unit="K", min=to_number(a.get("min_color_temp_kelvin")), max=to_number(a.get("max_color_temp_kelvin")), source=s
        ),
    ),
    "current_position": ("position", lambda a, s: _percent(source=s)),
    "current_tilt_position": ("tilt_position", lambda a, s: _percent(source=s)),
    "percentage": ("percentage", lambda a, s: _percent(source=s)),
    "volume_level": ("volume_level", lambda a, s: NumberType(min=0, max=1, source=s)),
    "current_temperature": ("current_temperature", lambda a, s: NumberType(unit=temperature_unit(a), source=s)),
    "temperature": ("temperature", lambda a, s: _temperature(a, s)),
    "target_temp_high": ("target_temp_high", lambda a, s: _temperature(a, s)),
    "target_temp_low": ("target_temp_low", lambda a, s: _temperature(a, s)),
    "current_humidity": ("current_humidity", lambda a, s: _percent(source=s)),
    "humidity": ("humidity", lambda a, s: _percent(source=s)),
    "battery_level": ("battery_level", lambda a, s: _percent(source=s)),
    "elevation": ("elevation", lambda a, s: NumberType(unit="°", min=-90, max=90, source=s)),
    "azimuth": ("azimuth", lambda a, s: NumberType(unit="°", min=0, max=360, source=s)),
    "pressure": ("pressure", lambda a, s: NumberType(unit=_unit(a, "pressure_unit"), source=s)),
    "wind_speed": ("wind_speed", lambda a, s: NumberType(unit=_unit(a, "wind_speed_unit"), source=s)),
    "is_volume_muted": ("is_volume_muted", lambda a, s: BooleanType(source=s)),
    "media_title": ("media_title", lambda a, s: StringType(source=s)),
    "media_artist": ("media_artist", lambda a, s: StringType(source=s)),
}

# attribute holding a current choice -> attribute listing the choices
_ATTRIBUTE_CHOICES: dict[str, str] = {
    "preset_mode": "preset_modes",
    "fan_mode": "fan_modes",
    "swing_mode": "swing_modes",
    "source": "source_list",
    "sound_mode": "sound_mode_list",
    "effect": "effect_list",
    "mode": "available_modes",
    "fan_speed": "fan_speed_list",
    "event_type": "event_types",
}

HVAC_ACTIONS = ["off", "preheating", "heating", "cooling", "drying", "idle", "fan", "defrosting"]


def _unit(attributes: Attributes, key: str) -> str | None:
    value = attributes.get(key)
    return units.canonical(str(value)) if value else None


def choices(attributes: Attributes, key: str) -> list[str]:
    """The string choices an attribute lists (`hvac_modes`, `options`), without duplicates."""
    raw = attributes.get(key)
    if not isinstance(raw, (list, tuple)):
        return []
    seen: dict[str, None] = {}
    for item in raw:
        if isinstance(item, (str, int, float)) and not isinstance(item, bool):
            seen.setdefault(str(item), None)
    return list(seen)


def _is_number(text: Any) -> bool:
    return to_number(text) is not None and str(text).strip().lower() not in ("nan", "inf", "-inf")


def _sensor(attributes: Attributes, state: Any) -> tuple[str, ValueType]:
    device_class = attributes.get("device_class")
    unit = attributes.get("unit_of_measurement")
    name = sanitize(str(device_class)) if device_class else "state"
    if device_class == "enum" or (attributes.get("options") and not unit):
        values = choices(attributes, "options")
        return "state", EnumType(values=values, source="state") if values else StringType(source="state")
    if device_class == "timestamp":
        return name, TimeType(has_date=True, source="state")
    if unit or attributes.get("state_class") or _is_number(state):
        number = NumberType(unit=units.canonical(str(unit)) if unit else None, source="state")
        if device_class in PERCENT_CLASSES and number.unit == "%":
            number.min, number.max = 0, 100
        return name, number
    return "state", StringType(source="state")


GROUP_STATES: tuple[tuple[str, ...], ...] = (tuple(ON_OFF), ("home", "not_home"), ("open", "closed"), ("locked", "unlocked"))
_MEMBER_STATES = {"person": 1, "device_tracker": 1, "cover": 2, "lock": 3}
"""The group state of members of these domains (index into `GROUP_STATES`); any other is on/off."""
_PEOPLE_WORDS = frozenset((
    "persons people residents family household everyone everybody inhabitants occupants parents "
    "personen bewohner familie eltern leute bewoners gezin familia famille habitants pessoas moradores "
    "residentes famiglia persone"
).split())
"""A group named so holds people ("group.residents"): home while anyone is."""


_LIGHT_WORDS = frozenset((
    "light lights lamps lighting licht lichter lampen beleuchtung verlichting lichten lumieres luces luzes luci "
    "eclairage iluminacion iluminacao illuminazione"
).split())
"""A group named so holds lights ("Outside lights", "Luces exteriores"), when the export does not
list its members."""


def _member_domains(attributes: Attributes) -> set[str]:
    """The domains of a group's members, as its `entity_id` attribute lists them."""
    members = attributes.get("entity_id")
    return {str(m).partition(".")[0] for m in members} if isinstance(members, list) and members else set()


def _name_words(attributes: Attributes) -> set[str]:
    return set(sanitize(str(attributes.get("friendly_name") or "")).lower().split("_"))


def group_members_domain(attributes: Attributes) -> str | None:
    """The one domain of a group's members: from their list, else "light" for a group named for
    lights; None when they are of several domains or unknown."""
    if domains := _member_domains(attributes):
        return domains.pop() if len(domains) == 1 else None
    return "light" if _name_words(attributes) & _LIGHT_WORDS else None


def _group(state: Any, attributes: Attributes) -> ValueType:
    """A group's state is its members': on/off, home/not_home, open/closed, locked/unlocked. The
    state says which (`home`), else the members' domains, else a name for people ("Residents")
    or for lights."""
    for values in GROUP_STATES:
        if state in values:
            return EnumType(values=list(values), source="state")
    domains = _member_domains(attributes)
    kinds = {_MEMBER_STATES.get(domain, 0) for domain in domains}
    if len(kinds) == 1:
        return EnumType(values=list(GROUP_STATES[kinds.pop()]), source="state")
    if not domains and _name_words(attributes) & _PEOPLE_WORDS:
        return EnumType(values=["home", "not_home"], source="state")
    if group_members_domain(attributes) == "light":
        return EnumType(values=list(ON_OFF), source="state")
    return StringType(source="state")


def state_property(domain: str, state: Any, attributes: Attributes) -> tuple[str, ValueType] | None:
    """The property that reads the entity's state, or None for domains whose state means nothing."""
    if domain in STATELESS:
        return None
    if domain == "sensor":
        return _sensor(attributes, state)
    if domain == "binary_sensor":
        device_class = attributes.get("device_class")
        return (sanitize(str(device_class)) if device_class else "state"), BooleanType(source="state")
    if domain == "input_boolean":
        return "state", BooleanType(source="state")
    if domain in ("update", "calendar"):
        meaning = "an update is available" if domain == "update" else "an event is in progress"
        return "state", BooleanType(source="state", description=f"on when {meaning}")
    if domain == "climate":
        return "state", EnumType(values=choices(attributes, "hvac_modes") or list(DEFAULT_HVAC_MODES), source="state")
    if domain == "water_heater":
        modes = choices(attributes, "operation_list")
        return "state", EnumType(values=modes, source="state") if modes else StringType(source="state")
    if domain in ("input_select", "select"):
        values = choices(attributes, "options")
        return "state", EnumType(values=values, source="state") if values else StringType(source="state")
    if domain in ("input_number", "number"):
        return "state", _settableto_number(attributes, "min", "max", "step")
    if domain == "counter":
        return "state", _settableto_number(attributes, "minimum", "maximum", "step")
    if domain in ("zone", "todo"):
        what = "people in the zone" if domain == "zone" else "open items"
        return "state", NumberType(min=0, source="state", description=f"number of {what}")
    if domain == "input_datetime":
        has_date = bool(attributes.get("has_date"))
        if has_date and attributes.get("has_time") is False:
            return "state", StringType(source="state", description="a date, YYYY-MM-DD")
        return "state", TimeType(has_date=has_date, source="state")
    if domain == "time":
        return "state", TimeType(source="state")
    if domain == "datetime":
        return "state", TimeType(has_date=True, source="state")
    if domain == "group":
        return "state", _group(state, attributes)
    if domain in STATE_VALUES:
        return "state", EnumType(values=list(STATE_VALUES[domain]), source="state")
    return "state", StringType(source="state")  # input_text, text, date and domains we do not know


def _settableto_number(attributes: Attributes, low: str, high: str, step: str) -> NumberType:
    unit = attributes.get("unit_of_measurement")
    return NumberType(
        unit=units.canonical(str(unit)) if unit else None,
        min=to_number(attributes.get(low)),
        max=to_number(attributes.get(high)),
        step=to_number(attributes.get(step)),
        source="state",
    )


def attribute_properties(domain: str, attributes: Attributes) -> dict[str, ValueType]:
    """Properties read from attributes the entity has (brightness, position, volume, modes...)."""
    found: dict[str, ValueType] = {}
    if domain == "light" and "brightness" not in attributes:
        modes = choices(attributes, "supported_color_modes")
        if any(mode != "onoff" for mode in modes):
            found["brightness"] = _ATTRIBUTE_NUMBERS["brightness"][1](attributes, "attributes.brightness")
    if domain == "cover" and "current_position" not in attributes:
        found["position"] = _percent(source="attributes.current_position")
    for attribute, (name, build) in _ATTRIBUTE_NUMBERS.items():
        if attribute in attributes:
            found[name] = build(attributes, f"attributes.{attribute}")
    for attribute, listing in _ATTRIBUTE_CHOICES.items():
        values = choices(attributes, listing)
        if values:
            found[attribute] = EnumType(values=values, source=f"attributes.{attribute}")
    if domain == "climate" and "hvac_action" in attributes:
        found["hvac_action"] = EnumType(values=list(HVAC_ACTIONS), source="attributes.hvac_action")
    return found


def entity_events(domain: str, attributes: Attributes) -> dict[str, Event]:
    """Button presses and event entities' event types, for `on NODE.EVENT` triggers."""
    if domain in ("button", "input_button"):
        return {"pressed": Event(description="the button was pressed")}
    if domain == "event":
        events: dict[str, Event] = {}
        for event_type in choices(attributes, "event_types"):
            name = sanitize(event_type, "event")
            events.setdefault(name, Event(description=f"event type {event_type!r}" if name != event_type else None))
        return events
    return {}
