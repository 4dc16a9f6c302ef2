"""Synthetic environments: random homes built from area words x device words, in both languages.

Why: three real homes are too few; a model trained on them alone learns their names. Random homes
with names composed the ways people compose them ("Kitchen ceiling light", "Küchenlicht",
"Licht Wohnzimmer", "Hue Go 2", "Anna's phone") teach the model where names stand in a sentence,
not which names exist. Nodes have the kinds, properties and actions a Home Assistant import gives.
"""

from __future__ import annotations

import random
import re
import unicodedata

from wfl.schemas.environment import (
    Action,
    BooleanType,
    EnumType,
    Environment,
    Node,
    NumberType,
    ValueType,
)

from .lexicon import (
    AREAS_DE,
    AREAS_EN,
    BRANDS,
    DEVICE_WORDS,
    MODES_DE,
    MODES_EN,
    PEOPLE,
    SCENES_DE,
    SCENES_EN,
)

_ON_OFF = ["turn_on", "turn_off", "toggle"]
_MEDIA = [
    "turn_on",
    "turn_off",
    "media_play",
    "media_pause",
    "media_stop",
    "volume_set",
    "play_media",
    "select_source",
]


def _onoff() -> EnumType:
    return EnumType(values=["on", "off"])


def _num(unit: str | None, lo: float, hi: float) -> NumberType:
    return NumberType(unit=unit, min=lo, max=hi)


def _kind_spec(kind: str, rng: random.Random) -> tuple[str, dict[str, ValueType], list[str]]:
    """(Home Assistant domain, properties, actions) for a synthetic device kind."""
    pct = _num("%", 0, 100)
    if kind == "light":
        return (
            "light",
            {"state": _onoff(), "brightness": _num(None, 0, 255)},
            ["turn_on", "turn_off", "toggle"],
        )
    if kind == "switch":
        return "switch", {"state": _onoff(), "power": _num("W", 0, 3600)}, _ON_OFF
    if kind == "fan":
        return (
            "fan",
            {"state": _onoff(), "percentage": pct},
            ["turn_on", "turn_off", "set_percentage"],
        )
    if kind == "cover":
        return (
            "cover",
            {"state": EnumType(values=["open", "closed", "opening", "closing"]), "position": pct},
            ["open_cover", "close_cover", "stop_cover", "set_cover_position"],
        )
    if kind == "climate":
        return (
            "climate",
            {
                "state": EnumType(values=["off", "heat", "cool", "auto"]),
                "current_temperature": _num("°C", -10, 40),
                "temperature": _num("°C", 7, 30),
            },
            ["set_temperature", "set_hvac_mode", "turn_on", "turn_off"],
        )
    if kind == "media_player":
        return (
            "media_player",
            {
                "state": EnumType(values=["off", "on", "idle", "playing", "paused", "standby"]),
                "volume_level": _num(None, 0, 1),
            },
            _MEDIA,
        )
    if kind == "lock":
        return (
            "lock",
            {"state": EnumType(values=["locked", "unlocked", "jammed", "open"])},
            ["lock", "unlock", "open"],
        )
    if kind == "vacuum":
        return (
            "vacuum",
            {
                "state": EnumType(
                    values=["cleaning", "docked", "idle", "paused", "returning", "error"]
                ),
                "battery_level": pct,
            },
            ["start", "stop", "pause", "return_to_base"],
        )
    if kind == "temperature":
        return "sensor", {"temperature": _num("°C", -20, 50), "humidity": pct, "battery": pct}, []
    if kind == "power":
        return "sensor", {"power": _num("W", 0, 10000), "energy": _num("kWh", 0, 100000)}, []
    if kind == "air":
        return (
            "sensor",
            {"carbon_dioxide": _num("ppm", 300, 5000), "pm25": _num("µg/m³", 0, 500)},
            [],
        )
    if kind == "lux":
        return "sensor", {"illuminance": _num("lx", 0, 10000)}, []
    if kind == "motion":
        return "binary_sensor", {"motion": BooleanType(), "battery": pct}, []
    if kind == "door":
        return "binary_sensor", {rng.choice(["door", "window", "opening"]): BooleanType()}, []
    if kind == "leak":
        return "binary_sensor", {"moisture": BooleanType()}, []
    if kind == "appliance":
        return (
            "sensor",
            {
                "state": EnumType(values=["idle", "running", "finished", "off"]),
                "power": _num("W", 0, 3000),
            },
            [],
        )
    if kind == "car":
        return (
            "sensor",
            {
                "battery": pct,
                "range": _num(rng.choice(["km", "mi"]), 0, 600),
                "plugged": BooleanType(),
            },
            ["start_charging", "stop_charging"],
        )
    if kind == "camera":
        return (
            "camera",
            {"state": EnumType(values=["idle", "recording", "streaming"])},
            ["snapshot", "turn_on", "turn_off"],
        )
    if kind == "button":
        return "button", {}, ["press"]
    return "switch", {"state": _onoff()}, _ON_OFF


_KIND_WEIGHTS = {
    "light": 10,
    "switch": 4,
    "fan": 2,
    "cover": 3,
    "climate": 2,
    "media_player": 3,
    "lock": 1,
    "vacuum": 1,
    "temperature": 4,
    "power": 2,
    "air": 1,
    "lux": 1,
    "motion": 4,
    "door": 3,
    "leak": 1,
    "appliance": 2,
    "car": 1,
    "camera": 1,
    "button": 1,
}


def slug(text: str) -> str:
    """A Home Assistant style object id: `Küchen Licht 2` -> `kuechen_licht_2`."""
    low = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    low = unicodedata.normalize("NFKD", low).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", low).strip("_") or "node"


