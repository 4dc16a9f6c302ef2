"""Which nodes a request's words name, weighted by how rare each word is in this environment.

Fuzzy string ratios compare a request with a node's whole name, so a long request looks alike to
every long name, and "living room" counts as much as "KEF" although half the home lives in the
living room. Here each word of a node's names counts with its inverse document frequency over the
environment's nodes (BM25's idea, without the length terms): a node scores the weight of its words
the request mentions (`mass`) and the share of its own words that are mentioned (`coverage`).
"Light: turn on living room" then prefers `living_room_lights` (every word mentioned) to
`corner_living_room` ("corner" is not), and `kinderzimmerlicht` wins outright for "Kinderzimmerlicht".

Words match softly, because requests are typed by people: a plural or a stem ("light"/"lights",
"Rollladen"/"Rolladen"), a typo, or a German compound that contains the word ("Kinderzimmerlicht"
holds "kinderzimmer") count for part of their weight.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable

from msgspec import Struct
from rapidfuzz import fuzz, process
from text_unidecode import unidecode

from wfl.grammar.index import EnvIndex
from wfl.schemas.environment import EnumType, Node

from .synonyms import MIN_LEFT_PART, SYNONYM_MATCH, translations

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_CLOCK = re.compile(r"\b(\d{1,2})[:.](\d{2})\b")
LEVEL_UNIT = r"%|percent\b|prozent\b|procent\b|k\b|kelvin\b"
"""The units a level is stated in (percent, colour temperature); also `constrain.request_values`."""
LEVEL_UNITS = {"%": "%", "percent": "%", "prozent": "%", "procent": "%", "k": "K", "kelvin": "K"}
"""Each of `LEVEL_UNIT`'s words as the unit a parameter states."""
LEVEL = re.compile(rf"(?<![\w.:])(\d+(?:[.,]\d+)?)\s*({LEVEL_UNIT})", re.I)
"""A level as said ("30%", "2700 K"): the number, then its unit."""


def levels_said(text: str) -> tuple[tuple[str, str], ...]:
    """The levels `text` states, each as (unit, number as said): "to 30%" → (("%", "30"),)."""
    return tuple((LEVEL_UNITS[m.group(2).lower()], m.group(1)) for m in LEVEL.finditer(text))


_QUANTITY = re.compile(rf"(?<![\w.,:])\d+(?:[.,]\d+)?\s*(?:{LEVEL_UNIT}|°\s*[cf]?)", re.I)
"""A number with a unit of level ("75% ljusstyrka", "21 °C", "2700 K"): a value, not a word of a name
("75" is no part of `cover.honsluckan_esphome75`)."""

_SPAN_NUMBER = re.compile(
    r"(?<![\w.,:])\d+(?=\s*(?:seconds?|secs?|sekunden?|seconden|minutes?|mins?|minuten?|minuut|hours?|hrs?|stunden?|uur|uren)\b)",
    re.IGNORECASE,
)
"""The number of a duration ("15 minutes", "2 Stunden")."""

STOPWORDS = frozenset(
    """
    a an the and or of to in on off at by for from with without into onto when whenever if then else
    is are was be been being it its this that these those they them there here all any some no not none
    every each after before until while during than as so do does did done turn turns turned turning
    switch switches switched automatically auto automation automations please me my our your
    activate activates activated activating deactivate deactivates deactivated deactivating
    set sets up down one two sync syncs synced synchronise synchronize synchronisiere synchronisieren
    der die das den dem des ein eine einen einem einer und oder wenn falls dann im in am an auf aus
    zu zum zur bei mit ohne von vom nach vor ist sind wird werden wurde es sie er ihn wir ich mich uns
    nicht kein keine alles jede jeden schaltet schalte automatisch aktiviere aktivieren deaktiviere
    deaktivieren einschalten ausschalten anschalten abschalten anmachen ausmachen einschalte ausschalte
    inschakelen uitschakelen aanzetten uitzetten
    de het een en van voor naar met zonder bij op te dat die zijn wordt worden dan na weer alle elke
    niet geen zet zetten schakel schakelt aan uit wanneer indien zodra automatisch
    le la les l un une des du d et ou au aux dans sur si quand lorsque lorsqu pour par avec sans ne n pas
    plus est sont depuis lors puis allumer allume eteindre eteint activer desactiver automatiquement
    o os as um uma do da dos das e em no na nos nas se quando para por com sem nao ao aos pelo pela
    ligar liga ligue desligar desliga desligue acender apagar apaga ativar desativar automaticamente
    el los las del y o cuando con sin es al encender enciende activar desactivar una unos unas
    il lo gli di della e quando per senza non alla accendere accendi spegnere spegni attivare disattivare
    """.split()
)
"""Function words and the verbs of switching: they name no node, however many node names hold
them ("Washing machine on", "Zeit zum Lüften")."""

