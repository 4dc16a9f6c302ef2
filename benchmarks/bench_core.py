"""Language core benchmark: parse + check speed, and environment loading speed and memory.

    python benchmarks/bench_core.py            # full sizes (10,000 lines x 10,000 nodes; 50,000 nodes)
    python benchmarks/bench_core.py --quick    # small sizes, a smoke run

Prints one line per figure. Environment loading runs in a fresh interpreter per format so that
the memory figure is the process's real resident set, not a share of this one's.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402

from wfl.grammar.checker import check  # noqa: E402
from wfl.grammar.index import EnvIndex  # noqa: E402
from wfl.grammar.parser import parse  # noqa: E402
from wfl.schemas.loader import dump_environment  # noqa: E402

_LOAD_SCRIPT = """
import json, resource, sys, time
def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
from wfl.schemas.loader import load_environment
from wfl.grammar.index import EnvIndex
before = rss_mb()
times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    loaded = load_environment(sys.argv[1])
    times.append(time.perf_counter() - start)
assert loaded.environment is not None and not loaded.diagnostics, loaded.diagnostics[:3]
start = time.perf_counter()
index = EnvIndex(loaded.environment)
index_s = time.perf_counter() - start
print(json.dumps({"nodes": len(loaded.environment.nodes), "best_s": min(times), "median_s": sorted(times)[len(times)//2],
                  "index_s": index_s, "rss_mb": rss_mb(), "rss_delta_mb": rss_mb() - before,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def bench_parse_check(nodes: int, lines: int, runs: int) -> None:
    env = synth.environment(nodes)
    index = EnvIndex(env)
    text = synth.workflow_file(env, lines)
    parse_ms, check_ms, total_ms = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        result = parse(text)
        mid = time.perf_counter()
        diagnostics = check(result.file, index)
        end = time.perf_counter()
        parse_ms.append((mid - start) * 1000)
        check_ms.append((end - mid) * 1000)
        total_ms.append((end - start) * 1000)
    assert not result.diagnostics and not diagnostics, (result.diagnostics[:3], diagnostics[:3])
    actual_lines = text.count("\n")
    print(f"parse+check  {actual_lines} lines, {len(result.file.workflows)} workflows, {nodes} nodes, {runs} runs")
    print(f"  parse        median {statistics.median(parse_ms):7.1f} ms   best {min(parse_ms):7.1f} ms")
    print(f"  check        median {statistics.median(check_ms):7.1f} ms   best {min(check_ms):7.1f} ms")
    print(f"  parse+check  median {statistics.median(total_ms):7.1f} ms   best {min(total_ms):7.1f} ms   (target < 200 ms)")


def bench_load(nodes: int, runs: int) -> None:
    env = synth.environment(nodes)
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("json", "yaml", "toml"):
            path = Path(tmp) / f"env.{fmt}"
            path.write_text(dump_environment(env, fmt), encoding="utf-8")
            out = subprocess.run(
                [sys.executable, "-c", _LOAD_SCRIPT, str(path), str(runs if fmt == "json" else 1)],
                capture_output=True,
                text=True,
                check=False,
            )
            if out.returncode != 0:
                print(f"load {fmt}: failed\n{out.stderr[-2000:]}")
                continue
            r = json.loads(out.stdout)
            size_mb = path.stat().st_size / 1e6
            print(
                f"load {fmt:<5} {r['nodes']} nodes, {size_mb:5.1f} MB file: best {r['best_s'] * 1000:7.0f} ms"
                f"  + index {r['index_s'] * 1000:5.0f} ms   RSS {r['rss_mb']:6.0f} MB"
                f" (+{r['rss_delta_mb']:.0f} MB for the environment)"
                + ("   (target < 1500 ms)" if fmt == "json" else "")
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    args = parser.parse_args()
    if args.quick:
        bench_parse_check(nodes=500, lines=500, runs=3)
        bench_load(nodes=2000, runs=2)
    else:
        bench_parse_check(nodes=10_000, lines=10_000, runs=10)
        bench_load(nodes=50_000, runs=3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
