"""What a case the library ships adds to a report on itself: its checks.

A case (``collective_econ.cases.<name>``) knows which scenario is its own, the checks of
its report's own figures and its validation checks that bear on the report's findings.
The report sits below the cases and may not import them, so each case registers its
checks here when it is imported (the package's facade imports the case it ships), and
:func:`~collective_econ.report.build_report` asks for them when it is not given them: a
report on the case says the same from the command line and from Python. A scenario that
is no registered case's own gets none.

Examples
--------
>>> from collective_econ.cases.caopijie import default_scenario
>>> from collective_econ.scenario import Scenario
>>> case_of(default_scenario()).name
'Caopijie'
>>> case_of(Scenario("mine", default_scenario().policies)) is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..runs.results import ExperimentResults
from ..scenario import Scenario

__all__ = ["CaseChecks", "case_notes", "case_of", "case_validation", "register_case"]


@dataclass(frozen=True)
class CaseChecks:
    """One shipped case's checks, as the report takes them.

    Parameters
    ----------
    name : str
        The case's name (its folder under ``collective_econ.cases``, capitalised).
    owns : callable of Scenario to bool
        Whether a scenario is the case's own (its embedded scenario, or the same scenario
        read from its file); an edited community or another name is not.
    notes : callable of Scenario to sequence of findings
        The checks of the case report's own figures, with the scenario's side of each
        (the report's section "Notes on the case's own figures").
    validation : callable of (Scenario, ExperimentResults) to mapping of str to checks
        The case's validation checks that bear on the report's findings, by finding
        (``"public_cost"``, ``"dibao"``, ``"restored"``, ``"hog_farms"``).
    """

    name: str
    owns: Callable[[Scenario], bool]
    notes: Callable[[Scenario], Sequence[Any]]
    validation: Callable[[Scenario, ExperimentResults], Mapping[str, Sequence[Any]]]


_CASES: dict[str, CaseChecks] = {}


def register_case(checks: CaseChecks) -> None:
    """Register a case's checks (again under the same name: replaced, not doubled)."""
    _CASES[checks.name] = checks


def case_of(scenario: Scenario) -> CaseChecks | None:
    """The registered case whose own scenario ``scenario`` is, or None."""
    return next((c for c in _CASES.values() if c.owns(scenario)), None)


def case_notes(scenario: Scenario) -> list[Any] | None:
    """The checks of the case report's own figures when ``scenario`` is a case's; else None."""
    case = case_of(scenario)
    return None if case is None else list(case.notes(scenario))


def case_validation(scenario: Scenario, results: ExperimentResults) -> dict[str, list[Any]] | None:
    """The case's validation checks by finding when ``scenario`` is a case's; else None."""
    case = case_of(scenario)
    if case is None:
        return None
    return {k: list(v) for k, v in case.validation(scenario, results).items()}
