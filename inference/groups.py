"""Requests that act on a set of nodes: "turn off all hall lights", "activate the bathroom scene".

Retrieval ranks single nodes, and the plan's calls are chosen one at a time without memory, so a
request meaning "each of these" would get one of them. These shapes are recognised here, in English,
German and Dutch, and the words for all, lights, scenes, rooms and places out of doors also in French,
Portuguese, Spanish and Italian ("todas as luzes", "les lumières extérieures"):

- **all + kind + qualifier** ("all hall lights", "alle Lichter im Flur"): every node of that kind
  whose names hold the qualifier's words ("hall" → `hall_lamp`, `hall_leds`, `hall_main_lights`).
  A node that is itself named by the quantifier ("All hall lights") is the aggregate of the others,
  and calling both would do everything twice, so it is left out.
  Said in the plural without a quantifier ("turn on lights in the garden", "lampen hek"), the same,
  unless one of them is named by those words alone ("Bedroom lights" for "the bedroom lights": the
  place's light group).
- **a scene no scene node matches** ("activate the bathroom morning scene", where the home has no
  such scene): a scene is a lighting state, so it means the lights the qualifier names.
- **a kind and nothing else** ("turn off lights", "close the blinds"): the node that stands for
  all of that kind ("All house lights", `group_all_blinds`), when the home has one; said with a
  quantifier ("turn off all lights"), or as the plural of one sort of it ("close blinds"), in a
  home without one, every node of the kind (of that sort, not of a class named apart: no garage
  door for "blinds"), up to `MAX_EVERY`.
- **all + a word of the nodes' names** ("reload all tablets", where "tablet" is no kind): every
  node that can act, of the kind of the one the request names best, that the quantified words
  name as they name that one (`workshop_tablet_load_start_url` → each `*_tablet_load_start_url`
  button, not the tablets' charging plugs), up to `MAX_EVERY`.
- **everything** ("turn off everything when we leave", "Alles aus"): every light, media player
  and fan of the place the command names, or of the home (no relay: it may run the freezer),
  up to `MAX_EVERY`.
- **a kind and nothing else, waiting on something in a place** ("turn on the lights when the
  garage door opens"): the nodes of that kind in that place.
- **outside + kind** ("turn on the outside lights", "Außenbeleuchtung aus", "buitenlampen"):
  every node of the kind named for a place out of doors (porch, deck, garden, driveway), when no
  node is named "outside" itself, up to `MAX_EVERY`.
- **the plural of a name** ("nightstands off", where two lights are each called a nightstand):
  each node the word names in the singular.
- **a place and a way to switch, nothing else** ("[Timer: 5] Family Room Off"): each light of
  that place (not of a place within it, "Office closet"), unless one is named by the place alone.
- **two qualifiers sharing one noun** ("lock the front or back door", "the kitchen and living
  room lights", "de voor- en achterdeur" aside): the best node for each qualifier with the noun,
  when the two differ and are of one kind.
- **two words with a slash finishing one name** ("Controlar Luz da Sala Day/Night"): the best node
  for the words before with each ("Lights living room day", "… night"), when the two differ and are
  of one kind. A node kept in step by another (`constrain._following`) must then be one of them.

The group's calls are offered to the plan as one option (`constrain.py`), next to the single calls.
A set too large to write out (more than `MAX_MEMBERS`) is left to the single calls.
"""

from __future__ import annotations

import re
from typing import Literal

import msgspec
from msgspec import Struct

from wfl.schemas.environment import Node

from .clauses import TOPIC_LABEL, split_clauses, split_commands
from .daytime import PART_OF_DAY
from .lexical import MIN_PART, STEM_MATCH, STOPWORDS, tokens
from .synonyms import translations
from .kinds import kind_tokens, kind_words, request_kinds
from .retrieval import (
    META_KINDS, PAIR_WORDS, PLURAL_WHOLE, QUANTIFIERS, ROOM_WORDS, RetrievalIndex, is_aggregate, named_for_the_other_class, named_in_full,
    node_places, place_words, places_in,
)
from .verbs import is_verb, polarity, verb_scores

MAX_MEMBERS = 4
MAX_EVERY = 16
""""All lights" with no node for all of them writes one call per light, up to this many."""
MAX_ALL = 40
""""All lights", said of nothing but the kind, calls each of up to this many (a home's every light)."""
WHOLE_KIND_WORDS = frozenset(tokens(
    "light lights licht lichter lichten lampjes lamp lamps lampe lampen verlichting beleuchtung "
    "lumière lumières éclairage luz luzes luces luce luci iluminação iluminación illuminazione lampes lâmpadas lámparas "
    "lampade"
))
""""All lights" are the lamps too: words for every node of their kind, not for one sort of it."""
SCENE_MATCH_COVERAGE = 0.5
"""A scene node that the request names by at least this share of its words is the scene meant."""

SCENE_WORDS = frozenset(tokens("scene scenes szene szenen scène scènes escena escenas scena"))
SCENE_KIND = "scene"
LIGHT_KIND = "light"
SCENE_TARGET_KIND = LIGHT_KIND

WHOLE_HOUSE = frozenset(tokens(
    "house home inside indoor indoors whole group everywhere haus zuhause innen huis binnen "
    "maison intérieur partout casa dentro interior inteira entera intera"
))
"""Words an aggregate for the whole home may carry besides its quantifier and kind."""
EVERYTHING = frozenset(tokens("everything alles allem tout tudo todo tutto alt allt"))
EVERYTHING_KINDS = ("light", "media_player", "fan")
"""What "turn off everything" switches: what shines, plays or blows. Not every switch: a relay may
run the freezer or the car's charger."""
CONJUNCTIONS = frozenset(tokens("and or und oder en of"))
ARTICLES = frozenset(tokens("the die der das de het"))
MAX_NOUN_WORDS = 3
COORDINATED_COVERAGE = 0.5
"""Each of two coordinated nodes must be named by at least this share of its words."""