FULL_MATCH = 1.0
STEM_MATCH = 0.85
"""A plural, a stem, a typo: "light" for "lights"."""
PART_MATCH = 0.6
"""A word inside a compound: "kinderzimmer" inside "kinderzimmerlicht" and the reverse."""
MIN_PART = 4
"""Shorter words are not looked for inside compounds ("tv" is in too many words)."""
MIN_TRANSLATED_PART = 5
"""The same for a translation, a guess already: "télé" (TV) is no part of "telegram"."""


class LexicalMatch(Struct, frozen=True):
    mass: float
    """The summed weight of the node's words the request mentions."""
    coverage: float
    """The share (by weight) of the node's words the request mentions, 0-1."""
    said: frozenset[str] = frozenset()
    """The request's words that named it."""

    @property
    def score(self) -> float:
        return self.mass * math.sqrt(self.coverage)


def tokens(text: str) -> list[str]:
    """Lower-case words of `text` without accents, split at `_` and punctuation, digits kept
    ("tv_2015"). Accents go because entity ids drop them: "Spülmaschine" is `spulmaschine`. A
    word with a small number run onto it is the word and the number (`light1_relay` is "Light 1",
    `anteroom2` "Anteroom 2"); a code stays whole (`ls50`, `mp3`, `tv2015`). Words written together
    in camel case are words apart ("EZ_ButtonLeft_CouchFront")."""
    text = _CAMEL_CASE.sub(" ", text) if not text.islower() else text
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss")) if not unicodedata.combining(c))
    if not plain.isascii():
        # Other scripts and letters ("Прихожая", "kjøkken") as Home Assistant spells them in entity
        # ids: its slugify transliterates with the same tables (`prikhozhaia`, `kjokken`).
        plain = unidecode(plain).lower()
    words = _TOKEN.findall(plain)
    if not any(c.isdigit() for c in plain):
        return words
    return [part for word in words for part in _unnumbered(word)]


_CAMEL_CASE = re.compile(r"(?<=[a-z]{2})(?=[A-Z])|(?<=[A-Z]{2})(?=[A-Z][a-z]{2})")
"""Where words written together in camel case meet: "CouchFront", "NOMotion", "AloneModeOFF"
("iPhone" and "WiFi" stay whole)."""


def _unnumbered(word: str) -> tuple[str, ...]:
    numbered = _NUMBERED.fullmatch(word)
    return numbered.groups() if numbered else (word,)


_NUMBERED = re.compile(r"([^\W\d_]{3,})(\d{1,2})")


PRESENCE_WORDS = tokens(
    "home away arrive arrives arriving arrival leave leaves leaving left nobody everyone anyone someone "
    "daheim zuhause hause keiner niemand jemand alle anwesend abwesend kommt kommen verlässt weg"
)
"""How requests speak of people's presence: what people, groups of people and trackers are watched for."""
_PRESENCE_KINDS = {"person", "group", "device_tracker", "zone"}
OCCUPANCY_PROPERTIES = frozenset({"motion", "occupancy", "presence"})
ROOM_PRESENCE_WORDS = tokens(
    "nobody anyone someone noone empty vacant occupied niemand jemand keiner leer besetzt niemand iemand leeg "
    "ninguém ninguem alguém alguem nadie alguien qualcuno quelqu ingen någon noen vazio vacío vuoto "
    "enter enters entering entrar entro betrete betritt reinkommt binnenkomt"  # "when I enter the office"
)
"""How requests speak of a room's people ("when nobody is in the office"): what a motion or
presence sensor is watched for."""


