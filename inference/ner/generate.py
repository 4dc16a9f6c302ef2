"""Training sentences for the NER model, generated from environments, in English and German.

Why generated: there is no labelled corpus of home-automation requests, and the labels the pipeline
needs (which words name a device, a property, a value...) are exactly what an environment already
knows. Each sentence picks real nodes, properties, actions and values from an environment, names
them the ways people do (friendly name, id with spaces, alias, part of the name, area + kind word)
and wraps them in triggers, conditions and actions phrased many ways. Spans are recorded while the
sentence is built, so labels are exact by construction.

Labelling conventions (what the retrieval stage can rely on):
- `node` is the whole device phrase, area words included when they are part of it ("kitchen
  light", "Wohnzimmerlampe"); `area` is an area named on its own ("in the kitchen", "im Bad").
- `value` is a number or a state word ("on", "open", "fertig", "detected"), `unit` its unit;
  a duration ("5 minutes") and a time ("7:30", "sunset", "22 Uhr") are one span each.
- `action` covers the verb phrase; German separable verbs give two spans ("schalte" ... "ein").
- Everything is deterministic given the seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import msgspec
from wfl.schemas.environment import BooleanType, EnumType, Environment, Node, NumberType

from . import lexicon as lx
from .templates import GLUE, Seg, assemble, render


class Sentence(msgspec.Struct, frozen=True):
    text: str
    spans: list[tuple[int, int, str]]
    """(start char, end char, label)."""
    env: str
    lang: str


_ACTION_KIND_WEIGHT = {
    "light": 5.0,
    "switch": 3.0,
    "cover": 3.0,
    "climate": 3.0,
    "media_player": 3.0,
    "fan": 2.0,
    "lock": 2.0,
    "vacuum": 2.0,
    "scene": 2.0,
    "input_boolean": 2.0,
    "alarm_control_panel": 2.0,
    "script": 1.0,
    "button": 1.0,
    "camera": 0.7,
    "automation": 0.7,
    "input_number": 1.0,
    "input_select": 1.0,
    "notify": 0.0,
    "update": 0.2,
    "timer": 0.5,
    "number": 0.5,
    "select": 0.5,
    "remote": 0.5,
}
_KIND_TO_WORDS = {
    "light": "light",
    "switch": "switch",
    "fan": "fan",
    "cover": "cover",
    "climate": "climate",
    "media_player": "media_player",
    "lock": "lock",
    "vacuum": "vacuum",
    "camera": "camera",
    "button": "button",
}
_PERCENT_PROPS = {
    "brightness",
    "position",
    "volume_level",
    "percentage",
    "battery",
    "battery_level",
    "humidity",
}

# ------------------------------------------------------------------------------------ English actions

_EN_ACTIONS: dict[str, list[str]] = {
    "turn_on": [
        "<action:turn on|switch on|power on> {node}",
        "<action:turn|switch> {node} <action:on>",
        "<action:enable|activate|start> {node}",
        "<action:turn on> {node}",
    ],
    "turn_off": [
        "<action:turn off|switch off|shut off|power off|kill> {node}",
        "<action:turn|switch|shut> {node} <action:off>",
        "<action:disable|deactivate|stop> {node}",
        "<action:turn off> {node}",
    ],
    "toggle": ["<action:toggle|flip> {node}"],
    "_set": [
        "<action:set> {node} to {value}",
        "<action:set> {node} {prop} to {value}",
        "<action:set> the {prop} of {node} to {value}",
        "<action:change|adjust> {node} to {value}",
        "<action:put> {node} (at|on|to) {value}",
    ],
    "_dim": [
        "<action:dim> {node} to {value}",
        "<action:turn on> {node} (at|with|to) {value} [{prop}]",
        "<action:turn on> {node} with {prop} {value}",
        "<action:brighten|dim> {node} to {value}",
        "<action:set> {node} to {value}",
    ],
    "open_cover": ["<action:open|raise|roll up|pull up> {node}"],
    "close_cover": ["<action:close|lower|roll down|shut> {node}"],
    "set_cover_position": [
        "<action:set> {node} to {value}",
        "<action:lower|raise|move|open|close> {node} to {value}",
    ],
    "stop_cover": ["<action:stop> {node}"],
    "lock": ["<action:lock> {node}"],
    "unlock": ["<action:unlock> {node}"],
    "open": ["<action:open|unlatch> {node}"],
    "media_pause": ["<action:pause> {node}", "<action:pause> the music on {node}"],
    "media_play": [
        "<action:play|resume> {node}",
        "<action:play> music on {node}",
        "<action:start playing> (music|the playlist) on {node}",
    ],
    "media_stop": ["<action:stop> {node}", "<action:stop> the music on {node}"],
    "play_media": [
        "<action:play> (music|a playlist|the radio|Spotify) on {node}",
        "<action:start> (a|the) playlist on {node}",
    ],
    "select_source": [
        "<action:switch> {node} to (Spotify|TV|HDMI 1|the radio)",
        "<action:select> (Spotify|TV) on {node}",
    ],
    "volume_set": [
        "<action:set> the <property:volume> of {node} to {value}",
        "<action:set> {node} <property:volume> to {value}",
        "<action:turn down|turn up|lower> the <property:volume> on {node} to {value}",
    ],
    "start": [
        "<action:start> {node}",
        "<action:start cleaning with> {node}",
        "<action:run> {node}",
    ],
    "stop": ["<action:stop> {node}"],
    "pause": ["<action:pause> {node}"],
    "return_to_base": [
        "<action:send> {node} <action:home|back to the dock|back to its base>",
        "<action:dock> {node}",
    ],
    "set_temperature": [
        "<action:set> {node} to {value}",
        "<action:heat> {node} to {value}",
        "<action:set> the {prop} of {node} to {value}",
        "<action:set> {node} {prop} to {value}",
        "<action:turn up|turn down> {node} to {value}",
    ],
    "set_hvac_mode": [
        "<action:set> {node} to <value:heat|cool|auto|off>",
        "<action:switch> {node} to <value:heating|cooling> [mode]",
    ],
    "set_percentage": ["<action:set> {node} to {value}", "<action:set> {node} {prop} to {value}"],
    "alarm_arm_away": [
        "<action:arm> {node}",
        "<action:arm> {node} in away mode",
        "<action:arm> {node} (to|as) <value:away>",
    ],
    "alarm_arm_home": ["<action:arm> {node} [in] <value:home> [mode]", "<action:arm> {node}"],
    "alarm_arm_night": ["<action:arm> {node} [in] <value:night> [mode]"],
    "alarm_disarm": ["<action:disarm> {node}", "<action:turn off> {node}"],
    "alarm_trigger": ["<action:trigger|sound|set off> {node}"],
    "press": ["<action:press|push> {node}"],
    "trigger": ["<action:trigger|run> {node}"],
    "snapshot": [
        "<action:take a snapshot|take a picture> (with|from|on) {node}",
        "<action:snapshot> {node}",
    ],
    "start_charging": ["<action:start charging> {node}", "<action:charge> {node}"],
    "stop_charging": ["<action:stop charging> {node}"],
    "set_value": ["<action:set> {node} to {value}"],
    "select_option": [
        "<action:set> {node} to <value:{option}>",
        "<action:select|choose> <value:{option}> (on|for) {node}",
    ],
    "increment": ["<action:increase|increment> {node}"],
    "decrement": ["<action:decrease|decrement> {node}"],
    "_scene": [
        "<action:activate|turn on|enable|start|set> {node} [scene]",
        "<action:activate> scene {node}",
    ],
}
_EN_NOTIFY = [
    "<action:notify|alert|warn|message> (me|us|everyone|everybody)",
    "<action:send> (me|us|everyone) <action:a notification|a message|an alert|a push notification>",
    "<action:send a notification|send a push notification|send a message> (to my phone|to me|to everyone|)",
    "<action:notify> {node}",
    "<action:send a notification|send a message|send an alert> to {node}",
    "<action:notify> me on {node}",
    "<action:let> me <action:know>",
    "<action:notify> me (with|via) {node}",
]

# ------------------------------------------------------------------------------------- German actions
# (imperative, third person, particle or None, infinitive) for separable and plain verbs.
_DE_VERBS: dict[str, list[tuple[str, str, str | None, str]]] = {
    "turn_on": [
        ("schalte", "schaltet", "ein", "einschalten"),
        ("schalte", "schaltet", "an", "anschalten"),
        ("mach", "macht", "an", "anmachen"),
        ("aktiviere", "aktiviert", None, "aktivieren"),
    ],
    "turn_off": [
        ("schalte", "schaltet", "aus", "ausschalten"),
        ("schalte", "schaltet", "ab", "abschalten"),
        ("mach", "macht", "aus", "ausmachen"),
        ("deaktiviere", "deaktiviert", None, "deaktivieren"),
    ],
    "toggle": [("schalte", "schaltet", "um", "umschalten")],
    "_set": [
        ("stelle", "stellt", None, "stellen"),
        ("setze", "setzt", None, "setzen"),
        ("regle", "regelt", None, "regeln"),
    ],
    "_dim": [
        ("dimme", "dimmt", None, "dimmen"),
        ("stelle", "stellt", None, "stellen"),
        ("schalte", "schaltet", "ein", "einschalten"),
    ],
    "open_cover": [
        ("öffne", "öffnet", None, "öffnen"),
        ("fahre", "fährt", "hoch", "hochfahren"),
        ("mach", "macht", "auf", "aufmachen"),
        ("zieh", "zieht", "hoch", "hochziehen"),
    ],
    "close_cover": [
        ("schließe", "schließt", None, "schließen"),
        ("fahre", "fährt", "runter", "runterfahren"),
        ("fahre", "fährt", "herunter", "herunterfahren"),
        ("mach", "macht", "zu", "zumachen"),
    ],
    "set_cover_position": [
        ("fahre", "fährt", None, "fahren"),
        ("stelle", "stellt", None, "stellen"),
    ],
    "stop_cover": [("stoppe", "stoppt", None, "stoppen")],
    "lock": [
        ("schließe", "schließt", "ab", "abschließen"),
        ("verriegle", "verriegelt", None, "verriegeln"),
        ("sperre", "sperrt", "zu", "zusperren"),
    ],
    "unlock": [
        ("schließe", "schließt", "auf", "aufschließen"),
        ("entriegle", "entriegelt", None, "entriegeln"),
    ],
    "open": [("öffne", "öffnet", None, "öffnen")],
    "media_pause": [
        ("pausiere", "pausiert", None, "pausieren"),
        ("halte", "hält", "an", "anhalten"),
    ],
    "media_play": [
        ("starte", "startet", None, "starten"),
        ("setze", "setzt", "fort", "fortsetzen"),
    ],
    "media_stop": [("stoppe", "stoppt", None, "stoppen"), ("beende", "beendet", None, "beenden")],
    "start": [("starte", "startet", None, "starten")],
    "stop": [("stoppe", "stoppt", None, "stoppen"), ("halte", "hält", "an", "anhalten")],
    "pause": [("pausiere", "pausiert", None, "pausieren")],
    "return_to_base": [
        ("schicke", "schickt", "zurück", "zurückschicken"),
        ("schicke", "schickt", "zur Ladestation", "zur Ladestation schicken"),
    ],
    "set_temperature": [
        ("stelle", "stellt", None, "stellen"),
        ("heize", "heizt", None, "heizen"),
        ("setze", "setzt", None, "setzen"),
    ],
    "set_percentage": [("stelle", "stellt", None, "stellen")],
    "volume_set": [("stelle", "stellt", None, "stellen")],
    "alarm_arm_away": [
        ("schalte", "schaltet", "scharf", "scharf schalten"),
        ("aktiviere", "aktiviert", None, "aktivieren"),
    ],
    "alarm_arm_home": [("schalte", "schaltet", "scharf", "scharf schalten")],
    "alarm_arm_night": [("schalte", "schaltet", "scharf", "scharf schalten")],
    "alarm_disarm": [
        ("schalte", "schaltet", "unscharf", "unscharf schalten"),
        ("deaktiviere", "deaktiviert", None, "deaktivieren"),
    ],
    "alarm_trigger": [("löse", "löst", "aus", "auslösen")],
    "press": [("drücke", "drückt", None, "drücken"), ("betätige", "betätigt", None, "betätigen")],
    "trigger": [
        ("löse", "löst", "aus", "auslösen"),
        ("starte", "startet", None, "starten"),
        ("führe", "führt", "aus", "ausführen"),
    ],
    "start_charging": [("lade", "lädt", None, "laden"), ("starte", "startet", None, "starten")],
    "stop_charging": [("stoppe", "stoppt", None, "stoppen")],
    "set_value": [("setze", "setzt", None, "setzen"), ("stelle", "stellt", None, "stellen")],
    "select_option": [("setze", "setzt", None, "setzen"), ("stelle", "stellt", None, "stellen")],
    "_scene": [
        ("aktiviere", "aktiviert", None, "aktivieren"),
        ("starte", "startet", None, "starten"),
    ],
    "_other": [
        ("aktiviere", "aktiviert", None, "aktivieren"),
        ("starte", "startet", None, "starten"),
    ],
}
_DE_NOTIFY = {
    "imp": [
        "<action:benachrichtige|informiere|warne> (mich|uns|alle|{node})",
        "<action:sende|schicke> (mir|uns|) <action:eine Benachrichtigung|eine Nachricht|eine Push-Nachricht|eine Meldung> (an {node}|aufs Handy|)",
    ],
    "third": [
        "<action:benachrichtigt|informiert|warnt> (mich|uns|alle|{node})",
        "<action:sendet|schickt> (mir|uns|) <action:eine Benachrichtigung|eine Nachricht|eine Push-Nachricht> (an {node}|)",
    ],
    "inf": [
        "<action:Benachrichtigung senden|Nachricht schicken|Push-Nachricht senden|benachrichtigen>",
        "{node} <action:benachrichtigen>",
        "<action:Benachrichtigung> an {node} <action:senden|schicken>",
        "<action:Nachricht> an {node} <action:senden>",
    ],
}


def third_person(verb: str) -> str:
    """`turn` -> `turns`, `switch` -> `switches`, `notify` -> `notifies` (first word only)."""
    head, _, rest = verb.partition(" ")
    if head.endswith(("s", "sh", "ch", "x", "z")):
        head += "es"
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        head = head[:-1] + "ies"
    else:
        head += "s"
    return f"{head} {rest}".strip()


@dataclass
class _Target:
    node: Node
    action: str


class SentenceGenerator:
    """Sentences about one environment. `lang_de` is the share of German sentences."""

    def __init__(
        self, env: Environment, rng: random.Random, lang_de: float, env_lang: str = "en"
    ) -> None:
        self.env, self.rng, self.lang_de, self.env_lang = env, rng, lang_de, env_lang
        self.env_name = env.name or "env"
        self.actionable = [
            n for n in env.nodes if n.actions and _ACTION_KIND_WEIGHT.get(n.kind or "", 1.0) > 0
        ]
        self.action_weights = [_ACTION_KIND_WEIGHT.get(n.kind or "", 1.0) for n in self.actionable]
        self.numeric = [
            (n, p, t)
            for n in env.nodes
            for p, t in n.properties.items()
            if isinstance(t, NumberType)
        ]
        self.states = [
            (n, p, t)
            for n in env.nodes
            for p, t in n.properties.items()
            if isinstance(t, BooleanType) or (isinstance(t, EnumType) and t.values)
        ]
        self.people = [n for n in env.nodes if n.kind in ("person", "device_tracker")]
        self.notifiers = [n for n in env.nodes if n.kind == "notify"]
        self.areas = sorted({n.area for n in env.nodes if n.area})

    # ------------------------------------------------------------------------------- small pieces

    def pick(self, items: list, weights: list[float] | None = None):
        return self.rng.choices(items, weights)[0] if weights else self.rng.choice(items)

    def node_text(self, node: Node, lang: str) -> str:
        rng = self.rng
        name = node.name or node.id.replace("_", " ")
        options: list[tuple[float, str]] = [
            (3.0, name),
            (2.0, name.lower()),
            (1.5, node.id.replace("_", " ")),
        ]
        if rng.random() < 0.04:
            options.append((10.0, node.id))
        for alias in node.aliases:
            options.append((2.0 / len(node.aliases), alias))
        words = name.split()
        if len(words) >= 2:
            cut = rng.randint(1, len(words) - 1)
            options.append((1.0, " ".join(words[cut:] if rng.random() < 0.5 else words[:cut])))
        kind_words = lx.DEVICE_WORDS.get(_KIND_TO_WORDS.get(node.kind or "", ""), None)
        if kind_words:
            word = rng.choice(kind_words[1 if lang == "de" else 0])
            area = node.area.replace("_", " ") if node.area else None
            if area:
                options.append(
                    (
                        1.5,
                        f"{area} {word}"
                        if lang == "en" or rng.random() < 0.5
                        else f"{word} {area}",
                    )
                )
            options.append((0.3, word))
        text = rng.choices([o[1] for o in options], [o[0] for o in options])[0]
        return text if text.strip() else name

    def node(self, node: Node, lang: str, article: bool = True) -> list[Seg]:
        segs: list[Seg] = []
        kind_words = lx.DEVICE_WORDS.get(_KIND_TO_WORDS.get(node.kind or "", ""), None)
        if kind_words and self.rng.random() < 0.04:  # "all the lights", "alle Rollläden"
            word = self.pick(kind_words[1 if lang == "de" else 0])
            if lang == "en":
                return [
                    (self.pick(["all the", "all", "every"]), None),
                    (word if word.endswith("s") else word + "s", "node"),
                ]
            return [(self.pick(["alle", "sämtliche"]), None), (word, "node")]
        if article:
            art = self.rng.choice(
                ["the", "the", "the", "my", ""]
                if lang == "en"
                else ["der", "die", "das", "den", "dem", ""]
            )
            if art:
                segs.append((art, None))
        segs.append((self.node_text(node, lang), "node"))
        return segs

    def area_text(self, lang: str) -> str:
        if self.areas and self.rng.random() < 0.8:
            return self.pick(self.areas).replace("_", " ")
        return self.pick(lx.AREAS_EN) if lang == "en" else self.pick(lx.AREAS_DE)[0]

    def area(self, lang: str) -> list[Seg]:
        """`in the kitchen` / `im Wohnzimmer`."""
        text = self.area_text(lang)
        if lang == "en":
            prep = self.pick(["in the", "in the", "in", "in my"])
        else:
            prep = self.pick(["im", "in der", "im", "in"])
        return [(prep, None), (text, "area")]

    def prop_text(self, prop: str, lang: str) -> str:
        words = lx.PROPERTY_WORDS.get(prop)
        choices = list(words[1 if lang == "de" else 0]) if words else []
        if lang == "en" or not choices:
            choices.append(prop.replace("_", " "))
        return self.pick(choices)

    def number(self, value: float, decimals: int, lang: str) -> str:
        text = f"{value:.{decimals}f}" if decimals else str(round(value))
        return text.replace(".", ",") if lang == "de" and self.rng.random() < 0.6 else text

    def value(self, prop: str, vtype: NumberType, lang: str) -> list[Seg]:
        """A number in the property's range, with a unit as people write it (or none)."""
        rng = self.rng
        unit = vtype.unit
        if unit is None and prop in _PERCENT_PROPS and rng.random() < 0.8:
            unit = "%"
        lo, hi, step = lx.UNIT_RANGES.get(unit or "", (0, 100, 1))
        if (
            vtype.min is not None
            and vtype.max is not None
            and unit not in ("%",)
            and vtype.max > vtype.min
        ):
            lo, hi = max(lo, vtype.min), min(hi, vtype.max) if hi > vtype.min else vtype.max
            if hi <= lo:
                lo, hi = vtype.min, vtype.max
        steps = max(1, int((hi - lo) / step))
        v = lo + step * rng.randint(0, steps)
        decimals = (
            2 if step < 0.1 else 1 if step < 1 or (rng.random() < 0.08 and unit == "°C") else 0
        )
        if decimals == 1 and step >= 1:
            v += 0.5
        segs: list[Seg] = [(self.number(v, decimals, lang), "value")]
        if unit and rng.random() < 0.85:
            words = lx.UNIT_WORDS.get(unit, ([unit], [unit]))[1 if lang == "de" else 0]
            word = rng.choice(words)
            glue = GLUE if (word[0] in "%°€" or rng.random() < 0.15) and rng.random() < 0.6 else ""
            segs.append((glue + word, "unit"))
        return segs

    def state_value(self, prop: str, vtype: EnumType | BooleanType, lang: str) -> tuple[str, str]:
        """(member, words) for a random state of the property."""
        li = 1 if lang == "de" else 0
        if isinstance(vtype, BooleanType):
            true_words, false_words = lx.BOOLEAN_WORDS.get(prop, lx.BOOLEAN_WORDS["_"])
            if self.rng.random() < 0.65:
                return "true", self.pick(true_words[li])
            return "false", self.pick(false_words[li])
        member = self.pick(vtype.values)
        words = lx.STATE_WORDS.get(member)
        if words and (lang == "de" or self.rng.random() < 0.85):
            return member, self.pick(words[li])
        return member, member.replace("_", " ")

    def duration(self, lang: str) -> list[Seg]:
        rng = self.rng
        if rng.random() < 0.12:
            text = self.pick(
                [
                    "an hour",
                    "half an hour",
                    "a minute",
                    "one hour",
                    "a few minutes",
                    "90 seconds",
                    "1.5 hours",
                ]
                if lang == "en"
                else [
                    "eine Stunde",
                    "einer Stunde",
                    "einer halben Stunde",
                    "einer Minute",
                    "einigen Minuten",
                    "90 Sekunden",
                ]
            )
            return [(text, "duration")]
        unit = rng.choices(["s", "min", "h"], [2, 6, 2])[0]
        n = {
            "s": [5, 10, 15, 20, 30, 45, 60, 90],
            "min": [1, 2, 3, 5, 10, 15, 20, 30, 45, 60],
            "h": [1, 2, 3, 4, 6, 8, 12],
        }[unit]
        k = rng.choice(n)
        names = lx.NUMBER_WORDS_DE if lang == "de" else lx.NUMBER_WORDS_EN
        num = names[k] if k in names and rng.random() < 0.15 else str(k)
        words = (lx.DURATION_UNITS_DE if lang == "de" else lx.DURATION_UNITS_EN)[unit]
        word = words[0] if rng.random() < 0.6 else self.pick(words)
        if k == 1 and lang == "en" and word.endswith("s") and len(word) > 3:
            word = word[:-1]
        sep = "" if len(word) <= 3 and rng.random() < 0.3 and num.isdigit() else " "
        return [(f"{num}{sep}{word}", "duration")]

    def clock(self, lang: str) -> list[Seg]:
        rng = self.rng
        h, m = rng.randint(0, 23), rng.choice([0, 0, 0, 15, 30, 45, 5, 10, 20, 40, 50])
        if lang == "de":
            form = rng.random()
            if form < 0.35:
                text = f"{h} Uhr" if m == 0 else f"{h}:{m:02d} Uhr"
            elif form < 0.55:
                text = f"{h:02d}:{m:02d} Uhr"
            else:
                text = f"{h}:{m:02d}" if rng.random() < 0.5 else f"{h:02d}:{m:02d}"
            return [(text, "time")]
        form = rng.random()
        if form < 0.4:
            h12 = h % 12 or 12
            ampm = rng.choice(["am", "pm", "AM", "PM", "a.m.", "p.m."])
            base = f"{h12}" if m == 0 else f"{h12}:{m:02d}"
            return [(base + ("" if rng.random() < 0.4 else " ") + ampm, "time")]
        text = f"{h}:{m:02d}" if rng.random() < 0.5 else f"{h:02d}:{m:02d}"
        if rng.random() < 0.05:
            text += "hrs"
        return [(text, "time")]

    def time_event(self, lang: str) -> list[Seg]:
        return [(self.pick(lx.TIME_EVENTS_DE if lang == "de" else lx.TIME_EVENTS_EN), "time")]

    def comparator(self, lang: str, direction: str | None = None) -> list[Seg]:
        comps = lx.COMPARATORS_DE if lang == "de" else lx.COMPARATORS_EN
        if direction:
            comps = [c for c in comps if c[1] == direction] or comps
        return [(self.pick(comps)[0], "comparator")]

    # ------------------------------------------------------------------------------------ clauses

    def with_area(self, segs: list[Seg], lang: str) -> list[Seg]:
        """Sometimes name the area after the device: "the lights in the kitchen", "Licht im Flur"."""
        if self.rng.random() < 0.15:
            for i, (_, label) in enumerate(segs):
                if label == "node":
                    return segs[: i + 1] + self.area(lang) + segs[i + 1 :]
        return segs

    def t(self, template: str, **slots: list[Seg]) -> list[Seg]:
        return render(template, self.rng, slots)

    def _pick_t(self, templates: list[str], slots: dict[str, list[Seg]]) -> list[Seg]:
        """One of the templates, skipping those whose slots are empty (a `state` property has no words)."""
        usable = [t for t in templates if all(slots.get(k) or f"{{{k}}}" not in t for k in slots)]
        return render(self.pick(usable or templates), self.rng, slots)

    def numeric_body(self, lang: str) -> list[Seg]:
        node, prop, vtype = self.pick(self.numeric)
        # A property called `state` is the node itself: people name the node, not "the state".
        prop_segs: list[Seg] = [] if prop == "state" else [(self.prop_text(prop, lang), "property")]
        s = {
            "node": self.node(node, lang),
            "bare": self.node(node, lang, article=False),
            "prop": prop_segs,
            "cmp": self.comparator(lang),
            "value": self.value(prop, vtype, lang),
            "area": self.area(lang),
        }
        if lang == "en":
            return self._pick_t(
                [
                    "{node} {prop} (is|goes|gets|rises|drops|falls|climbs|is) {cmp} {value}",
                    "the {prop} (of|on|from) {node} (is|goes|gets|) {cmp} {value}",
                    "the {prop} {area} (is|goes|gets|) {cmp} {value}",
                    "{node} (reports|measures|reads|shows|is) {cmp} {value}",
                    "{bare} {prop} {cmp} {value}",
                    "{prop} {cmp} {value}",
                    "it('s| is| gets) {cmp} {value} [{area}]",
                    "{node} {prop} (changes|is updated)",
                    "the {prop} (at|on) {node} (is|goes) {cmp} {value}",
                    "(the|) {prop} [outside|inside|level] (is|goes|) {cmp} {value}",
                    "{node} {prop} {cmp} {value}",
                ],
                s,
            )
        return self._pick_t(
            [
                "(die|der|das) {prop} (von|vom|des|am) {bare} {cmp} {value} (steigt|fällt|liegt|ist|beträgt)",
                "(die|der|das) {prop} [draußen|drinnen] {cmp} {value} (steigt|fällt|liegt|ist)",
                "(die|der) {prop} {area} {cmp} {value} (steigt|fällt|liegt|ist)",
                "{node} {cmp} {value} (misst|meldet|anzeigt|hat)",
                "{bare} {prop} {cmp} {value} (ist|liegt)",
                "es {area} {cmp} {value} (ist|hat|wird)",
                "{prop} {cmp} {value} (ist|liegt)",
                "{node} {prop} {cmp} {value}",
                "sich (die|der) {prop} (von|vom) {bare} ändert",
            ],
            s,
        )

    def state_body(self, lang: str) -> list[Seg]:
        node, prop, vtype = self.pick(self.states)
        _member, word = self.state_value(prop, vtype, lang)
        s = {
            "node": self.node(node, lang),
            "bare": self.node(node, lang, article=False),
            "val": [(word, "value")],
            "prop": [] if prop == "state" else [(self.prop_text(prop, lang), "property")],
            "area": self.area(lang),
            "dur": self.duration(lang),
        }
        named = prop != "state"
        if lang == "en":
            options = [
                "{node} (is|turns|becomes|goes|switches to|changes to|gets|is turned|is switched|has been) {val}",
                "{node} (is|stays|has been|remains) {val} for [more than] {dur}",
                "{node} (changes|changes state|state changes)",
                "{node} (rings|is <value:pressed|pushed|double-pressed|clicked|triggered>)",
                "{node} (is|becomes) {val}",
            ]
            if named:
                options += [
                    "{prop} is {val} {area}",
                    "{node} {prop} (is|becomes|changes to) {val}",
                    "{prop} is {val} (on|by) {node}",
                    "{node} (detects|senses|sees|reports) {prop}",
                    "there is (no|) {prop} {area}",
                    "{prop} (is|gets) {val}",
                    "{bare} {prop} {val}",
                    "(no|) {prop} (is|has been) {val} {area} for {dur}",
                ]
            return self.t(self.pick(options), **s)
        options = [
            "{node} {val} (ist|wird|geht|bleibt)",
            "{node} (auf|in den Zustand) {val} (wechselt|springt|geht)",
            "{node} seit {dur} {val} ist",
            "{node} (länger als|mehr als|für) {dur} {val} ist",
            "sich {node} ändert",
            "{node} {val} (ist|wird)",
            "{node} (klingelt|<value:gedrückt|betätigt|ausgelöst> wird)",
        ]
        if named:
            options += [
                "{area} {prop} {val} wird",
                "{node} {prop} (erkennt|meldet)",
                "{prop} {area} {val} (ist|wird)",
                "(die|der|das) {prop} (von|vom|am) {bare} {val} ist",
                "{area} seit {dur} keine {prop} {val} wurde",
                "{prop} {val} (ist|wird)",
            ]
        return self.t(self.pick(options), **s)

    def presence_body(self, lang: str) -> list[Seg]:
        s: dict[str, list[Seg]] = {"dur": self.duration(lang)}
        if self.people:
            s["who"] = self.node(self.pick(self.people), lang, article=False)
        else:
            s["who"] = [(self.pick(lx.PEOPLE), "node")]
        if lang == "en":
            return self.t(
                self.pick(
                    [
                        "{who} (arrives|comes|gets) <value:home>",
                        "{who} (leaves|leaves home|goes out)",
                        "{who} is <value:home|away|not home|at home>",
                        "(nobody|no one|no-one|everyone|everybody) is <value:home|away|at home>",
                        "(everyone|everybody) (leaves|has left)",
                        "(nobody|no one) (has been|is) <value:home> for {dur}",
                        "{who} (is|gets) <value:home> (from work|)",
                        "(I|we) (arrive|come|get) <value:home>",
                        "(I|we) leave <value:home>",
                    ]
                ),
                **s,
            )
        return self.t(
            self.pick(
                [
                    "{who} <value:nach Hause> kommt",
                    "{who} das Haus verlässt",
                    "{who} <value:zu Hause|daheim|weg|unterwegs|abwesend> ist",
                    "(keiner|niemand) (mehr|) <value:daheim|zu Hause|zuhause> ist",
                    "alle <value:weg|außer Haus> sind",
                    "(ich|wir) <value:nach Hause> (komme|kommen)",
                    "(keiner|niemand) seit {dur} <value:zu Hause|daheim> ist",
                    "{who} <value:heimkommt|ankommt|geht>",
                ]
            ),
            **s,
        )

    def inactivity_body(self, lang: str) -> list[Seg]:
        s = {"dur": self.duration(lang), "area": self.area(lang)}
        if lang == "en":
            return self.t(
                self.pick(
                    [
                        "there is no <property:motion|movement|activity> [{area}] for {dur}",
                        "(no|there's no) <property:motion|movement> (is|has been) <value:detected> [{area}] for {dur}",
                        "nobody (moves|has moved) [{area}] for {dur}",
                        "(after|with) {dur} (of|without) <property:inactivity|activity|motion|movement> [{area}]",
                    ]
                ),
                **s,
            )
        return self.t(
            self.pick(
                [
                    "seit {dur} keine <property:Bewegung|Aktivität> [{area}] <value:erkannt> wurde",
                    "{area} seit {dur} keine <property:Bewegung> (war|ist|erkannt wurde)",
                    "für {dur} keine <property:Bewegung> [{area}] <value:erkannt> wird",
                    "nach {dur} ohne <property:Bewegung|Aktivität> [{area}]",
                ]
            ),
            **s,
        )

    def time_trigger(self, lang: str) -> list[Seg]:
        s = {
            "clock": self.clock(lang),
            "event": self.time_event(lang),
            "dur": self.duration(lang),
            "day": [(self.pick(lx.DAYS_DE if lang == "de" else lx.DAYS_EN), "time")],
            "part": [(self.pick(lx.DAY_PARTS_DE if lang == "de" else lx.DAY_PARTS_EN), "time")],
            "cmp": [
                (self.pick(["after", "before"] if lang == "en" else ["nach", "vor"]), "comparator")
            ],
        }
        if lang == "en":
            return self.t(
                self.pick(
                    [
                        "at {clock}",
                        "(every day|daily|each day) at {clock}",
                        "(every|each) {part} at {clock}",
                        "on {day} at {clock}",
                        "at {event}",
                        "{cmp} {event}",
                        "(every|each) {dur}",
                        "in the {part}",
                        "(every|each) {part}",
                        "at {event} on {day}",
                        "{dur} {cmp} {event}",
                        "at {clock} on {day}",
                        "(every|each) {day} at {clock}",
                        "at {clock}",
                        "at {event}",
                    ]
                ),
                **s,
            )
        return self.t(
            self.pick(
                [
                    "um {clock}",
                    "(jeden Tag|täglich|jeden Morgen|jeden Abend) um {clock}",
                    "{day} um {clock}",
                    "bei {event}",
                    "{cmp} {event}",
                    "(alle|jede) {dur}",
                    "{part}",
                    "{part} um {clock}",
                    "um {clock}",
                    "{dur} {cmp} {event}",
                    "(jeden|immer) {day} um {clock}",
                    "zu {event}",
                ]
            ),
            **s,
        )

    def time_condition(self, lang: str) -> list[Seg]:
        s = {
            "c1": self.clock(lang),
            "c2": self.clock(lang),
            "event": self.time_event(lang),
            "day": [(self.pick(lx.DAYS_DE if lang == "de" else lx.DAYS_EN), "time")],
            "part": [(self.pick(lx.DAY_PARTS_DE if lang == "de" else lx.DAY_PARTS_EN), "time")],
            "cmp": [
                (self.pick(["after", "before"] if lang == "en" else ["nach", "vor"]), "comparator")
            ],
        }
        if lang == "en":
            return self.t(
                self.pick(
                    [
                        "between {c1} and {c2}",
                        "{cmp} {c1}",
                        "{cmp} {event}",
                        "(at|during the) {part}",
                        "on {day}",
                        "(only|) on {day}",
                        "if it is {cmp} {event}",
                        "if it's {part}",
                        "but only {cmp} {c1}",
                        "and only on {day}",
                        "(during|in) the {part}",
                    ]
                ),
                **s,
            )
        return self.t(
            self.pick(
                [
                    "zwischen {c1} und {c2}",
                    "{cmp} {c1}",
                    "{cmp} {event}",
                    "{part}",
                    "{day}",
                    "(nur|aber nur) {day}",
                    "aber nur {cmp} {event}",
                    "falls es {part} ist",
                    "(nur|) {cmp} {c1} Uhr",
                ]
            ),
            **s,
        )

    def body(self, lang: str) -> list[Seg]:
        kinds = [
            ("num", 3.0 if self.numeric else 0),
            ("state", 4.0 if self.states else 0),
            ("presence", 1.0),
            ("idle", 0.6),
        ]
        kind = self.pick([k for k, _ in kinds], [w for _, w in kinds])
        return {
            "num": self.numeric_body,
            "state": self.state_body,
            "presence": self.presence_body,
            "idle": self.inactivity_body,
        }[kind](lang)

    def trigger(self, lang: str) -> list[Seg]:
        if self.rng.random() < 0.25:
            return self.time_trigger(lang)
        conj = self.pick(
            ["when", "when", "if", "as soon as", "once", "whenever", "after", "every time"]
            if lang == "en"
            else ["wenn", "wenn", "sobald", "falls", "immer wenn", "nachdem", "wann immer"]
        )
        return [(conj, None)] + self.body(lang)

    def condition(self, lang: str) -> list[Seg]:
        if self.rng.random() < 0.3:
            return self.time_condition(lang)
        conj = self.pick(
            [
                "if",
                "only if",
                "but only if",
                "and only when",
                "while",
                "as long as",
                "provided that",
                "unless",
                "and if",
                "but only when",
            ]
            if lang == "en"
            else [
                "falls",
                "nur wenn",
                "aber nur wenn",
                "solange",
                "sofern",
                "außer wenn",
                "und wenn",
                "aber nur falls",
            ]
        )
        return [(conj, None)] + self.body(lang)

    # ------------------------------------------------------------------------------------ actions

    def action_value(self, node: Node, lang: str) -> tuple[list[Seg], list[Seg]]:
        """(property words, value) for an action that sets something on the node."""
        kind = node.kind or ""
        prop = {
            "light": "brightness",
            "cover": "position",
            "climate": "temperature",
            "media_player": "volume_level",
            "fan": "percentage",
        }.get(kind)
        numeric = [(p, t) for p, t in node.properties.items() if isinstance(t, NumberType)]
        if prop is None and numeric:
            prop = numeric[0][0]
        vtype = node.properties.get(prop or "")
        if not isinstance(vtype, NumberType):
            vtype = NumberType(unit="°C" if prop == "temperature" else "%" if prop else None)
        words: list[Seg] = (
            [(self.prop_text(prop, lang), "property")] if prop and prop != "state" else []
        )
        return words, self.value(prop or "value", vtype, lang)

    def pick_target(self) -> _Target | None:
        if not self.actionable:
            return None
        node = self.pick(self.actionable, self.action_weights)
        actions = list(node.actions)
        weights = [3.0 if a in ("turn_on", "turn_off") else 1.0 for a in actions]
        return _Target(node, self.pick(actions, weights))

    def action_en(self, mood: str) -> list[Seg]:
        target = self.pick_target()
        if target is None or self.rng.random() < 0.1:
            return self.notify_en(mood)
        node, action = target.node, target.action
        key = action
        if node.kind == "scene":
            key = "_scene"
        elif action == "turn_on" and node.kind == "light" and self.rng.random() < 0.3:
            key = "_dim"
        elif action in ("set_value", "set_percentage") or (
            action == "turn_on" and node.kind == "climate" and self.rng.random() < 0.3
        ):
            key = "_set" if action != "set_percentage" else action
        if key == "send_message":
            return self.notify_en(mood, node)
        prop, value = self.action_value(node, "en")
        option = node.properties.get("state")
        s = {"node": self.node(node, "en"), "prop": prop, "value": value}
        templates = _EN_ACTIONS.get(key)
        if templates is None:
            words = [action.replace("_", " ")] + list(node.actions[action].aliases)
            templates = [f"<action:{self.pick(words)}> {{node}}"]
        if not prop:
            templates = [t for t in templates if "{prop}" not in t] or templates
        template = self.pick(templates)
        if "{option}" in template:
            opts = (
                option.values
                if isinstance(option, EnumType) and option.values
                else ["home", "away", "night"]
            )
            template = template.replace(
                "{option}", self.pick(opts).replace("_", " ").replace("|", " ")
            )
        segs = self.with_area(self.t(template, **s), "en")
        if self.rng.random() < 0.12:
            segs += self.t(self.pick(["for {dur}", "(after|in) {dur}"]), dur=self.duration("en"))
        return self._conjugate_en(segs, mood)

    def notify_en(self, mood: str, node: Node | None = None) -> list[Seg]:
        node = node or (self.pick(self.notifiers) if self.notifiers else None)
        templates = [t for t in _EN_NOTIFY if node is not None or "{node}" not in t]
        segs = self.t(
            self.pick(templates), node=self.node(node, "en", article=False) if node else []
        )
        return self._conjugate_en(segs, mood)

    def _conjugate_en(self, segs: list[Seg], mood: str) -> list[Seg]:
        if mood != "third":
            return segs
        out = list(segs)
        for i, (text, label) in enumerate(out):
            if label == "action":
                out[i] = (third_person(text), label)
                break
        return out

    def action_de(self, mood: str) -> list[Seg]:
        """mood: imp ("schalte das Licht ein"), third ("schaltet das Licht ein"), inf ("Licht einschalten")."""
        target = self.pick_target()
        if target is None or self.rng.random() < 0.1:
            return self.notify_de(mood)
        node, action = target.node, target.action
        if action == "send_message":
            return self.notify_de(mood, node)
        key = action
        if node.kind == "scene":
            key = "_scene"
        elif action == "turn_on" and node.kind == "light" and self.rng.random() < 0.3:
            key = "_dim"
        elif action == "set_value" or (
            action == "turn_on" and node.kind == "climate" and self.rng.random() < 0.3
        ):
            key = "_set"
        verbs = _DE_VERBS.get(key)
        if verbs is None:
            verbs = _DE_VERBS["_other"] + [("", "", None, action.replace("_", " "))]
        imp, third, particle, inf = self.pick(verbs)
        if not imp:
            mood = "inf"
        needs_value = key in (
            "_set",
            "_dim",
            "set_cover_position",
            "set_temperature",
            "set_percentage",
            "volume_set",
            "set_value",
        )
        prop, value = self.action_value(node, "de")
        extra: list[Seg] = []
        if needs_value:
            extra = self.t(
                self.pick(
                    ["auf {value}", "auf {value}", "auf {prop} {value}"]
                    if prop
                    else ["auf {value}"]
                ),
                value=value,
                prop=prop,
            )
        elif self.rng.random() < 0.1:
            extra = self.t(self.pick(["für {dur}", "nach {dur}"]), dur=self.duration("de"))
        scene_word: list[Seg] = (
            [("Szene", None)] if key == "_scene" and self.rng.random() < 0.4 else []
        )
        obj = self.with_area(
            scene_word
            + self.node(node, "de", article=self.rng.random() < 0.6 if mood == "inf" else True),
            "de",
        )
        if mood == "inf":
            if particle and self.rng.random() < 0.25 and " " not in particle:
                return obj + extra + [(particle, "action")]  # "Kinderzimmerlicht an"
            return obj + extra + [(inf, "action")]
        verb = imp if mood == "imp" else third
        segs: list[Seg] = [(verb, "action")] + obj + extra
        if particle:
            segs.append((particle, "action"))
        return segs

    def notify_de(self, mood: str, node: Node | None = None) -> list[Seg]:
        node = node or (self.pick(self.notifiers) if self.notifiers else None)
        templates = [t for t in _DE_NOTIFY[mood] if node is not None or "{node}" not in t]
        return self.t(
            self.pick(templates), node=self.node(node, "de", article=False) if node else []
        )

    def actions(self, lang: str, mood: str) -> list[Seg]:
        act = self.action_en if lang == "en" else self.action_de
        segs = act(mood)
        r = self.rng.random()
        if r < 0.15:
            segs += [
                (
                    self.pick(
                        ["and", "and then", ", then", "then"]
                        if lang == "en"
                        else ["und", "und dann", ", dann", ", danach"]
                    ),
                    None,
                )
            ] + act(mood)
        elif r < 0.2:
            wait = self.t(
                "(wait|and wait|, wait) {dur} (and|then|, then)"
                if lang == "en"
                else "(warte|, warte|und warte) {dur} (und|, dann|dann)",
                dur=self.duration(lang),
            )
            segs += wait + act(mood)
        return segs

    # ---------------------------------------------------------------------------------- sentences

    def sentence(self) -> Sentence:
        lang = "de" if self.rng.random() < self.lang_de else "en"
        segs = self.sentence_en() if lang == "en" else self.sentence_de()
        text, spans = assemble(segs)
        r = self.rng.random()
        if r < 0.25 and text.lower() != text and len(text.lower()) == len(text):
            text = text.lower()
        elif r < 0.6 and text[:1].islower():
            text = text[0].upper() + text[1:]
        return Sentence(text=text, spans=spans, env=self.env_name, lang=lang)

    def sentence_en(self) -> list[Seg]:
        rng = self.rng
        third = rng.random() < 0.15
        mood = "third" if third else "imp"
        prefix = (
            self.pick(["automation that", "this automation", "automatically", "it", "routine that"])
            if third
            else (
                self.pick(
                    [
                        "please",
                        "hey,",
                        "can you",
                        "could you",
                        "I want to",
                        "I'd like to",
                        "automation to",
                        "automatically",
                        "make sure to",
                        "set up an automation to",
                        "create a workflow to",
                        "Automation:",
                        "Light:",
                        "Security:",
                        "Climate:",
                        "Media player:",
                        "Music:",
                        "Heating:",
                        "Notification:",
                        "Routine:",
                    ]
                )
                if rng.random() < 0.3
                else ""
            )
        )
        shape = rng.choices(
            ["AT", "TA", "ATC", "TCA", "AC", "A", "TIME", "NODE"], [4, 4, 1.5, 1.5, 1, 1, 1.5, 0.3]
        )[0]
        if shape == "NODE" and self.actionable:
            node = self.pick(self.actionable)
            return (
                self.node(node, "en", article=False)
                + [(":", None)]
                + self.t(
                    "[auto|automatically] <action:turn on|turn off|start|stop|activate|disable|enable|on|off>"
                )
                + (self.trigger("en") if rng.random() < 0.5 else [])
            )
        act = ([(prefix, None)] if prefix else []) + self.actions("en", mood)
        glue = self.pick(["", ",", ", then", " then"])
        if shape == "AT":
            segs = act + self.trigger("en")
        elif shape == "TA":
            segs = (
                self.trigger("en")
                + [(glue, None)]
                + ([(prefix, None)] if prefix and not third else [])
                + self.actions("en", mood)
            )
        elif shape == "ATC":
            segs = act + self.trigger("en") + self.condition("en")
        elif shape == "TCA":
            segs = (
                self.trigger("en") + self.condition("en") + [(",", None)] + self.actions("en", mood)
            )
        elif shape == "AC":
            segs = act + self.condition("en")
        elif shape == "TIME":
            segs = (
                act + self.time_trigger("en")
                if rng.random() < 0.5
                else self.time_trigger("en") + [(glue, None)] + self.actions("en", mood)
            )
        else:
            segs = act
        segs.append((self.pick(["", "", "", ".", "!", "?", "please"]), None))
        return segs

    def sentence_de(self) -> list[Seg]:
        rng = self.rng
        prefix = (
            self.pick(
                [
                    "bitte",
                    "kannst du",
                    "automatisch",
                    "Automatisierung:",
                    "Licht:",
                    "Heizung:",
                    "Alarm:",
                    "ich möchte,",
                    "hey,",
                ]
            )
            if rng.random() < 0.2
            else ""
        )
        shape = rng.choices(
            ["TA_imp", "A_inf_T", "A_imp_T", "A_third_T", "T_inf", "TIME", "A", "C"],
            [3, 3, 2, 2, 1.5, 2, 1.5, 1],
        )[0]
        pre = [(prefix, None)] if prefix else []
        if shape == "TA_imp":
            segs = (
                self.trigger("de") + [(",", None)] + self.actions("de", self.pick(["imp", "inf"]))
            )
        elif shape == "A_inf_T":
            segs = (
                pre
                + self.actions("de", "inf")
                + [(self.pick([",", ""]), None)]
                + self.trigger("de")
            )
        elif shape == "A_imp_T":
            segs = pre + self.actions("de", "imp") + [(",", None)] + self.trigger("de")
        elif shape == "A_third_T":
            segs = self.actions("de", "third") + [(self.pick([",", ""]), None)] + self.trigger("de")
        elif shape == "T_inf":
            segs = self.trigger("de") + [(self.pick([",", ""]), None)] + self.actions("de", "inf")
        elif shape == "TIME":
            mood = self.pick(["imp", "inf"])
            segs = (
                self.time_trigger("de") + self.actions("de", mood)
                if mood == "inf"
                else pre + self.actions("de", "imp") + self.time_trigger("de")
            )
        elif shape == "C":
            segs = (
                pre
                + self.actions("de", self.pick(["imp", "inf", "third"]))
                + [(",", None)]
                + self.condition("de")
            )
        else:
            segs = pre + self.actions("de", self.pick(["imp", "inf", "third"]))
        segs.append((self.pick(["", "", ".", "!"]), None))
        return segs


def generate(
    env: Environment, n: int, seed: int, lang_de: float = 0.2, env_lang: str = "en"
) -> list[Sentence]:
    """`n` labelled sentences about `env`; the same arguments always give the same sentences."""
    gen = SentenceGenerator(env, random.Random(seed), lang_de, env_lang)
    return [gen.sentence() for _ in range(n)]
