"""Prices over time: show any result in nominal yuan or in real yuan of a base year.

Models in this library compute in **real yuan of the base year** (2010 by
default, the year of the Caopijie report, seed-facts.md): every price
parameter is a 2010 price. A :class:`PriceIndex` turns such real amounts into
the nominal yuan of their year, and back, with two indices: the general price
level (CPI) and wages, which grew faster than prices over 2010-2025.

Defaults
--------
- General inflation: China's CPI rose 2.5% a year on average over 2011-2020
  (NBS annual statistical communiqués: 5.4, 2.6, 2.6, 2.0, 1.4, 2.0, 1.6, 2.1,
  2.9, 2.5%; then 0.9, 2.0, 0.2, 0.2% for 2021-2024; well-known figures). The
  yearly series is :data:`CHINA_CPI_INFLATION`; years after it use the constant
  ``inflation``.
- Wage growth: Yunnan's class II minimum wage (Yun County seat) rose from 740
  yuan/month (July 2010) to 2,020 (2025), 6.9% a year nominal
  (domain-reference.md §6), i.e. about 4.3% a year faster than prices.

Examples
--------
A 2010 factory wage of 1,200 yuan a month, shown in 2020 nominal yuan:

>>> index = PriceIndex()
>>> round(index.to_nominal(1200.0, 2020, kind="wage"))
2339
>>> round(index.to_nominal(100.0, 2020))  # a basket worth 100 yuan in 2010
128
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .errors import ParameterError
from .params import Parameters, between, param

__all__ = [
    "CHINA_CPI_INFLATION",
    "FLAT",
    "INDEXATIONS",
    "MONEY",
    "PriceIndex",
    "current",
    "indexation_factor",
    "nominal_table",
    "using",
]

CHINA_CPI_INFLATION: dict[int, float] = {
    2011: 0.054,
    2012: 0.026,
    2013: 0.026,
    2014: 0.020,
    2015: 0.014,
    2016: 0.020,
    2017: 0.016,
    2018: 0.021,
    2019: 0.029,
    2020: 0.025,
    2021: 0.009,
    2022: 0.020,
    2023: 0.002,
    2024: 0.002,
}
"""China's year-on-year CPI inflation (NBS annual statistical communiqués; well-known;
2021-2024 as cited in reviews/economics.md §2.2)."""

Kind = Literal["general", "wage"]
Indexation = Literal["prices", "wages"]
INDEXATIONS: tuple[str, ...] = ("prices", "wages")
"""Rules indexing a transfer (a dibao line, a pension): ``"prices"`` keeps its real
value (indexed to the CPI, constant in base-year yuan); ``"wages"`` makes it grow with
the real wage level (:meth:`PriceIndex.real_wage_factor`)."""
MONEY: tuple[str, ...] = ("real", "nominal")
"""How results are shown: real yuan of the base year, or nominal yuan of each year."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PriceIndex(Parameters):
    """Price and wage indices relative to a base year.

    Parameters
    ----------
    base_year : int
        The year whose prices the model computes in (index = 1).
    inflation : float
        General inflation per year, used for years outside the historical
        series (and for all years when ``use_history`` is False).
    wage_growth : float
        Nominal wage growth per year.
    use_history : bool
        Use :data:`CHINA_CPI_INFLATION` for the years it covers.
    """

    base_year: int = param(
        2010, unit="year", rule=between(1950, 2100), source="seed-facts.md (report of c. 2010)"
    )
    inflation: float = param(
        0.025,
        unit="1/year",
        rule=between(-0.5, 1.0),
        source="NBS CPI 2011-2020 average, well-known",
    )
    wage_growth: float = param(
        0.069,
        unit="1/year",
        rule=between(-0.5, 1.0),
        source="domain-reference.md §6: Yunnan class II minimum wage 740 (2010) -> 2,020 (2025)",
    )
    use_history: bool = param(
        True,
        unit="switch",
        source="well-known: China's published yearly consumer price inflation (NBS CPI) for "
        "2011-2024, then the inflation rate above",
    )

    def factor(self, year: ArrayLike, kind: Kind = "general") -> NDArray[np.float64]:
        """Nominal yuan of ``year`` per real yuan of the base year."""
        years = np.asarray(year, dtype=int)
        if kind == "wage":
            return np.asarray((1.0 + self.wage_growth) ** (years - self.base_year), dtype=float)
        if kind != "general":
            raise ValueError(f"kind must be 'general' or 'wage', got {kind!r}")
        lo, hi = int(years.min(initial=self.base_year)), int(years.max(initial=self.base_year))
        span = np.arange(min(lo, self.base_year), max(hi, self.base_year) + 1)
        rates = np.full(span.shape, self.inflation)
        if self.use_history:
            for i, y in enumerate(span):
                rates[i] = CHINA_CPI_INFLATION.get(int(y), self.inflation)
        # level[y] / level[base]; the rate of year y moves the level from y-1 to y
        log_level = np.cumsum(np.log1p(np.where(span > span[0], rates, 0.0)))
        log_level -= log_level[self.base_year - span[0]]
        return np.asarray(np.exp(log_level[years - span[0]]), dtype=float)

    def inflation_rate(self, year: int) -> float:
        """General (CPI) inflation in calendar ``year``, a fraction per year."""
        if self.use_history:
            return float(CHINA_CPI_INFLATION.get(int(year), self.inflation))
        return float(self.inflation)

    def monthly_inflation(self, year: int) -> float:
        """Inflation of each month of calendar ``year``: ``(1 + year's rate)**(1/12) - 1``.

        Twelve months compound to the year's rate exactly.

        >>> round(PriceIndex().monthly_inflation(2011) * 100, 3)
        0.439
        """
        return float(np.expm1(np.log1p(self.inflation_rate(year)) / 12.0))

    def real_deposit_rate(
        self, nominal: float, year: ArrayLike, months: ArrayLike = 1.0
    ) -> NDArray[np.float64]:
        """Real return over ``months`` months of calendar ``year`` on a nominal deposit (fraction).

        The bank pays ``nominal / 12`` a month (``nominal``: a year, e.g. the
        livelihood's ``deposit_rate``) on a balance that loses the month's
        inflation (:meth:`monthly_inflation`), so a month's real rate is
        ``(1 + nominal / 12) / (1 + monthly inflation) - 1`` and ``months`` months
        of the year compound it. The one real deposit rate of the library: the
        simulation's households earn it each month (``months=1``), the appraisals'
        cash each year (``months=12``: :func:`~collective_econ.schemes.land_shares.spend_down`).
        Vectorised: ``year`` and ``months`` broadcast. Negative when inflation
        outruns the nominal rate.

        >>> index = PriceIndex()
        >>> [round(float(r), 4) for r in index.real_deposit_rate(0.0225, [2011, 2024], 12)]
        [-0.0297, 0.0207]
        >>> round(float(FLAT.real_deposit_rate(0.0225, 2030, 12)), 6)  # (1 + 0.0225/12)**12 - 1
        0.022733
        """
        years = np.asarray(year, dtype=int)
        rates = np.full(years.shape, float(self.inflation))
        if self.use_history:  # the published years, then the constant rate
            rates = np.vectorize(CHINA_CPI_INFLATION.get, otypes=[float])(years, rates)
        # (1 + nominal/12) / (1 + monthly inflation), as monthly_inflation makes it
        month = (1.0 + float(nominal) / 12.0) / (1.0 + np.expm1(np.log1p(rates) / 12.0))
        return np.asarray(np.power(month, np.asarray(months, dtype=float)) - 1.0, dtype=float)

    def real_wage_factor(self, year: ArrayLike) -> NDArray[np.float64]:
        """The real wage level of ``year`` relative to the base year: wage index over CPI.

        This is the one path of real wage growth of the library: every wage of a
        simulation and an appraisal (casual, urban, scheme wages) grows with it.
        With the defaults it grows about 4.3% a year (6.9% nominal wages over
        2.5% CPI, domain-reference.md §6); with ``wage_growth`` equal to a constant
        ``inflation`` (and ``use_history`` off) it stays at 1.

        >>> round(float(PriceIndex().real_wage_factor(2020)), 2)
        1.52
        >>> float(PriceIndex(wage_growth=0.0, inflation=0.0, use_history=False)
        ...       .real_wage_factor(2030))
        1.0
        """
        years = np.asarray(year, dtype=int)
        return np.asarray(self.factor(years, "wage") / self.factor(years, "general"), dtype=float)

    def wage_path(self, horizon_years: int, start_year: int | None = None) -> NDArray[np.float64]:
        """Real wage level of years t = 0..horizon relative to t = 0 (``start_year``).

        The appraisals' yearly growth factor of wages; ``start_year`` defaults to
        the base year (the case's schemes start in it).

        >>> [round(float(x), 3) for x in PriceIndex().wage_path(2)]
        [1.0, 1.014, 1.056]
        """
        start = self.base_year if start_year is None else int(start_year)
        years = start + np.arange(int(horizon_years) + 1)
        return np.asarray(self.real_wage_factor(years) / self.real_wage_factor(start), dtype=float)

    def to_nominal(
        self, real: ArrayLike, year: ArrayLike, kind: Kind = "general"
    ) -> NDArray[np.float64] | float:
        """Real base-year yuan -> nominal yuan of ``year``."""
        out = np.asarray(real, dtype=float) * self.factor(year, kind)
        return float(out) if out.ndim == 0 else out

    def to_real(
        self, nominal: ArrayLike, year: ArrayLike, kind: Kind = "general"
    ) -> NDArray[np.float64] | float:
        """Nominal yuan of ``year`` -> real base-year yuan."""
        out = np.asarray(nominal, dtype=float) / self.factor(year, kind)
        return float(out) if out.ndim == 0 else out


