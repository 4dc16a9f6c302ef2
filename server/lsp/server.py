"""The wfl language server (pygls 2).

Handlers are thin: they find the document's analysis (text, tree, diagnostics, positions), turn the
LSP position into an offset and call a pure function from the feature modules. Every handler is
wrapped by `_safe`: an exception is logged (and sent as `window/logMessage`) and an empty result
returned, so one bug never takes the editor session down.

Concurrency: the server runs on one asyncio loop. Parsing and checking a document happens inline
for small texts and in a worker thread for large ones, always on a snapshot of (text, version);
results for a version that is no longer current are not published. Push diagnostics are debounced
per document. The environment loads in a worker thread too.

Generation (`generate.py`): the model loads in the background after `initialized`; the code actions
"Generate workflow…" / "Generate condition…" carry no edit and generate in `codeAction/resolve`;
the command `wfl.generate` generates and applies with `workspace/applyEdit`. Both run the model on
its own worker thread with work-done progress and honour `$/cancelRequest`.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import re
import sys
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument, Workspace
from wfl import __version__
from wfl.config import ConfigError, find_config, load_config

from . import code_actions as code_actions_mod
from . import completion as completion_mod
from . import generate as generate_mod
from . import folding, formatting, navigation
from . import hover as hover_mod
from . import inlay_hints as inlay_mod
from . import semantic_tokens as tokens_mod
from . import signature_help as signature_mod
from . import symbols as symbols_mod
from .analysis import Analysis, analyze, lsp_diagnostics
from .environment import EnvState, Loaded, Resolution, as_list, load, resolve_paths
from .positions import Positions

log = logging.getLogger("wfl.lsp")

DEBOUNCE_SECONDS = 0.2
INLINE_LIMIT = 20_000
"""Documents shorter than this (characters) are analysed on the loop: a thread hop costs more."""
WATCH_REGISTRATION_ID = "wfl-environment-watch"


# ---------------------------------------------------------------- transport and protocol hardening


class _ResyncingStdin:
    """stdin for pygls's reader, which needs each header line to be exactly
    `Content-Length: N\r\n`. After one malformed message (a Content-Length that is not a number or
    too short, or none) the rest of its body, which ends without a newline, is read as a header
    line together with the next message's `Content-Length` line, and every later message is lost
    the same way. Here a header line that *ends* in a Content-Length header is cut down to it, so
    the stream picks up again at the next message."""

    _HEADER = re.compile(rb"content-length:[ \t]*(\d+)[ \t]*\r?\n?\Z", re.IGNORECASE)

    def __init__(self, raw) -> None:
        self.raw = raw

    def readline(self) -> bytes:
        line = self.raw.readline()
        match = self._HEADER.search(line)
        if match is not None:
            return b"Content-Length: " + match.group(1) + b"\r\n"
        return line

    def read(self, n: int) -> bytes:
        return self.raw.read(n)


def _private_stdout():
    """The LSP stream on a duplicate of file descriptor 1, with descriptor 1 itself pointed at
    stderr. Native code in this process writes to descriptor 1 (llama.cpp's logs), and
    llama-cpp-python points it at /dev/null while it loads a model (from the model's worker
    thread): messages written meanwhile would be lost or the stream corrupted."""
    try:
        sys.stdout.flush()
        fd = os.dup(sys.stdout.fileno())
        os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
        return os.fdopen(fd, "wb")
    except (OSError, ValueError, AttributeError):  # no real descriptors (embedded, tests)
        return sys.stdout.buffer


class _Protocol(LanguageServerProtocol):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cancel_events: dict[Any, Any] = {}
        """Request id -> the `threading.Event` a generation for that request polls."""

    def _handle_cancel_notification(self, msg_id):
        """`$/cancelRequest`: pygls cancels the handler's task (a command's only after it returns);
        a generation running in a worker thread is stopped through its event."""
        event = self.cancel_events.get(msg_id)
        if event is not None:
            event.set()
        super()._handle_cancel_notification(msg_id)

    def structure_message(self, data: dict[str, Any]):
        """pygls drops a request whose params do not fit the method's types without answering it,
        which leaves the client waiting forever: answer it with InvalidParams."""
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            msg_id = data.get("id")
            if "method" in data and isinstance(msg_id, (int, str)) and not isinstance(msg_id, bool):
                try:
                    self._send_response(msg_id, None, exc.to_response_error())
                except Exception:  # pragma: no cover - the transport itself may be gone
                    pass
            raise


_ODD_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_LSP_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


class _LspTextDocument(TextDocument):
    """pygls splits documents into lines with `str.splitlines`, which also breaks at form feed,
    vertical tab, U+0085, U+2028/2029 and more; LSP lines end only at `\n`, `\r\n` or `\r`. With
    one such character in the text every incremental change after it lands on the wrong line and
    the server's copy of the document drifts from the editor's for good."""

    @property
    def lines(self):
        source = self.source
        if _ODD_LINE_BREAKS.search(source) is None:
            return tuple(source.splitlines(True))
        return tuple(_LSP_LINE.findall(source))


def _use_lsp_lines(workspace: Workspace) -> None:
    """Make `workspace` create `_LspTextDocument`s."""
    original = workspace._create_text_document

    def create(doc_uri, source=None, version=None, language_id=None):
        document = original(doc_uri, source=source, version=version, language_id=language_id)
        document.__class__ = _LspTextDocument
        return document

    workspace._create_text_document = create


class WflLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "wfl",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=_Protocol,
        )
        self.env = EnvState()
        self.analyses: dict[str, Analysis] = {}
        self._parsed: dict[str, Analysis] = {}
        self._inflight: dict[str, tuple[tuple, asyncio.Future, bool]] = {}
        self._debounce: dict[str, asyncio.Task] = {}
        self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="wfl-lsp")
        self._env_lock: asyncio.Lock | None = None
        self._env_ready: asyncio.Event | None = None
        self._watching: list[str] | None = None
        self._tasks: set[asyncio.Task] = set()
        self.debounce = DEBOUNCE_SECONDS
        self.root: Path | None = None
        self.init_environment: list[str] | None = None
        self.settings_environment: list[str] | None = None
        self.pull_diagnostics = False
        self.snippets = False
        self.markdown_completion = True
        self.markdown_hover = True
        self.hierarchical_symbols = True
        self.watch_dynamic = False
        self.watch_relative = False
        self.configuration_request = False
        self.diagnostic_refresh = False
        self.work_done_progress_supported = False
        self.document_changes = False
        self.apply_edit_supported = False
        self.init_generate: dict = {}
        self.settings_generate: dict = {}
        self.model = generate_mod.ModelService(self.send_model_state)

    # ------------------------------------------------------------ setup

    @property
    def encoding(self) -> object:
        try:
            return self.workspace.position_encoding
        except Exception:
            return "utf-16"

    def start_io(self, stdin=None, stdout=None) -> None:
        if stdout is None:
            stdout = _private_stdout()
        super().start_io(_ResyncingStdin(stdin or sys.stdin.buffer), stdout)

    def setup(self, params: types.InitializeParams) -> None:
        try:
            _use_lsp_lines(self.workspace)
        except Exception as exc:  # pragma: no cover - a pygls without this hook: keep its lines
            log.warning("wfl: cannot use LSP line breaks for documents: %s", exc)
        self._env_lock = asyncio.Lock()
        self._env_ready = asyncio.Event()
        caps = params.capabilities
        text_caps = caps.text_document
        workspace_caps = caps.workspace
        completion_item = (
            text_caps.completion.completion_item if text_caps and text_caps.completion else None
        )
        self.snippets = bool(completion_item and completion_item.snippet_support)
        doc_formats = (completion_item.documentation_format if completion_item else None) or []
        self.markdown_completion = types.MarkupKind.Markdown in doc_formats or not doc_formats
        hover_formats = (
            text_caps.hover.content_format if text_caps and text_caps.hover else None
        ) or []
        self.markdown_hover = types.MarkupKind.Markdown in hover_formats or not hover_formats
        symbol_caps = text_caps.document_symbol if text_caps else None
        self.hierarchical_symbols = bool(
            symbol_caps and symbol_caps.hierarchical_document_symbol_support
        )
        self.pull_diagnostics = bool(text_caps and text_caps.diagnostic is not None)
        watch = workspace_caps.did_change_watched_files if workspace_caps else None
        self.watch_dynamic = bool(watch and watch.dynamic_registration)
        self.watch_relative = bool(watch and watch.relative_pattern_support)
        self.configuration_request = bool(workspace_caps and workspace_caps.configuration)
        refresh = workspace_caps.diagnostics if workspace_caps else None
        self.diagnostic_refresh = bool(refresh and refresh.refresh_support)
        self.work_done_progress_supported = bool(caps.window and caps.window.work_done_progress)
        edit_caps = workspace_caps.workspace_edit if workspace_caps else None
        self.document_changes = bool(edit_caps and edit_caps.document_changes)
        self.apply_edit_supported = bool(workspace_caps and workspace_caps.apply_edit)

        root_uri = params.root_uri
        if params.workspace_folders:
            root_uri = params.workspace_folders[0].uri
        if root_uri is None and params.root_path:
            self.root = Path(params.root_path)
        elif root_uri:
            path = to_fs_path(root_uri)
            self.root = Path(path) if path else None
        options = (
            params.initialization_options if isinstance(params.initialization_options, dict) else {}
        )
        self.init_environment = as_list(options.get("environment"))
        mode = options.get("diagnostics")
        if mode in ("push", "pull"):
            self.pull_diagnostics = mode == "pull" and self.pull_diagnostics
        delay = options.get("diagnosticDelay")
        if isinstance(delay, (int, float)) and 0 <= delay <= 10_000:
            self.debounce = delay / 1000
        self.init_generate = generate_mod.client_layer(options)

    def spawn(self, coro) -> asyncio.Task:
        """Run a coroutine in the background, keeping a reference and logging its failure."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)

        def done(t: asyncio.Task) -> None:
            self._tasks.discard(t)
            if not t.cancelled() and t.exception() is not None:
                self.report(t.exception(), "background task")

        task.add_done_callback(done)
        return task

    # ------------------------------------------------------------ reporting

    def report(self, exc: BaseException | None, where: str) -> None:
        """Log an unexpected exception and tell the client's log; never raises."""
        try:
            text = "".join(traceback.format_exception(exc)) if exc else "unknown error"
            log.error("wfl: error in %s:\n%s", where, text)
            self.window_log_message(
                types.LogMessageParams(
                    type=types.MessageType.Error, message=f"wfl: error in {where}:\n{text}"
                )
            )
        except Exception:  # pragma: no cover - the transport itself may be gone
            pass

    def info(self, message: str) -> None:
        self._log(logging.INFO, types.MessageType.Info, message)

    def warn(self, message: str) -> None:
        self._log(logging.WARNING, types.MessageType.Warning, message)

    def _log(self, level: int, kind: types.MessageType, message: str) -> None:
        """To the server's log and the client's output."""
        try:
            log.log(level, message)
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:  # pragma: no cover - the transport itself may be gone
            pass

    # ------------------------------------------------------------ environment

    async def reload_environment(self, near: Path | None = None) -> None:
        """Resolve which environment files to use, load them in a thread and re-check documents."""
        assert self._env_lock is not None
        async with self._env_lock:
            try:
                resolution = resolve_paths(
                    self.root, self.settings_environment, self.init_environment, near
                )
                if (
                    resolution.origin == "none"
                    and self.env.resolution.origin != "none"
                    and near is not None
                ):
                    return  # keep an environment found earlier
                await self._load(resolution)
            finally:
                if self._env_ready is not None:
                    self._env_ready.set()
            self.configure_model()

    # ------------------------------------------------------------ generation model

    def send_model_state(self, state: str, detail: str | None) -> None:
        params = {"state": state} if not detail else {"state": state, "detail": detail}
        self.protocol.notify(generate_mod.MODEL_STATE, params)

    def configure_model(self) -> None:
        """(Re)load the model in the background if its settings changed: `[generate]` of
        wfl.toml, then initialization options, then settings (see generate.py)."""
        toml: dict = {}
        base: Path | None = None
        config_path = self.env.resolution.config_path or (
            find_config(self.root) if self.root is not None else None
        )
        if config_path is not None:
            try:
                toml, base = load_config(config_path).generate, config_path.parent
            except ConfigError:
                pass  # reported with the environment
        resolved = generate_mod.resolve_settings(
            [
                (f"[generate] of {config_path}", toml, base),
                ("initializationOptions", self.init_generate, self.root),
                ("settings", self.settings_generate, self.root),
            ]
        )
        for problem in resolved.problems:
            self.warn(f"wfl: {problem}")
        resolved.problems = []
        task = self.model.configure(resolved, lambda: self.env.index)
        if task is not None:
            self._tasks.add(task)
            task.add_done_callback(self._model_loaded)

    def _model_loaded(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            self.report(task.exception(), "loading the generation model")

    async def _load(self, resolution: Resolution) -> None:
        config_uri = resolution.config_path.resolve().as_uri() if resolution.config_path else None
        if resolution.config_error:
            # A broken wfl.toml: say so on the file and keep the environment in use.
            self.info(f"wfl: {resolution.config_error}; keeping the current environment")
            if config_uri:
                start = types.Position(line=0, character=0)
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(
                        uri=config_uri,
                        diagnostics=[
                            types.Diagnostic(
                                range=types.Range(start=start, end=start),
                                message=resolution.config_error,
                                severity=types.DiagnosticSeverity.Error,
                                code="config",
                                source="wfl",
                            )
                        ],
                    )
                )
            return
        if config_uri:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=config_uri, diagnostics=[])
            )
        old_uris = set(self.env.problems)
        self.env.resolution = resolution
        loop = asyncio.get_running_loop()
        loaded: Loaded = await loop.run_in_executor(self._executor, load, resolution.paths)
        changed = self.env.apply(loaded)
        where = ", ".join(str(p) for p in resolution.paths) or "no environment"
        if loaded.index is not None:
            self.info(
                f"wfl: environment {where}: {len(loaded.index.nodes)} nodes ({resolution.origin})"
            )
        elif self.env.broken:
            kept = (
                f"keeping the previous {len(self.env.index.nodes)} nodes"
                if self.env.index
                else "no environment in use"
            )
            self.info(f"wfl: environment {where} has errors; {kept}")
        else:
            self.info(
                "wfl: no environment configured (add wfl.toml or initializationOptions.environment):"
                " syntax checks only"
            )
        # Problems of the environment files, on their own URIs; clear files no longer used.
        for uri, (text, diagnostics) in self.env.problems.items():
            positions = Positions(text, self.encoding)
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=uri, diagnostics=[_env_diagnostic(d, positions) for d in diagnostics]
                )
            )
        for uri in old_uris - set(self.env.problems):
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )
        await self.watch_environment()
        if changed:
            self.rediagnose_all()

    async def wait_environment(self, timeout: float = 10.0) -> None:
        if self._env_ready is not None and not self._env_ready.is_set():
            try:
                await asyncio.wait_for(self._env_ready.wait(), timeout)
            except TimeoutError:
                log.warning(
                    "wfl: environment still loading after %s s; checking without it", timeout
                )

    async def watch_environment(self) -> None:
        """Ask the client to watch the environment files and `wfl.toml` (dynamic registration)."""
        if not self.watch_dynamic:
            return
        watchers: list[types.FileSystemWatcher] = []
        globs: list[str] = ["**/wfl.toml"]
        for path in self.env.paths:
            globs.append(str(path))
        if self._watching == globs:
            return
        for path in self.env.paths:
            if self.watch_relative:
                pattern: Any = types.RelativePattern(
                    base_uri=path.parent.as_uri(), pattern=path.name
                )
            else:
                pattern = f"**/{path.name}"
            watchers.append(types.FileSystemWatcher(glob_pattern=pattern))
        watchers.append(types.FileSystemWatcher(glob_pattern="**/wfl.toml"))
        try:
            if self._watching is not None:
                await asyncio.wait_for(
                    self.client_unregister_capability_async(
                        types.UnregistrationParams(
                            unregisterations=[
                                types.Unregistration(
                                    id=WATCH_REGISTRATION_ID,
                                    method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                )
                            ]
                        )
                    ),
                    5,
                )
            await asyncio.wait_for(
                self.client_register_capability_async(
                    types.RegistrationParams(
                        registrations=[
                            types.Registration(
                                id=WATCH_REGISTRATION_ID,
                                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                    watchers=watchers
                                ),
                            )
                        ]
                    )
                ),
                5,
            )
            self._watching = globs
        except (TimeoutError, Exception) as exc:
            log.info("wfl: the client did not register the file watcher: %s", exc)

    async def files_changed(self, params: types.DidChangeWatchedFilesParams) -> None:
        relevant = False
        for change in params.changes:
            path = to_fs_path(change.uri)
            if path and self.env.is_env_file(Path(path)):
                relevant = True
        if relevant:
            await self.reload_environment()

    async def configuration_changed(self, params: types.DidChangeConfigurationParams) -> None:
        settings = params.settings
        section = settings.get("wfl", settings) if isinstance(settings, dict) else None
        if not isinstance(section, dict) and self.configuration_request:
            try:
                result = await asyncio.wait_for(
                    self.workspace_configuration_async(
                        types.ConfigurationParams(items=[types.ConfigurationItem(section="wfl")])
                    ),
                    5,
                )
                section = result[0] if result else None
            except (TimeoutError, Exception) as exc:
                log.info("wfl: workspace/configuration failed: %s", exc)
        environment = as_list(section.get("environment")) if isinstance(section, dict) else None
        if isinstance(section, dict):
            delay = section.get("diagnosticDelay")
            if isinstance(delay, (int, float)) and 0 <= delay <= 10_000:
                self.debounce = delay / 1000
            self.settings_generate = generate_mod.client_layer(section)
        if environment != self.settings_environment:
            self.settings_environment = environment
            await self.reload_environment()
        else:
            self.configure_model()

    # ------------------------------------------------------------ documents

    async def analysis(self, uri: str, background: bool = False) -> Analysis | None:
        """The analysis of the document's current text (cached per version and environment).

        Large documents are analysed in a worker thread. A `background` analysis (for pushed
        diagnostics) that is still queued when the document changes again is skipped (None)."""
        await self.wait_environment()
        doc = self.workspace.get_text_document(uri)
        text, version = doc.source, doc.version
        generation = self.env.generation
        cached = self.analyses.get(uri)
        if (
            cached is not None
            and cached.version == version
            and cached.generation == generation
            and (cached.text is text or cached.text == text)
        ):
            return cached
        index = self.env.index
        encoding = self.encoding
        if len(text) < INLINE_LIMIT:
            result = analyze(uri, version, text, index, generation, encoding)
        else:
            key = (version, generation, len(text), hash(text))
            inflight = self._inflight.get(uri)
            if inflight is not None and inflight[0] == key and (background or not inflight[2]):
                future = inflight[1]
            else:

                def job() -> Analysis | None:
                    if background:
                        now = self.workspace.text_documents.get(uri)
                        if now is None or now.version != version:
                            return None  # superseded while queued
                    return analyze(uri, version, text, index, generation, encoding)

                future = asyncio.get_running_loop().run_in_executor(self._executor, job)
                self._inflight[uri] = (key, future, background)
            try:
                result = await asyncio.shield(future)
            finally:
                current = self._inflight.get(uri)
                if current is not None and current[1] is future and future.done():
                    del self._inflight[uri]
            if result is None:
                return None
        # Keep it only while it describes the document as it is now.
        now = self.workspace.text_documents.get(uri)
        if now is None or (now.version == version and now.source is text):
            self.analyses[uri] = result
        return result

    async def syntax(self, uri: str) -> Analysis | None:
        """An analysis of the current text for features that need only its tokens and tree
        (completion, signature help): the full analysis if it is cached, else a parse without the
        checker. Typing a node id makes a new unknown id at every keystroke, and the checker's
        "did you mean" search for it costs about 25 ms with 10,000 nodes; completion never shows
        diagnostics, and the debounced diagnostics run does the check once typing pauses."""
        await self.wait_environment()
        doc = self.workspace.get_text_document(uri)
        text, version = doc.source, doc.version
        for cached in (self.analyses.get(uri), self._parsed.get(uri)):
            if (
                cached is not None
                and cached.version == version
                and cached.generation == self.env.generation
                and (cached.text is text or cached.text == text)
            ):
                return cached
        if len(text) >= INLINE_LIMIT:
            return await self.analysis(uri)  # the worker thread, shared with other requests
        result = analyze(uri, version, text, None, self.env.generation, self.encoding)
        self._parsed[uri] = result
        return result

    def open_analyses(self) -> list[Analysis]:
        """Cached analyses of the open documents (for cross-document features)."""
        return [a for uri, a in self.analyses.items() if uri in self.workspace.text_documents]

    async def fresh_open_analyses(self) -> list[Analysis]:
        return [await self.analysis(uri) for uri in list(self.workspace.text_documents)]

    async def run(self, analysis: Analysis, fn: Callable, *args):
        """`fn(*args)`: inline for small documents, in a worker thread for large ones."""
        if len(analysis.text) < INLINE_LIMIT:
            return fn(*args)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args))

    def is_workflow_document(self, uri: str) -> bool:
        """Not an environment file or wfl.toml opened in the same editor session."""
        path = to_fs_path(uri)
        return not (path and self.env.is_env_file(Path(path)))

    def schedule_diagnostics(self, uri: str, delay: float) -> None:
        if self.pull_diagnostics or not self.is_workflow_document(uri):
            return
        old = self._debounce.pop(uri, None)
        if old is not None:
            old.cancel()
        self._debounce[uri] = self.spawn(self._publish_later(uri, delay))

    async def _publish_later(self, uri: str, delay: float) -> None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            if uri not in self.workspace.text_documents:
                return
            result = await self.analysis(uri, background=True)
            now = self.workspace.text_documents.get(uri)
            if result is None or now is None or now.version != result.version:
                return  # stale: a newer change has its own run scheduled
            if result.generation != self.env.generation:
                return  # the environment changed meanwhile: rediagnose_all scheduled a new run
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=uri, diagnostics=lsp_diagnostics(result), version=result.version
                )
            )
        except asyncio.CancelledError:
            pass
        finally:
            task = self._debounce.get(uri)
            if task is asyncio.current_task():
                del self._debounce[uri]

    def rediagnose_all(self) -> None:
        if self.pull_diagnostics:
            if self.diagnostic_refresh:
                try:
                    self.workspace_diagnostic_refresh(None)
                except Exception as exc:  # pragma: no cover
                    log.info("wfl: diagnostic refresh failed: %s", exc)
            return
        for uri in list(self.workspace.text_documents):
            self.schedule_diagnostics(uri, 0)

    def closed(self, uri: str) -> None:
        task = self._debounce.pop(uri, None)
        if task is not None:
            task.cancel()
        self.analyses.pop(uri, None)
        self._parsed.pop(uri, None)
        self._inflight.pop(uri, None)
        if not self.pull_diagnostics and self.is_workflow_document(uri):
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )

    def shutdown_work(self) -> None:
        for task in list(self._debounce.values()) + list(self._tasks):
            task.cancel()
        for event in list(self.protocol.cancel_events.values()):
            event.set()
        self.model.shutdown()
        self._executor.shutdown(wait=False, cancel_futures=True)


