"""Requests that act on a set of nodes: "all hall lights", a scene the home has no node for."""

from __future__ import annotations

import msgspec

from wfl.grammar.checker import check
from wfl.grammar.index import EnvIndex
from wfl.grammar.parser import parse
from wfl.inference.constrain import build_plan, request_values
from wfl.inference.groups import find_group
from wfl.inference.pipeline import Generator
from wfl.inference.retrieval import RetrievalIndex, retrieve
from wfl.inference.shortlist import shortlist
from wfl.schemas.environment import Environment

_SWITCHABLE = {"turn_on": {}, "turn_off": {}, "toggle": {}}


def _light(node_id: str, name: str) -> dict:
    return {"id": node_id, "name": name, "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE}


def _home() -> EnvIndex:
    nodes = [
        _light("all_hall_lights", "All hall lights"),
        _light("hall_lamp", "Hall lamp"),
        _light("hall_leds", "Hall leds"),
        _light("hall_main_lights", "Hall main lights"),
        _light("kitchen_leds", "Kitchen leds"),
        _light("kitchen_main_lights", "Kitchen main lights"),
        _light("bathroom_main_lights", "Bathroom main lights"),
        _light("office_desk_lamp", "Office desk lamp"),
        {"id": "office_lamp", "name": "Office lamp", "kind": "scene", "properties": {}, "actions": {"turn_on": {}}},
        {"id": "hall_motion", "name": "Hall motion", "kind": "binary_sensor", "properties": {"state": {"type": "boolean"}}},
        {"id": "lighting_hall_off", "name": "Lighting hall off", "kind": "automation",
         "properties": {"state": {"type": "enum", "values": ["on", "off"]}}, "actions": {"turn_on": {}, "turn_off": {}, "trigger": {}}},
    ]
    return EnvIndex(msgspec.convert({"nodes": nodes}, Environment))


def test_all_lights_of_a_place_are_each_light_named_by_it_without_the_aggregate():
    group = find_group("Automation to turn off all hall lights.", RetrievalIndex(_home()))
    assert group is not None and group.reason == "all"
    assert set(group.members) == {"hall_lamp", "hall_leds", "hall_main_lights"}


def test_german_quantifier_and_a_place_word_that_starts_the_node_word():
    group = find_group("Schaltet alle Lichter im Hallway aus", RetrievalIndex(_home()))
    assert group is not None and set(group.members) == {"hall_lamp", "hall_leds", "hall_main_lights"}


def test_a_scene_without_a_scene_node_means_the_lights_of_its_place():
    search = RetrievalIndex(_home())
    group = find_group("Activate the kitchen cooking scene", search)
    assert group is not None and group.reason == "scene"
    assert set(group.members) == {"kitchen_leds", "kitchen_main_lights"}
    assert find_group("Activate the bath time scene", search).members == ("bathroom_main_lights",)


def test_a_scene_the_home_has_is_not_replaced_by_lights():
    assert find_group("Activate the office lamp scene", RetrievalIndex(_home())) is None


def test_a_script_or_scene_named_whole_is_run_not_the_set_its_name_says():
    nodes = [
        _light("hall_lamp", "Hall lamp"),
        _light("kitchen_lamp", "Kitchen lamp"),
        {"id": "all_lights_bright", "name": "All lights bright", "kind": "script", "properties": {}, "actions": {"turn_on": {}}},
        {"id": "everything_off", "name": "Everything off", "kind": "scene", "properties": {}, "actions": {"turn_on": {}}},
    ]
    search = RetrievalIndex(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)))
    assert find_group("Run the All lights bright script at sunset", search) is None
    assert find_group("At 23:00 activate Everything off", search) is None
    assert find_group("Turn on all lights at sunset", search) is not None


def test_no_group_without_a_quantifier_or_without_a_place():
    search = RetrievalIndex(_home())
    assert find_group("Turn off the hall lamp", search) is None
    assert find_group("Turn off the lights", search) is None  # "the lights" of no place is one set or light


