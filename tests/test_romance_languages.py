"""Requests in French, Portuguese, Spanish and Italian: their verbs say the way, their words for
rooms and devices find names in any language, and their words for "when" open the waiting clause.

Run through the whole pipeline without a model (the deterministic answer from tagging and
retrieval), on one home named in English and one named in French.
"""

from __future__ import annotations

import msgspec
import pytest

from wfl.grammar.index import EnvIndex
from wfl.inference.clauses import split_clauses
from wfl.inference.constrain import request_values
from wfl.inference.groups import find_group
from wfl.inference.lexical import LexicalIndex, tokens
from wfl.inference.pipeline import Generator
from wfl.inference.kinds import kinds_in_order
from wfl.inference.retrieval import RetrievalIndex
from wfl.inference.verbs import polarity
from wfl.schemas.environment import Environment

_SWITCH = {"turn_on": {}, "turn_off": {}, "toggle": {}}
_COVER = {"open_cover": {}, "close_cover": {}, "stop_cover": {}}
_ALARM = {"alarm_arm_away": {}, "alarm_arm_home": {}, "alarm_disarm": {}, "alarm_trigger": {}}
_ON_OFF = {"type": "enum", "values": ["on", "off"]}


def _generator(nodes: list[dict]) -> Generator:
    return Generator(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)), None)


@pytest.fixture(scope="module")
def english_home() -> Generator:
    return _generator([
        {"id": "living_room_lights", "name": "Living room lights", "kind": "light", "actions": _SWITCH,
         "properties": {"state": _ON_OFF}},
        {"id": "kitchen_light", "name": "Kitchen light", "kind": "light", "actions": _SWITCH,
         "properties": {"state": _ON_OFF}},
        {"id": "bedroom_blinds", "name": "Bedroom blinds", "kind": "cover", "actions": _COVER},
        {"id": "alarm", "name": "Alarm", "kind": "alarm_control_panel", "actions": _ALARM},
        {"id": "living_room_motion", "name": "Living room motion", "kind": "binary_sensor",
         "properties": {"state": {"type": "boolean"}}},
        {"id": "guest_mode", "name": "Guest mode", "kind": "input_boolean", "actions": _SWITCH},
    ])


@pytest.mark.parametrize(
    ("request_text", "call"),
    [
        ("Éteindre les lumières du salon", "living_room_lights.turn_off()"),
        ("Allumer la lumière de la cuisine quand il y a du mouvement dans le salon", "kitchen_light.turn_on()"),
        ("Fermer les volets de la chambre", "bedroom_blinds.close_cover()"),
        ("Desligar a luz da cozinha", "kitchen_light.turn_off()"),
        ("Abrir as persianas do quarto", "bedroom_blinds.open_cover()"),
        ("Apagar las luces del salón", "living_room_lights.turn_off()"),
        ("Spegni la luce della cucina", "kitchen_light.turn_off()"),
        ("Desarmar o alarme", "alarm.alarm_disarm()"),
    ],
)
def test_a_romance_language_request_finds_english_names_and_its_way(english_home, request_text, call):
    assert f"do {call}" in english_home.generate(request_text).text


def test_an_english_request_finds_french_names():
    home = _generator([
        {"id": "lumiere_salon", "name": "Lumière salon", "kind": "light", "actions": _SWITCH},
        {"id": "lumiere_cuisine", "name": "Lumière cuisine", "kind": "light", "actions": _SWITCH},
        {"id": "volet_chambre", "name": "Volet chambre", "kind": "cover", "actions": _COVER},
    ])
    assert "do lumiere_cuisine.turn_off()" in home.generate("Turn off the kitchen light").text
    assert "do volet_chambre.close_cover()" in home.generate("Close the bedroom blinds").text


