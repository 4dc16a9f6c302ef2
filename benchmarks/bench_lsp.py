"""Language server benchmark: the real server (`python -m wfl serve`) driven over stdio.

    python benchmarks/bench_lsp.py            # full run (10,000 nodes, 1,000-line file, 10,000 random ops)
    python benchmarks/bench_lsp.py --quick    # small sizes, a smoke run
    python benchmarks/bench_lsp.py --ops 2000 --seed 3
    python benchmarks/bench_lsp.py --no-model-wait   # measure while the model still loads

Figures (printed as one table at the end), measured once the generation model the server loads in
the background after `initialized` (llama.cpp, when installed: a few seconds of both cores) is
ready or off, so that they are the latencies of a settled server (`--no-model-wait` measures while
it loads, as an editor sees right after start-up):
- completion latency on a 10,000-node environment while typing at realistic positions (after
  `when `, after `node.`, after `== `, fuzzy multi-word names, call parameters, values, units):
  each keystroke is a `didChange` followed by a completion request, as an editor sends them;
- hover latency on a 1,000-line document (cached analysis, and right after an edit);
- diagnostics latency: from `didChange` to the `publishDiagnostics` of that version, with the
  default 200 ms debounce (raw and minus the debounce) and with `diagnosticDelay: 0`;
- server memory (VmRSS / VmHWM from /proc) before and after the environment is loaded;
- a seeded random session of edits (fragments, garbage bytes, NUL, deep nesting, unicode, line
  separators, big deletions) interleaved with pipelined requests (completion, hover, definition,
  documentSymbol, formatting, codeAction, semanticTokens, ...), some of them cancelled. Every
  request must be answered and the server must stay alive; every few hundred operations the
  server's semantic tokens are compared with ones computed locally from the client's copy of the
  text, which catches the server's copy drifting away from the client's.

The client is a minimal JSON-RPC client on asyncio written here (not pygls's), so the timings are
request-to-response on the wire with little client overhead. Exit status: 0 when the server never
crashed and answered every request, 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402
from wfl.lsp.analysis import analyze  # noqa: E402
from wfl.lsp.semantic_tokens import semantic_tokens  # noqa: E402
from wfl.schemas.loader import dump_environment  # noqa: E402

DEFAULT_DEBOUNCE_MS = 200  # wfl.lsp.server.DEBOUNCE_SECONDS
REQUEST_TIMEOUT = 60.0
MODEL_SETTLED = ("ready", "off")
MODEL_TIMEOUT = 300.0


# ---------------------------------------------------------------- a minimal LSP client


class ServerDied(Exception):
    pass


class Client:
    """JSON-RPC over the server's stdin/stdout; answers the server's own requests."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.next_id = 0
        self.pending: dict[int, tuple[asyncio.Future, float]] = {}
        self.diagnostics: dict[str, tuple[int | None, list, float]] = {}
        self.diag_waiters: list[tuple[str, int, asyncio.Future]] = []
        self.log_messages: list[tuple[int, str]] = []
        self.log_waiters: list[tuple[re.Pattern, asyncio.Future]] = []
        self.model_states: list[tuple[str, str, float]] = []  # wfl/modelState: state, detail, when
        self.model_waiters: list[asyncio.Future] = []
        self.server_requests = Counter()
        self.closed = asyncio.get_running_loop().create_future()
        self.reader_task = asyncio.ensure_future(self._read())

    @classmethod
    async def start(cls, cwd: Path, stderr_path: Path) -> Client:
        stderr = open(stderr_path, "wb")  # noqa: SIM115 - closed with the process
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "wfl",
            "serve",
            cwd=str(cwd),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=stderr,
            limit=1 << 28,
        )
        stderr.close()
        return cls(proc)

    # ------------------------------------------------------------ wire

    async def _read(self) -> None:
        reader = self.proc.stdout
        assert reader is not None
        try:
            while True:
                header = await reader.readuntil(b"\r\n\r\n")
                match = re.search(rb"Content-Length:\s*(\d+)", header, re.IGNORECASE)
                if match is None:
                    raise ValueError(f"bad header from the server: {header[:200]!r}")
                body = await reader.readexactly(int(match.group(1)))
                self._dispatch(json.loads(body), time.perf_counter())
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        except Exception as exc:  # a protocol violation by the server
            print(f"client: cannot read the server's output: {exc!r}", file=sys.stderr)
        finally:
            if not self.closed.done():
                self.closed.set_result(None)
            for future, _ in self.pending.values():
                if not future.done():
                    future.set_exception(ServerDied("the server closed its output"))

    def _dispatch(self, msg: dict, now: float) -> None:
        if "method" in msg and "id" in msg:  # a request from the server
            method = msg["method"]
            self.server_requests[method] += 1
            result = None
            if method == "workspace/configuration":
                result = [None for _ in msg.get("params", {}).get("items", [])]
            self._write({"jsonrpc": "2.0", "id": msg["id"], "result": result})
        elif "method" in msg:
            self._notification(msg["method"], msg.get("params") or {}, now)
        elif "id" in msg:
            entry = self.pending.pop(msg["id"], None)
            if entry is not None and not entry[0].done():
                entry[0].set_result((msg, now - entry[1]))

    def _notification(self, method: str, params: dict, now: float) -> None:
        if method == "textDocument/publishDiagnostics":
            uri, version = params.get("uri"), params.get("version")
            self.diagnostics[uri] = (version, params.get("diagnostics", []), now)
            for waiter in list(self.diag_waiters):
                w_uri, w_version, future = waiter
                if w_uri == uri and version is not None and version >= w_version:
                    self.diag_waiters.remove(waiter)
                    if not future.done():
                        future.set_result((version, now))
        elif method == "wfl/modelState":
            state, detail = str(params.get("state")), str(params.get("detail") or "")
            self.model_states.append((state, detail, now))
            if state in MODEL_SETTLED:
                for future in self.model_waiters:
                    if not future.done():
                        future.set_result(None)
                self.model_waiters.clear()
        elif method == "window/logMessage":
            message = str(params.get("message", ""))
            self.log_messages.append((int(params.get("type", 4)), message))
            for waiter in list(self.log_waiters):
                pattern, future = waiter
                if pattern.search(message):
                    self.log_waiters.remove(waiter)
                    if not future.done():
                        future.set_result(message)

    def _write(self, msg: dict) -> None:
        if self.proc.returncode is not None or self.closed.done():
            raise ServerDied("the server is gone")
        body = json.dumps(msg).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    async def drain(self) -> None:
        assert self.proc.stdin is not None
        await self.proc.stdin.drain()

    # ------------------------------------------------------------ API

    def send_request(self, method: str, params) -> tuple[int, asyncio.Future]:
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = (future, time.perf_counter())
        self._write({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id, future

    async def request(self, method: str, params, timeout: float = REQUEST_TIMEOUT):
        """(response message, seconds from sending to receiving it)."""
        _, future = self.send_request(method, params)
        await self.drain()
        return await asyncio.wait_for(future, timeout)

    def notify(self, method: str, params) -> None:
        self._write({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_diagnostics(self, uri: str, version: int) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self.diag_waiters.append((uri, version, future))
        return future

    def wait_log(self, pattern: str) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        compiled = re.compile(pattern)
        for _, message in self.log_messages:
            if compiled.search(message):
                future.set_result(message)
                return future
        self.log_waiters.append((compiled, future))
        return future

    def wait_model_settled(self) -> asyncio.Future:
        """Done when the server's generation model is ready or off (`wfl/modelState`)."""
        future = asyncio.get_running_loop().create_future()
        if self.model_states and self.model_states[-1][0] in MODEL_SETTLED:
            future.set_result(None)
        else:
            self.model_waiters.append(future)
        return future

    def memory_kb(self) -> dict[str, int]:
        out: dict[str, int] = {}
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith(("VmRSS:", "VmHWM:")):
                        out[line.split(":")[0]] = int(line.split()[1])
        except OSError:
            pass
        return out

    @property
    def alive(self) -> bool:
        return self.proc.returncode is None and not self.closed.done()

    async def shutdown(self) -> int | None:
        """shutdown + exit; returns the exit code (None if it had to be killed)."""
        try:
            if self.alive:
                await self.request("shutdown", None, timeout=10)
                self.notify("exit", None)
                await self.drain()
                return await asyncio.wait_for(self.proc.wait(), 10)
        except (TimeoutError, ServerDied, ConnectionError):
            pass
        if self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()
            return None
        return self.proc.returncode


async def initialize(client: Client, root: Path, options: dict | None = None) -> dict:
    """The handshake with VS Code-like capabilities (push diagnostics, UTF-16, markdown, snippets)."""
    capabilities = {
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {
            "synchronization": {"didSave": True, "dynamicRegistration": False},
            "completion": {
                "completionItem": {
                    "snippetSupport": True,
                    "documentationFormat": ["markdown", "plaintext"],
                    "labelDetailsSupport": True,
                },
                "contextSupport": True,
            },
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": True},
            "publishDiagnostics": {"versionSupport": True},
            "semanticTokens": {
                "requests": {"full": True},
                "tokenTypes": [],
                "tokenModifiers": [],
                "formats": ["relative"],
            },
            "codeAction": {
                "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}
            },
        },
        "workspace": {
            "configuration": True,
            "didChangeWatchedFiles": {"dynamicRegistration": True, "relativePatternSupport": True},
        },
    }
    response, _ = await client.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": root.as_uri(),
            "workspaceFolders": [{"uri": root.as_uri(), "name": "bench"}],
            "capabilities": capabilities,
            "initializationOptions": options or {},
        },
    )
    if "error" in response:
        raise RuntimeError(f"initialize failed: {response['error']}")
    return response["result"]


# ---------------------------------------------------------------- documents on the client side

_BREAK = re.compile(r"\r\n|\r|\n")  # LSP's line terminators


class Doc:
    """The client's copy of a document, with LSP (UTF-16) positions."""

    def __init__(self, client: Client, path: Path, text: str) -> None:
        self.client = client
        self.uri = path.as_uri()
        self.text = text
        self.version = 1
        self._starts: list[int] | None = None

    def open(self) -> None:
        self.client.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": self.uri,
                    "languageId": "wfl",
                    "version": self.version,
                    "text": self.text,
                }
            },
        )

    def close(self) -> None:
        self.client.notify("textDocument/didClose", {"textDocument": {"uri": self.uri}})

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _BREAK.finditer(self.text)]
        return self._starts

    def position(self, offset: int) -> dict:
        starts = self.starts
        lo, hi = 0, len(starts) - 1
        while lo < hi:  # last line start <= offset
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        segment = self.text[starts[lo] : offset]
        column = (
            len(segment)
            if segment.isascii()
            else len(segment.encode("utf-16-le", "surrogatepass")) // 2
        )
        return {"line": lo, "character": column}

    def safe_offset(self, offset: int) -> int:
        """Not between the \\r and \\n of a line break (no client puts a position there)."""
        offset = max(0, min(offset, len(self.text)))
        if (
            0 < offset < len(self.text)
            and self.text[offset - 1] == "\r"
            and self.text[offset] == "\n"
        ):
            offset -= 1
        return offset

    def change(self, edits: list[tuple[int, int, str]]) -> None:
        """One didChange with incremental changes, applied in order (offsets into the text as it
        is when each change applies)."""
        changes = []
        for start, end, new in edits:
            start, end = self.safe_offset(start), self.safe_offset(end)
            if end < start:
                start, end = end, start
            changes.append(
                {"range": {"start": self.position(start), "end": self.position(end)}, "text": new}
            )
            self.text = self.text[:start] + new + self.text[end:]
            self._starts = None
        self.version += 1
        self.client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": self.uri, "version": self.version}, "contentChanges": changes},
        )

    def replace_all(self, text: str) -> None:
        self.text = text
        self._starts = None
        self.version += 1
        self.client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": self.uri, "version": self.version},
                "contentChanges": [{"text": text}],
            },
        )

    def ident(self) -> dict:
        return {"uri": self.uri}


