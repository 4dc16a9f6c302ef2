"""`wfl generate` and `wfl eval`: natural language to workflow from the command line.

The model is loaded once per invocation, so `--batch` and `eval` pay for it once. `eval` scores a
batch of Home Assistant cases (tests/data/ha format) with the metrics of `wfl.inference.evaluate` and
prints them with latency percentiles, the median prompt size and the peak memory.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

import msgspec

from wfl.grammar.index import EnvIndex
from wfl.grammar.parser import parse
from wfl.inference.backends import Backend, BackendError
from wfl.inference.evaluate import Gold, score
from wfl.inference.pipeline import DECISIVE_MARGIN, PRIOR_WEIGHT, Generated, Generator
from wfl.inference.settings import GenerationSettings, open_backend, resolve_settings
from wfl.schemas.diagnostics import has_errors
from wfl.schemas.workflow import to_canonical

CLEAN, PROBLEMS, USAGE = 0, 1, 2
FULL_CONTEXT_WINDOW = 8192
"""SmolLM2's trained context: the full-context baseline needs all of it."""


class BatchLine(msgspec.Struct):
    id: str | int
    request: str


class Case(msgspec.Struct):
    id: str
    request: str
    gold: Gold


class Output(msgspec.Struct, kw_only=True):
    id: str | int | None = None
    request: str
    workflow: str
    automation: dict | None
    """The first workflow's Home Assistant automation (what `eval` scores)."""
    automations: list[dict] = msgspec.field(default_factory=list)
    """Every workflow's, when the request needs more than one ("on at 6:30 and off at 7:30")."""
    fallback: bool
    reason: str | None
    timings_ms: dict[str, float]
    prompt_tokens: int
    evaluated_tokens: int
    completion_tokens: int
    candidates: list[str]
    context_nodes: int
    diagnostics: list[str]


