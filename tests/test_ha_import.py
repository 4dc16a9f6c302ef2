"""Home Assistant import: every entity becomes one well-typed node, whatever the input order."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from wfl.ha.importer import import_files, import_states
from wfl.ha.node_ids import DOMAIN_PRIORITY, assign_node_ids, sanitize
from wfl.schemas.environment import (
    BooleanType,
    DurationType,
    EnumType,
    NumberType,
    StringType,
    TimeType,
)
from wfl.schemas.loader import dump_environment, parse_environment

HA = Path(__file__).resolve().parent / "data" / "ha"
HOMES = ["basnijholt", "miggi92", "smcnab1"]
IDENTIFIER = re.compile(r"^[^\W\d]\w*$")


def states_of(home: str) -> list[dict]:
    return json.loads((HA / home / "states.json").read_text(encoding="utf-8"))


def services_of(home: str) -> list[dict]:
    return json.loads((HA / home / "services.json").read_text(encoding="utf-8"))


def state(entity_id: str, value: str = "unknown", **attributes) -> dict:
    return {"entity_id": entity_id, "state": value, "attributes": attributes}


def node(env, entity_id: str):
    return next(n for n in env.nodes if n.source == entity_id)


# ----------------------------------------------------------------------------- the three homes


@pytest.mark.parametrize("home", HOMES)
def test_every_entity_becomes_exactly_one_node(home):
    states = states_of(home)
    env = import_files(HA / home / "states.json", HA / home / "services.json")
    assert sorted(n.source for n in env.nodes) == sorted(s["entity_id"] for s in states)
    assert len({n.id for n in env.nodes}) == len(env.nodes)
    assert [n.source for n in env.nodes] == sorted(n.source for n in env.nodes)
    assert env.name == "Home Assistant"
    for n in env.nodes:
        assert n.kind == n.source.split(".")[0]
        assert n.name == next(s for s in states if s["entity_id"] == n.source)["attributes"]["friendly_name"]


@pytest.mark.parametrize("home", HOMES)
def test_all_names_are_identifiers(home):
    env = import_states(states_of(home), services_of(home))
    for n in env.nodes:
        assert IDENTIFIER.match(n.id), n.id
        assert all(IDENTIFIER.match(name) for name in n.properties), n.properties
        assert all(IDENTIFIER.match(name) for name in n.actions), n.actions
        assert all(IDENTIFIER.match(name) for name in n.events), n.events
        for action in n.actions.values():
            assert all(IDENTIFIER.match(name) for name in action.params)


@pytest.mark.parametrize("home", HOMES)
def test_ids_do_not_depend_on_input_order(home):
    states = states_of(home)
    env = import_states(states, services_of(home))
    for seed in range(3):
        shuffled = states[:]
        random.Random(seed).shuffle(shuffled)
        services = services_of(home)
        random.Random(seed).shuffle(services)
        assert import_states(shuffled, services) == env


@pytest.mark.parametrize("home", HOMES)
@pytest.mark.parametrize("with_services", [True, False])
def test_imported_environment_passes_the_loader_checks(home, with_services):
    env = import_states(states_of(home), services_of(home) if with_services else None)
    for fmt in ("yaml", "json", "toml"):
        result = parse_environment(dump_environment(env, fmt), fmt=fmt)
        assert result.diagnostics == [], result.diagnostics[:3]
        assert result.environment == env


def test_collisions_keep_the_plain_id_for_the_priority_domain():
    env = import_states(states_of("basnijholt"), services_of("basnijholt"))
    ids = {n.source: n.id for n in env.nodes}
    assert ids["light.kitchen_counter"] == "kitchen_counter"
    assert ids["switch.kitchen_counter"] == "kitchen_counter_switch"
    assert ids["switch.dishwasher"] == "dishwasher"
    assert ids["binary_sensor.dishwasher"] == "dishwasher_binary_sensor"
    assert ids["media_player.kef_lsx"] == "kef_lsx"
    env = import_states(states_of("miggi92"))
    ids = {n.source: n.id for n in env.nodes}
    assert ids["sun.sun"] == "sun" and ids["sensor.sun"] == "sun_sensor"
    assert ids["calendar.2_hbl_spielplan"] == "calendar_2_hbl_spielplan"
    assert ids["lock.hausture"] == "hausture"
    assert ids["sensor.disk_"] == "disk_sensor"


def test_node_id_rules():
    assert sanitize("2nd_floor", "light") == "light_2nd_floor"
    assert sanitize("küche", "light") == "küche"
    assert sanitize("a-b.c", "x") == "a_b_c"
    ids = assign_node_ids(["light.a", "switch.a", "sensor.a_switch", "fan.a"])
    assert ids == {"light.a": "a", "fan.a": "a_fan", "sensor.a_switch": "a_switch", "switch.a": "a_switch_2"}
    assert DOMAIN_PRIORITY.index("light") < DOMAIN_PRIORITY.index("sensor") < DOMAIN_PRIORITY.index("automation")
    assert assign_node_ids(["zzz.a", "light.a"]) == {"light.a": "a", "zzz.a": "a_zzz"}


# ------------------------------------------------------------------------------------- typing


def test_climate():
    env = import_states(
        [
            state(
                "climate.living",
                "heat",
                friendly_name="Living",
                hvac_modes=["off", "heat", "auto"],
                current_temperature=20.5,
                temperature=21,
                min_temp=7,
                max_temp=35,
                preset_modes=["eco", "comfort"],
            )
        ]
    )
    n = env.nodes[0]
    assert n.properties["state"] == EnumType(values=["off", "heat", "auto"], source="state")
    current = n.properties["current_temperature"]
    assert isinstance(current, NumberType) and current.unit == "°C" and current.source == "attributes.current_temperature"
    assert "temp" in current.aliases
    target = n.properties["temperature"]
    assert (target.unit, target.min, target.max) == ("°C", 7, 35)
    assert n.properties["preset_mode"].values == ["eco", "comfort"]
    set_temperature = n.actions["set_temperature"]
    assert set_temperature.source == "climate.set_temperature"
    assert set_temperature.params["temperature"].unit == "°C"
    assert set_temperature.params["hvac_mode"] == EnumType(values=["off", "heat", "auto"], optional=True)
    assert n.actions["set_preset_mode"].params["preset_mode"].values == ["eco", "comfort"]
    assert n.actions["set_preset_mode"].params["preset_mode"].optional is False


def test_climate_in_fahrenheit():
    env = import_states([state("climate.x", "cool", temperature_unit="°F", current_temperature=70)])
    assert env.nodes[0].properties["current_temperature"].unit == "°F"
    assert env.nodes[0].actions["set_temperature"].params["temperature"].unit == "°F"


def test_cover():
    env = import_states(states_of("miggi92"), services_of("miggi92"))
    n = node(env, "cover.rolladen_kinderzimmer")
    assert n.properties["state"].values == ["open", "closed", "opening", "closing"]
    position = n.properties["position"]
    assert (position.unit, position.min, position.max, position.source) == ("%", 0, 100, "attributes.current_position")
    # The export lists four services; the core ones it leaves out (tilt, toggle) still exist.
    assert {"open_cover", "close_cover", "stop_cover", "set_cover_position", "toggle"} <= set(n.actions)
    param = n.actions["set_cover_position"].params["position"]
    assert (param.unit, param.min, param.max) == ("%", 0, 100)


def test_media_player():
    env = import_states(states_of("smcnab1"), services_of("smcnab1"))
    n = node(env, "media_player.bedroom")
    assert n.properties["state"].values == ["off", "on", "idle", "playing", "paused", "standby", "buffering"]
    volume = n.properties["volume_level"]
    assert (volume.min, volume.max, volume.source) == (0, 1, "attributes.volume_level")
    assert (n.actions["volume_set"].params["volume_level"].min, n.actions["volume_set"].params["volume_level"].max) == (0, 1)
    assert isinstance(n.actions["play_media"].params["media_content_id"], StringType)


def test_binary_sensor_is_named_after_its_device_class():
    env = import_states(states_of("smcnab1"), services_of("smcnab1"))
    motion = node(env, "binary_sensor.bathroom_motion")
    assert motion.properties == {"motion": BooleanType(source="state", aliases=["movement", "moving"])}
    assert motion.actions == {}
    door = node(env, "binary_sensor.front_door")
    assert set(door.properties) == {"door"}
    plain = node(env, "binary_sensor.backups_stale")
    assert set(plain.properties) == {"state"} and isinstance(plain.properties["state"], BooleanType)


def test_sensors():
    env = import_states(
        [
            state("sensor.bath_t", "21.5", unit_of_measurement="°C", device_class="temperature", state_class="measurement"),
            state("sensor.bath_h", "50", unit_of_measurement="%", device_class="humidity"),
            state("sensor.count", "3"),
            state("sensor.words", "hello"),
            state("sensor.choice", "a", device_class="enum", options=["a", "b"]),
            state("sensor.seen", "2024-01-01T00:00:00+00:00", device_class="timestamp"),
        ]
    )
    props = {n.source: n.properties for n in env.nodes}
    temp = props["sensor.bath_t"]["temperature"]
    assert (temp.unit, temp.source) == ("°C", "state") and temp.aliases[:2] == ["temp", "degrees"]
    humidity = props["sensor.bath_h"]["humidity"]
    assert (humidity.unit, humidity.min, humidity.max) == ("%", 0, 100)
    assert isinstance(props["sensor.count"]["state"], NumberType)
    assert isinstance(props["sensor.words"]["state"], StringType)
    assert props["sensor.choice"]["state"].values == ["a", "b"]
    assert props["sensor.seen"]["timestamp"] == TimeType(has_date=True, source="state")


def test_a_groups_state_comes_from_its_state_its_members_or_a_name_for_people():
    env = import_states([
        state("group.family", "home", friendly_name="Family"),
        {"entity_id": "group.blinds", "state": "unknown", "attributes": {"entity_id": ["cover.left", "cover.right"]}},
        {"entity_id": "group.lamps", "state": "unknown", "attributes": {"entity_id": ["light.a", "switch.b"]}},
        state("group.residents", "unknown", friendly_name="Residents"),
        state("group.bewohner", "unknown", friendly_name="Bewohner"),
        state("group.grouper", "unknown", friendly_name="Grouper"),
    ])
    values = {n.id: getattr(n.properties["state"], "values", None) for n in env.nodes}
    assert values["family"] == values["residents"] == values["bewohner"] == ["home", "not_home"]
    assert values["blinds"] == ["open", "closed"]
    assert values["lamps"] == ["on", "off"]
    assert values["grouper"] is None


def test_a_group_of_lights_or_switches_is_switched_with_its_members_services():
    env = import_states([
        state("group.outside_lights", "unknown", friendly_name="Luces exteriores"),
        {"entity_id": "group.plugs", "state": "on", "attributes": {"entity_id": ["switch.a", "switch.b"]}},
        {"entity_id": "group.mixed", "state": "on", "attributes": {"entity_id": ["light.a", "switch.b"]}},
        state("group.residents", "unknown", friendly_name="Residents"),
    ])
    nodes = {n.id: n for n in env.nodes}
    assert {name: a.source for name, a in nodes["outside_lights"].actions.items()} == {
        "turn_on": "light.turn_on", "turn_off": "light.turn_off", "toggle": "light.toggle"}
    assert nodes["outside_lights"].properties["state"].values == ["on", "off"]
    assert nodes["plugs"].actions["turn_off"].source == "switch.turn_off"
    assert nodes["mixed"].actions == {} and nodes["residents"].actions == {}


def test_helpers_and_other_domains():
    env = import_states(
        [
            state("input_boolean.guest", "off"),
            state("input_number.target", "20", min=10, max=30, step=0.5, unit_of_measurement="°C"),
            state("input_select.mode", "home", options=["home", "away"]),
            state("select.speed", "unknown"),
            state("input_datetime.wake", "07:00:00", has_date=False, has_time=True),
            state("input_datetime.when", "2024-01-01 07:00:00", has_date=True, has_time=True),
            state("input_text.note", "hi"),
            state("counter.cups", "2", minimum=0, maximum=10, step=1),
            state("person.anna", "home"),
            state("sun.sun", "above_horizon", elevation=30.5),
            state("timer.tea", "idle"),
            state("lock.front", "locked"),
            state("alarm_control_panel.home", "disarmed"),
            state("vacuum.robo", "docked"),
            state("weather.home", "sunny", temperature=12, temperature_unit="°C"),
            state("button.bell"),
            state("input_button.done"),
            state("event.doorbell", event_types=["ring", "long press"]),
            state("frobnicator.thing", "weird"),
            state("scene.movie"),
            state("light.desk", "on", brightness=128, supported_color_modes=["brightness"]),
        ]
    )
    n = {x.source: x for x in env.nodes}
    assert n["input_boolean.guest"].properties["state"] == BooleanType(source="state")
    target = n["input_number.target"].properties["state"]
    assert (target.min, target.max, target.step, target.unit) == (10, 30, 0.5, "°C")
    value = n["input_number.target"].actions["set_value"].params["value"]
    assert (value.min, value.max, value.unit, value.optional) == (10, 30, "°C", False)
    assert n["input_select.mode"].properties["state"].values == ["home", "away"]
    assert n["input_select.mode"].actions["select_option"].params["option"].values == ["home", "away"]
    assert isinstance(n["select.speed"].properties["state"], StringType)
    assert n["input_datetime.wake"].properties["state"] == TimeType(source="state")
    assert n["input_datetime.when"].properties["state"] == TimeType(has_date=True, source="state")
    assert isinstance(n["input_text.note"].properties["state"], StringType)
    assert (n["counter.cups"].properties["state"].min, n["counter.cups"].properties["state"].max) == (0, 10)
    assert n["person.anna"].properties["state"].values == ["home", "not_home"]
    assert n["sun.sun"].properties["state"].values == ["above_horizon", "below_horizon"]
    assert n["sun.sun"].properties["elevation"].source == "attributes.elevation"
    assert n["timer.tea"].properties["state"].values == ["idle", "active", "paused"]
    assert isinstance(n["timer.tea"].actions["start"].params["duration"], DurationType)
    assert "jammed" in n["lock.front"].properties["state"].values
    assert "armed_away" in n["alarm_control_panel.home"].properties["state"].values
    assert "docked" in n["vacuum.robo"].properties["state"].values
    assert "sunny" in n["weather.home"].properties["state"].values
    assert set(n["button.bell"].events) == {"pressed"} and set(n["button.bell"].actions) == {"press"}
    assert set(n["input_button.done"].events) == {"pressed"}
    assert set(n["event.doorbell"].events) == {"ring", "long_press"}
    assert n["event.doorbell"].properties["event_type"].values == ["ring", "long press"]
    assert n["frobnicator.thing"].properties == {"state": StringType(source="state")}
    assert n["frobnicator.thing"].actions == {}
    assert n["scene.movie"].properties == {} and set(n["scene.movie"].actions) == {"turn_on"}
    light = n["light.desk"]
    assert light.properties["state"].values == ["on", "off"]
    assert (light.properties["brightness"].min, light.properties["brightness"].max) == (0, 255)


# ------------------------------------------------------------------------------------ actions


def test_services_become_actions_with_params():
    env = import_states(states_of("miggi92"), services_of("miggi92"))
    light = node(env, "light.abstellkammerlicht")
    assert set(light.actions) == {"turn_on", "turn_off", "toggle"}
    turn_on = light.actions["turn_on"]
    assert turn_on.source == "light.turn_on"
    pct = turn_on.params["brightness_pct"]
    assert (pct.unit, pct.min, pct.max, pct.optional) == ("%", 0, 100, True)
    assert turn_on.params["transition"].unit == "s"
    assert turn_on.params["color_temp_kelvin"].unit == "K"
    assert "rgb_color" not in turn_on.params  # a list of three numbers: not writable in a workflow
    fan = node(env, "fan.buro_ventilator")
    assert fan.actions["set_percentage"].params["percentage"].max == 100
    timer = node(env, "timer.lichterkette")
    assert {"start", "cancel", "finish"} <= set(timer.actions)
    assert "turn_on" in node(env, "switch.lichterkette").actions


def test_services_of_other_domains_are_not_offered():
    env = import_states(states_of("basnijholt"), services_of("basnijholt"))
    for n in env.nodes:
        for action in n.actions.values():
            assert action.source.split(".")[0] == n.kind
    assert node(env, "sensor.daily_power").actions == {}


def test_a_scripts_own_service_is_its_action_alone():
    """`/api/services` lists a service per script (`script.water_front`); it runs that script and
    no other, and takes the script's fields, which `turn_on` cannot type."""
    core = {"target": {"entity": [{"domain": ["script"]}]}, "fields": {}}
    services = [{"domain": "script", "services": {
        "turn_on": core, "turn_off": core,
        "water_front": {"name": "Water front", "fields": {}, "target": {"entity": [{"domain": ["script"]}]}},
        "announce": {"name": "Announce", "fields": {"message": {"required": True, "selector": {"text": {}}}}},
    }}]
    env = import_states([state("script.water_front", "off"), state("script.announce", "off"), state("script.turn_on", "off")], services)
    actions = {node.id: node.actions for node in env.nodes}
    assert list(actions["water_front"]) == ["turn_on", "turn_off", "toggle"]
    assert list(actions["announce"]) == ["turn_on", "turn_off", "announce", "toggle"]
    assert actions["announce"]["announce"].source == "script.announce"
    assert list(actions["announce"]["announce"].params) == ["message"]
    # Home Assistant refuses a script named after a core service: it takes nothing from the others.
    assert "turn_on" in actions["water_front"]


