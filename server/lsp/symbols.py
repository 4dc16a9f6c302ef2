"""Document symbols (workflows and their clauses) and workspace symbols (workflows of open
documents and nodes of the environment)."""

from __future__ import annotations

from collections.abc import Iterable

from lsprotocol import types
from wfl.grammar import printer
from wfl.grammar.index import EnvIndex
from wfl.schemas.workflow import File, Workflow

from .analysis import Analysis
from .envtext import EnvSource
from .positions import Positions
from .search import NodeSearch, normalise

S = types.SymbolKind
_MAX_DETAIL = 60


def _short(text: str) -> str:
    return text if len(text) <= _MAX_DETAIL else text[: _MAX_DETAIL - 1] + "…"


def _children(wf: Workflow, positions: Positions) -> list[types.DocumentSymbol]:
    children: list[types.DocumentSymbol] = []

    def add(name: str, kind: types.SymbolKind, span: tuple[int, int]) -> None:
        if span[1] <= span[0]:
            return
        rng = positions.range(span)
        children.append(
            types.DocumentSymbol(name=_short(name), kind=kind, range=rng, selection_range=rng)
        )

    for i, trigger in enumerate(wf.triggers):
        try:
            text = printer.trigger(trigger, True)
        except Exception:  # an error node prints as … ; anything else must not break the outline
            text = "…"
        add(text, S.Event, trigger.span)
    for condition in wf.conditions:
        add("if " + printer.expr(condition), S.Boolean, condition.span)
    for keyword, actions in (("do", wf.actions), ("else", wf.else_actions)):
        for action in actions:
            add(f"{keyword} " + printer.action(action), S.Method, action.span)
    return children


def document_symbols(file: File, positions: Positions, hierarchical: bool, uri: str) -> list:
    if not hierarchical:
        return [
            types.SymbolInformation(
                name=wf.name or "(unnamed)",
                kind=S.Function,
                location=types.Location(uri=uri, range=positions.range(wf.span)),
            )
            for wf in file.workflows
        ]
    symbols = []
    for wf in file.workflows:
        rng = positions.range(wf.span)
        selection = positions.range(wf.name_span) if wf.name_span[1] > wf.name_span[0] else rng
        # The selection range must lie inside the full range.
        symbols.append(
            types.DocumentSymbol(
                name=wf.name or "(unnamed)",
                kind=S.Function,
                range=rng,
                selection_range=selection,
                detail=wf.description,
                children=_children(wf, positions),
            )
        )
    return symbols


def workspace_symbols(
    query: str,
    documents: Iterable[Analysis],
    index: EnvIndex | None,
    search: NodeSearch | None,
    sources: list[EnvSource],
    encoding: object,
    limit: int = 100,
) -> list[types.WorkspaceSymbol]:
    q = normalise(query)
    found: list[types.WorkspaceSymbol] = []
    for doc in documents:
        for wf in doc.file.workflows:
            if wf.name and (not q or _loosely(q, normalise(wf.name))):
                found.append(
                    types.WorkspaceSymbol(
                        name=wf.name,
                        kind=S.Function,
                        location=types.Location(
                            uri=doc.uri, range=doc.positions.range(wf.name_span)
                        ),
                        container_name=doc.uri.rsplit("/", 1)[-1],
                    )
                )
    if index is not None and search is not None:
        positions_by_source = {}
        for node_id, _score in search.search(query, "any", limit=limit):
            for source in sources:
                span = source.node_span(node_id)
                if span is None:
                    continue
                positions = positions_by_source.get(source.path)
                if positions is None:
                    positions = positions_by_source[source.path] = Positions(source.text, encoding)
                node = index.nodes[node_id]
                found.append(
                    types.WorkspaceSymbol(
                        name=node_id,
                        kind=S.Object,
                        location=types.Location(uri=source.uri, range=positions.range(span)),
                        container_name=node.area or node.name,
                    )
                )
                break
    return found[:limit]


def _loosely(query: str, name: str) -> bool:
    """Characters of `query` appear in `name` in order (what editors call fuzzy matching)."""
    it = iter(name)
    return all(ch in it for ch in query if ch != " ")
