"""Environment files: every format loads, every problem is reported at the right place."""

from __future__ import annotations

import time

import msgspec
import pytest

from wfl.schemas.diagnostics import Diagnostic, Severity, format_diagnostic
from wfl.schemas.environment import Action, EnumType, Environment, Event, Node, NumberType, StringType, TimeType
from wfl.schemas.loader import dump_environment, load_environment, parse_environment
from wfl.schemas.text import LineIndex

YAML = """\
name: Test home
nodes:
  - id: kitchen
    name: Kitchen sensor
    properties:
      temperature: {type: number, unit: "°C", min: -20, max: 50}
      mode: {type: enum, values: [on, off]}
    actions:
      reset: {}
"""

JSON = """\
{
  "name": "Test home",
  "nodes": [
    {
      "id": "kitchen",
      "name": "Kitchen sensor",
      "properties": {
        "temperature": {"type": "number", "unit": "°C", "min": -20, "max": 50},
        "mode": {"type": "enum", "values": ["on", "off"]}
      },
      "actions": {"reset": {}}
    }
  ]
}
"""

TOML = """\
name = "Test home"

[[nodes]]
id = "kitchen"
name = "Kitchen sensor"

[nodes.properties]
temperature = {type = "number", unit = "°C", min = -20, max = 50}
mode = {type = "enum", values = ["on", "off"]}

[nodes.actions]
reset = {}
"""

EXPECTED = Environment(
    name="Test home",
    nodes=[
        Node(
            id="kitchen",
            name="Kitchen sensor",
            properties={
                "temperature": NumberType(unit="°C", min=-20.0, max=50.0),
                "mode": EnumType(values=["on", "off"]),
            },
            actions={"reset": Action()},
        )
    ],
)


def where(text: str, d: Diagnostic) -> str:
    """`line:col` (1-based) of a diagnostic's start."""
    return LineIndex(text).describe(d.span[0])


def only(result, code: str) -> Diagnostic:
    matching = [d for d in result.diagnostics if d.code == code]
    assert len(matching) == 1, result.diagnostics
    return matching[0]


# ------------------------------------------------------------------------------------ formats


@pytest.mark.parametrize(("fmt", "text"), [("yaml", YAML), ("json", JSON), ("toml", TOML)])
def test_each_format_loads(fmt, text):
    result = parse_environment(text, fmt=fmt)
    assert result.diagnostics == []
    assert result.environment == EXPECTED


