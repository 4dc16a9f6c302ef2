"""Stage 4: what the model may write, built per request from the shortlisted nodes and their types.

Whatever the model produces is a workflow the checker accepts by construction: it can only name the
shortlisted nodes, only their properties and actions, compare a number with a number, an enum with
one of its members, a boolean with true/false, and pass every required parameter of an action a value
of its type. Numbers, clock times and durations come from the request itself ("above 26", "at 22:00",
"for 10 minutes"), so the model chooses among the user's values instead of inventing its own. At most
four calls keep every output finite.

The result is a `Plan` (see `plan.py`): rendered to GBNF for servers, decoded over a token trie in
process. Grammars are never written as strings: llama.cpp aborts the process on one it cannot parse.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal

import msgspec
from msgspec import Struct, field

from wfl.grammar.builtins import CLOCK_ID
from wfl.grammar.days import expand_days
from wfl.grammar.index import EnvIndex
from wfl.grammar.printer import enum_member, number, string
from wfl.schemas.environment import (
    Action,
    BooleanType,
    DurationType,
    EnumType,
    NumberType,
    TimeType,
    StringType,
    ValueType,
)

from .daytime import DAYLIGHT, PART_OF_DAY, daylight_said, SUN_EVENT_SAID, SUN_EVENTS, SUN_SAID
from .clauses import (
    AND, NORDIC_DURATION_UNITS, RANGE_OPENER, ROMANCE_DURATION_UNITS, ROMANCE_SWITCHING_VERBS, SYNC_VERBS, TOLD_THAT, TOLD_WORDS, Clauses, clause_ends_at, denies_its_state, opens_with_denial, refers_to_earlier, sets_what_it_waits_on, split_clauses, waits_first,
    held_last, later_step, split_commands, waits_between, watch_parts,
)
from .lexical import LEVEL, LEVEL_UNITS, STOPWORDS, blanked, node_words, tokens
from .gbnf import GrammarError
from .household import household_way, reads_as_presence
from .plan import Plan, Step
from .kinds import kind_words, kinds_in_order
from .groups import PLURAL_SORTS, SAME_IN_SINGULAR, WHOLE_KIND_WORDS
from .retrieval import I_ENTER, PLURAL_WHOLE, QUANTIFIERS, places_in
from .spoken_clock import NAMED_CLOCKS
from .time_window import ClockMention, calendar_condition, part_of_the_day, time_window
from .units import quantity_after, quantity_of
from .verbs import on_of_something, WHITE_KELVIN, WHITE, colour_said, COLDER_THAN, COMFORT_RANGE, DEGREES, OFF_ACTIONS, ON_ACTIONS, TEMPERATURE_UNITS, WARMER_THAN, MODE_WORDS, activity_way, held_way, mode_said, bare_set_degrees, is_verb, is_verb_form, polarity, sets_degrees, switches_over, verb_scores

MAX_CALLS = 4
MAX_ENUM_MEMBERS = 12
CALL_INDENT = "\n     "

Target = Literal["workflow", "condition"]


class Shortlisted(Struct, frozen=True):
    """One node the model may use, with the members it may use (best first)."""

    node: str
    properties: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    score: float = 0.0
    """Retrieval's score (0-100+): the plan's priors prefer better matched nodes."""
    also_named: bool = False
    """The request names it apart from the best matched node: a second call is expected."""
    level_elsewhere: bool = False
    """Another command than its own states the request's level (`retrieval.Candidate.level_elsewhere`)."""
    own_levels: tuple[tuple[str, str], ...] = ()
    """The levels and temperatures (unit "°") its own command states, when commands state different
    ones (`retrieval.Candidate.own_levels`)."""
    own_words: tuple[str, ...] = ()
    """The words of its own command, when the request has several (`retrieval.Candidate.own_words`)."""
    watch_score: float = 0.0
    """How well it matches what the request waits for: the priors of triggers and conditions."""
    action_scores: tuple[float, ...] = ()
    """How strongly the request's verbs ask for each action (0-1), parallel to `actions`."""
    named: bool = True
    """The request names it as something to act on (`retrieval.Candidate.named`); when not, its
    actions are left out and it is only watched."""
    watched_later: bool = False
    """The waiting clause names it only in its part that states how things must be ("when motion
    is detected and the light level is below 50 lux", `clauses.watch_parts`): a condition, not
    the trigger."""


class Shortlist(Struct):
    nodes: list[Shortlisted] = field(default_factory=list)
    group: tuple[str, ...] = ()
    """Nodes the request acts on as a set ("all hall lights", `groups.py`): one option calls each."""
    commands: tuple[str, ...] = ()
    """The nodes of the request's commands, in order ("close the blinds, turn off the TV"): one
    option calls each with its own first action."""
    command_members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """For a command that acts on a set ("turn on all lights and unlock the door"), its node in
    `commands` and the set's members: the option calls each member."""
    command_order: tuple[int, ...] = ()
    """The place of each of `commands` among the request's commands (`clauses.split_commands`):
    which wait of `RequestValues.waits_between` comes before its calls."""

    def ids(self) -> list[str]:
        return [n.node for n in self.nodes]


class RequestValues(Struct, frozen=True):
    """Literal values the request states, written as wfl would write them."""

    numbers: tuple[str, ...] = ()
    set_to: tuple[str, ...] = ()
    """The numbers a command sets something to ("set the temperature to 20 degrees"): no threshold
    anything waits for or checks."""
    set_clocks: tuple[str, ...] = ()
    """The clock times a command sets a time to ("set the wake-up time to 6:30"): no time to start at."""
    clocks: tuple[str, ...] = ()
    durations: tuple[str, ...] = ()
    sun: bool = False
    """The request speaks of sunrise or sunset."""
    sun_events: tuple[str, ...] = ()
    """Which of them it names ("sunset", "Sonnenaufgang", "dusk")."""
    sun_shifts: tuple[str, ...] = ()
    """The times it states before or after them, as triggers write them ("30 minutes before
    sunrise" → `sunrise - 30 min`)."""
    clock_first: bool = False
    """A clock time starts the workflow and the waiting clause states how things must be then
    ("every day at 10:00 when nobody is home"): that state is a condition."""
    days: tuple[str, ...] = ()
    """The days a time trigger is limited to, as the language writes them ("on weekdays" →
    `weekdays`, "montags" → `mon`)."""
    later_times: tuple[str, ...] = ()
    """Times that belong to switching back ("on at sunset and off at 23:00": `23:00`): not when
    the workflow starts."""
    later_days: tuple[str, ...] = ()
    """The days said with switching back ("… and open them again at 7:00 on weekdays"): its own."""
    later_way: int = 0
    """The way the switching back says (+1 on or open, -1 off or close, 0 none): what a call with
    no way back of its own does then ("set the blinds to 30% at 12:00 and open them at 18:00")."""
    back_to: str | None = None
    """The value the switching back sets ("and back to 21 at 6:00"), if it says one."""
    repeat: bool = False
    """The request asks for something periodic ("every", "alle")."""
    said_words: tuple[str, ...] = ()
    """The request's words, function words left out."""
    says_a_way: bool = True
    """The request says which way to switch ("on", "schließen", "disarm"), or to switch over on
    each press ("Zolder schakelaar"). One that names a switch or flag and says neither ("Bett
    Belegung", "Urlaubsmodus nach Kalender") is offered keeping it in step, on and off."""
    follow: bool = False
    """The request keeps one state in step with another ("sync", "while", "on and off",
    "manages … ", "based on … " when it says no way to switch): an `if … do … else …` that
    switches one way and back is expected."""
    against_the_way: bool = False
    """The request switches its target the other way than what it waits for goes ("turn off the
    garden lights when I get home and back on when I leave"): kept in step, the other way round."""
    watch_words: tuple[str, ...] = ()
    """The words of what the request waits for ("when the door closes"): they pick the value a
    trigger or condition waits for."""
    event_words: tuple[str, ...] = ()
    checked_words: tuple[str, ...] = ()
    """When the waiting clause states an event and then what must hold ("the front door opens | and
    the lights are off", `clauses.watch_parts`), the words of each: the value of a trigger is the
    event's, the value of what is checked then is the state's, not both clauses' words at once."""
    act_words: tuple[str, ...] = ()
    """The words of what the request does ("set the thermostat to eco"): they pick the value a
    call sets."""
    goes_off: bool = False
    """What the request waits for "goes off": a light switching off, but a detector sounding
    ("when the smoke alarm goes off"), which a sensed property (`smoke`, not `state`) says."""
    at_named_time: bool = False
    """The request starts at a time it names rather than states ("at wake-up time", "at Mia's
    bedtime"): a node's time of day, `at <node>.<time>`."""
    watch_places: tuple[str, ...] = ()
    """The rooms the waiting clause names ("when nobody is in the office"): the people of the
    home being away is then not what it waits for, the room being empty is."""
    refers_back: bool = False
    """What the request waits for is its own target ("… if it has been on for an hour")."""
    held: tuple[str, ...] = ()
    """The durations a state is to hold for ("on for 10 minutes", "länger als 5 Minuten")."""
    household_way: int = 0
    """What the request waits on of the people of the home: -1 leaving or away, +1 coming or in
    (`wfl.inference.household`): the way a node that says whether anyone is home goes."""
    negated: tuple[str, ...] = ()
    """The words the waiting clause denies ("if it's not raining": raining): a state that must not
    hold, `!=` its value."""
    switches_back: bool = False
    """The request switches its target back when what it waits for ends ("… and turn it off when
    motion stops"): only a body that keeps the target in step with its trigger does that."""
    above: tuple[str, ...] = ()
    """The numbers the request says something goes above ("above 70", "mehr als 5", "> 30")."""
    below: tuple[str, ...] = ()
    """The numbers it says something goes below ("drops below 60", "unter 18")."""
    inclusive: tuple[str, ...] = ()
    """Those of `above` and `below` the threshold takes in ("at least 24", "höchstens 3"): `>=`, `<=`."""
    above_switches: int = 0
    """Which way the request switches above its `above` number (+1 on, -1 off, 0 unsaid):
    "stopping charge above 90%" is -1."""
    daylight: str | None = None
    """The sun's state the request limits itself to ("after sunset", "when it is dark" →
    `below_horizon`; "during the day" → `above_horizon`)."""
    daylight_only: bool = False
    """The limit says when, and something else starts it ("… when motion is detected after
    sunset", "at 22:00 when it is dark"): the sun is a condition, not the trigger."""
    levels: tuple[tuple[str, str], ...] = ()
    """(unit, number) for each level the request sets with a unit, "%" or "K" ("at 50% brightness",
    "dim to 20 %", "2700 K"): the value of a call's parameter in that unit, optional ones too.
    A threshold ("above 70%") is no level."""
    threshold_units: tuple[tuple[str, str], ...] = ()
    """(number, quantity) for each threshold stated with a unit ("über 40000 Lux" is illuminance,
    `units.py`)."""
    degrees: tuple[str, ...] = ()
    """The numbers the request states in degrees ("21 degrees", "20 Grad", "19°C"): a temperature,
    never a position or a percentage."""
    message: str | None = None
    """The text a call sends, as a wfl string: the request's own quoted words ('notify me
    "Laundry is done"'), else, for a request that notifies, what it waits for ("when the doorbell
    rings, notify me" → "The doorbell rings") or what it reminds of ("remind me to take out the
    bins" → "Take out the bins"). Without it no text can be sent (`notice`)."""
    quoted: str | None = None
    """The request's own quoted words as a wfl string ('set the cube mode to "music"'): the value of
    an optional text parameter too (an option to select, a source); of those, only a select's option
    is also read unquoted (`chosen`)."""
    chosen: str | None = None
    """The word a command sets something to, as a wfl string ("set the dryer status to Bezig"): the
    option a select's call chooses when the request quotes none."""
    window: str | None = None
    """The hours and days the request limits itself to, as a condition on the built-in clock
    ("after 22:00" is `clock.time >= 22:00`, "on weekends" `clock.weekday in [sat, sun]`;
    `time_window.py`)."""
    window_only: bool = False
    """Something else starts the workflow ("when motion is detected after 22:00"): the window is its
    condition, not its start."""
    window_times: tuple[str, ...] = ()
    """The clock times that bound the window: no time the workflow starts at when `window_only`."""
    window_phrases: tuple[str, ...] = ()
    """The words that say the hours and days ("after 23:00", "weekends")."""
    said_besides_window: bool = False
    """The request says more than its hours and days ("the hall light is on after 23:00"): a
    condition asked for states that too."""
    acts_on_watched: bool = False
    """The command names what it acts on by a pronoun, the waiting clause names it ("when the
    speaker starts playing, set its volume to 25%"): the target may wait on itself."""
    on_first: bool = False
    """The request switches a device on and then sets what it names by a pronoun ("turn on the kids
    speaker and set its volume to 20%"): a call that sets a stated value is written after
    `turn_on()`."""
    kilo: tuple[str, ...] = ()
    """Numbers said in kilowatts or kilowatt-hours ("above 2 kW"): a thousand times as many watts."""
    ranges: tuple[tuple[str, str], ...] = ()
    """Two numbers a value is said to lie between ("between 6 and 8 degrees"): `x > 6 and x < 8`."""
    clocks_joined: tuple[str, ...] = ()
    """Start times said together ("at 7:00 and 18:00", "um 7 und um 18 Uhr"): either one starts it."""
    kelvin: str | None = None
    """A white said by its warmth ("warm white": 2700): the colour temperature a light that takes one is set to."""
    colour: str | None = None
    """A colour the command names ("turn the lamp red", "rot"), as Home Assistant's `color_name` takes it."""
    then_verbs: tuple[str, ...] = ()
    """Later commands that are verbs alone ("… set the speaker's volume to 25% and start playing"):
    what the node a value is set on does next."""
    fade: str | None = None
    """The seconds a light fades over ("with a 5 second transition", "fade in over 10 seconds"):
    a `transition`, no wait nor time held."""
    wait_first: str | None = None
    """The request waits this long before its commands run ("…, wait 10 minutes, then turn off
    the fan"): its `do` block opens with the wait."""
    later_step: str = ""
    """The last command, without its wait, when it waits and acts again on what the first one acted
    on (`clauses.later_step`: "dim it to 30%"): written after the plan's calls (`later_step.py`)."""
    held_last: tuple[int, str] | None = None
    """The place of the last of several commands and how long it holds what it switches ("… and
    turn on the kitchen light for 10 minutes"): its calls are followed by the wait and the way back."""
    waits_between: tuple[str, ...] = ()
    """The wait before each command of the request, the first's always none ("turn on the hall
    light, wait 5 minutes and turn off the kitchen light": `wait 5 min` between their calls)."""
    undo_after: str | None = None
    """The request switches its target back after this long ("…, then turn it off after 2
    minutes", "turn on the porch light for 5 minutes"): one `do` block switches, waits and
    switches back."""


_THRESHOLD_WORDS = (
    "above over than exceeds exceed exceeding least most über als oberhalb boven dan dépasse ultrapassa que supera superano superi "
    "sopra oltre below under unter unterhalb onder sous sotto"
).split() + [
    f"{word} {preposition}" for word in "plus moins mais menos más acima abaixo passa baja encima debajo".split() for preposition in ("de", "du")
] + [
    f"{word} {preposition}"
    for word in "supérieur supérieure inférieur inférieure superior inferior superiore inferiore maggiore minore più meno".split()
    for preposition in ("à", "a", "di")
]
_NOT_A_THRESHOLD = "".join(
    f"(?<!{re.escape(before)})" for word in _THRESHOLD_WORDS for before in (f"{word} ", f"{word}  ")
) + "".join(f"(?<!{re.escape(sign)})" for sign in ("<", ">", "=", "< ", "> ", "= "))
"""A number with a dot after a threshold is a number ("below 0.20"), not a clock time ("um 20.15")."""
_CLOCK = re.compile(
    rf"(?<![\d.:])(?:(?=\d{{1,2}}[:h])|{_NOT_A_THRESHOLD})([01]?\d|2[0-3])[:.h]([0-5]\d)(?![\d])|(?<![\d.:])(1[0-2]|0?[1-9])\s*(am|pm)\b"
    r"|(?<![\d.:])(?<!\bdan )(?<!\bna )(?<!\bal )(?<!\bbinnen )(?<!\bgedurende )(?<!\bruim )(?<!\bminstens )"
    r"([01]?\d|2[0-3])\s*(?:uhr|uur|o'clock)\b(?!\s*lang)"  # "langer dan 2 uur", "na 2 uur", "2 uur lang": a span
    r"|(?:(?<=\bà )|(?<=\bàs )|(?<=\bas )|(?<=\blas )|(?<=\balle )|(?<=\bvers )|(?<=\bdès )|(?<=\bdas ))"
    r"([01]?\d|2[0-3])\s*(?:h|hs|heures?|horas?|ore)\b(?!\d)"
    r"|(?<=\blas )([01]?\d|2[0-3])(?![\d:.,h])(?:\s+de la (mañana|tarde|noche))?",
    re.I,
)
"""Clock times: "7:30", "19.00", "22h30", "7 pm", "um 20 Uhr", "à 22h", "às 18 horas", "a las 8 de la tarde"."""
_DURATION = re.compile(
    r"(?<![\d.:])(\d{1,3})\s*(seconds?|secs?|sekunden?|seconden?|s|minutes?|mins?|minuten?|minuut|m|hours?|hrs?|stunden?|"
    rf"uur|uren|h|{ROMANCE_DURATION_UNITS}|secondo|{NORDIC_DURATION_UNITS})\b",
    re.I,
)
_NUMBER_WORDS = {
    **dict.fromkeys(("a", "an", "one", "ein", "eine", "einer", "einem", "een", "één", "un", "une", "um", "uma", "uno", "una"), 1),
    **{w: n for n, ws in enumerate(
        ("", "", "two zwei twee deux dois duas dos due", "three drei drie trois três tres tre",
         "four vier quatre quatro cuatro quattro", "five fünf vijf cinq cinco cinque", "six sechs zes seis sei",
         "seven sieben zeven sept sete siete sette", "eight acht huit oito ocho otto", "nine neun negen neuf nove nueve",
         "ten zehn tien dix dez diez dieci"), 0) for w in ws.split()},
    **dict.fromkeys(("twelve", "zwölf", "twaalf", "douze", "doze", "doce", "dodici"), 12),
    **dict.fromkeys(("fifteen", "fünfzehn", "vijftien", "quinze", "quince", "quindici"), 15),
    **dict.fromkeys(("twenty", "zwanzig", "twintig", "vingt", "vinte", "veinte", "venti"), 20),
    **dict.fromkeys(("thirty", "dreißig", "dertig", "trente", "trinta", "treinta", "trenta"), 30),
    **dict.fromkeys(("forty-five", "fünfundvierzig", "vijfenveertig"), 45), **dict.fromkeys(("ninety", "neunzig", "negentig"), 90),
}
_SPELLED_DURATION = re.compile(
    rf"\b({'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})\s+"
    rf"(seconds?|sekunden?|seconden?|minutes?|minuten?|minuut|hours?|stunden?|uur|uren|{ROMANCE_DURATION_UNITS})\b",
    re.I,
)
_FRACTION_DURATION = (
    (re.compile(
        r"\b(?:half an hour|half hour|(?:eine[rm]? )?halben? stunde|(?:een )?half uur|(?:une )?demi-heure|meia hora|"
        r"media hora|mezz'ora|mezzora)\b", re.I), "30 minutes"),
    (re.compile(
        r"\b(?:(?:a )?quarter of an hour|quarter hour|(?:eine[rm]? )?viertelstunde|(?:een )?kwartier|(?:un )?quart d'heure|"
        r"(?:um )?quarto de hora|(?:un )?cuarto de hora|(?:un )?quarto d'ora)\b", re.I), "15 minutes"),
    (re.compile(r"\bun'ora\b", re.I), "1 ora"),
    (re.compile(r"\b(?:an hour and a half|one and a half hours?|anderthalb stunden|eineinhalb stunden|anderhalf uur)\b", re.I), "90 minutes"),
    # "for the next hour", "für die nächsten 30 Minuten": a span from now on.
    (re.compile(r"\b(?:the next|die nächste|het volgende|la prochaine|la próxima|a próxima|la prossima) (hour|stunde|uur|heure|hora|ora)\b", re.I), r"1 \1"),
    (re.compile(r"\b(?:the next|die nächsten|de volgende|les prochaines|los próximos|las próximas|os próximos|as próximas|i prossimi|le prossime) (?=\d)", re.I), ""),
)


