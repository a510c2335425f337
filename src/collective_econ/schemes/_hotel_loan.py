"""The hotel company's bank loan, year by year: interest, principal, reserve.

A private helper of :mod:`collective_econ.schemes.hotel` (which re-exports its public
names): the loan's monthly plan as the engine services it in a simulation, summed into
the appraisal's years. The functions take any object with the loan's terms
(:class:`~collective_econ.schemes.hotel.HotelParams` has them).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from .. import finance
from .base import loan_deflator

__all__ = ["LoanTerms", "interest_expense", "loan_service", "reserve_target"]

Floats = NDArray[np.float64]


class LoanTerms(Protocol):
    """The hotel loan's terms (HotelParams has them)."""

    @property
    def loan(self) -> float: ...
    @property
    def loan_rate(self) -> float: ...
    @property
    def loan_months(self) -> int: ...
    @property
    def construction_months(self) -> int: ...
    @property
    def reserve(self) -> float: ...


def _schedule(params: LoanTerms) -> finance.LoanSchedule | None:
    """The loan's monthly plan as :class:`~collective_econ.economy.credit.LoanBook` runs it.

    Payment k is made at the end of month k after the loan (month 0 is the
    investment's): interest only during the ``construction_months`` grace
    months, then a level annuity over ``12 * loan_years`` months, at
    ``loan_rate / 12`` a month.
    """
    if params.loan <= 0:
        return None
    return finance.loan_schedule(
        params.loan,
        params.loan_rate / 12.0,
        params.loan_months,
        interest_only_periods=int(params.construction_months),
    )


def _by_year(monthly: Floats, horizon_years: int) -> Floats:
    """Sum a monthly series (month 0 = t = 0) into years t = 0..horizon, shape (T,)."""
    out = np.zeros(horizon_years + 1)
    n = min(monthly.size, 12 * (horizon_years + 1))
    np.add.at(out, np.arange(n) // 12, monthly[:n])
    return out


def loan_service(params: LoanTerms, horizon_years: int) -> tuple[Floats, Floats]:
    """Interest and principal paid to the bank in each year t = 0..horizon, shape (T,) each.

    The loan (:attr:`HotelParams.loan`) is drawn at month 0 and serviced at
    the end of every month, as ``world.loans`` services it in a simulation:
    interest only during the ``construction_months`` grace months, then level
    monthly payments over ``loan_years`` (:func:`_schedule`); year t sums
    months 12t..12t+11.

    Examples
    --------
    >>> from collective_econ.prices import FLAT, using
    >>> from collective_econ.schemes.hotel import HotelParams
    >>> with using(FLAT):  # no inflation: the nominal schedule
    ...     interest, principal = loan_service(HotelParams(), 20)
    >>> round(float(interest[0])), round(float(principal[0])), round(float(principal.sum()))
    (142560, 0, 2400000)
    >>> interest, principal = loan_service(HotelParams(), 20)  # real yuan: deflated by CPI
    >>> round(float(principal.sum()))
    1954305
    """
    sched = _schedule(params)
    if sched is None:
        return np.zeros(horizon_years + 1), np.zeros(horizon_years + 1)
    real = loan_deflator(sched.interest.size)  # a nominal loan: payments in real yuan
    return (
        _by_year(sched.interest * real, horizon_years),
        _by_year(sched.principal * real, horizon_years),
    )


def interest_expense(params: LoanTerms, horizon_years: int) -> Floats:
    """Interest charged to profit in each year: that of the months from the opening.

    Interest of the grace (construction) months is capitalised into the
    building (China Accounting Standard 17, borrowing costs) and depreciated
    with it.
    """
    sched = _schedule(params)
    if sched is None:
        return np.zeros(horizon_years + 1)
    months = np.arange(sched.interest.size)
    real = sched.interest * loan_deflator(months.size)  # a nominal loan, in real yuan
    return _by_year(np.where(months >= int(params.construction_months), real, 0.0), horizon_years)


def reserve_target(params: LoanTerms, horizon_years: int) -> Floats:
    """Cash the company keeps before dividends at the end of each year, yuan, shape (T,).

    :attr:`HotelParams.reserve` while payments remain after the year's last
    month, 0 once the loan is repaid.
    """
    last_month = 12 * np.arange(horizon_years + 1) + 11
    running = (params.loan > 0) & (last_month < params.loan_months - 1)
    return np.where(running, params.reserve, 0.0)