# ---------------------------------------------------------------- figures


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    def latency(self, name: str, seconds: list[float], target_ms: float | None = None) -> None:
        ms = [s * 1000 for s in seconds]
        figure = f"n={len(ms):<5} p50 {pct(ms, 50):7.2f} ms  p95 {pct(ms, 95):7.2f} ms  max {max(ms) if ms else float('nan'):7.1f} ms"
        verdict = ""
        if target_ms is not None and ms:
            verdict = f"{'ok' if pct(ms, 95) < target_ms else 'MISSED'} (p95 < {target_ms:g} ms)"
        self.rows.append((name, figure, verdict))

    def value(self, name: str, figure: str, verdict: str = "") -> None:
        self.rows.append((name, figure, verdict))

    def print(self) -> None:
        width = max(len(r[0]) for r in self.rows) + 2
        fig = max(len(r[1]) for r in self.rows) + 2
        print()
        print("=" * (width + fig + 24))
        for name, figure, verdict in self.rows:
            print(f"{name:<{width}}{figure:<{fig}}{verdict}")
        print("=" * (width + fig + 24))


# ---------------------------------------------------------------- workspace


def make_workspace(folder: Path, nodes: int) -> tuple[Path, object]:
    env = synth.environment(nodes)
    (folder / "env.json").write_text(dump_environment(env, "json"), encoding="utf-8")
    (folder / "wfl.toml").write_text('environment = "env.json"\n', encoding="utf-8")
    return folder, env


