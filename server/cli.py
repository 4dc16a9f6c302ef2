"""The `wfl` command line.

Exit codes are the same for every command: 0 clean, 1 problems found (errors or warnings),
2 usage or I/O error. Diagnostics print as `file:line:col: severity: message [code]`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import msgspec

from wfl import __version__
from wfl.config import ConfigError, find_config, load_config
from wfl.grammar.checker import check
from wfl.grammar.formatter import format_parsed
from wfl.grammar.index import EnvIndex
from wfl.grammar.parser import parse
from wfl.schemas.diagnostics import Diagnostic, Severity, format_diagnostic
from wfl.schemas.environment import Environment
from wfl.schemas.loader import load_environment
from wfl.schemas.workflow import to_canonical

CLEAN, PROBLEMS, USAGE = 0, 1, 2


class UsageError(Exception):
    """A problem with how wfl was called or with reading its inputs (exit code 2)."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return USAGE
    try:
        return args.run(args)
    except UsageError as exc:
        print(f"wfl: {exc}", file=sys.stderr)
        return USAGE
    except BrokenPipeError:
        return CLEAN


# ---------------------------------------------------------------- shared helpers


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from exc


def _workflow_files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.wfl") if p.is_file()))
        elif path.exists():
            found.append(path)
        else:
            raise UsageError(f"no such file or folder: {name}")
    return found


def _emit(path: str, text: str, diagnostics: list[Diagnostic]) -> int:
    """Print diagnostics; return how many are problems (errors or warnings)."""
    for d in diagnostics:
        print(format_diagnostic(path, text, d))
    return sum(1 for d in diagnostics if d.severity <= Severity.WARNING)


def _load_env(explicit: str | None, near: Path) -> tuple[EnvIndex | None, int]:
    """The environment named on the command line or by the nearest wfl.toml; prints its problems."""
    if explicit:
        paths = [Path(explicit)]
    else:
        config_path = find_config(near)
        if config_path is None:
            return None, 0
        try:
            config = load_config(config_path)
        except ConfigError as exc:
            raise UsageError(str(exc)) from exc
        paths = config.environment_paths()
        if not paths:
            return None, 0
    nodes = []
    problems = 0
    for path in paths:
        loaded = load_environment(path)
        if any(d.code == "env-io" for d in loaded.diagnostics):
            raise UsageError(f"cannot read environment {path}: {loaded.diagnostics[0].message}")
        problems += _emit(str(path), loaded.text, loaded.diagnostics)
        if loaded.environment is not None:
            nodes.extend(loaded.environment.nodes)
    if problems and not nodes:
        return None, problems
    return EnvIndex(Environment(nodes=nodes)), problems


# ---------------------------------------------------------------- commands


def _cmd_check(args: argparse.Namespace) -> int:
    files = _workflow_files(args.paths)
    if not files:
        raise UsageError("no .wfl files found in " + ", ".join(args.paths))
    index, problems = _load_env(args.env, files[0])
    if index is None and problems == 0:
        print("wfl: no environment (pass --env or add wfl.toml): checking syntax only", file=sys.stderr)
    for path in files:
        text = _read(path)
        result = parse(text)
        diagnostics = list(result.diagnostics)
        if index is not None:
            diagnostics.extend(check(result.file, index))
            diagnostics.sort(key=lambda d: d.span)
        problems += _emit(str(path), text, diagnostics)
    if not args.quiet:
        count = sum(1 for _ in files)
        print(f"{count} file{'s' if count != 1 else ''} checked, {problems} problem{'s' if problems != 1 else ''}", file=sys.stderr)
    return PROBLEMS if problems else CLEAN


def _cmd_fmt(args: argparse.Namespace) -> int:
    if args.paths == ["-"]:
        text = sys.stdin.read()
        result = parse(text)
        if result.diagnostics:
            _emit("<stdin>", text, result.diagnostics)
            return PROBLEMS
        sys.stdout.write(format_parsed(text, result))
        return CLEAN
    problems = 0
    for path in _workflow_files(args.paths or ["."]):
        text = _read(path)
        result = parse(text)
        if result.diagnostics:
            problems += _emit(str(path), text, result.diagnostics)
            continue
        formatted = format_parsed(text, result)
        if formatted == text:
            continue
        if args.check:
            print(f"{path}: would reformat")
            problems += 1
        else:
            try:
                path.write_text(formatted, encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"cannot write {path}: {exc}") from exc
            print(f"{path}: reformatted", file=sys.stderr)
    return PROBLEMS if problems else CLEAN


def _cmd_parse(args: argparse.Namespace) -> int:
    path = Path(args.file)
    text = sys.stdin.read() if args.file == "-" else _read(path)
    result = parse(text)
    if args.json:
        tree = to_canonical(result.file, spans=args.spans)
        sys.stdout.write(msgspec.json.format(msgspec.json.encode(tree), indent=2).decode() + "\n")
        for d in result.diagnostics:
            print(format_diagnostic(args.file, text, d), file=sys.stderr)
    else:
        _emit(args.file, text, result.diagnostics)
    return PROBLEMS if result.diagnostics else CLEAN


def _cmd_env_schema(args: argparse.Namespace) -> int:
    from wfl.schemas.generate import schemas

    name = "workflow.schema.json" if args.workflow else "environment.schema.json"
    sys.stdout.write(schemas()[name])
    return CLEAN


