"""What several commands share: argument types, output folders, executors, case notes."""

from __future__ import annotations

import argparse
import contextlib
import math
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import CollectiveEconError, ParameterError

if TYPE_CHECKING:
    from ..scenario.model import Scenario

__all__ = [
    "PLOT_REPLICATIONS",
    "ClusterError",
    "DrawnValueError",
    "case_notes",
    "check_policy_names",
    "check_rate",
    "executor_for",
    "ignore_folder",
    "new_folder",
    "nonnegative_int",
    "positive_int",
    "rate",
    "refuse_drawn",
    "refuse_drawn_by",
    "scenario_for",
]


class ClusterError(CollectiveEconError, RuntimeError):
    """A remote executor (a Dask cluster) failed."""


class DrawnValueError(CollectiveEconError, ValueError):
    """A run would replace values the scenario sets by draws of its uncertain inputs."""


def nonnegative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def rate(text: str) -> float:
    """A discount rate as a fraction (``0.08``), or a percentage written with ``%`` (``8%``).

    A bare number above 1 is refused later, with a hint (:func:`check_rate`).
    """
    percent = text.strip().endswith("%")
    try:
        value = float(text.strip().rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a number such as 0.08 or 8%, got {text!r}"
        ) from None
    return value / 100 if percent else value


def check_rate(rate: float) -> float:
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


def seed_and_workers(p: argparse.ArgumentParser) -> None:
    """The ``--seed`` and ``--workers`` options, defaulting to the scenario's [experiment]."""
    p.add_argument(
        "--seed",
        type=nonnegative_int,
        default=None,
        metavar="S",
        help="root random seed (default: the scenario's [experiment], 2010)",
    )
    p.add_argument(
        "--workers",
        type=positive_int,
        default=None,
        metavar="N",
        help="worker processes (default: the scenario's [experiment], 1: in this process)",
    )


def new_folder(base: str = "collective-econ-run") -> Path:
    path = Path(base)
    n = 1
    while path.exists():
        n += 1
        path = Path(f"{base}-{n}")
    return path


def ignore_folder(out: Path) -> list[Path]:
    """Write ``out/.gitignore`` so that an output folder inside a repository stays out of git.

    A ``.gitignore`` the user wrote there is kept (it is not a run's output).
    """
    from ..runs.folder import IGNORE_HEAD

    path = out / ".gitignore"
    if path.is_file() and not path.read_text(encoding="utf-8", errors="replace").startswith(
        IGNORE_HEAD
    ):
        return []
    path.write_text(f"{IGNORE_HEAD}: outputs, not sources\n*\n", encoding="utf-8")
    return [path]


PLOT_REPLICATIONS = 20
"""Replications whose household panels are kept for the plots."""


def executor_for(args: argparse.Namespace) -> contextlib.AbstractContextManager[Any]:
    """The executor the flags ask for, as a context manager (None: in this process)."""
    if getattr(args, "dask_scheduler", None):
        from ..runs.executors import dask_executor

        return dask_executor(
            args.dask_scheduler,
            no_workers_timeout=getattr(args, "dask_no_workers_timeout", 60.0),
        )
    if args.workers > 1:
        from ..runs.executors import process_pool

        return process_pool(args.workers)
    return contextlib.nullcontext(None)


def case_notes(scenario: Any) -> list[Any] | None:
    """A shipped case's checks of its own figures, for a report on that case only.

    The model's side of each check is the scenario's (``check_case(scenario=...)``): a
    file that changes the share fraction is not told it was "kept as the default"
    (:func:`collective_econ.report.case_checks.case_notes`, as the report's own default).
    """
    from ..report.case_checks import case_notes as notes

    return notes(scenario)


