"""Export of workflows as Home Assistant automations: the exact automation for each construct."""

from __future__ import annotations

import json

import pytest
import yaml

from wfl.ha.export import ExportResult, dump_automations, export_file, export_workflow
from wfl.schemas.diagnostics import Severity
from wfl.schemas.workflow import ErrorAction, ErrorExpr, ErrorTrigger, File, Name, Ref, String, Wait

from .ha_support import (
    HOME,
    and_,
    at,
    becomes,
    call,
    changes,
    cmp,
    dur,
    every,
    not_,
    num,
    on,
    or_,
    ref,
    wait,
    when,
    workflow,
)

LIGHT_ON = call("hallway.turn_on")
LIGHT_ON_HA = {"service": "light.turn_on", "target": {"entity_id": "light.hallway"}}


def export(wf) -> ExportResult:
    return export_workflow(wf, HOME)


def only(wf) -> dict:
    result = export(wf)
    assert result.diagnostics == []
    assert len(result.automations) == 1
    return result.automations[0]


def trigger(t) -> list[dict]:
    return only(workflow("t", [t], actions=[LIGHT_ON]))["trigger"]


def condition(expr) -> list[dict]:
    return only(workflow("c", [at("07:00")], [expr], [LIGHT_ON]))["condition"]


def actions(*steps) -> list[dict]:
    return only(workflow("a", [at("07:00")], actions=steps))["action"]


# ---------------------------------------------------------------- the automation


def test_automation_has_the_classic_keys_in_order():
    auto = only(workflow("morning", [at("07:00")], actions=[LIGHT_ON], description="Light in the morning"))
    assert auto == {
        "id": "morning",
        "alias": "Light in the morning",
        "description": "Light in the morning",
        "mode": "single",
        "trigger": [{"platform": "time", "at": "07:00:00"}],
        "condition": [],
        "action": [LIGHT_ON_HA],
    }
    assert list(auto) == ["id", "alias", "description", "mode", "trigger", "condition", "action"]


def test_alias_falls_back_to_the_name():
    auto = only(workflow("morning", [at("07:00")], actions=[LIGHT_ON]))
    assert (auto["alias"], auto["description"]) == ("morning", "")


# ---------------------------------------------------------------- becomes / changes


def test_becomes_boolean_is_a_state_trigger_to_on():
    assert trigger(becomes("motion.occupancy", True)) == [
        {"platform": "state", "entity_id": "binary_sensor.hallway_motion", "to": "on"}
    ]


def test_becomes_enum_with_for():
    assert trigger(becomes("hallway.state", "off", for_=300)) == [
        {"platform": "state", "entity_id": "light.hallway", "to": "off", "for": "00:05:00"}
    ]


def test_becomes_on_an_attribute_keeps_native_values_and_converts_units():
    assert trigger(becomes("thermostat.temperature", num(68, "°F"))) == [
        {"platform": "state", "entity_id": "climate.living_room", "attribute": "temperature", "to": 20}
    ]
    assert trigger(becomes("thermostat.away", True)) == [
        {"platform": "state", "entity_id": "climate.living_room", "attribute": "preset_away", "to": True}
    ]


def test_becomes_a_number_held_in_the_state_compares_numbers_in_a_template():
    # The state is a string ("25.0"); `to: "25"` would never match it.
    assert trigger(becomes("kitchen.temperature", num(25, "°C"))) == [
        {"platform": "template", "value_template": "{{ states('sensor.kitchen_temperature')|float(0) == 25 }}"}
    ]


def test_changes_of_the_state_ignores_attribute_updates():
    assert trigger(changes("hallway.state", for_=90)) == [
        {"platform": "state", "entity_id": "light.hallway", "to": None, "for": "00:01:30"}
    ]


def test_changes_of_an_attribute():
    assert trigger(changes("kitchen.humidity")) == [
        {"platform": "state", "entity_id": "sensor.kitchen_temperature", "attribute": "humidity"}
    ]


# ---------------------------------------------------------------- when


