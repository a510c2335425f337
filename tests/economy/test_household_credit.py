"""Households' credit (review HH5): a credit line with a limit, repayments from cash, default."""

import numpy as np
import pytest

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy import households
from collective_econ.economy.community import CommunityParams
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.economy.livelihood import LivelihoodParams
from collective_econ.scenario import Scenario
from collective_econ.simulation import simulate

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
YEARS = 6


def _scenario(livelihood=None):
    base = default_scenario()
    return Scenario(
        "credit test",
        base.policies,
        community=SMALL,
        livelihood=livelihood or LivelihoodParams(),
        horizon_years=YEARS,
    )


@pytest.fixture
def lowest(monkeypatch):
    """The lowest household balance at any month end (Ledger.close_month wrapped)."""
    seen = {"low": np.inf}
    close = Ledger.close_month

    def close_month(ledger):
        seen["low"] = min(seen["low"], float(ledger.balance[: ledger.households].min(initial=0)))
        close(ledger)

    monkeypatch.setattr(Ledger, "close_month", close_month)
    return seen


@pytest.fixture
def lines(monkeypatch):
    """Every month of the credit lines: (owed after, limit, drawn, late) per household touched."""
    months = []
    month = households._CreditLines.month

    def record(self, who, balance, earned, spend, usual):
        before = self.owed[who].copy()
        net, repaid, spent = month(self, who, balance, earned, spend, usual)
        cash = balance + net - before * self.repay
        room = np.maximum(self.multiple * np.maximum(usual, 0.0) - before * (1 - self.repay), 0)
        late = cash + room < 0
        months.append(
            (
                self.owed[who].copy(),
                self.multiple * np.maximum(usual, 0.0),
                np.maximum(-repaid, 0.0),
                late,
                balance + net - spent - repaid,
            )
        )
        return net, repaid, spent

    monkeypatch.setattr(households._CreditLines, "month", record)
    return months


@pytest.mark.parametrize("policy", ["cash only", "shares + hogs", "full package"])
def test_households_never_hold_negative_cash(lowest, policy):
    run = simulate(_scenario(), policy, seed=1)
    assert lowest["low"] >= -1e-6
    assert abs(run.ledger_total) <= 1e-6 * np.abs(run.household_flows).sum()


def test_households_borrow_within_their_limit_and_repay(lines):
    # households that save nothing run short in their lean months, and draw on their lines
    run = simulate(_scenario(LivelihoodParams(saving_rate=0.0)), "cash only", seed=1)
    assert lines, "some households use their line"
    drew_any = False
    for owed, limit, drawn, late, cash_after in lines:
        ok = ~late & (drawn > 0)
        drew_any |= bool(ok.any())
        assert np.all(owed[ok] <= limit[ok] + 1e-6)  # drawings stay within the limit
        assert np.all(cash_after >= -1e-6)  # and nobody overdraws
    assert drew_any
    loans = run.household_flows[:, Source.LOAN]
    assert loans[0].sum() > 0  # net borrowing at first
    assert (loans[1:] < 0).any()  # surplus cash repays lines


def test_without_credit_consumption_is_cut_to_cash(lowest):
    with_credit = simulate(_scenario(), "cash only", seed=1)
    low = lowest["low"]
    without = simulate(_scenario(LivelihoodParams(credit_limit_income=0.0)), "cash only", seed=1)
    assert low >= -1e-6
    assert lowest["low"] >= -1e-6
    assert not np.any(without.household_flows[:, Source.LOAN])
    spent = [-r.household_flows[0, Source.CONSUMPTION].sum() for r in (with_credit, without)]
    assert spent[1] < spent[0]  # the liquidity constraint binds in year 0


def test_money_is_conserved():
    run = simulate(_scenario(), "full package", seed=3)
    scale = np.abs(run.household_flows).sum() + np.abs(run.institution_flows).sum()
    assert abs(run.ledger_total) <= 1e-9 * scale
    bank = run.institution("bank")
    assert bank[:, Source.LOAN].sum() == pytest.approx(
        -run.household_flows[:, Source.LOAN].sum()
        - (run.institution_flows[:, Source.LOAN].sum() - bank[:, Source.LOAN].sum())
    )
