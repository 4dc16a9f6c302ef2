"""Decoding a `Plan` token by token over tries of its tokenized steps.

Each state's step texts are tokenized once and merged into a trie. Walking it, a node with one child
is a forced token (no model call: it joins the batch evaluated at the next choice), a node with
several children is a choice, and only the children's logits are compared. A node that completes a
step may also continue (`when x becomes on` and `when x becomes on for 5 min`): there, the first
tokens of the next state compete with the continuation. The decoder is independent of llama.cpp: it
needs `tokenize(text)` and `logits(tokens_to_append) -> vector`, so it is tested with a fake model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from ..plan import END, Plan


class TrieNode:
    __slots__ = ("children", "done", "done_prior", "prior", "kinds")

    def __init__(self) -> None:
        self.children: dict[int, TrieNode] = {}
        self.done: str | None = None
        """The state that follows when a step's text ends here."""
        self.done_prior = -np.inf
        """The prior of the step that ends here."""
        self.prior = -np.inf
        """The best prior of the steps through this node."""
        self.kinds: frozenset[str] = frozenset()
        """The kinds of node the steps through this node are about ("" for a step of several)."""


def build_tries(plan: Plan, tokenize: Callable[[str], list[int]]) -> dict[str, TrieNode]:
    tries: dict[str, TrieNode] = {}
    for state, steps in plan.states.items():
        root = TrieNode()
        for step in steps:
            node = root
            for token in tokenize(step.text):
                node = node.children.setdefault(token, TrieNode())
                node.prior = max(node.prior, step.prior)
                node.kinds |= {step.kind}
            node.done = step.next
            node.done_prior = max(node.done_prior, step.prior)
        tries[state] = root
    return tries


def _merged(a: TrieNode, b: TrieNode) -> TrieNode:
    """One node standing for both: where a step may end or go on, and the next state begins with
    the same token as the continuation, both paths stay open."""
    node = TrieNode()
    node.done = a.done if a.done is not None else b.done
    node.done_prior = max(a.done_prior, b.done_prior)
    node.prior = max(a.prior, b.prior)
    node.kinds = a.kinds | b.kinds
    node.children = dict(a.children)
    for token, child in b.children.items():
        node.children[token] = _merged(node.children[token], child) if token in node.children else child
    return node


class Decoded:
    __slots__ = ("tokens", "choices", "stopped")

    def __init__(self) -> None:
        self.tokens: list[int] = []
        self.choices = 0
        self.stopped = "stop"


def decode(
    plan: Plan,
    tries: dict[str, TrieNode],
    logits: Callable[[Sequence[int]], np.ndarray],
    pending: list[int],
    *,
    max_tokens: int,
    should_stop: Callable[[], str | None],
    temperature: float = 0.0,
    rng: np.random.Generator | None = None,
    prior_weight: float = 1.0,
    decisive_margin: float | None = None,
    piece: Callable[[int], str] | None = None,
) -> Decoded:
    """Walk the plan from its start. `pending` are prompt tokens not yet evaluated; `logits(tokens)`
    evaluates tokens and returns the next-token logits. `should_stop()` returns a stop reason
    ("deadline", "cancelled") or None; it is asked before every model call.

    With `decisive_margin`, a choice whose best option's prior leads the next by at least that much
    is taken without asking the model: the model is consulted where retrieval is unsure, and a
    request whose plan is sure throughout costs no model call at all. With it too, options near
    the top that are all about nodes of one kind are the priors' to choose among
    (`_one_kind_near_the_top`). Wherever the model chooses, its choice of kind stands and the
    node of that kind is the priors' (`_best_of_its_kind`).

    With `piece` (a token's text), three kinds of choice are the priors' alone: what a workflow
    waits for (`_ACTING`; a condition asked for alone stays the model's to choose), between ending
    a name and going on with it (`_name_ends_or_goes_on`), and which action a call makes
    (`_CALLING`)."""
    out = Decoded()
    written = ""
    node = tries[plan.start]
    workflow = plan.start == "trigger"  # a whole workflow, not a condition alone
    reason = should_stop()  # also when every choice turns out decisive and the model is never asked
    if reason:
        out.stopped = reason
        return out
    while True:
        options: dict[int, TrieNode] = dict(node.children)
        if node.done is not None:
            if node.done == END:
                if not options:
                    return out
            else:
                # Only where the step may also go on are the next state's priors put on its scale.
                ending = _ending(node, tries[node.done]) if options else tries[node.done].children
                for t, child in ending.items():
                    options[t] = _merged(options[t], child) if t in options else child
        if not options:  # a dead end cannot happen with a validated plan; stop rather than loop
            out.stopped = "length"
            return out
        if len(options) == 1:
            token, child = next(iter(options.items()))
        elif decisive_margin is not None and (decided := _decided(options, decisive_margin)) is not None:
            token, child = decided
        elif (decisive_margin is not None and _one_kind_near_the_top(options, SAME_KIND_MARGIN)) or (
            piece is not None
            and (
                (workflow and not _ACTING.search(written))
                or _CALLING.search(written)
                or (out.tokens and _name_ends_or_goes_on(out.tokens[-1], options, piece))
            )
        ):
            token, child = max(options.items(), key=lambda item: item[1].prior)
        else:
            reason = should_stop()
            if reason:
                out.stopped = reason
                return out
            scores = logits(pending)
            pending = []
            ids = list(options)
            chosen = np.asarray(scores[ids], dtype=np.float64) + prior_weight * np.array([options[t].prior for t in ids])
            if temperature > 0 and rng is not None:
                weights = np.exp((chosen - chosen.max()) / temperature)
                token = ids[int(rng.choice(len(ids), p=weights / weights.sum()))]
            else:
                token = ids[int(np.argmax(chosen))]
            token = _best_of_its_kind(token, options)
            child = options[token]
            out.choices += 1
        pending.append(token)
        out.tokens.append(token)
        if piece is not None:
            written += piece(token)
        node = child
        if len(out.tokens) >= max_tokens:
            out.stopped = "length"
            return out


