"""Benchmark: experiments at scale (issues 4 and 15): ensembles, Sobol, parallel runs, CRN, Dask.

Measures, in one run of this script (settings in ``configurations.py``):

``cost``
    Where the time goes: the per-run cost of each policy, serially in this
    process, split into ``simulate``, ``reduce_run`` and ``encode_record`` (the
    work each worker does per run), the pickled size of the community every
    task carries, and a cProfile of one "full package" run.
``scale``
    5 policies x 1,000 replications of the full community (240 months) on
    ``process_pool(2)``, streamed to a store in a temporary folder, in a
    fresh process (so that earlier measurements do not set its memory).
    Targets (issue 15): wall time <= 90 s; peak memory <= 2 GB; >= 50x faster than
    the naive baseline extrapolated to the same work on the same cores.
    ``--replications N`` runs N replications and extrapolates the wall time
    linearly to 1,000 (pool start-up included, so slightly pessimistic).
``sobol``
    Sobol indices of the full package's ``mean_income_total`` over the 10
    ``SIMULATION_UNCERTAINTIES`` with N = 512 on ``process_pool(2)``: the
    library's Saltelli design runs N (k + 2) = 6,144 simulations (the issue's
    "2N (k + 1) = 11,264 runs" is the design with second-order indices). Target:
    the issue's 11,264 runs at the measured rate <= 6 minutes. Each run keeps its
    one outcome (``ExperimentSpec.outcomes``), so memory stays flat in the number
    of runs: the section records the peak memory of the process tree.
    ``--sobol-n N`` runs a smaller design and extrapolates linearly in runs.
``parallel``
    The same experiment (5 policies x 8 replications) serially, on
    ``process_pool(1)`` and on ``process_pool(2)``; target: serial /
    process_pool(2) >= 1.7x, pool start-up and shut-down included.
``crn``
    The variance of the paired difference of ``mean_income_total`` between the
    "full package" and the "package without collective projects" over R
    replications: common random numbers (one experiment, runs paired by
    seed) against independent seeds (the two policies in two experiments with
    different seeds). Target: variance ratio >= 5x.
``onepass``
    The five policies x R replications serially, replication by replication
    (the policies of a replication share the population history and what
    depends on it alone), against one experiment per policy; CPU time, so that
    other load does not decide the ratio; each policy's results must be
    bit-identical both ways. Target (issue 15): >= 2.5x.
``dask``
    The same experiment (5 policies x 20 replications) on a warm
    ``process_pool(2)`` and a warm local Dask cluster of 2 single-threaded
    worker processes; results bit-identical. Target (issue 15): Dask / pool
    <= 1.1x.

How the figures are measured
----------------------------
*Peak memory* (scale): the main process and its workers together. With psutil,
a thread samples the summed RSS of the process tree every 0.25 s. On Linux,
the sum of each process's own high-water mark (``VmHWM`` in
``/proc/<pid>/status``, read just before the pool shuts down) is an upper
bound that no spike between samples can escape. Both count pages that the
forked workers share with the main process once per process, so both
overstate the memory in use. The target uses the larger. With fewer than
1,000 replications, the extrapolated peak adds the size that the results
arrays gain per extra run: the records stream to disk, and only the
assembled arrays grow with the runs.

*Naive baseline* (scale): ``naive_engine.py`` (one SimPy process per
household; the "80% shares" household economy only, a subset of what the
vectorised engine computes, so it is a charitable baseline). Its
household-months per second are measured on a 1/10 community on one core in
this run and extrapolated to the same work: 5 policies x 1,000 runs x the
full community's households x 240 months, on 2 cores with perfect scaling.
The ratio compares that with the (extrapolated) wall time of the scale
experiment.

*CPU time and cores used* (every section): the CPU seconds of this process
and its workers (live workers read with psutil, reaped ones from
``RUSAGE_CHILDREN``) and ``cores`` = CPU / wall. On a shared machine a
``cores`` below the workers' count says the measurement did not get its
cores. The "idle projection" (runs x CPU seconds per run / workers) is what
idle cores would give. It is printed for information only: PASS/MISS always
uses wall time.

Prints the figures and the ratios measured in this run, PASS/MISS per target
(saying whether it is judged on a measured or an extrapolated figure), writes
them as JSON with the library, python, numpy and simpy versions, the
platform, the CPU count and the load average, and always exits 0: a missed
target is a finding to report, not a crash. A section that raises is reported
(``"error"`` in its JSON) and the others still run.

Run from the repository root::

    python benchmarks/bench_experiment.py [--out PATH] [--quick] [--only NAME ...]
                                          [--replications N] [--sobol-n N]

``--quick`` runs a tiny version of each section (a 2,500-resident community, 2
years) for the smoke test; its figures are not comparable with the targets.
From CPU time, the full workload (``scale`` and ``sobol``) needs about 12 + 22
minutes on 2 idle cores, and more on a shared machine. With
``--replications 100 --sobol-n 64`` the whole script took 12-16 minutes at a
load average of 2-3.6. Timings on shared machines move by tens of percent
between runs (performance-notes.md): compare ratios measured in one run.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import dataclasses
import gc
import importlib.metadata
import json
import math
import os
import pickle
import platform
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))  # benchmark the tree, not an installed copy
sys.path.insert(1, str(Path(__file__).resolve().parent))  # configurations, naive_engine

from configurations import FULL, QUICK, SECTIONS, TARGETS, Settings  # noqa: E402

THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
MB = 1024.0**2


# -- helpers ---------------------------------------------------------------------------------
def load_average() -> list[float] | None:
    """The 1, 5 and 15-minute load averages, where the OS reports them."""
    return list(os.getloadavg()) if hasattr(os, "getloadavg") else None


def make_scenario(horizon_years: int | None, residents: int | None, agri: int | None) -> Any:
    """The default scenario, with its community and horizon replaced where given."""
    from collective_econ.cases.caopijie import default_scenario

    scenario = default_scenario()
    changes: dict[str, Any] = {}
    if horizon_years is not None:
        changes["horizon_years"] = horizon_years
    if residents is not None:
        changes["community"] = dataclasses.replace(
            scenario.community, residents=residents, agricultural_residents=agri
        )
    return dataclasses.replace(scenario, **changes) if changes else scenario


def settings_scenario(s: Settings) -> Any:
    return make_scenario(s.horizon_years, s.residents, s.agricultural_residents)


def experiment_community(scenario: Any, seed: int) -> Any:
    """The community ``run_experiment`` draws for root seed ``seed`` (its "community" stream)."""
    from collective_econ.economy.community import synthesize
    from collective_econ.seeding import as_seed_sequence, stream

    return synthesize(
        scenario.community, stream(as_seed_sequence(seed), "community"), scenario.livelihood
    )


def versions() -> dict[str, Any]:
    """Library, interpreter and dependency versions, and the machine."""
    import scipy
    import simpy

    import collective_econ

    try:
        simpy_version = importlib.metadata.version("simpy")
    except importlib.metadata.PackageNotFoundError:
        simpy_version = getattr(simpy, "__version__", "unknown")
    try:
        import psutil

        psutil_version: str | None = psutil.__version__
    except ImportError:
        psutil_version = None
    return {
        "collective_econ": str(collective_econ.__version__),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "simpy": simpy_version,
        "scipy": scipy.__version__,
        "psutil": psutil_version,
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "thread_env": {v: os.environ.get(v) for v in THREAD_VARS},
    }


def timed(func: Callable[[], Any]) -> tuple[Any, float]:
    """``func()`` and its wall time in seconds."""
    start = time.perf_counter()
    out = func()
    return out, time.perf_counter() - start


def cpu_now() -> float:
    """CPU seconds used so far by this process, its live descendants and its reaped children.

    Live descendants (pool workers) are read with psutil, reaped ones from
    ``RUSAGE_CHILDREN``; without psutil, workers count only once reaped.
    """
    total = time.process_time()
    with contextlib.suppress(ImportError):  # resource: Unix only
        import resource

        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        total += usage.ru_utime + usage.ru_stime
    try:
        import psutil
    except ImportError:
        return total
    for proc in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            times = proc.cpu_times()
            total += times.user + times.system
    return total


class Clock:
    """Wall time and CPU time (this process and its workers) since it was made, by laps.

    ``cores`` (CPU / wall) shows how much of the machine the measurement got:
    about 1 for a serial run and about 2 for two busy workers on an idle
    machine, less when other processes take the cores.
    """

    def __init__(self) -> None:
        self._wall, self._cpu = time.perf_counter(), cpu_now()
        self._last = (self._wall, self._cpu)

    def lap(self) -> dict[str, float]:
        """Wall and CPU seconds since the previous lap (or the start), and their ratio."""
        now = (time.perf_counter(), cpu_now())
        wall, cpu = now[0] - self._last[0], now[1] - self._last[1]
        self._last = now
        return {"wall_seconds": wall, "cpu_seconds": cpu, "cores": cpu / wall if wall else 0.0}


def target(name: str, value: float | None, basis: str) -> dict[str, Any]:
    """A target record: the issue's rule, the value, what it rests on, and PASS/MISS."""
    t = TARGETS[name]
    ok = value is not None and (value >= t.bound if t.rule == ">=" else value <= t.bound)
    return {
        "target": f"{t.rule} {t.bound:g} {t.unit}",
        "issue": t.text,
        "value": value,
        "unit": t.unit,
        "basis": basis,
        "pass": bool(ok),
    }


