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
  2.9, 2.5%; well-known figures). The yearly series is :data:`CHINA_CPI_INFLATION`;
  years after it use the constant ``inflation``.
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

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .params import Parameters, between, param

__all__ = ["CHINA_CPI_INFLATION", "PriceIndex"]

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
}
"""China's year-on-year CPI inflation (NBS annual statistical communiqués; well-known)."""

Kind = Literal["general", "wage"]


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
    use_history: bool = param(True, unit="", source="CHINA_CPI_INFLATION")

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
