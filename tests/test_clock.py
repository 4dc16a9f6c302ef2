"""The built-in `clock`: checked, completed and exported like any node, read in `if` only."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from wfl.grammar import printer
from wfl.grammar.checker import check
from wfl.grammar.days import WEEK
from wfl.grammar.index import EnvIndex
from wfl.grammar.parser import parse
from wfl.ha.automation_import import import_automation
from wfl.ha.export import dump_automations, export_file
from wfl.ha.shape import flatten_and
from wfl.lsp import completion, hover, navigation
from wfl.lsp.analysis import analyze
from wfl.lsp.search import NodeSearch
from wfl.schemas.environment import Environment, Node, NumberType

MOTION = "when hallway_motion.occupancy becomes true"


def _workflow(*lines: str) -> str:
    return "workflow w {\n" + "".join(f"  {line}\n" for line in lines) + "}\n"


def _codes(text: str, index: EnvIndex) -> list[str]:
    return [d.code for d in check(parse(text).file, index)]


def _conditions(text: str, env: Environment) -> list[dict]:
    result = export_file(parse(text).file, env)
    assert not result.diagnostics, result.diagnostics
    return result.automations[0]["condition"]


# ---------------------------------------------------------------- checking


@pytest.mark.parametrize(
    "condition",
    [
        "if clock.time >= 22:00 or clock.time < 06:00",
        "if clock.time > 07:30:15",
        "if clock.weekday in [sat, sun]",
        "if clock.weekday != mon",
        "if clock.time >= alarm_clock.time",
    ],
)
def test_the_clock_is_read_in_conditions(condition, example_index):
    assert _codes(_workflow(MOTION, condition, "do hallway_light.turn_on()"), example_index) == []


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        (("when clock.time > 22:00", "do hallway_light.turn_on()"), "clock-outside-if"),
        (("when clock.weekday changes", "do hallway_light.turn_on()"), "clock-outside-if"),
        (("at clock.time", "do hallway_light.turn_on()"), "clock-outside-if"),
        ((MOTION, "if clock.time == 22:00", "do hallway_light.turn_on()"), "clock-instant"),
        ((MOTION, "if clock.time > 25", "do hallway_light.turn_on()"), "type-mismatch"),
        ((MOTION, "if clock.weekday == funday", "do hallway_light.turn_on()"), "unknown-enum-value"),
        ((MOTION, "if clock.weekday > mon", "do hallway_light.turn_on()"), "invalid-operator"),
        ((MOTION, "if clock.date > 10:00", "do hallway_light.turn_on()"), "unknown-property"),
    ],
)
def test_misreading_the_clock_is_reported(lines, code, example_index):
    assert code in _codes(_workflow(*lines), example_index)


def test_an_environment_clock_replaces_the_builtin():
    own = Node(id="clock", kind="sensor", source="sensor.clock", properties={"drift": NumberType(unit="s")})
    index = EnvIndex(Environment(nodes=[own]))
    assert index.node("clock") is own and not index.is_builtin("clock")
    assert "unknown-property" in _codes(_workflow("when clock.drift > 2", "if clock.time > 22:00"), index)
    assert "clock-outside-if" not in _codes(_workflow("when clock.drift > 2"), index)


def test_the_clock_is_no_device_of_the_home(example_index):
    """Search and generation rank the home's devices; the clock is not among them."""
    assert "clock" not in example_index.nodes
    assert "clock" not in NodeSearch(example_index).ids
    assert example_index.similar_nodes("clok")[0] == "clock"


# ---------------------------------------------------------------- editor


def _complete(text: str, index: EnvIndex) -> list[str]:
    offset = text.index("|")
    text = text.replace("|", "")
    result = analyze("file:///t.wfl", 1, text, index)
    found = completion.complete(text, result.parsed, index, NodeSearch(index), offset, result.positions)
    return [i.label for i in sorted(found.items, key=lambda i: i.sort_text)]


def test_completion_offers_the_clock_in_conditions_only(example_index):
    assert _complete(_workflow(MOTION, "if clo|"), example_index)[0] == "clock"
    assert "clock" in _complete(_workflow(MOTION, "if |"), example_index)
    assert "clock" not in _complete(_workflow("when clo|"), example_index)
    assert "clock" not in _complete(_workflow("do clo|"), example_index)
    assert _complete(_workflow(MOTION, "if clock.|"), example_index)[:2] == ["time", "weekday"]
    assert _complete(_workflow(MOTION, "if clock.weekday in [|"), example_index)[:2] == ["mon", "tue"]


