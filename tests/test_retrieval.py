"""Stage 2: mentions resolve to candidate nodes, ranked, with their properties and actions."""

from __future__ import annotations

import pytest

from wfl.inference.retrieval import Mentioned, RetrievalIndex, node_places, retrieve


def test_device_mentions_find_their_nodes(example_index):
    search = RetrievalIndex(example_index)
    found = retrieve(
        "turn on the kitchen light when motion is detected",
        [Mentioned("action", "turn on"), Mentioned("node", "kitchen light"), Mentioned("property", "motion")],
        search,
    )
    assert found[0].node == "kitchen_light"
    assert found[0].actions[0] == "turn_on"


@pytest.mark.parametrize(
    ("request_text", "sensor"),
    [
        ("Turn on the hallway light when motion is detected", "hallway_motion"),
        ("turn on the garage light when motion is detected", "garage_motion"),
        # A place the waiting clause names itself wins over the target's.
        ("turn on the hallway light when motion is detected in the kitchen", "kitchen_motion"),
    ],
)
def test_a_sensor_in_the_targets_place_is_watched_when_the_request_names_no_other(example_index, request_text, sensor):
    from wfl.inference.ner.tagger import Tagger

    tags = Tagger.load().tag(request_text)
    found = retrieve(request_text, [Mentioned(t.label, t.text, t.start, t.end) for t in tags], RetrievalIndex(example_index), limit=14)
    assert max(found, key=lambda c: c.watch_score).node == sensor


def test_without_device_mentions_the_whole_request_is_matched(example_index):
    found = retrieve("bathroom fan", [], RetrievalIndex(example_index))
    assert "bathroom_fan" in [c.node for c in found]


# ----------------------------------------------------------------- word-weighted matching and verbs

import msgspec  # noqa: E402

from wfl.grammar.index import EnvIndex  # noqa: E402
from wfl.inference.clauses import Clauses, split_clauses  # noqa: E402
from wfl.inference.lexical import LexicalIndex, tokens  # noqa: E402
from wfl.inference.shortlist import shortlist  # noqa: E402
from wfl.inference.verbs import OCCASION_MATCH, POLARITY_MATCH, actions_named, polarity, verb_scores  # noqa: E402
from wfl.schemas.environment import Action, Environment  # noqa: E402
from wfl.inference.pipeline import Generator  # noqa: E402
from wfl.inference.daytime import times_of_day_said  # noqa: E402

_SWITCHABLE = {"turn_on": {}, "turn_off": {}}


def _home() -> EnvIndex:
    """A small home in the shape the Home Assistant importer writes: no areas, names only."""
    nodes = [
        {"id": "living_room_lights", "name": "Living room lights", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "corner_living_room", "name": "Corner living room", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "ceiling_living_room", "name": "Ceiling living room", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "kinderzimmerlicht", "name": "Kinderzimmerlicht", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "kameralichter", "name": "Kameralichter", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "spulmaschine_aktiv", "name": "Spülmaschine aktiv", "kind": "input_boolean", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "tv", "name": "TV", "kind": "media_player", "properties": {"state": {"type": "enum", "values": ["on", "off"]}}, "actions": _SWITCHABLE},
        {"id": "xbox", "name": "Xbox", "kind": "media_player", "properties": {"state": {"type": "enum", "values": ["on", "off"]}}, "actions": _SWITCHABLE},
        {"id": "light_living_room_on", "name": "Light: turn on living room", "kind": "automation", "properties": {"state": {"type": "enum", "values": ["on", "off"]}}, "actions": {"turn_on": {}, "turn_off": {}, "trigger": {}}},
        {"id": "hallway_motion", "name": "Hallway motion", "kind": "binary_sensor", "properties": {"motion": {"type": "boolean", "aliases": ["movement"]}}},
        {"id": "hallway_light", "name": "Hallway light", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "hallway_humidity", "name": "Hallway humidity", "kind": "sensor", "properties": {"humidity": {"type": "number"}}},
        {"id": "alarm", "name": "Alarm", "kind": "alarm_control_panel", "properties": {"state": {"type": "enum", "values": ["armed_away", "disarmed"]}},
         "actions": {"alarm_arm_home": {}, "alarm_disarm": {}, "alarm_trigger": {}}},
    ]
    return EnvIndex(msgspec.convert({"nodes": nodes}, Environment))


def _best_actor(request: str, index: EnvIndex) -> str:
    found = retrieve(request, [], RetrievalIndex(index), limit=14)
    return next(c.node for c in found if c.actions)


def test_every_word_of_a_name_mentioned_beats_a_name_with_an_extra_word():
    index = _home()
    assert _best_actor("Light: turn on living room", index) == "living_room_lights"


def test_a_whole_compound_beats_a_related_compound():
    assert _best_actor("Kinderzimmerlicht Auto an", _home()) == "kinderzimmerlicht"


def test_accents_match_entity_ids_that_dropped_them():
    assert tokens("Spülmaschine Straße") == ["spulmaschine", "strasse"]
    assert "spulmaschine_aktiv" in LexicalIndex(_home()).matches("Benachrichtigt wenn die Spülmaschine fertig ist")


def test_rare_words_weigh_more_than_common_ones():
    lexical = LexicalIndex(_home())
    assert lexical.weight["xbox"] > lexical.weight["living"]


def test_existing_automations_named_like_the_request_are_no_candidates():
    found = retrieve("Light: turn on living room", [], RetrievalIndex(_home()), limit=14)
    assert "light_living_room_on" not in [c.node for c in found]


def test_the_automation_a_request_describes_is_never_acted_on():
    nodes = [
        {"id": "hugh_phone_charging", "name": "Hugh Phone Charging", "kind": "automation",
         "properties": {"state": {"type": "enum", "values": ["on", "off"]}}, "actions": {"turn_on": {}, "turn_off": {}, "trigger": {}}},
        {"id": "desk_lamp", "name": "Desk lamp", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
    ]
    search = RetrievalIndex(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)))
    for request in ("Hugh Phone Charging", "Automation: Hugh Phone Charging"):
        found = retrieve(request, [], search, limit=14)
        # Nothing else is named, and the last resort looks for something to act on: never the workflow itself.
        assert "hugh_phone_charging" not in [n.node for n in shortlist(found, request, search).nodes]
    # Another workflow, named as such, may be.
    found = retrieve("Turn off the Hugh Phone Charging automation at night", [], search, limit=14)
    assert "hugh_phone_charging" in [c.node for c in found if c.actions]


def test_an_automation_named_whole_ranks_above_the_devices_its_name_says():
    # "the automation" and every word of its name: that automation is what the request disables.
    found = retrieve("Disable the automation light: turn on living room", [], RetrievalIndex(_home()), limit=14)
    ranked = [c.node for c in found]
    assert ranked.index("light_living_room_on") < ranked.index("living_room_lights")
    # Named in part, it ranks below the devices.
    found = retrieve("Disable the automation for the living room", [], RetrievalIndex(_home()), limit=14)
    ranked = [c.node for c in found]
    assert "light_living_room_on" not in ranked or ranked.index("living_room_lights") < ranked.index("light_living_room_on")


def test_if_after_check_asks_whether_and_opens_no_condition():
    assert split_clauses("Check if machine is washing") == Clauses(act="Check if machine is washing", watch="")
    assert split_clauses("turn on the light if motion is detected").watch == "motion is detected"


def test_a_title_ending_with_a_thing_waits_for_it():
    assert split_clauses("Lights Turn On Exterior With Kitchen Door") == Clauses(
        act="Lights Turn On Exterior", watch="Kitchen Door"
    )
    assert split_clauses("Controlo da Luz da Despensa com a Porta").watch == "a Porta"
    assert split_clauses("Éclairage salon avec détecteurs").act == "Éclairage salon"
    # A level says how; what follows a scene is in the scene; another clause already says when.
    assert split_clauses("Turn on the lights with 50% brightness").watch == ""
    assert split_clauses("Activate the office scene with the desk lamp").watch == ""
    assert split_clauses("Turn on the lamp with the red colour when the door opens").watch == "the door opens"


def test_a_german_verb_particle_after_the_waiting_clause_belongs_to_the_command():
    clauses = split_clauses("Schalte die Gartenbeleuchtung bei Sonnenuntergang ein")
    assert clauses.watch == "Sonnenuntergang" and clauses.act == "Schalte die Gartenbeleuchtung ein"
    assert split_clauses("Heizung bei Fenster auf aus") == Clauses(act="Heizung aus", watch="Fenster auf")
    assert split_clauses("Brunnen: Bei feuchter Luft ausschalten").act == "Brunnen: ausschalten"
    assert split_clauses("Rollläden bei Sonnenuntergang schließen").act == "Rollläden schließen"
    # How far goes with the verb, and a title's number may follow it.
    clauses = split_clauses("Storen: Wohnzimmer bei Sonne halb schliessen 2")
    assert clauses.act == "Storen: Wohnzimmer halb schliessen" and clauses.watch == "Sonne"
    # A state is no verb; a command that says on or off already keeps the clause whole.
    assert split_clauses("Licht wenn Fenster offen").watch == "Fenster offen"
    assert split_clauses("Licht aus wenn der Fernseher an").watch == "der Fernseher an"
    # A particle before "und um 23 Uhr aus" ends the command's first part; the second switches back.
    clauses = split_clauses("Schalte die Weihnachtslichter bei Sonnenuntergang ein und um 23 Uhr aus")
    assert (clauses.act, clauses.watch) == ("Schalte die Weihnachtslichter ein und um 23 Uhr aus", "Sonnenuntergang")
    assert split_clauses("Heizung bei Fenster auf und Tür offen aus").watch == "Fenster auf und Tür offen"


def test_a_statement_then_a_command_after_a_comma_waits_on_the_statement():
    clauses = split_clauses("We didn't enable the Guest mode and we both left, arm the house")
    assert (clauses.act, clauses.watch) == ("arm the house", "We didn't enable the Guest mode and we both left")
    # A list of commands, or a time before the command, is no statement.
    assert split_clauses("Turn on the lights, close the blinds").watch == ""
    assert split_clauses("At sunset, turn on the lights").watch == ""


def test_dutch_als_opens_a_clause_but_german_als_and_a_comparison_do_not():
    assert split_clauses("Zet onkyo aan als Chromebitch afspeelt") == Clauses(act="Zet onkyo aan", watch="Chromebitch afspeelt")
    assert split_clauses("Licht als Wecker").watch == ""
    assert split_clauses("Heizung an, wenn es kälter als 20 Grad ist").watch == "es kälter als 20 Grad ist"
    assert split_clauses("Lamp aan bij zonsondergang").watch == "zonsondergang"
    assert split_clauses("In case it's warm and sunny, close the screens").act == "close the screens"