def _ending(node: TrieNode, following: TrieNode) -> dict[int, TrieNode]:
    """The next state's first tokens, as options beside going on with a step that may end here
    (`when x becomes true` or `… becomes true for 5 min`). They are weighed by the prior of the step
    that ends, as its continuation is by its own: the next state's priors rank that state's steps
    among themselves, not this state's. Its best step keeps the ending step's prior; the others
    start behind it as far as they do in their state."""
    best = max((child.prior for child in following.children.values()), default=0.0)
    return {token: _shifted(child, node.done_prior - best) for token, child in following.children.items()}


def _shifted(node: TrieNode, by: float) -> TrieNode:
    """A copy of `node`'s subtree with every prior `by` higher: all the way down, since the
    continuation and the next state may share many tokens (a trigger alone and the whole body
    that opens with it) before they part."""
    copy = TrieNode()
    copy.done, copy.kinds = node.done, node.kinds
    copy.prior, copy.done_prior = node.prior + by, node.done_prior + by
    copy.children = {token: _shifted(child, by) for token, child in node.children.items()}
    return copy


def _decided(options: dict[int, TrieNode], margin: float) -> tuple[int, TrieNode] | None:
    """The option whose prior leads all others by `margin` or more, if there is one."""
    ranked = sorted(options.items(), key=lambda item: -item[1].prior)
    if ranked[0][1].prior - ranked[1][1].prior >= margin:
        return ranked[0]
    return None


SAME_KIND_MARGIN = 2.0
"""Options within this much prior of the best that are all about nodes of one kind are told apart
by retrieval alone (`_one_kind_near_the_top`)."""


def _one_kind_near_the_top(options: dict[int, TrieNode], margin: float) -> bool:
    """Whether the options within `margin` of the best prior are all about nodes of one kind
    ("kef_ls50" or "kef_lsx", two lights of one room, `premovie` or `prebedmovie`). Which of
    several nodes of a kind the request means is a matter of their names, which retrieval weighs
    word by word; the 135M model's preference there follows the request's wording ("the living
    room lights") more than the home. What kind of thing to act on or wait for stays the model's
    question."""
    best = max(option.prior for option in options.values())
    kinds = frozenset().union(*(o.kinds for o in options.values() if o.prior >= best - margin))
    return len(kinds) == 1 and "" not in kinds


def _best_of_its_kind(token: int, options: dict[int, TrieNode]) -> int:
    """The model chose what kind of node to go on with; which node of that kind is the priors'
    choice (see `_one_kind_near_the_top`)."""
    kinds = options[token].kinds
    if len(kinds) != 1 or "" in kinds:
        return token
    return max((t for t, o in options.items() if o.kinds == kinds), key=lambda t: options[t].prior)


_ACTING = re.compile(r"(?:^|\n)[ \t]*(?:do|if|else)\b")
"""The text has reached the conditions and calls. Before that, every choice is about what starts
the workflow, and that is the priors' alone: the 135M model's triggers scored 0.38 trigger-entity
F1 on the three homes where the priors' score 0.43 (it waits for `sun.sun` rather than the
thermostat, for a power sensor rather than the dishwasher's own flag)."""


_CALLING = re.compile(r"(?:^|\n)[ \t]*(?:do |else )?[A-Za-z_]\w*\.\w*$")
"""The text ends inside a call's action name (`do sleep_mode.select_`). Which action is the verbs'
choice (`verbs.py`, in the priors): the small model's preference among a node's actions follows
the names' wording ("select_first" over "select_option"), not the request."""


def _name_ends_or_goes_on(last: int, options: dict[int, TrieNode], piece: Callable[[int], str]) -> bool:
    """Whether, in the middle of a name, options that end it compete with options that continue it
    (`alarm` then "." or "o", for nodes `alarm` and `alarmo`). A small model all but always ends a
    name it has begun, whatever the request says, so its vote there is noise and the prior decides."""
    if not _is_name_char(piece(last)[-1:]):
        return False
    goes_on = [_is_name_char(piece(token)[:1]) for token in options]
    return any(goes_on) and not all(goes_on)


def _is_name_char(text: str) -> bool:
    return bool(text) and (text.isalnum() or text == "_")