def test_all_lights_beside_groups_of_rooms_are_each_light_but_the_groups():
    every = find_group("Turn off all lights", RetrievalIndex(_home()))
    assert every is not None and "all_hall_lights" not in every.members and len(every.members) == 7
    many = EnvIndex(msgspec.convert({"nodes": [_light(f"lamp_{n}", f"Lamp {n}") for n in range(20)]}, Environment))
    for request in ("Turn off all lights", "Schalte alle Lichter aus", "Turn off every light at 23:00"):
        group = find_group(request, RetrievalIndex(many))
        assert group is not None and len(group.members) == 20, request


def test_the_plan_offers_the_group_as_one_block_ahead_of_single_calls():
    index = _home()
    search = RetrievalIndex(index)
    request = "Automation to turn off all hall lights."
    group = find_group(request, search)
    chosen = shortlist(retrieve(request, [], search, limit=14), request, search, group.members)
    plan = build_plan(chosen, index, request_values(request))
    best = plan.most_likely()
    for member in group.members:
        assert f"{member}.turn_off()" in best
    assert "all_hall_lights.turn_off" not in best
    text = "workflow w {" + best
    parsed = parse(text)
    assert not parsed.diagnostics and not check(parsed.file, index)


def test_without_a_model_the_answer_is_the_plans_most_likely_path():
    result = Generator(_home(), None).generate("Automation to activate the kitchen cooking scene")
    assert result.fallback
    assert "kitchen_leds.turn_on()" in result.text and "kitchen_main_lights.turn_on()" in result.text


def _search(nodes: list[dict]) -> RetrievalIndex:
    return RetrievalIndex(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)))


def test_two_qualifiers_sharing_a_noun_name_one_node_each():
    lock = {"kind": "lock", "properties": {"state": {"type": "enum", "values": ["locked", "unlocked"]}}, "actions": {"lock": {}, "unlock": {}}}
    search = _search([
        {"id": "lock_front_door", "name": "Lock front door", **lock},
        {"id": "back_door", "name": "Back door", **lock},
        _light("front_door_light", "Front door light"),
        _light("back_door_light", "Back door light"),
        _light("kitchen_leds", "Kitchen leds"),
        _light("living_room_leds", "Living room leds"),
    ])
    # The verb picks the kind: locking is done to the locks, not the door lights.
    group = find_group("Lock the front or back door when everyone has left", search)
    assert group is not None and group.reason == "both"
    assert set(group.members) == {"lock_front_door", "back_door"}
    group = find_group("turn off the kitchen and living room leds", search)
    assert group is not None and set(group.members) == {"kitchen_leds", "living_room_leds"}
    # No shared noun ("the TV and the Xbox") and a verb after the conjunction are no such pair.
    assert find_group("turn off the kitchen leds and turn on the front door light", search) is None
    # A first name that ends with its own noun is whole: "the kitchen leds and the living room leds"
    # are two, not "kitchen leds leds" beside "living room leds".
    assert find_group("turn on the front door light and the kitchen leds", search) is None
    text = Generator(search.index, None).generate("Lock the front or back door when everyone has left").text
    assert "lock_front_door.lock()" in text and "back_door.lock()" in text


def test_the_lights_of_two_places_joined_by_and_are_each_places_lights(example_index):
    search = RetrievalIndex(example_index)
    every = {"kitchen_light", "kitchen_counter_light", "living_room_light", "floor_lamp"}
    for request in ("turn off the lights in the kitchen and the living room at 23:00", "turn off the kitchen and living room lights"):
        group = find_group(request, search)
        assert group is not None and set(group.members) == every, request
    # A place with a group of its own is that group, not each of its lights beside it.
    search = _search([
        _light("living_room_lights", "Living room lights"),
        _light("living_room_ceiling", "Living room ceiling light"),
        _light("living_room_lamp", "Living room floor lamp"),
        _light("kitchen_ceiling", "Kitchen ceiling light"),
        _light("kitchen_spots", "Kitchen spots"),
    ])
    group = find_group("turn off the lights in the kitchen and the living room", search)
    assert group is not None and set(group.members) == {"kitchen_ceiling", "kitchen_spots", "living_room_lights"}
    # Two named lights are the two, not their places' lights.
    assert find_group("turn off the kitchen ceiling light and the living room floor lamp", search) is None


