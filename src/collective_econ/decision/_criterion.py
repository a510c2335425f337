"""What a policy must achieve in a future (:class:`Criterion`), and the outcomes it may judge.

A criterion judges one number per run: an outcome of
:data:`~collective_econ.runs.outcomes.OUTCOMES` with no year or label axis, or the
**county's own cost** (:data:`COUNTY_COST`, ``"county_cost_npv"``): the part of the net
public cost (``fiscal_cost_npv``, county and higher levels) that the county's own budget
carries, each item of the government's books (``county_books``) weighted by the county's
share of it (:class:`~collective_econ.funding.FundingShares`, the scenario's
``[funding]``), by :func:`~collective_econ.runs.decision.county_costs`, the function the
decision table uses. :func:`outcome_values` reads either from an experiment's results.

Examples
--------
>>> Criterion("county_cost_npv", "<=", 5e7).direction
'minimize'
>>> outcome_unit("county_cost_npv"), outcome_unit("restored_within_5y")
('yuan, NPV at 8%', 'share')
"""

from __future__ import annotations

import math
import numbers
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import ParameterError, ParameterTypeError, suggest
from ..funding import FundingShares
from ..runs.decision import county_costs
from ..runs.outcomes import OUTCOMES
from ..runs.results import ExperimentResults

__all__ = [
    "COMPARISONS",
    "COUNTY_COST",
    "DEFAULT_CRITERION",
    "DIRECTIONS",
    "Criterion",
    "criterion_outcomes",
    "outcome_unit",
    "outcome_values",
]

Floats = NDArray[np.float64]

COUNTY_COST = "county_cost_npv"
"""The county's own cost: its budget's part of ``fiscal_cost_npv`` (yuan, NPV at 8%)."""

_DERIVED: dict[str, str] = {COUNTY_COST: "yuan, NPV at 8%"}
"""Outcomes made from recorded ones (not in ``OUTCOMES``), and their units."""

COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
}
"""The comparisons a :class:`Criterion` may make of an outcome with its threshold."""

DIRECTIONS: tuple[str, ...] = ("maximize", "minimize")
"""Whether more (``"maximize"``) or less of the outcome is better, for regret."""

_OWNER = "Criterion"


def criterion_outcomes(*, yearly: bool = False) -> tuple[str, ...]:
    """What a criterion can judge: the outcomes with one number per run, and the county's cost.

    With ``yearly``, also the outcomes with one number per year (and no label axis), which
    the lever search (:mod:`.optimize`) counts as their mean over the horizon. One list
    for the robustness criterion, the lever search's objectives and constraints, and the
    value of information's cost, so that :data:`COUNTY_COST` serves each of them alike.
    """
    recorded = (n for n, o in OUTCOMES.items() if not o.labels and (yearly or not o.per_year))
    return (*recorded, *_DERIVED)


def outcome_unit(name: str) -> str:
    """The unit of an outcome a criterion can judge (``"yuan, NPV at 8%"``, ``"share"``, ...)."""
    return _DERIVED[name] if name in _DERIVED else OUTCOMES[name].unit