# -- cost: where the time goes ---------------------------------------------------------------
def measure_cost(scenario: Any, community: Any, s: Settings) -> dict[str, Any]:
    """Per-run cost of each policy, serially: simulate, reduce, encode (median of repeats)."""
    from collective_econ.runs.outcomes import reduce_run
    from collective_econ.runs.store import encode_record
    from collective_econ.simulation import simulate

    names = scenario.policy_names
    parts = ("simulate", "reduce", "encode")
    times: dict[str, dict[str, list[float]]] = {n: {p: [] for p in (*parts, "cpu")} for n in names}
    info: dict[str, dict[str, int]] = {}
    for name in names:  # warm-up: imports, caches
        simulate(scenario, name, seed=s.seed, horizon_years=1, community=community)
    clock = Clock()
    for _ in range(s.cost.repeats):  # rounds over the policies: a load burst hits all of them
        for name in names:
            c0, t0 = time.process_time(), time.perf_counter()
            run = simulate(scenario, name, seed=s.seed, community=community)
            t1 = time.perf_counter()
            record = reduce_run(run)
            t2 = time.perf_counter()
            payload = encode_record(record)
            t3 = time.perf_counter()
            for part, dt in zip(parts, (t1 - t0, t2 - t1, t3 - t2), strict=True):
                times[name][part].append(dt)
            times[name]["cpu"].append(time.process_time() - c0)
            info[name] = {"events": int(run.events), "record_bytes": len(payload)}
            del run, record
            gc.collect(1)  # as run_task does
    policies = {}
    for name in names:
        row: dict[str, Any] = {p: statistics.median(times[name][p]) for p in parts}
        row["total"] = sum(row[p] for p in parts)
        row["cpu"] = statistics.median(times[name]["cpu"])  # CPU seconds of the three parts
        row["all_simulate"] = times[name]["simulate"]
        policies[name] = row | info[name]
    usage = clock.lap()
    replication = sum(r["total"] for r in policies.values())
    replication_cpu = sum(r["cpu"] for r in policies.values())
    profile = profile_run(scenario, community, s) if s.cost.profile_top else None
    return {
        "households": community.n_households,
        "months": 12 * scenario.horizon_years,
        "repeats": s.cost.repeats,
        "policies": policies,
        "seconds_per_replication": replication,
        "cpu_seconds_per_replication": replication_cpu,
        "usage": usage,
        "community_pickle_bytes": len(pickle.dumps(community, protocol=pickle.HIGHEST_PROTOCOL)),
        "profile": profile,
    }


def profile_run(scenario: Any, community: Any, s: Settings) -> list[dict[str, Any]]:
    """cProfile one run of ``s.cost.profile_policy``: the top functions by own time."""
    from collective_econ.simulation import simulate

    profiler = cProfile.Profile()
    profiler.enable()
    simulate(scenario, s.cost.profile_policy, seed=s.seed, community=community)
    profiler.disable()
    rows = []
    for (file, line, func), row in pstats.Stats(profiler).stats.items():  # type: ignore[attr-defined]
        where = f"{Path(file).name}:{line}" if line else file
        calls, tottime, cumtime = row[1], row[2], row[3]
        rows.append({"function": f"{where}({func})", "calls": calls, "tottime": tottime})
        rows[-1]["cumtime"] = cumtime
    total = sum(r["tottime"] for r in rows)
    rows.sort(key=lambda r: r["tottime"], reverse=True)
    return [r | {"share": r["tottime"] / total} for r in rows[: s.cost.profile_top]]


