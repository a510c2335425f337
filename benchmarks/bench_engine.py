"""Benchmark: the scheme-level simulation engine, against a naive one-process-per-household engine.

Measures, in one run of this script:

1. one run of each of the default scenario's five policies on the full
   community (about 8,600 households, 240 months): best wall time of
   ``--repeats`` and household-months per second (target >= 10 million);
2. the naive engine (``naive_engine.py``: one SimPy process per household,
   the "80% shares" household economy in per-household Python) on a 1/10
   community, and the ratio of the vectorised engine's throughput to the
   naive one's (target >= 35x); also the ratio with both on the 1/10
   community. The naive engine has no demography, so the vectorised side of
   both ratios runs with births, deaths and migration off (the month-0 persons
   ageing), the same model on both sides;
3. SimPy events per run on the full and a 1/4 community, per policy: they
   must not grow with the number of households (target: ratio <= 1.1, where
   a per-household design gives 4);
4. the peak memory of one full-community run of the full package, in a fresh
   subprocess: the growth of the peak RSS over the baseline after imports,
   and tracemalloc's peak (target < 500 MB).

Prints the figures and PASS/MISS per target, writes them as JSON and always
exits 0: a missed target is a finding to report, not a crash.

Run from the repository root::

    python benchmarks/bench_engine.py [--out PATH] [--quick] [--profile] [--naive-full]

``--quick`` (1 repeat, 2 years) is for the smoke test; its figures are not
comparable with the targets. Timings on shared machines move by tens of
percent between runs (performance-notes.md): compare ratios measured in one
run, not absolute times across runs. Each run is timed with the community
already drawn and passed in, as :func:`collective_econ.runs.comparison.compare`
does (one community for all runs); drawing it is timed apart.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import gc
import importlib.metadata
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))  # benchmark the tree, not an installed copy
sys.path.insert(1, str(Path(__file__).resolve().parent))  # naive_engine

# -- configuration (all inputs of the measurements; passed in, never read as globals) --------
TARGET_THROUGHPUT = 10e6  # household-months per second, each policy, full community
TARGET_RATIO = 35.0  # vectorised / naive throughput, "80% shares"
TARGET_EVENTS_RATIO = 1.1  # events(full) / events(1/4 community)
TARGET_MEMORY_MB = 500.0  # peak memory of one full-package run
TARGET_PACKAGE_RATIO = 1.3  # full package / cash only, same run (issue 15)
BASE_POLICY = "cash only"
NAIVE_FRACTION = 0.1  # the naive engine's community: 1/10 (2,500 residents, 183 agricultural)
EVENTS_FRACTION = 0.25
SHARES_POLICY = "80% shares"
MEMORY_POLICY = "full package"
THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
MB = 1024.0**2


def best_time(func: Callable[[], object], repeats: int) -> float:
    """Best wall time of ``repeats`` calls, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def scaled(params: Any, fraction: float) -> Any:
    """Community statistics scaled to ``fraction`` of the residents (the same shares)."""
    return dataclasses.replace(
        params,
        residents=round(params.residents * fraction),
        agricultural_residents=round(params.agricultural_residents * fraction),
    )


def draw_community(scenario: Any, params: Any, seed: int) -> Any:
    """A community drawn from ``params`` with the scenario's livelihood rules."""
    from collective_econ.economy.community import synthesize

    return synthesize(params, np.random.default_rng(seed), scenario.livelihood)


