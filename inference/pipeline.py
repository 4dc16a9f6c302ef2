"""The staged pipeline: tag → retrieve → shortlist → prompt + grammar → generate → check.

`Generator` holds what is loaded once (the tagger, the environment's search index, a backend);
`generate()` is one request under one deadline. Every stage's time is reported. The model's output
is parsed and checked; if it does not check (or stopped early) and there is time left, it is sampled
again at a higher temperature; when the deadline is too close, or the model fails, the deterministic
answer from tagging and retrieval is returned with `fallback` set and the reason. A set `cancel`
event stops generation between two tokens.

`strategy="full-context"` is the baseline this design replaces: the whole environment in the prompt
(in the cached prefix, which is the most favourable way to run it) and a grammar over every node.
"""

from __future__ import annotations

import re
import threading
import time
from typing import Literal

from msgspec import Struct, field

from wfl.grammar.checker import check
from wfl.grammar.index import EnvIndex
from wfl.grammar.lexer import KEYWORDS
from wfl.grammar.parser import parse
from wfl.grammar.printer import string
from wfl.schemas.diagnostics import Diagnostic, Severity, has_errors

from .backends import Backend, BackendError, Completion
from .constrain import (
    CALL_INDENT, Shortlist, Target, build_plan, condition_values, reminded, request_values, unquoted, without_switching_back,
    without_window,
)
from .fallback import fallback_body, fallback_condition
from .gbnf import GrammarError
from .groups import command_groups, find_group
from .lexical import blanked
from .on_days import without_day_prepositions
from .prompt import PREFIX, condition_block, describe, request_block
from .retrieval import Mentioned, RetrievalIndex, retrieve
from .shortlist import everything, shortlist
from .switch_back import switch_back
from .later_step import then_later
from .spoken_clock import clock_in_digits
from .spelled_numbers import numbers_in_digits
from .shorthand import written_out

Strategy = Literal["pipeline", "full-context"]
Decoder = Literal["plan", "grammar"]
"""`plan`: decode over token tries where the backend can (in-process llama.cpp); `grammar`: always
hand the backend the GBNF grammar (what a server gets; kept to measure the difference)."""

DEFAULT_DEADLINE_S = {"workflow": 3.0, "condition": 1.0}
MAX_TOKENS = {"workflow": 160, "condition": 64}
"""Tokens an answer may take at least; a plan whose longest path is longer gets room for it
(`CHARS_PER_TOKEN`), so a long `do` block is not cut off and resampled."""
CHARS_PER_TOKEN = 2
MAX_ATTEMPTS = 3
PRIOR_WEIGHT = 3.0
"""How much retrieval's priors count against the model's logits at each choice (see constrain.py)."""
DECISIVE_MARGIN: float | None = 0.5
"""A choice whose best option leads by this much prior is taken without the model (`trie.decode`);
`None` asks it everywhere. On the three homes 0.5 and 1 give the same action-pair F1 (0.562, and
0.560 once triggers became the priors' alone), p50 0.06 s at 0.5 against 0.64 s at 1; on 1,611
requests of 41 other homes both score 0.319–0.320, as do the priors alone. Earlier measurements: 1
against asking everywhere, the same F1 with p50 857 ms instead of 1031 ms; 2 against 1, no better."""
RETRY_RESERVE_S = 0.25
"""A retry is started only if at least this much time is left."""
FULL_CONTEXT_RESERVE = 400
"""Tokens of the context kept free for the request and the answer in the full-context baseline."""


NOTHING_TO_ACT_ON = "the request names nothing in this environment to act on; write the `do` yourself"
READING_FAILED = "the request could not be read; write the workflow yourself, and please report it"