def test_when_above_converts_fahrenheit_to_the_sensor_unit():
    (t,) = trigger(when(cmp("kitchen.temperature", ">", num(77, "°F")), for_=300))
    assert t == {
        "platform": "numeric_state",
        "entity_id": "sensor.kitchen_temperature",
        "above": 25.0,
        "for": "00:05:00",
    }


def test_when_below_on_an_attribute_and_literal_first():
    assert trigger(when(cmp(num(18, "°C"), ">", "thermostat.temperature"))) == [
        {"platform": "numeric_state", "entity_id": "climate.living_room", "attribute": "temperature", "below": 18}
    ]


def test_when_range_on_one_property_is_one_numeric_state():
    expr = and_(cmp("kitchen.humidity", ">", num(40, "%")), cmp("kitchen.humidity", "<", num(60, "%")))
    assert trigger(when(expr)) == [
        {
            "platform": "numeric_state",
            "entity_id": "sensor.kitchen_temperature",
            "attribute": "humidity",
            "above": 40,
            "below": 60,
        }
    ]


def test_when_equal_and_not_equal():
    assert trigger(when(cmp("sun.state", "==", "below_horizon"))) == [
        {"platform": "state", "entity_id": "sun.sun", "to": "below_horizon"}
    ]
    # Leaving the value is exactly "becomes different"; `not_to` would also fire between two other values.
    assert trigger(when(cmp("garage.state", "!=", "closed"))) == [
        {"platform": "state", "entity_id": "cover.garage_door", "from": "closed"}
    ]


def test_when_boolean_and_negated_boolean():
    assert trigger(when(ref("motion.occupancy"))) == [
        {"platform": "state", "entity_id": "binary_sensor.hallway_motion", "to": "on"}
    ]
    assert trigger(when(not_("motion.occupancy"), for_=600)) == [
        {"platform": "state", "entity_id": "binary_sensor.hallway_motion", "to": "off", "for": "00:10:00"}
    ]
    assert trigger(when(cmp("motion.occupancy", "==", False))) == trigger(when(not_("motion.occupancy")))


def test_when_in_and_not_in_lists():
    assert trigger(when(cmp("garage.state", "in", ["open", "opening"]))) == [
        {
            "platform": "state",
            "entity_id": "cover.garage_door",
            "to": ["open", "opening"],
            "not_from": ["open", "opening"],
        }
    ]
    assert trigger(when(cmp("garage.state", "not in", ["closed", "closing"]))) == [
        {
            "platform": "state",
            "entity_id": "cover.garage_door",
            "from": ["closed", "closing"],
            "not_to": ["closed", "closing"],
        }
    ]


@pytest.mark.parametrize(
    ("expr", "template"),
    [
        (
            cmp("kitchen.temperature", ">=", num(25, "°C")),
            "{{ states('sensor.kitchen_temperature')|float(0) >= 25 }}",
        ),
        (
            cmp("thermostat.temperature", "<=", num(50, "°F")),
            "{{ state_attr('climate.living_room', 'temperature')|float(0) <= 10 }}",
        ),
        (
            cmp("kitchen.temperature", ">", "thermostat.temperature"),
            "{{ states('sensor.kitchen_temperature')|float(0) > state_attr('climate.living_room', 'temperature')|float(0) }}",
        ),
        (
            or_("motion.occupancy", cmp("hallway.state", "==", "on")),
            "{{ is_state('binary_sensor.hallway_motion', 'on') or states('light.hallway') == 'on' }}",
        ),
        (
            and_(not_("thermostat.away"), cmp("sun.state", "!=", "above_horizon")),
            "{{ not is_state_attr('climate.living_room', 'preset_away', true) and states('sun.sun') != 'above_horizon' }}",
        ),
        (
            and_(or_("motion.occupancy", "thermostat.away"), cmp("alarm_clock.time", "<", "07:30")),
            "{{ (is_state('binary_sensor.hallway_motion', 'on') or is_state_attr('climate.living_room', 'preset_away', true))"
            " and states('input_datetime.alarm') < '07:30:00' }}",
        ),
        (
            or_(cmp("hallway.effect", "==", String(value="it's \\ on")), "motion.occupancy"),
            "{{ state_attr('light.hallway', 'effect') == 'it\\'s \\\\ on' or is_state('binary_sensor.hallway_motion', 'on') }}",
        ),
    ],
)
def test_when_anything_else_is_a_template_trigger(expr, template):
    assert trigger(when(expr, for_=60)) == [{"platform": "template", "value_template": template, "for": "00:01:00"}]