def print_cost(r: dict[str, Any]) -> None:
    print(
        f"\ncost: one run per policy, serial, {r['households']:,} households x {r['months']}"
        f" months (median of {r['repeats']})"
    )
    print(f"   {'policy':<38s} {'simulate':>9s} {'reduce':>8s} {'encode':>8s} {'events':>7s}")
    for name, row in r["policies"].items():
        print(
            f"   {name:<38s} {row['simulate']:8.3f}s {row['reduce']:7.4f}s"
            f" {row['encode']:7.4f}s {row['events']:>7,}"
        )
    print(
        f"   one replication of all policies: {r['seconds_per_replication']:.3f} s serial,"
        f" {r['cpu_seconds_per_replication']:.3f} s of CPU (cores used {r['usage']['cores']:.2f});"
        f" each task ships the community: {r['community_pickle_bytes'] / MB:.2f} MB pickled"
    )
    for row in r["profile"] or ():
        share, calls = row["share"], row["calls"]
        print(f"   {row['tottime']:7.3f} s {share:6.1%} {calls:>8,}  {row['function']}")


# -- scale: 5 policies x 1,000 replications, in a fresh process ------------------------------
class MemoryMonitor:
    """Samples the summed RSS of this process and its descendants in a thread (psutil)."""

    def __init__(self, interval: float) -> None:
        import psutil

        self._psutil, self.interval = psutil, interval
        self.peak, self.samples = 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = self._psutil.Process()
        while True:
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                with contextlib.suppress(self._psutil.Error):  # a process that just ended
                    total += proc.memory_info().rss
            self.peak, self.samples = max(self.peak, total), self.samples + 1
            if self._stop.wait(self.interval):
                return

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _status_int(pid: int, key: str) -> int | None:
    try:
        text = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    found = re.search(rf"^{key}:\s+(\d+)", text, re.MULTILINE)
    return int(found.group(1)) if found else None


def process_tree_hwm() -> dict[str, Any] | None:
    """VmHWM and VmRSS of this process and all its descendants (Linux /proc); None elsewhere."""
    if not Path("/proc/self/status").exists():
        return None
    parent: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (ppid := _status_int(int(entry.name), "PPid")) is not None:
            parent[int(entry.name)] = ppid
    tree, frontier = [os.getpid()], [os.getpid()]
    while frontier:
        frontier = [pid for pid, pp in parent.items() if pp in frontier]
        tree += frontier
    rows = [
        {"pid": pid, "vmhwm_mb": (_status_int(pid, "VmHWM") or 0) / 1024.0}
        | {"vmrss_mb": (_status_int(pid, "VmRSS") or 0) / 1024.0}
        for pid in tree
    ]
    return {"processes": rows, "vmhwm_sum_mb": sum(r["vmhwm_mb"] for r in rows)}


def scale_child(params: dict[str, Any]) -> dict[str, Any]:
    """Run in a fresh process: the scale experiment on a pool, with its time and memory."""
    from collective_econ.runs.executors import process_pool
    from collective_econ.runs.experiment import run_experiment
    from collective_econ.runs.spec import ExperimentSpec

    scenario = make_scenario(params["horizon_years"], params["residents"], params["agri"])
    spec = ExperimentSpec(replications=params["replications"], seed=params["seed"])
    runs, done = len(scenario.policy_names) * spec.replications, [0, 0.0]
    step = max(1, round(runs * params["progress_every"]))

    def progress(k: int) -> None:
        done[0] += k
        if done[0] >= done[1] + step or done[0] == runs:
            done[1] = done[0]
            elapsed = time.perf_counter() - t0
            print(f"   scale: {done[0]:,}/{runs:,} runs, {elapsed:.0f} s", file=sys.stderr)
            sys.stderr.flush()

    with tempfile.TemporaryDirectory(prefix="bench_experiment_") as tmp:
        store = Path(tmp) / "store"
        clock, t0 = Clock(), time.perf_counter()
        pool = process_pool(params["workers"])
        monitor = None
        try:
            pool.submit(os.getpid).result()  # forks every worker before the sampler thread starts
            try:
                monitor = MemoryMonitor(params["memory_interval"])
                monitor.start()
            except ImportError:
                monitor = None
            results = run_experiment(scenario, spec, executor=pool, store=store, progress=progress)
            t_run = time.perf_counter() - t0
            usage = clock.lap()  # the pool's workers are still alive: their CPU and VmHWM
            hwm = process_tree_hwm()
        finally:
            if monitor is not None:
                monitor.stop()
            pool.shutdown()
        wall = time.perf_counter() - t0
        store_bytes = sum(f.stat().st_size for f in store.iterdir() if f.is_file())
    arrays = [*results.outcomes.values(), results.household_mean, results.events]
    results_bytes = sum(a.nbytes for a in arrays)
    return {
        "policies": list(results.policies),
        "replications": spec.replications,
        "runs": runs,
        "workers": params["workers"],
        "households": experiment_community(scenario, spec.seed).n_households,
        "months": 12 * scenario.horizon_years,
        "wall_seconds": wall,
        "run_experiment_seconds": t_run,
        "compute_seconds": float(results.metadata["compute_seconds"]),
        "usage": usage,
        "mean_income_total": dict(
            zip(results.policies, results.mean("mean_income_total").tolist(), strict=True)
        ),
        "memory": {
            "psutil_peak_rss_sum_mb": monitor.peak / MB if monitor is not None else None,
            "psutil_samples": monitor.samples if monitor is not None else 0,
            "interval_s": params["memory_interval"],
            "vmhwm": hwm,
            "results_bytes_per_run": results_bytes / runs,
        },
        "store_bytes_per_run": store_bytes / runs,
    }


