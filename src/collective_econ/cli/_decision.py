"""``robust``, ``discover``, ``optimize`` and ``voi``: decisions under deep uncertainty.

Each verb runs on the embedded case (or ``--scenario FILE``) over futures drawn from the
scenario's ``[[uncertainties]]`` (the case's ten ``SIMULATION_UNCERTAINTIES`` when it
has none), prints a short table, and writes CSV tables (and a chart where one exists)
to ``--out DIR``. ``robust``, ``discover`` and ``voi`` keep their runs in the results
store there, so an interrupted command is finished with ``--resume``. The defaults are
small (16 futures x 2 replications, 10 years); the flags give the real sizes.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ParameterError
from ._common import (
    check_policy_names,
    executor_for,
    ignore_folder,
    new_folder,
    positive_int,
    refuse_drawn_by,
    scenario_for,
    seed_and_workers,
)

if TYPE_CHECKING:
    from ..runs.results import ExperimentResults
    from ..runs.spec import ExperimentSpec
    from ..scenario.model import Scenario

__all__ = ["COMMANDS", "add_parsers"]

QUICK_HORIZON = 10
"""Years simulated by default (the scenario's own horizon with ``--horizon``)."""


def _common(p: argparse.ArgumentParser, *, futures: int, store: bool = True) -> None:
    """``--scenario --futures --replications --horizon --seed --workers --out --resume``.

    Without ``store`` (``optimize``): no ``--futures``, ``--replications`` (the racer
    chooses them) or ``--resume``.
    """
    p.add_argument(
        "--scenario", metavar="FILE", help="a scenario file (default: the embedded Caopijie case)"
    )
    if futures:
        p.add_argument(
            "--futures",
            type=positive_int,
            default=futures,
            metavar="N",
            help=f"futures: a Latin hypercube over the uncertain inputs (default {futures}; "
            "the real analysis: 64 or more)",
        )
    if store:
        p.add_argument(
            "--replications",
            type=positive_int,
            default=2,
            metavar="N",
            help="runs per policy and future, common random numbers (default 2; real: 8)",
        )
    p.add_argument(
        "--horizon",
        type=positive_int,
        default=QUICK_HORIZON,
        metavar="YEARS",
        help=f"years simulated (default {QUICK_HORIZON}; the scenario's is 20)",
    )
    seed_and_workers(p)
    out = "the runs' store (results.sqlite), tables and charts" if store else "tables"
    p.add_argument(
        "--out", metavar="DIR", help=f"output folder for {out} (default: a new folder here)"
    )
    if store:
        p.add_argument(
            "--resume",
            action="store_true",
            help="finish the interrupted command in --out DIR, skipping finished runs",
        )


def _criterion(p: argparse.ArgumentParser) -> None:
    """``--outcome --comparison --threshold``; their defaults: ``decision.DEFAULT_CRITERION``.

    Nine in ten landless households back at their former income within 5 years (the
    defaults are written out, not imported: the decision package is slow to import).
    """
    p.add_argument(
        "--outcome",
        default="restored_within_5y",
        metavar="NAME",
        help="the criterion's outcome (default restored_within_5y: share of landless "
        "households back at their former income within 5 years; county_cost_npv: the cost "
        "to the county's own budget, yuan)",
    )
    p.add_argument(
        "--comparison",
        choices=(">=", ">", "<=", "<"),
        default=">=",
        help="the criterion holds when the outcome is COMPARISON THRESHOLD (default >=)",
    )
    p.add_argument(
        "--threshold",
        type=float,
        default=0.9,
        metavar="X",
        help="the criterion's threshold, in the outcome's unit (default 0.9: nine in ten "
        "households)",
    )


def add_parsers(sub: Any) -> None:
    """Add ``robust``, ``discover``, ``optimize`` and ``voi``."""
    rb = sub.add_parser(
        "robust",
        help="which policy satisfies a criterion in most futures, its regret and cost",
        description=(
            "Run policies x futures x replications (common random numbers) and print, per "
            "policy, the share of futures in which the criterion holds (Wilson interval), "
            "the mean and maximum regret, the extra public cost (county and higher levels), "
            "and a verdict; then the cost to the county's own budget (by the scenario's "
            "[funding] shares): expected, extra, worst and best future, maximum regret. "
            "--outcome county_cost_npv --comparison '<=' judges the county's own cost. "
            "Writes robustness.csv, robustness_cost.png and decision.html."
        ),
    )
    _common(rb, futures=16)
    _criterion(rb)
    rb.add_argument(
        "--policy", action="append", metavar="NAME", help="compare this policy (repeatable)"
    )
    rb.add_argument("--no-plots", action="store_true", help="write tables only")
    _lang(rb)

    dc = sub.add_parser(
        "discover",
        help="under which conditions a policy fails its criterion (PRIM boxes, in words)",
        description=(
            "Run one policy over futures x replications and find, with PRIM, the box of "
            "inputs in which the criterion fails (coverage, density, bootstrap stability, "
            "holdout), written as sentences in English and Chinese. Writes discovery.csv "
            "and decision.html."
        ),
    )
    _common(dc, futures=64)
    _criterion(dc)
    dc.add_argument(
        "--policy",
        default="full package",
        metavar="NAME",
        help="the policy examined (default 'full package')",
    )
    dc.add_argument(
        "--resamples",
        type=positive_int,
        default=20,
        metavar="N",
        help="bootstrap resamples for the box's stability (default 20; real: 50)",
    )
    dc.add_argument(
        "--drop-straddling",
        action="store_true",
        help="leave out futures whose interval straddles the threshold",
    )
    _lang(dc)

    op = sub.add_parser(
        "optimize",
        help="the lever values that best serve an objective under chance constraints",
        description=(
            "Search one to three levers of a policy within bounds, by common-random-number "
            "racing, for the best mean of an objective subject to chance constraints such "
            "as 'fiscal_cost_npv<=6e8@0.95' (the net public cost, county and higher levels, "
            "within 600 million yuan with probability 0.95) or 'county_cost_npv<=0@0.95' "
            "(the county's own budget, by the scenario's [funding] shares, not out of "
            "pocket). Writes optimum.csv and candidates.csv. The racer keeps no store: an "
            "interrupted search starts again."
        ),
    )
    _common(op, futures=0, store=False)
    op.add_argument(
        "--policy",
        default="80% shares",
        metavar="NAME",
        help="the policy whose levers move (default '80%% shares')",
    )
    op.add_argument(
        "--lever",
        action="append",
        metavar="PATH=LOW:HIGH",
        help="a lever and its bounds, e.g. land_shares.share_fraction=0.1:0.9 (repeatable, "
        "up to 3; default that one)",
    )
    op.add_argument(
        "--objective",
        default="restored_within_5y",
        metavar="OUTCOME",
        help="the outcome whose mean is optimised (default restored_within_5y; "
        "county_cost_npv with --minimize: the cost to the county's own budget)",
    )
    op.add_argument("--minimize", action="store_true", help="minimise it (default: maximise)")
    op.add_argument(
        "--constraint",
        action="append",
        metavar="OUTCOME<=BOUND@P",
        help="a chance constraint, P(OUTCOME <= BOUND) >= P (or >=), e.g. "
        "fiscal_cost_npv<=6e8@0.95 or county_cost_npv<=0@0.95 (repeatable)",
    )
    op.add_argument(
        "--budget-runs",
        type=positive_int,
        default=64,
        metavar="N",
        help="evaluations the racer may use, at least 64 (default 64; real: 300 to 1500)",
    )

    vp = sub.add_parser(
        "voi",
        help="what is worth measuring before choosing a policy: EVPI and EVPPI per input",
        description=(
            "Run policies x futures x replications and estimate the expected value of "
            "perfect information (EVPI) of the choice between the policies, and the "
            "partial value (EVPPI) of each uncertain input, net benefit = WTP x restored "
            "households - cost (--cost: the net public cost, county and higher levels, by "
            "default; county_cost_npv: the county's own budget's part). Writes voi.csv and "
            "decision.html."
        ),
    )
    _common(vp, futures=32)
    vp.add_argument(
        "--policy",
        action="append",
        metavar="NAME",
        help="a policy chosen between (repeatable, at least two; default all)",
    )
    vp.add_argument(
        "--wtp",
        type=float,
        default=3e5,
        metavar="YUAN",
        help="yuan the county would pay per restored household (default 300000)",
    )
    vp.add_argument(
        "--unit",
        choices=("yuan", "households"),
        default="yuan",
        help="net benefit in yuan (default) or in restored households",
    )
    vp.add_argument(
        "--outcome",
        default="restored_within_5y",
        metavar="NAME",
        help="the share outcome counted as benefit (default restored_within_5y)",
    )
    vp.add_argument(
        "--cost",
        choices=("fiscal_cost_npv", "county_cost_npv"),
        default="fiscal_cost_npv",
        help="the cost subtracted: fiscal_cost_npv (default), the net public cost of county "
        "and higher levels; county_cost_npv, the part the county's own budget carries (by "
        "the scenario's [funding] shares)",
    )
    _lang(vp)


def _lang(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        choices=("en", "zh"),
        default="en",
        help="language of decision.html (default en; zh: Chinese)",
    )


# -- shared steps ---------------------------------------------------------------------------


def _uncertainties(scenario: Scenario) -> tuple[Any, ...]:
    from ..cases.caopijie import SIMULATION_UNCERTAINTIES

    return tuple(scenario.uncertainties) or tuple(SIMULATION_UNCERTAINTIES)


def _folder(args: argparse.Namespace, base: str) -> Path:
    if getattr(args, "resume", False) and not args.out:
        raise ParameterError("--resume", "given with --out DIR (the interrupted run)", None)
    out = Path(args.out) if args.out else new_folder(base)
    args.out = str(out)  # for the resume hint on Ctrl-C
    out.mkdir(parents=True, exist_ok=True)
    return out


def _futures_spec(
    args: argparse.Namespace, scenario: Scenario, policies: Sequence[str]
) -> ExperimentSpec:
    """Policies x futures x replications with common random numbers, checked before any work.

    Unknown policy names and the values of the file its futures would replace are
    refused here, before the output folder is made.
    """
    from ..runs.spec import ExperimentSpec

    check_policy_names(scenario, policies)
    spec = ExperimentSpec(
        policies=tuple(policies),
        uncertainties=_uncertainties(scenario),
        design="lhs",
        samples=args.futures,
        replications=args.replications,
        horizon_years=args.horizon,
        seed=args.seed,
        common_seeds=True,
    )
    refuse_drawn_by(scenario, spec.uncertainties, args.futures, "--futures")
    return spec


def _experiment(
    args: argparse.Namespace, scenario: Scenario, spec: ExperimentSpec, out: Path
) -> ExperimentResults:
    """The experiment ``spec`` (:func:`_futures_spec`) run, stored in ``out``."""
    from tqdm import tqdm

    from ..runs.experiment import run_experiment
    from ..runs.spec import build_design

    policies = spec.policies
    total = build_design(scenario, spec).runs(spec.replications)
    print(
        f"{scenario.name}: {len(policies)} polic{'y' if len(policies) == 1 else 'ies'} x "
        f"{args.futures} futures x "
        f"{args.replications} replications, {args.horizon} years (seed {args.seed}) -> {out}/"
    )
    with (
        executor_for(args) as executor,
        tqdm(
            total=total, unit="run", desc="simulating", file=sys.stderr, dynamic_ncols=True
        ) as bar,
    ):
        return run_experiment(
            scenario,
            spec,
            executor=executor,
            store=out,
            resume=args.resume,
            progress=bar.update,
        )


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    from ..files import atomic_open
    from ..units import write_csv_rows

    fields = list(rows[0]) if rows else ["empty"]
    with atomic_open(path) as fh:  # whole or not at all
        write_csv_rows(fh, fields, ([row.get(k, "") for k in fields] for row in rows))
    return path


def _write_json(path: Path, data: dict[str, Any]) -> Path:
    import json

    from ..files import atomic_write

    text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    return atomic_write(path, text.encode("utf-8"))


def _written(out: Path, paths: list[Path]) -> None:
    print(f"\nwrote {len(paths)} files to {out}/: " + ", ".join(p.name for p in paths))


def _page(out: Path, lang: str, scenario: str, **results: Any) -> Path:
    from ..files import atomic_write
    from ..report.decision import decision_page

    page = decision_page(lang=lang, scenario=scenario, **results)
    return atomic_write(out / "decision.html", page.encode("utf-8"))


def _criterion_of(args: argparse.Namespace) -> Any:
    from ..decision.robustness import Criterion

    return Criterion(args.outcome, args.comparison, args.threshold)


# -- the verbs --------------------------------------------------------------------------------


def robust_command(args: argparse.Namespace) -> int:
    from ..decision.robustness import COST_OUTCOME, COUNTY_COST, outcome_values, robustness
    from ..files import atomic_write
    from ..runs.comparison import compared_with
    from ..seeding import as_seed_sequence, stream

    scenario = scenario_for(args, warn_drawn=False)  # refused below
    criterion = _criterion_of(args)  # a bad criterion fails before any run
    names = tuple(args.policy or scenario.policy_names)
    spec = _futures_spec(args, scenario, names)
    out = _folder(args, "collective-econ-robust")
    res = _experiment(args, scenario, spec, out)
    result = robustness(
        outcome_values(res, criterion.outcome, scenario.funding),
        res.sel(COST_OUTCOME),
        criterion,
        county_costs=outcome_values(res, COUNTY_COST, scenario.funding),
        policies=res.policies,
        seed=stream(as_seed_sequence(args.seed), "robustness bootstrap"),
        resample="futures and replications",
    )  # as decision.robust(common_seeds=True) on the same runs
    print()
    base = compared_with(scenario.baseline, result.policies)  # the report's extra-cost base
    print(result.format(base))
    written = [out / "results.sqlite", *ignore_folder(out)]
    written.append(_write_csv(out / "robustness.csv", result.table(baseline=base)))
    summary = {  # what the run's report needs beyond the table (its "Robust choice" section)
        "criterion": {
            "outcome": criterion.outcome,
            "comparison": criterion.comparison,
            "threshold": criterion.threshold,
            "direction": criterion.direction,
        },
        "futures": result.futures,
        "replications": result.replications,
        "horizon_years": len(res.years),
        "confidence": result.confidence,
        "baseline": base,
        "ranking": list(result.ranking),
        "indistinguishable": list(result.indistinguishable()),
        "minimax": result.minimax,
        "funding": dataclasses.asdict(scenario.funding),  # the county's share of each item
    }
    written.append(_write_json(out / "robustness.json", summary))
    if not args.no_plots:
        import matplotlib.pyplot as plt

        from ..plotting.decision import robustness_cost_figure

        figure = robustness_cost_figure(result, baseline=base)  # the county's own cost first
        png = io.BytesIO()
        figure.savefig(png, format="png", dpi=120)
        plt.close(figure)
        written.append(atomic_write(out / "robustness_cost.png", png.getvalue()))
    written.append(_page(out, args.lang, scenario.name, robustness=result, baseline=base,
                         horizon_years=len(res.years), scenario_horizon=scenario.horizon_years,
                         funding=scenario.funding))  # fmt: skip
    _written(out, written)
    return 0


def discover_command(args: argparse.Namespace) -> int:
    from ..decision.discovery import discover
    from ..files import atomic_write
    from ..plotting.labels import POLICY_NAMES_ZH

    scenario = scenario_for(args, warn_drawn=False)  # refused below
    criterion = _criterion_of(args)
    spec = _futures_spec(args, scenario, (args.policy,))
    out = _folder(args, "collective-econ-discover")
    res = _experiment(args, scenario, spec, out)
    found = discover(
        res,
        args.policy,
        criterion,
        subject=f"'{args.policy}'",
        subject_zh=f"“{POLICY_NAMES_ZH.get(args.policy, args.policy)}”",
        funding=scenario.funding,
        drop_straddling=args.drop_straddling,
        resamples=args.resamples,
        seed=args.seed,
    )
    print(f"\nWhere '{args.policy}' fails {criterion.describe()}:")
    print(found)
    box = found.box
    rows = []
    for name in box.restricted:
        lo, hi = box.bounds(name)
        rows.append(
            {
                "input": name,
                "lower": "" if lo is None else lo,
                "upper": "" if hi is None else hi,
                "coverage": box.coverage,
                "density": box.density,
                "stability": found.stability,
                "holdout_coverage": found.holdout_coverage,
                "holdout_density": found.holdout_density,
            }
        )
    written = [out / "results.sqlite", *ignore_folder(out)]
    written.append(_write_csv(out / "discovery.csv", rows))
    sentences = found.sentence("en") + "\n" + found.sentence("zh") + "\n"
    written.append(atomic_write(out / "discovery.txt", sentences.encode("utf-8")))
    written.append(_page(out, args.lang, scenario.name, discovery=found))
    _written(out, written)
    return 0


def voi_command(args: argparse.Namespace) -> int:
    from ..decision.voi import voi

    scenario = scenario_for(args, warn_drawn=False)  # refused below
    names = tuple(args.policy or scenario.policy_names)
    if len(set(names)) < 2:
        raise ParameterError("--policy", "at least two different policies (or none: all)", names)
    spec = _futures_spec(args, scenario, names)
    out = _folder(args, "collective-econ-voi")
    res = _experiment(args, scenario, spec, out)
    result = voi(res, names, wtp=args.wtp, unit=args.unit, benefit=args.outcome, cost=args.cost,
                 seed=args.seed, funding=scenario.funding)  # fmt: skip
    print()
    print(result.format())
    written = [out / "results.sqlite", *ignore_folder(out)]
    written.append(_write_csv(out / "voi.csv", result.table()))
    summary = {
        "policies": list(result.policies),
        "futures": result.futures,
        "best": result.best,
        "evpi": result.evpi,
        "evpi_se": result.evpi_se,
        "unit": result.unit,
        "cost": result.cost,
    }
    written.append(_write_json(out / "voi.json", summary))
    written.append(_page(out, args.lang, scenario.name, voi=result))
    _written(out, written)
    return 0


def _lever(text: str) -> Any:
    from ..decision.optimize import Lever

    path, eq, bounds = text.partition("=")
    low, colon, high = bounds.partition(":")
    try:
        if not (eq and colon):
            raise ValueError
        lo, hi = float(low), float(high)
    except ValueError:
        raise ParameterError(
            "--lever", "PATH=LOW:HIGH, e.g. land_shares.share_fraction=0.1:0.9", text
        ) from None
    return Lever(path.strip(), lo, hi)


def _constraint(text: str) -> Any:
    from ..decision.optimize import Constraint

    body, at, prob = text.partition("@")
    for op in ("<=", ">="):
        outcome, found, bound = body.partition(op)
        if found:
            try:
                value, p = float(bound), float(prob) if at else 0.95
            except ValueError:
                break
            return Constraint(outcome.strip(), op, value, p)
    raise ParameterError(
        "--constraint",
        "OUTCOME<=BOUND@P or OUTCOME>=BOUND@P, e.g. fiscal_cost_npv<=6e8@0.95",
        text,
    )


class _Counting(Executor):
    """Runs tasks on ``inner`` (or in this process) and counts the runs each returns."""

    def __init__(self, inner: Executor | None, tick: Callable[[int], object]) -> None:
        self._inner, self._tick = inner, tick
        self._max_workers = getattr(inner, "_max_workers", 1)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if self._inner is not None:
            fut = self._inner.submit(fn, *args, **kwargs)
        else:
            fut = Future()
            try:
                fut.set_result(fn(*args, **kwargs))
            except Exception as err:
                fut.set_exception(err)
        fut.add_done_callback(self._done)
        return fut

    def _done(self, fut: Future[Any]) -> None:
        if not fut.cancelled() and fut.exception() is None and isinstance(fut.result(), list):
            self._tick(len(fut.result()))


def optimize_command(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ..decision.optimize import Objective, optimize

    scenario = scenario_for(args)
    check_policy_names(scenario, (args.policy,))
    levers = [_lever(t) for t in args.lever or ["land_shares.share_fraction=0.1:0.9"]]
    objective = Objective(args.objective, "minimize" if args.minimize else "maximize")
    constraints = [_constraint(t) for t in args.constraint or []]
    out = _folder(args, "collective-econ-optimize")
    print(
        f"{scenario.name}: '{args.policy}', {len(levers)} lever(s), {args.budget_runs} racer "
        f"runs, {args.horizon} years (seed {args.seed}) -> {out}/"
    )
    with (
        executor_for(args) as executor,
        tqdm(unit="run", desc="simulating", file=sys.stderr, dynamic_ncols=True) as bar,
    ):
        best = optimize(
            scenario,
            args.policy,
            levers,
            objective,
            constraints,
            budget_runs=args.budget_runs,
            seed=args.seed,
            horizon_years=args.horizon,
            executor=_Counting(executor, bar.update),
        )
    print()
    print(best.format())
    row: dict[str, Any] = dict(best.as_dict())
    lo, hi = best.value_ci
    row.update({"objective": args.objective, "value": best.value, "value_low": lo})
    row.update({"value_high": hi, "feasible": best.feasible, "replications": best.replications})
    row.update({"racer_runs": best.runs, "simulated_runs": best.simulated})
    for c, p in zip(constraints, best.probabilities, strict=True):
        row[f"P({c.outcome} {c.comparison} {c.bound:g})"] = float(p)
    candidates = [
        {
            **{lv.path: float(v) for lv, v in zip(best.levers, x, strict=True)},
            "mean": float(m),
            "replications": int(n),
        }
        for x, m, n in zip(
            best.candidates.reshape(len(best.candidates), -1),
            best.means,
            best.replications_each,
            strict=True,
        )
    ]
    written = [*ignore_folder(out), _write_csv(out / "optimum.csv", [row])]
    written.append(_write_csv(out / "candidates.csv", candidates))
    _written(out, written)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "robust": robust_command,
    "discover": discover_command,
    "optimize": optimize_command,
    "voi": voi_command,
}