def test_legacy_notifiers_send_through_their_own_service():
    """The Companion app's notifier (`notify.mobile_app_pixel`) is a service, not an entity: a
    state that names it, or a service the export lists without a state, sends through that
    service. A notify entity keeps `notify.send_message`, which targets it."""
    message = {"message": {"required": True, "selector": {"text": {}}}, "title": {"selector": {"text": {}}}}
    services = [{"domain": "notify", "services": {
        "send_message": {"fields": {"message": {"required": True, "selector": {"text": {}}}},
                         "target": {"entity": [{"domain": ["notify"]}]}},
        "persistent_notification": {"fields": message},
        "mobile_app_annas_pixel": {"name": "Send a notification via mobile_app_annas_pixel", "fields": message},
        "family": {"fields": message},
    }}]
    env = import_states([
        state("notify.mobile_app_pixel_10_pro", friendly_name="Pixel 10 Pro"),
        state("notify.family", friendly_name="Family"),
        state("notify.living_room_tv", friendly_name="Living room TV"),
    ], services)
    sources = {n.source: {name: a.source for name, a in n.actions.items()} for n in env.nodes}
    assert sources == {
        "notify.mobile_app_pixel_10_pro": {"send_message": "notify.mobile_app_pixel_10_pro"},
        "notify.mobile_app_annas_pixel": {"send_message": "notify.mobile_app_annas_pixel"},
        "notify.family": {"send_message": "notify.family"},
        "notify.living_room_tv": {"send_message": "notify.send_message"},
    }
    assert node(env, "notify.mobile_app_annas_pixel").name == "Annas pixel"
    assert list(node(env, "notify.family").actions["send_message"].params) == ["message", "title"]
    assert not node(env, "notify.mobile_app_pixel_10_pro").actions["send_message"].params["message"].optional
    # Without a services export the Companion app's notifier still takes no target.
    alone = import_states([state("notify.mobile_app_pixel_10_pro", friendly_name="Pixel 10 Pro")])
    assert alone.nodes[0].actions["send_message"].source == "notify.mobile_app_pixel_10_pro"