OUTDOOR_WORDS = frozenset(tokens(
    "outside outdoor outdoors exterior external außen aussen draußen draussen buiten "
    "extérieur extérieure extérieurs extérieures dehors exteriores externo externa externos externas fora afuera "
    "esterno esterna esterni esterne fuori"
))
OUTDOOR_PLACES = frozenset(tokens(
    "porch deck patio terrace veranda garden yard backyard frontyard driveway balcony landscape lawn pool carport "
    "gate fence pergola gazebo "
    "garten terrasse balkon einfahrt vorgarten hof auffahrt "
    "tuin voortuin achtertuin terras balkon oprit "
    "jardin balcon allée portail cour piscine jardim quintal varanda terraço portão jardín terraza balcón porche "
    "giardino terrazzo balcone cortile vialetto cancello portico"
))
"""Words of places out of doors: a node named with one (or a compound opening with one,
"Gartenlicht", or ending with one, "kerstverlichting_buiten") is an outside one."""
_TAG = re.compile(r"^\s*(?:\[[^\]]*\]\s*)+|\([^)]*\)\s*$")
""""[Doors] Lights on when …", "[Illum][Time] Outside lights (Bright)": tags that file the
request and a closing remark in brackets, not words of its command."""

_WHEN = re.compile(
    r"\b(?:(?:at|um|om|bei|bij|every|each|jeden|jede|elke|iedere?)\s+(?:the\s+|de\s+)?)?"
    r"(?:sunset|sunrise|dusk|dawn|midnight|noon|sonnenuntergang|sonnenaufgang|mitternacht|zonsondergang|"
    r"zonsopgang|zonsopkomst|middernacht)\b"
    r"|\b(?:(?:au|ao|à|al|alle|a la)\s+)?(?:coucher du soleil|lever du soleil|pôr do sol|nascer do sol|atardecer|amanecer|"
    r"anochecer|tramonto|minuit|meia-noite|medianoche|mezzanotte)"
    r"|\b(?:(?:from|to|until|till|between|and|von|ab|bis|und|van|vanaf|tot|tussen|en|de|à|das|às|dalle|alle)\s+)?"
    r"\d{1,2}[:.h]\d{2}(?:\s*(?:am|pm|uhr|uur))?\b"
    r"|\b(?:at|um|om|every|jeden|elke|alle|às|à|a las)\s+(?:\d{1,2}(?::\d{2})?\s*(?:am|pm|uhr|uur)?|morning|evening|night|day|"
    r"morgen|abend|nacht|tag|ochtend|avond)\b",
    re.IGNORECASE,
)
""""… at sunset", "um 22 Uhr", "every morning": when the command runs, not words of what it acts on."""

Reason = Literal["all", "scene", "both", "place"]


class NodeGroup(Struct, frozen=True):
    kind: str
    qualifier: tuple[str, ...]
    """The request's words that pick the members ("hall")."""
    members: tuple[str, ...]
    reason: Reason


_EXCEPT = re.compile(
    r"\s*,?\s*\b(?:except(?: for)?|but not|but(?= (?:the|my|our|his|her)\b)|but (?:keep|leave)|apart from|other than|besides|außer|ausser|bis auf|behalve|uitgezonderd|"
    r"sauf|excepté|à part|exceto|menos|excepto|salvo|tranne|eccetto)\b(.*)$",
    re.IGNORECASE,
)
""""Turn off all lights except the hallway light": the set without the nodes its last words name."""


_DAYS_SAID = re.compile(
    r"\b(?:weekends?|weekdays?|workdays?|week-?ends?|wochenende\w*|werktag\w*|weekend|werkdag\w*|"
    r"mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|holidays?|vacation)\b",
    re.IGNORECASE,
)
"""Days after "but not" or "except" ("…, but not on weekends"): when it runs, not which members."""


def find_group(request: str, search: RetrievalIndex) -> NodeGroup | None:
    """The set of nodes the request acts on as a whole, or None. "Both" is all of exactly two."""
    act = split_clauses(request).act or request
    but = _EXCEPT.search(act)
    if but and (_DAYS_SAID.search(but.group(1)) or but.group(0) not in request):
        but = None  # "…, but not on weekends": days, not members; a span the request no longer holds as is
    if but and (group := find_group(request.replace(but.group(0), " "), search)) is not None:
        left_out = _named_best(but.group(1), group.members, search)
        kept = tuple(member for member in group.members if member not in left_out)
        return msgspec.structs.replace(group, members=kept) if kept and left_out else group
    if _run_named(act, search):
        return None  # "Run the Open all blinds script": the script, not every blind
    group = _find_group(request, act, search)
    act_words = set(tokens(act))
    if group is not None and group.reason == "all" and act_words & PAIR_WORDS and not act_words & (QUANTIFIERS - PAIR_WORDS):
        return group if len(group.members) == 2 else None
    if group is not None and (run := _run_for_the_way(act, group.qualifier, search)):
        # "Toilet Off", beside the scene "Toilet off": the scene is how the home switches them.
        return NodeGroup(kind=search.index.nodes[run].kind or "", qualifier=group.qualifier, members=(run,), reason=group.reason)
    return group


def _named_best(words: str, members: tuple[str, ...], search: RetrievalIndex) -> set[str]:
    """The members `words` name best ("the hallway light"), or the set they name ("the kitchen lights")."""
    if (named := _find_group(words, words, search)) is not None and set(named.members) & set(members):
        return set(named.members) & set(members)
    matches = {node: m.score for node, m in search.lexical.matches(words).items() if node in members}
    best = max(matches.values(), default=0.0)
    return {node for node, score in matches.items() if best and score >= best * 0.999}


class CommandGroup(Struct, frozen=True):
    command: str
    """The command's words ("turn on all lights"): its verbs choose the members' action."""
    members: tuple[str, ...]


