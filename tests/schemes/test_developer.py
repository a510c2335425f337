"""Dilution of the land-for-shares holders (schemes/_developer.py, ``distress_response``).

The appraisal's paths and the simulation share one year's formula
(:func:`project_year`); these tests check the stake path, its formula, and that
both tools pay holders the same under ``"dilute"``.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.ledger import Source
from collective_econ.economy.schedule import Schedule
from collective_econ.errors import ParameterError
from collective_econ.policy import Policy
from collective_econ.prices import PriceIndex, using
from collective_econ.scenario import Scenario
from collective_econ.schemes.land_shares import (
    LandSharesParams,
    appraise,
    developer_paths,
    expected_default_loss,
    expected_dilution_loss,
    project_year,
)
from collective_econ.seeding import as_seed_sequence, stream
from collective_econ.simulation import simulate

DEFAULT = LandSharesParams()
DILUTE = DEFAULT.evolve(distress_response="dilute")
ONE_WAVE = CommunityParams(
    residents=600,
    agricultural_residents=600,
    expropriation_months=(0,),
    expropriation_shares=(1.0,),
    land_cv=0.0,
)
SMALL = CommunityParams(residents=3000, agricultural_residents=1200)

FLAT_PRICES = PriceIndex(inflation=0.0, wage_growth=0.0, use_history=False)
"""No inflation and no real wage growth: the case's 2010 economics."""


def _random_paths(p, seed, n=200, years=21):
    rng = np.random.default_rng(seed)
    return developer_paths(p, rng.random((n, years)), rng.random((n, years)))


def _run(p, community=ONE_WAVE, seed=1, years=6, c=None):
    pol = Policy("shares", {"land_shares": Schedule(p, ())})
    sc = Scenario("dilution test", (pol,), community=community, horizon_years=years)
    return simulate(sc, pol, seed=seed, community=c)


@pytest.fixture(scope="module")
def one_wave():
    return synthesize(ONE_WAVE, np.random.default_rng(7))


# the stake path ----------------------------------------------------------------------------


@given(st.integers(0, 2**32 - 1), st.floats(0.0, 0.3), st.integers(0, 5))
def test_cut_leaves_the_stake_at_one(seed, reserve, lag):
    p = DEFAULT.evolve(reserve_fraction=reserve, construction_years=lag)
    path = _random_paths(p, seed, n=50)
    assert np.all(path["stake"] == 1.0)
    assert np.all(path["raised"] == 0.0)
    assert np.all(path["diluted"] == 0.0)
    assert np.all(path["outsiders"] == 0.0)


@given(st.integers(0, 2**32 - 1), st.floats(0.0, 0.3), st.integers(0, 5))
def test_dilute_lowers_the_stake_exactly_in_distress_years_survived(seed, reserve, lag):
    p = DILUTE.evolve(reserve_fraction=reserve, construction_years=lag)
    path = _random_paths(p, seed, n=50)
    stake = path["stake"]
    fell = np.diff(stake, axis=1) < 0
    short = path["short"][:, 1:] == 1.0  # distress and the developer survived
    assert np.array_equal(fell, short)
    assert np.all(np.diff(stake, axis=1) <= 0.0)
    assert np.all(stake[:, 0] == 1.0)
    # the factor is 1 / (1 + raised per yuan of equity at par), equity = 1 / stake
    ratio = stake[:, 1:] / stake[:, :-1]
    assert ratio == pytest.approx(1.0 / (1.0 + path["raised"][:, 1:] * stake[:, :-1]))
    # a cut dividend never happens: what is declared is paid while alive
    alive_before = np.concatenate((np.ones((50, 1)), path["alive"][:, :-1]), axis=1)
    live = (path["alive"] == 1.0) & (alive_before == 1.0)
    live[:, 0] = False
    assert path["dividends"][live] + path["outsiders"][live] == pytest.approx(
        path["declared"][live]
    )