def test_real_selectors():
    services = [
        {
            "domain": "light",
            "services": {
                "turn_on": {
                    "name": "Turn on",
                    "description": "Turns on one or more lights.",
                    "fields": {
                        "transition": {"selector": {"number": {"min": 0, "max": 300, "unit_of_measurement": "seconds"}}},
                        "flash": {"selector": {"select": {"options": [{"value": "short", "label": "Short"}, "long"]}}},
                        "white": {"selector": {"constant": {"value": True, "label": "Enabled"}}},
                        "profile": {"selector": {"text": {}}},
                        "advanced_fields": {
                            "collapsed": True,
                            "fields": {"brightness": {"selector": {"number": {"min": 0, "max": 255}}}},
                        },
                    },
                    "target": {"entity": [{"domain": ["light"]}]},
                },
                "reload": {"name": "Reload", "fields": {}},
            },
        },
        {
            "domain": "climate",
            "services": {
                "set_temperature": {
                    "fields": {
                        "temperature": {"required": True, "selector": {"number": {"min": 0, "max": 250, "step": 0.1}}},
                        "at": {"selector": {"time": {}}},
                        "when": {"selector": {"datetime": {}}},
                        "for": {"selector": {"duration": {}}},
                        "eco": {"selector": {"boolean": {}}},
                        "warmth": {"selector": {"color_temp": {"unit": "mired", "min": 153, "max": 500}}},
                        "where": {"required": True, "selector": {"location": {}}},
                    },
                    "target": {"entity": {"domain": "climate"}},
                }
            },
        },
    ]
    env = import_states([state("light.a", "on"), state("climate.b", "heat", temperature_unit="°F")], services)
    light, climate = env.nodes[1], env.nodes[0]
    assert "turn_on" in light.actions and "reload" not in light.actions  # reload has no target
    params = light.actions["turn_on"].params
    assert (params["transition"].unit, params["transition"].max) == ("s", 300)
    assert params["flash"].values == ["short", "long"]
    assert "white" not in params
    assert isinstance(params["profile"], StringType)
    assert params["brightness"].max == 255
    assert light.actions["turn_on"].description == "Turns on one or more lights."
    params = climate.actions["set_temperature"].params
    assert (params["temperature"].unit, params["temperature"].optional) == ("°F", False)
    assert params["at"] == TimeType(optional=True)
    assert params["when"] == TimeType(has_date=True, optional=True)
    assert params["for"] == DurationType(optional=True)
    assert params["eco"] == BooleanType(optional=True)
    assert (params["warmth"].unit, params["warmth"].min) == ("mired", 153)
    assert params["where"] == StringType(optional=False)  # unwritable but required: kept so the checker asks


