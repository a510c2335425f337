"""The full boundary sweeps of issue 14: every numeric key, every distribution parameter, the API.

The test suite runs a cheaper cut of each (``tests/reliability/test_boundary_sweep.py``
and ``tests/reliability/test_api_probe.py``); this script runs them whole, with the
same generators, and prints the counts that ``docs/reliability.md`` states:

- ``--boundary``: every numeric key of the embedded case (every array element
  too) at 0, -1, 5e-324, 1e300, 2**63 - 1, nan and inf, through ``loads`` and
  ``validate_text`` (each case under a time limit); then every policy the key acts
  on, for every case that loads, for 2 years on a tiny community: its results
  must be finite.
- ``--distributions``: every parameter of every distribution kind at 13 extremes,
  and pairs of parameters at 8; each built directly (refused with a
  ``ParameterError``, or finite quantiles, mean and samples) and as an uncertainty
  of a scenario file (loads, or refused with located problems).
- ``--api``: every public callable of ``collective_econ`` with bad arguments (None,
  [], "x", -1, nan, 10**30) and numpy numbers, in a child process with a memory
  limit: library errors only.

Run from the repository root::

    python benchmarks/boundary_sweep.py              # all three: about 25 minutes on a busy
                                                     # 2-core machine, the runs half of it
    python benchmarks/boundary_sweep.py --boundary --no-runs

Exits 1 if any case failed (tracebacks, hangs, non-finite results, bare builtins).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests" / "reliability"
SHOWN = 10  # failures printed


def load(name: str) -> ModuleType:
    """A test module of ``tests/reliability`` (its generators and checks), on the source tree."""
    for path in (str(ROOT / "src"), str(TESTS)):
        if path not in sys.path:
            sys.path.insert(0, path)
    spec = importlib.util.spec_from_file_location(name, TESTS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def table(
    title: str, counts: Counter[str], seconds: float, zeros: tuple[str, ...] = ("failed", "hung")
) -> None:
    print(f"\n{title} ({seconds:.0f} s)")
    for bad in zeros:
        counts.setdefault(bad, 0)  # shown as 0, not left out
    for key, n in sorted(counts.items()):
        print(f"  {key:<28} {n:>7,}")
    print(f"  {'total':<28} {sum(counts.values()):>7,}")


def boundary(runs: bool) -> list[str]:
    sweep = load("test_boundary_sweep")
    t0 = time.perf_counter()
    files: Counter[str] = Counter()
    failures: list[str] = []
    loaded = []
    keys = set()
    for where, value, text in sweep.boundary_cases(every_element=True):
        keys.add(where)
        outcome, sc, why = sweep.check_file(text)
        files[outcome] += 1
        if outcome in ("failed", "hung"):
            failures.append(f"{where} = {value!r}: {outcome}: {why}")
        elif sc is not None:
            loaded.append((where, value, sc))
    files[f"(keys: {len(keys)})"] = 0
    table("boundary sweep: scenario files", files, time.perf_counter() - t0)
    if not runs:
        return failures
    t0 = time.perf_counter()
    ran: Counter[str] = Counter()
    for where, value, sc in loaded:
        policies = sweep.affected(sc, where)
        if not policies:
            ran["not run (experiment key)"] += 1
            continue
        outcome, why = sweep.run_case(sc, policies, shrink=not where.startswith("community"))
        ran[outcome] += 1
        ran["(policy runs)"] += len(policies)
        if outcome in ("nonfinite", "failed", "hung"):
            failures.append(f"{where} = {value!r}: run {outcome}: {why}")
    title = "boundary sweep: loaded cases run (2 years, tiny community)"
    table(title, ran, time.perf_counter() - t0, ("nonfinite", "failed", "hung"))
    return failures


def distributions() -> list[str]:
    sweep = load("test_boundary_sweep")
    t0 = time.perf_counter()
    built: Counter[str] = Counter()
    failures: list[str] = []
    for kind, kw in sweep.distribution_cases():
        outcome, why = sweep.check_distribution(kind, kw)
        built[outcome] += 1
        if outcome == "failed":
            failures.append(f"{kind} {kw}: {why}")
    table("distribution sweep: built directly", built, time.perf_counter() - t0)
    t0 = time.perf_counter()
    files: Counter[str] = Counter()
    for kind, kw in sweep.distribution_cases():
        outcome, _, why = sweep.check_file(sweep.uncertainty_file(kind, kw))
        files[outcome] += 1
        if outcome in ("failed", "hung"):
            failures.append(f"{kind} {kw} in a file: {outcome}: {why}")
    table("distribution sweep: as an uncertainty of a file", files, time.perf_counter() - t0)
    return failures


def api() -> list[str]:
    probe = load("test_api_probe")
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:  # calls given a folder name write there
        records = probe.probe_in_child(Path(scratch), timeout=1800)
    counts: Counter[str] = Counter(f"{r['outcome']}" for r in records)
    counts[f"(callables: {len({r['name'] for r in records})})"] = 0
    counts[f"(numpy-number calls: {sum(r['label'] == 'numpy' for r in records)})"] = 0
    title = "API probe: public callables with bad arguments"
    table(title, counts, time.perf_counter() - t0, ("bare", "hung"))
    known = probe.KNOWN_RESOURCE_FAILURES
    rest = [r for r in records if (r["name"], r["arg"], r["label"]) not in known]
    skipped = len(records) - len(rest)
    if skipped:
        print(
            f"  ({skipped} known resource failures, left to the resource bounds: {sorted(known)})"
        )
    return list(probe.failures(rest))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--boundary", action="store_true", help="the scenario-file sweep")
    parser.add_argument("--distributions", action="store_true", help="the distribution sweep")
    parser.add_argument("--api", action="store_true", help="the API probe")
    parser.add_argument("--no-runs", action="store_true", help="load the files, run nothing")
    args = parser.parse_args(argv)
    every = not (args.boundary or args.distributions or args.api)
    warnings.simplefilter("ignore")  # overflow warnings of extreme inputs are not the point
    t0 = time.perf_counter()
    failures: list[str] = []
    if every or args.boundary:
        failures += boundary(runs=not args.no_runs)
    if every or args.distributions:
        failures += distributions()
    if every or args.api:
        failures += api()
    for line in failures[:SHOWN]:
        print(f"\nFAILED {line}")
    seconds = time.perf_counter() - t0
    print(("FAIL" if failures else "PASS"), f"{len(failures):,} failures; {seconds:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
