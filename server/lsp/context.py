"""What the cursor is in the middle of, from the tokens around it: the half-typed document's view
that completion and signature help need.

The syntax tree of a half-typed line is often an error node, so this works on the token list (the
lexer never fails) by looking backwards from the cursor: the word being typed, the token before it,
the clause it belongs to (`when`/`if`/`do`/...), whether it is inside a call's parentheses or a
list after `in`. The result is a small `Context` that the completion module turns into items.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from wfl.grammar.lexer import Token
from wfl.schemas.workflow import Comment

COMPARATORS = frozenset({"==", "!=", "<", "<=", ">", ">=", "="})
_CLAUSES = frozenset({"when", "if", "do", "else", "at", "every", "on"})
_TRIGGER_CLAUSES = frozenset({"when", "at", "every", "on"})
_EXPR_STARTERS = frozenset({"when", "if", "and", "or", "not", "("})
_VALUE_END_KINDS = frozenset({"number", "string", "time"})
_CONNECTIVES = ("and", "or", "for", "changes", "becomes", "in", "not")


@dataclass
class Context:
    kind: str
    """One of:
    - `node`: a node id is expected (`category` says which nodes: properties, actions, events);
    - `member`: after `node.` (`category`: properties, actions or events);
    - `param`: a parameter name inside `node.action(`;
    - `value`: a value for `node`.`prop` (or for parameter `param` of `node`.`action`);
    - `unit`: a unit after a number compared with `node`.`prop` (or given to a parameter);
    - `duration-unit`: a unit after a number in `for`/`wait`/`every`;
    - `days`: after `at TIME on`;
    - `after-expr`: after a complete operand (`and`, `or`, `changes`, ... fit);
    - `clause`: at the start of a clause inside a workflow body;
    - `top`: outside any workflow;
    - `none`: in a comment or string, or nowhere completion makes sense."""
    start: int
    """Start of the text the completion replaces (the word being typed); it ends at the cursor."""
    prefix: str = ""
    clause: str | None = None
    """The clause keyword the cursor is in (`when`, `if`, `do`, `else`, `at`, `every`, `on`), None
    at a clause start or outside workflows."""
    category: str = "properties"
    node: str | None = None
    prop: str | None = None
    action: str | None = None
    param: str | None = None
    given: set[str] = field(default_factory=set)
    keywords: list[str] = field(default_factory=list)
    """Keywords that fit here besides the main items."""
    in_body: bool = False


class _Tokens:
    """The significant tokens (no eof) with position lookups."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = [t for t in tokens if t.kind != "eof"]
        self.starts = [t.start for t in self.tokens]
        self.ends = [t.end for t in self.tokens]

    def same_line(self, a: int, b: int) -> bool:
        return "\n" not in self.text[a:b]


def _in_comment(comments: list[Comment], offset: int) -> bool:
    starts = [c.span[0] for c in comments]
    i = bisect_right(starts, offset - 1) - 1
    if i < 0:
        return False
    start, end = comments[i].span
    return start < offset <= end


def context_at(text: str, tokens: list[Token], comments: list[Comment], offset: int) -> Context:
    offset = max(0, min(offset, len(text)))
    if _in_comment(comments, offset):
        return Context("none", offset)
    toks = _Tokens(text, tokens)
    seq = toks.tokens

    # The token the cursor is in or just after.
    k = bisect_left(toks.ends, offset)  # first token ending at or after the cursor
    current = seq[k] if k < len(seq) and seq[k].start < offset else None
    if current is not None and current.kind == "string":
        return Context("none", offset)
    if current is not None and current.kind == "number" and current.unit and current.end >= offset:
        unit_start = current.end - len(current.unit)
        if offset >= unit_start:
            return _unit_context(toks, k, unit_start, text[unit_start:offset])
        return Context("none", offset)
    if current is not None and current.kind in ("number", "time"):
        return Context("none", offset)

    if current is not None and current.kind in ("ident", "keyword"):
        start = current.start
        word_index = k
    else:
        start = offset
        word_index = k if current is None else k + 1
    prefix = text[start:offset]
    before = seq[:word_index]
    # An unterminated string before the cursor on this line: the cursor is inside it.
    if (
        before
        and before[-1].kind == "string"
        and not _closed_string(before[-1].text)
        and toks.same_line(before[-1].end, offset)
    ):
        return Context("none", offset)

    clause, clause_index, in_body = _enclosing_clause(before, text)
    ctx = _classify(toks, before, start, prefix, clause, clause_index, in_body, offset)
    ctx.in_body = in_body
    if ctx.clause is None:
        ctx.clause = clause
    return ctx


def _closed_string(text: str) -> bool:
    return (
        len(text) >= 2
        and text.endswith('"')
        and not (text.endswith('\\"') and not text.endswith('\\\\"'))
    )


