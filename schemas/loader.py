"""Environment files (YAML, JSON, TOML) in and out, with every problem located in the source text.

Why it looks like this:

- Speed. A 50,000-node environment must open while an editor waits. JSON is one typed
  `msgspec.json.decode` (0.3 s); YAML is read from libyaml's event stream straight into plain data,
  skipping PyYAML's node tree and constructor (2.5x faster than `yaml.load` with CSafeLoader), then
  `msgspec.convert`; TOML goes through `tomllib`. The garbage collector is paused meanwhile.
- Locations. Errors point at the offending value. msgspec reports validation errors as a path
  (`$.nodes[3].properties[...].type`); the `[...]` dictionary keys are recovered by re-validating the
  entries, and the path is then mapped onto a YAML node tree composed only when something must be
  located (JSON is composed as YAML too), or, for TOML, found by a best-effort text search.
- YAML scalars follow the YAML 1.2 core schema, as editors' YAML servers do: only `true`/`false` are
  booleans, so `values: [on, off]` means the strings Home Assistant uses, `07:30` is a string and
  dates stay text.
- Semantic checks (duplicate node ids, empty enums, min > max, shared aliases) run after a
  successful decode. Their problems are recoverable, so the environment is kept: a duplicated node id
  keeps its first node and drops the later ones; everything else is kept as written.

Codes: `env-io`, `env-syntax`, `env-schema`, `env-duplicate-node`, `env-empty-enum`, `env-range`,
`env-duplicate-alias` (warning), `env-duplicate-key` (warning, YAML: a key written twice in one mapping).
"""

from __future__ import annotations

import gc
import json
import math
import re
import tomllib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple, Union

import msgspec
import yaml
from rapidfuzz import process

from .diagnostics import Diagnostic, Severity
from .environment import Action, EnumType, Environment, Event, Node, NumberType, ValueType
from .text import LineIndex

FORMATS = ("yaml", "json", "toml")
VALUE_TYPE_NAMES = ("number", "boolean", "enum", "string", "time", "duration")

Segment = Union[str, int]
PathT = tuple[Segment, ...]
Span = tuple[int, int]


class EnvLoad(msgspec.Struct):
    """The outcome of loading one environment file. `environment` is None only when the file could not
    be read, parsed or validated; semantic problems keep it (see the module docstring)."""

    path: str
    text: str
    environment: Environment | None
    diagnostics: list[Diagnostic] = msgspec.field(default_factory=list)


# --------------------------------------------------------------------------------------- public API


def format_for_path(path: str | Path) -> str:
    """`json`, `toml` or `yaml` from a file name; anything unknown is read as YAML (JSON is YAML too)."""
    suffix = Path(path).suffix.lower()
    return {".json": "json", ".toml": "toml"}.get(suffix, "yaml")


def load_environment(path: str | Path) -> EnvLoad:
    """Read and parse an environment file; a missing or unreadable file is an `env-io` diagnostic."""
    name = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        d = Diagnostic(code="env-io", message=f"cannot read {name}: {reason}", span=(0, 0))
        return EnvLoad(name, "", None, [d])
    return parse_environment(text, fmt=format_for_path(path), path=name)


def parse_environment(text: str, *, fmt: str, path: str = "<environment>") -> EnvLoad:
    """Parse environment text in `fmt` (yaml, yml, json, toml). Never raises for bad content."""
    fmt = _normal_format(fmt)
    with _gc_paused():
        try:
            if fmt == "json":
                doc = _decode_json(text)
            elif fmt == "toml":
                doc = _decode_toml(text)
            else:
                doc = _decode_yaml(text)
        except RecursionError:
            d = Diagnostic(code="env-syntax", message="nested too deeply", span=(0, 0))
            return EnvLoad(path, text, None, [d])
        if doc.env is None:
            return EnvLoad(path, text, None, doc.diagnostics)
        env, issues = _semantic_issues(doc.env)
        diagnostics = doc.diagnostics + [_issue_diagnostic(i, doc.source) for i in issues]
        return EnvLoad(path, text, env, diagnostics)


