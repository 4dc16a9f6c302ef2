"""Robustness of the language server over stdio: malformed JSON-RPC, a 2 MB document, 10,000
nested parentheses, binary garbage and a short random edit session. The server must answer every
request, stay alive and keep its copy of each document equal to the editor's.

The malformed-protocol tests write raw bytes to a server subprocess; the others drive it with
pytest-lsp, once with VS Code's capabilities (UTF-16, push diagnostics) and once with Neovim's
(UTF-8, pull diagnostics). `benchmarks/bench_lsp.py` runs a 10,000-operation version of the random
session against a 10,000-node environment.
"""

from __future__ import annotations

import asyncio
import json
import queue
import random
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities
from wfl.lsp.analysis import analyze
from wfl.lsp.semantic_tokens import semantic_tokens

from .test_lsp_support import (
    CLIENTS,
    EXAMPLES,
    SERVER,
    accept_registrations,
    diagnostics,
    make_workspace,
    open_doc,
    replace_all,
    uri_of,
)

TIMEOUT = 20.0
LIGHTS = (EXAMPLES / "lights.wfl").read_text(encoding="utf-8")


# ---------------------------------------------------------------- raw JSON-RPC over a subprocess


def frame(message: dict | bytes) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class RawServer:
    """`python -m wfl serve` with bytes written straight to its stdin; a thread reads its output."""

    def __init__(self, cwd: Path) -> None:
        self.stderr = open(cwd / "server.stderr.txt", "wb")  # noqa: SIM115 - closed in close()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "wfl", "serve"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
        )
        self.responses: dict[object, dict] = {}
        self.cond = threading.Condition()
        self.protocol_errors: queue.Queue[str] = queue.Queue()
        self.next_id = 1000
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        return
                    if line in (b"\r\n", b"\n"):
                        break
                    match = re.match(rb"Content-Length:\s*(\d+)", line, re.IGNORECASE)
                    if match:
                        length = int(match.group(1))
                if length is None:
                    self.protocol_errors.put("a message without Content-Length")
                    return
                message = json.loads(out.read(length))
                if "id" in message and "method" not in message:
                    with self.cond:
                        self.responses[message["id"]] = message
                        self.cond.notify_all()
                elif "id" in message:  # a request from the server: answer it
                    self.send(frame({"jsonrpc": "2.0", "id": message["id"], "result": None}))
        except Exception as exc:  # the server wrote something that is not JSON-RPC
            self.protocol_errors.put(repr(exc))

    def send(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def request(self, method: str, params, msg_id: int | None = None) -> int:
        if msg_id is None:
            self.next_id += 1
            msg_id = self.next_id
        self.send(frame({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params}))
        return msg_id

    def notify(self, method: str, params) -> None:
        self.send(frame({"jsonrpc": "2.0", "method": method, "params": params}))

    def response(self, msg_id: object, timeout: float = TIMEOUT) -> dict | None:
        with self.cond:
            self.cond.wait_for(lambda: msg_id in self.responses, timeout)
            return self.responses.get(msg_id)

    def initialize(self, root: Path) -> None:
        msg_id = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "capabilities": {},
                "initializationOptions": {"generate": {"enabled": False}},
            },
        )
        assert "result" in (self.response(msg_id) or {})
        self.notify("initialized", {})

    def close(self) -> int | None:
        try:
            if self.proc.poll() is None:
                msg_id = self.request("shutdown", None)
                self.response(msg_id, timeout=5)
                self.notify("exit", None)
                self.proc.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.stderr.close()
        return self.proc.returncode


@pytest.fixture(scope="module")
def raw(tmp_path_factory):
    """One server for all the malformed-message tests (each leaves it ready for the next one)."""
    folder = make_workspace(tmp_path_factory.mktemp("raw"))
    server = RawServer(folder)
    server.initialize(folder)
    uri = uri_of(folder / "lights.wfl")
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "wfl", "version": 1, "text": LIGHTS}},
    )
    server.uri = uri
    yield server
    assert server.protocol_errors.empty(), server.protocol_errors.get()
    assert server.close() == 0, "the server did not exit cleanly after shutdown/exit"


