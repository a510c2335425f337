"""Experiments: policies x uncertainty samples x replications, on any executor, streamed to disk.

An :class:`ExperimentSpec` names the policies, the uncertain inputs and the
sampling design. :func:`run_experiment` runs every (policy, sample,
replication) on a :class:`concurrent.futures.Executor` (serial when None,
:func:`process_pool`, a Dask ``Client(...).get_executor()``); each worker
reduces its runs (:func:`~collective_econ.results.reduce_run`), and each
finished run is committed to the :mod:`~collective_econ.store` as it arrives.

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
>>> from collective_econ.community import CommunityParams
>>> from collective_econ.distributions import Triangular
>>> from collective_econ.scenario import default_scenario
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

import contextlib
import dataclasses
import difflib
import importlib
import itertools
import json
import math
import os
import platform
import socket
import sys
import time
import typing
from collections.abc import Callable, Iterator, Sequence
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
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from . import __version__
from .community import Community, synthesize
from .distributions import correlate_uniforms, transform_uniform, validate_correlation
from .errors import ParameterError, ParameterTypeError
from .livelihood import LivelihoodParams, expected_income
from .metrics import paired_difference
from .policy import Policy
from .results import (
    OUTCOMES,
    ExperimentResults,
    RunId,
    check_record,
    load_results,
    outcome_info,
    reduce_run,
)
from .scenario import Scenario
from .schemes import SCHEMES
from .schemes.base import Uncertainty
from .seeding import as_seed_sequence, child, stream
from .simulation import check_community, simulate
from .store import (
    STORE_FILE,
    ResultStore,
    canonical_json,
    content_hash,
    decode_record,
    encode_record,
    open_store,
)

__all__ = [
    "DESIGNS",
    "OUTCOMES",
    "ExperimentDesign",
    "ExperimentSpec",
    "StoppingRule",
    "Task",
    "build_design",
    "limit_blas_threads",
    "process_pool",
    "run_experiment",
    "run_task",
]

DESIGNS = ("montecarlo", "lhs", "sobol", "factorial", "given")
"""Sampling designs of :class:`ExperimentSpec`."""
_TINY, _ALMOST_ONE = float(np.finfo(float).tiny), 1.0 - float(np.finfo(float).epsneg)
_BLAS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def _bad(field: str, rule: str, value: object, owner: str = "ExperimentSpec") -> ParameterError:
    return ParameterError(field, rule, value, owner=owner)


def _whole(value: object, field: str, low: int, owner: str = "ExperimentSpec") -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ParameterTypeError(field, f"a whole number >= {low}", value, owner=owner)
    if value < low:
        raise _bad(field, f"a whole number >= {low}", value, owner)
    return int(value)


def _hint(name: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


@dataclass(frozen=True)
class ExperimentSpec:
    """What to run: policies x samples of the uncertain inputs x replications.

    Parameters
    ----------
    policies : tuple of str
        Names of the scenario's policies; empty means all of them, in order.
    uncertainties : tuple of Uncertainty
        Inputs to sample. ``param`` is ``"<scheme>.<field>"`` (set in every
        policy that has the scheme) or ``"livelihood.<field>"`` (which also
        moves the households' baselines). Integer fields take the sampled value
        rounded to the nearest whole number (halves to even, as ``round``).
    design : {"montecarlo", "lhs", "sobol", "factorial", "given"}
        Independent uniforms, a Latin hypercube, a scrambled Sobol sequence
        (``samples`` a power of two), a full factorial, or the rows of
        ``values``; uniforms go through each distribution's ``ppf``.
    samples : int, optional
        Design points (default 1); set by the design for "factorial" and "given".
    levels : int or tuple of int
        "factorial": each uncertainty takes its distribution's quantiles at the
        probabilities ``(k + 0.5) / L``, k = 0 .. L - 1, crossed in full. For a
        lever with given values ``v``, use ``Empirical(values=v)`` with
        ``len(v)`` levels: each value comes once.
    values : tuple of tuple of float
        "given": one row per sample, one column per uncertainty, in the inputs'
        units (one-at-a-time sweeps, Morris or Saltelli designs).
    correlation : tuple of tuple of float, optional
        Spearman rank correlation among the uncertainties (a Gaussian copula,
        :func:`~collective_econ.distributions.correlate_uniforms`); a Latin
        hypercube then stays stratified in its first input only.
    replications : int
        Runs per policy and sample, >= 1.
    horizon_years : int, optional
        Years simulated (the scenario's by default).
    seed : int
        Root seed, >= 0.
    panels : tuple of RunId, or "all"
        Runs (policy index, sample, replication) whose (years, households)
        income panels are kept; "all" keeps every run's (for small experiments
        and :meth:`~collective_econ.results.ExperimentResults.to_comparison`).
    common_seeds : bool
        Every sample uses the replications' seeds (``("replication", r)``):
        common random numbers across samples too, so that outcomes move with
        the inputs alone (sensitivity analysis). By default each sample has
        its own seeds (``("sample", s, "replication", r)``), as an uncertainty
        analysis wants.
    """

    policies: tuple[str, ...] = ()
    uncertainties: tuple[Uncertainty, ...] = ()
    design: str = "montecarlo"
    samples: int | None = None
    levels: int | tuple[int, ...] = 3
    values: tuple[tuple[float, ...], ...] = ()
    correlation: tuple[tuple[float, ...], ...] | None = None
    replications: int = 1
    horizon_years: int | None = None
    seed: int = 2010
    panels: tuple[RunId, ...] | Literal["all"] = ()
    common_seeds: bool = False

    def __post_init__(self) -> None:
        def put(name: str, value: object) -> None:
            object.__setattr__(self, name, value)

        put("policies", tuple(self.policies))
        put("uncertainties", tuple(self.uncertainties))
        if not all(isinstance(p, str) for p in self.policies) or len(set(self.policies)) < len(
            self.policies
        ):
            raise _bad("policies", "distinct policy names", self.policies)
        for i, u in enumerate(self.uncertainties):
            if not isinstance(u, Uncertainty):
                raise ParameterTypeError(f"uncertainties[{i}]", "an Uncertainty", u)
        names, k = [u.param for u in self.uncertainties], len(self.uncertainties)
        if len(set(names)) < k:
            raise _bad("uncertainties", "distinct params", tuple(names))
        if self.design not in DESIGNS:
            raise _bad(
                "design", f"one of {list(DESIGNS)}{_hint(self.design, DESIGNS)}", self.design
            )
        if self.samples is not None:
            n = _whole(self.samples, "samples", 1)
            if self.design in ("factorial", "given"):
                raise _bad("samples", f"left unset with design={self.design!r}", n)
            if self.design == "sobol" and n & (n - 1):
                raise _bad(
                    "samples",
                    f"a power of two with design='sobol' (e.g. {1 << n.bit_length()})",
                    n,
                )
        levels = (self.levels,) * k if isinstance(self.levels, int) else tuple(self.levels)
        if self.design == "factorial" and len(levels) != k:
            raise _bad("levels", f"one count per uncertainty ({k})", self.levels)
        put("levels", tuple(_whole(v, "levels", 1) for v in levels))
        rows = tuple(tuple(float(v) for v in row) for row in self.values)
        if (self.design == "given") != bool(rows):
            raise _bad("values", "given with design='given', and only then", len(rows))
        if any(len(row) != k or not all(map(math.isfinite, row)) for row in rows):
            raise _bad("values", f"rows of {k} finite numbers (one per uncertainty)", self.values)
        put("values", rows)
        if self.correlation is not None:
            if self.design in ("factorial", "given") or k < 2:
                raise _bad(
                    "correlation", "unset unless >= 2 uncertainties are sampled", self.correlation
                )
            rho = validate_correlation(self.correlation, names=names)
            put("correlation", tuple(tuple(float(v) for v in r) for r in rho))
        _whole(self.replications, "replications", 1)
        if self.horizon_years is not None:
            _whole(self.horizon_years, "horizon_years", 1)
        _whole(self.seed, "seed", 0)
        if self.panels != "all":
            try:
                put(
                    "panels",
                    tuple(RunId(*(_whole(x, "panels", 0) for x in r)) for r in self.panels),
                )
            except TypeError:
                raise _bad(
                    "panels", "'all' or (policy, sample, replication) triples", self.panels
                ) from None

    @property
    def n_samples(self) -> int:
        """Design points."""
        if self.design == "factorial":
            return math.prod(typing.cast(tuple[int, ...], self.levels))
        return len(self.values) if self.design == "given" else int(self.samples or 1)


@dataclass(frozen=True, slots=True)
class StoppingRule:
    """Add replications until a paired difference between two policies is known well enough.

    After the spec's replications, and after each further ``batch`` of
    replications (every policy and sample), the t interval of the mean of the
    scalar ``outcome`` under ``policy_a`` minus ``policy_b``, over (sample,
    replication) pairs, is computed; the experiment stops when its half width
    is at most ``half_width`` (the outcome's unit), or at ``max_replications``.
    """

    outcome: str
    policy_a: str
    policy_b: str
    half_width: float
    confidence: float = 0.95
    batch: int = 10
    max_replications: int = 1000

    def __post_init__(self) -> None:
        own = "StoppingRule"
        try:
            info = outcome_info(self.outcome)
        except ParameterError as err:
            raise err.within(own) from None
        if info.per_year or info.labels:
            scalars = [n for n, o in OUTCOMES.items() if not o.per_year]
            raise _bad("outcome", f"a scalar outcome, one of {scalars}", self.outcome, own)
        if self.policy_a == self.policy_b:
            raise _bad("policy_b", "another policy than policy_a", self.policy_b, own)
        if not (isinstance(self.half_width, int | float) and 0 < self.half_width < math.inf):
            raise _bad("half_width", "a finite number > 0", self.half_width, own)
        if not 0 < self.confidence < 1:
            raise _bad("confidence", "within (0, 1)", self.confidence, own)
        _whole(self.batch, "batch", 1, own)
        _whole(self.max_replications, "max_replications", 2, own)


@dataclass(frozen=True, eq=False)
class ExperimentDesign:
    """A spec resolved against a scenario: policies, inputs, and each sample's input values.

    ``values`` has shape (samples, inputs); ``integer`` flags integer fields.
    """

    policies: tuple[Policy, ...]
    inputs: tuple[str, ...]
    integer: tuple[bool, ...]
    values: NDArray[np.float64]
    horizon_years: int

    def runs(self, replications: int) -> int:
        """Runs of the experiment with ``replications`` replications."""
        return len(self.policies) * int(self.values.shape[0]) * replications


def _field_type(path: str, field: str, policies: Sequence[Policy]) -> type:
    scheme, dot, name = path.partition(".")
    holders = [p.schemes[scheme].base for p in policies if scheme in p.schemes]
    if scheme != "livelihood" and not (dot and holders):
        options = sorted({s for p in policies for s in p.schemes} | {"livelihood"})
        hint = _hint(scheme, options) if dot else " (a dotted path)"
        if scheme in SCHEMES and dot:
            hint = f" (no policy of the experiment has {scheme!r})"
        raise _bad(field, f"'<scheme>.<field>' with <scheme> one of {options}{hint}", path)
    cls = LivelihoodParams if scheme == "livelihood" else type(holders[0])
    fields = [f.name for f in dataclasses.fields(cls)]
    if name not in fields:
        hint = _hint(path, [f"{scheme}.{f}" for f in fields])
        raise _bad(field, f"a field of {cls.__name__}{hint}", path)
    kind = typing.get_type_hints(cls)[name]
    if kind not in (int, float):
        raise _bad(field, f"a numeric field ({cls.__name__}.{name} is {kind})", path)
    return typing.cast(type, kind)


def _uniforms(spec: ExperimentSpec, k: int) -> NDArray[np.float64]:
    gen, n = stream(as_seed_sequence(spec.seed), "design"), spec.n_samples
    if spec.design == "montecarlo" or k == 0:
        return np.asarray(gen.random((n, k)))
    from scipy.stats import qmc

    kind = qmc.LatinHypercube if spec.design == "lhs" else qmc.Sobol
    try:
        engine = kind(d=k, rng=gen)
    except TypeError:  # scipy < 1.15 calls it seed
        engine = kind(d=k, seed=gen)
    u = engine.random(n) if spec.design == "lhs" else engine.random_base2(n.bit_length() - 1)
    return np.asarray(u, dtype=np.float64)


def build_design(scenario: Scenario, spec: ExperimentSpec) -> ExperimentDesign:
    """Resolve ``spec`` against ``scenario``: its policies, inputs and sampled values.

    Raises
    ------
    ParameterError
        An unknown policy; an input no policy has, or an unknown or
        non-numeric field (with a suggestion); sampled values that break a
        parameter's rule.
    """
    policies = tuple(scenario.policy(n) for n in spec.policies or scenario.policy_names)
    paths = tuple(u.param for u in spec.uncertainties)
    fields = [f"uncertainties[{i}].param" for i in range(len(paths))]
    integer = tuple(_field_type(p, f, policies) is int for p, f in zip(paths, fields, strict=True))
    dists = [u.distribution for u in spec.uncertainties]
    if spec.design == "factorial":
        levels = typing.cast(tuple[int, ...], spec.levels)
        axes = [
            np.asarray(d.ppf((np.arange(n) + 0.5) / n)).reshape(-1)
            for d, n in zip(dists, levels, strict=True)
        ]
        values = np.array(list(itertools.product(*axes)), dtype=float).reshape(-1, len(paths))
    elif spec.design == "given":
        values = np.array(spec.values, dtype=float).reshape(-1, len(paths))
    else:
        u = np.clip(_uniforms(spec, len(paths)), _TINY, _ALMOST_ONE)
        if spec.correlation is not None:
            u = correlate_uniforms(u, spec.correlation, names=paths)
        values = transform_uniform(dists, u) if dists else u
    values[:, list(integer)] = np.rint(values[:, list(integer)])
    for j, path in enumerate(paths):  # the extremes must pass the fields' rules
        for v in (values[:, j].min(), values[:, j].max()) if len(values) else ():
            try:
                _apply(scenario.livelihood, policies, (path,), (integer[j],), (float(v),))
            except ParameterError as err:
                raise _bad(
                    fields[j], f"sampled within the rule of {path} ({err.rule})", float(v)
                ) from None
    horizon = spec.horizon_years or scenario.horizon_years
    return ExperimentDesign(policies, paths, integer, values, horizon)


def _apply(
    livelihood: LivelihoodParams,
    policies: Sequence[Policy],
    paths: Sequence[str],
    integer: Sequence[bool],
    row: Sequence[float],
) -> tuple[LivelihoodParams, list[Policy]]:
    """The household rules and the policies with one sample's values set."""
    lp: dict[str, Any] = {}
    schemes: dict[str, Any] = {}
    for path, is_int, v in zip(paths, integer, row, strict=True):
        scheme, _, name = path.partition(".")
        value = round(v) if is_int else float(v)
        if scheme == "livelihood":
            lp[name] = value
        else:
            schemes[path] = value
    out = []
    for pol in policies:
        mine = {k: v for k, v in schemes.items() if k.partition(".")[0] in pol.schemes}
        out.append(pol.reform(pol.name, mine, description=pol.description) if mine else pol)
    return (livelihood.evolve(**lp) if lp else livelihood), out


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


def run_task(task: Task) -> list[tuple[RunId, bytes, float]]:
    """Run a task's runs in a worker: (run, encoded record, seconds) for each.

    Each run is reduced to its record at once and freed (``simulate`` leaves
    no reference cycle holding a run's ledger, ~38 MB on the full
    community), so a worker's memory stays flat.
    """
    root, out = as_seed_sequence(task.seed), []
    for run, row, keep in zip(task.runs, task.values, task.panels, strict=True):
        t0 = time.perf_counter()
        sc, c = task.scenario, task.community
        lp, policies = _apply(sc.livelihood, task.policies, task.inputs, task.integer, row)
        if lp is not sc.livelihood:  # the same households, with baselines under these rules
            sc = dataclasses.replace(sc, livelihood=lp)
            base = expected_income(
                lp, c.person_household, c.age, c.skill, c.agricultural, c.land_mu, landless=False
            )
            c = dataclasses.replace(c, baseline=base)
        seed = (
            child(root, "replication", run.replication)
            if task.common_seeds
            else child(root, "sample", run.sample, "replication", run.replication)
        )
        result = simulate(
            sc, policies[run.policy], seed=seed, horizon_years=task.horizon_years, community=c
        )
        payload = encode_record(reduce_run(result, keep_panel=keep))
        del result
        out.append((run, payload, time.perf_counter() - t0))
    return out


def limit_blas_threads() -> None:
    """Limit BLAS and OpenMP thread pools to one thread (a process pool's ``initializer``).

    With threadpoolctl installed the limit holds at once; without it this sets
    ``OMP_NUM_THREADS``, ``OPENBLAS_NUM_THREADS``, ``MKL_NUM_THREADS`` and
    ``BLIS_NUM_THREADS`` to 1, which binds libraries loaded afterwards only.
    """
    os.environ.update(dict.fromkeys(_BLAS, "1"))
    with contextlib.suppress(ImportError):
        importlib.import_module("threadpoolctl").threadpool_limits(1)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, each with BLAS limited to one thread."""
    n = _whole(workers, "workers", 1, "process_pool")
    return ProcessPoolExecutor(max_workers=n, initializer=limit_blas_threads)


class _Inline(Executor):
    """The serial executor: runs each task when it is submitted, in this process."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        fut: Future[Any] = Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except Exception as err:
            fut.set_exception(err)
        return fut


def _workers(executor: Executor) -> int:
    n = getattr(executor, "_max_workers", None)  # process and thread pools
    client = getattr(executor, "_client", None)  # distributed's ClientExecutor
    if isinstance(n, int):
        return n
    try:
        return max(1, sum(client.nthreads().values())) if client is not None else 1
    except Exception:  # best effort only: a guess never changes results
        return os.cpu_count() or 2


def run_experiment(
    scenario: Scenario,
    spec: ExperimentSpec,
    *,
    executor: Executor | None = None,
    store: str | Path | None = None,
    resume: bool = False,
    progress: Callable[[int], object] | None = None,
    stop: StoppingRule | None = None,
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
        refused (:class:`~collective_econ.store.StoreMismatchError`).
    progress : callable, optional
        Called with the number of runs just finished (resumed ones first), like
        tqdm's ``update``.
    stop : StoppingRule, optional
        Add replications until a paired difference is narrow enough.
    max_pending, runs_per_task : int, optional
        Tasks in flight at once (default: twice the executor's workers) and
        runs per task (default: enough tasks to keep workers busy, at most two
        per policy). Memory does not grow with the number of runs.

    Returns
    -------
    ExperimentResults
    """
    started, t0 = time.time(), time.perf_counter()
    if executor is not None and not isinstance(executor, Executor):
        rule = "a concurrent.futures.Executor, or None to run serially"
        raise ParameterTypeError("executor", rule, executor, owner="run_experiment")
    design = build_design(scenario, spec)
    names, p, s = tuple(x.name for x in design.policies), len(design.policies), len(design.values)
    for field in ("policy_a", "policy_b") if stop is not None else ():
        if (name := getattr(stop, field)) not in names:
            raise _bad(
                field, f"one of the experiment's policies {list(names)}", name, "StoppingRule"
            )
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
    }
    keep = (lambda run: True) if spec.panels == "all" else frozenset(spec.panels).__contains__
    h = int(landless.sum())

    def check(key: int, payload: bytes) -> None:
        run = RunId(key % p, key // p % s, key // (p * s))
        check_record(decode_record(payload), len(years), h, panel=keep(run))

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
        )
        lo, reps = 0, spec.replications
        while True:
            todo = [k for k in range(lo * p * s, reps * p * s) if k not in done]
            if progress is not None and (reps - lo) * p * s > len(todo):
                progress((reps - lo) * p * s - len(todo))
            chunk = runs_per_task or max(1, min(2 * p, math.ceil(len(todo) / (4 * pending))))
            tasks = (
                _task(base, todo[i : i + chunk], design.values, keep, (p, s))
                for i in range(0, len(todo), chunk)
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


def _interval(
    sink: ResultStore,
    stop: StoppingRule,
    names: tuple[str, ...],
    shape: tuple[int, int],
    reps: int,
) -> dict[str, Any]:
    """The stopping rule's interval over the replications so far."""
    (p, s), a, b = shape, names.index(stop.policy_a), names.index(stop.policy_b)
    cells = [(r * s + j) * p for r in range(reps) for j in range(s)]
    x = {
        k: float(decode_record(v)[stop.outcome])
        for k, v in sink.payloads([c + i for c in cells for i in (a, b)])
    }
    half = math.inf
    if len(cells) >= 2:
        d = paired_difference(
            [x[c + a] for c in cells], [x[c + b] for c in cells], confidence=stop.confidence
        )
        half = (float(d.high) - float(d.low)) / 2
    return {
        "replications": reps,
        "half_width": half,
        "target": stop.half_width,
        "reached": half <= stop.half_width,
    }