def command_groups(request: str, search: RetrievalIndex) -> dict[int, CommandGroup]:
    """"Turn on all lights and unlock the front door": the sets that single commands of several
    act on, by the command's place in the request. Only a set named by its kind ("all lights"),
    not words that name nothing ("turn off all we don't need")."""
    act = split_clauses(request).act or request
    commands = split_commands(act)
    if len(commands) < 2:
        return {}
    out: dict[int, CommandGroup] = {}
    for i, command in enumerate(commands):
        if not request_kinds(command) - META_KINDS:
            continue
        group = find_group(command, search)
        if group is not None and len(group.members) > 1:
            out[i] = CommandGroup(command, group.members)
    return out


def _untimed(text: str) -> str:
    """`text` without the times it starts at ("at sunset", "every evening", "in the morning"):
    "close the blinds in the evening" names nothing but the blinds."""
    for pattern in PART_OF_DAY.values():
        text = pattern.sub(" ", text)
    return _WHEN.sub(" ", text)


_EVERY_TIME = re.compile(
    r"\b(?:every|each|jeden|jede|jedes|jeder|elke|iedere?|chaque|tous les|toutes les|cada|todos los|todas las|todos os|"
    r"todas as|todo o|toda a|todo|toda|ogni)\s+(?:other\s+|\d+\s+)?(?:week ?days?|work ?days?|weekends?|days?|nights?|mornings?|evenings?|"
    r"afternoons?|hours?|minutes?|weeks?|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|tag|werktag|wochentag|wochenende|"
    r"morgen|abend|nacht|stunde|minute|woche|(?:mon|diens|don|sams|sonn)tag|mittwoch|freitag|dag|werkdag|ochtend|avond|"
    r"uur|jours?|semaine|matin|soir|(?:lun|mar|mercre|jeu|vendre|same)di|dimanche|d[ií]as?|giorn[oi]|sera|mattina|"
    r"noites?|manhãs?|tardes?|noches?|mañanas?)\b",
    re.IGNORECASE,
)
""""Every weekday at 6:45": how often the command runs; its "every" quantifies no nodes."""


def _find_group(request: str, act: str, search: RetrievalIndex) -> NodeGroup | None:
    act = _EVERY_TIME.sub(" ", act)
    if (
        (label := TOPIC_LABEL.match(act))
        and QUANTIFIERS.intersection(tokens(act[label.end() :]))
        and not places_in(label.group(1))
        and not request_kinds(label.group(1))
    ):
        # "Good night: turn off all lights" is every light, not the night lights; "Kitchen: turn
        # off all lights" is the kitchen's.
        act = act[label.end() :]
    said = [w for w in dict.fromkeys(tokens(_untimed(_TAG.sub(" ", act)))) if w not in STOPWORDS]
    kinds = request_kinds(act)
    everything = bool(EVERYTHING.intersection(tokens(act))) and not kinds - META_KINDS
    if not said:
        return _everything(act, search) if everything else None  # "Alles aus" says only stopwords
    if SCENE_WORDS.intersection(said) and not _scene_named(act, search):
        group = _members(SCENE_TARGET_KIND, said, search, "scene")
        if group is not None:
            return group
    quantified = bool(QUANTIFIERS.intersection(tokens(_untimed(act))))  # not "alle 19", at 19:00
    # "The kitchen lights", "the kitchen blinds": the plural of a kind or of a sort of it (not a
    # sort said with numbers, "outlets 1, 2 and 3", which `_numbers_listed` reads).
    sorts_said = (PLURAL_SORTS - SAME_IN_SINGULAR).intersection(said) and not _LISTED_NUMBER.search(_untimed(act))
    plural = bool(PLURAL_WHOLE.intersection(said) or sorts_said) and len(split_commands(act)) == 1
    if quantified or plural:
        for kind in sorted(kinds - META_KINDS - {SCENE_KIND}):
            group = _members(kind, said, search, "all") or _each_place(kind, act, search)
            if group is None:
                continue
            if quantified or (len(group.members) > 1 and not _one_named_for_all(group, search)):
                return group
    for kind in sorted(kinds - META_KINDS - {SCENE_KIND}) if _outdoor_said(said) else ():
        group = _outside(kind, said, search)
        if group is not None:
            return group
    watched_places = places_in(split_clauses(request).watch)
    # "All lights" are every light, wherever what is waited on is.
    for kind in sorted(kinds - META_KINDS - {SCENE_KIND}) if watched_places and not places_in(act) and not quantified else ():
        group = _in_the_watched_place(kind, said, watched_places, search)
        if group is not None:
            return group
    for kind in sorted(kinds - META_KINDS - {SCENE_KIND}):
        every = (quantified or _plural_sort(kind, said)) and len(split_commands(act)) == 1
        group = _whole_kind(kind, said, search, tokens(act) if every else [])
        if group is not None:
            return group
    if everything:
        group = _everything(act, search)
        if group is not None:
            return group
    if quantified and not kinds - META_KINDS:
        group = _every_named(act, search)
        if group is not None:
            return group
    return (
        _plural_of_a_name(said, search)
        or _coordinated(act, search)
        or _alternatives(act, search)
        or _place_alone(said, search, act)
        or _numbered(said, search)
        or _numbers_listed(act, said, search)
    )


def _everything(act: str, search: RetrievalIndex) -> NodeGroup | None:
    """"Turn off everything when we leave", "alles aus im Wohnzimmer": every light, player and fan
    (`EVERYTHING_KINDS`) of the place the command names, or of the home; no aggregate beside its
    members, up to `MAX_EVERY`."""
    places = places_in(act)
    nodes = search.index.nodes
    members = [
        node_id
        for kind in EVERYTHING_KINDS
        for node_id in search.by_kind_nodes.get(kind, ())
        if nodes[node_id].actions and not is_aggregate(nodes[node_id]) and (not places or node_places(nodes[node_id]) & places)
    ][:MAX_EVERY]
    return NodeGroup(kind=LIGHT_KIND, qualifier=tuple(sorted(places)), members=tuple(members), reason="all") if members else None