def run_scale_child(s: Settings) -> dict[str, Any]:
    """:func:`scale_child` in a fresh interpreter; its progress lines pass through on stderr."""
    params = {
        "replications": s.scale.replications,
        "seed": s.seed,
        "workers": s.workers,
        "horizon_years": s.horizon_years,
        "residents": s.residents,
        "agri": s.agricultural_residents,
        "memory_interval": s.scale.memory_interval,
        "progress_every": s.scale.progress_every,
    }
    cmd = [sys.executable, str(Path(__file__).resolve()), "--scale-child", json.dumps(params)]
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True)
    out: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return out | {"process_seconds": time.perf_counter() - start}


def time_naive(scenario: Any, s: Settings) -> dict[str, Any]:
    """Household-months per second of ``naive_engine.py`` on a 1/10 community, one core."""
    from naive_engine import simulate_naive

    from collective_econ.economy.community import synthesize

    params = scenario.community
    small = dataclasses.replace(
        params,
        residents=round(params.residents * s.scale.naive_fraction),
        agricultural_residents=round(params.agricultural_residents * s.scale.naive_fraction),
    )
    community = synthesize(small, np.random.default_rng(s.seed), scenario.livelihood)
    shares = scenario.policy(s.scale.naive_policy).params("land_shares")
    months = 12 * scenario.horizon_years

    def run() -> Any:
        return simulate_naive(
            community,
            livelihood=scenario.livelihood,
            shares=shares,
            horizon_months=months,
            seed=s.seed,
        )

    clock, best, best_cpu = Clock(), math.inf, math.inf
    for _ in range(s.scale.naive_repeats):
        c0 = time.process_time()
        best = min(best, timed(run)[1])
        best_cpu = min(best_cpu, time.process_time() - c0)
    usage = clock.lap()
    return {
        "policy": s.scale.naive_policy,
        "fraction": s.scale.naive_fraction,
        "households": community.n_households,
        "months": months,
        "seconds": best,
        "household_months_per_s": community.n_households * months / best,
        "cpu_seconds": best_cpu,
        "household_months_per_cpu_s": community.n_households * months / best_cpu,
        "usage": usage,
    }


def measure_scale(scenario: Any, s: Settings) -> dict[str, Any]:
    """The scale experiment (fresh process) and the naive baseline, with extrapolations."""
    naive = time_naive(scenario, s)
    child = run_scale_child(s)
    reps, target_reps = child["replications"], s.scale.target_replications
    factor = target_reps / reps
    policies = len(child["policies"])
    target_runs = policies * target_reps
    hm_per_run = child["households"] * child["months"]
    naive_run = hm_per_run / naive["household_months_per_s"]  # seconds, one core
    naive_target = target_runs * naive_run / s.workers  # perfect scaling on the same cores
    wall_target = child["wall_seconds"] * factor
    cpu_run = child["usage"]["cpu_seconds"] / child["runs"]  # main process and workers
    naive_cpu_run = hm_per_run / naive["household_months_per_cpu_s"]
    mem = child["memory"]
    peaks = [mem["psutil_peak_rss_sum_mb"], (mem["vmhwm"] or {}).get("vmhwm_sum_mb")]
    peak = max((p for p in peaks if p is not None), default=None)  # None: neither is available
    growth = max(mem["results_bytes_per_run"] * (target_runs - child["runs"]) / MB, 0.0)
    return {
        "naive": naive,
        "experiment": child,
        "target_replications": target_reps,
        "target_runs": target_runs,
        "extrapolated": reps < target_reps,
        "wall_seconds_measured": child["wall_seconds"],
        "wall_seconds_target": wall_target,
        "seconds_per_run_effective": child["wall_seconds"] * s.workers / child["runs"],
        "compute_seconds_per_run": child["compute_seconds"] / child["runs"],
        "parallelism": child["compute_seconds"] / child["run_experiment_seconds"],
        "naive_seconds_per_run_one_core": naive_run,
        "naive_seconds_target_on_workers": naive_target,
        "naive_seconds_measured_work_on_workers": child["runs"] * naive_run / s.workers,
        "speedup_vs_naive": naive_target / wall_target,
        "cpu_seconds_per_run": cpu_run,
        "idle_projection_seconds_target": target_runs * cpu_run / s.workers,
        "naive_cpu_seconds_per_run": naive_cpu_run,
        "speedup_vs_naive_cpu": naive_cpu_run / cpu_run,
        "peak_memory_mb_measured": peak,
        "peak_memory_mb_target": peak + growth if peak is not None else None,
    }


def print_scale(r: dict[str, Any], workers: int) -> None:
    e, n, m = r["experiment"], r["naive"], r["experiment"]["memory"]
    print(
        f"\nscale: {len(e['policies'])} policies x {e['replications']:,} replications ="
        f" {e['runs']:,} runs, {e['households']:,} households x {e['months']} months,"
        f" process_pool({workers}), streamed to a store"
    )
    print(
        f"   wall {r['wall_seconds_measured']:.1f} s measured"
        f" (run_experiment {e['run_experiment_seconds']:.1f} s);"
        f" extrapolated to {r['target_replications']:,} replications"
        f" ({r['target_runs']:,} runs): {r['wall_seconds_target']:.0f} s"
        f" = {r['wall_seconds_target'] / 60:.1f} min"
    )
    print(
        f"   per run: {r['seconds_per_run_effective']:.3f} s of a core on the pool"
        f" (wall x workers / runs), {r['compute_seconds_per_run']:.3f} s inside run_task;"
        f" workers busy {r['parallelism']:.2f} of {workers};"
        f" cores used (CPU / wall) {e['usage']['cores']:.2f}"
    )
    hwm = m["vmhwm"]["vmhwm_sum_mb"] if m["vmhwm"] else None
    print(
        f"   peak memory, main + workers: sampled summed RSS"
        f" {m['psutil_peak_rss_sum_mb'] or float('nan'):.0f} MB ({m['psutil_samples']} samples),"
        f" sum of VmHWM {hwm or float('nan'):.0f} MB;"
        f" extrapolated {r['peak_memory_mb_target'] or float('nan'):.0f} MB"
        f" (+{m['results_bytes_per_run'] / 1024:.1f} KB of results per run)"
    )
    print(
        f"   store on disk: {e['store_bytes_per_run'] / 1024:.1f} KB per run"
        f" ({e['store_bytes_per_run'] * r['target_runs'] / MB:.0f} MB"
        f" at {r['target_runs']:,} runs)"
    )
    print(
        f"   naive engine ({n['policy']!r}, one SimPy process per household),"
        f" {n['households']:,} households: {n['seconds']:.2f} s,"
        f" {n['household_months_per_s'] / 1e6:.3f} M household-months/s on one core"
        f" (cores used {n['usage']['cores']:.2f})"
    )
    print(
        f"   naive, same work ({r['target_runs']:,} full runs) on {workers} cores:"
        f" {r['naive_seconds_target_on_workers'] / 3600:.1f} h;"
        f" ratio naive / experiment: {r['speedup_vs_naive']:.1f}x"
    )
    print(
        f"   from CPU time (what idle cores would give): {r['cpu_seconds_per_run']:.3f} s per"
        f" run, {r['target_runs']:,} runs on {workers} cores"
        f" {r['idle_projection_seconds_target'] / 60:.1f} min; naive"
        f" {r['naive_cpu_seconds_per_run']:.1f} s per run: ratio {r['speedup_vs_naive_cpu']:.1f}x"
    )


