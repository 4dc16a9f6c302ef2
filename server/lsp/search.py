"""Fuzzy search over the environment's nodes, for completion and workspace symbols.

Built once per environment index (the language server keeps one per generation), so a keystroke
costs a lookup, not a pass over the environment's text. A node is found by its id, its name, its
aliases and its area; `kitch temp`, `kitchtemp` and `kitchen_t` all rank `kitchen_temperature` at
or near the top:

1. Word-prefix matching: every query word is the start of a key word, in order (`kitch temp`).
   The keys to try (those with a word starting with each query word) come from bisecting the
   sorted list of key words. A one-word query with many such keys (the first letters of a name)
   is scored over numpy arrays, all keys at once.
2. Only when no key matches so: abbreviations, the query without spaces split into starts of
   successive key words (`kitchtemp`, `lrlight`). One regular expression runs over the texts of
   the keys that have a word starting with the query's first letter, joined into one string, so
   the scan is in C; it is skipped when no key's words start like the query's first three
   characters (a set of those starts is built with the index).
3. Only when neither matches, typos (`kicthen`): rapidfuzz's partial_ratio over the keys with a
   word sharing the query's first letter, scaled below structural matches.

Scores are 0..100; ties go to the shorter id, then alphabetical order.

While the user types, each query extends the previous one. A query that matched no key in steps 1
and 2 is remembered: an extension of it cannot match in them either (a word-prefix match is an
abbreviation, and a prefix of an abbreviation is one), so it goes straight to step 3. Results are
kept in a small LRU keyed by the normalised query.
"""

from __future__ import annotations

import re
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from rapidfuzz import fuzz, process
from wfl.grammar.index import EnvIndex

_SPLIT = re.compile(r"[^0-9a-z]+")

# Weights of the kinds of key: an id match beats a name match beats an alias, area last.
_ID, _NAME, _ALIAS, _AREA = 1.0, 0.97, 0.94, 0.85

CATEGORIES = ("any", "properties", "actions", "events")

# Between two characters of an abbreviation: nothing (the next character continues the key word),
# or the rest of the key word, a space and any whole words (the next one starts a later word).
_GAP = "(?:[^ \\n]*+ (?:[^ \\n]++ )*)?"

_CACHE_SIZE = 512
_MISSES_SIZE = 256
# A one-word query with at least this many candidate keys (the first letters of a word: `b`,
# `li`) is scored with numpy arrays rather than key by key.
_VECTOR_MIN = 256


def _numpy():
    """numpy, imported by the first index (built in a worker thread), not at server start-up."""
    import numpy

    return numpy


def normalise(text: str) -> str:
    return " ".join(w for w in _SPLIT.split(text.lower()) if w)


class _Bucket:
    """The keys with a word starting with one letter: their indices, their texts (for rapidfuzz)
    and the texts joined into one string, each after a newline (for the abbreviation regex)."""

    __slots__ = ("keys", "joined", "starts", "texts")

    def __init__(self, keys: list[int], texts: list[str]) -> None:
        self.keys = keys
        self.texts = [texts[i] for i in keys]
        starts = array("q")  # where each key's line starts in `joined` (its newline)
        at = 0
        for text in self.texts:
            starts.append(at)
            at += len(text) + 1
        self.starts = starts
        self.joined = "".join("\n" + text for text in self.texts)


