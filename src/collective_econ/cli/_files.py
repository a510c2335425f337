"""``report``, ``init``, ``validate``, ``check-case``: files in and out, the case's figures."""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path
from typing import Any

from ..errors import ParameterError

__all__ = [
    "add_check_case_parser",
    "add_report_parser",
    "add_scenario_parsers",
    "check_case_command",
    "init",
    "report",
    "validate",
]


def add_report_parser(sub: Any) -> None:
    """Add ``report``."""
    rep = sub.add_parser(
        "report",
        help="write the self-contained HTML report of a finished run",
        description=(
            "Write report.html (one self-contained file: findings, plots, appraisal, "
            "assumption register, notes on the case's figures) for the run in DIR."
        ),
    )
    rep.add_argument(
        "folder",
        metavar="DIR",
        help="the output folder of 'collective-econ run', or of 'calibrate' and/or 'monitor' "
        "(the fit, its posterior-predictive check and the monitoring rounds)",
    )
    rep.add_argument(
        "--lang",
        choices=("en", "zh"),
        default=None,
        help="language of the report and its plots (default: the run's; zh: Chinese)",
    )


def add_scenario_parsers(sub: Any) -> None:
    """Add ``init`` and ``validate``."""
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
            "problem with its table, key and line; exits 2 if there is any (as every "
            "command does on bad input). A value that an [[uncertainties]] entry would "
            "replace by its draws is a problem when the file's [experiment] samples is "
            "above 1 (as 'run FILE' refuses it), else a warning."
        ),
    )
    vp.add_argument("path", metavar="FILE.toml")


def add_check_case_parser(sub: Any) -> None:
    """Add ``check-case``."""
    sub.add_parser(
        "check-case",
        help="check the case report's figures against each other",
        description=(
            "List the figures of the Caopijie report that do not add up, with the arithmetic."
        ),
    )


def report(args: argparse.Namespace) -> int:
    from ..report.calibration import CALIBRATION_FILE, MONITORING_FILE, write_calibration_report
    from ..report.outputs import rewrite_report

    folder = Path(args.folder)
    if (folder / CALIBRATION_FILE).is_file() or (folder / MONITORING_FILE).is_file():
        # a folder of 'calibrate' and/or 'monitor': the fit and the monitoring rounds
        path = write_calibration_report(folder, lang=args.lang or "en")
        print(f"wrote {path}")
        return 0

    # seed and money are the run's, from its store; the folder is checked first; the case's
    # notes and checks come with its scenario (report.case_checks), as from Python
    path = rewrite_report(args.folder, lang=args.lang)
    print(f"wrote {path}")
    return 0


def init(args: argparse.Namespace) -> int:
    from ..cases.caopijie import init_text

    path = Path(args.path)
    if path.exists() and not args.force:
        raise ParameterError("FILE", "a new file (or use --force)", str(path))
    path.write_text(init_text(), encoding="utf-8")
    print(
        f"wrote {path}: the Caopijie scenario, to edit; check it with "
        f"'collective-econ validate {path}' and run it with 'collective-econ run {path}'"
    )
    return 0


def validate(args: argparse.Namespace) -> int:
    from ..runs.alerts import warnings_for
    from ..runs.spec import main_spec
    from ..scenario import (
        DrawnValueWarning,
        drawn_values,
        load_scenario,
        stale_figures,
        validate_file,
    )
    from ..scenario.model import uncompensated_warning

    problems = validate_file(args.path)
    for problem in problems:
        print(problem.format(args.path))
    if problems:
        print(f"{args.path}: {len(problems)} problem{'s' if len(problems) > 1 else ''}")
        return 2  # bad input, as every command (README)
    with warnings.catch_warnings():  # said below, once, as a problem or a warning
        warnings.simplefilter("ignore", DrawnValueWarning)
        scenario = load_scenario(args.path)
    samples = scenario.experiment.samples
    # what 'run FILE' refuses (cli._common.refuse_drawn): the values its draws replace
    refused = drawn_values(scenario, main_spec(scenario, samples=samples, panels=0).uncertainties)
    drawn = drawn_values(scenario)
    for d in refused:
        print(f"{args.path}: {d.message(samples)}")
    if refused:
        n = len(refused)
        print(
            f"{args.path}: {n} value{'s' * (n > 1)} that would not act in the file's own run "
            f"([experiment] samples = {samples}: 'collective-econ run {args.path}' refuses "
            f"{'them' if n > 1 else 'it'})"
        )
        return 2
    print(f"{args.path}: valid")
    for d in drawn:  # with samples = 1 they act; a sampled run would refuse them
        print(f"warning: (it acts in the file's own run, [experiment] samples = 1) {d.message()}")
    warning = uncompensated_warning(scenario)
    if warning:
        print(warning)
    for stale in stale_figures(scenario):
        print(f"warning: {stale.message()}")
    for line in warnings_for(scenario):
        print(f"warning: {line}")
    return 0


def check_case_command(args: argparse.Namespace) -> int:
    from ..cases.caopijie import check_case

    findings = check_case()
    for f in findings:
        print(f"[{f.verdict}] {f.topic}: {f.claim}")
        print(f"    {f.arithmetic}")
        if f.reading:
            print(f"    reading: {f.reading}")
    bad = sum(f.verdict != "consistent" for f in findings)
    print(f"{len(findings)} checks, {bad} that do not add up or need a reading")
    return 0
