"""The Caopijie case's checks in a report on it, whichever way the report is built.

:data:`CHECKS` (registered with :mod:`collective_econ.report.case_checks` by the case's
package) gives :func:`~collective_econ.report.build_report` the case's notes on its own
figures (:func:`~.facts.check_case`) and the validation checks that bear on the report's
findings (:func:`validation_notes`) for the case's own scenario: the embedded one, or the
same read from its file. ``collective-econ run`` computes the same once for the terminal
and the report.

Examples
--------
>>> from collective_econ.cases.caopijie import default_scenario
>>> from collective_econ.scenario import Scenario
>>> sc = default_scenario()
>>> owns(sc), owns(Scenario("mine", sc.policies))
(True, False)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...economy.community import CommunityParams
from ...report._text import money
from ...report.case_checks import CaseChecks
from ...report.summary import fewest_poor
from ...runs.comparison import compared_with
from ...runs.results import ExperimentResults
from ...scenario import Scenario
from .facts import Finding, check_case
from .policies import DEFAULT_NAME
from .validation import Check, out_of_sample
from .validation.financing import BACKED_POLICIES, BACKING_TARGET, BACKING_TOPIC, backing_verdict

__all__ = ["BEARING", "CHECKS", "case_notes", "owns", "validation", "validation_notes"]

BEARING: dict[str, tuple[str, ...]] = {
    "hog_farms": ("hog margin in a median year", "hog loss years"),
    "restored": ("landless income without schemes",),
    "dibao": ("dibao caseload",),
}
"""Each finding of the report and the out-of-sample checks (their topics on
``docs/validation.md``) it rests on."""


def owns(scenario: Scenario) -> bool:
    """Whether ``scenario`` is the case's own: its name and its community unchanged.

    The checks compare the case's community with observations: an edited community is
    another place, and another name another scenario.
    """
    return scenario.name == DEFAULT_NAME and scenario.community == CommunityParams()


def case_notes(scenario: Scenario) -> list[Finding] | None:
    """The case's checks of its own figures, for a report on the case only (else None).

    The model's side of each check is the scenario's (``check_case(scenario=...)``): a
    file that changes the share fraction is not told it was "kept as the default".
    """
    return check_case(scenario=scenario) if owns(scenario) else None


def validation(scenario: Scenario, results: ExperimentResults) -> dict[str, list[Any]] | None:
    """:func:`validation_notes` of a finished experiment, compared with its baseline."""
    base = compared_with(scenario.baseline, results.policies)
    return validation_notes(
        scenario, results, results.decision_table(base, funding=scenario.funding), base
    )


def validation_notes(
    scenario: Scenario,
    results: ExperimentResults,
    rows: Sequence[Mapping[str, Any]],
    base: str,
) -> dict[str, list[Any]] | None:
    """The case's validation checks that bear on the report's findings; None for another case.

    For the case's own scenario only (:func:`owns`): the out-of-sample checks of the hog
    margins and loss years (the hog farms quitting), of the landless income without
    schemes (the baseline's share restored) and of the dibao caseload (the dibao in the
    cost), computed by the validation module with its fixed seeds (about 2 s); and, when
    this run compares 'full package' with 'cash only' and the first is the policy the
    summary's cost is about, the economics review's figure for the county's backing of
    collective debt set against this run's extra cost, graded by the validation page's
    own rule. ``rows``: the experiment's decision table against ``base``.
    """
    if not owns(scenario):
        return None
    by_topic = {c.topic: c for c in out_of_sample()}
    missing = sorted({t for topics in BEARING.values() for t in topics} - by_topic.keys())
    if missing:  # a renamed check would silently drop its note
        raise KeyError(f"validation_notes: no out-of-sample check named {missing}")
    out: dict[str, list[Any]] = {
        key: [by_topic[t] for t in topics] for key, topics in BEARING.items()
    }
    low, rest = BACKED_POLICIES
    if rest == base and fewest_poor(rows) == low and low in results.policies:
        d = results.difference("fiscal_cost_npv", low, base)
        extra = float(d.mean)
        model = f"{money(extra, 'en')} (95% CI {money(float(d.low), 'en')} to " + (
            f"{money(float(d.high), 'en')}; guarantees paid counted, debt still owed not)"
        )
        out["public_cost"] = [
            Check("Financing", BACKING_TOPIC, "", BACKING_TARGET, model, backing_verdict(extra))
        ]
    return out


def _validation_checks(
    scenario: Scenario, results: ExperimentResults
) -> Mapping[str, Sequence[Any]]:
    return validation(scenario, results) or {}


def _notes(scenario: Scenario) -> Sequence[Any]:
    return case_notes(scenario) or []


CHECKS = CaseChecks("Caopijie", owns, _notes, _validation_checks)
"""The case's checks as the report takes them (registered by the case's package)."""
