"""The jobs-and-training scheme's SimPy process (schemes/jobs.py)."""

import numpy as np
import pytest
import simpy

from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.economy.schedule import Period, Schedule
from collective_econ.economy.world import CLOSE_PRIORITY, LateEvent, World, institutions
from collective_econ.policy import Policy
from collective_econ.prices import FLAT, using
from collective_econ.scenario import Scenario
from collective_econ.schemes import scheme_accounts
from collective_econ.schemes.jobs import JobsParams, appraise, process, steady_state_employment
from collective_econ.schemes.land_shares import LandSharesParams
from collective_econ.simulation import simulate
from collective_econ.testing import assert_conserved

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
FIRM_ACCOUNTS = ("brewery", "factories")


@pytest.fixture(autouse=True, scope="module")
def flat_prices():
    """These tests check the scheme's 2010 economics by hand: no inflation, no real wage
    growth (scenarios built here default to the current index; tests/test_real_terms.py
    checks the real-terms mechanics)."""
    with using(FLAT):
        yield


def _scenario(params=None, periods=(), years=5):
    schemes = {"land_shares": Schedule(LandSharesParams())}
    if params is not None:
        schemes["jobs"] = Schedule(params, periods)
    pol = Policy("jobs", schemes)
    return Scenario("jobs test", (pol,), community=SMALL, horizon_years=years), pol


def _seekers(community):
    landless = community.landless_target[community.person_household]
    return int((community.working_age & landless).sum())


def _firm(run, source):
    return sum(run.institution(name)[:, source] for name in FIRM_ACCOUNTS)


# -- the job market alone, watched month by month ------------------------------------------


@pytest.fixture(scope="module")
def market():
    """Six years of the jobs process alone on a small community, with a monthly probe.

    The public-welfare posts are renewed, so that all 430 places stay open.
    """
    params = JobsParams(renew_welfare_posts=True)
    community = synthesize(SMALL, np.random.default_rng(0))
    months = 72
    env = simpy.Environment()
    book = Ledger(
        community.n_households, institutions(community.n_groups, scheme_accounts()), months
    )
    world = World(env, community, book, months)
    h = community.n_households
    rec = {"occupied": np.zeros((months, community.n_persons), dtype=bool),
           "wage": np.zeros((months, h)), "workers": np.zeros((months, h))}  # fmt: skip

    def probe_and_close():
        before = 0.0
        while world.now < months:
            yield LateEvent(env, CLOSE_PRIORITY)
            m = world.now
            rec["occupied"][m] = world.occupied
            total = book.household_flows[:, Source.WAGE].sum(axis=0)
            rec["wage"][m], before = total - before, total
            rec["workers"][m] = np.bincount(community.person_household, world.occupied, h)
            book.close_month()
            yield env.timeout(1)

    env.process(process(world, Schedule(params), np.random.default_rng(1)))
    env.process(probe_and_close())
    env.run(until=months)
    return params, community, world, book, rec


def test_steady_state_employment(market):
    params, community, world, _, rec = market
    seekers = _seekers(community)
    trained = world.trained.sum() / seekers
    expected = steady_state_employment(params, seekers, trained).scheme_jobs
    got = rec["occupied"][36:].sum(axis=1).mean()
    # places are refilled at the month's hiring round: at the month end all 430 are filled,
    # against 416 in the steady state, which counts the month's leavers and contracts not
    # renewed (jobqueue.py)
    assert got == pytest.approx(expected, abs=0.04 * params.places.sum())
    assert got <= params.places.sum()


def test_the_trained_are_over_represented_among_the_hired(market):
    # after the last training round (month 24): the trained share of each month's hires
    # against that of the seekers without a place at the month's start
    params, community, world, _, rec = market
    assert world.trained.sum() == params.training_rounds * params.trainees_per_round
    occupied = rec["occupied"]
    seekers = community.working_age & community.landless_target[community.person_household]
    hires = occupied[25:] & ~occupied[24:-1]
    pool = seekers & ~occupied[24:-1]
    share_hires = (hires & world.trained).sum() / hires.sum()
    share_pool = (pool & world.trained).sum() / pool.sum()
    assert hires.sum() > 200
    assert share_hires > share_pool + 0.05


