"""``sensitivity`` and ``appraise``: which inputs matter, and each scheme's NPV per stakeholder."""

from __future__ import annotations

import argparse
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ._common import check_rate, executor_for, new_folder, nonnegative_int, positive_int, rate

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["add_parsers", "appraise", "sensitivity"]


def add_parsers(sub: Any) -> None:
    """Add ``sensitivity`` and ``appraise``."""
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
        type=positive_int,
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
        type=positive_int,
        default=None,
        metavar="YEARS",
        help="years simulated (default: the scenario's, 20)",
    )
    sp.add_argument(
        "--workers",
        type=positive_int,
        default=1,
        metavar="N",
        help="worker processes (default 1)",
    )
    sp.add_argument(
        "--seed",
        type=nonnegative_int,
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
            "For every registered scheme (those of the default case's policies and any other, "
            "such as the landless pension), print per stakeholder the Monte Carlo "
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
        type=nonnegative_int,
        default=1000,
        metavar="N",
        help="Monte Carlo samples per scheme (0: expected flows at default inputs only; "
        "default 1000)",
    )
    ap.add_argument(
        "--seed",
        type=nonnegative_int,
        default=2010,
        metavar="S",
        help="root random seed (default 2010)",
    )
    ap.add_argument(
        "--rate",
        type=rate,
        default=None,
        metavar="R",
        help="real discount rate as a fraction, 0.08, or a percentage, 8%% (default 0.08, "
        "China's social discount rate); the bank stays at its cost of funds "
        "(finance.DiscountRates.lender, 1.5%%)",
    )
    ap.add_argument(
        "--horizon",
        type=int,
        default=20,
        metavar="YEARS",
        help="years after the start year (default 20)",
    )
    ap.add_argument("--csv", metavar="PATH", help="also write the table as CSV to PATH")


def sensitivity(args: argparse.Namespace) -> int:
    from .. import sensitivity as sa
    from ..cases.caopijie import SIMULATION_UNCERTAINTIES, default_scenario
    from ..files import atomic_open, atomic_write
    from ..plotting import sobol_chart, tornado_chart
    from ..plotting.labels import outcome_label
    from ..units import write_csv_rows

    scenario = default_scenario()
    with executor_for(args) as executor:
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
        out = Path(args.out) if args.out else new_folder("collective-econ-sensitivity")
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
        fields = list(rows[0])
        with atomic_open(path) as fh:  # whole or not at all
            write_csv_rows(fh, fields, ([row.get(k, "") for k in fields] for row in rows))
        written.append(path)
    if chart is not None:
        import matplotlib.pyplot as plt

        path = out / f"{args.method}.png"
        figure = cast("Figure", chart.get_figure(root=True))
        png = io.BytesIO()
        figure.savefig(png, format="png", dpi=120)
        plt.close(figure)
        written.append(atomic_write(path, png.getvalue()))
    print(f"wrote {len(written)} files to {out}/: " + ", ".join(p.name for p in written))
    return 0


def _outside_the_case(schemes: list[str]) -> str:
    """The schemes among ``schemes`` that none of the case's policies uses, by title and name."""
    from ..cases.caopijie import default_scenario
    from ..schemes import SCHEMES

    used = {k for p in default_scenario().policies for k in p.schemes}
    return ", ".join(
        f"{SCHEMES[k].title_in('en')} ({k})" for k in dict.fromkeys(schemes) if k not in used
    )


def appraise(args: argparse.Namespace) -> int:
    from ..appraisal import appraisal_table, format_table, write_csv
    from ..finance import DiscountRates

    rates = DiscountRates()
    rates = rates if args.rate is None else rates.evolve(social=check_rate(args.rate))
    rows = appraisal_table(
        args.scheme, samples=args.samples, seed=args.seed, rate=rates, horizon_years=args.horizon
    )
    print(
        f"Appraisal of the Caopijie schemes: real 2010 yuan, discount rate {rates.social:.1%} "
        f"(the bank: {rates.lender:.1%}, its cost of funds), {args.horizon} years"
        + (
            f", {args.samples} Monte Carlo samples (seed {args.seed}): the headline is the "
            "mean NPV, with its 5-95% range and P(loss)"
            if args.samples
            else ", expected flows only: NPV at default inputs"
        )
    )
    print(format_table(rows))
    outside = _outside_the_case([r.scheme for r in rows])
    if outside:
        print(
            f"In none of the case's policies: {outside}. The report of a run appraises only "
            "the schemes of its policies, so it does not show these."
        )
    if args.csv:
        print(f"wrote {write_csv(rows, args.csv)}")
    return 0
