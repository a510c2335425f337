"""Benchmark: decisions under deep uncertainty (issue 16), one function per module.

Run ``python benchmarks/bench_decision.py robustness [options]``; each ``bench_<name>``
function of this file is a section (``python benchmarks/bench_decision.py --help``).

``robustness`` (review F1, acceptance 2 and 4)
    The default case (its five policies, the ten ``SIMULATION_UNCERTAINTIES``, a Latin
    hypercube of futures) judged by :func:`collective_econ.decision.robustness.robust`
    twice: with common random numbers (CRN) and with independent streams. It prints the
    standard error of regret("full package") - regret("cash only") under each, three ways:
    the paired bootstrap over futures (what :meth:`Robustness.difference` reports), the
    t standard error over futures, and the replication-noise part alone (the variance of
    the run-by-run difference within each future, over replications). Target: CRN
    standard error <= 0.5 x the independent one; ``se_crossed`` is the standard error
    from a two-way (futures x replications) analysis of variance, honest when the
    futures share their streams, and ``se_crossed_64x8`` its prediction at 64 futures x
    8 replications, for runs made smaller to fit. Modes (``--modes``): ``crn``
    (``common_seeds=True``), ``policies`` (CRN across policies only) and ``independent``.
    The runs' values are saved to ``robustness_<mode>.npy`` in the working folder. It
    also times the first mode's experiment (target for 5 policies x 64 futures x 4
    replications: < 10 minutes on 2 cores).

``voi`` (review F8)
    EVPI and EVPPI per uncertainty (:func:`collective_econ.decision.voi.voi`) on the
    default case, in yuan (``--wtp`` per restored household) and in restored households.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from collective_econ.cases.caopijie import default_scenario
from collective_econ.cases.caopijie.uncertainties import SIMULATION_UNCERTAINTIES
from collective_econ.decision.discovery import discover, holdout, peel, stability
from collective_econ.decision.optimize import Constraint, Lever, Objective, optimize
from collective_econ.decision.robustness import Criterion, Robustness, robust
from collective_econ.decision.voi import voi
from collective_econ.economy.community import CommunityParams
from collective_econ.runs import ExperimentSpec, process_pool, run_experiment


def _run(scenario: Any, spec: Any, workers: int) -> Any:
    """``run_experiment`` on a process pool of ``workers`` (inline for 1)."""
    pool = process_pool(workers) if workers > 1 else None
    try:
        return run_experiment(scenario, spec, executor=pool)
    finally:
        if pool is not None:
            pool.shutdown()


def _scenario(residents: int | None, agricultural: int | None, horizon: int | None) -> Any:
    sc = default_scenario()
    if residents is not None:
        agri = agricultural if agricultural is not None else int(0.67 * residents)
        sc = dataclasses.replace(
            sc, community=CommunityParams(residents=residents, agricultural_residents=agri)
        )
    if horizon is not None:
        sc = dataclasses.replace(sc, horizon_years=horizon)
    return sc


def _regret_ses(r: Robustness, a: str, b: str) -> dict[str, float]:
    """Three standard errors of mean regret(a) - mean regret(b)."""
    i, j = r.index(a), r.index(b)
    d = r.regret[i] - r.regret[j]  # per future
    boot = r.difference(a, b)["regret_se"]
    return {
        "difference": float(d.mean()),
        "se_bootstrap": float(boot),
        "se_t": float(d.std(ddof=1) / math.sqrt(d.size)),
    }


def _noise_se(values: np.ndarray, i: int, j: int, maximize: bool) -> float:
    """Replication-noise standard error of the mean regret difference (futures held fixed)."""
    d = values[j] - values[i] if maximize else values[i] - values[j]  # (futures, reps)
    f, reps = d.shape
    return float(math.sqrt(d.var(axis=1, ddof=1).sum() / reps) / f)


def _crossed(values: np.ndarray, i: int, j: int) -> dict[str, float]:
    """Standard error of the mean of d = x_i - x_j over a futures x replications table.

    A two-way random-effects analysis of variance: futures (sigma_F), replications
    (sigma_R: a replication's luck shared by every future, as when the futures share
    their streams) and the rest (sigma_E); Var(mean) = sF/F + sR/R + sE/(F R). Also
    predicted at 64 futures x 8 replications.
    """
    d = values[i] - values[j]
    f, r = d.shape
    m, row, col = d.mean(), d.mean(axis=1), d.mean(axis=0)
    ms_f = r * ((row - m) ** 2).sum() / (f - 1)
    ms_r = f * ((col - m) ** 2).sum() / (r - 1)
    ms_e = ((d - row[:, None] - col[None, :] + m) ** 2).sum() / ((f - 1) * (r - 1))
    s_f, s_r = max((ms_f - ms_e) / r, 0.0), max((ms_r - ms_e) / f, 0.0)
    return {
        "sigma_futures": math.sqrt(s_f),
        "sigma_replications": math.sqrt(s_r),
        "sigma_rest": math.sqrt(ms_e),
        "se_crossed": math.sqrt(s_f / f + s_r / r + ms_e / (f * r)),
        "se_crossed_64x8": math.sqrt(s_f / 64 + s_r / 8 + ms_e / 512),
        "policy_correlation": float(np.corrcoef(values[i].ravel(), values[j].ravel())[0, 1]),
    }


def bench_robustness(argv: list[str]) -> dict[str, Any]:
    """CRN against independent streams for a regret difference, and the experiment's time."""
    p = argparse.ArgumentParser(prog="bench_decision.py robustness")
    p.add_argument("--futures", type=int, default=64)
    p.add_argument("--replications", type=int, default=8)
    p.add_argument("--policies", default="", help="comma-separated; default all five")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--residents", type=int, default=None, help="smaller community")
    p.add_argument("--horizon", type=int, default=None, help="years simulated")
    p.add_argument("--a", default="full package")
    p.add_argument("--b", default="cash only")
    p.add_argument("--seed", type=int, default=2010)
    p.add_argument("--modes", default="crn,policies,independent", help="which streams")
    args = p.parse_args(argv)
    sc = _scenario(args.residents, None, args.horizon)
    policies = tuple(args.policies.split(",")) if args.policies else None
    common = {
        "uncertainties": SIMULATION_UNCERTAINTIES,
        "policies": policies,
        "futures": args.futures,
        "replications": args.replications,
        "seed": args.seed,
        "workers": args.workers,
    }
    out: dict[str, Any] = {"settings": vars(args), "load_average": list(os.getloadavg())}
    modes = {"crn": True, "policies": "policies", "independent": False}
    for label in args.modes.split(","):
        crn = modes[label]
        t0 = time.perf_counter()
        r = robust(sc, common_seeds=crn, **common)
        wall = time.perf_counter() - t0
        runs = len(r.policies) * r.futures * r.replications
        np.save(f"robustness_{label}.npy", r.values)
        ses = _regret_ses(r, args.a, args.b)
        maximize = r.criterion.direction == "maximize"
        ses["se_noise"] = _noise_se(r.values, r.index(args.a), r.index(args.b), maximize)
        ses.update(_crossed(r.values, r.index(args.a), r.index(args.b)))
        out[label] = {"wall_s": wall, "runs": runs, "s_per_run": wall / runs, **ses}
        out[label]["table"] = r.table()
        out[label]["verdict"] = r.verdict
        out[label]["satisficing"] = dict(zip(r.policies, r.satisficing.tolist(), strict=True))
        print(
            f"[{label}] {runs} runs in {wall:.0f} s ({wall / runs:.2f} s/run, "
            f"{args.workers} workers)",
            flush=True,
        )
        print(r.format(), flush=True)
    keys = ("se_bootstrap", "se_t", "se_noise", "se_crossed", "se_crossed_64x8")
    for label in ("crn", "policies"):
        if label in out and "independent" in out:
            for key in keys:
                ratio = out[label][key] / out["independent"][key]
                out[f"ratio_{label}_{key}"] = ratio
                print(
                    f"{key}: {label} {out[label][key]:.4g} vs independent "
                    f"{out['independent'][key]:.4g}: ratio {ratio:.3f} (target <= 0.5)"
                )
    for label in modes:
        if label in out:
            o = out[label]
            print(
                f"{label}: sigma futures {o['sigma_futures']:.4g}, replications "
                f"{o['sigma_replications']:.4g}, rest {o['sigma_rest']:.4g}; correlation "
                f"of the two policies' runs {o['policy_correlation']:.2f}"
            )
    first = next(k for k in modes if k in out)
    est = out[first]["s_per_run"] * 5 * 64 * 4  # linear in runs (pool start-up included)
    out["estimate_5x64x4_s"] = est
    print(
        f"5 policies x 64 futures x 4 replications, from the {first} run's time per run: "
        f"{est / 60:.1f} min on {args.workers} workers (target < 10 min); "
        f"load average {out['load_average']}"
    )
    return out


