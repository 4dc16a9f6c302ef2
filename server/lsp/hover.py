"""Hover: what a node, property, action, parameter, event or enum member is, from the environment."""

from __future__ import annotations

from lsprotocol import types
from wfl.grammar import printer
from wfl.grammar.index import EnvIndex
from wfl.schemas.environment import EnumType
from wfl.schemas.workflow import File

from . import docs
from .positions import Positions
from .tree import Occurrence, occurrence_at


def hover(
    file: File, index: EnvIndex | None, offset: int, positions: Positions, markdown: bool = True
) -> types.Hover | None:
    occ = occurrence_at(file, offset)
    if occ is None or index is None:
        return None
    text = describe(occ, index)
    if not text:
        return None
    contents: types.MarkupContent | str
    if markdown:
        contents = types.MarkupContent(kind=types.MarkupKind.Markdown, value=text)
    else:
        contents = types.MarkupContent(kind=types.MarkupKind.PlainText, value=docs.plain(text))
    return types.Hover(contents=contents, range=positions.range(occ.span))


def describe(occ: Occurrence, index: EnvIndex) -> str | None:
    if occ.kind == "node":
        node = index.node(occ.name)
        return docs.node_markdown(node) if node else None
    if occ.kind == "property" and occ.node:
        prop = index.property(occ.node, occ.name)
        return docs.property_markdown(occ.node, occ.name, prop) if prop else None
    if occ.kind == "action" and occ.node:
        action = index.action(occ.node, occ.name)
        return docs.action_markdown(occ.node, occ.name, action) if action else None
    if occ.kind == "event" and occ.node:
        event = index.event(occ.node, occ.name)
        return docs.event_markdown(occ.node, occ.name, event) if event else None
    if occ.kind == "parameter" and occ.node and occ.owner:
        action = index.action(occ.node, occ.owner)
        param = action.params.get(occ.name) if action else None
        return (
            docs.value_type_markdown(param, f"{occ.node}.{occ.owner}({occ.name})")
            if param
            else None
        )
    if occ.kind == "name":
        node = index.node(occ.name) if occ.owner is None else None
        if node is not None:
            return docs.node_markdown(node)
        value_type = None
        where = ""
        if occ.node and occ.owner and occ.param:
            action = index.action(occ.node, occ.owner)
            value_type = action.params.get(occ.param) if action else None
            where = f"{occ.node}.{occ.owner}({occ.param})"
        elif occ.node and occ.owner:
            value_type = index.property(occ.node, occ.owner)
            where = f"{occ.node}.{occ.owner}"
        if isinstance(value_type, EnumType):
            known = occ.name in value_type.values
            members = ", ".join(f"`{printer.enum_member(v)}`" for v in value_type.values)
            head = (
                f"`{occ.name}`: " + ("a value" if known else "**not** a value") + f" of `{where}`"
            )
            return f"{head}\n\none of {members}"
    return None
