"""``collective-econ run``: simulate every policy, compare them, write tables and plots."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import CollectiveEconError, ParameterError
from ._common import (
    PLOT_REPLICATIONS,
    ClusterError,
    case_notes,
    check_policy_names,
    executor_for,
    ignore_folder,
    new_folder,
    nonnegative_int,
    positive_int,
    refuse_drawn,
    scenario_for,
)

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> None:
    """Add ``run`` to the sub-command parsers."""
    rp = sub.add_parser(
        "run",
        help="simulate landless households under every policy and compare them (the main job)",
        description=(
            "Simulate the default case's landless households month by month under each "
            "policy, with common random numbers; print a comparison table; write CSV tables "
            "(results only; timings go to metadata.json) and plots to an output folder. Runs "
            "are committed one by one to results.sqlite there, so an interrupted run can be "
            "finished with --resume."
        ),
    )
    rp.add_argument(
        "scenario",
        nargs="?",
        metavar="SCENARIO.toml",
        help="a scenario file (default: the embedded Caopijie case)",
    )
    rp.add_argument(
        "--replications",
        type=positive_int,
        default=None,
        metavar="N",
        help="runs per policy and sample (default: the scenario's [experiment])",
    )
    rp.add_argument(
        "--samples",
        type=positive_int,
        default=None,
        metavar="N",
        help="draws of the scenario's uncertain inputs (default: the scenario's [experiment]: "
        "20 for the embedded case; 1: every input at its value, random events only)",
    )
    rp.add_argument(
        "--seed",
        type=nonnegative_int,
        default=None,
        metavar="S",
        help="root random seed (default: the scenario's [experiment], 2010)",
    )
    rp.add_argument(
        "--out",
        metavar="DIR",
        help="output folder (default: a new folder collective-econ-run[-N] here)",
    )
    rp.add_argument(
        "--policy",
        action="append",
        metavar="NAME",
        help="compare only this policy (repeatable); default: all",
    )
    rp.add_argument(
        "--money",
        choices=("real", "nominal"),
        default="real",
        help="show incomes in real yuan of the base year (default) or in nominal yuan of "
        "each year (the scenario's [prices] index)",
    )
    rp.add_argument(
        "--horizon",
        type=positive_int,
        default=None,
        metavar="YEARS",
        help="years to simulate (default: the scenario's, 20)",
    )
    rp.add_argument(
        "--workers",
        type=positive_int,
        default=None,
        metavar="N",
        help="worker processes (default: the scenario's [experiment], 1: in this process)",
    )
    rp.add_argument(
        "--dask-scheduler",
        metavar="ADDRESS",
        help="run on a Dask cluster you control (it runs pickled code): tcp://host:8786, or "
        "tls://host:8786 with the Dask config's certificates; needs collective_econ[dask]",
    )
    rp.add_argument(
        "--dask-no-workers-timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="give up, keeping finished runs, after this long with no Dask worker (default 60)",
    )
    rp.add_argument(
        "--resume",
        action="store_true",
        help="finish the interrupted run in --out DIR, skipping finished runs",
    )
    rp.add_argument(
        "--overwrite",
        action="store_true",
        help="replace the outputs of another run in --out DIR (only the files a run writes)",
    )
    rp.add_argument("--no-plots", action="store_true", help="write tables only")
    rp.add_argument(
        "--lang",
        choices=("en", "zh"),
        default="en",
        help="language of the report and the plots (default en; zh: Chinese)",
    )


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ..report.outputs import write_outputs
    from ..resources import cap_workers
    from ..runs.alerts import warnings_for
    from ..runs.comparison import compared_with
    from ..runs.decision import format_decision
    from ..runs.executors import ClusterError as RemoteClusterError
    from ..runs.experiment import run_experiment
    from ..runs.folder import check_output_folder
    from ..runs.spec import build_design, main_spec
    from ..runs.store import STORE_FILE, content_hash
    from ..scenario.model import uncompensated_warning

    scenario = scenario_for(args, warn_drawn=False)
    args.replications = args.replications or scenario.experiment.replications
    names = tuple(args.policy or scenario.policy_names)
    check_policy_names(scenario, names)  # unknown names fail before any work
    refuse_drawn(scenario, names, args.samples)  # so do values the draws would replace
    if args.resume and not args.out:
        raise ParameterError("--resume", "given with --out DIR (the interrupted run)", None)
    out = Path(args.out) if args.out else new_folder()
    args.out = str(out)  # for the resume hint on Ctrl-C
    for note in check_output_folder(
        out, scenario_hash=content_hash(scenario), resume=args.resume, overwrite=args.overwrite
    ):  # another run's outputs are refused, never mixed in or overwritten silently
        print(note, file=sys.stderr)
    spec = main_spec(
        scenario,
        names,
        samples=args.samples,
        replications=args.replications,
        horizon_years=args.horizon,
        seed=args.seed,
        panels=PLOT_REPLICATIONS,
    )
    total = build_design(scenario, spec).runs(spec.replications)
    args.workers = args.workers if args.dask_scheduler else cap_workers(args.workers, total)[0]
    drawn = (
        f"{spec.n_samples} samples of {len(spec.uncertainties)} uncertain inputs "
        f"({spec.design}) x "
        if spec.uncertainties
        else f"{spec.n_samples} samples x "
        if spec.n_samples > 1
        else ""
    )
    reps = f"{args.replications} replication{'s' * (args.replications != 1)}"
    print(f"{scenario.name}: {len(names)} policies x {drawn}{reps} (seed {args.seed}) -> {out}/")
    warning = uncompensated_warning(scenario)
    if warning:
        print(warning, file=sys.stderr)
    with (
        executor_for(args) as executor,
        tqdm(
            total=total, unit="run", desc="simulating", file=sys.stderr, dynamic_ncols=True
        ) as bar,
    ):
        try:
            results = run_experiment(
                scenario,
                spec,
                executor=executor,
                store=out,
                resume=args.resume,
                progress=bar.update,
            )
        except RemoteClusterError as err:
            raise ClusterError(
                f"{err}; finished runs are kept in {out}: add --resume to finish"
            ) from None
        except CollectiveEconError:
            raise
        except Exception as err:
            if not args.dask_scheduler:
                raise
            raise ClusterError(
                f"the Dask cluster at {args.dask_scheduler} failed: {str(err).splitlines()[0]} "
                "(is collective_econ installed on the scheduler and every worker?); finished "
                f"runs are kept in {out}: add --resume to finish"
            ) from err
    print()
    base_year = scenario.prices.base_year
    money = f"real {base_year} yuan" if args.money == "real" else "nominal yuan of each year"
    print(f"Landless households' income per person (mean, {money}); restored = 3-year mean")
    print("income back at the pre-expropriation level within 5 years (sustained rule); poor =")
    print("below 2,300 yuan/person/yr; better off = share of households better off than under")
    base = compared_with(scenario.baseline, names)  # as differences.csv and the report
    print(f"'{base}' (paired); extra cost = the government's net cost beyond '{base}', NPV at 8%.")
    print(results.format_headline(base, money=args.money, prices=scenario.prices))
    runs = f"{spec.n_samples} input samples x {reps}" if spec.n_samples > 1 else reps
    print()
    print(f"Decision table: mean over the runs ({runs}), 95% CI in brackets below;")
    print("worst-year poverty with its most frequent year; years 11+ = year 11 to the end.")
    print(format_decision(results.decision_table(base, funding=scenario.funding)))
    for line in warnings_for(scenario, results):
        print(f"warning: {line}")
    written = [out / STORE_FILE, *ignore_folder(out)]
    written += write_outputs(
        out,
        scenario,
        results,
        seed=spec.seed,
        lang=args.lang,
        money=args.money,
        plots=not args.no_plots,
        case_notes=None if args.no_plots else case_notes(scenario),
    )  # each file through a temporary file, then renamed; the completion marker last
    if not args.no_plots:
        kept = len(spec.panels) // len(names)
        print(f"(plots drawn from {kept} {'runs' if spec.n_samples > 1 else 'replications'})")
    print(f"\nwrote {len(written)} files to {out}/: " + ", ".join(p.name for p in written))
    return 0
