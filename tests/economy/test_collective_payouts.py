"""The collectives' December payouts: per member person, and nothing in a year none can pay.

The payout process works on the member households only and skips a December in which no
collective has both a positive net income and cash beyond its reserve: these tests would
fail if the skip left out a collective that can pay, or if a non-member were counted.
"""

import numpy as np
import pytest
import simpy
from hypothesis import given, settings
from hypothesis import strategies as st

from collective_econ.economy import collective
from collective_econ.economy.collective import PayoutRule
from collective_econ.economy.community import from_table
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.economy.world import World, institutions

MONTHS = 24
HALF = PayoutRule(ratio=0.5, vote=False)


def _world(member=(True, True, False, True, True)):
    """Five households in two groups (sizes 2, 3, 4 | 1, 2); the third is not a member."""
    c = from_table(
        {"group": [0, 0, 0, 1, 1], "size": [2, 3, 4, 1, 2], "land_mu": [1.0] * 5,
         "expropriation_month": [0] * 5, "member": list(member)},
        np.random.default_rng(1),
    )  # fmt: skip
    ledger = Ledger(c.n_households, institutions(c.n_groups), MONTHS)
    world = World(simpy.Environment(), c, ledger, MONTHS)
    return world


def _payouts(world, income, rule=HALF, cash=None):
    """Run the payouts for a year after each collective earns ``income`` (spending ``cash``)."""
    book, market = world.ledger, world.account("market")
    for g, amount in enumerate(income):
        account = world.collective(g)
        if amount > 0:
            book.pay(market, account, amount, Source.SALES)
        elif amount < 0:
            book.pay(account, market, -amount, Source.SALES)
        if cash is not None and cash[g] < book.balance[account]:  # spent outside the year
            book.pay(account, market, float(book.balance[account] - cash[g]), Source.INVESTMENT)
            book.institution_flows[0, Source.INVESTMENT, account - book.households] = 0.0
    world.env.process(collective.process(world, rule))
    world.env.run(until=13)
    return book.household_flows[0, Source.COLLECTIVE_PAYOUT]


def test_each_group_pays_its_member_persons():
    world = _world()
    paid = _payouts(world, [1_000.0, 600.0])
    # group 0 pays half its net, 500, to 2 + 3 member persons; group 1 300 to 1 + 2
    np.testing.assert_allclose(paid, [200.0, 300.0, 0.0, 100.0, 200.0])
    assert world.ledger.total() == pytest.approx(0.0, abs=1e-9)


def test_a_year_no_collective_can_pay_pays_nothing():
    world = _world()
    paid = _payouts(world, [-1_000.0, 0.0])
    assert not paid.any()


def test_one_paying_group_is_not_skipped():
    # group 0 lost money; group 1 earned and holds the cash: it alone pays
    world = _world()
    paid = _payouts(world, [-1_000.0, 600.0])
    np.testing.assert_allclose(paid, [0.0, 0.0, 0.0, 100.0, 200.0])


def test_net_without_cash_pays_nothing_and_cash_caps_the_payout():
    world = _world()
    paid = _payouts(world, [1_000.0, 600.0], cash=[0.0, 150.0])
    np.testing.assert_allclose(paid, [0.0, 0.0, 0.0, 50.0, 100.0])


def test_the_vote_counts_member_households_only():
    # ratio 0 unless a majority of a group's member households is below its baseline (all are:
    # they earned nothing this year), then everything is paid out
    world = _world()
    paid = _payouts(world, [1_000.0, 600.0], rule=PayoutRule(ratio=0.0, vote=True))
    np.testing.assert_allclose(paid, [400.0, 600.0, 0.0, 200.0, 400.0])


CAPITAL = (Source.COMPENSATION, Source.SHARES, Source.GRANT, Source.LOAN, Source.INVESTMENT)


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(CAPITAL),
    st.floats(-5_000.0, 50_000.0),
    st.floats(-2_000.0, 2_000.0),
)
def test_collectives_pay_out_no_capital_receipt_as_income(source, capital, operating):
    # the land fee a collective keeps, shares, grants, loan principal and project outlays
    # are capital: a payout (income to members) is a share of the operating surplus alone
    # (a planted bug: paying out the land fee kept, COMPENSATION, would fail)
    world = _world()
    book, market = world.ledger, world.account("market")
    account = world.collective(0)
    book.pay(market, account, 100_000.0, Source.SALES)  # cash from earlier years
    book.institution_flows[0, Source.SALES, account - book.households] = 0.0
    if capital > 0:  # received (e.g. the land fee it keeps), else paid out
        book.pay(world.account("government"), account, capital, Source(source))
    elif capital < 0:
        book.pay(account, market, -capital, Source(source))
    paid = _payouts(world, [operating, 0.0])
    expected = 0.5 * max(operating, 0.0) * np.array([2, 3, 0, 0, 0]) / 5
    np.testing.assert_allclose(paid, expected, atol=1e-9)
    assert world.ledger.total() == pytest.approx(0.0, abs=1e-6)