def scenario_for(args: argparse.Namespace, *, warn_drawn: bool = True) -> Scenario:
    """The command's scenario: ``--scenario FILE``, or the embedded case.

    Fills in the seed and the workers the command line leaves to the scenario's
    ``[experiment]`` section. Values of the file that its uncertain inputs replace when
    sampled (:func:`~collective_econ.scenario.drawn_values`) are printed as warnings on
    stderr, one line each, unless ``warn_drawn`` is False (the commands that draw them
    and refuse them, :func:`refuse_drawn_by`: ``run``, ``robust``, ``discover``,
    ``voi``, ``monitor`` without ``--forecast``); so are the figures that policies'
    names and descriptions state and their parameters no longer have
    (:func:`~collective_econ.scenario.stale_figures`).
    """
    from ..cases.caopijie import default_scenario
    from ..scenario import DrawnValueWarning, load_scenario, stale_figures

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DrawnValueWarning)
        scenario = load_scenario(args.scenario) if args.scenario else default_scenario()
    for w in caught:
        if not issubclass(w.category, DrawnValueWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        elif warn_drawn:
            print(f"warning: {w.message}", file=sys.stderr)
    for stale in stale_figures(scenario):  # the report notes them too, beside the words
        print(f"warning: {stale.message()}", file=sys.stderr)
    settings = scenario.experiment
    args.seed = settings.seed if args.seed is None else args.seed
    args.workers = args.workers or settings.workers
    return scenario


def check_policy_names(scenario: Scenario, names: Sequence[str], flag: str = "--policy") -> None:
    """Refuse a name given with ``flag`` that is not one of the scenario's policies.

    The error names the flag, the rule (with the valid names, and the closest one) and
    the value: ``--policy "80 shares"`` -> ``--policy must be the name of one of the
    scenario's policies: 'cash only', '80% shares', ... (did you mean '80% shares'?),
    got '80 shares'``.
    """
    for name in names:
        if name not in scenario.policy_names:  # the rule and its words: the scenario's
            raise scenario.unknown_policy(name, flag, owner="")


def refuse_drawn(scenario: Scenario, names: Sequence[str], samples: int | None) -> None:
    """Refuse values of the scenario that the draws of a sampled run would replace.

    The run compares the policies ``names`` with ``samples`` draws of the uncertain
    inputs (None: the scenario's ``[experiment] samples``); with one sample every
    input is at its value in the file, every value acts and nothing is refused.

    Raises
    ------
    DrawnValueError
        Naming each value, the uncertainty that replaces it, the rule, and what to do.
    """
    from ..runs.spec import main_spec

    spec = main_spec(scenario, names, samples=samples, panels=0)
    refuse_drawn_by(scenario, spec.uncertainties, spec.n_samples)


def refuse_drawn_by(
    scenario: Scenario,
    uncertainties: Sequence[Any],
    samples: int,
    flag: str = "--samples",
    *,
    fitted_under: str | None = None,
) -> None:
    """Refuse the values of ``scenario`` that ``uncertainties``, drawn ``samples`` times, replace.

    The one refusal of drawn values for every command that draws them:

    - ``uncertainties`` are those the command draws: the scenario's own (``run``: those
      :func:`~collective_econ.runs.spec.main_spec` keeps; ``validate`` lists the same
      with :func:`~collective_econ.scenario.drawn_values`), or, when the file declares
      none, the case's (the decision commands and ``monitor``'s forecast, ``flag``
      ``--futures``: every future is drawn). A value at the centre of its distribution
      is the file's own and passes.
    - ``fitted_under``: the policy a fit runs under (``calibrate``, ``flag`` ``--fit``);
      ``uncertainties`` are then the fit's priors, drawn in every run, and a value
      passes at the parameter's default, not at the prior's centre
      (:func:`~collective_econ.scenario.fitted_values` says why).

    Raises
    ------
    DrawnValueError
        Naming each value, what replaces it, the rule, and what to do.
    """
    from ..scenario import drawn_values, fitted_values

    found: Sequence[Any]
    note = ""
    if fitted_under is not None:
        found = fitted_values(scenario, uncertainties, fitted_under)
    else:
        found = drawn_values(scenario, uncertainties)
        if not scenario.uncertainties:
            note = (
                "\n  (the file has no [[uncertainties]]: the futures draw the case's, as "
                "'collective-econ init' writes them, and the entries above are those)"
            )
    if found:
        raise DrawnValueError("\n  ".join(d.message(samples, flag) for d in found) + note)