def test_dilute_pays_the_formula_with_no_default():
    with using(FLAT_PRICES):  # 2010 economics: no inflation, no real wage growth
        # no reserve, no default, a constant 8% profit without a cycle, building 2 years:
        # years 1-2 raise the 6% floor at par (equity 1 -> 1.06 -> 1.12); then the project
        # declares 6% + 0.5 x 2% = 7% and pays it from sales; the holders keep 1/1.12
        p = DILUTE.evolve(
            reserve_fraction=0.0,
            default_prob=0.0,
            distress_default_prob=0.0,
            dividend_rate_sd=0.0,
            cycle_amplitude=0.0,
            construction_years=2,
        )
        horizon = 10
        a = appraise(p, horizon_years=horizon)
        shares = a.items["share_capital"][0]
        stake = np.array([1.0, 1 / 1.06] + [1 / 1.12] * (horizon - 1))
        assert a.items["stake"] == pytest.approx(stake, rel=1e-12)
        expected = np.r_[0.0, 0.06, 0.06 / 1.06, [0.07 / 1.12] * (horizon - 2)]
        assert a.items["dividends"] / shares == pytest.approx(expected, rel=1e-12)
        assert a.items["redemption"][-1] / shares == pytest.approx(1 / 1.12, rel=1e-12)
        assert a.items["raised"].sum() / shares == pytest.approx(0.12, rel=1e-12)
        assert a.items["dilution_loss"].sum() / shares == pytest.approx(1 - 1 / 1.12, rel=1e-12)
        # under "cut" the same project pays nothing while building and keeps the stake
        cut = appraise(p.evolve(distress_response="cut"), horizon_years=horizon)
        assert np.all(cut.items["dividends"][1:3] == 0.0)
        assert cut.items["redemption"][-1] == pytest.approx(shares)


def test_dilution_moves_money_between_holders_and_outside_investors_only():
    # the project pays the same whoever holds it: the developer's flows do not change
    p = DILUTE.evolve(reserve_fraction=0.05)
    a, cut = appraise(p), appraise(p.evolve(distress_response="cut"))
    assert a.items["raised"].sum() > 0
    assert a.of("developer") == pytest.approx(cut.of("developer"), rel=1e-9, abs=1e-3)
    holders = a.items["dividends"] + a.items["recovery"] + a.items["redemption"]
    holders_cut = cut.items["dividends"] + cut.items["recovery"] + cut.items["redemption"]
    outside = a.items["to_outsiders"] - a.items["raised"]
    assert holders + outside == pytest.approx(holders_cut, rel=1e-9, abs=1e-3)


def test_the_principal_lost_is_default_plus_dilution():
    with using(FLAT_PRICES):  # 2010 economics: no inflation, no real wage growth
        p = DILUTE.evolve(reserve_fraction=0.05)
        a = appraise(p)
        shares = a.items["share_capital"][0]
        lost = 1.0 - (a.items["recovery"].sum() + a.items["redemption"][-1]) / shares
        both = expected_default_loss(p, 20).sum() + expected_dilution_loss(p, 20).sum()
        assert expected_dilution_loss(p, 20).sum() > 0.01
        assert lost == pytest.approx(both, rel=0.03)  # hazards vs defaults drawn: 4,000 paths
        assert expected_dilution_loss(DEFAULT, 20).sum() == 0.0


def test_project_year_by_hand():
    # the one-year formula under both responses, by hand
    y = project_year(DEFAULT.evolve(distress_default_prob=0.0), 0.02, 0.0, 0.06, 1.0, 0.9, 1.0)
    assert float(y["paid"]) == pytest.approx(0.02)
    assert float(y["factor"]) == 1.0
    y = project_year(DILUTE.evolve(distress_default_prob=0.0), 0.02, 0.0, 0.06, 1.0, 0.9, 2.0)
    assert float(y["paid"]) == pytest.approx(0.06)
    assert float(y["factor"]) == pytest.approx(2.0 / 2.04)
    assert float(y["cash"]) == 0.0


