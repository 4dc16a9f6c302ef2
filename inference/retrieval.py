"""Stage 2: resolve the tagger's mentions to a handful of scored candidate nodes, properties and actions.

The large context never exists: instead of handing a model the whole environment, each `node`
mention is matched (rapidfuzz) against every node's id (underscores as spaces), name, aliases and
"area + name" / "area + kind" phrases, built once per environment in `RetrievalIndex`. `area`,
`property` and `action` mentions then re-rank: a node in the named area, with the named property or
offering the named action, rises. When the tagger finds no device at all, the whole request is
matched instead (the classic fuzzy baseline), so retrieval always has something to offer.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import cache, lru_cache

from msgspec import Struct, field
from rapidfuzz import fuzz, process

from wfl.grammar.index import EnvIndex
from wfl.schemas.environment import BooleanType, EnumType, Node, NumberType

from .clauses import POSSESSIVES, RANGE_OPENER, SETTING_NOUNS, SPAN_UNITS, TOLD_WORDS, Clauses, before_switching_back, refers_to_earlier, split_clauses, split_commands, watch_parts
from .kinds import RECORD_KINDS, _every_kind_word, kind_word_spans, kind_words, kinds_in_order, request_kinds
from .daytime import times_of_day_said
from .household import household_node, waits_on_household, without_coming_or_going
from .synonyms import CONTRASTS, says
from .units import quantity_after, quantity_of
from .lexical import LEVEL, LEVEL_UNITS, STOPWORDS, LexicalIndex, LexicalMatch, blanked, name_texts, node_words, tokens, unique_id_stem, watch_words
from .verbs import COLDER_THAN, DEGREES, PRESSES, WARMER_THAN, actions_named, is_activity, is_verb, is_verb_form, polarity, service_name, sets_degrees, sets_temperature, settings_said, states_activity, verb_scores

_SPLIT = re.compile(r"[_\W]+")

FUZZY_SHARE = 0.25
"""How much the fuzzy match of the tagger's mentions counts against the word-weighted match of
the whole request (`lexical.py`)."""
LEXICAL_POOL = 10
WATCH_POOL = 5
"""The best word-weighted matches join the candidates even when the tagger missed their mention."""
KIND_POOL = 3
"""The best word-weighted matches of each kind the request names join too."""
FEW_OF_A_KIND = 3
MAX_TEMPERATURE_SETTERS = 8
"""A request that sets a temperature considers this many of the nodes that set one, in the home's order."""
ALSO_NAMED_LOOKAHEAD = 5
ALSO_NAMED_COVERAGE = 0.6
WATCHABLE_BONUS = 15.0
"""Watch-score points for a node whose state makes a trigger by itself (see `_trigger_fitness`)."""
COMPARATIVE = re.compile(rf"\b(?:{WARMER_THAN}|{COLDER_THAN})\b", re.IGNORECASE)
""""Kälter als 18 Grad" says which way a temperature crosses, and names no node: not the input
number "Wasser Bad kalt"."""
UPDATE_WORDS = frozenset(tokens("update updates updated upgrade version release firmware aktualisierung updaten mise jour atualização actualización aggiornamento"))
OPENING_PROPERTIES = frozenset({"door", "window", "opening", "garage_door"})
"""What a contact senses: a waiting clause that says something is done or at work, and not these
words, waits on something else of the device."""
_NUMBER = re.compile(r"\d")
CONTRAST_PENALTY = 10.0
"""Points off a node named for the other class of a pair the request names one of (`CONTRASTS`)."""
PLURAL_WHOLE = frozenset(tokens(
    "lights lichter lichten lampen lamps verlichting beleuchtung lampjes lumières luzes luces luci lampes lâmpadas lámparas lampade "
    "lysene lysa lampene lamporna"
))
"""Plurals for every light: said of all the lights of a place or of the home, seldom of one."""
GROUPING_KINDS = frozenset({"group"})
"""Kinds whose nodes switch other nodes together, named for what they hold ("Outside lights")."""
PLURAL_GROUP_BONUS = 10.0
"""Points for such a group when the request names its kind in the plural ("turn off the lights")."""
PAIR_WORDS = frozenset(tokens("both beide beiden allebei ambos ambas entrambi entrambe"))
""""Both": all of exactly two."""
QUANTIFIERS = frozenset(tokens("all alle allen aller alla sämtliche saemtliche every each tous toutes todos todas tutti tutte")) | PAIR_WORDS
NAMED_LIKENESS = 85.0
"""A node none of whose words, kind, verbs or area the request says is named by it only if its
name looks this much like a mention (a typo: "Lichterkete"); below, the likeness is chance."""
OTHER_PLACE_PENALTY = 10.0
"""Points off a node that acts in another place than the one the acting words name: "Schalter -
Küche - Deckenlicht" is the kitchen's ceiling light, not the one called "Deckenlicht Büro", however
well that name matches the word. A node for all of a kind ("Alle Lampen") is in no one place:
"Nachtlicht Badezimmer" is the bathroom's light."""
UNPLACED_PENALTY = 10.0
"""Points off a node of the named kind in no place, when another of that kind is in the place named."""
PLACE_AND_KIND_BONUS = 10.0
"""Points for a node of the kind the acting words name, in the place they name: "the heaters in
both bathrooms" are the bathrooms' heaters, "Shutdown - Rolladen Küche" the kitchen's blind, not a
helper that shares a word with the request and is in no place."""
PRESENCE_SENSOR_WORDS = frozenset(
    tokens("motion movement activity occupancy occupied presence bewegung bewegungsmelder präsenz anwesenheit aktivität")
)
_SOMEONE = re.compile(
    r"\b(?:nobody|no[- ]?one|someone|somebody|anyone|anybody|everyone|everybody|niemand|jemand|keiner|iemand|"
    r"empty|vacant|unoccupied|occupied|leer|verlassen|leeg|bezet|ningu[ée]m|alguém|nadie|alguien|nessuno|qualcuno|personne|"
    r"quelqu'un|vazio|vazia|vacío|vacía|vuoto|vuota|vide|ingen|någon|noen)\b",
    re.IGNORECASE,
)
"""Words for people in a place, or a place with none ("when nobody is in the office", "if the office
is empty"): what the request waits for is the place's presence sensor."""
I_ENTER = re.compile(
    r"\b(?:i (?:enter|walk in(?:to)?|come in(?:to)?|go into|step into)|eu (?:entrar|entro)|entro (?:en|no|na|nel|nella|in)"
    r"|yo entre|j['’ ]?entre|ich (?:\w+ ){0,4}?(?:betrete|reinkomme|hereinkomme)|ik (?:binnenkom|binnenloop)\w*)\b",
    re.IGNORECASE,
)
"""The one asking coming into a place ("when I enter the office", "quando eu entrar no escritório"):
someone there, as its presence sensor tells."""
_RANGE_OF_NUMBERS = re.compile(rf"{RANGE_OPENER}(?=-?\d)", re.IGNORECASE)
PRESENCE_SENSOR_GAIN = 2.0
"""When the request says nothing of what it waits for, a presence sensor matching its words counts
this much more as the thing watched..."""
PRESENCE_FOLLOWERS = frozenset({"light"})
"""...when it acts on nodes of these kinds."""

OWN_VERB_BONUS = 30.0
"""Points for one of the few nodes a verb of their own names ("Léon home then disarmed": the alarm
panel), when the request names no kind of it: the verb says both the kind and what to do with it,
more than a word for the kind alone (`KIND_BONUS`)."""
KIND_BONUS = 15.0
"""Points for a node whose kind the request names ("Light: turn on the living room" prefers the
living room *light* over a vacuum called "Living room")."""
OTHER_KIND_WORD_SHARE = 0.25
"""How much a kind word alone counts for a node of another kind that carries it in its name."""
LATER_KIND_BONUS = 7.5
SAME_DEVICE_BONUS = 10.0
"""Points for a node that acts and shares its device with the best matched node, which cannot act."""
PLACE_NAME_SHARE = 0.5
"""How much a node named for nothing but a place ("Living room": a vacuum's room) keeps of its
match unless the request names its kind: a place alone means its lights ("Control switches: living
room"), and a light named for its room ("Kinderzimmer") keeps its whole match."""
PLACE_KINDS = frozenset({"light"})
"""Points for a node of a kind the request names after another one."""
META_KINDS = frozenset({"automation"})
NAMED_WHOLE_KINDS = META_KINDS | {"script", "scene"}
"""Kinds a request names a node of by its whole name and its kind ("run the Wake up light script",
"disable the automation Hallway light auto"): the words of that name ("light") name no kind the
request acts on."""
META_PENALTY = 60.0
"""A request describes a workflow that acts on devices; acting on another workflow is rare. The
home's existing automations also carry names like the request's own ("Light: turn on living room"
names an automation before it names a light), so they rank far lower, and only when the request
speaks of automations at all."""
_META_WORDS = re.compile(
    rf"\b(?:{'|'.join(sorted(kind_words()['automation'], key=len, reverse=True))}|routines?|workflows?)\b", re.IGNORECASE
)
"""Words for the home's automations, in every language its kind is named in."""

_SELF_DESCRIBED = re.compile(
    r"^\W*(?:this\s+|an?\s+)?(?:automation|automatisierung)\s+(?:to|that|which|for|zum|zur|die)\b"
    # Swedish, at the start of any sentence: "Denna automation …", "Den här automationen …",
    # "Automationen startar …" (the definite form is the one being described).
    r"|(?:^|[.!?]\s+)\W*(?:(?:denna|den här)\s+automation(?:en)?|automationen)\b",
    re.IGNORECASE,
)
""""Automation to activate the gaming scene" describes the workflow being written: it speaks of no
other automation."""


PRESSED_BY_PEOPLE = frozenset({"input_button"})
"""Helper buttons: what people press on a dashboard, so a workflow's trigger, not its action."""
RECORDED_KINDS = frozenset({"camera"})
"""Kinds a workflow acts on only with their own verbs (snapshot, record) unless the request names the
kind: in the forty-one homes measured, no automation switches a camera on or off."""
SWITCHING_ACTIONS = ("turn_on", "turn_off", "toggle")
"""Switching on, off and over: what an automation does to a device most often (`_commonest_first`)."""
COMMONEST_ACTIONS: dict[str, tuple[str, ...]] = {"cover": ("open_cover", "close_cover")}
"""Kinds whose commonest actions are not switching: of the 717 real automations in forty-one homes,
95 open or close a cover and none toggles one."""
PRESSED_NAMED_SHARE = 0.5
"""A button whose name the request says at least this fully is what it waits on being pressed."""
_PRESS_COMMAND = re.compile(
    r"\b(?:press|push|drücke?|drücken|betätige|betätigen|druk|indrukken|appuie|appuyer|appuyez|premi|premere|"
    r"pulsa|pulsar|presiona|presionar|carrega|carregar|pressiona|pressionar)\b",
    re.IGNORECASE,
)
"""A command to press a button ("press the reset button"), not a word for one being pressed."""


def may_act_on(request: str, node: Node) -> bool:
    """Whether a request may act on `node`: any device, but an existing workflow only when the
    request speaks of workflows, and never the one it describes itself (the home's automation
    named as the request is)."""
    if node.kind not in META_KINDS:
        return True
    speaks_of_workflows, described = _workflows_said(request)
    return speaks_of_workflows and set(tokens(node.name or node.id.replace("_", " "))) != described