class Generated(Struct, kw_only=True):
    text: str
    """The workflow (or, for a condition, the expression), as wfl source."""
    fallback: bool = False
    reason: str | None = None
    """Why the fallback was used, or what went wrong."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """What the checker still reports about `text` (empty when it checks)."""
    timings_ms: dict[str, float] = field(default_factory=dict)
    prompt_tokens: int = 0
    evaluated_tokens: int = 0
    completion_tokens: int = 0
    attempts: int = 0
    candidates: list[str] = field(default_factory=list)
    """The shortlisted node ids, best first."""
    context_nodes: int = 0
    """How many nodes the prompt described."""


class Generator:
    """One environment + one backend. Safe to call from one thread at a time."""

    def __init__(
        self,
        index: EnvIndex,
        backend: Backend | None,
        tagger=None,
        decoder: Decoder = "plan",
        prior_weight: float = PRIOR_WEIGHT,
        decisive_margin: float | None = DECISIVE_MARGIN,
    ) -> None:
        if tagger is None:
            from .ner.tagger import Tagger

            tagger = Tagger.load()
        self.index = index
        self.search = RetrievalIndex(index)
        self.backend = backend
        self.tagger = tagger
        self.decoder = decoder
        self.prior_weight = prior_weight
        self.decisive_margin = decisive_margin
        self._full: tuple[str, Shortlist] | None = None

    def warm_up(self) -> None:
        """Fill the backend's cache with the fixed prompt prefix (a no-op for backends without
        one): the first request that asks the model then pays only for its own lines."""
        warm = getattr(self.backend, "warm", None)
        if warm is not None:
            warm(PREFIX)

    def generate(
        self,
        request: str,
        *,
        target: Target = "workflow",
        strategy: Strategy = "pipeline",
        deadline_s: float | None = None,
        cancel: threading.Event | None = None,
        clause: str = "if",
    ) -> Generated:
        """The workflow (or condition) for `request`. A request the reading itself fails on (a bug)
        gets an empty workflow marked as a fallback with the reason, never an exception: one bad
        request must not take down a batch or the editor's request."""
        try:
            return self._generate(request, target=target, strategy=strategy, deadline_s=deadline_s, cancel=cancel, clause=clause)
        except (RecursionError, ValueError, KeyError, IndexError, TypeError, AttributeError, ZeroDivisionError) as exc:
            text = _header(request) + "}\n" if target == "workflow" else ""
            return Generated(
                text=text,
                fallback=True,
                reason=f"{READING_FAILED} ({type(exc).__name__}: {exc})",
                diagnostics=_verify(text, target, self.index, clause) if text else [],
            )

    def _generate(
        self,
        request: str,
        *,
        target: Target,
        strategy: Strategy,
        deadline_s: float | None,
        cancel: threading.Event | None,
        clause: str,
    ) -> Generated:
        started = time.monotonic()
        deadline = started + (deadline_s if deadline_s is not None else DEFAULT_DEADLINE_S[target])
        timings: dict[str, float] = {}

        def lap(stage: str, since: float) -> float:
            now = time.monotonic()
            timings[stage] = round((now - since) * 1000, 1)
            return now

        t = time.monotonic()
        said = request
        # "om half elf", "at 11 at night", "at eleven pm", "twenty percent": read as the clock times
        # and amounts they are; "on mondays" is no switching on; "nobodys home" is "nobody's home"
        # (the header keeps the words).
        request = without_day_prepositions(clock_in_digits(numbers_in_digits(written_out(request))))
        # What the request quotes is a text to send or an option to pick: it names nothing.
        plain = unquoted(request)
        mentions = self.tagger.tag(plain)
        t = lap("ner", t)
        values = request_values(request) if target == "workflow" else condition_values(request)
        if strategy == "full-context":
            prefix, chosen = self._full_context()
            t = lap("retrieval", t)
            suffix = f"Request: {' '.join(request.split())}\nworkflow {{"
        else:
            # A condition's hours are the clock's ("the hall light is on after 23:00"): what holds
            # then is sought without them, or "after" would read as a clause it waits on.
            sought = without_window(plain, values) if target == "condition" else plain
            if target == "workflow" and values.later_times:
                sought = without_switching_back(sought)
            # What a reminder reminds of ("remind me to close the kitchen window") is its text:
            # nothing there is acted on.
            if target == "workflow" and (span := reminded(plain)) is not None:
                sought = blanked(plain, [span])
                mentions = [m for m in mentions if m.end <= span[0] or m.start >= span[1]]
            found = retrieve(sought, [Mentioned(m.label, m.text, m.start, m.end) for m in mentions], self.search, limit=14)
            # A set one of several commands acts on is that command's ("turn on all lights and
            # unlock the front door"): the whole request's words would mix the commands.
            of_commands = command_groups(sought, self.search) if target == "workflow" else {}
            group = find_group(sought, self.search) if target == "workflow" and not of_commands else None
            chosen = shortlist(found, sought, self.search, group.members if group else (), of_commands)
            t = lap("retrieval", t)
            prefix = PREFIX
            block = request_block if target == "workflow" else condition_block
            suffix = block(request, chosen, self.index)
        result = Generated(text="", candidates=chosen.ids()[:20], context_nodes=len(chosen.nodes))
        plan = grammar = None
        try:
            plan = build_plan(chosen, self.index, values, target, clock=clause != "when")
            if not hasattr(self.backend, "complete_plan") or self.decoder == "grammar":
                grammar = plan.grammar().render()
        except GrammarError as exc:
            plan = None
            result.reason = f"nothing to generate with these candidates: {exc}"
        t = lap("prompt", t)

        head = _header(said) if target == "workflow" else ""
        if plan is not None and target == "workflow" and not any(item.actions for item in chosen.nodes):
            # Nothing to call: the priors alone write what the workflow waits for and checks.
            result.reason = NOTHING_TO_ACT_ON
        elif plan is not None and self.backend is None:
            result.reason = "no model loaded"
        elif plan is not None:
            max_tokens = max(MAX_TOKENS[target], plan.longest() // CHARS_PER_TOKEN + 16)
            temperature = 0.0
            while True:
                if cancel is not None and cancel.is_set():
                    result.reason = "cancelled"
                    break
                result.attempts += 1
                try:
                    if grammar is None:
                        out = self.backend.complete_plan(
                            prefix, suffix, plan,
                            max_tokens=max_tokens, deadline=deadline, cancel=cancel,
                            temperature=temperature, seed=result.attempts,
                            prior_weight=self.prior_weight,
                            decisive_margin=self.decisive_margin,
                        )
                    else:
                        out = self.backend.complete(
                            prefix, suffix, grammar,
                            max_tokens=max_tokens, deadline=deadline, cancel=cancel,
                            stop_at="\n}" if target == "workflow" else "\n",
                            temperature=temperature, seed=result.attempts,
                        )
                except BackendError as exc:
                    result.reason = f"model failed: {exc}"
                    t = lap("generate", t)
                    break
                _account(result, out)
                t = lap("generate" if result.attempts == 1 else f"generate{result.attempts}", t)
                if out.stop in ("cancelled", "deadline"):
                    result.reason = "cancelled" if out.stop == "cancelled" else "deadline passed during generation"
                    break
                text = _finish(out.text, head, target)
                diagnostics = _verify(text, target, self.index, clause)
                t = lap("check", t)
                if out.stop == "stop" and not has_errors(diagnostics):
                    result.text, result.diagnostics = text, diagnostics
                    break
                result.reason = f"model output did not check ({out.stop}): {first_error(diagnostics) or 'it stopped before the end'}"
                if deadline - time.monotonic() < RETRY_RESERVE_S or result.attempts >= MAX_ATTEMPTS:
                    break
                temperature = 0.7
        if not result.text:
            if plan is not None:
                result.text = _finish(plan.most_likely(), head, target)
            elif target == "workflow":
                result.text = head + fallback_body(values, chosen, self.index)
            else:
                result.text = fallback_condition(chosen, self.index, values)
            result.diagnostics = _verify(result.text, target, self.index, clause)
            result.fallback = True
            result.reason = result.reason or "no answer from the model"
            lap("fallback", t)
        if target == "workflow" and (stepped := then_later(result.text, values, self.index)) != result.text:
            # "… and dim it to 30% after 20 minutes": the same nodes again, after the wait.
            result.text = stepped
            result.diagnostics = _verify(result.text, target, self.index, clause)
        if target == "workflow" and (second := switch_back(result.text, values, self.index)):
            # "On at 6:30 and off at 7:30": the way back starts at its own time.
            result.text = result.text.rstrip("\n") + "\n\n" + second.rstrip("\n")
            result.diagnostics = _verify(result.text, target, self.index, clause)
        timings["total"] = round((time.monotonic() - started) * 1000, 1)
        result.timings_ms = timings
        return result

    def _full_context(self) -> tuple[str, Shortlist]:
        """The examples and every node, cut to what the model's context holds (SmolLM2: 8,192
        tokens, about 300 nodes): a real limit of the full-context approach, reported in
        `context_nodes`. Built once: the environment does not change under a Generator."""
        if self._full is None:
            budget = getattr(self.backend, "n_ctx", None)
            budget = budget - FULL_CONTEXT_RESERVE if budget else None
            used = self.backend.count_tokens(PREFIX) if budget and self.backend else 0
            every = everything(self.index)
            lines = []
            for item in every.nodes:
                line = describe(item, self.index)
                if budget is not None:
                    used += self.backend.count_tokens(line) + 1
                    if used > budget:
                        break
                lines.append(line)
            every.nodes = every.nodes[: len(lines)]
            self._full = (PREFIX + "\nDevices:\n" + "\n".join(lines) + "\n", every)
        return self._full


def _account(result: Generated, out: Completion) -> None:
    result.prompt_tokens = out.prompt_tokens
    result.evaluated_tokens += out.evaluated_tokens
    result.completion_tokens += out.completion_tokens


def _verify(text: str, target: Target, index: EnvIndex, clause: str = "if") -> list[Diagnostic]:
    """Parse and check; a condition is checked inside a minimal workflow, in the clause it is for
    (`if` or `when`), keeping only what the checker says about the condition itself (spans
    relative to it)."""
    if target == "workflow":
        parsed = parse(text)
        return parsed.diagnostics + check(parsed.file, index)
    before = "workflow condition {\n  when " if clause == "when" else "workflow condition {\n  every 1 h\n  if "
    parsed = parse(before + text + "\n}\n")
    inside = []
    for d in parsed.diagnostics + check(parsed.file, index):
        start, end = d.span
        if start >= len(before) and end <= len(before) + len(text):
            d.span = (start - len(before), end - len(before))
            inside.append(d)
    return inside


def _finish(decoded: str, head: str, target: Target) -> str:
    """A path through the plan as the answer: a workflow under its header, each call said once;
    a condition stripped."""
    if target != "workflow":
        return decoded.strip()
    return head + without_restated_condition(without_repeated_calls(decoded.lstrip("\n")))


def without_repeated_calls(body: str) -> str:
    """Drop a call that repeats one earlier in the same `do` block: the plan cannot remember which
    calls it has made, and a small model sometimes says the same thing twice."""
    seen: set[str] = set()
    lines: list[str] = []
    for line in body.split("\n"):
        stripped = line.strip()
        if stripped.startswith("do "):
            seen = {stripped[3:].strip()}
        elif line.startswith(CALL_INDENT[1:]) and stripped in seen:
            continue
        elif line.startswith(CALL_INDENT[1:]):
            seen.add(stripped)
        lines.append(line)
    return "\n".join(lines)


_TRIGGER_STATE = re.compile(r"^\s*when (\S+) (?:becomes (\S+)|([<>]=?) (\S+))(?: for [^\n]+)?$")


def without_restated_condition(body: str) -> str:
    """Drop an `if` that only repeats what its one trigger waited for (`when a.x becomes on` then
    `if a.x == on`): true whenever the trigger fires, so it says nothing."""
    lines = body.split("\n")
    if len(lines) < 2 or not (trigger := _TRIGGER_STATE.match(lines[0])) or not lines[1].strip().startswith("if "):
        return body
    if any(line.strip().startswith("else") for line in lines):
        return body  # an `else` needs its `if`
    ref, value, op, number = trigger.groups()
    restated = f"if {ref} == {value}" if value is not None else f"if {ref} {op} {number}"
    return "\n".join([lines[0], *lines[2:]]) if lines[1].strip() == restated else body


def first_error(diagnostics: list[Diagnostic]) -> str | None:
    """The first error, as `message [code]`, for reasons and markers."""
    for d in diagnostics:
        if d.severity == Severity.ERROR:
            return f"{d.message} [{d.code}]"
    return None


_WORD = re.compile(r"[^\W\d_]+")


def workflow_name(request: str) -> str:
    """A readable identifier from the request's first words (`turn_on_hall_light`)."""
    words = [w.lower() for w in _WORD.findall(request)][:4]
    name = "_".join(words) or "generated"
    return name if name not in KEYWORDS else name + "_workflow"


def _header(request: str) -> str:
    title = " ".join(request.split())
    if len(title) > 120:
        title = title[:117].rstrip() + "..."
    return f"workflow {workflow_name(request)} {string(title)} {{\n"