def dump_environment(env: Environment, fmt: str) -> str:
    """The environment as YAML, JSON or TOML text that `parse_environment` reads back unchanged."""
    fmt = _normal_format(fmt)
    with _gc_paused():
        data = _tidy(msgspec.to_builtins(env))
        if fmt == "json":
            return msgspec.json.format(msgspec.json.encode(data), indent=2).decode("utf-8") + "\n"
        if fmt == "toml":
            return _toml_dump(data)
        return yaml.dump(data, Dumper=_YamlDumper, sort_keys=False, allow_unicode=True, width=4096)


def _tidy(data: Any) -> Any:
    """Whole floats as integers (`min: 0`, not `min: 0.0`); decoding turns them back into floats."""
    if isinstance(data, dict):
        return {k: _tidy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_tidy(v) for v in data]
    if isinstance(data, float) and data.is_integer() and abs(data) < 1e15:
        return int(data)
    return data


def _normal_format(fmt: str) -> str:
    name = fmt.lower().lstrip(".")
    name = "yaml" if name == "yml" else name
    if name not in FORMATS:
        raise ValueError(f"unknown environment format {fmt!r} (expected yaml, json or toml)")
    return name


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Decoding makes millions of small objects; cyclic GC passes over them cost more than the decode."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Decoded(NamedTuple):
    env: Environment | None
    source: "_Source"
    diagnostics: list[Diagnostic]


# ------------------------------------------------------------------------------------------- JSON

_BYTE_POSITION = re.compile(r"\s*\(byte (\d+)\)$")


def _decode_json(text: str) -> _Decoded:
    source = _Source(text, "json")
    try:
        return _Decoded(msgspec.json.decode(text, type=Environment), source, [])
    except msgspec.ValidationError as exc:
        try:  # typed decoding stops at the first invalid value: the rest may not even be JSON
            data = msgspec.json.decode(text)
        except msgspec.DecodeError as syntax:
            return _Decoded(None, source, [_json_syntax(syntax, text)])
        return _Decoded(None, source, [_schema_diagnostic(exc, data, source)])
    except msgspec.DecodeError as exc:
        return _Decoded(None, source, [_json_syntax(exc, text)])


def _json_syntax(exc: msgspec.DecodeError, text: str) -> Diagnostic:
    """msgspec counts UTF-8 bytes; diagnostics count characters."""
    message = str(exc)
    match = _BYTE_POSITION.search(message)
    if match:
        byte = int(match.group(1))
        offset = len(text.encode("utf-8")[:byte].decode("utf-8", "ignore"))
        message = message[: match.start()]
    else:
        offset = len(text)
    message = re.sub(r" - at `[^`]*`$", "", message.removeprefix("JSON is malformed: "))
    message = message[:1].lower() + message[1:]
    if message == "input data was truncated":
        message = "unexpected end of file"
    return Diagnostic(code="env-syntax", message=f"invalid JSON: {message}", span=(offset, offset))