class _Keys:
    """Distinct normalised key texts (a node's id and name often normalise alike, and many nodes
    share an area) with the nodes that own each and the weight of the kind of key."""

    __slots__ = (
        "_at",
        "_building",
        "_buckets",
        "_sorted_words",
        "arrays",
        "heads",
        "by_initial",
        "by_word",
        "first",
        "owners",
        "solo",
        "solo_weight",
        "texts",
        "totals",
        "words",
    )

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.words: list[tuple[str, ...]] = []
        self.first: list[str] = []
        """The first word of each key."""
        self.totals: list[int] = []
        """The number of characters of each key's words (its text without spaces)."""
        # Filled in by `finish`: most keys have one owner, kept in two flat arrays (node, or -1
        # when the key has several owners, and weight); the others' `(node, weight)` pairs.
        self.solo = array("q")
        self.solo_weight = array("d")
        self.owners: dict[int, tuple[tuple[int, float], ...]] = {}
        self._building: list[dict[int, float]] = []
        self.by_initial: dict[str, list[int]] = {}
        self.by_word: dict[str, list[int]] = {}
        self._sorted_words: list[str] | None = None
        self._at: dict[str, int] = {}
        self._buckets: dict[str, _Bucket] = {}
        self.arrays: _Arrays | None = None
        self.heads: set[str] = set()
        """Includes every 2- and 3-character start of an abbreviation of a key (see `_heads`)."""

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
            self.first.append(words[0])
            self.totals.append(len(norm) - len(words) + 1)
            self._building.append({})
            for initial in {w[0] for w in words}:
                self.by_initial.setdefault(initial, []).append(i)
            for word in set(words):
                self.by_word.setdefault(word, []).append(i)
            self._sorted_words = None
        owners = self._building[i]
        if weight > owners.get(owner, 0.0):
            owners[owner] = weight

    def finish(self) -> None:
        """Once every key is added (no `add` after this): the owners, the sorted word list and the
        buckets, so that no request pays for building them."""
        for i, owners in enumerate(self._building):
            if len(owners) == 1:
                ((node, weight),) = owners.items()
                self.solo.append(node)
                self.solo_weight.append(weight)
            else:
                self.solo.append(-1)
                self.solo_weight.append(0.0)
                self.owners[i] = tuple(owners.items())
        self._sorted_words = sorted(self.by_word)
        self.arrays = _Arrays(self, self._building)
        self._building = []
        self._buckets = {
            initial: _Bucket(keys, self.texts) for initial, keys in self.by_initial.items()
        }

    def with_word_prefixes(self, q_words: tuple[str, ...]) -> set[int]:
        """Keys that have, for every query word, some word starting with it: a superset of the
        word-prefix matches, found by bisecting the sorted word list instead of scanning keys."""
        if self._sorted_words is None:
            self._sorted_words = sorted(self.by_word)
        words = self._sorted_words
        by_word = self.by_word
        result: set[int] | None = None
        for qw in sorted(set(q_words), key=len, reverse=True):  # longest word narrows most
            lo = bisect_left(words, qw)
            hi = bisect_left(words, qw + "\uffff", lo)
            if hi - lo == 1:
                found = set(by_word[words[lo]])
            else:
                found = set()
                for word in words[lo:hi]:
                    found.update(by_word[word])
            result = found if result is None else result & found
            if not result:
                return set()
        return result or set()

    def bucket(self, initial: str) -> _Bucket | None:
        return self._buckets.get(initial)

    def all_owners(self) -> set[int]:
        found = {n for n in self.solo if n >= 0}
        for owners in self.owners.values():
            found.update(n for n, _ in owners)
        return found

    def offer(self, best: dict[int, float], scored: Iterable[tuple[int, float]]) -> None:
        """Raise each owner's best weighted score to that of the scored keys `(key, score)`."""
        solo, solo_weight, owners = self.solo, self.solo_weight, self.owners
        get = best.get
        for i, score in scored:
            node = solo[i]
            if node >= 0:
                weighted = score * solo_weight[i]
                if weighted > get(node, 0.0):
                    best[node] = weighted
            else:
                for node, weight in owners[i]:
                    weighted = score * weight
                    if weighted > get(node, 0.0):
                        best[node] = weighted