def spelled_out(request: str) -> str:
    """The request with durations said in words written in digits ("for an hour" → "for 1 hour",
    "half an hour" → "30 minutes", "zwei Stunden" → "2 Stunden"), so one pattern reads them all."""
    for pattern, digits in _FRACTION_DURATION:
        request = pattern.sub(digits, request)
    return _SPELLED_DURATION.sub(lambda m: f"{_NUMBER_WORDS[m.group(1).lower()]} {m.group(2)}", request)
_HELD = re.compile(
    r"\b(?:for|for (?:more|longer) than|for over|over|longer than|more than|after|für|seit|länger als|mehr als|"
    r"pendant|depuis|plus de|pendant plus de|durante|por|por mais de|há mais de|mais de|más de|por más de|"
    r"durante más de|per|per più di|da più di|più di|oltre|i|i over|i mer enn|i mer än|i över|mer enn|mer än|lenger enn|längre än|"
    r"voor|gedurende|langer dan|meer dan|al)"
    r"(?:\s+(?:at least|a good|mindestens|minstens|au moins|pelo menos|al menos|almeno|minst))?\s+$",
    re.I,
)
""""… for 10 minutes", "for at least 10 minutes", "per almeno 5 minuti": a state held that long."""
_AT_NAMED_TIME = re.compile(r"\b(?:at|um|om|à|às|a las|alle)\s+(?!\d)\S", re.I)
_HELD_BEFORE = re.compile(r"\s+(?:after|nachdem|nach|nadat|na|après|depois|después|dopo)\b", re.I)
"""A time said before what it waits on ("5 minutes after the humidity drops below 60%"): that state
holds for it, as "… for 5 minutes" would say."""
_HELD_STATE = re.compile(
    r"\s+(?:lang\s+)?(?:leer|offen|geöffnet|auf|an|aus|geschlossen|zu|leeg|open|dicht|aan|uit|gesloten"
    r"|openstaat|openstaan|dichtstaat|aanstaat|aanstaan|uitstaat|offensteht|offenstehen"
    r"|keine|kein|geen|niemand|nichts|niets|zonder|ohne|weniger|mehr|unter|über|unterhalb|oberhalb|minder|meer|onder|boven)\b",
    re.I,
)
"""A time said before the state it waits on holds, in German and Dutch word order ("wenn das Büro 10
Minuten leer ist", "als de deur 5 minuten open staat", "als er 5 minuten geen beweging is", "wenn
10 Minuten lang keine Bewegung erkannt wird", "10 Minuten lang weniger als 5 Watt")."""
_ENDS_WITH_BEING = re.compile(r"\b(?:ist|sind|war|waren|gewesen|bleibt|bleiben|liegt|liegen|is|zijn|was|waren|blijft|ligt)\W*$", re.I)
"""A German or Dutch waiting clause that ends with being ("wenn jemand 5 Minuten im Büro ist",
"wenn ich 24 Stunden nicht zu Hause war"): the span in it is how long that holds."""
_STATE_HELD = re.compile(
    r"\b(?:abiert[ao]s?|abert[ao]s?|apert[oaie]|ouverte?s?|cerrad[ao]s?|fechad[ao]s?|chius[oaie]|fermée?s?|"
    r"encendid[ao]s?|apagad[ao]s?|ligad[ao]s?|desligad[ao]s?|acces[oaie]|spent[oaie]|allumée?s?|éteinte?s?|"
    r"vací[ao]s?|vazi[ao]s?|vuot[oaie]|vides?)\s+$",
    re.I,
)
"""A state said right before the time it holds, in French, Portuguese, Spanish and Italian ("si la
puerta se queda abierta 10 minutos", "se a porta ficar aberta 10 minutos")."""
_NAMED_CLOCK = re.compile(rf"\b(?:{'|'.join(NAMED_CLOCKS)})\b", re.I)
_SUN_SHIFT = re.compile(
    rf"({_DURATION.pattern})\s+(before|prior to|ahead of|after|vor|nach|voor|na|avant|après|antes|depois|após|después|"
    rf"prima|dopo)\s+(?:(?:the|dem|de|du|do|da|del|dell'|della|di|d')\s*)?(?:(?:le|la|l'|o|il|el)\s*)?"
    rf"({SUN_EVENTS['sunrise'].pattern}|{SUN_EVENTS['sunset'].pattern})",
    re.I,
)
"""A time before or after sunrise or sunset ("30 minutes before sunrise", "1 Stunde nach Sonnenuntergang")."""
_BACK_TO = re.compile(
    r"(?:\b(?:and|then|und|en|et|e|y)|,)\s+(?:(?:set|put|turn|bring)\s+(?:it|them)\s+)?(?:back|wieder|weer|de nouveau)\s+(?:to|auf|op|à|a)\s+"
    r"(-?\d+(?:[.,]\d+)?)\s*(?:%|°\s*c?|degrees?|grad|graden)?\s+(?:at|by|um|om|à|às|a las|alle)\s+[^,;]*",
    re.IGNORECASE,
)
"""Setting back to a value of its own at a time of its own ("… to 17 degrees at 22:00 and back to
21 at 6:00"): the second workflow sets that value."""
_SWITCHED_BACK_AT = re.compile(
    rf"{_BACK_TO.pattern}|"
    r"(?:\b(?:and|then)|,)\s+(?:disable|deactivate|enable|activate|stop|start)\s+(?:it|them)\s+(?:again\s+)?(?:at|by)\s+[^,;]*|"
    r"(?:\b(?:and|then|und|dann|en)|,)\s+(?:(?:turn|switch|schalte|schalten|zet)\s+(?:it\s+|them\s+|ihn\s+|sie\s+|es\s+|hem\s+)?)?"
    r"(?:back\s+)?(?:off|on|aus|an|ein|uit|aan|close|open|lock|unlock|schließe|öffne|sluit)\s+"
    r"(?:it\s+|them\s+|ihn\s+|sie\s+|es\s+|hem\s+|ze\s+)?(?:again\s+|wieder\s+|weer\s+)?(?:at|um|om|bei|by)\s+[^,;]*"
    r"|(?<!\d )(?<!uhr )(?<!uur )\b(?:und|dann|en)\s+(?:um|om)\s+[^,;]*?\b(?:wieder\s+|weer\s+)?(?:aus|an|ein|uit|aan|zu|auf|dicht|open)\b"
    r"|\b(?:und|dann|en)\s+(?:um|om)\s+[^,;]*?\b(?:wieder|weer)\s+(?:aus|an|ein|uit|aan|zu|auf|dicht|open)\b"
    r"|(?:\b(?:et|e|y|puis|depois|luego|poi)|,)\s+(?:l'|la\s+|le\s+|les\s+|lo\s+|los\s+|las\s+|li\s+|o\s+|a\s+|os\s+|as\s+)?"
    rf"(?:{'|'.join(ROMANCE_SWITCHING_VERBS)}|aprire|ap[áa]gal[oa]s?|spegnil[oaie])(?:-(?:le|la|les|lo|los|las|o|a|os|as)|la|lo|le|li)?\s+"
    r"(?:(?:à nouveau|de novo|novamente|de nuevo|di nuovo)\s+)?(?:à|às|as|a las|alle|ao|au|al)\s+[^,;]*",
    re.I,
)
"""A second, opposite switching at a time of its own: "… and off at 23:00", "and close them at
21:00", "… ein und um 23 Uhr aus" (not "um 7 und um 18 Uhr ein", one command at two times), "…, off at sunrise", "e desliga às 23h", "et les fermer au coucher du soleil"."""
_DAY_WORDS = {
    "mon": "monday|montag|maandag|lundi|segunda-feira|segunda feira|lunes|lunedì|lunedi|mandag|måndag",
    "tue": "tuesday|dienstag|dinsdag|mardi|terça-feira|terça feira|martes|martedì|martedi|tirsdag|tisdag",
    "wed": "wednesday|mittwoch|woensdag|mercredi|quarta-feira|quarta feira|miércoles|miercoles|mercoledì|mercoledi|onsdag",
    "thu": "thursday|donnerstag|donderdag|jeudi|quinta-feira|quinta feira|jueves|giovedì|giovedi|torsdag",
    "fri": "friday|freitag|vrijdag|vendredi|sexta-feira|sexta feira|viernes|venerdì|venerdi|fredag",
    "sat": "saturday|samstag|sonnabend|zaterdag|samedi|sábado|sabado|sabato|lørdag|lördag",
    "sun": "sunday|sonntag|zondag|dimanche|domingo|domenica|søndag|söndag",
}
"""Each day's names in English, German, Dutch, French, Portuguese, Spanish and Italian."""
for _day, _short in (("mon", "segunda"), ("tue", "terça"), ("wed", "quarta"), ("thu", "quinta"), ("fri", "sexta")):
    # "toda sexta", "nas segundas", "sexta às 20h": the Portuguese day without "-feira", where no
    # "second" or "fifth" is meant.
    _DAY_WORDS[_day] += rf"|(?:toda|todas as|nas|na|às|aos|cada)\s+{_short}s?|{_short}s?(?=\s+(?:às|as|a partir das?)\s+\d)"
_DAYS = (
    ("weekdays", re.compile(
        r"\b(?:weekdays?|week days|workdays?|working days?|werktags|werktagen?|arbeitstags|arbeitstagen?|wochentags|(?:an )?wochentagen"
        r"|doordeweekse dagen|doordeweeks|werkdagen|werkdag"
        r"|en semaine|jours de (?:la )?semaine|jours ouvrés|jours ouvrables|dias úteis|dias de semana|dias de trabalho|días laborables|días de trabajo"
        r"|entre semana|días de (?:la )?semana|giorni feriali|nei feriali|hverdager|hverdagene|ukedager|ukedagene|hverdage|vardagar|vardagarna"
        r"|during the week|unter der woche|door de week|pendant la semaine|durante a semana|durante la semana|in settimana)\b", re.I)),
    ("weekends", re.compile(
        r"\b(?:weekends?|(?:am |an )?wochenenden?|in het weekend|week-ends?|fins? de semana|fim de semana"
        r"|fines de semana|fine settimana|helg|helgen|helgene|helger|helgerna|weekenden)\b", re.I)),
    *((day, re.compile(rf"\b(?:{names})(?:s|ar|er|e)?\b", re.I)) for day, names in _DAY_WORDS.items()),  # "på söndagar"
)
"""Days a request limits its times to, in English, German, Dutch, French, Portuguese, Spanish and
Italian, with the day words of `wfl.grammar.days`."""
_REPEAT = re.compile(
    r"\b(every|each|alle|jede[nr]?|periodically|regelmäßig|chaque|cada|ogni|périodiquement|periodicamente"
    r"|(?:tous|toutes|todos|todas|tutti|tutte)\s+(?:les|os|as|los|las|i|le|gli)\s+(?:\d|jours|heures|minutes|dias|horas"
    r"|minutos|días|giorni|ore|minuti))\b",
    re.I,
)
_WHILE = frozenset({"while", "whilst", "während", "solange", "tant que", "pendant que", "enquanto", "mientras", "mentre"})
"""Words that keep a state in step ("keep the fan on while the shower runs") or, after an event,
say what must hold when it happens ("when motion is detected while night mode is on")."""
_FOLLOW = re.compile(
    rf"\b({SYNC_VERBS}|follow(?:s|ing)?(?!\s+up\b)|while|whilst|as long as|anhand|solange|während|spiegel(?:n|t|e|nd|te)|gespiegelt"
    r"|tant que|pendant que|enquanto|mientras|mentre|finché|fintanto che)\b"
    r"|\b(on and off|off and on|an und aus|ein und aus|aus und an|on/off|an/aus|aan/uit|on or off|off or on|"
    r"an oder aus|ein oder aus|aan of uit|aan en uit|enable or disable|enables or disables|open or close|opens or closes|"
    r"av/på|på/av|av og på|på og av|av eller på|på eller av|til/fra|zapnutí nebo vypnutí|zapnutie alebo vypnutie|"
    r"włącz/wyłącz|ligar/desligar|liga/desliga|encender/apagar|acceso/spento)\b"
    r"|\b(manage[sd]?|managing|controls|controlling|handle[sd]?|handling|regulat\w*|steuert|regelt|veksle\w*"
    r"|gère|gérer|gestion|contrôle|régule|controla|controlar|controlo|controle|gerencia|gerenciar|gestiona|gestionar"
    r"|regula|gestisce|controlla"
    r"|håndter\w*|styrer|regulerer|управляет|управление|регулирует|styr|styrning|hanterar|reglerar|ovláda|riadi"
    r"|ovládá|řídí|steruje|kontroluje)\b",
    re.I,
)
_EITHER_WAY = re.compile(r"([^\W\d_]+)\s*(?:/|\s(?:or|oder|of|ou|o)\s|\s(?:and|und|en|et|e|y)\s)\s*(?=([^\W\d_]+))", re.I)
_ARMING = frozenset(tokens(
    "arm arms armed disarm disarms disarmed scharf unscharf armer armé armar armado désarmer désarmé desarmar desarmado"
))


def says_both_ways(request: str) -> bool:
    """Whether the request names a way to switch and its opposite side by side: "Allumer /
    Éteindre KEF", "Activer ou désactiver les micros", "liga e desliga a tomada". (Arming is no
    opposite of switching off: "switch off and arm the alarm" is two commands.)"""
    for m in _EITHER_WAY.finditer(request):
        first, second = tokens(m.group(1)), tokens(m.group(2))
        if polarity(first) * polarity(second) == -1 and not _ARMING.intersection(first + second):
            return True
    return False


_DEPENDS = re.compile(
    r"\b(based on|depending on|according to|je nach|abhängig von|afhankelijk van|en fonction d[eu]|selon"
    r"|de acordo com|conforme|dependendo d[eoa]s?|com base n[oa]s?|según|dependiendo de|en función de|in base a"
    r"|a seconda d\w*|in funzione d\w*)\b",
    re.I,
)
"""Keeps in step too, unless the request says which way to switch ("turn on … based on …")."""
_NOT_MORE_OR_LESS = r"(?<!\bno )(?<!\bnot )(?<!\bnicht )(?<!\bniet )(?<!\bpas )"
""""no more than 20" is at most 20, not above it: a denied "more"/"less" is read by the other side."""
_ABOVE = re.compile(
    rf"(?:{_NOT_MORE_OR_LESS}\b(?:above|over|more than|greater than|higher than|exceeds?|exceeding|at least|no less than|not less than|"
    r"no fewer than|not below|nicht weniger als|niet minder dan|pas moins de|mindestens|minstens|ten minste|au moins|au minimum|"
    r"pelo menos|no mínimo|al menos|como mínimo|almeno|minst|über|mehr als|größer als|"
    r"höher als|oberhalb|boven|meer dan|hoger dan|groter dan|au-dessus d[eu]|plus de|supérieure? à|dépasse|"
    r"acima de|mais de|maior que|superior a|ultrapassa|passa de|acima d(?:os?|as?)|mais d(?:os?|as?)|passar d(?:e|os?|as?)|"
    r"passa d(?:os?|as?)|ultrapassar|superar|subir d(?:e|os?|as?)|sobe d(?:e|os?|as?)|por encima de|más de|mayor que|supera|superano|superi|sopra|più di|"
    rf"maggiore di|superiore a|oltre|{WARMER_THAN}|brighter than|heller (?:wird )?als|lichter (?:wordt )?dan|reach(?:es|ed)?|hits?|gets? to|rises? to|climbs? to|"
    r"goes up to|erreicht|bereikt|atteint|atinge|alcanza|raggiunge|(?:more )?expensive than|pricier than|teurer als|duurder dan|"
    r"passe au-dessus de|passe sur|sube de|suba de|sale sopra)(?:\s+(?:the|de|het|die|den|i|il|la|le|gli|los|las|el|os|as|o|a))?|>=?|≥)\s*$",
    re.IGNORECASE,
)
_BELOW = re.compile(
    rf"(?:{_NOT_MORE_OR_LESS}\b(?:below|under|less than|lower than|fewer than|at most|no more than|not more than|not above|"
    r"nicht mehr als|niet meer dan|pas plus de|höchstens|hoogstens|au plus|au maximum|no máximo|como máximo|al massimo|høyst|högst|"
    r"unter|weniger als|kleiner als|niedriger als|"
    r"unterhalb|onder|minder dan|lager dan|kleiner dan|en[- ]dessous d[eu]|moins de|inférieure? à|descend sous|"
    r"abaixo de|menos de|menor que|inferior a|abaixo d(?:os?|as?)|menos d(?:os?|as?)|baixar d(?:e|os?|as?)|baixa d(?:e|os?|as?)|"
    r"descer d(?:e|os?|as?)|desce d(?:e|os?|as?)|por debajo de|baja de|baje de|bajen de|baja a|baje a|sotto|meno di|minore di|inferiore a|"
    rf"{COLDER_THAN}|darker than|dunkler (?:wird )?als|donkerder (?:wordt )?dan|(?:drops?|falls?|sinks?|goes down) to|fällt auf|sinkt auf|zakt naar|daalt tot|"
    r"daalt naar|cheaper than|billiger als|günstiger als|goedkoper dan|passe sous|tombe sous|passe au-dessous de|passe en dessous de)"
    r"(?:\s+(?:the|de|het|die|den|i|il|la|le|gli|los|las|el|os|as|o|a))?"  # "onder de 19 graden", "sotto i 18 gradi"
    r"|<=?|≤)\s*$",
    re.IGNORECASE,
)
"""The words before a number that say which way a threshold is crossed ("colder than 10 degrees"
is below it)."""
_HALFWAY = re.compile(
    r"\b(?:half[- ]?way|half[- ](?:open|opened|closed|shut|down|up)|halb\s+(?:offen|öffnen|oeffnen|geöffnet|auf|zu|"
    r"schlie(?:ß|ss)en|geschlossen|hoch|runter|herunter)|zur hälfte|half\s*(?:open|dicht)|à moitié|à mi-hauteur|a meio|até (?:a )?metade|até meio|a metade|a metà|a mitad|"
    r"hasta la mitad|hasta (?:la )?mitad|halvvägs|halvt|halverwege|half\s+(?:open|dicht|omlaag|omhoog))\b",
    re.I,
)
"""A cover or level set halfway ("open the blinds halfway", "Rollladen halb schließen") is at 50%."""
_FULL_LEVEL = re.compile(
    r"\b(?:(?:at|to|on)\s+)?(?:full|max(?:imum)?)\s+(?:brightness|volume|power|speed|blast)|\bvolle[nr]?\s+(?:helligkeit|lautstärke|sterkte|helderheid|stärke|snelheid|leistung|stufe)"
    r"|\bop\s+(?:vol|volle sterkte|maximaal|maximum)\b|\b(?:voll|ganz)\s+(?:aufdrehen|hell)\b|\bmaximale[nr]?\s+(?:helligkeit|helderheid|lautstärke)"
    r"|\bà fond\b|\bno máximo\b|\bal máximo\b|\bal massimo\b|\bfull blast\b|\bfully on\b"
    r"|\b(?:på\s+)?(?:full|fullt|maks|max)\s+(?:styrka|ljusstyrka|styrke|lysstyrke)\b|\bpå\s+(?:max|maks|fullt)\b",
    re.I,
)
"""A level said as its top ("at full brightness", "maximum brightness", "op volle sterkte", "volle
Helligkeit") is 100%."""
_AT_HOME = re.compile(r"\bzu hause\b", re.I)
""""Zu Hause" is at home: its "zu" is no "closed"."""
_GOES_OFF = re.compile(r"\b(?:goes|go|going|went|gone)\s+off\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;]|\b(?:and|und|en|or|oder|of)\b", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.:])-?\d+(?:[.,]\d+)?(?:(?![\w:])|(?=(?i:kwh|wh|kw|w|ppm|ppb|lux|lx|hpa|mbar|v)\b))")
"""A number, alone or with a unit run on to it ("30W", "1200ppm")."""


_BARE_HOUR = re.compile(
    r"(?:\b(?:at|um|om|alle|a las)|(?<!\w)(?:à|às|ás))\s+([01]?\d|2[0-3])(?![\d:]|[.,]\d|\s*(?:%|°|degrees?\b|grad\b|graden\b|degr[ée]s?\b|graus?\b|grados?\b|gradi\b|percent|prozent|k?w\b|lux\b|lx\b"
    r"|min|sec|sek|s\b|h\b|hours?\b|stunden?\b|uur\b))",
    re.I,
)
"""An hour said with no minutes nor am/pm ("every morning at 7", "at 7", "alle 7", "às 6"): a clock time; a part of
the day says whether it is before or after noon (`_hour_of_the_day`)."""


