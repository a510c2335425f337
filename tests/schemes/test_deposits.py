"""The cash households keep earns the simulation's real deposit rate (schemes/_deposits.py).

One function, :meth:`PriceIndex.real_deposit_rate`, makes the real rate of a year: the
simulation's households earn it each month, the appraisals' cash each year.
"""

import numpy as np
import pytest
import simpy
from hypothesis import given, settings
from hypothesis import strategies as st

from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.ledger import Ledger
from collective_econ.economy.livelihood import LivelihoodParams
from collective_econ.economy.world import World, institutions
from collective_econ.prices import FLAT, PriceIndex, current, using
from collective_econ.schemes.base import nominal_deflator
from collective_econ.schemes.land_shares import LandSharesParams, cash_alternative, spend_down

LV = LivelihoodParams()
SPEND = LV.spend_down_rate
RNG = np.random.default_rng(0)


def _path(index, lv=LV, horizon=20):
    with using(index):
        a = cash_alternative(LandSharesParams(), horizon_years=horizon, livelihood=lv)
    return a.items


def test_without_inflation_the_cash_path_is_the_nominal_deposit():
    it = _path(FLAT)
    cash = it["deposits"][0]
    nominal = (1.0 + LV.deposit_rate / 12.0) ** 12  # the contract: the rate / 12 a month
    t = np.arange(20)
    expected = (1.0 - SPEND) * cash * ((1.0 - SPEND) * nominal) ** t
    np.testing.assert_allclose(it["deposit_balance"][:20], expected, rtol=1e-12)
    assert it["deposit_balance"][20] == 0.0  # all withdrawn at the horizon


def test_a_years_growth_is_the_simulations_real_rate_of_that_year():
    index = PriceIndex()  # the case's: China's CPI 2011-2024, then 2.5%
    it = _path(index)
    balance = it["deposit_balance"]
    growth = balance[1:20] / balance[:19] / (1.0 - SPEND)  # into years 1..19
    years = index.base_year + np.arange(1, 20)
    # the simulation's month of each year, as the households' process makes it
    c = synthesize(CommunityParams(residents=20, agricultural_residents=10), RNG)
    env = simpy.Environment()
    world = World(env, c, Ledger(c.n_households, institutions(c.n_groups), 240), 240,
                  index.base_year, prices=index)  # fmt: skip
    monthly, seen = [], []
    for _ in range(20):
        seen.append(world.year)
        monthly.append(float(index.real_deposit_rate(LV.deposit_rate, world.year)))
        # the same bits as the simulation's former rate: nominal less the month's inflation
        assert monthly[-1] == (1.0 + LV.deposit_rate / 12.0) / (1.0 + world.inflation_month()) - 1
        env.run(until=env.now + 12)
    assert seen[1:] == years.tolist()  # the growth into year t: calendar year base + t
    np.testing.assert_allclose(growth, (1.0 + np.array(monthly[1:])) ** 12, rtol=1e-12)
    # 2011's 5.4% inflation beats the 2.25% nominal rate: the deposit loses real value
    assert growth[0] < 1.0
    assert float(index.real_deposit_rate(LV.deposit_rate, 2011, 12)) == pytest.approx(
        (1.0 + LV.deposit_rate / 12.0) ** 12 / 1.054 - 1.0, rel=1e-12
    )


def test_the_bank_pays_exactly_the_real_rate():
    index = PriceIndex()
    it = _path(index)
    years = index.base_year + np.arange(21)
    grow = 1.0 + index.real_deposit_rate(LV.deposit_rate, years, 12)
    real = np.cumprod(np.where(years > index.base_year, grow, 1.0))  # into year t
    bank = it["deposits"] - it["withdrawals"]
    assert float((bank / real).sum()) == pytest.approx(0.0, abs=1e-6 * it["deposits"][0])
    # a nominal deposit at the nominal rate, deflated as the shares are: the same path
    with using(index):
        deflated = nominal_deflator(20) * (1.0 + LV.deposit_rate / 12.0) ** (12 * np.arange(21))
    np.testing.assert_allclose(real, deflated, rtol=1e-12)


def test_spend_down_defaults_to_the_base_years_rate():
    with using(PriceIndex()):
        base = current().base_year
        np.testing.assert_array_equal(spend_down(LV, 1000.0), spend_down(LV, 1000.0, year=base))
        out, left = spend_down(LV, [1000.0, 1000.0], year=[2011, 2024])
    assert left[0] < left[1]  # 2011's inflation took more than 2024's
    np.testing.assert_allclose(out / (out + left), SPEND)


@settings(max_examples=60, deadline=None)
@given(
    st.floats(-0.05, 0.3),
    st.booleans(),
    st.floats(0.0, 0.2),
    st.floats(0.0, 1.0),
    st.integers(1, 40),
)
def test_the_cash_never_grows_faster_than_the_real_rate(inflation, history, rate, spend, horizon):
    index = PriceIndex(inflation=inflation, use_history=history)
    lv = LV.evolve(deposit_rate=rate, spend_down_rate=spend)
    it = _path(index, lv, horizon)
    balance, wd = it["deposit_balance"], it["withdrawals"]
    years = index.base_year + np.arange(1, horizon + 1)
    grow = 1.0 + index.real_deposit_rate(rate, years, 12)
    assert np.all(balance >= 0.0)
    assert np.all(balance[1:] <= balance[:-1] * grow * (1 + 1e-12) + 1e-9)
    # what is withdrawn and what is left is exactly the balance grown at the real rate
    np.testing.assert_allclose(balance[1:] + wd[1:], balance[:-1] * grow, rtol=1e-12, atol=1e-6)
