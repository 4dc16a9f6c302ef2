"""The household coming and going: which node of a home says whether anyone is in.

"Arm when away", "Rollos hoch wenn jemand nach Hause kommt", "Désactive le mode absence quand
nous rentrons", "Präsenz - Verlassen - Licht": these wait on the people of the home leaving or
arriving, and name no device. Homes say it in different ways, and one node of the home usually
sums it up: a group of its people (`group.family`, home or not_home), a flag or sensor named for
people being home or present (`binary_sensor.anybody_home`, `sensor.people_home`,
`switch.apartment_present`), the home zone (how many people are in it), or, in a home of one,
that person. In the 717 real automations measured, these are what such requests wait on.
"""

from __future__ import annotations

import re

from wfl.grammar.index import EnvIndex
from wfl.schemas.environment import EnumType, Node

from .daytime import PART_OF_DAY, SUN_SAID
from .lexical import tokens

_GOING = (
    r"(?:leave|leaves|leaving|left)\s+(?:the\s+)?(?:home|house)|away|leave|leaves|leaving"
    r"|(?:we|both|all|everyone|everybody|they|you)\s+(?:have\s+|has\s+)?left|gone"
    r"|(?:is|are|was|were|went|goes|go|gone)\s+out|unterwegs"
    r"|(?:(?:nobody|no\s?one|empty|niemand|keiner|nadie|ningu[ée]m|nessuno|personne)\s+(?:is\s+|has\s+been\s+|was\s+|ist\s+|est\s+|n'est\s+|n’est\s+|está\s+|estiver\s+|esteja\s+|esté\s+|è\s+)?"
    r"|(?:not|isn't|isnt|aren't|arent|nicht|niet|pas|não|nao|non)\s+(?:(?:è|é|está|esta|est|estiver|estiverem|esteja|estejam|estão|estao|sono|sia)\s+)?)"
    r"(?:(?:more|mehr|meer|longer|plus|mais|più)\s+)?(?:at\s+|zu\s+)?"
    r"(?:home|hause|zuhause|daheim|thuis|à\s+la\s+maison|en\s+casa|em\s+casa|in\s+casa|a\s+casa)"
    r"|verlassen|verlässt|verlasse|abwesend|abwesenheit|afwezig|vertrek\w*|weggaan|(?:weg\s+)?van\s+huis"
    r"|weggehe|weggehen|weggeht|losgehe|losgehen|losgeht|(?:gehe|gehen|geht)\s+weg|(?:ich|wir)\s+gehen?(?=\s*(?:[,.;]|$))"
    r"|(?:se|me|nos)\s+(?:vaya|vayan|vayamos|va|van|voy|vamos|fue|fui|fuimos|fueron|marche|marchen|marcha|marchan)|no\s+(?:está|esté|están|estén|esta|este)\s+en\s+casa"
    r"|absents?|absence|quitt\w+|partons|parti|partie|partis|parties|tout\s+le\s+monde\s+part|escono|esco|usciamo|uscit\w+|assenti|fuori\s+casa"
    r"|(?:vado|andiamo|vanno|va)\s+via|(?:me|ce|se)\s+ne\s+(?:vado|andiamo|va|vanno)"
    r"|(?:house|home|haus|huis|maison|wohnung|apartment|flat)\s+(?:is\s+|has\s+been\s+|was\s+|ist\s+|is\s+al\s+|est\s+)?(?:empty|leer|leeg|vide)"
    r"|empty\s+(?:house|home)|leeres\s+haus|leeg\s+huis|maison\s+vide"
    r"|sair|saem|sai|saia|saiam|saída|saida|ausentes?|ausência|ausencia|salir|salen|sale|salga|salgan|salida|esce|esca"
    r"|(?:ingen|alle\s+har\s+dratt|ingen\s+är)\s+(?:er\s+)?(?:hjemme|hemma)|(?:dratt|drar|dro|reist|går)\s+(?:hjemmefra|ut)"
    r"|(?:iedereen|allemaal|alle|alle\s+weg|everyone|everybody)\s+(?:is\s+|zijn\s+|sind\s+|ist\s+)?(?:weg|vertrokken|fort|gone|out)"
    r"|forlater\s+(?:huset|hjemmet)|lämnar\s+(?:huset|hemmet)|ikke\s+(?:er\s+)?hjemme|inte\s+(?:är\s+)?hemma|borte|bortreist"
    r"|(?:alla|alle)\s+har\s+(?:lämnat|gått|åkt|forlatt|gått)(?:\s+(?:hemmet|huset|hemifrån|hjemmet))?|lämnat\s+(?:hemmet|huset)|gått\s+hemifrån"
)
_COMING = (
    r"arrive|arrives|arriving|arrival|(?:come|comes|coming|came|get|gets|getting|got|back)\s+home"
    r"|(?:is|are|am|'m|’m|'re|’re|im|at|someone|somebody|anyone|anybody|everyone|everybody)\s+(?:still\s+|already\s+)?(?:at\s+)?home"
    r"|anwesend|anwesenheit|ankommen|ankunft|heimkomm\w*|heimkehr\w*|nach\s+hause|zu\s?hause|daheim"
    r"|aanwezig|thuiskom\w*|thuis|rentr\w+|arrivons|arrivée|à\s+la\s+maison|rientr\w+"
    r"|chegar|chegada|chegam|em\s+casa|llegar|llegada|llegan|llegue|lleguen|llega|llegó|en\s+casa|(?:è|sono|siamo|torno|torna|torniamo|tornano|arrivo|arriva|arriviamo|arrivano)\s+a\s+casa"
    r"|kommer\s+(?:hjem|hem)|(?:er|är)\s+(?:hjemme|hemma)|noen\s+(?:er\s+)?hjemme|någon\s+(?:är\s+)?hemma"
)
_GOING_RE = re.compile(rf"\b(?:{_GOING})\b", re.IGNORECASE)
_COMING_RE = re.compile(rf"\b(?:{_COMING})\b", re.IGNORECASE)
_COMING_OR_GOING = re.compile(rf"\b(?:{_GOING}|{_COMING}|präsenz|praesenz)\b", re.IGNORECASE)
"""The people of the home leaving, being away, arriving or being in, in English, German, Dutch,
French, Italian, Portuguese and Spanish ("left" only with someone who left: "Button left" is a side;
"not home", "niemand mehr zu Hause" and "nicht mehr daheim" are away)."""

