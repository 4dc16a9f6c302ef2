"""A shared OpenAI-compatible completions server: llama-server, llama_cpp.server or vLLM.

Why streaming: a remote server keeps generating after a client merely stops waiting, and only
notices when the connection goes away. The answer is therefore read as server-sent events and the
connection is closed as soon as the deadline passes or `cancel` is set (a watcher thread closes it
even while the server is still evaluating the prompt and no chunk has come yet).

Why `grammar_field`: every server takes the GBNF grammar under a different key — `grammar`
(llama-server, llama_cpp.server), `guided_grammar` (vLLM < 0.10), `structured_outputs.grammar`
(vLLM >= 0.10) — and none of them rejects a key it does not know, it just ignores the grammar.

Standard-library HTTP (http.client: the socket timeout is set before every read, to the time left)
and msgspec for JSON, so a remote backend costs no dependency.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
from typing import Any
from urllib.parse import urlsplit

import msgspec
from msgspec import UNSET, Struct, UnsetType

from . import BackendError, Completion, StopReason

GRAMMAR_FIELDS = ("grammar", "guided_grammar", "structured_outputs")

_MIN_TIMEOUT = 0.05
_TOKENIZE_TIMEOUT = 5.0
_CANCEL_POLL = 0.05

# (path under the server base, key of the text): llama-server, llama_cpp.server, vLLM.
_TOKENIZERS: tuple[tuple[str, str], ...] = (
    ("/tokenize", "content"),
    ("/extras/tokenize", "input"),
    ("/tokenize", "prompt"),
)


# One streamed chunk, as much of it as we use. Every field is optional and loosely typed: servers
# differ, and a chunk must not fail on a diagnostic field we do not need.
class _Choice(Struct):
    text: str | None = None
    finish_reason: str | None = None
    stop_reason: int | str | None | UnsetType = UNSET
    """vLLM: the stop string that ended generation, a stop token id, or null for end of sequence."""


class _PromptDetails(Struct):
    cached_tokens: int | None = None


class _Usage(Struct):
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    prompt_tokens_details: _PromptDetails | None = None


class _Timings(Struct):
    """llama-server: `prompt_n` prompt tokens evaluated, `cache_n` taken from the cache."""

    prompt_n: int | None = None
    predicted_n: int | None = None
    cache_n: int | None = None


class _Verbose(Struct):
    stopping_word: str | None = None
    stop_type: str | None = None


class _Chunk(Struct):
    choices: list[_Choice] | None = None
    usage: _Usage | None = None
    timings: _Timings | None = None
    tokens_evaluated: int | None = None
    tokens_predicted: int | None = None
    stopping_word: str | None = None
    stop_type: str | None = None
    verbose: _Verbose | None = msgspec.field(default=None, name="__verbose")
    error: Any = None
    object: str | None = None
    message: Any = None
    """vLLM's older error chunk: `{"object": "error", "message": ...}`."""


_decode_chunk = msgspec.json.Decoder(_Chunk).decode


def _estimate_tokens(text: str) -> int:
    return len(text) // 4 + 1


def _error_message(raw: bytes) -> str:
    """The server's own words from an error body: OpenAI `{"error": {"message"}}`, vLLM's older
    `{"message"}`, FastAPI's `{"detail"}`, or the raw text."""
    try:
        doc = msgspec.json.decode(raw)
    except msgspec.DecodeError:
        doc = None
    if isinstance(doc, dict):
        error = doc.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return error["message"]
        if isinstance(error, str):
            return error
        if isinstance(doc.get("message"), str):
            return doc["message"]
        if "detail" in doc:
            detail = doc["detail"]
            return detail if isinstance(detail, str) else msgspec.json.encode(detail).decode()[:500]
    return raw.decode("utf-8", errors="replace").strip()[:500] or "(empty body)"