def test_verbs_say_the_way_in_french_portuguese_spanish_and_italian():
    for on in ("Allumer le salon", "Ligar a luz", "Liga Regua USB", "Encender la luz", "Accendi la luce", "Ouvrir",
               "Modo caminhada - começar", "Activer les micros", "Accende la luce del bagno", "Apre la tapparella"):
        assert polarity(tokens(on)) == 1, on
    for off in ("Éteindre le salon", "Desliga Regua USB", "Desligar a luz", "Apagar la luz", "Spegni la luce",
                "Fermer les volets", "Arrêter l'arrosage", "Modo caminhada - terminar", "Terminer la lessive",
                # The third person, as an automation's description says what it does
                "Spegne automaticamente tutte le luci", "Chiude la tapparella"):
        assert polarity(tokens(off)) == -1, off
    # "Active" is English for busy, not a command: left to the activity words.
    assert polarity(tokens("Dryer active")) == 0


def test_the_act_named_as_a_noun_says_its_way():
    for on in ("Enclenchement mode douche", "Activation mode nuit", "Aktivierung Urlaubsmodus", "Accensione luci"):
        assert polarity(tokens(on)) == 1, on
    for off in ("Desactivation auto mode nuit", "Deaktivierung Alarm", "Desativação do alarme", "Spegnimento luci",
                "Uitschakeling verwarming"):
        assert polarity(tokens(off)) == -1, off


def test_words_for_when_open_the_waiting_clause():
    clauses = split_clauses("Allumer la lumière du salon quand il y a du mouvement")
    assert (clauses.act.strip(), clauses.watch.strip()) == ("Allumer la lumière du salon", "il y a du mouvement")
    clauses = split_clauses("Liga a luz da sala quando houver movimento")
    assert clauses.act.strip() == "Liga a luz da sala"


def test_words_for_kinds():
    assert kinds_in_order("Fermer les volets") == ["cover"]
    assert kinds_in_order("Desligar as luzes") == ["light"]
    assert kinds_in_order("Notifier poubelle") == ["notify"]


def test_a_translation_names_only_the_words_it_is_not_look_alikes():
    nodes = [{"id": "irrigation_main_switch", "name": "Irrigation main switch", "kind": "switch", "actions": _SWITCH}]
    index = LexicalIndex(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)))
    # "house" stands for "maison", which merely starts like "main".
    assert "irrigation_main_switch" not in index.matches("arm the house")
    # The word itself still finds look-alikes: a typo, a plural.
    assert "irrigation_main_switch" in index.matches("the irigation switch")
    # "TV" stands for "télé", too short to be looked for inside a name: no "Telegram".
    nodes = [{"id": "telegram_bot", "name": "Telegram bot", "kind": "notify", "actions": {"send_message": {}}}]
    index = LexicalIndex(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)))
    assert "telegram_bot" not in index.matches("Benachrichtigt über das TV Programm")


def test_se_opens_the_waiting_clause_in_portuguese_and_italian():
    clauses = split_clauses("Desliga a luz do banheiro se ficar mais de 15 minutos ligada")
    assert clauses.act.strip() == "Desliga a luz do banheiro"
    assert polarity(tokens(clauses.act)) == -1


def test_a_button_press_switches_over_and_a_photo_is_a_snapshot():
    from wfl.inference.verbs import verb_scores
    from wfl.schemas.environment import Action

    switch = {name: Action() for name in ("turn_on", "turn_off", "toggle")}
    for pressed in ("Interruttore Ufficio", "Bouton salon", "Bridge: Botão A", "Pulsador Javier"):
        scores = verb_scores(pressed, switch)
        assert max(scores, key=scores.get) == "toggle", pressed
    camera = {name: Action() for name in ("turn_on", "turn_off", "snapshot")}
    scores = verb_scores("Tira foto a cada minuto", camera)
    assert max(scores, key=scores.get) == "snapshot"


def test_kind_words_are_found_written_without_their_accents():
    assert kinds_in_order("[Eclairage] Allumage salon") == ["light"]
    assert kinds_in_order("Calefaccion dormitorio") == ["climate"]


