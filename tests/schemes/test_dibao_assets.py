"""The dibao's asset test (schemes/safety_net.py): households above the limit are refused."""

from __future__ import annotations

import numpy as np
import pytest
import simpy

from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.economy.schedule import Schedule
from collective_econ.economy.world import CLOSE_PRIORITY, LateEvent, World, institutions
from collective_econ.errors import ParameterError
from collective_econ.schemes import firm_accounts
from collective_econ.schemes.safety_net import DibaoParams, asset_eligible, dibao_topup, process

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)


def test_the_default_limit_is_24_months_of_the_line_per_person():
    p = DibaoParams()
    assert p.asset_test
    limit = p.asset_limit_months * p.line_month  # 5,280 yuan/person
    ok = asset_eligible(p, np.array([limit * 3, limit * 3 + 0.01, 0.0]), np.array([3, 3, 1]), 220)
    assert ok.tolist() == [True, False, True]


def test_the_topup_is_removed_exactly_for_households_above_the_limit():
    p = DibaoParams(take_up=1.0)
    rng = np.random.default_rng(5)
    size = rng.integers(1, 7, 500)
    income = rng.uniform(0, 400, 500) * size
    assets = rng.uniform(0, 12_000, 500) * size
    with_test = dibao_topup(p, income, size, assets=assets)
    without = dibao_topup(p, income, size)
    above = assets / size > p.asset_limit_months * p.line_month
    assert above.any()
    assert (~above).any()
    np.testing.assert_array_equal(with_test[above], 0.0)
    np.testing.assert_array_equal(with_test[~above], without[~above])
    off = dibao_topup(p.evolve(asset_test=False), income, size, assets=assets)
    np.testing.assert_array_equal(off, without)


@pytest.mark.parametrize(
    "changes",
    [{"asset_limit_months": -1.0}, {"asset_test": "yes"}, {"asset_limit_months": np.inf}],
)
def test_bad_values_raise_one_parameter_error(changes):
    with pytest.raises(ParameterError, match=next(iter(changes))):
        DibaoParams(**changes)


def _one_month(
    params: DibaoParams, cash: np.ndarray, shares: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Run the dibao for one month on households with no income holding ``cash`` (yuan)
    and, if given, published share ``shares`` (yuan): the dibao paid and the sizes."""
    community = synthesize(SMALL, np.random.default_rng(0))
    h = community.n_households
    env = simpy.Environment()
    book = Ledger(h, institutions(community.n_groups, firm_accounts()), 1)
    world = World(env, community, book, 1)
    # an endowment, not income: the means test sees no income at all
    book.pay_households(world.account("market"), np.arange(h), cash[:h], Source.COMPENSATION)
    if shares is not None:
        held = shares
        world.publish_holdings("test shares", lambda homes, month: held[homes])

    def close():
        yield LateEvent(env, CLOSE_PRIORITY)

    env.process(process(world, Schedule(params), np.random.default_rng(1)))
    env.process(close())
    env.run(until=1)
    return book.household_flows[0, Source.DIBAO], community.size


def test_in_a_simulation_the_asset_test_removes_exactly_the_households_above_the_limit():
    p = DibaoParams(take_up=1.0)
    rng = np.random.default_rng(9)
    cash = rng.uniform(0, 2.0, 5000) * p.asset_limit_months * p.line_month * 4
    got, size = _one_month(p, cash)
    cash = cash[: size.size]
    above = cash / size > p.asset_limit_months * p.line_month
    assert above.any()
    assert (~above).any()
    np.testing.assert_array_equal(got[above], 0.0)
    np.testing.assert_allclose(got[~above], p.line_month * size[~above])  # no income: full line
    got_off, _ = _one_month(p.evolve(asset_test=False), cash)
    np.testing.assert_allclose(got_off, p.line_month * size)


def _with_shares(params: DibaoParams, cash: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """One month of the dibao on households with no income, ``cash`` and published ``shares``."""
    return _one_month(params, cash, shares)[0]


@pytest.mark.parametrize("counted", [1.0, 0.5, 0.0])
def test_shares_count_with_cash_by_shares_counted_in_the_simulation_as_in_the_formula(counted):
    # households with little cash and a share claim of up to twice the limit
    p = DibaoParams(take_up=1.0, shares_counted=counted)
    size = synthesize(SMALL, np.random.default_rng(0)).size
    rng = np.random.default_rng(3)
    limit = p.asset_limit_months * p.line_month * size
    cash = rng.uniform(0, 0.3, size.size) * limit
    shares = rng.uniform(0, 2.0, size.size) * limit
    got = _with_shares(p, cash, shares)
    # the simulation refuses exactly whom the shared formula refuses
    ok = asset_eligible(p, cash, size, p.line_month, shares=shares)
    np.testing.assert_array_equal(got[~ok], 0.0)
    np.testing.assert_allclose(got[ok], p.line_month * size[ok])
    refused = (cash + counted * shares) / size > p.asset_limit_months * p.line_month
    np.testing.assert_array_equal(~ok, refused)
    assert refused.any() == (counted > 0)


def test_without_published_holdings_shares_change_nothing():
    p = DibaoParams(take_up=1.0)
    rng = np.random.default_rng(4)
    cash = rng.uniform(0, 2.0, 5000) * p.asset_limit_months * p.line_month * 4
    got, _ = _one_month(p, cash)
    got0, _ = _one_month(p.evolve(shares_counted=0.0), cash)
    np.testing.assert_array_equal(got, got0)


@pytest.mark.parametrize("bad", [-0.1, 1.5, np.nan])
def test_shares_counted_outside_0_1_is_refused(bad):
    with pytest.raises(ParameterError, match="shares_counted"):
        DibaoParams(shares_counted=bad)
