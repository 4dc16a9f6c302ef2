"""Helpers for the end-to-end language server tests (pytest-lsp over stdio); no tests of its own."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "wfl.lsp"])

CLIENTS = ["visual_studio_code", "neovim"]


def make_workspace(folder: Path) -> Path:
    """A copy of the example environment and workflows in `folder` (tests may edit it)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("home.yaml", "wfl.toml", "climate.wfl", "lights.wfl", "broken.wfl.txt"):
        shutil.copy(EXAMPLES / name, folder / name)
    return folder


def uri_of(path: Path) -> str:
    return path.resolve().as_uri()


def is_pull(client: LanguageClient) -> bool:
    caps = client.capabilities
    return bool(caps and caps.text_document and caps.text_document.diagnostic is not None)


def open_doc(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> str:
    uri = uri_of(path)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri,
                language_id="wfl",
                version=version,
                text=path.read_text(encoding="utf-8") if text is None else text,
            )
        )
    )
    return uri


def replace_all(client: LanguageClient, uri: str, text: str, version: int) -> None:
    """A full-text change (as clients send after big edits)."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def edit(
    client: LanguageClient, uri: str, version: int, line: int, start: int, end: int, text: str
) -> None:
    """An incremental change of one line's columns [start, end)."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=line, character=start),
                        end=types.Position(line=line, character=end),
                    ),
                    text=text,
                )
            ],
        )
    )


async def wait_until(predicate, timeout: float = 10.0, interval: float = 0.02):
    """Poll `predicate()` until it returns something truthy; return that."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out waiting for the language server")
        await asyncio.sleep(interval)


async def diagnostics(
    client: LanguageClient, uri: str, predicate=lambda ds: True, timeout: float = 10.0
):
    """The document's diagnostics once `predicate(diagnostics)` holds: pulled from clients that
    support pull diagnostics (the server does not push to them), else as last published."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        if is_pull(client):
            report = await client.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
            )
            items = list(getattr(report, "items", []) or [])
            if predicate(items):
                return items
        elif uri in client.diagnostics and predicate(list(client.diagnostics[uri])):
            return list(client.diagnostics[uri])
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(
                f"timed out waiting for diagnostics of {uri}: {client.diagnostics.get(uri)}"
            )
        await asyncio.sleep(0.05)


def position_of(text: str, needle: str, after: bool = True, occurrence: int = 0) -> types.Position:
    """The LSP position just after (or at) the `occurrence`-th `needle` (ASCII lines only)."""
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(needle, index + 1)
    if after:
        index += len(needle)
    line = text.count("\n", 0, index)
    column = index - (text.rfind("\n", 0, index) + 1)
    return types.Position(line=line, character=column)


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply non-overlapping text edits (positions in UTF-16, as for ASCII-only edits)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(p: types.Position) -> int:
        if p.line >= len(starts):
            return len(text)
        return min(starts[p.line] + p.character, len(text))

    for e in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
    return text


def accept_registrations(client: LanguageClient) -> list[types.Registration]:
    """Answer `client/registerCapability` (as real clients do) and record what was registered."""
    registered: list[types.Registration] = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(ls, params: types.RegistrationParams):
        registered.extend(params.registrations)

    @client.feature(types.CLIENT_UNREGISTER_CAPABILITY)
    def unregister(ls, params: types.UnregistrationParams):
        gone = {u.id for u in params.unregisterations}
        registered[:] = [r for r in registered if r.id not in gone]

    return registered
