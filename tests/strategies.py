"""Hypothesis strategies for wfl programs: random syntax trees, their text, and damaged text."""

from __future__ import annotations

from hypothesis import strategies as st

from wfl.grammar import printer
from wfl.grammar.lexer import KEYWORDS
from wfl.schemas.workflow import (
    And,
    Arg,
    AtTrigger,
    BecomesTrigger,
    Boolean,
    Call,
    ChangesTrigger,
    Compare,
    Duration,
    EventTrigger,
    EveryTrigger,
    ListLit,
    Name,
    Not,
    Number,
    Or,
    Ref,
    String,
    SunEvent,
    Time,
    Wait,
    WhenTrigger,
    Workflow,
)

RESERVED = KEYWORDS | {"sunrise", "sunset"}

identifiers = st.from_regex(r"[a-z_][a-z0-9_]{0,11}", fullmatch=True).filter(lambda s: s not in RESERVED)
units = st.sampled_from([None, "°C", "%", "W", "kWh", "EUR/kWh", "km", "lx", "mi"])
numbers = st.builds(
    Number,
    value=st.one_of(st.integers(-1000, 100000), st.decimals(-1000, 1000, places=2).map(float)),
    unit=units,
)
durations = st.builds(Duration, seconds=st.integers(1, 200000))
times = st.builds(
    Time,
    value=st.tuples(st.integers(0, 23), st.integers(0, 59)).map(lambda t: f"{t[0]:02d}:{t[1]:02d}"),
)
strings = st.builds(String, value=st.text(st.characters(blacklist_categories=("Cs",)), max_size=12))
refs = st.builds(Ref, node=identifiers, property=identifiers)
atoms = st.one_of(
    refs,
    st.builds(Name, name=identifiers),
    numbers,
    durations,
    strings,
    times,
    st.builds(Boolean, value=st.booleans()),
)
comparisons = st.builds(
    Compare, op=st.sampled_from(["==", "!=", "<", "<=", ">", ">="]), left=refs, right=atoms
) | st.builds(
    Compare,
    op=st.sampled_from(["in", "not in"]),
    left=refs,
    right=st.builds(ListLit, items=st.lists(atoms, max_size=3)),
)


def _extend(children):
    return st.one_of(
        st.builds(And, operands=st.lists(children, min_size=2, max_size=3)),
        st.builds(Or, operands=st.lists(children, min_size=2, max_size=3)),
        st.builds(Not, operand=children),
    )


conditions = st.recursive(st.one_of(comparisons, refs), _extend, max_leaves=6)

triggers = st.one_of(
    st.builds(WhenTrigger, expr=conditions, for_=st.none() | durations),
    st.builds(ChangesTrigger, ref=refs, for_=st.none() | durations),
    st.builds(BecomesTrigger, ref=refs, value=atoms, for_=st.none() | durations),
    st.builds(
        AtTrigger,
        time=st.one_of(
            times,
            refs,
            st.builds(SunEvent, event=st.sampled_from(["sunrise", "sunset"]), offset=st.integers(-7200, 7200)),
        ),
        days=st.none() | st.lists(st.sampled_from(["mon", "tue", "sat", "weekdays", "weekends"]), min_size=1, max_size=3),
    ),
    st.builds(EveryTrigger, interval=durations),
    st.builds(EventTrigger, node=identifiers, event=identifiers),
)
calls = st.builds(
    Call,
    node=identifiers,
    action=identifiers,
    args=st.lists(st.builds(Arg, name=identifiers, value=st.one_of(atoms, conditions)), max_size=3),
)
actions = st.one_of(calls, st.builds(Wait, duration=durations))
workflows = st.builds(
    Workflow,
    name=identifiers,
    description=st.none() | st.text(max_size=20),
    triggers=st.lists(triggers, min_size=1, max_size=3),
    conditions=st.lists(conditions, max_size=2),
    actions=st.lists(actions, min_size=1, max_size=3),
    else_actions=st.lists(actions, max_size=2),
)


@st.composite
def programs(draw) -> str:
    """The text of a valid file of one to three workflows, with comments sprinkled in."""
    texts = [printer.workflow(wf) for wf in draw(st.lists(workflows, min_size=1, max_size=3))]
    lines = "\n".join(texts).split("\n")
    out = []
    for line in lines:
        if draw(st.integers(0, 6)) == 0:
            out.append("# " + draw(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=10)))
        if draw(st.integers(0, 6)) == 0:
            line += "  # note"
        out.append(line)
    return "\n".join(out) + "\n"


@st.composite
def damaged(draw, source: str) -> str:
    """`source` with a few random cuts, insertions and swaps."""
    text = source
    fragments = ["(", ")", "{", "}", "[", ",", ".", ":", "when", "do", "if", "else", "or", "and", "not",
                 "workflow", '"', "#", "5 min", "07:", "==", "=", "°", "\n", "x.", "becomes", "for"]
    for _ in range(draw(st.integers(1, 5))):
        if not text:
            break
        pos = draw(st.integers(0, len(text)))
        choice = draw(st.integers(0, 2))
        if choice == 0:
            end = draw(st.integers(pos, min(len(text), pos + 20)))
            text = text[:pos] + text[end:]
        elif choice == 1:
            text = text[:pos] + draw(st.sampled_from(fragments) | st.text(max_size=4)) + text[pos:]
        else:
            text = text[:pos]
    return text
