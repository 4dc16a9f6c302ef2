"""Read back the Jinja templates `templates.py` writes, as wfl expressions.

Only that vocabulary is understood (`states`, `state_attr`, `is_state`, `is_state_attr`, `|float(N)`,
comparisons, `in`, `and`/`or`/`not`, literals and lists); anything else raises ValueError. Literals
take their type from the property they are compared with (a string compared with an enum property
is an enum member, a number compared with a °C property is in °C).
"""

from __future__ import annotations

import ast
import re
from typing import NamedTuple

from wfl.schemas.environment import BooleanType, ValueType
from wfl.schemas.workflow import And, Compare, Expr, Not, Or, Ref

from .mapping import Places
from .values import literal_for

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
    | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
    | (?P<op>\{\{|\}\}|==|!=|<=|>=|[<>()\[\],|-])
    | (?P<name>[A-Za-z_]\w*)
    )""",
    re.VERBOSE | re.DOTALL,
)
_COMPARATORS = frozenset({"==", "!=", "<", "<=", ">", ">="})


class _Raw(NamedTuple):
    """A literal whose wfl type is not known until we see what it is compared with."""

    value: object


def parse_template(text: str, places: Places) -> Expr:
    tokens = _tokenize(text)
    if tokens[:1] != [("op", "{{")] or tokens[-1:] != [("op", "}}")]:
        raise ValueError(f"not a `{{{{ ... }}}}` template: {text!r}")
    parser = _Parser(tokens[1:-1], places)
    expr = parser.expression()
    if parser.pos != len(parser.tokens):
        raise ValueError(f"unexpected {parser.tokens[parser.pos][1]!r} in {text!r}")
    return _typed(expr, None)


def _tokenize(text: str) -> list[tuple[str, object]]:
    tokens: list[tuple[str, object]] = []
    pos, text = 0, text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise ValueError(f"cannot read the template at {text[pos:pos + 20]!r}")
        pos = match.end()
        kind = match.lastgroup
        raw = match.group(kind)
        if kind == "string":
            tokens.append(("string", ast.literal_eval(raw)))
        elif kind == "number":
            tokens.append(("number", float(raw) if any(c in raw for c in ".eE") else int(raw)))
        else:
            tokens.append((kind, raw))
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, object]], places: Places) -> None:
        self.tokens, self.places, self.pos = tokens, places, 0
        self.types: dict[int, ValueType] = {}
        """The property type of each Ref built, by id(), to type the literals compared with it."""

    def peek(self, ahead: int = 0) -> tuple[str, object]:
        index = self.pos + ahead
        return self.tokens[index] if index < len(self.tokens) else ("eof", None)

    def take(self, value: object | None = None) -> tuple[str, object]:
        token = self.peek()
        if token[0] == "eof" or (value is not None and token[1] != value):
            raise ValueError(f"expected {value!r}, found {token[1]!r}")
        self.pos += 1
        return token

    def accept(self, value: object) -> bool:
        if self.peek()[1] == value and self.peek()[0] in ("op", "name"):
            self.pos += 1
            return True
        return False

    def expression(self) -> Expr:
        operands = [self.conjunction()]
        while self.accept("or"):
            operands.append(self.conjunction())
        return operands[0] if len(operands) == 1 else Or(operands=operands)

    def conjunction(self) -> Expr:
        operands = [self.negation()]
        while self.accept("and"):
            operands.append(self.negation())
        return operands[0] if len(operands) == 1 else And(operands=operands)

    def negation(self) -> Expr:
        if self.peek() == ("name", "not") and self.peek(1) != ("name", "in"):
            self.pos += 1
            return Not(operand=self.negation())
        return self.comparison()

    def comparison(self) -> Expr | _Raw:
        left = self.term()
        kind, value = self.peek()
        if kind == "op" and value in _COMPARATORS:
            self.pos += 1
            return self.compare(str(value), left, self.term())
        if (kind, value) == ("name", "in"):
            self.pos += 1
            return self.compare("in", left, self.term())
        if (kind, value) == ("name", "not") and self.peek(1) == ("name", "in"):
            self.pos += 2
            return self.compare("not in", left, self.term())
        return left

    def compare(self, op: str, left, right) -> Compare:
        left_type = self.types.get(id(left))
        right_type = self.types.get(id(right))
        return Compare(op=op, left=_typed(left, right_type), right=_typed(right, left_type))

    def term(self):
        kind, value = self.take()
        if (kind, value) == ("op", "("):
            inner = self.expression()
            self.take(")")
            return inner
        if (kind, value) == ("op", "["):
            items = []
            while not self.accept("]"):
                items.append(self.term())
                if not self.accept(","):
                    self.take("]")
                    break
            return _Raw([item.value if isinstance(item, _Raw) else item for item in items])
        if (kind, value) == ("op", "-") and self.peek()[0] == "number":
            return _Raw(-self.take()[1])  # type: ignore[operator]
        if kind in ("string", "number"):
            return _Raw(value)
        if kind == "name" and value in ("true", "false", "True", "False"):
            return _Raw(value in ("true", "True"))
        if kind == "name":
            return self.call(str(value))
        raise ValueError(f"unexpected {value!r}")

    def call(self, function: str) -> Expr:
        self.take("(")
        args = [self._argument()]
        while self.accept(","):
            args.append(self._argument())
        self.take(")")
        if self.accept("|"):
            self.take("float")
            self.take("(")
            self.term()
            self.take(")")
        if function == "states" and len(args) == 1:
            return self.ref(str(args[0]), None)
        if function == "state_attr" and len(args) == 2:
            return self.ref(str(args[0]), str(args[1]))
        if function == "is_state" and len(args) == 2:
            return self.flag(self.ref(str(args[0]), None), args[1])
        if function == "is_state_attr" and len(args) == 3:
            return self.flag(self.ref(str(args[0]), str(args[1])), args[2])
        raise ValueError(f"unknown template function {function}({', '.join(map(repr, args))})")

    def _argument(self) -> object:
        term = self.term()
        if not isinstance(term, _Raw):
            raise ValueError("template functions take literal arguments here")
        return term.value

    def ref(self, entity: str, attribute: str | None) -> Ref:
        node = self.places.node_of_entity(entity)
        found = self.places.property_at(node, attribute) if node is not None else None
        if node is None or found is None:
            where = f"attribute `{attribute}` of " if attribute else ""
            raise ValueError(f"no property of the environment reads {where}`{entity}`")
        ref = Ref(node=node.id, property=found[0])
        self.types[id(ref)] = found[1]
        return ref

    def flag(self, ref: Ref, value: object) -> Expr:
        """`is_state(e, 'on')` is the boolean property itself; other values are comparisons."""
        prop = self.types[id(ref)]
        if isinstance(prop, BooleanType) and value in ("on", True):
            return ref
        return Compare(op="==", left=ref, right=literal_for(value, prop))


def _typed(expr: Expr | _Raw, prop: ValueType | None) -> Expr:
    return literal_for(expr.value, prop) if isinstance(expr, _Raw) else expr