# ---------------------------------------------------------------- at / every / on


def test_at_times_entities_and_the_sun():
    assert trigger(at("07:00")) == [{"platform": "time", "at": "07:00:00"}]
    assert trigger(at("22:15:30")) == [{"platform": "time", "at": "22:15:30"}]
    assert trigger(at("alarm_clock.time")) == [{"platform": "time", "at": "input_datetime.alarm"}]
    assert trigger(at(("sunset", -1800))) == [{"platform": "sun", "event": "sunset", "offset": "-00:30:00"}]
    assert trigger(at(("sunrise", 3600 + 15 * 60))) == [{"platform": "sun", "event": "sunrise", "offset": "01:15:00"}]
    assert trigger(at("sunrise")) == [{"platform": "sun", "event": "sunrise"}]


def test_days_become_a_weekday_condition():
    auto = only(workflow("m", [at("07:00", ["weekdays"]), at("09:00", ["weekdays"])], actions=[LIGHT_ON]))
    assert auto["trigger"] == [{"platform": "time", "at": "07:00:00"}, {"platform": "time", "at": "09:00:00"}]
    assert auto["condition"] == [{"condition": "time", "weekday": ["mon", "tue", "wed", "thu", "fri"]}]
    daily = only(workflow("d", [at("07:00", ["daily"])], actions=[LIGHT_ON]))
    assert daily["condition"] == []


def test_days_on_some_triggers_only_apply_to_those_triggers():
    auto = only(
        workflow(
            "m",
            [at("07:00", ["weekdays"]), at("09:00", ["sat", "sunday"]), becomes("motion.occupancy", True)],
            [cmp("sun.state", "==", "below_horizon")],
            [LIGHT_ON],
        )
    )
    assert auto["trigger"] == [
        {"platform": "time", "at": "07:00:00", "id": "trigger_1"},
        {"platform": "time", "at": "09:00:00", "id": "trigger_2"},
        {"platform": "state", "entity_id": "binary_sensor.hallway_motion", "to": "on"},
    ]

    def only_for(ids, days):
        return {
            "condition": "or",
            "conditions": [
                {"condition": "not", "conditions": [{"condition": "trigger", "id": ids}]},
                {"condition": "time", "weekday": days},
            ],
        }

    assert auto["condition"] == [
        only_for(["trigger_1"], ["mon", "tue", "wed", "thu", "fri"]),
        only_for(["trigger_2"], ["sat", "sun"]),
        {"condition": "state", "entity_id": "sun.sun", "state": "below_horizon"},
    ]


@pytest.mark.parametrize(
    ("seconds", "pattern"),
    [
        (15, {"seconds": "/15"}),
        (60, {"minutes": "/1"}),
        (300, {"minutes": "/5"}),
        (3600, {"hours": "/1"}),
        (7200, {"hours": "/2"}),
    ],
)
def test_every_is_a_time_pattern(seconds, pattern):
    assert trigger(every(seconds)) == [{"platform": "time_pattern", **pattern}]


@pytest.mark.parametrize("seconds", [7 * 60, 90, 0.5, 86400, 5 * 3600])
def test_every_without_a_clock_pattern_is_reported(seconds):
    result = export(workflow("e", [every(seconds, span=(10, 22)), at("07:00")], actions=[LIGHT_ON]))
    assert [(d.code, d.span) for d in result.diagnostics] == [("export-unsupported", (10, 22))]
    assert result.automations[0]["trigger"] == [{"platform": "time", "at": "07:00:00"}]


