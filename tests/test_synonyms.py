"""Requests in one language find names in another, and device classes find their brands."""

from __future__ import annotations

import msgspec

from wfl.grammar.index import EnvIndex
from wfl.inference.lexical import LexicalIndex, tokens
from wfl.inference.synonyms import translations
from wfl.schemas.environment import Environment


def _stands_for(request: str) -> set[str]:
    return {" ".join(phrase) for _, _, phrase in translations(tokens(request))}


def test_german_compounds_are_read_by_their_parts():
    assert {"holiday", "mode"} <= _stands_for("Urlaubsmodus")
    assert {"shower", "water"} <= _stands_for("Duschstatus anhand des Wassersensors")


def test_what_a_part_leaves_of_a_compound_is_read_however_short():
    # "tuin" and "Flur" are too short to look for inside other words, but left whole they are words.
    assert {"garden", "light"} <= _stands_for("tuinverlichting")
    assert {"hallway", "light"} <= _stands_for("Flurlicht")
    assert not {"garden", "hallway", "bathroom"} & _stands_for("Urlaubsmodus")


def test_christmas_is_kerst_in_a_dutch_compound():
    assert {"christmas", "light"} <= _stands_for("kerstverlichting")


def test_pets_and_their_feeders_in_other_languages():
    # "Waschmaschine Tier" is the pets' washer (`washer_animal_status`), not the people's.
    assert "animal" in _stands_for("Waschmaschine Tier")
    assert "pet feeder" in _stands_for("Futterautomat")


def test_a_group_word_is_not_split():
    # "Schlafzimmer" is the bedroom, not "sleep" + "room".
    found = _stands_for("Schlafzimmer")
    assert "bedroom" in found
    assert "sleep" not in found


def test_short_words_are_not_found_inside_others():
    # "auto" (car) must not be read into "automatic".
    assert not any(p in {"car", "vehicle", "tesla"} for p in _stands_for("automatic"))


def test_phrases_translate_whole():
    assert "wohnzimmer" in _stands_for("living room lights")
    assert "living room" in _stands_for("Wohnzimmer")


def _index() -> LexicalIndex:
    switch = {"turn_on": {}, "turn_off": {}}
    nodes = [
        {"id": "holiday_mode", "name": "Holiday mode", "kind": "input_boolean", "actions": switch},
        {"id": "guest_mode", "name": "Guest mode", "kind": "input_boolean", "actions": switch},
        {"id": "kef_ls50", "name": "Kef ls50", "kind": "media_player", "actions": switch},
        {"id": "tv", "name": "TV", "kind": "media_player", "actions": switch},
        {"id": "kameraaktiv", "name": "Kamera aktiv", "kind": "binary_sensor"},
    ]
    return LexicalIndex(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)))


def _best(index: LexicalIndex, request: str) -> str:
    found = index.matches(request)
    return max(found, key=lambda node: found[node].score)


def test_a_german_request_finds_an_english_name():
    assert _best(_index(), "Schaltet das Haus in den Urlaubsmodus") == "holiday_mode"


def test_an_english_request_finds_a_german_name():
    assert _best(_index(), "Light sync to webcam") == "kameraaktiv"


def test_a_device_class_finds_its_brands():
    assert _best(_index(), "turn off the speakers") == "kef_ls50"


def test_a_translation_counts_less_than_the_word_itself():
    index = _index()
    direct = index.matches("holiday mode")["holiday_mode"].score
    translated = index.matches("Urlaubsmodus")["holiday_mode"].score
    assert 0 < translated < direct


def test_said_holds_the_request_words_not_their_translations():
    # A compound's words are its parts, as the request says them: not "holiday", "mode".
    assert _index().matches("Urlaubsmodus")["holiday_mode"].said == {"urlaub", "modus"}


def test_a_translated_phrase_names_a_node_only_in_one_piece():
    # "Waschmaschine" is "washing machine": the coffee machine that "is washing" holds both words
    # but names another appliance, so the washer's own flag ranks first.
    switch = {"turn_on": {}, "turn_off": {}}
    nodes = [
        {"id": "coffee_machine_is_washing", "name": "Coffee machine is washing", "kind": "input_boolean", "actions": switch},
        {"id": "wash_active", "name": "Wash active", "kind": "input_boolean", "actions": switch},
        {"id": "washing_machine_power", "name": "Washing machine power", "kind": "sensor"},
    ]
    index = LexicalIndex(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)))
    found = index.matches("Benachrichtigt wenn die Waschmaschine fertig ist")
    assert found["wash_active"].score > found["coffee_machine_is_washing"].score
    assert found["washing_machine_power"].score > found["coffee_machine_is_washing"].score


def test_household_words_translate_printer_toothbrush_cat_flap_and_ajar():
    assert "printer" in _stands_for("Büro - Drucker aus")
    assert "toothbrush" in _stands_for("Bad - Zahnbürste laden an")
    assert "cat flap" in _stands_for("Katzentür - Video aufnehmen")
    assert "ajar" in _stands_for("Rolladen auf Schlitz")
    assert "mirror" in _stands_for("Spiegellicht")
    assert "dining" in _stands_for("Schalter - Wohnzimmer - Esstisch")
    assert "heating" in _stands_for("Kachel slaapkamer aan")


def test_appliances_translate_heat_pump_air_purifier_and_hot_water():
    assert "warmtepomp" in _stands_for("Disable the heatpump at night")
    assert "heat pump" in _stands_for("Wärmepumpe aus")
    assert "air purifier" in _stands_for("Luftreiniger Schlafzimmer an")
    assert "boiler" in _stands_for("Warmwasser aufheizen")


def test_a_word_the_home_uses_weighs_no_more_for_what_it_translates_to():
    # "lamp" is rare here and "light" common: "the light" must not name the one lamp best.
    lit = {"turn_on": {}, "turn_off": {}}
    nodes = [
        {"id": f"{place}_light", "name": f"{place.title()} light", "kind": "light", "actions": lit}
        for place in ("ceiling", "wall", "hall", "garden")
    ] + [{"id": "table_lamp", "name": "Table lamp", "kind": "light", "actions": lit}]
    index = LexicalIndex(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)))
    found = index.matches("turn on the light")
    assert found["table_lamp"].score < found["ceiling_light"].score


def test_one_request_word_names_a_node_once_across_its_names():
    # "light" is the lamp's "reading light" and, translated, its "night lamp": once, not twice.
    lit = {"turn_on": {}, "turn_off": {}}
    nodes = [
        {"id": "bedside_lamp", "name": "Bedside lamp", "kind": "light", "aliases": ["night lamp", "reading light"], "actions": lit},
        {"id": "kids_night_light", "name": "Night light", "kind": "light", "area": "kids_room", "actions": lit},
        {"id": "kitchen_light", "name": "Kitchen light", "kind": "light", "actions": lit},
    ]
    index = LexicalIndex(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)))
    found = index.matches("turn on the night light")
    assert found["kids_night_light"].mass >= found["bedside_lamp"].mass
    # Within one name each word a translation brings counts ("Wohnzimmer" is living and room).
    assert _best(_index(), "Schaltet das Haus in den Urlaubsmodus") == "holiday_mode"