async def start_server(
    root: Path, name: str, options: dict | None = None, wait_model: bool = True
) -> tuple[Client, dict]:
    """A server with the environment loaded (and its generation model ready or off, unless not
    `wait_model`); returns it and its start-up figures."""
    t0 = time.perf_counter()
    client = await Client.start(root, root / f"{name}.stderr.txt")
    await initialize(client, root, options)
    t_init = time.perf_counter()
    before = client.memory_kb()
    loaded = client.wait_log(r"environment .*: \d+ nodes")
    client.notify("initialized", {})
    await client.drain()
    await asyncio.wait_for(loaded, 120)
    t_loaded = time.perf_counter()
    model_s = None
    if wait_model:
        try:
            await asyncio.wait_for(client.wait_model_settled(), MODEL_TIMEOUT)
            model_s = time.perf_counter() - t_init
        except TimeoutError:
            pass
    return client, {
        "model_s": model_s,
        "initialize_s": t_init - t0,
        "env_load_s": t_loaded - t_init,
        "rss_before_kb": before.get("VmRSS", 0),
    }


# ---------------------------------------------------------------- completion


def _pick(env, kind: str, rng: random.Random) -> str:
    ids = [n.id for n in env.nodes if n.id.rsplit("_", 2)[-2] == kind]
    return rng.choice(ids)


def completion_scenarios(env, rng: random.Random) -> list[tuple[str, str, str, str | None]]:
    """(name, fixed text of the line, text typed char by char, trigger of the first keystroke)."""
    sensor = _pick(env, "sensor", rng)
    climate = _pick(env, "climate", rng)
    light = _pick(env, "light", rng)
    cover = _pick(env, "cover", rng)
    area = rng.choice(synth._AREAS)
    kind = rng.choice(["sens", "light", "clim", "cov", "mot", "sw"])
    number = rng.randint(1, 999)
    short_area = area.replace("_", " ")[: rng.randint(3, 6)]
    typo = area[:2] + area[3] + area[2] + area[4:]  # kitchen -> kictchen
    return [
        ("after `when `", "  when ", "", " "),
        ("node id, typed", "  when ", sensor, None),
        ("after `node.`", f"  when {sensor}", ".temp", "."),
        ("after `== ` (enum)", f"  when {climate}.state ==", " he", " "),
        ("fuzzy words", "  when ", f"{short_area} {kind} {number}", None),
        ("abbreviation", "  when ", f"{area[0]}{area.split('_')[-1][0]}{kind}", None),
        ("typo", "  when ", typo, None),
        ("call parameters", f"  do {climate}.set_temperature", "(", "("),
        ("parameter after `,`", f"  do {light}.turn_on(brightness_pct: 5", ", ", ","),
        ("value of parameter", f"  do {climate}.set_hvac_mode(hvac_mode:", " co", " "),
        ("unit after number", f"  when {sensor}.temperature > 25", " °", " "),
        ("action after `do`", "  do ", cover.split("_")[0][:4] + " cov", None),
    ]