@pytest.mark.parametrize(
    ("request_text", "field", "expected"),
    [
        ("Allumer la lumière à 7h30 le lundi", "clocks", ("07:30",)),
        ("Chaque jour à 22h", "clocks", ("22:00",)),
        ("Liga a rega às 18 horas", "clocks", ("18:00",)),
        ("Enciende la luz a las 8 de la tarde", "clocks", ("20:00",)),
        ("Éteindre le chauffage à minuit", "clocks", ("00:00",)),
        ("Allumer la lumière à 7h30 le lundi", "days", ("mon",)),
        ("Ouvrir les volets en semaine", "days", ("weekdays",)),
        ("Liga a rega no fim de semana", "days", ("weekends",)),
        ("Fermer les volets au coucher du soleil", "sun_events", ("sunset",)),
        ("Acender luzes ao pôr do sol", "sun_events", ("sunset",)),
        ("Abrir las persianas al amanecer", "sun_events", ("sunrise",)),
        ("Accendi le luci al tramonto", "sun_events", ("sunset",)),
        ("Ouvrir les volets 30 minutes avant le lever du soleil", "sun_shifts", ("sunrise - 30 min",)),
        ("Accendi le luci un'ora dopo il tramonto", "sun_shifts", ("sunset + 1 h",)),
        ("Allumer la lumière la nuit quand la porte s'ouvre", "daylight", "below_horizon"),
        ("Ao abrir o portão à noite, acender luzes", "daylight", "below_horizon"),
        ("Apaga las luces durante el día", "daylight", "above_horizon"),
        ("Desliga a luz do banheiro se ficar mais de 15 minutos ligada", "held", ("15 min",)),
        ("Éteindre la lumière après une demi-heure", "durations", ("30 min",)),
        ("Spegni il riscaldamento dopo due ore", "durations", ("2 h",)),
        ("Enciende la calefacción si la temperatura baja de 19 grados", "below", ("19",)),
        ("Spegni il riscaldamento se la temperatura supera 22 gradi", "above", ("22",)),
        ("Tira foto a cada minuto", "repeat", True),
        ("Toutes les 5 minutes, vérifier la porte", "repeat", True),
        ("Éteindre toutes les lumières", "repeat", False),
        ("Liga às 18h e desliga às 23h", "later_times", ("23:00",)),
        ("Ouvrir les volets à 7h et les fermer au coucher du soleil", "later_times", ("sunset",)),
    ],
)
def test_times_days_and_thresholds_are_read_in_romance_languages(request_text, field, expected):
    assert getattr(request_values(request_text), field) == expected


@pytest.mark.parametrize(
    "request_text",
    [
        "TV intelligente - Allumer / Éteindre KEF",
        "Activer / Désactiver les micros",
        "Liga e desliga a tomada",
        "Enciende o apaga la luz del pasillo según la iluminación exterior",
        "Sincronizar las luces con el televisor",
        "Garage Door - Opened/Closed not home",
    ],
)
def test_a_way_and_its_opposite_side_by_side_keep_in_step(request_text):
    assert request_values(request_text).follow


@pytest.mark.parametrize(
    "request_text",
    ["Turn off the lights and arm the alarm", "Close the blinds and open the window", "Allumer la lumière du salon"],
)
def test_two_commands_or_one_way_do_not_keep_in_step(request_text):
    assert not request_values(request_text).follow


@pytest.mark.parametrize(
    ("request_text", "undo", "delay"),
    [
        ("Allume le ventilateur et éteins-le après 10 minutes", "later", "10 minutes"),
        ("Accendi la luce quando c'è movimento e spegnila dopo 5 minuti", "later", "5 minuti"),
        ("Enciende la luz cuando hay movimiento y apágala cuando no haya", "when", ""),
        ("Allume la lumière pendant 5 minutes", "later", "5 minutes"),
        ("Liga a luz por 5 minutos", "later", "5 minutos"),
        ("Liga a tomada quando o monitor é conectado e desliga 10 s após a desconexão", "when", ""),
    ],
)
def test_a_romance_request_that_switches_back(request_text, undo, delay):
    clauses = split_clauses(request_text)
    assert (clauses.undo, clauses.delay) == (undo, delay)


