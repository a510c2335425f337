"""Benchmark: fitting behavioural parameters by ABC-SMC (issue 17, item 3; review F4).

Run ``python benchmarks/bench_calibration.py <section> [options]``; each ``bench_<name>``
function of this file is a section.

``toy``
    The built-in ABC-SMC on a Gaussian toy (normal prior, two noisy measurements) over
    ``--seeds`` seeds: share of 90% intervals covering the truth, share of posterior
    means within 2 posterior sd, and the ratio of the ABC posterior sd to the exact one.

``recovery``
    The model at tiny size (``--residents``, ``--horizon``): one parameter
    (``livelihood.casual_wage_month``, prior Uniform(400, 1200)) fitted to pseudo-survey
    moments (wage income per person in three years, employment 12 months after the land
    loss) generated at a known value with another seed; per seed: the posterior mean,
    sd, 90% interval, whether it covers the truth, simulations and seconds.

``sbc``
    Simulation-based calibration on the model (review F4, acceptance 2): ``--repeats``
    truths of three livelihood parameters drawn from their priors, pseudo-data at each,
    a fit, and the share of 90% intervals covering each truth (target >= 0.85) and of
    posterior-mean errors below one third of the prior sd (target >= 0.8).
    ``--independent``: each particle its own seeds instead of common ones; ``--kernel
    uniform``: the tolerance cut instead of the Gaussian kernel; ``--start N``: begin at
    repeat N (the same truths, to split a long run).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from collective_econ.calibration.fit import (
    abc_smc,
    employment_moment,
    fit,
    income_moment,
    synthetic_moments,
)
from collective_econ.cases.caopijie import default_scenario
from collective_econ.distributions import Normal, Uniform
from collective_econ.economy.community import CommunityParams


def _scenario(residents: int, horizon: int) -> Any:
    community = CommunityParams(residents=residents, agricultural_residents=int(0.67 * residents))
    return dataclasses.replace(default_scenario(), community=community, horizon_years=horizon)


def bench_toy(argv: list[str]) -> dict[str, Any]:
    """Coverage of the ABC-SMC posterior on a Gaussian toy."""
    p = argparse.ArgumentParser(prog="bench_calibration.py toy")
    p.add_argument("--seeds", type=int, default=100)
    p.add_argument("--particles", type=int, default=300)
    p.add_argument("--generations", type=int, default=8)
    args = p.parse_args(argv)
    se, prior_sd = 0.5, 2.0
    exact_sd = 1.0 / np.sqrt(2 / se**2 + 1 / prior_sd**2)

    def toy(theta: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        return theta + rng.normal(0.0, se, size=(len(theta), 2))

    cover, near, ratio, t0 = [], [], [], time.perf_counter()
    for seed in range(args.seeds):
        rng = np.random.default_rng(100 + seed)
        truth = rng.normal(0.0, prior_sd)
        obs = truth + rng.normal(0.0, se, 2)
        post = abc_smc(
            toy,
            [Normal(mu=0.0, sd=prior_sd)],
            obs,
            [se, se],
            particles=args.particles,
            generations=args.generations,
            seed=seed,
        )
        lo, hi = post.interval(0.9)[0]
        cover.append(lo <= truth <= hi)
        near.append(abs(post.mean[0] - truth) < 2 * post.sd[0])
        ratio.append(post.sd[0] / exact_sd)
    return {
        "seeds": args.seeds,
        "coverage_90": float(np.mean(cover)),
        "mean_within_2sd": float(np.mean(near)),
        "sd_ratio_median": float(np.median(ratio)),
        "seconds": time.perf_counter() - t0,
    }


def bench_recovery(argv: list[str]) -> dict[str, Any]:
    """Recover a known wage on the model at tiny size."""
    p = argparse.ArgumentParser(prog="bench_calibration.py recovery")
    p.add_argument("--seeds", type=int, default=5)
    p.add_argument("--particles", type=int, default=40)
    p.add_argument("--generations", type=int, default=3)
    p.add_argument("--residents", type=int, default=600)
    p.add_argument("--horizon", type=int, default=4)
    args = p.parse_args(argv)
    sc = _scenario(args.residents, args.horizon)
    path, truth = "livelihood.casual_wage_month", 740.0
    years = [int(y) for y in sc.start_year + np.arange(1, min(4, args.horizon))]
    shapes = [income_moment("wage", 1.0, 1.0, year=y) for y in years]
    shapes.append(employment_moment(12, 0.5, 1.0))
    rows = []
    for seed in range(1, args.seeds + 1):
        t0 = time.perf_counter()
        observed = synthetic_moments(sc, {path: truth}, shapes, seed=seed, replications=6)
        post = fit(
            sc,
            {path: Uniform(low=400.0, high=1200.0)},
            observed,
            particles=args.particles,
            generations=args.generations,
            seed=seed + 7,
        )
        lo, hi = post.interval(0.9)[0]
        rows.append(
            {
                "seed": seed,
                "mean": float(post.mean[0]),
                "sd": float(post.sd[0]),
                "interval": (float(lo), float(hi)),
                "covers": bool(lo <= truth <= hi),
                "simulations": post.simulations,
                "seconds": time.perf_counter() - t0,
            }
        )
    return {"truth": truth, "coverage": float(np.mean([r["covers"] for r in rows])), "runs": rows}


def bench_sbc(argv: list[str]) -> dict[str, Any]:
    """Simulation-based calibration of three livelihood parameters on the model."""
    p = argparse.ArgumentParser(prog="bench_calibration.py sbc")
    p.add_argument("--repeats", type=int, default=20)
    p.add_argument("--particles", type=int, default=40)
    p.add_argument("--generations", type=int, default=3)
    p.add_argument("--residents", type=int, default=600)
    p.add_argument("--horizon", type=int, default=4)
    p.add_argument("--independent", action="store_true", help="each particle its own seeds")
    p.add_argument("--kernel", default="gaussian", choices=("gaussian", "uniform"))
    p.add_argument("--start", type=int, default=0, help="first repeat (to split a long run)")
    args = p.parse_args(argv)
    sc = _scenario(args.residents, args.horizon)
    priors = {
        "livelihood.casual_wage_month": Uniform(low=500.0, high=1000.0),
        "livelihood.urban_wage_month": Uniform(low=1200.0, high=2000.0),
        "livelihood.farm_net_income_per_mu": Uniform(low=400.0, high=1200.0),
    }
    y1 = sc.start_year + 1
    shapes = [income_moment("wage", 1.0, 1.0, year=y) for y in (y1, y1 + 1)]
    shapes += [income_moment("farming", 1.0, 1.0, year=sc.start_year)]
    shapes += [employment_moment(12, 0.5, 1.0), employment_moment(24, 0.5, 1.0)]
    rng = np.random.default_rng(17)
    for _ in range(args.start):  # the truths of the repeats before --start
        [d.sample(rng) for d in priors.values()]
    cover, close, runs, t0 = [], [], [], time.perf_counter()
    for r in range(args.start, args.start + args.repeats):
        truth = {k: float(d.sample(rng)) for k, d in priors.items()}
        observed = synthetic_moments(sc, truth, shapes, seed=1000 + r, replications=6)
        post = fit(
            sc, priors, observed, particles=args.particles, generations=args.generations,
            seed=r, common_seeds=not args.independent, kernel=args.kernel,
        )  # fmt: skip
        runs.append(post.simulations)
        band = post.interval(0.9)
        t = np.array(list(truth.values()))
        sd0 = np.array([(d.high - d.low) / np.sqrt(12) for d in priors.values()])
        cover.append((band[:, 0] <= t) & (t <= band[:, 1]))
        close.append(np.abs(post.mean - t) < sd0 / 3)
    return {
        "repeats": args.repeats,
        "coverage_90_by_parameter": dict(
            zip(priors, np.mean(cover, axis=0).tolist(), strict=True)
        ),
        "error_below_third_prior_sd": dict(
            zip(priors, np.mean(close, axis=0).tolist(), strict=True)
        ),
        "simulations_per_fit": float(np.mean(runs)),
        "seconds": time.perf_counter() - t0,
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    sections: dict[str, Callable[[list[str]], dict[str, Any]]] = {
        n[len("bench_") :]: f for n, f in globals().items() if n.startswith("bench_")
    }
    if not argv or argv[0] not in sections:
        print(f"usage: bench_calibration.py {{{','.join(sections)}}} [options]")
        return 2
    print(json.dumps(sections[argv[0]](argv[1:]), default=str, indent=1)[:4000])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
