"""The self-employment scheme's micro-loan: its amount, and year by year per yuan borrowed.

A private helper of :mod:`collective_econ.schemes.enterprise` (which re-exports
:func:`loan_amount` and :func:`repayment`);
the functions take any object with the loan's terms
(:class:`~collective_econ.schemes.enterprise.EnterpriseParams` has them).
"""

from __future__ import annotations

import functools
from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import finance

__all__ = ["LoanTerms", "loan_amount", "loan_schedule", "repayment"]

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
    @property
    def loan_cap(self) -> float: ...
    @property
    def loan_to_cost(self) -> float: ...
    def column(self, field: str) -> Floats: ...
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


def loan_amount(params: LoanTerms, sector: ArrayLike) -> Floats:
    """Micro-loan of a new business: min(loan_cap, loan_to_cost x start-up cost), yuan."""
    cost = params.column("startup_cost")[np.asarray(sector, dtype=np.int64)]
    return np.minimum(params.loan_cap, params.loan_to_cost * cost)


def repayment(params: LoanTerms, sector: ArrayLike, age_years: ArrayLike) -> dict[str, Floats]:
    """What a surviving borrower owes at the end of loan year ``age_years``, yuan.

    Returns ``interest`` and ``principal`` due, and ``subsidy``, the part of
    the interest the government pays (the owner pays the rest).

    Examples
    --------
    A transport business borrows 42,000 yuan, repaid in 24 level monthly
    payments (interest-free to the owner); the first year's interest at 5.4%
    on the balance, 1,748 yuan, is paid by the government.

    >>> from collective_econ.schemes.enterprise import EnterpriseParams
    >>> r = repayment(EnterpriseParams(), 4, 0)
    >>> round(float(r["interest"])), round(float(r["subsidy"])), round(float(r["principal"]))
    (1748, 1748, 21000)
    """
    a = np.asarray(age_years, dtype=np.int64)
    sched = loan_schedule(params, params.loan_years + 1)
    k = np.clip(a, 0, params.loan_years)  # index loan_years holds zeros
    k = np.where(a < 0, params.loan_years, k)
    loan = loan_amount(params, sector)
    return {"interest": loan * sched["interest"][k], "principal": loan * sched["principal"][k],
            "subsidy": loan * sched["subsidy"][k]}  # fmt: skip
