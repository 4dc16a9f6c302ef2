"""The environment, indexed once so that every check, completion and hover is a dictionary lookup.

Building the index is the only cost proportional to the environment's size; the language server
builds it when the environment file changes, never per request.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils

from wfl.schemas.environment import Action, Environment, Event, Node, ValueType

from .builtins import BUILTIN_NODES


class EnvIndex:
    __slots__ = ("environment", "nodes", "node_ids", "builtins", "_search_keys", "_search_owner", "_similar")

    _SIMILAR_MAX = 4096

    def __init__(self, environment: Environment) -> None:
        self.environment = environment
        nodes: dict[str, Node] = {}
        for node in environment.nodes:
            nodes.setdefault(node.id, node)  # the loader reports duplicates; the first one wins
        self.nodes = nodes
        """The environment's own nodes: what retrieval and search rank."""
        self.node_ids = list(nodes)
        self.builtins: dict[str, Node] = {node.id: node for node in BUILTIN_NODES if node.id not in nodes}
        """The built-in nodes (`clock`) the environment does not replace: known to every lookup,
        never ranked as a device of the home."""
        self._search_keys: list[str] | None = None
        self._search_owner: list[str] = []
        self._similar: dict[tuple[str, int], list[str]] = {}

    def node(self, node_id: str) -> Node | None:
        return self.nodes.get(node_id) or self.builtins.get(node_id)

    def is_builtin(self, node_id: str) -> bool:
        return node_id in self.builtins

    def property(self, node_id: str, name: str) -> ValueType | None:
        node = self.node(node_id)
        return node.properties.get(name) if node else None

    def action(self, node_id: str, name: str) -> Action | None:
        node = self.node(node_id)
        return node.actions.get(name) if node else None

    def event(self, node_id: str, name: str) -> Event | None:
        node = self.node(node_id)
        return node.events.get(name) if node else None

    def similar_nodes(self, name: str, limit: int = 3) -> list[str]:
        """Node ids that look like `name`: matched on ids, names and aliases, best first.

        Remembered per name: the search scores every key (about 25 ms with 10,000 nodes), and the
        language server re-checks a document with the same unknown ids after every edit."""
        key = (name, limit)
        found = self._similar.get(key)
        if found is None:
            found = self._search_similar(name, limit)
            if len(self._similar) >= self._SIMILAR_MAX:
                self._similar.clear()
            self._similar[key] = found
        return list(found)

    def _search_similar(self, name: str, limit: int) -> list[str]:
        if self._search_keys is None:
            keys, owner = [], []
            for node in [*self.nodes.values(), *self.builtins.values()]:
                for key in (node.id, node.name, *node.aliases):
                    if key:
                        keys.append(key)
                        owner.append(node.id)
            self._search_keys, self._search_owner = keys, owner
        found: list[str] = []
        for _, score, i in process.extract(
            name, self._search_keys, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit * 4
        ):
            node_id = self._search_owner[i]
            if score >= 60 and node_id not in found:
                found.append(node_id)
            if len(found) == limit:
                break
        return found


def similar(name: str, choices: list[str] | dict, limit: int = 3, cutoff: float = 50) -> list[str]:
    """Choices that look like `name`, best first: the "did you mean" list of a diagnostic."""
    if not choices:
        return []
    options = list(choices)
    return [
        choice
        for choice, _, _ in process.extract(
            name, options, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit, score_cutoff=cutoff
        )
    ]
