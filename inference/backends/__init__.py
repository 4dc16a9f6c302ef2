"""Language-model backends: one small protocol, three implementations.

Why a protocol of our own instead of passing a `Llama` around: the pipeline must run the same way
on the embedded model, on any GGUF file and on a shared OpenAI-compatible server, and the tests must
be able to drive it without one. Every backend takes a fixed `prefix` (kept in the KV cache across
requests where the backend can), a per-request `suffix`, and a GBNF grammar that bounds the output;
every backend honours a deadline and a cancel flag and reports what it spent.
"""

from __future__ import annotations

import threading
from typing import Literal, Protocol

from msgspec import Struct

StopReason = Literal["stop", "length", "deadline", "cancelled"]


class BackendError(RuntimeError):
    """The backend could not be loaded or failed on a request; the message says why."""


class Completion(Struct, kw_only=True):
    text: str
    stop: StopReason
    prompt_tokens: int
    """Tokens of prefix + suffix."""
    evaluated_tokens: int
    """Prompt tokens actually evaluated for this request (the rest came from the cache)."""
    completion_tokens: int
    prompt_ms: float
    generate_ms: float
    choices: int = 0
    """Decisions the model made (plan decoding); forced tokens cost none."""


class Backend(Protocol):
    name: str
    """Shown in timings and the editor's status: "smollm2-135m (llama.cpp)", "http://gpu:8080"."""

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
        """Continue `prefix + suffix` under `grammar` until it ends (end of sequence, or the text
        ends with `stop_at`, which is kept), `max_tokens` are out, the monotonic clock passes
        `deadline`, or `cancel` is set. `temperature` 0 is greedy; above 0, `seed` makes it
        repeatable (a retry samples with a new seed)."""
        ...

    def count_tokens(self, text: str) -> int: ...

    def close(self) -> None: ...