def bench_optimize(argv: list[str]) -> dict[str, Any]:
    """One lever of the default case optimised by CRN racing under a chance constraint.

    Review F3: ``land_shares.share_fraction`` of "80% shares" maximising mean income in
    years 6-10 with the Gini kept <= 0.25 in 90% of runs, on a smaller community. It
    prints the optimum with its intervals, the runs the racer used and those simulated
    (the experiments rerun earlier replications), and the wall time.
    """
    p = argparse.ArgumentParser(prog="bench_decision.py optimize")
    p.add_argument("--policy", default="80% shares")
    p.add_argument("--lever", default="land_shares.share_fraction")
    p.add_argument("--low", type=float, default=0.1)
    p.add_argument("--high", type=float, default=0.9)
    p.add_argument("--objective", default="income_medium")
    p.add_argument("--direction", default="maximize")
    p.add_argument("--constraint", default="gini<=0.25@0.9", help="outcome<=bound@probability")
    p.add_argument("--budget", type=int, default=300, help="racer's runs")
    p.add_argument("--residents", type=int, default=900)
    p.add_argument("--horizon", type=int, default=10)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--seed", type=int, default=2010)
    args = p.parse_args(argv)
    sc = _scenario(args.residents, None, args.horizon)
    cons = []
    if args.constraint:
        op = "<=" if "<=" in args.constraint else ">="
        outcome, _, rest = args.constraint.partition(op)
        bound, _, prob = rest.partition("@")
        cons.append(Constraint(outcome, op, float(bound), float(prob or 0.95)))
    t0 = time.perf_counter()
    best = optimize(
        sc,
        args.policy,
        [Lever(f"{args.policy}.{args.lever}", args.low, args.high)],
        Objective(args.objective, args.direction),
        cons,
        budget_runs=args.budget,
        seed=args.seed,
        workers=args.workers,
    )
    wall = time.perf_counter() - t0
    print(best.format(), flush=True)
    print(f"{best.simulated} runs simulated in {wall:.0f} s ({args.workers} workers)")
    return {
        "settings": vars(args),
        "levers": best.as_dict(),
        "value": best.value,
        "value_ci": list(best.value_ci),
        "probabilities": best.probabilities.tolist(),
        "probability_ci": best.probability_ci.tolist(),
        "feasible": best.feasible,
        "runs": best.runs,
        "simulated": best.simulated,
        "wall_s": wall,
        "source": best.source,
    }