def _ping(server: RawServer) -> None:
    """A normal request, which must be answered with the document's outline."""
    msg_id = server.request("textDocument/documentSymbol", {"textDocument": {"uri": server.uri}})
    response = server.response(msg_id)
    assert response is not None, "the server did not answer a normal request"
    assert "error" not in response, response
    names = [s["name"] for s in response["result"]]
    assert "hallway_night_light" in names
    assert server.proc.poll() is None


_BODY = json.dumps(
    {"jsonrpc": "2.0", "id": 1, "method": "workspace/symbol", "params": {"query": ""}}
).encode()

MALFORMED = {
    "content-length-not-a-number": b"Content-Length: abc\r\n\r\n" + _BODY,
    "content-length-too-short": b"Content-Length: 5\r\n\r\n" + _BODY,
    "content-length-negative": b"Content-Length: -12\r\n\r\n" + _BODY,
    "content-length-missing": b"Content-Type: application/vscode-jsonrpc\r\n\r\n" + _BODY,
    "junk-line-before-header": b"hello server\r\n" + frame(b'{"jsonrpc": "2.0", "method": "x"}'),
    "content-length-zero": b"Content-Length: 0\r\n\r\n",
    "invalid-json": frame(b'{"jsonrpc": "2.0", "id": 7, "method": '),
    "not-utf-8": frame(b'{"jsonrpc": "2.0", "\xff\xfe": 1}'),
    "json-array": frame(b"[1, 2, 3]"),
    "json-number": frame(b"42"),
    "no-jsonrpc-member": frame(b'{"id": 8, "method": "shutdown"}'),
    "unknown-notification": frame({"jsonrpc": "2.0", "method": "wfl/nothing", "params": {}}),
    "bad-notification-params": frame(
        {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": 3}}
    ),
    "response-to-nothing": frame({"jsonrpc": "2.0", "id": 99999, "result": [1]}),
}


@pytest.mark.parametrize("data", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_message_then_normal_request(raw: RawServer, data: bytes):
    raw.send(data)
    _ping(raw)
    _ping(raw)


def test_unknown_method_is_answered_with_an_error(raw: RawServer):
    msg_id = raw.request("wfl/noSuchMethod", {"x": 1})
    response = raw.response(msg_id)
    assert response is not None and response["error"]["code"] == -32601  # MethodNotFound
    _ping(raw)


@pytest.mark.parametrize(
    "method, params",
    [
        ("textDocument/completion", {"textDocument": {"uri": 5}, "position": "here"}),
        ("textDocument/hover", {"textDocument": {"uri": "file:///x.wfl"}}),
        (
            "textDocument/definition",
            {"textDocument": {"uri": "file:///x.wfl"}, "position": {"line": -1, "character": "a"}},
        ),
        ("textDocument/documentSymbol", [1, 2]),
    ],
    ids=["completion", "hover-no-position", "definition-bad-position", "symbols-params-array"],
)
def test_wrong_param_types_are_answered_with_an_error(raw: RawServer, method, params):
    msg_id = raw.request(method, params)
    response = raw.response(msg_id)
    assert response is not None, "a request with wrong params must still be answered"
    assert response["error"]["code"] == -32602  # InvalidParams
    _ping(raw)


def test_requests_about_unopened_documents(raw: RawServer):
    nowhere = {"uri": "file:///nowhere/never-opened.wfl"}
    for method, params in [
        ("textDocument/hover", {"textDocument": nowhere, "position": {"line": 0, "character": 0}}),
        (
            "textDocument/completion",
            {"textDocument": nowhere, "position": {"line": 9, "character": 9}},
        ),
        ("textDocument/semanticTokens/full", {"textDocument": nowhere}),
    ]:
        response = raw.response(raw.request(method, params))
        assert response is not None and "error" not in response, response
    _ping(raw)


def test_content_length_too_long_recovers(raw: RawServer):
    """A Content-Length longer than the body swallows what follows; the stream picks up again at a
    later message instead of staying out of step for good."""
    raw.send(b"Content-Length: 150\r\n\r\n{}")
    for _ in range(4):  # some of these are eaten by the bad message
        raw.request("workspace/symbol", {"query": "x"})
    _ping(raw)


# ---------------------------------------------------------------- pytest-lsp: big and broken documents

module_loop = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return make_workspace(tmp_path_factory.mktemp("robust"))


@pytest_lsp.fixture(config=SERVER, scope="module", params=CLIENTS)
async def client(lsp_client: LanguageClient, request, workspace):
    accept_registrations(lsp_client)
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(request.param),
            root_uri=uri_of(workspace),
            workspace_folders=[types.WorkspaceFolder(uri=uri_of(workspace), name="ws")],
            initialization_options={"diagnosticDelay": 20, "generate": {"enabled": False}},
        )
    )
    encoding = result.capabilities.position_encoding
    lsp_client.encoding = str(getattr(encoding, "value", encoding) or "utf-16")
    yield
    await lsp_client.shutdown_session()


