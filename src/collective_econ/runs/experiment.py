"""Experiments: policies x uncertainty samples x replications, on any executor, streamed to disk.

An :class:`ExperimentSpec` names the policies, the uncertain inputs and the
sampling design. :func:`run_experiment` runs every (policy, sample,
replication) on a :class:`concurrent.futures.Executor` (serial when None,
:func:`process_pool`, a Dask ``Client(...).get_executor()``); each worker
reduces its runs (:func:`~collective_econ.runs.results.reduce_run`), and each
finished run is committed to the :mod:`~collective_econ.runs.store` as it arrives.

Random numbers: the root is ``SeedSequence(spec.seed)``. The design draws from
its child ``"design"``, the community from ``"community"`` (once, shipped with
every task), and run (policy p, sample s, replication r) from
``("sample", s, "replication", r)`` under *every* policy (common random
numbers). Nothing depends on which worker runs what or when, so the same seed
gives bit-identical results on any executor with any number of workers.

Examples
--------
Two policies, 3 Latin hypercube samples of the dividend rate, 2 replications,
on a small community:

>>> import dataclasses
>>> from collective_econ.economy.community import CommunityParams
>>> from collective_econ.distributions import Triangular
>>> from collective_econ.cases.caopijie import default_scenario
>>> from collective_econ.schemes.base import Uncertainty
>>> sc = dataclasses.replace(default_scenario(), horizon_years=2,
...     community=CommunityParams(residents=600, agricultural_residents=400))
>>> rate = Uncertainty("land_shares.dividend_rate", Triangular(low=0.04, mode=0.08, high=0.12))
>>> spec = ExperimentSpec(policies=("cash only", "80% shares"), uncertainties=(rate,),
...                       design="lhs", samples=3, replications=2, seed=7)
>>> res = run_experiment(sc, spec)
>>> res.sel("mean_income_total").shape, res.design.shape
((2, 3, 2), (3, 1))
"""

from __future__ import annotations

import dataclasses
import json
import math
import platform
import secrets
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor,
    Future,
    ProcessPoolExecutor,
    as_completed,
    wait,
)
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._version import __version__
from ..economy.community import Community, synthesize
from ..economy.livelihood import expected_income
from ..errors import MemoryBudgetError, ParameterTypeError
from ..params import _bad, check_type, whole_number
from ..policy import Policy
from ..resources import check, cpu_count
from ..scenario import Scenario
from ..seeding import as_seed_sequence, child, stream
from ..simulation import check_community, estimate_experiment, estimate_run, simulate
from .executors import _Inline, _workers
from .outcomes import check_record, reduce_run
from .results import ExperimentResults, RunId, load_results
from .spec import ExperimentDesign, ExperimentSpec, _apply, apply_demography, build_design
from .stopping import Stop, _interval
from .store import (
    STORE_FILE,
    ResultStore,
    canonical_json,
    content_hash,
    decode_record,
    encode_record,
    open_store,
)

__all__ = ["Task", "run_experiment", "run_task"]


@dataclass(frozen=True, eq=False)
class Task:
    """A batch of runs for one worker, with all it needs; picklable. ``runs`` lists them."""

    scenario: Scenario
    policies: tuple[Policy, ...]
    inputs: tuple[str, ...]
    integer: tuple[bool, ...]
    community: Community
    seed: int
    horizon_years: int
    runs: tuple[RunId, ...] = ()
    values: tuple[tuple[float, ...], ...] = ()
    panels: tuple[bool, ...] = ()
    common_seeds: bool = False
    outcomes: tuple[str, ...] = ()  # kept by each run (ExperimentSpec.outcomes); () all
    community_key: str = ""  # the experiment's: its tasks' communities are one; "" unknown