# ------------------------------------------------------------------------------------------- YAML

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN = "tag:wfl:plain"  # an untagged plain scalar, typed by `_plain` below

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _YamlLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """libyaml's parser. Loading reads its events; locating composes a node tree, with a trivial
    resolver (plain scalars are typed by `_plain`, YAML 1.2, not PyYAML's 1.1 regex list)."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _MAP if kind is yaml.MappingNode else _SEQ


_WORDS: dict[str, Any] = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("null", "Null", "NULL", "~", ""), None),
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), math.inf),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), -math.inf),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), math.nan),
}
_NUMBER_START = frozenset("0123456789+-.")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


def _plain(value: str) -> Any:
    """A plain scalar under the YAML 1.2 core schema."""
    if value in _WORDS:
        return _WORDS[value]
    if value[0] in _NUMBER_START and value.isascii():
        try:
            return int(value)
        except ValueError:
            pass
        if _FLOAT.fullmatch(value):
            return float(value)
        if value[:2] in ("0x", "0o"):
            try:
                return int(value, 0)
            except ValueError:
                pass
    return value


def _tagged(tag: str, value: str) -> Any:
    """A scalar with an explicit standard tag (`!!int 3`); ValueError for anything else."""
    if tag in (_STR, "!"):
        return value
    try:
        if tag == "tag:yaml.org,2002:int":
            return int(value.replace("_", ""), 0) if value[:2] in ("0x", "0o", "0b") else int(value)
        if tag == "tag:yaml.org,2002:float":
            result = _plain(value) if value else None
            return float(result if isinstance(result, (int, float)) else value)
        if tag == "tag:yaml.org,2002:bool":
            return {"true": True, "false": False}[value.lower()]
        if tag == "tag:yaml.org,2002:null":
            return None
    except (ValueError, KeyError):
        raise ValueError(f"{value!r} is not a valid {tag.rsplit(':', 1)[-1]}") from None
    raise ValueError(f"unsupported tag {tag!r}")


class _BuildError(Exception):
    def __init__(self, event: Any, message: str) -> None:
        super().__init__(message)
        self.span: Span = (event.start_mark.index, event.end_mark.index)
        self.message = message


_NO_KEY = object()


def _yaml_data(text: str) -> tuple[Any, list[Diagnostic]]:
    """Plain data straight from libyaml's event stream: about twice as fast as composing a node tree
    and constructing from it, which matters at 50,000 nodes. Aliases share the anchored object (no
    YAML bombs); `<<` merge keys work; a key written twice is a warning. YAMLError for bad syntax."""
    loader = _YamlLoader(text)
    try:
        return _events_to_data(loader.get_event)
    finally:
        loader.dispose()


def _events_to_data(get: Callable[[], Any]) -> tuple[Any, list[Diagnostic]]:
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    warnings: list[Diagnostic] = []
    anchors: dict[str, Any] = {}
    stack: list[tuple] = []
    container: Any = None
    is_map = False
    key: Any = _NO_KEY
    key_event: Any = None
    first_lines: dict | None = None  # key -> line of its first occurrence, for duplicate warnings
    merges: list | None = None
    root: Any = None
    get()  # stream start
    if type(get()) is yaml.StreamEndEvent:  # no document at all
        return None, warnings
    while True:
        event = get()
        kind = type(event)
        if kind is scalar_event:
            tag = event.tag
            if tag is None:
                value = _plain(event.value) if event.implicit[0] else event.value
            else:
                try:
                    value = _tagged(tag, event.value)
                except ValueError as exc:
                    raise _BuildError(event, str(exc)) from None
            if event.anchor is not None:
                anchors[event.anchor] = value
        elif kind is mapping_start or kind is sequence_start:
            if event.tag not in (None, "!", _MAP, _SEQ):
                raise _BuildError(event, f"unsupported tag {event.tag!r}")
            new: Any = {} if kind is mapping_start else []
            if event.anchor is not None:
                anchors[event.anchor] = new
            stack.append((container, is_map, key, key_event, first_lines, merges))
            container, is_map, key, key_event, merges = new, kind is mapping_start, _NO_KEY, None, None
            first_lines = {} if is_map else None
            continue
        elif kind is mapping_end or kind is sequence_end:
            value = container
            for extra in merges or ():
                for k, v in extra.items():
                    value.setdefault(k, v)
            container, is_map, key, key_event, first_lines, merges = stack.pop()
        elif kind is alias_event:
            if event.anchor not in anchors:
                raise _BuildError(event, f"unknown alias *{event.anchor}")
            value = anchors[event.anchor]
        elif kind is yaml.DocumentEndEvent:
            following = get()
            if type(following) is not yaml.StreamEndEvent:
                message = "expected a single document in the stream, but found another document"
                raise _BuildError(following, message)
            return root, warnings
        else:
            raise _BuildError(event, f"unexpected {kind.__name__}")

        if container is None:
            root = value
        elif not is_map:
            container.append(value)
        elif key is _NO_KEY:
            if type(value) is dict or type(value) is list:
                raise _BuildError(event, "a key must be a single value, not a list or mapping")
            key, key_event = value, event
        else:
            if key == "<<" and type(key_event) is scalar_event and key_event.tag is None and key_event.implicit[0]:
                extras = value if type(value) is list else [value]
                if not all(type(extra) is dict for extra in extras):
                    raise _BuildError(key_event, "`<<` merges mappings only")
                merges = (merges or []) + extras
            else:
                if key in first_lines:
                    line = first_lines[key] + 1
                    warnings.append(
                        Diagnostic(
                            code="env-duplicate-key",
                            message=f"duplicate key {_quote(key)} (first on line {line}); the last one wins",
                            span=(key_event.start_mark.index, key_event.end_mark.index),
                            severity=Severity.WARNING,
                        )
                    )
                else:
                    first_lines[key] = key_event.start_mark.line
                container[key] = value
            key = _NO_KEY


def _compose_yaml(text: str) -> yaml.Node | None:
    loader = _YamlLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _decode_yaml(text: str) -> _Decoded:
    source = _Source(text, "yaml")
    try:
        data, warnings = _yaml_data(text)
    except yaml.YAMLError as exc:
        return _Decoded(None, source, [_yaml_syntax(exc, text)])
    except _BuildError as exc:
        return _Decoded(None, source, [Diagnostic(code="env-syntax", message=exc.message, span=exc.span)])
    try:
        return _Decoded(msgspec.convert({} if data is None else data, Environment), source, warnings)
    except msgspec.ValidationError as exc:
        return _Decoded(None, source, warnings + [_schema_diagnostic(exc, data, source)])


def _yaml_syntax(exc: yaml.YAMLError, text: str) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        offset = mark.index
    else:
        offset = getattr(exc, "position", 0) or 0  # ReaderError: a character YAML does not allow
    problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and problem.startswith("but "):  # "expected a single document ..., but found another"
        problem = f"{context}, {problem}"
    elif context and context_mark is not None and context_mark is not mark:
        problem += f" ({context} at line {context_mark.line + 1}, column {context_mark.column + 1})"
    offset = max(0, min(offset, len(text)))
    return Diagnostic(code="env-syntax", message=f"invalid YAML: {problem}", span=(offset, offset))


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Quote any string the 1.2 loader would read as something else (`1e3`, `0o7`, ``)."""
    style = None if isinstance(_plain(value) if value else None, str) else "'"
    return dumper.represent_scalar(_STR, value, style=style)