def indexation_factor(
    rule: str, index: PriceIndex, year: ArrayLike, start_year: int, owner: str = ""
) -> NDArray[np.float64]:
    """Real value of a transfer indexed by ``rule`` in ``year``, relative to ``start_year``.

    ``"prices"``: 1 (the transfer keeps its real value); ``"wages"``: the real wage
    level relative to ``start_year`` (:meth:`PriceIndex.real_wage_factor`).

    >>> float(indexation_factor("prices", PriceIndex(), 2020, 2010))
    1.0
    >>> round(float(indexation_factor("wages", PriceIndex(), 2020, 2010)), 2)
    1.52
    """
    years = np.asarray(year, dtype=int)
    if rule == "prices":
        return np.ones(years.shape)
    if rule == "wages":
        return np.asarray(index.real_wage_factor(years) / index.real_wage_factor(start_year))
    raise ParameterError("indexation", f"one of {INDEXATIONS}", rule, owner)


def nominal_table(
    table: ArrayLike, years: ArrayLike, index: PriceIndex | None = None, *, axis: int = 0
) -> NDArray[np.float64]:
    """A table of real base-year yuan by year, in nominal yuan of each year.

    Multiplies each year's slice (along ``axis``) by the general price level of
    that year (:meth:`PriceIndex.factor`); ``index`` defaults to :func:`current`.

    >>> nominal_table([[100.0, 200.0], [100.0, 200.0]], [2010, 2011]).round(1).tolist()
    [[100.0, 200.0], [105.4, 210.8]]
    """
    values = np.asarray(table, dtype=float)
    level = (current() if index is None else index).factor(np.asarray(years, dtype=int))
    if level.ndim != 1 or values.shape[axis] != level.size:
        raise ParameterError(
            "years", f"one per entry of axis {axis} ({values.shape[axis]})", level.size
        )
    shape = [1] * values.ndim
    shape[axis] = level.size
    return np.asarray(values * level.reshape(shape), dtype=float)


FLAT = PriceIndex(inflation=0.0, wage_growth=0.0, use_history=False)
"""No inflation and no real wage growth: the frozen 2010 economy of the case's own
figures (a seed's "400,000 yuan a year at maturity" is in 2010 prices and wages)."""

_CURRENT: ContextVar[PriceIndex | None] = ContextVar("collective_econ_prices", default=None)
_DEFAULT = PriceIndex()


def current() -> PriceIndex:
    """The price index appraisals use now: the default unless inside :func:`using`."""
    index = _CURRENT.get()
    return _DEFAULT if index is None else index


@contextmanager
def using(index: PriceIndex | None) -> Iterator[PriceIndex]:
    """Make ``index`` the current price index within a ``with`` block (None: no change).

    The appraisal layer enters it with a scenario's ``[prices]``, so that the
    schemes' appraisals grow wages with the same index as the simulation.
    """
    if index is None:
        yield current()
        return
    token = _CURRENT.set(index)
    try:
        yield index
    finally:
        _CURRENT.reset(token)