def test_event_entity_triggers_on_any_event_and_checks_its_type():
    auto = only(workflow("r", [on("remote.double")], actions=[LIGHT_ON]))
    assert auto["trigger"] == [
        {
            "platform": "state",
            "entity_id": "event.living_room_remote",
            "not_from": ["unavailable"],
            "not_to": ["unavailable", "unknown"],
        }
    ]
    assert auto["condition"] == [
        {"condition": "state", "entity_id": "event.living_room_remote", "attribute": "event_type", "state": "double"}
    ]


def test_event_type_with_other_triggers_is_restricted_by_trigger_id():
    auto = only(workflow("r", [on("remote.double"), at("07:00")], actions=[LIGHT_ON]))
    assert auto["trigger"][0]["id"] == "trigger_1" and "id" not in auto["trigger"][1]
    assert auto["condition"] == [
        {
            "condition": "or",
            "conditions": [
                {"condition": "not", "conditions": [{"condition": "trigger", "id": ["trigger_1"]}]},
                {
                    "condition": "state",
                    "entity_id": "event.living_room_remote",
                    "attribute": "event_type",
                    "state": "double",
                },
            ],
        }
    ]


def test_button_and_plain_events():
    assert trigger(on("doorbell.pressed")) == [
        {
            "platform": "state",
            "entity_id": "input_button.doorbell",
            "not_from": ["unavailable"],
            "not_to": ["unavailable", "unknown"],
        }
    ]
    assert trigger(on("garage.opened")) == [
        {"platform": "event", "event_type": "opened", "event_data": {"entity_id": "cover.garage_door"}}
    ]


def test_adjacent_events_of_one_entity_share_a_trigger():
    auto = only(workflow("r", [on("remote.single"), on("remote.double"), at("07:00")], actions=[LIGHT_ON]))
    assert auto["trigger"] == [
        {
            "platform": "state",
            "entity_id": "event.living_room_remote",
            "not_from": ["unavailable"],
            "not_to": ["unavailable", "unknown"],
            "id": "trigger_1",
        },
        {"platform": "time", "at": "07:00:00"},
    ]
    assert auto["condition"][0]["conditions"][1] == {
        "condition": "state",
        "entity_id": "event.living_room_remote",
        "attribute": "event_type",
        "state": ["single", "double"],
    }


# ---------------------------------------------------------------- conditions


def test_state_conditions():
    assert condition(cmp("sun.state", "==", "below_horizon")) == [
        {"condition": "state", "entity_id": "sun.sun", "state": "below_horizon"}
    ]
    assert condition(cmp("hallway.state", "!=", "on")) == [
        {"condition": "not", "conditions": [{"condition": "state", "entity_id": "light.hallway", "state": "on"}]}
    ]
    assert condition(cmp("garage.state", "in", ["open", "opening"])) == [
        {"condition": "state", "entity_id": "cover.garage_door", "state": ["open", "opening"]}
    ]
    assert condition(ref("motion.occupancy")) == [
        {"condition": "state", "entity_id": "binary_sensor.hallway_motion", "state": "on"}
    ]
    assert condition(not_("motion.occupancy")) == [
        {"condition": "state", "entity_id": "binary_sensor.hallway_motion", "state": "off"}
    ]
    assert condition(ref("thermostat.away")) == [
        {"condition": "state", "entity_id": "climate.living_room", "attribute": "preset_away", "state": True}
    ]


def test_numeric_conditions_convert_units():
    assert condition(cmp("kitchen.temperature", "<", num(59, "°F"))) == [
        {"condition": "numeric_state", "entity_id": "sensor.kitchen_temperature", "below": 15}
    ]
    assert condition(cmp("thermostat.temperature", ">", num(293.15, "K"))) == [
        {"condition": "numeric_state", "entity_id": "climate.living_room", "attribute": "temperature", "above": 20}
    ]


