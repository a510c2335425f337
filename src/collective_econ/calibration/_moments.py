"""Survey moments for :mod:`.fit`: a run's record, the ``Moment`` record, built-in moments."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..errors import ParameterError, ParameterTypeError, suggest
from ..runs.outcomes import outcome_info

__all__ = [
    "Moment",
    "RunRecord",
    "business_survival_moment",
    "dibao_moment",
    "employment_moment",
    "income_moment",
    "median_income_moment",
    "outcome_moment",
]

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class RunRecord:
    """One run's record: each outcome of :data:`~collective_econ.runs.outcomes.OUTCOMES`.

    ``outcomes[name]`` has the outcome's shape in one run (``(years,)`` for a yearly
    outcome, ``(years, labels)`` with labels); ``years`` are the calendar years.
    """

    outcomes: Mapping[str, Floats]
    years: NDArray[np.int64]

    def value(self, outcome: str, *, year: int | None = None, label: str | None = None) -> float:
        """One number of the record: an outcome, at a calendar year and label if it has them."""
        info = outcome_info(outcome)
        arr = np.asarray(self.outcomes[outcome], dtype=float)
        if info.per_year:
            if year is None or year not in self.years:
                raise ParameterError("year", f"a year of {self.years.tolist()}", year)
            arr = arr[int(np.flatnonzero(self.years == year)[0])]
        if info.labels:
            if label not in info.labels:
                hint = suggest(str(label), info.labels)
                raise ParameterError("label", f"one of {list(info.labels)}{hint}", label)
            arr = arr[info.labels.index(label)]
        return float(arr)


@dataclass(frozen=True)
class Moment:
    """A survey moment: what was observed, its standard error, and how a run computes it.

    Parameters
    ----------
    name : str
        A label (``"employed_12m"``).
    observed : float
        The survey's estimate, in the moment's unit.
    se : float
        Its standard error (> 0), the same unit: the distance divides by it.
    function : callable
        ``function(record)`` of a :class:`RunRecord`, the simulated value.
    """

    name: str
    observed: float
    se: float
    function: Callable[[RunRecord], float]

    def __post_init__(self) -> None:
        owner = f"Moment({self.name!r})"
        if not isinstance(self.name, str) or not self.name:
            raise ParameterError("name", "a non-empty string", self.name, owner="Moment")
        for name in ("observed", "se"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
                raise ParameterError(name, "a finite number", v, owner=owner)
        if not self.se > 0:
            raise ParameterError("se", "> 0 (the distance divides by it)", self.se, owner=owner)
        if not callable(self.function):
            raise ParameterTypeError("function", "a callable of a RunRecord", self.function)


def outcome_moment(
    name: str,
    outcome: str,
    observed: float,
    se: float,
    *,
    year: int | None = None,
    label: str | None = None,
) -> Moment:
    """A moment that is one recorded outcome (at a calendar year and label if it has them)."""
    info = outcome_info(outcome)
    if info.per_year and year is None:
        raise ParameterError("year", f"given: {outcome!r} is recorded every year", year)
    if info.labels and label not in info.labels:
        hint = suggest(str(label), info.labels)
        raise ParameterError("label", f"one of {list(info.labels)}{hint}", label)
    return Moment(name, observed, se, lambda r: r.value(outcome, year=year, label=label))


def employment_moment(months: int, observed: float, se: float) -> Moment:
    """Share of landless households with wage income 12 or 24 months after the land loss.

    The record's ``employed_12m`` / ``employed_24m``: wages, tea picking and park work
    in the calendar year ``months / 12`` after the year of the loss.
    """
    if months not in (12, 24):
        raise ParameterError("months", "12 or 24", months, owner="employment_moment")
    return outcome_moment(f"employed_{months}m", f"employed_{months}m", observed, se)


def income_moment(source: str, observed: float, se: float, *, year: int) -> Moment:
    """Mean income per landless person from one source in a calendar year, yuan/person/yr."""
    return outcome_moment(
        f"income_{source}_{year}", "income_by_source", observed, se, year=year, label=source
    )


def median_income_moment(observed: float, se: float, *, year: int) -> Moment:
    """Median income per landless person in a calendar year, yuan/person/yr."""
    return outcome_moment(f"median_income_{year}", "median_income", observed, se, year=year)


def dibao_moment(observed: float, se: float, *, year: int) -> Moment:
    """Dibao caseload: share of landless households receiving dibao in a calendar year."""
    return outcome_moment(f"dibao_{year}", "dibao_caseload", observed, se, year=year)


def business_survival_moment(observed: float, se: float) -> Moment:
    """Share of businesses (profit the year after land loss) still earning two years later."""
    return outcome_moment("business_survival", "business_survival", observed, se)
