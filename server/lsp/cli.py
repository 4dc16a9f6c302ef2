"""`wfl serve`: run the language server over stdio (default), TCP or WebSocket.

Wire it into the main CLI with `add_serve_command(subparsers)`; `python -m wfl.lsp` runs the same
command on its own. pygls is imported only when the server starts, so other commands stay fast.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

USAGE = 2


def add_serve_command(subparsers) -> argparse.ArgumentParser:
    """Add `serve` to an `argparse` subparsers object; the parser's `run` default returns an exit code."""
    p = subparsers.add_parser(
        "serve",
        help="run the language server (stdio by default)",
        description="Run the wfl language server. Editors start it over stdio; --tcp and --ws are for debugging and web clients.",
    )
    _add_arguments(p)
    p.set_defaults(run=run_serve)
    return p


def _add_arguments(p: argparse.ArgumentParser) -> None:
    transport = p.add_mutually_exclusive_group()
    transport.add_argument(
        "--stdio", action="store_true", help="talk over stdin/stdout (the default)"
    )
    transport.add_argument(
        "--tcp", metavar="HOST:PORT", help="listen on a TCP port, e.g. 127.0.0.1:2087"
    )
    transport.add_argument(
        "--ws",
        metavar="HOST:PORT",
        help="listen for a WebSocket client (needs the `websockets` package)",
    )
    p.add_argument("--log-file", metavar="PATH", help="write the server log here (default: stderr)")
    p.add_argument(
        "--log-level",
        default="WARNING",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="how much to log (default: WARNING)",
    )


def _host_port(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep:
        host, port = "127.0.0.1", value
    try:
        number = int(port)
    except ValueError:
        raise ValueError(f"`{value}` is not HOST:PORT") from None
    if not 0 <= number <= 65535:
        raise ValueError(f"port {number} is out of range")
    return host.strip("[]") or "127.0.0.1", number


def run_serve(args: argparse.Namespace) -> int:
    handler: logging.Handler
    if args.log_file:
        handler = logging.FileHandler(args.log_file, encoding="utf-8")
    else:
        handler = logging.StreamHandler(sys.stderr)  # never stdout: that is the LSP channel
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(getattr(logging, args.log_level))

    try:
        tcp = _host_port(args.tcp) if args.tcp else None
        ws = _host_port(args.ws) if args.ws else None
    except ValueError as exc:
        print(f"wfl serve: {exc}", file=sys.stderr)
        return USAGE
    if ws is not None:
        try:
            import websockets  # noqa: F401
        except ImportError:
            print(
                "wfl serve: --ws needs the `websockets` package (pip install websockets)",
                file=sys.stderr,
            )
            return USAGE

    from .server import create_server

    server = create_server()
    if tcp is not None:
        server.start_tcp(*tcp)
    elif ws is not None:
        server.start_ws(*ws)
    else:
        server.start_io()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wfl serve", description="Run the wfl language server.")
    _add_arguments(parser)
    return run_serve(parser.parse_args(argv))
