"""The node search's fast paths (numpy scoring of one-word queries, the abbreviation regex), LRU
and miss memo give exactly the results of the plain scan (`search_reference.py`, the
implementation they replaced): same nodes, scores and order, for fresh queries and for queries
typed one key at a time (where the memo of queries that matched no key structurally lets an
extension skip straight to the typo step). The small generated environments rarely reach the
numpy path's threshold, so the property tests also run with it at 0 (every one-word query)."""

from __future__ import annotations

import random
from contextlib import contextmanager

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from wfl.grammar.index import EnvIndex
from wfl.lsp import search as search_mod
from wfl.lsp.search import (
    CATEGORIES,
    NodeSearch,
    _abbrev,
    _abbreviation_pattern,
    _heads,
    normalise,
)
from wfl.schemas.environment import Action, Environment, Event, Node, NumberType

from .search_reference import NodeSearch as ReferenceSearch

# A small vocabulary with shared prefixes and initials, so that word-prefix matches,
# abbreviations, typos and ties all happen.
_WORDS = [
    "kitchen", "kit", "living", "light", "lamp", "room", "bed", "bedroom", "bath", "bathroom",
    "temp", "temperature", "sensor", "switch", "cover", "garage", "garden", "door", "2", "10",
]
_AREAS = ["kitchen", "living_room", "bedroom", "garage", None]


@contextmanager
def _vector_min(value: int | None):
    """`search._VECTOR_MIN` set to `value` (None: left as it is) for the block."""
    saved = search_mod._VECTOR_MIN
    if value is not None:
        search_mod._VECTOR_MIN = value
    try:
        yield
    finally:
        search_mod._VECTOR_MIN = saved


def _word() -> st.SearchStrategy[str]:
    return st.sampled_from(_WORDS)


@st.composite
def environments(draw) -> EnvIndex:
    count = draw(st.integers(1, 40))
    nodes: list[Node] = []
    seen: set[str] = set()
    for n in range(count):
        words = draw(st.lists(_word(), min_size=1, max_size=4))
        node_id = "_".join(words)
        if node_id in seen or node_id[0].isdigit():
            node_id = f"n{n}_{node_id}"
        seen.add(node_id)
        name = draw(st.none() | st.lists(_word(), min_size=1, max_size=3).map(" ".join))
        alias = st.lists(_word(), min_size=1, max_size=2).map(" ".join)
        aliases = draw(st.lists(alias, max_size=2))
        nodes.append(
            Node(
                id=node_id,
                name=name,
                area=draw(st.sampled_from(_AREAS)),
                aliases=aliases,
                properties={"level": NumberType()} if draw(st.booleans()) else {},
                actions={"toggle": Action()} if draw(st.booleans()) else {},
                events={"pressed": Event()} if draw(st.booleans()) else {},
            )
        )
    return EnvIndex(Environment(nodes=nodes))


def _typo(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(0, 2)):
        at = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.3:
            chars.insert(at, rng.choice("abcdeghiklmnorst_ 2"))
        elif op < 0.6 and len(chars) > 1:
            del chars[at]
        elif at + 1 < len(chars):
            chars[at], chars[at + 1] = chars[at + 1], chars[at]
    return "".join(chars)


@st.composite
def typed_queries(draw) -> str:
    """What a user might have typed in full: ids, names, abbreviations, several words, typos."""
    words = draw(st.lists(_word(), min_size=1, max_size=3))
    style = draw(st.sampled_from(["id", "words", "abbrev", "raw"]))
    if style == "id":
        text = "_".join(words)
    elif style == "words":
        text = " ".join(w[: draw(st.integers(1, len(w)))] for w in words)
    elif style == "abbrev":
        text = "".join(w[: draw(st.integers(1, len(w)))] for w in words)
    else:
        text = draw(st.text(alphabet="abcdeiklmnorstg_ 2", min_size=1, max_size=10))
    return _typo(random.Random(draw(st.integers(0, 2**16))), text) or "k"


@pytest.mark.parametrize("vector_min", [None, 0])
@settings(max_examples=80)
@given(environments(), st.lists(typed_queries(), min_size=1, max_size=4), st.data())
def test_typing_matches_the_plain_scan(vector_min, index, texts, data):
    """Keystroke by keystroke (so the LRU and the miss memo are used), in every category, the
    search answers what a fresh plain scan answers."""
    with _vector_min(vector_min):
        fast = NodeSearch(index)
        reference = ReferenceSearch(index)
        for text in texts:
            category = data.draw(st.sampled_from((*CATEGORIES, "nonsense")))
            limit = data.draw(st.sampled_from([0, 1, 3, 50, 51]))
            for end in range(len(text) + 1):
                query = text[:end]
                assert fast.search(query, category, limit) == reference.search(
                    query, category, limit
                ), (query, category, limit)


@pytest.mark.parametrize("vector_min", [None, 0])
@settings(max_examples=60)
@given(environments(), st.lists(typed_queries(), min_size=1, max_size=6))
def test_warm_search_matches_a_fresh_one(vector_min, index, texts):
    """Whatever was asked before (cached, remembered as a miss), the answer is a fresh one's."""
    with _vector_min(vector_min):
        warm = NodeSearch(index)
        for text in texts:
            for end in range(1, len(text) + 1):
                warm.search(text[:end], "any")
        for text in texts:
            for end in range(1, len(text) + 1):
                query = text[:end]
                assert warm.search(query, "any") == NodeSearch(index).search(query, "any")


