"""The OpenAI-compatible HTTP backend against a real HTTP server in a thread.

The fake server streams `/v1/completions` the way llama-server does (chunked server-sent events,
`data: [DONE]`, usage and timings in the last chunk, the stop string removed) and says in the first
chunk which grammar field it received. Words in the prompt steer it: STALL stops after the first
chunk until the test releases it, HOLD sends nothing until then, NOUSAGE leaves out usage and
timings, IGNORESTOP ignores `stop`, GARBAGE sends malformed JSON, FAIL an error event. After a
release it keeps writing until the client is gone, so the tests can see the connection closed.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import msgspec
import pytest

from wfl.inference.backends import BackendError
from wfl.inference.backends.openai_http import OpenAIBackend

GRAMMAR = 'root ::= "x"'
WORDS = [" one", " two", " three", ".", " four"]
FIELDS = ("grammar", "guided_grammar", "structured_outputs")


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class Fake:
    url: str = ""
    requests: list[Request] = field(default_factory=list)
    tokenizers: dict[str, str] = field(default_factory=lambda: {"/tokenize": "content"})
    """Tokenize endpoints served: path -> key of the text in the request."""
    received: threading.Event = field(default_factory=threading.Event)
    first_sent: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    disconnected: threading.Event = field(default_factory=threading.Event)

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: Fake

    def handle_error(self, request, client_address) -> None:
        pass  # a client that went away mid-stream is the point of several tests


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format, *args) -> None:
        pass

    def do_POST(self) -> None:
        fake = self.server.fake
        body = msgspec.json.decode(self.rfile.read(int(self.headers["Content-Length"])))
        fake.requests.append(Request(self.path, dict(self.headers.items()), body))
        if self.path == "/v1/completions":
            self._complete(fake, body)
        elif self.path in fake.tokenizers:
            key = fake.tokenizers[self.path]
            if key not in body:
                self._reply(400, {"error": {"code": 400, "message": f"missing {key!r}"}})
            else:
                self._reply(200, {"tokens": list(range(len(body[key].split())))})
        else:
            self._reply(404, {"error": {"code": 404, "message": "File Not Found"}})

    def _reply(self, status: int, doc: dict) -> None:
        data = msgspec.json.encode(doc)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def _event(self, doc: dict) -> None:
        self._chunk(b"data: " + msgspec.json.encode(doc) + b"\n\n")

    def _until_gone(self, fake: Fake) -> None:
        fake.release.wait(5)
        for _ in range(500):
            try:
                self._chunk(b": still generating\n\n")
            except OSError:
                fake.disconnected.set()
                return
            time.sleep(0.005)

    def _complete(self, fake: Fake, body: dict) -> None:
        fake.received.set()
        self.close_connection = True
        field_ = next((f for f in FIELDS if f in body), None)
        grammar = body.get(field_)
        if field_ == "structured_outputs":
            grammar = grammar.get("grammar")
        if not grammar:
            message = "failed to parse grammar: empty grammar"
            self._reply(400, {"error": {"code": 400, "message": message,
                                        "type": "invalid_request_error"}})
            return
        prompt = body["prompt"]
        pieces = [f"<{field_}>", *WORDS][: body["max_tokens"]]
        finish = "length" if body["max_tokens"] < len(WORDS) + 1 else "stop"
        stop_reason = None
        if "IGNORESTOP" not in prompt:
            for stop in body.get("stop", []):
                text = "".join(pieces)
                if stop in text:  # llama-server ends at the stop string and leaves it out
                    kept, text = [], text[: text.index(stop)]
                    for piece in pieces:
                        piece = piece[: max(0, len(text) - len("".join(kept)))]
                        if piece:
                            kept.append(piece)
                    pieces, finish, stop_reason = kept, "stop", stop
        if "HOLD" in prompt:
            self._until_gone(fake)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if "GARBAGE" in prompt or "FAIL" in prompt:
            self._event({"choices": [{"text": "<", "index": 0, "finish_reason": None}]})
            if "GARBAGE" in prompt:
                self._chunk(b"data: {not json\n\n")
            else:
                self._event({"error": {"code": 500, "message": "slot unavailable"}})
            self._chunk(b"")
            return
        for i, piece in enumerate(pieces):
            self._event({"choices": [{"text": piece, "index": 0, "finish_reason": None}]})
            if i == 0:
                fake.first_sent.set()
                if "STALL" in prompt:
                    self._until_gone(fake)
                    return
        last: dict[str, Any] = {"choices": [{"text": "", "index": 0, "finish_reason": finish}]}
        if field_ != "grammar":  # vLLM says which stop string ended generation, null for EOS
            last["choices"][0]["stop_reason"] = stop_reason
        if "NOUSAGE" not in prompt:
            n = len(prompt.split())
            last["timings"] = {"prompt_n": 1, "cache_n": n - 1, "predicted_n": len(pieces)}
            if body.get("stream_options", {}).get("include_usage"):
                last["usage"] = {"prompt_tokens": n, "completion_tokens": len(pieces),
                                 "total_tokens": n + len(pieces)}
        self._event(last)
        self._chunk(b"data: [DONE]\n\n")
        self._chunk(b"")


@pytest.fixture
def fake():
    server = _Server(("127.0.0.1", 0), _Handler)
    server.fake = Fake(url=f"http://127.0.0.1:{server.server_address[1]}")
    threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True).start()
    yield server.fake
    server.fake.release.set()
    server.shutdown()
    server.server_close()


def later(seconds: float = 5.0) -> float:
    return time.monotonic() + seconds


def run(backend: OpenAIBackend, prompt: str, **options):
    """`complete(prompt)` with generous limits unless the test says otherwise."""
    options = {"max_tokens": 20, "deadline": later(), "grammar": GRAMMAR, **options}
    return backend.complete(prompt, "", options.pop("grammar"), **options)


def completions(fake: Fake) -> list[Request]:
    return [r for r in fake.requests if r.path == "/v1/completions"]


# -- completions --------------------------------------------------------------------------------


def test_plain_completion(fake):
    backend = OpenAIBackend(fake.url, model="smol", api_key="sekrit")
    c = backend.complete("a b c", " d", GRAMMAR, max_tokens=20, deadline=later(),
                         temperature=0.5, seed=7)
    assert c.text == "<grammar> one two three. four"
    assert c.stop == "stop"
    assert (c.prompt_tokens, c.evaluated_tokens, c.completion_tokens) == (4, 1, 6)
    assert c.prompt_ms >= 0 and c.generate_ms >= 0
    (request,) = fake.requests
    assert request.path == "/v1/completions"
    assert request.headers["Authorization"] == "Bearer sekrit"
    assert request.body == {
        "model": "smol", "prompt": "a b c d", "max_tokens": 20, "temperature": 0.5, "seed": 7,
        "stream": True, "stream_options": {"include_usage": True}, "cache_prompt": True,
        "grammar": GRAMMAR,
    }


def test_without_model_or_key_neither_is_sent(fake):
    run(OpenAIBackend(fake.url), "p")
    (request,) = fake.requests
    assert "model" not in request.body
    assert "Authorization" not in request.headers


def test_max_tokens_ends_with_length(fake):
    c = run(OpenAIBackend(fake.url), "p", max_tokens=2)
    assert (c.text, c.stop) == ("<grammar> one", "length")


def test_stop_at_is_sent_and_appended_back(fake):
    c = run(OpenAIBackend(fake.url), "p", stop_at=".")
    assert completions(fake)[0].body["stop"] == ["."]
    assert (c.text, c.stop) == ("<grammar> one two three.", "stop")


def test_stop_at_is_enforced_when_the_server_ignores_it(fake):
    c = run(OpenAIBackend(fake.url), "IGNORESTOP", stop_at=" t")
    assert (c.text, c.stop) == ("<grammar> one t", "stop")


def test_end_of_sequence_is_not_taken_for_the_stop_string(fake):
    # vLLM's stop_reason is null when generation ended without the stop string.
    backend = OpenAIBackend(fake.url, grammar_field="structured_outputs")
    c = run(backend, "p", stop_at="!")
    assert (c.text, c.stop) == ("<structured_outputs> one two three. four", "stop")
    c = run(backend, "p", stop_at=".")
    assert c.text == "<structured_outputs> one two three."


@pytest.mark.parametrize(
    ("grammar_field", "sent"),
    [
        ("grammar", {"grammar": GRAMMAR}),
        ("guided_grammar", {"guided_grammar": GRAMMAR}),
        ("structured_outputs", {"structured_outputs": {"grammar": GRAMMAR}}),
    ],
)
def test_each_grammar_field_shape(fake, grammar_field, sent):
    c = run(OpenAIBackend(fake.url, grammar_field=grammar_field), "p")
    assert c.text.startswith(f"<{grammar_field}>")
    body = completions(fake)[0].body
    fields = {k: v for k, v in body.items() if k in FIELDS}
    assert fields == sent
    assert ("cache_prompt" in body) == (grammar_field == "grammar")


def test_grammar_field_and_url_are_validated():
    with pytest.raises(ValueError, match="grammar_field"):
        OpenAIBackend("http://h:1", grammar_field="response_format")
    with pytest.raises(ValueError, match="server address"):
        OpenAIBackend("localhost:8080")


def test_deadline_mid_stream_returns_the_partial_text_and_hangs_up(fake):
    backend = OpenAIBackend(fake.url)
    deadline = later(0.3)
    c = run(backend, "STALL", deadline=deadline)
    assert time.monotonic() - deadline < 0.5
    assert (c.text, c.stop) == ("<grammar>", "deadline")
    assert c.prompt_tokens == len("STALL") // 4 + 1  # estimated: no round trip when late
    assert fake.paths() == ["/v1/completions"]
    fake.release.set()
    assert fake.disconnected.wait(3), "the server never saw the client go away"


def test_cancel_after_the_first_chunk(fake):
    cancel = threading.Event()
    threading.Thread(target=lambda: fake.first_sent.wait(5) and cancel.set(), daemon=True).start()
    started = time.monotonic()
    c = run(OpenAIBackend(fake.url), "STALL", cancel=cancel)
    assert time.monotonic() - started < 2
    assert (c.text, c.stop) == ("<grammar>", "cancelled")
    fake.release.set()
    assert fake.disconnected.wait(3), "the server never saw the client go away"


def test_cancel_while_the_server_has_not_answered_yet(fake):
    cancel = threading.Event()
    threading.Thread(target=lambda: fake.received.wait(5) and cancel.set(), daemon=True).start()
    started = time.monotonic()
    c = run(OpenAIBackend(fake.url), "HOLD", cancel=cancel)
    assert time.monotonic() - started < 2
    assert (c.text, c.stop) == ("", "cancelled")
    fake.release.set()
    assert fake.disconnected.wait(3), "the server never saw the client go away"


def test_already_cancelled_or_late_sends_nothing(fake):
    backend = OpenAIBackend(fake.url)
    cancel = threading.Event()
    cancel.set()
    assert run(backend, "p", cancel=cancel).stop == "cancelled"
    assert run(backend, "p", deadline=later(-1)).stop == "deadline"
    assert fake.requests == []


def test_without_usage_tokens_are_counted_by_the_server(fake):
    c = run(OpenAIBackend(fake.url), "NOUSAGE a b")
    assert c.prompt_tokens == 3  # the fake's /tokenize counts words
    assert c.evaluated_tokens == 3
    assert c.completion_tokens == 6  # one a chunk
    assert fake.paths() == ["/v1/completions", "/tokenize"]


# -- errors -------------------------------------------------------------------------------------


def test_connection_refused_names_the_url():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    backend = OpenAIBackend(url)
    with pytest.raises(BackendError, match=re.escape(url)):
        run(backend, "p")
    assert backend.count_tokens("abcdefgh") == 3  # never raises: the estimate


def test_http_400_carries_the_servers_message(fake):
    with pytest.raises(BackendError) as info:
        run(OpenAIBackend(fake.url), "p", grammar="")
    message = str(info.value)
    assert fake.url in message
    assert "400" in message
    assert "failed to parse grammar: empty grammar" in message


def test_malformed_json_is_a_backend_error(fake):
    with pytest.raises(BackendError, match="malformed"):
        run(OpenAIBackend(fake.url), "GARBAGE")


def test_an_error_event_mid_stream_is_a_backend_error(fake):
    with pytest.raises(BackendError, match="slot unavailable"):
        run(OpenAIBackend(fake.url), "FAIL")


# -- count_tokens and the url -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tokenizers", "probed"),
    [
        ({"/tokenize": "content"}, ["/tokenize"]),  # llama-server
        ({"/extras/tokenize": "input"}, ["/tokenize", "/extras/tokenize"]),  # llama_cpp.server
        ({"/tokenize": "prompt"}, ["/tokenize", "/extras/tokenize", "/tokenize"]),  # vLLM
    ],
)
def test_count_tokens_finds_and_remembers_the_endpoint(fake, tokenizers, probed):
    fake.tokenizers = tokenizers
    backend = OpenAIBackend(fake.url)
    assert backend.count_tokens("turn on the light") == 4
    assert fake.paths() == probed
    assert backend.count_tokens("off") == 1
    assert fake.paths() == [*probed, probed[-1]]


def test_count_tokens_without_an_endpoint_estimates_and_stops_asking(fake):
    fake.tokenizers = {}
    backend = OpenAIBackend(fake.url)
    assert backend.count_tokens("abcdefgh") == 3
    asked = len(fake.requests)
    assert asked == 3
    assert backend.count_tokens("abcd") == 2
    assert len(fake.requests) == asked


@pytest.mark.parametrize("url", ["http://h:1", "http://h:1/", "http://h:1/v1", "http://h:1/v1/"])
def test_url_normalisation(url):
    backend = OpenAIBackend(url)
    assert backend.completions_url == "http://h:1/v1/completions"
    assert backend.name == url
    proxied = OpenAIBackend("https://gpu/llm/v1", name="gpu")
    assert proxied.completions_url == "https://gpu/llm/v1/completions"


@pytest.mark.parametrize("tail", ["", "/", "/v1", "/v1/"])
def test_every_url_form_reaches_v1_completions_once(fake, tail):
    run(OpenAIBackend(fake.url + tail), "p")
    assert fake.paths() == ["/v1/completions"]  # the fake answers 404 anywhere else
