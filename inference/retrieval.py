"""Stage 2: resolve the tagger's mentions to a handful of scored candidate nodes, properties and actions.

The large context never exists: instead of handing a model the whole environment, each `node`
mention is matched (rapidfuzz) against every node's id (underscores as spaces), name, aliases and
"area + name" / "area + kind" phrases, built once per environment in `RetrievalIndex`. `area`,
`property` and `action` mentions then re-rank: a node in the named area, with the named property or
offering the named action, rises. When the tagger finds no device at all, the whole request is
matched instead (the classic fuzzy baseline), so retrieval always has something to offer.
"""

from __future__ import annotations

import re

from msgspec import Struct, field
from rapidfuzz import fuzz, process, utils

from wfl.grammar.index import EnvIndex
from wfl.schemas.environment import Node

_SPLIT = re.compile(r"[_\W]+")

KIND_BONUS = 15.0
"""Points for a node whose kind the request names ("Light: turn on the living room" prefers the
living room *light* over a vacuum called "Living room")."""

# Words for a kind, beyond the tagger's lexicon of device words (which is keyed by the same kinds).
_EXTRA_KIND_WORDS: dict[str, list[str]] = {
    "media_player": ["music", "musik", "spotify", "sonos", "playlist", "song", "podcast", "volume", "lautstärke"],
    "climate": ["heating", "heater", "thermostat", "heizung", "klima", "klimaanlage", "air conditioning", "aircon"],
    "alarm_control_panel": ["alarm", "alarm system", "alarmanlage", "security system"],
    "cover": ["blinds", "shutters", "rollladen", "rolladen", "rollo", "jalousie", "garage door", "curtains"],
    "notify": ["notify", "notification", "notifications", "message", "benachrichtigung", "benachrichtigt", "nachricht"],
    "scene": ["scene", "szene"],
    "timer": ["timer"],
    "vacuum": ["vacuum", "staubsauger", "saugroboter", "robot"],
}
_KIND_ALIASES = {"speaker_group": "media_player"}
_AMBIGUOUS_KIND_WORDS = {"switch", "switches", "schalter", "button", "box", "anlage", "led", "mode", "robot"}
"""Words that name a kind too rarely to count: "switch the music", "dimmer switch", "LED"."""


def _kind_patterns() -> dict[str, re.Pattern]:
    from .ner.lexicon import DEVICE_WORDS

    words: dict[str, set[str]] = {}
    for kind, (english, german) in DEVICE_WORDS.items():
        words.setdefault(_KIND_ALIASES.get(kind, kind), set()).update(w.lower() for w in english + german)
    for kind, extra in _EXTRA_KIND_WORDS.items():
        words.setdefault(kind, set()).update(extra)
    for ws in words.values():
        ws -= _AMBIGUOUS_KIND_WORDS
    # German compounds end with the kind word ("Schlafzimmerlicht"): allow letters before it.
    return {
        kind: re.compile(r"(?<![\w])\w*(?:" + "|".join(sorted(map(re.escape, ws), key=len, reverse=True)) + r")\b", re.I)
        for kind, ws in words.items()
    }


_KIND_PATTERNS: dict[str, re.Pattern] | None = None


def request_kinds(request: str) -> set[str]:
    """The node kinds the request names by a word for them."""
    global _KIND_PATTERNS
    if _KIND_PATTERNS is None:
        _KIND_PATTERNS = _kind_patterns()
    return {kind for kind, pattern in _KIND_PATTERNS.items() if pattern.search(request)}


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


def _node_keys(node: Node) -> dict[str, float]:
    """Search phrases for a node with their weight: a node's own names count fully; "area + kind"
    ("kitchen light") fits every light in the kitchen, so it counts a little less."""
    keys: dict[str, float] = {}
    if node.area and node.kind:
        keys[f"{words(node.area)} {words(node.kind)}"] = 0.95
    if node.area and node.name and words(node.area) not in words(node.name):
        keys[f"{words(node.area)} {words(node.name)}"] = 1.0
    for key in (node.id, node.name or "", *node.aliases):
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
    device_mentions = [m for m in mentions if m.label == "node"]
    for mention in device_mentions:
        for node_id, score in search.search(mention.text):
            if score > scores.get(node_id, 0):
                scores[node_id] = score
                matched_on[node_id] = mention.text
    if not device_mentions:
        for node_id, score in search.search(request, limit=limit, cutoff=50):
            scores[node_id] = score * 0.8
            matched_on[node_id] = request
    areas = [words(m.text) for m in mentions if m.label == "area"]
    property_words = [words(m.text) for m in mentions if m.label == "property"]
    action_words = [words(m.text) for m in mentions if m.label == "action"]
    if areas:
        for node_id, node in index.nodes.items():
            if node.area and any(fuzz.WRatio(a, words(node.area)) >= 80 for a in areas):
                scores[node_id] = scores.get(node_id, 40) + 10
                matched_on.setdefault(node_id, node.area)
    kinds = request_kinds(request)
    for kind in kinds:
        for node_id, score in search.search_kind(request, kind):
            if score >= 50 and node_id not in scores:
                scores[node_id] = score * 0.8
                matched_on[node_id] = kind
    candidates = []
    for node_id, score in scores.items():
        node = index.nodes[node_id]
        if node.kind in kinds:
            score += KIND_BONUS
        props = _rank_members(node.properties, {k: v.aliases for k, v in node.properties.items()}, property_words)
        acts = _rank_members(node.actions, {k: v.aliases for k, v in node.actions.items()}, action_words)
        if property_words and props and _member_score(props[0], node.properties[props[0]].aliases, property_words) >= 80:
            score += 5
        if action_words and acts and _member_score(acts[0], node.actions[acts[0]].aliases, action_words) >= 70:
            score += 5
        candidates.append(Candidate(node=node_id, score=round(score, 1), mention=matched_on.get(node_id, ""), properties=props, actions=acts))
    candidates.sort(key=lambda c: (-c.score, c.node))
    return candidates[:limit]


def _member_score(name: str, aliases: list[str], wanted: list[str]) -> float:
    keys = [words(name), *(words(a) for a in aliases)]
    return max((fuzz.WRatio(w, k) for w in wanted for k in keys if w and k), default=0.0)


def _rank_members(members: dict, aliases: dict[str, list[str]], wanted: list[str]) -> list[str]:
    names = list(members)
    if not wanted:
        return names
    return sorted(names, key=lambda n: -_member_score(n, aliases[n], wanted))