def test_target_filters_and_entity_id_fields():
    services = [
        {
            "domain": "cover",
            "services": {
                "set_cover_tilt_position": {
                    "fields": {"tilt_position": {"required": True, "selector": {"number": {"min": 0, "max": 100}}}},
                    "target": {"entity": [{"domain": ["cover"], "supported_features": [128]}]},
                },
                "old_style": {"fields": {"entity_id": {"selector": {"entity": {}}}, "speed": {"selector": {"text": {}}}}},
            },
        }
    ]
    env = import_states(
        [state("cover.tilting", supported_features=255), state("cover.plain", supported_features=15)], services
    )
    by = {n.source: n for n in env.nodes}
    assert {"set_cover_tilt_position", "open_cover_tilt", "old_style"} <= set(by["cover.tilting"].actions)
    # 15 = open, close, set position, stop: the core services it supports join, tilting does not.
    assert set(by["cover.plain"].actions) == {"old_style", "open_cover", "close_cover", "set_cover_position", "stop_cover", "toggle"}
    assert set(by["cover.plain"].actions["old_style"].params) == {"speed"}


def test_default_service_table_without_services():
    env = import_states(states_of("miggi92"))
    light = node(env, "light.abstellkammerlicht")
    assert {"turn_on", "turn_off", "toggle"} <= set(light.actions)
    assert light.actions["turn_on"].params["brightness_pct"].max == 100
    climate = node(env, "climate.daikinap90134")
    assert {"set_temperature", "set_hvac_mode", "turn_on", "turn_off"} <= set(climate.actions)
    assert climate.actions["set_hvac_mode"].params["hvac_mode"].values == ["off", "heat", "cool", "auto"]
    assert climate.actions["set_hvac_mode"].params["hvac_mode"].optional is False
    cover = node(env, "cover.rolladen_kinderzimmer")
    assert {"open_cover", "close_cover", "stop_cover", "set_cover_position"} <= set(cover.actions)
    lock = node(env, "lock.hausture")
    assert {"lock", "unlock"} <= set(lock.actions)
    alarm = node(env, "alarm_control_panel.alarm")
    assert {"alarm_arm_away", "alarm_arm_home", "alarm_arm_night", "alarm_disarm", "alarm_trigger"} <= set(alarm.actions)
    assert {"start", "return_to_base"} <= set(node(env, "vacuum.roomba").actions)
    assert set(node(env, "scene.before_haunting").actions) == {"turn_on"}
    assert {"turn_on", "turn_off"} <= set(node(env, "script.execute").actions)
    assert {"trigger", "turn_on", "turn_off"} <= set(node(env, "automation.foodreadynotif").actions)
    assert {"start", "cancel"} <= set(node(env, "timer.lichterkette").actions)
    assert set(node(env, "button.bcwmc5cg4100cy0_applause").actions) == {"press"}
    assert "select_option" in node(env, "input_select.background_image_service").actions
    assert "set_datetime" in node(env, "input_datetime.chores_notif_time").actions
    assert "set_value" in node(env, "input_number.dryer_cycle_consumption").actions
    assert node(env, "sensor.abstellkammertempsensor_humidity").actions == {}