class _Arrays:
    """The keys of a `_Keys` as numpy arrays, for scoring a one-word query over many keys at once:
    the keys of each word in sorted-word order (`word_keys[word_start[w]:word_start[w + 1]]`), the
    rank of each key's first word in that order, its length without spaces, and its owners
    (`own_node[own_start[k]:own_start[k + 1]]`, with their weights)."""

    __slots__ = (
        "first_rank",
        "own_node",
        "own_start",
        "own_weight",
        "totals",
        "word_keys",
        "word_start",
    )

    def __init__(self, keys: _Keys, owners: list[dict[int, float]]) -> None:
        np = _numpy()
        words = keys._sorted_words or []
        word_rank = {w: r for r, w in enumerate(words)}
        lengths = [len(keys.by_word[w]) for w in words]
        self.word_start = np.concatenate(([0], np.cumsum(lengths, dtype=np.int64)))
        self.word_keys = np.fromiter(
            (i for w in words for i in keys.by_word[w]), dtype=np.int64, count=sum(lengths)
        )
        self.first_rank = np.fromiter(
            (word_rank[f] for f in keys.first), dtype=np.int64, count=len(keys.first)
        )
        self.totals = np.array(keys.totals, dtype=np.float64)
        self.own_start = np.concatenate(
            ([0], np.cumsum([len(o) for o in owners], dtype=np.int64))
        )
        self.own_node = np.fromiter((n for o in owners for n in o), dtype=np.int64)
        self.own_weight = np.fromiter((w for o in owners for w in o.values()), dtype=np.float64)