# -- sobol -----------------------------------------------------------------------------------
def measure_sobol(scenario: Any, s: Settings) -> dict[str, Any]:
    """Sobol indices of the full package on process_pool(workers), timed whole."""
    from collective_econ.cases.caopijie import SIMULATION_UNCERTAINTIES
    from collective_econ.runs.executors import process_pool
    from collective_econ.sensitivity import simulation_model, sobol

    c = s.sobol
    clock = Clock()
    monitor = None
    with process_pool(s.workers) as pool, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        pool.submit(os.getpid).result()  # forks the workers before the sampler thread starts
        with contextlib.suppress(ImportError):
            monitor = MemoryMonitor(1.0)
            monitor.start()
        model, inputs = simulation_model(
            scenario, c.policy, c.outcome, SIMULATION_UNCERTAINTIES, seed=s.seed, executor=pool
        )
        try:
            result = sobol(model, inputs, n=c.n, seed=c.seed, bootstrap=c.bootstrap)
        finally:
            if monitor is not None:
                monitor.stop()
    usage = clock.lap()
    wall = usage["wall_seconds"]
    k = len(inputs)
    per_run, cpu_run = wall / result.n_runs, usage["cpu_seconds"] / result.n_runs
    return {
        "policy": c.policy,
        "outcome": c.outcome,
        "inputs": list(result.names),
        "k": k,
        "n": c.n,
        "runs": result.n_runs,
        "wall_seconds_measured": wall,
        "usage": usage,
        "seconds_per_run": per_run,
        "target_n": c.target_n,
        "target_runs": c.target_n * (k + 2),
        "extrapolated": c.n < c.target_n,
        "wall_seconds_target": per_run * c.target_n * (k + 2),
        "cpu_seconds_per_run": cpu_run,
        "idle_projection_seconds_target": cpu_run * c.target_n * (k + 2) / s.workers,
        "issue_design_runs": 2 * c.target_n * (k + 1),
        "wall_seconds_issue_design": per_run * 2 * c.target_n * (k + 1),
        "indices": result.table(),
        "peak_memory_mb": monitor.peak / MB if monitor is not None else None,
        "warnings": [str(w.message) for w in caught],
    }


def print_sobol(r: dict[str, Any], workers: int) -> None:
    print(
        f"\nsobol: {r['k']} inputs, N = {r['n']}: {r['runs']:,} runs of {r['policy']!r}"
        f" (N (k + 2), the library's Saltelli design), process_pool({workers})"
    )
    print(
        f"   wall {r['wall_seconds_measured']:.1f} s measured,"
        f" {r['seconds_per_run']:.3f} s per run (cores used {r['usage']['cores']:.2f});"
        f" extrapolated to N = {r['target_n']} ({r['target_runs']:,} runs):"
        f" {r['wall_seconds_target']:.0f} s = {r['wall_seconds_target'] / 60:.1f} min"
    )
    print(
        f"   the issue's 2N (k + 1) = {r['issue_design_runs']:,} runs would take"
        f" {r['wall_seconds_issue_design'] / 60:.1f} min at the same rate (the target)"
    )
    if r.get("peak_memory_mb") is not None:
        print(f"   peak memory of the process tree (summed RSS): {r['peak_memory_mb']:.0f} MB")
    print(
        f"   from CPU time (what idle cores would give): {r['cpu_seconds_per_run']:.3f} s per"
        f" run, {r['target_runs']:,} runs on {workers} cores"
        f" {r['idle_projection_seconds_target'] / 60:.1f} min"
    )
    for row in r["indices"]:
        print(f"   {row['input']:<28s} S1 {row['S1']:7.3f}   ST {row['ST']:7.3f}")


# -- parallel --------------------------------------------------------------------------------
def measure_parallel(scenario: Any, s: Settings) -> dict[str, Any]:
    """The same experiment serially, on process_pool(1) and process_pool(workers)."""
    from collective_econ.runs.executors import process_pool
    from collective_econ.runs.experiment import run_experiment
    from collective_econ.runs.spec import ExperimentSpec

    spec = ExperimentSpec(replications=s.parallel.replications, seed=s.seed)
    kinds = ("serial", "pool1", "pool", "pool_warm")
    usage: dict[str, list[dict[str, float]]] = {k: [] for k in kinds}
    compute: dict[str, list[float]] = {k: [] for k in kinds}
    identical = []

    def on_pool(workers: int, warm: bool) -> list[tuple[Any, dict[str, float]]]:
        """Cold: pool start-up, the experiment and shut-down; warm: once more on the pool."""
        clock = Clock()
        pool = process_pool(workers)
        try:
            out = [(run_experiment(scenario, spec, executor=pool), clock.lap())]
            if warm:
                out.append((run_experiment(scenario, spec, executor=pool), clock.lap()))
        finally:
            pool.shutdown()
        cold = out[0][1]
        cold["wall_seconds"] += clock.lap()["wall_seconds"]  # shut-down counts in the cold time
        cold["cores"] = cold["cpu_seconds"] / cold["wall_seconds"]
        return out

    for _ in range(s.parallel.repeats):  # interleaved: a load burst does not hit one kind only
        clock = Clock()
        serial = run_experiment(scenario, spec)
        done = [(serial, clock.lap()), *on_pool(1, warm=False), *on_pool(s.workers, warm=True)]
        for kind, (res, use) in zip(kinds, done, strict=True):
            usage[kind].append(use)
            compute[kind].append(float(res.metadata["compute_seconds"]))
        identical.append(all(res.identical(serial) for res, _ in done[1:]))
    best = {k: min(u["wall_seconds"] for u in v) for k, v in usage.items()}
    fastest = {k: min(v, key=lambda u: u["wall_seconds"]) for k, v in usage.items()}
    cores = {k: u["cores"] for k, u in fastest.items()}
    # what idle cores would give: the CPU the runs took, spread evenly over the workers
    idle = fastest["serial"]["cpu_seconds"] / (fastest["pool"]["cpu_seconds"] / s.workers)
    runs = len(scenario.policy_names) * spec.replications
    return {
        "replications": spec.replications,
        "runs": runs,
        "workers": s.workers,
        "repeats": s.parallel.repeats,
        "seconds": best,
        "cores": cores,
        "usage": usage,
        "compute_seconds_per_run": {k: min(v) / runs for k, v in compute.items()},
        "speedup": best["serial"] / best["pool"],
        "speedup_warm": best["serial"] / best["pool_warm"],
        "speedup_idle_projection": idle,
        "speedup_pool1_to_pool": best["pool1"] / best["pool"],
        "pool1_overhead": best["pool1"] / best["serial"],
        "efficiency": best["serial"] / best["pool"] / s.workers,
        "identical_to_serial": all(identical),
    }


