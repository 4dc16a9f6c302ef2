"""The checker: every diagnostic code, with its location, message and quick-fix data."""

from __future__ import annotations

import msgspec
import pytest
import yaml
from hypothesis import given

from wfl.grammar.checker import CODES, check
from wfl.grammar.index import EnvIndex
from wfl.grammar.parser import parse
from wfl.schemas.diagnostics import Severity
from wfl.schemas.environment import Environment

from .strategies import damaged, programs

ENV = """
nodes:
  - id: kitchen_sensor
    name: Kitchen multisensor
    area: kitchen
    aliases: [kitchen thermometer]
    properties:
      temperature: {type: number, unit: "°C", min: -20, max: 50}
      motion: {type: boolean}
      label: {type: string}
  - id: kitchen_fan
    name: Kitchen fan
    properties:
      state: {type: enum, values: ["on", "off"]}
    actions:
      turn_on: {params: {percentage: {type: number, unit: "%", min: 0, max: 100, optional: true}}}
      set_mode: {params: {mode: {type: enum, values: [eco, boost]}}}
      turn_off: {}
  - id: sun
    properties:
      state: {type: enum, values: [above_horizon, below_horizon]}
  - id: wake_up
    properties:
      time: {type: time}
  - id: wall_switch
    events: {single_press: {}, double_press: {}}
"""


@pytest.fixture(scope="module")
def index() -> EnvIndex:
    return EnvIndex(msgspec.convert(yaml.safe_load(ENV), Environment))


def diagnose(index: EnvIndex, body: str) -> list[tuple[str, str]]:
    """(code, the source text the diagnostic points at) for a workflow body."""
    text = "workflow w {\n" + body + "\n}\n"
    result = parse(text)
    assert result.diagnostics == [], result.diagnostics
    return [(d.code, text[d.span[0] : d.span[1]]) for d in check(result.file, index)]


def only(index: EnvIndex, body: str):
    text = "workflow w {\n" + body + "\n}\n"
    diagnostics = check(parse(text).file, index)
    assert len(diagnostics) == 1, diagnostics
    d = diagnostics[0]
    return d, text[d.span[0] : d.span[1]]


def test_clean(index):
    assert diagnose(
        index,
        "when kitchen_sensor.temperature > 25 °C for 5 min or on wall_switch.double_press\n"
        "  or at wake_up.time or at 07:00 on weekdays\n"
        "if sun.state == below_horizon and kitchen_sensor.motion and kitchen_fan.state in [on]\n"
        "do kitchen_fan.turn_on(percentage: 50)\n"
        "   wait 2 min\n"
        "   kitchen_fan.set_mode(mode: eco)\n"
        "else kitchen_fan.turn_off()",
    ) == []


def test_unknown_node_with_candidates(index):
    d, where = only(index, "when kitchen_sensr.temperature > 3\ndo kitchen_fan.turn_off()")
    assert (d.code, where) == ("unknown-node", "kitchen_sensr")
    assert d.data["candidates"][0] == "kitchen_sensor"
    assert "did you mean `kitchen_sensor`" in d.message


def test_unknown_property_action_parameter_event(index):
    assert diagnose(index, "when kitchen_sensor.temp > 3\ndo kitchen_fan.turn_off()") == [("unknown-property", "temp")]
    assert diagnose(index, "when kitchen_sensor.motion\ndo kitchen_fan.turn_of()") == [("unknown-action", "turn_of")]
    assert diagnose(index, "when kitchen_sensor.motion\ndo kitchen_fan.turn_on(percent: 3)") == [("unknown-parameter", "percent")]
    assert diagnose(index, "on wall_switch.triple_press\ndo kitchen_fan.turn_off()") == [("unknown-event", "triple_press")]
    d, _ = only(index, "when kitchen_sensor.temprature > 3\ndo kitchen_fan.turn_off()")
    assert d.data["candidates"][0] == "temperature"


def test_type_errors(index):
    assert diagnose(index, "when kitchen_sensor.temperature > warm\ndo kitchen_fan.turn_off()") == [("type-mismatch", "warm")]
    assert diagnose(index, "when kitchen_sensor.motion == on\ndo kitchen_fan.turn_off()") == [("type-mismatch", "on")]
    assert diagnose(index, 'when kitchen_sensor.label == hello\ndo kitchen_fan.turn_off()') == [("type-mismatch", "hello")]
    assert diagnose(index, "when kitchen_sensor.temperature\ndo kitchen_fan.turn_off()") == [("not-boolean", "kitchen_sensor.temperature")]
    assert diagnose(index, "when kitchen_fan.state > on\ndo kitchen_fan.turn_off()") == [("invalid-operator", "on")]
    assert diagnose(index, "at kitchen_sensor.temperature\ndo kitchen_fan.turn_off()") == [("type-mismatch", "kitchen_sensor.temperature")]
    assert diagnose(index, "when kitchen_sensor.motion\ndo kitchen_fan.set_mode(mode: 3)") == [("type-mismatch", "3")]


def test_enum_values(index):
    d, where = only(index, "when sun.state == below_horizn\ndo kitchen_fan.turn_off()")
    assert (d.code, where) == ("unknown-enum-value", "below_horizn")
    assert d.data["candidates"][0] == "below_horizon"
    assert diagnose(index, "when sun.state becomes noon\ndo kitchen_fan.turn_off()") == [("unknown-enum-value", "noon")]
    assert diagnose(index, "when sun.state in [up, below_horizon]\ndo kitchen_fan.turn_off()") == [("unknown-enum-value", "up")]