def time_policies(
    scenario: Any, community: Any, years: int, repeats: int, seed: int
) -> dict[str, dict[str, Any]]:
    """Best time, throughput and events of one run of each policy on ``community``.

    The repeats go round the policies in turn, so that a burst of load from
    another process on a shared machine does not fall on one policy only.
    """
    from collective_econ.simulation import simulate

    hm = community.n_households * 12 * years
    events: dict[str, tuple[int, float]] = {}
    for name in scenario.policy_names:
        simulate(scenario, name, seed=seed, horizon_years=1, community=community)  # warm-up
        run = simulate(scenario, name, seed=seed, horizon_years=years, community=community)
        events[name] = (run.events, run.ledger_total)
    times: dict[str, list[float]] = {name: [] for name in scenario.policy_names}
    cold: dict[str, float] = {}
    for name in scenario.policy_names:  # nothing kept from an earlier run on this history
        forget_histories()
        start = time.perf_counter()
        simulate(scenario, name, seed=seed, horizon_years=years, community=community)
        cold[name] = time.perf_counter() - start
    for _ in range(repeats):
        for name in scenario.policy_names:
            times[name].append(
                best_time(
                    lambda name=name: simulate(
                        scenario, name, seed=seed, horizon_years=years, community=community
                    ),
                    1,
                )
            )
    return {
        name: {
            "seconds": min(times[name]),
            "household_months_per_s": hm / min(times[name]),
            "all_seconds": times[name],
            "cold_seconds": cold[name],
            "cold_household_months_per_s": hm / cold[name],
            "events": events[name][0],
            "ledger_total": events[name][1],
        }
        for name in scenario.policy_names
    }


def forget_histories() -> None:
    """Drop the population histories and plans the engine keeps for the next run.

    :func:`~collective_econ.simulation.simulate` keeps the last histories drawn
    and what depends on them alone (event months, pensions, the households' work
    spells), so the policies of one replication, run one after another, draw and
    work them out once. A "cold" run starts without them, as the first policy of
    a replication does.
    """
    from collective_econ import simulation
    from collective_econ.economy import census

    simulation._HISTORIES.clear()
    census._MEMO.clear()


def time_naive(
    scenario: Any, community: Any, years: int, repeats: int, seed: int
) -> dict[str, float]:
    """Best time and throughput of the naive engine ("80% shares") on ``community``."""
    from naive_engine import simulate_naive

    shares = scenario.policy(SHARES_POLICY).params("land_shares")
    months = 12 * years

    def run() -> Any:
        return simulate_naive(
            community,
            livelihood=scenario.livelihood,
            shares=shares,
            horizon_months=months,
            seed=seed,
        )

    events = run().events
    seconds = best_time(run, repeats)
    return {
        "households": community.n_households,
        "persons": community.n_persons,
        "seconds": seconds,
        "household_months_per_s": community.n_households * months / seconds,
        "events": events,
    }


def count_events(
    scenario: Any, full: Any, quarter: Any, years: int, seed: int
) -> dict[str, dict[str, Any]]:
    """SimPy events of one run of each policy on the full and the 1/4 community."""
    from collective_econ.errors import CollectiveEconError
    from collective_econ.simulation import simulate

    out: dict[str, dict[str, Any]] = {}
    for name in scenario.policy_names:
        row: dict[str, Any] = {}
        for label, community in (("full", full), ("quarter", quarter)):
            try:
                run = simulate(scenario, name, seed=seed, horizon_years=years, community=community)
                row[label] = run.events
            except CollectiveEconError as exc:  # a scheme needs more households
                row[label] = None
                row[f"{label}_error"] = str(exc)
        both = row["full"] is not None and row["quarter"] is not None
        row["ratio"] = row["full"] / row["quarter"] if both else None
        out[name] = row
    return out


def _proc_status_mb(key: str) -> float | None:
    """A memory figure of this process from /proc/self/status (Linux), MB; None elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1]) * 1024 / MB  # kB
    except OSError:
        pass
    return None


def _reset_peak_rss() -> bool:
    """Reset this process's RSS high-water mark (Linux ``clear_refs``); False if impossible."""
    try:
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
    except OSError:
        return False
    return True