def _cmd_env_check(args: argparse.Namespace) -> int:
    loaded = load_environment(Path(args.file))
    if any(d.code == "env-io" for d in loaded.diagnostics):
        raise UsageError(loaded.diagnostics[0].message)
    problems = _emit(args.file, loaded.text, loaded.diagnostics)
    if loaded.environment is not None and not args.quiet:
        print(f"{len(loaded.environment.nodes)} nodes", file=sys.stderr)
    return PROBLEMS if problems else CLEAN


def _cmd_env_import_ha(args: argparse.Namespace) -> int:
    from wfl.ha.importer import import_files
    from wfl.schemas.loader import dump_environment

    try:
        env = import_files(args.states, args.services)
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot import: {exc}") from exc
    fmt = args.format or _format_from_name(args.output)
    text = dump_environment(env, fmt)
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc}") from exc
        print(f"{args.output}: {len(env.nodes)} nodes", file=sys.stderr)
    return CLEAN


def _format_from_name(name: str | None) -> str:
    if name and name.endswith(".json"):
        return "json"
    if name and name.endswith(".toml"):
        return "toml"
    return "yaml"


def _cmd_export_ha(args: argparse.Namespace) -> int:
    from wfl.ha.export import dump_automations, export_file

    path = Path(args.file)
    text = _read(path)
    index, problems = _load_env(args.env, path)
    if index is None:
        raise UsageError("export-ha needs an environment: pass --env or add wfl.toml")
    result = parse(text)
    diagnostics = list(result.diagnostics) + check(result.file, index)
    problems += _emit(args.file, text, sorted(diagnostics, key=lambda d: d.span))
    if any(d.severity == Severity.ERROR for d in diagnostics):
        return PROBLEMS
    exported = export_file(result.file, index.environment)
    problems += _emit(args.file, text, exported.diagnostics)
    output = dump_automations(exported.automations, "json" if args.json else "yaml")
    if args.output in (None, "-"):
        sys.stdout.write(output)
    else:
        try:
            Path(args.output).write_text(output, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc}") from exc
    return PROBLEMS if problems else CLEAN


# ---------------------------------------------------------------- argument parsing


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wfl",
        description="Write, check and run trigger-action workflows against your devices.",
        epilog="Exit codes: 0 clean, 1 problems found, 2 usage or I/O error.",
    )
    parser.add_argument("--version", action="version", version=f"wfl {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = commands.add_parser("check", help="check workflow files against the environment")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".wfl files or folders (searched for *.wfl)")
    p.add_argument("--env", metavar="ENV", help="environment file (default: from the nearest wfl.toml)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.set_defaults(run=_cmd_check)

    p = commands.add_parser("fmt", help="format workflow files in place")
    p.add_argument("paths", nargs="*", metavar="PATH", help=".wfl files or folders, or - for stdin to stdout")
    p.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is not formatted")
    p.set_defaults(run=_cmd_fmt)

    p = commands.add_parser("parse", help="parse a workflow file and print its syntax tree")
    p.add_argument("file", metavar="FILE", help="a .wfl file, or - for stdin")
    p.add_argument("--json", action="store_true", help="print the canonical JSON syntax tree")
    p.add_argument("--spans", action="store_true", help="with --json: include source offsets")
    p.set_defaults(run=_cmd_parse)

    p = commands.add_parser("export-ha", help="export workflows as Home Assistant automations")
    p.add_argument("file", metavar="FILE.wfl")
    p.add_argument("--env", metavar="ENV", help="environment file (default: from the nearest wfl.toml)")
    p.add_argument("--json", action="store_true", help="print JSON instead of YAML")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    p.set_defaults(run=_cmd_export_ha)

    env = commands.add_parser("env", help="environment files: import, validate, schema")
    env_commands = env.add_subparsers(title="env commands", metavar="COMMAND")
    env.set_defaults(run=lambda _args: (env.print_help(), USAGE)[1])

    p = env_commands.add_parser("import-ha", help="import Home Assistant states and services as an environment")
    p.add_argument("--states", required=True, metavar="STATES.json", help="the output of GET /api/states")
    p.add_argument("--services", metavar="SERVICES.json", help="the output of GET /api/services")
    p.add_argument("-o", "--output", metavar="ENV", help="write here (.yaml, .json or .toml); default stdout")
    p.add_argument("--format", choices=["yaml", "json", "toml"], help="output format (default: from the file name)")
    p.set_defaults(run=_cmd_env_import_ha)

    p = env_commands.add_parser("check", help="validate an environment file")
    p.add_argument("file", metavar="ENV")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.set_defaults(run=_cmd_env_check)

    p = env_commands.add_parser("schema", help="print the JSON Schema of environment files")
    p.add_argument("--workflow", action="store_true", help="print the schema of the canonical workflow JSON instead")
    p.set_defaults(run=_cmd_env_schema)

    from wfl.generate_cli import add_generate_commands
    from wfl.lsp.cli import add_serve_command  # cheap: pygls loads only when the server starts

    add_generate_commands(commands, _load_env, UsageError)

    add_serve_command(commands)
    return parser


if __name__ == "__main__":
    sys.exit(main())
