"""Completion: node ids (fuzzy-ranked), properties, actions, events, parameters, values, units,
keywords and a workflow snippet, computed from the tokens around the cursor so that it works in
half-typed and broken documents.

Ranking is ours: every item carries `sortText`, and fuzzy node matches carry the typed text as
`filterText` (with `isIncomplete`) so that the client neither re-filters them away nor re-orders
them. Documentation is left to `completionItem/resolve` (`data` names the node/property/action).
"""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types
from wfl.grammar import printer, units
from wfl.grammar.builtins import CLOCK_ID
from wfl.grammar.index import EnvIndex
from wfl.grammar.parser import ParseResult
from wfl.schemas.environment import BooleanType, EnumType, NumberType, ValueType

from . import docs
from .context import Context, context_at
from .positions import Positions
from .search import NodeSearch

K = types.CompletionItemKind

DAYS = ["weekdays", "weekends", "daily", "mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DURATION_UNITS = ["s", "min", "h", "d"]

WORKFLOW_SNIPPET = (
    "workflow ${1:name} {\n  when ${2:node.property} ${3:== value}\n  do ${4:node.action}()\n}"
)
WORKFLOW_PLAIN = "workflow name {\n  when \n  do \n}"

_KEYWORD_DETAIL = {
    "when": "trigger: when a condition becomes true, a property changes or becomes a value",
    "at": "trigger: at a time of day, sunrise/sunset or a time property",
    "every": "trigger: every duration",
    "on": "trigger: on node.event",
    "if": "condition that must hold",
    "do": "actions to run",
    "else": "actions to run when the conditions do not hold",
    "wait": "pause between actions",
    "workflow": "a new workflow",
}


@dataclass
class Options:
    snippets: bool = True
    markdown: bool = True
    limit: int = 50


def complete(
    text: str,
    parsed: ParseResult,
    index: EnvIndex | None,
    search: NodeSearch | None,
    offset: int,
    positions: Positions,
    options: Options | None = None,
    trigger: str | None = None,
) -> types.CompletionList:
    options = options or Options()
    ctx = context_at(text, parsed.tokens, parsed.comments, offset)
    if trigger == " " and (
        ctx.kind not in ("node", "value", "unit", "days", "param")
        or offset < 2
        or text[offset - 2].isspace()  # indenting, not a word just finished
    ):
        return types.CompletionList(is_incomplete=False, items=[])
    builder = _Builder(text, offset, positions, ctx, options)
    incomplete = False
    if ctx.kind == "node":
        incomplete = builder.nodes(index, search, ctx.category)
        builder.keywords(ctx.keywords, rank="2")
    elif ctx.kind == "member":
        builder.members(index)
    elif ctx.kind == "param":
        builder.params(index)
    elif ctx.kind == "value":
        builder.values(index)
    elif ctx.kind == "unit":
        builder.units(index)
        builder.keywords(ctx.keywords, rank="5")
    elif ctx.kind == "duration-unit":
        builder.plain_words(DURATION_UNITS, K.Unit, "0")
    elif ctx.kind == "days":
        builder.plain_words(DAYS, K.EnumMember, "0")
    elif ctx.kind == "after-expr" or ctx.kind == "clause":
        builder.keywords(ctx.keywords, rank="0")
    elif ctx.kind == "top" and not _typing_workflow_name(text, ctx.start):
        builder.keywords(ctx.keywords, rank="1")
        builder.workflow_snippet()
    return types.CompletionList(is_incomplete=incomplete, items=builder.items)


def _typing_workflow_name(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return text[line_start:start].strip().startswith("workflow")


class _Builder:
    def __init__(
        self, text: str, offset: int, positions: Positions, ctx: Context, options: Options
    ) -> None:
        self.text = text
        self.offset = offset
        self.ctx = ctx
        self.options = options
        self.range = positions.range((ctx.start, offset))
        self.items: list[types.CompletionItem] = []

    def _item(
        self,
        label: str,
        kind: types.CompletionItemKind,
        sort: str,
        *,
        insert: str | None = None,
        snippet: bool = False,
        detail: str | None = None,
        description: str | None = None,
        filter_text: str | None = None,
        data: dict | None = None,
    ) -> types.CompletionItem:
        if snippet and not self.options.snippets:
            snippet = False
        item = types.CompletionItem(
            label=label,
            kind=kind,
            sort_text=sort,
            detail=detail,
            filter_text=filter_text,
            text_edit=types.TextEdit(
                range=self.range, new_text=insert if insert is not None else label
            ),
            insert_text_format=types.InsertTextFormat.Snippet
            if snippet
            else types.InsertTextFormat.PlainText,
            data=data,
        )
        if description:
            item.label_details = types.CompletionItemLabelDetails(description=description)
        self.items.append(item)
        return item

    # ------------------------------------------------------------ nodes

    def nodes(self, index: EnvIndex | None, search: NodeSearch | None, category: str) -> bool:
        if index is None or search is None:
            return False
        query = self.ctx.prefix
        found = search.search(query, category, limit=self.options.limit + 1)
        if category != "any" and len(found) < 3 and query:
            # Nothing of the expected sort matches: offer any node rather than none.
            seen = {n for n, _ in found}
            found += [
                (n, s)
                for n, s in search.search(query, "any", limit=self.options.limit)
                if n not in seen
            ]
        truncated = len(found) > self.options.limit
        typed = bool(query.strip())
        for rank, (node_id, _score) in enumerate(found[: self.options.limit]):
            node = index.nodes[node_id]
            self._item(
                node_id,
                K.Module,
                f"1{rank:05d}",
                detail=node.name,
                description=node.area or node.kind,
                filter_text=query if typed else node_id,
                data={"kind": "node", "node": node_id},
            )
        clock = index.builtins.get(CLOCK_ID)
        if clock is not None and self.ctx.clause == "if" and category == "properties" and _abbreviates(query, CLOCK_ID):
            # The built-in clock is no device of the home, so search does not rank it; offered
            # where it may be read (in `if`), ahead of near misses once its name is being typed.
            self._item(
                CLOCK_ID,
                K.Module,
                "0" if typed else f"1{len(found):05d}",
                detail=clock.name,
                description="built in",
                filter_text=query if typed else CLOCK_ID,
                data={"kind": "node", "node": CLOCK_ID},
            )
        # Typed text is matched fuzzily by us, so the client must ask again as the user types.
        return truncated or typed

    # ------------------------------------------------------------ members

    def members(self, index: EnvIndex | None) -> None:
        ctx = self.ctx
        node = index.node(ctx.node) if index and ctx.node else None
        if node is None:
            return
        if ctx.category == "actions":
            next_char = self.text[self.offset : self.offset + 1]
            for rank, (name, action) in enumerate(node.actions.items()):
                insert, snippet = name, False
                if next_char != "(":
                    if self.options.snippets:
                        insert, snippet = (f"{name}($0)" if action.params else f"{name}()$0"), True
                    else:
                        insert = f"{name}()"
                self._item(
                    name,
                    K.Method,
                    f"0{rank:04d}",
                    insert=insert,
                    snippet=snippet,
                    detail=docs.action_signature(name, action),
                    data={"kind": "action", "node": node.id, "action": name},
                )
        elif ctx.category == "events":
            for rank, (name, event) in enumerate(node.events.items()):
                self._item(
                    name,
                    K.Event,
                    f"0{rank:04d}",
                    detail=event.description,
                    data={"kind": "event", "node": node.id, "event": name},
                )
        else:
            for rank, (name, prop) in enumerate(node.properties.items()):
                self._item(
                    name,
                    K.Property,
                    f"0{rank:04d}",
                    detail=docs.type_summary(prop),
                    data={"kind": "property", "node": node.id, "property": name},
                )

    # ------------------------------------------------------------ call parameters

    def params(self, index: EnvIndex | None) -> None:
        ctx = self.ctx
        action = index.action(ctx.node, ctx.action) if index and ctx.node and ctx.action else None
        if action is None:
            return
        # Required parameters first, in declaration order.
        ordered = sorted(enumerate(action.params.items()), key=lambda e: (e[1][1].optional, e[0]))
        for rank, (_, (name, param)) in enumerate(ordered):
            if name in ctx.given:
                continue
            self._item(
                name,
                K.Field,
                f"0{rank:04d}",
                insert=f"{name}: $0" if self.options.snippets else f"{name}: ",
                snippet=True,
                detail=docs.param_label(name, param),
                data={"kind": "param", "node": ctx.node, "action": ctx.action, "param": name},
            )

    # ------------------------------------------------------------ values and units

    def _value_type(self, index: EnvIndex | None) -> ValueType | None:
        ctx = self.ctx
        if index is None or ctx.node is None:
            return None
        if ctx.prop is not None:
            return index.property(ctx.node, ctx.prop)
        if ctx.action is not None and ctx.param is not None:
            action = index.action(ctx.node, ctx.action)
            return action.params.get(ctx.param) if action else None
        return None

    def values(self, index: EnvIndex | None) -> None:
        t = self._value_type(index)
        if isinstance(t, EnumType):
            for rank, value in enumerate(t.values):
                shown = printer.enum_member(value)
                self._item(shown, K.EnumMember, f"0{rank:04d}", detail=self._owner_label())
        elif isinstance(t, BooleanType):
            for rank, word in enumerate(("true", "false")):
                self._item(word, K.Value, f"0{rank:04d}", detail=self._owner_label())

    def _owner_label(self) -> str:
        ctx = self.ctx
        if ctx.prop is not None:
            return f"{ctx.node}.{ctx.prop}"
        return f"{ctx.node}.{ctx.action}({ctx.param}: …)"

    def units(self, index: EnvIndex | None) -> None:
        t = self._value_type(index)
        if not isinstance(t, NumberType) or not t.unit:
            return
        self._item(t.unit, K.Unit, "00000", detail=f"the unit of {self._owner_label()}")
        for rank, unit in enumerate(compatible_units(t.unit)):
            self._item(unit, K.Unit, f"0{rank + 1:04d}", detail="converted to " + t.unit)

    # ------------------------------------------------------------ words

    def keywords(self, words: list[str], rank: str) -> None:
        for i, word in enumerate(words):
            self._item(word, K.Keyword, f"{rank}{i:04d}", detail=_KEYWORD_DETAIL.get(word))

    def plain_words(self, words: list[str], kind: types.CompletionItemKind, rank: str) -> None:
        for i, word in enumerate(words):
            self._item(word, kind, f"{rank}{i:04d}")

    def workflow_snippet(self) -> None:
        self._item(
            "workflow …",
            K.Snippet,
            "00000",
            insert=WORKFLOW_SNIPPET if self.options.snippets else WORKFLOW_PLAIN,
            snippet=True,
            detail="a new workflow with a trigger and an action",
            filter_text="workflow",
        )


def _abbreviates(query: str, name: str) -> bool:
    """Whether `query` is typed towards `name`: its letters in order ("clk", "cl" for `clock`)."""
    rest = iter(name)
    return all(ch in rest for ch in query.strip().lower())


def compatible_units(unit: str) -> list[str]:
    """Canonical units of the same dimension as `unit`, other than it."""
    known = units.lookup(unit)
    if known is None:
        return []
    table = getattr(units, "_BY_SPELLING", {})
    seen: list[str] = []
    for spec in table.values():
        if (
            spec.dimension == known.dimension
            and spec.symbol != known.symbol
            and spec.symbol not in seen
        ):
            seen.append(spec.symbol)
    return seen


def resolve(
    item: types.CompletionItem, index: EnvIndex | None, markdown: bool = True
) -> types.CompletionItem:
    """Fill in `documentation` from `item.data`."""
    data = item.data if isinstance(item.data, dict) else None
    if not data or index is None:
        return item
    kind = data.get("kind")
    node = index.node(str(data.get("node", "")))
    if node is None:
        return item
    text: str | None = None
    if kind == "node":
        text = docs.node_markdown(node)
    elif kind == "property":
        prop = node.properties.get(str(data.get("property")))
        text = docs.property_markdown(node.id, str(data.get("property")), prop) if prop else None
    elif kind == "action":
        action = node.actions.get(str(data.get("action")))
        text = docs.action_markdown(node.id, str(data.get("action")), action) if action else None
    elif kind == "event":
        event = node.events.get(str(data.get("event")))
        text = docs.event_markdown(node.id, str(data.get("event")), event) if event else None
    elif kind == "param":
        action = node.actions.get(str(data.get("action")))
        param = action.params.get(str(data.get("param"))) if action else None
        text = docs.value_type_markdown(param, str(data.get("param"))) if param else None
    if text:
        item.documentation = (
            types.MarkupContent(kind=types.MarkupKind.Markdown, value=text)
            if markdown
            else docs.plain(text)
        )
    return item