def _name(rng: random.Random, lang: str, area: tuple[str, str], word: str) -> str:
    """A device name composed from an area and a device word the way people name things."""
    area_name, stem = area
    r = rng.random()
    if lang == "de":
        if r < 0.3 and " " not in word and "-" not in word and " " not in stem:
            return stem + word.lower()
        if r < 0.5:
            return f"{word} {area_name}"
        if r < 0.7:
            return f"{area_name} {word}"
        if r < 0.75:
            return f"{area_name}-{word}"
    else:
        if r < 0.6:
            return (
                f"{area_name} {word}".capitalize() if rng.random() < 0.7 else f"{area_name} {word}"
            )
        if r < 0.7:
            return f"{area_name.title()} {word} {rng.choice(['1', '2', 'left', 'right', 'ceiling', 'main', 'small'])}"
        if r < 0.75:
            return f"{word} {area_name}".capitalize()
    if r < 0.85:
        return f"{rng.choice(BRANDS)} {word}" + (
            f" {rng.randint(1, 4)}" if rng.random() < 0.3 else ""
        )
    if r < 0.92:
        person = rng.choice(PEOPLE)
        return f"{person}'s {word}" if lang == "en" else f"{person}s {word}"
    return word.capitalize() if lang == "en" else word


def synthetic_environment(seed: int, lang: str) -> Environment:
    """A random home; `lang` ("en", "de" or "mixed") decides the language of its names."""
    rng = random.Random(seed)
    n_areas = rng.randint(3, 10)
    areas: list[tuple[str, str]] = []
    for _ in range(n_areas):
        name_lang = lang if lang != "mixed" else rng.choice(["en", "de"])
        if name_lang == "de":
            areas.append(rng.choice(AREAS_DE))
        else:
            word = rng.choice(AREAS_EN)
            areas.append((word, word))
    nodes: list[Node] = []
    used: set[str] = set()
    kinds = list(_KIND_WEIGHTS)
    weights = list(_KIND_WEIGHTS.values())

    def add(node: Node) -> None:
        base, i = node.id, 2
        while node.id in used:
            node.id = f"{base}_{i}"
            i += 1
        used.add(node.id)
        nodes.append(node)

    for _ in range(rng.randint(15, 60)):
        kind = rng.choices(kinds, weights)[0]
        name_lang = lang if lang != "mixed" else rng.choice(["en", "de"])
        area = rng.choice(areas)
        words = DEVICE_WORDS[kind][1 if name_lang == "de" else 0]
        name = _name(rng, name_lang, area, rng.choice(words))
        domain, props, actions = _kind_spec(kind, rng)
        aliases = []
        if rng.random() < 0.3:
            aliases.append(
                f"{area[0]} {rng.choice(words)}".lower()
                if name_lang == "en"
                else f"{rng.choice(words)} {area[0]}"
            )
        node_id = slug(name) if rng.random() < 0.85 else f"{slug(rng.choice(BRANDS))}_{slug(name)}"
        add(
            Node(
                id=node_id,
                name=name,
                area=slug(area[0]) if rng.random() < 0.5 else area[0].lower(),
                kind=domain,
                source=f"{domain}.{node_id}",
                aliases=aliases,
                properties=props,
                actions={a: Action() for a in actions},
            )
        )
    # People, phones, modes and scenes: what requests name besides devices.
    for person in rng.sample(PEOPLE, rng.randint(1, 4)):
        add(
            Node(
                id=slug(person),
                name=person,
                kind="person",
                source=f"person.{slug(person)}",
                properties={"state": EnumType(values=["home", "not_home"])},
            )
        )
        phone = rng.choice(
            [
                f"{person}'s phone",
                f"{person} iPhone",
                f"Pixel {rng.randint(6, 9)}",
                f"mobile app {person.lower()} phone",
                f"{person}s Handy",
            ]
        )
        add(
            Node(
                id=slug(phone),
                name=phone,
                kind="notify",
                source=f"notify.mobile_app_{slug(phone)}",
                actions={"send_message": Action(aliases=["notify", "send"])},
            )
        )
    modes = MODES_DE if lang == "de" else MODES_EN if lang == "en" else MODES_EN + MODES_DE
    for mode in rng.sample(modes, rng.randint(1, 4)):
        add(
            Node(
                id=slug(mode),
                name=mode if lang == "de" else mode.capitalize(),
                kind="input_boolean",
                source=f"input_boolean.{slug(mode)}",
                properties={"state": BooleanType()},
                actions={a: Action() for a in _ON_OFF},
            )
        )
    scenes = SCENES_DE if lang == "de" else SCENES_EN if lang == "en" else SCENES_EN + SCENES_DE
    for scene in rng.sample(scenes, rng.randint(0, 4)):
        area = rng.choice(areas)[0]
        name = f"{area} {scene}" if rng.random() < 0.5 else scene
        add(
            Node(
                id=slug(name),
                name=name.capitalize(),
                kind="scene",
                source=f"scene.{slug(name)}",
                actions={"turn_on": Action(aliases=["activate"])},
            )
        )
    if rng.random() < 0.5:
        add(
            Node(
                id="alarm" if lang != "de" else "alarmanlage",
                name=rng.choice(["Alarm", "Home alarm", "Alarmanlage", "Alarmo"]),
                kind="alarm_control_panel",
                source="alarm_control_panel.alarm",
                properties={
                    "state": EnumType(
                        values=["disarmed", "armed_home", "armed_away", "armed_night", "triggered"]
                    )
                },
                actions={
                    a: Action()
                    for a in ["alarm_arm_home", "alarm_arm_away", "alarm_disarm", "alarm_trigger"]
                },
            )
        )
    return Environment(name=f"synthetic-{lang}-{seed}", nodes=nodes)
