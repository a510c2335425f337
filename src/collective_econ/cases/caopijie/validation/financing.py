"""Financing: whether every yuan is financed, and whether the lender gets it back.

The checks a county finance bureau asks first (economics review, HC6 and H1): no
account that nobody lends to ever holds negative cash; the loans the simulation makes
are repaid rather than written off; the hog scheme's appraisal headline has the sign
of its own Monte Carlo mean.
"""

from __future__ import annotations

import functools

import numpy as np

from ....appraisal import appraise, monte_carlo
from ....finance import DEFAULT_DISCOUNT_RATE
from ....schemes.base import STAKEHOLDERS
from ....simulation import RunResult, simulate
from ._common import SEED, Check, _community, _scenario, _yuan

__all__ = ["FINANCE_YEARS", "_financing"]

FINANCE_YEARS = 20
"""Years simulated for the financing checks (loans run for 10-15 years)."""

_LENDERS = ("bank", "government", "market", "developer")
_SEC = "Financing"


@functools.cache
def _runs() -> tuple[RunResult, ...]:
    sc = _scenario()
    return tuple(
        simulate(sc, p, seed=SEED, horizon_years=FINANCE_YEARS, community=_community())
        for p in sc.policies
    )


def _financing() -> list[Check]:
    runs = _runs()
    lows = []
    for run in runs:
        keep = [k for k, n in enumerate(run.institutions) if not n.startswith(_LENDERS)]
        lows.append(float(run.institution_balance[:, keep].min()))
    low = min(lows)
    written = {run.policy: run.written_off for run in runs}
    worst = max(written, key=lambda k: written[k])
    j = STAKEHOLDERS.index("households")
    headline = float(appraise("hogs").npv(DEFAULT_DISCOUNT_RATE)[j])
    mc = np.asarray(monte_carlo("hogs", n=400, seed=SEED).npv(DEFAULT_DISCOUNT_RATE))[:, j]
    mean = float(mc.mean())
    return [
        Check(
            _SEC,
            "no money nobody lent",
            "every account but the bank, the government, the market and the developer pays "
            "only from cash; every loan has a lender and interest (economics review HC6)",
            ">= 0 yuan",
            _yuan(0.0 if abs(low) < 1.0 else low),
            "matches" if low >= -1.0 else "differs",
            f"the lowest month-end balance of the collectives, firms and funds over "
            f"{FINANCE_YEARS} years, every default policy, seed {SEED}; households are "
            "checked in tests/economy (they borrow on credit lines, never overdraw)",
            low,
        ),
        Check(
            _SEC,
            "loans repaid, not written off",
            "a bank lends what it expects back: written-off loans are a loss somebody bears "
            "(economics review HC6)",
            "0 yuan",
            f"{_yuan(written[worst])} under {worst!r}",
            "matches" if written[worst] <= 1.0 else "differs",
            "principal and interest written off on default in the simulation (collectives' "
            "project loans, hog farms' and businesses' loans, households' credit lines), "
            "the largest policy; a non-zero value says a project cannot carry its debt at "
            "its terms (the tea garden's loans, at 5.94% over 10 years, are the usual "
            "cause: see docs/schemes/tea.md)",
            written[worst],
        ),
        Check(
            _SEC,
            "hog scheme: headline and Monte Carlo mean",
            "the appraisal at default inputs should have the sign of its own Monte Carlo "
            "mean (economics review H1: +13.0 M at the modes against -7.9 M)",
            "same sign",
            f"{_yuan(headline)} at defaults, {_yuan(mean)} mean of 400",
            "matches" if np.sign(headline) == np.sign(mean) else "differs",
            "households' NPV at 8% of the hog scheme; its uncertain inputs' defaults are "
            "their means, not their modes",
            mean,
        ),
    ]