@pytest.mark.parametrize("value", ["dilution", "", "CUT"])
def test_a_bad_distress_response_is_refused(value):
    with pytest.raises(ParameterError, match="distress_response"):
        LandSharesParams(distress_response=value)


# appraisal and simulation agree ------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 4, 3, 17])  # diluted: alive; dies year 3; -; dies year 4
def test_the_simulation_pays_the_random_appraisals_diluted_path(one_wave, seed):
    # one wave at month 0: the simulation draws what appraise(rng=...) draws; a short
    # reserve makes years 2-3 distress years, so the stake falls unless the developer dies
    p = DILUTE.evolve(reserve_fraction=0.08, construction_years=3, distress_default_prob=0.3)
    run = _run(p, seed=seed, c=one_wave)
    c = one_wave
    total = p.evolve(area_mu=float(c.land_mu.sum()), persons=int(c.size.sum()))
    a = appraise(
        total, horizon_years=5, rng=stream(as_seed_sequence(seed), "scheme", "land_shares")
    )
    it, flows = a.items, run.household_flows.sum(axis=2)
    assert it["stake"][2] < 1.0  # the path was diluted
    assert flows[:, Source.DIVIDEND] == pytest.approx(it["dividends"], rel=1e-12, abs=1e-6)
    back = it["recovery"][1:] + it["redemption"][1:]
    assert flows[1:, Source.SHARES] == pytest.approx(back, rel=1e-12, abs=1e-6)
    market = run.institution("market")
    out = market[:, Source.DIVIDEND] + market[:, Source.SHARES]
    assert out == pytest.approx(it["to_outsiders"] - it["raised"], rel=1e-9, abs=1e-6)
    scale = np.abs(run.household_flows).sum() + np.abs(run.institution_flows).sum()
    assert abs(run.ledger_total) <= 1e-9 * scale


def test_the_simulated_redemption_is_the_expected_stake_with_certain_dividends(one_wave):
    # no default and a certain rate: the expected appraisal is the one path the simulation runs
    p = DILUTE.evolve(
        reserve_fraction=0.1, default_prob=0.0, distress_default_prob=0.0, dividend_rate_sd=0.0
    )
    run = _run(p, c=one_wave, years=8)
    flows = run.household_flows.sum(axis=2)
    shares = -flows[0, Source.SHARES]
    a = appraise(p, horizon_years=7)
    assert a.items["stake"][-1] < 0.99  # diluted in the building years
    # redeemed at par, by stake, in real yuan of the redemption year (shares are nominal)
    at_par = a.items["redemption"][-1] / a.items["share_capital"][0]
    assert at_par < a.items["stake"][-1]
    assert flows[-1, Source.SHARES] / shares == pytest.approx(at_par, rel=1e-12)
    per_yuan = a.items["dividends"] / a.items["share_capital"][0]
    assert flows[:, Source.DIVIDEND] / shares == pytest.approx(per_yuan, rel=1e-12, abs=1e-15)


def test_dilution_with_several_waves_conserves_money_and_dilutes_every_holder():
    p = DILUTE.evolve(reserve_fraction=0.0, distress_default_prob=0.0)
    run = _run(p, community=SMALL, years=5)
    scale = np.abs(run.household_flows).sum() + np.abs(run.institution_flows).sum()
    assert abs(run.ledger_total) <= 1e-9 * scale
    market = run.institution("market")
    assert market[:, Source.SHARES].min() < 0  # outside investors bought new equity
    cut = _run(p.evolve(distress_response="cut"), community=SMALL, years=5)
    # the developer's flows are the same: dilution only moves money holders <-> investors
    dev, dev_cut = run.institution("developer"), cut.institution("developer")
    assert dev.sum() == pytest.approx(dev_cut.sum(), rel=1e-9)
    # holders end with less principal than they paid in
    held = -run.household_flows[:, Source.SHARES].sum(axis=1)
    assert held.sum() > 0