RUN_FOR_A_WAY_KINDS = ("scene", "script")
"""Looked through in this order, so that a home with both answers the same every run."""


_SCRIPT_WORDS = frozenset(tokens("script skript scripts skripte"))
"""The words for a script (no kind of `kinds.py`: a request never acts on "the scripts")."""
_RUN_VERBS = frozenset(tokens(
    "activate run execute trigger launch aktiviere aktivieren ausführen activeer activeren activez active lance exécute "
    "ativa ativar activa activar attiva attivare esegui kör aktivera"
))
"""Verbs that run a scene or script named without its kind ("activate Everything off")."""


def _run_named(act: str, search: RetrievalIndex) -> bool:
    """Whether the acting clause names a scene, script or automation by its kind and by every word
    of its name ("run the Open all blinds script", "activate the scene Everything off"), or a scene
    or script by a verb that runs it ("activate Everything off")."""
    said = set(tokens(act))
    kinds = [
        kind for kind, words in (("scene", kind_tokens("scene")), ("script", _SCRIPT_WORDS), ("automation", kind_tokens("automation")))
        if words & said or (_RUN_VERBS & said and kind != "automation")
    ]
    return bool(named_in_full(said, kinds, search, min_words=2))


def _run_for_the_way(act: str, qualifier: tuple[str, ...], search: RetrievalIndex) -> str | None:
    """"Toilet On Motion", where the home has the scene "Toilet on": a scene or script named for
    the way the request switches and for what the group is of ("toilet"), by nothing but words
    the request says, is what it runs; the lights of the place are that scene's to set."""
    said = set(tokens(act))
    way = polarity(list(said))
    if not (way and qualifier):
        return None
    nodes = search.index.nodes
    return next(
        (
            node_id
            for kind in RUN_FOR_A_WAY_KINDS
            for node_id in search.by_kind_nodes.get(kind, ())
            if polarity(named := tokens(nodes[node_id].name or node_id)) == way
            and set(qualifier) <= set(named) <= said
        ),
        None,
    )


def _numbered(said: list[str], search: RetrievalIndex) -> NodeGroup | None:
    """"Allumage salon", where the home has "Salon 1", "Salon 2" and "Salon 3" (or "Led", "Led 2",
    "Led 3"): the nodes of one kind named alike but for a number, said without one, are each
    meant. Every word of their shared name is said, no number is, and no other node is named by
    those words and more of the said ones ("Hall lights" for "turn off hall lights", beside
    "Hall 1" and "Hall 2")."""
    if any(w.isdigit() for w in said):
        return None
    nodes = search.index.nodes
    forms = {form for w in said for form in _forms(w, search) | {w}}
    alike: dict[tuple[str, frozenset[str]], list[str]] = {}
    for node in dict.fromkeys(n for w in said for n in search.lexical.postings.get(w, ())):
        if nodes[node].actions and nodes[node].kind not in META_KINDS and not is_aggregate(nodes[node]):
            alike.setdefault((nodes[node].kind or "", _unnumbered_name(nodes[node])), []).append(node)
    for (kind, shared), members in sorted(alike.items(), key=lambda item: (-len(item[1]), sorted(item[0][1]))):
        if not 1 < len(members) <= MAX_MEMBERS or not shared or not shared <= forms:
            continue
        if sum(not _numbered_name(nodes[m]) for m in members) > 1:
            continue  # two nodes of the same name, not a numbered series
        shared_forms = {form for w in shared for form in _forms(w, search) | {w}}
        others = {
            n for w in said if w not in shared_forms and w not in _kind_tokens(kind, search)
            for n in search.lexical.postings.get(w, ()) if n not in members and nodes[n].actions and nodes[n].kind not in META_KINDS
        }
        if others:
            continue  # "the kitchen light and the floor lamp": the series is one of what is named
        series = [n for n in search.by_kind_nodes.get(kind, []) if _unnumbered_name(nodes[n]) == shared]
        if len(series) != len(members):
            continue  # some of the series hold the said words only in their ids: not clearly one series
        if any(
            n not in series and nodes[n].actions and nodes[n].kind not in META_KINDS and shared < words <= forms
            for n, words in search.lexical.names.items()
        ):
            return None
        return NodeGroup(kind=kind, qualifier=tuple(sorted(shared)), members=tuple(sorted(members)), reason="all")
    return None


SERIES_NUMBER = re.compile(r"[\s_]+\d{1,2}$")
"""The number that tells one of a series from the others: last, and small ("Salon 2", not
"Fire TV 192.168.0.166")."""


_LISTED_NUMBER = re.compile(
    r"(?<![\d:.,])(\d{1,2})(?![\d:.]|[.,]\d|\s*(?:%|°|min|sec|sek|s\b|h\b|hours?|stunden?|uur|uhr|am\b|pm\b|w\b|kw|watts?|"
    r"lux|lx|ppm|degrees?|grad|graden|people|personen|times|mal\b|x\b))",
    re.I,
)
"""A number said alone ("Spot 1 and Spot 2", "Play 1 et le Play 2"): no level, time or quantity."""