def _is_clause_on(before: list[Token], i: int, text: str) -> bool:
    """Whether the keyword `on` at `before[i]` starts an event trigger (not `at 07:00 on mon`, not
    the enum member `on`)."""
    if i == 0:
        return True
    p = before[i - 1]
    if p.text in ("{", "}", "or") and p.kind in ("op", "keyword"):
        return True
    if p.kind == "op" and (p.text in COMPARATORS or p.text in (",", "[", "(", ":")):
        return False
    if p.kind == "keyword" and p.text == "becomes":
        return False
    return "\n" in text[p.end : before[i].start] and p.kind not in ("time",)


def _enclosing_clause(before: list[Token], text: str) -> tuple[str | None, int, bool]:
    """(clause keyword, its index in `before`, whether inside a workflow body)."""
    depth = 0
    for i in range(len(before) - 1, -1, -1):
        t = before[i]
        if t.kind == "keyword":
            word = t.text
            if word == "on" and not _is_clause_on(before, i, text):
                continue
            if word in _CLAUSES:
                # Inside a workflow body iff an unclosed `{` comes before the clause.
                return word, i, _inside_body(before, i)
            if word == "workflow":
                return None, i, False
        elif t.kind == "op":
            if t.text == "}":
                if depth == 0:
                    return None, i, False
                depth -= 1
            elif t.text == "{":
                return None, i, True
    return None, -1, False


def _inside_body(before: list[Token], i: int) -> bool:
    for j in range(i - 1, -1, -1):
        t = before[j]
        if t.kind == "op" and t.text == "{":
            return True
        if (t.kind == "op" and t.text == "}") or (t.kind == "keyword" and t.text == "workflow"):
            return False
    return False


def _open_paren(before: list[Token], lo: int) -> int:
    """Index of the unclosed `(` after `lo`, or -1."""
    depth = 0
    for i in range(len(before) - 1, lo, -1):
        t = before[i]
        if t.kind != "op":
            continue
        if t.text == ")":
            depth += 1
        elif t.text == "(":
            if depth == 0:
                return i
            depth -= 1
    return -1


def _open_bracket(before: list[Token], lo: int) -> int:
    depth = 0
    for i in range(len(before) - 1, lo, -1):
        t = before[i]
        if t.kind != "op":
            continue
        if t.text == "]":
            depth += 1
        elif t.text == "[":
            if depth == 0:
                return i
            depth -= 1
    return -1


def _ref_ending_at(before: list[Token], i: int) -> tuple[str, str] | None:
    """`(node, property)` if `before[i]` ends a `node.property` reference."""
    if (
        i >= 2
        and before[i].kind == "ident"
        and before[i - 1].text == "."
        and before[i - 2].kind == "ident"
    ):
        return before[i - 2].text, before[i].text
    return None


def _call_at_paren(before: list[Token], paren: int) -> tuple[str, str] | None:
    """`(node, action)` of the call whose `(` is `before[paren]`."""
    if (
        paren >= 3
        and before[paren - 1].kind == "ident"
        and before[paren - 2].text == "."
        and before[paren - 3].kind == "ident"
    ):
        return before[paren - 3].text, before[paren - 1].text
    return None


def _given_params(toks: _Tokens, paren_token: Token) -> set[str]:
    """Parameter names written inside the call that opens at `paren_token` (also after the cursor)."""
    seq = toks.tokens
    i = bisect_left(toks.starts, paren_token.end)
    depth = 0
    given: set[str] = set()
    while i < len(seq):
        t = seq[i]
        if t.kind == "op" and t.text in ("(", "["):
            depth += 1
        elif t.kind == "op" and t.text in (")", "]"):
            if depth == 0:
                break
            depth -= 1
        elif (
            t.kind == "keyword"
            and t.text in _CLAUSES | {"workflow"}
            or t.kind == "op"
            and t.text == "}"
        ):
            break
        elif depth == 0 and t.kind == "ident" and i + 1 < len(seq) and seq[i + 1].text == ":":
            given.add(t.text)
        i += 1
    return given