@dataclass(frozen=True)
class Criterion:
    """What a policy must achieve in a future to *satisfice* there, and which way is better.

    Parameters
    ----------
    outcome : str
        A per-run outcome of :data:`~collective_econ.runs.outcomes.OUTCOMES` with one
        number per run (``"restored_within_5y"``, ``"poverty_long"``, ``"fiscal_cost_npv"``),
        or :data:`COUNTY_COST` (``"county_cost_npv"``, the county's own cost).
    comparison : {">=", ">", "<=", "<"}
        How the future's replication mean is compared with ``threshold``.
    threshold : float
        In the outcome's unit (a share 0-1 for ``restored_within_5y``).
    direction : {"maximize", "minimize"}
        Whether more of the outcome is better (regret = best - value) or less
        (regret = value - best). Default: "maximize" for ``>=``/``>``, "minimize"
        for ``<=``/``<``.

    Examples
    --------
    >>> Criterion("restored_within_5y", ">=", 0.8).holds(np.array([0.75, 0.8, 0.9]))
    array([False,  True,  True])
    >>> try:
    ...     Criterion("restored_within_5", ">=", 0.8)
    ... except ValueError as err:
    ...     print(str(err).split(" (")[-1])
    did you mean 'restored_within_5y'?), got 'restored_within_5'
    """

    outcome: str = "restored_within_5y"
    comparison: str = ">="
    threshold: float = 0.9
    direction: str = ""

    def __post_init__(self) -> None:
        names = criterion_outcomes()
        if not isinstance(self.outcome, str) or self.outcome not in names:
            hint = suggest(str(self.outcome), names)
            rule = (
                "a per-run outcome of runs.outcomes.OUTCOMES (one number per run) or "
                f"{COUNTY_COST!r}{hint}"
            )
            raise ParameterError("outcome", rule, self.outcome, owner=_OWNER)
        if not isinstance(self.comparison, str) or self.comparison not in COMPARISONS:
            hint = suggest(str(self.comparison), COMPARISONS)
            raise ParameterError(
                "comparison", f"one of {list(COMPARISONS)}{hint}", self.comparison, owner=_OWNER
            )
        if isinstance(self.threshold, bool) or not isinstance(self.threshold, numbers.Real):
            raise ParameterTypeError("threshold", "a finite number", self.threshold, owner=_OWNER)
        if not math.isfinite(float(self.threshold)):
            raise ParameterError("threshold", "a finite number", self.threshold, owner=_OWNER)
        object.__setattr__(self, "threshold", float(self.threshold))
        direction = self.direction or ("maximize" if ">" in self.comparison else "minimize")
        if direction not in DIRECTIONS:
            hint = suggest(str(direction), DIRECTIONS)
            raise ParameterError(
                "direction", f"one of {list(DIRECTIONS)}{hint}", self.direction, owner=_OWNER
            )
        object.__setattr__(self, "direction", direction)

    def holds(self, x: ArrayLike) -> NDArray[np.bool_]:
        """Whether the criterion holds for each value of ``x`` (replication means)."""
        return np.asarray(COMPARISONS[self.comparison](np.asarray(x, float), self.threshold))

    def regret(self, means: Floats) -> Floats:
        """Regret of each policy in each future: ``means`` shaped (policies, futures).

        ``best - value`` when maximising, ``value - best`` when minimising; 0 for the
        best policy of each future, >= 0 for every policy.
        """
        if self.direction == "maximize":
            return np.asarray(means.max(axis=0) - means, dtype=np.float64)
        return np.asarray(means - means.min(axis=0), dtype=np.float64)

    def describe(self) -> str:
        """The criterion in words: ``'restored_within_5y >= 0.8'``."""
        return f"{self.outcome} {self.comparison} {self.threshold:g}"


DEFAULT_CRITERION = Criterion("restored_within_5y", ">=", 0.9, "maximize")
"""Nine in ten landless households back at their former income within 5 years.

The test a county is held to: the Land Administration Law (2019 revision, Art. 48) asks
that the original living standard of those whose land is taken not fall, and
resettlement standards (World Bank OP 4.12, 2001; IFC Performance Standard 5, 2012) that
their livelihoods be restored to at least the level before. ``restored_within_5y`` is
the share of landless households whose 3-year mean income reached their own income
before the loss within 5 years (the sustained rule of
:func:`~collective_econ.metrics.restoration`), known by year 5, so within the decision
commands' default 10 years (the long-run outcomes need 11). The share is 90% rather
than all: incomes move from year to year for
reasons of their own (illness, age, the wage drawn), and no policy of the case restores
every household (the full package about 99%). It was 80%: on the embedded case every
policy met that in every future (cash only restores 85-88%), so the regret alone
decided; at 90% cash only fails in every future, 80% shares and shares + hogs in some,
and the two packages meet it in all (``docs/decision.md``).
"""


def outcome_values(
    results: ExperimentResults,
    name: str,
    funding: FundingShares | None = None,
    *,
    policy: str | None = None,
) -> Floats:
    """An outcome of each run, shaped as ``results.sel(name, policy=policy)``.

    Parameters
    ----------
    results : ExperimentResults
    name : str
        A recorded outcome, or :data:`COUNTY_COST`: the county's own part of each run's
        net public cost, yuan (present value at 8%), by
        :func:`~collective_econ.runs.decision.county_costs` of ``county_books``.
    funding : FundingShares, optional
        The county's share of each item (default ``FundingShares()``; pass the
        scenario's ``funding``). Only :data:`COUNTY_COST` reads it.
    policy : str, optional
        One policy (its axis dropped).

    Raises
    ------
    ParameterError
        For :data:`COUNTY_COST` from results recorded without ``county_books``.
    """
    if name != COUNTY_COST:
        return results.sel(name, policy=policy)
    if "county_books" not in results.outcomes:
        raise ParameterError(
            "outcome", "an outcome the results recorded (these have no county_books)", name
        )
    books = results.sel("county_books", policy=policy)
    labels, first = OUTCOMES["county_books"].labels, int(results.years[0])
    return county_costs(books, labels, funding, start_year=first)