def _errors_logged(client: LanguageClient) -> list[str]:
    """Exceptions the server caught in a handler (it reports them as error log messages)."""
    return [m.message for m in client.log_messages if m.type == types.MessageType.Error]


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _position(text: str, offset: int, encoding: str) -> types.Position:
    """The LSP position of `offset` as an editor computes it (lines end at \\n, \\r\\n or \\r)."""
    line_start = 0
    line = 0
    for m in _LINE_BREAK.finditer(text, 0, offset):
        if m.end() > offset:
            break
        line += 1
        line_start = m.end()
    segment = text[line_start:offset]
    if encoding == "utf-8":
        column = len(segment.encode("utf-8", "surrogatepass"))
    elif encoding == "utf-32":
        column = len(segment)
    else:
        column = len(segment.encode("utf-16-le", "surrogatepass")) // 2
    return types.Position(line=line, character=column)


class Doc:
    """The editor's copy of a document: incremental changes computed from character offsets."""

    def __init__(self, client: LanguageClient, path: Path, text: str) -> None:
        self.client = client
        self.text = text
        self.version = 1
        self.uri = open_doc(client, path, text)
        self.ident = types.TextDocumentIdentifier(uri=self.uri)

    def _safe(self, offset: int) -> int:
        offset = max(0, min(offset, len(self.text)))
        if 0 < offset < len(self.text) and self.text[offset - 1 : offset + 1] == "\r\n":
            offset -= 1  # never between \r and \n
        return offset

    def pos(self, offset: int) -> types.Position:
        return _position(self.text, self._safe(offset), self.client.encoding)

    def change(self, start: int, end: int, new: str) -> None:
        start, end = sorted((self._safe(start), self._safe(end)))
        rng = types.Range(start=self.pos(start), end=self.pos(end))
        self.text = self.text[:start] + new + self.text[end:]
        self.version += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=self.uri, version=self.version
                ),
                content_changes=[types.TextDocumentContentChangePartial(range=rng, text=new)],
            )
        )

    def replace(self, text: str) -> None:
        self.text = text
        self.version += 1
        replace_all(self.client, self.uri, text, self.version)

    def close(self) -> None:
        self.client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=self.ident)
        )


async def _answered(awaitable):
    return await asyncio.wait_for(awaitable, TIMEOUT)