async def bench_completion(client: Client, root: Path, env, rounds: int, seed: int):
    rng = random.Random(seed)
    header = "workflow bench {\n"
    footer = "\n  do " + _pick(env, "light", rng) + ".turn_on()\n}\n"
    doc = Doc(client, root / "completion.wfl", header + "  " + footer)
    doc.open()
    per_scenario: dict[str, list[float]] = {}
    all_latencies: list[float] = []
    empty = Counter()
    line_start = len(header)
    for _ in range(rounds):
        for name, fixed, typed, trigger in completion_scenarios(env, rng):
            # Put the fixed part on the line, then type the rest one character at a time.
            line_end = doc.text.index("\n", line_start)
            doc.change([(line_start, line_end, fixed)])
            cursor = line_start + len(fixed)
            keystrokes = list(typed) if typed else [""]
            for i, ch in enumerate(keystrokes):
                if ch:
                    doc.change([(cursor, cursor, ch)])
                    cursor += len(ch)
                context = {"triggerKind": 1}
                if i == 0 and trigger is not None:
                    context = {"triggerKind": 2, "triggerCharacter": trigger}
                elif ch and not ch.isalnum() and ch in ".(, ":
                    context = {"triggerKind": 2, "triggerCharacter": ch}
                elif i > 0:
                    context = {"triggerKind": 3}  # re-trigger of an incomplete list
                response, seconds = await client.request(
                    "textDocument/completion",
                    {
                        "textDocument": doc.ident(),
                        "position": doc.position(cursor),
                        "context": context,
                    },
                )
                if "error" in response:
                    raise RuntimeError(f"completion failed: {response['error']}")
                result = response.get("result") or {}
                items = result.get("items", []) if isinstance(result, dict) else result
                if not items:
                    empty[name] += 1
                per_scenario.setdefault(name, []).append(seconds)
                all_latencies.append(seconds)
    # One completionItem/resolve, as the editor asks for documentation of the selected item.
    doc.change([(line_start, doc.text.index("\n", line_start), "  when kitch")])
    response, _ = await client.request(
        "textDocument/completion",
        {"textDocument": doc.ident(), "position": doc.position(line_start + 12)},
    )
    items = (response.get("result") or {}).get("items", [])
    resolve_s: list[float] = []
    for item in items[:20]:
        _, seconds = await client.request("completionItem/resolve", item)
        resolve_s.append(seconds)
    doc.close()
    return per_scenario, all_latencies, empty, resolve_s


# ---------------------------------------------------------------- hover and diagnostics


_OCCURRENCE = re.compile(r"\b([a-z_]+_\d+)(\.([a-z_]+))?")


def hover_targets(text: str, rng: random.Random, n: int) -> list[int]:
    """Offsets inside node ids, properties, actions, parameter names and enum values."""
    offsets = []
    comments = [(m.start(), m.end()) for m in re.finditer(r"#[^\n]*", text)]
    in_comment = {o for a, e in comments for o in range(a, e)}
    for m in _OCCURRENCE.finditer(text):
        if m.start() in in_comment:
            continue
        offsets.append(m.start(1) + 2)
        if m.group(3):
            offsets.append(m.start(3) + 1)
    for m in re.finditer(r"\b(brightness_pct|temperature|position|heat|auto):?", text):
        if m.start() not in in_comment:
            offsets.append(m.start() + 1)
    rng.shuffle(offsets)
    return offsets[:n]