def node_words(node: Node) -> set[str]:
    """The words that name a node: its id, name, area and aliases. An id that carries its kind only
    to stay unique (`kef_ls50_desk_mode_input_boolean` beside the speaker `kef_ls50`) is read
    without it: "input boolean" says what the node is, not which one."""
    words: set[str] = set()
    for text in (*name_texts(node), node.area or ""):
        words.update(t for t in tokens(text) if t not in STOPWORDS)
    return words


def each_name_words(node: Node) -> tuple[frozenset[str], ...]:
    """The words of each of the node's names apart (its id, name and each alias), with its area's."""
    area = {t for t in tokens(node.area or "") if t not in STOPWORDS}
    found = (frozenset(area | {t for t in tokens(text) if t not in STOPWORDS}) for text in name_texts(node))
    return tuple(dict.fromkeys(words for words in found if words - area))


def name_texts(node: Node) -> tuple[str, ...]:
    """The node's names as written: its id (without an importer's kind suffix), name and aliases."""
    return (unique_id_stem(node), node.name or "", *node.aliases)


def unique_id_stem(node: Node) -> str:
    """The node's id without a kind suffix the importer added to keep it unique."""
    suffix = f"_{node.kind}" if node.kind else ""
    if suffix and node.id.endswith(suffix) and node.kind not in (node.name or "").casefold():
        return node.id[: -len(suffix)]
    return node.id


def watch_words(node: Node) -> set[str]:
    """The words of a request that watches a node: its names, what it senses ("motion", "door",
    "opened" for a door contact; "home", "nobody" for people) and the values it takes ("armed")."""
    words = node_words(node)
    for name, value_type in node.properties.items():
        if name != "state":
            for text in (name, *value_type.aliases):
                words.update(t for t in tokens(text) if t not in STOPWORDS)
        if isinstance(value_type, EnumType):
            # "when the alarm is armed", "when the vacuum is docked": a value names its node.
            words.update(t for value in value_type.values for t in tokens(value) if t not in STOPWORDS)
    if node.kind in _PRESENCE_KINDS:
        words.update(PRESENCE_WORDS)
    if OCCUPANCY_PROPERTIES.intersection(node.properties):
        words.update(ROOM_PRESENCE_WORDS)
    return words