def _represent_dict(dumper: yaml.SafeDumper, value: dict) -> yaml.MappingNode:
    """Value types on one line, as people write them: `temp: {type: number, unit: °C}`."""
    flow = not value or ("type" in value and not any(isinstance(v, dict) for v in value.values()))
    return dumper.represent_mapping(_MAP, value, flow_style=flow)


def _represent_list(dumper: yaml.SafeDumper, value: list) -> yaml.SequenceNode:
    flow = not any(isinstance(v, (dict, list)) for v in value)
    return dumper.represent_sequence(_SEQ, value, flow_style=flow)


class _YamlDumper(_BaseDumper):  # type: ignore[misc, valid-type]
    pass


_YamlDumper.add_representer(str, _represent_str)
_YamlDumper.add_representer(dict, _represent_dict)
_YamlDumper.add_representer(list, _represent_list)


# ------------------------------------------------------------------------------------------- TOML

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _decode_toml(text: str) -> _Decoded:
    source = _Source(text, "toml")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        if match:
            offset = source.index.offset(int(match.group(1)) - 1, int(match.group(2)) - 1)
            message = message[: match.start()]
        else:
            offset = len(text)
            message = message.replace(" (at end of document)", "")
        message = message[:1].lower() + message[1:]
        d = Diagnostic(code="env-syntax", message=f"invalid TOML: {message}", span=(offset, offset))
        return _Decoded(None, source, [d])
    try:
        return _Decoded(msgspec.convert(data, Environment), source, [])
    except msgspec.ValidationError as exc:
        return _Decoded(None, source, [_schema_diagnostic(exc, data, source)])


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _toml_dump(data: dict) -> str:
    """TOML for plain data: nodes as `[[nodes]]`, big tables as sections, small ones inline."""
    lines: list[str] = []
    _toml_table(data, (), lines)
    return "\n".join(lines).lstrip("\n") + "\n"