def memory_child(years: int, seed: int) -> dict[str, Any]:
    """Run in a fresh process: peak memory of one full-package, full-community run.

    ``ru_maxrss`` of a child process on Linux starts at its parent's RSS at the
    fork (the kernel carries the old high-water mark over ``exec``), so after a
    big parent it hides the run's own peak. Where ``/proc`` allows, the peak is
    therefore read as VmHWM after resetting the high-water mark once the imports
    are done; ``ru_maxrss`` is reported alongside.
    """
    import tracemalloc

    from collective_econ.cases.caopijie import default_scenario
    from collective_econ.simulation import simulate

    unit = 1.0 if sys.platform == "darwin" else 1024.0  # ru_maxrss: bytes on macOS, else KiB
    scenario = default_scenario()
    gc.collect()
    maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * unit / MB
    reset = _reset_peak_rss()
    rss_before = _proc_status_mb("VmRSS")
    run = simulate(scenario, MEMORY_POLICY, seed=seed, horizon_years=years)
    maxrss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * unit / MB
    hwm = _proc_status_mb("VmHWM")
    if reset and rss_before is not None and hwm is not None:
        method, baseline, peak = "VmHWM after clear_refs", rss_before, hwm
    else:
        method, baseline, peak = "ru_maxrss", maxrss_before, maxrss_after
    households = run.community.n_households
    del run
    gc.collect()
    tracemalloc.start()
    run = simulate(scenario, MEMORY_POLICY, seed=seed, horizon_years=years)
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "households": households,
        "method": method,
        "baseline_rss_mb": baseline,
        "peak_rss_mb": peak,
        "rss_growth_mb": peak - baseline,
        "ru_maxrss_before_mb": maxrss_before,
        "ru_maxrss_after_mb": maxrss_after,
        "tracemalloc_peak_mb": traced_peak / MB,
        "result_flows_mb": run.household_flows.nbytes / MB,
    }


def measure_memory(years: int, seed: int) -> dict[str, Any]:
    """:func:`memory_child` in a fresh interpreter (so earlier runs do not set the peak)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--memory-child"]
    cmd += ["--seed", str(seed), "--years", str(years)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=600)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def profile_run(scenario: Any, community: Any, years: int, seed: int, top: int) -> list[dict]:
    """cProfile one full-package run: the ``top`` functions by total (own) time."""
    from collective_econ.simulation import simulate

    profiler = cProfile.Profile()
    profiler.enable()
    simulate(scenario, MEMORY_POLICY, seed=seed, horizon_years=years, community=community)
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = []
    for (file, line, func), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():
        where = f"{Path(file).name}:{line}" if line else file
        rows.append(
            {
                "function": f"{where}({func})",
                "calls": calls,
                "tottime": tottime,
                "cumtime": cumtime,
            }
        )
    rows.sort(key=lambda r: r["tottime"], reverse=True)
    total = sum(r["tottime"] for r in rows)
    for r in rows:
        r["share"] = r["tottime"] / total
    return rows[:top]


PROCESS_LABELS = {
    "households.process": "households' economy (work, pensions, savings, credit lines)",
    "simulation._service_loans": "loan service (world.loans)",
    "simulation._close_months": "month close (balances)",
    "collective.process": "collectives' December payouts",
    "hogs._farming": "hogs",
}


def _label(gen: Any) -> str:
    """A readable name of a SimPy process's generator: its module and function."""
    code = gen.gi_code
    key = f"{Path(code.co_filename).stem}.{code.co_name}"
    if key in PROCESS_LABELS:
        return PROCESS_LABELS[key]
    return Path(code.co_filename).stem if code.co_name == "process" else key


def time_by_process(
    scenario: Any, community: Any, years: int, seed: int, repeats: int
) -> dict[str, dict[str, Any]]:
    """Where the time of one run goes: the CPU time spent in each SimPy process, per policy.

    CPU time of this process (``time.process_time``), not wall time: on a shared
    machine another process's load then moves the figures less. Each process's
    generator is wrapped so that the time of each of its steps
    (from being resumed to its next ``yield``, what it calls included: ledger
    transfers, loans, the census) is added to its name; the rest of the run
    (building the world, drawing or reusing the population's history, SimPy's
    scheduling, the result) is "setup and engine". Best of ``repeats`` runs by
    total time, each after a warm-up run on the same history (as the 2nd..5th
    policy of a replication). The wrappers add one generator step per event
    (about 1 µs): a few per mille of a run.
    """
    import simpy

    from collective_econ.simulation import simulate

    spent: dict[str, float] = {}

    def timed(gen: Any) -> Any:
        name, clock, value = _label(gen), time.process_time, None
        while True:
            start = clock()
            try:
                event = gen.send(value)
            except StopIteration:
                spent[name] = spent.get(name, 0.0) + clock() - start
                return
            spent[name] = spent.get(name, 0.0) + clock() - start
            value = yield event

    class TimedEnvironment(simpy.Environment):  # type: ignore[misc]
        def process(self, generator: Any) -> Any:
            return super().process(timed(generator))

    out: dict[str, dict[str, Any]] = {}
    original = simpy.Environment
    simpy.Environment = TimedEnvironment  # simulate() builds its environment from here
    try:
        for name in scenario.policy_names:
            simulate(scenario, name, seed=seed, horizon_years=years, community=community)
            best: tuple[float, dict[str, float]] | None = None
            for _ in range(repeats):
                spent.clear()
                start = time.process_time()
                simulate(scenario, name, seed=seed, horizon_years=years, community=community)
                total = time.process_time() - start
                if best is None or total < best[0]:
                    best = (total, dict(spent))
            assert best is not None
            total, by = best
            by["setup and engine"] = total - sum(by.values())
            out[name] = {
                "seconds": total,
                "by_process": dict(sorted(by.items(), key=lambda kv: -kv[1])),
            }
    finally:
        simpy.Environment = original
    return out