@lru_cache(maxsize=64)
def _workflows_said(request: str) -> tuple[bool, frozenset[str]]:
    """Whether the request speaks of workflows, and the words of the one it describes: read once
    per request, not once per automation node asked about."""
    return bool(_META_WORDS.search(_SELF_DESCRIBED.sub("", request))), frozenset(tokens(_META_WORDS.sub(" ", request)))


def _only_kind_words(text: str, kind: str) -> bool:
    """Whether `text` holds nothing but words for `kind` ("Heizung", "the lights")."""
    return not [w for w in tokens(blanked(text, kind_word_spans(text, kind))) if w not in STOPWORDS]


def _scaled(match: LexicalMatch, share: float) -> LexicalMatch:
    return LexicalMatch(mass=match.mass * share, coverage=match.coverage * share, said=match.said)


class Mentioned(Struct, frozen=True):
    """What retrieval needs of a tagger mention (the tagger's `Mention` fits)."""

    label: str
    text: str
    start: int = 0
    end: int = 0


class Candidate(Struct):
    node: str
    score: float
    """0-100: how well the node matches the request's words."""
    mention: str = ""
    """The words it was matched on."""
    properties: list[str] = field(default_factory=list)
    """The node's properties, best matching the request first."""
    actions: list[str] = field(default_factory=list)
    """The node's actions, best matching the request first."""
    also_named: bool = False
    """The request names this node apart from the best matched one: it likely wants a call too."""
    watch_score: float = 0.0
    """0-100+: how well the node matches what the request waits for (its trigger/condition clause)."""
    action_scores: list[float] = field(default_factory=list)
    """How strongly the request's verbs ask for each action (0-1, `verbs.py`), parallel to `actions`."""
    command: int | None = None
    """Which of the request's commands ("close the blinds, turn off the TV") names it: each
    command's node is called, in their order, with the actions its own verbs ask for."""
    level_elsewhere: bool = False
    """Its own command states no level, another command does ("dim the light to 20% and close
    the blinds"): that level is not this node's to set."""
    own_levels: tuple[tuple[str, str], ...] = ()
    """The levels its own command states (unit, number as said), when another command states
    others ("the floor lamp to 30% and the bedside lamp to 10%"): these are its to set."""
    own_words: tuple[str, ...] = ()
    """The words of its own command, when the request has several ("turn off the TV and put the
    heating on eco"): the modes and values it sets are said there, not in the other commands."""
    named_with: str | None = None
    """The node of the command that names it apart too ("turn off the desk lamp and the hallway
    light, and close the blinds"): called with that node, the command's verbs' action."""
    named_share: float = 0.0
    """The share of its words the request says (0-1): among equal scores, the one named more
    fully goes first ("the towel radiator" before the radiator valve "radiator" makes a heater)."""
    named: bool = True
    """The request names it as something to act on: by its words, its kind, a verb only it answers
    to, its area, or a name it looks very much like (`NAMED_LIKENESS`). A node that only looks a
    little like the request may be watched, never called."""


def by_score(candidate: Candidate) -> tuple[float, float, str]:
    """The candidates' order: score, then how fully named, then id (a stable answer). The share is
    compared rounded: a sum over a set differs in its last bits from run to run."""
    return (-candidate.score, -round(candidate.named_share, 9), candidate.node)


def words(text: str) -> str:
    return " ".join(w for w in _SPLIT.split(text.lower()) if w)


class RetrievalIndex:
    """Search keys for one environment, built once (the language server keeps it with the EnvIndex)."""

    def __init__(self, index: EnvIndex) -> None:
        self.index = index
        keys: list[str] = []
        owners: list[str] = []
        weights: list[float] = []
        by_kind: dict[str, list[int]] = {}
        for node in index.nodes.values():
            for key, weight in _node_keys(node).items():
                by_kind.setdefault(node.kind or "", []).append(len(keys))
                keys.append(key)
                owners.append(node.id)
                weights.append(weight)
        self.keys = keys
        self.owners = owners
        self.weights = weights
        self.by_kind = by_kind
        self.by_kind_nodes: dict[str, list[str]] = {}
        for node in index.nodes.values():
            self.by_kind_nodes.setdefault(node.kind or "", []).append(node.id)
        self.kinds_of = {node.id: stands_for(node) for node in index.nodes.values()}
        # A home with no lights of its own switches them with relays ("switch.hall", "switch.porch"):
        # there, every relay may be what a request's "light" names.
        self.powered_by_relays = POWERED_KINDS - self.by_kind_nodes.keys()
        self.by_action: dict[str, list[str]] = {}
        self.action_services: dict[str, str] = {}
        """Each action name by the name the verbs know it by (`verbs.service_name`)."""
        for node in index.nodes.values():
            if node.kind not in META_KINDS:
                for name, action in node.actions.items():
                    self.by_action.setdefault(name, []).append(node.id)
                    self.action_services.setdefault(name, service_name(name, action))
        # Actions only a few nodes have: a verb of their own names those nodes ("disarm": the alarm panel).
        self.rare_actions = [action for action, owners in self.by_action.items() if len(owners) <= FEW_OF_A_KIND]
        self.doing_words: dict[str, frozenset[str]] = {}
        """Each rare action's activity, as "-ing" words ("start_mowing", alias "mow": "mowing")."""
        rare = set(self.rare_actions)
        for node in index.nodes.values():
            for name, action in node.actions.items():
                if name in rare and (forms := _doing_forms([name, *action.aliases])):
                    self.doing_words[name] = self.doing_words.get(name, frozenset()) | forms
        self.temperature_setters = [
            node.id for node in index.nodes.values() if any(sets_temperature(action) for action in node.actions.values())
        ]
        self.household = household_node(index)
        self.lexical = LexicalIndex(index)
        self.watch_lexical = LexicalIndex(index, watch_words, each_name_apart=False)

    def search_kind(self, text: str, kind: str, limit: int = 3) -> list[tuple[str, float]]:
        """Nodes of one kind whose keys share words with `text`, best first (token-set ratio:
        "turn on living room" finds "living room lights" among the lights)."""
        query = words(text)
        positions = self.by_kind.get(kind, [])
        if not query or not positions:
            return []
        best: dict[str, float] = {}
        for _, score, i in process.extract(
            query, [self.keys[p] for p in positions], scorer=fuzz.token_set_ratio, processor=None, limit=limit * 4
        ):
            owner = self.owners[positions[i]]
            best[owner] = max(best.get(owner, 0.0), score)
        return sorted(best.items(), key=lambda item: -item[1])[:limit]

    def search(self, text: str, limit: int = 8, cutoff: float = 55) -> list[tuple[str, float]]:
        """Nodes whose keys look like `text`, best first, with their best score."""
        query = words(text)
        if not query:
            return []
        best: dict[str, float] = {}
        for _, score, i in process.extract(
            query, self.keys, scorer=fuzz.WRatio, processor=None, limit=limit * 6, score_cutoff=cutoff
        ):
            owner = self.owners[i]
            # WRatio scores a subset ("kitchen light" in "kitchen counter light") as a full match;
            # a share of the plain ratio breaks the tie in favour of the closer key.
            score = (0.8 * score + 0.2 * fuzz.ratio(query, self.keys[i])) * self.weights[i]
            if score > best.get(owner, 0):
                best[owner] = score
        return sorted(best.items(), key=lambda item: -item[1])[:limit]


POWERING_KINDS = frozenset({"switch"})
"""Kinds whose nodes are smart plugs and relays: named for what they power."""
POWERED_KINDS = frozenset({"light", "fan"})
"""Kinds a relay commonly powers: in a home without any of one, its relays stand for it."""


def stands_for(node: Node) -> frozenset[str]:
    """The kinds a node is: its own, and for a plug or relay named for a device ("Lichterkette
    switch", "Bedroom fan") the kind of what it powers, so "Lichterkette ausschalten" is that switch
    and not a light."""
    kind = node.kind or ""
    if kind not in POWERING_KINDS:
        return frozenset({kind})
    return frozenset({kind, *kinds_in_order(node.name or node.id.replace("_", " "))}) - META_KINDS


def _node_keys(node: Node) -> dict[str, float]:
    """Search phrases for a node with their weight: a node's own names count fully; "area + kind"
    ("kitchen light") fits every light in the kitchen, so it counts a little less."""
    keys: dict[str, float] = {}
    if node.area and node.kind:
        keys[f"{words(node.area)} {words(node.kind)}"] = 0.95
    if node.area and node.name and words(node.area) not in words(node.name):
        keys[f"{words(node.area)} {words(node.name)}"] = 1.0
    for key in name_texts(node):
        if words(key):
            keys[words(key)] = 1.0
    return keys


