"""Survey moments for :mod:`.fit`: a run's record, the ``Moment`` record, built-in moments."""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from ..errors import CellProblem, ParameterError, ParameterTypeError, SurveyError, suggest
from ..files import atomic_open
from ..runs.outcomes import INCOME_QUANTILES, OUTCOMES, SOURCE_QUANTILES, outcome_info

__all__ = [
    "Moment",
    "RunRecord",
    "business_survival_moment",
    "dibao_moment",
    "employment_moment",
    "income_moment",
    "income_quantile_moment",
    "median_income_moment",
    "moment_by_name",
    "outcome_moment",
    "read_moments",
    "write_moments",
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


def income_quantile_moment(
    q: float, observed: float, se: float, *, year: int, source: str | None = None
) -> Moment:
    """A quantile of income per landless person in a calendar year, yuan/person/yr.

    Person-weighted, as a survey weighted by household size estimates it. Of total
    income (``q`` one of :data:`~collective_econ.runs.outcomes.INCOME_QUANTILES`,
    name ``income_p25_2011``), or of one source's income (``source="wage"``, ``q``
    one of :data:`~collective_econ.runs.outcomes.SOURCE_QUANTILES`, name
    ``income_wage_p50_2011``). Quantiles tell the model's spread from the survey's
    where means alone cannot: a wage income that is too even, or too few households
    with any.

    Examples
    --------
    >>> income_quantile_moment(0.5, 4200.0, 300.0, year=2012, source="wage").name
    'income_wage_p50_2012'
    >>> income_quantile_moment(0.3, 4200.0, 300.0, year=2012)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    collective_econ.errors.ParameterError: income_quantile_moment.q must be one of [...], got 0.3
    """
    allowed = INCOME_QUANTILES if source is None else SOURCE_QUANTILES
    if isinstance(q, bool) or not isinstance(q, int | float) or q not in allowed:
        raise ParameterError("q", f"one of {list(allowed)}", q, owner="income_quantile_moment")
    tag = f"p{round(100 * q):02d}"
    if source is None:
        return outcome_moment(
            f"income_{tag}_{year}", "income_quantiles", observed, se, year=year, label=tag
        )
    label = f"{source}_{tag}"
    return outcome_moment(
        f"income_{label}_{year}", "income_quantiles_by_source", observed, se, year=year,
        label=label,
    )  # fmt: skip


def median_income_moment(observed: float, se: float, *, year: int) -> Moment:
    """Median income per landless person in a calendar year, yuan/person/yr."""
    return outcome_moment(f"median_income_{year}", "median_income", observed, se, year=year)


def dibao_moment(observed: float, se: float, *, year: int) -> Moment:
    """Dibao caseload: share of landless households receiving dibao in a calendar year."""
    return outcome_moment(f"dibao_{year}", "dibao_caseload", observed, se, year=year)


def business_survival_moment(observed: float, se: float) -> Moment:
    """Share of businesses (profit the year after land loss) still earning two years later."""
    return outcome_moment("business_survival", "business_survival", observed, se)


_YEAR = re.compile(r"^(?P<head>.+)_(?P<year>\d{4})$")
_QUANTILE = re.compile(r"^income_(?:(?P<source>.+)_)?p(?P<q>\d{2})$")


def moment_by_name(name: str, observed: float, se: float) -> Moment:
    """The built-in moment a name denotes, as the constructors name them.

    ``employed_12m``, ``employed_24m``, ``business_survival``, ``income_<source>_<year>``
    (``income_wage_2011``), ``income_p<q>_<year>`` and ``income_<source>_p<q>_<year>``
    (quantiles, ``income_p25_2011``, ``income_wage_p50_2011``), ``median_income_<year>``,
    ``dibao_<year>``, or any recorded outcome, ``<outcome>`` or ``<outcome>_<year>`` for a
    yearly one (``restored_share_2012``).

    Examples
    --------
    >>> moment_by_name("income_wage_2011", 2698.0, 150.0).name
    'income_wage_2011'
    """
    if name in ("employed_12m", "employed_24m"):
        return employment_moment(int(name[9:11]), observed, se)
    if name == "business_survival":
        return business_survival_moment(observed, se)
    m = _YEAR.match(name)
    if m:
        head, year = m["head"], int(m["year"])
        if head == "median_income":
            return median_income_moment(observed, se, year=year)
        if head == "dibao":
            return dibao_moment(observed, se, year=year)
        quantile = _QUANTILE.match(head)
        if quantile:
            q = int(quantile["q"]) / 100
            return income_quantile_moment(q, observed, se, year=year, source=quantile["source"])
        if head.startswith("income_"):
            return income_moment(head[len("income_") :], observed, se, year=year)
        if head in OUTCOMES:
            return outcome_moment(name, head, observed, se, year=year)
    if name in OUTCOMES:
        return outcome_moment(name, name, observed, se)
    known = ["employed_12m", "employed_24m", "business_survival", *OUTCOMES]
    raise ParameterError(
        "moment",
        "employed_12m, employed_24m, business_survival, income_<source>_<year>, "
        "income_p<q>_<year>, income_<source>_p<q>_<year>, "
        f"median_income_<year>, dibao_<year>, or an outcome{suggest(str(name), known)}",
        name,
    )


MOMENT_COLUMNS = ("moment", "observed", "se")
"""The columns of a moments file (:func:`read_moments`)."""


def read_moments(path: str | Path) -> list[Moment]:
    """Read survey moments from a CSV file with columns ``moment``, ``observed``, ``se``.

    ``moment`` is a name :func:`moment_by_name` knows; ``observed`` the survey's value
    and ``se`` its standard error (> 0), in the moment's unit. Every problem is listed
    in one :class:`~collective_econ.errors.SurveyError` naming file, line and column.
    """
    path = Path(path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
        header = list(rows[0]) if rows else []
    problems: list[CellProblem] = []
    if not rows:
        problems.append(CellProblem(path.name, 0, "", "no moments (a header and a row each)"))
    missing = [c for c in MOMENT_COLUMNS if c not in header]
    for c in missing if rows else ():
        problems.append(CellProblem(path.name, 1, c, "missing column"))
    out: list[Moment] = []
    for i, row in enumerate(rows if not missing else [], start=2):
        try:
            values = [float(row[c] or "nan") for c in ("observed", "se")]
        except ValueError as err:
            problems.append(CellProblem(path.name, i, "observed/se", f"not a number ({err})"))
            continue
        try:
            out.append(moment_by_name(row["moment"].strip(), *values))
        except ParameterError as err:
            column = "moment" if err.field in ("moment", "year", "label", "q") else err.field
            problems.append(CellProblem(path.name, i, column, f"must be {err.rule}, got "
                                        f"{err.value!r}"))  # fmt: skip
    names = [m.name for m in out]
    for n in sorted({n for n in names if names.count(n) > 1}):
        problems.append(CellProblem(path.name, 0, "moment", f"{n!r} given more than once"))
    if problems:
        raise SurveyError(problems, source="moments")
    return out


def write_moments(moments: Sequence[Moment], path: str | Path) -> Path:
    """Write moments as :func:`read_moments` reads them (whole or not at all)."""
    with atomic_open(path) as fh:
        w = csv.writer(fh)
        w.writerow(MOMENT_COLUMNS)
        for m in moments:
            w.writerow([m.name, repr(float(m.observed)), repr(float(m.se))])
    return Path(path)