def _toml_table(table: dict, prefix: tuple[str, ...], lines: list[str]) -> None:
    sections: list[tuple[str, Any]] = []
    for key, value in table.items():
        if value is None:
            continue
        if _toml_section(value):
            sections.append((key, value))
        else:
            lines.append(f"{_toml_key(key)} = {_toml_inline(value)}")
    for key, value in sections:
        path = prefix + (key,)
        header = ".".join(_toml_key(k) for k in path)
        if isinstance(value, list):
            for item in value:
                lines.extend(["", f"[[{header}]]"])
                _toml_table(item, path, lines)
        else:
            if any(not _toml_section(v) for v in value.values()):  # a header only for a table with keys
                lines.extend(["", f"[{header}]"])
            _toml_table(value, path, lines)


def _toml_section(value: Any) -> bool:
    """Whether a value gets its own `[header]`: arrays of tables, and tables too long for one line
    (a value type always stays on one line, as in `temp = {type = "number", unit = "°C"}`)."""
    if isinstance(value, list):
        return bool(value) and all(isinstance(v, dict) for v in value)
    return isinstance(value, dict) and bool(value) and "type" not in value and len(_toml_inline(value)) > 88


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def _toml_inline(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_inline(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{_toml_key(k)} = {_toml_inline(v)}" for k, v in value.items() if v is not None)
        return "{" + items + "}" if items else "{}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


# ---------------------------------------------------------------------------- locating a path


class _Source:
    """One document's text and, for YAML and JSON, its node tree, composed on first use."""

    def __init__(self, text: str, fmt: str) -> None:
        self.text, self.fmt = text, fmt
        self.root: yaml.Node | None = None
        self._composed = False
        self._index: LineIndex | None = None

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    def line(self, path: PathT) -> int:
        """1-based line of the value at `path`."""
        return self.index.line_col(self.span(path)[0])[0] + 1

    def span(self, path: PathT, prefer_key: bool = False) -> Span:
        """The value at `path` (its key with `prefer_key`, when it has one); when the value is missing,
        the key of the deepest part that exists."""
        if self.fmt == "toml":
            return _toml_span(self.text, path, key_only=prefer_key)
        root = self._tree()
        if root is None:
            return (0, 0)
        node, key = root, None
        for segment in path:
            child = _child(node, segment)
            if child is None:
                return _key_or_head(node, key, self.text)
            key, node = child
        if prefer_key and key is not None:
            return _node_span(key)
        return _key_or_head(node, None, self.text) if isinstance(node, yaml.CollectionNode) else _node_span(node)

    def key_span(self, path: PathT, key: str) -> Span:
        """The key `key` inside the mapping at `path` (for unknown fields)."""
        if self.fmt == "toml":
            return _toml_span(self.text, path + (key,), key_only=True)
        node = self._node(path)
        if isinstance(node, yaml.MappingNode):
            for k, _ in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == key:
                    return _node_span(k)
        return self.span(path)

    def _node(self, path: PathT) -> yaml.Node | None:
        node = self._tree()
        for segment in path:
            child = _child(node, segment) if node is not None else None
            if child is None:
                return None
            node = child[1]
        return node

    def _tree(self) -> yaml.Node | None:
        if not self._composed:  # only when something must be located: composing costs more than loading
            self._composed = True
            # JSON is (nearly) YAML; tabs are the one common difference, and only whitespace in JSON
            text = self.text.replace("\t", " ") if self.fmt == "json" else self.text
            try:
                self.root = _compose_yaml(text)
            except (yaml.YAMLError, RecursionError):
                self.root = None
        return self.root


def _child(node: yaml.Node, segment: Segment) -> tuple[yaml.Node | None, yaml.Node] | None:
    """(key node, value node) of one path step, or None."""
    if isinstance(node, yaml.SequenceNode) and isinstance(segment, int):
        return (None, node.value[segment]) if 0 <= segment < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        wanted = str(segment)
        for key, value in reversed(node.value):  # the last duplicate is the one that counts
            if isinstance(key, yaml.ScalarNode) and key.value == wanted:
                return key, value
    return None


def _node_span(node: yaml.Node) -> Span:
    return (node.start_mark.index, node.end_mark.index)


def _key_or_head(node: yaml.Node, key: yaml.Node | None, text: str) -> Span:
    """A key if there is one, else the first line of a (possibly huge) collection."""
    if key is not None:
        return _node_span(key)
    start, end = _node_span(node)
    newline = text.find("\n", start, end)
    return (start, newline if newline != -1 else end)


_TOML_VALUE = re.compile(
    r"""[ \t]*=[ \t]*("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\[[^\n]*?\]|\{[^\n]*\}|[^,}\]\s#]+)"""
)


def _toml_span(text: str, path: PathT, key_only: bool = False) -> Span:
    """Best effort for TOML: the n-th `[[nodes]]` header for `nodes[n]`, then each key by name."""
    start, stop, found = 0, len(text), None
    for i, step in enumerate(path):
        if isinstance(step, int):
            continue
        last = i == len(path) - 1
        following = None if last else path[i + 1]
        if isinstance(following, int):
            header = re.compile(rf"^[ \t]*\[\[[ \t]*{re.escape(step)}[ \t]*\]\]", re.M)
            hits = list(header.finditer(text, start, stop))
            if following < len(hits):
                hit = hits[following]
                found, start = hit.span(), hit.end()
                stop = hits[following + 1].start() if following + 1 < len(hits) else stop
                continue
        word = re.escape(step)
        key = re.compile(rf"(?<![\w\"'-])(?:\"{word}\"|'{word}'|{word})(?![\w\"'-])").search(text, start, stop)
        if key is None:
            break
        found, start = key.span(), key.end()
        if last and not key_only:
            value = _TOML_VALUE.match(text, key.end())
            if value:
                return value.span(1)
    return found or (0, 0)


# ------------------------------------------------------------------------------ schema errors

_MSGSPEC_PATH = re.compile(r" - at (`key` in )?`\$(.*)`$")
_PATH_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]|(\[\.\.\.\])")
_ANY_KEY = object()
_DICT_VALUES: dict[str, Any] = {"properties": ValueType, "params": ValueType, "actions": Action, "events": Event}
_TYPE_WORDS = {
    "str": "a string",
    "int": "an integer",
    "float": "a number",
    "bool": "true or false",
    "null": "nothing (null)",
    "array": "a list",
    "datetime": "a date-time",
    "date": "a date",
    "time": "a time",
}
_OBJECT_WORDS = {"json": "an object", "yaml": "a mapping", "toml": "a table"}


def _split_error(exc: msgspec.ValidationError) -> tuple[str, list, bool]:
    """msgspec's message without its location, the location as steps (`_ANY_KEY` for `[...]`), and
    whether the error is about a dictionary key itself (then the key is the last step)."""
    message = str(exc)
    match = _MSGSPEC_PATH.search(message)
    if not match:
        return message, [], False
    steps: list = []
    for name, index, any_key in _PATH_STEP.findall(match.group(2)):
        steps.append(name if name else int(index) if index else _ANY_KEY)
    if match.group(1):
        steps.append(_ANY_KEY)
    return message[: match.start()], steps, bool(match.group(1))


def _concrete(data: Any, steps: list) -> list:
    """Replace msgspec's `[...]` dictionary keys by the real ones, by re-validating the entries."""
    out: list = []
    for i, step in enumerate(steps):
        if step is _ANY_KEY:
            kind = _DICT_VALUES.get(out[-1]) if out and isinstance(out[-1], str) else None
            if not isinstance(data, dict) or kind is None:
                return out
            for key, value in data.items():
                if not isinstance(key, str):
                    return out + [key]
                try:
                    msgspec.convert(value, kind)
                except msgspec.ValidationError as exc:
                    return out + [key] + _concrete(value, _split_error(exc)[1])
            return out
        out.append(step)
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return out + [s for s in steps[i + 1 :] if s is not _ANY_KEY]
    return out


def _display(path: list | PathT) -> str:
    """`nodes[3].properties.temperature` for people."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif isinstance(step, str) and re.fullmatch(r"[^\W\d]\w*", step):
            text += f".{step}" if text else step
        else:
            text += f"[{_quote(str(step))}]"
    return text


def _quote(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def _type_words(spec: str, fmt: str, got: bool = False) -> str:
    """`float | null` -> "a number" (null is always allowed where it is: it means "left out")."""
    words = [w.strip().strip("`") for w in spec.split("|")]
    real = [w for w in words if w != "null"] or words
    named = {**_TYPE_WORDS, "object": _OBJECT_WORDS[fmt], **({"bool": "a boolean"} if got else {})}
    return " or ".join(named.get(w, w) for w in real)


def _lookup(data: Any, path: list) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _struct_for(data: Any, path: list) -> type | None:
    """The Struct class expected at `path`, for listing its fields."""
    if not path:
        return Environment
    last = path[-2] if len(path) >= 2 else None
    if last in ("properties", "params"):
        value = _lookup(data, path)
        tag = value.get("type") if isinstance(value, dict) else None
        return next((t for t in ValueType.__args__ if t.__struct_config__.tag == tag), None)
    if last == "actions":
        return Action
    if last == "events":
        return Event
    if len(path) == 2 and path[0] == "nodes":
        return Node
    return None


def _schema_diagnostic(exc: msgspec.ValidationError, data: Any, source: _Source) -> Diagnostic:
    raw, steps, key_error = _split_error(exc)
    path = _concrete(data, steps)
    where = _display(path)
    value = _lookup(data, path)
    info: dict[str, Any] = {"path": where}
    span = source.span(tuple(path))
    fmt = source.fmt

    if key_error and path:
        key = path[-1]
        where = _display(path[:-1])
        message = f"key {_quote(str(key))} must be text: quote it"
        span = source.key_span(tuple(path[:-1]), _scalar_text(key))
    elif raw.startswith("Invalid value") and path and path[-1] == "type":
        info["expected"] = list(VALUE_TYPE_NAMES)
        close = process.extract(str(value), VALUE_TYPE_NAMES, limit=2)
        info["candidates"] = [name for name, score, _ in close if score >= 60]
        message = f"unknown type {_quote(value)} (expected one of {', '.join(VALUE_TYPE_NAMES)})"
        where = _display(path[:-1])
    elif m := re.match(r"Object contains unknown field `(.*)`$", raw):
        field_name = m.group(1)
        struct = _struct_for(data, path)
        allowed = [f for f in struct.__struct_fields__ if f != "type"] if struct else []
        info["expected"] = allowed
        best = process.extractOne(field_name, allowed, score_cutoff=70) if allowed else None
        info["candidates"] = [best[0]] if best else []
        if best:
            hint = f' (did you mean "{best[0]}"?)'
        else:
            hint = f" (expected one of {', '.join(allowed)})" if allowed else ""
        message = f"unknown field {_quote(field_name)}{hint}"
        span = source.key_span(tuple(path), field_name)
    elif m := re.match(r"Object missing required field `(.*)`$", raw):
        missing = m.group(1)
        message = f"missing required field {_quote(missing)}"
        span = source.span(tuple(path), prefer_key=True)
        if missing == "type":
            message += f" (one of {', '.join(VALUE_TYPE_NAMES)})"
    elif raw.startswith("Expected `str` matching regex"):
        message = (
            f"{_quote(value)} is not a valid identifier: "
            "use a letter or underscore, then letters, digits or underscores"
        )
    elif m := re.match(r"Expected `(.*)`, got `(.*)`$", raw):
        expected, got = _type_words(m.group(1), fmt), _type_words(m.group(2), fmt, got=True)
        message = f"expected {expected}, got {got}"
        if m.group(2) in ("bool", "int", "float") and "str" in m.group(1) and fmt != "json":
            message += f" (quote it to make it text: \"{_scalar_text(value)}\")"
    else:
        message = raw[:1].lower() + raw[1:]
    if where:
        message = f"{where}: {message}"
    return Diagnostic(code="env-schema", message=message, span=span, data=info)


def _scalar_text(value: Any) -> str:
    return {True: "true", False: "false"}.get(value, str(value)) if isinstance(value, bool) else str(value)


# --------------------------------------------------------------------------- semantic checks


class _Issue(NamedTuple):
    code: str
    message: str
    path: PathT
    severity: Severity = Severity.ERROR
    first: PathT | None = None
    """Where the clashing first occurrence is; its line is added to the message."""


def _semantic_issues(env: Environment) -> tuple[Environment, list[_Issue]]:
    """Problems a valid-shaped environment can still have; duplicates after the first are dropped."""
    issues: list[_Issue] = []
    first_index: dict[str, int] = {}
    dropped: list[int] = []
    for i, node in enumerate(env.nodes):
        if node.id in first_index:
            first = ("nodes", first_index[node.id], "id")
            message = f"duplicate node id {_quote(node.id)}"
            issues.append(_Issue("env-duplicate-node", message, ("nodes", i, "id"), first=first))
            dropped.append(i)
            continue
        first_index[node.id] = i
        base: PathT = ("nodes", i)
        if node.properties:
            _check_values(issues, base + ("properties",), node.properties, lambda: f"node {_quote(node.id)}", "property")
            _check_member_aliases(issues, base + ("properties",), node.properties, "property", node.id)
        if node.actions:
            for name, action in node.actions.items():
                if action.params:
                    owner = lambda: f"action {_quote(name)} of node {_quote(node.id)}"  # noqa: E731
                    _check_values(issues, base + ("actions", name, "params"), action.params, owner, "parameter")
            _check_member_aliases(issues, base + ("actions",), node.actions, "action", node.id)
    _check_node_aliases(issues, env, set(dropped))
    if dropped:
        skip = set(dropped)
        env = msgspec.structs.replace(env, nodes=[n for i, n in enumerate(env.nodes) if i not in skip])
    return env, issues


def _check_values(issues: list[_Issue], prefix: PathT, values: dict[str, ValueType], owner: Callable[[], str], what: str) -> None:
    for name, value in values.items():
        kind = type(value)
        if kind is EnumType and not value.values:
            message = f"{what} {_quote(name)} of {owner()} is an enum with no values"
            issues.append(_Issue("env-empty-enum", message, prefix + (name, "values")))
        elif kind is NumberType and value.min is not None and value.max is not None and value.min > value.max:
            message = (
                f"{what} {_quote(name)} of {owner()}: "
                f"min {_number(value.min)} is greater than max {_number(value.max)}"
            )
            issues.append(_Issue("env-range", message, prefix + (name, "min")))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _check_member_aliases(
    issues: list[_Issue], prefix: PathT, members: dict[str, Any], what: str, node_id: str
) -> None:
    """Within one node, an alias must pick out one property (or action)."""
    if not any(member.aliases for member in members.values()):
        return
    owner: dict[str, PathT] = {name.casefold(): prefix + (name,) for name in members}
    for name, member in members.items():
        for j, alias in enumerate(member.aliases):
            key = alias.casefold()
            here = prefix + (name, "aliases", j)
            other = owner.get(key)
            if other is not None and other[len(prefix)] != name:
                message = (
                    f"alias {_quote(alias)} of {what} {_quote(name)} of node {_quote(node_id)} "
                    f"also names {what} {_quote(str(other[len(prefix)]))}"
                )
                issues.append(_Issue("env-duplicate-alias", message, here, Severity.WARNING, other))
            else:
                owner.setdefault(key, here)


def _check_node_aliases(issues: list[_Issue], env: Environment, dropped: set[int]) -> None:
    """A node alias that names another node makes references ambiguous."""
    owner: dict[str, PathT] = {}
    for i, node in enumerate(env.nodes):
        if i not in dropped:
            owner.setdefault(node.id.casefold(), ("nodes", i, "id"))
    for i, node in enumerate(env.nodes):
        if i in dropped or not node.aliases:
            continue
        for j, alias in enumerate(node.aliases):
            key = alias.casefold()
            other = owner.get(key)
            if other is not None and other[1] != i:
                other_id = env.nodes[other[1]].id
                message = f"alias {_quote(alias)} of node {_quote(node.id)} also names node {_quote(other_id)}"
                here = ("nodes", i, "aliases", j)
                issues.append(_Issue("env-duplicate-alias", message, here, Severity.WARNING, other))
            else:
                owner.setdefault(key, ("nodes", i, "aliases", j))


def _issue_diagnostic(issue: _Issue, source: _Source) -> Diagnostic:
    message = issue.message
    data: dict[str, Any] = {"path": _display(issue.path)}
    if issue.first is not None:
        line = source.line(issue.first)
        message += f" (first defined on line {line})"
        data["first_line"] = line
    span = source.span(issue.path)
    return Diagnostic(code=issue.code, message=message, span=span, severity=issue.severity, data=data)