_PEOPLE = frozenset(tokens(
    "people persons personen leute mensen anybody anyone someone somebody everybody everyone family familie "
    "familia famiglia familiar household residents bewohner iemand jemand"
))
_PRESENT = frozenset(tokens(
    "present presence anwesend anwesenheit aanwezig aanwezigheid presenza presença presencia présence occupied"
))
_HOME = frozenset(tokens("home house haus wohnung apartment flat huis thuis casa maison"))
_AT_HOME_WORDS = frozenset(tokens("home thuis zuhause daheim hjemme hemma"))
_NOT_A_NAME = frozenset(tokens(
    "smart my our the all nobody someone anyone everyone away guest guests alarm security power energy welcome coming "
    "leaving arrive arriving left back work is at"
))
"""First words of an id ending in "home" that name no person ("smart_home", "away_home", "is_home")."""
_PARTS = frozenset(tokens("parents eltern ouders kids kinder kinderen children guests gäste gasten guest"))
_STATED_KINDS = ("group", "binary_sensor", "input_boolean", "switch", "sensor")
"""Kinds a node that sums up the household is, flags before counts and texts."""


_CLOCK_TIME = re.compile(r"\b(?:\d{1,2}[:.h]\d{2}|\d{1,2}\s*(?:uhr|uur|am|pm|h))\b", re.IGNORECASE)


def _timed(text: str) -> bool:
    """Whether `text` names a time it starts at: a clock time, the sun, a part of the day."""
    return bool(_CLOCK_TIME.search(text) or SUN_SAID.search(text) or any(p.search(text) for p in PART_OF_DAY.values()))


