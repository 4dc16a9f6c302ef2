"""The parser: the canonical tree of valid text, located errors and partial trees for broken text."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wfl.grammar.checker import check
from wfl.grammar.index import EnvIndex
from wfl.grammar.parser import parse
from wfl.schemas.environment import Environment
from wfl.schemas.text import LineIndex
from wfl.schemas.workflow import Call, ErrorAction, Ref, WhenTrigger, to_canonical

from .conftest import EXAMPLES
from .strategies import damaged, programs

DESIGN_EXAMPLE = """\
# Charge the car when power is cheap, but never let the range drop below 100 miles.
workflow cheap_charging "Charge the car when electricity is cheap" {
  when grid.price changes or car.plugged becomes true
  if car.plugged and (grid.price < 0.4 EUR/kWh or car.range < 100 mi)
  do car.start_charging()
  else car.stop_charging()
}

workflow hallway_night_light {
  when hallway_motion.occupancy becomes true
  if sun.state == below_horizon
  do hallway_light.turn_on(brightness_pct: 50)
     wait 2 min
     hallway_light.turn_off()
}

workflow humid_bathroom {
  when bathroom.humidity > 70 % for 5 min
  do bathroom_fan.turn_on()
}

workflow morning {
  at 07:00 on weekdays
  do kitchen_light.turn_on(); coffee_maker.turn_on()
}
"""


def test_design_examples_parse_without_errors():
    result = parse(DESIGN_EXAMPLE)
    assert result.diagnostics == []
    assert [wf.name for wf in result.file.workflows] == [
        "cheap_charging",
        "hallway_night_light",
        "humid_bathroom",
        "morning",
    ]
    assert len(result.comments) == 1


def test_canonical_json_shapes():
    tree = to_canonical(parse(DESIGN_EXAMPLE).file)
    cheap, night, humid, morning = tree["workflows"]
    assert cheap["triggers"][0] == {"kind": "changes", "ref": {"kind": "ref", "node": "grid", "property": "price"}}
    assert cheap["triggers"][1]["value"] == {"kind": "boolean", "value": True}
    cond = cheap["conditions"][0]
    assert cond["kind"] == "and"
    price = cond["operands"][1]["operands"][0]
    assert price == {
        "kind": "compare",
        "op": "<",
        "left": {"kind": "ref", "node": "grid", "property": "price"},
        "right": {"kind": "number", "value": 0.4, "unit": "EUR/kWh"},
    }
    assert night["actions"] == [
        {
            "kind": "call",
            "node": "hallway_light",
            "action": "turn_on",
            "args": [{"kind": "arg", "name": "brightness_pct", "value": {"kind": "number", "value": 50}}],
        },
        {"kind": "wait", "duration": {"kind": "duration", "seconds": 120}},
        {"kind": "call", "node": "hallway_light", "action": "turn_off"},
    ]
    assert humid["triggers"][0]["for"] == {"kind": "duration", "seconds": 300}
    assert morning["triggers"][0] == {"kind": "at", "time": {"kind": "time", "value": "07:00"}, "days": ["weekdays"]}
    json.dumps(tree)  # plain JSON


def test_spans_point_at_source():
    text = "workflow w {\n  when kitchen.temperature > 25 °C\n  do fan.turn_on()\n}\n"
    wf = parse(text).file.workflows[0]
    trigger = wf.triggers[0]
    assert isinstance(trigger, WhenTrigger)
    ref = trigger.expr.left
    assert isinstance(ref, Ref)
    assert text[slice(*ref.span)] == "kitchen.temperature"
    assert text[slice(*ref.property_span)] == "temperature"
    assert text[slice(*trigger.expr.right.span)] == "25 °C"
    call = wf.actions[0]
    assert isinstance(call, Call) and text[slice(*call.span)] == "fan.turn_on()"
    assert text[slice(*wf.name_span)] == "w"


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ("workflow x {\n  when kitchen.\n}", "expected a property name after `kitchen.`", "2:16"),
        ("workflow x {\n  do\n}", "expected an action after `do`", "2:5"),
        ("workflow {\n}", "expected a workflow name", "1:10"),
        ("workflow x {\n  if a.b = 3\n  do a.c()\n}", "`=` is not a comparison; write `==`", "2:10"),
        ("workflow x {\n  do a.b(level 5)\n}", "expected `:` after the parameter name `level`", "2:10"),
        ('workflow x "unterminated {\n}', "unterminated string", "1:12"),
        ("workflow x {\n  when a.b > 5\n  do a.c()\n", "missing its closing `}`", "1:12"),
        ("workflow x {\n  when a.b > 5 for 5\n  do a.c()\n}", "a duration needs a unit", "2:20"),
        ("workflow x {\n  at 25:00\n  do a.c()\n}", "is not a time of day", "2:6"),
        ("hello\nworkflow x {\n  every 5 min\n  do a.c()\n}", "expected `workflow`", "1:1"),
        ("workflow x {\n  when a.b > 5 5\n  do a.c()\n}", "unexpected number `5`", "2:16"),
    ],
)
def test_syntax_errors_are_located(text, message, where):
    result = parse(text)
    lines = LineIndex(text)
    found = [(d.message, lines.describe(d.span[0])) for d in result.diagnostics]
    assert any(message in m and w == where for m, w in found), found


def test_error_recovery_keeps_later_clauses_and_workflows():
    text = "workflow a {\n  when kitchen.\n  if ((( \n  do fan.turn_on(speed: 3\n}\nworkflow b { every 5 min do x.y() }\n"
    result = parse(text)
    assert [wf.name for wf in result.file.workflows] == ["a", "b"]
    a = result.file.workflows[0]
    assert isinstance(a.triggers[0], WhenTrigger)
    assert a.triggers[0].expr == Ref(node="kitchen", node_span=a.triggers[0].expr.node_span, span=a.triggers[0].expr.span)
    assert a.actions[0].action == "turn_on" and a.actions[0].args[0].name == "speed"
    assert result.diagnostics


def test_half_typed_call_stays_in_tree():
    result = parse("workflow a {\n  do kitchen_light.\n}")
    call = result.file.workflows[0].actions[0]
    assert isinstance(call, Call) and call.node == "kitchen_light" and call.action is None
    result = parse("workflow a {\n  do \n}")
    assert isinstance(result.file.workflows[0].actions[0], ErrorAction)


def test_deep_nesting_is_reported_not_fatal():
    for opener in ("(", "not "):
        text = "workflow a { if " + opener * 5000 + "a.b" + ")" * 5000 + " do a.c() }"
        result = parse(text)
        assert any(d.code == "too-deep" for d in result.diagnostics)


def test_every_prefix_of_the_examples_parses():
    index = EnvIndex(Environment())
    for path in sorted(EXAMPLES.glob("*.wfl")):
        text = path.read_text(encoding="utf-8")
        for end in range(0, len(text) + 1, 3):
            result = parse(text[:end])
            check(result.file, index)


@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text):
    result = parse(text)
    for d in result.diagnostics:
        assert 0 <= d.span[0] <= d.span[1] <= len(text)


@given(st.binary(max_size=300))
def test_binary_garbage_never_raises(data):
    parse(data.decode("utf-8", errors="replace"))


@given(programs().flatmap(damaged))
def test_damaged_programs_never_raise_and_errors_are_located(text):
    result = parse(text)
    check(result.file, EnvIndex(Environment()))
    for d in result.diagnostics:
        assert 0 <= d.span[0] <= d.span[1] <= len(text)


def test_deep_lists_and_huge_numbers_are_reported_not_fatal():
    result = parse("workflow a { if x.y in " + "[" * 3000 + " do a.b() }")
    assert any(d.code == "too-deep" for d in result.diagnostics)
    huge = "9" * 400
    result = parse(f"workflow a {{ when x.y > {huge} for {huge} min do a.b() }}")
    assert [d.code for d in result.diagnostics] == ["number-too-large", "number-too-large"]