def test_the_plural_of_a_sort_in_a_place_is_each_of_that_sort_there():
    cover = {"kind": "cover", "properties": {"state": {"type": "enum", "values": ["open", "closed"]}}, "actions": {"open_cover": {}, "close_cover": {}}}
    search = _search([
        {"id": "kitchen_blinds_left", "name": "Kitchen blinds left", **cover},
        {"id": "kitchen_blinds_right", "name": "Kitchen blinds right", **cover},
        {"id": "living_room_blinds", "name": "Living room blinds", **cover},
    ])
    assert set(find_group("Close the kitchen blinds at sunset", search).members) == {"kitchen_blinds_left", "kitchen_blinds_right"}
    # One node named in the plural is that node.
    assert find_group("Close the living room blinds at sunset", search) is None


def test_numbers_of_one_series_said_together_are_those_members():
    search = _search([_light("spot_1", "Spot 1"), _light("spot_2", "Spot 2"), _light("spot_3", "Spot 3"), _light("desk", "Desk lamp")])
    assert find_group("Turn on Spot 1 and Spot 3 at sunset", search).members == ("spot_1", "spot_3")
    assert find_group("Allume le Spot 1 et le Spot 2 à 20h", search).members == ("spot_1", "spot_2")
    # A number with a unit is no member's.
    assert find_group("Turn on Spot 1 at 30% for 2 minutes", search) is None


def test_a_kind_and_nothing_else_means_the_whole_house_aggregate():
    search = _search([
        _light("all_house_lights", "All house lights"),
        _light("all_bathroom_lights", "All bathroom lights"),
        _light("bathroom_main_lights", "Bathroom main lights"),
        _light("hall_lamp", "Hall lamp"),
    ])
    group = find_group("Turn off lights when everyone has left", search)
    assert group is not None and group.members == ("all_house_lights",)
    # A qualifier ("bathroom") is not the whole house; without an aggregate for the house, nothing.
    assert find_group("Turn off the bathroom lights", search) is None
    assert find_group("Turn off lights", RetrievalIndex(_home())) is None
    assert "all_house_lights.turn_off()" in Generator(search.index, None).generate("Turn off lights").text
    # How they shine picks no lights: "Lights to Warm White" is the aggregate too.
    for request in ("Lights to Warm White", "Lichter auf Rot"):
        group = find_group(request, search)
        assert group is not None and group.members == ("all_house_lights",), request


def test_all_of_a_kind_without_an_aggregate_is_each_node_of_the_sort_named(example_index):
    search = RetrievalIndex(example_index)
    lights = find_group("turn off all lights at midnight", search)
    assert lights is not None and {"kitchen_light", "floor_lamp", "bedside_lamp", "kids_night_light"} <= set(lights.members)
    assert all(example_index.nodes[m].kind == "light" for m in lights.members)
    # The garage door is a cover too, but not a blind.
    blinds = find_group("close all blinds at sunset", search)
    assert blinds is not None and set(blinds.members) == {"living_room_blinds", "bedroom_blinds"}
    # The plural of a sort says "all" too ("close the blinds"); "lights" does not, and a place word
    # makes it the place's.
    assert find_group("close the blinds at sunset", search) == blinds
    # A part of the day is when, not which ("in the evening" names no blind).
    assert find_group("close the blinds in the evening", search) == blinds
    assert find_group("Rollläden abends schließen", search) == blinds
    assert find_group("turn off the lights at midnight", search) is None
    kitchen = find_group("turn off all the lights in the kitchen", search)
    assert kitchen is not None and set(kitchen.members) == {"kitchen_light", "kitchen_counter_light"}
    # A place said in another language is a phrase in the home's ("Wohnzimmer" is "living room").
    living = find_group("Schalte alle Lichter im Wohnzimmer aus", search)
    assert living is not None and set(living.members) == {"living_room_light", "floor_lamp"}
    dutch = find_group("Doe alle lampen in de woonkamer uit", search)
    assert dutch is not None and dutch.members == living.members
    text = Generator(example_index, None).generate("close all blinds at sunset").text
    assert "at sunset\n  do living_room_blinds.close_cover()\n     bedroom_blinds.close_cover()\n}" in text
    # A second command that names nothing leaves the set to the first.
    text = Generator(example_index, None).generate("Closes all blinds and boosts the mood at sunset").text
    assert "at sunset\n  do living_room_blinds.close_cover()\n     bedroom_blinds.close_cover()\n}" in text


