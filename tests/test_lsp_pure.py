"""The language server's feature functions, called directly (no server process): completion
contexts, fuzzy ranking, positions in every encoding, environment-file locations, and a sweep that
runs every feature at many offsets of damaged documents and must never raise."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from wfl.grammar.index import EnvIndex
from wfl.lsp import (
    code_actions,
    completion,
    folding,
    formatting,
    hover,
    inlay_hints,
    navigation,
    semantic_tokens,
    signature_help,
    symbols,
)
from wfl.lsp.analysis import analyze
from wfl.lsp.envtext import EnvSource
from wfl.lsp.positions import Positions
from wfl.lsp.search import NodeSearch
from wfl.schemas.loader import dump_environment

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def search(example_index: EnvIndex) -> NodeSearch:
    return NodeSearch(example_index)


def _complete(text: str, index: EnvIndex, search: NodeSearch, trigger: str | None = None):
    offset = text.index("|")
    text = text.replace("|", "")
    result = analyze("file:///t.wfl", 1, text, index)
    found = completion.complete(
        text, result.parsed, index, search, offset, result.positions, completion.Options(), trigger
    )
    return [i.label for i in sorted(found.items, key=lambda i: i.sort_text)]


BODY = "workflow a {{\n  {}\n}}\n"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("when kitchen_|", ["kitchen_light", "kitchen_smoke", "kitchen_motion"]),
        ("when kitch temp|", ["kitchen_temperature"]),
        ("when kitchtemp|", ["kitchen_temperature"]),
        ("if lr light|", ["living_room_light"]),
        ("when kitchen_temperature.|", ["temperature"]),
        ("when kitchen_temperature.temperature > 25 |", ["°C", "°F", "K", "and", "or"]),
        ("when kitchen_light.state == |", ["on", "off"]),
        ("if weather.condition == |", ['"clear-night"', "cloudy"]),
        ("when kitchen_motion.motion becomes |", ["true", "false"]),
        ("if sun.state in [|", ["above_horizon", "below_horizon"]),
        ("do kitchen_light.|", ["turn_on", "turn_off", "toggle"]),
        ("do kitchen_light.turn_on(|)", ["brightness_pct", "color_temp_kelvin", "transition"]),
        ("do kitchen_light.turn_on(transition: 5 s, |)", ["brightness_pct", "color_temp_kelvin"]),
        ("do living_room_thermostat.set_temperature(hvac_mode: |)", ["off", "heat"]),
        ("do kitchen_light.turn_on(brightness_pct: 50 |)", ["%"]),
        ("on hallway_switch.|", ["single_press", "double_press", "long_press"]),
        ("at 07:00 on |", ["weekdays", "weekends", "daily"]),
        ("when kitchen_motion.motion |", ["and", "or", "for", "changes", "becomes"]),
        ("if sun.state == above_horizon an|", ["and", "or"]),
        ("when a.b > 3 for 5 |", ["s", "min", "h"]),
        ("|", ["when", "if", "do", "else", "at", "every", "on"]),
        ("# a comment |", []),
        ('do phone.notify(message: "hi |', []),
    ],
)
def test_completion_contexts(line, expected, example_index, search):
    labels = _complete(BODY.format(line), example_index, search)
    assert labels[: len(expected)] == expected


def test_completion_outside_workflows(example_index, search):
    assert _complete("|", example_index, search)[:2] == ["workflow …", "workflow"]
    assert _complete("workflow a {\n}\n|", example_index, search)[:2] == ["workflow …", "workflow"]
    assert _complete("workflow |", example_index, search) == []


def test_completion_space_trigger_is_quiet_in_comments(example_index, search):
    assert _complete("workflow a {\n  # when |\n}\n", example_index, search, trigger=" ") == []
    assert _complete("workflow a {\n  when |\n}\n", example_index, search, trigger=" ")


def test_completion_without_environment():
    text = "workflow a {\n  when kitchen_\n}\n"
    result = analyze("file:///t.wfl", 1, text, None)
    found = completion.complete(
        text, result.parsed, None, None, text.index("kitchen_") + 8, result.positions
    )
    assert [i.label for i in found.items] == ["not"]


def test_search_ranking(search):
    for query in (
        "kitch temp",
        "kitchtemp",
        "kitchen_t",
        "kitchen temperature",
        "kitchen thermometer",
    ):
        assert search.search(query)[0][0] == "kitchen_temperature", query
    assert search.search("lrlight")[0][0] == "living_room_light"
    assert search.search("kicthen")[0][0].startswith("kitchen")  # a typo still finds the kitchen
    assert {n for n, _ in search.search("garage", limit=3)} <= {
        "garage_door",
        "garage_light",
        "garage_motion",
    }
    actions = [n for n, _ in search.search("kitch", "actions")]
    assert "kitchen_temperature" not in actions and "kitchen_light" in actions


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_positions_round_trip(encoding):
    text = "a °C 😀 b\nzweite Zeile ä\n\nend"
    positions = Positions(text, encoding)
    for offset in range(len(text) + 1):
        assert positions.offset(positions.position(offset)) == offset
    after_emoji = text.index(" b")
    column = {"utf-8": len("a °C 😀".encode()), "utf-16": 7, "utf-32": 6}[encoding]
    assert positions.position(after_emoji).character == column


@pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
def test_environment_locations(fmt, example_env):
    text = (
        (EXAMPLES / "home.yaml").read_text(encoding="utf-8")
        if fmt == "yaml"
        else dump_environment(example_env, fmt)
    )
    source = EnvSource(f"home.{fmt}", text)
    assert len(source.ids()) == len(example_env.nodes)
    span = source.node_span("kitchen_temperature")
    assert text[span[0] : span[1]] == "kitchen_temperature"
    for node, section, name in [
        ("kitchen_light", "properties", "state"),
        ("hallway_switch", "events", "long_press"),
        ("living_room_thermostat", "actions", "set_temperature"),
    ]:
        span = source.member_span(node, section, name)
        assert span is not None and text[span[0] : span[1]] == name
        assert span[0] > source.node_span(node)[0] or fmt == "toml"


def test_quick_fixes(example_index):
    text = (
        "workflow w {\n  when kitchen_temperature.temprature > 25\n  if sun.state = below_horizen\n"
        "  do living_room_thermostat.set_temperature()\n     car.start_charging()\n}\n"
    )
    result = analyze("file:///t.wfl", 1, text, example_index)
    titles = [a.title for a in code_actions.code_actions(result, (0, len(text)), example_index)]
    assert "Replace with `temperature`" in titles
    assert "Replace `=` with `==`" in titles
    assert "Add missing parameter `temperature`" in titles


def test_hover_enum_member(example_index):
    text = 'workflow w {\n  when sun.state == below_horizon\n  do phone.notify(message: "x")\n}\n'
    result = analyze("file:///t.wfl", 1, text, example_index)
    shown = hover.hover(result.file, example_index, text.index("below"), result.positions)
    assert "a value of `sun.state`" in shown.contents.value


def _variants() -> list[str]:
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.wfl*"))]
    out = ['}}} ( "x\n workflow { when == . do ((( \n if \nworkflow b {\n do \n °C µ 😀 [ ] , : ;']
    for text in texts:
        out.append(text)
        for _ in range(3):
            out.append(text[: rng.randrange(len(text))])
            a = rng.randrange(len(text))
            out.append(text[:a] + text[a + rng.randrange(1, 40) :])
    return out


def test_features_never_raise(example_index, search):
    sources = [
        EnvSource(str(EXAMPLES / "home.yaml"), (EXAMPLES / "home.yaml").read_text(encoding="utf-8"))
    ]
    for i, text in enumerate(_variants()):
        encoding = ("utf-16", "utf-8")[i % 2]
        result = analyze("file:///t.wfl", 1, text, example_index, 0, encoding)
        semantic_tokens.semantic_tokens(result.parsed, result.positions, example_index.nodes)
        folding.folding_ranges(result.parsed, result.positions)
        inlay_hints.inlay_hints(result.file, example_index, result.positions, (0, len(text)))
        symbols.document_symbols(result.file, result.positions, True, result.uri)
        code_actions.code_actions(result, (0, len(text)), example_index)
        formatting.format_document(text, result.positions)
        for offset in range(0, len(text) + 1, max(1, len(text) // 60)):
            completion.complete(
                text, result.parsed, example_index, search, offset, result.positions
            )
            hover.hover(result.file, example_index, offset, result.positions)
            signature_help.signature_help(text, result.parsed, example_index, offset)
            navigation.definition(result.file, offset, sources, example_index.nodes, encoding)
            navigation.references(
                result, offset, [result], sources, example_index.nodes, True, encoding
            )


def test_space_trigger_not_while_indenting(example_index, search):
    text = "workflow a {\n  do kitchen_light.toggle()\n    |\n}\n"
    assert _complete(text, example_index, search, trigger=" ") == []
    assert _complete(text, example_index, search)  # invoked explicitly: actions and keywords