def test_hover_explains_the_clock(example_index):
    text = _workflow(MOTION, "if clock.time >= 22:00", "do hallway_light.turn_on()")
    result = analyze("file:///t.wfl", 1, text, example_index)
    shown = hover.hover(result.file, example_index, text.index("clock") + 1, result.positions)
    assert "`at 22:00`" in shown.contents.value


def test_the_clock_cannot_be_renamed(example_index):
    text = _workflow(MOTION, "if clock.time >= 22:00", "do hallway_light.turn_on()")
    result = analyze("file:///t.wfl", 1, text, example_index)
    offset = text.index("clock") + 1
    assert navigation.prepare_rename(result, offset, example_index.nodes) is None
    with pytest.raises(navigation.RenameError, match="built in"):
        navigation.rename(result, offset, "wall_clock", [result], [], example_index.nodes, "utf-16")


# ---------------------------------------------------------------- Home Assistant


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("clock.time >= 22:00 or clock.time < 06:00", [{"condition": "time", "after": "22:00:00", "before": "06:00:00"}]),
        # A condition list is and-ed: an `if … and …` is one condition each.
        ("clock.time >= 08:00 and clock.time < 20:00", [{"condition": "time", "after": "08:00:00"}, {"condition": "time", "before": "20:00:00"}]),
        (
            "(clock.time >= 08:00 and clock.time < 20:00) or clock.weekday == sun",
            [{"condition": "or", "conditions": [{"condition": "time", "after": "08:00:00", "before": "20:00:00"}, {"condition": "time", "weekday": ["sun"]}]}],
        ),
        ("22:00 <= clock.time", [{"condition": "time", "after": "22:00:00"}]),
        ("clock.weekday in [sun, sat]", [{"condition": "time", "weekday": ["sat", "sun"]}]),
        ("clock.weekday != sun", [{"condition": "time", "weekday": list(WEEK[:6])}]),
        ("clock.time >= alarm_clock.time", [{"condition": "time", "after": "input_datetime.wake_up_time"}]),
        (
            # Bounds that do not make one window (here: always true) are kept as said.
            "clock.time >= 06:00 or clock.time < 08:00",
            [{"condition": "or", "conditions": [{"condition": "time", "after": "06:00:00"}, {"condition": "time", "before": "08:00:00"}]}],
        ),
    ],
)
def test_the_clock_exports_as_a_time_condition(condition, expected, example_env):
    assert _conditions(_workflow(MOTION, f"if {condition}", "do hallway_light.turn_on()"), example_env) == expected


def test_the_clock_outside_conditions_does_not_export(example_env):
    result = export_file(parse(_workflow("when clock.time > 22:00", "do hallway_light.turn_on()")).file, example_env)
    assert [d.code for d in result.diagnostics] == ["export-unsupported"]
    assert "conditions only" in result.diagnostics[0].message


_TIMES = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
_CLOCK_CONDITIONS = st.one_of(
    st.builds(lambda t: f"clock.time >= {t}", _TIMES),
    st.builds(lambda t: f"clock.time < {t}", _TIMES),
    st.builds(
        lambda a, b: f"clock.time >= {a} or clock.time < {b}" if a > b else f"clock.time >= {a} and clock.time < {b}",
        _TIMES,
        _TIMES,
    ).filter(lambda text: "or" in text or text.split()[2] != text.split()[-1]),
    st.builds(lambda days: f"clock.weekday in [{', '.join(days)}]", st.lists(st.sampled_from(WEEK), min_size=1, unique=True)),
)


@given(st.lists(_CLOCK_CONDITIONS, min_size=1, max_size=3))
def test_clock_conditions_survive_a_round_trip_through_home_assistant(conditions):
    from wfl.schemas.loader import load_environment
    from pathlib import Path

    env = _example_env(load_environment, Path)
    text = _workflow(MOTION, *(f"if {c}" for c in conditions), "do hallway_light.turn_on()")
    wf = parse(text).file.workflows[0]
    result = export_file(parse(text).file, env)
    assert not result.diagnostics
    back = import_automation(yaml.safe_load(dump_automations(result.automations))[0], env)
    assert [printer.expr(c) for c in back.conditions] == [printer.expr(_sorted_days(c)) for c in flatten_and(wf.conditions)]


_ENV: list[Environment] = []


def _example_env(load_environment, Path) -> Environment:
    if not _ENV:
        _ENV.append(load_environment(Path(__file__).resolve().parent.parent / "examples" / "home.yaml").environment)
    return _ENV[0]


def _sorted_days(expr):
    """Days read back in week order, as Home Assistant lists them."""
    from wfl.schemas.workflow import Compare, ListLit

    if isinstance(expr, Compare) and isinstance(expr.right, ListLit):
        expr.right.items.sort(key=lambda n: WEEK.index(n.name))
    return expr