@pytest.mark.parametrize(
    ("name", "text"),
    [("home.yaml", YAML), ("home.yml", YAML), ("home.json", JSON), ("home.toml", TOML), ("home.env", YAML)],
)
def test_load_environment_picks_the_format_from_the_extension(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = load_environment(path)
    assert result.path == str(path)
    assert result.text == text
    assert result.diagnostics == []
    assert result.environment == EXPECTED


def test_missing_file_is_an_io_diagnostic_not_an_exception(tmp_path):
    result = load_environment(tmp_path / "nowhere.yaml")
    assert result.environment is None
    assert [d.code for d in result.diagnostics] == ["env-io"]
    assert result.diagnostics[0].span == (0, 0)


def test_empty_yaml_and_toml_are_empty_environments():
    assert parse_environment("", fmt="yaml").environment == Environment()
    assert parse_environment("# nothing yet\n", fmt="yaml").environment == Environment()
    assert parse_environment("", fmt="toml").environment == Environment()


def test_yaml_follows_the_1_2_core_schema():
    text = "nodes:\n  - id: a\n    properties:\n      s: {type: enum, values: [on, off, yes, no, 07:30, 2024-01-01]}\n"
    env = parse_environment(text, fmt="yaml").environment
    assert env.nodes[0].properties["s"].values == ["on", "off", "yes", "no", "07:30", "2024-01-01"]


def test_yaml_anchors_aliases_and_merge_keys():
    text = """\
nodes:
  - id: a
    actions: &shared
      turn_on: {params: {level: {type: number, optional: true}}}
  - id: b
    actions: *shared
  - id: c
    actions:
      <<: *shared
      turn_off: {}
"""
    result = parse_environment(text, fmt="yaml")
    assert result.diagnostics == []
    a, b, c = result.environment.nodes
    assert a.actions == b.actions
    assert set(c.actions) == {"turn_on", "turn_off"}


# ------------------------------------------------------------------------------- syntax errors


def test_yaml_syntax_error_location():
    text = "nodes:\n  - id: a\n    aliases: [x, y\n  - id: b\n"
    d = only(parse_environment(text, fmt="yaml"), "env-syntax")
    assert where(text, d) == "4:7"  # libyaml's problem mark: the `:` that cannot be inside [...]
    assert "flow sequence at line 3, column 14" in d.message


def test_yaml_tab_indentation_error_location():
    text = "nodes:\n\t- id: a\n"
    d = only(parse_environment(text, fmt="yaml"), "env-syntax")
    assert where(text, d) == "2:1"


def test_json_syntax_error_location():
    text = '{\n  "nodes": [\n    {"id": "a",, }\n  ]\n}\n'
    d = only(parse_environment(text, fmt="json"), "env-syntax")
    assert where(text, d) == "3:16"
    assert d.message.startswith("invalid JSON")


def test_json_byte_offsets_become_character_offsets():
    text = '{"name": "Küche – Wärme 🌡", "nodes": [ }'
    d = only(parse_environment(text, fmt="json"), "env-syntax")
    assert d.span[0] == text.index("}")
    assert where(text, d) == f"1:{text.index('}') + 1}"


def test_json_truncated_points_at_the_end():
    text = '{"nodes": [{"id": "a"}'
    d = only(parse_environment(text, fmt="json"), "env-syntax")
    assert d.span == (len(text), len(text))


def test_toml_syntax_error_location():
    text = 'name = "x"\n\n[[nodes]]\nid = "a"\naliases = ["a",, "b"]\n'
    d = only(parse_environment(text, fmt="toml"), "env-syntax")
    assert where(text, d) == "5:16"
    assert d.message.startswith("invalid TOML")


# ------------------------------------------------------------------------------- schema errors


def test_unknown_property_type_yaml():
    text = "nodes:\n  - id: a\n  - id: b\n  - id: c\n  - id: d\n    properties:\n      temperature: {type: nubmer, unit: °C}\n"
    result = parse_environment(text, fmt="yaml")
    assert result.environment is None
    d = only(result, "env-schema")
    assert d.message == (
        'nodes[3].properties.temperature: unknown type "nubmer" '
        "(expected one of number, boolean, enum, string, time, duration)"
    )
    assert text[d.span[0] : d.span[1]] == "nubmer"
    assert where(text, d) == "7:27"
    assert d.data["candidates"][0] == "number"


def test_unknown_property_type_json_finds_the_right_key():
    text = (
        '{"nodes": [{"id": "a", "properties": {\n'
        '  "ok": {"type": "number"},\n'
        '  "bad": {"type": "colour"}\n'
        "}}]}"
    )
    d = only(parse_environment(text, fmt="json"), "env-schema")
    assert d.message.startswith('nodes[0].properties.bad: unknown type "colour"')
    assert text[d.span[0] : d.span[1]] == '"colour"'
    assert where(text, d) == "3:19"


def test_unknown_property_type_toml():
    text = '[[nodes]]\nid = "a"\n\n[[nodes]]\nid = "b"\n[nodes.properties]\ntemp = {type = "nubmer"}\n'
    d = only(parse_environment(text, fmt="toml"), "env-schema")
    assert d.message.startswith('nodes[1].properties.temp: unknown type "nubmer"')
    assert where(text, d) == "7:16"


def test_nested_dictionary_keys_are_named():
    text = """\
nodes:
  - id: lamp
    actions:
      turn_on:
        params:
          level: {type: number}
          speed: {type: number, max: fast}
"""
    d = only(parse_environment(text, fmt="yaml"), "env-schema")
    assert d.message == "nodes[0].actions.turn_on.params.speed.max: expected a number, got a string"
    assert text[d.span[0] : d.span[1]] == "fast"


def test_unknown_field_suggests_the_closest():
    text = "nodes:\n  - id: a\n    properties:\n      t: {type: number, unti: °C}\n"
    d = only(parse_environment(text, fmt="yaml"), "env-schema")
    assert d.message == 'nodes[0].properties.t: unknown field "unti" (did you mean "unit"?)'
    assert text[d.span[0] : d.span[1]] == "unti"


def test_unknown_node_field_json():
    text = '{"nodes": [\n  {"id": "a", "nmae": "A"}\n]}'
    d = only(parse_environment(text, fmt="json"), "env-schema")
    assert d.message == 'nodes[0]: unknown field "nmae" (did you mean "name"?)'
    assert where(text, d) == "2:15"


def test_missing_field_points_at_the_entry():
    text = "nodes:\n  - id: a\n    properties:\n      t: {unit: °C}\n"
    d = only(parse_environment(text, fmt="yaml"), "env-schema")
    assert d.message.startswith('nodes[0].properties.t: missing required field "type"')
    assert where(text, d) == "4:7"


def test_missing_node_id():
    text = "nodes:\n  - id: a\n  - name: Nameless\n"
    d = only(parse_environment(text, fmt="yaml"), "env-schema")
    assert d.message == 'nodes[1]: missing required field "id"'
    assert where(text, d) == "3:5"


def test_invalid_identifier():
    text = 'nodes:\n  - id: "3rd floor"\n'
    d = only(parse_environment(text, fmt="yaml"), "env-schema")
    assert d.message.startswith('nodes[0].id: "3rd floor" is not a valid identifier')
    assert where(text, d) == "2:9"


def test_yaml_number_where_text_is_expected_says_to_quote():
    text = "nodes:\n  - id: a\n    properties:\n      speed: {type: enum, values: [low, 2]}\n"
    d = only(parse_environment(text, fmt="yaml"), "env-schema")
    assert d.message == 'nodes[0].properties.speed.values[1]: expected a string, got an integer (quote it to make it text: "2")'
    assert where(text, d) == "4:41"


def test_non_string_key_is_located():
    text = "nodes:\n  - id: a\n    properties:\n      1: {type: number}\n"
    d = only(parse_environment(text, fmt="yaml"), "env-schema")
    assert d.message == 'nodes[0].properties: key "1" must be text: quote it'
    assert where(text, d) == "4:7"


def test_explicit_tags_and_deep_nesting_are_reported_not_raised():
    d = only(parse_environment("name: !!int abc\n", fmt="yaml"), "env-syntax")
    assert d.span == (6, 15)
    d = only(parse_environment("name: !secret x\n", fmt="yaml"), "env-syntax")
    assert "!secret" in d.message
    d = only(parse_environment("[" * 5000 + "]" * 5000, fmt="json"), "env-syntax")
    assert d.message == "nested too deeply"
    result = parse_environment("[" * 5000 + "]" * 5000, fmt="yaml")  # YAML is read without recursion
    assert result.environment is None and result.diagnostics[0].message == "expected a mapping, got a list"


def test_yaml_structure_errors_are_located():
    text = "name: a\n---\nname: b\n"
    d = only(parse_environment(text, fmt="yaml"), "env-syntax")
    assert "single document" in d.message and where(text, d) == "2:1"
    text = "nodes:\n  - id: a\n    actions: *missing\n"
    d = only(parse_environment(text, fmt="yaml"), "env-syntax")
    assert "missing" in d.message and where(text, d) == "3:14"
    text = "nodes:\n  - id: a\n    <<: [1]\n"
    d = only(parse_environment(text, fmt="yaml"), "env-syntax")
    assert d.message == "`<<` merges mappings only" and where(text, d) == "3:5"


def test_toml_value_of_the_wrong_type():
    text = '[[nodes]]\nid = "a"\nname = 2024-01-01\n'
    d = only(parse_environment(text, fmt="toml"), "env-schema")
    assert d.message == "nodes[0].name: expected a string, got a date"
    assert where(text, d) == "3:8"


def test_root_must_be_a_mapping():
    d = only(parse_environment("- id: a\n", fmt="yaml"), "env-schema")
    assert d.message == "expected a mapping, got a list"


def test_json_with_tabs_is_located():
    text = '{\n\t"nodes": [\n\t\t{"id": "a", "properties": {"t": {"type": "nubmer"}}}\n\t]\n}'
    d = only(parse_environment(text, fmt="json"), "env-schema")
    assert text[d.span[0] : d.span[1]] == '"nubmer"'
    assert where(text, d) == "3:44"


# ----------------------------------------------------------------------------- semantic checks


def test_duplicate_node_ids_keep_the_first():
    text = "nodes:\n  - id: lamp\n    name: First\n  - id: other\n  - id: lamp\n    name: Second\n"
    result = parse_environment(text, fmt="yaml")
    d = only(result, "env-duplicate-node")
    assert d.message == 'duplicate node id "lamp" (first defined on line 2)'
    assert d.severity == Severity.ERROR
    assert where(text, d) == "5:9"
    assert [n.id for n in result.environment.nodes] == ["lamp", "other"]
    assert result.environment.nodes[0].name == "First"


def test_duplicate_node_ids_json_and_toml():
    text = '{"nodes": [\n{"id": "a"},\n{"id": "a"}\n]}'
    d = only(parse_environment(text, fmt="json"), "env-duplicate-node")
    assert d.message.endswith("(first defined on line 2)")
    assert where(text, d) == "3:8"
    text = '[[nodes]]\nid = "a"\n\n[[nodes]]\nid = "a"\n'
    d = only(parse_environment(text, fmt="toml"), "env-duplicate-node")
    assert d.message.endswith("(first defined on line 2)")
    assert where(text, d) == "5:6"


def test_empty_enum_and_bad_range_keep_the_environment():
    text = """\
nodes:
  - id: a
    properties:
      mode: {type: enum, values: []}
      level: {type: number, min: 10, max: 1}
    actions:
      set:
        params:
          choice: {type: enum}
"""
    result = parse_environment(text, fmt="yaml")
    assert result.environment is not None
    empty = [d for d in result.diagnostics if d.code == "env-empty-enum"]
    assert [where(text, d) for d in empty] == ["4:34", "9:11"]
    assert empty[1].message == 'parameter "choice" of action "set" of node "a" is an enum with no values'
    d = only(result, "env-range")
    assert d.message == 'property "level" of node "a": min 10 is greater than max 1'
    assert where(text, d) == "5:34"


def test_duplicate_aliases_are_warnings():
    text = """\
nodes:
  - id: a
    aliases: [lamp]
    properties:
      t: {type: number, aliases: [heat]}
      u: {type: number, aliases: [Heat]}
  - id: b
    aliases: [lamp]
"""
    result = parse_environment(text, fmt="yaml")
    found = [d for d in result.diagnostics if d.code == "env-duplicate-alias"]
    assert {d.severity for d in found} == {Severity.WARNING}
    assert sorted(where(text, d) for d in found) == ["6:35", "8:15"]
    assert result.environment is not None


def test_duplicate_yaml_key_is_a_warning():
    text = "nodes:\n  - id: a\n    name: One\n    name: Two\n"
    result = parse_environment(text, fmt="yaml")
    d = only(result, "env-duplicate-key")
    assert d.severity == Severity.WARNING
    assert where(text, d) == "4:5"
    assert result.environment.nodes[0].name == "Two"


# ---------------------------------------------------------------------------------- round trip

TRICKY = Environment(
    name="Trïcky: 'quotes' \"and\" #hashes",
    description="line one\nline two",
    nodes=[
        Node(
            id="élan",
            name="",
            aliases=["on", "yes", "1e3", "0o17", "07:30", "null", "~", "- dash", "a: b"],
            source="sensor.x",
            properties={
                "level": NumberType(unit="%", min=0.5, max=100.0, step=0.5, aliases=["lvl"]),
                "mode": EnumType(values=["on", "off", "true", "1"]),
                "at": TimeType(has_date=True),
                "text key": StringType(optional=True),
            },
            actions={"go": Action(params={"p": NumberType(min=-1e20)}, source="script.go"), "stop": Action()},
            events={"pressed": Event(description="pressed")},
        ),
        Node(id="b"),
    ],
)


@pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
def test_dump_parse_round_trip(fmt):
    text = dump_environment(TRICKY, fmt)
    result = parse_environment(text, fmt=fmt)
    assert result.diagnostics == []
    assert result.environment == TRICKY


@pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
def test_dump_writes_whole_numbers_without_decimals(fmt):
    text = dump_environment(EXPECTED, fmt)
    assert "50.0" not in text and "50" in text


# ---------------------------------------------------------------------------------- formatting


def test_format_diagnostic():
    text = "nodes:\n  - id: a\n  - id: a\n"
    result = parse_environment(text, fmt="yaml", path="home.yaml")
    line = format_diagnostic(result.path, result.text, result.diagnostics[0])
    assert line == 'home.yaml:3:9: error: duplicate node id "a" (first defined on line 2) [env-duplicate-node]'
    warning = Diagnostic(code="x", message="m", span=(0, 0), severity=Severity.WARNING)
    assert format_diagnostic("f", "", warning) == "f:1:1: warning: m [x]"


# --------------------------------------------------------------------------------------- speed


def _big_environment(count: int) -> Environment:
    return Environment(
        nodes=[
            Node(
                id=f"sensor_{i}",
                name=f"Sensor {i}",
                kind="sensor",
                source=f"sensor.sensor_{i}",
                properties={"temperature": NumberType(unit="°C", source="state", aliases=["temp", "warm"])},
            )
            for i in range(count)
        ]
    )


def test_50000_nodes_of_json_load_fast():
    text = msgspec.json.encode(_big_environment(50_000)).decode()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        result = parse_environment(text, fmt="json")
        best = min(best, time.perf_counter() - start)
        assert len(result.environment.nodes) == 50_000 and result.diagnostics == []
    assert best < 1.5


def test_large_yaml_loads_and_locates():
    env = _big_environment(2_000)
    text = dump_environment(env, "yaml").replace("id: sensor_1999\n", "id: sensor_5\n")
    result = parse_environment(text, fmt="yaml")
    d = only(result, "env-duplicate-node")
    assert text[d.span[0] : d.span[1]] == "sensor_5"
    assert len(result.environment.nodes) == 1_999