_SETPOINT_AT = re.compile(
    r"\b(?:mets|mettez|mettre|règle|réglez|régler|pon|pone|ponga|poner|porta|portare|metti|imposta|coloca|coloque|põe|ponha|ajusta)\b"
    r"[^,.;]{0,40}?\b(?:chauffage|thermostat|radiateur|clim\w*|calefacci[oó]n|termostato|radiador|riscaldamento|termosifone|"
    r"condizionatore|climatizzatore|aquecimento|ar[- ]condicionado|aire(?: acondicionado)?)\b[^,.;\d]{0,25}?"
    r"(?:à|a|al|em|para|su)\s+(\d{1,2})(?![\d:h])",
    re.IGNORECASE,
)
"""A number a heating is set to, said after the Romance "to" ("mets le chauffage à 21", "pon el
termostato a 22", "porta il riscaldamento a 21"): degrees, not a clock hour."""


def _hour_of_the_day(request: str) -> tuple[str, tuple[int, int]] | None:
    """The clock time of a bare hour ("at 7", "om 16u"): 20:00 for "every evening at 8" or "at
    night at 11", where the part of the day says it is after noon; else the hour as said."""
    if not (m := _BARE_HOUR.search(request)):
        return None
    if (setpoint := _SETPOINT_AT.search(request)) and setpoint.span(1) == m.span(1):
        return None  # "mets le chauffage à 21": the degrees it is set to
    hour = int(m.group(1))
    if _NIGHT.search(request) and not PART_OF_DAY["sunrise"].search(request):
        # "every night at 10" is 22:00; "at night at 2" is 02:00; "the night light every morning at 7", 07:00.
        return f"{(hour + 12) % 24 if 6 <= hour <= 12 else hour:02d}:00", m.span()
    if not PART_OF_DAY["sunrise"].search(request) and (PART_OF_DAY["sunset"].search(request) or DAYLIGHT["below_horizon"].search(request)):
        return f"{hour + 12 if 1 <= hour < 12 else hour:02d}:00", m.span()
    return f"{hour:02d}:00", m.span()


_NIGHT = re.compile(
    r"\b(?:nights?(?!\s*(?:lights?|lamps?|mode|modus|switch|stand))|tonight|nachts|'?s nachts|la nuit|chaque nuit|de noche|di notte)\b",
    re.I,
)
"""Night said of the day ("every night at 10"): a bare hour from 6 to 12 is after noon."""


_EXCEPT_DAYS = re.compile(
    r"\b(?:except|but not|not|unless(?: it(?:'s|’s| is))?|außer|ausser|aber nicht|nicht|behalve|maar niet|niet|sauf|excepto|salvo|menos|tranne"
    r"|unntatt|untatt|bortsett fra|men ikke|ikke|utom|undtagen|es sei denn|ausgenommen|tenzij|a não ser que|a menos que|a meno che"
    r"|sauf si|salvo que|excepto si|exceto se|tranne se)"
    r"(?:\s*,?\s*(?:it(?:'s|’s| is)|es ist|ist|het is|c'est|es|é|seja|sea|sia|è|non sia))?"
    r"(?:\s+(?:on|at|in|during|a|am|an|den|in het|het|op|le|les|los|las|aos|al|il|the|nel|nei|nella|nelle|el|en|no|nos|na|nas|au|aux|durante|i|på|om))*\s+$",
    re.IGNORECASE,
)
_WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


_DAY_ABBREVIATIONS = {
    "mon": "mon|mo|ma|segunda", "tue": "tues?|di|terça", "wed": "wed|mi|wo|quarta", "thu": "thu(?:rs?)?|do|quinta",
    "fri": "fri|fr|vr|sexta", "sat": "sat|sa|za", "sun": "sun|so|zo",
}
"""The short names a range of days uses ("Mon-Fri", "Mo bis Fr", "ma t/m vr", "segunda a sexta")."""
_ANY_DAY = "|".join(f"(?P<{{side}}_{day}>(?:{names})s?|{_DAY_ABBREVIATIONS[day]})" for day, names in _DAY_WORDS.items())
_DAY_RANGE = re.compile(
    rf"\b(?:{_ANY_DAY.format(side='a')})\.?\s*(?:to|through|thru|until|till|-|–|bis|t/m|tot en met|tot|au|à|a|al|fino a)\s*"
    rf"(?:{_ANY_DAY.format(side='b')})\b\.?",
    re.IGNORECASE,
)
"""A range of days ("Monday to Friday", "Mon-Fri", "maandag t/m vrijdag", "Montag bis Freitag")."""


def _day_range(m: re.Match[str]) -> list[str]:
    """The days from the first of a `_DAY_RANGE` to the second, around the week's end if need be."""
    first = next(day for day in _WEEK if m.group(f"a_{day}"))
    last = next(day for day in _WEEK if m.group(f"b_{day}"))
    i, j = _WEEK.index(first), _WEEK.index(last)
    days = [_WEEK[(i + k) % 7] for k in range((j - i) % 7 + 1)]
    return ["weekdays"] if days == list(_WEEK[:5]) else ["weekends"] if days == ["sat", "sun"] else days


def _days_said(request: str) -> tuple[str, ...]:
    """The days the request names, a range of them as each day of it, and for days it excludes
    ("except on weekends", "außer am Wochenende", "tranne il sabato e la domenica") the others."""
    days: list[str] = []
    for m in _DAY_RANGE.finditer(request):
        days += _day_range(m)
    request = _DAY_RANGE.sub(" ", request)
    found = sorted(
        (m.start(), m.end(), day) for day, pattern in _DAYS if (m := pattern.search(request)) is not None
    )
    excluded: list[str] = []
    previous_excluded_end = None
    for start, end, day in found:
        listed = previous_excluded_end is not None and _DAYS_LISTED.fullmatch(request[previous_excluded_end:start])
        if listed or _EXCEPT_DAYS.search(request, max(0, start - 24), start):
            excluded += expand_days([day]) or []
            previous_excluded_end = end
        else:
            days.append(day)
            previous_excluded_end = None
    if excluded:
        # "weekdays except Friday" is the weekdays but Friday; "except weekends", every other day.
        days = [d for d in (expand_days(days) or [] if days else _WEEK) if d not in excluded]
        if set(days) == {"mon", "tue", "wed", "thu", "fri"}:
            days = ["weekdays"]
        elif set(days) == {"sat", "sun"}:
            days = ["weekends"]
    return tuple(dict.fromkeys(days))


_DAYS_LISTED = re.compile(
    r"\s*(?:,|and|or|und|oder|en|of|et|ou|e|y|o|og|eller|och)?\s*(?:on|am|an|den|op|le|les|los|las|il|la|lo|el|the|i|på)?\s*",
    re.IGNORECASE,
)
"""What joins days listed one after another ("Saturday and Sunday", "il sabato e la domenica")."""


_FIRST_OF_TWO = re.compile(rf",|\b(?:{AND})\b", re.IGNORECASE)


def _against_the_way(watch: str, commands: list[str] | tuple[str, ...]) -> bool:
    """Whether the first command switches the other way than the first thing waited for goes:
    "turn off … when I get home" (coming home, switched off), "close the blinds when the sun is up"."""
    first_watched = _FIRST_OF_TWO.split(watch)[0]
    watched = household_way(first_watched) or polarity(tokens(first_watched))
    acted = polarity(tokens(commands[0])) if commands else 0
    return watched * acted < 0


def request_values(request: str) -> RequestValues:
    quoted = quoted_text(request)
    # The quoted words are a text to send or an option to pick: none of them is a clause, time or value.
    request = spelled_out(unquoted(request))
    clauses = split_clauses(request)
    commands = split_commands(clauses.act)
    clocks = _clocks_in(request)
    taken = [m.span() for m in _CLOCK.finditer(request)]
    if not clocks and (hour := _hour_of_the_day(request)):
        clocks.append(hour[0])
        taken.append(hour[1])
    # "… and off at 23:00": the switching back at a time of its own, its times and (below) days and way.
    switching_back = [m.group(0) for m in _SWITCHED_BACK_AT.finditer(request)]
    later_times = [t for said in switching_back for t in _times_in(said)]
    back = _BACK_TO.search(request)
    if not later_times:
        later_times = _switched_until(request, clauses)
    sun_shifts, shifted = _sun_shifts(request)
    durations: list[str] = []
    held: list[str] = []
    for m in _DURATION.finditer(request):
        if any(s <= m.start() < e for s, e in taken + shifted):
            continue
        if int(m.group(1)) > 0:
            durations.append(_duration(m))
            if (
                _HELD.search(request, 0, m.start())
                or _HELD_BEFORE.match(request, m.end())
                or (_HELD_STATE.match(request, m.end()) and m.group(0) in clauses.watch)
                or (_STATE_HELD.search(request, 0, m.start()) and m.group(0) in clauses.watch)
                or (m.group(0) in clauses.watch and _ENDS_WITH_BEING.search(clauses.watch))
            ):
                held.append(durations[-1])
            taken.append(m.span())
    # "… and dim it to 30% after 20 minutes": the later step's values are its own (`later_step`).
    later = later_step(clauses.act)
    at = request.lower().find(later.lower()) if later else -1
    valued = blanked(request, [(at, at + len(later))]) if at >= 0 else request
    numbers: list[str] = []
    set_to: list[str] = []
    threshold_units: list[tuple[str, str]] = []
    above_switches = 0
    above: list[str] = []
    below: list[str] = []
    inclusive: list[str] = []
    for m in _NUMBER.finditer(valued):
        if any(s <= m.start() < e for s, e in taken):
            continue
        numbers.append(_literal(m.group()))
        side = _threshold_side(request, m.start())
        if side is None and _set_to_before(request, m.start()) and not _RISES_TO.match(request, m.end()):
            set_to.append(numbers[-1])
        if side and (quantity := quantity_after(request, m.end())):
            threshold_units.append((numbers[-1], quantity))
        if side and _inclusive_before(request, m.start()):
            inclusive.append(numbers[-1])
        if side == ">":
            above.append(numbers[-1])
            if len(above) == 1:
                clause = _CLAUSE_BREAK.split(request[: m.start()])[-1]
                above_switches = polarity(tokens(clause))
        elif side == "<":
            below.append(numbers[-1])
    if above and below and not above_switches:
        # "Turn on the fan above 75% until it drops below 60%": the command says the way above;
        # "When it goes above 70%, turn on the fan, and turn it off when …": its first command
        # says the way of the threshold said first.
        above_switches = polarity(tokens(clauses.act))
        if not above_switches and commands:
            first_way = polarity(tokens(commands[0]))
            above_first = request.find(above[0]) <= request.find(below[0])
            above_switches = first_way if above_first else -first_way
    elif bool(above) != bool(below) and (way := polarity(tokens(clauses.act))) and _UNTIL_CROSSED.search(request):
        # "Turn on the fan until the humidity drops below 60%": on above 60, off below it.
        above_switches = way if below else -way
        above, below = above or below, below or above
    number_ranges = _number_ranges(request)
    ranged = [m.span() for m in number_ranges]  # "between 40 and 60%" sets no level
    levels = [
        (LEVEL_UNITS[m.group(2).lower()], _literal(m.group(1)))
        for m in LEVEL.finditer(valued)
        if _threshold_side(request, m.start()) is None and not any(s <= m.start() < e for s, e in taken + ranged)
    ]
    if not any(unit == "%" for unit, _ in levels) and _HALFWAY.search(valued):
        levels.append(("%", "50"))
    if not any(unit == "%" for unit, _ in levels) and _FULL_LEVEL.search(valued):
        levels.append(("%", "100"))

    fade = None
    if (faded := _FADE.search(request)) is not None:
        fade = str(int(faded.group(1) or faded.group(2) or faded.group(3)))
        durations = [d for d in durations if d != f"{fade} s"]
        held = [d for d in held if d != f"{fade} s"]
    unshifted = blanked(request, shifted)  # "an hour after sunset" is a time, not "after sunset"
    daylight = daylight_said(unshifted)
    mentioned = _clock_mentions(request, later_times)
    window = time_window(request, mentioned)
    if window is None and not clocks and not sun_shifts and clauses.act:
        # "When there's motion in the kitchen in the morning": those hours, not a time it starts.
        window = part_of_the_day(clauses.watch, request)
    # "… at 22:00 and open them again at 7:00 on weekdays": the days said with switching back are its own.
    later_days = _days_said(" ".join(switching_back)) if switching_back else ()
    days = _days_said(without_switching_back(request)) if later_days else _days_said(request)
    # Days limit a time the request starts at ("at 12:00 on workdays"); with none, they limit
    # whatever else starts it ("when the door opens on weekdays").
    starts_at = set(clocks) - set(later_times) - set(window.times() if window else ()) or sun_shifts or SUN_EVENT_SAID.search(request)
    day_spans = [] if starts_at else [m.span() for _, pattern in _DAYS for m in pattern.finditer(request)]
    calendar = calendar_condition(window, () if starts_at else days)
    calendar_spans = [*(window.spans if window else ()), *day_spans]
    calendar_phrases = tuple(request[s:e] for s, e in calendar_spans)
    unlimited = blanked(request, calendar_spans)  # what the request says besides its hours and days
    window_only = (calendar is not None or window is not None) and _says_more(split_clauses(unlimited).watch)
    part_of_day = _part_of_day(clauses, bool(clocks or sun_shifts or daylight or SUN_SAID.search(request)))
    undo_after = None
    if clauses.undo == "later" and (delay := _DURATION.search(clauses.delay)) and int(delay.group(1)) > 0:
        # The time to wait before switching back is no time a state holds or a period.
        undo_after = _duration(delay)
        durations = [d for d in durations if d != undo_after]
        held = [d for d in held if d != undo_after]
    wait_first = None
    if clauses.watch and (waited := _DURATION.search(waits_first(request, clauses.act))) and int(waited.group(1)) > 0:
        # The time to wait before acting is no time a state holds.
        wait_first = _duration(waited)
        durations = [d for d in durations if d != wait_first]
        held = [d for d in held if d != wait_first]
    last_held = None
    if (said_held := held_last(clauses.act)) and (m := _DURATION.search(said_held[1])) and int(m.group(1)) > 0:
        last_held = (said_held[0], _duration(m))
    waits = [_duration(m) if (m := _DURATION.search(said)) and int(m.group(1)) > 0 else "" for said in waits_between(clauses.act)]
    # The time a later command waits, or holds what it switches, is no time a state holds.
    waited = [*waits, *([last_held[1]] if last_held else [])]
    durations = [d for d in durations if d not in waited]
    held = [d for d in held if d not in waited]
    event, checked = watch_parts(clauses.watch)
    named_time_acted = not clocks and bool(_AT_NAMED_TIME.search(clauses.act))  # "At wake-up time, …"
    return RequestValues(
        watch_words=tuple(tokens(_AT_HOME.sub("zuhause", clauses.watch))),
        threshold_units=tuple(threshold_units),
        event_words=tuple(tokens(_AT_HOME.sub("zuhause", event))) if checked else (),
        checked_words=tuple(tokens(_AT_HOME.sub("zuhause", checked))),
        act_words=tuple(tokens(clauses.act or request)),
        goes_off=bool(_GOES_OFF.search(clauses.watch)),
        watch_places=tuple(sorted(places_in(clauses.watch))),
        at_named_time=not clocks and not SUN_SAID.search(request) and bool(_AT_NAMED_TIME.search(request)),
        refers_back=clauses.refers_back,
        numbers=tuple(dict.fromkeys(numbers)),
        set_clocks=tuple(dict.fromkeys(_clock(m) for m in _CLOCK.finditer(request) if _set_to_before(request, m.start()))),
        set_to=tuple(n for n in dict.fromkeys(set_to) if n not in above and n not in below and not (back and n == _literal(back.group(1)))),
        degrees=tuple(dict.fromkeys([
            *(_literal(m.group(1)) for m in DEGREES.finditer(request)),
            *map(_literal, bare_set_degrees(
                clauses.act or request,
                "climate" in kinds_in_order(clauses.act or request) or sets_degrees(clauses.act or request),
            )),
        ])),
        clocks=tuple(dict.fromkeys(clocks)),
        durations=tuple(dict.fromkeys(durations)),
        held=tuple(dict.fromkeys(held)),
        sun=bool(SUN_SAID.search(request)),
        sun_events=tuple(event for event, pattern in SUN_EVENTS.items() if pattern.search(request)) or part_of_day,
        sun_shifts=tuple(dict.fromkeys(sun_shifts)),
        later_times=tuple(dict.fromkeys(later_times)),
        back_to=_literal(back.group(1)) if back else None,
        later_days=later_days,
        later_way=polarity(tokens(" ".join(switching_back))) if switching_back else 0,
        days=days,
        clock_first=bool(
            (
                set(clocks) - set(later_times) - set(window.times() if window and window_only else ())
                # "Close the blinds at sunset if nobody is home": the sun the command names starts it.
                or any(pattern.search(clauses.act) for pattern in SUN_EVENTS.values())
                # "If the garage door is still open 30 minutes after sunset": the time starts it, the state is checked.
                or _sun_and_a_state(clauses.watch)
                or part_of_day
                # "At wake-up time, if vacation mode is off, …": the time a node holds starts it.
                or (named_time_acted and not SUN_SAID.search(request))
            )
            and clauses.act
            and (_states_more_than_a_time(clauses.watch) or named_time_acted)
        ),
        window=calendar,
        window_only=window_only,
        said_besides_window=calendar is not None and _says_more(unlimited),
        window_phrases=calendar_phrases,
        window_times=window.times() if window else (),
        repeat=bool(_REPEAT.search(request)),
        follow=bool(
            any(not (checked and (m.group(1) or "").lower() in _WHILE) for m in _FOLLOW.finditer(request))
            or says_both_ways(request)
            or (_DEPENDS.search(request) and not polarity(tokens(request)))
            or clauses.undo == "when"
        ),
        switches_back=clauses.undo == "when",
        against_the_way=clauses.undo == "when" and _against_the_way(clauses.watch, commands),
        # "On at 6:30 and off at 7:30" says its way: the way back at a time is `switch_back`'s.
        says_a_way=_says_a_way(_SWITCHED_BACK_AT.sub(" ", request), clauses) or switches_over(request),
        said_words=tuple(dict.fromkeys(w for w in tokens(request) if w not in STOPWORDS)),
        household_way=household_way(clauses.watch or request) * (-1 if opens_with_denial(tokens(clauses.watch)) else 1),
        # "Unless the alarm is on away" denies all it says; "if it is not raining", the word after "not".
        negated=_denied_words(clauses.watch),
        above=tuple(above),
        below=tuple(below),
        inclusive=tuple(inclusive),
        above_switches=above_switches,
        daylight=daylight[0] if daylight else None,
        daylight_only=daylight is not None and _waits_on_more(request, daylight[1], clocks),
        levels=tuple(dict.fromkeys(levels)),
        message=quoted or notice(request, _left_out(clauses.watch, calendar_phrases if window_only else ()), commands if clauses.act else None),
        quoted=quoted,
        chosen=_chosen(clauses.act or request),
        undo_after=undo_after,
        waits_between=tuple(waits) if any(waits) else (),
        later_step=later,
        held_last=last_held,
        wait_first=wait_first,
        fade=fade,
        on_first=_on_first(commands),
        # "… puis éteins-la 20 minutes plus tard" switches back (`undo_after`): no verb to call next.
        then_verbs=tuple(
            c for c in commands[1:]
            if _verbs_alone(c) and not (clauses.undo and polarity(tokens(c)) * polarity(tokens(commands[0])) < 0)
        ),
        colour=None if WHITE.search(clauses.act or request) else colour_said(clauses.act or request),
        kelvin=WHITE_KELVIN[next(g for g in white.groups() if g).lower()] if (white := WHITE.search(clauses.act or request)) else None,
        clocks_joined=() if window else _joined_clocks(request, mentioned),
        ranges=tuple(dict.fromkeys((_literal(m.group(1)), _literal(m.group(2))) for m in number_ranges)),
        kilo=tuple(dict.fromkeys(_literal(m.group(1)) for m in _KILO.finditer(request))),
        acts_on_watched=bool(clauses.watch and clauses.act and sets_what_it_waits_on(clauses.act, clauses.watch)),
    )


_NO_THING = frozenset(tokens("music playback again then now too also"))


def _verbs_alone(command: str) -> bool:
    """Whether a command says what to do and names nothing to do it to ("start playing", "play")."""
    words = [w for w in tokens(command) if w not in STOPWORDS and w not in _NO_THING]
    return bool(words) and any(is_verb(w) for w in words) and all(map(is_verb_form, words))


def _on_first(commands: list[str]) -> bool:
    """`RequestValues.on_first`: the first command switches on, a later one refers back to it, or
    it switches on with a setting ("turn on the kids speaker with volume 20%")."""
    # "Stell den Lautsprecher auf 30 % Lautstärke": the "auf" of a level switches nothing on.
    if not commands or polarity(tokens(_LEVEL_PARTICLE.sub(" ", commands[0]))) <= 0:
        return False
    return any(map(refers_to_earlier, commands[1:])) or bool(_ON_WITH_SETTING.search(commands[0]))