def add_generate_commands(commands, load_env, usage_error: type[Exception]) -> None:
    """Register `generate` and `eval` on the main CLI's subparsers. `load_env(explicit, near)`
    returns `(EnvIndex | None, problems)` exactly as the other commands load environments."""

    def settings_from(args: argparse.Namespace) -> GenerationSettings:
        settings = _configured_settings(usage_error)
        if args.url:
            settings.backend, settings.url = "openai", args.url
        if args.model:
            settings.model = args.model
        if args.grammar_field:
            settings.grammar_field = args.grammar_field
        if args.threads:
            settings.threads = args.threads
        return settings

    def environment(args: argparse.Namespace) -> EnvIndex:
        index, _ = load_env(args.env, Path.cwd())
        if index is None:
            raise usage_error("generate needs an environment: pass --env or add wfl.toml")
        return index

    def backend_for(args: argparse.Namespace) -> Backend:
        context = FULL_CONTEXT_WINDOW if args.strategy == "full-context" else None
        started = time.monotonic()
        try:
            backend = open_backend(settings_from(args), context=context)
        except BackendError as exc:
            raise usage_error(str(exc)) from exc
        print(f"wfl: model {backend.name} ready in {time.monotonic() - started:.1f} s", file=sys.stderr)
        return backend

    def run_generate(args: argparse.Namespace) -> int:
        index = environment(args)
        if args.batch is None and not args.request:
            raise usage_error("give a request, or --batch FILE.jsonl")
        generator = Generator(index, backend_for(args), decoder=args.decoder, prior_weight=args.prior_weight, decisive_margin=args.decisive_margin)
        if args.batch is None:
            out = _one(generator, index, args.request, args)
            if args.format == "wfl":
                sys.stdout.write(out.workflow + "\n")
            elif args.format == "json":
                sys.stdout.write(msgspec.json.encode(to_canonical(parse(out.workflow).file)).decode() + "\n")
            else:
                from wfl.ha.export import dump_automations

                sys.stdout.write(dump_automations(out.automations, "yaml"))
            if out.fallback:
                print(f"wfl: fallback answer ({out.reason})", file=sys.stderr)
            return PROBLEMS if out.fallback or out.diagnostics else CLEAN
        lines = _read_jsonl(Path(args.batch), BatchLine, usage_error)
        sink = sys.stdout if args.output in (None, "-") else open(args.output, "w", encoding="utf-8")
        try:
            for line in lines:
                out = _one(generator, index, line.request, args)
                out.id = line.id
                sink.write(msgspec.json.encode(out).decode() + "\n")
                sink.flush()
        finally:
            if sink is not sys.stdout:
                sink.close()
        return CLEAN

    def run_eval(args: argparse.Namespace) -> int:
        index = environment(args)
        cases = _read_jsonl(Path(args.cases), Case, usage_error)
        if args.limit:
            cases = cases[: args.limit]
        generator = Generator(index, backend_for(args), decoder=args.decoder, prior_weight=args.prior_weight, decisive_margin=args.decisive_margin)
        warmup_ms = 0.0
        if args.warmup and cases:
            # The first request computes the cached prompt prefix; report it apart from the rest.
            started = time.monotonic()
            if args.strategy == "pipeline":
                generator.warm_up()  # the first case may be decided without asking the model
            generator.generate(cases[0].request, strategy=args.strategy, deadline_s=600)
            warmup_ms = round((time.monotonic() - started) * 1000, 1)
        outputs = []
        for case in cases:
            out = _one(generator, index, case.request, args)
            out.id = case.id
            outputs.append(out)
            if args.verbose:
                print(f"{case.id}: {out.timings_ms['total']:.0f} ms{' (fallback)' if out.fallback else ''}", file=sys.stderr)
        report = evaluation_report(cases, outputs, args.strategy)
        report.warmup_ms = warmup_ms
        if args.output:
            Path(args.output).write_text("".join(msgspec.json.encode(o).decode() + "\n" for o in outputs), encoding="utf-8")
        if args.json:
            sys.stdout.write(msgspec.json.encode(report).decode() + "\n")
        else:
            for key, value in msgspec.structs.asdict(report).items():
                print(f"{key:>22}: {value}")
        return CLEAN

    for name, run, help_text in (
        ("generate", run_generate, "write a workflow from a plain-language request"),
        ("eval", run_eval, "score generated workflows against Home Assistant cases"),
    ):
        p = commands.add_parser(name, help=help_text)
        p.add_argument("--env", help="environment file (default: from wfl.toml)")
        if name == "generate":
            p.add_argument("request", nargs="?", help="what the workflow should do")
            p.add_argument("--format", choices=["wfl", "json", "ha"], default="wfl")
            p.add_argument("--batch", metavar="FILE.jsonl", help="requests, one JSON object with id and request a line")
            p.add_argument("-o", "--output", help="where --batch writes its JSON lines (default: stdout)")
        else:
            p.add_argument("--cases", required=True, help="cases.jsonl (id, request, gold)")
            p.add_argument("--limit", type=int, help="score only the first N cases")
            p.add_argument("-o", "--output", help="also write each case's output as JSON lines")
            p.add_argument("--json", action="store_true", help="print the report as one JSON object")
            p.add_argument("--warmup", action="store_true", help="run one untimed request first (fills the prompt cache)")
            p.add_argument("-v", "--verbose", action="store_true", help="print each case's time")
        p.add_argument("--strategy", choices=["pipeline", "full-context"], default="pipeline")
        p.add_argument("--model", help="GGUF file (default: the embedded SmolLM2-135M-Instruct)")
        p.add_argument("--url", help="OpenAI-compatible server, e.g. http://localhost:8080 (instead of a local model)")
        p.add_argument("--grammar-field", choices=["grammar", "guided_grammar", "structured_outputs"])
        p.add_argument("--threads", type=int, help="CPU threads for the local model")
        p.add_argument("--decoder", choices=["plan", "grammar"], default="plan", help="plan: token-trie decoding in process (default); grammar: llama.cpp's GBNF sampler, as a server would")
        p.add_argument("--prior-weight", type=float, default=PRIOR_WEIGHT, help=argparse.SUPPRESS)
        p.add_argument("--decisive-margin", type=float, default=DECISIVE_MARGIN, help=argparse.SUPPRESS)
        p.add_argument("--deadline", type=float, help="seconds per request before the fallback answer (default 3)")
        p.set_defaults(run=run_generate if name == "generate" else run_eval)


