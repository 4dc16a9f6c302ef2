"""Where things are written in an environment file's text: go to definition, references'
declarations, rename and workspace symbols point there.

Best effort and format-aware (YAML, JSON, TOML) by regular expressions rather than a second parse:
`- id: NAME` (YAML), `"id": "NAME"` (JSON), `id = "NAME"` (TOML). A node's block runs to the next
node's `id`; a property, action or event is searched for inside it, after its section's key.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path

from wfl.schemas.loader import format_for_path

Span = tuple[int, int]

_ID_PATTERNS = {
    "yaml": re.compile(
        r"""^[ \t]*(?:-[ \t]+)?id[ \t]*:[ \t]*(["']?)([^\W\d][\w]*)\1[ \t]*(?:#.*)?$""",
        re.MULTILINE,
    ),
    "json": re.compile(r""""id"\s*:\s*(")([^\W\d]\w*)(")"""),
    "toml": re.compile(r"""^[ \t]*id[ \t]*=[ \t]*(["'])([^\W\d]\w*)\1""", re.MULTILINE),
}


class EnvSource:
    """One environment file's text, with its node ids located once."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.format = format_for_path(path)
        self._ids: dict[str, Span] | None = None
        self._starts: list[int] = []

    @property
    def uri(self) -> str:
        return Path(self.path).resolve().as_uri()

    def ids(self) -> dict[str, Span]:
        if self._ids is None:
            found: dict[str, Span] = {}
            starts: list[int] = []
            pattern = _ID_PATTERNS[self.format]
            for match in pattern.finditer(self.text):
                starts.append(match.start())
                found.setdefault(match.group(2), match.span(2))
            self._ids, self._starts = found, starts
        return self._ids

    def node_span(self, node_id: str) -> Span | None:
        return self.ids().get(node_id)

    def _block(self, node_id: str) -> tuple[int, int] | None:
        span = self.node_span(node_id)
        if span is None:
            return None
        i = bisect_right(self._starts, span[0])
        end = self._starts[i] if i < len(self._starts) else len(self.text)
        # The id line may come after other keys of the same list item (YAML): start at the item.
        line_start = self.text.rfind("\n", 0, span[0]) + 1
        if self.format == "yaml":
            item = _yaml_item_start(self.text, line_start)
            start = item if item is not None else line_start
        else:
            start = line_start
        return start, end

    def member_span(self, node_id: str, section: str, name: str) -> Span | None:
        """The key `name` under `section` (`properties`, `actions`, `events`) of a node."""
        block = self._block(node_id)
        if block is None:
            return None
        start, end = block
        body = self.text[start:end]
        if self.format == "json":
            sec = re.search(rf'"{section}"\s*:\s*\{{', body)
            key = re.compile(rf'"({re.escape(name)})"\s*:')
        elif self.format == "toml":
            sec = re.search(
                rf"(?m)^\[[^\]]*\b{section}\b[^\]]*\]|\b{section}\s*=|\b{section}\.", body
            )
            key = re.compile(rf"(?m)(?:^|[\s{{,.\[])({re.escape(name)})\s*[=\].]")
        else:
            sec = re.search(rf"(?m)^[ \t]*(?:-[ \t]+)?{section}[ \t]*:", body)
            key = re.compile(rf"(?m)(?:^[ \t]*|[{{,][ \t]*)[\"']?({re.escape(name)})[\"']?[ \t]*:")
        if sec is None:
            return None
        found = key.search(body, sec.end())
        if found is None:
            return None
        return start + found.start(1), start + found.end(1)


def _yaml_item_start(text: str, line_start: int) -> int | None:
    """Start of the YAML list item (`- `) that the line at `line_start` belongs to."""
    line = text[
        line_start : text.find("\n", line_start) if "\n" in text[line_start:] else len(text)
    ]
    stripped = line.lstrip()
    if stripped.startswith("- "):
        return line_start
    indent = len(line) - len(stripped)
    pos = line_start
    while pos > 0:
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        prev = text[prev_start : pos - 1]
        p_stripped = prev.lstrip()
        p_indent = len(prev) - len(p_stripped)
        if p_stripped.startswith("- ") and p_indent + 2 == indent:
            return prev_start
        if p_stripped and p_indent < indent - 2:
            return None
        pos = prev_start
    return None