def _button(node_id: str, name: str) -> dict:
    return {"id": node_id, "name": name, "kind": "button", "properties": {}, "actions": {"press": {}}}


def test_all_of_a_name_word_that_is_no_kind_is_each_node_like_the_best_named():
    search = _search([
        _button("hallway_tablet_load_start_url", "Hallway tablet load start url"),
        _button("kitchen_tablet_load_start_url", "Kitchen tablet load start url"),
        _button("bedroom_tablet_load_start_url", "Bedroom tablet load start url"),
        _button("front_door_phone_load_start_url", "Front door phone load start url"),
        {"id": "hallway_tablet_plug", "name": "Hallway tablet plug", "kind": "switch",
         "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "reload_tablets", "name": "Reload tablets", "kind": "automation",
         "properties": {"state": {"type": "enum", "values": ["on", "off"]}}, "actions": {"turn_on": {}, "trigger": {}}},
    ])
    group = find_group("Reload all tablet browsers at 6:00", search)
    # Buttons named "tablet" like the best named one: not the phone's button, the tablet's plug or
    # the automation that happens to be named for the same job.
    assert group is not None and group.kind == "button"
    assert set(group.members) == {"hallway_tablet_load_start_url", "kitchen_tablet_load_start_url", "bedroom_tablet_load_start_url"}
    text = Generator(search.index, None).generate("Reload all tablet browsers at 6:00").text
    assert text.count(".press()") == 3
    assert find_group("Reload the hallway tablet browser at 6:00", search) is None


def test_a_kind_alone_waiting_on_something_in_a_place_means_that_places_nodes_of_the_kind():
    search = _search([
        _light("living_room_lights", "Living room lights"),
        _light("garage", "Garage"),
        _light("porch", "Porch"),
        {"id": "garage_door_opener", "name": "Garage door opener", "kind": "cover",
         "properties": {"state": {"type": "enum", "values": ["open", "closed"]}}, "actions": {"open_cover": {}, "close_cover": {}}},
    ])
    # The light named only "Garage" is the garage's, not the one whose name holds "lights".
    group = find_group("[Doors] Lights on when the garage door opens", search)
    assert group is not None and group.reason == "place" and group.members == ("garage",)
    text = Generator(search.index, None).generate("turn on the lights when the garage door opens").text
    assert "do garage.turn_on()\n}" in text
    # A place in the command itself, or words beside the kind, leave it to retrieval.
    assert find_group("turn on the porch lights when the garage door opens", search) is None


def test_the_place_group_takes_what_is_named_for_the_kind_and_only_the_sort_named(example_index):
    search = RetrievalIndex(example_index)
    # The example's garage light is a switch named "Garage light".
    group = find_group("turn on the lights when the garage door opens", search)
    assert group is not None and group.members == ("garage_light",)
    # "The TV" is a media player, but the living room's speaker is no TV.
    tv = find_group("turn off the TV when nobody is in the living room", search)
    assert tv is not None and tv.members == ("living_room_tv",)