def print_parallel(r: dict[str, Any]) -> None:
    w, sec, cps = r["workers"], r["seconds"], r["compute_seconds_per_run"]
    print(
        f"\nparallel: 5 policies x {r['replications']} replications = {r['runs']} runs,"
        f" best of {r['repeats']} (pool start-up and shut-down included unless 'warm')"
    )
    print(
        f"   serial {sec['serial']:.2f} s | process_pool(1) {sec['pool1']:.2f} s"
        f" | process_pool({w}) {sec['pool']:.2f} s"
        f" | warm process_pool({w}) {sec['pool_warm']:.2f} s"
    )
    print(
        f"   speed-up serial / pool({w}): {r['speedup']:.2f}x (efficiency {r['efficiency']:.0%});"
        f" warm {r['speedup_warm']:.2f}x; pool(1) / pool({w}) {r['speedup_pool1_to_pool']:.2f}x;"
        f" pool(1) / serial {r['pool1_overhead']:.2f}"
    )
    print(
        f"   seconds per run inside run_task: serial {cps['serial']:.3f},"
        f" pool(1) {cps['pool1']:.3f}, pool({w}) {cps['pool']:.3f}"
        f" (two workers at once slow each run by {cps['pool'] / cps['serial'] - 1:+.0%})"
    )
    c = r["cores"]
    print(
        f"   cores used (CPU / wall): serial {c['serial']:.2f}, pool(1) {c['pool1']:.2f},"
        f" pool({w}) {c['pool']:.2f}, warm {c['pool_warm']:.2f}; from CPU time, idle cores"
        f" would give {r['speedup_idle_projection']:.2f}x"
    )
    print(f"   results bit-identical to serial: {r['identical_to_serial']}")


# -- onepass: the policies of a replication together, against one policy at a time ---------
def measure_onepass(scenario: Any, s: Settings) -> dict[str, Any]:
    """CPU time of the five policies run replication by replication vs policy by policy.

    Both serial in this process (CPU time, so that other load on the machine does not
    decide the ratio), interleaved rounds, best of each. "Together": one experiment whose
    tasks hold the policies of a replication one after another, sharing what depends on
    the population history alone (the history, the casual-work chain, pensions and
    remittances: :func:`collective_econ.economy.census.memo`). "One at a time": one
    experiment per policy, each replication's history drawn anew. Each policy's results
    must be bit-identical both ways (common random numbers: a run's seed is its
    replication's).
    """
    from collective_econ.runs.experiment import run_experiment
    from collective_econ.runs.spec import ExperimentSpec

    c, names = s.onepass, scenario.policy_names
    spec = ExperimentSpec(replications=c.replications, seed=s.seed)
    cpu: dict[str, list[float]] = {"together": [], "one_at_a_time": []}
    identical = True
    for _ in range(c.repeats):
        t0 = time.process_time()
        together = run_experiment(scenario, spec)
        cpu["together"].append(time.process_time() - t0)
        t0 = time.process_time()
        alone = [
            run_experiment(scenario, dataclasses.replace(spec, policies=(name,))) for name in names
        ]
        cpu["one_at_a_time"].append(time.process_time() - t0)
        for i, one in enumerate(alone):
            pairs = [(a[i : i + 1], one.outcomes[k]) for k, a in together.outcomes.items()]
            pairs.append((together.household_mean[i : i + 1], one.household_mean))
            identical &= all(a.shape == b.shape and a.tobytes() == b.tobytes() for a, b in pairs)
    best = {k: min(v) for k, v in cpu.items()}
    runs = len(names) * c.replications
    return {
        "replications": c.replications,
        "runs": runs,
        "repeats": c.repeats,
        "cpu_seconds": best,
        "cpu_seconds_per_run": {k: v / runs for k, v in best.items()},
        "speedup": best["one_at_a_time"] / best["together"],
        "identical": bool(identical),
    }


def print_onepass(r: dict[str, Any]) -> None:
    sec, per = r["cpu_seconds"], r["cpu_seconds_per_run"]
    print(
        f"\nonepass: 5 policies x {r['replications']} replications = {r['runs']} runs, serial,"
        f" CPU time, best of {r['repeats']}"
    )
    print(
        f"   policies of a replication together {sec['together']:.2f} s"
        f" ({per['together']:.3f} s a run); one policy at a time {sec['one_at_a_time']:.2f} s"
        f" ({per['one_at_a_time']:.3f} s a run): {r['speedup']:.2f}x"
    )
    print(f"   each policy's results bit-identical both ways: {r['identical']}")


