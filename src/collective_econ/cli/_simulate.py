"""``collective-econ run``: simulate every policy, compare them, write tables and plots."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import CollectiveEconError, ParameterError
from ._common import (
    PLOT_REPLICATIONS,
    ClusterError,
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

    from ..finance import DEFAULT_DISCOUNT_RATE
    from ..metrics.lines import NATIONAL_RURAL_POVERTY_LINE
    from ..report._text import count, policy_name, scenario_name, text
    from ..report.case_checks import case_validation
    from ..report.outputs import write_outputs
    from ..resources import cap_workers
    from ..runs.alerts import warnings_for
    from ..runs.comparison import compared_with
    from ..runs.decision import format_decision
    from ..runs.executors import ClusterError as RemoteClusterError
    from ..runs.experiment import run_experiment
    from ..runs.folder import check_output_folder
    from ..runs.outcomes import PERIODS
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
    lang = args.lang
    drawn = (
        text("cli.drawn", lang, samples=spec.n_samples, k=len(spec.uncertainties),
             design=text(f"design.{spec.design}", lang))
        if spec.uncertainties
        else text("cli.drawn_plain", lang, samples=spec.n_samples)
        if spec.n_samples > 1
        else ""
    )  # fmt: skip
    reps = text("cli.reps", lang, reps=args.replications, s="s" * (args.replications != 1))
    print(text("cli.plan", lang, name=scenario_name(scenario.name, lang), n=len(names),
               drawn=drawn, reps=reps, seed=args.seed, out=out))  # fmt: skip
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
    base = compared_with(scenario.baseline, names)  # as differences.csv and the report
    rows = results.decision_table(base, funding=scenario.funding)
    checks = case_validation(scenario, results)  # a shipped case's, once: terminal and report
    print()
    for line in cost_lines(scenario, results, rows, base, lang, checks):
        print(line)
    money = text(f"cli.money_{args.money}", lang, year=scenario.prices.base_year)
    print()
    rate = f"{DEFAULT_DISCOUNT_RATE:.0%}"
    _say(text("cli.legend", lang, money=money, line=f"{NATIONAL_RURAL_POVERTY_LINE:,.0f}",
              base=policy_name(base, lang), rate=rate), lang)  # fmt: skip
    _say(text("cli.tables_en", lang), lang)
    print(results.format_headline(base, money=args.money, prices=scenario.prices))
    runs = (text("cli.runs", lang, samples=spec.n_samples, reps=reps) if spec.n_samples > 1
            else reps)  # fmt: skip
    print()
    _say(text("cli.decision", lang, runs=runs), lang)
    # the county's own part is printed above, with the cost, not again under the table
    print(format_decision([{k: v for k, v in r.items() if k != "extra_county_cost"}
                           for r in rows]))  # fmt: skip
    if len(results.years) <= PERIODS["long"][0]:  # no year 11: say why the columns are empty
        _say(text("dt.no_long", lang, years=len(results.years), need=PERIODS["long"][0] + 1),
             lang)  # fmt: skip
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
        validation=checks,
    )  # each file through a temporary file, then renamed; the completion marker last
    if not args.no_plots:
        kept = len(spec.panels) // len(names)
        word = "run" if spec.n_samples > 1 else "replication"
        print(text("cli.plots", lang, n=count(kept, word, lang)))
    print(f"\nwrote {len(written)} files to {out}/: " + ", ".join(p.name for p in written))
    return 0


def _say(sentence: str, lang: str) -> None:
    """Print a sentence wrapped to the terminal tables' width (nothing when empty)."""
    import textwrap

    if sentence:
        print(textwrap.fill(sentence, 100 if lang == "en" else 50, break_on_hyphens=False))


def cost_lines(
    scenario: Any,
    results: Any,
    rows: Sequence[Mapping[str, Any]],
    base: str,
    lang: str,
    checks: Mapping[str, Sequence[Any]] | None = None,
) -> list[str]:
    """The terminal's first lines: each policy's public cost, the county's own part first.

    A table (the county's own budget, then all public money, each with its 95% CI, million
    yuan) and the report's headline sentences on the cost of the policy that leaves the
    fewest poor: its county part and total, the collectives' guaranteed debt it leaves out
    and the validation checks marked "differs" that bear on it
    (:func:`collective_econ.report.summary.cost_sentences`).
    """
    import textwrap

    from ..finance import DEFAULT_DISCOUNT_RATE
    from ..report._text import policy_name, text
    from ..report.status import loan_guarantees
    from ..report.summary import cost_sentences, fewest_poor

    y = results.years
    head = text("cli.cost_head", lang, base=policy_name(base, lang), first=int(y[0]),
                last=int(y[-1]), rate=f"{DEFAULT_DISCOUNT_RATE:.0%}")  # fmt: skip
    width = 100 if lang == "en" else 50
    lines = textwrap.wrap(head, width)
    names = [policy_name(str(r["policy"]), lang) for r in rows]
    w = max(_width(n) for n in names) + 2
    cols = (text("cli.cost_county", lang), text("cli.cost_total", lang))
    own = all(math.isfinite(float(r["extra_county_cost"][0])) for r in rows)
    keys = ("extra_county_cost", "extra_fiscal_cost") if own else ("extra_fiscal_cost",)
    lines.append((_pad("", w) + "".join(_pad(c, 30) for c in cols[-len(keys) :])).rstrip())
    for r, name in zip(rows, names, strict=True):
        if r["policy"] == base:
            cells = [text("baseline", lang)] * len(keys)
        else:
            cells = [_million(r[k]) for k in keys]
        lines.append((_pad(name, w) + "".join(_pad(c, 30) for c in cells)).rstrip())
    low = fewest_poor(rows)
    guarantees = loan_guarantees([scenario.policy(p) for p in results.policies])
    said = cost_sentences(rows, low, base, lang, results, guarantees, scenario.funding, checks,
                          detail=False)  # fmt: skip
    for sentence in said:
        lines += textwrap.wrap(sentence, width, break_on_hyphens=False)
    return lines


def _width(said: str) -> int:
    """Columns ``said`` takes in a terminal: a wide (Chinese) character takes two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in said)


def _pad(said: str, width: int) -> str:
    """``said`` padded with spaces to ``width`` terminal columns."""
    return said + " " * max(width - _width(said), 0)


def _million(v: Sequence[float]) -> str:
    """``"5.1 M (4.3 to 5.9)"``: a cost and its 95% CI in million yuan; 0, never "-0.0"."""
    m, lo, hi = (float(x) / 1e6 for x in v[:3])
    said = f"{m:z,.1f} M"
    if math.isfinite(lo + hi) and f"{lo:z,.1f}" != f"{hi:z,.1f}":
        said += f" ({lo:z,.1f} to {hi:z,.1f})"
    return said
