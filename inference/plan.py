"""What the model may write, as a small automaton of literal steps; rendered to GBNF or decoded directly.

A request's output is a handful of lines, and after retrieval every line is one of a finite set:
the triggers, conditions and calls the shortlisted nodes allow, with values of the right type. A
`Plan` lists them per state: from `state`, write one of the steps' texts, then continue in the step's
`next` state, until `END`. The same plan is

- rendered to GBNF (`Plan.grammar()`) for backends that take a grammar (an OpenAI-compatible server,
  or llama.cpp's grammar sampler), and
- decoded directly over a token trie by the in-process backend, which only ever scores the few tokens
  the plan allows, evaluates forced runs in one batch, and adds retrieval's priors to the model's
  logits — which a grammar cannot carry. Measured on the example home: 0.8–1.0 s per request
  against 1.0–1.2 s through llama.cpp's grammar sampler (most of either is the ~200 new prompt
  tokens), and better choices.

Because both come from one plan, the two paths accept exactly the same outputs.
"""

from __future__ import annotations

from msgspec import Struct, field

from . import gbnf

END = "end"


class Step(Struct, frozen=True):
    text: str
    next: str = END
    prior: float = 0.0
    """What retrieval believes of this step, in logit units (0 = best, negative = less likely);
    added to the model's logits when choosing, so the small model reranks rather than decides
    alone. Grammars cannot carry it: servers decode without priors."""
    kind: str = ""
    """The kind of the node the step is about (empty for several, or none): a choice among steps
    of one kind is retrieval's to make (`backends/trie.py`)."""


class Plan(Struct):
    start: str
    states: dict[str, list[Step]] = field(default_factory=dict)

    def add(self, state: str, text: str, next: str = END, prior: float = 0.0, kind: str = "") -> None:
        self.states.setdefault(state, []).append(Step(text, next, prior, kind))

    def validate(self) -> None:
        """Every state reached has steps, every step has text, no text repeats within a state."""
        if self.start not in self.states:
            raise gbnf.GrammarError(f"plan starts in {self.start!r}, which has no steps")
        for state, steps in self.states.items():
            seen: set[str] = set()
            for step in steps:
                if not step.text:
                    raise gbnf.GrammarError(f"empty step in {state!r}")
                if step.text in seen:
                    raise gbnf.GrammarError(f"step {step.text!r} twice in {state!r}")
                seen.add(step.text)
                if step.next != END and step.next not in self.states:
                    raise gbnf.GrammarError(f"{state!r} leads to {step.next!r}, which has no steps")

    def grammar(self) -> gbnf.Grammar:
        self.validate()
        g = gbnf.Grammar()
        names = {state: ("root" if state == self.start else g.rule_name("s-" + state)) for state in self.states}
        rules: dict[str, gbnf.Expr] = {}
        for state, steps in self.states.items():
            options = [gbnf.seq(s.text) if s.next == END else gbnf.seq(s.text, gbnf.Rule(names[s.next])) for s in steps]
            rules[names[state]] = gbnf.Alt(tuple(options))
        g.add("root", rules.pop("root"))
        for name, expr in rules.items():
            g.add(name, expr)
        return g

    def most_likely(self) -> str:
        """The path that takes the step with the highest prior in every state (the first among
        equals): what retrieval alone would write, used when the model cannot answer in time."""
        state, out = self.start, []
        while state != END:
            step = max(self.states[state], key=lambda s: s.prior)
            out.append(step.text)
            state = step.next
        return "".join(out)

    def best_total(self, state: str) -> float:
        """The highest sum of priors along any path from `state` to the end (0 at the end)."""
        memo: dict[str, float] = {END: 0.0}

        def total(name: str) -> float:
            if name not in memo:
                memo[name] = max(step.prior + total(step.next) for step in self.states[name])
            return memo[name]

        return total(state)

    def longest(self) -> int:
        """The most characters any path writes: how long an answer may have to be (a set of
        sixteen lights is one long `do` block)."""
        memo: dict[str, int] = {END: 0}

        def length(name: str) -> int:
            if name not in memo:
                memo[name] = 0  # a loop back adds nothing new
                memo[name] = max(len(step.text) + length(step.next) for step in self.states[name])
            return memo[name]

        return length(self.start)

    def size(self) -> int:
        return sum(len(steps) for steps in self.states.values())