_LEVEL_PARTICLE = re.compile(r"\b(?:auf|op)\s+(?=\d)", re.IGNORECASE)


_ON_WITH_SETTING = re.compile(
    r"\b(?:with|at|met|op|mit|auf|avec|à|com|con|en)\s+(?:(?:the|a|het|de|der|die|le|la|o|a|el|il)\s+)?"
    r"(?:volume|lautstärke|volumen|volym)\b|\d\s*%\s+(?:volume|lautstärke|volumen|volym)\b",
    re.IGNORECASE,
)


def condition_values(request: str) -> RequestValues:
    """The values of a condition asked for alone ("nobody is home"): no clause of it acts, so all
    its words say what must hold."""
    values = request_values(request)
    request = unquoted(request)
    return msgspec.structs.replace(
        values, watch_words=tuple(tokens(_AT_HOME.sub("zuhause", spelled_out(request)))), watch_places=tuple(sorted(places_in(request)))
    )


_QUOTED = re.compile(r'"([^"\n]{2,})"|“([^”\n]{2,})”|„([^“”\n]{2,})[“”]|(?<!\w)\'([^\'\n]{2,})\'(?!\w)')
_NOTIFIES = re.compile(
    r"\b(?:notif\w*|alert(?:s|ed)?|message (?:me|us)|send (?:me |us )?(?:a |an )?(?:push notification|push|notification|message|text|alert|warning|note)|"
    # "send me "…"": the quoted text is the message (blanked, it leaves a run of spaces).
    r"(?:send|text) (?:me|us)(?=\s*[\"“']|\s{3,})|text (?:me|us)\b|schick(?:e|t)? (?:mir|uns)(?=\s*[\"„“']|\s{3,})|"
    r"tell (?:me|us)|let (?:me|us) know|remind\w*|warn (?:me|us)|push notification|"
    r"envo(?:ie|yer|yez)\w*(?:[- ](?:moi|nous))?\s+(?:un |une )?(?:message|sms|texto)|"
    r"benachrichtig\w*|nachricht|erinner\w*|warne? mich|warnung|meldung|push|sag(?:e|t)? (?:mir|uns)|bescheid|"
    r"beskjed|varsl\w*|si ifra|meddela\w*|"
    r"laat (?:me|ons|het me|het ons) weten|"
    r"melding|notificatie|bericht|herinner\w*|waarschuw\w*|stuur (?:me|ons)|"
    r"alerta\w*|alerte\w*|avis[ae]r?|avise|av[ií]same|avvis\w*|avert\w*|prév(?:i?en)\w*|mensag\w*|mensaj\w*|messaggi\w*|lembr\w*|rappel\w*|"
    r"recordar\w*|ricord\w*)\b",
    re.I,
)
_DICTATED = re.compile(
    r"\b(?:saying|that says|which says|with the (?:text|message)|with text|telling (?:me|us)(?: that)?|"
    r"mit dem text|mit der nachricht|die sagt|met de tekst|met het bericht|die zegt|disant|avec le texte|"
    r"dizendo|diciendo|dicendo)\s*:?\s+(.+)",
    re.I,
)
"""The words a notification is to say, dictated after "saying" ("… a message saying dinner is ready")."""
_REMINDS_OF = re.compile(
    r"\b(?:remind (?:me|us)|erinnere? (?:mich|uns)|herinner (?:me|ons))\b(?:[^,.;]*?)\s+(?:to|about|of|an|daran,?|aan)\s+(.+)", re.I
)


_ASKED_TO = re.compile(
    r"\b(?:(?:send|text|message)\s+(?:me|us)(?:\s+(?:a|an))?(?:\s+(?:push|quick|short))?(?:\s+(?:message|notification|text|alert|note|push))?|"
    r"(?:notify|tell|text|warn|ping|alert)\s+(?:me|us))\s+to\s+(?!(?:the|my|our|your|his|her|a|an|all|every\w*|me|us|phone)\b)([a-z]\w*\b(?!'s).*)"
)
"""What a notification asks the user to do ("send me a message to | bring in the laundry", "tell me
to close the window"); "to" a recipient ("… a message to my phone", "to Anna") is no such text."""


def reminded(request: str) -> tuple[int, int] | None:
    """Where the request says what to remind of ("Remind me to | close the kitchen window | when it
    is cold") or what a notification says ("… a message saying | someone is at the door"): the
    text, which names nothing the workflow acts on."""
    if m := _REMINDS_OF.search(request) or _ASKED_TO.search(request) or (_DICTATED.search(request) if _NOTIFIES.search(request) else None):
        start = m.start(1)
    elif (that := TOLD_THAT.search(request)) and (watch := split_clauses(request).watch) and watch not in request[that.end() :]:
        start = that.end()  # "when the freezer draws less than 5 W, notify me that | the freezer is off"
    else:
        return None
    end = start + clause_ends_at(request[start:])
    return (start, end) if request[start:end].strip() else None


_TRAILING = re.compile(rf"(?:\s+(?:and|und|en|et|e|y|then|dann|daarna|puis|{TOLD_WORDS})\b)+\s*$", re.I)
"""What is left at the end of a command once the notifying words are out ("close the garage door
and | tell me")."""
_OBJECT = re.compile(rf"^\s*(?:{TOLD_WORDS})\b", re.I)


def _when_said(text: str) -> str:
    """`text` without the times and days it says ("take out the bins at 19:00 on fridays" → "take
    out the bins"): the workflow's trigger says them."""
    for pattern in (_CLOCK, _NAMED_CLOCK, *(days for _, days in _DAYS)):
        text = re.sub(
            rf"(?:\b(?:at|on|um|am|om|op|every|jeden|elke|à|às|as|a las|alle|le|chaque|cada|ogni)\s+)?(?:{pattern.pattern})",
            "", text, flags=re.I,
        )
    return re.sub(r"\b(?:at|on|um|am|om|op|à|às|as|alle)\s*(?=[,.;]|$)", "", text.strip())


def unquoted(request: str) -> str:
    """The request with its quoted words, quotes and all, turned to spaces (offsets kept)."""
    return blanked(request, [m.span() for m in _QUOTED.finditer(request)])


_CHOSEN = re.compile(r"\b(?:to|auf|op|naar|sur|para|su|into)\s+(?:the\s+|de\s+|den\s+|die\s+|le\s+|la\s+|o\s+|a\s+)?([^\W\d_][\w-]*)", re.IGNORECASE)


def _chosen(act: str) -> str | None:
    """`RequestValues.chosen`: the first word after "to" that is no stopword, nor a unit ("to 21")."""
    for m in _CHOSEN.finditer(act):
        if m.group(1).lower() not in STOPWORDS:
            return string(m.group(1))
    return None


def quoted_text(request: str) -> str | None:
    """The first words the request quotes, as a wfl string, or None."""
    if quoted := _QUOTED.search(request):
        return string(next(g for g in quoted.groups() if g).strip())
    return None


_SUBJECT = re.compile(r"^((?:the|my|our)\s+(?:[\w'-]+\s+){0,3}?[\w'-]+)\s+(?:is|are|has|have|was|were|stays|remains|gets)\b", re.IGNORECASE)
"""The thing a waiting clause is about, named before its verb ("the garage door is open")."""
_IT = re.compile(r"\b(?:it|them)\b", re.IGNORECASE)


def notice(request: str, watch: str, commands: Sequence[str] | None = None) -> str | None:
    """The text a notification sends (`RequestValues.message`) when the request quotes nothing
    (`quoted_text` comes first), or None when it asks for no notification. Written from the
    request's own words, never invented: the user edits it in the workflow. `commands` are those
    of the acting clause, None when the request has none (then the whole request's)."""
    if not _NOTIFIES.search(request):
        return None
    if span := reminded(request):
        text = _when_said(request[span[0] : span[1]])
        if (thing := _SUBJECT.match(watch.strip())) and _IT.search(text):
            # "If the garage door is open at 22:00, remind me to close it": close the garage door.
            text = _IT.sub(thing.group(1), text, count=1)
    elif watch:
        text = watch
    else:
        # Waiting on nothing, it says what the other commands do ("Flurlicht aus und mir Bescheid
        # geben": "Flurlicht aus").
        done = [c for c in (split_commands(request) if commands is None else commands) if not _NOTIFIES.search(c)]
        text = _when_said(" and ".join(done) if done else _NOTIFIES.sub("", request))
    text = _TRAILING.sub("", re.sub(r"\s+", " ", _OBJECT.sub("", text)).strip(" ,.;:!?")).strip(" ,.;:!?")
    if not text:
        return string(request.strip(" .!?"))
    return string(text[:1].upper() + text[1:]) if text else None


def _states_more_than_a_time(watch: str) -> bool:
    """Whether a waiting clause says a state besides any clock time ("if the soil moisture is below
    30% at 6:00" does; "when it is 7:00" does not)."""
    rest = _NAMED_CLOCK.sub(" ", _CLOCK.sub(" ", watch))
    return any(w not in _TIME_FILLER and not w.isdigit() for w in tokens(rest))


def _sun_and_a_state(watch: str) -> bool:
    """Whether a waiting clause names a sun event (or a time before or after one) and a state
    besides it in one part ("the garage door is still open 30 minutes after sunset"; not
    "sunset, unless vacation mode is on")."""
    event = watch_parts(watch)[0]
    spans = [m.span() for pattern in (_SUN_SHIFT, _AT_SUN) for m in pattern.finditer(event)]
    return bool(spans) and _states_more_than_a_time(blanked(event, spans))


_AT_SUN = re.compile(
    rf"\b(?:at|bei|um|om|bij|à|au|ao|no|al|a|alle|all')\s+(?:(?:the|le|la|o|el|il|de)\s+)?(?:sunrise|sunset|{SUN_EVENTS['sunrise'].pattern}|{SUN_EVENTS['sunset'].pattern})",
    re.I,
)
"""A sun event said as the time something is checked at ("… is open at sunset"); not "after sunset", a limit."""


_TIME_FILLER = frozenset(tokens("it its is was at the o'clock time exactly es ist um genau uhr het is om precies uur"))