def _classify(
    toks: _Tokens,
    before: list[Token],
    start: int,
    prefix: str,
    clause: str | None,
    clause_index: int,
    in_body: bool,
    offset: int,
) -> Context:
    text = toks.text
    p = before[-1] if before else None
    pp = before[-2] if len(before) > 1 else None
    action_clause = clause in ("do", "else")

    if not in_body:
        return Context("top", start, prefix, keywords=["workflow"])

    # A word typed right after another bare word on the same line: a multi-word fuzzy query
    # (`when kitch temp`), when the words before follow an expression or action start.
    # Not when the word may be a connective being typed (`== docked an|`).
    if (
        p is not None
        and p.kind == "ident"
        and prefix
        and not any(k.startswith(prefix) for k in _CONNECTIVES)
        and toks.same_line(p.end, start)
        and (pp is None or pp.text != ".")
    ):
        j = len(before) - 1
        while (
            j > 0
            and before[j - 1].kind == "ident"
            and toks.same_line(before[j - 1].end, before[j].start)
        ):
            j -= 1
        opener = before[j - 1] if j > 0 else None
        if (
            opener is not None
            and opener.text != "."
            and (
                (
                    opener.kind == "keyword"
                    and opener.text in ("when", "if", "and", "or", "not", "do", "else", "on")
                )
                or (opener.kind == "op" and opener.text in ("(", ";"))
            )
        ):
            words_start = before[j].start
            query = text[words_start:offset]
            category = "actions" if action_clause else "events" if clause == "on" else "properties"
            return Context("node", words_start, query, category=category)

    # `node.` : members.
    if p is not None and p.kind == "op" and p.text == "." and pp is not None and pp.kind == "ident":
        if action_clause:
            return Context("member", start, prefix, category="actions", node=pp.text)
        if clause == "on":
            return Context("member", start, prefix, category="events", node=pp.text)
        return Context("member", start, prefix, category="properties", node=pp.text)

    # Inside a call's parentheses.
    if action_clause:
        paren = _open_paren(before, clause_index)
        call = _call_at_paren(before, paren) if paren >= 0 else None
        if call is not None:
            node, action = call
            given = _given_params(toks, before[paren])
            if p is not None and p.kind == "op" and p.text in ("(", ","):
                return Context("param", start, prefix, node=node, action=action, given=given)
            if (
                p is not None
                and p.kind == "op"
                and p.text == ":"
                and pp is not None
                and pp.kind == "ident"
            ):
                return Context("value", start, prefix, node=node, action=action, param=pp.text)
            if (
                p is not None
                and p.kind == "number"
                and not p.unit
                and pp is not None
                and pp.text == ":"
                and len(before) > 2
            ):
                return Context(
                    "unit", start, prefix, node=node, action=action, param=before[-3].text
                )
            if p is not None and p.kind == "ident" and not prefix:
                # `name(` `brightness_pct|` completed name without colon: nothing sensible.
                return Context("none", start)
            return Context("param", start, prefix, node=node, action=action, given=given)

    # After a comparison operator: values of the property on the left.
    if p is not None and p.kind == "op" and p.text in COMPARATORS:
        ref = _ref_ending_at(before, len(before) - 2)
        if ref is not None:
            return Context("value", start, prefix, node=ref[0], prop=ref[1])
        return Context("node", start, prefix, category="properties")
    if p is not None and p.kind == "keyword" and p.text == "becomes":
        ref = _ref_ending_at(before, len(before) - 2)
        if ref is not None:
            return Context("value", start, prefix, node=ref[0], prop=ref[1])
        return Context("none", start)
    # Inside `in [ ... ]`.
    bracket = _open_bracket(before, clause_index)
    if bracket >= 0 and p is not None and (p.text in ("[", ",")):
        j = bracket - 1
        if j >= 0 and before[j].kind == "keyword" and before[j].text == "in":
            ref = _ref_ending_at(
                before, j - 1 - (1 if j - 1 >= 0 and before[j - 1].text == "not" else 0)
            )
            if ref is not None:
                return Context("value", start, prefix, node=ref[0], prop=ref[1])
        return Context("none", start)

    # A number just typed (then a space): its unit.
    if p is not None and p.kind == "number" and not p.unit and toks.same_line(p.end, start):
        return _unit_context(toks, len(before) - 1, start, prefix, before)

    # Expression and action starts.
    if p is None or (p.kind == "op" and p.text == "{"):
        return _clause_start(start, prefix, None)
    if p.kind == "keyword":
        word = p.text
        if word == "on":
            if clause == "on" and before[clause_index] is p:
                return Context("node", start, prefix, category="events")
            return Context("days", start, prefix)
        if word in ("do", "else"):
            return Context("node", start, prefix, category="actions", keywords=["wait"])
        if word in ("when", "if", "and", "or", "not"):
            keywords = ["not"] if word != "not" else []
            if word == "or" and clause in _TRIGGER_CLAUSES:
                keywords += ["at", "every", "on"]
            return Context("node", start, prefix, category="properties", keywords=keywords)
        if word == "at":
            return Context(
                "node", start, prefix, category="properties", keywords=["sunrise", "sunset"]
            )
        if word in ("every", "for", "wait", "in", "changes", "workflow"):
            if word == "changes" and not toks.same_line(p.end, start):
                return _clause_start(start, prefix, clause)
            return Context("none", start)
        if word in ("true", "false"):
            return _after_operand(toks, p, start, prefix, clause, ref=None)
    if p.kind == "op":
        if p.text == "(":
            return Context("node", start, prefix, category="properties", keywords=["not"])
        if p.text == ";":
            return Context("node", start, prefix, category="actions", keywords=["wait"])
        if p.text == "}":
            return Context("top", start, prefix, keywords=["workflow"])
        if p.text in (")", "]"):
            if action_clause:
                if toks.same_line(p.end, start):
                    return Context("none", start)
                return _clause_start(start, prefix, clause)
            return _after_operand(toks, p, start, prefix, clause, ref=None)
    if p.kind in _VALUE_END_KINDS or p.kind == "ident":
        ref = _ref_ending_at(before, len(before) - 1)
        if action_clause and not toks.same_line(p.end, start):
            return _clause_start(start, prefix, clause)
        return _after_operand(toks, p, start, prefix, clause, ref=ref)
    return _clause_start(start, prefix, clause)


