"""The self-employment scheme's micro-loan, year by year per yuan borrowed.

A private helper of :mod:`collective_econ.schemes.enterprise` (its appraisal);
the functions take any object with the loan's terms
(:class:`~collective_econ.schemes.enterprise.EnterpriseParams` has them).
"""

from __future__ import annotations

import functools
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from .. import finance

__all__ = ["LoanTerms", "loan_schedule"]

Floats = NDArray[np.float64]


class LoanTerms(Protocol):
    """The loan's terms (EnterpriseParams has them); hashable, for the cache."""

    @property
    def loan_years(self) -> int: ...
    @property
    def loan_rate(self) -> float: ...
    @property
    def interest_subsidy_share(self) -> float: ...
    @property
    def interest_subsidy_years(self) -> int: ...
    def __hash__(self) -> int: ...


@functools.lru_cache(maxsize=16)
def loan_schedule(params: LoanTerms, ages: int) -> dict[str, Floats]:
    """Per yuan borrowed, by loan year 0..ages-1: interest, principal, subsidy, opening balance.

    The loan as :class:`~collective_econ.economy.credit.LoanBook` runs it in a
    simulation: level monthly payments over ``12 * loan_years`` months, the
    first at the end of the month the loan is made, at the borrower's rate,
    ``loan_rate x (1 - interest_subsidy_share)`` during the subsidy's
    ``interest_subsidy_years`` and ``loan_rate`` after; each month the
    government pays the bank the rest of the interest at ``loan_rate`` (the
    subsidy). ``interest`` is all the interest the bank receives.
    """
    n = 12 * params.loan_years
    r = params.loan_rate / 12.0
    interest, principal, subsidy, balance = (np.zeros(n) for _ in range(4))
    owed = 1.0
    for j in range(n):
        share = params.interest_subsidy_share * (j < 12 * params.interest_subsidy_years)
        own = r * (1.0 - share)  # the borrower's monthly rate
        payment = float(finance.annuity_payment(own, n - j, owed)) if own > 0 else owed / (n - j)
        balance[j], interest[j], subsidy[j] = owed, r * owed, r * share * owed
        principal[j] = payment - own * owed
        owed -= principal[j]
    years = min(ages, params.loan_years)
    out = {k: np.zeros(ages) for k in ("interest", "principal", "subsidy", "balance")}
    for name, monthly in (("interest", interest), ("principal", principal),
                          ("subsidy", subsidy)):  # fmt: skip
        out[name][:years] = monthly.reshape(params.loan_years, 12).sum(axis=1)[:years]
    out["balance"][:years] = balance[::12][:years]
    return out