def retrieve(
    request: str,
    mentions: list[Mentioned],
    search: RetrievalIndex,
    limit: int = 6,
) -> list[Candidate]:
    """The candidate nodes for a request, best first, each with its properties and actions ranked."""
    index = search.index
    scores: dict[str, float] = {}
    matched_on: dict[str, str] = {}
    clauses = split_clauses(request)
    act = clauses.act or request
    # What is acted on is named in the acting clause, when that clause names anything at all
    # ("Turn on the light when motion is detected in the hallway" names its light's place only
    # after "when"); asking for a notification names the notifier (`_notifiers_asked`).
    # "…, schalte ihre Steckdose aus": whose plug the waiting clause says.
    act_said = f"{clauses.act} {owner}" if (owner := _possessor(clauses)) else clauses.act
    act_lexical = (
        search.lexical.matches(blanked(act_said, times_of_day_said(act_said) + _climate_mode_words(act_said)))
        if clauses.watch and clauses.act
        else {}
    )
    notifiers = _notifiers_asked(act, search, act_lexical)
    if clauses.watch and clauses.act:
        act_lexical |= notifiers
    # A verb only a few nodes answer to ("… then disarmed", "unlock", "aufzeichnen") names them,
    # as a word for their kind would: "Arm when away" arms the alarm, it does not act on "away".
    named_by_verb = _named_by_its_verb(act, search)
    named_by_verb |= named_by_doing(act, search)
    # So does a word for a kind the home has ("…, turn off the heating": the thermostat, not the
    # bedroom's lights for the bedroom it waits on).
    refers_back = refers_to_earlier(clauses.act)
    # "Run the coffee maker and switch it off 30 minutes later": the first call's verbs are the first command's.
    first_act = before_switching_back(act) if clauses.undo else act
    # "… set the volume to 20%": a setting's word names no node of its own, nor a kind.
    act_kind_order = kinds_in_order(_SETTING_NOUN.sub(" ", act) if refers_back else act)
    act_kinds = [k for k in act_kind_order if k not in RECORD_KINDS and search.by_kind_nodes.get(k)] if clauses.watch else []
    if refers_back:
        act_lexical = {n: m for n, m in act_lexical.items() if not m.said <= SETTING_NOUNS}
    act_names = bool(act_lexical or (clauses.watch and clauses.act and (named_by_verb or act_kinds)))
    # "When the front door opens and the hallway light is off, turn it on": the pronoun is the
    # thing whose state is checked, not what the event happens to.
    referred = "" if act_names else _referred_to(clauses)
    acting = clauses.act if act_names else f"{referred} {clauses.act}" if referred else request
    # A device named only in the clause the request waits on ("… when the TV turns off") is then
    # what it watches, scored there (`watch_score`), not a target.
    device_mentions = [
        m for m in mentions if m.label == "node" and not (act_names and m.text not in acting and m.text in clauses.watch)
    ]
    for mention in device_mentions:
        # The tagger's spans can hold words that name no node ("Klima automatisch"): leave them out.
        named = " ".join(w for w in mention.text.split() if not STOPWORDS.intersection(tokens(w)))
        # A mention that is only a word for a kind ("Heizung") names that kind; a node of
        # another kind it merely looks like ("Herz") keeps a share of the likeness.
        named_kinds_only = {kind for kind in kinds_in_order(named) if _only_kind_words(named, kind)}
        for node_id, score in search.search(named):
            if named_kinds_only and not search.kinds_of[node_id] & named_kinds_only:
                score *= OTHER_KIND_WORD_SHARE
            if score > scores.get(node_id, 0):
                scores[node_id] = score
                matched_on[node_id] = mention.text
    if not device_mentions:
        for node_id, score in search.search(acting, limit=limit, cutoff=50):
            scores[node_id] = score * 0.8
            matched_on[node_id] = request
    areas = [words(m.text) for m in mentions if m.label == "area"]
    property_words = [words(m.text) for m in mentions if m.label == "property"]
    action_words = [words(m.text) for m in mentions if m.label == "action"]
    value_words = [words(m.text) for m in mentions if m.label == "value" and not _NUMBER.search(m.text)]
    # What a node is watched or checked by is said where the request waits ("set the speaker's
    # volume when the TV turns on" watches the TV's state, not its volume).
    watched_property_words = [
        words(m.text)
        for m in mentions
        if (m.label == "property" or (m.label == "value" and not _NUMBER.search(m.text)))
        and not (clauses.watch and clauses.act and m.text not in clauses.watch)
    ]
    if areas:
        for node_id, node in index.nodes.items():
            if node.area and any(fuzz.WRatio(a, words(node.area)) >= 80 for a in areas):
                scores[node_id] = scores.get(node_id, 40) + 10
                matched_on.setdefault(node_id, node.area)
    meta_said = NAMED_WHOLE_KINDS.intersection(act_kind_order)
    named_whole = named_in_full(set(tokens(act)), meta_said, search)
    # "Disable the automation Hallway light auto": the kinds its name says ("light") are no kinds
    # the request acts on.
    named_kinds = [
        kind for kind in act_kind_order
        if kind not in META_KINDS
        and not any(kind in kinds_in_order(index.nodes[node_id].name or "") for node_id in named_whole)
    ]
    first_kind = named_kinds[0] if named_kinds else None
    kinds = set(named_kinds)
    for kind in kinds:
        for node_id, score in search.search_kind(act, kind):
            if score >= 50 and node_id not in scores:
                scores[node_id] = score * 0.8
                matched_on[node_id] = kind
        # A kind the home has only a few of: "Klima ausschalten" means one of its two air conditioners.
        # When none of the kind's nodes is named otherwise ("Close blinds", covers called "Living
        # room left"), the ones most like the request stand for it.
        of_kind = search.by_kind_nodes.get(kind, [])
        few = of_kind if len(of_kind) <= FEW_OF_A_KIND else []
        if not few and not any(node_id in scores for node_id in of_kind):
            few = [node_id for node_id, _ in search.search_kind(act, kind, limit=FEW_OF_A_KIND)] or of_kind[:FEW_OF_A_KIND]
        for node_id in few:
            scores.setdefault(node_id, 0.0)
            matched_on.setdefault(node_id, kind)
    for node_id in named_by_verb:
        scores.setdefault(node_id, 0.0)
        matched_on.setdefault(node_id, "")
    setting_degrees = sets_degrees(act)
    if setting_degrees:
        # "Sets comfortable temperature": whatever sets one is named, as its kind word would.
        for node_id in search.temperature_setters[:MAX_TEMPERATURE_SETTERS]:
            scores.setdefault(node_id, 0.0)
    has_numbers = bool(_NUMBER.search(request))
    # A word for being at work or done ("wenn der Trockner fertig ist") says what a device does and
    # names no node of its own (a timer "Finished"): not what the request acts on, nor watches;
    # other values ("home", "armed") do name their node.
    activity_spans = [(m.start, m.end) for m in mentions if m.label == "value" and is_activity(m.text)]
    if act_names:
        lexical = act_lexical
    elif referred:
        lexical = search.lexical.matches(referred)
    else:
        lexical = search.lexical.matches(blanked(request, activity_spans + times_of_day_said(request))) | notifiers
    best_lexical = max((m.score for m in lexical.values()), default=0.0)  # before the kind words' discount
    kind_spans = [span for kind in kinds if search.by_kind_nodes.get(kind) for span in kind_word_spans(acting, kind)]
    by_kind_word: set[str] = set()
    if kind_spans:
        # A kind word names the kind, not a node of another kind that carries it in its name:
        # "Heizung ausschalten" is the heating, not the timer "Heating auto off".
        # Beside other words of its name it still names it ("the automatic bedroom lights switch").
        plain = search.lexical.matches(blanked(acting, kind_spans))
        by_kind_word = {node_id for node_id in lexical if not search.kinds_of[node_id] & kinds and node_id not in plain}
        lexical = {
            node_id: _scaled(match, OTHER_KIND_WORD_SHARE) if node_id in by_kind_word else match
            for node_id, match in lexical.items()
        }
    household_later = household_checked(clauses, search)
    # "… and nobody is home" names no node to watch: the household's is checked (below), and
    # the words of what happens alone say what waits for it.
    watched_text = watch_parts(clauses.watch)[0] if household_later is not None else clauses.watch or request
    comparatives = [m.span() for m in COMPARATIVE.finditer(watched_text)]
    # "entre 6h et 9h" opens hours, no "entrée": the words of a range name nothing watched.
    ranges = [m.span() for m in _RANGE_OF_NUMBERS.finditer(watched_text)]
    said_watched = blanked(watched_text, _within(activity_spans, request, clauses.watch) + comparatives + ranges)
    if DEGREES.search(watched_text) or _TEMPERATURE_COMPARED.search(watched_text):
        said_watched += " temperature"  # "wärmer als 26 Grad", "colder than 17 inside" wait on a temperature
    if owner := _owned_in_the_act(clauses):
        said_watched += f" {owner}"  # "send the vacuum home when its battery is low": the vacuum's
    # "über 40000 Lux", "below 500 watts": what the event crosses is an illuminance, a power (a
    # state checked then, "… and it's below 10 degrees", is not what starts it).
    quantities_said = stated_quantities(watch_parts(watched_text)[0]) - {"percent"}
    watching = search.watch_lexical.matches(said_watched)
    # A number in what is waited for, with no unit that says its quantity: the words may name it.
    measures_said = not quantities_said and bool(_MEASURE.search(watch_parts(watched_text)[0])) and bool(clauses.watch)
    if (not clauses.watch and PRESENCE_FOLLOWERS & kinds) or (clauses.watch and (_SOMEONE.search(watched_text) or I_ENTER.search(watched_text))):
        # Nothing said to wait for: a place's lights follow whether anyone is there ("Light: turn
        # on the bathroom" is the bathroom's motion or occupancy sensor turning them on). Waiting
        # for someone in a place ("when nobody is in the office") is its presence sensor too.
        watching = {
            node_id: _as_presence(match) if _senses_presence(index.nodes[node_id], search) else match
            for node_id, match in watching.items()
        }
    for kind in kinds:
        # The named kind's best word matches join even when other kinds match the words better
        # ("Work: reset input boolean" is the helper with "work" in its name).
        of_kind = [(node_id, m.score) for node_id, m in lexical.items() if index.nodes[node_id].kind == kind]
        for node_id, _ in sorted(of_kind, key=lambda item: (-item[1], item[0]))[:KIND_POOL]:
            scores.setdefault(node_id, 0.0)
    best_watching = max((m.score for m in watching.values()), default=0.0)
    watch_said = set(tokens(clauses.watch or request))
    watch_kinds = request_kinds(clauses.watch or request) - META_KINDS
    watch_place_words = _words_of(places_in(clauses.watch)) if watch_kinds else frozenset()
    activity_watched = is_activity(clauses.watch)
    for node_id, _ in sorted(lexical.items(), key=lambda item: (-item[1].score, item[0]))[:LEXICAL_POOL]:
        scores.setdefault(node_id, 0.0)
    for node_id, _ in sorted(watching.items(), key=lambda item: (-item[1].score, item[0]))[:WATCH_POOL]:
        scores.setdefault(node_id, 0.0)
    for node_id in watching:
        if quantities_said & measures(index.nodes[node_id]):
            scores.setdefault(node_id, 0.0)  # named only by what it measures ("Lux" of `wetterluxtotal`)
    # Nothing else in a home says it rains or that everyone has left.
    surely_watched = (
        _weather_watched(clauses.watch or request, search)
        or _household_watched(request, clauses, search)
        or _pressed_watched(clauses.watch, search)
    )
    if surely_watched is not None:
        scores.setdefault(surely_watched, 0.0)
    if household_later is not None:
        scores.setdefault(household_later, 0.0)
    said_by_kind = _said_beyond_the_kind(lexical, kind_spans, acting, index, first_kind)
    named_apart = named_for_the_other_class(acting, search)
    acting_places = places_in(acting)
    acting_place_words = _words_of(acting_places)
    devices_said = _devices_said(lexical, search)
    plural_said = bool(PLURAL_WHOLE.intersection(tokens(acting)))
    way = polarity(tokens(act))
    places_of = {node_id: node_places(index.nodes[node_id]) for node_id in scores} if acting_places else {}
    # Whether a node of the kind the acting words name is in the place they name ("Turn On Light
    # In Toilet", `osrambulbsgrouptoilet`): then one of that kind in no place is not the one meant.
    kind_in_place = any(
        index.nodes[n].actions and search.kinds_of[n] & kinds and there & acting_places for n, there in places_of.items()
    )
    pronoun_acts = bool(clauses.watch and clauses.act and _PRONOUN.search(clauses.act))
    candidates = []
    for node_id, fuzzy_score in scores.items():
        node = index.nodes[node_id]
        if not may_act_on(request, node):
            continue
        match = lexical.get(node_id)
        lexical_score = 100 * match.score / best_lexical if match and best_lexical else 0.0
        if node_id in by_kind_word:
            fuzzy_score *= OTHER_KIND_WORD_SHARE
        elif kinds and match is not None and match.said and all(map(is_verb, match.said)) and not search.kinds_of[node_id] & kinds:
            # "Starte den Staubsauger": the verb is the command, not the timer "Started", when the
            # request names the kind it acts on and this node is not of it.
            fuzzy_score = lexical_score = 0.0
        elif not search.kinds_of[node_id] & (kinds or PLACE_KINDS) and _named_for_a_place(node):
            # A place alone means its lights, unless the request names another kind ("the hall speaker").
            fuzzy_score *= PLACE_NAME_SHARE
            lexical_score *= PLACE_NAME_SHARE
        elif (
            match is not None
            and node.actions
            and _only_its_place_said(match, devices_said, kind_in_place)
            and not search.kinds_of[node_id] & kinds
            and not _named_for_a_place(node)
        ):
            fuzzy_score *= PLACE_NAME_SHARE
            lexical_score *= PLACE_NAME_SHARE
        there = places_of.get(node_id, frozenset())
        if kind_in_place and match is not None and not there and set(match.said) <= _every_kind_word():
            # "Ikeabulblamp light" for "Light In Toilet": its "light" says the kind, no more.
            lexical_score = 0.0
        score = FUZZY_SHARE * fuzzy_score + (1 - FUZZY_SHARE) * lexical_score
        its_kinds = search.kinds_of[node_id]
        if node.kind in POWERING_KINDS:
            its_kinds = its_kinds | (search.powered_by_relays & kinds)
        if plural_said and node.kind in GROUPING_KINDS and node.actions:
            # "Turn off lights": a group named for lights ("Luces exteriores") is lights, several of them.
            its_kinds = its_kinds | frozenset(kinds_in_order(node.name or node_id.replace("_", " ")))
            if its_kinds & kinds:
                score += PLURAL_GROUP_BONUS
        watched = watching.get(node_id)
        watch_score = 100 * watched.score / best_watching if watched and best_watching else 0.0
        if node.kind == "weather" and watched and all(_HOME_WORDS.fullmatch(word) for word in watched.said):
            # "when nobody is home" waits on the household, not on the forecast called "Home".
            watch_score = 0.0
        if watched and watch_place_words and not its_kinds & watch_kinds and _named_by_place_alone(watched, watch_place_words):
            # "Wenn im Kinderzimmer Musik läuft": the room's speaker, not its light, which the place
            # names and nothing else.
            watch_score *= PLACE_NAME_SHARE
        watch_score += _trigger_fitness(node, has_numbers)
        if quantities_said and (measured := measures(node)):
            # A threshold in lux is crossed by an illuminance, not by a temperature sensor
            # named for the place.
            watch_score += UNIT_WATCH_BONUS if quantities_said & measured else -UNIT_WATCH_BONUS
        elif measures_said and _names_what_it_measures(node, watch_said):
            # "when the living room humidity reaches 70%": what has a humidity, not the living room's window.
            watch_score += UNIT_WATCH_BONUS
        if node.kind in RECORDED_KINDS and node.kind not in watch_kinds:
            # No automation of the forty-one homes measured waits on a camera's own state: "when
            # the front door is open" is the door's contact, not the camera named "Front door".
            watch_score -= 2 * WATCHABLE_BONUS
        if node.kind == "update" and not UPDATE_WORDS & watch_said:
            # An update entity is "on" when a new version is out: waited for only when the request
            # speaks of updates, not for a "button" its name holds ("Slider button card update").
            watch_score = 0.0
        if activity_watched and OPENING_PROPERTIES.intersection(node.properties) and not OPENING_PROPERTIES.intersection(watch_said):
            # "when the washing machine is done" waits on its state or power, not its door.
            watch_score -= WATCHABLE_BONUS
        sets_the_degrees = setting_degrees and any(sets_temperature(action) for action in node.actions.values())
        if sets_the_degrees:
            score += KIND_BONUS  # "auf 21 Grad": a node that sets a temperature, as if its kind were named
        if node_id in named_by_verb and not its_kinds & kinds:
            score += OWN_VERB_BONUS
            if pronoun_acts and node_id in watching and best_watching:
                # "when the vacuum's battery is low, dock it": the one the waiting clause names best.
                score += watching[node_id].score / best_watching
        if first_kind in its_kinds or node_id in said_by_kind:
            score += KIND_BONUS
        elif its_kinds & kinds:
            score += LATER_KIND_BONUS
        elif node_id in named_whole:
            score += KIND_BONUS  # "disable the automation Hallway light auto": the automation, not the light
        elif node.kind in META_KINDS:
            score -= META_PENALTY
        if node_id in named_apart:
            score -= CONTRAST_PENALTY
        if (
            way
            and node.kind in NAMED_WAY_KINDS
            and match is not None
            and any(not polarity([w]) for w in match.said)  # named by more than the way ("Turn on")
            and (named_way := polarity(tokens(node.name or node_id)))
        ):
            score += NAMED_WAY_BONUS if named_way == way else -NAMED_WAY_BONUS
        if acting_places and node.actions and not there & acting_places and (there or is_aggregate(node)):
            score -= OTHER_PLACE_PENALTY
        elif acting_places and node.actions and there & acting_places and its_kinds & kinds:
            score += PLACE_AND_KIND_BONUS
        elif kind_in_place and node.actions and not there and its_kinds & kinds:
            score -= UNPLACED_PENALTY
        elif kind_in_place and node.actions and there & acting_places and not its_kinds & kinds and _named_by_place_alone(match, acting_place_words):
            # "Starte die Musik im Kinderzimmer": the room's speaker, not its light, which the
            # place names and nothing else.
            score -= PLACE_AND_KIND_BONUS
        named = not clauses.event and (
            match is not None
            or bool(its_kinds & kinds)
            or node_id in named_by_verb
            or sets_the_degrees
            or scores[node_id] >= NAMED_LIKENESS
            or bool(node.area and matched_on.get(node_id) == node.area)
        )
        if not named:
            # Only looks a little like some words of the request ("In case the other automation
            # failed" and a light "TV LED"): nothing says to act on it, and unless the request
            # names it where it waits, nothing says to watch it either.
            if watched is None and node_id not in (surely_watched, household_later):
                continue
        # A boolean is named by its state too ("when the car is plugged in" is `plugged`).
        props = _measured_first(
            _rank_members(node.properties, {k: v.aliases for k, v in node.properties.items()}, watched_property_words),
            watch_said,
        )
        acts = _rank_members(_commonest_first(list(node.actions), node.kind), {k: v.aliases for k, v in node.actions.items()}, action_words)
        asked = (
            verb_scores(first_act, node.actions, context=request, node_name=node.name or node.id, node_kind=node.kind)
            if node.actions
            else {}
        )
        acts.sort(key=lambda name: -asked[name])  # stable: the tagger's order among equals
        if node.kind in RECORDED_KINDS and not its_kinds & kinds:
            # A camera named by its place alone ("Terrasse_Button_Terrasse", a camera "Sinistra"):
            # workflows snap or record one when asked to, and leave switching it to people.
            acts = [name for name in acts if name not in SWITCHING_ACTIONS and asked[name] > 0]
        if node.kind in PRESSED_BY_PEOPLE and not _PRESS_COMMAND.search(act):
            # A dashboard's button ("Clean kitchen") is pressed to start a workflow, which then
            # does what it is named for; a workflow seldom presses one unless told to.
            if match is not None and match.coverage >= PRESSED_NAMED_SHARE:
                watch_score = max(watch_score, score)
            acts, asked = [], {}
        if property_words and props and _member_score(props[0], node.properties[props[0]].aliases, property_words) >= 80:
            score += 5
            watch_score += 5
        if action_words and acts and _member_score(acts[0], node.actions[acts[0]].aliases, action_words) >= MEMBER_MATCH:
            score += 5
        candidates.append(Candidate(node=node_id, score=round(score, 1), mention=matched_on.get(node_id, ""), properties=props, actions=acts, action_scores=[asked[a] for a in acts], watch_score=round(watch_score, 1), named_share=match.coverage if match else 0.0, named=named))
    candidates.sort(key=by_score)
    if clauses.watch and clauses.act and not act_names and "notify" in act_kind_order and _TOLD.search(clauses.act) and not notifiers:
        # "Sag mir Bescheid, wenn das Bürofenster offen ist" in a home with no notifier that reaches
        # a person: what the request waits for is no target, and nothing else is named to act on
        # but a helper named for telling ("Printer ink reminder"), how such a home notifies.
        telling = kind_words()["notify"]
        for candidate in candidates:
            if not telling & node_words(index.nodes[candidate.node]):
                candidate.actions, candidate.action_scores = [], []
    _raise_the_same_device(candidates, index)
    _controller_over_its_switch(candidates, index, kinds)
    _watch_in_the_targets_place(candidates, clauses.watch, index)
    _watch_in_the_named_place(candidates, clauses.watch, index)
    _target_in_the_watched_place(candidates, clauses, index)
    if surely_watched is not None:
        _raise_watched(candidates, surely_watched)
    if household_later is not None and household_later != surely_watched:
        # Watched as much as the best so that it is shortlisted; the shortlist marks it as checked
        # then (`Shortlisted.watched_later`), not what starts it.
        _raise_watched(candidates, household_later, bonus=0.0)
    if states_activity(request):
        _raise_its_status(candidates, index)
    _mark_also_named(candidates, lexical, index, acting, _best_of_each_part(acting, search))
    _notify_after(candidates, notifiers, {m.text for m in device_mentions})
    commands = split_commands(act)
    if len(commands) > 1:
        _mark_commands(candidates, commands, search)
        candidates.sort(key=by_score)
    best = candidates[:limit]
    by_watching = sorted(candidates[limit:], key=lambda c: (-c.watch_score, c.node))
    return best + [c for c in by_watching[:WATCH_POOL] if c.watch_score > 0]


