"""Natural language to workflow on the three real Home Assistant homes: the staged pipeline against
the full-context baseline, with the same embedded model (SmolLM2-135M-Instruct).

    python benchmarks/bench_generate.py                 # both strategies, all 120 cases (~10 min)
    python benchmarks/bench_generate.py --pipeline-only # the pipeline alone (~2 min)
    python benchmarks/bench_generate.py --limit 10      # the first 10 cases of each home

Each home is imported with `wfl env import-ha` (states.json + services.json from tests/data/ha), then
each strategy runs as its own `wfl eval` process (so peak memory is per strategy) with one untimed
warm-up request that fills the prompt cache; the warm-up time is reported apart. For full-context
the cached prefix is the whole environment (cut to the model's 8,192-token context), which is the
most favourable way to run that baseline: without the cache, every request would pay the warm-up.

Prints one table per strategy (per home and all cases micro-averaged), and writes every case's
output to benchmarks/out/generate/.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

import msgspec

from wfl.generate_cli import percentile
from wfl.inference.evaluate import Gold, score

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "ha"
OUT = ROOT / "benchmarks" / "out" / "generate"
HOMES = ("basnijholt", "miggi92", "smcnab1")
WFL = [sys.executable, "-m", "wfl.cli"]


def run(cmd: list[str]) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{done.stderr}")
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="cases per home")
    parser.add_argument("--pipeline-only", action="store_true")
    parser.add_argument("--strategies", nargs="+", default=None)
    args = parser.parse_args()
    strategies = args.strategies or (["pipeline"] if args.pipeline_only else ["pipeline", "full-context"])
    OUT.mkdir(parents=True, exist_ok=True)
    columns = ["action_pair_f1", "action_entity_f1", "trigger_entity_f1", "action_hit_rate", "exact_rate",
               "fallback_rate", "latency_p50_ms", "latency_p95_ms", "median_prompt_tokens", "peak_rss_mb", "warmup_ms"]
    for strategy in strategies:
        rows: list[tuple[str, dict]] = []
        outputs, golds = [], []
        for home in HOMES:
            env = OUT / f"{home}.json"
            run(WFL + ["env", "import-ha", "--states", str(DATA / home / "states.json"),
                       "--services", str(DATA / home / "services.json"), "-o", str(env)])
            cases = DATA / home / "cases.jsonl"
            out = OUT / f"{home}-{strategy}.jsonl"
            cmd = WFL + ["eval", "--env", str(env), "--cases", str(cases), "--strategy", strategy,
                         "--warmup", "--json", "-o", str(out)]
            if args.limit:
                cmd += ["--limit", str(args.limit)]
            report = json.loads(run(cmd).strip().splitlines()[-1])
            rows.append((home, report))
            print(f"{strategy:>12} {home:<11} done: action_pair_f1 {report['action_pair_f1']}, p50 {report['latency_p50_ms']} ms", file=sys.stderr)
            gold_by_id = {c["id"]: c["gold"] for c in map(json.loads, cases.read_text().splitlines())}
            for line in out.read_text().splitlines():
                o = json.loads(line)
                outputs.append(o)
                golds.append(msgspec.convert(gold_by_id[o["id"]], Gold))
        total = msgspec.structs.asdict(score([o["automation"] for o in outputs], golds))
        latencies = sorted(o["timings_ms"]["total"] for o in outputs)
        total.update(
            fallback_rate=round(sum(o["fallback"] for o in outputs) / len(outputs), 3),
            latency_p50_ms=round(percentile(latencies, 50), 1),
            latency_p95_ms=round(percentile(latencies, 95), 1),
            median_prompt_tokens=statistics.median(o["prompt_tokens"] for o in outputs),
            peak_rss_mb=max(r["peak_rss_mb"] for _, r in rows),
            warmup_ms=max(r["warmup_ms"] for _, r in rows),
        )
        rows.append(("all", total))
        print(f"\n## {strategy} (SmolLM2-135M-Instruct, {len(outputs)} cases)\n")
        print("| home | cases | " + " | ".join(columns) + " |")
        print("|---|---:|" + "---:|" * len(columns))
        for home, report in rows:
            print(f"| {home} | {report['cases']} | " + " | ".join(str(report.get(c, "")) for c in columns) + " |")
    print()


if __name__ == "__main__":
    main()