def test_the_plural_of_a_name_means_each_node_it_names():
    plug = {"kind": "switch", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE}
    search = _search([
        _light("anthonys_nightstand", "Anthonys nightstand"),
        _light("saras_nightstand", "Saras nightstand"),
        _light("master_bedroom", "Master bedroom"),
        _light("play_room_tree", "Play room tree"),
        {"id": "basement_tree", "name": "Basement tree", **plug},
        {"id": "nightstands_off", "name": "Nightstands off", "kind": "automation",
         "properties": {"state": {"type": "enum", "values": ["on", "off"]}}, "actions": {"turn_on": {}, "trigger": {}}},
    ])
    # An automation named with the plural does not make it a name.
    group = find_group("Master bedroom nightstands off at 23:00", search)
    assert group is not None and set(group.members) == {"anthonys_nightstand", "saras_nightstand"}
    # Plugs and lights alike, as long as they can do one thing alike.
    trees = find_group("turn off the trees at midnight", search)
    assert trees is not None and set(trees.members) == {"play_room_tree", "basement_tree"}
    # The singular is one node; a kind's plural is left to the kind.
    assert find_group("turn off the nightstand at 23:00", search) is None
    assert find_group("turn off the lights at 23:00", search) is None


def test_the_outside_lights_are_those_named_for_places_out_of_doors():
    nodes = [
        _light("front_porch", "Front porch"),
        _light("deck_string", "Deck string"),
        _light("gartenlicht", "Gartenlicht"),
        _light("kitchen", "Kitchen"),
        {"id": "landscape_lamp", "name": "Landscape lamp", "kind": "switch", "properties": {}, "actions": _SWITCHABLE},
        {"id": "patio_heater", "name": "Patio heater", "kind": "switch", "properties": {}, "actions": _SWITCHABLE},
    ]
    search = _search(nodes)
    outside = {"front_porch", "deck_string", "gartenlicht", "landscape_lamp"}
    for request in ("[Illum][Time] Outside Lights Off", "Schalte die Außenbeleuchtung ein", "turn on the outdoor lights at sunset"):
        group = find_group(request, search)
        assert group is not None and set(group.members) == outside, request
    # A sort of them is one of them, not all.
    assert find_group("Outdoor holiday lights on", search) is None


def test_a_light_named_outside_is_the_outside_lights():
    nodes = [_light("front_porch", "Front porch"), _light("deck", "Deck"), _light("outside_lights", "Outside lights")]
    assert find_group("Outside lights off", _search(nodes)) is None


def test_the_plural_of_a_sort_alone_is_each_of_that_sort():
    cover = {"open_cover": {}, "close_cover": {}}
    nodes = [
        {"id": "garage_door_opener", "name": "Garage door opener", "kind": "cover", "properties": {}, "actions": cover},
        {"id": "living_room_left", "name": "Living room left", "kind": "cover", "properties": {}, "actions": cover},
        {"id": "living_room_right", "name": "Living room right", "kind": "cover", "properties": {}, "actions": cover},
        _light("hall_lamp", "Hall lamp"),
        _light("kitchen_lamp", "Kitchen lamp"),
    ]
    search = _search(nodes)
    group = find_group("[Time] Close Blinds", search)
    assert group is not None and set(group.members) == {"living_room_left", "living_room_right"}
    # "Lights" is said of one light as often as of all of them.
    assert find_group("Lights on", search) is None


def test_lights_of_a_place_in_the_plural_are_each_unless_one_is_named_so():
    search = _search([
        _light("garden_lantern_light1", "Garden lantern light1"),
        _light("garden_light", "Garden light"),
        _light("hue_lights_garden", "Hue lights garden"),
        _light("bedroom_lights", "Bedroom lights"),
        _light("ceiling_bedroom", "Ceiling bedroom"),
        _light("kitchen_light", "Kitchen light"),
    ])
    group = find_group("When it's getting dark, turn on lights in the garden", search)
    assert group is not None and set(group.members) == {"garden_lantern_light1", "garden_light", "hue_lights_garden"}
    # "Bedroom lights" is the bedroom's light group: the request means it, not each light.
    assert find_group("Turn off the bedroom lights", search) is None
    # Two commands: each names its own target.
    assert find_group("Close the blinds and turn off the garden lights", search) is None