def where_the_time_goes(timings: dict[str, dict[str, Any]], *, top: int = 8) -> str:
    """A markdown table per policy: share of run time by process, from :func:`time_by_process`."""
    first, base = next(iter(timings)), next(iter(timings.values()))["seconds"]
    lines = []
    for name, r in timings.items():
        lines += [
            f"**{name}**: {r['seconds'] * 1e3:.0f} ms a run, "
            f'{r["seconds"] / base:.2f}x the time of "{first}"',
            "",
            "| process | ms | share |",
            "|---|---:|---:|",
        ]
        items = list(r["by_process"].items())
        rest = sum(v for _, v in items[top:])
        for proc, sec in items[:top]:
            lines.append(f"| {proc} | {sec * 1e3:.1f} | {sec / r['seconds']:.0%} |")
        if rest:
            lines.append(
                f"| others ({len(items) - top}) | {rest * 1e3:.1f} | {rest / r['seconds']:.0%} |"
            )
        lines.append("")
    return "\n".join(lines)


def versions() -> dict[str, Any]:
    """Library, interpreter and dependency versions, and the machine."""
    import simpy

    import collective_econ

    try:
        simpy_version = importlib.metadata.version("simpy")
    except importlib.metadata.PackageNotFoundError:
        simpy_version = getattr(simpy, "__version__", "unknown")
    return {
        "collective_econ": str(collective_econ.__version__),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "simpy": simpy_version,
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "thread_env": {v: os.environ.get(v) for v in THREAD_VARS},
    }