def _numbers_listed(act: str, said: list[str], search: RetrievalIndex) -> NodeGroup | None:
    """"Turn on Spot 1 and Spot 2", "lights 1, 2 and 3": two numbers or more of one series ("Spot
    1", "Spot 2", "Spot 3") whose shared name the request says: the members with those numbers."""
    numbers = {int(m.group(1)) for m in _LISTED_NUMBER.finditer(_untimed(act))}
    if len(numbers) < 2:
        return None
    nodes = search.index.nodes
    forms = {form for w in said for form in _forms(w, search) | {w}}
    series: dict[tuple[str, frozenset[str]], dict[int, str]] = {}
    for node_id, node in nodes.items():
        if node.actions and node.kind not in META_KINDS and (number := SERIES_NUMBER.search(node.name or node.id)):
            series.setdefault((node.kind or "", _unnumbered_name(node)), {})[int(number.group().strip(" _"))] = node_id
    for (kind, shared), by_number in sorted(series.items(), key=lambda item: (item[0][0], sorted(item[0][1]))):
        if shared and shared <= forms and numbers <= set(by_number) and len(numbers) <= MAX_MEMBERS:
            return NodeGroup(kind=kind, qualifier=tuple(sorted(shared)), members=tuple(by_number[n] for n in sorted(numbers)), reason="all")
    return None


def _unnumbered_name(node: Node) -> frozenset[str]:
    """The words of the node's name without its series number ("Salon 2" → {"salon"})."""
    return frozenset(tokens(SERIES_NUMBER.sub("", node.name or node.id)))


def _numbered_name(node: Node) -> bool:
    """Whether the node's name ends with a series number."""
    return SERIES_NUMBER.search(node.name or node.id) is not None


def _place_alone(said: list[str], search: RetrievalIndex, act: str) -> NodeGroup | None:
    """"[Timer: 5] Family Room Off", "Office - Turn On": a place and a way to switch, nothing else,
    means the place's lights, each of them (or its only one), unless one is named by the place
    alone (its group); "Outside - Turn Off" means the lights out of doors."""
    if not polarity(tokens(act)):
        return None
    rest = [w for w in said if not polarity([w]) and not w.isdigit()]
    if rest and set(rest) <= _outdoor_said(rest):
        # "Outside - Turn Off": the lights out of doors.
        return _outside(SCENE_TARGET_KIND, rest, search)
    places = places_in(" ".join(rest))
    if not places or not set(rest) <= place_words() | ROOM_WORDS:
        return None
    group = _members(SCENE_TARGET_KIND, rest, search, "place")
    if group is None:
        return None
    # Only what is in that place, not in a place within it ("Office closet" for "Office Off").
    members = tuple(node for node in group.members if node_places(search.index.nodes[node]) <= places)
    group = NodeGroup(kind=group.kind, qualifier=group.qualifier, members=members, reason="place")
    if not members or _one_named_for_all(group, search):
        return None
    return group


PLURAL_ENDINGS = ("s", "es", "en", "e", "n")


def _plural_of_a_name(said: list[str], search: RetrievalIndex) -> NodeGroup | None:
    """"Nightstands off", where two lights are each called a nightstand: a plural of a word that
    no name holds as said, but that names several nodes in the singular, means each of them
    (those the request's other words name, when they name any)."""
    kind_tokens = {t for kind in kind_words() for t in _kind_tokens(kind)}
    nodes = search.index.nodes
    for word in said:
        if word in kind_tokens or polarity([word]):
            continue
        if any(nodes[node].kind not in META_KINDS for node in search.lexical.postings.get(word, ())):
            continue  # a name holds the word as said
        singular = {w for w in _forms(word, search) if len(w) < len(word) and word[len(w) :] in PLURAL_ENDINGS and word.startswith(w)}
        if not singular:
            continue
        named = [
            node
            for node, words in search.lexical.names.items()
            if singular & words and nodes[node].actions and nodes[node].kind not in META_KINDS
        ]
        # Of any kinds that can do one thing alike ("the trees": plugs and lights).
        if len(named) < 2 or not set.intersection(*(set(nodes[node].actions) for node in named)):
            continue
        others = {w: _forms(w, search) for w in said if w != word}
        qualifier = [w for w, forms in others.items() if any(_names(w, forms, search.lexical.names[n]) for n in named)]
        members = tuple(n for n in named if all(_names(w, others[w], search.lexical.names[n]) for w in qualifier))
        if 1 < len(members) <= MAX_MEMBERS:
            kinds = [nodes[node].kind or "" for node in members]
            return NodeGroup(kind=max(kinds, key=kinds.count), qualifier=(word, *qualifier), members=members, reason="all")
    return None


def _every_named(act: str, search: RetrievalIndex) -> NodeGroup | None:
    """"Reload all wall-mounted tablet browsers": the words after the quantifier name no kind, so
    they name the members by their names. The kind is that of the node the request names best,
    and a member is named by every quantified word that names that node."""
    words = tokens(act)
    start = next(i for i, w in enumerate(words) if w in QUANTIFIERS) + 1
    noun = [w for w in words[start : start + MAX_NOUN_WORDS + 1] if w not in STOPWORDS and not polarity([w])]
    forms = {w: _forms(w, search) for w in noun}
    matched = search.lexical.matches(act)
    named = [
        node
        for node in matched
        if search.index.nodes[node].actions
        and search.index.nodes[node].kind not in META_KINDS
        and any(_names(w, forms[w], search.lexical.names[node]) for w in noun)
    ]
    if not named:
        return None
    best = max(named, key=lambda node: (matched[node].score, node))
    kind = search.index.nodes[best].kind or ""
    qualifier = [w for w in noun if _names(w, forms[w], search.lexical.names[best])]
    members = tuple(
        node
        for node in search.by_kind_nodes.get(kind, [])
        if search.index.nodes[node].actions
        and all(_names(w, forms[w], search.lexical.names[node]) for w in qualifier)
        and not is_aggregate(search.index.nodes[node])
    )
    if not 1 < len(members) <= MAX_EVERY:
        return None
    return NodeGroup(kind=kind, qualifier=tuple(qualifier), members=members, reason="all")