def test_a_place_and_a_way_to_switch_alone_mean_each_light_of_that_place():
    search = _search([
        _light("family_room_in", "Family room in"),
        _light("family_room_out", "Family room out"),
        _light("office", "Office"),
        _light("office_lamp_2", "Office lamp 2"),
        _light("office_closet", "Office closet"),
        _light("living_room_lights", "Living room lights"),
        _light("living_room_lamp", "Living room lamp"),
    ])
    group = find_group("[Timer: 5] Family Room Off", search)
    assert group is not None and set(group.members) == {"family_room_in", "family_room_out"}
    # Not the closet within the office; and a place's own group is the one meant.
    group = find_group("[Timer: 5] Office Off", search)
    assert group is not None and set(group.members) == {"office", "office_lamp_2"}
    assert find_group("[Motion] Living Room On", search) is None
    # A word beside the place, or no way to switch, is no such request.
    assert find_group("Family Room movie time", search) is None
    lamp = find_group("Family Room lamp on", search)
    assert lamp is None or lamp.reason != "place"


def test_outside_and_a_way_to_switch_alone_mean_the_lights_out_of_doors():
    plug = lambda node_id, name: {"id": node_id, "name": name, "kind": "switch", "actions": _SWITCHABLE}
    dark = {"id": "dark_outside", "name": "Dark outside", "kind": "binary_sensor", "properties": {"state": {"type": "boolean"}}}
    search = _search([plug("porch_lights", "Porch lights"), plug("driveway_lights", "Driveway lights"), plug("office_outlet", "Office outlet"), dark])
    group = find_group("Outside - Turn Off", search)
    assert group is not None and set(group.members) == {"porch_lights", "driveway_lights"}
    assert find_group("Outside temperature", search) is None


def test_a_place_and_a_way_to_switch_alone_mean_its_only_light():
    speaker = {"id": "office_speaker", "name": "Office speaker", "kind": "media_player", "actions": _SWITCHABLE}
    search = _search([_light("office_lamp", "Office lamp"), speaker, _light("kitchen_up", "Kitchen up")])
    group = find_group("Office - Turn On", search)
    assert group is not None and group.members == ("office_lamp",)


def test_both_is_all_of_exactly_two():
    blind = lambda node_id, name: {"id": node_id, "name": name, "kind": "cover", "actions": {"open_cover": {}, "close_cover": {}}}
    search = _search([blind("center_left", "Center blinds left curtain"), blind("center_right", "Center blinds right curtain"),
                      blind("side", "Side blinds")])
    group = find_group("Center Blinds Open Both", search)
    assert group is not None and set(group.members) == {"center_left", "center_right"}
    # Three are not both.
    three = _search([_light("hall_a", "Hall lamp a"), _light("hall_b", "Hall lamp b"), _light("hall_c", "Hall lamp c")])
    assert find_group("turn on both hall lamps", three) is None
    assert set(find_group("turn on all hall lamps", three).members) == {"hall_a", "hall_b", "hall_c"}


def test_a_series_named_alike_but_for_a_number_said_without_one_is_each_of_it():
    search = _search([
        _light("salon_1", "Salon 1"), _light("salon_2", "Salon 2"), _light("salon_3", "Salon 3"),
        _light("led", "Led"), _light("led_2", "Led 2"),
        _light("hall_1", "Hall 1"), _light("hall_2", "Hall 2"), _light("hall_lights", "Hall lights"),
        _light("fire_tv_192_168_0_166", "Fire TV 192.168.0.166"), _light("fire_tv_192_168_0_182", "Fire TV 192.168.0.182"),
        _light("cuisine", "Cuisine"),
    ])
    salon = find_group("[Eclairage] Allumage salon bouton", search)
    assert salon is not None and salon.members == ("salon_1", "salon_2", "salon_3")
    led = find_group("Led Camera ON", search)
    assert led is not None and led.members == ("led", "led_2")
    # A number said picks one; a node named by more of the words is the one meant; an address is no series.
    assert find_group("Allumage salon 2", search) is None
    assert find_group("Light: turn off hall lights", search) is None
    assert find_group("Fire TV power on", search) is None
    assert find_group("Allumage cuisine", search) is None


