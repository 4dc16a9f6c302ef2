"""Go to definition (into the environment file), references and rename of nodes across documents."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lsprotocol import types
from wfl.grammar.builtins import BUILTIN_NODES
from wfl.grammar.lexer import KEYWORDS
from wfl.schemas.workflow import File

from .analysis import Analysis
from .envtext import EnvSource
from .positions import Positions
from .tree import Occurrence, occurrence_at, occurrences

_IDENTIFIER = re.compile(r"[^\W\d]\w*")
_SECTIONS = {"property": "properties", "action": "actions", "event": "events"}


def _env_location(
    sources: Iterable[EnvSource], occ: Occurrence, encoding: object
) -> types.Location | None:
    node_id = occ.name if occ.kind in ("node", "name") else occ.node
    if not node_id:
        return None
    for source in sources:
        span = None
        if occ.kind in _SECTIONS:
            span = source.member_span(node_id, _SECTIONS[occ.kind], occ.name)
        elif occ.kind == "parameter" and occ.owner:
            span = source.member_span(node_id, "actions", occ.owner)
        if span is None:
            span = source.node_span(node_id)
        if span is not None:
            return types.Location(
                uri=source.uri, range=Positions(source.text, encoding).range(span)
            )
    return None


def definition(
    file: File,
    offset: int,
    sources: Iterable[EnvSource],
    node_ids: set[str] | dict,
    encoding: object,
) -> list[types.Location]:
    occ = occurrence_at(file, offset)
    if occ is None or occ.kind == "workflow":
        return []
    if occ.kind == "name" and (occ.owner is not None or occ.name not in node_ids):
        return []
    location = _env_location(sources, occ, encoding)
    return [location] if location else []


def _target(file: File, offset: int, node_ids) -> Occurrence | None:
    """The node (or node member) under the cursor, for references and rename."""
    occ = occurrence_at(file, offset)
    if occ is None:
        return None
    if occ.kind == "name" and occ.owner is None and occ.name in node_ids:
        return Occurrence("node", occ.span, occ.name)
    return occ if occ.kind in ("node", "property", "action", "event") else None


def _matches(occ: Occurrence, target: Occurrence) -> bool:
    if target.kind == "node":
        return occ.name == target.name and (
            occ.kind == "node" or (occ.kind == "name" and occ.owner is None)
        )
    return occ.kind == target.kind and occ.name == target.name and occ.node == target.node


def references(
    analysis: Analysis,
    offset: int,
    documents: Iterable[Analysis],
    sources: Iterable[EnvSource],
    node_ids,
    include_declaration: bool,
    encoding: object,
) -> list[types.Location]:
    target = _target(analysis.file, offset, node_ids)
    if target is None:
        return []
    found: list[types.Location] = []
    if include_declaration:
        location = _env_location(sources, target, encoding)
        if location is not None:
            found.append(location)
    for doc in documents:
        for occ in occurrences(doc.file):
            if _matches(occ, target):
                found.append(types.Location(uri=doc.uri, range=doc.positions.range(occ.span)))
    return found


def prepare_rename(
    analysis: Analysis, offset: int, node_ids
) -> types.PrepareRenamePlaceholder | None:
    target = _target(analysis.file, offset, node_ids)
    if target is None or target.kind != "node" or _builtin(target.name, node_ids):
        return None
    return types.PrepareRenamePlaceholder(
        range=analysis.positions.range(target.span), placeholder=target.name
    )


class RenameError(ValueError):
    pass


def _builtin(name: str, node_ids) -> bool:
    """A built-in node (`clock`) the environment does not replace: it has no id to rename."""
    return name not in node_ids and any(node.id == name for node in BUILTIN_NODES)


def rename(
    analysis: Analysis,
    offset: int,
    new_name: str,
    documents: Iterable[Analysis],
    sources: Iterable[EnvSource],
    node_ids,
    encoding: object,
) -> types.WorkspaceEdit | None:
    """Rename the node under the cursor in every open document and at its `id` in the environment
    file (so the workflows keep matching it)."""
    target = _target(analysis.file, offset, node_ids)
    if target is None or target.kind != "node":
        return None
    if _builtin(target.name, node_ids):
        raise RenameError(f"`{target.name}` is built in; it cannot be renamed")
    if not _IDENTIFIER.fullmatch(new_name) or new_name in KEYWORDS:
        raise RenameError(
            f"`{new_name}` is not a valid node id (a letter or `_`, then letters, digits, `_`; not a keyword)"
        )
    if new_name != target.name and new_name in node_ids:
        raise RenameError(f"a node `{new_name}` already exists")
    changes: dict[str, list[types.TextEdit]] = {}
    for doc in documents:
        edits = [
            types.TextEdit(range=doc.positions.range(occ.span), new_text=new_name)
            for occ in occurrences(doc.file)
            if _matches(occ, target)
        ]
        if edits:
            changes[doc.uri] = edits
    for source in sources:
        span = source.node_span(target.name)
        if span is not None:
            rng = Positions(source.text, encoding).range(span)
            changes.setdefault(source.uri, []).append(types.TextEdit(range=rng, new_text=new_name))
            break
    return types.WorkspaceEdit(changes=changes)