def test_connectives_nest_and_top_level_and_is_flattened():
    expr = and_(
        or_("motion.occupancy", not_(cmp("sun.state", "==", "above_horizon"))),
        cmp("kitchen.temperature", ">=", num(20, "°C")),
    )
    assert condition(expr) == [
        {
            "condition": "or",
            "conditions": [
                {"condition": "state", "entity_id": "binary_sensor.hallway_motion", "state": "on"},
                {
                    "condition": "not",
                    "conditions": [{"condition": "state", "entity_id": "sun.sun", "state": "above_horizon"}],
                },
            ],
        },
        {"condition": "template", "value_template": "{{ states('sensor.kitchen_temperature')|float(0) >= 20 }}"},
    ]


# ---------------------------------------------------------------- actions


def test_calls_with_data_in_the_parameters_units():
    steps = actions(
        call("hallway.turn_on", brightness_pct=num(50, "%"), transition=dur(2), flash="short"),
        wait(90),
        call("thermostat.set_temperature", temperature=num(68, "°F")),
        call("alarm_clock.set_datetime", time="06:45"),
        call("hallway.turn_off"),
    )
    assert steps == [
        {
            "service": "light.turn_on",
            "target": {"entity_id": "light.hallway"},
            "data": {"brightness_pct": 50, "transition": 2, "flash": "short"},
        },
        {"delay": "00:01:30"},
        {"service": "climate.set_temperature", "target": {"entity_id": "climate.living_room"}, "data": {"temperature": 20}},
        {"service": "input_datetime.set_datetime", "target": {"entity_id": "input_datetime.alarm"}, "data": {"time": "06:45:00"}},
        {"service": "light.turn_off", "target": {"entity_id": "light.hallway"}},
    ]


def test_service_and_entity_fallbacks():
    assert actions(
        call("bathroom_fan.turn_on", percentage=num(40, "%")),
        call("shutter.open_cover"),
        call("phone.notify", message=String(value="Door open"), title=String(value="Garage")),
    ) == [
        {"service": "fan.turn_on", "target": {"entity_id": "fan.bathroom_fan"}, "data": {"percentage": 40}},
        {"service": "cover.open_cover", "target": {"entity_id": "cover.bedroom_shutter"}},
        {"service": "notify.mobile_app_phone", "data": {"message": "Door open", "title": "Garage"}},
    ]


def test_a_service_named_after_its_entity_takes_no_target():
    assert actions(call("tablet.notify", message=String(value="Door open"))) == [
        {"service": "notify.mobile_app_tablet", "data": {"message": "Door open"}}
    ]


def test_property_arguments_are_templates():
    assert actions(call("thermostat.set_temperature", temperature=ref("kitchen.temperature"))) == [
        {
            "service": "climate.set_temperature",
            "target": {"entity_id": "climate.living_room"},
            "data": {"temperature": "{{ states('sensor.kitchen_temperature')|float(0) }}"},
        }
    ]


def test_wait_formats_long_and_fractional_durations():
    assert actions(wait(26 * 3600 + 61), wait(1.5)) == [{"delay": "26:01:01"}, {"delay": "00:00:01.5"}]


def test_else_moves_conditions_into_if_then_else():
    auto = only(
        workflow(
            "night",
            [becomes("motion.occupancy", True), at("07:00", ["weekends"])],
            [cmp("sun.state", "==", "below_horizon"), cmp("kitchen.temperature", "<", num(18, "°C"))],
            [call("hallway.turn_on", brightness_pct=num(30, "%")), wait(120), call("hallway.turn_off")],
            [call("hallway.turn_off")],
        )
    )
    # The day restriction belongs to the trigger: it stays a top-level condition.
    assert auto["condition"] == [
        {
            "condition": "or",
            "conditions": [
                {"condition": "not", "conditions": [{"condition": "trigger", "id": ["trigger_2"]}]},
                {"condition": "time", "weekday": ["sat", "sun"]},
            ],
        }
    ]
    assert auto["action"] == [
        {
            "if": [
                {"condition": "state", "entity_id": "sun.sun", "state": "below_horizon"},
                {"condition": "numeric_state", "entity_id": "sensor.kitchen_temperature", "below": 18},
            ],
            "then": [
                {**LIGHT_ON_HA, "data": {"brightness_pct": 30}},
                {"delay": "00:02:00"},
                {"service": "light.turn_off", "target": {"entity_id": "light.hallway"}},
            ],
            "else": [{"service": "light.turn_off", "target": {"entity_id": "light.hallway"}}],
        }
    ]