def run_task(task: Task) -> list[tuple[RunId, bytes, float]]:
    """Run a task's runs in a worker: (run, encoded record, seconds) for each.

    Each run is reduced to its record at once and freed (``simulate`` leaves
    no reference cycle holding a run's ledger, ~38 MB on the full
    community), so a worker's memory stays flat.
    """
    root, out = as_seed_sequence(task.seed), []
    rebased: tuple[object, Community] | None = None  # the last livelihood's community
    applied: tuple[bytes, Any] | None = None  # the last row's rules and policies
    community = _community(task)
    for run, row, keep in zip(task.runs, task.values, task.panels, strict=True):
        t0 = time.perf_counter()
        sc, c = task.scenario, community
        key = np.asarray(row, dtype=np.float64).tobytes()  # bits: -0.0 is not 0.0 here
        if applied is None or applied[0] != key:  # the policies of a sample run one by one
            applied = (key, _apply(sc.livelihood, task.policies, task.inputs, task.integer, row))
        lp, policies = applied[1]
        if lp is not sc.livelihood:  # the same households, with baselines under these rules
            sc = dataclasses.replace(sc, livelihood=lp)
            if rebased is not None and rebased[0] == lp:
                c = rebased[1]  # the same object: the policies of a sample share its plans
            else:
                base = expected_income(
                    lp, c.person_household, c.age, c.skill, c.agricultural, c.land_mu,
                    landless=False,
                )  # fmt: skip
                c = dataclasses.replace(c, baseline=base)
                rebased = (lp, c)
        dp = apply_demography(sc.demography, task.inputs, task.integer, row)
        if dp is not sc.demography:  # the same households, another population history
            sc = dataclasses.replace(sc, demography=dp)
        seed = (
            child(root, "replication", run.replication)
            if task.common_seeds
            else child(root, "sample", run.sample, "replication", run.replication)
        )
        result = simulate(
            sc, policies[run.policy], seed=seed, horizon_years=task.horizon_years, community=c
        )
        payload = encode_record(reduce_run(result, keep_panel=keep, outcomes=task.outcomes))
        del result
        out.append((run, payload, time.perf_counter() - t0))
    return out


def _community(task: Task) -> Community:
    """The task's community, as the object this process had for the experiment's earlier tasks.

    Each task carries its own copy of the community (unpickled anew in a worker), and a
    population history and the plans derived from it are kept for the same community
    object only. With the same object, the tasks of an experiment that share a history
    (common seeds: every sample of a sensitivity design on replication 0's history) draw
    it and work out its plans once per worker, not once per task; the copies are equal,
    so no result changes.
    """
    global _COMMUNITY
    if not task.community_key:
        return task.community
    with _COMMUNITY_LOCK:  # a worker's threads (Dask) share it
        if _COMMUNITY is None or _COMMUNITY[0] != task.community_key:
            _COMMUNITY = (task.community_key, task.community)
        return _COMMUNITY[1]


_COMMUNITY_LOCK = threading.Lock()
_COMMUNITY: tuple[str, Community] | None = None  # the last experiment's, in this process


def _check_resources(
    scenario: Scenario,
    spec: ExperimentSpec,
    design: ExperimentDesign,
    stop: Stop | None,
    executor: Executor | None,
) -> None:
    """Refuse an experiment whose estimated memory is above the limit, before anything runs."""
    reps = max(spec.replications, stop.max_replications if stop is not None else 0)
    runs = design.runs(reps)
    panels = runs if spec.panels == "all" else min(len(spec.panels), runs)
    workers = _workers(executor) if executor is not None else 1
    allowed = max(cpu_count(), 2)
    if isinstance(executor, ProcessPoolExecutor) and workers > allowed:
        rule = f"a pool of at most {allowed} workers (the cores; process_pool(n) caps n)"
        raise _bad("executor", rule, f"a pool of {workers:,} processes", "run_experiment")
    months = 12 * design.horizon_years
    limits = getattr(executor, "worker_memory_limits", None)
    if not callable(limits):
        check(estimate_experiment(scenario, months, runs, workers, panels))
        return
    # a Dask cluster: each worker holds one run at a time in its own memory; this process
    # holds the community, the results and the kept panels (as on a pool of no worker)
    one, worker_limits = estimate_run(scenario, months), limits()
    whole = estimate_experiment(scenario, months, runs, workers, panels)
    on_workers = max(1, min(workers, runs)) * one.bytes  # the runs in the workers' memory
    check(dataclasses.replace(whole, bytes=whole.bytes - on_workers))
    smallest = min((v for v in worker_limits.values() if v > 0), default=0.0)
    if smallest and one.bytes > smallest:
        where = min(worker_limits, key=lambda a: worker_limits[a] or float("inf"))
        raise MemoryBudgetError(
            one.bytes,
            smallest,
            f"{one.what}, on the Dask worker {where}",
            advice="give the workers more memory (dask worker --memory-limit), shorten the "
            "horizon or simulate fewer households",
            seconds=one.seconds,
        )