def _configured_settings(usage_error: type[Exception]) -> GenerationSettings:
    """The `[generate]` table of the nearest wfl.toml, merged as the language server merges it
    (a relative model path is relative to the file; `enabled` only concerns the server)."""
    from wfl.config import ConfigError, find_config, load_config

    path = find_config(Path.cwd())
    if path is None:
        return GenerationSettings()
    try:
        config = load_config(path)
    except ConfigError as exc:
        raise usage_error(str(exc)) from exc
    resolved = resolve_settings([(f"{path} [generate]", config.generate, path.parent)])
    if resolved.problems:
        raise usage_error(resolved.problems[0])
    return resolved.settings


def _one(generator: Generator, index: EnvIndex, request: str, args: argparse.Namespace) -> Output:
    from wfl.ha.export import export_file

    result: Generated = generator.generate(request, strategy=args.strategy, deadline_s=args.deadline)
    automations: list[dict] = []
    parsed = parse(result.text)
    # Warnings still export: a workflow that names nothing to act on has its trigger and no `do`.
    if parsed.file.workflows and not has_errors(result.diagnostics):
        automations = list(export_file(parsed.file, index.environment).automations)
    return Output(
        request=request,
        workflow=result.text,
        automation=automations[0] if automations else None,
        automations=automations,
        fallback=result.fallback,
        reason=result.reason,
        timings_ms=result.timings_ms,
        prompt_tokens=result.prompt_tokens,
        evaluated_tokens=result.evaluated_tokens,
        completion_tokens=result.completion_tokens,
        candidates=result.candidates,
        context_nodes=result.context_nodes,
        diagnostics=[f"{d.message} [{d.code}]" for d in result.diagnostics],
    )


def _read_jsonl(path: Path, kind: type, usage_error: type[Exception]) -> list:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise usage_error(f"cannot read {path}: {exc}") from exc
    items = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append(msgspec.json.decode(line, type=kind))
        except msgspec.DecodeError as exc:
            raise usage_error(f"{path}:{number}: {exc}") from exc
    return items


class Report(msgspec.Struct, kw_only=True):
    strategy: str
    cases: int
    action_pair_f1: float
    action_entity_f1: float
    action_hit_rate: float
    trigger_entity_f1: float
    exact_rate: float
    fallback_rate: float
    latency_p50_ms: float
    latency_p95_ms: float
    median_prompt_tokens: float
    median_evaluated_tokens: float
    peak_rss_mb: float
    median_context_nodes: float = 0
    warmup_ms: float = 0.0


def evaluation_report(cases: list[Case], outputs: list[Output], strategy: str) -> Report:
    scores = score([o.automation for o in outputs], [c.gold for c in cases])
    totals = sorted(o.timings_ms.get("total", 0.0) for o in outputs) or [0.0]
    return Report(
        strategy=strategy,
        cases=scores.cases,
        action_pair_f1=scores.action_pair_f1,
        action_entity_f1=scores.action_entity_f1,
        action_hit_rate=scores.action_hit_rate,
        trigger_entity_f1=scores.trigger_entity_f1,
        exact_rate=scores.exact_rate,
        fallback_rate=round(sum(o.fallback for o in outputs) / max(1, len(outputs)), 3),
        latency_p50_ms=round(percentile(totals, 50), 1),
        latency_p95_ms=round(percentile(totals, 95), 1),
        median_prompt_tokens=statistics.median([o.prompt_tokens for o in outputs] or [0]),
        median_evaluated_tokens=statistics.median([o.evaluated_tokens for o in outputs] or [0]),
        peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        median_context_nodes=statistics.median([o.context_nodes for o in outputs] or [0]),
    )


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    rank = max(1, min(len(sorted_values), round(q / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]