def _sun_shifts(request: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The times before or after sunrise or sunset the request states, as a trigger writes them
    (`sunset + 1 h`, `sunrise - 30 min`), and where it states them."""
    shifts: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _SUN_SHIFT.finditer(request):
        duration = _DURATION.match(m.group(1))
        if duration is None or int(duration.group(1)) == 0:
            continue
        event = "sunrise" if SUN_EVENTS["sunrise"].search(m.group(5)) else "sunset"
        sign = "-" if m.group(4).lower().startswith(("before", "prior", "ahead", "vor", "voor", "avant", "antes", "prima")) else "+"
        shifts.append(f"{event} {sign} {_duration(duration)}")
        spans.append(m.span())
    return shifts, spans


def _waits_on_more(request: str, daylight: re.Match[str], clocks: list[str]) -> bool:
    """Whether the request, its night-or-day limit left out, still says when: a clock time, or a
    waiting clause that names more than the sun."""
    if clocks:
        return True
    rest = request[: daylight.start()] + " " + request[daylight.end() :]
    watched = [w for w in tokens(split_clauses(rest).watch) if w not in STOPWORDS and not SUN_SAID.search(w)]
    return bool(watched)


_UNTIL_TIME = re.compile(
    r"\b(?:to|until|till|bis|tot|jusqu'?à|jusqu'?a|até|ate|hasta|fino alle|fino a)\s+"
    r"(?!\d+(?:[.,]\d+)?\s*(?:%|percent|prozent|procent|k\b|kelvin|grad|degrees?|graden|°))"  # a level ("dim it to 30%")
    r"(?=(?:\d|sunrise|sunset|sonnenaufgang|sonnenuntergang|zonsopkomst|zonsondergang|midnight|mitternacht|middernacht|minuit))",
    re.I,
)


def _says_a_way(request: str, clauses: Clauses) -> bool:
    """Whether the request says which way to switch: as a whole, or in any one of its commands
    ("turn on the garden lights and close the blinds" says two ways, which do not cancel out)."""
    return bool(polarity(tokens(request))) or any(polarity(tokens(command)) for command in split_commands(clauses.act))


_UNTIL_CROSSED = re.compile(
    r"\b(?:until|till|bis|totdat|tot|jusqu'?à ce qu\w*|até que|ate que|hasta que|finché|fino a quando)\b"
    r"[^,.;]*?\b(?:drops?|falls?|rises?|goes|gets?|is|sinkt|fällt|steigt|ist|daalt|stijgt)\b",
    re.I,
)
"""A command that holds until a threshold is crossed ("until the humidity drops below 60%",
"bis die Temperatur über 21 Grad steigt"): it switches one way on one side, back on the other."""


def _switched_until(request: str, clauses: Clauses) -> list[str]:
    """The time a command that says its way switches back at, said with "until" ("turn on the
    garden lights from sunset to 23:00", "Licht an bis 22 Uhr"): that is when it switches back,
    not the hours it is limited to. Only for a request that waits on nothing else: "when motion
    is detected from 22:00 to 6:00" limits when motion counts."""
    # "Until" opens a clause the request waits on ("until it drops below 60%"); one that is only a time is this.
    waits = clauses.watch and _says_more(SUN_EVENT_SAID.sub(" ", clauses.watch))
    if waits or not polarity(tokens(clauses.act)) or not (until := _UNTIL_TIME.search(request)):
        return []
    return _times_in(request[until.end() : until.end() + 24])[:1]


_CLOCKS_JOINED = re.compile(
    rf"^\s*(?:uhr|uur|h)?\s*(?:{AND}|&|,)\s*(?:also\s+|again\s+|nochmal\s+)?"
    r"(?:at|um|om|à|às|as|a las|alle|kl\.?|klokka|klockan)?\s*$",
    re.IGNORECASE,
)


_KILO = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(?:kw|kwh|kilowatts?|kilowatt-hours?)\b", re.IGNORECASE)
_NUMBER_RANGE = re.compile(
    rf"{RANGE_OPENER}(-?\d+(?:[.,]\d+)?)\s*(?:%|°\s*c?)?\s+(?:{AND})\s+"
    r"(?:(?:the|le|les|los|las|os|as|i|die|de)\s+)?(-?\d+(?:[.,]\d+)?)",
    re.IGNORECASE,
)


def _number_ranges(request: str) -> list[re.Match[str]]:
    """Values said to lie between two numbers with a unit ("between 6 and 8 degrees", "zwischen 40
    und 60 %", `units.quantity_after`); two hours alone are a time window (`time_window`)."""
    return [m for m in _NUMBER_RANGE.finditer(request) if quantity_after(request, m.end())]


def _joined_clocks(request: str, mentioned: list[ClockMention]) -> tuple[str, ...]:
    """The start times said one after another, joined by "and" ("at 7:00 and at 18:00"): each a
    time the workflow starts at, not a window (`time_window`) nor a time to switch back."""
    run = mentioned[:1]
    for clock in mentioned[1:]:
        if not _CLOCKS_JOINED.match(request[run[-1].end : clock.start]) or clock.time in (c.time for c in run):
            break
        run.append(clock)
    return tuple(c.time for c in run) if len(run) > 1 else ()


def _clock_mentions(request: str, later_times: list[str]) -> list[ClockMention]:
    """The clock times the request states, in order, but for those it switches back at."""
    found = [ClockMention(m.start(), m.end(), _clock(m)) for m in _CLOCK.finditer(request)]
    found += [ClockMention(m.start(), m.end(), NAMED_CLOCKS[m.group(0).lower()]) for m in _NAMED_CLOCK.finditer(request)]
    return sorted((c for c in found if c.time not in later_times), key=lambda c: c.start)


def _left_out(text: str, phrases: Sequence[str]) -> str:
    """`text` without `phrases` ("the door opens before 7 am" → "the door opens"): a notification
    says what happened; the hours it may happen in are the workflow's condition."""
    if not phrases:
        return text
    text = re.sub(r"\s+", " ", _without_phrases(text, phrases)).strip(" ,")
    return re.sub(r"\s*\b(?:at|on|um|am|an|om|op|à|às|as|alle|le|les|en|el|los|il|nei)\s*$", "", text, flags=re.I)


def without_switching_back(request: str) -> str:
    """`request` with its switching back at a time of its own blanked, offsets kept ("disable the
    doorbell at 20:00 | and enable it again at 07:00"): the first workflow's calls are the first
    command's; `switch_back` writes the second."""
    return _SWITCHED_BACK_AT.sub(lambda m: " " * len(m.group(0)), request)


def without_window(request: str, values: RequestValues) -> str:
    """`request` with the words of its hours and days blanked, offsets kept: what else it says."""
    return _without_phrases(request, values.window_phrases)


def _without_phrases(text: str, phrases: Sequence[str]) -> str:
    """`text` with each of `phrases` turned to spaces, offsets kept."""
    for phrase in phrases:
        text = text.replace(phrase, " " * len(phrase))
    return text


def _part_of_day(clauses: Clauses, timed: bool) -> tuple[str, ...]:
    """The sun event for the part of the day the command starts in, when the request states no
    other time: in the waiting clause ("when motion is detected in the evening") it limits when
    something else starts the workflow."""
    if timed:
        return ()
    return tuple(event for event, pattern in PART_OF_DAY.items() if pattern.search(clauses.act))


def _says_more(text: str) -> bool:
    """Whether `text` says anything besides clock times and filler words."""
    rest = _NAMED_CLOCK.sub(" ", _CLOCK.sub(" ", text))
    return any(w not in STOPWORDS and w not in _TIME_FILLER and not w.isdigit() for w in tokens(rest))


def _clock(m: re.Match[str]) -> str:
    """A `_CLOCK` match as `HH:MM` ("7 pm" is `19:00`, "20 Uhr" `20:00`)."""
    if m.group(1):
        return f"{int(m.group(1)):02d}:{m.group(2)}"
    if m.group(5) or m.group(6):
        return f"{int(m.group(5) or m.group(6)):02d}:00"  # "um 20 Uhr", "om 8 uur", "at 7 o'clock", "à 22h"
    if m.group(7):  # "a las 8", "a las 8 de la tarde"
        afternoon = (m.group(8) or "").lower() in ("tarde", "noche")
        hour = int(m.group(7))
        return f"{hour % 12 + 12 if afternoon and hour <= 12 else hour:02d}:00"
    return f"{int(m.group(3)) % 12 + (12 if m.group(4).lower() == 'pm' else 0):02d}:00"


def _clocks_in(text: str) -> list[str]:
    """The clock times `text` states, in digits or by name ("midnight"), as `HH:MM`."""
    return [_clock(m) for m in _CLOCK.finditer(text)] + [NAMED_CLOCKS[m.group(0).lower()] for m in _NAMED_CLOCK.finditer(text)]


def _times_in(text: str) -> list[str]:
    """The clock times and sun events `text` names, written as triggers write them ("alle 23", an
    hour alone, when no clock time is written)."""
    clocks = _clocks_in(text) or ([hour[0]] if (hour := _hour_of_the_day(text)) else [])
    return clocks + [event for event, pattern in SUN_EVENTS.items() if pattern.search(text)]


_SET_TO = re.compile(r"\b(?:set|to|auf|op|naar|sur|para|till|til)\s+(?:the\s+)?$", re.IGNORECASE)
""""… to 20 degrees", "auf 21 Grad": the words just before a number a command sets something to."""
_RISES_TO = re.compile(
    r"\s*(?:%|°\s*c?|degrees?|grad|graden|graus|grados|gradi|degrés)?\s*(?:an)?(?:steigt|fällt|sinkt|stijgt|daalt|zakt)\b", re.IGNORECASE
)
""""auf 25 Grad steigt": the number after "auf" is what is crossed, not set."""


def _set_to_before(request: str, start: int) -> bool:
    """Whether the words just before `start` say a command sets something to what follows."""
    return bool(_SET_TO.search(request, max(0, start - 12), start))


def _thresholds(values: RequestValues) -> list[str]:
    """The numbers a trigger or condition may compare with: all but those a command sets."""
    return [n for n in values.numbers if n not in values.set_to]


def _crossings(value: str, values: RequestValues) -> tuple[str, str]:
    """The two ways a number can be compared with: inclusive when the request takes it in."""
    return (">=", "<=") if value in values.inclusive else (">", "<")


def _threshold_side(request: str, start: int) -> str | None:
    """">" or "<" when the words just before `start` say a threshold is crossed that way
    ("above 70", "unter 18"), else None."""
    before = request[max(0, start - 24) : start]
    return ">" if _ABOVE.search(before) else "<" if _BELOW.search(before) else None


_INCLUSIVE = re.compile(
    r"(?:\b(?:at (?:least|most)|no (?:less|more|fewer) than|not (?:less|more) than|not (?:below|above)|nicht (?:weniger|mehr) als|"
    r"niet (?:minder|meer) dan|pas (?:moins|plus) de|mindestens|höchstens|minstens|hoogstens|ten minste|au (?:moins|plus|minimum|maximum)|"
    r"pelo menos|no (?:mínimo|máximo)|al menos|como (?:mínimo|máximo)|almeno|al massimo|minst|høyst|högst|"
    r"reach(?:es|ed)?|hits?|gets? to|(?:rises?|climbs?|goes up|drops?|falls?|sinks?|goes down) to|erreicht|bereikt|atteint|atinge|"
    r"alcanza|raggiunge|fällt auf|sinkt auf|zakt naar|daalt (?:tot|naar))"
    r"(?:\s+(?:the|de|het|die|den|i|il|la|le|gli|los|las|el|os|as|o|a))?|>=|<=|≥|≤)\s*$",
    re.IGNORECASE,
)
"""Threshold words that take the number itself in ("at least 24 degrees" is `>= 24`; "reaches
70%" is there at 70)."""


def _inclusive_before(request: str, start: int) -> bool:
    return bool(_INCLUSIVE.search(request[max(0, start - 24) : start]))


def _literal(text: str) -> str:
    """A number as the request writes it ("26,5") as wfl writes it ("26.5")."""
    return number(float(text.replace(",", ".")))


def _duration(m: re.Match[str]) -> str:
    """A `_DURATION` match as the language writes it ("10 min", "2 h", "30 s")."""
    unit = m.group(2).lower()
    word = "s" if unit.startswith(("s", "sec")) and not unit.startswith("st") else "h" if unit.startswith(("h", "st", "or", "uu", "ti")) else "min"
    return f"{int(m.group(1))} {word}"


# Priors, in logit units: how much retrieval's ranking and the request's literal values count
# against the model's own preference at each choice.
NODE_SCORE_SCALE = 10.0
"""Retrieval points per logit: a node 20 points behind the best starts 2 logits behind."""
ACTION_RANK_PENALTY = 0.8
VERB_WEIGHT = 2.0
"""An action the request's verbs name outright starts 2 logits ahead of one they do not."""
ACTOR_AS_TRIGGER_PENALTY = 1.0
TARGET_AS_TRIGGER_PENALTY = 3.0
"""The best matched node that can act is what the request acts on: "turn on the hallway light when
..." almost never means "when the hallway light turns on". Such a trigger is offered only for a
held time ("… for 10 minutes"; this penalty) or when the request refers back to its target."""
CONDITION_PENALTY = 1.0
TIME_REACHED_BONUS = 2.0
"""Prior for reaching a node's time of day (`at alarm_clock.time`) over its other triggers."""
LATER_STATE_PENALTY = 3.0
"""Prior off a trigger on a node the waiting clause names only for the state that must hold when
its event happens (`Shortlisted.watched_later`)."""
EXTRA_CALL_PENALTY = 1.0
ALSO_NAMED_BONUS = 1.5
"""A node the request names apart from the best one ("the TV and the Xbox") is expected in a second
call, and ending after one call is then less likely."""
GROUP_BONUS = 2.0
"""The calls on a set the request names as a whole start ahead of a call on any one member."""
FOLLOW_BONUS = 2.0
"""A request that keeps one state in step with another starts its `if … do … else …` ahead."""
FOLLOW_CHOICES = 4
"""Following bodies pair at most this many nodes that act with one more than this many leaders."""
SWITCHED_ON_FIRST = frozenset({"select_source"})
"""Actions written after switching the device on: choosing the input of a speaker that is off
("switch the music to the speakers") starts with turning it on."""
SWITCHED_BACK_BY = {
    "turn_on": "turn_off", "turn_off": "turn_on", "open_cover": "close_cover", "close_cover": "open_cover",
    "lock": "unlock", "unlock": "lock", "media_play": "media_pause", "media_pause": "media_play",
    "open_valve": "close_valve", "close_valve": "open_valve", "start_charging": "stop_charging",
    "stop_charging": "start_charging",
}
"""The action that undoes each action a request may undo after a while."""
UNDO_BONUS = 1.5
"""A request that says it switches back ("…, then turn it off after 2 minutes") starts the call
with its way back this far ahead of the call alone."""
STATED_UNIT_BONUS = 2.0
"""A call that sets a temperature to the request's "21 degrees", or sets what it is for to the
level stated ("to 50%" for a cover's position), starts this far ahead: the unit says what is set
more surely than the place's best named node ("set the living room to 21 degrees" is its
thermostat, not its light) or the verb ("lower the blinds to 50%" is no plain close)."""
MORE_STATED_BONUS = 0.5
"""For each further stated value a call sets: "21 degrees in heat mode" is one call with both."""
STATED_TIME_BONUS = 2.0
STATED_VALUE_BONUS = 1.0
"""A trigger or condition on the value the request's waiting clause says ("when the door closes"
waits for `false`, "when the vacuum is docked" for `docked`) starts this far ahead of the others."""
REFERS_BACK_BONUS = 1.0
""""Turn off the heater if it has been on for an hour": the target itself is watched, ahead of
the best watched other node."""
SHIFT_BONUS = 1.0
""""An hour after sunset" starts at `sunset + 1 h`, ahead of `sunset` itself."""
UNSTATED_PENALTY = 3.0
UNSTATED_TRIGGER_LEAD = 1.0
"""With nothing to call, the empty workflow starts this far behind the best watched node's trigger
and ahead of a time or sun event the request does not state."""
DAYLIGHT_BONUS = 4.0
"""A request limited to night or day, or to some hours ("after 22:00"), that something else starts
("turn on the light when motion is detected after sunset") checks the sun or the clock before any
call."""
WINDOW_CONDITION_LEAD = 0.5
"""A condition asked for alone ("only after 22:00") is the clock, ahead of the best matched node."""
CLOCK_FIRST_BONUS = 2.5
""""At 10:00 when nobody is home": the time starts it, ahead of the state, and the state the
request states is checked before any call."""


def build_plan(
    shortlist: Shortlist, index: EnvIndex, values: RequestValues, target: Target = "workflow", clock: bool = True
) -> Plan:
    """The plan for one request. `workflow` continues right after `workflow NAME {` and ends with
    the closing brace; `condition` is one comparison and a newline. Without `clock` (a condition
    for `when`, which the clock cannot start) no condition reads the clock."""
    best = max((item.score for item in shortlist.nodes), default=0.0)
    node_prior = {item.node: max(-5.0, (item.score - best) / NODE_SCORE_SCALE) for item in shortlist.nodes}
    # Measured against the best node the event names: one named only for the state that must hold
    # then is no better a trigger for matching more words.
    leading = [item.watch_score for item in shortlist.nodes if not item.watched_later]
    best_watch = max(leading or [item.watch_score for item in shortlist.nodes], default=0.0)
    watch_prior = {
        item.node: min(0.0, max(-5.0, (item.watch_score - best_watch) / NODE_SCORE_SCALE)) for item in shortlist.nodes
    }
    later = {item.node for item in shortlist.nodes if item.watched_later}
    # What is checked when the event happens is ranked among the checked: the event's node is no
    # better a condition for matching the event's words.
    best_later = max((item.watch_score for item in shortlist.nodes if item.watched_later), default=0.0)
    later_prior = {
        item.node: min(0.0, max(-5.0, (item.watch_score - best_later) / NODE_SCORE_SCALE))
        for item in shortlist.nodes
        if item.watched_later
    }
    # A trigger waits for the event's value; what is checked then has the state's.
    event_values = _of_part(values, values.event_words) if values.checked_words else values
    checked_values = _of_part(values, values.checked_words) if values.checked_words else values
    actors = [item for item in shortlist.nodes if item.actions]
    acted_on = max(actors, key=lambda item: item.score).node if actors else None
    # Nodes that could act but that retrieval keeps to be watched: a dashboard's button is pressed.
    pressed = {item.node for item in shortlist.nodes if item.named and not item.actions and index.nodes[item.node].actions}
    compared = comparisons(shortlist, index, values)
    if target == "condition":
        plan = Plan(start="condition")
        for node, text in compared:
            plan.add("condition", text + "\n", prior=watch_prior[node] + stated_value_prior(text, values))
        if clock and (hours := window_condition(index, values)) is not None:
            # "Only between 22:00 and 06:00": the hours are the condition, ahead of the best
            # matched node's plain comparison; "the hall light is on after 23:00" is both.
            both = WINDOW_CONDITION_LEAD if values.said_besides_window else -CONDITION_PENALTY
            plan.add("condition", hours[1] + "\n", prior=-CONDITION_PENALTY if values.said_besides_window else WINDOW_CONDITION_LEAD)
            limit = f"({hours[1]})" if " or " in hours[1] and not hours[1].startswith("(") else hours[1]
            for node, text in compared:
                plan.add("condition", f"{text} and {limit}\n", prior=watch_prior[node] + stated_value_prior(text, values) + both)
        if not plan.states:
            raise GrammarError("no shortlisted property can be compared")
        plan.validate()
        return plan

    calls = _calls(shortlist, index, values)
    plan = Plan(start="trigger")
    waited: list[tuple[float, str, str]] = []  # (prior, what is waited for, its node), for `_people_listed`
    for node, text in _triggers(shortlist, index, values):
        if node is None:
            prior = 0.0
            when = text[3:].split(" on ")[0]
            if text.startswith("at ") and when in values.later_times:
                prior = 0.0  # "… and off at 23:00": the time to switch back, not to start
            elif text.startswith("at ") and when in values.sun_events and values.daylight_only:
                prior = 0.0  # "after sunset" limits when; something else starts it
            elif text.startswith("at ") and values.window_only and when in values.window_times:
                prior = -UNSTATED_PENALTY  # "… after 22:00": the hours it runs in; something else starts it
            elif text.startswith("at ") and when in values.sun_shifts:
                prior = STATED_TIME_BONUS + SHIFT_BONUS + (CLOCK_FIRST_BONUS if values.clock_first else 0.0)
            elif text.startswith("at ") and (text[3].isdigit() or when in values.sun_events):
                prior = STATED_TIME_BONUS + (CLOCK_FIRST_BONUS if values.clock_first else 0.0)
                if " or at " in text:
                    prior += STATED_VALUE_BONUS  # each of the times said together
            elif text.startswith("at ") and not values.sun:
                prior = -UNSTATED_PENALTY
            elif text.startswith("every ") and not values.repeat:
                prior = -UNSTATED_PENALTY
        elif text.startswith("at ") and values.at_named_time and values.clock_first:
            # "At Mia's bedtime, turn off her light": said with the commands, the time a node holds
            # starts it (as a clock time would), however well the helper that sets it can act.
            prior = max(watch_prior[node], node_prior[node]) + TIME_REACHED_BONUS + CLOCK_FIRST_BONUS
        elif node == acted_on or (acted_on is not None and same_device(node, acted_on, index)):
            own = (
                _names_own_property(text, index, values)
                or (values.acts_on_watched and not text.endswith(" changes"))
                or _states_own_value(text, values)
            )
            if not (values.refers_back or " for " in text or own):
                continue  # the target waits on itself only when the request says so, or holds a time
            if (said := _VALUE.search(text)) and _set_by_the_command(said.group(2), values):
                continue  # "… put the thermostat on heat": what the command sets is no state to wait for
            if values.refers_back:
                prior = REFERS_BACK_BONUS
            else:
                prior = watch_prior[node] - (0.0 if own else TARGET_AS_TRIGGER_PENALTY)
        elif text.startswith("at ") and values.at_named_time:
            # "At wake-up time": a time of day the request names is waited for, whatever sets it
            # (a helper's `set_datetime`).
            prior = watch_prior[node] + TIME_REACHED_BONUS
        elif text.startswith("at ") and values.watch_words:
            # "When I wake up": a time of day a node holds, that the waiting clause names, is
            # reached; that a helper can be set makes it no less a time to wait for.
            prior = watch_prior[node]
        else:
            prior = watch_prior[node] - (ACTOR_AS_TRIGGER_PENALTY if index.nodes[node].actions and node not in pressed else 0.0)
        if node in later:
            prior -= LATER_STATE_PENALTY
        kind = index.nodes[node].kind if node is not None else ""
        stated = stated_value_prior(text, checked_values if node in later else event_values) + _unit_fit(text, index, values)
        if text.startswith("on "):
            stated += _event_said(text, values)
        plan.add("trigger", "\n  " + text, "condition-or-call", prior + stated, kind)
        if node is not None and text.startswith("when "):
            waited.append((prior + stated, text.removeprefix("when "), node))
    if (people := _people_listed(waited, index, values)) is not None and (compared or people[3]):
        prior, texts, kind, either = people
        if either:
            # "When Anna or Ben comes home": either of them, nothing more to check.
            plan.add("trigger", "\n  when " + " or ".join(texts), "condition-or-call", prior + STATED_VALUE_BONUS, kind)
        else:
            # "When Anna and Ben have both left": either of them leaving (then both are checked).
            plan.add("trigger", "\n  when " + " or ".join(texts), "people-checked", prior + STATED_VALUE_BONUS, kind)
            held = [re.sub(r" becomes (\S+)(?: for .*)?$", r" == \1", text) for text in texts]
            plan.add("people-checked", "\n  if " + " and ".join(held), "first-call", 0.0, kind)
    if values.window_only and _starts_at_its_window(plan, values):
        # "If the garage door is open after 22:00, close it": nothing but the time can start it
        # (the door is the target, which does not start its own workflow). The time does, and the
        # state is checked then, as for "at 22:00 if the garage door is open".
        return build_plan(shortlist, index, msgspec.structs.replace(values, window=None, window_only=False, clock_first=True), target)
    # A condition the request states for its clock time comes before any call, the best one included.
    group_calls = _group_calls(shortlist, index, values)
    commanded = _command_calls(shortlist, index, values)
    best_call = max(
        [
            *(node_prior[node] + action_prior for node, action_prior, _ in calls),
            *(GROUP_BONUS + action_prior for action_prior, _ in [*group_calls, *([commanded] if commanded else [])]),
        ],
        default=0.0,
    )
    offered: list[tuple[float, str, str]] = []
    for node, text in compared:
        stated = stated_value_prior(text, checked_values if node in later else values)
        # "At 23:00 … if it is on" checks the target itself, ahead of the best watched other node.
        if node == acted_on and values.refers_back and values.clock_first:
            watched = REFERS_BACK_BONUS
        elif node in later:
            watched = later_prior[node]
        else:
            watched = watch_prior[node]
        prior = watched - CONDITION_PENALTY + stated + (CLOCK_FIRST_BONUS if values.clock_first and stated > 0 else 0.0)
        if (values.clock_first or node in later) and stated > 0:
            # Ahead of any call, and of the values said less fully ("armed away": `armed_away`
            # before `armed_home`).
            prior = max(prior, best_call + max(stated, STATED_VALUE_BONUS) + watched)
        plan.add("condition-or-call", "\n  if " + text, "first-call", prior, index.nodes[node].kind)
        if stated > 0:
            offered.append((prior, text, node))
    if values.clock_first and values.checked_words:
        # "At 10:00 … if nobody is home and vacation mode is off": both states, each from its part.
        firsts = [o for o in offered if o[2] not in later]
        seconds = [o for o in offered if o[2] in later]
        if firsts and seconds and (first := max(firsts))[2] != (second := max(seconds))[2]:
            both = f"\n  if {first[1]} and {second[1]}"
            plan.add("condition-or-call", both, "first-call", max(first[0], second[0]) + STATED_VALUE_BONUS, index.nodes[second[2]].kind)
    if (people := _people_listed(offered, index, values)) is not None:
        # "If Anna and Ben are not home": each person listed, in one condition ("Anna or Ben": either).
        prior, texts, kind, either = people
        plan.add("condition-or-call", "\n  if " + (" or " if either else " and ").join(texts), "first-call", prior + STATED_VALUE_BONUS, kind)
    # A limit the request states to night, day or some hours comes before its calls, a block of
    # its commands included ("…, dim the light to 25% and turn off the floor lamp").
    stated_limit = max(DAYLIGHT_BONUS, best_call + STATED_VALUE_BONUS)
    if (limit := daylight_condition(index, values)) is not None:
        compared.append(limit)
        _offer(plan, "condition-or-call", "\n  if " + limit[1], "first-call", stated_limit if values.daylight_only else -CONDITION_PENALTY)
    if (hours := window_condition(index, values)) is not None:
        compared.append(hours)
        _offer(plan, "condition-or-call", "\n  if " + hours[1], "first-call", stated_limit if values.window_only else -CONDITION_PENALTY)
        if limit is not None and values.daylight_only and values.window_only:
            # "after sunset but before 23:00": both limits at once.
            both = f"\n  if {limit[1]} and {_grouped(hours[1])}"
            _offer(plan, "condition-or-call", both, "first-call", stated_limit + STATED_VALUE_BONUS)
    # "…, wait 10 minutes, then turn off the fan": the wait opens the block.
    opening = "\n  do " + (f"wait {values.wait_first}{CALL_INDENT}" if values.wait_first else "")
    for node, action_prior, call in calls:
        prior = node_prior[node] + action_prior
        kind = index.nodes[node].kind
        if compared:
            plan.add("first-call", opening + call, "call-2", prior, kind)
        plan.add("condition-or-call", opening + call, "call-2", prior, kind)
    unswitched = (
        not values.follow and not values.says_a_way and acted_on is not None and index.nodes[acted_on].kind in TWO_STATE_KINDS
    )
    if values.follow or unswitched:
        following = _following(shortlist, index, compared, thresholds=values.follow)
        if unswitched:
            following = [f for f in following if f[1] == acted_on and _may_lead(f[0], acted_on, index, values)]
        if shortlist.group:
            # The request names the set it acts on ("Luz da Sala Day/Night"): no other node follows.
            following = [f for f in following if f[1] in shortlist.group]
        # "Turn on the hallway light at 30% when … and off when …": the way on sets what is stated.
        following = [(watched, acting, _with_stated_setting(text, acting, calls)) for watched, acting, text in following]
        if values.against_the_way:
            following = [(watched, acting, _the_other_way_round(text)) for watched, acting, text in following]
        for watched, acting, text in following:
            # What is followed is ranked against every node but the one it switches (often the
            # best watched, never its own leader): a numeric sensor without a stated threshold
            # ("controls the fan depending on the humidity") cannot lead, and stays the trigger.
            strongest = max(prior for w, prior in watch_prior.items() if w != acting)
            prior = watch_prior[watched] - strongest + node_prior[acting] + FOLLOW_BONUS
            # The value it follows, as a trigger on it would ("while raining" is `== rainy`).
            prior += stated_value_prior(text.split("\n")[2], values)
            plan.add("trigger", text, "last", prior)
        if values.switches_back and any(acting == acted_on for _, acting, _ in following):
            # One trigger alone cannot switch the target on when it starts and back when it ends.
            bodies = {text for _, acting, text in following if acting == acted_on}
            plan.states["trigger"] = [step for step in plan.states["trigger"] if step.text in bodies]
    if between := _between(shortlist, index, values, acted_on):
        # Two thresholds, each with its way: one trigger on either alone does half of it.
        strongest = max(prior for w, prior in watch_prior.items() if w != acted_on)
        plan.states["trigger"] = []
        for leader, text in between:
            plan.add("trigger", text, "last", watch_prior[leader] - strongest + FOLLOW_BONUS)
    for action_prior, text in group_calls:
        n = len(shortlist.group)
        after = f"call-{n + 1}" if n < MAX_CALLS else "last"
        if compared:
            _offer(plan, "first-call", opening + text, after, GROUP_BONUS + action_prior)
        _offer(plan, "condition-or-call", opening + text, after, GROUP_BONUS + action_prior)
    if commanded is not None:
        action_prior, text = commanded
        written = text.count(CALL_INDENT) + 1
        after = f"call-{written + 1}" if written < MAX_CALLS else "last"
        if compared:
            _offer(plan, "first-call", opening + text, after, GROUP_BONUS + action_prior)
        _offer(plan, "condition-or-call", opening + text, after, GROUP_BONUS + action_prior)
    if not calls:
        # The request names nothing this home can act on: the workflow waits and checks as asked,
        # and its `do` is the user's to write. A trigger the request does not state ("at sunrise"
        # for "In case the other automation failed") would be as made up as a call: the empty
        # workflow goes ahead of it.
        plan.add("trigger", "\n}", prior=-UNSTATED_TRIGGER_LEAD)
        plan.add("condition-or-call", "\n}")
        if compared:
            plan.add("first-call", "\n}")
        plan.validate()
        return plan
    also_named = {item.node for item in shortlist.nodes if item.also_named}
    for n in range(2, MAX_CALLS + 1):
        state = f"call-{n}"
        # Each node named apart is expected in a call of its own ("the bed light, the computer light
        # and the bathroom light"): ending before there are as many calls is less likely.
        plan.add(state, "\n}", prior=-ALSO_NAMED_BONUS if n <= len(also_named) + 1 else 0.0)
        for node, action_prior, call in calls:
            extra = ALSO_NAMED_BONUS if node in also_named else -EXTRA_CALL_PENALTY
            # Measured against ending the block: even the verbs' own action on the best node is
            # one more call than the request needs unless the request names its node apart.
            # A node named apart and joined by "and" is as much asked for as the best, however lower
            # retrieval ranks it ("the desk lamp and the kitchen light").
            joined = node in also_named and bool(_JOINING.intersection(values.act_words))
            named = max(node_prior[node], -ALSO_NAMED_BONUS) if joined else node_prior[node]
            prior = named + action_prior - VERB_WEIGHT + extra
            plan.add(state, CALL_INDENT + call, f"call-{n + 1}" if n < MAX_CALLS else "last", prior, index.nodes[node].kind)
    plan.add("last", "\n}")
    if acted_on is not None:
        small = len(shortlist.nodes) <= NO_OP_NODES
        _without_no_ops(plan, index, {item.node for item in actors} if small else {acted_on}, values.refers_back)
    plan.validate()
    return plan


_JOINING = frozenset(tokens("and und en et e y sowie plus"))
_EITHER = frozenset(tokens("or oder of ou o eller"))
_EVENT_WORDS = {
    **dict.fromkeys(tokens("twice doppelt doppelklick dubbel dubbelklik"), "double"),
    **dict.fromkeys(tokens("held hold holds holding lange lang langer gedrückt gehalten ingedrukt"), "long"),
    **dict.fromkeys(tokens("once einmal kurz eenmaal kort"), "single"),
    **dict.fromkeys(tokens("thrice dreimal"), "triple"),
    **dict.fromkeys(tokens("rings rang klingelt geklingelt aanbelt aangebeld belt sonne toca suona ringer ringes ringde"), "ring"),
}
"""Words for the kind of a press ("pressed twice", "held", "lange gedrückt") as event names say it."""
_PRESS_WORDS = frozenset(tokens("press pressed presses button click clicked"))


def _people_listed(
    offered: list[tuple[float, str, str]], index: EnvIndex, values: RequestValues
) -> tuple[float, list[str], str | None, bool] | None:
    """The best prior, texts and kind of the triggers or conditions on people the waiting clause
    lists together ("Anna and Ben are not home", "Anna, Ben und Mia"), each the same but for its
    person, when it lists more than one, and whether it lists them as alternatives ("Anna or
    Ben"); else None."""
    words = list(values.watch_words)
    by_value: dict[str, dict[str, tuple[float, str]]] = {}
    for prior, text, node in offered:
        if index.nodes[node].kind == "person":
            by_value.setdefault(text.replace(node, "", 1), {}).setdefault(node, (prior, text))
    for same in sorted(by_value.values(), key=lambda group: -max(group.values())[0]):
        spans = []
        for node in same:
            name = tokens(index.nodes[node].name or node)
            start = next((i for i in range(len(words)) if words[i : i + len(name)] == name), None)
            if start is not None:
                spans.append((start, start + len(name), node))
        spans.sort()
        gaps = [w for (_, end, _), (start, _, _) in zip(spans, spans[1:]) for w in words[end:start]]
        if len(spans) > 1 and (set(gaps) <= _JOINING or set(gaps) <= _EITHER):
            either = bool(set(gaps) & _EITHER)
            return max(same.values())[0], [same[node][1] for _, _, node in spans], index.nodes[spans[0][2]].kind, either
    return None


def _event_said(text: str, values: RequestValues) -> float:
    """The bonus of an event whose own words the waiting clause says ("double pressed" is
    `double_press`, "held" `long_press`): one more than an event it does not name."""
    own = set(tokens(text.rsplit(".", 1)[-1].replace("_", " "))) - _PRESS_WORDS
    words = list(values.watch_words)
    # "the off button on the remote": that "on" says where the button is, not which.
    words = [w for i, w in enumerate(words) if not (w == "on" and on_of_something(words, i))]
    said = set(words) | {_EVENT_WORDS[w] for w in words if w in _EVENT_WORDS}
    return STATED_VALUE_BONUS if own and own <= said else 0.0


_WATCHED_REF = re.compile(r"^when (\w+)\.(\w+) ")


TWO_STATE_KINDS = frozenset({"switch", "input_boolean"})
"""What a request names without a way to switch is kept in step, on and off, when it is one of these."""
SHOWN_AS_KINDS = frozenset({"light", "fan", "cover", "lock", "siren", "valve"})
"""The kinds Home Assistant can show a switch as (its "Change device type of a switch" helper)."""


def same_device(one: str, other: str, index: EnvIndex) -> bool:
    """Whether two nodes are one device under two kinds: Home Assistant gives a switch shown as a
    light (`switch.lichterkette`, `light.lichterkette`) one object id in both domains. Watching
    the one while switching the other waits on the target itself."""
    a, b = index.nodes[one], index.nodes[other]
    kinds = {a.kind, b.kind}
    if not (a.source and b.source) or "switch" not in kinds or not kinds - {"switch"} <= SHOWN_AS_KINDS:
        return False
    return a.source.split(".", 1)[-1] == b.source.split(".", 1)[-1]


def _names_own_property(trigger: str, index: EnvIndex, values: RequestValues) -> bool:
    """Whether what the request waits for names the trigger's property by its own words, one other
    than the plain state ("when the wallbox power drops below 100 W, stop charging" waits on the
    charger's own power)."""
    if not (ref := _WATCHED_REF.match(trigger)) or ref.group(2) == "state":
        return False
    prop = index.property(ref.group(1), ref.group(2))
    if isinstance(prop, NumberType) and prop.unit in TEMPERATURE_UNITS and _TEMPERATURE_SAID.search(" ".join(values.watch_words)):
        return True  # "wenn die Temperatur … unter 19 Grad fällt", "de temperatuur … onder de 19 graden"
    named = set(tokens(ref.group(2).replace("_", " "))) | {w for a in (prop.aliases if prop else []) for w in tokens(a)}
    return bool(named & set(values.watch_words))


def _of_part(values: RequestValues, words: tuple[str, ...]) -> RequestValues:
    """The values as one part of the waiting clause says them ("Ben gets home | unless Anna is
    home"): its words, the way its people come or go, and what it denies."""
    said = " ".join(words)
    return msgspec.structs.replace(
        values,
        watch_words=words,
        household_way=household_way(said) * (-1 if opens_with_denial(words) else 1) or values.household_way,
        negated=_denied_words(said),
    )


def _denied_words(watch: str) -> tuple[str, ...]:
    """`RequestValues.negated` of a waiting clause: all its words when it opens with a denial
    ("unless the alarm is on away"), else the word after each "not" ("if it is not raining")."""
    words = tuple(tokens(watch))
    if opens_with_denial(words):
        return words
    return tuple(w for m in _NEGATION.finditer(watch) for w in tokens(m.group(1)))


def _set_by_the_command(value: str, values: RequestValues) -> bool:
    """Whether a value is one the acting clause sets and the waiting clause does not say ("when
    it's colder than 17, put the thermostat on heat": `heat`)."""
    own = [w for w in tokens(value) if w not in _GENERIC_VALUE_WORDS]
    return bool(own) and mode_said(value, values.act_words) and not set(own) & set(values.watch_words)


def _states_own_value(trigger: str, values: RequestValues) -> bool:
    """Whether what the request waits for says the trigger's value by its own word, one no
    sensor's on or off says ("the front door has been unlocked …, lock it": the lock is waited on)."""
    if not (said := _VALUE.search(trigger)):
        return False
    value = said.group(2)
    return value not in _ON_VALUES | _OFF_VALUES | _GENERIC_VALUE_WORDS and value in values.watch_words


def _unit_fit(trigger: str, index: EnvIndex, values: RequestValues) -> float:
    """A threshold the request states in a unit ("onder de 19 graden", "über 40000 Lux", "below 500
    watts") is crossed by a property measured in it, ahead of another node's state or a number in
    another unit (a brightness "< 19", a cover's position "> 40000")."""
    if not (threshold := _THRESHOLD.search(trigger)):
        return 0.0
    quantity = dict(values.threshold_units).get(threshold.group(2))
    if quantity is None and threshold.group(2) in values.degrees:
        quantity = "temperature"
    if quantity is None:
        return 0.0
    if not (ref := _WATCHED_REF.match(trigger)) or not isinstance(prop := index.property(ref.group(1), ref.group(2)), NumberType):
        return 0.0
    return STATED_VALUE_BONUS if quantity_of(prop.unit) == quantity else -STATED_VALUE_BONUS


_TEMPERATURE_SAID = re.compile(r"\btemperat|\btemp\b|\b\d+(?:[.,]\d+)? (?:degrees?|grad|graden|degr[eé]s|graus|grados|gradi)\b")
"""A temperature named in any language, or a number of degrees."""


_HOUSEHOLD_LEFT = "< 1"
_HOUSEHOLD_IN = "> 0"
_COUNTED = re.compile(rf"\.state ({_HOUSEHOLD_LEFT}|{_HOUSEHOLD_IN})(?: for ([^\n]+))?$")
_THRESHOLD = re.compile(r" ([<>])=? (-?[\d.]+)(?: for ([^\n]+))?$")
_RANGE_TEXT = re.compile(r"(\w+\.\w+) > (-?[\d.]+) and \1 < (-?[\d.]+)(?: for ([^\n]+))?$")


def _ranges_as_written(values: RequestValues) -> set[tuple[str, str]]:
    """The ranges said, also as shares of one ("between 20 and 40%" of a volume is 0.2 to 0.4)."""
    return {*values.ranges, *((number(float(a) / 100), number(float(b) / 100)) for a, b in values.ranges)}
_VALUE = re.compile(r"(\w+)\.\w+ (?:becomes|==) (\w+)(?: for ([^\n]+))?$")
_NOT_VALUE = re.compile(r"\w+\.\w+ != (\w+)$")
_ON_VALUES = frozenset({"true", "on", "open", "opening"})
_OFF_VALUES = frozenset({"false", "off", "closed", "closing"})


def stated_value_prior(text: str, values: RequestValues) -> float:
    """What the waiting clause says of the value a trigger or comparison ends with: its own words
    ("docked", "armed away", or a word for it, `_VALUE_WORDS`: "leaves" is `not_home`: twice
    `STATED_VALUE_BONUS`; "armed" for `armed_home`: once), or, for the two ways of a switch,
    sensor or door, their on/off sense ("opens", "is left on", "ausgeschaltet"; the wrong way
    starts behind by as much). Holding a stated time ("on for 10 minutes") adds one more. A
    threshold goes the way the request says ("drops below 60" is `< 60`; the other way starts
    behind by as much)."""
    if values.household_way and (counted := _COUNTED.search(text)):
        # "Arm when everyone leaves" on a home zone: its count falls below one.
        coming = counted.group(1) == _HOUSEHOLD_IN
        held = STATED_VALUE_BONUS if counted.group(2) and counted.group(2) in values.held else 0.0  # "… for 30 minutes"
        return held + (STATED_VALUE_BONUS if coming == (values.household_way > 0) else -STATED_VALUE_BONUS)
    if (between := _RANGE_TEXT.search(text)) and (between.group(2), between.group(3)) in _ranges_as_written(values):
        return 2 * STATED_VALUE_BONUS + (STATED_VALUE_BONUS if between.group(4) and between.group(4) in values.held else 0.0)
    if threshold := _THRESHOLD.search(text):
        op, value, held = threshold.groups()
        prior = STATED_VALUE_BONUS if held and held in values.held else 0.0
        if value not in values.above + values.below and float(value) < 1 and (whole := number(float(value) * 100)) in values.above + values.below:
            value = whole  # "above 50%" of a volume from 0 to 1 is `> 0.5`
        elif value not in values.above + values.below:
            # "above 80% brightness" of a level from 0 to 255 is `> 204`; "above 2 kW" of watts `> 2000`
            value = next(
                (
                    n for n in values.above + values.below
                    if value in (number(round(float(n) * 255 / 100)), number(float(n) * 1000) if n in values.kilo else None)
                ),
                value,
            )
        if value in values.above or value in values.below:
            said = ">" if value in values.above else "<"
            return prior + (STATED_VALUE_BONUS if op == said else -STATED_VALUE_BONUS)
        return prior
    if denial := _NOT_VALUE.search(text):
        return 2 * STATED_VALUE_BONUS if _denied(denial.group(1), values) else 0.0
    match = _VALUE.search(text)
    if not match:
        return 0.0
    node, value, held = match.groups()
    if _denied(value, values):
        return -STATED_VALUE_BONUS  # "if it's not raining" is no `== rainy`
    prior = STATED_VALUE_BONUS if held and held in values.held else 0.0
    if values.household_way and (value in _OPPOSITE or (reads_as_presence(node) and value in _ON_VALUES | _OFF_VALUES)):
        # "Arm when away" waits for `anybody_home` to become false; "Ankommen", for it to become
        # true; "if I'm not home", for a person's `not_home`.
        coming = value in _ON_VALUES or value == "home"
        return prior + (STATED_VALUE_BONUS if coming == (values.household_way > 0) else -STATED_VALUE_BONUS)
    if not values.watch_words:
        return 0.0
    said = set(values.watch_words)
    said |= {english for english, words in _VALUE_TRANSLATIONS.items() if said & words}
    if value not in _ON_VALUES | _OFF_VALUES:
        if said & _VALUE_WORDS.get(_OPPOSITE.get(value, ""), frozenset()):
            return prior  # "nobody is home" says `home`, and means `not_home`
        own = [w for w in tokens(value) if w not in _GENERIC_VALUE_WORDS]
        if own and _came_from(own[0], values.watch_words):
            return prior - STATED_VALUE_BONUS  # "comes home from school": not `school`
        if (
            (own and set(own) <= said)
            or said & _VALUE_WORDS.get(value, frozenset())
            or (value == "triggered" and values.goes_off)
            or (value == "playing" and said & _MUSIC and polarity(list(values.watch_words)) >= 0)  # "when music starts"
        ):
            # "When the alarm goes off" is its `triggered`. "Nobody is in the office" says the room is empty, which its sensor tells better
            # than the people's `not_home`; "nobody is home" names no room.
            person = value in _OPPOSITE and values.watch_places
            # "the home alarm is armed away": the value said as written ("armed away") is ahead of
            # one whose words are there apart ("home" … "armed").
            as_written = len(own) > 1 and f" {' '.join(own)} " in f" {' '.join(values.watch_words)} "
            return prior + (1 if person else 2) * STATED_VALUE_BONUS + (AS_WRITTEN_BONUS if as_written else 0.0)
        if own and own[0] in said:
            return prior + STATED_VALUE_BONUS
        return prior
    sense = (
        polarity(list(values.watch_words))
        or held_way(values.watch_words)
        or (-1 if _absence_said(values.watch_words) or _NONE_LEFT.search(" ".join(values.watch_words)) else 1 if said & _SENSED_WORDS else 0)
        or (1 if (said & _SOMEONE or I_ENTER.search(" ".join(values.watch_words))) and _SENSES_PRESENCE.search(text) else 0)
        # "Bei Bewegung im Flur", "bij beweging": motion alone is its sensor's `true`.
        or (1 if said & _SENSED_NOUNS and _SENSES_PRESENCE.search(text) else 0)
        or _weather_sensed(node, said, values)
        or (1 if said & _OCCASIONS and _occasion_flag(node) else 0)
        or activity_way(" ".join(values.watch_words), node)
    )
    if values.goes_off and (sensed := _SENSED.search(text)) and sensed.group(1) != "state":
        sense = 1
    if denies_its_state(values.watch_words):
        sense = -sense  # "unless guest mode is on", "if the light is not on"
    if (sense > 0 and value in _ON_VALUES) or (sense < 0 and value in _OFF_VALUES):
        return prior + STATED_VALUE_BONUS
    if (sense > 0 and value in _OFF_VALUES) or (sense < 0 and value in _ON_VALUES):
        return prior - STATED_VALUE_BONUS
    return prior


_OCCASIONS = frozenset(tokens(
    "holiday holidays vacation urlaub ferien vakantie vacances congés ferias férias vacaciones vacanze "
    "guests visitors visit besuch gäste gaeste bezoek invités invites ospiti"
))
"""Occasions a flag is named for ("unless we are on holiday", "when we have guests"): saying one
is saying the flag is on."""


def _occasion_flag(node: str) -> bool:
    """Whether a node's id names an occasion ("vacation_mode", "guest_mode", "urlaubsmodus")."""
    return any(part.startswith(occasion[:5]) for part in tokens(node.replace("_", " ")) for occasion in _OCCASIONS | {"guest"})


def _weather_sensed(node: str, said: set[str], values: RequestValues) -> int:
    """+1 when a yes/no sensor is named for the weather the waiting clause says ("Rain sensor" and
    "when it starts raining": its `true` is that weather), -1 when the clause says "not" of it
    ("if it's not raining"), else 0."""
    parts = [part for part in tokens(node.replace("_", " ")) if len(part) >= 4]
    # The sensor is named for one of the weather's words ("rain"); the clause may say another ("chovendo").
    named = [
        w for weather in ("rainy", "snowy", "windy") for w in said & _VALUE_WORDS[weather]
        if any(word.startswith(part) for part in parts for word in _VALUE_WORDS[weather])
    ]
    if not named:
        return 0
    return -1 if set(named) & set(values.negated) and not denies_its_state(values.watch_words) else 1


_SENSED = re.compile(r"\.(\w+) (?:becomes|==) ")
_FROM = frozenset(tokens("from von vom van uit de du da"))


def _came_from(word: str, words: tuple[str, ...]) -> bool:
    """Whether `word` is said as where someone comes from ("home from work", "von der Arbeit")."""
    return any(w == word and i and (words[i - 1] in _FROM or (i > 1 and words[i - 2] in _FROM)) for i, w in enumerate(words))


_GENERIC_VALUE_WORDS = frozenset({"not", "on", "off"})
AS_WRITTEN_BONUS = 0.1
"""A value whose words the request says together, in order, ahead of one whose words are there apart."""
_MUSIC = frozenset(tokens("music musik muziek musique música musica"))
"""Music that starts or goes on is played; music that stops is not (`stated_value_prior`)."""
_VALUE_WORDS = {
    "not_home": frozenset(tokens(
        "leave leaves left leaving away gone nobody noone absent weg verlässt verlassen abwesend niemand keiner "
        "vertrekt vertrekken weggaat afwezig niemand out unterwegs"
    )),
    "home": frozenset(tokens(
        "arrive arrives arriving arrived return returns returning ankommt kommt heim thuis komt aankomt"
    )),
    # The sun's two states ("while the sun is shining", "die Sonne scheint").
    "above_horizon": frozenset(tokens("shining shines risen scheint aufgegangen schijnt brille brilla brilha splende")),
    "below_horizon": frozenset(tokens("untergegangen onder couché")),
    # The weather's conditions, as Home Assistant names them.
    "rainy": frozenset(tokens(
        "rain rains raining rainy regen regnet regnen regent pleut pluie pleuvoir pleuve chover chove chova chovendo chuva "
        "llover llueve llueva lloviendo lluvia piovere piove piova piovendo pioggia "
        "regne regner regn regnar regna"
    )),
    "pouring": frozenset(tokens("pours pouring downpour schüttet gießt giet plenst")),
    "snowy": frozenset(tokens("snow snows snowing snowy schnee schneit sneeuw sneeuwt neige nevar neva nevar nieva nevica")),
    "lightning": frozenset(tokens("thunder thunderstorm lightning gewitter blitz onweer onweert bliksem")),
    "hail": frozenset(tokens("hail hails hailing hagel hagelt")),
    "fog": frozenset(tokens("fog foggy nebel neblig mist mistig")),
    "sunny": frozenset(tokens("sunny sonnig zonnig ensoleillé soleado ensolarado soleggiato solskinn soligt solrikt")),
    "cloudy": frozenset(tokens("cloudy bewölkt bewolkt")),
    "windy": frozenset(tokens("windy storm stormy sturm stürmisch windig winderig venteux ventoso blåser blåsig vindig blåsigt")),
    **MODE_WORDS,
    # An alarm's modes, as Dutch and German say them ("op afwezig", "Nachtmodus").
    "armed_away": frozenset(tokens("afwezig abwesend abwesenheit afwezigheid ausente")),
    "armed_night": frozenset(tokens("nacht nachtmodus nachtstand noite noche notte")),
    "triggered": frozenset(tokens("afgaat afgaan ausgelöst auslöst sounds sounding salte salta dispare dispara disparar disparado disparou déclenche scatta")),
    "playing": frozenset(tokens(
        "plays play playback jouer spielen spelen afspelen spela spelar spiller tocar "
        "joue jouent lecture speelt spielt abgespielt tocar tocando toca reproducir reproduciendo reproduce suonare suona "
        "riprodurre riproduzione reprodução reproducción läuft"  # "wenn Musik läuft"
    )),
    "paused": frozenset(tokens("pause pausiert gepauzeerd pausa pausado pausada pausad pausats pausat pauset")),
    "standby": frozenset(tokens("veille standby stand-by bereitschaft")),
    # A robot's end of work and its trouble.
    "docked": frozenset(tokens(
        "finishes finished docks docked dock base angedockt gedockt ladestation basisstation laadstation "
        "dockstation station"
    )),
    "error": frozenset(tokens("stuck error fails failed blocked jammed vastgelopen feststeckt steckt hängt bloqué")),
    # An appliance's end of programme.
    "finished": frozenset(tokens(
        "finished finishes finish done complete completed fertig beendet klaar voltooid klar terminé termine terminado terminar "
        "termina terminou terminada acabar acaba acabe acabou finito finisce finita"
    )),
}
_VALUE_TRANSLATIONS = {
    "armed": frozenset(tokens("armé armée armés armado armada armados armato armata inserito inserita ingeschakeld")),
    "disarmed": frozenset(tokens("désarmé désarmée desarmado desarmada disarmato disinserito disinserita uitgeschakeld")),
}
"""A value's word as other languages say it ("l'alarme est armée"): read as the English word a
value's own words are."""
_FADE = re.compile(
    r"\b(\d{1,3})[\s-]*(?:seconds?|secs?|s|sekunden?|seconden?|secondes?|segundos?|secondi)[\s-]+(?:transition|fade|übergang|overgang)"
    r"|\b(?:transition|transizione|transición|transição|transitie|übergang|overgang|dissolvenza|fad(?:e|es|ing)(?:\s+(?:in|out|it\s+in|it\s+out))?|"
    r"überblend\w*|dimm\w*\s+über|fondu)\s+"
    r"(?:of\s+|over\s+|in\s+|within\s+|über\s+|sur\s+|en\s+|de\s+|di\s+)?(\d{1,3})\s*(?:seconds?|secs?|s|sekunden?|seconden?|secondes?|segundos?|secondi)\b"
    r"|(?<!\bfor )\bover\s+(\d{1,3})\s*(?:seconds?|secs?)\b",
    re.IGNORECASE,
)
"""A fade said with its seconds ("with a 5 second transition", "fade it in over 10 seconds", "turn
off the lamp over 30 seconds")."""
_FADE_WORDS = frozenset({"transition", "fade", "fading"})
"""The names a light's fade time goes by (`light.turn_on`'s `transition`, aliased "fade")."""
_NONE_LEFT = re.compile(r"\bn y a (?:plus|pas|aucun|aucune)\b|\bplus (?:de|d) (?:mouvement|présence|presence)\b")
"""French for none left ("il n'y a plus de mouvement"), as its words come out of `tokens`."""
_ABSENT_WORDS = frozenset(tokens(
    "no nobody noone none empty vacant clear cleared anymore longer last kein keine keiner niemand leer nicht mehr letzten letzter "
    "geen niemand leeg laatste without ohne zonder sans sem sin senza utan uten "
    "ninguém ninguem nadie nessuno personne ingen vazio vazia vacío vacía vuoto vuota vide"
))
"""Words that say the watched thing is absent ("no motion", "when no-one is there anymore",
"keine Bewegung", "5 minutes after the last motion"): a presence sensor's `false`, when no word
for on or off says otherwise."""
_SOMEONE = frozenset(tokens("someone somebody anyone anybody occupied jemand iemand quelqu alguém alguien qualcuno"))
_SENSES_PRESENCE = re.compile(r"\.(?:motion|occupancy|presence|moving)\b")
"""Someone there ("while someone is in the kitchen") is what a presence sensor senses: its `true`."""


def _absence_said(words: tuple[str, ...]) -> bool:
    """Whether the words say the watched thing is absent (`_ABSENT_WORDS`; not the Portuguese "no"
    before a place or after what is sensed: "movimento no corredor", "movimento no sensor" is
    motion), or deny that it is sensed
    ("doesn't detect motion", "não detectar movimento")."""
    return any(
        (w in _ABSENT_WORDS and not (w == "no" and i + 1 < len(words) and places_in(words[i + 1])) and not (w == "no" and i and words[i - 1] in _SENSED_NOUNS))
        or (w in _DENIED_SENSING and (_SENSED_WORDS | _SENSED_NOUNS).intersection(words[i + 1 : i + 3]))
        for i, w in enumerate(words)
    )


_DENIED_SENSING = frozenset(tokens("not doesn don didn isn never não nao nicht niet ne pas non nie"))
"""Words that deny the verb after them ("doesn't detect", "não detectar", "ne détecte pas")."""


_SENSED_NOUNS = frozenset(tokens("motion movimento movimiento mouvement bewegung beweging rörelse bevegelse movimenti"))
"""What a presence sensor senses, said after a denial ("não houver movimento", "il n'y a pas de mouvement")."""
_SENSED_WORDS = frozenset(tokens(
    "detected detects detect sensed erkannt erkennt registriert gedetecteerd gedetecteerd detecteert waargenomen "
    "détecté détectée détecte detectado detectada detecta detectar detecte rilevato rilevata rileva rilevare"
))
"""Words that say a sensor senses what it is for ("when motion is detected", "Bewegung erkannt"):
its `true`, when no word for on or off says otherwise."""
_OPPOSITE = {"home": "not_home", "not_home": "home"}
"""Words for a person's two states: "when everyone leaves" waits for `not_home`."""


_BECOMES = re.compile(r"\n  when (\w+)\.state (?:becomes (\w+)( for [^\n]+)?|changes)$")
_SETS_TO = {"true": ON_ACTIONS, "on": ON_ACTIONS, "false": OFF_ACTIONS, "off": OFF_ACTIONS}
_SWITCHES = ON_ACTIONS | OFF_ACTIONS | {"toggle"}
NO_OP_NODES = 24
"""Shortlists up to this size get the no-op rule for every node that acts (`_without_no_ops`)."""


def _without_no_ops(plan: Plan, index: EnvIndex, actors: set[str], refers_back: bool = False) -> None:
    """After `when X.state becomes on`, calling `X.turn_on()` does nothing: the state is already
    what the call makes it; after `when X.state changes`, switching X undoes the change that
    started the workflow ("when the TV changes, turn the TV on"), and so does switching it back
    at once after `becomes` (`when X becomes off / do X.turn_on()`), unless the request refers
    back to its target ("… if it is on", `refers_back`) or the state held a while ("… for 10
    min": a timeout, not a fight). Such a trigger leads to its own
    copy of the following states without those calls, so neither the model nor the priors can
    write a workflow that only confirms or fights itself. Done for `actors`: a pipeline's few,
    or only the node the request acts on for a whole home (the full-context baseline), whose
    plan a copy per watched node would multiply by its switches."""
    triggers: list[Step] = []
    unfiltered: float | None = None
    for step in plan.states["trigger"]:
        match = _BECOMES.match(step.text)
        node, value, held = match.groups() if match else (None, None, None)
        if node not in actors or (value and value not in _SETS_TO):
            setting = None
        elif value is None or not (held or refers_back):
            setting = _SWITCHES  # "changes", or a state switched back at once: a fight
        else:
            setting = _SETS_TO[value]
        if not setting or step.next != "condition-or-call":
            triggers.append(step)
            continue
        no_ops = {f"\n  do {node}.{name}()" for name in index.nodes[node].actions if name in setting}
        # Keyed by what is left out: held a while, only the repeat is ("becomes on for 2 h").
        way = f"{value or 'changed'}{'' if setting is _SWITCHES else '+held'}"
        after = f"condition-or-call/{node}={way}"
        if after not in plan.states:
            checked = f"first-call/{node}={way}"
            calls = [s for s in plan.states.get("first-call", []) if s.text not in no_ops]
            if calls:
                plan.states[checked] = calls
            plan.states[after] = [
                Step(s.text, checked if s.next == "first-call" else s.next, s.prior, s.kind)
                for s in plan.states["condition-or-call"]
                if s.text not in no_ops and (s.next != "first-call" or calls)
            ]
        if not plan.states[after]:
            del plan.states[after]
            continue  # nothing but the no-op could follow: the trigger goes
        # Choices are made one state at a time: the trigger starts behind by what the calls
        # after it lose, or it would still be chosen and only its call would change.
        if unfiltered is None:
            unfiltered = plan.best_total("condition-or-call")
        lost = unfiltered - plan.best_total(after)
        triggers.append(Step(step.text, after, step.prior - lost, step.kind))
    plan.states["trigger"] = triggers


def _values(value_type: ValueType, values: RequestValues, words: tuple[str, ...] | None = None) -> list[str]:
    """The literals of a type the model may write; an enum's members stated in `words` (by default
    what the request waits for) first."""
    if isinstance(value_type, BooleanType):
        return ["true", "false"]
    if isinstance(value_type, EnumType):
        # The members the request states first: a long list ("windy" is a weather's 14th) is cut.
        stated = _stated_members(value_type, values.watch_words if words is None else words)
        members = list(dict.fromkeys(stated + list(value_type.values)))
        return [enum_member(v) for v in members[:MAX_ENUM_MEMBERS]]
    if isinstance(value_type, NumberType):
        if value_type.unit in TEMPERATURE_UNITS:
            return list(dict.fromkeys(values.degrees + values.numbers))
        # A number of degrees is no position, brightness or volume.
        return [n for n in values.numbers if n not in values.degrees or value_type.unit is None]
    if isinstance(value_type, TimeType) and not value_type.has_date:
        return list(dict.fromkeys(values.set_clocks + values.clocks))
    if isinstance(value_type, DurationType):
        return list(values.durations)
    if isinstance(value_type, StringType) and values.message:
        return [values.message]
    return []


def _stated_members(value_type: EnumType, words: tuple[str, ...]) -> list[str]:
    """The members of an enum the words state ("eco", "heat"; "leaves" for `not_home`)."""
    said = set(words)
    return [v for v in value_type.values if said & (_VALUE_WORDS.get(v, frozenset()) | set(tokens(v)))]


def _said_as_the_device(value: str, words: tuple[str, ...]) -> bool:
    """Whether a mode is said only by the word for the device itself ("apaga la calefacción",
    "éteins le chauffage": the heating, switched off, not its heat mode), not as a mode ("modo
    calefacción")."""
    stating = set(words) & (_VALUE_WORDS.get(value, frozenset()) | set(tokens(value)))
    return bool(stating) and stating <= _CLIMATE_WORDS and not mode_said(value, words)


_CLIMATE_WORDS = frozenset(
    words[0] for phrase in kind_words().get("climate", ()) if len(words := tokens(phrase)) == 1
) - set(MODE_WORDS)
"""The one-word names of heating and cooling devices ("calefacción", "chauffage"), not a mode's own name."""


def _triggers(shortlist: Shortlist, index: EnvIndex, values: RequestValues) -> list[tuple[str | None, str]]:
    """A boolean or enum property becoming a value, a number crossing a stated threshold, anything
    changing (each optionally held for a stated duration); a stated time, sunrise or sunset; events.
    Each with the node it watches (None for clock triggers)."""
    out: dict[str, str | None] = {}
    on_days = f" on {', '.join(values.days)}" if values.days else ""
    for item in shortlist.nodes:
        for name in item.properties:
            prop = index.property(item.node, name)
            if prop is None:
                continue
            ref = f"{item.node}.{name}"
            bodies: list[str] = []
            if isinstance(prop, (BooleanType, EnumType)):
                bodies += [f"{ref} becomes {v}" for v in _values(prop, values)]
            elif isinstance(prop, NumberType):
                bodies += [f"{ref} {op} {_as_stated(prop, v, values)}" for v in _thresholds(values) for op in _crossings(v, values)]
                bodies += [f"{ref} > {_as_share(prop, a)} and {ref} < {_as_share(prop, b)}" for a, b in values.ranges]
                if values.household_way and index.nodes[item.node].kind == "zone" and name == "state":
                    # The home zone counts the people in it: everyone leaving is fewer than one.
                    bodies += [f"{ref} {_HOUSEHOLD_LEFT}", f"{ref} {_HOUSEHOLD_IN}"]
            elif isinstance(prop, TimeType):
                # A time of day is waited for by reaching it ("at Mia's bedtime"), seldom by its change.
                out.setdefault(f"at {ref}{on_days}", item.node)
            bodies.append(f"{ref} changes")
            for body in bodies:
                out.setdefault(f"when {body}", item.node)
                if not body.endswith("changes"):
                    for d in values.durations:
                        out.setdefault(f"when {body} for {d}", item.node)
        for event in item.events:
            out.setdefault(f"on {item.node}.{event}", item.node)
    for text in [
        *([" or ".join(f"at {c}{on_days}" for c in values.clocks_joined)] if values.clocks_joined else []),
        *(f"at {c}{on_days}" for c in values.clocks if c not in values.set_clocks),
        *(f"at {shift}{on_days}" for shift in values.sun_shifts),
        *(f"at {event}{on_days if event in values.sun_events else ''}" for event in ("sunrise", "sunset")),
        *(f"every {d}" for d in values.durations),
    ]:
        out.setdefault(text, None)
    return [(node, text) for text, node in out.items()]


def comparisons(shortlist: Shortlist, index: EnvIndex, values: RequestValues) -> list[tuple[str, str]]:
    out: dict[str, str] = {}
    for item in shortlist.nodes:
        for name in item.properties:
            prop = index.property(item.node, name)
            ref = f"{item.node}.{name}"
            if isinstance(prop, NumberType):
                for v in _thresholds(values):
                    for op in _crossings(v, values):
                        out.setdefault(f"{ref} {op} {_as_stated(prop, v, values)}", item.node)
                for a, b in values.ranges:
                    out.setdefault(f"{ref} > {_as_share(prop, a)} and {ref} < {_as_share(prop, b)}", item.node)
            elif isinstance(prop, (BooleanType, EnumType)):
                for v in _values(prop, values):
                    out.setdefault(f"{ref} == {v}", item.node)
                    if isinstance(prop, EnumType) and _denied(v, values):
                        out.setdefault(f"{ref} != {v}", item.node)
    return [(node, text) for text, node in out.items()]


_NEGATION = re.compile(
    r"\b(?:not|isn't|isnt|aren't|doesn't|nicht|niet|pas|não|nao|non|no(?=\s+(?:est[aáeé]\w*|llue\w+|hay|haya)\b)|"
    r"finish|finishes|finished|stops|stopped|ends|ended|done)\s+(?:(?:more|mehr|meer|plus|mais|più|with|está|esté|estiver|sta)\s+)?"
    r"(?:a\s+)?(\w+)", re.I
)
"""What the waiting clause denies: the word after "not", or after an end ("finishes cleaning",
"stops playing": no longer `cleaning`, `playing`)."""


def _denied(value: str, values: RequestValues) -> bool:
    """Whether the waiting clause denies this value of a many-valued state ("not raining" is no
    `rainy`). Values with an opposite of their own (`home`/`not_home`) are stated, not denied."""
    if not values.negated or value in _OPPOSITE or value in _ON_VALUES | _OFF_VALUES:
        return False
    denied = set(values.negated)
    own = [w for w in tokens(value) if w not in _GENERIC_VALUE_WORDS]
    return bool((own and set(own) <= denied) or denied & _VALUE_WORDS.get(value, frozenset()))


def _calls(shortlist: Shortlist, index: EnvIndex, values: RequestValues) -> list[tuple[str, float, str]]:
    """(node, the action's prior within the node, call text): the verbs' choice, then the order.
    A request that switches back after a while (`undo_after`) also gets each switching call
    followed by the wait and the way back, ahead of the call alone."""
    out: list[tuple[str, float, str]] = []
    for item in shortlist.nodes:
        own = _own_values(item, values)
        for rank, name in enumerate(item.actions):
            action = index.action(item.node, name)
            if action is not None and (call := _call(name, action, own)) is not None:
                text = f"{item.node}.{call}"
                stated = 0 if item.level_elsewhere else _stated_count(action, call, own)
                if (name in SWITCHED_ON_FIRST or (values.on_first and stated and name != "turn_on")) and "turn_on" in index.nodes[item.node].actions:
                    text = f"{item.node}.turn_on(){CALL_INDENT}{text}"
                prior = _stated_prior(item, rank, stated)
                if stated and values.then_verbs:
                    text = CALL_INDENT.join([text, *_done_next(item.node, name, index, values)])
                out.append((item.node, prior, text))
                if (undone := _switched_back([text], [item.node], name, index, values)) is not None:
                    out.append((item.node, prior + UNDO_BONUS, undone))
    return out


def _done_next(node: str, name: str, index: EnvIndex, values: RequestValues) -> list[str]:
    """The calls a node's later verb-only commands ask for ("… and start playing": `media_play()`),
    each one its verbs ask for fully and that takes no arguments."""
    actions = index.nodes[node].actions
    out = []
    for command in values.then_verbs:
        scores = verb_scores(command, actions, node_name=index.nodes[node].name or "", node_kind=index.nodes[node].kind)
        best = max(scores, key=lambda a: (scores[a], -list(actions).index(a)), default=None)
        if best is not None and best != name and scores[best] >= 1.0 and _plain(actions[best]):
            out.append(f"{node}.{best}()")
    return out


def _switched_back(calls: list[str], nodes: list[str], name: str, index: EnvIndex, values: RequestValues) -> str | None:
    """The calls, the wait the request states (`undo_after`) and each node's way back from `name`
    ("turn on the porch light for 5 minutes"), when each way back takes no arguments; else None."""
    back = SWITCHED_BACK_BY.get(name)
    if not values.undo_after or back is None or not all(_plain(index.action(node, back)) for node in nodes):
        return None
    return CALL_INDENT.join([*calls, f"wait {values.undo_after}", *(f"{node}.{back}()" for node in nodes)])


def _stated_prior(item: Shortlisted, rank: int, stated: int, bonus: bool = True) -> float:
    """A call's prior: its action's, or, when it sets `stated` values the request states, the
    prior of the action the verbs ask for most, and (with `bonus`) ahead by the values set.
    "Rollladen halb schließen": the verb asks for closing, the level for a position; the action
    that takes the level is what the verb asks for. One that also sets the rest the request
    states is ahead ("21 degrees in heat mode")."""
    prior = _action_prior(item, rank)
    if not stated:
        return prior
    prior = max(prior, VERB_WEIGHT * max(item.action_scores, default=0.0))
    return prior + (STATED_UNIT_BONUS + MORE_STATED_BONUS * (stated - 1) if bonus else 0.0)


def _own_values(item: Shortlisted, values: RequestValues) -> RequestValues:
    """The request's values as the node's own command states them: "the floor lamp to 30% and
    the bedside lamp to 10%" sets each lamp to its own level; "turn on the kitchen light and set the
    blinds to 30%", the light to none."""
    if item.own_words:
        # "Turn off the TV and put the heating on eco": the heating's mode is said in its command.
        values = msgspec.structs.replace(values, act_words=item.own_words)
    if item.level_elsewhere:
        return msgspec.structs.replace(values, levels=())
    if not item.own_levels:
        return values
    levels = tuple((unit, _literal(value)) for unit, value in item.own_levels if unit != "°")
    degrees = tuple(_literal(value) for unit, value in item.own_levels if unit == "°")
    return msgspec.structs.replace(values, levels=levels, degrees=degrees or values.degrees)


def _sets_stated_value(action: Action, call: str, values: RequestValues) -> bool:
    """Whether the call sets a temperature to the degrees the request states ("21 degrees"), or
    what it is for to the level it states ("lower the blinds to 50%" is `set_cover_position(position:
    50)`, not a plain close), or a mode to the one its command names ("set the thermostat to eco"
    is `set_preset_mode(preset_mode: eco)`, not another mode's setter)."""
    return _stated_count(action, call, values) > 0


def _stated_count(action: Action, call: str, values: RequestValues) -> int:
    """How many of the call's parameters `_sets_stated_value` finds set as the request states."""
    return sum(
        (
            isinstance(value_type, NumberType)
            and (
                (value_type.unit in TEMPERATURE_UNITS and any(f"{param}: {degrees}" in call for degrees in _set_degrees(values)))
                or (
                    (level := _level(value_type, values)) is not None
                    and f"{param}: {level}" in call
                    # An optional level ("dim the light to 20%" is `turn_on(brightness_pct: 20)`)
                    # only when the command says it, not what it waits for.
                    and (not value_type.optional or _level_commanded(values))
                )
            )
        )
        or (
            isinstance(value_type, EnumType)
            and any(
                f"{param}: {enum_member(v)}" in call
                for v in _stated_members(value_type, values.act_words)
                if not _said_as_the_device(v, values.act_words)
                and (not value_type.optional or (v not in _GENERIC_VALUE_WORDS and mode_said(v, values.act_words)))
            )
        )
        for param, value_type in action.params.items()
    )


def _following(
    shortlist: Shortlist, index: EnvIndex, compared: list[tuple[str, str]], thresholds: bool = False
) -> list[tuple[str, str, str]]:
    """(watched node, node acted on, text): a whole body that keeps one node in step with
    another, `when <ref> changes / if <ref> == <value> / do <node>.<on>() / else <node>.<off>()`,
    for each comparison of one node and each other node that can switch both ways."""
    scores = {item.node: item.score for item in shortlist.nodes}
    watch = {item.node: item.watch_score for item in shortlist.nodes}
    switches: list[tuple[str, str, str]] = []
    for item in shortlist.nodes:
        if ways := _both_ways(index, item.node, item.actions):
            switches.append((item.node, *ways))
    # The best few of each side, as retrieval ranks them: a whole environment (the full-context
    # baseline) would otherwise offer every pair.
    switches = sorted(switches, key=lambda s: -scores[s[0]])[:FOLLOW_CHOICES]
    # In the comparisons' order among equals: a set's order changes from run to run.
    # Only what retrieval shortlisted leads: the sun or clock of a day or night limit need not be.
    compared = [(w, c) for w, c in compared if w in watch]
    leaders = sorted(dict.fromkeys(w for w, _ in compared), key=lambda w: -watch[w])[: FOLLOW_CHOICES + 1]
    out = []
    for watched, comparison in compared:
        if watched not in leaders:
            continue
        # One way per property is enough: the `else` is the other ("== false" repeats "== true",
        # "== not_home" "== home": in step, someone home is on).
        # A threshold the request says to keep in step with (`thresholds`: "keep the fan on as long
        # as the humidity is above 70%") is compared as a state is.
        ops = (" == ", " > ", " < ", " >= ", " <= ") if thresholds else (" == ",)
        compares = next((op for op in ops if op in comparison), None)
        if compares is None or comparison.endswith((" == false", " == off", " == not_home", " == closed")):
            continue
        for node, on, off in switches:
            if node != watched:
                ref = comparison.split(compares)[0]
                text = f"\n  when {ref} changes\n  if {comparison}\n  do {node}.{on}()\n  else {node}.{off}()"
                out.append((watched, node, text))
    return out


def _with_stated_setting(text: str, node: str, calls: list[tuple[str, float, str]]) -> str:
    """A body kept in step whose `do` call is the node's best call of the same action that sets
    what the request states (`turn_on(brightness_pct: 30)` for `turn_on()`), when there is one."""
    do = re.search(rf"\n  do ({re.escape(node)}\.(\w+))\(\)\n", text)
    if do is None:
        return text
    richer = [
        (prior, call) for n, prior, call in calls
        if n == node and call.startswith(f"{do.group(1)}(") and not call.endswith("()") and CALL_INDENT not in call
    ]
    return text.replace(f"{do.group(1)}()", max(richer)[1], 1) if richer else text


_DO_ELSE = re.compile(r"(\n  do )(.*)(\n  else )(.*)$")


def _the_other_way_round(text: str) -> str:
    """A body kept in step (`do on / else off`) with its two calls swapped."""
    return _DO_ELSE.sub(lambda m: f"{m.group(1)}{m.group(4)}{m.group(3)}{m.group(2)}", text)


def _may_lead(leader: str, acted_on: str, index: EnvIndex, values: RequestValues) -> bool:
    """Whether a node may lead a switch or flag the request names without a way: it is in the same
    place ("Garden lights" follow the garden's motion) or the request names it ("Check if machine
    is washing": the flag "Wash active"), not merely the best watched node of the home."""
    one, other = index.nodes[leader], index.nodes[acted_on]
    return bool((one.area and one.area == other.area) or node_words(one) & set(values.said_words))


def _between(
    shortlist: Shortlist, index: EnvIndex, values: RequestValues, acted_on: str | None
) -> list[tuple[str, str]]:
    """(the number's node, text): a whole body that keeps a number between the two thresholds the request
    states ("stopping charge above 90% and resuming below 30%"), switching the target one way
    above the upper and the other way below the lower, and nothing in between:
    `when L > 90 or L < 30 / if L > 90 / do plug.turn_off() / else plug.turn_on()`. Only when
    the request says which way one of them switches."""
    if not (values.above and values.below and values.above_switches and acted_on):
        return []
    if not (ways := _both_ways(index, acted_on, tuple(index.nodes[acted_on].actions))):
        return []
    on, off = ways
    upper, lower = values.above[0], values.below[0]
    first, other = (on, off) if values.above_switches > 0 else (off, on)
    out = []
    for item in shortlist.nodes:
        if item.node == acted_on:
            continue
        for name in item.properties:
            if isinstance(index.property(item.node, name), NumberType):
                ref = f"{item.node}.{name}"
                text = (
                    f"\n  when {ref} > {upper} or {ref} < {lower}\n  if {ref} > {upper}"
                    f"\n  do {acted_on}.{first}()\n  else {acted_on}.{other}()"
                )
                out.append((item.node, text))
    return out


def _grouped(condition: str) -> str:
    """A condition joined by `or`, in parentheses to be one operand of an `and`."""
    return f"({condition})" if " or " in condition else condition


def _plain(action: Action | None) -> bool:
    """Whether the action can be called without arguments."""
    return action is not None and all(p.optional for p in action.params.values())


def _both_ways(index: EnvIndex, node: str, actions: Sequence[str]) -> tuple[str, str] | None:
    """The node's first on and first off action (in `actions`' order) callable without arguments."""
    plain = [name for name in actions if _plain(index.action(node, name))]
    on = next((name for name in plain if name in ON_ACTIONS), None)
    off = next((name for name in plain if name in OFF_ACTIONS), None)
    return (on, off) if on and off else None


def _group_calls(shortlist: Shortlist, index: EnvIndex, values: RequestValues) -> list[tuple[float, str]]:
    """(prior, the calls) for each action every member of the group offers, as one `do` block."""
    items = {item.node: item for item in shortlist.nodes}
    members = [items[m] for m in shortlist.group if m in items]
    if not members:
        return []
    first = members[0]
    out: list[tuple[float, str]] = []
    for rank, name in enumerate(first.actions):
        calls = []
        stated = False
        for member in members:
            action = index.action(member.node, name) if name in member.actions else None
            call = _call(name, action, values) if action is not None else None
            if call is None:
                break
            calls.append(f"{member.node}.{call}")
            stated = stated or _sets_stated_value(action, call, values)
        else:
            # "Set all thermostats to 16 degrees": a block the request quantifies sets the stated
            # value, as its calls alone do ("the bedroom Echo" is still the one). So does a block of
            # nodes each named apart ("dim the floor lamp, the bedside lamp and the desk lamp to 20%"),
            # and the plural of a kind or sort ("the kitchen lights at 30%") when no member stands for
            # the rest (a "Kitchen lights" group: it alone is set).
            each_named = len(members) > 1 and all(member.also_named for member in members[1:])
            plural = bool(PLURAL_SAID.intersection(values.act_words)) and not _stands_for_the_rest(shortlist.group, index)
            asked = each_named or plural or bool(QUANTIFIERS.intersection(values.act_words))
            bonus = STATED_UNIT_BONUS if stated and asked else 0.0
            out.append((_action_prior(first, rank) + bonus, CALL_INDENT.join(calls)))
            # "Turn on the kitchen lights for 10 minutes": each on, the wait, each off again.
            if (undone := _switched_back(calls, [member.node for member in members], name, index, values)) is not None:
                out.append((_action_prior(first, rank) + bonus + UNDO_BONUS, undone))
    return out


PLURAL_SAID = PLURAL_WHOLE | (PLURAL_SORTS - SAME_IN_SINGULAR)
"""The plural of a kind or a sort ("lights", "blinds"): said of each of them."""
GROUPING_NAMES = frozenset(tokens("group groups gruppe groep grupo gruppo groupe"))
"""Words that name a group of devices ("Stairs group")."""


def _stands_for_the_rest(members: Sequence[str], index: EnvIndex) -> bool:
    """Whether a member's name says nothing the others' names do not all say ("Keuken verlichting"
    beside "Keuken 1" … "Keuken 5", "Stairs group", "All"): a group of them, not one of them."""
    def own(node: str) -> set[str]:
        return set(tokens(index.nodes[node].name or node)) - WHOLE_KIND_WORDS - GROUPING_NAMES - QUANTIFIERS
    return any(all(own(member) <= own(other) for other in members if other != member) for member in members)


def _command_calls(shortlist: Shortlist, index: EnvIndex, values: RequestValues) -> tuple[float, str] | None:
    """The calls of the request's commands as one block, each node's likeliest call alone,
    with the weakest of their action priors (each command's verbs ask for its own), and the bonus
    of a stated value one of them sets."""
    items = {item.node: item for item in shortlist.nodes}
    calls: list[str] = []
    priors: list[float] = []
    stated = False
    order = shortlist.command_order or tuple(range(len(shortlist.commands)))
    for node, at in list(zip(shortlist.commands, order))[:MAX_CALLS]:
        item = items.get(node)
        if item is None:
            continue
        if at < len(values.waits_between) and values.waits_between[at] and calls:
            calls.append(f"wait {values.waits_between[at]}")  # "…, wait 5 minutes and turn off the fan"
        members = shortlist.command_members.get(node, (node,))
        own = _own_values(item, values)
        options: list[tuple[float, float, list[str], bool, str]] = []  # (prior, base prior, calls, stated, action)
        for rank, name in enumerate(item.actions):
            written = []
            count = 0
            for member in members:
                action = index.action(member, name)
                if action is None or (call := _call(name, action, own)) is None:
                    if len(members) == 1:
                        break
                    continue  # "alle Steckdosen aus": each socket that can be switched off
                written.append(f"{member}.{call}")
                count = max(count, 0 if item.level_elsewhere else _stated_count(action, call, own))
            if written:
                options.append((_stated_prior(item, rank, count), _stated_prior(item, rank, count, bonus=False), written, count > 0, name))
        if options:
            # The node's likeliest call, as alone ("turn off the thermostat" sets its mode to off).
            _, base, written, sets, name = max(options, key=lambda option: option[0])
            if values.held_last and at == values.held_last[0]:
                # "… and turn on the kitchen light for 10 minutes": on, and back off when the time is up.
                held = msgspec.structs.replace(values, undo_after=values.held_last[1])
                written = [back] if (back := _switched_back(written, list(members), name, index, held)) else written
            calls += written
            priors.append(base)
            stated = stated or sets
    if len(priors) < 2:
        return None
    # A block that sets what the request states ("… and set the radiator to 18 degrees") is as far
    # ahead of its calls alone as the call that sets it is of the other calls.
    return min(priors) + (STATED_UNIT_BONUS if stated else 0.0), CALL_INDENT.join(calls)


def _action_prior(item: Shortlisted, rank: int) -> float:
    """A node's `rank`-th action: ahead as far as the verbs ask for it, behind by its place."""
    asked = item.action_scores[rank] if rank < len(item.action_scores) else 0.0
    return VERB_WEIGHT * asked - ACTION_RANK_PENALTY * rank


def _offer(plan: Plan, state: str, text: str, next: str, prior: float) -> None:
    """Add a step, or raise the prior of the same step already there (a group of one is a single call)."""
    steps = plan.states.setdefault(state, [])
    for i, step in enumerate(steps):
        if step.text == text and step.next == next:
            steps[i] = Step(text, next, max(step.prior, prior), step.kind)
            return
    steps.append(Step(text, next, prior))


def call_for(node_id: str, name: str, index: EnvIndex, values: RequestValues) -> str | None:
    """`node.name(...)` with the values the request gives, or None when the node has no such
    action or a required parameter no value."""
    action = index.action(node_id, name)
    call = _call(name, action, values) if action is not None else None
    return f"{node_id}.{call}" if call is not None else None


def can_call(node_id: str, index: EnvIndex, values: RequestValues) -> bool:
    """Whether any action of the node can be written with the values the request gives (setting
    a text needs a text the request does not have)."""
    return any(
        action is not None and _call(name, action, values) is not None
        for name in index.nodes[node_id].actions
        for action in [index.action(node_id, name)]
    )


def _call(name: str, action: Action, values: RequestValues) -> str | None:
    """`name(required: value, ...)` with the first value of each type the request offers; None when
    a required parameter has no value to give."""
    args: list[str] = []
    # One stated number fills one parameter: Home Assistant rejects `brightness_pct` beside
    # `brightness_step_pct`, and `temperature` beside `target_temp_high`/`target_temp_low`; the
    # first listed (the absolute one) takes it.
    given: set[tuple[str | None, str]] = set()
    for param, value_type in action.params.items():
        level = _level(value_type, values)
        if value_type.optional:
            if level is None and isinstance(value_type, NumberType) and value_type.unit in TEMPERATURE_UNITS:
                # "auf 21 Grad": a temperature set, optional as Home Assistant lists it; "set Topeni
                # to 22", a number a room is set to, though no word says degrees.
                level = next((v for v in map(_fitted(value_type), _set_degrees(values)) if v), None) or next(
                    (v for v in _set_numbers(values) if COMFORT_RANGE[0] <= float(v) <= COMFORT_RANGE[1]), None
                )
            if level is None and isinstance(value_type, NumberType) and param == "value" and name == "set_value":
                level = next(iter(_set_numbers(values)), None)  # "set the charger current to 10"
            if level is None and isinstance(value_type, EnumType) and not _unset_number(action, args):
                # "to heat mode", "auf Automatik": a mode the command names, not its switching's on
                # or off; beside a temperature only when that is set too (Home Assistant's
                # `set_temperature` takes no mode alone).
                stated = [v for v in value_type.values if v not in _GENERIC_VALUE_WORDS and mode_said(v, values.act_words)]
                level = enum_member(stated[0]) if len(stated) == 1 else None
            if level is None and isinstance(value_type, StringType) and values.quoted and not any(values.quoted in a for a in args):
                level = values.quoted
            if level is None and isinstance(value_type, NumberType) and value_type.unit == "K" and values.kelvin:
                level = _fitted(value_type)(values.kelvin)  # "warm white"
            if level is None and isinstance(value_type, StringType) and values.colour and param == "color_name":
                level = string(values.colour)  # "turn the floor lamp blue"
            if level is None and isinstance(value_type, StringType) and values.chosen and _chooses(name, action):
                level = values.chosen  # "set the dryer status to Bezig": the option chosen
            if level is None and values.fade and isinstance(value_type, NumberType) and value_type.unit == "s" and _FADE_WORDS & {
                param, *value_type.aliases
            }:
                level = values.fade  # "with a 5 second transition"
            spans = [d for d in values.durations if d not in values.held] + ([values.undo_after] if values.undo_after else [])
            if level is None and isinstance(value_type, DurationType) and spans:
                level = spans[0]  # "start the tea timer for 5 minutes": how long it runs
            if level is not None and isinstance(value_type, NumberType):
                if (value_type.unit, level) in given:
                    continue
                given.add((value_type.unit, level))
            if level is not None:
                args.append(f"{param}: {level}")
            continue
        literals = _values(value_type, values, values.act_words)
        if isinstance(value_type, NumberType) and value_type.unit in TEMPERATURE_UNITS:
            # "… drops below 18 degrees, set the thermostat to 21": the degrees it is set to first.
            literals = list(dict.fromkeys(_set_degrees(values) + literals))
        options = [level] if level is not None else [v for v in map(_fitted(value_type), literals) if v]
        if not options:
            return None
        args.append(f"{param}: {options[0]}")
    return f"{name}({', '.join(args)})"


def _chooses(name: str, action: Action) -> bool:
    """Whether the action picks one of a select's options (`select_option`, by name or service)."""
    return "select_option" in (name, (action.source or "").rpartition(".")[2])


def _unset_number(action: Action, args: list[str]) -> bool:
    """Whether a number parameter of the action is left out of the arguments written so far."""
    written = {arg.split(":")[0] for arg in args}
    return any(isinstance(t, NumberType) and p not in written for p, t in action.params.items())


def _level(value_type: ValueType, values: RequestValues) -> str | None:
    """The level the request states in the parameter's unit and range ("50%" for `brightness_pct`),
    or as the fraction a parameter from 0 to 1 takes ("20%" is a `volume_level` of 0.2)."""
    if not isinstance(value_type, NumberType):
        return None
    for unit, value in values.levels:
        if unit == "%" and _is_fraction(value_type) and 0 <= float(value) <= 100:
            return number(float(value) / 100)
        low, high = value_type.min, value_type.max
        if value_type.unit in ("%", "K") and unit == value_type.unit and (low is None or float(value) >= low) and (high is None or float(value) <= high):
            return value
    return None


def _set_numbers(values: RequestValues) -> list[str]:
    """The bare numbers the request sets something to: none it waits to cross, no level, no time."""
    crossed = set(values.above + values.below)
    return [n for n in values.numbers if n not in crossed and n not in {v for _, v in values.levels}]


def _set_degrees(values: RequestValues) -> list[str]:
    """The degrees the request sets a temperature to, not those it waits to cross ("colder than 18
    degrees" sets nothing)."""
    return [d for d in values.degrees if d not in values.above + values.below]


def _level_commanded(values: RequestValues) -> bool:
    """Whether a level the request states is in its command's words."""
    said = set(values.act_words)
    if _HALFWAY.search(" ".join(values.act_words)):
        return True  # "open the blind halfway"
    return any(value in said or value.rstrip("0").rstrip(".") in said for _, value in values.levels)


def _is_fraction(value_type: NumberType) -> bool:
    """A number from 0 to 1 with no unit: a share, as Home Assistant takes a volume."""
    return value_type.unit is None and value_type.min == 0 and value_type.max == 1


def _as_stated(prop: NumberType, literal: str, values: RequestValues) -> str:
    """A threshold as the property holds it: a share of 0 to 1 (`_as_share`), or, said in percent
    of a level Home Assistant keeps from 0 to 255 ("above 80% brightness"), that part of 255."""
    if prop.unit is None and prop.min == 0 and prop.max == 255 and (literal, "percent") in values.threshold_units:
        return number(round(float(literal) * 255 / 100))
    if literal in values.kilo and prop.unit in ("W", "Wh"):
        return number(float(literal) * 1000)  # "above 2 kW" of a power in watts is `> 2000`
    return _as_share(prop, literal)


def _as_share(prop: NumberType, literal: str) -> str:
    """A number said of a property from 0 to 1 as the share it is ("above 50%" of a volume is
    0.5); any other as said."""
    value = float(literal)
    return number(value / 100) if _is_fraction(prop) and 1 < value <= 100 else literal


def _fitted(value_type: ValueType) -> Callable[[str], str | None]:
    """The request's number as a parameter takes it: within its range, a share of 0 to 1 read from
    a number up to 100 ("volume to 20" is 0.2); None when it cannot be."""

    def fit(literal: str) -> str | None:
        if not isinstance(value_type, NumberType):
            return literal
        value = float(_as_share(value_type, literal))
        low, high = value_type.min, value_type.max
        if (low is not None and value < low) or (high is not None and value > high):
            return None
        return number(value)

    return fit


def _starts_at_its_window(plan: Plan, values: RequestValues) -> bool:
    """Whether the likeliest trigger is a time the request bounds its hours by."""
    best = max(plan.states.get("trigger", []), key=lambda step: step.prior, default=None)
    return best is not None and best.text.startswith("\n  at ") and best.text.removeprefix("\n  at ").split(" on ")[0] in values.window_times


def window_condition(index: EnvIndex, values: RequestValues) -> tuple[str, str] | None:
    """(clock, `clock.time >= 22:00`) for a request limited to some hours, when the built-in clock
    is there (an environment's own `clock` node replaces it)."""
    if values.window is None or index.builtins.get(CLOCK_ID) is None:
        return None
    return CLOCK_ID, values.window


def daylight_condition(index: EnvIndex, values: RequestValues) -> tuple[str, str] | None:
    """(sun node, `sun.state == below_horizon`) for a request limited to night or day, when the
    home has a sun whose state says it."""
    if values.daylight is None:
        return None
    for node in index.nodes.values():
        state = node.properties.get("state")
        if node.kind == "sun" and isinstance(state, EnumType) and values.daylight in state.values:
            return node.id, f"{node.id}.state == {enum_member(values.daylight)}"
    return None