def test_on_a_state_change_is_waited_for_but_turn_on_is_not():
    clauses = split_clauses("Media player: turn on the speaker on TV state change")
    assert clauses.watch == "TV state change" and "speaker" in clauses.act
    assert split_clauses("switch on the fan on humidity changes").watch == "humidity changes"
    assert split_clauses("turn on the changing lights").watch == ""


def test_a_report_of_what_happened_is_waited_for():
    for request in ("Front door opened", "Alarm: Armed", "proycon arrived", "Security: bathroom door has opened",
                    "Vacuum: stopped cleaning"):
        clauses = split_clauses(request)
        assert clauses.event and clauses.watch == request and not clauses.act, request
    # A command, a participle after "then", or one in a remark in brackets is no report; a verb
    # after the topic a request is filed under still commands.
    for request in ("Home then disarmed", "Reset IPCam Finished", "Blink Attic lights (doorbell rang)", "PC Dimmed",
                    "Vacuum: start cleaning", "Vacuum: vacuum when stopped", "Vacuum stopped cleaning"):
        assert not split_clauses(request).event, request


def test_on_what_happens_is_waited_for():
    assert split_clauses("Close valve on water leak") == Clauses(act="Close valve", watch="water leak")
    assert split_clauses("Turn on charger on power resume").watch == "power resume"
    assert split_clauses("Turn off alarm on occupancy on") == Clauses(act="Turn off alarm", watch="occupancy on")
    assert split_clauses("Turn on lights on arrival").watch == "arrival"
    # A way to switch, a day, a place on something, or how a button is pressed opens nothing.
    for request in ("Outdoor light on", "Fan on weekdays", "close the screens but the one on the side later",
                    "Remote Dimmer 1 on press Piantana Sala"):
        assert not split_clauses(request).watch, request


def test_a_kind_suffix_that_only_keeps_an_id_unique_names_nothing():
    nodes = [
        {"id": "work_hour_notification_sent", "name": "Work hour notification sent", "kind": "input_boolean", "actions": _SWITCHABLE},
        {"id": "kef_desk_mode_input_boolean", "name": "Kef desk mode", "kind": "input_boolean", "actions": _SWITCHABLE},
        {"id": "time_at_work_today", "name": "Time at work today", "kind": "sensor"},
        {"id": "time_at_work_this_week", "name": "Time at work this week", "kind": "sensor"},
        {"id": "worked_enough_today", "name": "Worked enough today", "kind": "binary_sensor"},
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    assert "input" not in LexicalIndex(index).words["kef_desk_mode_input_boolean"]
    assert _best_actor("Work: reset input boolean at midnight", index) == "work_hour_notification_sent"


def test_the_trigger_clause_is_matched_apart_from_what_is_acted_on():
    assert split_clauses("Turn on the hallway light when motion is detected in the hallway").watch == (
        "motion is detected in the hallway"
    )
    assert split_clauses("Vacuum: cleanup if nobody is home").act == "Vacuum: cleanup"
    index = _home()
    request = "Turn on the hallway light when motion is detected in the hallway"
    found = retrieve(request, [], RetrievalIndex(index), limit=14)
    chosen = shortlist(found, request, RetrievalIndex(index))
    assert _best_actor(request, index) == "hallway_light"
    watched = max((n for n in chosen.nodes if n.node != "hallway_light"), key=lambda n: n.watch_score)
    assert watched.node == "hallway_motion"


def test_volume_verbs_name_their_actions():
    media = {name: Action() for name in ("turn_on", "turn_off", "volume_up", "volume_down", "volume_mute", "shuffle_set")}
    for request, wanted in [
        ("raise the volume of the bathroom speaker", "volume_up"),
        ("Lautsprecher leiser", "volume_down"),
        ("mute the TV", "volume_mute"),
        ("shuffle the playlist on the home group", "shuffle_set"),
    ]:
        scores = verb_scores(request, media)
        assert max(scores, key=scores.__getitem__) == wanted and scores[wanted] > 0


def test_the_volume_named_alone_is_set_and_a_longer_phrase_wins():
    media = {name: Action() for name in ("turn_on", "turn_off", "volume_up", "volume_set")}
    for request in ("Volume Nest", "Adjust Media Player Volume", "Lautstärke Küche"):
        scores = verb_scores(request, media)
        assert max(scores, key=scores.__getitem__) == "volume_set", request
    # "raise the volume" holds the word "volume" and says more: it raises, it does not set.
    scores = verb_scores("Raises the volume of the bathroom speaker", media)
    assert max(scores, key=scores.__getitem__) == "volume_up" and scores["volume_up"] > scores["volume_set"]


def test_recording_and_keeping_name_their_actions():
    camera = {name: Action() for name in ("turn_on", "turn_off", "record", "snapshot")}
    for request in ("Kamera: Katzentür aufzeichnen", "record the garden camera", "neem de camera op"):
        scores = verb_scores(request, camera)
        assert max(scores, key=scores.__getitem__) == "record", request
    climate = {name: Action() for name in ("turn_on", "turn_off", "set_temperature")}
    scores = verb_scores("keep the temperature above 20", climate)
    assert max(scores, key=scores.__getitem__) == "set_temperature"


def test_activate_is_a_verb_of_switching_not_a_name_word():
    nodes = [{"id": "mac_mini_active", "name": "Mac mini active", "kind": "binary_sensor", "properties": {"state": {"type": "boolean"}}}]
    index = LexicalIndex(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)))
    assert "mac_mini_active" not in index.matches("Automation to activate the gaming scene")
    assert "mac_mini_active" in index.matches("when the Mac mini is active")


def test_a_word_for_something_at_work_asks_for_no_action():
    media = {name: Action() for name in ("media_play", "media_pause", "volume_up")}
    scores = verb_scores("Raises the volume of any currently-playing bathroom speaker", media)
    assert scores["volume_up"] > 0 and scores["media_play"] == 0.0
    assert verb_scores("play music on the speaker", media)["media_play"] > 0
    charger = {"start_charging": Action(), "stop_charging": Action()}
    assert verb_scores("start charging the car", charger)["start_charging"] > 0


def test_verbs_choose_the_action_in_english_and_german():
    actions = {name: Action() for name in ("alarm_arm_home", "alarm_disarm", "alarm_trigger")}
    assert max(verb_scores("disarm the alarm", actions).items(), key=lambda kv: kv[1])[0] == "alarm_disarm"
    assert max(verb_scores("Alarm auslösen, wenn die Tür geöffnet wird", actions).items(), key=lambda kv: kv[1])[0] == "alarm_trigger"
    switch = {"turn_on": Action(), "turn_off": Action()}
    assert verb_scores("Schaltet die Lichterkette aus", switch) == {"turn_on": 0.0, "turn_off": 1.0}
    # No phrase of either action, only the direction: "abschalten" is off.
    assert verb_scores("Alarm automatisch abschalten", actions)["alarm_disarm"] > 0
    assert polarity(tokens("turn on the light when the TV is on")) == 1
    # One of several numbered switchings ("X-mas on1", "X-mas off1") still says its way.
    assert polarity(tokens("X-mas off1")) == -1
    assert polarity(tokens("X-mas on2")) == 1
    assert polarity(tokens("Zone 1")) == 0
    # An "off" run together with what it switches still says its way; a word that only ends so does not.
    assert polarity(tokens("RF Remote kuecheoff")) == -1
    assert polarity(tokens("Sauerstoff im Keller")) == 0
    assert polarity(tokens("Kickoff reminder")) == 0


def test_switch_with_no_way_switches_over():
    switch = {"turn_on": Action(), "turn_off": Action(), "toggle": Action()}
    assert verb_scores("Switch Light Toilet 1", switch)["toggle"] == POLARITY_MATCH
    assert verb_scores("Comutar Deshumidificador", switch)["toggle"] == POLARITY_MATCH
    # A way said wins; switching to or from something chooses instead.
    assert verb_scores("Switch on the light", switch) == {"turn_on": 1.0, "turn_off": 0.0, "toggle": 0.0}
    assert not any(verb_scores("Switch music from iPhone to speakers", switch).values())


def test_a_timer_on_a_device_that_says_no_way_switches_it_off():
    switch = {"turn_on": Action(), "turn_off": Action()}
    assert verb_scores("[Timer: 10] Laundry Room", switch) == {"turn_on": 0.0, "turn_off": POLARITY_MATCH}
    # A way said still wins: the timer is then what is started.
    assert verb_scores("Fan on, with a timer", switch) == {"turn_on": POLARITY_MATCH, "turn_off": 0.0}


def test_up_and_down_move_covers_in_dutch_and_german():
    cover = {"open_cover": Action(), "close_cover": Action()}
    assert verb_scores("Rolluiken omlaag bij zonsondergang", cover) == {"open_cover": 0.0, "close_cover": POLARITY_MATCH}
    assert verb_scores("Rollladen herunter um 22 Uhr", cover) == {"open_cover": 0.0, "close_cover": POLARITY_MATCH}
    assert verb_scores("Zonnescherm omhoog als het hard waait", cover) == {"open_cover": POLARITY_MATCH, "close_cover": 0.0}


def test_a_cover_moved_no_way_opens_in_the_morning_and_closes_at_night():
    cover = {"open_cover": Action(), "close_cover": Action(), "toggle": Action()}
    for title in ("Sonne - Untergang - Rolläden", "Shutters at night", "Persianas - Anoitecer"):
        assert verb_scores(title, cover, node_kind="cover") == {"open_cover": 0.0, "close_cover": OCCASION_MATCH, "toggle": 0.0}, title
    assert verb_scores("Rollos morgens", cover, node_kind="cover")["open_cover"] == OCCASION_MATCH
    # A remote moves a cover one way per button: its press is no toggle, as it is for a light.
    assert not any(verb_scores("Bedroom blind remote", cover, node_kind="cover").values())
    light = {"turn_on": Action(), "turn_off": Action(), "toggle": Action()}
    assert verb_scores("Bedroom light remote", light)["toggle"] == POLARITY_MATCH
    # The time of day is no way for anything else: lights go on at sunset.
    assert verb_scores("Sonne - Untergang - Licht", light) == {"turn_on": 0.0, "turn_off": 0.0, "toggle": 0.0}


def test_a_cover_is_opened_or_closed_when_the_request_says_no_way():
    """Of 717 real automations, 95 open or close a cover and none toggles one."""
    actions = {name: {"source": f"cover.{name}"} for name in ("toggle", "stop_cover", "close_cover", "open_cover")}
    nodes = [{"id": "bedroom_blinds", "name": "Bedroom blinds", "kind": "cover", "actions": actions}]
    search = RetrievalIndex(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)))
    for request in ("Bedroom blinds", "Bedroom blind remote"):
        assert retrieve(request, [], search)[0].actions[:2] == ["open_cover", "close_cover"], request


