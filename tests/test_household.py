"""The household coming and going: the node that says whether anyone is home, and its way."""

from __future__ import annotations

import msgspec
import pytest

from wfl.grammar.index import EnvIndex
from wfl.inference.household import household_node, household_way, reads_as_presence, waits_on_household
from wfl.inference.pipeline import Generator
from wfl.schemas.environment import Environment

_ON_OFF = {"type": "enum", "values": ["on", "off"]}
_SWITCH_ACTIONS = {"turn_on": {"source": "switch.turn_on"}, "turn_off": {"source": "switch.turn_off"}}


def _index(*nodes: dict) -> EnvIndex:
    return EnvIndex(msgspec.convert({"nodes": list(nodes)}, Environment))


def _person(name: str) -> dict:
    return {"id": name, "name": name.title(), "kind": "person",
            "properties": {"state": {"type": "enum", "values": ["home", "not_home"]}}}


_ALARM = {
    "id": "alarm_system", "name": "Alarm system", "kind": "alarm_control_panel",
    "properties": {"state": {"type": "enum", "values": ["disarmed", "armed_away"]}},
    "actions": {"alarm_arm_away": {"source": "alarm_control_panel.alarm_arm_away"},
                "alarm_disarm": {"source": "alarm_control_panel.alarm_disarm"}},
}
_ANYBODY_HOME = {"id": "anybody_home", "name": "Anybody home", "kind": "binary_sensor",
                 "properties": {"state": {"type": "boolean"}}}


@pytest.mark.parametrize(
    ("text", "way"),
    [
        ("Arm when away", -1),
        ("when everyone leaves", -1),
        ("when nobody is home", -1),
        ("Präsenz - Verlassen - Licht", -1),
        ("quand nous sommes absents", -1),
        ("when we come home", 1),
        ("Rollos hoch wenn jemand nach Hause kommt", 1),
        ("quand nous rentrons", 1),
        ("Chegar a casa", 1),
        ("Someone home", 1),
        ("Alles aus wenn niemand zuhause ist", -1),
        ("als er niemand thuis is", -1),
        ("nadie en casa", -1),
        # Denied being home is away, "mehr" ("no more") too.
        ("if I'm not home", -1),
        ("if Anna is not at home", -1),
        ("Wenn niemand mehr zu Hause ist", -1),
        ("wenn ich nicht mehr daheim bin", -1),
        ("als ik niet thuis ben", -1),
        ("if I'm home", 1),
    ],
)
def test_the_people_coming_or_going_in_several_languages(text, way):
    assert waits_on_household(text)
    assert household_way(text) == way


def test_a_side_a_room_or_a_smart_home_is_no_coming_or_going():
    for text in ("Button left pressed", "Smart Home System", "Home office lights"):
        assert not waits_on_household(text), text
    # A title that names the sun starts then: who is home is its condition.
    assert not waits_on_household("Sonne - Untergang - Licht - Anwesend", title=True)


def test_the_node_that_sums_up_the_household():
    family = {"id": "family", "name": "Family", "kind": "group",
              "properties": {"state": {"type": "enum", "values": ["home", "not_home"]}}}
    parents = {**family, "id": "parents", "name": "Parents"}
    present = {"id": "apartment_present", "name": "Apartment present", "kind": "switch",
               "properties": {"state": _ON_OFF}, "actions": _SWITCH_ACTIONS}
    guests = {**_ANYBODY_HOME, "id": "guests_home", "name": "Guests home"}
    zone = {"id": "home", "name": "Home", "kind": "zone", "properties": {"state": {"type": "number"}}}
    assert household_node(_index(parents, family, _person("anna"))) == "family"
    assert household_node(_index(present, _ANYBODY_HOME, guests, _person("anna"))) == "anybody_home"
    assert household_node(_index(present, guests)) == "apartment_present"
    assert household_node(_index(zone, _person("anna"), _person("ben"))) == "home"
    assert household_node(_index(_person("anna"))) == "anna"
    assert household_node(_index(_person("anna"), _person("ben"))) is None
    assert reads_as_presence("anybody_home") and reads_as_presence("apartment_present")
    assert not reads_as_presence("guest_mode")


@pytest.mark.parametrize(
    ("request_text", "trigger"),
    [
        ("Arm when away", "when anybody_home.state becomes false"),
        ("Both leaving: arm the alarm", "when anybody_home.state becomes false"),
        ("Disarm the alarm when we come home", "when anybody_home.state becomes true"),
        # A person named is the one who comes or goes.
        ("Disarm the alarm when Anna arrives", "when anna.state becomes home"),
        ("Arm the alarm when Anna is not home", "when anna.state becomes not_home"),
    ],
)
def test_a_request_that_waits_on_the_household_waits_on_that_node(request_text, trigger):
    generator = Generator(_index(_ALARM, _ANYBODY_HOME, _person("anna"), _person("ben")), None)
    workflow = generator.generate(request_text, deadline_s=0).text
    assert f"\n  {trigger}\n" in workflow, workflow


def test_a_denied_home_is_a_persons_not_home():
    generator = Generator(_index(_ALARM, _person("anna")), None)
    workflow = generator.generate("Arm the alarm at 10:00 if I'm not home", deadline_s=0).text
    assert "if anna.state == not_home" in workflow, workflow
    workflow = generator.generate("Disarm the alarm at 17:00 if Anna is home", deadline_s=0).text
    assert "if anna.state == home" in workflow, workflow


def test_a_flag_named_for_one_person_being_home_comes_and_goes_with_them():
    assert reads_as_presence("anna_home") and reads_as_presence("joao_thuis")
    assert not reads_as_presence("smart_home") and not reads_as_presence("living_room")
    flag = lambda node_id: {  # noqa: E731
        "id": node_id, "name": node_id.replace("_", " ").capitalize(), "kind": "binary_sensor",
        "properties": {"state": {"type": "boolean"}},
    }
    light = {"id": "hall_light", "name": "Hall light", "kind": "light", "properties": {"state": {"type": "boolean"}},
             "actions": {"turn_on": {}, "turn_off": {}}}
    generator = Generator(_index(flag("anna_home"), flag("ben_home"), light), None)
    left = generator.generate("When Anna leaves home, turn off the hall light", deadline_s=0).text
    assert "when anna_home.state becomes false" in left
    unless = generator.generate("At 18:00 turn off the hall light unless Ben is home", deadline_s=0).text
    assert "if ben_home.state == false" in unless