def _clause_start(start: int, prefix: str, clause: str | None) -> Context:
    """At the start of a line in a body: clause keywords, and in an action block further actions."""
    keywords = ["when", "if", "do", "else", "at", "every", "on"]
    if clause in ("do", "else"):
        return Context(
            "node", start, prefix, category="actions", keywords=["wait", *keywords], clause=clause
        )
    return Context("clause", start, prefix, keywords=keywords, clause=clause)


def _after_operand(
    toks: _Tokens, p: Token, start: int, prefix: str, clause: str | None, ref
) -> Context:
    if not toks.same_line(p.end, start):
        return _clause_start(start, prefix, clause)
    keywords = ["and", "or"]
    if clause in _TRIGGER_CLAUSES:
        keywords.append("for")
        if ref is not None:
            keywords += ["changes", "becomes"]
    if ref is not None:
        keywords += ["in", "not"]
    ctx = Context("after-expr", start, prefix, keywords=keywords)
    if ref is not None:
        ctx.node, ctx.prop = ref
    return ctx


def _unit_context(
    toks: _Tokens, number_index: int, start: int, prefix: str, before: list[Token] | None = None
) -> Context:
    """Units after the number at `toks.tokens[number_index]` (or `before[number_index]`)."""
    seq = before if before is not None else toks.tokens
    j = number_index - 1
    if j >= 0 and seq[j].kind == "op" and seq[j].text in ("-", "+"):
        j -= 1
    if j >= 0:
        t = seq[j]
        if t.kind == "op" and t.text in COMPARATORS:
            ref = _ref_ending_at(seq, j - 1)
            if ref is not None:
                return Context(
                    "unit", start, prefix, node=ref[0], prop=ref[1], keywords=["and", "or"]
                )
        if t.kind == "keyword" and t.text in ("for", "wait", "every"):
            return Context("duration-unit", start, prefix)
        if t.kind == "keyword" and t.text == "becomes":
            ref = _ref_ending_at(seq, j - 1)
            if ref is not None:
                return Context(
                    "unit", start, prefix, node=ref[0], prop=ref[1], keywords=["for", "or"]
                )
        if t.kind == "op" and t.text == ":" and j >= 1 and seq[j - 1].kind == "ident":
            paren = _open_paren(seq[:j], -1)
            call = _call_at_paren(seq, paren) if paren >= 0 else None
            if call is not None:
                return Context(
                    "unit", start, prefix, node=call[0], action=call[1], param=seq[j - 1].text
                )
    return Context("none", start)


class CallSite:
    """The call whose parentheses the cursor is in."""

    __slots__ = ("action", "current", "given", "node")

    def __init__(self, node: str, action: str, given: set[str], current: str | None) -> None:
        self.node = node
        self.action = action
        self.given = given
        self.current = current
        """The parameter whose value the cursor is in (`name: |`), if any."""


def call_at(text: str, tokens: list[Token], offset: int) -> CallSite | None:
    toks = _Tokens(text, tokens)
    before = toks.tokens[: bisect_right(toks.ends, offset)]
    clause, clause_index, _ = _enclosing_clause(before, text)
    if clause not in ("do", "else"):
        return None
    paren = _open_paren(before, clause_index)
    if paren < 0:
        return None
    call = _call_at_paren(before, paren)
    if call is None:
        return None
    current = None
    depth = 0
    for i in range(len(before) - 1, paren, -1):
        t = before[i]
        if t.kind == "op" and t.text in (")", "]"):
            depth += 1
        elif t.kind == "op" and t.text in ("(", "["):
            depth -= 1
        elif depth == 0 and t.kind == "op" and t.text == ",":
            break
        elif (
            depth == 0
            and t.kind == "op"
            and t.text == ":"
            and i > paren + 1
            and before[i - 1].kind == "ident"
        ):
            current = before[i - 1].text
            break
    return CallSite(call[0], call[1], _given_params(toks, before[paren]), current)