class NodeSearch:
    """Ranked node lookup for one `EnvIndex`."""

    def __init__(self, index: EnvIndex) -> None:
        self.index = index
        self.ids: list[str] = list(index.nodes)
        self._keys: dict[str, _Keys] = {c: _Keys() for c in CATEGORIES}
        self._sorted: dict[str, list[int]] = {}
        nodes = list(index.nodes.values())
        # A category every node belongs to (typically properties) has the same keys as "any":
        # it shares them instead of indexing the same texts again.
        everyone = {
            "properties": all(node.properties for node in nodes),
            "actions": all(node.actions for node in nodes),
            "events": all(node.events for node in nodes),
        }
        for cat, shared in everyone.items():
            if shared:
                self._keys[cat] = self._keys["any"]
        for n, node in enumerate(nodes):
            cats = ["any"]
            if node.properties and not everyone["properties"]:
                cats.append("properties")
            if node.actions and not everyone["actions"]:
                cats.append("actions")
            if node.events and not everyone["events"]:
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
        # Every node's place in the tie-break order: shorter id first, then alphabetical.
        ids = self.ids
        ordered = sorted(range(len(ids)), key=lambda n: (len(ids[n]), ids[n]))
        self._rank: list[int] = [0] * len(ids)
        for rank, n in enumerate(ordered):
            self._rank[n] = rank
        np = _numpy()
        self._rank_array = np.array(self._rank, dtype=np.int64)
        # The starts of abbreviations of the keys of any node, which includes those of each
        # category's keys: computed once, shared.
        heads: set[str] = set()
        for words in self._keys["any"].words:
            _heads(words, heads)
        for cat in CATEGORIES:
            keys = self._keys[cat]
            if keys is not self._keys["any"] or cat == "any":
                keys.heads = heads
                keys.finish()
                owners = keys.all_owners()
                self._sorted[cat] = [n for n in ordered if n in owners]
            else:
                self._sorted[cat] = self._sorted["any"]
        self._cache: dict[tuple[str, str, int], list[tuple[str, float]]] = {}
        # Per category: normalised queries that matched no key by word prefixes or abbreviation.
        self._misses: dict[str, dict[str, None]] = {c: {} for c in CATEGORIES}
        self._lock = threading.Lock()

    def search(self, query: str, category: str = "any", limit: int = 50) -> list[tuple[str, float]]:
        """`(node id, score)` pairs, best first; an empty query lists nodes shortest id first."""
        if category not in self._keys:
            category = "any"
        q = normalise(query)
        key = (q, category, limit)
        cache = self._cache
        with self._lock:
            cached = cache.pop(key, None)
            if cached is not None:
                cache[key] = cached  # most recently used last
                return list(cached)
        result = self._search(q, category, limit)
        with self._lock:
            cache[key] = result
            while len(cache) > _CACHE_SIZE:
                del cache[next(iter(cache))]
        return list(result)

    def _search(self, q: str, category: str, limit: int) -> list[tuple[str, float]]:
        keys = self._keys[category]
        if not q:
            return [(self.ids[n], 0.0) for n in self._sorted[category][:limit]]
        best: dict[int, float] = {}
        if not self._known_miss(q, category):
            if " " not in q:
                found = self._one_word(q, keys, limit)
                if found is not None:
                    return found
            self._structural(q, keys, best)
            if not best:
                self._remember_miss(q, category)
        if not best:
            # Typos rarely hit the first letter: score only the keys with a word starting like the
            # query (a 26th of them) with the cheap partial_ratio, so a miss costs about a hit.
            bucket = keys.bucket(q[0])
            if bucket is not None:
                subset = bucket.keys
                hits = process.extract(
                    q,
                    bucket.texts,
                    scorer=fuzz.partial_ratio,
                    limit=limit * 2,
                    score_cutoff=60,
                    processor=None,
                )
                keys.offer(best, [(subset[j], score * 0.7) for _, score, j in hits])
        return self._ranked(best, limit)

    def _structural(self, q: str, keys: _Keys, best: dict[int, float]) -> None:
        """Word-prefix matches, else abbreviations, offered to `best` (steps 1 and 2)."""
        q_words = tuple(q.split(" "))
        compact = q.replace(" ", "") if len(q_words) > 1 else q
        length = len(compact)
        totals, texts = keys.totals, keys.texts
        candidates = keys.with_word_prefixes(q_words)
        if len(q_words) == 1:
            # Every candidate has a word starting with the query: it matches from the first key
            # word that does, which is its first word or not.
            first = keys.first
            keys.offer(
                best,
                [
                    (
                        i,
                        100.0
                        if texts[i] == q
                        else 80.0
                        + 14.0 * (length / totals[i])
                        + (4.0 if first[i].startswith(q) else 0.0),
                    )
                    for i in candidates
                ],
            )
        else:
            # The query's words start key words in order; failing that, the query without spaces
            # may still split into starts of successive key words (an abbreviation).
            words = keys.words
            scored: list[tuple[int, float]] = []
            for i in candidates:
                if texts[i] == q:
                    scored.append((i, 100.0))
                    continue
                first = _first_word_prefix(q_words, words[i])
                if first < 0:
                    first = _abbrev(compact, words[i])
                    if first is None:
                        continue
                scored.append(
                    (i, 80.0 + 14.0 * (length / totals[i]) + (4.0 if first == 0 else 0.0))
                )
            keys.offer(best, scored)
        if best or length < 2 or compact[:3] not in keys.heads:
            return  # matched, too short to abbreviate, or no key's words start like that
        # `kitchtemp`, `lrlight`: no key has the query's words as word starts, in order. The
        # leftmost match in a key's line starts at its first abbreviating word.
        bucket = keys.bucket(q[0])
        if bucket is None:
            return
        pattern = _abbreviation_pattern(compact)
        starts, subset, joined = bucket.starts, bucket.keys, bucket.joined
        matches: list[tuple[int, float]] = []
        last = -1
        for m in pattern.finditer(joined):
            at = m.start()
            line = bisect_right(starts, at) - 1
            if line == last:
                continue
            last = line
            i = subset[line]
            matches.append(
                (i, 80.0 + 14.0 * (length / totals[i]) + (4.0 if joined[at] == "\n" else 0.0))
            )
        keys.offer(best, matches)

    def _one_word(self, q: str, keys: _Keys, limit: int) -> list[tuple[str, float]] | None:
        """Step 1 for a one-word query with many candidates, in numpy (the same arithmetic as
        `_structural`, so the same scores and order); None when there are few candidates."""
        arrays = keys.arrays
        words = keys._sorted_words
        if arrays is None or words is None:
            return None
        np = _numpy()
        lo = bisect_left(words, q)
        hi = bisect_left(words, q + "\uffff", lo)
        start, end = int(arrays.word_start[lo]), int(arrays.word_start[hi])
        if end - start < max(_VECTOR_MIN, 1):
            return None  # few candidates, or none: the query is for the other steps
        candidates = arrays.word_keys[start:end]  # a key with two such words twice: max() copes
        # Every candidate matches from its first word starting with the query: +4 when that is
        # its first word (whose rank in the sorted words is then in lo..hi).
        first = arrays.first_rank[candidates]
        bonus = ((first >= lo) & (first < hi)) * 4.0
        scores = 80.0 + 14.0 * (len(q) / arrays.totals[candidates]) + bonus
        exact = keys._at.get(q)
        if exact is not None:
            scores[candidates == exact] = 100.0
        # Each key's score to each of its owners, weighted; each node keeps its best.
        own_start = arrays.own_start[candidates]
        counts = arrays.own_start[candidates + 1] - own_start
        if int(counts.sum()) == len(candidates):  # one owner each
            slots = own_start
        else:
            ends = np.cumsum(counts)
            slots = np.arange(int(ends[-1])) - np.repeat(ends - counts - own_start, counts)
            scores = np.repeat(scores, counts)
        weighted = scores * arrays.own_weight[slots]
        best = np.zeros(len(self.ids))
        np.maximum.at(best, arrays.own_node[slots], weighted)
        nodes = np.flatnonzero(best)
        values = best[nodes]
        if len(nodes) > limit > 0:
            cut = np.partition(values, len(values) - limit)[len(values) - limit]
            keep = values >= cut
            nodes, values = nodes[keep], values[keep]
        order = np.lexsort((self._rank_array[nodes], -values))[: max(limit, 0)]
        ids = self.ids
        return [
            (ids[n], round(v, 2)) for n, v in zip(nodes[order].tolist(), values[order].tolist())
        ]

    def _known_miss(self, q: str, category: str) -> bool:
        misses = self._misses[category]
        if not misses:
            return False
        return any(q[:k] in misses for k in range(1, len(q)))

    def _remember_miss(self, q: str, category: str) -> None:
        with self._lock:
            misses = self._misses[category]
            misses[q] = None
            while len(misses) > _MISSES_SIZE:
                del misses[next(iter(misses))]

    def _ranked(self, best: dict[int, float], limit: int) -> list[tuple[str, float]]:
        """The `limit` best nodes: higher score, then shorter id, then alphabetical order."""
        if limit <= 0:
            return []
        rank = self._rank
        if len(best) > limit:
            # Only nodes scoring at least the limit-th best score can be in the answer.
            cut = sorted(best.values(), reverse=True)[limit - 1]
            items = [(-score, rank[n], n) for n, score in best.items() if score >= cut]
        else:
            items = [(-score, rank[n], n) for n, score in best.items()]
        items.sort()
        ids = self.ids
        return [(ids[n], round(-neg, 2)) for neg, _, n in items[:limit]]


