"""How generation is configured: which backend and model, how long a request may take.

The same struct is read from the `[generate]` table of `wfl.toml`, from the language server's
initialization options (`generate`), and filled from the CLI's flags. `resolve_settings` merges
such layers the same way for the CLI and the language server.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import msgspec
from msgspec import Struct, field

from .backends import Backend, BackendError
from .models import DEFAULT_MODEL_NAME, ModelNotFound, resolve_model


class GenerationSettings(Struct, kw_only=True, forbid_unknown_fields=True):
    backend: Literal["llama", "openai"] = "llama"
    """`llama`: a GGUF model in this process; `openai`: an OpenAI-compatible server at `url`."""
    model: str = "default"
    """`default` (the embedded SmolLM2-135M-Instruct) or a path to a GGUF file; for `openai`, the
    model name sent to the server (omitted when `default`)."""
    url: str | None = None
    api_key_env: str = "WFL_API_KEY"
    """The environment variable holding the server's API key, if it needs one."""
    grammar_field: Literal["grammar", "guided_grammar", "structured_outputs"] = "grammar"
    """How the server takes a GBNF grammar: llama-server `grammar`, vLLM `guided_grammar` (older) or
    `structured_outputs` (0.10 and later)."""
    context: int = 2048
    threads: int | None = None
    """CPU threads for llama.cpp; default: all cores, at most 4."""
    workflow_deadline: float = 3.0
    """Seconds a whole workflow may take before the fallback answer is returned."""
    condition_deadline: float = 1.0
    """Seconds a condition may take."""


class ResolvedSettings(Struct):
    settings: GenerationSettings
    enabled: bool
    """False when a layer says `enabled = false` or `backend = "off"` (the language server then
    loads no model; the CLI always generates)."""
    off_reason: str | None = None
    problems: list[str] = field(default_factory=list)
    """One message per ignored layer."""


def _looks_like_path(model: str) -> bool:
    return "/" in model or "\\" in model or model.endswith(".gguf") or model.startswith("~")


def resolve_settings(layers: list[tuple[str, dict[str, Any], Path | None]]) -> ResolvedSettings:
    """Merge `(where, keys, base folder)` layers, later ones winning, into `GenerationSettings`.
    A relative model path is relative to its layer's base folder (a `wfl.toml`'s folder). A layer
    with an invalid value is skipped (and named in `problems`)."""
    merged: dict[str, Any] = {}
    enabled, off_reason = True, None
    problems: list[str] = []
    for where, keys, base in layers:
        if not keys:
            continue
        layer = dict(keys)
        switch = layer.pop("enabled", None)
        if layer.get("backend") == "off":
            layer.pop("backend")
            switch = False
        model = layer.get("model")
        if isinstance(model, str) and base is not None and _looks_like_path(model):
            path = Path(model).expanduser()
            layer["model"] = str(path if path.is_absolute() else base / path)
        if switch is not None and not isinstance(switch, bool):
            problems.append(f"{where}: `enabled` must be true or false, not {switch!r}; ignored")
            switch = None
        try:
            msgspec.convert({**merged, **layer}, GenerationSettings)
        except msgspec.ValidationError as exc:
            problems.append(f"{where}: invalid generation settings ({exc}); this layer is ignored")
            continue
        merged.update(layer)
        if switch is not None:
            enabled = switch
            off_reason = None if switch else f"turned off in {where}"
    settings = msgspec.convert(merged, GenerationSettings)
    return ResolvedSettings(settings, enabled, off_reason, problems)


def open_backend(settings: GenerationSettings, *, context: int | None = None) -> Backend:
    """Load the configured backend; raises `BackendError` (or `ModelNotFound`) with a message a
    user can act on."""
    if settings.backend == "openai":
        from .backends.openai_http import OpenAIBackend

        if not settings.url:
            raise BackendError("backend `openai` needs a `url` (e.g. http://localhost:8080)")
        return OpenAIBackend(
            settings.url,
            model=None if settings.model in ("", "default") else settings.model,
            api_key=os.environ.get(settings.api_key_env) or None,
            grammar_field=settings.grammar_field,
        )
    from .backends.llama import LlamaBackend

    try:
        path = resolve_model(settings.model)
    except ModelNotFound as exc:
        raise BackendError(str(exc)) from exc
    name = DEFAULT_MODEL_NAME if settings.model in ("", "default", DEFAULT_MODEL_NAME) else path.name
    return LlamaBackend(path, name=name, n_ctx=context or settings.context, n_threads=settings.threads)