def run_experiment(
    scenario: Scenario,
    spec: ExperimentSpec,
    *,
    executor: Executor | None = None,
    store: str | Path | None = None,
    resume: bool = False,
    progress: Callable[[int], object] | None = None,
    stop: Stop | None = None,
    max_pending: int | None = None,
    runs_per_task: int | None = None,
) -> ExperimentResults:
    """Run every (policy, sample, replication) of ``spec``; gather the reduced results.

    Parameters
    ----------
    scenario : Scenario
    spec : ExperimentSpec
    executor : concurrent.futures.Executor, optional
        Serial in this process when None; :func:`process_pool` or any
        ``ProcessPoolExecutor``; a Dask ``Client(...).get_executor()``.
    store : str or Path, optional
        Output folder: each run is committed to ``results.sqlite`` there as
        it finishes, and ``metadata.json`` (timings, host) is written at the
        end. In memory when None.
    resume : bool
        Continue the experiment in ``store``: finished runs are skipped and
        corrupt ones rerun; a store of another scenario, spec or seed is
        refused (:class:`~collective_econ.runs.store.StoreMismatchError`).
    progress : callable, optional
        Called with the number of runs just finished (resumed ones first), like
        tqdm's ``update``.
    stop : StoppingRule or DecisionStoppingRule, optional
        Add replications until a paired difference (or the decision table's
        intervals) is narrow enough.
    max_pending, runs_per_task : int, optional
        Tasks in flight at once (default: twice the executor's workers) and
        runs per task (default: enough tasks to keep workers busy, at most two
        per policy, the policies of a replication together whenever that still
        leaves two tasks or more per one in flight: they share its population
        history). Memory does not grow with the number of runs.

    Returns
    -------
    ExperimentResults
    """
    started, t0 = time.time(), time.perf_counter()
    check_type(scenario, Scenario, "scenario", "a Scenario", owner="run_experiment")
    check_type(spec, ExperimentSpec, "spec", "an ExperimentSpec", owner="run_experiment")
    if stop is not None and not callable(getattr(stop, "named_policies", None)):
        raise ParameterTypeError("stop", "a StoppingRule or None", stop, owner="run_experiment")
    if progress is not None and not callable(progress):
        raise ParameterTypeError("progress", "a callable or None", progress, "run_experiment")
    if store is not None:
        check_type(store, str | Path, "store", "a folder (str or Path) or None", "run_experiment")
    for name, count in (("max_pending", max_pending), ("runs_per_task", runs_per_task)):
        if count is not None:
            whole_number(count, name, 1, owner="run_experiment")
    if executor is not None and not isinstance(executor, Executor):
        rule = "a concurrent.futures.Executor, or None to run serially"
        raise ParameterTypeError("executor", rule, executor, owner="run_experiment")
    design = build_design(scenario, spec)
    names, p, s = tuple(x.name for x in design.policies), len(design.policies), len(design.values)
    for field, name in stop.named_policies() if stop is not None else ():
        if name not in names:
            owner = type(stop).__name__
            raise _bad(field, f"one of the experiment's policies {list(names)}", name, owner)
    if spec.outcomes and stop is not None and getattr(stop, "outcome", None) not in spec.outcomes:
        rule = "all outcomes (empty) with this stopping rule, or a set holding its outcome"
        raise _bad("outcomes", rule, spec.outcomes, "ExperimentSpec")
    _check_resources(scenario, spec, design, stop, executor)  # before drawing or forking
    root = as_seed_sequence(spec.seed)
    community = synthesize(scenario.community, stream(root, "community"), scenario.livelihood)
    for policy in design.policies:  # before any work: schemes needing more households
        check_community(policy, community)
    landless = community.landless_target
    years = scenario.start_year + np.arange(design.horizon_years)
    start = np.minimum(
        np.maximum(community.expropriation_month[landless], 0) // 12, len(years) - 1
    )
    arrays = {
        "design": design.values,
        "baseline": community.baseline_per_capita[landless],
        # month-0 sizes: the persons at the taking, the weights of `baseline` (incomes before
        # it) and of what is allotted per person then; each year's per-person statistics
        # weight by the persons present that year, recorded with each run's panel
        "size": community.size[landless].astype(np.float64),
        "start": start.astype(np.float64),
    }
    meta = {
        "content_hash": content_hash(scenario, spec),
        "library_version": __version__,
        "spec": canonical_json(spec),
        "scenario": scenario.name,
        "policies": json.dumps(list(names)),
        "inputs": json.dumps(list(design.inputs)),
        "years": json.dumps(years.tolist()),
        "samples": str(s),
        "outcomes": json.dumps(list(spec.outcomes)),  # kept by each run; [] every one
    }
    keep = (lambda run: True) if spec.panels == "all" else frozenset(spec.panels).__contains__
    h = int(landless.sum())

    def check(key: int, payload: bytes) -> None:
        run = RunId(key % p, key // p % s, key // (p * s))
        check_record(decode_record(payload), len(years), h, keep(run), spec.outcomes)

    sink = open_store(store, meta=meta, arrays=arrays, resume=resume)
    ex = executor if executor is not None else _Inline()
    stats: dict[str, Any] = {"runs_computed": 0, "compute_seconds": 0.0, "stopping": None}
    try:
        done, removed = sink.scan(check)
        resumed = len(done)
        pending = max_pending or 2 * _workers(ex)
        base = Task(
            scenario,
            design.policies,
            design.inputs,
            design.integer,
            community,
            spec.seed,
            design.horizon_years,
            common_seeds=spec.common_seeds,
            outcomes=spec.outcomes,
            community_key=secrets.token_hex(16),  # this call's community, whoever runs it
        )
        lo, reps = 0, spec.replications
        while True:
            todo = [k for k in range(lo * p * s, reps * p * s) if k not in done]
            if progress is not None and (reps - lo) * p * s > len(todo):
                progress((reps - lo) * p * s - len(todo))
            chunk = runs_per_task or max(1, min(2 * p, math.ceil(len(todo) / (4 * pending))))
            if not runs_per_task and chunk < p <= len(todo) // (2 * pending):
                chunk = p  # whole replications, still two tasks or more per one in flight
            tasks = (
                _task(base, keys, design.values, keep, (p, s))
                for keys in _batches(todo, chunk, 1 if runs_per_task else p)
            )
            _execute(ex, tasks, sink, (p, s), pending, progress, stats)
            done.update(todo)
            if stop is None:
                break
            stats["stopping"] = state = _interval(sink, stop, names, (p, s), reps)
            if state["reached"] or reps >= stop.max_replications:
                break
            lo, reps = reps, min(reps + stop.batch, stop.max_replications)
        sink.set_meta({"status": "complete", "replications": str(reps)})
        metadata = {
            "library_version": __version__,
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "platform": platform.platform(),
            "host": socket.gethostname(),
            "executor": type(executor).__name__ if executor is not None else "serial",
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
            "wall_seconds": time.perf_counter() - t0,
            "runs": design.runs(reps),
            "runs_resumed": resumed,
            "runs_rerun_corrupt": removed,
            **stats,
        }
        results = load_results(sink, reps, metadata)
    except BaseException as err:
        if store is not None:
            kept = Path(store) / STORE_FILE
            err.add_note(f"finished runs are kept in {kept}: resume=True (--resume) finishes")
        raise
    finally:
        sink.close()
    if store is not None:
        results.write_metadata(store)
    return results


def _batches(todo: list[int], chunk: int, unit: int) -> Iterator[list[int]]:
    """``todo`` (ascending run keys) in batches of at most ``chunk``, whole units if it fits.

    A unit is the ``unit`` consecutive keys ``k // unit`` (the policies of one design
    point and replication, which share its population history and the plans derived
    from it): with ``chunk >= unit`` a batch holds whole units only, ``chunk // unit``
    of them, so that no worker draws a history for part of a unit that another draws
    too (a history is kept for later runs in the process that drew it only, see
    :func:`_community`). The batches never change any run's results.

    >>> [b for b in _batches(list(range(12)), 7, 3)]
    [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]]
    >>> [b for b in _batches([0, 1, 2, 4, 5], 2, 3)]
    [[0, 1], [2, 4], [5]]
    """
    if chunk < unit or unit == 1:
        yield from (todo[i : i + chunk] for i in range(0, len(todo), chunk))
        return
    batch: list[int] = []
    units, last = 0, -1
    for key in todo:
        if key // unit != last:
            last = key // unit
            if units == chunk // unit:
                yield batch
                batch, units = [], 0
            units += 1
        batch.append(key)
    if batch:
        yield batch


def _task(
    base: Task,
    keys: list[int],
    values: NDArray[np.float64],
    keep: Callable[[RunId], bool],
    shape: tuple[int, int],
) -> Task:
    p, s = shape
    runs = tuple(RunId(k % p, k // p % s, k // (p * s)) for k in keys)
    rows = tuple(tuple(float(v) for v in values[r.sample]) for r in runs)
    return dataclasses.replace(base, runs=runs, values=rows, panels=tuple(keep(r) for r in runs))


def _execute(
    executor: Executor,
    tasks: Iterator[Task],
    sink: ResultStore,
    shape: tuple[int, int],
    max_pending: int,
    progress: Callable[[int], object] | None,
    stats: dict[str, Any],
) -> None:
    """Submit tasks, at most ``max_pending`` in flight; commit each run as it arrives."""
    p, s = shape
    pending: dict[Future[list[tuple[RunId, bytes, float]]], None] = {}  # in submission order

    def commit(fut: Future[list[tuple[RunId, bytes, float]]]) -> None:
        del pending[fut]
        for run, payload, seconds in fut.result():
            sink.put((run.replication * s + run.sample) * p + run.policy, run, payload)
            stats["runs_computed"] += 1
            stats["compute_seconds"] += seconds
            if progress is not None:
                progress(1)

    try:
        for task in tasks:
            pending[executor.submit(run_task, task)] = None
            while pending and (next(iter(pending)).done() or len(pending) >= max_pending):
                wait(pending, return_when=FIRST_COMPLETED)
                for fut in [f for f in pending if f.done()]:  # oldest first
                    commit(fut)
        for fut in as_completed(list(pending)):
            commit(fut)
    except BaseException:
        for fut in pending:
            fut.cancel()
        raise
