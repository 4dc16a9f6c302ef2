"""The error-tolerant parser: text in, syntax tree and located syntax errors out, never an exception.

Hand-written recursive descent (see ARCHITECTURE.md for why not a generator): each clause keyword
(`when`, `if`, `do`, `else`, `at`, `every`, `on`) and `}` / `workflow` is a synchronisation point, so
an error costs the rest of one clause at most. What could not be parsed becomes an `Error*` node with
a diagnostic, and half-typed references (`kitchen.`) stay in the tree for completion to use.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator
from contextlib import contextmanager

from msgspec import Struct, field

from wfl.grammar.days import DAY_WORDS
from wfl.grammar.lexer import CLAUSE_KEYWORDS, Token, tokenize
from wfl.grammar.units import duration_seconds, is_duration_unit
from wfl.schemas.diagnostics import Diagnostic
from wfl.schemas.workflow import (
    And,
    Arg,
    AtTrigger,
    BecomesTrigger,
    Boolean,
    Call,
    ChangesTrigger,
    Comment,
    Compare,
    Duration,
    ErrorAction,
    ErrorExpr,
    ErrorTrigger,
    EventTrigger,
    EveryTrigger,
    Expr,
    File,
    ListLit,
    Name,
    Not,
    Number,
    Or,
    Ref,
    String,
    SunEvent,
    Time,
    Trigger,
    Wait,
    WhenTrigger,
    Workflow,
)

MAX_DEPTH = 100
"""Deeper nesting than this is reported, not recursed into: the parser must not overflow the stack."""

_COMPARATORS = frozenset({"==", "!=", "<", "<=", ">", ">="})
_BODY_SYNC = CLAUSE_KEYWORDS | {"}", "workflow"}
_TRIGGER_START = frozenset({"when", "at", "every", "on"})


class ParseResult(Struct):
    file: File
    diagnostics: list[Diagnostic]
    comments: list[Comment]
    tokens: list[Token] = field(default_factory=list)


def parse(text: str) -> ParseResult:
    """Parse a whole `.wfl` file."""
    with _gc_paused():
        tokens, comments = tokenize(text)
        parser = _Parser(text, tokens)
        file = parser.parse_file()
    return ParseResult(file, parser.diagnostics, comments, tokens)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Parsing allocates many small objects and no cycles; collecting during it only costs time
    (half the parse time of a 10,000-line file)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_expression(text: str) -> tuple[Expr, list[Diagnostic]]:
    """Parse one condition expression (used for `if` text typed outside a workflow)."""
    tokens, _ = tokenize(text)
    parser = _Parser(text, tokens)
    expr = parser.expression()
    if parser.tok.kind != "eof":
        parser.error(f"unexpected {_describe(parser.tok)} after the expression", parser.tok)
    return expr, parser.diagnostics


def _describe(tok: Token) -> str:
    if tok.kind == "eof":
        return "end of file"
    if tok.kind == "keyword":
        return f"keyword `{tok.text}`"
    if tok.kind == "string":
        return "a string"
    if tok.kind == "number":
        return f"number `{tok.text}`"
    return f"`{tok.text}`"


class _Parser:
    __slots__ = ("text", "tokens", "pos", "tok", "diagnostics", "depth")

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.pos = 0
        self.tok = tokens[0]
        self.diagnostics: list[Diagnostic] = []
        self.depth = 0

    # ------------------------------------------------------------ helpers

    def advance(self) -> Token:
        tok = self.tok
        if tok.kind != "eof":
            self.pos += 1
            self.tok = self.tokens[self.pos]
        return tok

    def peek(self, ahead: int = 1) -> Token:
        index = min(self.pos + ahead, len(self.tokens) - 1)
        return self.tokens[index]

    def at(self, text: str) -> bool:
        """Whether the current token is the keyword or operator `text`."""
        tok = self.tok
        return tok.text == text and (tok.kind == "keyword" or tok.kind == "op")

    def accept(self, text: str) -> Token | None:
        if self.at(text):
            return self.advance()
        return None

    def prev_end(self) -> int:
        return self.tokens[self.pos - 1].end if self.pos > 0 else 0

    def error(self, message: str, tok: Token | None = None, *, code: str = "syntax", span=None) -> None:
        if span is None:
            if tok is None:
                # Something is missing: point just after what came before when the next token is
                # on a later line, where the user is typing, not at the next line's first word.
                tok = self.tok
                end = self.prev_end()
                if tok.kind == "eof" or "\n" in self.text[end : tok.start]:
                    span = (end, end)
            if span is None:
                span = (tok.start, tok.end)
        # One error per place: a cascade at the same spot helps nobody.
        if self.diagnostics and self.diagnostics[-1].span == span:
            return
        self.diagnostics.append(Diagnostic(code=code, message=message, span=span))

    def expect(self, text: str, context: str) -> Token | None:
        tok = self.accept(text)
        if tok is None:
            self.error(f"expected `{text}` {context}, found {_describe(self.tok)}")
        return tok

    def at_body_sync(self) -> bool:
        tok = self.tok
        return tok.kind == "eof" or (tok.kind in ("keyword", "op") and tok.text in _BODY_SYNC)

    def skip_to_body_sync(self) -> None:
        while not self.at_body_sync():
            self.advance()

    # ------------------------------------------------------------ file and workflow

    def parse_file(self) -> File:
        workflows: list[Workflow] = []
        while self.tok.kind != "eof":
            if self.at("workflow"):
                workflows.append(self.workflow())
                continue
            start_tok = self.tok
            while self.tok.kind != "eof" and not self.at("workflow"):
                self.advance()
            self.error(
                f"expected `workflow`, found {_describe(start_tok)}",
                span=(start_tok.start, self.prev_end()),
            )
        return File(workflows=workflows)

    def workflow(self) -> Workflow:
        keyword = self.advance()
        if self.tok.kind == "ident":
            name_tok = self.advance()
            name, name_span = name_tok.text, (name_tok.start, name_tok.end)
        else:
            self.error(f"expected a workflow name after `workflow`, found {_describe(self.tok)}")
            name, name_span = "", (keyword.end, keyword.end)
        description = None
        if self.tok.kind == "string":
            description = self.string_value(self.advance())
        wf = Workflow(name=name, description=description, span=(keyword.start, keyword.end), name_span=name_span)
        open_brace = self.accept("{")
        if open_brace is None:
            self.error(f"expected `{{` to open the workflow body, found {_describe(self.tok)}")
            if not self.at_body_sync():
                self.skip_to_body_sync()
        while True:
            tok = self.tok
            if tok.kind == "eof" or self.at("workflow"):
                if open_brace is not None:
                    self.error(
                        f"workflow `{name}` is missing its closing `}}`",
                        span=(open_brace.start, open_brace.end),
                    )
                break
            if self.at("}"):
                close = self.advance()
                if open_brace is not None:
                    wf.body_span = (open_brace.start, close.end)
                break
            before = self.pos
            self.clause(wf)
            if self.pos == before:  # no progress: drop the token so the loop always ends
                self.error(f"unexpected {_describe(self.tok)}")
                self.advance()
        wf.span = (keyword.start, self.prev_end())
        return wf

    def clause(self, wf: Workflow) -> None:
        tok = self.tok
        text = tok.text if tok.kind == "keyword" else ""
        if text in _TRIGGER_START:
            wf.triggers.extend(self.triggers())
        elif text == "if":
            self.advance()
            wf.conditions.append(self.expression())
        elif text == "do":
            self.advance()
            wf.actions.extend(self.actions("do"))
        elif text == "else":
            self.advance()
            wf.else_actions.extend(self.actions("else"))
        else:
            start = tok
            self.skip_to_body_sync()
            self.error(
                f"expected a clause (`when`, `at`, `every`, `on`, `if`, `do` or `else`), found {_describe(start)}",
                span=(start.start, max(start.end, self.prev_end())),
            )
            return
        if not self.at_body_sync():
            start = self.tok
            self.skip_to_body_sync()
            self.error(
                f"unexpected {_describe(start)}",
                span=(start.start, self.prev_end()),
            )

    # ------------------------------------------------------------ triggers

    def triggers(self) -> list[Trigger]:
        keyword = self.advance()
        result = [self.trigger(keyword.text, keyword.start)]
        while self.at("or"):
            self.advance()
            start = self.tok.start
            if self.tok.kind == "keyword" and self.tok.text in _TRIGGER_START:
                keyword_text = self.advance().text
            else:
                keyword_text = "when"
            result.append(self.trigger(keyword_text, start))
        return result

    def trigger(self, keyword: str, start: int) -> Trigger:
        if keyword == "at":
            return self.at_trigger(start)
        if keyword == "on":
            return self.event_trigger(start)
        if keyword == "every":
            interval = self.duration("after `every`")
            if isinstance(interval, ErrorExpr):
                return ErrorTrigger(message=interval.message, span=(start, self.prev_end()))
            return EveryTrigger(interval=interval, span=(start, self.prev_end()))
        return self.when_trigger(start)

    def when_trigger(self, start: int) -> Trigger:
        expr = self.conjunction()
        trigger: Trigger
        if self.at("changes"):
            self.advance()
            if isinstance(expr, Ref):
                trigger = ChangesTrigger(ref=expr, span=(start, self.prev_end()))
            else:
                self.error("`changes` needs a `node.property` before it", span=expr.span)
                trigger = ErrorTrigger(message="changes", span=(start, self.prev_end()))
        elif self.at("becomes"):
            self.advance()
            value = self.operand()
            if isinstance(expr, Ref):
                trigger = BecomesTrigger(ref=expr, value=value, span=(start, self.prev_end()))
            else:
                self.error("`becomes` needs a `node.property` before it", span=expr.span)
                trigger = ErrorTrigger(message="becomes", span=(start, self.prev_end()))
        else:
            trigger = WhenTrigger(expr=expr, span=(start, self.prev_end()))
        if self.at("for"):
            self.advance()
            held = self.duration("after `for`")
            if isinstance(held, Duration) and not isinstance(trigger, ErrorTrigger):
                trigger.for_ = held  # type: ignore[union-attr]
            trigger.span = (start, self.prev_end())
        return trigger

    def at_trigger(self, start: int) -> Trigger:
        tok = self.tok
        time: Time | SunEvent | Ref
        if tok.kind == "time":
            self.advance()
            time = Time(value=_normalise_time(tok.text), span=(tok.start, tok.end))
            if not _valid_time(tok.text):
                self.error(f"`{tok.text}` is not a time of day (00:00 to 23:59:59)", tok, code="invalid-time")
        elif tok.kind == "ident" and tok.text in ("sunrise", "sunset") and not self.peek().text == ".":
            self.advance()
            offset = 0.0
            if self.tok.kind == "op" and self.tok.text in ("+", "-"):
                sign = -1.0 if self.advance().text == "-" else 1.0
                shift = self.duration(f"after `{tok.text} {'-' if sign < 0 else '+'}`")
                if isinstance(shift, Duration):
                    offset = sign * shift.seconds
            time = SunEvent(event=tok.text, offset=offset, span=(tok.start, self.prev_end()))
        elif tok.kind == "ident":
            time = self.reference()  # type: ignore[assignment]
            if not isinstance(time, Ref):
                return ErrorTrigger(message="at", span=(start, self.prev_end()))
        else:
            self.error(f"expected a time (`07:30`), `sunrise`, `sunset` or `node.property` after `at`, found {_describe(tok)}")
            return ErrorTrigger(message="at", span=(start, self.prev_end()))
        days = None
        nxt = self.peek()
        if self.at("on") and not (nxt.kind == "ident" and self.peek(2).text == "."):
            self.advance()
            days = []
            while True:
                if self.tok.kind != "ident":
                    self.error(f"expected a day (`mon`, `weekdays`, ...) after `on`, found {_describe(self.tok)}")
                    break
                days.append(self.advance().text)
                if not self.accept(","):
                    break
        if days is None and self.tok.kind == "ident" and self.tok.text.lower() in DAY_WORDS:
            self.error(f"write `on {self.tok.text}` to run only on those days", self.tok)
            self.advance()
        return AtTrigger(time=time, days=days, span=(start, self.prev_end()))

    def event_trigger(self, start: int) -> Trigger:
        tok = self.tok
        if tok.kind != "ident":
            self.error(f"expected `node.event` after `on`, found {_describe(tok)}")
            return ErrorTrigger(message="on", span=(start, self.prev_end()))
        self.advance()
        trigger = EventTrigger(node=tok.text, node_span=(tok.start, tok.end), span=(start, tok.end))
        if self.expect(".", f"after `{tok.text}` (an event trigger is `on node.event`)"):
            if self.tok.kind == "ident":
                event = self.advance()
                trigger.event, trigger.event_span = event.text, (event.start, event.end)
            else:
                self.error(f"expected an event name after `{tok.text}.`")
        trigger.span = (start, self.prev_end())
        return trigger

    # ------------------------------------------------------------ actions

    def actions(self, keyword: str) -> list:
        result: list = []
        while True:
            while self.accept(";"):
                pass
            tok = self.tok
            if tok.kind == "ident":
                result.append(self.call())
            elif tok.kind == "keyword" and tok.text == "wait":
                self.advance()
                duration = self.duration("after `wait`")
                result.append(Wait(duration=duration, span=(tok.start, self.prev_end())))
            else:
                break
        if not result:
            self.error(f"expected an action after `{keyword}` (`node.action(...)` or `wait 5 min`), found {_describe(self.tok)}")
            result.append(ErrorAction(message="missing action", span=(self.prev_end(), self.prev_end())))
        return result

    def call(self) -> Call:
        node = self.advance()
        call = Call(node=node.text, node_span=(node.start, node.end), span=(node.start, node.end))
        if not self.accept("."):
            self.error(f"expected `.` and an action after `{node.text}` (an action is `node.action()`)", span=(node.start, node.end))
            return call
        if self.tok.kind != "ident":
            self.error(f"expected an action name after `{node.text}.`")
            call.span = (node.start, self.prev_end())
            return call
        action = self.advance()
        call.action, call.action_span = action.text, (action.start, action.end)
        if self.accept("("):
            self.arguments(call)
        call.span = (node.start, self.prev_end())
        return call

    def arguments(self, call: Call) -> None:
        while not self.at(")"):
            tok = self.tok
            if tok.kind == "ident" and self.peek().text == ":":
                self.advance()
                self.advance()
                value = self.expression()
                call.args.append(Arg(name=tok.text, value=value, name_span=(tok.start, tok.end), span=(tok.start, self.prev_end())))
            elif tok.kind == "ident" and self.peek().kind in ("number", "string", "time") or (
                tok.kind == "ident" and self.peek().text == "="
            ):
                self.error(f"expected `:` after the parameter name `{tok.text}`", span=(tok.start, tok.end))
                self.advance()
                if self.at("="):
                    self.advance()
                value = self.expression()
                call.args.append(Arg(name=tok.text, value=value, name_span=(tok.start, tok.end), span=(tok.start, self.prev_end())))
            else:
                self.error(f"expected a parameter `name: value` or `)`, found {_describe(tok)}")
                if tok.kind == "eof" or self.at_body_sync() or tok.kind == "ident":
                    return
                self.advance()
                continue
            if not self.accept(","):
                break
        if not self.accept(")"):
            self.error(f"expected `)` to close the call of `{call.node}.{call.action}`, found {_describe(self.tok)}")

    # ------------------------------------------------------------ expressions

    def expression(self) -> Expr:
        start = self.tok.start
        first = self.conjunction()
        if not self.at("or"):
            return first
        operands = [first]
        while self.accept("or"):
            operands.append(self.conjunction())
        return Or(operands=operands, span=(start, self.prev_end()))

    def conjunction(self) -> Expr:
        start = self.tok.start
        first = self.negation()
        if not self.at("and"):
            return first
        operands = [first]
        while self.accept("and"):
            operands.append(self.negation())
        return And(operands=operands, span=(start, self.prev_end()))

    def negation(self) -> Expr:
        if self.at("not"):
            tok = self.advance()
            if self.depth >= MAX_DEPTH:
                return self.too_deep(tok)
            self.depth += 1
            operand = self.negation()
            self.depth -= 1
            return Not(operand=operand, span=(tok.start, self.prev_end()))
        return self.comparison()

    def comparison(self) -> Expr:
        start = self.tok.start
        left = self.operand()
        tok = self.tok
        if tok.kind == "op" and tok.text in _COMPARATORS:
            self.advance()
            right = self.operand()
            return Compare(op=tok.text, left=left, right=right, span=(start, self.prev_end()))
        if tok.kind == "op" and tok.text == "=":
            self.error("`=` is not a comparison; write `==`", tok, code="syntax-assign")
            self.advance()
            right = self.operand()
            return Compare(op="==", left=left, right=right, span=(start, self.prev_end()))
        if self.at("in") or (self.at("not") and self.peek().text == "in" and self.peek().kind == "keyword"):
            op = "in"
            if self.accept("not"):
                op = "not in"
            self.advance()
            right = self.operand()
            if not isinstance(right, (ListLit, ErrorExpr)):
                self.error(f"expected a list `[a, b]` after `{op}`", span=right.span)
            return Compare(op=op, left=left, right=right, span=(start, self.prev_end()))
        return left

    def operand(self) -> Expr:
        tok = self.tok
        kind = tok.kind
        if kind == "ident":
            return self.reference()
        if kind == "number":
            return self.number(1.0, tok.start)
        if kind == "op":
            text = tok.text
            if text == "(":
                if self.depth >= MAX_DEPTH:
                    return self.too_deep(tok)
                self.advance()
                self.depth += 1
                inner = self.expression()
                self.depth -= 1
                self.expect(")", "to close `(`")
                inner.span = (tok.start, self.prev_end())
                return inner
            if text == "[":
                return self.list_literal()
            if text in ("-", "+") and self.peek().kind == "number":
                self.advance()
                return self.number(-1.0 if text == "-" else 1.0, tok.start)
        elif kind == "string":
            self.advance()
            return String(value=self.string_value(tok), span=(tok.start, tok.end))
        elif kind == "time":
            self.advance()
            if not _valid_time(tok.text):
                self.error(f"`{tok.text}` is not a time of day (00:00 to 23:59:59)", tok, code="invalid-time")
            return Time(value=_normalise_time(tok.text), span=(tok.start, tok.end))
        elif kind == "keyword" and tok.text in ("true", "false"):
            self.advance()
            return Boolean(value=tok.text == "true", span=(tok.start, tok.end))
        elif kind == "keyword" and tok.text == "on" and self.peek(2).text != ".":
            # `on` is also the most common enum member (`light.state == on`): a value here.
            self.advance()
            return Name(name="on", span=(tok.start, tok.end))
        self.error(f"expected a value or `node.property`, found {_describe(tok)}")
        return ErrorExpr(message="expected a value", span=(tok.start, tok.start))

    def too_deep(self, tok: Token) -> Expr:
        self.error(f"expression nested more than {MAX_DEPTH} levels deep", tok, code="too-deep")
        # Skip the rest of the nested text so the error is reported once.
        balance = 0
        while self.tok.kind != "eof" and not (self.at_body_sync() and balance <= 0):
            if self.at("("):
                balance += 1
            elif self.at(")"):
                if balance == 0:
                    break
                balance -= 1
            self.advance()
        return ErrorExpr(message="too deep", span=(tok.start, self.prev_end()))

    def reference(self) -> Expr:
        tok = self.advance()
        if not self.at("."):
            return Name(name=tok.text, span=(tok.start, tok.end))
        self.advance()
        nxt = self.tok
        if nxt.kind == "ident":
            self.advance()
            return Ref(
                node=tok.text,
                property=nxt.text,
                node_span=(tok.start, tok.end),
                property_span=(nxt.start, nxt.end),
                span=(tok.start, nxt.end),
            )
        self.error(f"expected a property name after `{tok.text}.`")
        return Ref(node=tok.text, node_span=(tok.start, tok.end), span=(tok.start, self.prev_end()))

    def number(self, sign: float, start: int) -> Expr:
        tok = self.advance()
        value = sign * (tok.value or 0.0)
        if not math.isfinite(value):
            self.error(f"`{tok.text}` is too large a number", tok, code="number-too-large")
            value = 0.0
        unit = tok.unit
        if unit is None or not is_duration_unit(unit):
            return Number(value=_int_if_whole(value), unit=unit, span=(start, tok.end))
        seconds = duration_seconds(value, unit) or 0.0
        # `1 h 30 min`: consecutive duration parts add up.
        while self.tok.kind == "number" and self.tok.unit is not None and is_duration_unit(self.tok.unit):
            part = self.advance()
            seconds += sign * (duration_seconds(part.value or 0.0, part.unit or "s") or 0.0)
        return Duration(seconds=_int_if_whole(seconds), span=(start, self.prev_end()))

    def duration(self, context: str) -> Duration | ErrorExpr:
        tok = self.tok
        if tok.kind == "number":
            value = self.number(1.0, tok.start)
            if isinstance(value, Duration):
                return value
            if isinstance(value, Number) and value.unit is None:
                self.error(
                    f"a duration needs a unit: `{tok.text} s`, `{tok.text} min` or `{tok.text} h`",
                    span=value.span,
                    code="duration-unit",
                )
            else:
                self.error(f"`{tok.unit}` is not a unit of time", span=value.span, code="duration-unit")
            return ErrorExpr(message="duration", span=value.span)
        self.error(f"expected a duration (`5 min`) {context}, found {_describe(tok)}")
        return ErrorExpr(message="duration", span=(tok.start, tok.start))

    def list_literal(self) -> Expr:
        if self.depth >= MAX_DEPTH:
            return self.too_deep(self.tok)
        open_tok = self.advance()
        self.depth += 1
        items: list[Expr] = []
        while not self.at("]"):
            if self.tok.kind == "eof" or (self.at_body_sync() and not self.at("on")):
                break
            before = self.pos
            items.append(self.operand())
            if self.pos == before:
                self.advance()
            if not self.accept(","):
                break
        self.depth -= 1
        self.expect("]", "to close the list")
        return ListLit(items=items, span=(open_tok.start, self.prev_end()))

    def string_value(self, tok: Token) -> str:
        text = tok.text
        if len(text) < 2 or not text.endswith('"') or text.endswith('\\"') and not text.endswith('\\\\"'):
            self.error("unterminated string: add the closing `\"`", tok, code="unterminated-string")
            body = text[1:]
        else:
            body = text[1:-1]
        return _unescape(body)


def _unescape(body: str) -> str:
    if "\\" not in body:
        return body
    out = []
    chars = iter(body)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            out.append({"n": "\n", "t": "\t"}.get(nxt, nxt))
        else:
            out.append(ch)
    return "".join(out)


def _int_if_whole(value: float) -> float:
    return int(value) if math.isfinite(value) and abs(value) < 1e15 and value == int(value) else value


def _valid_time(text: str) -> bool:
    parts = [int(p) for p in text.split(":")]
    return parts[0] < 24 and parts[1] < 60 and (len(parts) < 3 or parts[2] < 60)


def _normalise_time(text: str) -> str:
    parts = text.split(":")
    parts[0] = parts[0].zfill(2)
    return ":".join(parts)