def test_pendant_que_still_opens_a_waiting_clause():
    clauses = split_clauses("Allumer la lumière pendant qu'il pleut")
    assert clauses.act.strip() == "Allumer la lumière" and clauses.watch == "qu'il pleut"


def test_a_romance_request_gets_its_time_and_both_ways_end_to_end(english_home):
    text = english_home.generate("Allumer / Éteindre la lumière de la cuisine quand il y a du mouvement dans le salon").text
    assert "kitchen_light.turn_on()" in text and "kitchen_light.turn_off()" in text
    assert "at 22:00" in english_home.generate("Fermer les volets de la chambre à 22h").text
    assert "at sunset" in english_home.generate("Fermer les volets de la chambre au coucher du soleil").text


def _light(node_id: str, name: str) -> dict:
    return {"id": node_id, "name": name, "kind": "light", "actions": _SWITCH, "properties": {"state": _ON_OFF}}


@pytest.fixture(scope="module")
def portuguese_home() -> RetrievalIndex:
    nodes = [
        _light("luz_sala", "Luz sala"), _light("luz_cozinha", "Luz cozinha"), _light("varanda", "Varanda"),
        _light("luzes_do_quintal", "Luzes do quintal"), _light("jardim", "Jardim"),
        {"id": "persiana_sala", "name": "Persiana sala", "kind": "cover", "actions": _COVER},
        {"id": "persiana_quarto", "name": "Persiana quarto", "kind": "cover", "actions": _COVER},
    ]
    return RetrievalIndex(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)))


@pytest.mark.parametrize(
    ("request_text", "members"),
    [
        ("Apagar todas as luzes", {"luz_sala", "luz_cozinha", "varanda", "luzes_do_quintal", "jardim"}),
        ("Acender as luzes externas ao pôr do sol", {"varanda", "luzes_do_quintal", "jardim"}),
        ("Fechar persianas", {"persiana_sala", "persiana_quarto"}),
        ("Éteindre toutes les lumières", {"luz_sala", "luz_cozinha", "varanda", "luzes_do_quintal", "jardim"}),
    ],
)
def test_a_romance_request_for_a_set_of_nodes_gets_each_of_them(portuguese_home, request_text, members):
    group = find_group(request_text, portuguese_home)
    assert group is not None and set(group.members) == members


def test_romance_words_for_household_things_find_english_names():
    home = _generator([
        {"id": "kitchen_pantry", "name": "Kitchen pantry", "kind": "light", "actions": _SWITCH},
        {"id": "xmas_tree", "name": "Xmas tree", "kind": "light", "actions": _SWITCH},
        {"id": "stairs_lamp", "name": "Stairs lamp", "kind": "light", "actions": _SWITCH},
        {"id": "water_heater", "name": "Water heater", "kind": "climate", "actions": _SWITCH},
        {"id": "portable_heater", "name": "Portable heater", "kind": "climate", "actions": _SWITCH},
        {"id": "portable_dehumidifier", "name": "Portable dehumidifier", "kind": "humidifier", "actions": _SWITCH},
        {"id": "last_rain", "name": "Last rain", "kind": "input_datetime", "actions": {"set_datetime": {}}},
        {"id": "master_bedroom", "name": "Master bedroom", "kind": "cover", "actions": _COVER},
        {"id": "bedroom_henrique", "name": "Bedroom Henrique", "kind": "cover", "actions": _COVER},
        {"id": "walking_routine", "name": "Walking routine", "kind": "input_boolean", "actions": _SWITCH},
        {"id": "end_of_irrigation", "name": "End of irrigation", "kind": "input_datetime", "actions": {"set_datetime": {}}},
        {"id": "litter_tracking", "name": "Litter tracking", "kind": "input_number",
         "actions": {"increment": {}, "decrement": {}, "set_value": {}}},
    ])
    for request_text, call in [
        ("Ligar a luz da despensa", "kitchen_pantry.turn_on()"),
        ("Ligar luzes da árvore de Natal de manhã", "xmas_tree.turn_on()"),
        ("Água quente - desligar à noite", "water_heater.turn_off()"),
        ("Termoventilador - desligar automaticamente", "portable_heater.turn_off()"),
        ("Ligar o desumidificador", "portable_dehumidifier.turn_on()"),
        ("Éteindre le chauffe-eau", "water_heater.turn_off()"),
        ("Accendi l'albero di Natale", "xmas_tree.turn_on()"),
        ("Abrir estores da suite", "master_bedroom.open_cover()"),
        ("Modo caminhada - desligar", "walking_routine.turn_off()"),
        ("Irrigation intelligente - Calculer fin arrosage", "end_of_irrigation.set_datetime("),
        ("Litière - Incrementer passages litière", "litter_tracking.increment()"),
    ]:
        assert f"do {call}" in home.generate(request_text).text, request_text