def test_a_series_named_beside_another_device_is_no_set_of_its_own():
    search = _search([_light("led", "Led"), _light("led_2", "Led 2"), _light("kitchen_light", "Kitchen light")])
    assert find_group("Turn off the kitchen light and the led at 23:30", search) is None


def test_a_scene_named_for_the_place_and_the_way_is_how_the_home_switches_them():
    scene = {"turn_on": {}}
    nodes = [
        _light("toilet_1", "Toilet 1"),
        _light("toilet_2", "Toilet 2"),
        {"id": "toilet_motion", "name": "Toilet motion", "kind": "binary_sensor", "properties": {"motion": {"type": "boolean"}}},
    ]
    without = Generator(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)), None)
    assert "toilet_1.turn_off()" in without.generate("Toilet Off").text
    scenes = [{"id": "toilet_on", "name": "Toilet on", "kind": "scene", "actions": scene},
              {"id": "toilet_off", "name": "Toilet off", "kind": "scene", "actions": scene}]
    index = EnvIndex(msgspec.convert({"nodes": nodes + scenes}, Environment))
    generator = Generator(index, None)
    assert "toilet_off.turn_on()" in generator.generate("Toilet Off").text
    assert "toilet_on.turn_on()" in generator.generate("Toilet On Motion").text
    assert "toilet_1" not in generator.generate("Toilet On Motion").text


def test_two_words_with_a_slash_each_finish_the_name_before_them():
    scene = {"properties": {}, "actions": {"turn_on": {}}, "kind": "scene"}
    search = _search([
        {"id": "lights_living_room_day", "name": "Lights living room day", **scene},
        {"id": "lights_living_room_night", "name": "Lights living room night", **scene},
        _light("living_room_window", "Living room window"),
        _light("living_room_table", "Living room table"),
    ])
    group = find_group("Control the living room light Day/Night", search)
    assert group is not None and group.members == ("lights_living_room_day", "lights_living_room_night")
    # Both scenes are called; "control" keeps no other light in step with one of them.
    text = Generator(search.index, None).generate("Control the living room light Day/Night").text
    assert "lights_living_room_day.turn_on()" in text and "lights_living_room_night.turn_on()" in text
    assert "else" not in text
    # Two ways with a slash are no two nodes.
    assert find_group("Living room window on/off", search) is None


def test_everything_is_every_light_player_and_fan_of_the_place_or_home(example_index):
    search = RetrievalIndex(example_index)
    home = find_group("Turn off everything when we leave", search)
    assert home is not None
    kinds = {example_index.nodes[m].kind for m in home.members}
    assert kinds == {"light", "media_player", "fan"}  # no relay: it may run the freezer or the charger
    assert find_group("Alles aus wenn niemand zuhause ist", search) == home
    living = find_group("Turn off everything in the living room at 23:00", search)
    assert living is not None and set(living.members) == {"living_room_light", "floor_lamp", "living_room_tv", "living_room_speaker"}
    # A kind named says what "all" is.
    assert find_group("turn off all lights", search) != home


def test_all_but_what_the_request_excepts(example_index):
    search = RetrievalIndex(example_index)
    every_light = set(find_group("turn off all lights", search).members)
    but_hallway = find_group("Turn off all lights at midnight except the hallway light", search)
    assert but_hallway is not None and set(but_hallway.members) == every_light - {"hallway_light"}
    but_kitchen = find_group("Turn off all lights except the kitchen lights when everyone leaves", search)
    assert but_kitchen is not None
    assert set(but_kitchen.members) == every_light - {"kitchen_light", "kitchen_counter_light"}
    german = find_group("Alle Lichter um 23 Uhr ausschalten außer dem Flurlicht", search)
    assert german is not None and "hallway_light" not in german.members and "kitchen_light" in german.members