def _said_beyond_the_kind(
    lexical: dict[str, LexicalMatch], kind_spans: list[tuple[int, int]], acting: str, index: EnvIndex, kind: str | None
) -> set[str]:
    """Nodes of another kind whose names say the kind word with more of the request than any node
    of that kind does: "set the living room lights to sleep mode" is the switch "Adaptive lighting
    sleep mode living room", which names the lights as well as the mode. Only a name that says all
    a node of that kind says, with the kind word its kind says, and more (a number alone is not
    more): "the living room light" names the light "Wohnzimmer" as fully as the switch."""
    if kind is None or not kind_spans:
        return set()
    kind_said = {word for start, end in kind_spans for word in tokens(acting[start:end])}
    of_kind = [m for node_id, m in lexical.items() if index.nodes[node_id].kind == kind]
    if not of_kind:
        return set()
    best = max(of_kind, key=lambda m: (len(m.said | kind_said), m.score)).said | kind_said
    return {
        node_id
        for node_id, m in lexical.items()
        if index.nodes[node_id].kind not in (kind, *META_KINDS)
        and index.nodes[node_id].actions
        and m.said & kind_said
        and m.said > best
        and not all(word.isdigit() for word in m.said - best)
    }


PERSONAL_NOTIFIER = re.compile(
    r"\b(?:mobile|mobile app|phone|smartphone|handy|telefoon|telefon|iphone|ipad|pixel|android|galaxy|telegram|"
    r"signal|whatsapp|pushover|pushbullet|ntfy|gotify|html5|e ?mail|sms|matrix|discord|slack)",
    re.IGNORECASE,
)
"""Words of a notifier that reaches a person ("Anna's phone", `notify.mobile_app_pixel`,
`notify.telegram_bot`), unlike one that shows on a screen in a room (`notify.bedroom_tv`)."""
ROOM_NOTIFIER = re.compile(
    r"(?:\b|_)(?:tv|gtv|television|display|screen|echo|alexa|google_home|google home|nest|kodi|chromecast|shield|"
    r"speaker|tablet|wall ?panel|dashboard)(?=\b|_|\d)|(?:fernseher|bildschirm|scherm|audio|lautsprecher|luidspreker)",
    re.IGNORECASE,
)
"""Words of a notifier that shows or speaks in a room (`notify.bedroom_tv`, "Wohnungsaudio"): one
a request asking to be told must name. A notifier that is neither this nor personal (`notify.yaml`,
a home's own name for its phones) is used when nothing personal is there and the request asks
to tell someone (`_TOLD`: "tell me", "let us know", "sag mir Bescheid")."""
_TOLD = re.compile(
    rf"\b(?:{TOLD_WORDS}|av[ií]s(?:ame|anos)|avvis(?:ami|aci)|avvertimi|notif[ií]c(?:ame|anos)|notificami|dimmi|d[ií]me|recu[ée]rdame|ricordami)\b",
    re.IGNORECASE,
)
"""Who is told, also written onto the verb ("avísame", "avvisami")."""