def test_wages_reach_the_workers_households(market):
    params, community, _, book, rec = market
    paid, workers = rec["wage"], rec["workers"]
    assert np.array_equal(paid > 0, workers > 0)
    lo, hi = params.wages.min(), params.wages.max() * (1 + params.training_wage_uplift)
    assert np.all(paid >= lo * workers - 1e-9)
    assert np.all(paid <= hi * workers + 1e-9)
    assert np.all(community.landless_target[(paid > 0).any(axis=0)])
    assert abs(book.total()) <= 1e-9 * np.abs(book.household_flows).sum()


# -- the full simulation -------------------------------------------------------------------


def test_money_is_conserved_and_firms_sell_their_wage_bill():
    sc, pol = _scenario(JobsParams())
    run = simulate(sc, pol, seed=4)
    assert_conserved(run)
    # the firms' net wages: the bill less the displaced outside workers' wages (their own
    # account pays those), the additional share only; the market buys the new output
    wages = -_firm(run, Source.WAGE)
    assert np.all(wages > 0)
    np.testing.assert_allclose(_firm(run, Source.SALES), wages, rtol=1e-12)
    # firms' balances move only by the public-welfare post subsidy
    gov = run.institution("government")[:, Source.OPERATIONS]
    training = 167 * 1_200.0
    np.testing.assert_allclose(-gov[:3], _firm(run, Source.OPERATIONS)[:3] + training)
    assert np.all(gov[3:] == 0)


def test_agreement_with_the_appraisal():
    # the county's workers' wage gain (the firms' net wages: the bill less the displaced
    # workers' wages) within 4%: the simulated places are full at each month end (against
    # the steady state's places less turnover) and the trained are chosen among queued
    # seekers only
    params = JobsParams()
    sc, pol = _scenario(params, years=6)
    run = simulate(sc, pol, seed=5)
    expected = appraise(params.evolve(seekers=_seekers(run.community)), horizon_years=5).items
    wages = -_firm(run, Source.WAGE)
    np.testing.assert_allclose(wages[2:], expected["county_wage_gain"][2:], rtol=0.04)
    subsidy = _firm(run, Source.OPERATIONS)
    np.testing.assert_allclose(subsidy[1:3], expected["wage_subsidy"][1:3], rtol=0.05)
    assert np.all(subsidy[3:] == 0)


def test_reproducible():
    sc, pol = _scenario(JobsParams())
    a = simulate(sc, pol, seed=7)
    b = simulate(sc, pol, seed=7)
    assert np.array_equal(a.income, b.income)
    assert np.array_equal(a.household_flows, b.household_flows)


def test_dated_change_of_wages():
    sc, pol = _scenario(JobsParams(), (Period(36, None, {"wage_scale": 2.0}),))
    base_sc, base = _scenario(JobsParams())
    doubled = -_firm(simulate(sc, pol, seed=4), Source.WAGE)
    plain = -_firm(simulate(base_sc, base, seed=4), Source.WAGE)
    np.testing.assert_allclose(doubled[:3], plain[:3])
    np.testing.assert_allclose(doubled[3:], 2 * plain[3:])


def test_no_places_no_training_changes_nothing():
    inert = JobsParams(jobs=tuple(j.evolve(places=0) for j in JobsParams().jobs),
                       training_rounds=0)  # fmt: skip
    sc, pol = _scenario(inert)
    run = simulate(sc, pol, seed=4)
    base_sc, base = _scenario(None)
    assert np.array_equal(run.household_flows, simulate(base_sc, base, seed=4).household_flows)
    for name in (*FIRM_ACCOUNTS, "government"):
        assert np.all(run.institution(name)[:, Source.WAGE] == 0)
        assert np.all(run.institution(name)[:, Source.OPERATIONS] == 0)