async def _all_features(client: LanguageClient, doc: Doc, offsets: list[int]) -> None:
    """Every per-document request once (and the position-based ones at each offset): all answered."""
    ident = doc.ident
    whole = types.Range(start=types.Position(line=0, character=0), end=doc.pos(len(doc.text)))
    for offset in offsets:
        position = doc.pos(offset)
        await _answered(
            client.text_document_completion_async(
                types.CompletionParams(text_document=ident, position=position)
            )
        )
        await _answered(
            client.text_document_hover_async(
                types.HoverParams(text_document=ident, position=position)
            )
        )
        await _answered(
            client.text_document_definition_async(
                types.DefinitionParams(text_document=ident, position=position)
            )
        )
        await _answered(
            client.text_document_signature_help_async(
                types.SignatureHelpParams(text_document=ident, position=position)
            )
        )
    await _answered(
        client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=ident))
    )
    await _answered(
        client.text_document_semantic_tokens_full_async(
            types.SemanticTokensParams(text_document=ident)
        )
    )
    await _answered(
        client.text_document_folding_range_async(types.FoldingRangeParams(text_document=ident))
    )
    await _answered(
        client.text_document_inlay_hint_async(
            types.InlayHintParams(text_document=ident, range=whole)
        )
    )
    await _answered(
        client.text_document_formatting_async(
            types.DocumentFormattingParams(
                text_document=ident, options=types.FormattingOptions(tab_size=2, insert_spaces=True)
            )
        )
    )
    await _answered(
        client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=ident, range=whole, context=types.CodeActionContext(diagnostics=[])
            )
        )
    )


async def _same_text(client: LanguageClient, doc: Doc, index) -> None:
    """The server's semantic tokens equal those computed here from the editor's copy of the text,
    i.e. the server applied every change where the editor did."""
    result = await _answered(
        client.text_document_semantic_tokens_full_async(
            types.SemanticTokensParams(text_document=doc.ident)
        )
    )
    mine = analyze(doc.uri, doc.version, doc.text, None, encoding=client.encoding)
    expected = semantic_tokens(mine.parsed, mine.positions, index.nodes)
    assert list(result.data) == list(expected.data), "the server's copy of the document differs"


@module_loop
async def test_huge_document(client: LanguageClient, workspace):
    """About 2 MB (some 20,000 lines) of workflows: completion, hover and an edit are answered."""
    copies: list[str] = []
    while sum(len(c) for c in copies) < 2_000_000:
        copies.append(re.sub(r"workflow (\w+)", rf"workflow \1_{len(copies)}", LIGHTS))
    text = "".join(copies) + "workflow tail {\n  when \n  do hallway_light.toggle()\n}\n"
    doc = Doc(client, workspace / "huge.wfl", text)
    at = text.rindex("when ") + len("when ")
    result = await _answered(
        client.text_document_completion_async(
            types.CompletionParams(text_document=doc.ident, position=doc.pos(at))
        )
    )
    assert result is not None and "hallway_motion" in [i.label for i in result.items]
    hover = await _answered(
        client.text_document_hover_async(
            types.HoverParams(
                text_document=doc.ident, position=doc.pos(text.index("hallway_light"))
            )
        )
    )
    assert hover is not None
    doc.change(0, 0, "# edited\n")
    result = await _answered(
        client.text_document_completion_async(
            types.CompletionParams(text_document=doc.ident, position=doc.pos(at + 9))
        )
    )
    assert result is not None and result.items
    await diagnostics(client, doc.uri, timeout=TIMEOUT)
    doc.close()
    assert not _errors_logged(client)


