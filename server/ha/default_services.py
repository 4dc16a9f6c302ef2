"""Home Assistant's core entity services, for imports made without a `GET /api/services` export.

Written in the shape `/api/services` returns (`{domain: {service: {"fields": {...}}}}`, with real
selectors) so that one code path types both. Only entity-targeted services of the core domains and
their common fields are listed; an export from a real installation is always more complete.
"""

from __future__ import annotations

from typing import Any

Spec = dict[str, Any]


def _number(low: float | None = None, high: float | None = None, unit: str | None = None, step: float | None = None) -> dict:
    options = {k: v for k, v in (("min", low), ("max", high), ("unit_of_measurement", unit), ("step", step)) if v is not None}
    return {"number": options}


def field(selector: dict | None = None, required: bool = False, description: str | None = None) -> Spec:
    spec: Spec = {"selector": selector or {"text": {}}}
    if required:
        spec["required"] = True
    if description:
        spec["description"] = description
    return spec


def _select(*options: str) -> dict:
    return {"select": {"options": list(options)}}


TEXT = {"text": {}}
BOOLEAN = {"boolean": {}}
PERCENT = _number(0, 100, "%")
TRANSITION = field(_number(0, 300, "seconds", 0.1), description="Fade time")
CODE = field(TEXT, description="Code to arm or disarm")

_LIGHT_ON = {
    "transition": TRANSITION,
    "brightness_pct": field(PERCENT, description="Brightness in percent"),
    "brightness": field(_number(0, 255), description="Brightness, 0-255"),
    "brightness_step_pct": field(_number(-100, 100, "%"), description="Change brightness by this percentage"),
    "color_temp_kelvin": field({"color_temp": {"unit": "kelvin", "min": 2000, "max": 6500}}, description="Colour temperature"),
    "rgb_color": field({"color_rgb": {}}, description="Colour as red, green, blue"),
    "color_name": field(TEXT, description="A colour name, e.g. red"),
    "effect": field(TEXT, description="Light effect"),
    "flash": field(_select("short", "long"), description="Flash the light"),
}
_ON_OFF_TOGGLE: dict[str, Spec] = {"turn_on": {}, "turn_off": {}, "toggle": {}}

