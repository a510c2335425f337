"""The ``collective-econ`` command line.

Every sub-command runs on the embedded Caopijie case unless told otherwise.
Errors the library raises on purpose are printed as one line on stderr, and
the command exits with status 2; nothing is printed as a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ._version import __version__
from .errors import CollectiveEconError, MissingDependencyError, ParameterError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["main"]


class ClusterError(CollectiveEconError, RuntimeError):
    """A remote executor (a Dask cluster) failed."""


def _nonnegative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def _rate(text: str) -> float:
    """A discount rate as a fraction (``0.08``), or a percentage written with ``%`` (``8%``).

    A bare number above 1 is refused later, with a hint (:func:`_check_rate`).
    """
    percent = text.strip().endswith("%")
    try:
        value = float(text.strip().rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a number such as 0.08 or 8%, got {text!r}"
        ) from None
    return value / 100 if percent else value


def _check_rate(rate: float) -> float:
    """Refuse a rate above 1 a year: ``--rate 8`` would mean 800%."""
    if not math.isfinite(rate) or rate <= -1:
        raise ParameterError("rate", "finite and > -1", rate)
    if rate > 1:
        rule = (
            f"a fraction a year such as 0.08 (did you mean {rate / 100:g}, i.e. {rate:g}%? "
            f"write --rate {rate / 100:g} or --rate {rate:g}%)"
        )
        raise ParameterError("--rate", rule, rate)
    return rate


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``collective-econ`` (exposed for the docs and tests)."""
    parser = argparse.ArgumentParser(
        prog="collective-econ",
        description=(
            "Appraise and simulate the economics of a community whose farmers lose their "
            "land (default: Caopijie, Yun County, Yunnan)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

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
        type=_positive_int,
        default=None,
        metavar="N",
        help="runs per policy (default: the scenario's [experiment], 10)",
    )
    rp.add_argument(
        "--seed",
        type=_nonnegative_int,
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
        type=_positive_int,
        default=None,
        metavar="YEARS",
        help="years to simulate (default: the scenario's, 20)",
    )
    rp.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        metavar="N",
        help="worker processes (default: the scenario's [experiment], 1: in this process)",
    )
    rp.add_argument(
        "--dask-scheduler",
        metavar="ADDRESS",
        help="run on a Dask cluster (e.g. tcp://127.0.0.1:8786); needs collective_econ[dask]",
    )
    rp.add_argument(
        "--resume",
        action="store_true",
        help="finish the interrupted run in --out DIR, skipping finished runs",
    )
    rp.add_argument("--no-plots", action="store_true", help="write tables only")
    rp.add_argument(
        "--lang",
        choices=("en", "zh"),
        default="en",
        help="language of the report and the plots (default en; zh: Chinese)",
    )

    rep = sub.add_parser(
        "report",
        help="write the self-contained HTML report of a finished run",
        description=(
            "Write report.html (one self-contained file: findings, plots, appraisal, "
            "assumption register, notes on the case's figures) for the run in DIR."
        ),
    )
    rep.add_argument("folder", metavar="DIR", help="the output folder of 'collective-econ run'")
    rep.add_argument(
        "--lang",
        choices=("en", "zh"),
        default="en",
        help="language of the report and its plots (default en; zh: Chinese)",
    )

    ip = sub.add_parser(
        "init",
        help="write the default scenario as a commented TOML file to edit",
        description="Write the embedded Caopijie scenario, with units and sources as comments.",
    )
    ip.add_argument("path", metavar="FILE.toml")
    ip.add_argument("--force", action="store_true", help="overwrite an existing file")
    vp = sub.add_parser(
        "validate",
        help="check a scenario file and list every problem with its location",
        description=(
            "Check a scenario file: syntax, types, unknown keys (with a 'did you mean'), "
            "out-of-range values, policies, distributions and correlations. Lists every "
            "problem with its table, key and line; exits 1 if there is any."
        ),
    )
    vp.add_argument("path", metavar="FILE.toml")

    sp = sub.add_parser(
        "sensitivity",
        help="which uncertain inputs drive an outcome: tornado, Morris or Sobol",
        description=(
            "Sensitivity of an outcome to its uncertain inputs. OUTCOME is a scalar outcome of "
            "the household simulation (default mean_income_total, under --policy, with ten "
            "uncertain inputs of the schemes) or SCHEME:STAKEHOLDER for the NPV of a scheme's "
            "appraisal (e.g. hotel:households, with the scheme's own uncertain inputs)."
        ),
    )
    sp.add_argument(
        "--method",
        choices=("tornado", "morris", "sobol"),
        default="tornado",
        help="one-at-a-time swings (default), Morris elementary effects, or Sobol",
    )
    sp.add_argument(
        "--outcome",
        default="mean_income_total",
        metavar="NAME",
        help="a simulation outcome or SCHEME:STAKEHOLDER (default mean_income_total)",
    )
    sp.add_argument(
        "--policy",
        default="full package",
        metavar="NAME",
        help="policy simulated for a simulation outcome (default 'full package')",
    )
    sp.add_argument(
        "--samples",
        type=_positive_int,
        default=None,
        metavar="N",
        help="Morris trajectories (default 10) or Sobol base sample, a power of two (default 64)",
    )
    sp.add_argument(
        "--threshold",
        type=float,
        default=None,
        metavar="X",
        help="with tornado: also the switching values at which the outcome crosses X",
    )
    sp.add_argument(
        "--horizon",
        type=_positive_int,
        default=None,
        metavar="YEARS",
        help="years simulated (default: the scenario's, 20)",
    )
    sp.add_argument(
        "--workers",
        type=_positive_int,
        default=1,
        metavar="N",
        help="worker processes (default 1)",
    )
    sp.add_argument(
        "--seed",
        type=_nonnegative_int,
        default=2010,
        metavar="S",
        help="root random seed (default 2010)",
    )
    sp.add_argument(
        "--out",
        metavar="DIR",
        help="output folder (default: a new folder collective-econ-sensitivity[-N])",
    )

    ap = sub.add_parser(
        "appraise",
        help="mean NPV, its 5-95%% range and P(loss) of every scheme per stakeholder",
        description=(
            "For every scheme of the default case, print per stakeholder the Monte Carlo "
            "mean NPV with its 5-95% range and P(NPV < 0), the IRR and payback of the mean "
            "flows, and the NPV at default inputs (with --samples 0: the value at default "
            "inputs only, expected flows)."
        ),
    )
    ap.add_argument(
        "--scheme",
        action="append",
        metavar="NAME",
        help="appraise only this scheme (repeatable); default: all",
    )
    ap.add_argument(
        "--samples",
        type=_nonnegative_int,
        default=1000,
        metavar="N",
        help="Monte Carlo samples per scheme (0: expected flows at default inputs only; "
        "default 1000)",
    )
    ap.add_argument(
        "--seed",
        type=_nonnegative_int,
        default=2010,
        metavar="S",
        help="root random seed (default 2010)",
    )
    ap.add_argument(
        "--rate",
        type=_rate,
        default=None,
        metavar="R",
        help="real discount rate as a fraction, 0.08, or a percentage, 8%% (default 0.08, "
        "China's social discount rate)",
    )
    ap.add_argument(
        "--horizon",
        type=int,
        default=20,
        metavar="YEARS",
        help="years after the start year (default 20)",
    )
    ap.add_argument("--csv", metavar="PATH", help="also write the table as CSV to PATH")

    sub.add_parser(
        "check-case",
        help="check the case report's figures against each other",
        description=(
            "List the figures of the Caopijie report that do not add up, with the arithmetic."
        ),
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _dispatch(parser, args)
    except KeyboardInterrupt:
        print(_interrupted(args, sys.argv[1:] if argv is None else list(argv)), file=sys.stderr)
        return 130


def _interrupted(args: argparse.Namespace, argv: list[str]) -> str:
    """The one line printed on Ctrl-C: for ``run``, the command that finishes the run."""
    import shlex

    head = f"collective-econ {args.command}: interrupted"
    if args.command != "run" or not getattr(args, "out", None):
        return head
    keep: list[str] = []
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word == "--out":
            skip = True
        elif not (word.startswith("--out=") or word == "--resume"):
            keep.append(word)
    again = shlex.join(["collective-econ", *keep, "--out", str(args.out), "--resume"])
    return f"{head}; finished runs are kept in {args.out}/: finish with {again}"


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    try:
        if args.command == "run":
            return _run(args)
        if args.command == "report":
            return _report(args)
        if args.command == "init":
            return _init(args)
        if args.command == "validate":
            return _validate(args)
        if args.command == "sensitivity":
            return _sensitivity(args)
        if args.command == "appraise":
            return _appraise(args)
        if args.command == "check-case":
            return _check_case()
    except CollectiveEconError as err:
        print(f"collective-econ {args.command}: error: {err}", file=sys.stderr)
        return 2
    except OSError as err:  # a file or folder that cannot be written or read
        what = f"{err.strerror}: {err.filename}" if err.filename else str(err)
        print(f"collective-econ {args.command}: error: {what}", file=sys.stderr)
        return 2
    parser.error(f"unknown command {args.command!r}")  # pragma: no cover
    return 2  # pragma: no cover


def _new_folder(base: str = "collective-econ-run") -> Path:
    path = Path(base)
    n = 1
    while path.exists():
        n += 1
        path = Path(f"{base}-{n}")
    return path


def _ignore_folder(out: Path) -> Path:
    """Write ``out/.gitignore`` so that an output folder inside a repository stays out of git."""
    path = out / ".gitignore"
    path.write_text(
        "# written by collective-econ run: outputs, not sources\n*\n", encoding="utf-8"
    )
    return path


PLOT_REPLICATIONS = 20
"""Replications whose household panels are kept for the plots."""


def _executor(args: argparse.Namespace) -> contextlib.AbstractContextManager[Any]:
    """The executor the flags ask for, as a context manager (None: in this process)."""
    if getattr(args, "dask_scheduler", None):
        try:
            from distributed import Client
        except ImportError:
            raise MissingDependencyError(
                "--dask-scheduler needs Dask: pip install 'collective_econ[dask]'"
            ) from None
        return _dask_executor(Client(args.dask_scheduler))  # type: ignore[no-untyped-call]
    if args.workers > 1:
        from .runs.executors import process_pool

        return process_pool(args.workers)
    return contextlib.nullcontext(None)


@contextlib.contextmanager
def _dask_executor(client: Any) -> Iterator[Any]:
    try:
        yield client.get_executor()
    finally:
        client.close()


def _run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .cases.caopijie import default_scenario
    from .runs.alerts import warnings_for
    from .runs.decision import format_decision
    from .runs.experiment import run_experiment
    from .runs.results import RunId
    from .runs.spec import ExperimentSpec, build_design
    from .runs.store import STORE_FILE
    from .scenario import load_scenario, save_scenario
    from .scenario.model import uncompensated_warning

    scenario = load_scenario(args.scenario) if args.scenario else default_scenario()
    settings = scenario.experiment
    args.replications = args.replications or settings.replications
    args.seed = settings.seed if args.seed is None else args.seed
    args.workers = args.workers or settings.workers
    names = tuple(args.policy or scenario.policy_names)
    for name in names:
        scenario.policy(name)  # unknown names fail before any work
    if args.resume and not args.out:
        raise ParameterError("--resume", "given with --out DIR (the interrupted run)", None)
    out = Path(args.out) if args.out else _new_folder()
    args.out = str(out)  # for the resume hint on Ctrl-C
    kept = min(args.replications, PLOT_REPLICATIONS)
    spec = ExperimentSpec(
        policies=names,
        replications=args.replications,
        horizon_years=args.horizon,
        seed=args.seed,
        panels=tuple(RunId(p, 0, r) for p in range(len(names)) for r in range(kept)),
    )
    total = build_design(scenario, spec).runs(spec.replications)
    print(
        f"{scenario.name}: {len(names)} policies x {args.replications} replications "
        f"(seed {args.seed}) -> {out}/"
    )
    warning = uncompensated_warning(scenario)
    if warning:
        print(warning, file=sys.stderr)
    with (
        _executor(args) as executor,
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
    print("below 2,300 yuan/person/yr;")
    print(
        f"better = share better off than under '{names[0]}' (paired; 95% CI); extra fiscal = "
        f"the government's net cost beyond '{names[0]}', NPV at 8%."
    )
    print(results.format_headline(money=args.money, prices=scenario.prices))
    print()
    print(
        "Decision table: mean over the runs (95% interval across replications); worst-year "
        "poverty with its most frequent year; years 11+ = year 11 to the horizon's end."
    )
    print(format_decision(results.decision_table()))
    for line in warnings_for(scenario, results):
        print(f"warning: {line}")
    written = [out / STORE_FILE, _ignore_folder(out)]
    written += results.to_csv(out)
    written.append(results.write_metadata(out))
    written.append(out / "scenario.toml")
    save_scenario(scenario, written[-1])
    if not args.no_plots:
        from .plotting import save_figures
        from .report import write_report

        written += save_figures(results.to_comparison(), out, lang=args.lang)
        written.append(
            write_report(
                out / "report.html",
                scenario,
                results,
                seed=spec.seed,
                case_notes=_case_notes(scenario),
                lang=args.lang,
                money=args.money,
            )
        )
        print(f"(plots drawn from the first {kept} replications)")
    print(f"\nwrote {len(written)} files to {out}/: " + ", ".join(p.name for p in written))
    return 0


def _report(args: argparse.Namespace) -> int:
    from .report import write_report
    from .runs.results import ExperimentResults
    from .scenario import load_scenario

    folder = Path(args.folder)
    scenario_file = folder / "scenario.toml"
    if not scenario_file.is_file():
        raise ParameterError("DIR", "the output folder of 'collective-econ run'", str(folder))
    scenario = load_scenario(scenario_file)
    results = ExperimentResults.from_store(folder)
    seed = results.metadata.get("seed", scenario.experiment.seed)
    path = write_report(
        folder / "report.html",
        scenario,
        results,
        seed=seed,
        lang=args.lang,
        case_notes=_case_notes(scenario),
    )
    print(f"wrote {path}")
    return 0


def _init(args: argparse.Namespace) -> int:
    from .cases.caopijie import init_text

    path = Path(args.path)
    if path.exists() and not args.force:
        raise ParameterError("FILE", "a new file (or use --force)", str(path))
    path.write_text(init_text(), encoding="utf-8")
    print(
        f"wrote {path}: the Caopijie scenario, to edit; check it with "
        f"'collective-econ validate {path}' and run it with 'collective-econ run {path}'"
    )
    return 0


def _validate(args: argparse.Namespace) -> int:
    from .runs.alerts import warnings_for
    from .scenario import load_scenario, validate_file
    from .scenario.model import uncompensated_warning

    problems = validate_file(args.path)
    for problem in problems:
        print(problem.format(args.path))
    if problems:
        print(f"{args.path}: {len(problems)} problem{'s' if len(problems) > 1 else ''}")
        return 1
    print(f"{args.path}: valid")
    scenario = load_scenario(args.path)
    warning = uncompensated_warning(scenario)
    if warning:
        print(warning)
    for line in warnings_for(scenario):
        print(f"warning: {line}")
    return 0


def _sensitivity(args: argparse.Namespace) -> int:
    import csv

    from . import sensitivity as sa
    from .cases.caopijie import SIMULATION_UNCERTAINTIES, default_scenario
    from .plotting import sobol_chart, tornado_chart
    from .plotting.labels import outcome_label

    scenario = default_scenario()
    with _executor(args) as executor:
        if ":" in args.outcome:
            scheme, _, stakeholder = args.outcome.partition(":")
            evaluate: Any
            evaluate, inputs = sa.appraisal_model(scheme, stakeholder or "households")
            if executor is not None:
                evaluate = sa.chunked(evaluate, executor)
            what, unit = f"NPV of {scheme} for {stakeholder or 'households'} (8%)", "yuan"
        else:
            evaluate, inputs = sa.simulation_model(
                scenario,
                args.policy,
                args.outcome,
                SIMULATION_UNCERTAINTIES,
                seed=args.seed,
                horizon_years=args.horizon,
                executor=executor,
            )
            _, dropped = sa.acting_on(scenario, args.policy, SIMULATION_UNCERTAINTIES)
            if dropped:
                print(
                    f"'{args.policy}' does not use the schemes of {len(dropped)} uncertain "
                    "inputs, left out: " + ", ".join(u.param for u in dropped)
                )
            meaning, unit = outcome_label(args.outcome)
            what = f"{meaning} under '{args.policy}'"
        out = Path(args.out) if args.out else _new_folder("collective-econ-sensitivity")
        out.mkdir(parents=True, exist_ok=True)
        print(f"Sensitivity of {what}: {args.method}, {len(inputs)} uncertain inputs")
        tables: dict[str, list[dict[str, Any]]] = {}
        if args.method == "tornado":
            result: Any = sa.one_at_a_time(evaluate, inputs)
            chart = tornado_chart(
                result, unit=unit, outcome=what.split(" under ")[0], title=f"Tornado: {what}"
            )
            if args.threshold is not None:
                sv = sa.switching_values(evaluate, inputs, args.threshold)
                print(sv)
                tables["switching_values.csv"] = sv.table()
        elif args.method == "morris":
            result = sa.morris(evaluate, inputs, trajectories=args.samples or 10, seed=args.seed)
            chart = None
        else:
            result = sa.sobol(evaluate, inputs, n=args.samples or 64, seed=args.seed)
            chart = sobol_chart(result)
    print(result)
    tables[f"{args.method}.csv"] = result.table()
    written = []
    for name, rows in tables.items():
        path = out / name
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)
    if chart is not None:
        import matplotlib.pyplot as plt

        path = out / f"{args.method}.png"
        figure = cast("Figure", chart.get_figure(root=True))
        figure.savefig(path, dpi=120)
        plt.close(figure)
        written.append(path)
    print(f"wrote {len(written)} files to {out}/: " + ", ".join(p.name for p in written))
    return 0


def _appraise(args: argparse.Namespace) -> int:
    from .appraisal import appraisal_table, format_table, write_csv
    from .finance import DEFAULT_DISCOUNT_RATE

    rate = DEFAULT_DISCOUNT_RATE if args.rate is None else _check_rate(args.rate)
    rows = appraisal_table(
        args.scheme, samples=args.samples, seed=args.seed, rate=rate, horizon_years=args.horizon
    )
    print(
        f"Appraisal of the Caopijie schemes: real 2010 yuan, discount rate {rate:.1%}, "
        f"{args.horizon} years"
        + (
            f", {args.samples} Monte Carlo samples (seed {args.seed}): the headline is the "
            "mean NPV, with its 5-95% range and P(loss)"
            if args.samples
            else ", expected flows only: NPV at default inputs"
        )
    )
    print(format_table(rows))
    if args.csv:
        print(f"wrote {write_csv(rows, args.csv)}")
    return 0


def _check_case() -> int:
    from .cases.caopijie import check_case

    findings = check_case()
    for f in findings:
        print(f"[{f.verdict}] {f.topic}: {f.claim}")
        print(f"    {f.arithmetic}")
        if f.reading:
            print(f"    reading: {f.reading}")
    bad = sum(f.verdict != "consistent" for f in findings)
    print(f"{len(findings)} checks, {bad} that do not add up or need a reading")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())


def _case_notes(scenario: Any) -> list[Any] | None:
    """The embedded case's checks of its own figures, for a report on that case only."""
    from .cases.caopijie import DEFAULT_NAME, check_case
    from .economy.community import CommunityParams

    own = scenario.name == DEFAULT_NAME and scenario.community == CommunityParams()
    return check_case() if own else None