class _Progress:
    """What the stream has said so far."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.chunks = 0
        self.first_at: float | None = None
        self.finish: str | None = None
        self.stop_reason: int | str | None | UnsetType = UNSET
        self.stopping_word: str | None = None
        self.stop_type: str | None = None
        self.usage: _Usage | None = None
        self.timings: _Timings | None = None
        self.tokens_evaluated: int | None = None
        self.tokens_predicted: int | None = None

    def absorb(self, chunk: _Chunk, now: float) -> None:
        if chunk.choices:
            choice = chunk.choices[0]
            if choice.text:
                self.parts.append(choice.text)
                self.chunks += 1
                if self.first_at is None:
                    self.first_at = now
            if choice.finish_reason:
                self.finish = choice.finish_reason
            if choice.stop_reason is not UNSET:
                self.stop_reason = choice.stop_reason
        if chunk.usage is not None:
            self.usage = chunk.usage
        if chunk.timings is not None:
            self.timings = chunk.timings
        if chunk.tokens_evaluated is not None:
            self.tokens_evaluated = chunk.tokens_evaluated
        if chunk.tokens_predicted is not None:
            self.tokens_predicted = chunk.tokens_predicted
        for source in (chunk.verbose, chunk):  # llama-server: "" is end of sequence
            if source is not None and source.stopping_word is not None:
                self.stopping_word = source.stopping_word
            if source is not None and source.stop_type is not None:
                self.stop_type = source.stop_type

    def ended_on(self, stop_at: str) -> bool:
        """Whether a "stop" finish was the stop string rather than end of sequence. Servers that
        say nothing (llama-server's OpenAI endpoint, llama_cpp.server) are taken to have stopped on
        it."""
        if self.stop_reason is not UNSET:
            return self.stop_reason == stop_at
        if self.stopping_word is not None:
            return self.stopping_word == stop_at
        if self.stop_type is not None:
            return self.stop_type == "word"
        return True


class OpenAIBackend:
    """An OpenAI-compatible `/v1/completions` server that accepts GBNF grammars."""

    def __init__(
        self,
        url: str,
        *,
        model: str | None = None,
        api_key: str | None = None,
        grammar_field: str = "grammar",
        name: str | None = None,
    ) -> None:
        if grammar_field not in GRAMMAR_FIELDS:
            raise ValueError(
                f"grammar_field must be one of {', '.join(GRAMMAR_FIELDS)}, not {grammar_field!r}"
            )
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{url!r}: expected a server address such as http://localhost:8080")
        try:
            port = parts.port
        except ValueError as exc:
            raise ValueError(f"{url!r}: {exc}") from None
        path = parts.path.rstrip("/")
        if path.endswith("/v1"):
            path = path[: -len("/v1")]
        self.url = url
        self.name = name or url
        self.model = model
        self.grammar_field = grammar_field
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = port
        self._base_path = path
        self.base_url = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{path}"
        self.completions_url = f"{self.base_url}/v1/completions"
        self._headers = {"Content-Type": "application/json"}
        if api_key:
            self._headers["Authorization"] = f"Bearer {api_key}"
        self._tokenizer: tuple[str, str] | bool | None = None
        """The tokenize endpoint that worked, False when none does, None before asking."""

    # -- HTTP -------------------------------------------------------------------------------------

    def _connection(self, timeout: float) -> http.client.HTTPConnection:
        cls = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
        return cls(self._host, self._port, timeout=timeout)

    def _post(self, path: str, body: dict[str, Any], timeout: float) -> tuple[int, bytes]:
        conn = self._connection(timeout)
        try:
            conn.request("POST", self._base_path + path, msgspec.json.encode(body), self._headers)
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    # -- Backend ----------------------------------------------------------------------------------

    def _body(
        self, prompt: str, grammar: str, max_tokens: int, stop_at: str | None,
        temperature: float, seed: int,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if self.model:
            body["model"] = self.model
        body.update(
            prompt=prompt,
            max_tokens=max_tokens,
            temperature=temperature,
            seed=seed,
            stream=True,
            stream_options={"include_usage": True},
        )
        if self.grammar_field == "grammar":
            # llama-server keeps the KV cache of the longest common prefix; vLLM caches prefixes
            # on its own and logs a warning for every field it does not know.
            body["cache_prompt"] = True
            body["grammar"] = grammar
        elif self.grammar_field == "guided_grammar":
            body["guided_grammar"] = grammar
        else:
            body["structured_outputs"] = {"grammar": grammar}
        if stop_at:
            body["stop"] = [stop_at]
        return body

    def complete(
        self,
        prefix: str,
        suffix: str,
        grammar: str,
        *,
        max_tokens: int,
        deadline: float,
        cancel: threading.Event | None = None,
        stop_at: str | None = None,
        temperature: float = 0.0,
        seed: int = 0,
    ) -> Completion:
        prompt = prefix + suffix
        started = time.monotonic()
        progress = _Progress()
        if cancel is not None and cancel.is_set():
            return self._result(progress, "cancelled", prompt, stop_at, started, started)
        if started >= deadline:
            return self._result(progress, "deadline", prompt, stop_at, started, started)
        payload = msgspec.json.encode(
            self._body(prompt, grammar, max_tokens, stop_at, temperature, seed)
        )
        headers = {**self._headers, "Accept": "text/event-stream"}
        conn = self._connection(max(_MIN_TIMEOUT, deadline - started))
        resp: http.client.HTTPResponse | None = None
        finished = threading.Event()
        closing = threading.Lock()
        stop: StopReason | None = None
        try:
            try:
                conn.connect()
                sock = conn.sock
                if cancel is not None:
                    threading.Thread(
                        target=_close_on_cancel, args=(cancel, finished, closing, sock),
                        name="openai-cancel", daemon=True,
                    ).start()
                conn.request("POST", self._base_path + "/v1/completions", payload, headers)
                resp = conn.getresponse()
            except TimeoutError:
                stop = "deadline"
            except (OSError, http.client.HTTPException) as exc:
                if cancel is None or not cancel.is_set():
                    raise BackendError(
                        f"{self.completions_url}: cannot reach the server: {exc}"
                    ) from exc
                stop = "cancelled"
            if resp is not None:
                stop = self._read(resp, sock, progress, deadline, cancel, stop_at)
        finally:
            with closing:
                finished.set()
            if resp is not None:
                resp.close()  # holds the socket when the server said `Connection: close`
            conn.close()
        assert stop is not None
        return self._result(progress, stop, prompt, stop_at, started, time.monotonic())

    def _read(
        self,
        resp: http.client.HTTPResponse,
        sock: socket.socket,
        progress: _Progress,
        deadline: float,
        cancel: threading.Event | None,
        stop_at: str | None,
    ) -> StopReason:
        """Read the event stream into `progress`; the reason it ended."""

        def cancelled() -> bool:
            return cancel is not None and cancel.is_set()

        def finish() -> StopReason:
            return "length" if progress.finish == "length" else "stop"

        try:
            if not 200 <= resp.status < 300:
                sock.settimeout(max(_MIN_TIMEOUT, deadline - time.monotonic()))
                raise BackendError(
                    f"{self.completions_url}: HTTP {resp.status} {resp.reason}: "
                    f"{_error_message(resp.read())}"
                )
            if "text/event-stream" not in (resp.getheader("Content-Type") or ""):
                # A server that ignored `stream`: one JSON answer.
                sock.settimeout(max(_MIN_TIMEOUT, deadline - time.monotonic()))
                self._absorb(resp.read(), progress)
                return finish()
            seen = 0  # length of the text already searched for `stop_at`
            while True:
                sock.settimeout(max(_MIN_TIMEOUT, deadline - time.monotonic()))
                line = resp.readline()
                if not line:
                    if progress.finish is not None:
                        return finish()
                    if cancelled():
                        return "cancelled"
                    raise BackendError(
                        f"{self.completions_url}: the stream ended before the answer did"
                    )
                line = line.strip()
                if line.startswith(b"error:"):  # llama-server's error event
                    message = _error_message(line[6:].strip())
                    raise BackendError(f"{self.completions_url}: the server failed: {message}")
                if not line.startswith(b"data:"):
                    continue  # blank separators, `: ping` comments, `event:`/`id:` fields
                data = line[5:].strip()
                if data == b"[DONE]":
                    return finish()
                self._absorb(data, progress)
                if stop_at and progress.finish is None:
                    # A server that does not honour `stop`: end at the first occurrence ourselves.
                    text = "".join(progress.parts)
                    at = text.find(stop_at, max(0, seen - len(stop_at) + 1))
                    seen = len(text)
                    if at >= 0:
                        progress.parts = [text[: at + len(stop_at)]]
                        return "stop"
                if progress.finish is not None:
                    continue  # the usage chunk and [DONE] may follow
                if cancelled():
                    return "cancelled"
                if time.monotonic() >= deadline:
                    return "deadline"
        except TimeoutError:
            if progress.finish is not None:
                return finish()
            return "cancelled" if cancelled() else "deadline"
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if progress.finish is not None:
                return finish()
            if cancelled():
                return "cancelled"  # the watcher closed the connection under us
            raise BackendError(f"{self.completions_url}: the stream broke off: {exc}") from exc

    def _absorb(self, data: bytes, progress: _Progress) -> None:
        try:
            chunk = _decode_chunk(data)
        except msgspec.DecodeError as exc:
            raise BackendError(
                f"{self.completions_url}: malformed response ({exc}): {data[:200]!r}"
            ) from exc
        if chunk.error is not None or chunk.object == "error":
            doc = {"error": chunk.error} if chunk.error is not None else {"message": chunk.message}
            message = _error_message(msgspec.json.encode(doc))
            raise BackendError(f"{self.completions_url}: the server failed: {message}")
        progress.absorb(chunk, time.monotonic())

    def _result(
        self, progress: _Progress, stop: StopReason, prompt: str, stop_at: str | None,
        started: float, ended: float,
    ) -> Completion:
        text = "".join(progress.parts)
        if (
            stop == "stop" and stop_at and progress.finish == "stop"
            and not text.endswith(stop_at) and progress.ended_on(stop_at)
        ):
            text += stop_at  # the server removes the stop string; the protocol keeps it
        usage = progress.usage or _Usage()
        timings = progress.timings or _Timings()
        prompt_tokens = usage.prompt_tokens
        if prompt_tokens is None:
            prompt_tokens = progress.tokens_evaluated
        if prompt_tokens is None and timings.prompt_n is not None and timings.cache_n is not None:
            prompt_tokens = timings.prompt_n + timings.cache_n
        if prompt_tokens is None:
            # A stream cut short is not worth another round trip to a server that is late already.
            complete = stop in ("stop", "length")
            prompt_tokens = self.count_tokens(prompt) if complete else _estimate_tokens(prompt)
        completion_tokens = usage.completion_tokens
        if completion_tokens is None:
            completion_tokens = progress.tokens_predicted
        if completion_tokens is None:
            completion_tokens = timings.predicted_n
        if completion_tokens is None:
            completion_tokens = progress.chunks
        evaluated = timings.prompt_n
        if evaluated is not None and evaluated < 0:
            evaluated = None  # llama-server's "not measured"
        details = usage.prompt_tokens_details
        if evaluated is None and details is not None and details.cached_tokens is not None:
            evaluated = prompt_tokens - details.cached_tokens
        if evaluated is None:
            evaluated = prompt_tokens
        first_at = progress.first_at or ended
        return Completion(
            text=text,
            stop=stop,
            prompt_tokens=max(prompt_tokens, evaluated),
            evaluated_tokens=evaluated,
            completion_tokens=completion_tokens,
            prompt_ms=round((first_at - started) * 1000, 1),
            generate_ms=round((ended - first_at) * 1000, 1),
        )

    def count_tokens(self, text: str) -> int:
        """The server's count if it has a tokenize endpoint, else about four characters a token."""
        try:
            counted = self._count_remote(text)
        except Exception:  # noqa: BLE001 - a count is never worth failing a request for
            counted = None
        return _estimate_tokens(text) if counted is None else counted

    def _count_remote(self, text: str) -> int | None:
        if self._tokenizer is False:
            return None
        known = self._tokenizer if isinstance(self._tokenizer, tuple) else None
        for path, key in [known] if known else _TOKENIZERS:
            body: dict[str, Any] = {key: text}
            if key != "content" and self.model:
                body["model"] = self.model
            if key == "prompt":
                body["add_special_tokens"] = False
            try:
                status, raw = self._post(path, body, _TOKENIZE_TIMEOUT)
            except (OSError, http.client.HTTPException):
                return None  # unreachable now: ask again next time
            if status >= 500:
                return None
            if status == 200:
                with contextlib.suppress(msgspec.DecodeError):
                    tokens = msgspec.json.decode(raw)
                    tokens = tokens.get("tokens") if isinstance(tokens, dict) else None
                    if isinstance(tokens, list):
                        self._tokenizer = (path, key)
                        return len(tokens)
        # Every endpoint answered and none counted (or the one that did stopped): ask again only
        # when the remembered one fails, never when none exists.
        self._tokenizer = None if known else False
        return None

    def close(self) -> None:
        """Nothing held between requests: every request opens and closes its own connection."""


def _close_on_cancel(
    cancel: threading.Event, finished: threading.Event, closing: threading.Lock, sock: socket.socket
) -> None:
    """Shut the connection down when `cancel` is set, even while no chunk is arriving (the server
    is still evaluating the prompt, or queued behind other users' requests)."""
    while not cancel.wait(_CANCEL_POLL):
        if finished.is_set():
            return
    with closing:
        if not finished.is_set():
            with contextlib.suppress(OSError):
                # The plain socket's method: SSLSocket.shutdown drops its SSL object under the
                # reading thread's feet.
                socket.socket.shutdown(sock, socket.SHUT_RDWR)
