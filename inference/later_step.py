"""The second step of "turn on the light at 70% and dim it to 30% after 20 minutes".

The plan writes one call per node; a later command that waits and then acts again on what the
first command acted on, named by a pronoun (`clauses.later_step`: "dim it to 30%", "open them
fully"), is written here without a model: the wait, then each node the workflow calls, with the
action the later command's verbs ask for most, set to the values that command states. Nothing is
written when the workflow already waits, calls no node, or a node has no such action.
"""

from __future__ import annotations

from wfl.grammar.index import EnvIndex
from wfl.grammar.parser import parse
from wfl.schemas.workflow import Call

from .constrain import CALL_INDENT, RequestValues, call_for, request_values
from .verbs import verb_scores


def then_later(text: str, values: RequestValues, index: EnvIndex) -> str:
    """`text` with the later step (`RequestValues.later_step`) appended to its `do` block, or `text`
    as it was."""
    later = values.later_step
    if not later or not values.waits_between or not values.waits_between[-1]:
        return text
    parsed = parse(text).file
    if len(parsed.workflows) != 1:
        return text
    actions = parsed.workflows[0].actions
    if not actions or any(not isinstance(a, Call) for a in actions):  # a block that already waits is left as it is
        return text
    later_values = request_values(later)
    calls = []
    for node_id in dict.fromkeys(a.node for a in actions if isinstance(a, Call)):
        node = index.nodes.get(node_id)
        if node is None or not node.actions:
            return text
        scores = verb_scores(later, node.actions, node_name=node.name or "", node_kind=node.kind or "")
        best = max(scores, key=lambda name: (scores[name], -list(node.actions).index(name)), default=None)
        call = call_for(node_id, best, index, later_values) if best is not None and scores[best] > 0 else None
        if call is None:
            return text
        calls.append(call)
    closing = text.rstrip("\n")
    if not closing.endswith("}"):
        return text
    added = CALL_INDENT.join(["", f"wait {values.waits_between[-1]}", *calls])
    return closing[:-1].rstrip("\n") + added + "\n}" + text[len(closing) :]
