"""Robustness run: the parser, checker and formatter on 10,000 inputs per property.

    python benchmarks/fuzz.py [--examples N]

Properties (the same strategies as the test suite, `tests/strategies.py`, at full size):
- arbitrary text and damaged valid programs: parse + check never raise, every error is located
  inside the text;
- valid generated programs: the formatter is idempotent and keeps the tree and the comments.
Prints how many inputs each property ran and how long it took; exits 1 on the first failure.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.strategies import damaged, programs  # noqa: E402
from wfl.grammar.checker import check  # noqa: E402
from wfl.grammar.formatter import format_text  # noqa: E402
from wfl.grammar.index import EnvIndex  # noqa: E402
from wfl.grammar.parser import parse  # noqa: E402
from wfl.schemas.loader import load_environment  # noqa: E402
from wfl.schemas.workflow import to_canonical  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=10_000)
    args = parser.parse_args()
    env = load_environment(ROOT / "examples" / "home.yaml").environment
    assert env is not None
    index = EnvIndex(env)
    config = settings(
        max_examples=args.examples, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    counts: dict[str, int] = {}

    def never_raises(name: str, text: str) -> None:
        counts[name] = counts.get(name, 0) + 1
        result = parse(text)
        check(result.file, index)
        for d in result.diagnostics:
            assert 0 <= d.span[0] <= d.span[1] <= len(text), d

    @config
    @given(st.text(max_size=400))
    def random_text(text: str) -> None:
        never_raises("random text", text)

    @config
    @given(programs().flatmap(damaged))
    def mutated_programs(text: str) -> None:
        never_raises("mutated programs", text)

    @config
    @given(programs())
    def formatter_idempotent(text: str) -> None:
        counts["formatter on valid programs"] = counts.get("formatter on valid programs", 0) + 1
        once = format_text(text).text
        assert once is not None
        assert format_text(once).text == once
        assert to_canonical(parse(once).file) == to_canonical(parse(text).file)

    failed = False
    for prop in (random_text, mutated_programs, formatter_idempotent):
        start = time.perf_counter()
        try:
            prop()
            status = "ok"
        except Exception as exc:  # report, then exit non-zero
            status = f"FAILED: {type(exc).__name__}: {exc}"
            failed = True
        name = prop.__name__.replace("_", " ")
        ran = sum(counts.values())
        counts.clear()
        print(f"{name:<24} {ran:6d} inputs  {time.perf_counter() - start:6.1f} s  {status}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
