"""``calibrate`` and ``monitor``: fit the model to a household survey, follow monitoring rounds.

``calibrate`` reads a survey (CSV, or the tab-separated export of Survey Solutions),
rakes its weights to the county's margins and, given ``--fit`` and ``--moments``, fits
the named parameters by ABC-SMC (the built-in engine, or pyABC with ``--method pyabc``),
then checks the posterior against the moments (posterior-predictive). ``monitor`` reads
monitoring rounds against the baseline survey, writes the completion-audit indicators
and the households off track, and reweights a forecast (an earlier store with
``--forecast DIR``, else a small experiment it runs) by what was observed. Both keep
their runs in a store in ``--out DIR`` and finish an interrupted command with
``--resume``; ``collective-econ report DIR`` turns the folder into a page.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ParameterError
from ._common import (
    check_policy_names,
    ignore_folder,
    positive_int,
    refuse_drawn_by,
    scenario_for,
    seed_and_workers,
)
from ._decision import _experiment, _folder, _futures_spec, _uncertainties, _write_csv, _written

if TYPE_CHECKING:
    from ..calibration.survey import Survey
    from ..scenario.model import Scenario

__all__ = ["COMMANDS", "add_parsers"]

CALIBRATION_FILE = "calibration.json"
"""What ``calibrate`` found, for the report (written last; ``report.calibration`` reads it)."""
MONITORING_FILE = "monitoring.json"
"""What ``monitor`` found, for the report (written last; ``report.calibration`` reads it)."""


def _survey_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "survey",
        metavar="SURVEY",
        help="the households CSV (with --persons, or one file with a row per person), or a "
        "Survey Solutions tab export (its folder or .zip)",
    )
    p.add_argument("--persons", metavar="FILE", help="the persons CSV of a two-file survey")
    p.add_argument(
        "--column",
        action="append",
        metavar="NAME=VARIABLE",
        help="Survey Solutions: the questionnaire variable of a schema column, e.g. "
        "land_mu=q12_land (repeatable)",
    )


def _run_args(p: argparse.ArgumentParser, *, horizon: int) -> None:
    p.add_argument(
        "--scenario", metavar="FILE", help="a scenario file (default: the embedded Caopijie case)"
    )
    p.add_argument(
        "--policy",
        metavar="NAME",
        help="the policy the surveyed households live under (default: the scenario's first)",
    )
    p.add_argument(
        "--horizon",
        type=positive_int,
        default=horizon,
        metavar="YEARS",
        help=f"years simulated (default {horizon})",
    )
    seed_and_workers(p)
    p.add_argument("--out", metavar="DIR", help="output folder (default: a new folder here)")
    p.add_argument(
        "--resume",
        action="store_true",
        help="finish the interrupted command in --out DIR, skipping finished runs",
    )


def add_parsers(sub: Any) -> None:
    """Add ``calibrate`` and ``monitor``."""
    cp = sub.add_parser(
        "calibrate",
        help="rake a household survey's weights to the county and fit parameters to its moments",
        description=(
            "Read a household survey, calibrate its weights to the county's margins "
            "(households per group, age bands, landless households, income cuts), and, with "
            "--fit and --moments, fit the named parameters by ABC-SMC and check the fit "
            "against the moments. Writes weights.csv, margins.csv, posterior.csv, "
            "posterior_summary.csv, generations.csv and predictive.csv."
        ),
    )
    _survey_args(cp)
    _run_args(cp, horizon=4)
    cp.add_argument(
        "--margins",
        metavar="FILE",
        help="the county's margins, a CSV with columns margin,total (default: those of the "
        "scenario's community drawn from the seed)",
    )
    cp.add_argument(
        "--income-cut",
        action="append",
        type=float,
        metavar="YUAN",
        help="a margin: households with baseline income at or below YUAN a year (repeatable)",
    )
    cp.add_argument(
        "--weighting",
        choices=("raking", "linear", "logit"),
        default="raking",
        help="the calibration method of the weights (default raking)",
    )
    cp.add_argument(
        "--bounds",
        default="0.2:5",
        metavar="L:U",
        help="bounds of the weight ratios (default 0.2:5; 'none': unbounded)",
    )
    cp.add_argument(
        "--fit",
        action="append",
        metavar="PATH=LOW:HIGH",
        help="a parameter to fit and its uniform prior, e.g. "
        "livelihood.casual_wage_month=400:1200 (repeatable)",
    )
    cp.add_argument(
        "--moments",
        metavar="FILE",
        help="the survey's moments, a CSV with columns moment,observed,se (names such as "
        "employed_12m, income_wage_2011, median_income_2012, dibao_2012)",
    )
    cp.add_argument(
        "--method",
        choices=("abc-smc", "pyabc"),
        default="abc-smc",
        help="the ABC engine: the built-in ABC-SMC (default) or pyABC (the extra 'pyabc')",
    )
    cp.add_argument(
        "--particles", type=positive_int, default=40, metavar="N", help="particles (default 40)"
    )
    cp.add_argument(
        "--generations",
        type=positive_int,
        default=3,
        metavar="N",
        help="generations after the prior's (default 3)",
    )
    cp.add_argument(
        "--replications",
        type=positive_int,
        default=1,
        metavar="N",
        help="runs averaged per particle (default 1)",
    )
    cp.add_argument(
        "--draws",
        type=positive_int,
        default=20,
        metavar="N",
        help="posterior draws of the posterior-predictive check (default 20)",
    )

    mp = sub.add_parser(
        "monitor",
        help="completion-audit indicators of monitoring rounds and the forecast they update",
        description=(
            "Read monitoring rounds (one CSV per round) against the baseline survey; write "
            "the completion-audit indicators (audit.csv), the households off track "
            "(off_track.csv) and the forecast of the share restored before and after "
            "reweighting its runs by the observations (forecast.csv, with the effective "
            "sample size), and a chart of the observations over the forecast fan."
        ),
    )
    _survey_args(mp)
    mp.add_argument("rounds", nargs="+", metavar="ROUND", help="a monitoring round's CSV file")
    _run_args(mp, horizon=10)
    mp.add_argument(
        "--weights",
        metavar="FILE",
        help="weights.csv of 'collective-econ calibrate' (default: the survey's own weights)",
    )
    mp.add_argument(
        "--loss-year",
        type=int,
        default=None,
        metavar="YEAR",
        help="the year the land was taken (default: the scenario's first year)",
    )
    mp.add_argument(
        "--target-year",
        type=int,
        default=None,
        metavar="YEAR",
        help="the year incomes should be restored by (default: five years after the loss)",
    )
    mp.add_argument(
        "--forecast",
        metavar="DIR",
        help="the output folder of an earlier run whose runs are the forecast (default: run "
        "one here, over the scenario's uncertain inputs)",
    )
    mp.add_argument(
        "--futures",
        type=positive_int,
        default=32,
        metavar="N",
        help="futures of the forecast run here (default 32)",
    )
    mp.add_argument(
        "--replications",
        type=positive_int,
        default=2,
        metavar="N",
        help="runs per future of the forecast run here (default 2)",
    )
    mp.add_argument(
        "--indicator",
        action="append",
        choices=("restored_share", "mean_income"),
        help="what reweights the forecast (repeatable; default restored_share)",
    )
    mp.add_argument(
        "--min-ess",
        type=float,
        default=None,
        metavar="N",
        help="refuse the update below this effective sample size (default: 20 or 10%% of runs)",
    )
    mp.add_argument("--no-plots", action="store_true", help="write tables only")


# -- shared steps ---------------------------------------------------------------------------


def _read_survey(args: argparse.Namespace) -> Survey:
    from ..calibration.survey import read_csv_survey, read_survey_solutions

    path = Path(args.survey)
    if path.is_dir() or path.suffix.lower() in (".zip", ".tab"):
        columns = dict(_pairs(args.column or [], "--column", "NAME=VARIABLE"))
        folder = path.parent if path.suffix.lower() == ".tab" else path
        return read_survey_solutions(folder, columns=columns or None)
    if args.column:
        raise ParameterError("--column", "given with a Survey Solutions export", args.column)
    return read_csv_survey(path, args.persons)


def _pairs(items: list[str], flag: str, form: str) -> list[tuple[str, str]]:
    out = []
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ParameterError(flag, f"of the form {form}", item)
        out.append((key.strip(), value.strip()))
    return out


def _bounds(text: str) -> tuple[float, float] | None:
    if text.strip().lower() == "none":
        return None
    lo, _, hi = text.partition(":")
    try:
        return float(lo), float(hi)
    except ValueError:
        raise ParameterError("--bounds", "L:U such as 0.2:5, or none", text) from None


def _priors(args: argparse.Namespace) -> dict[str, Any]:
    from ..distributions import Uniform

    priors: dict[str, Any] = {}
    for path, span in _pairs(args.fit or [], "--fit", "PATH=LOW:HIGH"):
        lo, _, hi = span.partition(":")
        try:
            priors[path] = Uniform(low=float(lo), high=float(hi))
        except ValueError:
            raise ParameterError("--fit", "PATH=LOW:HIGH with numbers LOW < HIGH", span) from None
    return priors


def _fresh(out: Path, args: argparse.Namespace, marker: str, stores: tuple[str, ...]) -> None:
    """Refuse a folder a finished or interrupted command of the same verb left, unless resuming."""
    if args.resume:
        return
    if any((out / name).exists() for name in (marker, *stores)):
        rule = "a new folder (or --resume to finish the command that wrote it)"
        raise ParameterError("--out", rule, str(out))


def _bar(desc: str) -> Any:
    from tqdm import tqdm

    return tqdm(unit="run", desc=desc, file=sys.stderr, dynamic_ncols=True)


def _write_json(path: Path, data: dict[str, Any]) -> Path:
    from ..files import atomic_write

    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=True)
    return atomic_write(path, (text + "\n").encode("utf-8"))


def _targets(args: argparse.Namespace, scenario: Scenario, spec: Any) -> dict[str, float]:
    import csv

    from ..economy.community import synthesize
    from ..seeding import as_seed_sequence, stream

    if not args.margins:
        county = synthesize(
            scenario.community,
            stream(as_seed_sequence(args.seed), "community"),
            scenario.livelihood,
        )
        return dict(spec.totals(county))
    with open(args.margins, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = {}
    for line, row in enumerate(rows, start=2):
        try:
            out[row["margin"].strip()] = float(row["total"])
        except (KeyError, AttributeError, TypeError, ValueError):
            rule = "a CSV with columns margin,total and a number in every total"
            raise ParameterError(f"--margins, line {line}", rule, dict(row)) from None
    return out


# -- calibrate ------------------------------------------------------------------------------


def calibrate_command(args: argparse.Namespace) -> int:
    import importlib.util

    from ..calibration.fit import fit, posterior_predictive, read_moments
    from ..calibration.weights import MarginSpec, calibrate_weights
    from ..distributions.uncertainty import Uncertainty
    from ..errors import MissingDependencyError
    from ._common import executor_for

    # the file's [[uncertainties]] are not drawn here (every run of the fit is at the
    # file's values but for the fitted ones): their values act, and the warnings that a
    # sampled run would replace them stay warnings; what the fit draws is its priors
    scenario = scenario_for(args)
    policy = args.policy or scenario.policy_names[0]
    check_policy_names(scenario, (policy,))  # an unknown name fails before any work
    priors = _priors(args)
    if bool(priors) != bool(args.moments):
        raise ParameterError("--fit/--moments", "both given (or neither: weights only)", None)
    fitted = [Uncertainty(path, prior) for path, prior in priors.items()]
    refuse_drawn_by(scenario, fitted, args.particles, "--fit", fitted_under=policy)
    if args.method == "pyabc" and importlib.util.find_spec("pyabc") is None:
        raise MissingDependencyError(
            "--method pyabc needs the optional extra 'pyabc': pip install "
            "'collective_econ[pyabc]' (or leave out --method: the built-in ABC-SMC)"
        )
    moments = read_moments(args.moments) if args.moments else []
    bounds = _bounds(args.bounds)
    survey = _read_survey(args)  # every problem of the files, before the folder is made
    out = _folder(args, "collective-econ-calibrate")
    _fresh(out, args, CALIBRATION_FILE, ("runs", "predictive"))
    spec = MarginSpec(income_cuts=tuple(args.income_cut or ()))
    targets = _targets(args, scenario, spec)
    cal = calibrate_weights(survey, targets, spec=spec, method=args.weighting, bounds=bounds)
    x = spec.matrix(survey.community)
    names = spec.names(survey.community.group_names)
    margins = [
        {"margin": n, "target": targets[n], "design": float(survey.weight @ x[:, k]),
         "calibrated": float(cal.weights @ x[:, k]),
         "relative_error": float(abs(cal.weights @ x[:, k] - targets[n]) / max(1.0, targets[n]))}
        for k, n in enumerate(names)
    ]  # fmt: skip
    weights = [
        {"household_id": h, "group": survey.community.group_names[g], "design_weight": d,
         "weight": float(w), "ratio": float(r)}
        for h, g, d, w, r in zip(survey.household_id, survey.community.group.tolist(),
                                 survey.weight.tolist(), cal.weights, cal.g, strict=True)
    ]  # fmt: skip
    print(
        f"{args.survey}: {survey.n_households} households, weights by {cal.method} "
        f"({cal.distance} distance; bounds {bounds}): {len(names)} margins met to "
        f"{cal.max_error:.1e} in {cal.iterations} steps, "
        f"ratios {cal.g.min():.2f}-{cal.g.max():.2f}"
    )
    written = [*ignore_folder(out)]
    written.append(_write_csv(out / "weights.csv", weights))
    written.append(_write_csv(out / "margins.csv", margins))
    summary: dict[str, Any] = {
        "survey": str(args.survey), "households": survey.n_households,
        "scenario": scenario.name,
        "weights": {"method": cal.method, "distance": cal.distance, "bounds": bounds,
                    "iterations": cal.iterations, "max_error": cal.max_error,
                    "cuts": spec.income_cuts, "ratio_min": float(cal.g.min()),
                    "ratio_max": float(cal.g.max()), "margins": len(names)},
    }  # fmt: skip
    if priors:
        print(
            f"fitting {', '.join(priors)} to {len(moments)} moments under '{policy}' "
            f"({args.method}: {args.particles} particles, {args.generations} generations, "
            f"{args.horizon} years, seed {args.seed}) -> {out}/"
        )
        with executor_for(args) as executor, _bar("fitting") as bar:
            post = fit(
                scenario, priors, moments, method=args.method, policy=policy,
                particles=args.particles, generations=args.generations,
                replications=args.replications, horizon_years=args.horizon, seed=args.seed,
                store=out / "runs", executor=executor, resume=args.resume, progress=bar.update,
            )  # fmt: skip
        with executor_for(args) as executor, _bar("checking") as bar:
            rows = posterior_predictive(
                scenario, post, moments, draws=args.draws, policy=policy,
                replications=args.replications, horizon_years=args.horizon, seed=args.seed,
                executor=executor, store=out / "predictive", resume=args.resume,
                progress=bar.update,
            )  # fmt: skip
        written += _posterior_files(out, post, rows)
        summary["fit"] = _fit_summary(args, post, rows, policy)
    written.append(_write_json(out / CALIBRATION_FILE, summary))
    _written(out, written)
    return 0


def _posterior_files(out: Path, post: Any, rows: list[dict[str, Any]]) -> list[Path]:
    particles = [
        {**{p: float(v) for p, v in zip(post.paths, row, strict=True)}, "weight": float(w),
         "distance": float(d)}
        for row, w, d in zip(post.samples, post.weights, post.distances, strict=True)
    ]  # fmt: skip
    lohi = post.interval(0.9)
    summary = [
        {"parameter": p, "mean": float(post.mean[j]), "sd": float(post.sd[j]),
         "low_90": float(lohi[j, 0]), "high_90": float(lohi[j, 1])}
        for j, p in enumerate(post.paths)
    ]  # fmt: skip
    gens = [
        {"generation": g, "tolerance": e, "ess": s, "acceptance": a}
        for g, (e, s, a) in enumerate(zip(post.epsilons, post.ess, post.acceptance, strict=False))
    ]
    print(f"\nposterior ({post.simulations} runs; ESS {post.ess[-1]:.0f}):")
    for row in summary:
        print(
            f"  {row['parameter']}: {row['mean']:.4g} (sd {row['sd']:.3g}; 90% "
            f"{row['low_90']:.4g}-{row['high_90']:.4g})"
        )
    print("posterior-predictive check (observed, 90% band):")
    for r in rows:
        mark = "inside" if r["inside"] else "OUTSIDE"
        print(
            f"  {r['moment']:20} {r['observed']:11.4g}  {r['lo']:11.4g} - {r['hi']:<11.4g} {mark}"
        )
    return [
        _write_csv(out / "posterior.csv", particles),
        _write_csv(out / "posterior_summary.csv", summary),
        _write_csv(out / "generations.csv", gens),
        _write_csv(out / "predictive.csv", rows),
    ]


def _fit_summary(
    args: argparse.Namespace, post: Any, rows: list[dict[str, Any]], policy: str
) -> dict[str, Any]:
    lohi = post.interval(0.9)
    return {
        "method": args.method, "policy": policy, "particles": args.particles,
        "generations": len(post.epsilons), "simulations": post.simulations,
        "ess": float(post.ess[-1]), "horizon": args.horizon, "seed": args.seed,
        "draws": args.draws,
        "parameters": [{"path": p, "mean": float(post.mean[j]), "sd": float(post.sd[j]),
                        "low": float(lohi[j, 0]), "high": float(lohi[j, 1])}
                       for j, p in enumerate(post.paths)],
        "predictive": rows,
    }  # fmt: skip


# -- monitor --------------------------------------------------------------------------------


def _with_weights(survey: Survey, path: str) -> Survey:
    import csv
    import dataclasses

    import numpy as np

    with open(path, encoding="utf-8-sig", newline="") as fh:
        given = {r["household_id"]: r.get("weight", "") for r in csv.DictReader(fh)}
    try:
        w = np.array([float(given[h]) for h in survey.household_id])
    except (KeyError, ValueError) as err:
        rule = "weights.csv of 'calibrate' on this survey (a weight for every household)"
        raise ParameterError("--weights", rule, f"{path}: {err}") from None
    if not (np.isfinite(w).all() and (w > 0).all()):
        raise ParameterError("--weights", "finite and > 0 for every household", path)
    return dataclasses.replace(survey, weight=w)


def monitor_command(args: argparse.Namespace) -> int:
    from ..calibration.monitor import ForecastUpdateError, audit, read_rounds, update_forecast
    from ..runs.results import ExperimentResults

    # the forecast run here (no --forecast) draws the uncertain inputs in every future:
    # a value they replace is refused before any work, as robust refuses it; with
    # --forecast nothing is drawn here (the earlier command drew, and refused), and the
    # file's values are only warned of, as every command that reads a scenario does
    scenario = scenario_for(args, warn_drawn=bool(args.forecast))
    policy = args.policy or scenario.policy_names[0]
    inputs = scenario
    if not args.forecast:  # (the policies of a --forecast are those of its own scenario)
        check_policy_names(scenario, (policy,))
        inputs = _inputs_of(scenario, policy)
        refuse_drawn_by(scenario, inputs.uncertainties, args.futures, "--futures")
    loss = scenario.start_year if args.loss_year is None else args.loss_year
    target = loss + 5 if args.target_year is None else args.target_year
    survey = _read_survey(args)
    if args.weights:
        survey = _with_weights(survey, args.weights)
    rounds = read_rounds(args.rounds, survey)
    a = audit(survey, rounds, loss_year=loss, target_year=target)
    forecast = ExperimentResults.from_store(args.forecast) if args.forecast else None
    out = _folder(args, "collective-econ-monitor")
    _fresh(out, args, MONITORING_FILE, () if args.forecast else ("results.sqlite",))
    written = [*ignore_folder(out)]
    written.append(_write_csv(out / "audit.csv", a.table()))
    written.append(_write_csv(out / "off_track.csv", a.off_track))
    _print_audit(a)
    if forecast is None:
        forecast = _experiment(args, inputs, _futures_spec(args, inputs, (policy,)), out)
        written.append(out / "results.sqlite")
    indicators = tuple(args.indicator or ("restored_share",))
    summary: dict[str, Any] = {
        "survey": str(args.survey), "rounds": [str(r) for r in args.rounds],
        "scenario": scenario.name, "loss_year": loss, "target_year": target,
        "years": a.years.tolist(), "households": int(a.observed.sum()),
        "gap_per_person": a.gap_per_person, "gap_total": a.gap_total,
        "off_track": len(a.off_track), "indicators": list(indicators),
        "restored_by": _restored_by(a),
    }  # fmt: skip
    try:
        up = update_forecast(forecast, a, policy=args.policy, indicators=indicators,
                             min_ess=args.min_ess)  # fmt: skip
    except ForecastUpdateError:
        summary["update"] = "refused"
        _write_json(out / MONITORING_FILE, summary)
        raise
    before, after = up.quantiles(prior=True), up.quantiles()
    fan = [
        {"year": int(y),
         **{f"before_p{q}": float(before[i, t]) for i, q in enumerate((5, 50, 95))},
         **{f"after_p{q}": float(after[i, t]) for i, q in enumerate((5, 50, 95))}}
        for t, y in enumerate(up.years.tolist())
    ]  # fmt: skip
    written.append(_write_csv(out / "forecast.csv", fan))
    summary.update(
        policy=up.policy,
        ess=up.ess,
        runs=up.runs,
        observations=[list(o) for o in up.observations],
    )
    line = (
        f"\nforecast of '{up.policy}' reweighted by {len(up.observations)} observations: "
        f"effective sample size {up.ess:.1f} of {up.runs} runs"
    )
    if len(up.years) >= 5:  # the forecast reaches five years after the land loss
        before_p, after_p = up.probability(prior=True), up.probability()
        summary.update(probability_before=before_p, probability_after=after_p)
        line += f"; P(80% restored within 5 years) {before_p:.2f} -> {after_p:.2f}"
    print(line)
    if not args.no_plots:
        written += _charts(out, up, a)
    written.append(_write_json(out / MONITORING_FILE, summary))
    _written(out, written)
    return 0


def _inputs_of(scenario: Scenario, policy: str) -> Scenario:
    """The scenario with the uncertain inputs ``policy`` acts on (the others are dropped)."""
    import dataclasses

    from ..runs.spec import ExperimentSpec, build_design

    keep = []
    for u in _uncertainties(scenario):
        try:
            build_design(scenario, ExperimentSpec(policies=(policy,), uncertainties=(u,)))
        except ParameterError:
            continue
        keep.append(u)
    return dataclasses.replace(scenario, uncertainties=tuple(keep))


def _restored_by(a: Any) -> list[dict[str, Any]]:
    """Share restored at the last round by category, for the report."""
    return [
        {"category": k, "share": s[-1].estimate, "low": s[-1].low, "high": s[-1].high,
         "households": s[-1].n}
        for k, s in a.share.items()
    ]  # fmt: skip


def _print_audit(a: Any) -> None:
    print(f"completion audit: {int(a.observed.sum())} households visited in every round")
    for k, s in a.share.items():
        if s[-1].n and not k.startswith("group"):  # groups: in audit.csv
            cells = ", ".join(
                f"{y} {x.estimate:.2f} ({x.low:.2f}-{x.high:.2f})"
                for y, x in zip(a.years, s, strict=True)
            )
            print(f"  {k:16} {cells}")
    print(
        f"remaining gap {a.gap_per_person:,.0f} yuan/person/yr ({a.gap_total:,.0f} yuan/yr in "
        f"all); {len(a.off_track)} households off track"
    )


def _charts(out: Path, up: Any, a: Any) -> list[Path]:
    import io

    import matplotlib.pyplot as plt

    from ..files import atomic_write
    from ..plotting import find_cjk_font
    from ..plotting.monitoring import monitoring_chart

    paths = []
    langs = (("en", "monitoring.png"), ("zh", "monitoring.zh.png"))
    for lang, name in langs if find_cjk_font() else langs[:1]:  # zh: with a font to draw it
        ax = monitoring_chart(up, a, lang=lang)
        figure = ax.get_figure(root=True)
        assert figure is not None
        png = io.BytesIO()
        figure.savefig(png, format="png", dpi=110)
        plt.close(figure)
        paths.append(atomic_write(out / name, png.getvalue()))
    return paths


COMMANDS = {"calibrate": calibrate_command, "monitor": monitor_command}
"""The verbs of this module, by name, for the dispatcher."""