class LexicalIndex:
    """Every node's words and their weights, built once per environment: `node_words` to find what
    a request acts on, `watch_words` to find what it watches."""

    def __init__(
        self, index: EnvIndex, words_of: Callable[[Node], set[str]] = node_words, each_name_apart: bool = True
    ) -> None:
        self.each_name_apart = each_name_apart
        """Coverage may come from one of a node's names alone (`_coverage`). The watching index
        keeps all names together: there the target itself is among the candidates, and its name
        said in full would push the sensors it waits on down the normalised ranking."""
        self.words: dict[str, set[str]] = {node_id: words_of(node) for node_id, node in index.nodes.items()}
        # Coverage is measured against the node's names only: a TV that senses "volume" and
        # "loudness" is no less covered by "the TV" than a slider called "TV volume" is.
        self.names: dict[str, set[str]] = {node_id: node_words(node) for node_id, node in index.nodes.items()}
        self.each_name: dict[str, tuple[frozenset[str], ...]] = {
            node_id: each_name_words(node) for node_id, node in index.nodes.items()
        }
        self.phrasings: dict[str, tuple[str, ...]] = {
            node_id: _stemmed_names(node) for node_id, node in index.nodes.items()
        }
        self.run_together: dict[str, tuple[str, ...]] = {}
        """A name of several words written as one ("schlafzimmerrollladen" for `schlafzimmer_rollladen`)
        → those words: a request that writes it so says each of them."""
        for node in index.nodes.values():
            for text in name_texts(node):
                if len(words := tokens(text)) > 1 and all(len(w) >= MIN_LEFT_PART for w in words):
                    self.run_together.setdefault("".join(words), tuple(words))
        postings: dict[str, list[str]] = {}
        for node_id, ws in self.words.items():
            for w in sorted(ws):  # a set: sorted, so that ties between look-alikes break the same way every run
                postings.setdefault(w, []).append(node_id)
        total = max(1, len(self.words))
        self.postings = postings
        self.weight = {w: math.log(1 + total / len(ids)) for w, ids in postings.items()}
        self.vocabulary = list(postings)
        self._long = [w for w in self.vocabulary if len(w) >= MIN_PART]
        self._by_stem: dict[str, list[str]] = {}
        for w in self.vocabulary:
            if len(stem := _stem(w)) >= MIN_PART:
                self._by_stem.setdefault(stem, []).append(w)

    def matches(self, request: str) -> dict[str, LexicalMatch]:
        """The nodes that share at least one word with `request`, with how well they match.
        A clock time matches by its digits run together ("20:15" names `tv_prog_2015`), not by its
        hour alone ("at 22:00" is no `port_22`), and a duration's number names nothing ("for 15
        minutes" is no `port_15`)."""
        request = _QUANTITY.sub(" ", _CLOCK.sub(lambda m: f"{m.group(1)}{m.group(2)}", request))
        request = _SPAN_NUMBER.sub(" ", request)
        # Per node, per vocabulary word, the best request word for it; then each request word
        # counts once per node ("light" must not score for both "light" and "lights").
        best: dict[str, tuple[float, str]] = {}
        parts: dict[str, list[tuple[str, str, float]]] = {}
        request_words = tokens(request)
        run_together = [
            (_PART.join((w, part, "0", part)), part, FULL_MATCH)
            for w in dict.fromkeys(request_words) if w in self.run_together for part in self.run_together[w]
        ]
        for said, word, quality in _looked_up(request_words) + run_together:
            # A translation is a guess already: it names only words it is, or is part of, not
            # look-alikes ("maison" is no "main").
            for vocab_word, q in self.word_matches(word, fuzzy=quality >= FULL_MATCH).items():
                gain = quality * q * self.weight[vocab_word]
                if quality < FULL_MATCH and (own := self.weight.get(_request_word(said))) is not None:
                    # A word this home uses itself weighs no more by what it translates to: "Licht"
                    # in a home with `licht` in many names is no rarer for meaning "light".
                    gain = min(gain, quality * own)
                if gain > best.get(vocab_word, (0.0, ""))[0]:
                    best[vocab_word] = (gain, said)
                if q < STEM_MATCH and word in vocab_word:
                    parts.setdefault(vocab_word, []).append((said, word, quality))
        credited = {vocab_word: [best[vocab_word]] for vocab_word in best}
        for vocab_word, found in parts.items():
            if (joined := _compound(vocab_word, found, self.weight[vocab_word])) and sum(
                gain for gain, _ in joined
            ) > best[vocab_word][0]:
                credited[vocab_word] = joined
        by_node: dict[str, dict[str, float]] = {}
        # Per node, per request word, the gain of each of the node's name words it matched.
        on_names_by_node: dict[str, dict[str, dict[str, float]]] = {}
        for vocab_word, gains in credited.items():
            for node_id in self.postings[vocab_word]:
                by_word = by_node.setdefault(node_id, {})
                on_names = on_names_by_node.setdefault(node_id, {})
                for gain, word in gains:
                    by_word[word] = max(by_word.get(word, 0.0), gain)
                    if vocab_word in self.names[node_id]:
                        on_word = on_names.setdefault(word, {})
                        on_word[vocab_word] = max(on_word.get(vocab_word, 0.0), gain)
        out: dict[str, LexicalMatch] = {}
        for node_id, by_word in by_node.items():
            on_names = on_names_by_node[node_id]
            for said in _scattered_phrases(by_word, self.phrasings[node_id]):
                by_word.pop(said)
                on_names.pop(said, None)
            # Only then: a word dropped above is neither weighed across names nor dropped twice.
            for said in self._across_names(node_id, by_word, on_names):
                by_word.pop(said)
                on_names.pop(said, None)
            out[node_id] = LexicalMatch(
                mass=math.fsum(by_word.values()),  # exact: the same sum in any order
                coverage=self._coverage(node_id, on_names),
                said=frozenset(_word_said(said) for said in by_word),
            )
        return out

    def _across_names(self, node_id: str, by_word: dict[str, float], on_names: dict[str, dict[str, float]]) -> list[str]:
        """The looked-up words to drop because one request word credits words of different names of
        the node: "light" names a lamp called "night lamp" and "reading light" once, by the better of
        "light" and its translation "lamp", not by both. Within one name each counts ("Wohnzimmer"
        for "living room"). Only where the node has names apart (`each_name_apart`)."""
        if not self.each_name_apart:
            return []
        by_request_word: dict[str, list[str]] = {}
        for said in by_word:
            by_request_word.setdefault(_word_said(said), []).append(said)
        drop: list[str] = []
        for saids in by_request_word.values():
            if len(saids) < 2:
                continue
            credited = {w for said in saids for w in on_names.get(said, {})}
            if any(credited <= name for name in self.each_name[node_id]):
                continue
            best = max(saids, key=lambda said: (by_word[said], said))
            drop.extend(said for said in saids if said != best)
        return drop

    def _coverage(self, node_id: str, on_names: dict[str, dict[str, float]]) -> float:
        """The share of the node's name words the request mentions: of all its names together, or
        of one of them alone, whichever is more. A node is no less named by "the kids night light"
        for also being called "Night light" and "glow light": aliases must not dilute its id."""

        def share(names: set[str] | frozenset[str]) -> float:
            total = math.fsum(self.weight[w] for w in names)
            covered = math.fsum(max((g for w, g in gains.items() if w in names), default=0.0) for gains in on_names.values())
            return min(1.0, covered / total) if total else 0.0

        apart = self.each_name[node_id] if self.each_name_apart else ()
        return max([share(self.names[node_id]), *(share(name) for name in apart)])

    def word_matches(self, word: str, fuzzy: bool = True) -> dict[str, float]:
        """The vocabulary words `word` names, with how well: itself, an inflection, a look-alike
        (`fuzzy`: a typo or a shared start), a compound it is part of or that holds it."""
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = FULL_MATCH
        for vocab_word in self._by_stem.get(_stem(word), ()):
            if vocab_word != word:
                found.setdefault(vocab_word, STEM_MATCH)
        if fuzzy and len(word) >= 4:
            for vocab_word, score, _ in process.extract(
                word, self.vocabulary, scorer=fuzz.ratio, limit=8, score_cutoff=80
            ):
                if vocab_word != word and _same_stem(word, vocab_word, score):
                    found.setdefault(vocab_word, STEM_MATCH)
        if len(word) >= (MIN_PART if fuzzy else MIN_TRANSLATED_PART):
            for vocab_word in self._long:
                # A verb is not looked for inside a name's word ("close" is not in "closet").
                if vocab_word not in found and (vocab_word in word or (word in vocab_word and not _is_verb(word))):
                    short, long = sorted((len(word), len(vocab_word)))
                    found[vocab_word] = PART_MATCH * math.sqrt(short / long)
        return found