def test_an_end_a_pause_or_a_reset_in_a_title_switches_off():
    switch = {"turn_on": Action(), "turn_off": Action()}
    for title in ("Rolladen - Dunkelheit - Ende", "Lüfter Zyklus - Bad Pause", "Wiegen - Erinnerung zuruecksetzen",
                  "Bewässerung abgebrochen", "Calendar holiday mode exit", "Återställ Telefon Alarm"):
        assert verb_scores(title, switch) == {"turn_on": 0.0, "turn_off": POLARITY_MATCH}, title
    assert verb_scores("Rolladen - Dunkelheit - Start", switch)["turn_off"] == 0.0
    # Pausing a player is its own action, not switching it off.
    player = {"media_pause": Action(), "turn_off": Action()}
    assert max(verb_scores("pause the music", player).items(), key=lambda kv: kv[1])[0] == "media_pause"
    assert max(verb_scores("Pauzeer de Sonos", player).items(), key=lambda kv: kv[1])[0] == "media_pause"


def test_leaving_or_arriving_in_a_title_says_which_way_to_switch():
    switch = {"turn_on": Action(), "turn_off": Action()}
    assert verb_scores("Präsenz - Verlassen - Licht", switch) == {"turn_on": 0.0, "turn_off": OCCASION_MATCH}
    assert verb_scores("Presence - Arriving - Lights", switch) == {"turn_on": OCCASION_MATCH, "turn_off": 0.0}
    # Nobody there is leaving too, in any language.
    assert verb_scores("Nadie en el living", switch) == {"turn_on": 0.0, "turn_off": OCCASION_MATCH}
    assert verb_scores("Luzes - Chegada", switch) == {"turn_on": OCCASION_MATCH, "turn_off": 0.0}
    # Leaving arms an alarm; a command's own verb, or the occasion in the node's name, says nothing.
    alarm = {"alarm_arm_away": Action(), "alarm_disarm": Action()}
    assert verb_scores("Präsenz - Verlassen - Alarm", alarm)["alarm_disarm"] == 0.0
    assert verb_scores("Set the living room lights to sleep mode", switch) == {"turn_on": 0.0, "turn_off": 0.0}
    # Waking is from sleep: "Schlafen" beside "Aufstehen" is the topic, getting up the occasion.
    assert verb_scores("Schlafen - Aufstehen - Rolläden", switch) == {"turn_on": OCCASION_MATCH, "turn_off": 0.0}
    assert verb_scores("Schlafen - Einschlafen - Licht", switch) == {"turn_on": 0.0, "turn_off": OCCASION_MATCH}
    assert verb_scores("Bedtime", switch, node_name="Bedtime mode") == {"turn_on": 0.0, "turn_off": 0.0}
    # A flag named for the occasion is set by it: bedtime turns "Justin sleeping" on, waking it off.
    asleep = verb_scores("Schedule - Bedtime - Justin", switch, node_name="Justin sleeping")
    assert asleep == {"turn_on": OCCASION_MATCH, "turn_off": 0.0}
    assert verb_scores("Harrison - Wakup", switch, node_name="Harrison nap") == {"turn_on": 0.0, "turn_off": OCCASION_MATCH}
    assert verb_scores("Vacation - leaving", switch, node_name="Away mode") == {"turn_on": OCCASION_MATCH, "turn_off": 0.0}
    # The "up" of waking up is no way to switch, and no command that leaves the way to its verbs.
    assert polarity(tokens("when Shannon wakes up")) == 0
    # A flag named for a state goes off when the request states its opposite.
    assert verb_scores("Low Pollen Today", switch, node_name="High pollen") == {"turn_on": 0.0, "turn_off": POLARITY_MATCH}
    assert verb_scores("Clean Kitty Litter", switch, node_name="Kitty litter dirty")["turn_off"] == POLARITY_MATCH
    assert verb_scores("High Pollen Today", switch, node_name="High pollen")["turn_off"] == 0.0
    # Nor is a way that something is left in.
    assert polarity(tokens("then close valve, else it will stay open")) == -1
    cover = {"open_cover": Action(), "close_cover": Action()}
    assert verb_scores("Garage Door - Left Open Notification", cover)["open_cover"] == 0.0
    awake = verb_scores("Shannon wakes up", switch, node_name="Shannon sleeping")
    assert awake == {"turn_on": 0.0, "turn_off": OCCASION_MATCH}
    assert polarity(tokens("blinds up")) == 1
    # The "on" of what happens says no way; the "on" after a verb of turning, or before a time, does.
    assert polarity(tokens("Close valve on water leak")) == -1
    assert polarity(tokens("Send a message on water leak")) == 0
    assert polarity(tokens("Toilet On Motion")) == 1  # nothing before it commands: the way, said once
    assert polarity(tokens("Turn on charger on power resume")) == 1
    assert polarity(tokens("Guestroom fan on (daily at 05:00)")) == 1
    assert polarity(tokens("Outdoor light on on door open after sunset")) == 1


def test_a_scripts_own_verbs_say_what_running_it_does_not_which_way_to_switch_it():
    script = {"turn_on": Action(), "turn_off": Action(), "toggle": Action()}
    name = "Éteindre temporairement un assistant vocal"
    scores = verb_scores("Assist - Éteindre temporairement un assistant vocal", script, node_name=name, node_kind="script")
    assert scores["turn_off"] == 0.0
    # A way said apart from its name still counts, and so do the words of a switch's own name.
    scores = verb_scores("Turn off the bedtime script", script, node_name="Bedtime", node_kind="script")
    assert max(scores, key=scores.get) == "turn_off"
    assert verb_scores("Lights off", script, node_name="Lights off", node_kind="switch")["turn_off"] > 0


def test_retrieval_orders_a_nodes_actions_by_the_verbs():
    found = retrieve("Kinderzimmerlicht ausschalten", [], RetrievalIndex(_home()), limit=14)
    light = next(c for c in found if c.node == "kinderzimmerlicht")
    assert light.actions[0] == "turn_off" and light.action_scores[0] > light.action_scores[1]


def test_a_second_device_named_apart_is_marked_for_a_second_call():
    found = retrieve("turn off the TV and the Xbox", [], RetrievalIndex(_home()), limit=14)
    marked = {c.node for c in found if c.also_named}
    assert marked == {"xbox"} or marked == {"tv"}


def test_lights_with_nothing_to_wait_for_are_watched_by_their_places_presence_sensor():
    index = _home()
    request = "Light: turn on the hallway"
    found = retrieve(request, [], RetrievalIndex(index), limit=14)
    watched = max((c for c in found if c.node != "hallway_light"), key=lambda c: c.watch_score)
    assert watched.node == "hallway_motion"