def _notifiers_asked(act: str, search: RetrievalIndex, named: dict[str, LexicalMatch]) -> dict[str, LexicalMatch]:
    """The notifiers that reach a person, as if named by an acting clause that asks for a
    notification and names no notifier of its own ("…, notify me"): the notification is what is
    acted on, not a device in the place the request watches ("when CO2 in the office goes above
    1000 ppm" is no reason to switch the office light). A screen's notifier is used only when named.
    `named` is what the clause names, when already matched."""
    members = search.by_kind_nodes.get("notify", [])
    if not members or "notify" not in kinds_in_order(act):
        return {}
    # What the clause names, matched only when it asks for a notification (most requests do not).
    named = named or search.lexical.matches(act)
    if any(n in named for n in members):
        return {}
    index = search.index
    personal = [
        n for n in members
        if PERSONAL_NOTIFIER.search(" ".join([n.replace("_", " "), index.nodes[n].name or "", *index.nodes[n].aliases]))
    ]
    if not personal and _TOLD.search(act):
        personal = [
            n for n in members
            if not _in_a_room(index.nodes[n])
        ]
    # One is enough: a phone app before a chat bot, then the id order.
    personal.sort(key=lambda n: (not _PHONE.search(n.replace("_", " ") + " " + (index.nodes[n].name or "")), n))
    # As well named as the best the clause names otherwise ("notify me and close the valve").
    mass = max((match.score for match in named.values()), default=1.0)
    return {personal[0]: LexicalMatch(mass=mass, coverage=1.0)} if personal else {}


def _in_a_room(notifier: Node) -> bool:
    """Whether a notifier speaks in a room (a screen, a speaker), not to a person."""
    return bool(ROOM_NOTIFIER.search(" ".join([notifier.id, notifier.name or "", *notifier.aliases])))


def _notify_after(candidates: list[Candidate], notifiers: dict[str, LexicalMatch], devices: set[str]) -> None:
    """A request that notifies and names a device to act on besides ("Benachrichtigt über das TV
    Programm um 20:15" names the programme's refresh button) acts on the device, then notifies.
    Named means found by a device the tagger saw in the words that act (`devices`), not merely
    sharing a word with them."""
    actors = [c for c in candidates if c.actions]
    named = next((c for c in actors if c.node not in notifiers), None)
    if not notifiers or named is None or named.mention not in devices:
        return
    for candidate in actors:
        if candidate.node in notifiers:
            candidate.score = min(candidate.score, named.score - 0.1)
            candidate.also_named = True
    candidates.sort(key=by_score)


_PHONE = re.compile(r"\b(?:mobile|phone|handy|telefoon|telefon|iphone|pixel|android|galaxy)", re.IGNORECASE)


def _raise_the_same_device(candidates: list[Candidate], index: EnvIndex) -> None:
    """When the best matched node cannot act ("Check FordPass last refresh" names a sensor), the
    nodes that act and belong to the same device (their ids open with the same words, as Home
    Assistant names a device's entities) are what the request acts on: they gain `SAME_DEVICE_BONUS`."""
    if not candidates or index.nodes[candidates[0].node].actions:
        return
    device = _device_words(candidates[0].node)
    if not device:
        return
    for candidate in candidates[1:]:
        if index.nodes[candidate.node].actions and _device_words(candidate.node)[: len(device)] == device:
            candidate.score = round(candidate.score + SAME_DEVICE_BONUS, 1)
    candidates.sort(key=by_score)


CONTROLLER_KINDS = frozenset({"climate", "humidifier"})
"""Kinds Home Assistant builds over a switch (a generic thermostat or hygrostat runs its heater or
dehumidifier through one)."""
_SWITCH_WORDS = frozenset({"switch", "plug", "relay", "socket", "power"})


def _controller_over_its_switch(candidates: list[Candidate], index: EnvIndex, kinds: set[str]) -> None:
    """A thermostat or hygrostat named for all a switch is named for ("Portable heater", the climate
    and the switch; "Portable dehumidifier" and the switch "Dehumidifier") runs that switch: the
    workflow turns the controller off, since switching the switch under it fights it. Unless the
    request names the switch as a switch ("the heater plug")."""
    if "switch" in kinds:
        return
    for rank, candidate in enumerate(candidates):
        switch = index.nodes[candidate.node]
        if switch.kind != "switch":
            continue
        named = {w for w in tokens(switch.name or "") if w not in _SWITCH_WORDS}
        if not named:
            continue
        for other in candidates[rank + 1 :]:
            node = index.nodes[other.node]
            if node.kind in CONTROLLER_KINDS and node.actions and named <= set(tokens(node.name or "")):
                other.score = round(max(other.score, candidate.score + 0.1), 1)
                other.named_share = max(other.named_share, candidate.named_share)
    candidates.sort(key=by_score)


STATUS_KINDS = frozenset({"input_select", "select", "input_text"})
"""Helpers that record how something is, by name."""


def _raise_its_status(candidates: list[Candidate], index: EnvIndex) -> None:
    """"Airfryer bezig" says how the airfryer is and asks for no switching: its status helper
    ("Kleine schuur airfryer status", named for the device and more) records it, so it ranks just
    above the device that switches."""
    actors = [c for c in candidates if index.nodes[c.node].actions]
    if not actors or index.nodes[actors[0].node].kind in STATUS_KINDS:
        return
    device = actors[0]
    named = set(node_words(index.nodes[device.node]))
    for candidate in actors[1:]:
        node = index.nodes[candidate.node]
        if node.kind in STATUS_KINDS and named < set(node_words(node)):
            candidate.score = round(max(candidate.score, device.score + 1.0), 1)
            candidates.sort(key=by_score)
            return


SAME_PLACE_WATCH_BONUS = 40.0
"""Watch points for a node in the place of what the request acts on, when what it waits for names
no place: "turn on the hallway light when motion is detected" waits on the hallway's sensor, not
on the best named motion sensor elsewhere."""


def _watch_in_the_named_place(candidates: list[Candidate], watch: str, index: EnvIndex) -> None:
    """"when motion is detected in the kitchen": a node of the kitchen is watched before one in no
    place whose name echoes the rest ("Motion detected"); a place named is the surest word."""
    if not watch or not (named := places_in(watch)):
        return
    placed = [
        c for c in candidates
        if c.watch_score > 0 and named & node_places(index.nodes[c.node]) and not _named_for_a_place(index.nodes[c.node])
    ]
    if not placed:
        return
    for candidate in placed:
        candidate.watch_score = round(candidate.watch_score + SAME_PLACE_WATCH_BONUS, 1)


def _watch_in_the_targets_place(candidates: list[Candidate], watch: str, index: EnvIndex) -> None:
    if not watch or places_in(watch):
        return
    target = next((c for c in candidates if index.nodes[c.node].actions), None)
    if target is None or not (here := node_places(index.nodes[target.node])):
        return
    for candidate in candidates:
        if candidate is not target and candidate.watch_score > 0 and here & node_places(index.nodes[candidate.node]):
            candidate.watch_score = round(candidate.watch_score + SAME_PLACE_WATCH_BONUS, 1)


WEATHER_WORDS = re.compile(
    r"\b(?:rain|rains|raining|rainy|pours|pouring|snow|snows|snowing|snowy|storm|storms|stormy|thunder\w*|hail|hails|hailing|"
    r"fog|foggy|sunny|cloudy|windy|weather|regen|regnet|regnen|schnee|schneit|gewitter\w*|sturm|stürmisch|hagel|hagelt|"
    r"nebel|neblig|sonnig|bewölkt|wetter|regent|sneeuw|sneeuwt|onweer|onweert|hagelt|mistig|zonnig|bewolkt|"
    r"pleut|pleuvoir|pluie|neige|météo|chover|chove|chova|chovendo|chuva|nevar|llover|llueve|llueva|lloviendo|lluvia|nieva|piovere|piove|piova|piovendo|pioggia|"
    r"nevica|meteo|regne|regner|regnar|regna|regnvær|snør|snöar|snø|tordenvær|åska|vær|vädret|været|"
    r"windig|winderig|venteux|ventoso|blåser|blåsig|vindig|solskinn)\b",
    re.IGNORECASE,
)
"""Words of the weather ("when it starts raining", "wenn es regnet", "als het sneeuwt"): what a
weather entity's condition says, whatever the entity is called."""
_HOME_WORDS = re.compile(r"\b(?:home|house|huis|haus|zuhause|thuis|daheim|casa|maison|hjem|hjemme|hem|hemma)\b", re.IGNORECASE)
SURELY_WATCHED_BONUS = 20.0


def _weather_watched(watch: str, search: RetrievalIndex) -> str | None:
    """The weather entity a request waits on when it speaks of the weather: the home's own
    forecast before one for another place."""
    members = search.by_kind_nodes.get("weather", [])
    if not members or not WEATHER_WORDS.search(watch):
        return None
    index = search.index
    return min(members, key=lambda n: (not _HOME_WORDS.search(f"{n.replace('_', ' ')} {index.nodes[n].name or ''}"), n))


_PRESSED = PRESSES | frozenset(tokens(
    "tapped held twice gedrückt gedrueckt gehalten doppelt ingedrukt vastgehouden dubbel appuyé maintenu premuto "
    "pressionado pulsado"
))
"""Words for a button being pressed, and how ("double pressed", "held"): what only a node with events does."""


PRESSED_WATCH_SHARE = 0.3
"""A node with events that a clause saying a press names at least this fully is what is pressed."""


def _pressed_watched(watch: str, search: RetrievalIndex) -> str | None:
    """The node with events ("Hallway wall switch", a button) that a waiting clause names and says
    is pressed ("when the hallway switch is double pressed"): no light it shares a
    name with ("hallway") is pressed."""
    if not watch or not _PRESSED.intersection(tokens(watch)):
        return None
    index = search.index
    pressable = [
        (match.score, node_id)
        for node_id, match in search.lexical.matches(watch).items()
        if index.nodes[node_id].events and match.coverage >= PRESSED_WATCH_SHARE
    ]
    return max(pressable)[1] if pressable else None