# ---------------------------------------------------------------- diagnostics


def codes(result: ExportResult) -> list[tuple[str, tuple[int, int]]]:
    return [(d.code, d.span) for d in result.diagnostics]


def test_unknown_names_are_reported_at_their_span_and_skipped():
    wf = workflow(
        "broken",
        [
            when(cmp(ref("attic.temperature", span=(5, 22)), ">", num(30))),
            at("07:00"),
        ],
        [cmp(ref("kitchen.pressure", span=(30, 46)), ">", num(1))],
        [call("hallway.explode", span=(50, 65)), call("ghost.haunt", span=(70, 81)), LIGHT_ON],
    )
    wf.triggers[0].expr.left.node_span = (5, 10)
    wf.conditions[0].left.property_span = (38, 46)
    result = export(wf)
    assert codes(result) == [
        ("export-unknown-node", (5, 10)),
        ("export-unknown-property", (38, 46)),
        ("export-unknown-action", (50, 65)),
        ("export-unknown-action", (70, 81)),
    ]
    assert all(d.severity == Severity.ERROR for d in result.diagnostics)
    auto = result.automations[0]
    assert auto["trigger"] == [{"platform": "time", "at": "07:00:00"}]
    assert auto["condition"] == []
    assert auto["action"] == [LIGHT_ON_HA]


def test_a_node_without_entity_and_wrong_units():
    wf = workflow(
        "units",
        [when(cmp(ref("ghost.level", span=(1, 12)), ">", num(3)))],
        [cmp("kitchen.temperature", ">", num(5, "kg", span=(20, 24)))],
        [call("hallway.turn_on", brightness_pct=num(3, "km", span=(30, 34)))],
    )
    result = export(wf)
    assert codes(result) == [("export-no-entity", (1, 12)), ("export-unit", (20, 24)), ("export-unit", (30, 34))]
    assert result.diagnostics[1].data == {"unit": "kg", "expected": "°C"}


def test_error_nodes_never_raise():
    wf = workflow(
        "errors",
        [ErrorTrigger(message="x", span=(0, 3)), when(ErrorExpr(span=(4, 5))), when(Ref(node="motion", span=(6, 13)))],
        [ErrorExpr(span=(14, 15))],
        [ErrorAction(span=(16, 17)), Wait(duration=ErrorExpr(span=(18, 19)), span=(18, 19))],
    )
    result = export(wf)
    assert [d.code for d in result.diagnostics] == ["export-invalid"] * 6
    assert result.automations[0]["trigger"] == [] and result.automations[0]["action"] == []


def test_values_that_are_not_true_or_false_are_reported():
    wf = workflow(
        "truth",
        [when(ref("kitchen.temperature", span=(1, 20))), at(ref("hallway.state", span=(21, 34))), at("07:00")],
        [Name(name="below_horizon", span=(40, 53)), or_("motion.occupancy", Name(name="x", span=(60, 61)))],
        [LIGHT_ON],
    )
    result = export(wf)
    assert codes(result) == [
        ("export-type", (1, 20)),
        ("export-type", (21, 34)),
        ("export-type", (40, 53)),
        ("export-type", (60, 61)),
    ]
    assert result.automations[0]["condition"] == []