def test_a_node_that_cannot_act_on_the_requests_values_is_no_actor():
    nodes = [
        {"id": "klima_analyse", "name": "Klima Analyse", "kind": "input_text", "properties": {"state": {"type": "string"}},
         "actions": {"set_value": {"params": {"value": {"type": "string"}}}}},
        {"id": "daikin", "name": "Daikin", "kind": "climate", "properties": {"state": {"type": "enum", "values": ["off", "heat"]}},
         "actions": {"turn_on": {}, "turn_off": {}}},
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    request = "Klima automatisch ausschalten"
    search = RetrievalIndex(index)
    chosen = shortlist(retrieve(request, [], search, limit=14), request, search)
    from wfl.inference.constrain import build_plan, request_values

    assert "do daikin.turn_off()" in build_plan(chosen, index, request_values(request)).most_likely()


def test_what_a_request_keeps_in_step_with_is_what_it_watches():
    assert split_clauses("Sync Finn State with silke state") == Clauses(act="Sync Finn State", watch="silke state")
    assert split_clauses("Light sync to webcam").watch == "webcam"
    assert split_clauses("Setzt den Duschstatus anhand des Wassersensors").watch == "des Wassersensors"
    # Without a verb that keeps in step, a thing after "with" that ends a title is still waited for.
    assert split_clauses("Turn on the TV with the Xbox").watch == "the Xbox"
    assert split_clauses("Turn on the TV with the Xbox, at 50% volume").watch == ""


def test_setting_words_pick_the_way_of_arming_and_arming_means_away_without_them():
    actions = {name: Action() for name in ("alarm_arm_home", "alarm_arm_away", "alarm_arm_night", "alarm_disarm")}

    def best(request: str, context: str | None = None) -> str:
        return max(verb_scores(request, actions, context).items(), key=lambda kv: kv[1])[0]

    assert best("arm the alarm") == "alarm_arm_away"
    assert best("arm the alarm for the night") == "alarm_arm_night"
    assert best("Alarm anschalten", context="Alarm anschalten wenn keiner daheim ist") == "alarm_arm_away"
    assert best("disarm the alarm") == "alarm_disarm"


def test_an_action_named_its_own_way_is_known_by_the_service_it_calls():
    # An environment may call `arm_away` what calls `alarm_control_panel.alarm_arm_away`.
    actions = {
        name: Action(source=f"alarm_control_panel.alarm_{name}") for name in ("arm_home", "arm_away", "arm_night", "disarm")
    }

    def best(request: str) -> str:
        return max(verb_scores(request, actions).items(), key=lambda kv: kv[1])[0]

    assert best("arm the alarm") == "arm_away"
    assert best("arm the alarm for the night") == "arm_night"
    assert best("disarm the alarm") == "disarm"
    assert actions_named("then disarmed", ["disarm"], {"disarm": "alarm_disarm"}) == {"disarm"}


def test_a_verb_that_names_its_node_is_the_command_not_the_words_waited_on(example_index):
    # "Arm" names the alarm panel; "away" is what the request waits for, not the vacation mode flag.
    text = Generator(example_index, None).generate("Arm when away").text
    assert "do alarm_panel.arm_away()" in text


def test_when_by_the_day_names_no_node(example_index):
    # "at night" says when, not which light: the kids room light, not the night light.
    text = Generator(example_index, None).generate("Turn the kids room light off at night when there is no motion").text
    assert "do kids_light.turn_off()" in text
    assert times_of_day_said("lights off at night") == [(11, 19)]
    # A bare noun for a part of the day may be a name ("Szene Abend").
    assert times_of_day_said("Szene Abend") == []


def test_a_script_named_for_the_way_is_run_when_the_request_says_its_name_and_when():
    script = {"turn_on": Action(), "turn_off": Action(), "toggle": Action()}

    def best(request: str) -> str:
        return max(verb_scores(request, script, node_name="Lights off", node_kind="script").items(), key=lambda kv: kv[1])[0]

    assert best("Lights off at night") == "turn_on"
    assert best("Lights off") == "turn_on"


def test_a_kind_word_alone_names_the_kind_not_a_node_of_another_kind_named_after_it():
    heat = {"turn_on": {}, "turn_off": {}, "set_temperature": {}}
    nodes = [
        {"id": "living_room_climate", "name": "Living room climate", "kind": "climate", "actions": heat},
        {"id": "heating_auto_off", "name": "Heating auto off", "kind": "timer", "actions": {"start": {}, "cancel": {}}},
        {"id": "automatic_bedroom_lights", "name": "Automatic bedroom lights", "kind": "input_boolean", "actions": _SWITCHABLE},
        {"id": "automatic_lights", "name": "Automatic lights", "kind": "light", "actions": _SWITCHABLE},
        {"id": "bedroom_lamp", "name": "Bedroom lamp", "kind": "light", "actions": _SWITCHABLE},
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    assert _best_actor("Turn off the heating", index) == "living_room_climate"
    # Beside the other words of a name, the kind word still names it.
    assert _best_actor("turn on the automatic bedroom lights switch", index) == "automatic_bedroom_lights"


def test_a_plug_named_for_a_device_is_that_device():
    nodes = [
        {"id": "bed_light", "name": "Bed light", "kind": "light", "actions": _SWITCHABLE},
        {"id": "lichterkette_switch", "name": "Lichterkette switch", "kind": "switch", "actions": _SWITCHABLE},
        {"id": "lichterkette_timer", "name": "Lichterkette timer", "kind": "timer", "actions": {"start": {}, "cancel": {}}},
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    # "Lichterkette" is a word for a light; the plug named for it is that light, the timer is not.
    assert _best_actor("Licht: Lichterkette ausschalten", index) == "lichterkette_switch"


def test_blinds_are_no_garage_door_and_opening_is_no_opener():
    cover = {"open_cover": {}, "close_cover": {}}
    nodes = [
        {"id": "garage_door_opener", "name": "Garage door opener", "kind": "cover", "actions": cover},
        {"id": "living_room_left", "name": "Living room left", "kind": "cover", "actions": cover},
        {"id": "living_room_right", "name": "Living room right", "kind": "cover", "actions": cover},
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    assert _best_actor("[Time] Open Blinds", index) != "garage_door_opener"
    assert _best_actor("Open the garage door", index) == "garage_door_opener"


def test_screens_are_sun_screens_a_cover():
    nodes = [
        {"id": "voorraam", "name": "Voorraam", "kind": "cover", "actions": {"open_cover": {}, "close_cover": {}}},
        {"id": "enable_automatic_screens", "name": "Enable automatic screens", "kind": "input_boolean", "actions": _SWITCHABLE},
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    assert _best_actor("In case it's warm and sunny, close the screens in the morning", index) == "voorraam"


def test_an_alert_is_a_notification_not_the_alarm():
    nodes = [
        {"id": "alarmo", "name": "Alarmo", "kind": "alarm_control_panel", "actions": {"alarm_arm_home": {}, "alarm_disarm": {}}},
        {"id": "pixel_6a", "name": "Pixel 6a", "kind": "notify", "actions": {"send_message": {}}},
        {"id": "frigate_status", "name": "Frigate status", "kind": "binary_sensor", "properties": {"state": {"type": "boolean"}}},
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    assert _best_actor("Alert when the Frigate container goes offline", index) == "pixel_6a"


def test_a_place_run_together_with_another_word_is_that_place():
    from wfl.inference.retrieval import places_in

    assert places_in("Hallcloset light") == {"closet"}
    assert "kids room" in places_in("Kinderzimmerlicht")
    # A short place opens a compound only before a word for a kind: "Badlicht" is the bathroom's light.
    assert places_in("Badlicht aus") == {"bathroom"}
    assert places_in("Bürolampe an") == {"office"}
    assert not places_in("Badminton court")


def test_the_first_kind_named_is_what_is_acted_on():
    from wfl.inference.kinds import kinds_in_order

    assert kinds_in_order("Präsenz - Verlassen - Dunkel - Rolläden") == ["cover"]
    assert kinds_in_order("Storen: Morgens halb öffnen") == ["cover"]
    assert kinds_in_order("Update the cover position based on the slider value") == ["cover", "input_number"]
    assert kinds_in_order("Set the slider to 20") == ["input_number"]
    assert kinds_in_order("activate the office scene with the desk lamp") == ["scene", "light"]
    assert kinds_in_order("Toggles between the 'lamp' and 'all lights' scenes") == ["light", "scene"]
    assert kinds_in_order("Wechselt zwischen den Szenen") == ["scene"]


def test_a_remote_or_wireless_button_is_waited_on_not_acted_on():
    assert split_clauses("Control switches: bedroom Philips Hue dimmer switch") == Clauses(
        act="Control switches: bedroom", watch="Philips Hue dimmer switch"
    )
    assert split_clauses("turn on the light switch").act == "turn on the light switch"
    assert split_clauses("Switch off the smart plug").watch == ""


def test_a_compound_spelled_out_in_parts_matches_nearly_whole():
    nodes = [
        {"id": "strompreis", "name": "Strompreis", "kind": "input_number", "properties": {"state": {"type": "number"}}},
        {"id": "last_ev_charging_price", "name": "Last EV charging price", "kind": "input_number", "properties": {"state": {"type": "number"}}},
        {"id": "stromzaehler", "name": "Stromzähler", "kind": "sensor", "properties": {"state": {"type": "number"}}},
    ]
    lexical = LexicalIndex(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)))
    found = lexical.matches("Sync electricity price")
    # "electricity" is "strom" and "price" is "preis": together they are all of "strompreis".
    assert found["strompreis"].score > found["last_ev_charging_price"].score
    assert found["strompreis"].coverage > 0.6
    # One part alone still counts as a part, and one request word never counts for two parts.
    one_part = lexical.matches("Strom")["strompreis"].score
    assert lexical.matches("Strom Strom")["strompreis"].score == one_part
    assert found["strompreis"].score > one_part


def test_inflections_of_one_word_match():
    nodes = [
        {"id": "cleaned_today", "name": "Cleaned today", "kind": "input_boolean", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "clear_sky", "name": "Clear sky", "kind": "binary_sensor", "properties": {"state": {"type": "boolean"}}},
    ]
    lexical = LexicalIndex(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)))
    assert set(lexical.matches("stopped cleaning")) == {"cleaned_today"}


def test_a_word_for_a_kind_names_that_kind_not_a_node_it_looks_like():
    """"Heizung" is the heating; the switch "Herz" only looks like it."""
    nodes = [
        {"id": "herz", "name": "Herz", "kind": "switch", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "room_climate_wohnzimmer", "name": "Room climate wohnzimmer", "kind": "climate",
         "properties": {"state": {"type": "enum", "values": ["heat", "off"]}}, "actions": _SWITCHABLE},
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    found = retrieve("Heizung ausschalten", [Mentioned("node", "Heizung"), Mentioned("action", "ausschalten")], RetrievalIndex(index))
    assert found[0].node == "room_climate_wohnzimmer"


def test_words_that_name_no_action_leave_switching_on_first():
    """"Send a notification to the bedroom TV" resembles `media_pause` no more than `turn_on`."""
    actions = {name: {} for name in ("media_pause", "unjoin", "repeat_set", "turn_on", "turn_off")}
    nodes = [{"id": "bedroom_tv", "name": "Bedroom TV", "kind": "media_player",
              "properties": {"state": {"type": "enum", "values": ["on", "off"]}}, "actions": actions}]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    found = retrieve(
        "send notification and camera screenshot to bedroom TV",
        [Mentioned("action", "send notification"), Mentioned("action", "screenshot"), Mentioned("node", "bedroom TV")],
        RetrievalIndex(index),
    )
    assert found[0].actions[:2] == ["turn_on", "turn_off"]
    named = retrieve("pause the bedroom TV", [Mentioned("action", "pause"), Mentioned("node", "bedroom TV")], RetrievalIndex(index))
    assert named[0].actions[0] == "media_pause"


def test_automation_to_describes_the_workflow_being_written_not_another_one():
    index = _home()
    ids = lambda request: [c.node for c in retrieve(request, [], RetrievalIndex(index), limit=14)]  # noqa: E731
    assert "light_living_room_on" not in ids("Automation to turn on living room light")
    assert "light_living_room_on" in ids("Turn off the automation that turns on the living room light")


def test_a_pronoun_that_says_a_state_refers_back_to_the_target():
    assert split_clauses("Turn off the kitchen light if it has been on for 10 minutes").refers_back
    assert split_clauses("Heizung ausschalten, falls sie aus Versehen angeschaltet wird.").refers_back
    assert split_clauses("Close the garage door when it is left open").refers_back
    # Weather, people and "it is <a mode>" are not the target.
    assert not split_clauses("Notify me when it rains").refers_back
    assert not split_clauses("Turn off the TV if they are asleep").refers_back
    assert not split_clauses("When it is half sleeping mode and there is no activity for an hour").refers_back
    assert not split_clauses("Turn on the light when the door opens").refers_back


def test_heating_and_air_conditioning_are_named_apart():
    nodes = [
        {"id": "daikinap90134", "name": "Daikinap90134", "kind": "climate", "properties": {"state": {"type": "enum", "values": ["off", "heat", "cool"]}}, "actions": _SWITCHABLE},
        {"id": "room_climate_wohnzimmer", "name": "Room Climate Wohnzimmer", "kind": "climate", "properties": {"state": {"type": "enum", "values": ["off", "heat"]}}, "actions": _SWITCHABLE},
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    assert _best_actor("Heizung ausschalten", index) == "room_climate_wohnzimmer"
    assert _best_actor("turn off the heating", index) == "room_climate_wohnzimmer"
    assert _best_actor("Klimaanlage ausschalten", index) == "daikinap90134"


def test_dutch_requests_find_their_nodes_and_their_way():
    nodes = [
        {"id": "achtertuin_verlichting", "name": "Achtertuin verlichting", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "voortuin_verlichting", "name": "Voortuin verlichting", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "bijkeuken_deur", "name": "Bijkeuken deur", "kind": "binary_sensor", "properties": {"state": {"type": "boolean"}}},
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    found = [c for c in retrieve("Achtertuinverlichting uit", [], RetrievalIndex(index), limit=14) if c.actions]
    assert found[0].node == "achtertuin_verlichting"
    assert found[0].actions[0] == "turn_off"
    assert polarity(tokens("zet de lampen aan")) == 1
    clauses = split_clauses("Voortuinverlichting aan wanneer de bijkeuken deur open gaat")
    assert clauses.watch == "de bijkeuken deur open gaat"


def test_a_switch_without_a_way_switches_over():
    actions = {"turn_on": Action(), "turn_off": Action(), "toggle": Action()}
    for request in ("TV Licht schalter", "Zolder schakelaar", "bathroom Aqara Wireless Mini Switch"):
        scores = verb_scores(request, actions)
        assert max(scores, key=scores.get) == "toggle", request
    # A way said, or a dimmer (a button for each way), keeps switching on or off.
    assert max(verb_scores("turn on the light switch", actions).items(), key=lambda i: i[1])[0] == "turn_on"
    assert not verb_scores("bedroom Philips Hue dimmer switch", actions)["toggle"]


def test_a_node_named_for_nothing_but_a_place_is_that_place_not_its_device():
    vacuum_actions = {"start": {}, "stop": {}, "return_to_base": {}}
    nodes = [
        {"id": "living_room_lights", "name": "Living room lights", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "living_room", "name": "Living room", "kind": "vacuum", "properties": {"state": {"type": "enum", "values": ["cleaning", "docked"]}}, "actions": vacuum_actions},
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    # A place alone means its lights; the vacuum's room segment is meant when its kind is named.
    assert _best_actor("Control switches: living room Philips Hue dimmer switch", index) == "living_room_lights"
    assert _best_actor("turn on the living room", index) == "living_room_lights"
    assert _best_actor("vacuum the living room", index) == "living_room"


def test_a_flag_named_for_an_activity_follows_the_activity_the_request_states():
    from wfl.inference.verbs import flag_polarity

    assert flag_polarity("Benachrichtigt wenn der Trockner fertig ist", "Dryer active") == -1
    assert flag_polarity("Setzt den Helfer, wenn die Waschmaschine läuft", "Wash active") == 1
    assert flag_polarity("when the dishwasher is done", "Dishwasher running") == -1
    assert flag_polarity("turn on the hallway light", "Dryer active") == 0
    assert flag_polarity("when the dryer is done", "Hallway light") == 0


def test_a_word_for_done_names_no_node_and_turns_the_activity_flag_off():
    from wfl.inference.ner.tagger import Tagger

    timer = {"start": {}, "cancel": {}, "finish": {}}
    nodes = [
        {"id": "finished", "name": "Finished", "kind": "timer", "properties": {"state": {"type": "enum", "values": ["idle", "active"]}}, "actions": timer},
        {"id": "dryer_active", "name": "Dryer active", "kind": "input_boolean", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "dryer_power", "name": "Dryer power", "kind": "sensor", "properties": {"power": {"type": "number"}}},
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    request = "Notify when the dryer is finished"
    tags = Tagger.load().tag(request)
    found = retrieve(request, [Mentioned(t.label, t.text, t.start, t.end) for t in tags], RetrievalIndex(index), limit=14)
    actor = next(c for c in found if c.actions)
    assert (actor.node, actor.actions[0]) == ("dryer_active", "turn_off")
    assert max(found, key=lambda c: c.watch_score).node != "finished"


def test_switching_a_mode_on_or_off_chooses_one_of_its_options():
    select = {"select_option": Action(), "select_first": Action(), "select_next": Action()}
    scores = verb_scores("Night mode: turn off when the alarm turns off", select)
    assert scores["select_option"] > 0 and scores["select_option"] > scores["select_first"]
    # A node that switches itself keeps its own on/off.
    both = {"select_option": Action(), "turn_on": Action(), "turn_off": Action()}
    assert verb_scores("turn off night mode", both)["select_option"] == 0.0


def test_an_activity_stated_without_a_command_sets_a_status_not_the_device():
    # "Airfryer bezig" (busy) says how the appliance is; its status helper records it.
    select = {"select_option": Action(), "select_first": Action(), "select_next": Action()}
    assert verb_scores("Airfryer bezig", select)["select_option"] > 0
    assert verb_scores("Dryer finished", select)["select_option"] > 0
    assert verb_scores("Dryer status", select)["select_option"] == 0.0
    nodes = [
        {"id": "shed_airfryer", "name": "Shed airfryer", "kind": "switch", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "shed_airfryer_status", "name": "Shed airfryer status", "kind": "input_select", "properties": {"state": {"type": "string"}}, "actions": {"select_option": {}, "select_first": {}}},
        {"id": "shed_airfryer_power", "name": "Shed airfryer power", "kind": "sensor", "properties": {"power": {"type": "number"}}},
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    search = RetrievalIndex(index)
    from wfl.inference.constrain import build_plan, request_values

    def planned(request: str) -> str:
        chosen = shortlist(retrieve(request, [], search, limit=14), request, search)
        return build_plan(chosen, index, request_values(request)).most_likely()

    assert "do shed_airfryer_status.select_option(" in planned("Airfryer bezig")
    # A command keeps the device itself.
    assert "do shed_airfryer.turn_off()" in planned("Airfryer uit")


@pytest.mark.parametrize(
    ("request_text", "act", "watch"),
    [
        ("When it is half sleeping mode and there is no activity for an hour go to total sleeping mode",
         "go to total sleeping mode", "it is half sleeping mode and there is no activity for an hour"),
        ("When the switch is pressed turn on the light", "turn on the light", "the switch is pressed"),
        ("If the door is open close the blinds", "close the blinds", "the door is open"),
        ("Light: when nobody is home turn off everything", "Light: turn off everything", "nobody is home"),
        # A clause after the command, or one a comma ends, is as before.
        ("Turn on the light when the door opens", "Turn on the light", "the door opens"),
        ("When the window stays open for 10 minutes, turn off the heating", "turn off the heating",
         "the window stays open for 10 minutes"),
    ],
)
def test_a_clause_that_opens_the_request_ends_where_a_command_starts(request_text, act, watch):
    assert split_clauses(request_text) == Clauses(act=act, watch=watch)


@pytest.mark.parametrize(
    ("request_text", "undo", "delay"),
    [
        ("Turn on the hallway light when motion is detected and turn it off when motion stops", "when", ""),
        ("turn the hallway light on when there is motion, off when there is none", "when", ""),
        ("Turns on the front door light when the camera detects a person, then restores the previous state once the area is clear", "when", ""),
        ("Schalte das Licht ein, wenn Bewegung erkannt wird, und schalte es wieder aus, wenn keine Bewegung mehr ist", "when", ""),
        ("Turn on the hallway light when motion is detected, then turn it off after 2 minutes", "later", "2 minutes"),
        ("Licht im Flur an bei Bewegung und nach 2 Minuten wieder aus", "later", "2 Minuten"),
        ("Turn on the porch light for 5 minutes when the doorbell rings", "later", "5 minutes"),
        # Two targets, one way only, or switching back at a time of its own switch nothing back.
        ("Turn on the garden lights at sunset and turn them off at 23:00", "", ""),
        ("Turn on the TV and turn off the lights", "", ""),
        ("Turn off the TV when the light turns on", "", ""),
        ("turn off the heater if it has been on for an hour", "", ""),
    ],
)
def test_a_request_that_switches_its_target_back_says_when(request_text, undo, delay):
    clauses = split_clauses(request_text)
    assert (clauses.undo, clauses.delay) == (undo, delay)
    assert "turn it off" not in clauses.watch and "wieder aus" not in clauses.watch


def test_a_device_named_by_its_reading_is_acted_on_through_its_own_controls():
    nodes = [
        {"id": "fordpass_tourneo_lastrefresh", "name": "Fordpass tourneo lastrefresh", "kind": "sensor", "properties": {"state": {"type": "string"}}},
        {"id": "fordpass_tourneo_request_refresh", "name": "Fordpass tourneo request refresh", "kind": "button", "properties": {}, "actions": {"press": {}}},
        {"id": "maja_check", "name": "Maja check", "kind": "timer", "properties": {"state": {"type": "enum", "values": ["idle", "active"]}}, "actions": {"start": {}, "cancel": {}}},
    ]
    # The device's other readings make its name a common word of the home, as in a real one.
    nodes += [
        {"id": f"fordpass_tourneo_{reading}", "name": f"Fordpass tourneo {reading}", "kind": "sensor", "properties": {"state": {"type": "string"}}}
        for reading in ("odometer", "fuel", "battery", "oil", "tire_pressure", "gps", "door_status", "window_position", "last_refresh_time")
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    assert _best_actor("Check FordPass Last Refresh", index) == "fordpass_tourneo_request_refresh"
    # A node that can act itself stays first: the bonus is only for a reading's device.
    assert _best_actor("start the Maja check timer", index) == "maja_check"


def test_a_node_with_more_aliases_is_no_less_named_by_its_id(example_index):
    """The kids' night light is also "Night light", "mia's night light" and "glow light"; those
    names must not make "the kids night light" look less like it than like the kids' ceiling light."""
    assert _best_actor("turn on the kids night light at the kids bedtime", example_index) == "kids_night_light"
    assert _best_actor("turn on the kids light", example_index) == "kids_light"


def test_a_device_joined_by_and_is_named_apart_even_by_few_of_its_words(example_index):
    found = retrieve("Turn off the TV and the speaker at 23:30", [], RetrievalIndex(example_index), limit=14)
    marked = [c.node for c in found if c.also_named]
    assert marked == ["living_room_speaker"]
    # Without "and" between them, a speaker echoed in a title is no second target.
    found = retrieve("TV speaker mode at 23:30", [], RetrievalIndex(example_index), limit=14)
    assert not any(c.also_named for c in found)


def test_a_switch_named_as_lights_is_named_apart_from_a_light(example_index):
    # "Garden lights" is a switch: named as a light by a word of its own, it is a second target,
    # but the other lights that only say "light" are not.
    found = retrieve("Turn on the hallway light and the garden lights at sunset", [], RetrievalIndex(example_index), limit=14)
    assert [c.node for c in found if c.also_named] == ["hallway_light"]
    text = Generator(example_index, None).generate("Turn on the hallway light and the garden lights at sunset").text
    assert text.endswith("do garden_lights.turn_on()\n     hallway_light.turn_on()\n}")


def test_a_device_in_another_place_than_the_one_named_ranks_below_one_in_it():
    nodes = [
        {"id": "deckenlicht_buro", "name": "Deckenlicht buro", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": {"toggle": {}, **_SWITCHABLE}},
        {"id": "kitchen_ceiling", "name": "Kitchen ceiling", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": {"toggle": {}, **_SWITCHABLE}},
        {"id": "bedroom_ceiling", "name": "Bedroom ceiling", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": {"toggle": {}, **_SWITCHABLE}},
        # More things in the kitchen make "Küche" a commoner word than "Deckenlicht".
        *(
            {"id": f"kitchen_{thing}", "name": f"Kitchen {thing}", "kind": "switch", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE}
            for thing in ("sink", "cabinet")
        ),
        *(
            {"id": f"switch_{room}_light_ceiling", "name": f"Switch {room} light ceiling", "kind": "binary_sensor", "properties": {"state": {"type": "boolean"}}}
            for room in ("kitchen", "bedroom", "office")
        ),
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    # "Deckenlicht" is the office light's very name, but the request is about the kitchen.
    assert _best_actor("Schalter - Küche - Deckenlicht", index) == "kitchen_ceiling"
    assert _best_actor("Schalter - Schlafzimmer - Deckenlicht", index) == "bedroom_ceiling"
    assert _best_actor("Schalter - Büro - Deckenlicht", index) == "deckenlicht_buro"


def test_a_node_for_all_of_a_kind_is_in_no_one_place():
    from wfl.inference.retrieval import is_aggregate

    nodes = [
        {"id": "alle_lampen", "name": "Alle Lampen", "kind": "light", "actions": _SWITCHABLE},
        {"id": "group_all_blinds", "name": "Blinds", "kind": "cover", "actions": _SWITCHABLE},
        {"id": "decke_badezimmer", "name": "Decke Badezimmer", "kind": "light", "actions": _SWITCHABLE},
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    # Named for all, by its name or its id: never the one in the place a request names.
    assert is_aggregate(index.nodes["alle_lampen"]) and is_aggregate(index.nodes["group_all_blinds"])
    assert not is_aggregate(index.nodes["decke_badezimmer"])
    assert node_places(index.nodes["decke_badezimmer"]) == {"bathroom"} and not node_places(index.nodes["alle_lampen"])


def test_a_verb_only_one_kind_answers_to_names_its_few_nodes():
    from wfl.inference.verbs import actions_named

    nodes = [
        {"id": "ha_alarm", "name": "HA alarm", "kind": "alarm_control_panel", "properties": {"state": {"type": "enum", "values": ["armed_away", "disarmed"]}},
         "actions": {"alarm_disarm": {}, "alarm_arm_home": {}, "alarm_arm_away": {}}},
        {"id": "google_home_hub", "name": "Google home hub", "kind": "media_player", "properties": {"state": {"type": "enum", "values": ["on", "off"]}},
         "actions": {"turn_off": {}, "turn_on": {}, "media_pause": {}}},
        {"id": "google_home", "name": "Google home", "kind": "media_player", "properties": {"state": {"type": "enum", "values": ["on", "off"]}},
         "actions": {"turn_off": {}, "turn_on": {}, "media_pause": {}}},
        {"id": "leon", "name": "Léon", "kind": "person", "properties": {"state": {"type": "enum", "values": ["home", "not_home"]}}},
        {"id": "ellen", "name": "Ellen", "kind": "person", "properties": {"state": {"type": "enum", "values": ["home", "not_home"]}}},
        {"id": "home", "name": "Home", "kind": "zone", "properties": {"state": {"type": "number"}}},
        *({"id": f"{room}_light", "name": f"{room} light", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE}
          for room in ("kitchen", "hall", "garden")),
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    # No word for an alarm, but "disarmed" is said of nothing else.
    from wfl.inference.pipeline import Generator

    assert "do ha_alarm.alarm_disarm()" in Generator(index, None).generate("Léon home then disarmed").text
    assert actions_named("Léon home then disarmed", ["alarm_disarm", "turn_off"]) == {"alarm_disarm"}
    # Verbs every kind answers to name none.
    assert not actions_named("Präsenz - Abwesend - Lüfter Zyklus - Start", ["start", "stop", "turn_on"])


def test_a_device_of_the_named_kind_in_the_named_place_is_what_is_acted_on():
    from wfl.inference.pipeline import Generator

    nodes = [
        {"id": "eurom_alutherm_baseboard_heater", "name": "Eurom alutherm baseboard heater", "kind": "climate",
         "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "shelly_plug_badkamer_verwarming_relay", "name": "Shelly plug badkamer verwarming relay", "kind": "switch",
         "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "shelly_plug_douche_verwarming_relay", "name": "Shelly plug douche verwarming relay", "kind": "switch",
         "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "badkamer_temperature", "name": "Badkamer temperature", "kind": "sensor", "properties": {"state": {"type": "number"}}},
        {"id": "kitchen", "name": "Kitchen", "kind": "cover", "properties": {"state": {"type": "boolean"}},
         "actions": {"open_cover": {}, "close_cover": {}, "toggle": {}}},
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    # The plug for the bathroom's heating is a heater in the bathroom; the Eurom is in no place.
    generated = Generator(index, None).generate("Turn on the heater in the bathroom at 6:00").text
    assert "do shelly_plug_badkamer_verwarming_relay.turn_on()" in generated
    assert polarity(tokens("Shutdown - Rolladen Küche")) == -1
    assert polarity(tokens("Silence alarm when beeping")) == -1


def test_equal_candidates_keep_one_order_whatever_the_float_noise():
    from wfl.inference.retrieval import Candidate, by_score

    # Two shares equal but for the last bits of a sum taken over a set in another order.
    dining = Candidate(node="cover_dining_cat", score=18.1, named_share=0.308155901519843)
    couch = Candidate(node="cover_couch_cat", score=18.1, named_share=0.30815590151984296)
    assert [c.node for c in sorted([dining, couch], key=by_score)] == ["cover_couch_cat", "cover_dining_cat"]


def test_the_whole_household_is_waited_on_before_a_part_of_it():
    import msgspec

    from wfl.grammar.index import EnvIndex
    from wfl.schemas.environment import Environment

    people = {"kind": "group", "properties": {"state": {"type": "enum", "values": ["home", "not_home"]}}}
    nodes = [
        {"id": "parents", "name": "Parents", **people},
        {"id": "residents", "name": "Residents", **people},
        {"id": "alarm", "name": "Alarm", "kind": "alarm_control_panel", "actions": {"alarm_arm_away": {}}},
    ]
    search = RetrievalIndex(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)))
    found = retrieve("Arm the alarm when nobody is home", [], search)
    assert max(found, key=lambda c: c.watch_score).node == "residents"


def _switchable(node_id: str, name: str, kind: str) -> dict:
    return {"id": node_id, "name": name, "kind": kind, "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE}


def _index(nodes: list[dict]) -> EnvIndex:
    return EnvIndex(msgspec.convert({"nodes": nodes}, Environment))


def test_a_node_named_by_its_place_alone_gives_way_to_the_device_the_request_names():
    index = _index([
        _switchable("deckenlicht_buro", "Deckenlicht Büro", "light"),
        _switchable("plug_guestroom_printer", "Plug guestroom printer", "switch"),
        _switchable("plug_guestroom_desk", "Plug guestroom desk", "switch"),
        _switchable("plug_bedroom_tv", "Plug bedroom TV", "switch"),
        _switchable("schlafzimmer", "Schlafzimmer", "light"),
        _switchable("bedroom_ceiling_light", "Bedroom ceiling light", "light"),
    ])
    # "Büro" only says where; "Drucker" (printer) names the device.
    assert Generator(index, None).generate("Büro - Drucker an").text.count("plug_guestroom_printer.turn_on()") == 1
    # Without a device named, the place's light is still the one meant.
    assert _best_actor("Büro an", index) == "deckenlicht_buro"
    # A light named for its room keeps its whole match.
    assert _best_actor("Lichtschalter Schlafzimmer off", index) == "schlafzimmer"


def test_a_node_of_the_kind_in_the_place_named_beats_one_in_no_place():
    index = _index([
        _switchable("ikeabulblamp_light", "Ikeabulblamp light", "light"),
        _switchable("osrambulbsgrouptoilet", "Osrambulbsgrouptoilet", "light"),
    ])
    # The word "light" in a name says no more than the kind; the toilet is said.
    assert _best_actor("Turn On Light In Toilet", index) == "osrambulbsgrouptoilet"
    assert _best_actor("Turn On Light", index) == "ikeabulblamp_light"


def test_a_translation_of_several_words_also_names_them_run_together():
    index = _index([
        _switchable("livingroom_ceiling", "Livingroom ceiling", "light"),
        _switchable("stehlampe_wohnzimmer", "Stehlampe Wohnzimmer", "light"),
        _switchable("kitchen_ceiling", "Kitchen ceiling", "light"),
    ])
    found = LexicalIndex(index).matches("Schalter - Wohnzimmer - Deckenlampe")
    # "Wohnzimmer" is "living room", which the id writes "livingroom".
    assert max(found, key=lambda node: found[node].score) == "livingroom_ceiling"
    assert "wohnzimmer" in found["livingroom_ceiling"].said


def test_a_script_named_for_a_way_is_run_for_the_request_that_switches_that_way():
    index = _index([
        _switchable("alarm_on", "Alarm on", "script"),
        _switchable("alarm_off", "Alarm off", "script"),
        _switchable("turn_on", "Turn on", "script"),
        _switchable("faretto", "Faretto", "light"),
    ])
    generate = Generator(index, None).generate
    # Stopping the alarm is running "Alarm off", not stopping "Alarm on" nor "Alarm off".
    assert "do alarm_off.turn_on()" in generate("Telegram stoppe alarme").text
    assert "do alarm_on.turn_on()" in generate("Start the alarm").text
    # A script named by nothing but a way is not what "Faretto on" means.
    assert "do faretto.turn_on()" in generate("Faretto on").text


def test_a_group_named_for_lights_is_the_lights_said_in_the_plural():
    index = _index([
        _switchable("luces_exteriores", "Luces exteriores", "group"),
        _switchable("lampara_recibidor", "Swiid lámpara recibidor switch", "switch"),
        _switchable("enchufe_cocina", "Swiid enchufe cocina switch", "switch"),
        _switchable("enchufe_salon", "Swiid enchufe salon switch", "switch"),
        _switchable("termostato", "Termostato", "climate"),
    ])
    generate = Generator(index, None).generate
    assert "do luces_exteriores.turn_off()" in generate("Turn off lights at night").text
    # One lamp is not the group.
    assert "do lampara_recibidor.turn_on()" in generate("Turn on hall lamp when the sun is set").text


def test_a_number_run_onto_a_word_is_a_word_and_a_number():
    assert tokens("light1_relay Anteroom2 kef_ls50 mp3 tv_2015") == ["light", "1", "relay", "anteroom", "2", "kef", "ls50", "mp3", "tv", "2015"]
    index = _index([
        {"id": "light1_relay", "name": "Light1 relay", "kind": "switch", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "light2_relay", "name": "Light2 relay", "kind": "switch", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "lamp_kitchen", "name": "Lamp kitchen", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "bulbs_anteroom1", "name": "Bulbs anteroom1", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
        {"id": "bulbs_anteroom2", "name": "Bulbs anteroom2", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": _SWITCHABLE},
    ])
    assert _best_actor("Switch Light 2", index) == "light2_relay"
    assert _best_actor("Switch Light Anteroom 2", index) == "bulbs_anteroom2"


def test_words_written_together_in_camel_case_are_words_apart():
    assert tokens("EZ_ButtonLeft_CouchFront") == ["ez", "button", "left", "couch", "front"]
    assert tokens("Buro_NOMotion_AloneModeOFF") == ["buro", "no", "motion", "alone", "mode", "off"]
    assert tokens("iPhone WiFi") == ["iphone", "wifi"]
    light = {"turn_on": {}, "turn_off": {}, "toggle": {}}
    camera = {"turn_on": {}, "turn_off": {}, "snapshot": {}}
    index = _index([
        {"id": "couch_front", "name": "Couch front", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": light},
        {"id": "couch_back", "name": "Couch back", "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": light},
        {"id": "blink_terrasse", "name": "Blink terrasse", "kind": "camera", "properties": {"state": {"type": "boolean"}}, "actions": camera},
    ])
    # A button's press, no way said: each press switches over.
    assert "couch_front.toggle()" in Generator(index, None).generate("EZ_ButtonLeft_CouchFront").text
    assert "blink_terrasse.snapshot()" in Generator(index, None).generate("Blink_SnapTerrasse").text


def test_a_name_that_says_the_kind_word_and_more_of_the_request_counts_as_that_kind():
    index = _index([
        _switchable("living_room_lights", "Living room lights", "light"),
        _switchable("ceiling_living_room", "Ceiling living room", "light"),
        _switchable("sleep_mode_living_room", "Adaptive lighting sleep mode living room", "switch"),
        _switchable("sleep_mode_bedroom", "Adaptive lighting sleep mode bedroom", "switch"),
    ])
    # The switch names the lights, their room and the mode: all the request says.
    assert _best_actor("Set the living room lights to sleep mode", index) == "sleep_mode_living_room"
    # Without the mode, the lights themselves.
    assert _best_actor("Turn on the living room lights", index) == "living_room_lights"


def test_a_camera_named_by_its_place_alone_is_not_switched():
    camera = {"turn_on": {}, "turn_off": {}, "snapshot": {}, "record": {}}
    index = _index([
        {"id": "blink_terrasse", "name": "Blink terrasse", "kind": "camera", "properties": {"state": {"type": "boolean"}}, "actions": camera},
        _switchable("terrasse", "Terrasse", "switch"),
    ])
    generate = Generator(index, None).generate
    # The terrace is its switch; the camera there is switched only when the request says camera.
    assert "do terrasse.turn_off()" in generate("Terrasse_22.00_OFF").text
    assert "do blink_terrasse.turn_off()" in generate("Turn off the terrace camera at 22:00").text
    # Its own verbs still act on it.
    assert "do blink_terrasse.snapshot()" in generate("Blink_SnapTerrasse").text


def test_a_number_with_a_unit_is_a_value_not_a_word_of_a_name():
    lexical = LexicalIndex(_index([
        _switchable("honsluckan_esphome75", "Hönsluckan esphome75", "cover"),
        _switchable("dimmer_21", "Dimmer 21", "light"),
    ]))
    assert "honsluckan_esphome75" not in lexical.matches("Slå på matbelysningen med 75% ljusstyrka")
    assert "dimmer_21" not in lexical.matches("Heat the office to 21 °C")
    # A number alone still names what carries it.
    assert "dimmer_21" in lexical.matches("Dimmer 21 on")


def test_climate_is_a_word_for_its_kind():
    # "Climate" is what Home Assistant calls thermostats and air conditioners, and what owners write.
    from wfl.inference.kinds import kinds_in_order

    assert kinds_in_order("Climate Control uit") == ["climate"]
    assert kinds_in_order("Turn the HVAC off") == ["climate"]
    index = _index([
        _switchable("woonkamer", "Woonkamer", "climate"),
        _switchable("unifi_hub", "Unifi hub", "switch"),
        _switchable("bed_rechts", "Bed rechts", "light"),
    ])
    search = RetrievalIndex(index)
    from wfl.inference.constrain import build_plan, request_values

    request = "Climate Control uit"
    chosen = shortlist(retrieve(request, [], search, limit=14), request, search)
    assert "do woonkamer.turn_off()" in build_plan(chosen, index, request_values(request)).most_likely()


def test_in_a_home_without_lights_a_relay_named_for_a_place_is_its_light():
    nodes = [
        _switchable("hall", "Hall", "switch"),
        _switchable("porch", "Porch", "switch"),
        _switchable("alarm_lights", "Alarm lights", "script"),
        _switchable("lights_on", "Lights on", "script"),
    ]
    generate = Generator(_index(nodes), None).generate
    assert "do hall.turn_off()" in generate("Hall light off").text
    assert "do porch.turn_on()" in generate("Porch light on at night").text
    # Where the home has lights, a relay is no light unless its name says so.
    lamp = _switchable("hall_lamp", "Hall lamp", "light")
    assert "do hall_lamp.turn_off()" in Generator(_index([*nodes, lamp]), None).generate("Hall light off").text


def test_setting_a_temperature_names_what_sets_one():
    thermostat = {
        "id": "thermostat_bad", "name": "Thermostat bad", "kind": "climate",
        "properties": {"temperature": {"type": "number", "unit": "°C"}},
        "actions": {"turn_on": {}, "turn_off": {},
                    "set_temperature": {"params": {"temperature": {"type": "number", "unit": "°C", "optional": True}}}},
    }
    sensor = {"id": "bedroom_temperature", "name": "Bedroom temperature", "kind": "sensor",
              "properties": {"temperature": {"type": "number", "unit": "°C"}}}
    person = {"id": "anna", "name": "Anna", "kind": "person", "properties": {"state": {"type": "enum", "values": ["home", "not_home"]}}}
    index = EnvIndex(msgspec.convert({"nodes": [thermostat, sensor, person]}, Environment))
    for request in ("Sets comfortable temperature when Anna is home", "Temperatur einstellen, wenn Anna zu Hause ist"):
        assert "thermostat_bad.set_temperature(" in Generator(index, None).generate(request).text, request
    # A temperature waited for sets none.
    assert "set_temperature" not in Generator(index, None).generate("Notify me when the temperature is above 25").text


def test_a_light_named_for_a_place_is_not_the_device_of_another_kind_the_request_names():
    nodes = [
        _switchable("hall", "Hall", "light"),
        _switchable("hall_group", "Hall group", "light"),
        {"id": "ghm_hall", "name": "Ghm hall", "kind": "media_player",
         "properties": {"state": {"type": "enum", "values": ["on", "off", "idle", "playing"]}}, "actions": _SWITCHABLE},
    ]
    generate = Generator(_index(nodes), None).generate
    text = generate("Switch off the hall speaker when the hall lights turn off").text
    assert "do ghm_hall.turn_off()" in text
    assert "when hall.state becomes false" in text
    # A place alone still means its lights.
    assert "do hall.turn_off()" in generate("Turn off the hall at midnight").text


def test_a_forecast_called_home_is_not_watched_for_nobody_being_home():
    forecast = {"id": "home", "name": "Home", "kind": "weather",
                "properties": {"state": {"type": "enum", "values": ["clear-night", "rainy", "sunny"]}, "temperature": {"type": "number"}}}
    person = {"id": "joao_home", "name": "Joao home", "kind": "binary_sensor", "properties": {"state": {"type": "boolean"}}}
    tv = {"id": "living_room_tv", "name": "Living room TV", "kind": "media_player",
          "properties": {"state": {"type": "enum", "values": ["on", "off"]}}, "actions": _SWITCHABLE}
    generate = Generator(_index([forecast, person, tv]), None).generate
    text = generate("Turn off the TV when nobody is home").text
    assert " home.state" not in text
    assert "when joao_home.state becomes false" in text
    # The weather's own words still find it.
    assert "when home.state becomes rainy" in generate("Turn off the TV when it starts raining").text


def test_a_machine_being_done_is_its_state_ending_not_its_door():
    nodes = [
        {"id": "washing_machine_door", "name": "Washing machine door", "kind": "binary_sensor", "properties": {"door": {"type": "boolean"}}},
        {"id": "washing_machine_state", "name": "Washing machine state", "kind": "binary_sensor", "properties": {"state": {"type": "boolean"}}},
        {"id": "dryer_state", "name": "Dryer state", "kind": "binary_sensor", "properties": {"state": {"type": "boolean"}}},
        {"id": "dishwasher_ready", "name": "Dishwasher ready", "kind": "binary_sensor", "properties": {"state": {"type": "boolean"}}},
        _switchable("hall_light", "Hall light", "light"),
    ]
    generate = Generator(_index(nodes), None).generate
    assert "when washing_machine_state.state becomes false" in generate("Turn on the hall light when the washing machine is done").text
    assert "if dryer_state.state == true" in generate("Turn on the hall light while the dryer is running").text
    assert "when dishwasher_ready.state becomes true" in generate("Turn on the hall light when the dishwasher is finished").text
    # Said of the door, the door it is.
    assert "when washing_machine_door.door becomes true" in generate("Turn on the hall light when the washing machine door opens").text


def test_a_way_said_apart_from_the_nodes_name_still_counts():
    from wfl.inference.verbs import _without_name

    assert _without_name(tokens("Arm the home alarm in home mode"), tokens("Home alarm")) == tokens("Arm the in home mode")
    assert _without_name(tokens("Arm the alarm when we are home"), tokens("Home alarm")) == tokens("Arm the alarm when we are home")


def test_an_update_entity_is_waited_for_only_when_the_request_speaks_of_updates():
    nodes = [
        {"id": "slider_button_card_update", "name": "Slider button card update", "kind": "update", "properties": {"state": {"type": "boolean"}}},
        {"id": "hall_button", "name": "Hall button", "kind": "input_button", "properties": {}, "events": {"pressed": {}}},
        _switchable("find_my_phone_sam", "Find my phone Sam", "script"),
    ]
    generate = Generator(_index(nodes), None).generate
    text = generate("Find Sam's phone when the button is pressed").text
    assert "slider_button_card_update" not in text
    # A script is run by a press, not toggled.
    assert "find_my_phone_sam.turn_on()" in text
    assert "when slider_button_card_update.state becomes true" in generate("Find Sam's phone when an update is available").text


def test_the_verb_is_the_command_not_a_node_named_like_it_when_a_kind_is_named():
    nodes = [
        {"id": "started", "name": "Started", "kind": "timer", "properties": {"state": {"type": "enum", "values": ["idle", "active"]}},
         "actions": {"start": {}, "cancel": {}}},
        {"id": "roomba", "name": "Roomba", "kind": "vacuum", "properties": {"state": {"type": "enum", "values": ["cleaning", "docked"]}},
         "actions": {"start": {}, "stop": {}, "return_to_base": {}}},
    ]
    assert "do roomba.start()" in Generator(_index(nodes), None).generate("Starte den Staubsauger um 10 Uhr").text


def test_a_camera_is_not_waited_on_for_the_door_it_is_named_for():
    nodes = [
        {"id": "front_door", "name": "Front door", "kind": "camera",
         "properties": {"state": {"type": "enum", "values": ["idle", "recording", "streaming"]}}, "actions": {"snapshot": {}}},
        {"id": "hausture", "name": "Hausture", "kind": "binary_sensor", "properties": {"state": {"type": "boolean"}}},
        _switchable("flurlicht", "Flurlicht", "light"),
    ]
    text = Generator(_index(nodes), None).generate("Schalte das Flurlicht ein, wenn die Haustür offen ist").text
    assert "when hausture.state becomes true" in text


def test_a_threshold_in_degrees_waits_on_a_temperature_not_a_name_like_the_comparative():
    nodes = [
        {"id": "wasser_bad_kalt", "name": "Wasser bad kalt", "kind": "input_number", "properties": {"state": {"type": "number"}},
         "actions": {"set_value": {"params": {"value": {"type": "number"}}}}},
        {"id": "burotemperatur", "name": "Burotemperatur", "kind": "sensor", "properties": {"temperature": {"type": "number", "unit": "°C"}}},
        {"id": "buro_licht", "name": "Büro Licht", "kind": "light", "properties": {"state": {"type": "boolean"}, "brightness": {"type": "number", "min": 0, "max": 255}},
         "actions": _SWITCHABLE},
        _switchable("buro_ventilator", "Büro Ventilator", "fan"),
    ]
    generate = Generator(_index(nodes), None).generate
    assert "when burotemperatur.temperature > 26" in generate("Schalte den Ventilator im Büro ein, wenn es wärmer als 26 Grad ist").text
    assert "when burotemperatur.temperature < 18" in generate("Schalte den Ventilator im Büro aus, wenn es kälter als 18 Grad ist").text


def test_a_thermostat_or_hygrostat_over_a_switch_is_what_is_switched():
    nodes = [
        _switchable("dehumidifier", "Dehumidifier", "switch"),
        {"id": "portable_dehumidifier", "name": "Portable dehumidifier", "kind": "humidifier", "properties": {"state": {"type": "boolean"}},
         "actions": {**_SWITCHABLE, "set_humidity": {"params": {"humidity": {"type": "number", "optional": True}}}}},
        _switchable("heater_plug", "Heater plug", "switch"),
        {"id": "portable_heater", "name": "Portable heater", "kind": "climate", "properties": {"state": {"type": "enum", "values": ["off", "heat"]}},
         "actions": _SWITCHABLE},
    ]
    generate = Generator(_index(nodes), None).generate
    assert "do portable_dehumidifier.turn_off()" in generate("Turn off the dehumidifier at 23:00").text
    assert "do portable_heater.turn_off()" in generate("Turn off the heater at 23:00").text
    # Named as the switch, it is the switch.
    assert "do heater_plug.turn_off()" in generate("Turn off the heater plug at 23:00").text
    # "Ajustar valor": adjusting sets the number, it does not switch.
    assert "do portable_dehumidifier.set_humidity(" in generate("Desumidificador - Ajustar valor").text


def _notifier(node_id: str, name: str) -> dict:
    return {"id": node_id, "name": name, "kind": "notify", "properties": {"state": {"type": "string"}},
            "actions": {"send_message": {"params": {"message": {"type": "string"}}}}}


_DISHWASHER_AND_WINDOW = [
    _switchable("dishwasher", "Dishwasher", "switch"),
    {"id": "office_window", "name": "Office window", "kind": "binary_sensor", "properties": {"window": {"type": "boolean"}}},
    _switchable("office_blind_ajar", "Office blind ajar", "script"),
]


def test_being_told_uses_the_one_notifier_that_is_no_screens():
    nodes = [*_DISHWASHER_AND_WINDOW, _notifier("yaml_notify", "Yaml"), _notifier("bedroom_tv_notify", "Bedroom TV notify")]
    generate = Generator(_index(nodes), None).generate
    for request in ("Tell me when the office window is open for 10 minutes", "Let me know when the office window opens"):
        assert "do yaml_notify.send_message(" in generate(request).text, request


def test_being_told_in_a_home_without_a_notifier_acts_on_nothing_it_waits_for():
    generate = Generator(_index(_DISHWASHER_AND_WINDOW), None).generate
    text = generate("Sag mir Bescheid, wenn das Bürofenster länger als 10 Minuten offen ist").text
    assert "when office_window.window becomes true for 10 min" in text and "\n  do " not in text
    text = generate("Tell me when the office window is open").text
    assert "office_blind_ajar" not in text and "\n  do " not in text
    # A helper named for telling is how such a home notifies.
    reminder = _switchable("printer_ink_reminder", "Printer ink reminder", "input_boolean")
    ink = {"id": "printer_ink", "name": "Printer ink", "kind": "sensor", "properties": {"level": {"type": "number", "unit": "%"}}}
    text = Generator(_index([*_DISHWASHER_AND_WINDOW, reminder, ink]), None).generate(
        "Send me a notification when the ink in the printer drops below 10%").text
    assert "do printer_ink_reminder.turn_on()" in text


def test_lights_listed_with_one_verb_are_each_called():
    nodes = [
        _switchable("bett_licht", "Bett licht", "light"),
        _switchable("computer_licht", "Computer licht", "light"),
        _switchable("bad", "Bad", "light"),
        _switchable("buffet_licht", "Buffet licht", "light"),
    ]
    generate = Generator(_index(nodes), None).generate
    two = generate("Turn off the bed light and the computer light at 23:00").text
    assert "bett_licht.turn_off()" in two and "computer_licht.turn_off()" in two and "buffet" not in two
    three = generate("Turn off the bed light, the computer light and the bathroom light at 23:00").text
    assert all(f"{n}.turn_off()" in three for n in ("bett_licht", "computer_licht", "bad")) and "buffet" not in three


def test_a_kind_the_command_names_is_acted_on_not_the_place_it_waits_on():
    nodes = [
        {"id": "thermostat", "name": "Thermostat", "kind": "climate", "properties": {"state": {"type": "enum", "values": ["off", "heat"]}},
         "actions": _SWITCHABLE},
        _switchable("bedroom_lights", "Bedroom lights", "light"),
        {"id": "temperature_bedroom", "name": "Temperature bedroom", "kind": "sensor", "properties": {"temperature": {"type": "number", "unit": "°C"}}},
        _switchable("wash_active", "Wash active", "input_boolean"),
        {"id": "washing_machine", "name": "Washing machine", "kind": "sensor", "properties": {"power": {"type": "number", "unit": "W"}}},
    ]
    generate = Generator(_index(nodes), None).generate
    text = generate("When the bedroom temperature is above 24 degrees, turn off the heating").text
    assert "do thermostat.turn_off()" in text and "bedroom_lights" not in text
    # A helper is a record of what is waited on: the one named there.
    assert "do wash_active.turn_on()" in generate("Set the helper when the washing machine is running").text


def test_a_place_named_where_the_request_waits_picks_the_sensor_there():
    nodes = [
        {"id": "motion_detected", "name": "Motion detected", "kind": "binary_sensor", "properties": {"motion": {"type": "boolean"}}},
        {"id": "motion_sensor_kitchen", "name": "Motion sensor kitchen", "kind": "binary_sensor", "area": "Kitchen",
         "properties": {"motion": {"type": "boolean"}}},
        {**_switchable("kitchen_lights", "Kitchen lights", "light"), "area": "Kitchen"},
    ]
    text = Generator(_index(nodes), None).generate("Turn on the kitchen lights when motion is detected in the kitchen").text
    assert "when motion_sensor_kitchen.motion becomes true" in text


def test_german_lights_going_out_and_the_charging_station():
    nodes = [
        _switchable("bad_licht", "Bad Licht", "light"),
        _switchable("badlufter", "Badlüfter", "fan"),
        {"id": "rockrobo", "name": "Rockrobo", "kind": "vacuum", "properties": {"state": {"type": "enum", "values": ["cleaning", "docked"]}},
         "actions": {"start": {}, "stop": {}, "return_to_base": {}}},
        {"id": "eva", "name": "Eva", "kind": "person", "properties": {"state": {"type": "enum", "values": ["home", "not_home"]}}},
    ]
    generate = Generator(_index(nodes), None).generate
    assert "when bad_licht.state becomes false" in generate("Wenn das Licht im Bad ausgeht, schalte den Badlüfter aus").text
    assert "when bad_licht.state becomes true" in generate("Wenn das Licht im Bad angeht, schalte den Badlüfter ein").text
    assert "do rockrobo.return_to_base()" in generate("Schick den Saugroboter zurück zur Ladestation, wenn Eva nach Hause kommt").text


def test_an_or_aan_before_an_article_is_a_place_not_the_way_to_switch():
    from wfl.inference.verbs import polarity

    assert polarity(tokens("Schalte die Steckdose an der Haustür um 5:00 aus")) == -1
    assert polarity(tokens("Zet de lamp aan de muur uit")) == -1
    assert polarity(tokens("Mach das Licht an der Haustür an")) == 1
    assert polarity(tokens("Schalte das Licht an")) == 1


def test_a_time_names_a_node_by_its_digits_run_together_not_by_its_hour_or_a_duration():
    lexical = LexicalIndex(_index([
        _switchable("usw_port_22_poe", "USW port 22 PoE", "switch"),
        _switchable("usw_port_15_poe", "USW port 15 PoE", "switch"),
        _switchable("tv_prog_2015", "TV prog 2015", "switch"),
    ]))
    assert "usw_port_22_poe" not in lexical.matches("Turn off the workshop charger at 22:00")
    assert "usw_port_15_poe" not in lexical.matches("when the printer draws no power for 15 minutes")
    assert "tv_prog_2015" in lexical.matches("um 20:15")
    assert "usw_port_22_poe" in lexical.matches("turn off port 22")


def test_a_climates_temperature_waited_on_is_the_measured_one_not_its_target():
    degrees = {"type": "number", "unit": "°C"}
    index = _index([
        {"id": "living_room", "name": "Living room", "kind": "climate",
         "properties": {"temperature": degrees, "current_temperature": degrees}, "actions": _SWITCHABLE},
        _switchable("veranda_heater", "Veranda heater", "switch"),
    ])
    generator = Generator(index, None)
    said = "When the living room temperature rises above 23 degrees, turn the veranda heater off"
    assert "when living_room.current_temperature > 23" in generator.generate(said).text
    said = "When the living room target temperature is above 23 degrees, turn the veranda heater off"
    assert "when living_room.temperature > 23" in generator.generate(said).text


def test_its_plug_is_the_plug_of_what_the_request_waits_on():
    index = _index([
        {"id": "dishwasher_power", "name": "Dishwasher power", "kind": "sensor",
         "properties": {"power": {"type": "number", "unit": "W"}}},
        _switchable("dishwasher_plug", "Dishwasher plug", "switch"),
        _switchable("coffee_maker_plug", "Coffee maker plug", "switch"),
        _switchable("clock_plug", "Uhr", "switch"),
    ])
    generator = Generator(index, None)
    for said in ("When the dishwasher draws less than 5 W for 10 minutes, turn off its plug",
                 "Wenn die Spülmaschine 10 Minuten lang weniger als 5 Watt zieht, schalte ihre Steckdose aus"):
        text = generator.generate(said).text
        assert "when dishwasher_power.power < 5 for 10 min\n  do dishwasher_plug.turn_off()" in text, said
