"""Stage 2: mentions resolve to candidate nodes, ranked, with their properties and actions."""

from __future__ import annotations

from wfl.inference.retrieval import Mentioned, RetrievalIndex, retrieve


def test_device_mentions_find_their_nodes(example_index):
    search = RetrievalIndex(example_index)
    found = retrieve(
        "turn on the kitchen light when motion is detected",
        [Mentioned("action", "turn on"), Mentioned("node", "kitchen light"), Mentioned("property", "motion")],
        search,
    )
    assert found[0].node == "kitchen_light"
    assert found[0].actions[0] == "turn_on"


def test_without_device_mentions_the_whole_request_is_matched(example_index):
    found = retrieve("bathroom fan", [], RetrievalIndex(example_index))
    assert "bathroom_fan" in [c.node for c in found]