CORE: dict[str, dict[str, Spec]] = {
    "light": {
        "turn_on": _LIGHT_ON,
        "turn_off": {"transition": TRANSITION, "flash": _LIGHT_ON["flash"]},
        "toggle": _LIGHT_ON,
    },
    "switch": _ON_OFF_TOGGLE,
    "input_boolean": _ON_OFF_TOGGLE,
    "script": _ON_OFF_TOGGLE,
    "siren": {
        "turn_on": {"tone": field(TEXT), "volume_level": field(_number(0, 1, step=0.01)), "duration": field(_number(0, 3600, "seconds"))},
        "turn_off": {},
        "toggle": {},
    },
    "fan": {
        "turn_on": {"percentage": field(PERCENT), "preset_mode": field(TEXT)},
        "turn_off": {},
        "toggle": {},
        "set_percentage": {"percentage": field(PERCENT, required=True)},
        "set_preset_mode": {"preset_mode": field(TEXT, required=True)},
        "oscillate": {"oscillating": field(BOOLEAN, required=True)},
        "set_direction": {"direction": field(_select("forward", "reverse"), required=True)},
        "increase_speed": {"percentage_step": field(PERCENT)},
        "decrease_speed": {"percentage_step": field(PERCENT)},
    },
    "cover": {
        "open_cover": {},
        "close_cover": {},
        "stop_cover": {},
        "toggle": {},
        "set_cover_position": {"position": field(PERCENT, required=True, description="Target position")},
        "open_cover_tilt": {},
        "close_cover_tilt": {},
        "set_cover_tilt_position": {"tilt_position": field(PERCENT, required=True)},
    },
    "valve": {
        "open_valve": {},
        "close_valve": {},
        "stop_valve": {},
        "toggle": {},
        "set_valve_position": {"position": field(PERCENT, required=True)},
    },
    "climate": {
        "set_temperature": {
            "temperature": field(_number(0, 250, step=0.1), description="Target temperature"),
            "target_temp_high": field(_number(0, 250, step=0.1)),
            "target_temp_low": field(_number(0, 250, step=0.1)),
            "hvac_mode": field(TEXT),
        },
        "set_hvac_mode": {"hvac_mode": field(TEXT, required=True)},
        "set_preset_mode": {"preset_mode": field(TEXT, required=True)},
        "set_fan_mode": {"fan_mode": field(TEXT, required=True)},
        "set_swing_mode": {"swing_mode": field(TEXT, required=True)},
        "set_humidity": {"humidity": field(PERCENT, required=True)},
        "turn_on": {},
        "turn_off": {},
        "toggle": {},
    },
    "water_heater": {
        "set_temperature": {"temperature": field(_number(0, 250, step=0.5), required=True), "operation_mode": field(TEXT)},
        "set_operation_mode": {"operation_mode": field(TEXT, required=True)},
        "set_away_mode": {"away_mode": field(BOOLEAN, required=True)},
        "turn_on": {},
        "turn_off": {},
    },
    "humidifier": {
        "turn_on": {},
        "turn_off": {},
        "toggle": {},
        "set_humidity": {"humidity": field(PERCENT, required=True)},
        "set_mode": {"mode": field(TEXT, required=True)},
    },
    "media_player": {
        "turn_on": {},
        "turn_off": {},
        "toggle": {},
        "volume_up": {},
        "volume_down": {},
        "volume_set": {"volume_level": field(_number(0, 1, step=0.01), required=True)},
        "volume_mute": {"is_volume_muted": field(BOOLEAN, required=True)},
        "media_play": {},
        "media_pause": {},
        "media_play_pause": {},
        "media_stop": {},
        "media_next_track": {},
        "media_previous_track": {},
        "media_seek": {"seek_position": field(_number(0, 9e6, "seconds"), required=True)},
        "play_media": {
            "media_content_id": field(TEXT, required=True),
            "media_content_type": field(TEXT, required=True),
            "enqueue": field(_select("play", "next", "add", "replace")),
        },
        "select_source": {"source": field(TEXT, required=True)},
        "select_sound_mode": {"sound_mode": field(TEXT)},
        "shuffle_set": {"shuffle": field(BOOLEAN, required=True)},
        "repeat_set": {"repeat": field(_select("off", "all", "one"), required=True)},
        "clear_playlist": {},
        "unjoin": {},
    },
    "lock": {"lock": {"code": CODE}, "unlock": {"code": CODE}, "open": {"code": CODE}},
    "alarm_control_panel": {
        name: {"code": CODE}
        for name in (
            "alarm_disarm", "alarm_arm_home", "alarm_arm_away", "alarm_arm_night", "alarm_arm_vacation",
            "alarm_arm_custom_bypass", "alarm_trigger",
        )
    },
    "vacuum": {
        "start": {},
        "pause": {},
        "stop": {},
        "return_to_base": {},
        "clean_spot": {},
        "locate": {},
        "set_fan_speed": {"fan_speed": field(TEXT, required=True)},
        "send_command": {"command": field(TEXT, required=True)},
    },
    "lawn_mower": {"start_mowing": {}, "pause": {}, "dock": {}},
    "remote": {
        "turn_on": {"activity": field(TEXT)},
        "turn_off": {},
        "toggle": {},
        "send_command": {
            "command": field(TEXT, required=True),
            "device": field(TEXT),
            "num_repeats": field(_number(0, 255)),
            "delay_secs": field(_number(0, 60, "seconds", 0.1)),
        },
    },
    "camera": {
        "turn_on": {},
        "turn_off": {},
        "snapshot": {"filename": field(TEXT, required=True)},
        "enable_motion_detection": {},
        "disable_motion_detection": {},
    },
    "scene": {"turn_on": {"transition": TRANSITION}},
    "automation": {
        "trigger": {"skip_condition": field(BOOLEAN)},
        "turn_on": {},
        "turn_off": {"stop_actions": field(BOOLEAN)},
        "toggle": {},
    },
    "input_number": {"set_value": {"value": field(_number(), required=True)}, "increment": {}, "decrement": {}},
    "number": {"set_value": {"value": field(_number(), required=True)}},
    "input_select": {
        "select_option": {"option": field(TEXT, required=True)},
        "select_first": {},
        "select_last": {},
        "select_next": {"cycle": field(BOOLEAN)},
        "select_previous": {"cycle": field(BOOLEAN)},
    },
    "select": {
        "select_option": {"option": field(TEXT, required=True)},
        "select_first": {},
        "select_last": {},
        "select_next": {"cycle": field(BOOLEAN)},
        "select_previous": {"cycle": field(BOOLEAN)},
    },
    "input_text": {"set_value": {"value": field(TEXT, required=True)}},
    "text": {"set_value": {"value": field(TEXT, required=True)}},
    "input_datetime": {
        "set_datetime": {
            "date": field({"date": {}}),
            "time": field({"time": {}}),
            "datetime": field({"datetime": {}}),
        }
    },
    "date": {"set_value": {"date": field({"date": {}}, required=True)}},
    "time": {"set_value": {"time": field({"time": {}}, required=True)}},
    "datetime": {"set_value": {"datetime": field({"datetime": {}}, required=True)}},
    "button": {"press": {}},
    "input_button": {"press": {}},
    "counter": {"increment": {}, "decrement": {}, "reset": {}, "set_value": {"value": field(_number(0), required=True)}},
    "timer": {
        "start": {"duration": field({"duration": {}})},
        "pause": {},
        "cancel": {},
        "finish": {},
        "change": {"duration": field({"duration": {}}, required=True)},
    },
    "notify": {"send_message": {"message": field(TEXT, required=True), "title": field(TEXT)}},
    "update": {"install": {"version": field(TEXT), "backup": field(BOOLEAN)}, "skip": {}},
    "todo": {"add_item": {"item": field(TEXT, required=True)}, "remove_item": {"item": field(TEXT, required=True)}},
}


FEATURES: dict[tuple[str, str], list[int]] = {
    ("cover", "open_cover"): [1],
    ("cover", "close_cover"): [2],
    ("cover", "set_cover_position"): [4],
    ("cover", "stop_cover"): [8],
    ("cover", "toggle"): [1, 2],
    ("cover", "open_cover_tilt"): [16],
    ("cover", "close_cover_tilt"): [32],
    ("cover", "set_cover_tilt_position"): [128],
}
"""Home Assistant's `supported_features` filters (any listed mask suffices), so that a cover that
cannot tilt is not offered tilting, as in a real export."""


def default_services() -> dict[str, dict[str, Spec]]:
    """`{domain: {service: spec}}` in `/api/services` shape, every service targeting its own domain."""
    return {
        domain: {name: {"fields": fields, "target": {"entity": [_entity_filter(domain, name)]}} for name, fields in services.items()}
        for domain, services in CORE.items()
    }


def _entity_filter(domain: str, service: str) -> Spec:
    found: Spec = {"domain": [domain]}
    if (domain, service) in FEATURES:
        found["supported_features"] = FEATURES[domain, service]
    return found