@given(
    st.lists(st.text(alphabet="abkl0", min_size=1, max_size=5), min_size=1, max_size=5),
    st.text(alphabet="abkl0", min_size=1, max_size=7),
)
def test_abbreviation_regex_is_the_recursive_split(words, compact):
    """The regex over a key's line finds, leftmost, the first word `_abbrev` starts from."""
    line = "\n" + " ".join(words)
    match = _abbreviation_pattern(compact).search(line)
    expected = _abbrev(compact, tuple(words))
    if expected is None:
        assert match is None
    else:
        assert match is not None
        assert line[: match.start() + 1].count(" ") == expected


@example(["ab", "c", "d"], "acd")  # one character from each of three words
@example(["ab", "cd"], "acd")
@example(["abc", "d"], "abd")
@example(["k"], "kk")
@given(
    st.lists(st.text(alphabet="ab0", min_size=1, max_size=3), min_size=1, max_size=6),
    st.text(alphabet="ab0", min_size=2, max_size=6),
)
def test_abbreviation_heads_are_a_necessary_condition(words, compact):
    """Step 2 is skipped when the query's first three characters are not in `heads`: that must
    never skip a key the query abbreviates."""
    heads: set[str] = set()
    _heads(tuple(words), heads)
    if _abbrev(compact, tuple(words)) is not None:
        assert compact[:3] in heads


def test_miss_memo_skips_to_typos_and_stays_exact(example_index):
    fast = NodeSearch(example_index)
    reference = ReferenceSearch(example_index)
    assert fast.search("kict") == reference.search("kict")  # a typo: nothing matches structurally
    assert "kict" in fast._misses["any"]
    calls = []
    original = fast._structural

    def spy(*args):
        calls.append(args)
        return original(*args)

    fast._structural = spy  # type: ignore[method-assign]
    for query in ("kicth", "kicthe", "kicthen"):
        result = fast.search(query)
        assert result == reference.search(query)
        assert result and result[0][0].startswith("kitchen")
    assert calls == []  # answered by the typo step alone
    # A query that is not an extension of a miss is searched in full.
    assert fast.search("kitch") == reference.search("kitch")
    assert len(calls) == 1


def test_results_are_copies(example_index):
    """Completion appends to the list it gets: that must not change the cached answer."""
    fast = NodeSearch(example_index)
    first = fast.search("kitch", "actions")
    expected = list(first)
    first.append(("garbage", 0.0))
    assert fast.search("kitch", "actions") == expected


def test_caches_are_bounded(example_index, monkeypatch):
    monkeypatch.setattr(search_mod, "_CACHE_SIZE", 8)
    monkeypatch.setattr(search_mod, "_MISSES_SIZE", 4)
    fast = NodeSearch(example_index)
    for i in range(40):
        fast.search(f"zq{i}")  # all misses
        fast.search(f"k{i}")
    assert len(fast._cache) <= 8
    assert len(fast._misses["any"]) <= 4
    # Most recently used entries stay.
    fast.search("kitchen")
    for i in range(7):
        fast.search(f"kitch{i}")
    assert (normalise("kitchen"), "any", 50) in fast._cache


@pytest.mark.parametrize("vector_min", [None, 0])
@pytest.mark.parametrize(
    "query", ["kitch temp", "kitchtemp", "kitchen_t", "lrlight", "kicthen", "garage", "x", "k", ""]
)
def test_example_environment_matches_the_plain_scan(example_index, query, vector_min):
    with _vector_min(vector_min):
        fast = NodeSearch(example_index)
        reference = ReferenceSearch(example_index)
        for category in CATEGORIES:
            for limit in (3, 50):
                expected = reference.search(query, category, limit)
                assert fast.search(query, category, limit) == expected


def test_large_environment_matches_the_plain_scan():
    """A synthetic home of 2,000 nodes (areas shared by hundreds of nodes, so keys with many
    owners), where one-letter queries take the numpy path at its real threshold."""
    from wfl.schemas.environment import BooleanType

    areas = ["kitchen", "living_room", "bedroom", "bathroom", "hallway", "garage"]
    kinds = ["sensor", "light", "switch", "climate", "cover", "motion"]
    nodes = [
        Node(
            id=f"{areas[i % 6]}_{kinds[i % 5]}_{i}",
            name=f"{areas[i % 6].replace('_', ' ').title()} {kinds[i % 5]} {i}",
            area=areas[i % 6],
            aliases=["lamp"] if i % 97 == 0 else [],
            properties={"on": BooleanType()},
            actions={"toggle": Action()} if i % 2 else {},
        )
        for i in range(2000)
    ]
    index = EnvIndex(Environment(nodes=nodes))
    fast = NodeSearch(index)
    reference = ReferenceSearch(index)
    rng = random.Random(7)
    queries = ["k", "l", "b", "li", "kitchen", "kitchen_s", "lr", "lrl", "kicthen", "bedroom_1"]
    queries += [_typo(rng, rng.choice(nodes).id[: rng.randint(1, 12)]) for _ in range(150)]
    for query in queries:
        for category in ("any", "actions"):
            for limit in (1, 51):
                expected = reference.search(query, category, limit)
                assert fast.search(query, category, limit) == expected, (query, category)