_WATCH_PARTS = re.compile(r",|\b(?:and|und|en(?!\s+(?:casa|la|el|los|las|mi|su)\b)|but|aber|maar)\b", re.IGNORECASE)
"""What joins parts of a waiting clause; the Dutch "en", not the Spanish "en casa", "en la cocina"."""
PEOPLE_KINDS = frozenset({"person", "device_tracker", "group"})
NAMED_PERSON_SHARE = 0.4
"""A person or group named at least this fully beside the coming or going is the one who comes
or goes ("Geni arriving home", "when the parents are away")."""
NAMED_WATCHED_SHARE = 0.5
"""Anything else a waiting clause names this fully beside it is what it waits on ("when we enable
guest mode while away" is the guest mode flag)."""


UNIT_WATCH_BONUS = 100.0
"""Watch-score points for a node that measures what a stated threshold's unit is of (as many as the
best named node has: a sensor called "Wetterluxtotal" is named by none of "Helligkeit draußen"),
and off one that measures only something else."""


_MEASURE = re.compile(rf"(?<![\d:.,])\d+(?:[.,]\d+)?(?![\d:.,])(?!\s*(?:{SPAN_UNITS})\b)(?!\s*(?:am|pm|uhr|o'clock)\b)", re.I)
"""A number that is no span of time nor clock time ("70%", "0"): a measure."""


def _names_what_it_measures(node: Node, said: set[str]) -> bool:
    """Whether the words waited on name one of the node's numbers by its own name or alias
    ("humidity", "battery"), beyond its plain state."""
    return any(
        isinstance(t, NumberType) and said.intersection(tokens(text))
        for name, t in node.properties.items()
        if name != "state"
        for text in (name.replace("_", " "), *t.aliases)
    )


def measures(node: Node) -> set[str]:
    """The quantities the node's numbers are measured in (`units.py`)."""
    return {q for t in node.properties.values() if isinstance(t, NumberType) and (q := quantity_of(t.unit))}


_NUMBER_END = re.compile(r"\d(?![\d.,])")


def stated_quantities(text: str) -> set[str]:
    """The quantities of the units stated after numbers in `text` (`units.py`)."""
    return {q for m in _NUMBER_END.finditer(text) if (q := quantity_after(text, m.end()))}


_SETPOINT_WORDS = frozenset(tokens(
    "target setpoint set point soll sollwert solltemperatur zieltemperatur doeltemperatuur ingestelde consigne"
))


def _measured_first(props: list[str], said: set[str]) -> list[str]:
    """A climate's measured temperature ahead of its target, which Home Assistant calls plain
    `temperature` (an environment may call it `target_temperature`): "when the living room temperature drops below 19" is the room's, unless the
    request says the target ("when the target temperature is above 22")."""
    targets = [props.index(p) for p in ("temperature", "target_temperature") if p in props]
    if "current_temperature" not in props or not targets or _SETPOINT_WORDS & said:
        return props
    target, measured = min(targets), props.index("current_temperature")
    if measured < target:
        return props
    out = [p for p in props if p != "current_temperature"]
    out.insert(target, "current_temperature")
    return out


def _household_watched(request: str, clauses: Clauses, search: RetrievalIndex) -> str | None:
    """The node that sums up the household (`wfl.inference.household`) for a request that waits
    on its people coming or going ("when someone comes home", "wenn keiner daheim ist", "Arm when
    away"), or a title that says nothing but that and what to do ("Präsenz - Verlassen - Licht")."""
    if search.household is None:
        return None
    # Only when it is what starts the workflow: "when the front door opens and nobody is home"
    # waits for the door; who is home is then a condition.
    said = _WATCH_PARTS.split(clauses.watch)[0] if clauses.watch else request
    # "When nobody is in the office" is the room's presence; a title's place is its target's.
    if not waits_on_household(said, title=not clauses.watch) or (clauses.watch and places_in(said)):
        return None
    index = search.index
    if _names_a_person(said, search):
        return None
    for node_id, match in search.lexical.matches(without_coming_or_going(said)).items():
        kind = index.nodes[node_id].kind
        # A title's other words say what it acts on; a waiting clause's, what it waits on.
        if (
            clauses.watch
            and kind not in META_KINDS
            and match.coverage >= NAMED_WATCHED_SHARE
            and node_id != search.household
            # "Cuando llegue a casa": the home it comes to, not the alarm or forecast called "Casa".
            and not all(_HOME_WORDS.fullmatch(word) for word in match.said)
        ):
            return None
    return search.household


_POSSESSIVE = POSSESSIVES | frozenset(tokens("his her ihrer ihres seiner seines"))
"""Whose part the acting clause speaks of ("its plug", "her light")."""
_UNITS_AND_TIMES = frozenset(tokens(
    "minutes minute min minuten minuut seconds sekunden seconden hours stunden uur watt watts w lux lx degrees grad graden lang"
))


def _possessor(clauses: Clauses) -> str:
    """The words of what the request waits on, when its acting clause speaks of that thing's own
    part ("when the dishwasher draws less than 5 W, turn off its plug", "ihre Steckdose"); the
    words that could name a node only, no numbers, units or verbs. Empty otherwise."""
    if not (clauses.act and clauses.watch and _POSSESSIVE.intersection(tokens(clauses.act))):
        return ""
    event = watch_parts(clauses.watch)[0]
    return " ".join(
        w for w in tokens(event) if w not in STOPWORDS and w not in _UNITS_AND_TIMES and not w.isdigit() and not is_verb(w)
    )


_TEMPERATURE_COMPARED = re.compile(rf"\b(?:{WARMER_THAN}|{COLDER_THAN})", re.IGNORECASE)
_ITS = frozenset(tokens("its their seine seinen seinem"))
"""Possessives that are no verb too (Dutch "zijn" is also "are")."""
_NOT_OWNED = frozenset(tokens(
    "hotter colder warmer cooler darker brighter lighter later earlier dark light cold hot warm raining snowing sunny "
    "cloudy windy night day time morning evening noon midnight after before below above over under more less not still "
    "already getting going"
))
"""Words after an "its" that is "it's" ("its colder than 17", "its dark"): no part of anything."""


def _owned_in_the_act(clauses: Clauses) -> str:
    """The words that name what the acting clause acts on, when the waiting clause speaks of its
    own part ("send the robot vacuum home when its battery is below 20%"); empty otherwise."""
    words = tokens(clauses.watch)
    at = next((i for i, w in enumerate(words) if w in _ITS), None)
    if not clauses.act or at is None or not all(w in STOPWORDS for w in words[:at]):
        return ""  # "when the vacuum is back at its dock": its own dock
    if at + 1 < len(words) and words[at + 1] in _NOT_OWNED:
        return ""  # "when its colder than 17": "it's", typed without its apostrophe
    return " ".join(
        w for w in tokens(clauses.act) if w not in STOPWORDS and w not in _UNITS_AND_TIMES and not w.isdigit() and not is_verb(w)
    )


_PRONOUN = re.compile(r"\b(?:it|them|es|sie|ihn|het|ze|hem)\b", re.IGNORECASE)
_SETTING_NOUN = re.compile(rf"\b(?:{'|'.join(sorted(SETTING_NOUNS))})\b", re.IGNORECASE)


def _referred_to(clauses: Clauses) -> str:
    """What must hold when the event happens, when the acting clause names nothing but a pronoun
    ("…, turn it on"): the pronoun's antecedent; with nothing that must hold, what the event
    happens to ("when the speaker starts playing, set its volume to 25%"). Empty otherwise."""
    if not (clauses.act and clauses.watch and (_PRONOUN.search(clauses.act) or refers_to_earlier(clauses.act))):
        return ""
    event, state = watch_parts(clauses.watch)
    if state and (_SOMEONE.search(state) or waits_on_household(state)):
        return event  # "… on for 2 hours and nobody is in the office, turn it off": people are not "it"
    return state if _PRONOUN.search(clauses.act) else state or event


def household_checked(clauses: Clauses, search: RetrievalIndex) -> str | None:
    """The node that sums up the household when what must hold as the request's event happens is
    its people being in or away ("when the front door opens and nobody is home"): it is checked,
    a condition, though no word of the request names it."""
    if search.household is None or not clauses.watch:
        return None
    event, state = watch_parts(clauses.watch)
    if not state or not waits_on_household(state) or waits_on_household(event) or places_in(state):
        return None
    if _names_a_person(state, search):
        return None  # "… if Ben is not home": Ben is checked, not the household
    return search.household


def _names_a_person(text: str, search: RetrievalIndex) -> bool:
    """Whether `text`, its words of coming and going aside, names one of the home's people (or
    a group of some of them), other than the household itself ("everyone"): fully enough, or by a
    word only people carry ("Andrzej" of `device_tracker.iphone_luci_andrzej`)."""
    nodes = search.index.nodes
    for node_id, match in search.lexical.matches(without_coming_or_going(text)).items():
        if nodes[node_id].kind not in PEOPLE_KINDS or node_id == search.household:
            continue
        if match.coverage >= NAMED_PERSON_SHARE or any(
            all(nodes[n].kind in PEOPLE_KINDS | META_KINDS for n in search.lexical.postings.get(w, ())) for w in match.said
        ):
            return True
    return False


def _raise_watched(candidates: list[Candidate], watched: str, bonus: float = SURELY_WATCHED_BONUS) -> None:
    """The one node that says what the request waits for, ahead of anything else watched (by
    `bonus` over the best)."""
    best = max((c.watch_score for c in candidates), default=0.0)
    for candidate in candidates:
        if candidate.node == watched:
            candidate.watch_score = round(max(candidate.watch_score, best) + bonus, 1)


SAME_PLACE_TARGET_BONUS = 10.0
"""Points for a node that acts in the place of what the request waits for, when the acting words
name no place: "when the living room window is open, turn the thermostat off" is the living room's."""


def _target_in_the_watched_place(candidates: list[Candidate], clauses: Clauses, index: EnvIndex) -> None:
    if not clauses.watch or not clauses.act or places_in(clauses.act) or not (there := places_in(clauses.watch)):
        return
    raised = False
    for candidate in candidates:
        if index.nodes[candidate.node].actions and there & node_places(index.nodes[candidate.node]):
            candidate.score = round(candidate.score + SAME_PLACE_TARGET_BONUS, 1)
            raised = True
    if raised:
        candidates.sort(key=by_score)


def is_aggregate(node: Node) -> bool:
    """Named by a quantifier ("All hall lights", `alle_lichter`): the sum of its kind's other nodes."""
    return any(QUANTIFIERS.intersection(tokens(text)) for text in (node.id, node.name or ""))


def node_places(node: Node) -> frozenset[str]:
    """The places a node is in or named for (its area, the rooms in its id and name)."""
    return places_in(" ".join((node.area or "", unique_id_stem(node), node.name or "")))


def places_in(text: str) -> frozenset[str]:
    """The places `text` names, each as one word for all its names and languages ("hall",
    "Flur" and "hallway" are one place); a German compound counts by the place it opens with
    ("Kinderzimmerlicht"), a word run together by the place it ends with ("hallcloset")."""
    said = tokens(text)
    found: set[str] = set()
    for phrase, place in _place_phrases().items():
        size = len(phrase)
        for i in range(len(said) - size + 1):
            window = tuple(said[i : i + size])
            if window == phrase or (size == 1 and _holds_place(said[i], phrase[0])):
                found.add(place)
                break
    return frozenset(found)