async def bench_hover(client: Client, doc: Doc, samples: int, seed: int):
    rng = random.Random(seed)
    cached: list[float] = []
    after_edit: list[float] = []
    empty = 0
    # Make sure the analysis of the current version exists (the first request pays for it).
    await client.request("textDocument/documentSymbol", {"textDocument": doc.ident()})
    for offset in hover_targets(doc.text, rng, samples):
        response, seconds = await client.request(
            "textDocument/hover", {"textDocument": doc.ident(), "position": doc.position(offset)}
        )
        if "error" in response:
            raise RuntimeError(f"hover failed: {response['error']}")
        if not response.get("result"):
            empty += 1
        cached.append(seconds)
    # Hover right after an edit: includes parsing and checking the whole document again.
    at = doc.text.index("# workflow") + 2
    present = False
    for offset in hover_targets(doc.text, rng, max(10, samples // 5)):
        doc.change([(at, at + 1, "")] if present else [(at, at, "x")])
        present = not present
        shifted = offset + (1 if present and offset >= at else 0)
        response, seconds = await client.request(
            "textDocument/hover", {"textDocument": doc.ident(), "position": doc.position(shifted)}
        )
        if "error" in response or not response.get("result"):
            empty += 1
        after_edit.append(seconds)
    # Completion in the big file right after an edit (typing in a long file).
    completion_s: list[float] = []
    whens = [m.end() for m in re.finditer(r"\n  when ", doc.text)]
    for i in range(max(10, samples // 5)):
        doc.change([(at, at + 1, "")] if present else [(at, at, "x")])
        present = not present
        cursor = rng.choice(whens) + (1 if present else 0)
        response, seconds = await client.request(
            "textDocument/completion",
            {
                "textDocument": doc.ident(),
                "position": doc.position(cursor),
                "context": {"triggerKind": 1},
            },
        )
        completion_s.append(seconds)
    if present:
        doc.change([(at, at + 1, "")])
    return cached, after_edit, empty, completion_s


async def bench_diagnostics(
    client: Client, doc: Doc, samples: int, seed: int
) -> tuple[list[float], list[int]]:
    """Edit a number (sometimes into an out-of-range value), wait for that version's diagnostics."""
    rng = random.Random(seed)
    numbers = [m for m in re.finditer(r"> (\d+) °C", doc.text)]
    latencies: list[float] = []
    counts: list[int] = []
    # Settle: whatever is scheduled from before.
    await asyncio.sleep(DEFAULT_DEBOUNCE_MS / 1000 + 0.2)
    for i in range(samples):
        m = numbers[rng.randrange(len(numbers))]
        start, end = m.span(1)
        value = "99" if i % 3 == 0 else str(rng.randint(18, 28))  # 99 °C: out of range
        waiter = client.wait_diagnostics(doc.uri, doc.version + 1)
        t0 = time.perf_counter()
        doc.change([(start, end, value)])
        await client.drain()
        _, t1 = await asyncio.wait_for(waiter, 60)
        latencies.append(t1 - t0)
        counts.append(len(client.diagnostics[doc.uri][1]))
        await asyncio.sleep(0.05)
    return latencies, counts


# ---------------------------------------------------------------- the random session

_VALID_FRAGMENTS = [
    "workflow w {\n",
    "}\n",
    "  when ",
    "  if ",
    "  do ",
    "  else ",
    " and ",
    " or ",
    " not ",
    ".temperature > 25 °C",
    ".state == on",
    ".state in [on, off]",
    ".motion becomes true for 5 min",
    " changes",
    ".turn_on(brightness_pct: 50 %)",
    ".set_temperature(temperature: 21 °C)",
    "(",
    ")",
    "[",
    "]",
    ", ",
    ": ",
    "== ",
    "= ",
    "at 07:30 on weekdays\n",
    "at sunset - 30 min\n",
    "every 15 min\n",
    "wait 2 h\n",
    "; ",
    '"a string" ',
    '"unterminated ',
    "# a comment\n",
    "\n",
    "\r\n",
    "\t",
    " ",
    "25 °F",
    "0.4 EUR/kWh",
    "1e309 ",
    "99999999999999999999999999999 %",
    "-0 ",
    "07:61",
    "25:00",
    "on ",
    "becomes ",
    "for ",
    "workflow ",
    "{",
    "}",
    ".",
    "..",
]
_UNICODE = [
    "°",
    "ü",
    "€",
    "😀",
    "𝔘",
    "中文",
    "\u200b",
    "\ufeff",
    "é",
    "\ud800",
    "\udfff",
]  # lone surrogates too
_ODD_BREAKS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\r"]


def random_fragment(rng: random.Random, node_ids: list[str]) -> str:
    r = rng.random()
    if r < 0.35:
        return rng.choice(_VALID_FRAGMENTS)
    if r < 0.55:
        node = rng.choice(node_ids)
        if rng.random() < 0.3:  # a partial or misspelt id
            cut = rng.randint(1, len(node))
            node = node[:cut] + (rng.choice("abcxyz_") if rng.random() < 0.5 else "")
        return node
    if r < 0.70:  # single characters, as typed
        return rng.choice('abcdefghijklmnopqrstuvwxyz_0123456789 .,:;()[]{}=<>!"#-+*/%\n')
    if r < 0.78:
        return rng.choice(_UNICODE)
    if r < 0.84:  # binary garbage, NUL included
        raw = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        return raw.decode("utf-8", errors="replace") + ("\x00" if rng.random() < 0.5 else "")
    if r < 0.88:
        return rng.choice(_ODD_BREAKS)
    if r < 0.93:  # deep nesting
        depth = rng.choice([10, 100, 1000, 5000])
        kind = rng.random()
        if kind < 0.4:
            return "(" * depth
        if kind < 0.6:
            return "(" * depth + "x.y" + ")" * depth
        if kind < 0.7:
            return "not " * min(depth, 2000)
        if kind < 0.8:
            return "x.y in " + "[" * depth
        if kind < 0.9:
            return "x.y(p: " + "[" * depth + "(" * depth
        return "[" * depth
    if r < 0.97:  # a long run
        return rng.choice(["a", "1", " ", "\n", ".", "x.", "and "]) * rng.randint(50, 3000)
    return rng.choice(["\x00", "\x00" * 100, "\\", '\\"', "\x7f", "\x1b[31m"])


REQUEST_KINDS = [
    ("completion", 24),
    ("hover", 14),
    ("definition", 8),
    ("documentSymbol", 8),
    ("formatting", 6),
    ("codeAction", 8),
    ("semanticTokens", 6),
    ("signatureHelp", 5),
    ("foldingRange", 4),
    ("inlayHint", 4),
    ("references", 3),
    ("prepareRename", 2),
    ("rename", 1),
    ("diagnostic", 2),
    ("workspaceSymbol", 2),
    ("resolve", 3),
]


class Session:
    def __init__(self, client: Client, docs: list[Doc], env, seed: int) -> None:
        self.client = client
        self.env = env
        node_ids = [n.id for n in env.nodes]
        self.docs = docs
        self.node_ids = node_ids
        self.rng = random.Random(seed)
        self.sent = Counter()
        self.answered = Counter()
        self.errors = Counter()
        self.error_samples: dict[str, str] = {}
        self.cancelled = 0
        self.inflight: list[tuple[str, int, asyncio.Future]] = []
        self.latencies: dict[str, list[float]] = {}
        self.last_items: list[dict] = []
        self.edits = 0
        self.consistency_checks = 0
        self.desyncs: list[str] = []
        self.kinds = [k for k, _ in REQUEST_KINDS]
        self.weights = [w for _, w in REQUEST_KINDS]
        self.max_len = 60_000

    # ------------------------------------------------------------ edits

    def random_offset(self, doc: Doc) -> int:
        if not doc.text or self.rng.random() < 0.05:
            return self.rng.choice([0, len(doc.text)])
        return self.rng.randrange(len(doc.text) + 1)

    def edit(self) -> None:
        rng = self.rng
        doc = rng.choice(self.docs)
        self.edits += 1
        r = rng.random()
        if len(doc.text) > self.max_len:
            start = rng.randrange(len(doc.text) // 2)
            doc.change([(start, start + len(doc.text) // 2, "")])
        elif r < 0.45:  # insert a fragment
            at = self.random_offset(doc)
            doc.change([(at, at, random_fragment(rng, self.node_ids))])
        elif r < 0.70:  # delete characters (backspace) or a range
            at = self.random_offset(doc)
            n = rng.choice([1, 1, 1, 2, 5, 20, 200])
            doc.change([(max(0, at - n), at, "")])
        elif r < 0.85:  # replace a range
            a, b = self.random_offset(doc), self.random_offset(doc)
            a, b = min(a, b), min(max(a, b), min(a, b) + 500)
            doc.change([(a, b, random_fragment(rng, self.node_ids))])
        elif r < 0.95:  # several changes in one notification (multi-cursor)
            edits = []
            for _ in range(rng.randint(2, 4)):
                at = rng.randrange(len(doc.text) + 1) if doc.text else 0
                edits.append(
                    (
                        at,
                        min(at + rng.randint(0, 3), len(doc.text)),
                        rng.choice(["x", "", "()", "\n", "😀"]),
                    )
                )
            doc.change(edits)
        elif r < 0.985:  # whole-document replacement
            base = synth.workflow_file(self.env, rng.randint(1, 200), seed=rng.randrange(1000))
            if rng.random() < 0.5:
                cut = rng.randrange(len(base))
                base = base[:cut] + random_fragment(rng, self.node_ids) + base[cut:]
            doc.replace_all(base)
        else:  # close and reopen
            doc.close()
            doc.version = 1
            doc.open()

    # ------------------------------------------------------------ requests

    def random_position(self, doc: Doc) -> dict:
        r = self.rng.random()
        if r < 0.03:  # past the end: clients should not, robust servers must cope
            return {
                "line": len(doc.starts) + self.rng.randint(0, 5),
                "character": self.rng.randint(0, 50),
            }
        if r < 0.06:
            pos = doc.position(self.random_offset(doc))
            return {"line": pos["line"], "character": pos["character"] + self.rng.randint(1, 500)}
        return doc.position(doc.safe_offset(self.random_offset(doc)))

    def request_params(self, kind: str, doc: Doc) -> tuple[str, object]:
        ident = doc.ident()
        rng = self.rng
        if kind == "completion":
            trigger = rng.choice([None, None, ".", " ", "(", ","])
            context = (
                {"triggerKind": 1}
                if trigger is None
                else {"triggerKind": 2, "triggerCharacter": trigger}
            )
            return "textDocument/completion", {
                "textDocument": ident,
                "position": self.random_position(doc),
                "context": context,
            }
        if kind == "hover":
            return "textDocument/hover", {
                "textDocument": ident,
                "position": self.random_position(doc),
            }
        if kind == "definition":
            return "textDocument/definition", {
                "textDocument": ident,
                "position": self.random_position(doc),
            }
        if kind == "documentSymbol":
            return "textDocument/documentSymbol", {"textDocument": ident}
        if kind == "formatting":
            return "textDocument/formatting", {
                "textDocument": ident,
                "options": {"tabSize": 2, "insertSpaces": True},
            }
        if kind == "codeAction":
            a, b = self.random_position(doc), self.random_position(doc)
            if (a["line"], a["character"]) > (b["line"], b["character"]):
                a, b = b, a
            return "textDocument/codeAction", {
                "textDocument": ident,
                "range": {"start": a, "end": b},
                "context": {"diagnostics": [], "triggerKind": 1},
            }
        if kind == "semanticTokens":
            return "textDocument/semanticTokens/full", {"textDocument": ident}
        if kind == "signatureHelp":
            return "textDocument/signatureHelp", {
                "textDocument": ident,
                "position": self.random_position(doc),
            }
        if kind == "foldingRange":
            return "textDocument/foldingRange", {"textDocument": ident}
        if kind == "inlayHint":
            end = doc.position(len(doc.text))
            return "textDocument/inlayHint", {
                "textDocument": ident,
                "range": {"start": {"line": 0, "character": 0}, "end": end},
            }
        if kind == "references":
            return "textDocument/references", {
                "textDocument": ident,
                "position": self.random_position(doc),
                "context": {"includeDeclaration": rng.random() < 0.5},
            }
        if kind == "prepareRename":
            return "textDocument/prepareRename", {
                "textDocument": ident,
                "position": self.random_position(doc),
            }
        if kind == "rename":
            return "textDocument/rename", {
                "textDocument": ident,
                "position": self.random_position(doc),
                "newName": rng.choice(["renamed_node", "when", "9bad", "kitchen_sensor_0", ""]),
            }
        if kind == "diagnostic":
            return "textDocument/diagnostic", {"textDocument": ident}
        if kind == "workspaceSymbol":
            return "workspace/symbol", {
                "query": rng.choice(["", "kitch", "w1", "zz", "kitch sens 3"])
            }
        # completionItem/resolve of an item seen earlier (or a made-up one)
        if self.last_items:
            return "completionItem/resolve", rng.choice(self.last_items)
        return "completionItem/resolve", {"label": "x", "data": {"kind": "node", "node": "nope"}}

    def send(self) -> None:
        kind = self.rng.choices(self.kinds, self.weights)[0]
        doc = self.rng.choice(self.docs)
        method, params = self.request_params(kind, doc)
        msg_id, future = self.client.send_request(method, params)
        self.sent[method] += 1
        self.inflight.append((method, msg_id, future))
        if self.rng.random() < 0.03:  # the user moved on: cancel it (it must still be answered)
            self.client.notify("$/cancelRequest", {"id": msg_id})

    async def settle(self, keep: int) -> None:
        """Wait for the oldest requests until at most `keep` are in flight."""
        while len(self.inflight) > keep:
            method, _, future = self.inflight.pop(0)
            try:
                response, seconds = await asyncio.wait_for(future, REQUEST_TIMEOUT)
            except TimeoutError:
                self.errors["(unanswered) " + method] += 1
                continue
            except ServerDied:
                raise
            self.answered[method] += 1
            self.latencies.setdefault(method, []).append(seconds)
            error = response.get("error")
            if error:
                if error.get("code") == -32800:
                    self.cancelled += 1
                else:
                    key = f"{method} {error.get('code')}"
                    self.errors[key] += 1
                    self.error_samples.setdefault(key, str(error.get("message"))[:200])
            elif method == "textDocument/completion":
                result = response.get("result") or {}
                items = result.get("items", []) if isinstance(result, dict) else result
                if items:
                    self.last_items = items[:10]

    async def check_consistency(self, doc: Doc, node_ids: set[str]) -> None:
        """The server's semantic tokens == those computed here from the client's copy."""
        await self.settle(0)
        response, _ = await self.client.request(
            "textDocument/semanticTokens/full", {"textDocument": doc.ident()}
        )
        self.consistency_checks += 1
        server = (response.get("result") or {}).get("data")
        mine = analyze(doc.uri, doc.version, doc.text, None, encoding="utf-16")
        local = semantic_tokens(mine.parsed, mine.positions, node_ids).data
        if server != local:
            self.desyncs.append(
                f"{doc.uri.rsplit('/', 1)[-1]} v{doc.version} ({len(doc.text)} chars)"
            )

    async def run(self, ops: int, node_ids: set[str], progress: bool) -> float:
        t0 = time.perf_counter()
        check_every = max(50, ops // 40)
        for i in range(ops):
            if not self.client.alive:
                break
            if self.rng.random() < 0.55:
                self.edit()
            else:
                self.send()
            await self.client.drain()
            await self.settle(keep=6)
            if (i + 1) % check_every == 0:
                await self.check_consistency(self.rng.choice(self.docs), node_ids)
                if progress:
                    print(
                        f"  random session: {i + 1}/{ops} ops, {sum(self.sent.values())} requests,"
                        f" {time.perf_counter() - t0:5.1f} s",
                        file=sys.stderr,
                    )
        await self.settle(0)
        return time.perf_counter() - t0


# ---------------------------------------------------------------- main


async def run(args: argparse.Namespace) -> int:
    table = Table()
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="wfl-bench-lsp-") as tmp:
        root, env = make_workspace(Path(tmp), args.nodes)
        node_ids = [n.id for n in env.nodes]
        node_set = set(node_ids)
        big_text = synth.workflow_file(env, args.lines)
        print(
            f"environment: {args.nodes} nodes ({(root / 'env.json').stat().st_size / 1e6:.1f} MB JSON);"
            f" document: {big_text.count(chr(10))} lines ({len(big_text)} chars)",
            file=sys.stderr,
        )

        # ------------------------------------------------ server A: default debounce
        client, startup = await start_server(root, "server-a", wait_model=args.model_wait)
        table.value(
            "start-up",
            f"initialize {startup['initialize_s'] * 1000:.0f} ms, environment loaded"
            f" {startup['env_load_s'] * 1000:.0f} ms later",
        )
        state, detail, _ = client.model_states[-1] if client.model_states else ("?", "", 0.0)
        if not args.model_wait:
            waited = "not waited for: the figures below include its loading"
        elif startup["model_s"] is None:
            waited = f"not settled after {MODEL_TIMEOUT:.0f} s"
        else:
            waited = f"settled {startup['model_s']:.1f} s after `initialized`, before measuring"
        table.value("  generation model (background)", f"{state}: {detail[:60]}; {waited}")
        try:
            big = Doc(client, root / "big.wfl", big_text)
            big.open()
            waiter = client.wait_diagnostics(big.uri, 1)
            await client.drain()
            await asyncio.wait_for(waiter, 60)
            mem = client.memory_kb()
            table.value(
                "server memory (VmRSS)",
                f"{startup['rss_before_kb'] / 1024:.0f} MB before the environment,"
                f" {mem.get('VmRSS', 0) / 1024:.0f} MB with {args.nodes} nodes + the {args.lines}-line file open",
            )

            print("completion ...", file=sys.stderr)
            per_scenario, all_completion, empty, resolve_s = await bench_completion(
                client, root, env, args.completion_rounds, args.seed
            )
            table.latency(f"completion, all positions ({args.nodes} nodes)", all_completion, 10)
            for name, values in per_scenario.items():
                note = f"  ({empty[name]} empty)" if empty[name] else ""
                table.latency(f"  {name}{note}", values)
            table.latency("completionItem/resolve", resolve_s)

            print("hover ...", file=sys.stderr)
            cached, after_edit, empty_hovers, big_completion = await bench_hover(
                client, big, args.hover_samples, args.seed
            )
            table.latency(f"hover, {args.lines}-line file (cached analysis)", cached, 50)
            table.latency("hover right after an edit (re-analysis)", after_edit, 50)
            table.latency(
                f"completion after `when `, {args.lines}-line file, right after an edit",
                big_completion,
            )
            if empty_hovers:
                table.value("  hovers with no result", str(empty_hovers))

            print("diagnostics (default debounce) ...", file=sys.stderr)
            raw, _ = await bench_diagnostics(client, big, args.diag_samples, args.seed)
            table.latency(f"diagnostics, debounce {DEFAULT_DEBOUNCE_MS} ms: raw", raw)
            table.latency(
                "  minus the debounce", [max(0.0, s - DEFAULT_DEBOUNCE_MS / 1000) for s in raw], 50
            )
            big.close()

            print("random session ...", file=sys.stderr)
            docs = [
                Doc(client, root / "random1.wfl", synth.workflow_file(env, 60, seed=args.seed)),
                Doc(client, root / "random2.wfl", ""),
            ]
            for d in docs:
                d.open()
            session = Session(client, docs, env, args.seed)
            try:
                seconds = await session.run(args.ops, node_set, args.progress)
            except ServerDied:
                seconds = float("nan")
            mem_after = client.memory_kb()
            sent = sum(session.sent.values())
            answered = sum(session.answered.values())
            unanswered = sent - answered
            errored = sum(v for k, v in session.errors.items() if not k.startswith("(unanswered)"))
            alive = client.alive
            # One more request: still answering?
            final_ok = False
            if alive:
                try:
                    response, _ = await client.request(
                        "workspace/symbol", {"query": "kitch"}, timeout=30
                    )
                    final_ok = "result" in response
                except (TimeoutError, ServerDied):
                    final_ok = False
            table.value(
                f"random session ({args.ops} ops, seed {args.seed})",
                f"{session.edits} edits, {sent} requests in {seconds:.1f} s: {answered} answered,"
                f" {errored} error responses, {session.cancelled} cancelled, {unanswered} unanswered",
                "ok" if alive and unanswered == 0 and final_ok else "FAILED",
            )
            for method in (
                "textDocument/completion",
                "textDocument/hover",
                "textDocument/semanticTokens/full",
            ):
                if session.latencies.get(method):
                    table.latency(
                        f"  {method.split('/', 1)[1]} (up to 6 in flight, incl. queueing)",
                        session.latencies[method],
                    )
            table.value(
                "  server alive / final request answered",
                f"{alive} / {final_ok}",
                "ok" if alive and final_ok else "FAILED",
            )
            table.value(
                "  document sync checks (semantic tokens)",
                f"{session.consistency_checks - len(session.desyncs)}/{session.consistency_checks} identical",
                "ok" if not session.desyncs else "DRIFT: " + ", ".join(session.desyncs[:3]),
            )
            handler_errors = [m for t, m in client.log_messages if t == 1]
            table.value(
                "  handler exceptions (window/logMessage errors)",
                str(len(handler_errors)),
                "ok" if not handler_errors else "see below",
            )
            # Parser/checker failures the server survived (analysis.py falls back to the tokens
            # and logs the traceback on stderr): not crashes, but bugs to report.
            server_log = (root / "server-a.stderr.txt").read_text(errors="replace")
            caught = Counter(
                m.group(1) + (f" ({m.group(2)})" if m.group(2) else "")
                for m in re.finditer(
                    r"wfl: the (parser ran out of stack|parser failed|checker failed)[^\n]*\n"
                    r"(?:(?:Traceback|  |    )[^\n]*\n)*(\w+(?:Error|Exception)?: [^\n]*)?",
                    server_log,
                )
            )
            table.value(
                "  parser/checker failures survived",
                ", ".join(f"{n}x {k[:110]}" for k, n in caught.most_common(4)) or "0",
                "ok" if not caught else "bugs: see the server log",
            )
            table.value(
                "  server memory after the session",
                f"VmRSS {mem_after.get('VmRSS', 0) / 1024:.0f} MB, peak VmHWM {mem_after.get('VmHWM', 0) / 1024:.0f} MB",
            )
            if not alive:
                failures.append("the server died during the random session")
            if unanswered:
                failures.append(f"{unanswered} requests were not answered")
            if alive and not final_ok:
                failures.append("the server did not answer after the random session")
            error_lines = [
                f"{k}: {v} (e.g. {session.error_samples.get(k, '')})"
                for k, v in session.errors.items()
            ]
            exit_code = await client.shutdown()
            table.value(
                "  shutdown/exit", f"exit code {exit_code}", "ok" if exit_code == 0 else "FAILED"
            )
            if exit_code != 0:
                failures.append(f"the server exited with {exit_code} after shutdown/exit")
        finally:
            if client.alive:
                client.proc.kill()

        # ------------------------------------------------ server B: diagnosticDelay 0
        print("diagnostics (diagnosticDelay 0) ...", file=sys.stderr)
        client_b, _ = await start_server(
            root, "server-b", {"diagnosticDelay": 0}, wait_model=args.model_wait
        )
        try:
            big_b = Doc(client_b, root / "big.wfl", big_text)
            big_b.open()
            waiter = client_b.wait_diagnostics(big_b.uri, 1)
            await client_b.drain()
            await asyncio.wait_for(waiter, 60)
            zero, counts_b = await bench_diagnostics(client_b, big_b, args.diag_samples, args.seed)
            table.latency(f"diagnostics, diagnosticDelay 0, {args.lines}-line file", zero, 50)
            table.value("  diagnostics per publish", f"{min(counts_b)}..{max(counts_b)}")
            await client_b.shutdown()
        finally:
            if client_b.alive:
                client_b.proc.kill()
        stderr_tail = (root / "server-a.stderr.txt").read_text(errors="replace")[-3000:]

    table.print()
    if error_lines:
        print(
            "error responses in the random session (renames to invalid or taken names are refused on purpose):"
        )
        for line in error_lines:
            print("  " + line)
    if handler_errors:
        print("handler exceptions reported by the server (first lines, counted):")
        for message, n in Counter(_first_traceback_line(m) for m in handler_errors).most_common(10):
            print(f"  {n:5d}  {message}")
    if failures:
        print("FAILED: " + "; ".join(failures))
        if stderr_tail.strip():
            print("server stderr (tail):\n" + stderr_tail)
        return 1
    return 0


def _first_traceback_line(message: str) -> str:
    lines = [l for l in message.splitlines() if l.strip()]
    head = lines[0] if lines else message
    last = lines[-1] if lines else ""
    return f"{head[:80]} ... {last[:160]}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument("--nodes", type=int, help="environment size (default 10,000; quick 1,000)")
    parser.add_argument(
        "--lines", type=int, help="document size for hover/diagnostics (default 1,000)"
    )
    parser.add_argument("--ops", type=int, help="random session length (default 10,000; quick 500)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--progress", action="store_true", help="report progress on stderr")
    parser.add_argument(
        "--no-model-wait",
        dest="model_wait",
        action="store_false",
        help="start measuring as soon as the environment is loaded, while the generation model"
        " still loads and warms up in the background (by default the figures wait for it)",
    )
    args = parser.parse_args()
    quick = args.quick
    args.nodes = args.nodes or (1_000 if quick else 10_000)
    args.lines = args.lines or (200 if quick else 1_000)
    args.ops = args.ops if args.ops is not None else (500 if quick else 10_000)
    args.completion_rounds = 1 if quick else 4
    args.hover_samples = 30 if quick else 200
    args.diag_samples = 5 if quick else 30
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