def test_action_aliases_never_name_another_action():
    env = import_states(states_of("smcnab1"))
    for n in env.nodes:
        seen = {name.casefold() for name in n.actions}
        for action in n.actions.values():
            for alias in action.aliases:
                assert alias.casefold() not in seen
                seen.add(alias.casefold())


def test_bad_input():
    with pytest.raises(ValueError):
        import_states([{"state": "on"}])
    with pytest.raises(ValueError):
        import_states([{"entity_id": "no_domain", "state": "on"}])
    assert import_states([{"entity_id": "light.x"}]).nodes[0].name is None


def test_reserved_words_never_become_node_ids():
    from wfl.ha.importer import import_states

    env = import_states(
        [
            {"entity_id": "input_boolean.on", "state": "off", "attributes": {}},
            {"entity_id": "switch.wait", "state": "off", "attributes": {}},
        ]
    )
    assert sorted(n.id for n in env.nodes) == ["input_boolean_on", "switch_wait"]


def test_a_partial_services_export_keeps_the_core_services_and_its_own_specs():
    services = [{"domain": "input_number", "services": {"set_value": {
        "fields": {"value": {"required": True, "selector": {"number": {}}}, "note": {"selector": {"text": {}}}},
        "target": {"entity": [{"domain": ["input_number"]}]},
    }}}]
    env = import_states([state("input_number.cups", "3", min=0, max=50)], services)
    actions = env.nodes[0].actions
    assert {"set_value", "increment", "decrement"} <= set(actions)  # the export listed only set_value
    assert "note" in actions["set_value"].params  # and its own spec of set_value is kept