def named_in_full(words: set[str], kinds: Iterable[str], search: RetrievalIndex, min_words: int = 1) -> set[str]:
    """The nodes of `kinds` whose name has at least `min_words` words, every one of them among
    `words` ("disable the automation Hallway light auto", "run the Open all blinds script")."""
    nodes = search.index.nodes
    return {
        node_id for kind in kinds for node_id in search.by_kind_nodes.get(kind, ())
        if len(named := set(tokens(nodes[node_id].name or node_id.replace("_", " ")))) >= min_words and named <= words
    }


def _words_of(places: frozenset[str]) -> frozenset[str]:
    """Every word that names one of `places`, in any language ("kinderzimmer", "kids", "room")."""
    return frozenset(word for phrase, place in _place_phrases().items() if place in places for word in phrase)


def _named_by_place_alone(match: LexicalMatch | None, place_words: frozenset[str]) -> bool:
    """Whether the words that name a node are no more than the words of the places said."""
    return match is None or set(match.said) <= place_words


def _holds_place(word: str, place: str) -> bool:
    """Whether a word opens with a place ("Kinderzimmerlicht") or ends with one it was run
    together with ("hallcloset"); a place of fewer than 5 letters only where a word for a kind
    follows it ("Bürolicht", "Badlampe": not "Badminton")."""
    if len(place) < 5:
        return word.startswith(place) and word[len(place) :] in _kind_word_tokens()
    return word.startswith(place) or (len(word) > len(place) + 2 and word.endswith(place))


@cache
def _place_phrases() -> dict[tuple[str, ...], str]:
    """Every place phrase (as tokens) → the one name it goes by."""
    from .ner.lexicon import AREAS_DE, AREAS_EN
    from .synonyms import SAME

    names = [*AREAS_EN, *(name for pair in AREAS_DE for name in pair)]
    areas = {tuple(tokens(name)) for name in names}
    out: dict[tuple[str, ...], str] = {}
    for group in SAME:
        if any(tuple(tokens(p)) in areas for p in group):
            for phrase in group:
                out.setdefault(tuple(tokens(phrase)), " ".join(tokens(group[0])))
    for name in names:
        out.setdefault(tuple(tokens(name)), " ".join(tokens(name)))
    # "den", "bad": a word of the request's own grammar first.
    return {phrase: place for phrase, place in out.items() if not (len(phrase) == 1 and phrase[0] in STOPWORDS)}


def _device_words(node_id: str) -> list[str]:
    """The words an id opens with that no place or property explains: the device's own name
    (`fordpass_tourneo` of `fordpass_tourneo_lastrefresh`), empty when the id has a single word."""
    words = node_id.split("_")
    return [w for w in words[:2] if w not in place_words()] if len(words) > 2 else []


def _within(spans: list[tuple[int, int]], request: str, part: str) -> list[tuple[int, int]]:
    """`spans` of `request` that fall in `part` (a clause of it, or empty for the whole), relative to it."""
    start = request.find(part) if part else 0
    return [(a - start, b - start) for a, b in spans if start >= 0 and a >= start and b <= start + len(part or request)]


NAMED_WAY_KINDS = frozenset({"script", "scene"})
NAMED_WAY_BONUS = 10.0
"""Points for a script or scene named for the way the request switches ("Alarm off" for "stop
the alarm"), and taken from one named for the other way ("Alarm on"): running it is the switching."""

DEVICE_NAMED_COVERAGE = 0.3
"""A word names a device when it covers at least this share of a node's name that can act."""


def _devices_said(lexical: dict[str, LexicalMatch], search: RetrievalIndex) -> frozenset[str]:
    """The request's words, other than places and kinds, that name a node that can act
    ("Drucker" in "Büro - Drucker an", the printer's plug)."""
    generic = place_words() | _kind_word_tokens()
    nodes = search.index.nodes
    return frozenset(
        w
        for node_id, match in lexical.items()
        if nodes[node_id].actions and nodes[node_id].kind not in META_KINDS and match.coverage >= DEVICE_NAMED_COVERAGE
        for w in match.said
        if w not in generic
    )


@cache
def _kind_word_tokens() -> frozenset[str]:
    """Every word of every kind's words ("ceiling light" → "ceiling", "light")."""
    return frozenset(t for phrases in kind_words().values() for phrase in phrases for t in tokens(phrase))


def _only_its_place_said(match: LexicalMatch, devices_said: frozenset[str], kind_in_place: bool) -> bool:
    """Whether the request names the node by its place alone ("Büro" of "Deckenlicht Büro")
    while it names a device by other words, or a kind that a node in that place is ("the living
    room light" and the light "Wohnzimmer"): the place then says where that device is."""
    return bool(match.said) and match.said <= place_words() and (kind_in_place or bool(devices_said - match.said))


def _named_for_a_place(node: Node) -> bool:
    """Whether every word of the node's name is a place's ("Living room", "Küche")."""
    said = tokens(node.name or node.id)
    return bool(said) and all(word in place_words() for word in said)


@cache
def place_words() -> frozenset[str]:
    from .ner.lexicon import AREAS_DE, AREAS_EN

    return frozenset(
        word for area in AREAS_EN + [name for pair in AREAS_DE for name in pair] for word in tokens(area)
    )


def named_for_the_other_class(request: str, search: RetrievalIndex) -> set[str]:
    """The nodes named for the class the request does not say, of a pair it says one of
    ("Heizung" → the nodes named for air conditioning, the Daikin by its brand)."""
    said = tokens(request)
    out: set[str] = set()
    for pair in CONTRASTS:
        for one, other in (pair, pair[::-1]):
            if says(said, one) and not says(said, other):
                out |= set(search.lexical.matches(other))
    return out


COMMAND_COVERAGE = 0.3
"""A command's target must be named by at least this share of its words."""


_NOT_AN_ACTIVITY = frozenset(tokens("start stop turn on off toggle open close set pause resume play return press select option send notify go home up down"))
"""Words of action names and aliases that say no activity of their own."""


def _doing_forms(phrases: list[str]) -> frozenset[str]:
    """The "-ing" forms of the words of an action's name and aliases that say an activity
    ("mow" → "mowing", "charge" → "charging", "clean" → "cleaning")."""
    forms: set[str] = set()
    for word in tokens(" ".join(phrases)):
        if word in _NOT_AN_ACTIVITY or word in STOPWORDS or len(word) < 3 or not word.isalpha():
            continue
        if word.endswith("ing"):
            forms.add(word)
        elif word.endswith("e") and not word.endswith("ee"):
            forms.add(word[:-1] + "ing")
        else:
            forms.add(word + "ing")
    return frozenset(forms)


_STARTED_OR_STOPPED = frozenset(tokens("start starts stop stops begin pause resume"))


def named_by_doing(text: str, search: RetrievalIndex) -> set[str]:
    """The nodes whose rare action `text` names by the activity it starts or stops ("start mowing":
    the mower; "the last cleaning" starts nothing)."""
    words = tokens(text)
    said = {word for before, word in zip(words, words[1:]) if before in _STARTED_OR_STOPPED}
    return {node_id for action, forms in search.doing_words.items() if forms & said for node_id in search.by_action[action]}


def _names_only_a_kind(command: str, matches: dict[str, LexicalMatch], actors: dict[str, Candidate]) -> bool:
    """A command that says what to do ("set the heating to 18 degrees") and whose words name no
    node that can act: not a time it starts at ("At the wakeup light start time, …") and not a
    node of a kind other than the one it says ("the kantoor switch" is a light). "Heating" is
    a verb's form, so the thermostats it matches are named by a kind alone."""
    return any(is_verb(word) for word in tokens(command)) and not any(
        node in actors and match.coverage >= COMMAND_COVERAGE and not _only_verbs(match) for node, match in matches.items()
    )


def _mark_commands(candidates: list[Candidate], commands: list[str], search: RetrievalIndex) -> None:
    """"Close the blinds, turn off the lights and start the vacuum": each command's best named node
    that can act is as much the target as the first one's and takes the actions its own verbs
    ask for; the plan calls them all (`Shortlist.commands`)."""
    actors = {c.node: c for c in candidates if c.actions}
    if not actors:
        return
    top = max(c.score for c in actors.values())
    for i, command in enumerate(commands):
        if i and refers_to_earlier(command):
            continue  # "… and set its volume": the earlier command's node (`RequestValues.on_first`)
        # "turn off the lights" is one of the lights, not the "Adaptive lighting" switch.
        said_kinds = set(kinds_in_order(command))
        kinds = said_kinds - META_KINDS
        # "run the Wake up light script": the script named whole, not a light its name says.
        whole = named_in_full(set(tokens(command)), NAMED_WHOLE_KINDS & said_kinds, search)
        whole = {node for node in whole if node in actors and actors[node].command is None}
        if whole:
            kinds -= {kind for node in whole for kind in kinds_in_order(search.index.nodes[node].name or "")}
        matches = search.lexical.matches(command)
        notifiers = _notifiers_asked(command, search, matches)
        matches |= notifiers
        named = [
            (match.score, node)
            for node, match in matches.items()
            if node in actors
            and actors[node].command is None
            and match.coverage >= COMMAND_COVERAGE
            and (not kinds or search.kinds_of[node] & kinds)  # a "Towel radiator" plug is a radiator
            # "… and start playing" names no node: not the light "Hue play all".
            and (node in notifiers or not (_only_notifying(match, search.index.nodes[node]) or _only_verbs(match)))
            and (not whole or node in whole)
        ]
        if not named and kinds and "notify" not in kinds and (i or _names_only_a_kind(command, matches, actors)):
            # "… and the vacuum": a later command naming only a kind is its best node that can act;
            # so is a first command that says what to do and names no node of its own ("set the
            # heating to 18 degrees and turn on the desk lamp").
            named = [(c.score, c.node) for c in actors.values() if c.command is None and search.kinds_of[c.node] & kinds]
        if not named and (by_verb := _named_by_its_verb(command, search)):
            # "schließ die Haustür ab": a verb only some nodes answer to, and the one of them it names.
            named = [(c.score, c.node) for c in actors.values() if c.command is None and c.node in by_verb and c.node in matches]
        if not named and not kinds and (doing := named_by_doing(command, search)):
            # "… stop charging and send me a message": what does the activity a command names.
            named = [(c.score, c.node) for c in actors.values() if c.command is None and c.node in doing]
        if not named and "notify" in kinds:
            # "…, close it and send me a message": the notifier asked for, however weakly named.
            named = [
                (c.score, c.node) for c in actors.values()
                if c.command is None and c.node in matches and search.index.nodes[c.node].kind == "notify"
                and not _in_a_room(search.index.nodes[c.node])
            ]
        if not named and ((not kinds and _PRONOUN.search(command)) or (not i and _ITS.intersection(tokens(command)))):
            # "If the TV is on for 3 hours, turn it off and notify me": "it" is what is waited on;
            # so is "its" in a first command ("… starts playing, set its volume to 20% and …").
            free = [(c.watch_score, c.node) for c in actors.values() if c.command is None and (not kinds or search.kinds_of[c.node] & kinds)]
            named = [max(free)] if free else []
        if not named:
            continue
        candidate = actors[max(named)[1]]
        candidate.named = True  # "…, close it and send me a message": what "it" is, is acted on
        # "Turn off the desk lamp and the hallway light, and the coffee maker": what else this
        # command names apart is called too.
        others = sorted((actors[node] for _, node in named if node != candidate.node), key=lambda c: -c.score)
        marked_before = [other.also_named for other in others]
        for other in others:
            other.also_named = False
        _mark_also_named([candidate, *others], matches, search.index, command)
        for other, before in zip(others, marked_before):
            if other.also_named:
                other.named_with = candidate.node
            other.also_named = other.also_named or before
        take_commands_verbs(candidate, command, search)
        candidate.score = max(candidate.score, top)
        candidate.command = i
        # A later command that refers back ("… and set its volume to 20%") states this node's level.
        candidate.level_elsewhere = not LEVEL.search(command) and any(
            LEVEL.search(other) and not (j and refers_to_earlier(other)) for j, other in enumerate(commands)
        )  # a first command's "its volume" is what the request waits on, not this node
        own = settings_said(command)
        if own and any(settings_said(other) not in ((), own) for other in commands):
            candidate.own_levels = own
        # A later command that refers back ("… and set its volume to 20%") says more of this node.
        referring = list(itertools.takewhile(refers_to_earlier, commands[i + 1 :]))
        candidate.own_words = tuple(tokens(" ".join([command, *referring])))