def _env_diagnostic(d, positions: Positions) -> types.Diagnostic:
    return types.Diagnostic(
        range=positions.range(d.span),
        message=d.message,
        severity=types.DiagnosticSeverity(int(d.severity)),
        code=d.code,
        source="wfl",
    )


# ---------------------------------------------------------------- handler wrapping


def _safe(default: Callable[[], Any] = lambda: None):
    """Log any exception of a handler and answer `default()` instead (protocol errors pass)."""

    def decorate(fn):
        if asyncio.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def wrapper(ls: WflLanguageServer, params):
                try:
                    return await fn(ls, params)
                except (asyncio.CancelledError, JsonRpcException):
                    raise
                except Exception as exc:
                    ls.report(exc, fn.__name__)
                    return default()

        else:

            @functools.wraps(fn)
            def wrapper(ls: WflLanguageServer, params):
                try:
                    return fn(ls, params)
                except JsonRpcException:
                    raise
                except Exception as exc:
                    ls.report(exc, fn.__name__)
                    return default()

        return wrapper

    return decorate


def _offset(analysis: Analysis, position: types.Position) -> int:
    return analysis.positions.offset(position)


# ---------------------------------------------------------------- the server


def create_server() -> WflLanguageServer:
    server = WflLanguageServer()

    # -------------------------------------------------------- lifecycle

    @server.feature(types.INITIALIZE)
    @_safe()
    def initialize(ls: WflLanguageServer, params: types.InitializeParams):
        ls.setup(params)

    @server.feature(types.INITIALIZED)
    @_safe()
    async def initialized(ls: WflLanguageServer, params: types.InitializedParams):
        await ls.reload_environment()

    @server.feature(types.SHUTDOWN)
    @_safe()
    def shutdown(ls: WflLanguageServer, params):
        ls.shutdown_work()

    # -------------------------------------------------------- documents

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @_safe()
    async def did_open(ls: WflLanguageServer, params: types.DidOpenTextDocumentParams):
        uri = params.text_document.uri
        if ls.env.resolution.origin == "none" and ls.root is None:
            path = to_fs_path(uri)
            if path:
                await ls.reload_environment(near=Path(path))
        ls.schedule_diagnostics(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @_safe()
    def did_change(ls: WflLanguageServer, params: types.DidChangeTextDocumentParams):
        ls.schedule_diagnostics(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @_safe()
    def did_save(ls: WflLanguageServer, params: types.DidSaveTextDocumentParams):
        path = to_fs_path(params.text_document.uri)
        if path and ls.env.is_env_file(Path(path)):
            ls.spawn(ls.reload_environment())

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @_safe()
    def did_close(ls: WflLanguageServer, params: types.DidCloseTextDocumentParams):
        ls.closed(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @_safe()
    async def did_change_watched_files(
        ls: WflLanguageServer, params: types.DidChangeWatchedFilesParams
    ):
        await ls.files_changed(params)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    @_safe()
    async def did_change_configuration(
        ls: WflLanguageServer, params: types.DidChangeConfigurationParams
    ):
        await ls.configuration_changed(params)

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(
            identifier="wfl", inter_file_dependencies=False, workspace_diagnostics=False
        ),
    )
    @_safe(lambda: types.RelatedFullDocumentDiagnosticReport(items=[]))
    async def pull_diagnostics(ls: WflLanguageServer, params: types.DocumentDiagnosticParams):
        if not ls.pull_diagnostics:
            # Diagnostics are pushed to this client (it cannot pull, or asked for push): an empty
            # report keeps a client that pulls anyway from showing everything twice.
            return types.RelatedFullDocumentDiagnosticReport(items=[], result_id="push")
        if not ls.is_workflow_document(params.text_document.uri):
            return types.RelatedFullDocumentDiagnosticReport(items=[], result_id="not-wfl")
        result = await ls.analysis(params.text_document.uri)
        result_id = f"{result.generation}:{result.version}:{hash(result.text)}"
        if params.previous_result_id == result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
        return types.RelatedFullDocumentDiagnosticReport(
            items=lsp_diagnostics(result), result_id=result_id
        )

    # -------------------------------------------------------- language features

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[".", "(", ",", " "], resolve_provider=True),
    )
    @_safe(lambda: types.CompletionList(is_incomplete=False, items=[]))
    async def completion(ls: WflLanguageServer, params: types.CompletionParams):
        result = await ls.syntax(params.text_document.uri)
        trigger = params.context.trigger_character if params.context else None
        options = completion_mod.Options(snippets=ls.snippets, markdown=ls.markdown_completion)
        return await ls.run(
            result,
            completion_mod.complete,
            result.text,
            result.parsed,
            ls.env.index,
            ls.env.search,
            _offset(result, params.position),
            result.positions,
            options,
            trigger,
        )

    @server.feature(types.COMPLETION_ITEM_RESOLVE)
    def completion_resolve(ls: WflLanguageServer, item: types.CompletionItem):
        try:
            return completion_mod.resolve(item, ls.env.index, ls.markdown_completion)
        except Exception as exc:
            ls.report(exc, "completion_resolve")
            return item

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @_safe()
    async def hover(ls: WflLanguageServer, params: types.HoverParams):
        result = await ls.analysis(params.text_document.uri)
        return await ls.run(
            result,
            hover_mod.hover,
            result.file,
            ls.env.index,
            _offset(result, params.position),
            result.positions,
            ls.markdown_hover,
        )

    @server.feature(
        types.TEXT_DOCUMENT_SIGNATURE_HELP,
        types.SignatureHelpOptions(trigger_characters=["(", ","], retrigger_characters=[":"]),
    )
    @_safe()
    async def signature_help(ls: WflLanguageServer, params: types.SignatureHelpParams):
        result = await ls.syntax(params.text_document.uri)
        return await ls.run(
            result,
            signature_mod.signature_help,
            result.text,
            result.parsed,
            ls.env.index,
            _offset(result, params.position),
        )

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @_safe(list)
    async def definition(ls: WflLanguageServer, params: types.DefinitionParams):
        result = await ls.analysis(params.text_document.uri)
        return await ls.run(
            result,
            navigation.definition,
            result.file,
            _offset(result, params.position),
            ls.env.sources,
            ls.env.node_ids(),
            ls.encoding,
        )

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    @_safe(list)
    async def references(ls: WflLanguageServer, params: types.ReferenceParams):
        result = await ls.analysis(params.text_document.uri)
        documents = await ls.fresh_open_analyses()
        return await ls.run(
            result,
            navigation.references,
            result,
            _offset(result, params.position),
            documents,
            ls.env.sources,
            ls.env.node_ids(),
            params.context.include_declaration,
            ls.encoding,
        )

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    @_safe()
    async def prepare_rename(ls: WflLanguageServer, params: types.PrepareRenameParams):
        result = await ls.analysis(params.text_document.uri)
        return await ls.run(
            result,
            navigation.prepare_rename,
            result,
            _offset(result, params.position),
            ls.env.node_ids(),
        )

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    @_safe()
    async def rename(ls: WflLanguageServer, params: types.RenameParams):
        result = await ls.analysis(params.text_document.uri)
        documents = await ls.fresh_open_analyses()
        try:
            return await ls.run(
                result,
                navigation.rename,
                result,
                _offset(result, params.position),
                params.new_name,
                documents,
                ls.env.sources,
                ls.env.node_ids(),
                ls.encoding,
            )
        except navigation.RenameError as exc:
            raise JsonRpcInvalidParams(str(exc)) from exc

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @_safe(list)
    async def document_symbol(ls: WflLanguageServer, params: types.DocumentSymbolParams):
        result = await ls.analysis(params.text_document.uri)
        return await ls.run(
            result,
            symbols_mod.document_symbols,
            result.file,
            result.positions,
            ls.hierarchical_symbols,
            result.uri,
        )

    @server.feature(types.WORKSPACE_SYMBOL)
    @_safe(list)
    async def workspace_symbol(ls: WflLanguageServer, params: types.WorkspaceSymbolParams):
        documents = await ls.fresh_open_analyses()
        return symbols_mod.workspace_symbols(
            params.query, documents, ls.env.index, ls.env.search, ls.env.sources, ls.encoding
        )

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    @_safe(list)
    async def formatting_(ls: WflLanguageServer, params: types.DocumentFormattingParams):
        result = await ls.analysis(params.text_document.uri)
        if result.syntax_errors:
            return []
        return await ls.run(result, formatting.format_document, result.text, result.positions)

    @server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, tokens_mod.LEGEND)
    @_safe(lambda: types.SemanticTokens(data=[]))
    async def semantic_tokens(ls: WflLanguageServer, params: types.SemanticTokensParams):
        result = await ls.analysis(params.text_document.uri)
        return await ls.run(
            result, tokens_mod.semantic_tokens, result.parsed, result.positions, ls.env.node_ids()
        )

    @server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
    @_safe(list)
    async def folding_range(ls: WflLanguageServer, params: types.FoldingRangeParams):
        result = await ls.analysis(params.text_document.uri)
        return await ls.run(result, folding.folding_ranges, result.parsed, result.positions)

    @server.feature(types.TEXT_DOCUMENT_INLAY_HINT)
    @_safe(list)
    async def inlay_hint(ls: WflLanguageServer, params: types.InlayHintParams):
        result = await ls.analysis(params.text_document.uri)
        span = result.positions.span(params.range)
        return await ls.run(
            result, inlay_mod.inlay_hints, result.file, ls.env.index, result.positions, span
        )

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[
                types.CodeActionKind.QuickFix,
                types.CodeActionKind.RefactorRewrite,
            ],
            resolve_provider=True,
        ),
    )
    @_safe(list)
    async def code_action(ls: WflLanguageServer, params: types.CodeActionParams):
        result = await ls.analysis(params.text_document.uri)
        span = result.positions.span(params.range)
        actions = await ls.run(
            result,
            code_actions_mod.code_actions,
            result,
            span,
            ls.env.index,
            params.context.diagnostics,
            params.context.only,
        )
        if ls.env.index is not None:
            actions += await ls.run(
                result, generate_mod.generation_actions, result, span, params.context.only
            )
        return actions

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def code_action_resolve(ls: WflLanguageServer, action: types.CodeAction):
        try:
            return await generate_mod.resolve_action(ls, action)
        except (asyncio.CancelledError, JsonRpcException):
            raise
        except Exception as exc:
            ls.report(exc, "code_action_resolve")
            return action

    @server.command(generate_mod.COMMAND)
    async def generate_command(ls: WflLanguageServer, *args):
        try:
            return await generate_mod.execute_command(ls, list(args))
        except (asyncio.CancelledError, JsonRpcException):
            raise
        except Exception as exc:
            ls.report(exc, "wfl.generate")
            return None

    return server
