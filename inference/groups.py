"""Requests that act on a set of nodes: "turn off all hall lights", "activate the bathroom scene".

Retrieval ranks single nodes, and the plan's calls are chosen one at a time without memory, so a
request meaning "each of these" would get one of them. Two shapes are recognised here, in English
and German:

- **all + kind + qualifier** ("all hall lights", "alle Lichter im Flur"): every node of that kind
  whose names hold the qualifier's words ("hall" → `hall_lamp`, `hall_leds`, `hall_main_lights`).
  A node that is itself named by the quantifier ("All hall lights") is the aggregate of the others,
  and calling both would do everything twice, so it is left out.
- **a scene no scene node matches** ("activate the bathroom morning scene", where the home has no
  such scene): a scene is a lighting state, so it means the lights the qualifier names.

The group's calls are offered to the plan as one option (`constrain.py`), next to the single calls.
A set too large to write out (more than `MAX_MEMBERS`) is left to the single calls.
"""

from __future__ import annotations

from typing import Literal

from msgspec import Struct

from wfl.schemas.environment import Node

from .clauses import split_clauses
from .lexical import MIN_PART, STEM_MATCH, STOPWORDS, tokens
from .retrieval import META_KINDS, RetrievalIndex, kind_words, request_kinds

MAX_MEMBERS = 4
SCENE_MATCH_COVERAGE = 0.5
"""A scene node that the request names by at least this share of its words is the scene meant."""

QUANTIFIERS = frozenset(tokens("all alle allen aller sämtliche saemtliche every each"))
SCENE_WORDS = frozenset(tokens("scene scenes szene szenen"))
SCENE_KIND = "scene"
SCENE_TARGET_KIND = "light"

Reason = Literal["all", "scene"]


class NodeGroup(Struct, frozen=True):
    kind: str
    qualifier: tuple[str, ...]
    """The request's words that pick the members ("hall")."""
    members: tuple[str, ...]
    reason: Reason


def find_group(request: str, search: RetrievalIndex) -> NodeGroup | None:
    """The set of nodes the request acts on as a whole, or None."""
    act = split_clauses(request).act or request
    said = [w for w in dict.fromkeys(tokens(act)) if w not in STOPWORDS]
    if not said:
        return None
    kinds = request_kinds(act)
    if SCENE_WORDS.intersection(said) and not _scene_named(act, search):
        group = _members(SCENE_TARGET_KIND, said, search, "scene")
        if group is not None:
            return group
    if QUANTIFIERS.intersection(tokens(act)):
        for kind in sorted(kinds - META_KINDS - {SCENE_KIND}):
            group = _members(kind, said, search, "all")
            if group is not None:
                return group
    return None


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
    generic = {t for phrase in kind_words().get(kind, ()) for t in tokens(phrase)} | QUANTIFIERS | SCENE_WORDS
    names = {node: search.lexical.names[node] for node in nodes}
    # Each request word's stems and plurals in the environment's vocabulary, looked up once.
    stems = {
        w: {v for v, q in search.lexical.word_matches(w).items() if q >= STEM_MATCH} for w in said if w not in generic
    }
    # A qualifier word names at least one node of the kind ("hall" names hall_lamp; "activate" none).
    qualifier = [w for w, forms in stems.items() if any(_names(w, forms, ws) for ws in names.values())]
    if not qualifier:
        return None
    members = tuple(
        node
        for node, ws in names.items()
        if all(_names(w, stems[w], ws) for w in qualifier) and not _is_aggregate(search.index.nodes[node])
    )
    if not members or len(members) > MAX_MEMBERS:
        return None
    return NodeGroup(kind=kind, qualifier=tuple(qualifier), members=members, reason=reason)


def _is_aggregate(node: Node) -> bool:
    """Named by a quantifier ("All hall lights", `alle_lichter`): the sum of its kind's other nodes."""
    return any(QUANTIFIERS.intersection(tokens(text)) for text in (node.id, node.name or ""))


def _names(word: str, forms: set[str], node_words: set[str]) -> bool:
    """`word` names one of the node's words: the same word, one of its `forms` (plural, stem), or
    one starting the other ("hallway"/"hall", "bath"/"bathroom", "Flurlicht"/"flur")."""
    if word in node_words or forms & node_words:
        return True
    return len(word) >= MIN_PART and any(
        len(w) >= MIN_PART and (w.startswith(word) or word.startswith(w)) for w in node_words
    )