def _in_the_watched_place(kind: str, said: list[str], places: frozenset[str], search: RetrievalIndex) -> NodeGroup | None:
    """"Turn on the lights when the garage door opens": the command names the kind and nothing
    else, and what it waits for is in a place, so it means that place's nodes of the kind (the
    garage's lights, however they are named), not the one whose name holds the kind's word."""
    if not _says_only_the_kind(kind, said):
        return None
    generic = _kind_tokens(kind)
    # Of the kind, or named for it ("Garage light", a switch).
    named_for_it = [
        node for node, words in search.lexical.names.items()
        if generic & words and search.index.nodes[node].kind not in META_KINDS
    ]
    # A sort of the kind the command names ("the TV", a media player) names each member.
    sorts = _sorts_named(kind, said, search)
    members = tuple(
        node
        for node in dict.fromkeys([*search.by_kind_nodes.get(kind, []), *named_for_it])
        if search.index.nodes[node].actions
        and places & node_places(search.index.nodes[node])
        and not is_aggregate(search.index.nodes[node])
        and all(_names(w, forms, search.lexical.names[node]) for w, forms in sorts.items())
    )
    if not 0 < len(members) <= MAX_MEMBERS:
        return None
    return NodeGroup(kind=kind, qualifier=tuple(sorted(places)), members=members, reason="place")


def _each_place(kind: str, act: str, search: RetrievalIndex) -> NodeGroup | None:
    """"The lights in the kitchen and the living room", "the kitchen and living room lights": the
    kind in the plural, of two places or more joined by "and", is what each place alone would be:
    its group ("Living room lights") when it has one, else each of its nodes of the kind."""
    places = places_in(act)
    if len(places) < 2 or not CONJUNCTIONS.intersection(tokens(act)):
        return None
    generic = WHOLE_KIND_WORDS | QUANTIFIERS
    members: list[str] = []
    for place in sorted(places):
        here = [
            node
            for node in search.by_kind_nodes.get(kind, ())
            if search.index.nodes[node].actions
            and place in node_places(search.index.nodes[node])
            and not is_aggregate(search.index.nodes[node])
        ]
        named_for_it = [node for node in here if _named_for_the_place(search.lexical.names[node] - generic, place)]
        if not here:
            return None
        members += named_for_it[:1] or here
    if len(members) > MAX_EVERY:
        return None
    return NodeGroup(kind=kind, qualifier=tuple(sorted(places)), members=tuple(dict.fromkeys(members)), reason="all")


def _named_for_the_place(words: set[str], place: str) -> bool:
    """Whether a node's words, its kind's aside, are only the place's ("Living room lights")."""
    return bool(words) and places_in(" ".join(sorted(words))) == {place} and words <= place_words() | ROOM_WORDS


def _one_named_for_all(group: NodeGroup, search: RetrievalIndex) -> bool:
    """Whether one member is named by the words alone ("Bedroom lights" for "the bedroom
    lights"): a light group for the place, which the request means rather than each light."""
    generic = WHOLE_KIND_WORDS | QUANTIFIERS
    return any(
        PLURAL_WHOLE & (names := search.lexical.names[node]) and names - generic <= set(group.qualifier)
        for node in group.members
    )


def _outdoor_said(said: list[str]) -> set[str]:
    """The outdoor words said, alone or opening a compound ("Außenbeleuchtung", "buitenlampen")."""
    return {o for w in said for o in OUTDOOR_WORDS if w == o or (w.startswith(o) and len(w) > len(o) + 2)}


def _outside(kind: str, said: list[str], search: RetrievalIndex) -> NodeGroup | None:
    """"Turn on the outside lights": every node of the kind named for a place out of doors. Only
    when nothing else is said ("the outdoor holiday lights" are one sort of them) and no node is
    itself named outside ("Outdoor lights" is the one meant)."""
    outdoor = _outdoor_said(said)
    rest = [w for w in said if w not in outdoor and not any(w.startswith(o) for o in outdoor)]
    if not _says_only_the_kind(kind, rest):
        return None
    generic = _kind_tokens(kind)
    nodes = search.index.nodes
    candidates = [
        node
        for node, words in search.lexical.names.items()
        if nodes[node].actions and kind in search.kinds_of[node] and (nodes[node].kind == kind or generic & words)
    ]
    if any(_outdoor_word(search.lexical.names[node], OUTDOOR_WORDS) for node in candidates):
        return None
    members = tuple(
        node for node in candidates if _outdoor_word(search.lexical.names[node], OUTDOOR_PLACES) and not is_aggregate(nodes[node])
    )
    if not 0 < len(members) <= MAX_EVERY:
        return None
    return NodeGroup(kind=kind, qualifier=tuple(sorted(outdoor)), members=members, reason="all")


def _outdoor_word(node_words: set[str], vocabulary: frozenset[str]) -> bool:
    """Whether a name holds a word of `vocabulary`, alone or as a part of a compound."""
    return any(
        w in vocabulary or any(len(v) >= MIN_PART and (w.startswith(v) or w.endswith(v)) for v in vocabulary)
        for w in node_words
    )