_PART = "|"


def _stemmed_names(node: Node) -> tuple[str, ...]:
    """The node's names as runs of stemmed words, to find a translated phrase in one piece."""
    return tuple(" " + " ".join(_stem(t) for t in tokens(text)) + " " for text in name_texts(node) if text)


def _scattered_phrases(by_word: dict[str, float], phrasings: tuple[str, ...]) -> list[str]:
    """The looked-up words to drop because they came from one translated phrase that the node does
    not hold in one piece: "Waschmaschine" is "washing machine", which "Coffee machine is washing"
    holds word by word but does not name. The phrase's best word alone still counts."""
    phrases: dict[str, list[str]] = {}
    for said in by_word:
        pieces = said.split(_PART)
        if len(pieces) == 4 and " " in pieces[3]:
            phrases.setdefault(_PART.join((pieces[0], pieces[1], pieces[3])), []).append(said)
    drop: list[str] = []
    for key, saids in phrases.items():
        if len(saids) < 2:
            continue
        phrase = " " + " ".join(_stem(w) for w in key.split(_PART)[2].split()) + " "
        if any(phrase in text for text in phrasings):
            continue
        saids.sort(key=lambda said: -by_word[said])
        drop.extend(saids[1:])
    return drop


def _request_word(said: str) -> str:
    """The request's own word behind a looked-up word (`_looked_up` joins a translation's origin with `_PART`)."""
    return said.split(_PART)[0]


def _word_said(said: str) -> str:
    """The word that named a node, as the request says it: the request's word, or the part of a
    compound it was found as ("licht" of "Bürolicht", which names the kind as "Licht" would; a
    word and its ending, "mouvement|s", is one word)."""
    word, part = (said.split(_PART) + [""])[:2]
    return part if part and part in word and len(word) - len(part) >= MIN_LEFT_PART else word


