"""Round trips: workflow -> automation -> YAML text -> automation -> workflow gives the workflow back.

The comparison is on canonical JSON after `normalise`, which spells out everything the round trip
may legitimately change (each item means the same automation):

1. top-level `and`s in `if` become separate conditions (a condition list is and-ed);
2. `when x == v`, `when flag` and `when not flag` read back as `x becomes v|true|false`;
3. `literal op x` reads back as `x op' literal`;
4. literals take the type and unit of the property or parameter they meet (77 °F on a °C sensor
   is 25 °C, `"on"` compared with an enum is the member `on`, `50` for a % parameter is `50 %`);
5. times drop `:00` seconds; days read back as `weekdays`, `weekends` or three-letter days,
   and every day is no restriction; a sun event without offset has offset 0;
6. `flag == true` reads back as `flag`, `flag == false` as `not flag`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from wfl.grammar import units
from wfl.grammar.days import WEEK, expand_days
from wfl.ha.automation_import import AutomationImportError, import_automation
from wfl.ha.export import dump_automations, export_file, export_workflow
from wfl.schemas.environment import BooleanType, EnumType, Environment, Node, NumberType
from wfl.schemas.workflow import File, String, Workflow, to_canonical

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

# ---------------------------------------------------------------- normalisation


def normalise(wf: Workflow, env: Environment = HOME) -> dict:
    n = _Normaliser({node.id: node for node in env.nodes})
    data = to_canonical(wf)
    data["conditions"] = [n.expr(c) for c in _flatten_and(data.get("conditions", []))]
    data["triggers"] = [n.trigger(t) for t in data.get("triggers", [])]
    for key in ("actions", "else_actions"):
        if key in data:
            data[key] = [n.action(a) for a in data[key]]
    return {k: v for k, v in data.items() if v not in ([], None)}


def _flatten_and(exprs: list[dict]) -> list[dict]:
    out = []
    for e in exprs:
        out.extend(_flatten_and(e["operands"]) if e["kind"] == "and" else [e])
    return out


def _literal(value: dict, prop) -> dict:
    kind = value["kind"]
    if kind == "list":
        return {**value, "items": [_literal(v, prop) for v in value["items"]]}
    if kind == "number" and isinstance(prop, NumberType) and prop.unit:
        amount = units.convert(value["value"], value.get("unit") or prop.unit, prop.unit)
        return {"kind": "number", "value": round(amount, 9), "unit": prop.unit}
    if kind == "string" and isinstance(prop, EnumType):
        return {"kind": "name", "name": value["value"]}
    if kind == "time":
        return {"kind": "time", "value": value["value"].removesuffix(":00") if value["value"].count(":") == 2 else value["value"]}
    return value


_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!="}


class _Normaliser:
    def __init__(self, nodes: dict[str, Node]) -> None:
        self.nodes = nodes

    def prop(self, ref: dict):
        return self.nodes[ref["node"]].properties[ref["property"]]

    def expr(self, e: dict) -> dict:
        kind = e["kind"]
        if kind in ("and", "or"):
            return {**e, "operands": [self.expr(o) for o in e["operands"]]}
        if kind == "not":
            return {**e, "operand": self.expr(e["operand"])}
        if kind == "compare":
            left, right, op = e["left"], e["right"], e["op"]
            if right["kind"] == "ref" and left["kind"] != "ref":
                left, right, op = right, left, _FLIP[op]
            if left["kind"] == "ref" and right["kind"] != "ref":
                right = _literal(right, self.prop(left))
            if right["kind"] == "boolean" and op in ("==", "!=") and isinstance(self.prop(left), BooleanType):
                return left if right["value"] == (op == "==") else {"kind": "not", "operand": left}
            return {**e, "op": op, "left": left, "right": right}
        return e

    def trigger(self, t: dict) -> dict:
        return _trigger(t, self)

    def action(self, a: dict) -> dict:
        if a["kind"] != "call":
            return a
        params = self.nodes[a["node"]].actions[a["action"]].params
        args = [{**arg, "value": _literal(arg["value"], params.get(arg["name"]))} for arg in a.get("args", [])]
        return {**a, "args": args} if args else {k: v for k, v in a.items() if k != "args"}


def _trigger(t: dict, n: _Normaliser) -> dict:
    kind = t["kind"]
    if kind == "when":
        expr = n.expr(t["expr"])
        value = None
        if expr["kind"] == "compare" and expr["op"] == "==" and expr["left"]["kind"] == "ref":
            target, value = expr["left"], expr["right"]
        elif expr["kind"] == "ref":
            target, value = expr, {"kind": "boolean", "value": True}
        elif expr["kind"] == "not" and expr["operand"]["kind"] == "ref":
            target, value = expr["operand"], {"kind": "boolean", "value": False}
        if value is not None and value["kind"] != "list":
            t = {"kind": "becomes", "ref": target, "value": value, **({"for": t["for"]} if "for" in t else {})}
        else:
            return {**t, "expr": expr}
    if t["kind"] == "becomes":
        return {**t, "value": _literal(t["value"], n.prop(t["ref"]))}
    if kind == "at":
        if t["time"]["kind"] == "time":
            t = {**t, "time": _literal(t["time"], None)}
        if t["time"]["kind"] == "sun":
            t = {**t, "time": {**t["time"], "offset": t["time"].get("offset", 0)}}
        days = expand_days(t.get("days") or [])
        t = {k: v for k, v in t.items() if k != "days"}
        if days and days != list(WEEK):
            t["days"] = days
    return t


# ---------------------------------------------------------------- the round trip


def round_trip(wf: Workflow) -> Workflow:
    result = export_workflow(wf, HOME)
    assert result.diagnostics == []
    (automation,) = yaml.safe_load(dump_automations(result.automations))
    assert json.loads(dump_automations(result.automations, fmt="json")) == [automation]
    return import_automation(automation, HOME)


def assert_round_trip(wf: Workflow) -> None:
    assert normalise(round_trip(wf)) == normalise(wf)


WORKFLOWS = [
    # becomes / changes
    workflow("b1", [becomes("motion.occupancy", True), becomes("hallway.state", "off", for_=300)], actions=[LIGHT_ON]),
    workflow("b2", [becomes("thermostat.temperature", num(68, "°F")), becomes("thermostat.away", False)], actions=[LIGHT_ON]),
    workflow("b3", [becomes("kitchen.temperature", num(25, "°C"), for_=60)], actions=[LIGHT_ON]),
    workflow("b4", [becomes("alarm_clock.time", "07:30"), becomes("hallway.effect", String(value="rainbow"))], actions=[LIGHT_ON]),
    workflow("c1", [changes("hallway.state"), changes("kitchen.humidity", for_=30)], actions=[LIGHT_ON]),
    # when: dedicated triggers
    workflow("w1", [when(cmp("kitchen.temperature", ">", num(77, "°F")), for_=300)], actions=[LIGHT_ON]),
    workflow("w2", [when(cmp(num(18), ">", "thermostat.temperature"))], actions=[LIGHT_ON]),
    workflow(
        "w3",
        [when(and_(cmp("kitchen.humidity", ">", num(40, "%")), cmp("kitchen.humidity", "<", num(60, "%"))))],
        actions=[LIGHT_ON],
    ),
    workflow("w4", [when(cmp("sun.state", "==", "below_horizon")), when(cmp("garage.state", "!=", "closed"))], actions=[LIGHT_ON]),
    workflow("w5", [when(ref("motion.occupancy")), when(not_("motion.occupancy"), for_=600)], actions=[LIGHT_ON]),
    workflow(
        "w6",
        [when(cmp("garage.state", "in", ["open", "opening"])), when(cmp("garage.state", "not in", ["closed"]), for_=5)],
        actions=[LIGHT_ON],
    ),
    workflow("w7", [when(cmp("hallway.state", "==", String(value="on")))], actions=[LIGHT_ON]),
    # when: templates
    workflow("t1", [when(cmp("kitchen.temperature", ">=", num(25, "°C")), for_=120)], actions=[LIGHT_ON]),
    workflow("t2", [when(cmp("kitchen.temperature", ">", "thermostat.temperature"))], actions=[LIGHT_ON]),
    workflow("t3", [when(or_("motion.occupancy", and_(not_("thermostat.away"), cmp("sun.state", "!=", "above_horizon"))))], actions=[LIGHT_ON]),
    workflow("t4", [when(and_(cmp("alarm_clock.time", "<=", "07:30"), cmp("hallway.effect", "in", [String(value="it's"), String(value="a\\b")])))], actions=[LIGHT_ON]),
    workflow("t5", [when(or_(cmp("kitchen.temperature", "<", num(-5.5, "°C")), cmp("kitchen.humidity", ">=", 70)))], actions=[LIGHT_ON]),
    workflow("t6", [when(and_(cmp("hallway.brightness", ">", 100), cmp("sun.state", "==", "below_horizon")))], actions=[LIGHT_ON]),
    # at / every / on
    workflow("a1", [at("07:00"), at("22:15:30"), at("alarm_clock.time")], actions=[LIGHT_ON]),
    workflow("a2", [at(("sunset", -1800)), at(("sunrise", 900)), at("sunrise")], actions=[LIGHT_ON]),
    workflow("a3", [at("07:00", ["weekdays"]), at("09:30", ["weekdays"])], actions=[LIGHT_ON]),
    workflow("a4", [at("07:00", ["mon", "wednesday"]), at("09:00", ["weekends"]), every(300), at("12:00", ["daily"])], actions=[LIGHT_ON]),
    workflow("e1", [every(15), every(60), every(7200)], actions=[LIGHT_ON]),
    workflow("o1", [on("remote.double")], actions=[LIGHT_ON]),
    workflow("o2", [on("remote.single"), on("remote.double"), on("doorbell.pressed"), on("garage.opened")], actions=[LIGHT_ON]),
    workflow("o3", [on("remote.single"), at("07:00", ["sat"])], actions=[LIGHT_ON]),
    # conditions
    workflow(
        "i1",
        [at("07:00")],
        [
            cmp("sun.state", "==", "below_horizon"),
            cmp("hallway.state", "!=", "on"),
            cmp("garage.state", "in", ["open", "opening"]),
            cmp("garage.state", "not in", ["closed"]),
            ref("motion.occupancy"),
            not_("thermostat.away"),
            cmp("kitchen.temperature", "<", num(59, "°F")),
            cmp("thermostat.temperature", ">", num(20, "°C")),
        ],
        [LIGHT_ON],
    ),
    workflow(
        "i2",
        [at("07:00")],
        [
            and_(
                or_("motion.occupancy", not_(cmp("kitchen.temperature", ">", 30))),
                cmp("kitchen.temperature", ">=", num(20, "°C")),
                not_(or_("thermostat.away", cmp("alarm_clock.time", ">", "06:00"))),
            ),
            cmp("kitchen.humidity", "<=", num(80)),
        ],
        [LIGHT_ON],
    ),
    # actions
    workflow(
        "x1",
        [at("07:00")],
        actions=[
            call("hallway.turn_on", brightness_pct=num(50, "%"), transition=dur(2), flash="short"),
            wait(90),
            call("thermostat.set_temperature", temperature=num(68, "°F")),
            call("alarm_clock.set_datetime", time="06:45"),
            call("bathroom_fan.turn_on", percentage=40),
            call("shutter.open_cover"),
            call("phone.notify", message=String(value="Door's open ✓"), title=String(value="Garage")),
            call("thermostat.set_temperature", temperature=ref("kitchen.temperature")),
            wait(1.5),
            call("hallway.turn_off"),
        ],
    ),
    # else
    workflow(
        "night",
        [becomes("motion.occupancy", True), at("07:00", ["weekends"])],
        [and_(cmp("sun.state", "==", "below_horizon"), cmp("kitchen.temperature", "<", num(18, "°C")))],
        [call("hallway.turn_on", brightness_pct=num(30, "%")), wait(120), call("hallway.turn_off")],
        [call("hallway.turn_off")],
        description="Night light — gentle",
    ),
]


@pytest.mark.parametrize("wf", WORKFLOWS, ids=[wf.name for wf in WORKFLOWS])
def test_round_trip(wf):
    assert_round_trip(wf)


def test_a_whole_file_round_trips_through_one_yaml_text():
    result = export_file(File(workflows=WORKFLOWS), HOME)
    assert result.diagnostics == []
    loaded = yaml.safe_load(dump_automations(result.automations))
    back = [import_automation(a, HOME) for a in loaded]
    assert [normalise(w) for w in back] == [normalise(w) for w in WORKFLOWS]


def test_the_normalisation_is_needed_only_where_documented():
    # Canonical spellings come back byte-for-byte, without any normalisation.
    wf = workflow(
        "exact",
        [becomes("motion.occupancy", True, for_=60), when(cmp("kitchen.temperature", ">", num(25, "°C")))],
        [cmp("sun.state", "==", "below_horizon"), cmp("kitchen.humidity", ">=", num(70, "%"))],
        [call("hallway.turn_on", brightness_pct=num(50, "%")), wait(120)],
    )
    assert to_canonical(round_trip(wf)) == to_canonical(wf)


def test_import_refuses_what_the_exporter_never_writes():
    with pytest.raises(AutomationImportError):
        import_automation({"id": "x", "trigger": [{"platform": "mqtt", "topic": "a"}], "action": []}, HOME)
    with pytest.raises(AutomationImportError):
        import_automation({"id": "x", "trigger": [{"platform": "state", "entity_id": "light.nowhere"}]}, HOME)
    with pytest.raises(AutomationImportError):
        template = {"platform": "template", "value_template": "{{ now().hour > 7 }}"}
        import_automation({"id": "x", "trigger": [template], "action": []}, HOME)


def test_import_accepts_the_new_key_spellings():
    automation = {
        "id": "new",
        "triggers": [{"trigger": "state", "entity_id": "binary_sensor.hallway_motion", "to": "on"}],
        "conditions": [{"condition": "state", "entity_id": "sun.sun", "state": "below_horizon"}],
        "actions": [{"action": "light.turn_on", "target": {"entity_id": "light.hallway"}}],
    }
    wf = workflow("new", [becomes("motion.occupancy", True)], [cmp("sun.state", "==", "below_horizon")], [LIGHT_ON])
    assert to_canonical(import_automation(automation, HOME)) == to_canonical(wf)


# ---------------------------------------------------------------- generated conditions

_ATOMS = [
    ref("motion.occupancy"),
    not_("thermostat.away"),
    cmp("sun.state", "==", "below_horizon"),
    cmp("garage.state", "!=", "closed"),
    cmp("garage.state", "in", ["open", "opening"]),
    cmp("kitchen.temperature", ">", num(20, "°C")),
    cmp("thermostat.temperature", "<", num(18, "°C")),
    cmp("kitchen.humidity", ">=", num(55, "%")),
    cmp("kitchen.temperature", "<", "thermostat.temperature"),
    cmp("alarm_clock.time", ">", "06:30"),
    cmp("hallway.effect", "==", String(value="it's")),
]


def _expressions():
    atoms = st.sampled_from(_ATOMS)

    def extend(children):
        return st.one_of(
            st.lists(children, min_size=2, max_size=3).map(lambda ops: and_(*ops)),
            st.lists(children, min_size=2, max_size=3).map(lambda ops: or_(*ops)),
            # `not` over `==` / `in` reads back as `!=` / `not in` (a `not` of a state condition).
            children.filter(lambda e: getattr(e, "op", None) not in ("==", "in")).map(not_),
        )

    return st.recursive(atoms, extend, max_leaves=6)


@given(_expressions())
def test_generated_conditions_round_trip(expr):
    assert_round_trip(workflow("gen", [at("07:00")], [expr], [LIGHT_ON]))


@given(st.lists(_expressions(), min_size=2, max_size=3))
def test_generated_when_templates_round_trip(operands):
    assert_round_trip(workflow("gen", [when(or_(*operands), for_=30)], actions=[LIGHT_ON]))


# ---------------------------------------------------------------- from source text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.wfl")), ids=lambda p: p.name)
def test_example_files_export_cleanly_and_round_trip(path, example_env):
    parser = pytest.importorskip("wfl.grammar.parser")
    parsed = parser.parse(path.read_text(encoding="utf-8"))
    assert parsed.diagnostics == []
    result = export_file(parsed.file, example_env)
    assert result.diagnostics == []
    back = [import_automation(a, example_env) for a in yaml.safe_load(dump_automations(result.automations))]
    assert [normalise(w, example_env) for w in back] == [normalise(w, example_env) for w in parsed.file.workflows]


def test_imported_workflows_print_as_text_that_parses_to_the_same_tree():
    parser = pytest.importorskip("wfl.grammar.parser")
    printer = pytest.importorskip("wfl.grammar.printer")
    for wf in WORKFLOWS:
        imported = round_trip(wf)
        text = printer.workflow(imported)
        reparsed = parser.parse(text)
        assert reparsed.diagnostics == [], text
        (again,) = reparsed.file.workflows
        assert normalise(again) == normalise(wf), text
