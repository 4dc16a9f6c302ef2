"""llama.cpp in-process through llama-cpp-python: the embedded default model or any GGUF file.

Two traps handled here (see DESIGN.md): llama.cpp's AMX "extra buffer types" crash on the first
decode on CPUs with Intel AMX, and `Llama()` has no argument to turn them off, so the model is loaded
with `use_extra_bufts = False` by wrapping `llama_model_default_params` for the one constructor call.
The KV cache of the fixed prompt prefix is reused because llama-cpp-python keeps the longest common
token prefix of consecutive requests; the prefix must therefore come first and stay byte-identical.

One `Llama` context is not thread-safe: requests are serialised with a lock (the language server and
the batch CLI both run one generation at a time).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from ..plan import Plan
from . import BackendError, Completion
from .trie import build_tries, decode

_PARAMS_LOCK = threading.Lock()


@contextlib.contextmanager
def _without_extra_buffer_types() -> Iterator[None]:
    import llama_cpp.llama_cpp as lib

    original = lib.llama_model_default_params

    def params():
        p = original()
        if hasattr(p, "use_extra_bufts"):
            p.use_extra_bufts = False
        return p

    with _PARAMS_LOCK:
        lib.llama_model_default_params = params
        try:
            yield
        finally:
            lib.llama_model_default_params = original


def llama_available() -> bool:
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        return False
    return True


class LlamaBackend:
    """A GGUF model loaded in this process."""

    def __init__(
        self,
        model_path: str | Path,
        *,
        name: str | None = None,
        n_ctx: int = 2048,
        n_threads: int | None = None,
    ) -> None:
        try:
            import llama_cpp
        except ImportError as exc:
            raise BackendError(
                "llama-cpp-python is not installed: run `make demo`, or see README "
                "(\"Generation\") for the build flags"
            ) from exc
        self._llama_cpp = llama_cpp
        threads = n_threads or max(1, min(4, os.cpu_count() or 1))
        path = Path(model_path)
        try:
            with _without_extra_buffer_types():
                self.llm = llama_cpp.Llama(
                    model_path=str(path),
                    n_ctx=n_ctx,
                    n_batch=512,
                    n_threads=threads,
                    n_threads_batch=threads,
                    verbose=False,
                )
        except Exception as exc:  # llama-cpp-python raises ValueError/RuntimeError on bad files
            raise BackendError(f"{path}: cannot load the model: {exc}") from exc
        self.name = name or path.stem
        self.n_ctx = n_ctx
        self._lock = threading.Lock()
        self._pieces: dict[int, str] = {}
        self._eog = set()
        vocab = llama_cpp.llama_model_get_vocab(self.llm.model)
        for token in range(self.llm.n_vocab()):
            if llama_cpp.llama_vocab_is_eog(vocab, token):
                self._eog.add(token)

    def _prompt_tokens(self, prompt: str, max_tokens: int) -> list[int]:
        tokens = self.llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=False)
        if len(tokens) + max_tokens > self.n_ctx:
            raise BackendError(
                f"prompt of {len(tokens)} tokens + {max_tokens} to generate exceeds the context of {self.n_ctx}"
            )
        return tokens

    def _cached_prefix(self, tokens: list[int]) -> int:
        """How many leading `tokens` the context already holds (call with the lock held)."""
        held = self.llm._input_ids[: self.llm.n_tokens]
        cached = 0
        for a, b in zip(held, tokens):
            if a != b:
                break
            cached += 1
        return cached

    def warm(self, prefix: str) -> None:
        """Evaluate `prefix` into the context, so the next request starting with it reuses it. A
        request the priors decide alone never asks the model, so it cannot do this by itself."""
        tokens = self.llm.tokenize(prefix.encode("utf-8"), add_bos=True, special=False)[:-1]
        with self._lock:
            cached = self._cached_prefix(tokens)
            if cached < len(tokens):
                self.llm.n_tokens = cached
                self.llm.eval(tokens[cached:])

    def count_tokens(self, text: str) -> int:
        return len(self._tokenize_piece(text))

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
        from llama_cpp import LlamaGrammar

        llm = self.llm
        tokens = self._prompt_tokens(prefix + suffix, max_tokens)
        with self._lock:
            cached = self._cached_prefix(tokens)
            compiled = LlamaGrammar.from_string(grammar, verbose=False)
            llm.set_seed(seed)
            started = time.monotonic()
            first_at = None
            out: list[int] = []
            text = b""
            stop = "length"
            for token in llm.generate(tokens, temp=temperature, top_k=40, top_p=0.95, grammar=compiled, repeat_penalty=1.0):
                if first_at is None:
                    first_at = time.monotonic()
                if token in self._eog:
                    stop = "stop"
                    break
                out.append(token)
                text = llm.detokenize(out)
                if stop_at and text.endswith(stop_at.encode("utf-8")):
                    stop = "stop"
                    break
                if cancel is not None and cancel.is_set():
                    stop = "cancelled"
                    break
                if time.monotonic() > deadline:
                    stop = "deadline"
                    break
                if len(out) >= max_tokens:
                    break
            ended = time.monotonic()
        first_at = first_at or ended
        return Completion(
            text=text.decode("utf-8", errors="replace"),
            stop=stop,
            prompt_tokens=len(tokens),
            evaluated_tokens=len(tokens) - min(cached, len(tokens) - 1),
            completion_tokens=len(out),
            prompt_ms=round((first_at - started) * 1000, 1),
            generate_ms=round((ended - first_at) * 1000, 1),
        )

    def complete_plan(
        self,
        prefix: str,
        suffix: str,
        plan: Plan,
        *,
        max_tokens: int,
        deadline: float,
        cancel: threading.Event | None = None,
        temperature: float = 0.0,
        seed: int = 0,
        prior_weight: float = 1.0,
        decisive_margin: float | None = None,
    ) -> Completion:
        """Like `complete`, but the output is one of the plan's paths, decoded over token tries
        (see `trie.py`): only choices cost a model call, forced runs are evaluated in one batch."""
        import numpy as np

        llm = self.llm
        tokens = self._prompt_tokens(prefix + suffix, max_tokens)
        n_vocab = llm.n_vocab()
        with self._lock:
            started = time.monotonic()
            tries = build_tries(plan, self._tokenize_piece)
            cached = self._cached_prefix(tokens)
            cached = min(cached, len(tokens) - 1)  # the last prompt token is evaluated for its logits
            llm.n_tokens = cached
            first: list[float] = []

            def logits(new: list[int]):
                llm.eval(new)
                if not first:
                    first.append(time.monotonic())
                return np.ctypeslib.as_array(llm._ctx.get_logits_ith(-1), shape=(n_vocab,))

            def should_stop() -> str | None:
                if cancel is not None and cancel.is_set():
                    return "cancelled"
                if time.monotonic() > deadline:
                    return "deadline"
                return None

            decoded = decode(
                plan, tries, logits, list(tokens[cached:]),
                max_tokens=max_tokens,
                should_stop=should_stop,
                temperature=temperature,
                rng=np.random.default_rng(seed),
                prior_weight=prior_weight,
                decisive_margin=decisive_margin,
                piece=self._piece,
            )
            text = llm.detokenize(decoded.tokens).decode("utf-8", errors="replace")
            ended = time.monotonic()
        first_at = first[0] if first else ended
        return Completion(
            text=text,
            stop=decoded.stopped,
            prompt_tokens=len(tokens),
            evaluated_tokens=len(tokens) - cached,
            completion_tokens=len(decoded.tokens),
            prompt_ms=round((first_at - started) * 1000, 1),
            generate_ms=round((ended - first_at) * 1000, 1),
            choices=decoded.choices,
        )

    def _piece(self, token: int) -> str:
        """One token's text (cached: the decoder asks for the same few tokens at every choice)."""
        text = self._pieces.get(token)
        if text is None:
            text = self._pieces[token] = self.llm.detokenize([token]).decode("utf-8", errors="ignore")
        return text

    def _tokenize_piece(self, text: str) -> list[int]:
        return self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.llm.close()