def bench_discovery(argv: list[str]) -> dict[str, Any]:
    """Scenario discovery (review F2): the planted test over seeds, then the default case.

    Planted: 8 uniform inputs, ``--n`` futures, failure iff x0 < 0.3 and x1 > 0.6, 5% of
    labels flipped; per seed, whether PRIM's box restricts exactly {x0, x1} with bounds
    within 0.03, its bootstrap stability (50 resamples) and the holdout coverage and
    density on the true labels, with the time. With ``--futures`` > 0: "full package" of
    the default case (smaller community) over the case's ``SIMULATION_UNCERTAINTIES``,
    failing when fewer than ``--threshold`` of the landless are restored within 5 years;
    it prints the box and its sentences.
    """
    p = argparse.ArgumentParser(prog="bench_decision.py discovery")
    p.add_argument("--seeds", type=int, default=10)
    p.add_argument("--n", type=int, default=2000)
    p.add_argument("--futures", type=int, default=0, help="0: planted test only")
    p.add_argument("--replications", type=int, default=2)
    p.add_argument("--threshold", type=float, default=None, help="default: median of means")
    p.add_argument("--residents", type=int, default=600)
    p.add_argument("--horizon", type=int, default=6)
    p.add_argument("--workers", type=int, default=1)
    args = p.parse_args(argv)
    rows = []
    for seed in range(args.seeds):
        rng = np.random.default_rng(seed)
        x = rng.uniform(size=(args.n, 8))
        truth = (x[:, 0] < 0.3) & (x[:, 1] > 0.6)
        y = truth ^ (rng.random(args.n) < 0.05)
        t0 = time.perf_counter()
        box = peel(x, y).choose()
        share, _ = stability(x, y, box, resamples=50, seed=seed)
        hbox, _, _, held = holdout(x, y, seed=seed)
        cov, den = hbox.evaluate(x[held], truth[held])
        ok = box.restricted == ("x0", "x1") and abs(box.upper[0] - 0.3) <= 0.03
        ok = ok and abs(box.lower[1] - 0.6) <= 0.03
        rows.append(
            {
                "seed": seed,
                "found": bool(ok),
                "stability": share,
                "holdout_coverage": cov,
                "holdout_density": den,
                "seconds": time.perf_counter() - t0,
            }
        )
        print(rows[-1], flush=True)
    out: dict[str, Any] = {"settings": vars(args), "planted": rows}
    if args.futures > 0:
        sc = _scenario(args.residents, None, args.horizon)
        spec = ExperimentSpec(
            policies=("full package",),
            uncertainties=SIMULATION_UNCERTAINTIES,
            design="lhs",
            samples=args.futures,
            replications=args.replications,
            common_seeds=True,
        )
        t0 = time.perf_counter()
        res = _run(sc, spec, args.workers)
        means = res.sel("restored_within_5y", policy="full package").mean(axis=1)
        threshold = float(np.median(means)) if args.threshold is None else args.threshold
        d = discover(
            res,
            "full package",
            Criterion("restored_within_5y", ">=", threshold),
            subject="The full package",
            subject_zh="全套方案",
            resamples=20,
        )
        print(d, flush=True)
        out["case"] = {
            "box": str(d.box),
            "en": d.sentence("en"),
            "zh": d.sentence("zh"),
            "threshold": threshold,
            "stability": d.stability,
            "wall_s": time.perf_counter() - t0,
        }
    return out