_CLIMATE_MODE = re.compile(r"\b(?:heat(?:ing)?|cool(?:ing)?|auto(?:matic)?|dry|fan[ -]only|heat[ /-]cool)\s+(mode)\b", re.IGNORECASE)
"""A climate's mode said with "mode" ("set it to heat mode"): the word names no helper "Vacation mode"."""


def _climate_mode_words(text: str) -> list[tuple[int, int]]:
    return [m.span(1) for m in _CLIMATE_MODE.finditer(text)]


def _named_by_its_verb(command: str, search: RetrievalIndex) -> set[str]:
    """The nodes a command's verb of their own names ("lock", "abschließen", "disarm")."""
    return {node_id for action in actions_named(command, search.rare_actions, search.action_services) for node_id in search.by_action[action]}


def _only_verbs(match: LexicalMatch) -> bool:
    return all(map(is_verb_form, match.said))


def _only_notifying(match: LexicalMatch, node: Node) -> bool:
    """A screen's notifier named by nothing but the words for notifying ("… and notify everyone",
    `notify.bedroom_tv_notify`): the command asks for a notification, not for that screen."""
    return node.kind == "notify" and set(match.said) <= kind_words().get("notify", frozenset())




def take_commands_verbs(candidate: Candidate, command: str, search: RetrievalIndex) -> None:
    """Orders the candidate's actions as its own command's verbs ask ("unlock the front door" in
    "turn on all lights and unlock the front door"), not the whole request's."""
    node = search.index.nodes[candidate.node]
    asked = verb_scores(command, node.actions, node_name=node.name or node.id, node_kind=node.kind)
    if not any(asked.values()) and not LEVEL.search(command):
        return  # "…, la lámpara del recibidor y …": a part with no verb of its own keeps the clause's
    if (level := LEVEL.search(command)) and not any(asked.values()):
        # "… and set the floor lamp to 15%": the action that takes the level the command states.
        unit = LEVEL_UNITS[level.group(2).lower()]
        for name, action in node.actions.items():
            if any(isinstance(t, NumberType) and t.unit == unit for t in action.params.values()):
                asked[name] = 1.0
    candidate.actions.sort(key=lambda name: -asked.get(name, 0.0))
    candidate.action_scores = [asked.get(name, 0.0) for name in candidate.actions]


_LIST_BREAK = re.compile(r"\s*(?:,|;|\b(?:and|und|en|et|e|y|og|och)\b)\s*", re.IGNORECASE)


def _best_of_each_part(acting: str, search: RetrievalIndex) -> set[str]:
    """The node each part of a list names best, of those that can act, when the parts name
    different ones ("the kids light and the kids night light", "the kitchen ceiling light and the
    office ceiling light"): each is named apart, however many words their names share."""
    best: list[str] = []
    for part in _LIST_BREAK.split(acting):
        matches = {n: m for n, m in search.lexical.matches(part).items() if search.index.nodes[n].actions and search.index.nodes[n].kind not in META_KINDS}
        if not matches:
            continue
        node, match = max(matches.items(), key=lambda item: (item[1].score, item[1].coverage))
        top = [n for n, m in matches.items() if m.score == match.score]
        if len(top) == 1 and match.coverage >= ALSO_NAMED_COVERAGE:
            best.append(node)
    return set(best) if len(set(best)) > 1 else set()


def _mark_also_named(
    candidates: list[Candidate], lexical: dict[str, LexicalMatch], index: EnvIndex, acting: str, each_best: set[str] = frozenset()
) -> None:
    """Mark the nodes that can act which the request names apart from the best one ("turn off the TV
    and the Xbox"): the plan then expects a call for each. Apart means by other words, most of the
    node's own, and a node of the same kind (a second light, a second player), which keeps names
    that merely echo a request's title out. A node named by fewer of its words ("the speaker" for
    the living room speaker) is named apart when the request joins its words to the first's with
    "and" ("the TV and the speaker"): the best ranked node those words name, not every one."""
    actors = [c for c in candidates if c.actions]
    if not actors or actors[0].node not in lexical:
        return
    first = lexical[actors[0].node].said
    kind = index.nodes[actors[0].node].kind
    marked: set[frozenset[str]] = set()
    for candidate in actors[1:ALSO_NAMED_LOOKAHEAD]:
        match = lexical.get(candidate.node)
        if candidate.node in each_best and actors[0].node in each_best:
            candidate.also_named = True  # each the best of its own part of a list
            if match:
                marked.add(match.said)
            continue
        if (
            (
                index.nodes[candidate.node].kind != kind
                and not (match and _same_sort_said(first, match.said, {kind, index.nodes[candidate.node].kind}))
            )
            or kind in META_KINDS
            or not match
            or not match.said - first - frozenset().union(*marked)  # says nothing the marked ones did not
            or (match.said & first) - _every_kind_word() - _other_rooms(match.said, first) - _only_its_area(index.nodes[candidate.node], match.said) - _only_its_area(index.nodes[actors[0].node], first)
        ):
            continue  # a kind word both say ("the bed light and the computer light") keeps them apart
        # Named by a kind word alone ("Lampan" for "the bamboo lamp"), only when "and" joins it.
        if (match.coverage >= ALSO_NAMED_COVERAGE and match.said - _every_kind_word()) or (
            match.said not in marked and _joined(first, match.said, acting)
        ):
            candidate.also_named = True
            marked.add(match.said)


ROOM_WORDS = frozenset(tokens("room rooms zimmer kamer pièce pièces cômodo habitación stanza"))
"""The words for a room itself, that places share ("kids room", "living room"; also `groups`)."""


def _other_rooms(said: frozenset[str], first: frozenset[str]) -> frozenset[str]:
    """The word for a room, when two names say it of two places ("the kids room speaker and the
    living room speaker"): shared, it tells nothing apart. Not when only one says a place ("room"
    of "living room" is no "bathroom")."""
    own, others = places_in(" ".join(sorted(said))), places_in(" ".join(sorted(first)))
    return ROOM_WORDS if own and others and own != others else frozenset()


def _only_its_area(node: Node, said: frozenset[str]) -> frozenset[str]:
    """The words said of a node's area that its name does not say ("office" for the "Desk lamp" in
    the office, "room" inside its area "Bedroom"): said of it by place, not by name ("the desk lamp
    and the office ceiling light", "the bedside lamp and the kids room light")."""
    area = tokens(node.area or "")
    name = frozenset(tokens(f"{node.name or ''} {node.id.replace('_', ' ')}"))
    return frozenset(word for word in said if word not in name and any(word in part for part in area))


def _same_sort_said(one: frozenset[str], other: frozenset[str], kinds: set[str | None]) -> bool:
    """Whether two names both say the kind of one of their nodes, the second by a word of its own
    too ("the hallway light and the garden lights": a light and a switch named as lights)."""
    return bool(other - one - _every_kind_word()) and bool(
        request_kinds(" ".join(sorted(one))) & request_kinds(" ".join(sorted(other))) & kinds - META_KINDS
    )


def _joined(one: frozenset[str], other: frozenset[str], text: str) -> bool:
    """Whether `text` joins a word of `one` and a word of `other` with "and" ("the TV and the speaker")."""
    words = tokens(text)
    at = {w: i for i, w in enumerate(words)}
    for a in one:
        for b in other:
            if a in at and b in at:
                between = words[min(at[a], at[b]) + 1 : max(at[a], at[b])]
                if between and set(between) <= _JOINING and set(between) & _AND:
                    return True
    return False


_AND = frozenset(tokens("and und en"))
_JOINING = _AND | frozenset(tokens("the die der das den de het a an"))


def _senses_presence(node: Node, search: RetrievalIndex) -> bool:
    """A yes/no sensor named for motion, occupancy or activity (not its light-level sibling)."""
    return bool(search.lexical.names[node.id] & PRESENCE_SENSOR_WORDS) and any(
        isinstance(t, BooleanType) for t in node.properties.values()
    )


def _as_presence(match: LexicalMatch) -> LexicalMatch:
    return LexicalMatch(mass=match.mass * PRESENCE_SENSOR_GAIN, coverage=match.coverage, said=match.said)


def _trigger_fitness(node: Node, has_numbers: bool) -> float:
    """How well a node's state can start a workflow: a boolean or enum becomes a value by itself;
    a number needs a threshold the request states; a node with nothing to watch cannot."""
    if node.kind in META_KINDS:
        return -META_PENALTY
    types = {type(t) for name, t in node.properties.items()}
    if BooleanType in types:
        return WATCHABLE_BONUS
    if EnumType in types:
        return WATCHABLE_BONUS * 2 / 3
    if NumberType in types and has_numbers:
        return WATCHABLE_BONUS * 2 / 3
    if not node.properties and not node.events:
        return -WATCHABLE_BONUS
    return 0.0



def _commonest_first(actions: list[str], kind: str = "") -> list[str]:
    """A node's actions with switching on, off and over first (opening and closing for a cover):
    what an automation does to a device most often, and so the choice when the request's words
    pick none (a media player's export may list `media_pause` and `unjoin` before `turn_on`)."""
    first = [name for name in COMMONEST_ACTIONS.get(kind, SWITCHING_ACTIONS) if name in actions]
    return first + [name for name in actions if name not in first]


def _member_score(name: str, aliases: list[str], wanted: list[str]) -> float:
    keys = [words(name), *(words(a) for a in aliases)]
    return max((fuzz.WRatio(w, k) for w in wanted for k in keys if w and k), default=0.0)


MEMBER_MATCH = 70.0
"""A property or action the tagger's words resemble less than this is not named by them
("send notification" is no more `media_pause` than `turn_on`): the order stays as it was."""


def _rank_members(members: Iterable[str], aliases: dict[str, list[str]], wanted: list[str]) -> list[str]:
    names = list(members)
    if not wanted:
        return names
    scores = {n: _member_score(n, aliases[n], wanted) for n in names}
    return sorted(names, key=lambda n: -scores[n] if scores[n] >= MEMBER_MATCH else 0.0)
