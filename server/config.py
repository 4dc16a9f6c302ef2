"""Workspace configuration: `wfl.toml`, found from a file's folder upwards.

```toml
environment = "home.yaml"          # or a list: ["home.yaml", "garden.yaml"]

[generate]                         # optional: natural-language generation (GenerationSettings)
model = "default"                  # or a GGUF file, relative to this folder
```

Paths are relative to the folder holding `wfl.toml`. The language server reads the same file and
lets initialization options and `workspace/didChangeConfiguration` override it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import msgspec
from msgspec import Struct, field

CONFIG_NAME = "wfl.toml"


class Config(Struct, kw_only=True, forbid_unknown_fields=False):
    environment: list[str] = field(default_factory=list)
    """Environment files; their nodes are merged in order."""
    root: str = "."
    """The folder the paths are relative to (where `wfl.toml` lives)."""
    generate: dict[str, Any] = field(default_factory=dict)
    """The `[generate]` table, as written: the language server converts it to
    `wfl.inference.settings.GenerationSettings` (and reports invalid values) itself."""

    def environment_paths(self) -> list[Path]:
        return [Path(self.root) / p for p in self.environment]


class ConfigError(Exception):
    """`wfl.toml` exists but cannot be read; the message says where and why."""


def find_config(start: Path) -> Path | None:
    """The nearest `wfl.toml` in `start` (a file's folder or a folder) or above it."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


def load_config(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    env = data.get("environment", [])
    if isinstance(env, str):
        data["environment"] = [env]
    data["root"] = str(path.parent)
    try:
        return msgspec.convert(data, Config)
    except msgspec.ValidationError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