def _heads(words: tuple[str, ...], out: set[str]) -> None:
    """Add to `out` the 2- and 3-character strings that start an abbreviation of a key with these
    words (`_abbrev`): the first characters of one word, or of two or three words in order. A
    query whose first three characters are not among them is no abbreviation of the key."""
    n = len(words)
    for i, wi in enumerate(words):
        out.add(wi[:2])
        out.add(wi[:3])
        for j in range(i + 1, n):
            wj = words[j]
            out.add(wi[0] + wj[0])
            out.add(wi[:2] + wj[0])
            out.add(wi[0] + wj[:2])
            for k in range(j + 1, n):
                out.add(wi[0] + wj[0] + words[k][0])


def _abbreviation_pattern(compact: str) -> re.Pattern[str]:
    """Matches, in `_Bucket.joined`, a key whose words' starts spell `compact` (see `_abbrev`),
    from the separator before its first word used."""
    return re.compile("[ \\n]" + _GAP.join(re.escape(c) for c in compact))


def _first_word_prefix(q_words: tuple[str, ...], words: tuple[str, ...]) -> int:
    """Each query word starts a key word, in order: the index of the first key word used, else
    -1."""
    j = 0
    n = len(words)
    first = -1
    for qw in q_words:
        while j < n and not words[j].startswith(qw):
            j += 1
        if j == n:
            return -1
        if first < 0:
            first = j
        j += 1
    return first


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