_ALARM_MODE = re.compile(
    r"\b(?:armed|arm|arms|arming|scharf(?:geschaltet)?)[\s_]+(?:in\s+)?(?:away|home|night|vacation)\b"
    r"|\bop\s+(?:afwezig|thuis|aanwezig)\b|\bauf\s+(?:abwesend|anwesend)\b"
    r"|\b(?:away|home)[\s_-]+mode\b|\bmode\s+absen(?:t|ce)\b|\bmodo\s+(?:ausente|ausência|ausencia|assenza)\b"
    r"|\babwesenheitsmodus\b|\bafwezigheidsmodus\b",
    re.IGNORECASE,
)
"""An alarm's mode ("armed away", "op afwezig") or a mode named for being away ("away mode is on"):
said of the alarm or the mode, not of the people."""


def waits_on_household(text: str, title: bool = False) -> bool:
    """Whether `text` (what a request waits on, or a `title` that says nothing else) is the people
    of the home coming or going. A title that names the sun or a time starts then ("Sonne -
    Untergang - Licht - Anwesend"): whether anyone is in is its condition."""
    return bool(_COMING_OR_GOING.search(_ALARM_MODE.sub(" ", text))) and not (title and _timed(text))


def household_way(text: str) -> int:
    """-1 when `text` says the people leave or are away, +1 when they come or are in, else 0
    ("nobody home" is away; a text that says both says neither)."""
    text = _ALARM_MODE.sub(" ", text)
    going = bool(_GOING_RE.search(text))
    coming = bool(_COMING_RE.search(_GOING_RE.sub(" ", text)))
    return coming - going


def reads_as_presence(node_id: str) -> bool:
    """Whether a node's id says people being home or present (`anybody_home`, `apartment_present`):
    its on or true is someone in."""
    words = tokens(node_id.replace("_", " "))
    said = frozenset(words)
    # "anna_home", "joao_thuis": one person's being home, a flag named for them.
    named_home = len(words) == 2 and words[1] in _AT_HOME_WORDS and words[0].isalpha() and len(words[0]) >= 3 and words[0] not in _NOT_A_NAME
    return bool(said & (_PEOPLE | _PRESENT) and said & (_HOME | _PRESENT | _PEOPLE)) or named_home


def without_coming_or_going(text: str) -> str:
    """`text` with its words of coming and going left out: what else it names."""
    return _COMING_OR_GOING.sub(" ", text)


def household_node(index: EnvIndex) -> str | None:
    """The node that says whether anyone of the household is home, or None when the home has none."""
    of_kind: dict[str, list[Node]] = {}
    for node in index.nodes.values():
        if node.kind in _STATED_KINDS or node.kind == "person":
            of_kind.setdefault(node.kind, []).append(node)
    for nodes in of_kind.values():
        nodes.sort(key=lambda node: node.id)
    groups = [
        node.id for node in of_kind.get("group", [])
        if isinstance(state := node.properties.get("state"), EnumType) and {"home", "not_home"} <= set(state.values)
    ]
    if groups:
        # Everyone before a part of the household ("Residents" before "Parents").
        return min(groups, key=lambda n: (bool(_PARTS & _words(index.nodes[n])), n))
    for kind in _STATED_KINDS:
        for node in of_kind.get(kind, []):
            if _named_for_the_household(node) and "state" in node.properties:
                return node.id
    if (home := index.nodes.get("home")) is not None and home.kind == "zone":
        return home.id
    people = of_kind.get("person", [])
    return people[0].id if len(people) == 1 else None


def _named_for_the_household(node: Node) -> bool:
    """"Anybody home", "People home", "Apartment present", "Familie": not a part ("Guests home")."""
    said = _words(node)
    if said & _PARTS:
        return False
    return bool(said & _PEOPLE and (said & (_HOME | _PRESENT) or node.kind == "group")) or bool(said & _PRESENT and said & _HOME)


def _words(node: Node) -> frozenset[str]:
    return frozenset(tokens(f"{node.id.replace('_', ' ')} {node.name or ''}"))
