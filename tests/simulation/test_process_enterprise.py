"""The self-employment scheme's SimPy process (schemes/enterprise.py)."""

import numpy as np
import pytest
import simpy

from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.economy.schedule import Period, Schedule
from collective_econ.economy.world import CLOSE_PRIORITY, LateEvent, World, institutions
from collective_econ.policy import Policy
from collective_econ.scenario import Scenario
from collective_econ.schemes import firm_accounts
from collective_econ.schemes.enterprise import EnterpriseParams, appraise, process, survival
from collective_econ.simulation import simulate
from collective_econ.testing import assert_conserved

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
YEARS = 9  # five cohorts, loans and tax relief all settled by year 7


def _scenario(params=None, periods=()):
    pol = Policy("enterprise", {"enterprise": Schedule(params or EnterpriseParams(), periods)})
    return Scenario("enterprise test", (pol,), community=SMALL, horizon_years=YEARS), pol


def _fiscal(run, params):
    """Interest subsidy + guarantee payments + tax relief (tax_rate x profit - tax paid)."""
    gov = run.institution("government")
    profit = run.household_flows[:, Source.BUSINESS].sum(axis=1)
    relief = params.tax_rate * profit - gov[:, Source.TAX]
    return -gov[:, Source.OPERATIONS] - gov[:, Source.LOAN] + relief


def test_five_year_survival_matches_the_survival_function():
    # one cohort of 1,000 businesses in a world of landless persons: owners are occupied
    # while their business lives, so the occupied count traces the cohort's survival
    params = EnterpriseParams(businesses_per_year=1000, scheme_years=1)
    community = synthesize(
        CommunityParams(residents=4000, agricultural_residents=4000, expropriation_months=(0,),
                        expropriation_shares=(1.0,)),
        np.random.default_rng(0),
    )  # fmt: skip
    months = 61
    env = simpy.Environment()
    book = Ledger(
        community.n_households, institutions(community.n_groups, firm_accounts()), months
    )
    world = World(env, community, book, months)
    open_ = np.zeros(months)

    def probe_and_close():
        while world.now < months:
            yield LateEvent(env, CLOSE_PRIORITY)
            open_[world.now] = world.occupied.sum()
            book.close_month()
            yield env.timeout(1)

    env.process(process(world, Schedule(params), np.random.default_rng(1)))
    env.process(probe_and_close())
    env.run(until=months)
    assert open_[0] == 1000
    mix = params.column("share") @ survival(params, np.arange(5)[:, None], [1, 3, 5])
    se = np.sqrt(mix * (1 - mix) / 1000)
    got = open_[[12, 36, 60]] / 1000  # open in month 12m of life: survived m years
    assert np.all(np.abs(got - mix) < 4 * se), (got, mix)
    assert abs(book.total()) <= 1e-9 * np.abs(book.household_flows).sum()


def test_fiscal_cost_and_flows_agree_with_the_appraisal():
    # tolerance: 4 standard deviations of the appraisal's own random draws (the same model:
    # sectors, profits, lifetimes and defaults of 150 businesses)
    params = EnterpriseParams()
    sc, pol = _scenario(params)
    run = simulate(sc, pol, seed=2)
    expected = appraise(params, horizon_years=YEARS - 1).items
    draws = [appraise(params, horizon_years=YEARS - 1, rng=np.random.default_rng(s)).items
             for s in range(100)]  # fmt: skip
    got = {
        "fiscal_cost": _fiscal(run, params).sum(),
        "profit": run.household_flows[:, Source.BUSINESS].sum(),
        "interest_subsidy": -run.institution("government")[:, Source.OPERATIONS].sum(),
    }
    for item, value in got.items():
        sd = np.std([d[item].sum() for d in draws])
        assert abs(value - expected[item].sum()) < 4 * sd, item
        assert sd < 0.2 * expected[item].sum()


def test_money_is_conserved_and_flows_reach_owners_only():
    sc, pol = _scenario()
    run = simulate(sc, pol, seed=3)
    assert_conserved(run)
    hf = run.household_flows
    owners = hf[:, Source.INVESTMENT].sum(axis=0) < 0
    assert 100 <= owners.sum() <= 150  # 150 businesses; a household may hold two
    assert np.all(run.community.landless_target[owners])
    for src in (Source.BUSINESS, Source.LOAN, Source.TAX):
        assert np.all(hf[:, src, ~owners] == 0)
    assert np.all(hf[:, Source.BUSINESS] >= 0)
    assert np.all(hf[:, Source.TAX] <= 0)
    # the bank is repaid what it lent, but for defaults not covered by the guarantee
    bank = run.institution("bank")
    assert bank[:, Source.LOAN].sum() == pytest.approx(0.0, abs=1e-6)  # guarantee share 1
    assert bank[:, Source.INTEREST].sum() + bank[:, Source.OPERATIONS].sum() > 0
    market = run.institution("market")
    assert -market[:, Source.BUSINESS].sum() == pytest.approx(hf[:, Source.BUSINESS].sum())


def test_tax_relief_years_pay_no_tax():
    sc, pol = _scenario()
    gov = simulate(sc, pol, seed=3).institution("government")[:, Source.TAX]
    assert np.all(gov[:3] == 0)  # the first cohort's 3 relief years
    assert np.all(gov[3:] > 0)


def test_reproducible():
    sc, pol = _scenario()
    a = simulate(sc, pol, seed=8)
    b = simulate(sc, pol, seed=8)
    assert np.array_equal(a.income, b.income)
    assert np.array_equal(a.household_flows, b.household_flows)


def test_dated_change_stops_new_loans():
    sc, pol = _scenario(periods=(Period(24, None, {"businesses_per_year": 0}),))
    run = simulate(sc, pol, seed=3)
    invested = -run.household_flows[:, Source.INVESTMENT].sum(axis=1)
    assert np.all(invested[:2] > 0)
    assert np.all(invested[2:] == 0)


def test_no_businesses_no_flows():
    sc, pol = _scenario(EnterpriseParams(businesses_per_year=0))
    run = simulate(sc, pol, seed=3)
    base_sc, base = _scenario(EnterpriseParams(scheme_years=0))
    assert np.array_equal(run.household_flows, simulate(base_sc, base, seed=3).household_flows)
    for src in (Source.BUSINESS, Source.INVESTMENT, Source.LOAN, Source.TAX):
        assert np.all(run.household_flows[:, src] == 0)