def bench_voi(argv: list[str]) -> dict[str, Any]:
    """EVPI and EVPPI per uncertainty on the default case (review F8), in yuan and households.

    Runs the default case's policies over a Latin hypercube of the ten
    ``SIMULATION_UNCERTAINTIES`` (common random numbers) and prints the value of
    information table of :func:`collective_econ.decision.voi.voi`: net benefit
    ``wtp x restored households - fiscal_cost_npv`` (``--wtp`` yuan per household
    restored within 5 years, an estimate to vary), then the same in restored households.
    """
    p = argparse.ArgumentParser(prog="bench_decision.py voi")
    p.add_argument("--futures", type=int, default=128)
    p.add_argument("--replications", type=int, default=2)
    p.add_argument("--policies", default="", help="comma-separated; default all five")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--residents", type=int, default=None, help="smaller community")
    p.add_argument("--horizon", type=int, default=None, help="years simulated")
    p.add_argument(
        "--wtp",
        type=float,
        default=3e5,
        help="yuan per restored household (default 3e5: about where full package and 80%% "
        "shares break even on the default case, 8.9e6 yuan for 30 more households)",
    )
    p.add_argument("--boot", type=int, default=200)
    p.add_argument("--seed", type=int, default=2010)
    args = p.parse_args(argv)
    sc = _scenario(args.residents, None, args.horizon)
    spec = ExperimentSpec(
        policies=tuple(args.policies.split(",")) if args.policies else (),
        uncertainties=SIMULATION_UNCERTAINTIES,
        design="lhs",
        samples=args.futures,
        replications=args.replications,
        seed=args.seed,
        common_seeds=True,
    )
    t0 = time.perf_counter()
    res = _run(sc, spec, args.workers)
    runs_s = time.perf_counter() - t0
    out: dict[str, Any] = {"settings": vars(args), "runs_s": runs_s}
    for unit in ("yuan", "households"):
        t1 = time.perf_counter()
        v = voi(res, wtp=args.wtp, unit=unit, n_boot=args.boot, seed=args.seed)
        print(v.format(), flush=True)
        out[unit] = {
            "evpi": v.evpi,
            "evpi_se": v.evpi_se,
            "table": v.table(),
            "best": v.best,
            "voi_s": time.perf_counter() - t1,
        }
    print(
        f"{res.samples} futures x {res.replications} replications x "
        f"{len(res.policies)} policies in {runs_s:.0f} s",
        flush=True,
    )
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    sections: dict[str, Callable[[list[str]], dict[str, Any]]] = {
        n[len("bench_") :]: f for n, f in globals().items() if n.startswith("bench_")
    }
    if not argv or argv[0] not in sections:
        print(f"usage: bench_decision.py {{{','.join(sections)}}} [options]")
        return 2
    result = sections[argv[0]](argv[1:])
    print(json.dumps(result, default=str, indent=1)[:4000])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