def test_workflow_level_warnings_and_duplicates():
    first = workflow("same", [], actions=[LIGHT_ON], else_actions=[LIGHT_ON])
    first.name_span = (9, 13)
    second = workflow("same", [at("07:00")], actions=[LIGHT_ON])
    second.name_span = (40, 44)
    result = export_file(File(workflows=[first, second]), HOME)
    assert codes(result) == [
        ("export-no-trigger", (9, 13)),
        ("export-unreachable-else", (0, 0)),
        ("export-duplicate-id", (40, 44)),
    ]
    assert [d.severity for d in result.diagnostics] == [Severity.WARNING, Severity.WARNING, Severity.ERROR]
    assert len(result.automations) == 1 and result.automations[0]["action"] == [LIGHT_ON_HA]


# ---------------------------------------------------------------- dumps


def sample() -> list[dict]:
    wf = workflow(
        "evening",
        [when(cmp("garage.state", "in", ["open", "opening"])), at(("sunset", -1800), ["weekdays"])],
        [cmp("hallway.state", "==", "off"), not_("motion.occupancy")],
        [call("hallway.turn_on", brightness_pct=num(40, "%")), wait(300)],
        [call("hallway.turn_off")],
        description="Évening light: it's dark",
    )
    return export(wf).automations


def test_yaml_dump_loads_back_and_quotes_home_assistant_strings():
    automations = sample()
    text = dump_automations(automations)
    assert yaml.safe_load(text) == automations
    assert "&id" not in text and "*id" not in text  # no anchors, even for repeated lists
    assert "state: 'off'" in text  # "off" unquoted would load as the boolean false
    assert "Évening" in text
    assert text.startswith("- id: evening\n")


def test_json_dump_loads_back():
    automations = sample()
    assert json.loads(dump_automations(automations, fmt="json")) == automations
    with pytest.raises(ValueError):
        dump_automations(automations, fmt="toml")  # type: ignore[arg-type]


# ---------------------------------------------------------------- from source text


def parse_or_skip(text: str) -> File:
    parser = pytest.importorskip("wfl.grammar.parser")
    result = parser.parse(text)
    assert result.diagnostics == []
    return result.file


def test_parsed_workflows_export():
    file = parse_or_skip(
        """
workflow humid_kitchen "Kitchen too warm" {
  when kitchen.temperature > 77 °F for 5 min or motion.occupancy becomes true
  if sun.state == below_horizon and hallway.state != "on"
  do hallway.turn_on(brightness_pct: 50 %, transition: 2 s)
     wait 2 min
     hallway.turn_off()
}

workflow morning {
  at 07:00 on weekdays or at sunset - 30 min
  do hallway.turn_on()
}
"""
    )
    result = export_file(file, HOME)
    assert result.diagnostics == []
    first, second = result.automations
    assert first["trigger"] == [
        {"platform": "numeric_state", "entity_id": "sensor.kitchen_temperature", "above": 25.0, "for": "00:05:00"},
        {"platform": "state", "entity_id": "binary_sensor.hallway_motion", "to": "on"},
    ]
    assert first["condition"] == [
        {"condition": "state", "entity_id": "sun.sun", "state": "below_horizon"},
        {"condition": "not", "conditions": [{"condition": "state", "entity_id": "light.hallway", "state": "on"}]},
    ]
    assert first["action"] == [
        {**LIGHT_ON_HA, "data": {"brightness_pct": 50, "transition": 2}},
        {"delay": "00:02:00"},
        {"service": "light.turn_off", "target": {"entity_id": "light.hallway"}},
    ]
    assert second["trigger"] == [
        {"platform": "time", "at": "07:00:00", "id": "trigger_1"},
        {"platform": "sun", "event": "sunset", "offset": "-00:30:00"},
    ]


def test_parsed_errors_are_located_in_the_text():
    text = "workflow w {\n  when attic.temperature > 30\n  do hallway.turn_on()\n}\n"
    file = parse_or_skip(text)
    (diagnostic,) = export_file(file, HOME).diagnostics
    assert diagnostic.code == "export-unknown-node"
    assert text[diagnostic.span[0] : diagnostic.span[1]] == "attic"