def _whole_kind(kind: str, said: list[str], search: RetrievalIndex, quantified: list[str]) -> NodeGroup | None:
    """"Turn off lights": the request names the kind and nothing else, so it means all of them,
    which the home's aggregate of that kind does in one call: one named for the whole house
    ("All house lights", `group_all_inside_lights`), not for a room ("All bathroom lights").
    Without one, "all" (the request's words in `quantified`) calls each node of the kind, or of
    the sort the request names ("all blinds" are not the garage door, another cover)."""
    generic = _kind_tokens(kind) | QUANTIFIERS
    if _says_only_the_kind(kind, said, search):
        aggregates = [
            node
            for node in search.by_kind_nodes.get(kind, [])
            if is_aggregate(search.index.nodes[node]) and search.lexical.names[node] - generic <= WHOLE_HOUSE
        ]
        if aggregates:
            best = min(aggregates, key=lambda node: (len(search.lexical.names[node] - generic), node))
            return NodeGroup(kind=kind, qualifier=(), members=(best,), reason="all")
    if not quantified or _qualifiers(kind, said, search):
        return None
    whole = _says_only_the_kind(kind, said, search) and bool(QUANTIFIERS.intersection(quantified))
    if not whole and any(is_aggregate(search.index.nodes[n]) for n in search.by_kind_nodes.get(kind, [])):
        return None
    if not whole and any(
        kind in search.kinds_of[n]
        for w in said if w not in generic and w not in WHOLE_HOUSE and not polarity([w])
        for n in search.lexical.postings.get(w, ())
    ):
        return None  # "all the garden lights", where a switch named as lights is the garden's: not every light
    # "All lights" in a home with only rooms' groups of them: each light, the groups left out.
    every = [
        node for node in search.by_kind_nodes.get(kind, [])
        if search.index.nodes[node].actions and not (whole and is_aggregate(search.index.nodes[node]))
    ]
    sorts = _sorts_named(kind, quantified, search)
    every = [n for n in every if any(_names(w, forms, search.lexical.names[n]) for w, forms in sorts.items())] or every
    other_class = named_for_the_other_class(" ".join(quantified), search)
    every = [n for n in every if n not in other_class]
    if 1 < len(every) <= (MAX_ALL if whole else MAX_EVERY):
        return NodeGroup(kind=kind, qualifier=(), members=tuple(every), reason="all")
    return None


PLURAL_SORTS = frozenset(tokens(
    "blinds shades curtains shutters awnings rollläden jalousien rollos markisen vorhänge rolluiken gordijnen "
    "zonneschermen speakers fans ventilatoren locks plugs outlets sockets steckdosen stopcontacten "
    "volets rideaux persianas cortinas estores tapparelle persiane ventilateurs ventiladores prises tomadas enchufes "
    "thermostats radiators heaters thermostate heizkörper thermostaten radiatoren thermostats radiateurs termostatos "
    "radiadores termostati radiatori termostatene termostater"
))


SAME_IN_SINGULAR = frozenset(tokens("rollläden"))
"""Plurals that read as their singular once their letters are folded ("Rollläden", "Rollladen")."""


def _plural_sort(kind: str, said: list[str]) -> bool:
    """"Close blinds": the plural of a sort of the kind, said alone, means each of that sort (not
    "lights", said of one light as often as of all). What the command does and the level it sets
    name no member ("set the thermostats to 21 degrees")."""
    named = [w for w in said if not (w.isdigit() or is_verb(w) or w in _LEVEL_WORDS)]
    return _says_only_the_kind(kind, named) and bool(PLURAL_SORTS.intersection(said))


_LEVEL_WORDS = frozenset(tokens("degrees degree grad grader graden grados graus gradi degrés percent prozent procent procento"))


LIGHT_SETTINGS = frozenset(tokens(
    "red green blue purple violet yellow orange pink white warm cool cold mixed daylight bright brightness dim "
    "dimmed full max maximum half color colour "
    "rot grün blau lila gelb rosa weiß weiss kalt hell helligkeit gedimmt farbe "
    "rood groen blauw paars geel oranje roze wit koud fel helderheid gedimd kleur "
    "rouge vert bleu jaune blanc chaud froid luminosité couleur "
    "vermelho verde azul roxo amarelo laranja branco rojo amarillo naranja blanco rosso giallo arancione bianco blu"
))
"""Words that say how lights shine ("Lights to Red", "Lights to Warm White"): a setting, not which lights."""


def _says_only_the_kind(kind: str, said: list[str], search: RetrievalIndex | None = None) -> bool:
    """Whether the words are only the kind's, a quantifier, on and off ("turn off all lights"), or
    how lights shine ("Lights to Warm White")."""
    generic = _kind_tokens(kind, search) | QUANTIFIERS | (LIGHT_SETTINGS if kind == LIGHT_KIND else frozenset())
    return all(w in generic or polarity([w]) for w in said)


def _sorts_named(kind: str, words: list[str], search: RetrievalIndex) -> dict[str, set[str]]:
    """The words for one sort of the kind ("blinds", "TV"; not "lights", said of every light),
    each with its forms: a member must be named by each."""
    return {w: _forms(w, search) for w in words if w in _kind_tokens(kind) and w not in WHOLE_KIND_WORDS}


def _coordinated(act: str, search: RetrievalIndex) -> NodeGroup | None:
    """"the front or back door": "front door" and "back door", the best node that can act for each."""
    words = tokens(act)
    for i, word in enumerate(words):
        if word not in CONJUNCTIONS or i == 0 or words[i - 1] in STOPWORDS or words[i - 1].isdigit():
            continue  # "… to 30% and the bedside lamp": a level ends the first, no qualifier
        if request_kinds(words[i - 1]) - META_KINDS:
            continue  # "the hallway light and the desk lamp": the first ends with its own noun
        right: list[str] = []
        for w in words[i + 1 :]:
            if w in ARTICLES and not right:
                continue
            if w in STOPWORDS or w.isdigit() or len(right) == MAX_NOUN_WORDS:
                break
            right.append(w)
        if len(right) < 2:
            continue  # "the TV and the Xbox" shares no noun: retrieval's `also_named` covers it
        one, other = _best_by_kind(" ".join([words[i - 1], *right[1:]]), search), _best_by_kind(" ".join(right), search)
        both = [kind for kind in one.keys() & other.keys() if kind not in META_KINDS and one[kind][1] != other[kind][1]]
        if both:
            # The kind the verbs ask of ("lock" → the locks, not the door lights), then the better named.
            kind = max(both, key=lambda k: (_verb_fit(act, one[k][1], search), one[k][0] + other[k][0], k))
            members = (one[kind][1], other[kind][1])
            return NodeGroup(kind=kind, qualifier=(words[i - 1], right[0]), members=members, reason="both")
    return None


_SLASHED = re.compile(r"([^\W\d_]+)\s*/\s*([^\W\d_]+)")


