"""The deterministic answer when no plan could be built (no shortlisted node can act).

With a plan, the fallback is the plan's most likely path by retrieval's priors alone
(`Plan.most_likely`). Without one, this writes a trigger from the time the request names (or the
node best matching what it waits for) and the first action of the best node that has one. Either is
marked as a fallback, immediate, and names only real nodes.
"""

from __future__ import annotations

from wfl.grammar.index import EnvIndex
from wfl.schemas.environment import BooleanType, EnumType

from .constrain import RequestValues, Shortlist, comparisons

def fallback_body(values: RequestValues, shortlist: Shortlist, index: EnvIndex) -> str:
    """Workflow clauses (what follows `workflow NAME {\\n`, closing brace included)."""
    trigger = _trigger(values, shortlist, index)
    calls = []
    for item in shortlist.nodes:
        action = index.action(item.node, item.actions[0]) if item.actions else None
        if action is not None and not any(not p.optional for p in action.params.values()):
            calls.append(f"{item.node}.{item.actions[0]}()")
            break
    lines = [f"  {trigger}"]
    if calls:
        lines.append("  do " + "\n     ".join(calls))
    return "\n".join(lines) + "\n}"


def _trigger(values: RequestValues, shortlist: Shortlist, index: EnvIndex) -> str:
    if values.clocks:
        return f"at {values.clocks[0]}"
    # Best watched first; nodes that can act after them (the one acted on makes a poor trigger).
    ordered = sorted(shortlist.nodes, key=lambda item: (bool(item.actions), -item.watch_score))
    for item in ordered:
        for name in item.properties:
            prop = index.property(item.node, name)
            if isinstance(prop, BooleanType):
                return f"when {item.node}.{name} becomes true"
            if isinstance(prop, EnumType) and "on" in prop.values:
                return f"when {item.node}.{name} becomes on"
            if prop is not None:
                return f"when {item.node}.{name} changes"
    return "every 1 h"


def fallback_condition(shortlist: Shortlist, index: EnvIndex, values: RequestValues) -> str:
    """The first comparison the best matched node allows (`front_door.open == true`), or "" when
    no shortlisted node has a comparable property."""
    found = comparisons(shortlist, index, values)
    return found[0][1] if found else ""
