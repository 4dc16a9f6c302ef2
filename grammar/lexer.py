"""Tokens of the wfl language.

One compiled regular expression does the work, so lexing a 10,000-line file takes milliseconds.
The lexer never fails: a character it does not know becomes an `error` token and the parser reports
it. Comments are collected on the side, for the formatter and the editor.

A unit belongs to the number before it (`25 °C`, `0.4 EUR/kWh`, `5 min`) when it follows on the
same line and is not a keyword or the start of a `node.property` reference.
"""

from __future__ import annotations

import re
from typing import Final

from wfl.schemas.workflow import Comment

KEYWORDS: Final = frozenset(
    "workflow when if do else and or not in for changes becomes at on every wait true false".split()
)
CLAUSE_KEYWORDS: Final = frozenset({"when", "if", "do", "else", "at", "every", "on"})

_KEYWORD_ALT = "|".join(sorted(KEYWORDS, key=len, reverse=True))
_UNIT = (
    rf"(?!(?:{_KEYWORD_ALT})(?![^\W\d]))"  # not a keyword
    r"(?:%|°[CF]?|℃|℉|[^\W\d_](?:[^\W\d_]|[²³·])*(?:/[^\W\d_](?:[^\W\d_]|[²³])*)?)"
    r"(?![^\W\d]|[.(_])"  # not cut out of a longer word, not a node reference
)

_TOKEN_RE: Final = re.compile(
    r"""
    [ \t\r\n\f\v]*     # whitespace is skipped as the prefix of the next token
    (?:
    (?P<comment>\#[^\n]*)
  | (?P<time>\d{1,2}:\d{2}(?::\d{2})?(?!\d))
  | (?P<number>(?P<digits>\d+(?:\.\d+)?)(?:[ \t]*(?P<unit>"""
    + _UNIT
    + r"""))?)
  | (?P<ident>[^\W\d]\w*)
  | (?P<string>"(?:[^"\\\n]|\\.)*"?)
  | (?P<op>==|!=|<=|>=|[<>=(){}\[\],:;.+\-])
  | (?P<error>[^ \t\r\n\f\v])
    )
    """,
    re.VERBOSE | re.DOTALL,
)


class Token:
    """`kind` is one of: ident, keyword, number, time, string, op, error, eof.

    For keywords and operators `text` is the keyword or operator itself, so the parser compares
    `tok.text` to dispatch; for numbers `value` is the numeric value and `unit` the unit or None.
    """

    __slots__ = ("kind", "text", "start", "end", "value", "unit")

    def __init__(
        self,
        kind: str,
        text: str,
        start: int,
        end: int,
        value: float | None = None,
        unit: str | None = None,
    ) -> None:
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
        self.value = value
        self.unit = unit

    def __repr__(self) -> str:
        return f"Token({self.kind!r}, {self.text!r}, {self.start}, {self.end})"


def tokenize(text: str) -> tuple[list[Token], list[Comment]]:
    """Tokens (ending with an `eof` token) and comments of `text`."""
    tokens: list[Token] = []
    comments: list[Comment] = []
    append = tokens.append
    keywords = KEYWORDS
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup
        if kind is None:  # trailing whitespace
            continue
        word = match.group(kind)
        start, end = match.span(kind)
        if kind == "ident":
            append(Token("keyword" if word in keywords else "ident", word, start, end))
        elif kind == "number":
            append(Token("number", word, start, end, float(match.group("digits")), match.group("unit")))
        elif kind == "comment":
            comments.append(Comment(word, (start, end)))
        else:
            append(Token(kind, word, start, end))  # type: ignore[arg-type]
    tokens.append(Token("eof", "", len(text), len(text)))
    return tokens, comments