def test_a_set_named_in_portuguese_finds_english_names():
    nodes = [_light(i, i.replace("_", " ").capitalize()) for i in ("stairs_down", "stairs_wall", "stairs_lamp", "kitchen")]
    search = RetrievalIndex(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)))
    for request_text in ("Desligar as luzes das escadas", "Apagar las luces de la escalera"):
        group = find_group(request_text, search)
        assert group is not None and set(group.members) == {"stairs_down", "stairs_wall", "stairs_lamp"}, request_text


def test_a_translated_phrase_may_hold_a_function_word():
    home = _generator([
        {"id": "bathroom_light", "name": "Bathroom light", "kind": "light", "actions": _SWITCH},
        {"id": "living_room_light", "name": "Living room light", "kind": "light", "actions": _SWITCH},
        {"id": "washing_machine_plug", "name": "Washing machine plug", "kind": "switch", "actions": _SWITCH},
        {"id": "dining_plug", "name": "Dining plug", "kind": "switch", "actions": _SWITCH},
    ])
    for request_text, call in [
        ("Allumer la lumière de la salle de bain", "bathroom_light.turn_on()"),
        ("Acender a luz da sala de estar", "living_room_light.turn_on()"),
        ("Desligar a tomada da máquina de lavar", "washing_machine_plug.turn_off()"),
    ]:
        assert f"do {call}" in home.generate(request_text).text, request_text


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("Allume la lumière de la salle de bain à 8h et éteins-la au bout de 20 minutes",
         "do bathroom_light.turn_on()\n     wait 20 min\n     bathroom_light.turn_off()"),
        ("Quand Anna est partie, active le mode vacances", "when anna.state becomes not_home\n  do vacation_mode.turn_on()"),
        ("Lance l'aspirateur à 10h si personne n'est à la maison", "if family.state == not_home\n  do robot_vacuum.start()"),
        ("Éteins la lumière de la cuisine quand il n'y a plus de mouvement depuis 2 minutes",
         "when kitchen_motion.motion becomes false for 2 min\n  do kitchen_light.turn_off()"),
        ("Baisse le volume de la sono à 15% à 21h30 si la musique joue", "if living_room_speaker.state == playing"),
        ("Quand la porte d'entrée s'ouvre alors que le mode vacances est activé, allume la lumière du couloir",
         "when front_door.open becomes true\n  if vacation_mode.state == on\n  do hallway_light.turn_on()"),
        ("Renvoie l'aspirateur à sa base à 11h", "do robot_vacuum.return_to_base()"),
        ("Mets le thermostat du salon en mode chauffage à 7h", "do living_room_thermostat.set_hvac_mode(hvac_mode: heat)"),
        ("Quand la température extérieure passe sous 3 °C, ferme les volets de la chambre",
         "when outdoor_temperature.temperature < 3"),
    ],
)
def test_french_as_people_write_it_in_the_example_home(example_index, request_text, wanted):
    assert wanted in Generator(example_index, None).generate(request_text).text
