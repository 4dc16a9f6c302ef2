"""The server's environment: which files (settings, initialization options or `wfl.toml`), the
last good index of their nodes, and the problems of each file.

`resolve_paths` and `load` are plain functions (`load` runs in a worker thread); `EnvState` holds
the result. A broken environment file never replaces a good index: its diagnostics are published on
the file and the previous index stays in use until the file is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from wfl.config import CONFIG_NAME, ConfigError, find_config, load_config
from wfl.grammar.index import EnvIndex
from wfl.schemas.diagnostics import Diagnostic
from wfl.schemas.environment import Environment
from wfl.schemas.loader import EnvLoad, load_environment

from .envtext import EnvSource
from .search import NodeSearch


@dataclass
class Resolution:
    paths: list[Path]
    origin: str
    """`settings`, `initializationOptions`, `wfl.toml` or `none`."""
    config_path: Path | None = None
    config_error: str | None = None


def as_list(value: object) -> list[str] | None:
    """`"a.yaml"` or `["a.yaml", ...]` as a list; None when not given."""
    if value is None:
        return None
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if isinstance(v, str) and v]
    return None


def resolve_paths(
    root: Path | None,
    settings: list[str] | None,
    init_options: list[str] | None,
    near: Path | None = None,
) -> Resolution:
    """Which environment files to use, most specific first: settings sent with
    `workspace/didChangeConfiguration`, then initialization options, then the nearest `wfl.toml`
    from the workspace root (or from `near`, an open document, when there is no root)."""
    base = root or (near.parent if near is not None else Path.cwd())
    for origin, names in (("settings", settings), ("initializationOptions", init_options)):
        if names:
            return Resolution([_absolute(base, n) for n in names], origin)
    for start in (root, near):
        if start is None:
            continue
        config_path = find_config(start)
        if config_path is None:
            continue
        try:
            config = load_config(config_path)
        except ConfigError as exc:
            return Resolution([], "wfl.toml", config_path, str(exc))
        return Resolution(
            [p.resolve() for p in config.environment_paths()], "wfl.toml", config_path
        )
    return Resolution([], "none")


def _absolute(base: Path, name: str) -> Path:
    path = Path(name).expanduser()
    return (path if path.is_absolute() else base / path).resolve()


@dataclass
class Loaded:
    """The outcome of loading every environment file once."""

    loads: list[EnvLoad]
    index: EnvIndex | None
    """None when any file could not be read or parsed (the previous index is kept then)."""
    search: NodeSearch | None
    sources: list[EnvSource]


def load(paths: list[Path]) -> Loaded:
    """Load and index the environment files, merged in order (CPU and I/O: run in a thread)."""
    loads = [load_environment(p) for p in paths]
    sources = [EnvSource(str(p), l.text) for p, l in zip(paths, loads) if l.text]
    if not loads or any(l.environment is None for l in loads):
        return Loaded(loads, None, None, sources)
    nodes = [node for l in loads for node in l.environment.nodes]  # type: ignore[union-attr]
    index = EnvIndex(Environment(nodes=nodes))
    search = NodeSearch(index)
    for source in sources:
        source.ids()  # locate node ids now, off the event loop
    return Loaded(loads, index, search, sources)


@dataclass
class EnvState:
    resolution: Resolution = field(default_factory=lambda: Resolution([], "none"))
    index: EnvIndex | None = None
    search: NodeSearch | None = None
    sources: list[EnvSource] = field(default_factory=list)
    generation: int = 0
    """Bumped whenever the index changes; analyses remember the generation they were made with."""
    problems: dict[str, tuple[str, list[Diagnostic]]] = field(default_factory=dict)
    """Env file URI -> (its text, its diagnostics), as last published."""
    broken: bool = False
    """Whether the last load failed (and an older index, if any, is still in use)."""

    @property
    def paths(self) -> list[Path]:
        return self.resolution.paths

    def node_ids(self):
        return self.index.nodes if self.index is not None else {}

    def apply(self, loaded: Loaded) -> bool:
        """Take a load's result; returns whether the index changed."""
        self.problems = {
            Path(l.path).resolve().as_uri(): (l.text, list(l.diagnostics)) for l in loaded.loads
        }
        by_path = {s.path: s for s in self.sources}
        for source in loaded.sources:
            by_path[source.path] = source
        wanted = {str(p) for p in self.paths}
        self.sources = [s for path, s in by_path.items() if path in wanted]
        if loaded.index is None:
            self.broken = bool(loaded.loads)
            if not loaded.loads:
                changed = self.index is not None
                self.index, self.search = None, None
                if changed:
                    self.generation += 1
                return changed
            return False
        self.broken = False
        self.index, self.search = loaded.index, loaded.search
        self.sources = loaded.sources
        self.generation += 1
        return True

    def is_env_file(self, path: Path) -> bool:
        try:
            resolved = path.resolve()
        except OSError:
            return False
        return resolved in self.paths or path.name == CONFIG_NAME
