"""The dibao's SimPy process (schemes/safety_net.py): means test, flows, agreement."""

import numpy as np
import pytest
import simpy

from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.economy.schedule import Period, Schedule
from collective_econ.economy.world import (
    CLOSE_PRIORITY,
    SAVINGS_PRIORITY,
    LateEvent,
    World,
    institutions,
)
from collective_econ.errors import ParameterError
from collective_econ.policy import Policy
from collective_econ.prices import FLAT, using
from collective_econ.scenario import Scenario
from collective_econ.schemes import firm_accounts
from collective_econ.schemes.land_shares import LandSharesParams
from collective_econ.schemes.safety_net import MEANS_TEST_MONTHS, DibaoParams, appraise, process
from collective_econ.simulation import simulate
from collective_econ.testing import assert_conserved

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
HIGH_LINE = DibaoParams(line_month=400.0)  # enough recipients in a small community


@pytest.fixture(autouse=True, scope="module")
def flat_prices():
    """These tests check the scheme's 2010 economics by hand: no inflation, no real wage
    growth (scenarios built here default to the current index; tests/test_real_terms.py
    checks the real-terms mechanics)."""
    with using(FLAT):
        yield


def _scenario(dibao=HIGH_LINE, periods=()):
    pol = Policy(
        "dibao",
        {
            "land_shares": Schedule(LandSharesParams(share_fraction=0.0)),
            "safety_net": Schedule(dibao, periods),
        },
    )
    return Scenario("dibao test", (pol,), community=SMALL, horizon_years=4), pol


def _dibao(run):
    return run.household_flows[:, Source.DIBAO, :]


# -- a hand-built world with known incomes ------------------------------------------------


def _run_known_incomes(params, incomes, months, seed=0):
    """Run the dibao process alone on a world where household h earns incomes[m, h] in month m.

    Returns the dibao each household received each month, shape (months, H).
    """
    community = synthesize(SMALL, np.random.default_rng(seed))
    h = community.n_households
    env = simpy.Environment()
    book = Ledger(h, institutions(community.n_groups, firm_accounts()), months)
    world = World(env, community, book, months)
    market = world.account("market")
    received = np.zeros((months, h))

    def earn():
        while world.now < months:
            y = incomes[world.now]
            pos, neg = np.flatnonzero(y > 0), np.flatnonzero(y < 0)
            book.pay_households(market, pos, y[pos], Source.WAGE)
            book.collect(market, neg, -y[neg], Source.HOGS)  # piglets bought: income < 0
            yield env.timeout(1)

    def probe_and_close():
        before = 0.0
        while world.now < months:
            yield LateEvent(env, SAVINGS_PRIORITY)
            total = book.household_flows[:, Source.DIBAO].sum(axis=0)
            received[world.now] = total - before
            before = total
            yield LateEvent(env, CLOSE_PRIORITY)
            book.close_month()
            yield env.timeout(1)

    env.process(earn())
    env.process(process(world, Schedule(params), np.random.default_rng(seed + 1)))
    env.process(probe_and_close())
    env.run(until=months)
    assert abs(book.total()) <= 1e-9 * (1 + np.abs(incomes).sum())
    return community, received


def test_nobody_ends_a_month_below_the_line_under_the_means_test():
    # full take-up, no cap: assessed income (mean of the last 12 months, >= 0) + dibao >= line
    # (the income test alone: these households save all they earn, so no asset test)
    params = DibaoParams(take_up=1.0, benefit_cap_share=1.0, line_month=300.0, asset_test=False)
    months = 30
    rng = np.random.default_rng(7)
    community = synthesize(SMALL, np.random.default_rng(0))
    size = community.size
    per_capita = rng.lognormal(np.log(400.0), 0.8, (months, community.n_households))
    incomes = per_capita * size
    incomes[rng.random(incomes.shape) < 0.1] *= -1.0  # some months of negative income
    incomes[:, :5] = -100.0  # always negative: the floor at 0 applies
    community, got = _run_known_incomes(params, incomes, months)
    line = params.line_month * size
    for m in range(months):
        first = max(0, m + 1 - MEANS_TEST_MONTHS)
        assessed = np.maximum(incomes[first : m + 1].mean(axis=0), 0.0)
        assert np.all(assessed + got[m] >= line - 1e-9)
        np.testing.assert_allclose(got[m], np.maximum(line - assessed, 0.0), atol=1e-9)
    np.testing.assert_allclose(got[:, :5], np.broadcast_to(line[:5], (months, 5)))


def test_households_a_hair_below_the_line_are_found():
    # the means test first compares every household's income sum with a bound a hair
    # (TOLERANCE) above size x line x months, then tests the few below it exactly: a
    # household 1e-12 below the line must still get its (tiny) top-up, one at it nothing
    params = DibaoParams(take_up=1.0, line_month=300.0, asset_test=False)
    months = 14
    community = synthesize(SMALL, np.random.default_rng(0))
    line = params.line_month * community.size.astype(float)
    hair = np.where(np.arange(community.n_households) % 2 == 0, 1.0 - 1e-12, 1.0)
    _, got = _run_known_incomes(params, np.broadcast_to(line * hair, (months, line.size)), months)
    below = hair < 1.0
    assert np.all(got[:, below] > 0.0)
    assert np.all(got[:, ~below] == 0.0)
    assert np.all(got[:, below] < 1e-6)