# -- dask: a local cluster of single-threaded workers against a process pool ----------------
def measure_dask(scenario: Any, s: Settings) -> dict[str, Any]:
    """The same experiment on a 2-process pool and on a local Dask cluster of 2 workers.

    Both warm (the pool's workers forked and the cluster's workers started and sent one
    task before the clock starts), interleaved rounds, best wall time of each; the
    results must be bit-identical.
    """
    distributed = importlib.import_module("distributed")  # the dask extra
    from collective_econ.runs.executors import DaskExecutor, process_pool
    from collective_econ.runs.experiment import run_experiment
    from collective_econ.runs.spec import ExperimentSpec

    c = s.dask
    spec = ExperimentSpec(replications=c.replications, seed=s.seed)
    wall: dict[str, list[float]] = {"pool": [], "dask": []}
    results: dict[str, Any] = {}
    gc.collect()
    cluster = distributed.LocalCluster(
        n_workers=s.workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = distributed.Client(cluster)
    pool = process_pool(s.workers)
    try:
        dask = DaskExecutor(client)
        warm = dataclasses.replace(spec, replications=1)
        for ex in (pool, dask):  # warm: workers up, the package imported and run in each
            run_experiment(scenario, warm, executor=ex)
        for _ in range(c.repeats):
            for kind, ex in (("pool", pool), ("dask", dask)):
                t0 = time.perf_counter()
                results[kind] = run_experiment(scenario, spec, executor=ex)
                wall[kind].append(time.perf_counter() - t0)
    finally:
        pool.shutdown()
        client.close()
        cluster.close()
    best = {k: min(v) for k, v in wall.items()}
    return {
        "replications": c.replications,
        "runs": len(scenario.policy_names) * c.replications,
        "workers": s.workers,
        "repeats": c.repeats,
        "wall_seconds": best,
        "ratio": best["dask"] / best["pool"],
        "identical": bool(results["dask"].identical(results["pool"])),
    }


def print_dask(r: dict[str, Any]) -> None:
    sec, w = r["wall_seconds"], r["workers"]
    print(
        f"\ndask: 5 policies x {r['replications']} replications = {r['runs']} runs, warm,"
        f" best of {r['repeats']}"
    )
    print(
        f"   process_pool({w}) {sec['pool']:.2f} s; local Dask cluster of {w} single-threaded"
        f" workers {sec['dask']:.2f} s: {r['ratio']:.3f}x; results bit-identical:"
        f" {r['identical']}"
    )


# -- crn -------------------------------------------------------------------------------------
def measure_crn(scenario: Any, s: Settings) -> dict[str, Any]:
    """Variance of a paired difference: common random numbers vs independent seeds."""
    from scipy import stats

    from collective_econ.metrics import paired_difference
    from collective_econ.runs.executors import process_pool
    from collective_econ.runs.experiment import run_experiment
    from collective_econ.runs.spec import ExperimentSpec

    c = s.crn
    reps, (a, b) = c.replications, (c.policy_a, c.policy_b)
    clock = Clock()
    with process_pool(s.workers) as pool:
        both = run_experiment(
            scenario,
            ExperimentSpec(policies=(a, b), replications=reps, seed=s.seed),
            executor=pool,
        )
        only_a, only_b = (  # each policy alone, with its own seed
            run_experiment(
                scenario,
                ExperimentSpec(policies=(p,), replications=reps, seed=seed),
                executor=pool,
            )
            for p, seed in ((a, c.seed_a), (b, c.seed_b))
        )
    usage = clock.lap()
    xa, xb = both.sel(c.outcome, policy=a)[0], both.sel(c.outcome, policy=b)[0]
    ya, yb = only_a.sel(c.outcome, policy=a)[0], only_b.sel(c.outcome, policy=b)[0]
    var_crn, var_ind = float(np.var(xa - xb, ddof=1)), float(np.var(ya - yb, ddof=1))
    var_sum = float(np.var(ya, ddof=1) + np.var(yb, ddof=1))
    var_marg = float(np.var(xa, ddof=1) + np.var(xb, ddof=1))
    level, df = c.confidence, reps - 1

    def ratio(num: float) -> float | None:
        return num / var_crn if var_crn > 0 else None

    literal = ratio(var_ind)
    interval = None
    if literal is not None:  # F interval: the two variances come from independent runs
        hi_q, lo_q = stats.f.ppf([(1 + level) / 2, (1 - level) / 2], df, df)
        interval = [literal / float(hi_q), literal / float(lo_q)]
    d_crn = both.difference(c.outcome, a, b, confidence=level)
    d_ind = paired_difference(ya, yb, confidence=level)
    return {
        "policy_a": a,
        "policy_b": b,
        "outcome": c.outcome,
        "replications": reps,
        "seeds": {"crn": s.seed, "independent_a": c.seed_a, "independent_b": c.seed_b},
        "wall_seconds": usage["wall_seconds"],
        "usage": usage,
        "variance_crn": var_crn,
        "variance_independent": var_ind,
        "variance_ratio": literal,
        "variance_ratio_interval": interval,
        "variance_ratio_sum_of_variances": ratio(var_sum),
        "variance_ratio_same_runs_marginals": ratio(var_marg),
        "correlation_crn": float(np.corrcoef(xa, xb)[0, 1]),
        "mean_difference_crn": [float(d_crn.mean), float(d_crn.low), float(d_crn.high)],
        "mean_difference_independent": [float(d_ind.mean), float(d_ind.low), float(d_ind.high)],
    }


def print_crn(r: dict[str, Any]) -> None:
    fmt = lambda v: f"{v:.1f}x" if v is not None else "n/a"  # noqa: E731
    lo_hi = r["variance_ratio_interval"]
    print(
        f"\ncrn: {r['outcome']} of {r['policy_a']!r} minus {r['policy_b']!r},"
        f" {r['replications']} replications each way ({r['wall_seconds']:.0f} s,"
        f" cores used {r['usage']['cores']:.2f})"
    )
    print(
        f"   variance of the difference: CRN {r['variance_crn']:.4g},"
        f" independent seeds {r['variance_independent']:.4g} (yuan/person/yr)^2"
    )
    interval = f" ({lo_hi[0]:.1f}-{lo_hi[1]:.1f}, F interval)" if lo_hi else ""
    print(
        f"   ratio {fmt(r['variance_ratio'])}{interval}; var(a) + var(b) of the independent"
        f" runs / var CRN {fmt(r['variance_ratio_sum_of_variances'])}; same runs' marginals"
        f" {fmt(r['variance_ratio_same_runs_marginals'])}; corr(a, b) under CRN"
        f" {r['correlation_crn']:.3f}"
    )
    for key, label in (("mean_difference_crn", "CRN"), ("mean_difference_independent", "indep")):
        m, lo, hi = r[key]
        print(f"   mean difference, {label:<5s}: {m:9.1f}  ({lo:.1f} to {hi:.1f})")


# -- main ------------------------------------------------------------------------------------
def run_section(name: str, func: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """``func()`` with its wall time and load average; an exception is recorded, not raised."""
    load = load_average()
    start = time.perf_counter()
    try:
        out = func()
    except Exception as exc:  # report it, and let the other sections run
        traceback.print_exc()
        print(f"\n{name}: ERROR {exc!r}")
        out = {"error": repr(exc), "traceback": traceback.format_exc()}
    return out | {"section_seconds": time.perf_counter() - start, "load_average_before": load}


def judge(results: dict[str, Any], settings: Settings) -> dict[str, dict[str, Any]]:
    """PASS/MISS of every target whose section ran."""

    def basis(extrapolated: bool, size: str, target_size: str) -> str:
        return f"extrapolated from {size} to {target_size}" if extrapolated else "measured"

    out: dict[str, dict[str, Any]] = {}
    sc = results.get("scale")
    if sc is not None:
        ok = "error" not in sc
        reps = settings.scale.replications
        b = basis(ok and sc["extrapolated"], f"{reps} replications", "1,000")
        out["scale_wall"] = target("scale_wall", sc.get("wall_seconds_target"), b)
        out["scale_memory"] = target("scale_memory", sc.get("peak_memory_mb_target"), b)
        out["scale_vs_naive"] = target("scale_vs_naive", sc.get("speedup_vs_naive"), b)
    so = results.get("sobol")
    if so is not None:
        ok = "error" not in so
        b = basis(ok and so["extrapolated"], f"N = {settings.sobol.n}", "2N (k + 1) at N = 512")
        out["sobol_wall"] = target("sobol_wall", so.get("wall_seconds_issue_design"), b)
    pa = results.get("parallel")
    if pa is not None:
        out["parallel_speedup"] = target("parallel_speedup", pa.get("speedup"), "measured")
    op = results.get("onepass")
    if op is not None:
        out["onepass_speedup"] = target("onepass_speedup", op.get("speedup"), "measured")
    da = results.get("dask")
    if da is not None:
        out["dask_overhead"] = target("dask_overhead", da.get("ratio"), "measured")
    cr = results.get("crn")
    if cr is not None:
        ratio = cr.get("variance_ratio")
        out["crn_variance_ratio"] = target("crn_variance_ratio", ratio, "measured")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "benchmarks/results/bench_experiment.json"
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes (smoke test)")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("--replications", type=int, help="scale: replications (default 1,000)")
    parser.add_argument("--sobol-n", type=int, help="sobol: N, a power of two (default 512)")
    parser.add_argument("--scale-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.scale_child is not None:
        print(json.dumps(scale_child(json.loads(args.scale_child))))
        return 0
    settings = QUICK if args.quick else FULL
    if args.replications is not None:
        if args.replications < 1:
            parser.error(f"--replications must be >= 1, got {args.replications}")
        scale = dataclasses.replace(settings.scale, replications=args.replications)
        settings = dataclasses.replace(settings, scale=scale)
    if args.sobol_n is not None:
        if args.sobol_n < 2 or args.sobol_n & (args.sobol_n - 1):
            parser.error(f"--sobol-n must be a power of two >= 2, got {args.sobol_n}")
        settings = dataclasses.replace(
            settings, sobol=dataclasses.replace(settings.sobol, n=args.sobol_n)
        )

    info = versions()
    load_before = load_average()
    scenario = settings_scenario(settings)
    community = experiment_community(scenario, settings.seed)
    print(
        f"collective_econ {info['collective_econ']}, python {info['python']},"
        f" numpy {info['numpy']}, simpy {info['simpy']}, {info['cpu_count']} CPUs,"
        f" load average {load_before}"
    )
    print(
        f"settings {settings.name!r}: {community.n_households:,} households,"
        f" {12 * scenario.horizon_years} months, {settings.workers} workers, seed {settings.seed},"
        f" sections {args.only}"
        + ("  [--quick: figures not comparable with the targets]" if args.quick else "")
    )

    results: dict[str, Any] = dict.fromkeys(SECTIONS)
    w = settings.workers
    steps: dict[str, tuple[Callable[[], dict[str, Any]], Callable[[dict[str, Any]], None]]] = {
        "cost": (lambda: measure_cost(scenario, community, settings), print_cost),
        "scale": (lambda: measure_scale(scenario, settings), lambda r: print_scale(r, w)),
        "sobol": (lambda: measure_sobol(scenario, settings), lambda r: print_sobol(r, w)),
        "parallel": (lambda: measure_parallel(scenario, settings), print_parallel),
        "crn": (lambda: measure_crn(scenario, settings), print_crn),
        "onepass": (lambda: measure_onepass(scenario, settings), print_onepass),
        "dask": (lambda: measure_dask(scenario, settings), print_dask),
    }
    for name in SECTIONS:
        if name in args.only:
            measure, show = steps[name]
            results[name] = run_section(name, measure)
            if "error" not in results[name]:
                show(results[name])
            sys.stdout.flush()

    targets = judge(results, settings)
    print()
    for name, t in targets.items():
        shown = f"{t['value']:.4g} {t['unit']}" if t["value"] is not None else "n/a"
        print(f"{'PASS' if t['pass'] else 'MISS'}  {name} {t['target']}: {shown} ({t['basis']})")

    out = args.out.resolve()
    shown_out = str(out.relative_to(ROOT)) if out.is_relative_to(ROOT) else str(out)
    record = {
        "benchmark": "experiment: ensembles, Sobol, parallel runs, CRN, one pass, Dask (4, 15)",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        **info,
        "load_average": {"before": load_before, "after": load_average()},
        "inputs": {
            "out": shown_out,
            "quick": args.quick,
            "only": args.only,
            "replications": args.replications,
            "sobol_n": args.sobol_n,
        },
        "settings": dataclasses.asdict(settings),
        "targets_spec": {k: dataclasses.asdict(v) for k, v in TARGETS.items()},
        "community": {
            "households": community.n_households,
            "persons": community.n_persons,
            "landless_households": int(community.landless_target.sum()),
            "months": 12 * scenario.horizon_years,
        },
        **results,
        "targets": targets,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(record, indent=2, default=float) + "\n", encoding="utf-8")
    print(f"wrote {shown_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
