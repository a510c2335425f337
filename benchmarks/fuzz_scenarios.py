"""Fuzz the scenario reader: 10,000 generated files through ``loads`` and ``validate_text``.

Each file must either load (and then validate clean and round-trip through
``dumps``), or be refused with a ``ScenarioFileError`` whose every problem has a
location, a message and a line within the file, ``validate_text`` listing the same
problems. Anything else (another exception, a problem without a location, a
validator that disagrees with the loader) is a failure.

The files come from the strategies of the test suite's fuzz tests
(``tests/scenario/test_scenario_fuzz.py``), in the same mix as its default run
(400 : 300 : 50): the embedded case and a small file using every section, with
their text mutated (lines deleted, types changed, unknown or misspelled keys,
out-of-range numbers, broken syntax) or their parsed data mutated (any value
replaced by any TOML value), and arbitrary text. The test suite runs 750 of them;
this script runs as many as you ask. Where :mod:`collective_econ.testing` is
available, a fourth source (150 in that mix) writes valid scenarios drawn from its
``scenarios()`` strategy (other communities, household economies and reformed
policies with dated periods) with ``dumps``, and mutates the text of half of them.

Run from the repository root::

    python benchmarks/fuzz_scenarios.py                # 10,000 files, about 5 minutes on 1 core
    python benchmarks/fuzz_scenarios.py --cases 2000 --jobs 4 --seed 7

Prints the counts (loaded, refused with a location, failed) and the run time, and
exits 1 if any file failed (the first ones are printed; ``--failures DIR`` keeps
them all), 0 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import sys
import time
import tomllib
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
FUZZ_TESTS = ROOT / "tests" / "scenario" / "test_scenario_fuzz.py"
MIX = {"mutated text": 400, "mutated data": 300, "any text": 50}  # as the test suite's run
DRAWN = ("drawn scenario", 150)  # with collective_econ.testing
SHOWN = 5  # failures printed in full


def use_source_tree() -> None:
    """Fuzz the tree, not an installed copy."""
    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))


def load_fuzz_module() -> ModuleType:
    """The test suite's fuzz module (its strategies and its ``check``), on the source tree."""
    use_source_tree()
    spec = importlib.util.spec_from_file_location("test_scenario_fuzz", FUZZ_TESTS)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def split(total: int, weights: dict[str, int]) -> dict[str, int]:
    """``total`` cases shared among the sources in proportion to ``weights``, summing exactly."""
    out, given, left = {}, 0, sum(weights.values())
    for name, w in weights.items():
        n = round((total - given) * w / left)
        out[name], given, left = n, given + n, left - w
    return out


def run_share(source: str, cases: int, seed: int) -> dict[str, Any]:
    """Generate ``cases`` files from ``source`` and check each; counts, failures, digests."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed
    from hypothesis import strategies as st

    fuzz = load_fuzz_module()
    counts: Counter[str] = Counter()
    failures: list[tuple[str, str]] = []
    digests: set[str] = set()
    bases = sorted(fuzz.BASES)
    any_text = st.text(max_size=200) | st.sampled_from(["", "[scenario]", "a = [" * 2000])

    def generate(data: Any) -> str:
        if source == "any text":
            return str(data.draw(any_text))
        if source == DRAWN[0]:
            from collective_econ.scenario import dumps
            from collective_econ.testing import scenarios

            text = dumps(data.draw(scenarios(max_policies=3)), comments=data.draw(st.booleans()))
            return str(fuzz.mutate_text(data, text)) if data.draw(st.booleans()) else text
        base = fuzz.BASES[data.draw(st.sampled_from(bases))]
        if source == "mutated text":
            return str(fuzz.mutate_text(data, base))
        return str(fuzz.mutate_data(data, tomllib.loads(base)))

    @hypothesis_seed(seed)
    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def one(data: Any) -> None:
        text = generate(data)
        digests.add(hashlib.blake2b(text.encode("utf-8", "surrogatepass")).hexdigest())
        try:
            outcome = "loaded" if fuzz.check(text) else "refused"
        except Exception:  # anything, including a broken property (AssertionError)
            outcome = "failed"
            failures.append((text, traceback.format_exc()))
        counts[outcome] += 1

    one()
    return {"counts": counts, "failures": failures, "digests": digests}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000, help="files to generate (10,000)")
    parser.add_argument("--seed", type=int, default=2010, help="Hypothesis seed (2010)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (1)")
    parser.add_argument("--failures", type=Path, help="write every failing file to this folder")
    args = parser.parse_args(argv)
    if args.cases < 1 or args.jobs < 1:
        parser.error("--cases and --jobs must be >= 1")

    mix = dict(MIX)
    use_source_tree()
    if importlib.util.find_spec("collective_econ.testing") is not None:
        mix[DRAWN[0]] = DRAWN[1]
    shares = [
        (source, n, args.seed + 1000 * i + j)
        for i, (source, total) in enumerate(split(args.cases, mix).items())
        for j, n in enumerate(split(total, dict.fromkeys(range(args.jobs), 1)).values())
        if n
    ]
    print(
        f"fuzzing the scenario reader: {args.cases:,} files (seed {args.seed}, "
        f"{args.jobs} job{'s' if args.jobs > 1 else ''}) from {FUZZ_TESTS.relative_to(ROOT)}"
        + (" and collective_econ.testing" if DRAWN[0] in mix else "")
    )
    t0 = time.perf_counter()
    by_source: dict[str, Counter[str]] = {s: Counter() for s in mix}
    failures: list[tuple[str, str]] = []
    digests: set[str] = set()
    with ProcessPoolExecutor(args.jobs) as pool:
        futures = [(s, pool.submit(run_share, s, n, seed)) for s, n, seed in shares]
        for source, future in futures:
            share = future.result()
            by_source[source].update(share["counts"])
            failures += share["failures"]
            digests |= share["digests"]
    seconds = time.perf_counter() - t0

    total: Counter[str] = sum(by_source.values(), Counter())
    n = sum(total.values())
    print(f"\n{'source':<14} {'files':>7} {'loaded':>7} {'refused':>8} {'failed':>7}")
    for source, c in [*by_source.items(), ("total", total)]:
        print(
            f"{source:<14} {sum(c.values()):>7,} {c['loaded']:>7,} {c['refused']:>8,} "
            f"{c['failed']:>7,}"
        )
    print(
        f"\n{len(digests):,} distinct files; {seconds:.1f} s "
        f"({1000 * seconds / max(n, 1):.1f} ms a file, wall clock)"
    )
    if n < args.cases:
        print(f"note: Hypothesis generated {n:,} of the {args.cases:,} files asked for")
    for i, (text, trace) in enumerate(failures[:SHOWN]):
        print(f"\n--- failure {i + 1}: {text[:500]!r}\n{trace}")
    if args.failures is not None and failures:
        args.failures.mkdir(parents=True, exist_ok=True)
        for i, (text, trace) in enumerate(failures):
            (args.failures / f"{i:04d}.toml").write_text(text, "utf-8", "surrogatepass")
            (args.failures / f"{i:04d}.txt").write_text(trace, "utf-8")
        print(f"wrote {len(failures)} failing files to {args.failures}/")
    print("FAIL" if failures else "PASS", f"{total['failed']:,} failures in {n:,} files")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