@module_loop
async def test_deeply_nested_expressions(client: LanguageClient, workspace, example_index):
    depth = 10_000
    text = (
        "workflow deep {\n  when "
        + "(" * depth
        + "hallway_motion.occupancy"
        + ")" * depth
        + "\n  if "
        + "not " * 2_000
        + "sun.state == below_horizon\n  do hallway_light.turn_on(brightness_pct: "
        + "[" * depth
        + ")\n}\n"
    )
    doc = Doc(client, workspace / "deep.wfl", text)
    inside = text.index("hallway_motion")
    await _all_features(client, doc, [inside, inside - depth // 2, len(text) - 5])
    # Unbalance it, then balance it again, with incremental edits.
    doc.change(inside - 1, inside, "")
    doc.change(len(doc.text) - 4, len(doc.text) - 4, ")" * depth)
    await _all_features(client, doc, [inside - 1, len(doc.text) - 10])
    await diagnostics(client, doc.uri, lambda ds: len(ds) > 0, timeout=TIMEOUT)
    await _same_text(client, doc, example_index)
    doc.close()
    assert not _errors_logged(client)


@module_loop
async def test_binary_garbage(client: LanguageClient, workspace, example_index):
    rng = random.Random(11)

    def garbage(n: int) -> str:
        raw = bytes(rng.randrange(256) for _ in range(n))
        return raw.decode("utf-8", errors="replace").replace("\x00", "\x00\x00") + "\x00"

    doc = Doc(client, workspace / "garbage.wfl", garbage(20_000))
    await _all_features(client, doc, [0, len(doc.text) // 2, len(doc.text)])
    for _ in range(30):
        at = rng.randrange(len(doc.text) + 1)
        if rng.random() < 0.5:
            doc.change(at, at, garbage(rng.randint(1, 300)))
        else:
            doc.change(at, at + rng.randint(1, 200), "")
    # Garbage inside a valid document, with odd line breaks and a lone surrogate.
    doc.replace(LIGHTS[:500] + garbage(3000) + "\x0c\u2028\r\ud800" + LIGHTS[500:])
    for _ in range(30):
        at = rng.randrange(len(doc.text) + 1)
        doc.change(at, at, rng.choice(["x", "\n", "(", "\x00", "😀", "°", "\u2029", "\r"]))
    await _all_features(client, doc, [10, len(doc.text) // 2])
    await _same_text(client, doc, example_index)
    await diagnostics(client, doc.uri, lambda ds: len(ds) > 0, timeout=TIMEOUT)
    doc.close()
    assert not _errors_logged(client)


_FRAGMENTS = [
    "workflow w {\n", "}\n", "  when ", "  if ", "  do ", " and ", " or ", "not ",
    "hallway_motion", ".occupancy", " becomes true", "hallway_light", ".turn_on(",
    "brightness_pct: 30 %", ")", "(", "[", "]", ", ", ": ", "== ", "= ", "sun.state == ",
    "below_horizon", "wait 2 min\n", "at sunset - 30 min\n", "every 5 min\n", "; ",
    '"text', '"', "# note\n", "\n", "\r\n", "\t", "25 °C", "1e999 ", "07:61", ".", "😀", "\x00",
    "\u2028", "\x0c", "(" * 300, "hallw", "kitchen_ligth", "{",
]  # fmt: skip


@module_loop
async def test_random_edit_session(client: LanguageClient, workspace, example_index):
    """A few hundred random edits (fragments, single characters, deletions) with a request after
    every few; every request is answered and the document stays in step."""
    rng = random.Random(5)
    doc = Doc(client, workspace / "random.wfl", LIGHTS)
    requests = 0
    for step in range(400):
        at = rng.randrange(len(doc.text) + 1)
        r = rng.random()
        if r < 0.5:
            doc.change(at, at, rng.choice(_FRAGMENTS))
        elif r < 0.7:
            doc.change(at, at, rng.choice('abcdefghijklmnopqrstuvwxyz_0123456789 .,:;()[]{}"#\n'))
        elif r < 0.95:
            doc.change(max(0, at - rng.choice([1, 1, 3, 40])), at, "")
        else:
            doc.replace(LIGHTS if rng.random() < 0.5 else doc.text[::-1])
        if len(doc.text) > 30_000:
            doc.change(0, len(doc.text) // 2, "")
        if step % 4 == 0:
            position = doc.pos(rng.randrange(len(doc.text) + 1))
            kind = rng.randrange(4)
            if kind == 0:
                coro = client.text_document_completion_async(
                    types.CompletionParams(text_document=doc.ident, position=position)
                )
            elif kind == 1:
                coro = client.text_document_hover_async(
                    types.HoverParams(text_document=doc.ident, position=position)
                )
            elif kind == 2:
                coro = client.text_document_signature_help_async(
                    types.SignatureHelpParams(text_document=doc.ident, position=position)
                )
            else:
                coro = client.text_document_document_symbol_async(
                    types.DocumentSymbolParams(text_document=doc.ident)
                )
            await _answered(coro)
            requests += 1
        if step % 100 == 99:
            await _same_text(client, doc, example_index)
    assert requests == 100
    await _all_features(client, doc, [0, len(doc.text) // 2, len(doc.text)])
    await _same_text(client, doc, example_index)
    doc.close()
    assert not _errors_logged(client)
