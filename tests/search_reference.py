"""The node search as it was before the fast paths and the miss memo of `wfl.lsp.search`: a plain
Python scan, kept as the oracle that tests compare the real search with (same results, same
scores, same order). Not collected by pytest; not used by the server.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from rapidfuzz import fuzz, process
from wfl.grammar.index import EnvIndex

_SPLIT = re.compile(r"[^0-9a-z]+")

# Weights of the kinds of key: an id match beats a name match beats an alias, area last.
_ID, _NAME, _ALIAS, _AREA = 1.0, 0.97, 0.94, 0.85

CATEGORIES = ("any", "properties", "actions", "events")


def normalise(text: str) -> str:
    return " ".join(w for w in _SPLIT.split(text.lower()) if w)


class _Keys:
    """Distinct normalised key texts (a node's id and name often normalise alike, and many nodes
    share an area) with the nodes that own each and the weight of the kind of key."""

    __slots__ = ("_at", "_sorted_words", "by_initial", "by_word", "owners", "texts", "words")

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.words: list[tuple[str, ...]] = []
        self.owners: list[dict[int, float]] = []
        self.by_initial: dict[str, list[int]] = {}
        self.by_word: dict[str, list[int]] = {}
        self._sorted_words: list[str] | None = None
        self._at: dict[str, int] = {}

    def add(self, text: str, owner: int, weight: float) -> None:
        norm = normalise(text)
        if not norm:
            return
        i = self._at.get(norm)
        if i is None:
            i = self._at[norm] = len(self.texts)
            words = tuple(norm.split(" "))
            self.texts.append(norm)
            self.words.append(words)
            self.owners.append({})
            for initial in {w[0] for w in words}:
                self.by_initial.setdefault(initial, []).append(i)
            for word in set(words):
                self.by_word.setdefault(word, []).append(i)
            self._sorted_words = None
        owners = self.owners[i]
        if weight > owners.get(owner, 0.0):
            owners[owner] = weight

    def with_word_prefixes(self, q_words: tuple[str, ...]) -> set[int]:
        """Keys that have, for every query word, some word starting with it: a superset of the
        word-prefix matches, found by bisecting the sorted word list instead of scanning keys."""
        if self._sorted_words is None:
            self._sorted_words = sorted(self.by_word)
        words = self._sorted_words
        result: set[int] | None = None
        for qw in sorted(set(q_words), key=len, reverse=True):  # longest word narrows most
            lo = bisect_left(words, qw)
            hi = bisect_left(words, qw + "\uffff", lo)
            found: set[int] = set()
            for word in words[lo:hi]:
                found.update(self.by_word[word])
            result = found if result is None else result & found
            if not result:
                return set()
        return result or set()

    def all_owners(self) -> set[int]:
        return {n for owners in self.owners for n in owners}



class NodeSearch:
    """Ranked node lookup for one `EnvIndex`."""

    def __init__(self, index: EnvIndex) -> None:
        self.index = index
        self.ids: list[str] = list(index.nodes)
        self._keys: dict[str, _Keys] = {c: _Keys() for c in CATEGORIES}
        self._sorted: dict[str, list[int]] = {}
        for n, node in enumerate(index.nodes.values()):
            cats = ["any"]
            if node.properties:
                cats.append("properties")
            if node.actions:
                cats.append("actions")
            if node.events:
                cats.append("events")
            for cat in cats:
                keys = self._keys[cat]
                keys.add(node.id, n, _ID)
                if node.name:
                    keys.add(node.name, n, _NAME)
                for alias in node.aliases:
                    keys.add(alias, n, _ALIAS)
                if node.area:
                    keys.add(node.area, n, _AREA)
        for cat in CATEGORIES:
            owners = sorted(
                self._keys[cat].all_owners(), key=lambda n: (len(self.ids[n]), self.ids[n])
            )
            self._sorted[cat] = owners

    def search(self, query: str, category: str = "any", limit: int = 50) -> list[tuple[str, float]]:
        """`(node id, score)` pairs, best first; an empty query lists nodes shortest id first."""
        if category not in self._keys:
            category = "any"
        return self._search(normalise(query), category, limit)

    def _search(self, q: str, category: str, limit: int) -> list[tuple[str, float]]:
        keys = self._keys[category]
        if not q:
            return [(self.ids[n], 0.0) for n in self._sorted[category][:limit]]
        q_words = tuple(q.split(" "))
        compact = q.replace(" ", "")
        best: dict[int, float] = {}

        def offer(i: int, score: float) -> None:
            for owner, weight in keys.owners[i].items():
                weighted = score * weight
                if weighted > best.get(owner, 0.0):
                    best[owner] = weighted

        for i in keys.with_word_prefixes(q_words):
            score = _structural(q_words, compact, keys.words[i], keys.texts[i])
            if score:
                offer(i, score)
        if not best and len(compact) > 1:
            # `kitchtemp`, `lrlight`: abbreviations need the scan over keys with that initial.
            for i in keys.by_initial.get(q[0], ()):
                score = _structural(q_words, compact, keys.words[i], keys.texts[i])
                if score:
                    offer(i, score)
        # The typo fallback scans every key (~15 ms on 10,000 nodes): only when no key matches
        # structurally, which is when the user has mistyped.
        if not best and keys.texts:
            # Typos rarely hit the first letter: score only the keys with a word starting like the
            # query (a 26th of them) with the cheap partial_ratio, so a miss costs about a hit.
            subset = keys.by_initial.get(q[0], [])
            texts = [keys.texts[i] for i in subset]
            for _, score, j in process.extract(
                q, texts, scorer=fuzz.partial_ratio, limit=limit * 2, score_cutoff=60, processor=None
            ):
                offer(subset[j], score * 0.7)
        ranked = sorted(
            best.items(), key=lambda item: (-item[1], len(self.ids[item[0]]), self.ids[item[0]])
        )
        return [(self.ids[n], round(score, 2)) for n, score in ranked[:limit]]


def _structural(q_words: tuple[str, ...], compact: str, words: tuple[str, ...], text: str) -> float:
    """A score for word-prefix matches of the query against one key, 0 if none."""
    if text == " ".join(q_words):
        return 100.0
    matched = _word_prefixes(q_words, words)
    if matched is None and len(compact) > 1:
        matched = _abbreviation(compact, words)
    if matched is None:
        return 0.0
    chars, first = matched
    total = sum(len(w) for w in words)
    coverage = chars / total if total else 0.0
    # 80..98: structural matches outrank fuzzy ones; covering more of the key and starting at its
    # first word rank higher.
    return 80.0 + 14.0 * coverage + (4.0 if first == 0 else 0.0)


def _word_prefixes(q_words: tuple[str, ...], words: tuple[str, ...]) -> tuple[int, int] | None:
    """Each query word starts a key word, in order: `(matched chars, index of first key word)`."""
    j = 0
    first = -1
    chars = 0
    for qw in q_words:
        while j < len(words) and not words[j].startswith(qw):
            j += 1
        if j == len(words):
            return None
        if first < 0:
            first = j
        chars += len(qw)
        j += 1
    return chars, first


def _abbreviation(compact: str, words: tuple[str, ...]) -> tuple[int, int] | None:
    """`compact` is made of starts of successive (not necessarily adjacent) key words."""
    result = _abbrev(compact, words)
    if result is None:
        return None
    return len(compact), result


def _abbrev(compact: str, words: tuple[str, ...]) -> int | None:
    """Index of the first key word used when `compact` splits into key-word prefixes, else None."""
    for start in range(len(words)):
        if words[start][0] == compact[0] and _split_from(compact, words, start, False):
            return start
    return None


def _split_from(rest: str, words: tuple[str, ...], j: int, may_skip: bool) -> bool:
    if not rest:
        return True
    if j >= len(words):
        return False
    word = words[j]
    # Take the longest common prefix first, then shorter ones (backtracking), then skip the word.
    n = 0
    limit = min(len(word), len(rest))
    while n < limit and word[n] == rest[n]:
        n += 1
    for take in range(n, 0, -1):
        if _split_from(rest[take:], words, j + 1, True):
            return True
    return may_skip and _split_from(rest, words, j + 1, True)