def _alternatives(act: str, search: RetrievalIndex) -> NodeGroup | None:
    """"Controlar Luz da Sala Day/Night": two words side by side with a slash, each finishing what
    comes before them, name a node each ("Lights living room day", "Lights living room night"):
    the request acts on both, each at its time. Not two ways ("av/på"), which `says_both_ways` reads."""
    for m in _SLASHED.finditer(act):
        first, second = m.group(1), m.group(2)
        if polarity(tokens(first)) or polarity(tokens(second)):
            continue
        before = [w for w in tokens(act[: m.start()]) if w not in STOPWORDS][-MAX_NOUN_WORDS:]
        if not before:
            continue
        one = _best_by_kind(" ".join([*before, first]), search)
        other = _best_by_kind(" ".join([*before, second]), search)
        both = [kind for kind in one.keys() & other.keys() if kind not in META_KINDS and one[kind][1] != other[kind][1]]
        if both:
            kind = max(both, key=lambda k: (one[k][0] + other[k][0], k))
            return NodeGroup(kind=kind, qualifier=(first.lower(), second.lower()), members=(one[kind][1], other[kind][1]), reason="both")
    return None


def _best_by_kind(phrase: str, search: RetrievalIndex) -> dict[str, tuple[float, str]]:
    """Per kind, the node that can act which `phrase` names best, among those it names mostly."""
    best: dict[str, tuple[float, str]] = {}
    for node, match in search.lexical.matches(phrase).items():
        kind = search.index.nodes[node].kind or ""
        if search.index.nodes[node].actions and match.coverage >= COORDINATED_COVERAGE:
            best[kind] = max(best.get(kind, (0.0, "")), (match.score, node))
    return best


def _verb_fit(act: str, node: str, search: RetrievalIndex) -> float:
    """How strongly the request's verbs ask for the node's likeliest action (`verbs.py`)."""
    return max(verb_scores(act, search.index.nodes[node].actions).values(), default=0.0)


def _scene_named(act: str, search: RetrievalIndex) -> bool:
    scenes = set(search.by_kind_nodes.get(SCENE_KIND, ()))
    if not scenes:
        return False
    found = search.lexical.matches(" ".join(w for w in tokens(act) if w not in SCENE_WORDS))
    return any(m.coverage >= SCENE_MATCH_COVERAGE for node, m in found.items() if node in scenes)


def _members(kind: str, said: list[str], search: RetrievalIndex, reason: Reason) -> NodeGroup | None:
    nodes = search.by_kind_nodes.get(kind, [])
    if not nodes:
        return None
    names = {node: search.lexical.names[node] for node in nodes}
    stems = _qualifiers(kind, said, search)
    qualifier = list(stems)
    if not qualifier:
        return None
    members = tuple(
        node
        for node, ws in names.items()
        if all(_names(w, stems[w], ws) for w in qualifier) and not is_aggregate(search.index.nodes[node])
    )
    if not members or len(members) > (MAX_EVERY if reason == "all" else MAX_MEMBERS):
        return None
    return NodeGroup(kind=kind, qualifier=tuple(qualifier), members=members, reason=reason)


def _qualifiers(kind: str, said: list[str], search: RetrievalIndex) -> dict[str, set[str]]:
    """The request's words that name at least one node of the kind beyond the kind itself ("hall"
    names `hall_lamp`; "activate", "sunset" name none), each with its stems and plurals in the
    environment's vocabulary."""
    generic = _kind_tokens(kind, search) | QUANTIFIERS | SCENE_WORDS
    names = [search.lexical.names[node] for node in search.by_kind_nodes.get(kind, [])]
    out: dict[str, set[str]] = {}
    for w in said:
        if w in generic or polarity([w]):
            continue
        forms = _forms(w, search)
        if any(_names(w, forms, ws) for ws in names):
            out[w] = forms
    return out


def _forms(word: str, search: RetrievalIndex) -> set[str]:
    """The word's stems and plurals in the environment's vocabulary ("blinds" → "blind"), and those
    of its one-word translations ("escadas" → "stairs"): a home named in English is talked to in
    Portuguese."""
    forms = {v for v, q in search.lexical.word_matches(word).items() if q >= STEM_MATCH}
    for _, part, other in translations([word]):
        if not (part == word or (word.startswith(part) and word[len(part) :] in ("s", "es"))):
            continue
        if len(other) == 1:
            forms |= {v for v, q in search.lexical.word_matches(other[0], fuzzy=False).items() if q >= STEM_MATCH}
        elif all(w in search.lexical.postings for w in other):
            # "Wohnzimmer" is "living room": a phrase, which a node names by all its words (`_names`).
            forms.add(" ".join(other))
    return forms


def _kind_tokens(kind: str, search: RetrievalIndex | None = None) -> set[str]:
    """The words of the kind's words ("ceiling light" → "ceiling", "light"): they name no member.
    Given the home, the first words of a sort ("bedside" of "bedside lamp", "fairy" of "fairy
    lights") that some node of the kind is named by are left out: there they name those nodes,
    and "the bedside lamps" are not all lights."""
    words = set(kind_tokens(kind))
    if search is None:
        return words
    heads = {tokens(phrase)[-1] for phrase in kind_words().get(kind, ())}
    named = set().union(*(search.lexical.names[node] for node in search.by_kind_nodes.get(kind, ())))
    return {w for w in words if w in heads or w not in named}


def _names(word: str, forms: set[str], node_words: set[str]) -> bool:
    """`word` names one of the node's words: the same word, one of its `forms` (plural, stem, all the
    words of a translated phrase), or one starting the other ("hallway"/"hall", "bath"/"bathroom",
    "Flurlicht"/"flur")."""
    if word in node_words or forms & node_words or any(" " in f and set(f.split()) <= node_words for f in forms):
        return True
    return len(word) >= MIN_PART and any(
        len(w) >= MIN_PART and (w.startswith(word) or word.startswith(w)) for w in node_words
    )