def test_agreement_with_the_appraisal_on_its_income_distribution():
    # persistent lognormal income per person (the appraisal's distribution): the simulated
    # yearly cost matches the expected appraisal within sampling error, measured by the
    # spread of the appraisal's own random draws for the same number of households
    community = synthesize(SMALL, np.random.default_rng(0))
    h = community.n_households
    params = DibaoParams(households=h, household_size=float(community.size.mean()))
    sigma = np.sqrt(np.log1p(params.income_cv**2))
    rng = np.random.default_rng(3)
    pc = params.income_mean_month * np.exp(sigma * rng.standard_normal(h) - sigma**2 / 2)
    months = 24
    _, got = _run_known_incomes(params, np.tile(pc * community.size, (months, 1)), months)
    yearly = got.reshape(2, 12, h).sum(axis=(1, 2))
    expected = appraise(params, horizon_years=1).items["transfers"]
    draws = [appraise(params, horizon_years=1, rng=np.random.default_rng(s)) for s in range(100)]
    sd = np.std([d.items["transfers"][0] for d in draws])
    assert np.all(np.abs(yearly - expected) < 4 * sd)
    assert sd < 0.2 * expected[0]  # the check has teeth


# -- the full simulation -------------------------------------------------------------------


def test_money_is_conserved_and_the_government_pays_exactly_the_transfers():
    sc, pol = _scenario()
    run = simulate(sc, pol, seed=4)
    assert_conserved(run)
    dibao = _dibao(run)
    assert dibao.sum() > 0
    assert np.all(dibao >= 0)
    gov = run.institution("government")[:, Source.DIBAO]
    np.testing.assert_allclose(-gov, dibao.sum(axis=1), rtol=1e-12)
    others = np.delete(run.institution_flows[:, Source.DIBAO, :],
                       run.institutions.index("government"), axis=1)  # fmt: skip
    assert np.all(others == 0)


def test_transfers_are_bounded_by_the_line():
    sc, pol = _scenario()
    run = simulate(sc, pol, seed=5)
    cap = 12 * HIGH_LINE.line_month * run.persons_by_year  # the persons present each month
    assert np.all(_dibao(run) <= cap + 1e-6)
    # the poor get it: recipients' other income per person is below that of the others
    received = _dibao(run)[1] > 0
    other = (run.income[1].sum(axis=0) - _dibao(run)[1]) / run.community.size
    assert received.any()
    assert np.median(other[received]) < np.median(other[~received])


def test_reproducible():
    sc, pol = _scenario()
    a = simulate(sc, pol, seed=9)
    b = simulate(sc, pol, seed=9)
    assert np.array_equal(a.income, b.income)


def test_dated_change_stops_the_dibao():
    sc, pol = _scenario(periods=(Period(24, None, {"line_month": 0.0}),))
    dibao = _dibao(simulate(sc, pol, seed=4)).sum(axis=1)
    assert np.all(dibao[:2] > 0)
    assert np.all(dibao[2:] == 0)


@pytest.mark.parametrize("change", [{"take_up": 0.0}, {"line_month": 0.0}])
def test_nothing_is_paid_without_take_up_or_line(change):
    sc, pol = _scenario(HIGH_LINE.evolve(**change))
    run = simulate(sc, pol, seed=4)
    assert np.all(_dibao(run) == 0)
    assert np.all(run.institution_flows[:, Source.DIBAO, :] == 0)


def test_take_up_is_persistent_and_nested():
    # the same uniform per household: raising take-up only adds claimants
    low, _ = _scenario(HIGH_LINE.evolve(take_up=0.5))
    high, _ = _scenario(HIGH_LINE.evolve(take_up=1.0))
    ever_low = _dibao(simulate(low, low.policies[0], seed=6)).sum(axis=0) > 0
    ever_high = _dibao(simulate(high, high.policies[0], seed=6)).sum(axis=0) > 0
    assert ever_low.sum() < ever_high.sum()
    assert np.all(ever_high[ever_low])


def _shares_scenario(share_fraction, counted, **dibao):
    pol = Policy(
        "dibao",
        {
            "land_shares": Schedule(LandSharesParams(share_fraction=share_fraction)),
            "safety_net": Schedule(HIGH_LINE.evolve(shares_counted=counted, **dibao)),
        },
    )
    return Scenario("dibao test", (pol,), community=SMALL, horizon_years=4), pol


def test_land_shares_count_in_the_asset_test():
    # all in cash: no shares held, so counting them changes nothing
    runs = [simulate(*_shares_scenario(0.0, c), seed=3) for c in (0.0, 1.0)]
    np.testing.assert_array_equal(_dibao(runs[0]), _dibao(runs[1]))
    # 80% in shares: holders above the limit are refused once their shares count
    free, counted = (_dibao(simulate(*_shares_scenario(0.8, c), seed=3)) for c in (0.0, 1.0))
    assert counted.sum() < free.sum()
    # every household paid with shares counted is paid without (the test only refuses)
    assert np.all(free[counted > 0] > 0)


@pytest.mark.parametrize(
    "change", [{"income_mean_month": 600.0}, {"income_cv": 0.7}, {"income_growth": 0.01}]
)
def test_a_policy_setting_an_appraisal_only_parameter_is_refused(change):
    ((field, value),) = change.items()
    sc, pol = _scenario(HIGH_LINE.evolve(**change))
    with pytest.raises(ParameterError, match=rf"safety_net\.{field}.*appraisal only") as e:
        simulate(sc, pol, seed=1)
    assert repr(value) in str(e.value)
    # in a period too
    sc, pol = _scenario(periods=(Period(12, None, change),))
    with pytest.raises(ParameterError, match=field):
        simulate(sc, pol, seed=1)
    # the scenario's own value acts (in the appraisal) and the run goes ahead
    params = HIGH_LINE.evolve(**change)
    own = Policy("dibao", {**pol.schemes, "safety_net": Schedule(params)})
    ok = Scenario(
        "dibao test",
        (own,),
        community=SMALL,
        horizon_years=1,
        scheme_params={"safety_net": params},
    )
    assert simulate(ok, ok.policies[0], seed=1).events > 0
