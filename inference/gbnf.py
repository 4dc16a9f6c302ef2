"""A typed builder for GBNF grammars (llama.cpp's constrained-decoding format).

llama.cpp aborts the whole process on a grammar it cannot parse, so grammars are never written as
strings: they are built from these types, and `Grammar.render()` validates the result first (rule
names are lowercase letters, digits and `-`; every referenced rule is defined; the root exists;
literals are escaped). A mistake raises `GrammarError` in Python instead of killing the server.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from msgspec import Struct, field

_RULE_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


class GrammarError(ValueError):
    """The grammar would be rejected by llama.cpp."""


class Lit(Struct, frozen=True):
    """A literal string, escaped when rendered."""

    text: str

    def render(self) -> str:
        out = []
        for ch in self.text:
            if ch == "\\":
                out.append("\\\\")
            elif ch == '"':
                out.append('\\"')
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\r":
                out.append("\\r")
            elif ch == "\t":
                out.append("\\t")
            elif ord(ch) < 0x20:
                out.append(f"\\x{ord(ch):02X}")
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'


class Chars(Struct, frozen=True):
    """A character class such as `[0-9]` or `[^"\\n]`, given as its inside."""

    inside: str

    def render(self) -> str:
        if not self.inside or "]" in self.inside.replace("\\]", ""):
            raise GrammarError(f"bad character class [{self.inside}]")
        return f"[{self.inside}]"


class Rule(Struct, frozen=True):
    """A reference to a named rule."""

    name: str

    def render(self) -> str:
        return self.name


class Seq(Struct, frozen=True):
    items: tuple["Expr", ...]

    def render(self) -> str:
        if not self.items:
            return '""'
        return " ".join(_group(item) for item in self.items)


class Alt(Struct, frozen=True):
    options: tuple["Expr", ...]

    def render(self) -> str:
        if not self.options:
            raise GrammarError("an alternative with no options")
        return " | ".join(option.render() for option in self.options)


class Repeat(Struct, frozen=True):
    """`item` repeated: `?` (0-1), `*` (0+), `+` (1+)."""

    item: "Expr"
    op: str

    def render(self) -> str:
        if self.op not in ("?", "*", "+"):
            raise GrammarError(f"unknown repetition {self.op!r}")
        return _group(self.item, tight=True) + self.op


Expr = Lit | Chars | Rule | Seq | Alt | Repeat


def _group(expr: Expr, tight: bool = False) -> str:
    text = expr.render()
    if isinstance(expr, Alt) or (tight and isinstance(expr, Seq) and len(expr.items) > 1):
        return f"({text})"
    return text


def seq(*items: Expr | str) -> Seq:
    return Seq(tuple(Lit(i) if isinstance(i, str) else i for i in items))


def alt(*options: Expr | str) -> Alt:
    return Alt(tuple(Lit(o) if isinstance(o, str) else o for o in options))


def one_of(words: Iterable[str]) -> Alt:
    """Exactly one of the given literal strings (deduplicated, order kept)."""
    unique = list(dict.fromkeys(words))
    return Alt(tuple(Lit(w) for w in unique))


def opt(item: Expr | str) -> Repeat:
    return Repeat(Lit(item) if isinstance(item, str) else item, "?")


def many(item: Expr | str) -> Repeat:
    return Repeat(Lit(item) if isinstance(item, str) else item, "*")


def many1(item: Expr | str) -> Repeat:
    return Repeat(Lit(item) if isinstance(item, str) else item, "+")


class Grammar(Struct):
    """Named rules; `root` is where generation starts."""

    rules: dict[str, Expr] = field(default_factory=dict)

    def add(self, name: str, expr: Expr) -> Rule:
        if not _RULE_NAME.match(name):
            raise GrammarError(f"rule name {name!r}: use lowercase letters, digits and '-'")
        if name in self.rules:
            raise GrammarError(f"rule {name!r} defined twice")
        self.rules[name] = expr
        return Rule(name)

    def rule_name(self, hint: str) -> str:
        """A fresh valid rule name derived from any text (`kitchen_light` -> `kitchen-light`)."""
        base = re.sub(r"[^a-z0-9]+", "-", hint.lower()).strip("-") or "r"
        if not base[0].isalpha():
            base = "r-" + base
        name, n = base, 2
        while name in self.rules:
            name, n = f"{base}-{n}", n + 1
        return name

    def render(self) -> str:
        """The GBNF text, after checking that llama.cpp will accept it."""
        if "root" not in self.rules:
            raise GrammarError("no root rule")
        for name, expr in self.rules.items():
            for ref in _references(expr):
                if ref not in self.rules:
                    raise GrammarError(f"rule {name!r} refers to undefined rule {ref!r}")
        return "\n".join(f"{name} ::= {expr.render()}" for name, expr in self.rules.items()) + "\n"


def _references(expr: Expr) -> Iterable[str]:
    if isinstance(expr, Rule):
        yield expr.name
    elif isinstance(expr, Seq):
        for item in expr.items:
            yield from _references(item)
    elif isinstance(expr, Alt):
        for option in expr.options:
            yield from _references(option)
    elif isinstance(expr, Repeat):
        yield from _references(expr.item)