def test_units(index):
    d, where = only(index, "when kitchen_sensor.temperature > 77 °F\ndo kitchen_fan.turn_off()")
    assert (d.code, where, d.severity) == ("unit-converted", "77 °F", Severity.HINT)
    assert d.data["text"] == "25 °C"
    assert diagnose(index, "when kitchen_sensor.temperature > 3 kWh\ndo kitchen_fan.turn_off()") == [("unit-mismatch", "3 kWh")]
    assert diagnose(index, "when kitchen_sensor.temperature > 300 K\ndo kitchen_fan.turn_off()") == [("unit-converted", "300 K")]


def test_ranges(index):
    d, where = only(index, "when kitchen_sensor.temperature > 80\ndo kitchen_fan.turn_off()")
    assert (d.code, where, d.severity) == ("out-of-range", "80", Severity.WARNING)
    assert diagnose(index, "when kitchen_sensor.motion\ndo kitchen_fan.turn_on(percentage: 120 %)") == [("out-of-range", "120 %")]
    # converted before comparing with the range: 200 °F is 93 °C, above the maximum of 50 °C
    codes = diagnose(index, "when kitchen_sensor.temperature > 200 °F\ndo kitchen_fan.turn_off()")
    assert ("out-of-range", "200 °F") in codes


def test_missing_and_duplicate_parameters(index):
    d, where = only(index, "when kitchen_sensor.motion\ndo kitchen_fan.set_mode()")
    assert (d.code, where, d.data) == ("missing-parameter", "set_mode", {"missing": ["mode"]})
    assert diagnose(index, "when kitchen_sensor.motion\ndo kitchen_fan.set_mode(mode: eco, mode: boost)") == [("duplicate-argument", "mode")]


def test_never_true(index):
    d, where = only(index, "when kitchen_sensor.motion\nif kitchen_sensor.temperature > 5 and kitchen_sensor.temperature < 3\ndo kitchen_fan.turn_off()")
    assert d.code == "never-true" and d.severity == Severity.WARNING
    assert where == "kitchen_sensor.temperature > 5 and kitchen_sensor.temperature < 3"
    assert diagnose(index, "when kitchen_sensor.motion\nif kitchen_sensor.temperature >= 5 and kitchen_sensor.temperature <= 5\ndo kitchen_fan.turn_off()") == []
    assert [c for c, _ in diagnose(index, "when kitchen_sensor.motion\nif kitchen_sensor.temperature > 5\nif kitchen_sensor.temperature < 5\ndo kitchen_fan.turn_off()")] == ["never-true"]
    assert [c for c, _ in diagnose(index, "when sun.state == above_horizon and sun.state == below_horizon\ndo kitchen_fan.turn_off()")] == ["never-true"]
    # or-ed comparisons can be true
    assert diagnose(index, "when kitchen_sensor.temperature > 5 or kitchen_sensor.temperature < 3\ndo kitchen_fan.turn_off()") == []


def test_node_used_as_value(index):
    d, where = only(index, "when kitchen_sensor\ndo kitchen_fan.turn_off()")
    assert (d.code, where) == ("missing-property", "kitchen_sensor")
    assert "temperature" in d.data["candidates"]


def test_duplicate_workflows_and_structure(index):
    text = "workflow a { every 5 min do kitchen_fan.turn_off() }\nworkflow a { every 5 min do kitchen_fan.turn_off() }\nworkflow b { }\n"
    codes = [(d.code, text[d.span[0] : d.span[1]]) for d in check(parse(text).file, index)]
    assert ("duplicate-workflow", "a") in codes
    assert ("no-trigger", "b") in codes and ("no-action", "b") in codes


def test_enum_on_is_a_value_and_booleans_need_on_off(index):
    assert diagnose(index, "when kitchen_fan.state == on or kitchen_fan.state becomes on\ndo kitchen_fan.turn_off()") == []
    assert diagnose(index, "when kitchen_fan.state == true\ndo kitchen_fan.turn_off()") == []
    assert diagnose(index, "when sun.state == true\ndo kitchen_fan.turn_off()") == [("type-mismatch", "true")]


def test_never_true_with_equalities_in_any_order(index):
    for cond in (
        "sun.state == above_horizon and sun.state == below_horizon",
        "sun.state != below_horizon and sun.state == below_horizon",
        "kitchen_sensor.temperature != 20 and kitchen_sensor.temperature == 20",
        "kitchen_sensor.temperature == 20 and kitchen_sensor.temperature != 20",
        "kitchen_sensor.motion == true and kitchen_sensor.motion == false",
    ):
        assert [c for c, _ in diagnose(index, f"when {cond}\ndo kitchen_fan.turn_off()")] == ["never-true"], cond


def test_days(index):
    assert [c for c, _ in diagnose(index, "at 07:00 on mon, funday\ndo kitchen_fan.turn_off()")] == ["unknown-day"]


def test_every_code_is_documented():
    for code in ("unknown-node", "unknown-property", "unknown-action", "unknown-parameter", "unknown-event",
                 "missing-parameter", "type-mismatch", "unknown-enum-value", "unit-mismatch", "out-of-range",
                 "never-true", "duplicate-workflow"):
        assert code in CODES


@given(programs().flatmap(damaged))
def test_checker_never_raises_on_damaged_programs(text):
    check(parse(text).file, _fuzz_index())


_cached: list[EnvIndex] = []


def _fuzz_index() -> EnvIndex:
    if not _cached:
        _cached.append(EnvIndex(msgspec.convert(yaml.safe_load(ENV), Environment)))
    return _cached[0]