def target(value: float | None, rule: str, bound: float) -> dict[str, Any]:
    """A target record: the value, the rule (``>=``, ``<=`` or ``<``) and whether it is met."""
    compare = {">=": float.__ge__, "<=": float.__le__, "<": float.__lt__}[rule]
    ok = value is not None and compare(float(value), float(bound))
    return {"target": f"{rule} {bound:g}", "value": value, "pass": bool(ok)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/bench_engine.json")
    parser.add_argument("--quick", action="store_true", help="1 repeat, 2 years (smoke test)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--years", type=int, default=None, help="horizon (default: scenario's)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="time each SimPy process of each policy (a markdown table), and cProfile a "
        "full-package run",
    )
    parser.add_argument(
        "--naive-full",
        action="store_true",
        help="also time the naive engine on the full community",
    )
    parser.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.memory_child:
        print(json.dumps(memory_child(args.years, args.seed)))
        return 0

    from collective_econ.cases.caopijie import default_scenario

    scenario = default_scenario()
    years = args.years if args.years is not None else (2 if args.quick else scenario.horizon_years)
    repeats = 1 if args.quick else args.repeats
    months = 12 * years
    info = versions()
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None

    start = time.perf_counter()
    full = draw_community(scenario, scenario.community, args.seed)
    t_draw = time.perf_counter() - start
    small = draw_community(scenario, scaled(scenario.community, NAIVE_FRACTION), args.seed)
    quarter = draw_community(scenario, scaled(scenario.community, EVENTS_FRACTION), args.seed)

    print(
        f"collective_econ {info['collective_econ']}, python {info['python']}, "
        f"numpy {info['numpy']}, simpy {info['simpy']}, {info['cpu_count']} CPUs"
    )
    print(
        f"full community: {full.n_households:,} households, {full.n_persons:,} persons, "
        f"{months} months; best of {repeats}, seed {args.seed}"
        + ("  [--quick: figures not comparable with the targets]" if args.quick else "")
    )
    print(f"drawing the community: {t_draw * 1e3:.1f} ms (not in the times below)")
    if load_before is not None:
        print(f"load average at the start (1, 5, 15 min): {load_before}; {os.cpu_count()} CPUs")

    # 1. the vectorised engine, each policy, full community
    policies = time_policies(scenario, full, years, repeats, args.seed)
    print(
        "\n1. one run per policy, full community (best of the repeats, each after a run on"
        "\n   the same history: as the 2nd..5th policy of a replication; cold: the first)"
    )
    base = policies[BASE_POLICY]["seconds"] if BASE_POLICY in policies else None
    for name, r in policies.items():
        r["ratio_to_base"] = r["seconds"] / base if base else None
        shown = f"{r['ratio_to_base']:5.2f}x" if base else "  n/a"
        print(
            f"   {name:<38s} {r['seconds']:7.3f} s"
            f"  {r['household_months_per_s'] / 1e6:6.2f} M hm/s  {shown} {BASE_POLICY}"
            f"  {r['events']:>6,} events"
            f"   cold {r['cold_seconds']:6.3f} s {r['cold_household_months_per_s'] / 1e6:6.2f} M"
        )

    # 2. the naive engine on a 1/10 community, against the vectorised one. The naive
    # engine has no demography (the month-0 persons only age), so the vectorised side of
    # the ratio runs with births, deaths and migration off too, and without the dibao every
    # policy pays (the naive engine has none): the same model on both
    shares_only = scenario.policy(SHARES_POLICY).reform(SHARES_POLICY, remove=("safety_net",))
    frozen = dataclasses.replace(
        scenario,
        policies=(shares_only,),
        demography=dataclasses.replace(
            scenario.demography, births=False, deaths=False, migration=False
        ),
    )
    naive = time_naive(scenario, small, years, repeats, args.seed)
    same = time_policies(frozen, small, years, repeats, args.seed)[SHARES_POLICY]
    vec_full = time_policies(frozen, full, years, repeats, args.seed)[SHARES_POLICY][
        "household_months_per_s"
    ]
    ratio = vec_full / naive["household_months_per_s"]
    ratio_same = same["household_months_per_s"] / naive["household_months_per_s"]
    print(f'\n2. naive engine (one process per household), "{SHARES_POLICY}"')
    print("   (demography off on both sides: the naive engine has none)")
    print(
        f"   naive, 1/10 community ({small.n_households:,} households): {naive['seconds']:7.3f} s"
        f"  {naive['household_months_per_s'] / 1e6:6.3f} M hm/s  {naive['events']:,} events"
    )
    print(
        f"   vectorised, same 1/10 community          : {same['seconds']:7.3f} s"
        f"  {same['household_months_per_s'] / 1e6:6.2f} M hm/s"
    )
    print(
        f"   vectorised, full, no demography          : "
        f"{full.n_households * months / vec_full:7.3f} s"
        f"  {vec_full / 1e6:6.2f} M hm/s"
    )
    print(f"   ratio vectorised (full) / naive (1/10)   : {ratio:7.1f}x")
    print(f"   ratio, both on the 1/10 community        : {ratio_same:7.1f}x")
    naive_full = None
    if args.naive_full:
        naive_full = time_naive(scenario, full, years, 1, args.seed)
        print(
            f"   naive, full community (1 run)            : {naive_full['seconds']:7.3f} s"
            f"  {naive_full['household_months_per_s'] / 1e6:6.3f} M hm/s"
            f"  ratio {vec_full / naive_full['household_months_per_s']:.1f}x"
        )

    # 3. events do not grow with households
    events = count_events(scenario, full, quarter, years, args.seed)
    print(
        f"\n3. SimPy events per run: full ({full.n_households:,} households) "
        f"vs 1/4 ({quarter.n_households:,} households)"
    )
    for name, r in events.items():
        shown = f"{r['ratio']:.3f}" if r["ratio"] is not None else "n/a"
        print(f"   {name:<38s} {r['full']!s:>6} {r['quarter']!s:>6}  ratio {shown}")

    # 4. peak memory, in a fresh process
    memory = measure_memory(years, args.seed)
    print(f'\n4. peak memory of one full-community "{MEMORY_POLICY}" run (fresh process)')
    print(
        f"   RSS after imports {memory['baseline_rss_mb']:.0f} MB,"
        f" peak {memory['peak_rss_mb']:.0f} MB: growth {memory['rss_growth_mb']:.1f} MB"
        f" ({memory['method']})"
    )
    print(
        f"   ru_maxrss before/after the run: {memory['ru_maxrss_before_mb']:.0f} /"
        f" {memory['ru_maxrss_after_mb']:.0f} MB"
    )
    print(
        f"   tracemalloc peak {memory['tracemalloc_peak_mb']:.1f} MB"
        f" (of which the household flows kept: {memory['result_flows_mb']:.1f} MB)"
    )

    profile = by_process = None
    if args.profile:
        by_process = time_by_process(scenario, full, years, args.seed, repeats)
        print(
            "\nwhere the time goes: CPU time by SimPy process, one run per policy"
            f" (best of {repeats}), full community\n"
        )
        print(where_the_time_goes(by_process))
        profile = profile_run(scenario, full, years, args.seed, top=8)
        print(f'\nprofile of one "{MEMORY_POLICY}" run, top 8 by own time:')
        for r in profile:
            print(f"   {r['tottime']:7.3f} s {r['share']:6.1%} {r['calls']:>8,}  {r['function']}")

    targets = {
        f"throughput[{name}]": target(r["household_months_per_s"], ">=", TARGET_THROUGHPUT)
        for name, r in policies.items()
    }
    if base and MEMORY_POLICY in policies:
        targets[f"ratio[{MEMORY_POLICY} / {BASE_POLICY}]"] = target(
            policies[MEMORY_POLICY]["ratio_to_base"], "<=", TARGET_PACKAGE_RATIO
        )
    targets["naive_ratio"] = target(ratio, ">=", TARGET_RATIO)
    for name, r in events.items():
        targets[f"events_ratio[{name}]"] = target(r["ratio"], "<=", TARGET_EVENTS_RATIO)
    targets["memory_mb"] = target(
        max(memory["rss_growth_mb"], memory["tracemalloc_peak_mb"]), "<", TARGET_MEMORY_MB
    )
    print()
    for name, t in targets.items():
        shown = f"{t['value']:.4g}" if t["value"] is not None else "n/a"
        print(f"{'PASS' if t['pass'] else 'MISS'}  {name} {t['target']}: {shown}")

    out = args.out.resolve()
    shown_out = str(out.relative_to(ROOT)) if out.is_relative_to(ROOT) else str(out)
    result = {
        "benchmark": "engine: scheme-level SimPy engine vs one process per household",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        **info,
        "inputs": {
            "out": shown_out,
            "quick": args.quick,
            "repeats": repeats,
            "years": years,
            "seed": args.seed,
            "naive_fraction": NAIVE_FRACTION,
            "events_fraction": EVENTS_FRACTION,
        },
        "load_average": {
            "before": load_before,
            "after": os.getloadavg() if hasattr(os, "getloadavg") else None,
        },
        "community": {
            "households": full.n_households,
            "persons": full.n_persons,
            "months": months,
            "draw_seconds": t_draw,
        },
        "policies": policies,
        "naive": {
            "policy": SHARES_POLICY,
            "naive_small": naive,
            "vectorised_small": same | {"households": small.n_households},
            "ratio_vectorised_full_to_naive_small": ratio,
            "ratio_same_community": ratio_same,
            "naive_full": naive_full,
        },
        "events": {
            "households": {"full": full.n_households, "quarter": quarter.n_households},
            "by_policy": events,
        },
        "memory": memory,
        "profile": profile,
        "time_by_process": by_process,
        "targets": targets,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {shown_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
