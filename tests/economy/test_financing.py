"""Every yuan financed: no account that nobody lends to ever holds negative cash.

Only the bank, the government, the outside market and the developer may go below
zero (they stand for the wider economy), and the outside workers the jobs scheme
displaces (their account is the wages they lose, not cash); every other account (households,
collectives, firms) pays only from cash it was given, and borrows through an
explicit loan with a lender, interest and a repayment path.
"""

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.schemes import outside_accounts
from collective_econ.simulation import simulate

LENDERS = ("bank", "government", "market", "developer")
SCENARIO = default_scenario()


@pytest.mark.parametrize("policy", SCENARIO.policy_names)
def test_no_account_but_a_lender_holds_negative_cash(policy):
    run = simulate(SCENARIO, SCENARIO.policy(policy), seed=1, horizon_years=20)
    low = {
        name: float(run.institution_balance[:, k].min())
        for k, name in enumerate(run.institutions)
        if not name.startswith(LENDERS) and name not in outside_accounts()
    }
    overdrawn = {name: round(v) for name, v in low.items() if v < -1.0}
    assert not overdrawn, f"overdrawn under {policy!r} (lowest balance, yuan): {overdrawn}"
    assert abs(run.ledger_total) < 1e-3 * max(1.0, float(np.abs(run.household_flows).sum()))