def _compound(vocab_word: str, found: list[tuple[str, str, float]], weight: float) -> list[tuple[float, str]]:
    """A compound the request spells out in parts ("electricity price", translated "strom" +
    "preis", is `strompreis`): the parts' words share a near-full match by the letters each
    covers, instead of the best one part alone. Parts come from different request words and do
    not overlap, longest first. Empty when fewer than two parts fit."""
    taken: list[tuple[int, int]] = []
    roots: set[str] = set()
    chosen: list[tuple[float, str]] = []
    for said, word, quality in sorted(found, key=lambda f: (-len(f[1]), -f[2])):
        root = _request_word(said)
        if root in roots:
            continue
        start = vocab_word.find(word)
        while start >= 0 and any(start < end and start + len(word) > begin for begin, end in taken):
            start = vocab_word.find(word, start + 1)
        if start < 0:
            continue
        roots.add(root)
        taken.append((start, start + len(word)))
        chosen.append((STEM_MATCH * quality * len(word) / len(vocab_word) * weight, said))
    return chosen if len(chosen) >= 2 else []


def _looked_up(request_words: list[str]) -> list[tuple[str, str, float]]:
    """(what the request said, a word to look up, how much it counts): each word itself, and what
    it stands for in another language or as a class of device (`synonyms.py`). Each word a
    translation brings in counts on its own ("Wohnzimmer" says both "living" and "room"), but at
    most once per part of the request word it came from. A translation of several words is also
    looked up run together, as ids often write it (`livingroom_ceiling`, `guestroom_lamp`), in
    the place of its first word."""
    words = [w for w in request_words if w not in STOPWORDS]
    looked_up = [(w, w, FULL_MATCH) for w in dict.fromkeys(words)]
    # Phrases are found among all the words: "salle de bain" holds a function word.
    for position, part, phrase in translations(request_words):
        if part in STOPWORDS:
            continue
        for offset, word in enumerate(phrase):
            if word not in STOPWORDS:
                said = _PART.join((request_words[position], part, str(offset), " ".join(phrase)))
                looked_up.append((said, word, SYNONYM_MATCH))
        if len(phrase) > 1 and not STOPWORDS.intersection(phrase):
            said = _PART.join((request_words[position], part, "0", " ".join(phrase)))
            looked_up.append((said, "".join(phrase), SYNONYM_MATCH))
    return looked_up


def _same_stem(a: str, b: str, ratio: float) -> bool:
    """A plural or inflection (shared start, short different end) or a one-letter typo in a long
    word; `a` is the request's word."""
    shorter, longer = sorted((a, b), key=len)
    if longer.startswith(shorter) and _is_verb(a):
        # A verb and more: an ending ("closes", "heater"), not another word that starts alike
        # ("closet" is no form of "close", "pressure" none of "press"). The doer of a word for on
        # or off is another thing ("Open blinds" is no garage door opener).
        ending = longer[len(shorter) :]
        return ending in _ENDINGS and not (ending in _DOER_ENDINGS and _switches(a))
    # Long words inflect in their last two letters too (Russian "prikhozhaia", "v prikhozhei").
    kept = len(shorter) - (2 if len(shorter) >= 8 else 1)
    if longer.startswith(shorter[: max(3, kept)]) and len(longer) - len(shorter) <= 3:
        return True
    return ratio >= 88 and len(shorter) >= 6


_ENDINGS = frozenset("s es e en n er ern ers ed d ing ings ung ungen".split())
"""Inflections, plurals and doers of English, German and Dutch that a verb may add to its stem."""


_DOER_ENDINGS = frozenset({"er", "ers"})


def _switches(word: str) -> bool:
    from .verbs import polarity  # verbs.py uses this module

    return polarity([word]) != 0


def _is_verb(word: str) -> bool:
    from .verbs import is_verb  # verbs.py uses this module

    return is_verb(word)


_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")


def _stem(word: str) -> str:
    """An English word without its inflection: "cleaning" and "cleaned" are both "clean"."""
    return _SUFFIX.sub("", word)


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span turned to spaces: matched without those words, offsets kept."""
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " * (end - start) + text[end:]
    return text
