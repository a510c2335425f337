"""The compensation households keep in cash: a bank deposit they spend down.

Spent at the livelihood's ``spend_down_rate`` on receipt and a year; the rest
earns the real deposit rate of its year, the nominal ``deposit_rate`` less the
year's inflation (:meth:`~collective_econ.prices.PriceIndex.real_deposit_rate` of
the current price index), as the simulation's households earn it on their savings.

A private helper of :mod:`collective_econ.schemes.land_shares`, which re-exports
:func:`spend_down`: import it from there.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..economy.livelihood import LivelihoodParams
from ..prices import current

__all__ = ["cash_path", "spend_down", "spend_rate"]

Array = NDArray[np.float64]


def spend_rate(lv: LivelihoodParams) -> float:
    """The livelihood's ``spend_down_rate`` (0.3 a year if its version has none)."""
    return float(getattr(lv, "spend_down_rate", 0.3))


def spend_down(
    livelihood: LivelihoodParams,
    balance: ArrayLike,
    months: float = 12.0,
    *,
    year: ArrayLike | None = None,
) -> tuple[Array, Array]:
    """A period of deposit interest and spending: (withdrawal, balance left), real yuan.

    Over ``months`` months of calendar ``year`` (broadcast with ``balance``;
    default: the current price index's base year) the balance earns the real
    deposit rate, the livelihood's nominal ``deposit_rate`` paid monthly less the
    year's inflation (:meth:`~collective_econ.prices.PriceIndex.real_deposit_rate`,
    the rate the simulation's households earn), and households withdraw the share
    ``1 - (1 - spend_down_rate)^(months / 12)`` of it.

    Examples
    --------
    >>> from collective_econ.economy.livelihood import LivelihoodParams
    >>> from collective_econ.prices import FLAT, using
    >>> w, left = spend_down(LivelihoodParams(), 10_000.0, year=2011)  # 5.4% inflation
    >>> round(float(w), 2), round(float(left), 2)
    (2911.01, 6792.35)
    >>> with using(FLAT):  # no inflation: the nominal rate, paid monthly
    ...     w, left = spend_down(LivelihoodParams(), 10_000.0)
    >>> round(float(w), 2), round(float(left), 2)
    (3068.2, 7159.13)
    """
    index = current()
    when = index.base_year if year is None else year
    grown = np.asarray(balance, dtype=float) * (
        1.0 + index.real_deposit_rate(livelihood.deposit_rate, when, months)
    )
    out = (1.0 - (1.0 - spend_rate(livelihood)) ** (months / 12.0)) * grown
    return out, grown - out


def cash_path(lv: LivelihoodParams, cash: float, horizon: int) -> tuple[Array, Array, Array]:
    """Deposits (t = 0), withdrawals (the rest at the horizon) and balances, real yuan.

    ``spend_down_rate`` of ``cash`` is spent on receipt and the rest deposited;
    each later year households withdraw :func:`spend_down` of the balance, which
    grows into year t at the real deposit rate of calendar year ``base_year + t``
    of the current index (as :func:`~collective_econ.schemes.base.nominal_deflator`
    deflates a nominal yuan into year t); all of it is withdrawn at the horizon.
    """
    spend, t, index = spend_rate(lv), np.arange(horizon + 1), current()
    grow = 1.0 + index.real_deposit_rate(lv.deposit_rate, index.base_year + t, 12.0)
    kept = np.cumprod(np.where(t > 0, (1.0 - spend) * grow, 1.0))  # of the deposit at t = 0
    balance = np.where(t < horizon, (1.0 - spend) * cash * kept, 0.0)
    wd = np.zeros(horizon + 1)
    wd[0] = spend * cash  # spent on receipt (moving, consumption)
    wd[1:] = spend_down(lv, balance[:-1], year=index.base_year + t[1:])[0]
    wd[-1] = balance[-2] * grow[-1]
    deposits = np.zeros(horizon + 1)
    deposits[0] = cash
    return deposits, wd, balance