def test_how_often_and_the_topic_qualify_no_set(example_index):
    search = RetrievalIndex(example_index)
    # "Every weekday" says when; the ceiling light the request names is one light.
    assert find_group("Every weekday at 6:45 turn on the kitchen ceiling light at 40%", search) is None
    # A topic before the command ("Good night:") is no qualifier of "all lights"; a place is.
    every_light = set(find_group("turn off all lights", search).members)
    good_night = find_group("Good night: turn off all lights", search)
    assert good_night is not None and set(good_night.members) == every_light
    kitchen = find_group("Kitchen: turn off all lights at 23:00", search)
    assert kitchen is not None and set(kitchen.members) == {"kitchen_light", "kitchen_counter_light"}
    # Times of a range are no words of the set's name: "the blinds" are still both.
    blinds = find_group("Close the blinds from 22:00 to 7:00", search)
    assert blinds is not None and set(blinds.members) == {"living_room_blinds", "bedroom_blinds"}


def test_a_sort_of_light_the_home_names_is_no_word_for_all_lights():
    nodes = [
        _light("all_house_lights", "All house lights"),
        _light("bedside_lamps", "Bedside lamps"),
        _light("bedside_sam", "Bedside Sam"),
        _light("bedroom_fairy_lights", "Bedroom fairy lights"),
        _light("bedroom_leds", "Bedroom leds"),
        _light("bedroom_main_light", "Bedroom main light"),
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    generate = Generator(index, None).generate
    assert "do bedside_lamps.turn_on()\n}" in generate("Turn on the bedside lamps at 22:00").text
    assert "do bedroom_fairy_lights.turn_on()\n}" in generate("Turn on the bedroom fairy lights at sunset").text
    # A sort no node is named for still says only the kind: "the ceiling lights" are all lights.
    assert "do all_house_lights.turn_off()" in generate("Turn off the ceiling lights at midnight").text
    # And the sort named with "all" is each node of it.
    group = find_group("Turn off all bedside lamps", RetrievalIndex(index))
    assert group is not None and set(group.members) == {"bedside_lamps", "bedside_sam"}


def test_an_automation_named_whole_is_acted_on_not_the_light_its_name_says():
    nodes = [
        _light("hallway_light", "Hallway light"),
        {"id": "hallway_light_auto", "name": "Hallway light auto", "kind": "automation",
         "properties": {"state": {"type": "enum", "values": ["on", "off"]}},
         "actions": {"turn_on": {"aliases": ["enable"]}, "turn_off": {"aliases": ["disable"]}}},
    ]
    generator = Generator(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)), None)
    disabled = generator.generate("At 22:00 disable the automation Hallway light auto", deadline_s=0).text
    assert "do hallway_light_auto.turn_off()" in disabled
    for said in ("Alle 22 disattiva l'automazione Hallway light auto", "À 22h désactive l'automatisation Hallway light auto"):
        assert "do hallway_light_auto.turn_off()" in generator.generate(said, deadline_s=0).text, said
    switched = generator.generate("At 22:00 turn off the hallway light", deadline_s=0).text
    assert "do hallway_light.turn_off()" in switched

def test_a_script_named_whole_beside_another_command_is_run_not_a_light_its_name_says():
    nodes = [
        _light("garden_lights", "Garden lights"),
        {"id": "wake_up_light", "name": "Wake up light", "kind": "script",
         "properties": {"state": {"type": "enum", "values": ["on", "off"]}}, "actions": {"turn_on": {}, "turn_off": {}}},
        {"id": "bedroom_blinds", "name": "Bedroom blinds", "kind": "cover",
         "properties": {"state": {"type": "enum", "values": ["open", "closed"]}}, "actions": {"open_cover": {}, "close_cover": {}}},
    ]
    generator = Generator(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)), None)
    text = generator.generate("At 7:00 run the Wake up light script and open the bedroom blinds", deadline_s=0).text
    assert "do wake_up_light.turn_on()\n     bedroom_blinds.open_cover()" in text
