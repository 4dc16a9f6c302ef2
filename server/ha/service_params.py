"""The type of one service field, for one entity.

Three sources, most specific first:
1. the entity itself: `hvac_mode` takes one of *this* thermostat's `hvac_modes`, `value` of an
   input_number lies between *its* min and max, `temperature` is in *its* unit;
2. the field's selector, when it says more than "text" (`number` with min/max/unit, `select`,
   `boolean`, `time`, `duration`, `color_temp`, ...);
3. well-known field names (`brightness_pct` is 0-100 %, `transition` seconds, ...), because many
   exports describe every field as text.
What workflows cannot write (colours as lists, objects, areas) is None: the field is left out.
"""

from __future__ import annotations

from typing import Any

from wfl.grammar import units
from wfl.schemas.environment import (
    BooleanType,
    DurationType,
    EnumType,
    NumberType,
    StringType,
    TimeType,
    ValueType,
)

from .domains import DEFAULT_HVAC_MODES, Attributes, choices, temperature_unit, to_number

# field name -> attribute listing the entity's choices for it
ENTITY_CHOICES: dict[str, str] = {
    "hvac_mode": "hvac_modes",
    "preset_mode": "preset_modes",
    "fan_mode": "fan_modes",
    "swing_mode": "swing_modes",
    "option": "options",
    "source": "source_list",
    "sound_mode": "sound_mode_list",
    "effect": "effect_list",
    "mode": "available_modes",
    "operation_mode": "operation_list",
    "fan_speed": "fan_speed_list",
}

_TEMPERATURES = frozenset({"temperature", "target_temp_high", "target_temp_low"})


def _percent() -> NumberType:
    return NumberType(unit="%", min=0, max=100)


NAMED: dict[str, Any] = {
    "brightness_pct": _percent,
    "brightness": lambda: NumberType(min=0, max=255),
    "brightness_step_pct": lambda: NumberType(unit="%", min=-100, max=100),
    "brightness_step": lambda: NumberType(min=-255, max=255),
    "percentage": _percent,
    "percentage_step": _percent,
    "position": _percent,
    "tilt_position": _percent,
    "humidity": _percent,
    "volume_level": lambda: NumberType(min=0, max=1),
    "transition": lambda: NumberType(unit="s", min=0),
    "seek_position": lambda: NumberType(unit="s", min=0),
    "delay_secs": lambda: NumberType(unit="s", min=0),
    "hold_secs": lambda: NumberType(unit="s", min=0),
    "num_repeats": lambda: NumberType(min=0),
    "color_temp_kelvin": lambda: NumberType(unit="K", min=2000, max=6500),
    "kelvin": lambda: NumberType(unit="K", min=2000, max=6500),
    "color_temp": lambda: NumberType(unit="mired", min=153, max=500),
    "timestamp": lambda: NumberType(),
    "is_volume_muted": BooleanType,
    "oscillating": BooleanType,
    "shuffle": BooleanType,
    "cycle": BooleanType,
    "skip_condition": BooleanType,
    "stop_actions": BooleanType,
    "away_mode": BooleanType,
    "direction": lambda: EnumType(values=["forward", "reverse"]),
    "flash": lambda: EnumType(values=["short", "long"]),
    "repeat": lambda: EnumType(values=["off", "all", "one"]),
    "enqueue": lambda: EnumType(values=["play", "next", "add", "replace"]),
    "duration": DurationType,
    "time": TimeType,
    "datetime": lambda: TimeType(has_date=True),
}
"""Types of well-known field names, used when the selector does not say."""

UNWRITABLE = frozenset(
    {"rgb_color", "rgbw_color", "rgbww_color", "xy_color", "hs_color", "white", "entity_id", "device_id", "area_id"}
)

_STRING_SELECTORS = frozenset(
    {
        "text", "entity", "icon", "theme", "language", "template", "attribute", "state", "config_entry",
        "conversation_agent", "addon", "backup_location", "country", "date", "assist_pipeline", "floor",
        "label", "statistic", "qr_code", "file", "trigger_id", "navigation",
    }
)


def param_type(name: str, spec: dict, attributes: Attributes, domain: str) -> ValueType | None:
    """The type of field `name` (its `/api/services` spec) for an entity of `domain`; None to leave it out."""
    if name in UNWRITABLE:
        return None
    selector = spec.get("selector") if isinstance(spec.get("selector"), dict) else {}
    kind, options = next(iter(selector.items()), (None, None))
    options = options if isinstance(options, dict) else {}
    found = _from_entity(name, attributes, domain, options)
    if found is None:
        found = _from_selector(kind, options)
    if found is None and name in NAMED:
        found = NAMED[name]()
    if found is None and (kind is None or kind in _STRING_SELECTORS):
        found = StringType()
    return found


def _from_entity(name: str, attributes: Attributes, domain: str, options: dict) -> ValueType | None:
    listing = ENTITY_CHOICES.get(name)
    if listing:
        values = choices(attributes, listing)
        if values:
            return EnumType(values=values)
        if name == "hvac_mode" and domain == "climate":
            return EnumType(values=list(DEFAULT_HVAC_MODES))
    if name in _TEMPERATURES and domain in ("climate", "water_heater"):
        return NumberType(
            unit=temperature_unit(attributes),
            min=to_number(attributes.get("min_temp")),
            max=to_number(attributes.get("max_temp")),
            step=to_number(attributes.get("target_temp_step")) or to_number(options.get("step")),
        )
    if name == "humidity" and ("min_humidity" in attributes or "max_humidity" in attributes):
        return NumberType(unit="%", min=to_number(attributes.get("min_humidity")), max=to_number(attributes.get("max_humidity")))
    if name in ("color_temp_kelvin", "kelvin") and "min_color_temp_kelvin" in attributes:
        return NumberType(
            unit="K", min=to_number(attributes.get("min_color_temp_kelvin")), max=to_number(attributes.get("max_color_temp_kelvin"))
        )
    if name == "value":
        return _value(domain, attributes)
    return None


def _value(domain: str, attributes: Attributes) -> ValueType | None:
    """`set_value`'s value takes the shape of the entity's own state."""
    if domain in ("input_number", "number", "counter"):
        low, high = ("minimum", "maximum") if domain == "counter" else ("min", "max")
        unit = attributes.get("unit_of_measurement")
        return NumberType(
            unit=units.canonical(str(unit)) if unit else None,
            min=to_number(attributes.get(low)),
            max=to_number(attributes.get(high)),
            step=to_number(attributes.get("step")),
        )
    if domain in ("input_text", "text"):
        return StringType()
    return None


def _from_selector(kind: str | None, options: dict) -> ValueType | None:
    if kind == "number":
        unit = options.get("unit_of_measurement")
        step = options.get("step")
        return NumberType(
            unit=units.canonical(str(unit)) if unit else None,
            min=to_number(options.get("min")),
            max=to_number(options.get("max")),
            step=to_number(step) if step != "any" else None,
        )
    if kind == "boolean":
        return BooleanType()
    if kind == "select":
        values = []
        for option in options.get("options") or []:
            value = option.get("value") if isinstance(option, dict) else option
            if value is not None and str(value) not in values:
                values.append(str(value))
        return EnumType(values=values) if values else StringType()
    if kind == "time":
        return TimeType()
    if kind == "datetime":
        return TimeType(has_date=True)
    if kind == "duration":
        return DurationType()
    if kind == "color_temp":
        mired = options.get("unit") == "mired"
        low = options.get("min", options.get("min_mireds"))
        high = options.get("max", options.get("max_mireds"))
        return NumberType(unit="mired" if mired else "K", min=to_number(low), max=to_number(high))
    return None
