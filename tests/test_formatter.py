"""`wfl fmt`: canonical layout, comments kept, idempotent, meaning unchanged."""

from __future__ import annotations

from hypothesis import given

from wfl.grammar import printer
from wfl.grammar.formatter import format_text
from wfl.grammar.parser import parse
from wfl.schemas.workflow import to_canonical

from .conftest import EXAMPLES
from .strategies import programs, workflows

MESSY = """\
# top comment

# second block
workflow   cheap_charging "Charge the car" {  # header note
  when grid.price changes or car.plugged becomes true  # why
  if car.plugged and (grid.price < 0.4 EUR/kWh or car.range < 100 mi)
  # before do
  do car.start_charging(); car.set(a:1,b: "q\\"x")

  else car.stop_charging() wait 90 s
  # end of body
}
workflow morning { at 07:00 on weekdays do kitchen_light.turn_on() if not (a.b == c and d.e) or x.y in [a, b]
when x.y > -3.5 °C for 1 h 30 min or at sunset - 30 min or every 15 min or on btn.single_press }
# the end
"""

EXPECTED = """\
# top comment

# second block
workflow cheap_charging "Charge the car" {  # header note
  when grid.price changes or car.plugged becomes true  # why
  if car.plugged and (grid.price < 0.4 EUR/kWh or car.range < 100 mi)
  # before do
  do car.start_charging()
     car.set(a: 1, b: "q\\"x")

  else car.stop_charging()
       wait 90 s
  # end of body
}

workflow morning {
  at 07:00 on weekdays
    or x.y > -3.5 °C for 90 min
    or at sunset - 30 min
    or every 15 min
    or on btn.single_press
  if not (a.b == c and d.e) or x.y in [a, b]
  do kitchen_light.turn_on()
}
# the end
"""


def test_formats_to_the_canonical_layout():
    assert format_text(MESSY).text == EXPECTED


def test_formatting_is_idempotent_and_keeps_meaning():
    once = format_text(MESSY).text
    assert format_text(once).text == once
    assert to_canonical(parse(once).file) == to_canonical(parse(MESSY).file)


def test_every_comment_survives():
    once = format_text(MESSY).text
    before = [c.text.strip() for c in parse(MESSY).comments]
    after = [c.text.strip() for c in parse(once).comments]
    assert before == after


def test_refuses_files_with_syntax_errors():
    result = format_text("workflow a {\n  when x.\n}")
    assert result.text is None
    assert result.diagnostics


def test_examples_are_formatted():
    for path in sorted(EXAMPLES.glob("*.wfl")):
        text = path.read_text(encoding="utf-8")
        assert format_text(text).text == text, f"{path.name} is not formatted: run `wfl fmt examples/`"


@given(workflows)
def test_printed_tree_parses_back_to_itself(wf):
    text = printer.workflow(wf)
    result = parse(text)
    assert result.diagnostics == [], (text, result.diagnostics)
    again = printer.workflow(result.file.workflows[0])
    assert again == text


@given(programs())
def test_formatter_is_idempotent_and_keeps_comments(text):
    result = parse(text)
    assert result.diagnostics == [], (text, result.diagnostics)
    once = format_text(text).text
    assert once is not None
    assert format_text(once).text == once
    assert to_canonical(parse(once).file) == to_canonical(result.file)
    assert [c.text.rstrip() for c in parse(once).comments] == [c.text.rstrip() for c in result.comments]
